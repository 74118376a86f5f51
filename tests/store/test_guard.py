"""`Store.append(..., guard=...)`: the check runs again on what was appended since it ran.

These tests hold a check back on purpose (a tab that folded a while ago) and let other
edits land before its append, so each path is taken deterministically.
"""

from __future__ import annotations

import pytest

from cxwidgets.exceptions import InvalidInput
from cxwidgets.method import rules
from cxwidgets.method.model import Vote, Workshop
from cxwidgets.store import Editor, Guard
from cxwidgets.store import fold as f


@pytest.fixture
def pains(facilitator):
    stage = facilitator.add("stages", {"name": "Buy"})
    tp = facilitator.add("touchpoints", {"name": "Checkout", "stage_id": stage})
    facilitator.open_step("prioritise")
    return [facilitator.add("pain_points", {"touchpoint_id": tp, "text": f"Pain {i}"})
            for i in range(2)]


def held_back_dot(store, editor: Editor, target: str) -> tuple[dict, Guard, list[int]]:
    """A dot checked now, to be appended later: the payload, its guard, and a list that
    gets an item each time the check runs."""
    data = {"id": f"v-{target}-late", "target_id": target, "kind": "dot", "value": 1,
            "voter": editor.author, "created_by": editor.author}
    calls: list[int] = []

    def check(workshop: Workshop) -> None:
        calls.append(1)
        rules.check(workshop, "votes", Vote.model_validate(data), editor.author, False)

    workshop, seen = store.workshop_since(editor.workshop_id)
    check(workshop)
    return {"collection": "votes", "data": data}, Guard(workshop, seen, check), calls


def test_a_check_that_fails_on_newer_events_appends_nothing(store, created, participant,
                                                            pains):
    for _ in range(4):
        participant.add("votes", {"target_id": pains[0], "kind": "dot"})
    payload, guard, calls = held_back_dot(store, participant, pains[1])  # 5th dot: allowed
    participant.add("votes", {"target_id": pains[0], "kind": "dot"})  # another tab's 5th
    before = store.last_seq(created.id)
    with pytest.raises(InvalidInput, match=r"no dots left \(5 of 5 placed\)"):
        store.append(created.id, participant.author, f.ADD, payload, guard=guard)
    assert store.last_seq(created.id) == before
    assert calls == [1, 1]


def test_a_check_is_not_run_again_when_nothing_was_appended(store, created, participant,
                                                            pains):
    payload, guard, calls = held_back_dot(store, participant, pains[1])
    store.append(created.id, participant.author, f.ADD, payload, guard=guard)
    assert calls == [1]


def test_an_undo_behind_the_checked_state_is_folded_in(store, created, participant, pains):
    for _ in range(4):
        participant.add("votes", {"target_id": pains[0], "kind": "dot"})
    payload, guard, calls = held_back_dot(store, participant, pains[1])  # checked at 4 dots
    participant.undo()  # takes back a dot placed before the check: 3 dots
    participant.add("votes", {"target_id": pains[0], "kind": "dot"})  # 4 dots
    store.append(created.id, participant.author, f.ADD, payload, guard=guard)  # the 5th
    dots = [v for v in store.state(created.id).votes if v.voter == participant.author]
    assert len(dots) == 5 and calls == [1, 1]
