"""Rules hold when the same person acts twice at the same instant (two tabs, a double
click, two Voila servers): the check and the append are one step.

Each "tab" is a thread with its own `Store` (its own connection, as a separate kernel
has), released together by a barrier so their checks all read the same state before
any of them appends.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable

import pytest

from cxwidgets.exceptions import InvalidInput, NotAllowed
from cxwidgets.store import Editor, Store
from cxwidgets.store import fold as f

TABS = 8


def in_tabs(db, tabs: int, action: Callable[[Editor, int], object],
            seat: Callable[[Store], Editor]) -> tuple[list[object], list[Exception]]:
    """Run `action(editor, n)` in `tabs` threads at once; what each returned or raised."""
    barrier = threading.Barrier(tabs)
    results: list[object] = []
    refused: list[Exception] = []
    lock = threading.Lock()

    def tab(n: int) -> None:
        with Store(db) as store:
            editor = seat(store)
            barrier.wait(timeout=60)
            try:
                outcome = action(editor, n)
            except (InvalidInput, NotAllowed) as exc:
                with lock:
                    refused.append(exc)
            else:
                with lock:
                    results.append(outcome)

    threads = [threading.Thread(target=tab, args=(n,)) for n in range(tabs)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=120)
    assert not any(t.is_alive() for t in threads)
    return results, refused


@pytest.fixture
def board(facilitator):
    stage = facilitator.add("stages", {"name": "Buy"})
    tp = facilitator.add("touchpoints", {"name": "Checkout", "stage_id": stage})
    pains = [facilitator.add("pain_points", {"touchpoint_id": tp, "text": f"Pain {i}"})
             for i in range(3)]
    persona = facilitator.add("personas", {"name": "Pat", "agreed": True})
    for key in ("emotions", "pains", "review", "prioritise"):  # the room's steps here
        facilitator.keep_open(key)
    return {"tp": tp, "pains": pains, "persona": persona}


def resumed(created, person: Editor) -> Callable[[Store], Editor]:
    return lambda store: Editor.resume(store, created.join_code, person.author, person.secret)


def test_simultaneous_dots_never_exceed_the_budget(db, store, created, participant, board):
    start = store.last_seq(created.id)

    def two_dots(editor: Editor, n: int) -> int:
        for i in range(2):
            editor.add("votes", {"target_id": board["pains"][(n + i) % 3], "kind": "dot"})
        return n

    placed, refused = in_tabs(db, TABS, two_dots, resumed(created, participant))
    dots = [v for v in store.state(created.id).votes if v.voter == participant.author]
    assert sum(v.value for v in dots) == 5  # the budget, not a dot more or less
    assert refused and all("no dots left" in str(e) for e in refused)
    assert len(placed) + len(refused) == TABS
    added = [e for e in store.events(created.id, after=start) if e.kind == f.ADD]
    assert len(added) == 5 == store.last_seq(created.id) - start  # refusals left no trace


def test_simultaneous_duplicate_ratings_and_accuracy_votes_never_both_land(
        db, store, created, participant, board):
    def rate(editor: Editor, n: int) -> str:
        if n % 2:
            return editor.add("emotions", {"touchpoint_id": board["tp"], "score": n % 5 - 2,
                                           "persona_id": board["persona"]})
        return editor.add("votes", {"target_id": board["tp"], "kind": "accuracy",
                                    "value": 1})

    landed, refused = in_tabs(db, TABS, rate, resumed(created, participant))
    ws = store.state(created.id)
    assert len([e for e in ws.emotions if e.participant == participant.author]) == 1
    assert len([v for v in ws.votes if v.voter == participant.author]) == 1
    assert len(landed) == 2 and len(refused) == TABS - 2
    assert all("already" in str(e) for e in refused)


def test_nothing_lands_in_a_step_after_it_was_locked(db, store, created, facilitator,
                                                     board):
    people = [Editor.join(store, created.join_code, f"P{n}") for n in range(TABS - 1)]

    def act(editor: Editor, n: int) -> int:
        if editor.is_facilitator:
            return editor.lock_step("pains").seq
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:  # keep adding until the lock refuses
            editor.add("pain_points", {"touchpoint_id": board["tp"], "text": f"p{n}"})
        return -1

    seats = iter([*people, facilitator])
    lock = threading.Lock()

    def seat(s: Store) -> Editor:
        with lock:
            person = next(seats)
        if person.is_facilitator:
            return Editor.facilitator(s, created.id, created.token)
        return Editor.resume(s, created.join_code, person.author, person.secret)

    results, refused = in_tabs(db, TABS, act, seat)
    (locked_at,) = [r for r in results if r != -1]
    assert len(refused) == TABS - 1 and all("locked step 7" in str(e) for e in refused)
    late = [e.seq for e in store.events(created.id, after=locked_at)
            if e.kind == f.ADD and e.payload["collection"] == "pain_points"]
    assert late == []


def test_a_double_click_on_undo_takes_back_two_edits(db, store, created, participant, board):
    for name in ("One", "Two", "Three"):
        participant.add("pain_points", {"touchpoint_id": board["tp"], "text": name})
    undone, refused = in_tabs(db, 2, lambda editor, _: editor.undo().payload["seq"],
                              resumed(created, participant))
    assert refused == [] and len(set(undone)) == 2
    texts = [p.text for p in store.state(created.id).pain_points if
             p.created_by == participant.author]
    assert texts == ["One"]


def test_a_new_store_opened_by_many_at_once_is_created_once(db):
    opened, failed = [], []
    barrier = threading.Barrier(TABS)

    def open_it() -> None:
        barrier.wait(timeout=60)
        try:
            with Store(db) as store:
                opened.append(store.list_workshops())
        except Exception as exc:  # any failure here is what the test is about
            failed.append(exc)

    threads = [threading.Thread(target=open_it) for _ in range(TABS)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=120)
    assert failed == [] and opened == [[]] * TABS


def test_two_facilitator_screens_never_lose_each_others_list_changes(db, store, created):
    """Each screen locks a different step at the same instant: every lock that was not
    refused is kept (a refused one says so and can be repeated)."""
    keys = ["persona", "touchpoints", "emotions", "pains", "opportunities", "backstage",
            "review", "prioritise"]

    def lock(editor: Editor, n: int) -> str:
        editor.lock_step(keys[n])
        return keys[n]

    done, refused = in_tabs(
        db, TABS, lock, lambda s: Editor.facilitator(s, created.id, created.token))
    final = set(store.state(created.id).locked_steps)
    assert final == set(done)  # nothing accepted was overwritten
    assert len(done) + len(refused) == TABS and done
    assert all("changed this at the same moment" in str(e) for e in refused)
