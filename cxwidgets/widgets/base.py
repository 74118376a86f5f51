"""`StepWidget`: what every step screen shares.

A step shows short instructions (what to do, why, about how long, and a tip only the
facilitator sees), its own controls, and a notice line where its errors appear, right
where the person is looking. It renders from `LiveWorkshop.workshop` and saves through
`LiveWorkshop.edit`; it never holds state the store does not have.
"""

from __future__ import annotations

import html
import re
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any, ClassVar, TypeVar

import ipywidgets as w

from cxwidgets.language import _
from cxwidgets.method.model import Workshop
from cxwidgets.method.steps import Step, step
from cxwidgets.method.views import author_of
from cxwidgets.store import Editor
from cxwidgets.widgets.session import ERROR, LiveWorkshop

T = TypeVar("T")


def esc(text: object) -> str:
    """Everything people type is shown as text, never as HTML."""
    return html.escape(str(text), quote=True)


def author_html(workshop: Workshop, author: str) -> str:
    """Who wrote an entry, for a screen: a participant's name as text; the facilitator,
    customer evidence and customers as a role badge drawn from the author's id, which
    no name can imitate (a name is escaped text, and names that read as roles are
    refused when people join)."""
    who = author_of(workshop, author)
    if not who.is_role:
        return esc(who.name)
    return (f"<span class='cx-role cx-role-{who.role}' title='{esc(who.role_word)}'>"
            f"★ {esc(_(who.name))}</span>")


class StepWidget(w.VBox):
    """Base class of the 16 step screens, and of the techniques around them.

    A step screen names its `step_key`; a technique (empathy map, test-and-learn log ...)
    leaves it empty and names its `technique` instead: both get the same instructions,
    notice line, saving and re-rendering.
    """

    step_key: ClassVar[str] = ""
    technique: ClassVar[str] = ""
    #: The instructions. A step screen takes them from its `Step` record (set when the
    #: class is made); a technique writes its own.
    what: ClassVar[str]
    #: What a participant is asked to do, where part of `what` is the facilitator's alone.
    what_for_participants: ClassVar[str] = ""
    why: ClassVar[str]
    minutes: ClassVar[int]
    tip: ClassVar[str]

    def __init_subclass__(cls, **kwargs: Any) -> None:
        super().__init_subclass__(**kwargs)
        if cls.step_key:
            s = step(cls.step_key)
            cls.what, cls.why, cls.minutes, cls.tip = s.what, s.why, s.minutes, s.tip
            cls.what_for_participants = s.what_for_participants

    def __init__(self, live: LiveWorkshop, **kwargs: Any) -> None:
        self.live = live
        self.step: Step | None = step(self.step_key) if self.step_key else None
        self._syncing = False
        #: True while the step is on screen: heavy parts (charts) are drawn only then.
        self.shown = False
        #: A Stepper hides the steps not on screen; they re-render when shown again.
        self.hidden = False
        self.notice = w.HTML("").add_class("cx-notice")
        built = self.build()
        if not any(part is self.notice for part in built):  # under the controls by default
            built.append(self.notice)
        super().__init__(children=[self._intro(), *built], **kwargs)
        if self.step_key:
            self.add_class("cx-step")
            self.add_class(f"cx-step-{self.step_key}")
        else:
            self.add_class("cx-technique")
            self.add_class(f"cx-technique-{self.technique}")
        live.observe(self._on_workshop, "workshop")
        self._render_now(live.workshop)

    # -- for subclasses -------------------------------------------------------------

    def build(self) -> list[w.Widget]:
        """Create the step's controls (once)."""
        raise NotImplementedError

    def render(self, workshop: Workshop) -> None:
        """Show `workshop` in the controls; called on every change from anyone."""
        raise NotImplementedError

    def on_show(self) -> None:
        """Called the first time the step is on screen (and each time after); cheap steps
        need nothing here, chart steps draw their charts."""

    def show(self) -> None:
        """The Stepper (or a one-step app) calls this when the step comes on screen."""
        self.shown, self.hidden = True, False
        self._render_now(self.live.workshop)
        # said last, after its charts were sent: the page knows the screen is complete
        self.add_class("cx-on-screen")

    def hide(self) -> None:
        """Off screen: other people's edits are noted, and shown when the step returns."""
        self.shown, self.hidden = False, True
        self.remove_class("cx-on-screen")

    def save(self, action: Callable[..., T], *args: Any, at: w.HTML | None = None,
             **kwargs: Any) -> T | None:
        """Send one edit and show its outcome in the notice line `at` (the step's own
        unless a control far from it has one of its own)."""
        result = self.live.edit(action, *args, **kwargs)
        if self.live.status == ERROR:
            self.show_error(self.live.message, at)
        else:
            self.clear_notices()
        return result

    def show_error(self, message: str, at: w.HTML | None = None) -> None:
        """Say what went wrong right under the control that was used (`at`)."""
        self.clear_notices()
        (at or self.notice).value = (f'<span class="cx-error" role="alert">⚠ '
                                     f'{esc(said(message))}</span>')

    def show_done(self, message: str, at: w.HTML | None = None) -> None:
        self.clear_notices()
        (at or self.notice).value = (f'<span class="cx-ok" role="status">✓ '
                                     f'{esc(said(message))}</span>')

    def notice_line(self) -> w.HTML:
        """A notice line of its own for a control far from the step's main one."""
        line = w.HTML("").add_class("cx-notice")
        self._notices = [*getattr(self, "_notices", []), line]
        return line

    def clear_notices(self) -> None:
        for line in (self.notice, *getattr(self, "_notices", [])):
            line.value = ""

    @property
    def editor(self) -> Editor:
        return self.live.editor

    @contextmanager
    def syncing(self) -> Iterator[None]:
        """While the store's values are copied into controls, their observers stay quiet."""
        self._syncing, before = True, self._syncing
        try:
            yield
        finally:
            self._syncing = before

    # -- internals ------------------------------------------------------------------

    def _intro(self) -> w.HTML:
        what = self.what
        if self.what_for_participants and not self.live.editor.is_facilitator:
            what = self.what_for_participants
        parts = [
            "<p class='cx-what'><b>" + esc(_("What to do.")) + f"</b> {esc(_(what))}</p>",
            "<p class='cx-why'><b>" + esc(_("Why.")) + f"</b> {esc(_(self.why))}</p>",
            "<p class='cx-time'>{}</p>".format(
                esc(_("About {minutes} minutes.").format(minutes=self.minutes))),
        ]
        if self.live.editor.is_facilitator:
            parts.append("<p class='cx-tip'><b>" + esc(_("Facilitator tip.")) + f"</b> "
                         f"{esc(_(self.tip))}</p>")
        return w.HTML("".join(parts)).add_class("cx-intro")

    def _on_workshop(self, change: dict[str, Any]) -> None:
        if not self.hidden:
            self._render_now(change["new"])

    def _render_now(self, workshop: Workshop) -> None:
        with self.syncing():
            self.render(workshop)
            if self.shown:
                self.on_show()


