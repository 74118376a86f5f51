"""The store's door: joins counted under the write lock, pages noted outside the log.

Runs on SQLite and PostgreSQL (tests/store/conftest.py). The attacks themselves, through
the join form, are in tests/hostile/test_joins.py and test_two_browsers.py.
"""

from __future__ import annotations

import pytest
import sqlalchemy as sa

from cxwidgets import exceptions
from cxwidgets.settings import current
from cxwidgets.store import Editor, Store, to_url
from cxwidgets.testing import StoppedClock


def a_page():
    """A participant page of its own (imported here, so that on a kit without a door
    each test fails on its own)."""
    from cxwidgets.store.door import Page

    return Page()




@pytest.fixture
def clock(store) -> StoppedClock:
    stopped = StoppedClock()
    store.clock = stopped
    return stopped


def rows(store: Store, table: str) -> int:
    with store.engine.connect() as conn:
        return conn.execute(sa.text(f"SELECT COUNT(*) FROM {table}")).scalar_one()


def test_a_refused_join_writes_nothing_and_says_how_long_to_wait(store, created, clock):
    from cxwidgets.store.door import Rate

    rate = Rate.parse(current().join_rate)
    for n in range(rate.amount):
        Editor.join(store, created.join_code, f"Person {n}")
        clock.advance(0.25)
    before = (store.last_seq(created.id), rows(store, "cx_seats"), rows(store, "cx_joins"))
    with pytest.raises(exceptions.Throttled) as refused:
        Editor.join(store, created.join_code, "One too many")
    # the first of the burst leaves the window first
    assert refused.value.wait == pytest.approx(rate.seconds - rate.amount * 0.25)
    assert (store.last_seq(created.id), rows(store, "cx_seats"),
            rows(store, "cx_joins")) == before
    clock.advance(refused.value.wait)
    assert Editor.join(store, created.join_code, "Now in").display_name == "Now in"


def test_a_join_is_one_transaction_its_entry_and_its_seat(store, created):
    """The participant's entry and their seat are written together: a seat without a
    person (or a person without a seat to come back to) cannot happen."""
    ana = Editor.join(store, created.join_code, "Ana", page=a_page())
    assert rows(store, "cx_seats") == rows(store, "cx_joins") == 1
    with store.engine.connect() as conn:
        page = conn.execute(sa.text("SELECT page FROM cx_joins")).scalar_one()
    assert page == ana.page and ana.page
    assert Editor.resume(store, created.join_code, ana.author, ana.secret).author == ana.author


def test_a_page_is_one_row_however_often_it_says_so(store, created, clock):
    ana = Editor.join(store, created.join_code, "Ana", page=a_page())
    for _ in range(5):
        ana.note_presence()
        clock.advance(30)
    with store.engine.connect() as conn:
        seen = conn.execute(sa.text("SELECT seen FROM cx_presence")).scalars().all()
    assert seen == [pytest.approx(clock.now - 30)]


def test_a_seat_without_a_page_notes_nothing(store, created, participant):
    participant.note_presence()  # a script's seat (tests, the sample): no page to show
    assert rows(store, "cx_presence") == 0


def test_an_older_store_gets_the_new_tables(db):
    Store(db).close()
    engine = sa.create_engine(to_url(db))
    with engine.begin() as conn:
        conn.execute(sa.text("DROP TABLE cx_joins"))
        conn.execute(sa.text("DROP TABLE cx_presence"))
    engine.dispose()
    with Store(db) as store:  # opening it adds them back
        created = store.create_workshop("Later")
        ana = Editor.join(store, created.join_code, "Bo", page=a_page())
        ana.note_presence()
        assert rows(store, "cx_joins") == rows(store, "cx_presence") == 1
