"""Hammering "Join": a script, many pages at once, wrong codes. The door holds.

Each attack drives the participant's join form headless (`.value`, `.click()`), as the
widget messages from a browser (or a websocket client) would; each page is its own
`JoinForm`, and a page of its own kernel gets a `Store` of its own. The limits are the
server's settings (`Settings.join_rate`, `page_joins`, `wrong_codes`); the store keeps
the count under its write lock, so every test here runs on SQLite and on PostgreSQL.
"""

from __future__ import annotations

import re
import threading
import time

import pytest
import sqlalchemy as sa

from cxwidgets.settings import current
from cxwidgets.store import Editor, Store
from cxwidgets.testing import StoppedClock
from cxwidgets.widgets.join import JoinForm

# The door's own names are imported inside the tests that use them, so that on a kit
# without a door each test fails on its own, by what it sees.


@pytest.fixture
def db(db_on_both):
    return db_on_both




@pytest.fixture
def clock(store) -> StoppedClock:
    """The store's clock, stopped: a whole burst falls in one window."""
    stopped = StoppedClock()
    store.clock = stopped
    return stopped


def rate(setting: str):
    """A rate setting ("20/10second") as its `Rate`: the server's limit in force."""
    from cxwidgets.store.door import Rate

    return Rate.parse(getattr(current(), setting))


def form_for(store: Store, code: str, name: str, page=None) -> tuple[JoinForm, list[Editor]]:
    """A participant page's join form, filled in as a person (or a script) would."""
    joined: list[Editor] = []
    form = (JoinForm(store, joined.append, code=code) if page is None
            else JoinForm(store, joined.append, code=code, page=page))
    form.name.value = name
    form.function.value = "support"
    form.group.value = "Table 2"
    return form, joined


def seats(store: Store, workshop_id: str) -> int:
    with store.engine.connect() as conn:
        return conn.execute(sa.text("SELECT COUNT(*) FROM cx_seats WHERE workshop_id = :w"),
                            {"w": workshop_id}).scalar_one()


def people(store: Store, workshop_id: str) -> list[str]:
    return [p.name for p in store.state(workshop_id).participants]


def said(form: JoinForm) -> str:
    import html

    return html.unescape(form.notice.value)


def kept(form: JoinForm, name: str) -> bool:
    """The refused form still holds what the person typed, and can be sent again."""
    return (form.name.value, form.function.value, form.group.value) == (
        name, "support", "Table 2") and not form.button.disabled


# -- one page, 300 clicks -------------------------------------------------------------------

def test_300_clicks_on_one_page_seat_one_person(store, created):
    form, joined = form_for(store, created.join_code, "Mallory")
    for _ in range(300):
        form.button.disabled = False  # a script re-enables the button each time
        form.button.click()
    assert people(store, created.id) == ["Mallory"]
    assert seats(store, created.id) == 1
    assert len(joined) == 1  # the room was opened once, not 300 times


# -- many pages at once: one limit for the workshop ------------------------------------------

def test_300_pages_clicking_at_once_seat_no_more_than_the_workshop_takes(store, created,
                                                                          clock):
    pages = [form_for(store, created.join_code, f"Person {n}") for n in range(300)]
    for form, _ in pages:
        form.button.click()
    seated = [form for form, joined in pages if joined]
    refused = [(n, form) for n, (form, joined) in enumerate(pages) if not joined]
    assert refused, f"all {len(seated)} pages were seated"
    limit = rate("join_rate")
    assert len(seated) == limit.amount == len(people(store, created.id))
    assert seats(store, created.id) == limit.amount
    for n, form in refused:
        assert kept(form, f"Person {n}")
        assert f"{limit.amount} people in the last {limit.window}" in said(form)
        assert re.search(r"press Join again in \d+ seconds?", said(form))
    # a window later the door opens again for the next few, not for all
    clock.advance(limit.seconds + 0.5)
    for _, form in refused:
        form.button.click()
    assert len(people(store, created.id)) == 2 * limit.amount


