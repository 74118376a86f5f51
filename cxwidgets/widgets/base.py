"""`StepWidget`: what every step screen shares.

A step shows short instructions (what to do, why, about how long, and a tip only the
facilitator sees), its own controls, and a notice line where its errors appear, right
where the person is looking. It renders from `LiveWorkshop.workshop` and saves through
`LiveWorkshop.edit`; it never holds state the store does not have.
"""

from __future__ import annotations

import html
from collections.abc import Callable
from contextlib import contextmanager
from typing import Any, ClassVar, TypeVar

import ipywidgets as w

from cxwidgets.model import Workshop
from cxwidgets.steps import Step, step
from cxwidgets.widgets.session import ERROR, LiveWorkshop

T = TypeVar("T")


def esc(text: object) -> str:
    """Everything people type is shown as text, never as HTML."""
    return html.escape(str(text), quote=True)


class StepWidget(w.VBox):
    """Base class of the 16 step screens."""

    step_key: ClassVar[str]
    what: ClassVar[str]
    why: ClassVar[str]
    minutes: ClassVar[int]
    tip: ClassVar[str]

    def __init__(self, live: LiveWorkshop, **kwargs: Any) -> None:
        self.live = live
        self.step: Step = step(self.step_key)
        self._syncing = False
        self.notice = w.HTML("").add_class("cx-notice")
        super().__init__(children=[self._intro(), *self.build(), self.notice], **kwargs)
        self.add_class("cx-step")
        self.add_class(f"cx-step-{self.step_key}")
        live.observe(self._on_workshop, "workshop")
        self._render_now(live.workshop)

    # -- for subclasses -------------------------------------------------------------

    def build(self) -> list[w.Widget]:
        """Create the step's controls (once)."""
        raise NotImplementedError

    def render(self, workshop: Workshop) -> None:
        """Show `workshop` in the controls; called on every change from anyone."""
        raise NotImplementedError

    def save(self, action: Callable[..., T], *args: Any, **kwargs: Any) -> T | None:
        """Send one edit and show its outcome in this step's notice line."""
        result = self.live.edit(action, *args, **kwargs)
        if self.live.status == ERROR:
            self.show_error(self.live.message)
        else:
            self.notice.value = ""
        return result

    def show_error(self, message: str) -> None:
        self.notice.value = f'<span class="cx-error" role="alert">⚠ {esc(message)}</span>'

    @property
    def editor(self):
        return self.live.editor

    @contextmanager
    def syncing(self):
        """While the store's values are copied into controls, their observers stay quiet."""
        self._syncing, before = True, self._syncing
        try:
            yield
        finally:
            self._syncing = before

    # -- internals ------------------------------------------------------------------

    def _intro(self) -> w.HTML:
        parts = [
            f"<p class='cx-what'><b>What to do.</b> {esc(self.what)}</p>",
            f"<p class='cx-why'><b>Why.</b> {esc(self.why)}</p>",
            f"<p class='cx-time'>About {self.minutes} minutes.</p>",
        ]
        if self.live.editor.is_facilitator:
            parts.append(f"<p class='cx-tip'><b>Facilitator tip.</b> {esc(self.tip)}</p>")
        return w.HTML("".join(parts)).add_class("cx-intro")

    def _on_workshop(self, change: dict[str, Any]) -> None:
        self._render_now(change["new"])

    def _render_now(self, workshop: Workshop) -> None:
        with self.syncing():
            self.render(workshop)
