"""The live link between one Editor and the widgets on one screen.

Widgets never talk to the store: they call `LiveWorkshop.edit(...)`, which sends the
edit through the Editor, reports success or a readable error in `status`/`message`,
and refreshes `workshop`, which every widget observes. Other people's edits arrive by
`refresh()`, called from an asyncio polling task (ipykernel 7 breaks widget updates from
threads), so the one-way flow holds: store -> workshop trait -> widgets.

The same polling keeps the room's presence (`keep_presence`): a participant's page notes
that it is open every `Settings.presence_every` seconds, and the facilitator's page reads
which seats are open in two or more browsers three times as often (`crowded`), which
the facilitator's room list shows.
"""

from __future__ import annotations

import asyncio
import datetime as dt
import logging
from collections.abc import Callable
from typing import Any, TypeVar

import traitlets
from limits import parse, storage, strategies

from cxwidgets.exceptions import CxError, StoreUnavailable
from cxwidgets.language import N_, _
from cxwidgets.method.model import Workshop
from cxwidgets.method.moderation import visible
from cxwidgets.method.views import agreed_personas
from cxwidgets.settings import current
from cxwidgets.store import Editor

log = logging.getLogger(__name__)
T = TypeVar("T")

SAVED, ERROR, IDLE = "saved", "error", "idle"
SLOW_DOWN = N_("You are adding things faster than anyone can read them: wait a few seconds "
               "and try again. Nothing was lost; the last change was not saved.")


class FloodGate:
    """Per-seat rate limit for participants' edits (the facilitator is never limited)."""

    def __init__(self, rate: str = "") -> None:
        """`rate`: edits per moving window (default `Settings.edit_rate`); far above
        anyone typing, rating or voting by hand, low enough that a flood of edits cannot
        slow the room."""
        self.item = parse(rate or current().edit_rate)
        self.limiter = strategies.MovingWindowRateLimiter(storage.MemoryStorage())

    def allow(self, seat: str) -> bool:
        return self.limiter.hit(self.item, seat)


def utc_now() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


