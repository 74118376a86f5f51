"""The door of a workshop: how fast people may come in, and from where.

A room arrives at about one person a second; a script clicking "Join" arrives hundreds of
times a second and fills every "Dots of" and "Rating by" list with made-up people. Three
limits keep the door a door; each refusal is a `Throttled` that says what and why, and
how long to wait, and writes nothing:

* per workshop: at most `Settings.join_rate` new participants in a moving window,
  whichever page, kernel or server they come through. The store counts the seats made
  (`cx_joins`) in the transaction that makes the new one, after it has taken the
  workshop's write lock, so the count holds across every kernel, on SQLite and
  PostgreSQL alike (`check_arrival`, called by `Store.join`);
* per page: one participant page (one kernel, one `Page`) seats at most
  `Settings.page_joins` people in a moving window, counted in the same place; and a page
  that has seated someone in a workshop gets that seat back when it asks again, so a
  repeated Join makes nothing new (`Page.seated`);
* wrong join codes: a page's first few wrong codes cost nothing (people mistype); after
  `Settings.wrong_codes` of them each further try waits, 2 s at first and twice as long
  after each wrong code, up to a minute, and a try made while the page waits is refused
  without the code being looked at (`Page.may_try`, `Page.missed`). This count lives in
  the page's kernel: a wrong code names no workshop to count it in, and counting across
  pages would let a stranger lock everyone out; the server's lobby already limits how
  many pages one address may open.

A seat made without a page (a script or test holding the store itself, the sample) meets
only the workshop's limit. Clocks are injected (`Store.clock`, `Page(clock=...)`) so
tests can move time.
"""

from __future__ import annotations

import math
import secrets
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cache
from typing import TYPE_CHECKING

import sqlalchemy as sa
from sqlalchemy.engine import Connection

from cxwidgets.exceptions import Throttled
from cxwidgets.language import _, ngettext
from cxwidgets.settings import Settings
from cxwidgets.store.sql_tables import joins

if TYPE_CHECKING:
    from cxwidgets.store.editor import Editor

#: The wait after the page's first wrong code beyond the free ones; each further wrong
#: code doubles it, up to `LONGEST_WAIT_S`.
FIRST_WAIT_S = 2.0
LONGEST_WAIT_S = 60.0


@dataclass(frozen=True)
class Rate:
    """`amount` in any moving window of `seconds`, read from a setting like "20/10second"."""

    amount: int
    seconds: float

    @staticmethod
    @cache
    def parse(text: str) -> Rate:
        from limits import parse  # heavy: limits, only when `parse` runs

        item = parse(text)
        return Rate(int(item.amount), float(item.get_expiry()))

    @property
    def window(self) -> str:
        """The window in words: "10 seconds", "minute", "2 hours"."""
        for unit, size in (("hour", 3600), ("minute", 60), ("second", 1)):
            if self.seconds >= size and self.seconds % size == 0:
                n = int(self.seconds // size)
                return unit if n == 1 else f"{n} {unit}s"
        return seconds_words(self.seconds)


@dataclass(frozen=True)
class Limits:
    """The door's limits in force (`Settings.join_rate`, `page_joins`, `wrong_codes`)."""

    per_workshop: Rate
    per_page: Rate
    free_wrong_codes: int

    @classmethod
    def of(cls, settings: Settings) -> Limits:
        return cls(Rate.parse(settings.join_rate), Rate.parse(settings.page_joins),
                   settings.wrong_codes)


def seconds_words(seconds: float) -> str:
    """A wait in whole seconds, rounded up, never "0 seconds"."""
    n = max(1, math.ceil(seconds - 1e-9))
    return ngettext("{n} second", "{n} seconds", n).format(n=n)


@dataclass(eq=False)
class Page:
    """One participant page (one kernel): its random id, the seats it made, its wrong codes.

    The page's screens hand it to `Editor.join` (and `Editor.resume`, whose seat then
    notes this page's presence); the id is made here, in the kernel, never taken from
    the browser.
    """

    clock: Callable[[], float] = time.monotonic
    id: str = field(default_factory=lambda: f"g{secrets.token_hex(8)}")
    #: Seats this page made, by workshop id (named for the type checker only, which keeps
    #: this module free of the editor, which builds on it).
    seats: dict[str, Editor] = field(default_factory=dict)
    #: Wrong join codes tried, and until when (by `clock`) the page now waits.
    misses: int = 0
    waits_until: float = 0.0

    def seated(self, workshop_id: str) -> Editor | None:
        """The seat this page made in the workshop, if any: a repeated Join gets it back."""
        return self.seats.get(workshop_id)

    def may_try(self) -> None:
        """Refuse a try while the page waits after wrong codes, without looking at it."""
        left = self.waits_until - self.clock()
        if left > 0:
            raise Throttled(_(
                "this page has been given several wrong join codes, so it waits a little "
                "before it takes another, longer after each wrong one (so that codes "
                "cannot be guessed): try again in {wait}. Meanwhile check the code on the "
                "facilitator's screen; what you typed is kept.").format(
                    wait=seconds_words(left)), left)

    def missed(self, free: int) -> str:
        """Count a wrong code; what the person should know about the wait it starts."""
        self.misses += 1
        beyond = self.misses - free
        if beyond < 0:
            return ""
        wait = min(LONGEST_WAIT_S, FIRST_WAIT_S * 2 ** beyond)
        self.waits_until = self.clock() + wait
        return " " + _("After several wrong codes this page waits {wait} before it takes "
                       "another code, so that codes cannot be guessed.").format(
                           wait=seconds_words(wait))


def check_arrival(conn: Connection, workshop_id: str, page: str, now: float,
                  limits: Limits) -> None:
    """Raise `Throttled` if the workshop, or the page, has seated its share lately.

    Run by `Store.join` after it holds the workshop's write lock, so every seat counted
    here is committed and no other join of this workshop can slip in before this one
    is written (`record_arrival`)."""
    rate = limits.per_workshop
    recent = conn.execute(sa.select(sa.func.count(), sa.func.min(joins.c.at)).where(
        joins.c.workshop_id == workshop_id, joins.c.at > now - rate.seconds)).one()
    if recent[0] >= rate.amount:
        wait = recent[1] + rate.seconds - now
        raise Throttled(_(
            "this workshop has taken in {amount} people in the last {window}, the most it "
            "takes at once, so that a script cannot fill it with made-up people. Please "
            "press Join again in {wait}; what you typed is kept.").format(
                amount=rate.amount, window=rate.window, wait=seconds_words(wait)), wait)
    if not page:
        return
    share = limits.per_page
    mine = conn.execute(sa.select(sa.func.count(), sa.func.min(joins.c.at)).where(
        joins.c.page == page, joins.c.at > now - share.seconds)).one()
    if mine[0] >= share.amount:
        raise Throttled(_(
            "this page has already brought {amount} people into workshops in the last "
            "{window}, the most one page may. To join as someone else, open the "
            "workshop's link on that person's own phone or laptop.").format(
                amount=share.amount, window=share.window), mine[1] + share.seconds - now)


def record_arrival(conn: Connection, workshop_id: str, participant_id: str, page: str,
                   now: float) -> None:
    """The new seat, for the next `check_arrival`: when, and from which page."""
    conn.execute(sa.insert(joins).values(workshop_id=workshop_id,
                                         participant_id=participant_id, page=page, at=now))
