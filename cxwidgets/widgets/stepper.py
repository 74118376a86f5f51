"""The `Stepper`: the wizard shell that walks the room through the steps.

Header ("Step k of 16 · title") with the step's countdown, a progress bar over all 16
steps, back/next, a jump list and the save status. A stepper may hold any subset of the
steps (a short session runs a few); the header always counts against the full 16 so the
room knows where it is in the whole exercise. A step is told when it comes on screen, so
its charts are drawn only then.

Steps may be given as screens or as screen classes; a class is made into its screen the
first time the step comes on screen (or `steps` is read), so a facilitator's page opens
with the one step on screen built, not sixteen: a fraction of the widgets to make, send
and draw.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, TypeGuard

import ipywidgets as w

from cxwidgets.language import _
from cxwidgets.method.steps import TOTAL_STEPS, step
from cxwidgets.widgets.announce import Announcer
from cxwidgets.widgets.base import StepWidget, esc, said
from cxwidgets.widgets.session import ERROR, SAVED, LiveWorkshop
from cxwidgets.widgets.timer import TimerBar


class Stepper(w.VBox):
    """Navigation and status around a sequence of `StepWidget`s."""

    def __init__(self, live: LiveWorkshop,
                 steps: Sequence[StepWidget | type[StepWidget]], start: int = 0) -> None:
        if not steps:
            raise ValueError("a Stepper needs at least one step")
        self.live = live
        self._made: list[StepWidget | None] = []
        self._kinds: list[type[StepWidget]] = []
        for s in steps:
            if _is_screen(s):
                self._made.append(s)
                self._kinds.append(type(s))
            elif not isinstance(s, StepWidget):  # always, here: it says `s` is a class
                self._made.append(None)
                self._kinds.append(s)
        #: the step keys, in this stepper's order (known without building any screen)
        self.step_keys = [kind.step_key for kind in self._kinds]
        self.heading = w.HTML().add_class("cx-heading")
        self.progress = w.IntProgress(min=0, max=TOTAL_STEPS, description=_("")
                                      ).add_class("cx-progress")
        self.status = w.HTML().add_class("cx-save-status")
        self.back = w.Button(description=_("Back"), icon="arrow-left",
                             tooltip=_("Previous step")).add_class("cx-back")
        self.next = w.Button(description=_("Next"), icon="arrow-right", button_style="primary",
                             tooltip=_("Next step")).add_class("cx-next")
        self.jump = w.Dropdown(
            options=[(f"{s.number}. {s.name}", i)
                     for i, s in enumerate(step(key) for key in self.step_keys)],
            value=max(0, min(start, len(self.step_keys) - 1)), description=_("Go to"),
            layout=w.Layout(width="auto"),  # the longest title whole
        ).add_class("cx-jump")
        self.stack = w.Stack(children=[made or w.VBox() for made in self._made],
                             selected_index=self.jump.value)
        w.link((self.jump, "value"), (self.stack, "selected_index"))
        self.back.on_click(lambda _: self.go(self.index - 1))
        self.next.on_click(lambda _: self.go(self.index + 1))
        self.jump.observe(lambda _: self._show_position(), "value")
        live.observe(self._show_status, ["status", "message"])
        self.timer = TimerBar(live)
        #: says the step now shown, the last minute and new entries to screen readers
        self.announcer = Announcer(live)
        self.timer.announcer = self.announcer
        nav = w.HBox([self.back, self.next, self.jump, self.status],
                     layout=w.Layout(flex_flow="row wrap")).add_class("cx-nav")
        # the keys work on the kit's own page (its template listens for them); the line
        # is shown there only (see style.py), not in JupyterLab
        keys = w.HTML("<p class='cx-hint'>Keys: <kbd>Alt</kbd>+<kbd>Shift</kbd>+<kbd>N</kbd>"
                      " next step · <kbd>Alt</kbd>+<kbd>Shift</kbd>+<kbd>B</kbd> previous step"
                      " · <kbd>Tab</kbd> moves between fields</p>").add_class("cx-keys-hint")
        top = w.HBox([self.heading, self.timer], layout=w.Layout(
            justify_content="space-between", align_items="center", flex_flow="row wrap"))
        super().__init__(children=[top, self.progress, nav, keys, self.stack,
                                   self.announcer])
        self.add_class("cx-stepper")
        self._show_position()
        self._show_status()

    @property
    def index(self) -> int:
        return int(self.jump.value)

    @property
    def steps(self) -> list[StepWidget]:
        """Every step's screen (built now if not yet)."""
        return [self.screen(i) for i in range(len(self._kinds))]

    @property
    def current(self) -> StepWidget:
        return self.screen(self.index)

    def screen(self, index: int) -> StepWidget:
        """The screen of the step at `index`, built on first use."""
        made = self._made[index]
        if made is None:
            made = self._made[index] = self._kinds[index](self.live)
            if index != self.index:
                made.hide()
            # into its place holder: the stack's own children never change (a browser
            # redrawing a stack whose children changed shows its first child)
            self.stack.children[index].children = [made]
        return made

    def go(self, index: int) -> None:
        """Show step `index` (position in this stepper), clamped to the ends."""
        self.jump.value = max(0, min(index, len(self._kinds) - 1))

    def _show_position(self) -> None:
        # the heading first: it changes at once, while a screen shown for the first time
        # is still being built
        s = step(self.step_keys[self.index])
        count = _("Step {number} of {total}").format(number=s.number, total=TOTAL_STEPS)
        self.heading.value = (f"<h2><span class='cx-step-count'>{esc(count)}</span> · "
                              f"{esc(s.name)}</h2>")
        self.progress.value = s.number
        self.back.disabled = self.index == 0
        self.next.disabled = self.index == len(self._kinds) - 1
        self.timer.for_step(s.key, s.minutes)
        self.announcer.moved_to(s.key, by_room=False)
        current = self.current
        for other in self._made:
            if other is not None and other is not current:
                other.hide()
        current.show()

    def _show_status(self, _change: Any = None) -> None:
        if self.live.status == ERROR:
            self.status.value = ("<span class='cx-error'>" + esc(_("Not saved: {why}").format(
                why=said(self.live.message))) + "</span>")
        elif self.live.status == SAVED:
            self.status.value = f"<span class='cx-ok'>✓ {esc(said(self.live.message))}</span>"
        else:
            self.status.value = "<span class='cx-idle'>{}</span>".format(
                esc(_("Changes save as you go")))


def _is_screen(step: StepWidget | type[StepWidget]) -> TypeGuard[StepWidget]:
    """`step` is a screen, not a screen's class. (`isinstance` alone does not tell the type
    checker: StepWidget's base has no types, so for all it knows a class could be one.)"""
    return isinstance(step, StepWidget)