class LiveWorkshop(traitlets.HasTraits):
    """Observable state of one workshop as seen from one seat.

    Besides the workshop itself it carries the little view state that several steps
    share: which persona the room is working on, and the clock (so timers tick and
    "overdue" is judged from one place, and tests can set the time).
    """

    workshop = traitlets.Instance(Workshop)
    seq = traitlets.Int(0)
    status = traitlets.Unicode(IDLE)
    message = traitlets.Unicode("")
    persona_id = traitlets.Unicode("")
    #: The facilitator's screen is on the projector (larger type, the map a stage at a
    #: time); a participant's never is.
    projector = traitlets.Bool(False)
    now = traitlets.Instance(dt.datetime)
    #: False while the store does not answer (a database server restarting): every
    #: screen shows a calm notice, and the poller keeps trying until it answers again.
    connected = traitlets.Bool(True)
    #: For the facilitator: participants' seats open in two or more browsers lately
    #: (participant id -> how many); empty on everyone else's pages.
    crowded = traitlets.Dict()

    def __init__(self, editor: Editor, clock: Callable[[], dt.datetime] = utc_now,
                 gate: FloodGate | None = None) -> None:
        super().__init__()
        self.editor = editor
        self.clock = clock
        self.gate = None if editor.is_facilitator else (gate or FloodGate())
        self.now = clock()
        self._poller: asyncio.Task[None] | None = None
        self._full: Workshop | None = None
        #: When (by `clock`) presence was last noted or read; None: not yet.
        self._presence_at: dt.datetime | None = None
        self.refresh(force=True)
        self.keep_presence()

    def today(self) -> dt.date:
        return self.now.date()

    def tick(self) -> None:
        """Move `now` on; timers and due dates follow it."""
        self.now = self.clock()

    def version(self, name: str) -> Workshop:
        """The workshop as it was when version `name` was saved."""
        return self.editor.store.version_state(self.editor.workshop_id, name)

    def edit(self, action: Callable[..., T], *args: Any, **kwargs: Any) -> T | None:
        """Run one edit through the Editor; never raise into a widget callback.

        A `CxError` is the user's to fix and is shown as it is; anything else is ours and
        is logged while the user gets a calm message (their earlier work is in the log).
        """
        if self.gate is not None and not self.gate.allow(self.editor.author):
            self.status, self.message = ERROR, _(SLOW_DOWN)
            return None
        try:
            result = action(*args, **kwargs)
        except StoreUnavailable as exc:
            self.connected = False
            self.status, self.message = ERROR, str(exc)
            return None
        except CxError as exc:
            self.status, self.message = ERROR, str(exc)
            return None
        except Exception:
            log.exception("edit failed")
            self.status = ERROR
            self.message = _("That change could not be saved; everything saved before is "
                             "safe.")
            return None
        self.refresh()
        stamp = dt.datetime.now().strftime("%H:%M:%S")
        self.status, self.message = SAVED, _("All changes saved · {time}").format(time=stamp)
        return result

    def refresh(self, force: bool = False) -> bool:
        """Take in what anyone has appended since; True when the workshop changed.

        Only the new events are read and applied to the workshop this seat already
        holds (`Editor.current`, shared with the checks of its edits): one small query
        when nothing is new, and no re-validation of what did not change, so an edit
        costs each screen little however big the room or the workshop. `force` folds the
        whole log again."""
        first = self._full is None
        full, seq = self.editor.current(fresh=force)
        if not first and not force and seq == self.seq:
            return False
        #: everything, hidden entries included (the facilitator's board lists those)
        self._full = self.full = full
        workshop = visible(self.full)
        # the room works on an agreed persona as soon as there is one
        offered = agreed_personas(workshop) or workshop.personas
        if self.persona_id not in {p.id for p in offered}:
            self.persona_id = offered[0].id if offered else ""
        self.workshop = workshop
        self.seq = seq
        return True

    def start_polling(self, interval: float = 1.0) -> asyncio.Task[None] | None:
        """Follow other people's edits from the kernel's event loop (no thread)."""
        if self._poller is not None and not self._poller.done():
            return self._poller
        try:
            loop = asyncio.get_running_loop()
        except RuntimeError:  # no kernel loop (plain Python, headless tests): nothing to follow
            return None
        self._poller = loop.create_task(self._poll(interval))
        return self._poller

    def stop_polling(self) -> None:
        if self._poller is not None:
            self._poller.cancel()
            self._poller = None

    def check(self) -> None:
        """One look at the store: move the clock on and take in others' edits (and keep
        the room's presence). A store that does not answer marks the screen as
        reconnecting; the next look that works clears it."""
        self.tick()
        try:
            self.refresh()
        except StoreUnavailable:
            self.connected = False
            return
        self.connected = True
        self.keep_presence()

    def keep_presence(self) -> None:
        """When it is due by `clock`: a participant's page notes that it is open; the
        facilitator's page reads which seats are open in several browsers (`crowded`).

        Best effort: a store that does not answer now is told again at the next turn,
        and the reconnecting notice is the refresh's to show."""
        every = current().presence_every
        if self.editor.is_facilitator:
            every /= 3  # a second browser shows within a third of a participant's period
        now = self.now
        if self._presence_at is not None and (now - self._presence_at).total_seconds() < every:
            return
        self._presence_at = now
        try:
            if self.editor.is_facilitator:
                self.crowded = self.editor.crowded_seats()
            else:
                self.editor.note_presence()
        except StoreUnavailable:
            self._presence_at = None
        except Exception:  # nothing may stop the poller
            log.exception("keeping the room's presence failed")

    async def _poll(self, interval: float) -> None:
        """Wait for others' edits: on PostgreSQL the store's change feed wakes this task
        as soon as anyone appends; on SQLite it looks once per `interval`. Either way the
        clock ticks every `interval` (the timers) and a store that stops answering shows
        the reconnecting notice until it answers again."""
        store, wid = self.editor.store, self.editor.workshop_id
        while True:
            try:
                seq = await store.wait_for_change(wid, self.seq, interval)
            except StoreUnavailable:
                self.connected = False
                await asyncio.sleep(interval)
                continue
            except Exception:  # nothing may kill the poller
                log.exception("waiting for changes failed")
                await asyncio.sleep(interval)
                continue
            try:
                self.tick()
                if seq > self.seq or not self.connected:
                    self.check()
                else:
                    self.keep_presence()
            except Exception:
                log.exception("refresh failed")
