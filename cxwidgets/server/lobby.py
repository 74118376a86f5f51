"""The lobby: who may open an app page now, who waits and in what order, and which kernel
belongs to whom.

Voila starts (or hands out) a kernel for every GET of an app page, browser or not, and a
page that opens again (a reload, or a page recovering from a failure) asks for another
one while the first lives on until it is reclaimed. A room of slow devices whose pages
recovered by reloading ran 220 kernels for 40 people, and their start-ups took the CPU
the pages needed. The lobby stands between a page request and a kernel:

* a person's page holds a *ticket* (a secret the server hands out, kept by the browser).
  A ticket has at most one kernel, ever at a time: a page that opens again with its ticket
  is served its own kernel again (the page it was first rendered with), never a new one;
* a request without a ticket, or whose ticket is still waiting, gets the small lobby page,
  which costs the server no kernel. The lobby page asks for a ticket and waits its turn,
  in order of arrival, the facilitator's first. As many pages open at once as there are
  kernels kept warm for their app (handing one out costs next to nothing), plus
  `capacity` more that need a kernel started; the others see their place in the line and
  an estimate made from how long the last openings took;
* a kernel whose page said goodbye is kept `return_within` seconds for the page to come
  back (a reload), then given back; a kernel rendered for a page that never connected and
  never showed a sign of life for `first_connect_within` seconds is given back too, so a
  request that never becomes a person costs nothing for long.

Pure bookkeeping: no sockets, no tornado, no kernels. The clock is injected so tests can
move time. `cxwidgets.server.handlers` turns HTTP requests into these calls, and
`cxwidgets.server.kernels` reports connections and kernels that ended.
"""

from __future__ import annotations

import math
import secrets
import time
from collections import deque
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from enum import Enum
from typing import Any

from cxwidgets.server.words import LINE_FULL, TOO_MANY_FROM_ONE

#: Seconds an opening is assumed to take before any has been measured.
FIRST_GUESS_S = 4.0
#: Openings whose duration feeds the estimate.
MEASURED = 20


class Stage(str, Enum):
    """Where a ticket is on its way to a page with its kernel."""

    QUEUED = "queued"        # waiting for its turn; its page is the lobby
    ADMITTED = "admitted"    # its turn has come: the page may be opened now
    OPENING = "opening"      # the page is being rendered (a kernel is being handed out)
    OPEN = "open"            # rendered: the ticket has a kernel and a page to serve again
    FAILED = "failed"        # the page could not be opened; `failure` says why
    ENDED = "ended"          # its kernel ended; asking again puts it back in line


class LobbyFull(Exception):
    """Raised when a ticket is asked for beyond what the lobby accepts (too many from one
    address in a short time, or a line longer than any room); the message says so.

    `word` is the message in the pages' catalogue (`server.words`) and `values` fill it,
    so the page that is refused is told in its own language."""

    def __init__(self, word: str, **values: str) -> None:
        self.word, self.values = word, values
        super().__init__(word.format(**values))


@dataclass
class Ticket:
    """One person's place: in the line, then at a page with its kernel."""

    id: str
    key: str                  # the page it is for: app and query ("participant.ipynb?code=..")
    app: str
    address: str
    number: int               # order of arrival
    priority: bool = False    # the facilitator's page goes first
    stage: Stage = Stage.QUEUED
    entered: float = 0.0
    seen: float = 0.0         # the page's last sign of life (lobby poll, page ping)
    admitted_at: float | None = None
    opening_since: float | None = None
    kernel_id: str | None = None
    page: str | None = None   # the rendered page, complete, served again to this ticket
    served_at: float | None = None
    connections: int = 0      # open websockets of its kernel
    ever_connected: bool = False
    gone_since: float | None = None   # no websocket since (after one was there)
    left: bool = False        # the page said goodbye
    failure: str = ""
    opens: int = 0            # times a page was rendered for this ticket
    reopens: int = 0          # times its page was served again from the ticket

    def public(self) -> dict[str, Any]:
        return {"stage": self.stage.value, "failure": self.failure}


