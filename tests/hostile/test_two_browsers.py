"""Two browsers on one seat: allowed (the saved seat is the proof), and shown to the
facilitator.

Mallory copies Ana's saved seat into her own browser and becomes Ana; that is the
design. What the facilitator must see is that Ana's seat is now open in two browsers.
Each participant page notes itself in the store from its polling; the facilitator's room
list (the board beside the stepper, and step 1's "Who is in the room") marks a seat with
two or more pages seen within the last minute. Run on SQLite and PostgreSQL.
"""

from __future__ import annotations

import html

import pytest

from cxwidgets.apps import participant_app
from cxwidgets.settings import current
from cxwidgets.store import Editor
from cxwidgets.testing import StoppedClock
from cxwidgets.widgets import LiveWorkshop
from cxwidgets.widgets.board import RoomBoard
from cxwidgets.widgets.frame import FrameSession
from cxwidgets.widgets.join import JoinForm
from cxwidgets.widgets.memory import BrowserMemory


@pytest.fixture
def db(db_on_both):
    return db_on_both




def find(widget, kind):
    """The first widget of `kind` in an app's tree."""
    if isinstance(widget, kind):
        return widget
    for child in getattr(widget, "children", ()):
        found = find(child, kind)
        if found is not None:
            return found
    return None


def seen_by_facilitator(board: RoomBoard, clock: StoppedClock) -> str:
    """The board's people line once the facilitator's page has looked again (it reads
    who is where every third of `presence_every`)."""
    clock.advance(current().presence_every / 3)
    board.live.check()
    return html.unescape(board.people.value)


def test_a_copied_seat_shows_as_open_in_two_browsers(db, store, created, facilitator):
    """Two participant apps, as two kernels: Ana joins in hers; Mallory's browser holds a
    copy of Ana's saved seat, and her app takes it."""
    screen = StoppedClock()
    board = RoomBoard(LiveWorkshop(facilitator, clock=screen.as_time), "frame")
    anas = participant_app(db, code=created.join_code)
    form = find(anas, JoinForm)
    form.name.value = "Ana"
    form.button.click()
    saved = find(anas, BrowserMemory).value
    assert "open in" not in seen_by_facilitator(board, screen)  # one browser: no mark

    mallorys = participant_app(db, code=created.join_code)
    find(mallorys, BrowserMemory).loaded = saved  # her browser hands the copy over
    assert find(mallorys, JoinForm) is None  # she is Ana now
    assert "Ana · open in 2 browsers" in seen_by_facilitator(board, screen)

    frame = FrameSession(board.live)
    assert "Ana · open in 2 browsers" in html.unescape(frame.who.value)


def test_only_pages_seen_within_the_last_minute_count(store, created, facilitator):
    from cxwidgets.store.door import Page

    clock = StoppedClock()
    store.clock = clock
    ana = Editor.join(store, created.join_code, "Ana", page=Page())
    copy = Editor.resume(store, created.join_code, ana.author, ana.secret, page=Page())
    ben = Editor.join(store, created.join_code, "Ben", page=Page())
    for seat in (ana, copy, ben):
        seat.note_presence()
    assert facilitator.crowded_seats() == {ana.author: 2}
    window = 2 * current().presence_every
    clock.advance(window - 1)
    ana.note_presence()  # Ana's own page is still there; the copy went quiet
    assert facilitator.crowded_seats() == {ana.author: 2}
    clock.advance(2)
    assert facilitator.crowded_seats() == {}


def test_a_page_notes_itself_rarely_and_never_as_an_event(store, created, facilitator):
    """One small write per page every `presence_every` seconds, outside the event log:
    nobody's screen is woken by it and the history does not grow."""
    from cxwidgets.store.door import Page

    writes: list[str] = []
    note = store.note_presence

    def counted(*args, **kwargs):
        writes.append(args[2])
        return note(*args, **kwargs)

    store.note_presence = counted
    clock = StoppedClock()
    ana = Editor.join(store, created.join_code, "Ana", page=Page())
    before = store.last_seq(created.id)
    live = LiveWorkshop(ana, clock=clock.as_time)
    every = current().presence_every
    for _ in range(int(10 * every)):  # ten periods of a poll a second
        clock.advance(1)
        live.check()
    assert 10 <= len(writes) <= 11 and set(writes) == {ana.page}
    assert store.last_seq(created.id) == before


def test_only_the_facilitator_reads_who_is_where(store, created, participant):
    from cxwidgets.exceptions import NotAllowed

    with pytest.raises(NotAllowed):
        participant.crowded_seats()
