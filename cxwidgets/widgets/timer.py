"""The facilitator's countdown, one per step, shown in the header of every screen.

A timer is part of the workshop (saved like any edit), so every screen showing the
workshop shows the same countdown; it ticks from `LiveWorkshop.now`, which the polling
task moves on each second. Only the facilitator sets, starts, pauses and resets it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import ipywidgets as w

from cxwidgets.language import _
from cxwidgets.method.model import StepTimer
from cxwidgets.widgets.base import esc
from cxwidgets.widgets.session import LiveWorkshop

if TYPE_CHECKING:
    from cxwidgets.widgets.announce import Announcer


def clock_text(seconds: float) -> str:
    """12:05 for time left; "+1:30" once time is up."""
    over = seconds < 0
    whole = int(abs(seconds) + (0 if over else 0.999))
    text = f"{whole // 60}:{whole % 60:02d}"
    return f"+{text}" if over else text


class TimerBar(w.HBox):
    """Countdown display plus, for the facilitator, minutes / start / pause / reset."""

    def __init__(self, live: LiveWorkshop) -> None:
        self.live = live
        self.step_key = ""
        self.default_minutes = 10
        #: Where the last minute and the end of time are said (set by the app's screen).
        self.announcer: Announcer | None = None
        self._left_before: float | None = None
        self.display = w.HTML().add_class("cx-timer")
        self.minutes = w.BoundedIntText(min=1, max=480, value=10, description=_("Minutes"),
                                        layout=w.Layout(width="9em"),
                                        style={"description_width": "4.5em"}
                                        ).add_class("cx-timer-minutes")
        self.start = w.Button(description=_("Start"), icon="play", layout=w.Layout(width="6em")
                              ).add_class("cx-timer-start")
        self.pause = w.Button(description=_("Pause"), icon="pause", layout=w.Layout(width="6em")
                              ).add_class("cx-timer-pause")
        self.reset = w.Button(description=_("Reset"), icon="undo", layout=w.Layout(width="6em")
                              ).add_class("cx-timer-reset")
        controls = [self.minutes, self.start, self.pause, self.reset]
        self.start.on_click(lambda _: self._set("start"))
        self.pause.on_click(lambda _: self._set("pause"))
        self.reset.on_click(lambda _: self._set("reset"))
        shown = controls if live.editor.is_facilitator else []
        super().__init__([self.display, *shown], layout=w.Layout(align_items="center"))
        self.add_class("cx-timer-bar")
        live.observe(self._draw, ["now", "workshop"])

    def for_step(self, step_key: str, minutes: int) -> None:
        """Show the timer of `step_key` (its own minutes, or the step's suggestion)."""
        if step_key != self.step_key:
            self._left_before = None
        self.step_key, self.default_minutes = step_key, minutes
        timer = self.timer
        self.minutes.value = int(timer.minutes) if timer else minutes
        self._draw()

    @property
    def timer(self) -> StepTimer | None:
        return self.live.workshop.timers.get(self.step_key)

    def remaining(self) -> float:
        timer = self.timer
        if timer is None:
            return float(self.minutes.value) * 60.0
        return timer.remaining(self.live.now)

    def _draw(self, _change: Any = None) -> None:
        timer = self.timer
        left = self.remaining()
        state = (_("running") if timer and timer.running else _("paused") if timer
                 else _("not started"))
        if self.announcer is not None:
            running = bool(timer and timer.running)
            self.announcer.time_left(left, self._left_before if running else None)
            self._left_before = left if running else None
        css = "cx-timer-over" if left < 0 else "cx-timer-low" if left < 60 else ""
        words = (_("{clock} over time") if left < 0 else _("{clock} left")).format(
            clock=clock_text(left))
        self.display.value = (f"<span class='cx-clock {css}' role='timer' aria-live='off'>"
                              f"{esc(words)}</span> "
                              f"<span class='cx-small'>({esc(state)})</span>")
        self.start.disabled = bool(timer and timer.running)
        self.pause.disabled = not (timer and timer.running)

    def _set(self, what: str) -> None:
        self.live.tick()
        now, timer = self.live.now, self.timer
        if what == "reset" or timer is None:
            timer = StepTimer(minutes=self.minutes.value)
        elif timer.minutes != self.minutes.value and not timer.running:
            timer = timer.model_copy(update={"minutes": float(self.minutes.value)})
        if what == "start":
            timer = timer.started(now)
        elif what == "pause":
            timer = timer.paused(now)
        self.live.edit(self.live.editor.set_timer, self.step_key, timer)
        self._draw()