def test_the_limit_holds_on_the_real_clock(store, created):
    pages = [form_for(store, created.join_code, f"Person {n}") for n in range(300)]
    began = time.monotonic()
    for form, _ in pages:
        form.button.click()
    took = time.monotonic() - began
    seated = len(people(store, created.id))
    assert seated < len(pages), f"all {seated} pages were seated in {took:.1f} s"
    limit = rate("join_rate")
    windows = 1 + int(took // limit.seconds)
    assert limit.amount <= seated <= limit.amount * windows


def test_many_kernels_at_once_share_one_limit(db, store, created, clock):
    """Six kernels (each its own store connection), ten pages each, clicking together:
    the workshop still takes its limit and not one more."""
    kernels, pages_each = 6, 10
    barrier = threading.Barrier(kernels)
    forms: list[tuple[JoinForm, list[Editor]]] = []
    lock = threading.Lock()
    problems: list[BaseException] = []

    def kernel(k: int) -> None:
        try:
            with Store(db) as own:
                own.clock = clock
                mine = [form_for(own, created.join_code, f"K{k} person {n}")
                        for n in range(pages_each)]
                with lock:
                    forms.extend(mine)
                barrier.wait(timeout=60)
                for form, _ in mine:
                    form.button.click()
        except BaseException as exc:  # reported by the test below
            problems.append(exc)

    threads = [threading.Thread(target=kernel, args=(k,)) for k in range(kernels)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=120)
    assert problems == []
    seated = sum(bool(joined) for _, joined in forms)
    assert seated < kernels * pages_each, f"all {seated} pages were seated"
    limit = rate("join_rate").amount
    assert seated == len(people(store, created.id)) == seats(store, created.id) == limit
    assert all("press Join again" in said(form) for form, joined in forms if not joined)


# -- one page, many seats ---------------------------------------------------------------------

def test_one_page_seats_at_most_its_share(store, clock):
    """A page that knows several workshops' codes seats its share, then is refused; other
    pages are not, and the page may again once the window has passed."""
    from cxwidgets.exceptions import Throttled
    from cxwidgets.store.door import Page

    share = rate("page_joins")
    made = [store.create_workshop(f"Room {n}") for n in range(share.amount + 1)]
    page = Page()
    for room in made[:-1]:
        Editor.join(store, room.join_code, "Mallory", page=page)
    with pytest.raises(Throttled, match=rf"this page has already brought {share.amount} "
                                        rf"people into workshops in the last {share.window}"):
        Editor.join(store, made[-1].join_code, "Mallory", page=page)
    assert people(store, made[-1].id) == []
    Editor.join(store, made[-1].join_code, "Ana", page=Page())  # another page is let in
    clock.advance(share.seconds + 1)
    Editor.join(store, made[-1].join_code, "Mallory", page=page)
    assert people(store, made[-1].id) == ["Ana", "Mallory"]


def test_a_second_join_from_the_same_page_gives_back_the_same_seat(store, created):
    from cxwidgets.store.door import Page

    page = Page()
    first = Editor.join(store, created.join_code, "Ana", page=page)
    again = Editor.join(store, created.join_code, "Someone else", page=page)
    assert again.author == first.author and again.secret == first.secret
    assert people(store, created.id) == ["Ana"] and seats(store, created.id) == 1


# -- wrong codes --------------------------------------------------------------------------------

def test_a_person_who_mistypes_twice_is_not_slowed(store, created):
    form, joined = form_for(store, "K7Q2MZ", "Ana")
    for typo in ("K7Q2M", "K7Q2MX"):
        form.code.value = typo
        form.button.click()
        assert "no workshop has the join code" in said(form)
        assert "wait" not in said(form) and kept(form, "Ana")
    form.code.value = created.join_code
    form.button.click()
    assert [e.display_name for e in joined] == ["Ana"]


def test_a_right_code_sent_while_the_page_waits_is_not_even_looked_at(store, created):
    form, joined = form_for(store, "", "Mallory")
    for n in range(10):  # more than a few
        form.code.value = f"WRONG{n}"
        form.button.click()
    form.code.value = created.join_code  # the script's next guess happens to be right
    form.button.click()
    assert joined == [] and people(store, created.id) == []
    assert re.search(r"try again in [12] seconds?", said(form)) and kept(form, "Mallory")


def test_a_guesser_waits_longer_after_each_wrong_code(store, created):
    from cxwidgets.store.door import Page

    ticks = StoppedClock(0.0)
    form, joined = form_for(store, "", "Mallory", page=Page(clock=ticks))
    free = current().wrong_codes
    waits = []
    for n in range(free + 8):
        form.code.value = f"GUESS{n}"
        form.button.click()
        assert "no workshop has the join code" in said(form)
        found = re.search(r"waits (\d+) seconds? before it takes another code", said(form))
        waits.append(int(found.group(1)) if found else 0)
        if found:
            form.code.value = f"EARLY{n}"
            ticks.advance(int(found.group(1)) - 0.5)
            form.button.click()  # half a second too early: refused, not looked at
            assert re.search(r"try again in 1 second\b", said(form)), said(form)
            ticks.advance(0.5)
    assert waits == [0] * (free - 1) + [2, 4, 8, 16, 32, 60, 60, 60, 60]
    form.code.value = created.join_code
    form.button.click()
    assert [e.display_name for e in joined] == ["Mallory"]


def test_an_empty_code_is_not_counted_as_a_guess(store, created):
    form, joined = form_for(store, "", "Ana")
    for _ in range(10):
        form.button.click()
        assert "type the join code shown on the facilitator's screen" in said(form)
    form.code.value = created.join_code
    form.button.click()
    assert [e.display_name for e in joined] == ["Ana"]
