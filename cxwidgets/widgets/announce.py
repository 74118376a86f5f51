"""What changes on its own, said politely to screen readers: one live region per page.

A sighted person sees a note appear on the board, the countdown turn red and the screen
move to the next step; a person using a screen reader hears none of it unless it is said.
The `Announcer` is that voice: a hidden HTML widget of class `cx-live`, which the kit's
page makes a polite live region (`role=status`, read when the person is idle, never
interrupting). It must not flood: what happens between two announcements is gathered
into one sentence ("3 new entries on the board"), spoken at most once every `gap`
seconds, with the newest word on the step and on the time replacing older ones.

It decides nothing about the workshop: the screens tell it what happened.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import ipywidgets as w

from cxwidgets.language import _
from cxwidgets.method import words as L
from cxwidgets.method.model import Workshop
from cxwidgets.method.steps import TOTAL_STEPS, step
from cxwidgets.widgets.base import esc
from cxwidgets.widgets.board import step_entries
from cxwidgets.widgets.session import LiveWorkshop

#: Seconds between two announcements, at least: time for a sentence to be read out.
GAP_S = 5.0
#: Seconds left at which the countdown's last minute is announced.
LAST_MINUTE_S = 60.0


def new_entries_words(n: int) -> str:
    """The sentence for `n` entries others added since the last announcement."""
    return _("{entries} on the board.").format(entries=L.count(n, "new entry", "new entries"))


class Announcer(w.HTML):
    """The page's polite live region, fed by the screens, spoken at a calm pace."""

    def __init__(self, live: LiveWorkshop, gap_s: float = GAP_S) -> None:
        super().__init__("")
        self.add_class("cx-live")
        self.add_class("cx-sr-only")
        self.live = live
        self.gap = dt.timedelta(seconds=gap_s)
        self.spoken_at: dt.datetime | None = None
        #: Waiting to be said, by kind ("step", "time"): the newest of a kind wins.
        self.pending: dict[str, str] = {}
        self.new_entries = 0
        self._step_key = ""
        self._seen: set[str] = set()
        live.observe(self._on_workshop, "workshop")
        live.observe(lambda _: self.flush(), "now")

    # -- what the screens report ---------------------------------------------------

    def moved_to(self, key: str, by_room: bool = True) -> None:
        """The screen now shows step `key`; entries already there are not news."""
        s = step(key)
        if key != self._step_key and self._step_key:  # not on opening the page
            said = (_("The room moved to step {number} of {total}: {title}.") if by_room
                    else _("Now on step {number} of {total}: {title}."))
            self.say("step", said.format(number=s.number, total=TOTAL_STEPS, title=s.name))
            self.new_entries = 0
        self._step_key = key
        self._seen = self._entry_ids(self.live.workshop)

    def time_left(self, seconds: float, before: float | None) -> None:
        """The countdown moved from `before` to `seconds` left: said when it enters its
        last minute and when time is up, once each."""
        if before is None:
            return
        if before > LAST_MINUTE_S >= seconds > 0:
            self.say("time", _("One minute left on this step."))
        elif before > 0 >= seconds:
            self.say("time", _("Time is up for this step."))

    def say(self, kind: str, text: str) -> None:
        """Queue `text`; said now if the last announcement is old enough."""
        self.pending[kind] = text
        self.flush()

    # -- speaking ------------------------------------------------------------------

    def flush(self) -> None:
        """Say what is waiting, if anything is and the pause since the last is over."""
        if not self.pending and not self.new_entries:
            return
        now = self.live.now
        if self.spoken_at is not None and now - self.spoken_at < self.gap:
            return
        parts = [self.pending[k] for k in ("step", "time") if k in self.pending]
        if self.new_entries:
            parts.append(new_entries_words(self.new_entries))
        self.pending.clear()
        self.new_entries = 0
        self.spoken_at = now
        self.value = f"<p>{esc(' '.join(parts))}</p>"

    def _entry_ids(self, workshop: Workshop) -> set[str]:
        if not self._step_key:
            return set()
        return {e.id for _, e in step_entries(workshop, self._step_key)}

    def _on_workshop(self, change: dict[str, Any]) -> None:
        """Count the entries others added to the step on screen since last seen."""
        if not self._step_key:
            return
        me = self.live.editor.author
        found = step_entries(change["new"], self._step_key)
        fresh = [e for _, e in found if e.id not in self._seen and e.created_by != me]
        self._seen = {e.id for _, e in found}
        if fresh:
            self.new_entries += len(fresh)
            self.flush()
