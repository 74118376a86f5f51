"""The participant's way in: join code, display name, function and language.

A wrong code, a name that is refused, a workshop or page that has let in its share for
now: each is answered in the form itself, in words, with everything typed kept; nothing
is written until the join succeeds. On success `on_joined` receives the participant's
Editor, once: the form belongs to one page (`Page`), and a Join clicked again after
that (by a script: the form is gone from the screen by then) makes nothing new. The
limits themselves are the store's and the editor's (`cxwidgets.store.door`), not the
form's.

The form speaks the language its link asks for (the room's, when the facilitator's link
carries it); picking a language in the form switches the form to it at once, and the
participant's screens speak it after joining. Left on "the workshop's language", the
participant follows the room's.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import ipywidgets as w

from cxwidgets import language
from cxwidgets.exceptions import CxError
from cxwidgets.language import _
from cxwidgets.method import words as L
from cxwidgets.method.model import Function
from cxwidgets.store import Editor, Store
from cxwidgets.store.door import Page
from cxwidgets.widgets.base import esc, said
from cxwidgets.widgets.fields import Text

#: The function list's first entry: the person has not said (stored as "Other").
NOT_PICKED = ""


class JoinForm(w.VBox):
    """Code + name + function + language, one button; errors shown under the button."""

    def __init__(self, store: Store, on_joined: Callable[[Editor], None], code: str = "",
                 page: Page | None = None, lang: str = "") -> None:
        self.store = store
        self.on_joined = on_joined
        #: The participant page this form is on (one per kernel): the door counts its
        #: seats and its wrong codes.
        self.page = page or Page()
        #: The seat this form made; once there, Join does nothing more.
        self.joined: Editor | None = None
        #: The language the form speaks (the link's), until the person picks one.
        self.shown_in = language.use(lang) if lang else language.current()
        self.code = Text(value=code[:12]).add_class("cx-join-code")
        self.name = Text().add_class("cx-join-name")
        # nobody is counted as Sales for not touching the list: "not sure" until picked
        self.function = w.Dropdown(options=L.options_not_sure(L.FUNCTION), value=NOT_PICKED
                                   ).add_class("cx-join-function")
        self.group = Text().add_class("cx-join-group")
        #: "" (the workshop's language) or a language the person picked.
        self.language = w.Dropdown(options=self._languages(), value=""
                                   ).add_class("cx-join-language")
        self.button = w.Button(button_style="primary", icon="sign-in").add_class("cx-join")
        self.heading = w.HTML()
        self.notice = w.HTML().add_class("cx-notice")
        self.button.on_click(self._join)
        self.language.observe(self._pick_language, "value")
        super().__init__(children=[
            self.heading, self.code, self.name, self.function, self.group, self.language,
            self.button, self.notice,
        ])
        self._words()
        self.add_class("cx-join-form")

    @staticmethod
    def _languages() -> list[tuple[str, str]]:
        return [(_("The workshop's language"), ""),
                *[(name, code) for code, name in language.LANGUAGES.items()]]

    def _words(self) -> None:
        """Every word of the form, in the language it speaks now."""
        self.heading.value = "<h2>{}</h2><p>{}</p>".format(
            esc(_("Join the workshop")),
            esc(_("Type the code shown on the facilitator's screen and the name you want "
                  "others to see.")))
        self.code.description, self.code.placeholder = _("Join code"), _("e.g. K7Q2MZ")
        self.name.description, self.name.placeholder = (_("Your name"),
                                                        _("As the room knows you"))
        self.function.description = _("Function")
        function = self.function.value
        self.function.options = L.options_not_sure(L.FUNCTION)
        self.function.value = function
        self.group.description, self.group.placeholder = (_("Group"),
                                                          _("Optional, e.g. Table 2"))
        self.language.description = _("Language")
        picked = self.language.value
        self.language.options = self._languages()
        self.language.value = picked
        self.button.description = _("Join the workshop")

    def _pick_language(self, change: dict[str, Any]) -> None:
        """The form switches to the language picked (to the link's when unpicked)."""
        self.shown_in = language.use(change["new"] or self.shown_in)
        self._words()

    def _join(self, _button: w.Button) -> None:
        if self.joined is not None:
            return
        self.button.disabled = True
        try:
            editor = Editor.join(self.store, self.code.value, self.name.value,
                                 self.function.value or Function.other.value, self.group.value,
                                 page=self.page, language=self.language.value)
        except CxError as exc:
            self.notice.value = (f"<span class='cx-error' role='alert'>⚠ "
                                 f"{esc(said(str(exc)))}</span>")
            self.button.disabled = False
            return
        self.joined = editor
        self.notice.value = ""
        self.on_joined(editor)