@dataclass
class LobbyStats:
    tickets: dict[str, int]
    queued: int
    opening: int
    renders: int
    reopens: int
    reclaimed: int
    refused: int


@dataclass
class Lobby:
    """The line and the tickets of one server (see the module docstring)."""

    capacity: int = 2
    return_within: float = 30.0
    first_connect_within: float = 60.0
    forget_waiting_after: float = 30.0
    forget_idle_after: float = 3600.0
    admitted_for: float = 30.0
    max_waiting: int = 500
    new_per_address: int = 20
    new_window: float = 10.0
    clock: Callable[[], float] = time.monotonic
    on_change: Callable[[], None] | None = None
    #: kernels kept warm (ready to hand out) for an app, as the kernel manager counts them
    warm: Callable[[str], int] = lambda app: 0
    _tickets: dict[str, Ticket] = field(default_factory=dict)
    _by_kernel: dict[str, str] = field(default_factory=dict)
    _arrivals: int = 0
    _durations: deque[float] = field(default_factory=lambda: deque(maxlen=MEASURED))
    _recent: dict[str, deque[float]] = field(default_factory=dict)
    _counts: dict[str, int] = field(default_factory=lambda: {
        "renders": 0, "reopens": 0, "reclaimed": 0, "refused": 0})
    version: int = 0

    # -- arriving and waiting ----------------------------------------------------------

    def enter(self, key: str, app: str, address: str, ticket_id: str | None = None,
              priority: bool = False) -> Ticket:
        """The ticket for a page: the one the browser holds, if it is for this page, or a
        new one at the end of the line. Raises LobbyFull when no new ticket is given."""
        now = self.clock()
        held = self._tickets.get(ticket_id or "")
        if held is not None and held.key == key:
            held.seen = now
            if held.stage in (Stage.FAILED, Stage.ENDED):  # back in line, in its old place
                held.stage, held.failure = Stage.QUEUED, ""
                self._changed()
            self.admit()
            return held
        self._allow_new(address, now)
        self._arrivals += 1
        ticket = Ticket(id=secrets.token_urlsafe(24), key=key, app=app, address=address,
                        number=self._arrivals, priority=priority, entered=now, seen=now)
        self._tickets[ticket.id] = ticket
        self._changed()
        self.admit()
        return ticket

    def _allow_new(self, address: str, now: float) -> None:
        recent = self._recent.setdefault(address, deque())
        while recent and now - recent[0] > self.new_window:
            recent.popleft()
        if len(recent) >= self.new_per_address:
            self._counts["refused"] += 1
            raise LobbyFull(TOO_MANY_FROM_ONE, pages=str(self.new_per_address),
                            seconds=f"{self.new_window:.0f}")
        if len(self.waiting()) >= self.max_waiting:
            self._counts["refused"] += 1
            raise LobbyFull(LINE_FULL, pages=str(self.max_waiting))
        recent.append(now)

    def find(self, ticket_id: str | None) -> Ticket | None:
        return self._tickets.get(ticket_id or "")

    def by_kernel(self, kernel_id: str) -> Ticket | None:
        return self._tickets.get(self._by_kernel.get(kernel_id, ""))

    def waiting(self) -> list[Ticket]:
        """Tickets in line, in the order they will be admitted."""
        queued = [t for t in self._tickets.values() if t.stage is Stage.QUEUED]
        return sorted(queued, key=lambda t: (not t.priority, t.number))

    def position(self, ticket: Ticket) -> int | None:
        """1 for the next to be admitted; None when not in line."""
        if ticket.stage is not Stage.QUEUED:
            return None
        return next(k for k, t in enumerate(self.waiting(), 1) if t is ticket)

    def estimate(self, ticket: Ticket) -> float | None:
        """Seconds until this ticket's page is open, from the openings measured so far:
        the rounds of `capacity` openings ahead of it, and its own."""
        place = self.position(ticket)
        if place is None:
            return None
        typical = (sum(self._durations) / len(self._durations) if self._durations
                   else FIRST_GUESS_S)
        at_once = max(1, self.capacity + self.warm(ticket.app))
        return math.ceil(place / at_once) * typical + typical

    def status(self, ticket: Ticket) -> dict[str, Any]:
        """What the lobby page shows: the stage, the place in line and the estimate."""
        estimate = self.estimate(ticket)
        return {**ticket.public(), "position": self.position(ticket),
                "estimate_s": None if estimate is None else round(estimate, 1),
                "version": self.version}

    # -- turns ------------------------------------------------------------------------

    def opening_now(self, app: str | None = None) -> int:
        """Pages being opened (or admitted moments ago and about to be), of `app` or of
        all: what the room for openings counts. An admitted page that has not come within
        `admitted_for` seconds keeps its admission but no longer holds a place."""
        now = self.clock()
        return sum(1 for t in self._tickets.values()
                   if (app is None or t.app == app) and (t.stage is Stage.OPENING or (
                       t.stage is Stage.ADMITTED and t.admitted_at is not None
                       and now - t.admitted_at < self.admitted_for)))

    def room_for(self, app: str) -> int:
        """Pages of `app` that may start opening now: the warm kernels, and `capacity`
        openings that start a kernel, less those under way."""
        return self.capacity + self.warm(app) - self.opening_now(app)

    def admit(self) -> list[Ticket]:
        """Admit the next in line while there is room for them, in order; the tickets
        admitted."""
        admitted = []
        for ticket in self.waiting():
            if self.room_for(ticket.app) <= 0:
                break
            ticket.stage, ticket.admitted_at = Stage.ADMITTED, self.clock()
            admitted.append(ticket)
        if admitted:
            self._changed()
        return admitted

    def may_open(self, ticket: Ticket) -> bool:
        """True when a request with this ticket is served an app page (not the lobby)."""
        return ticket.stage in (Stage.ADMITTED, Stage.OPENING, Stage.OPEN)

    def reusable(self, ticket: Ticket) -> bool:
        """True when the ticket's page can be served again as it is, with its kernel."""
        return ticket.stage is Stage.OPEN and bool(ticket.page) and bool(ticket.kernel_id)

    # -- opening a page ---------------------------------------------------------------

    def opening(self, ticket: Ticket) -> None:
        ticket.stage, ticket.opening_since, ticket.failure = Stage.OPENING, self.clock(), ""
        self._changed()

    def bind(self, ticket: Ticket, kernel_id: str) -> None:
        """The kernel the page being opened got (known as soon as the page names it)."""
        if ticket.kernel_id and ticket.kernel_id != kernel_id:
            self._by_kernel.pop(ticket.kernel_id, None)
        ticket.kernel_id = kernel_id
        self._by_kernel[kernel_id] = ticket.id

    def opened(self, ticket: Ticket, page: str | None) -> None:
        """The page was rendered; `page` is its whole text, or None if it came out
        incomplete (then it is rendered anew next time, with a new kernel)."""
        now = self.clock()
        if ticket.opening_since is not None:
            self._durations.append(now - ticket.opening_since)
        self._counts["renders"] += 1
        ticket.stage, ticket.page, ticket.served_at = Stage.OPEN, page, now
        ticket.opens += 1
        ticket.seen, ticket.left, ticket.gone_since = now, False, None
        self._changed()
        self.admit()

    def reopened(self, ticket: Ticket) -> None:
        """The ticket's page was served again, with the same kernel."""
        now = self.clock()
        self._counts["reopens"] += 1
        ticket.reopens += 1
        ticket.seen, ticket.served_at, ticket.left = now, now, False
        self._changed()

    def failed(self, ticket: Ticket, reason: str) -> None:
        ticket.stage, ticket.failure, ticket.page = Stage.FAILED, reason, None
        ticket.opening_since = None
        self._changed()
        self.admit()

    # -- the page's life ----------------------------------------------------------------

    def alive(self, ticket: Ticket) -> None:
        ticket.seen = self.clock()

    def connected(self, kernel_id: str) -> None:
        ticket = self.by_kernel(kernel_id)
        if ticket is None:
            return
        ticket.connections += 1
        ticket.ever_connected, ticket.gone_since, ticket.left = True, None, False
        ticket.seen = self.clock()
        self._changed()

    def disconnected(self, kernel_id: str) -> None:
        ticket = self.by_kernel(kernel_id)
        if ticket is None:
            return
        ticket.connections = max(0, ticket.connections - 1)
        if not ticket.connections:
            ticket.gone_since = self.clock()
        self._changed()

    def said_goodbye(self, kernel_id: str) -> None:
        """The page is being closed or reloaded: its kernel waits `return_within` for it."""
        ticket = self.by_kernel(kernel_id)
        if ticket is None:
            return
        ticket.left = True
        ticket.gone_since = ticket.gone_since or self.clock()
        self._changed()

    def kernel_gone(self, kernel_id: str) -> None:
        """The kernel ended (reclaimed, shut down, died). When its page asks again the
        ticket goes back in line in its old place (ahead of later arrivals) and opens anew."""
        ticket = self.by_kernel(kernel_id)
        self._by_kernel.pop(kernel_id, None)
        if ticket is None or ticket.kernel_id != kernel_id:
            return
        ticket.kernel_id, ticket.page, ticket.connections = None, None, 0
        if ticket.stage in (Stage.OPEN, Stage.ADMITTED):
            ticket.stage = Stage.ENDED
        self._changed()

    # -- giving back ----------------------------------------------------------------

    def reclaimable(self) -> list[str]:
        """Kernels to give back now: a page that said goodbye and did not come back within
        `return_within`, or a page that never connected and showed no sign of life for
        `first_connect_within`. (A page that vanished without a word is the kernel
        manager's page-gone rule.)"""
        now = self.clock()
        return [t.kernel_id for t in self._tickets.values()
                if t.kernel_id is not None and t.stage is Stage.OPEN and not t.connections
                and (self._left_for_good(t, now) or self._never_came(t, now))]

    def _left_for_good(self, ticket: Ticket, now: float) -> bool:
        return ticket.left and ticket.gone_since is not None \
            and now - ticket.gone_since > self.return_within

    def _never_came(self, ticket: Ticket, now: float) -> bool:
        last_sign = max(ticket.seen, ticket.served_at or 0.0)
        return not ticket.ever_connected and now - last_sign > self.first_connect_within

    def count_reclaimed(self, n: int = 1) -> None:
        self._counts["reclaimed"] += n

    def expire(self) -> int:
        """Forget tickets nobody holds any more: a line place whose lobby page stopped
        asking (closed while waiting), and tickets with no kernel unseen for an hour.
        Returns how many were forgotten."""
        now = self.clock()
        gone = [t for t in self._tickets.values()
                if (t.stage is Stage.QUEUED and now - t.seen > self.forget_waiting_after)
                or (t.kernel_id is None and t.stage is not Stage.QUEUED
                    and now - t.seen > self.forget_idle_after)]
        for ticket in gone:
            del self._tickets[ticket.id]
        for address, recent in list(self._recent.items()):
            if not recent or now - recent[-1] > self.new_window:
                del self._recent[address]
        if gone:
            self._changed()
            self.admit()
        return len(gone)

    # -- figures --------------------------------------------------------------------

    def stats(self) -> LobbyStats:
        stages: dict[str, int] = {s.value: 0 for s in Stage}
        for ticket in self._tickets.values():
            stages[ticket.stage.value] += 1
        return LobbyStats(tickets=stages, queued=len(self.waiting()),
                          opening=self.opening_now(), **self._counts)

    def __iter__(self) -> Iterator[Ticket]:
        return iter(list(self._tickets.values()))

    def _changed(self) -> None:
        self.version += 1
        if self.on_change is not None:
            self.on_change()
