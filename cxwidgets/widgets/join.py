"""The participant's way in: join code, display name and function.

A wrong code, a name that is refused, a workshop or page that has let in its share for
now: each is answered in the form itself, in words, with everything typed kept; nothing
is written until the join succeeds. On success `on_joined` receives the participant's
Editor, once: the form belongs to one page (`Page`), and a Join clicked again after
that (by a script: the form is gone from the screen by then) makes nothing new. The
limits themselves are the store's and the editor's (`cxwidgets.store.door`), not the
form's.
"""

from __future__ import annotations

from collections.abc import Callable

import ipywidgets as w

from cxwidgets.exceptions import CxError
from cxwidgets.method import words as L
from cxwidgets.method.model import Function
from cxwidgets.store import Editor, Store
from cxwidgets.store.door import Page
from cxwidgets.widgets.base import esc

#: The function list's first entry: the person has not said (stored as "Other").
NOT_PICKED = ""


class JoinForm(w.VBox):
    """Code + name + function, one button; errors shown under the button."""

    def __init__(self, store: Store, on_joined: Callable[[Editor], None], code: str = "",
                 page: Page | None = None) -> None:
        self.store = store
        self.on_joined = on_joined
        #: The participant page this form is on (one per kernel): the door counts its
        #: seats and its wrong codes.
        self.page = page or Page()
        #: The seat this form made; once there, Join does nothing more.
        self.joined: Editor | None = None
        self.code = w.Text(value=code[:12], description="Join code", placeholder="e.g. K7Q2MZ"
                           ).add_class("cx-join-code")
        self.name = w.Text(description="Your name", placeholder="As the room knows you"
                           ).add_class("cx-join-name")
        # nobody is counted as Sales for not touching the list: "not sure" until picked
        self.function = w.Dropdown(options=L.options_not_sure(L.FUNCTION),
                                   value=NOT_PICKED, description="Function"
                                   ).add_class("cx-join-function")
        self.group = w.Text(description="Group", placeholder="Optional, e.g. Table 2"
                            ).add_class("cx-join-group")
        self.button = w.Button(description="Join the workshop", button_style="primary",
                               icon="sign-in").add_class("cx-join")
        self.notice = w.HTML().add_class("cx-notice")
        self.button.on_click(self._join)
        super().__init__(children=[
            w.HTML("<h2>Join the workshop</h2><p>Type the code shown on the facilitator's "
                   "screen and the name you want others to see.</p>"),
            self.code, self.name, self.function, self.group, self.button, self.notice,
        ])
        self.add_class("cx-join-form")

    def _join(self, _button: w.Button) -> None:
        if self.joined is not None:
            return
        self.button.disabled = True
        try:
            editor = Editor.join(self.store, self.code.value, self.name.value,
                                 self.function.value or Function.other.value, self.group.value,
                                 page=self.page)
        except CxError as exc:
            self.notice.value = f"<span class='cx-error' role='alert'>⚠ {esc(exc)}</span>"
            self.button.disabled = False
            return
        self.joined = editor
        self.notice.value = ""
        self.on_joined(editor)