def said(message: str) -> str:
    """A message for a person (a notice, an error the kit raised) in the language spoken:
    the catalogue's translation where the message is one of its words, else as written
    (a message that carries what someone typed is not in any catalogue)."""
    text = str(message)
    translated = _(text)
    if translated != text:
        return translated
    # a refusal the store words in lower case is shown with a capital: try that form too
    capital = text[:1].upper() + text[1:]
    translated = _(capital)
    return translated if translated != capital else text


def set_options(control: w.Widget, options: list[tuple[str, Any]]) -> None:
    """Replace a selection control's options, keeping what was selected where it still exists.

    Other people's edits re-render every screen; without this, a dropdown someone is
    about to use would jump back to its first entry each time anyone typed anything.
    """
    if list(control.options) == options:
        return
    values = {v for _, v in options}
    if isinstance(control, w.SelectMultiple):
        keep = tuple(v for v in control.value if v in values)
        control.options = options
        control.value = keep
        return
    keep = control.value
    control.options = options
    if options:
        control.value = keep if keep in values else options[0][1]


def table(headers: list[str], rows: list[list[str]], cls: str = "") -> str:
    """An HTML table; cells must already be escaped (they often hold markup of our own).

    Each cell carries its column's name (`data-label`), so on a phone, where the style
    sheet turns every row into a card, a cell still says what it is.
    """
    head = "".join(f"<th>{h}</th>" for h in headers)
    labels = [_attribute(h) for h in headers]
    body = "".join(
        "<tr>" + "".join(f'<td data-label="{labels[k] if k < len(labels) else ""}">{c}</td>'
                         for k, c in enumerate(row)) + "</tr>" for row in rows)
    return (f"<div class='cx-table-box'><table class='cx-table {cls}'><thead><tr>{head}</tr>"
            f"</thead><tbody>{body}</tbody></table></div>")


def _attribute(markup: str) -> str:
    """Escaped markup (a column heading) as the text of an attribute value."""
    return re.sub(r"<[^>]*>", "", markup).replace('"', "&quot;").strip()


def allow(button: w.Button, allowed: bool, why_not: str) -> None:
    """Enable `button`, or disable it and say why in its tooltip (a greyed-out button
    that does not say why looks broken)."""
    button.disabled = not allowed
    button.tooltip = "" if allowed else why_not
