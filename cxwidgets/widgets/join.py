"""The participant's way in: join code, display name and function.

A wrong code is answered in the form itself; nothing is written until the code matches
a workshop. On success `on_joined` receives the participant's Editor.
"""

from __future__ import annotations

from collections.abc import Callable

import ipywidgets as w

from cxwidgets.exceptions import CxError
from cxwidgets.method import words as L
from cxwidgets.method.model import Function
from cxwidgets.store import Editor, Store
from cxwidgets.widgets.base import esc

#: The function list's first entry: the person has not said (stored as "Other").
NOT_PICKED = ""


class JoinForm(w.VBox):
    """Code + name + function, one button; errors shown under the button."""

    def __init__(self, store: Store, on_joined: Callable[[Editor], None], code: str = "") -> None:
        self.store = store
        self.on_joined = on_joined
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
        self.button.disabled = True
        try:
            editor = Editor.join(self.store, self.code.value, self.name.value,
                                 self.function.value or Function.other.value, self.group.value)
        except CxError as exc:
            self.notice.value = f"<span class='cx-error' role='alert'>⚠ {esc(exc)}</span>"
            self.button.disabled = False
            return
        self.notice.value = ""
        self.on_joined(editor)
