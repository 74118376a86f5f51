"""Cross-entity rules, checked through the Editor against a real store."""

import re

import pytest

from cxwidgets.exceptions import InvalidInput, NotAllowed
from cxwidgets.store import Editor


@pytest.fixture
def tp(facilitator):
    stage = facilitator.add("stages", {"name": "Buy"})
    return facilitator.add("touchpoints", {"name": "Checkout", "stage_id": stage})


@pytest.mark.parametrize(("collection", "data", "message"), [
    ("touchpoints", {"name": "X", "stage_id": "nope"}, "touchpoint stage: there is no stage"),
    ("pain_points", {"touchpoint_id": "nope", "text": "X"},
     "pain point touchpoint: there is no touchpoint 'nope'"),
    ("backstage", {"touchpoint_id": "nope", "name": "X"}, "backstage process touchpoint"),
    ("actions", {"title": "X", "owner": "O", "due": "2027-01-01", "linked_ids": ["nope"]},
     "action linked: there is no pain point or opportunity 'nope'"),
    ("comments", {"target_id": "nope", "text": "X"}, "comment target: there is no"),
    ("personas", {"name": "X", "based_on": ["nope"]}, "persona based on: there is no persona"),
])
def test_references_must_exist(store, created, facilitator, tp, collection, data, message):
    before = store.last_seq(created.id)
    with pytest.raises(InvalidInput, match=message):
        facilitator.add(collection, data)
    assert store.last_seq(created.id) == before


def test_a_new_touchpoint_needs_a_stage_once_stages_exist(facilitator, tp):
    with pytest.raises(InvalidInput, match="pick the stage of the journey"):
        facilitator.add("touchpoints", {"name": "Unplaced"})


def test_references_are_checked_on_update_too(store, created, facilitator, tp):
    pain = facilitator.add("pain_points", {"touchpoint_id": tp, "text": "Slow"})
    with pytest.raises(InvalidInput, match="there is no touchpoint 'gone'"):
        facilitator.update("pain_points", pain, touchpoint_id="gone")


def test_removal_is_refused_while_others_depend_and_allowed_after(store, created,
                                                                  facilitator, tp):
    pain = facilitator.add("pain_points", {"touchpoint_id": tp, "text": "Slow"})
    facilitator.add("backstage", {"touchpoint_id": tp, "name": "Payments"})
    facilitator.add("emotions", {"touchpoint_id": tp, "score": -1})  # does not block
    with pytest.raises(InvalidInput, match=r"pain point 'Slow' and backstage process "
                                           r"'Payments' still depend on it"):
        facilitator.remove("touchpoints", tp)
    facilitator.remove("pain_points", pain)
    facilitator.remove("backstage", store.state(created.id).backstage[0].id)
    facilitator.remove("touchpoints", tp)
    facilitator.undo()  # the touchpoint comes back, with its rating
    ws = store.state(created.id)
    assert [t.name for t in ws.touchpoints] == ["Checkout"] and len(ws.emotions) == 1


def test_votes_and_ratings_speak_for_a_real_person(store, created, facilitator, tp):
    with pytest.raises(InvalidInput, match="'p-nobody' is not a participant"):
        facilitator.add("emotions", {"touchpoint_id": tp, "score": 1,
                                     "participant": "p-nobody"})


def test_one_accuracy_vote_and_one_rating_per_person(store, created, facilitator, tp):
    for key in ("review", "emotions"):
        facilitator.keep_open(key)
    ana = Editor.join(store, created.join_code, "Ana")
    ana.add("votes", {"target_id": tp, "kind": "accuracy", "value": 1})
    with pytest.raises(InvalidInput, match="already judged this element"):
        ana.add("votes", {"target_id": tp, "kind": "accuracy", "value": -1})
    with pytest.raises(InvalidInput, match=r"\+1 \(accurate\) or -1"):
        ana.add("votes", {"target_id": tp, "kind": "accuracy", "value": 3})
    ana.add("emotions", {"touchpoint_id": tp, "score": 1})
    with pytest.raises(InvalidInput, match="already has your rating"):
        ana.add("emotions", {"touchpoint_id": tp, "score": -1})


def test_budget_counts_only_dots_on_items_that_still_exist(store, created, facilitator, tp):
    facilitator.update_workshop(dot_budget=2)
    facilitator.open_step("prioritise")
    pains = [facilitator.add("pain_points", {"touchpoint_id": tp, "text": t})
             for t in ("A", "B")]
    ana = Editor.join(store, created.join_code, "Ana")
    ana.add("votes", {"target_id": pains[0], "kind": "dot"})
    ana.add("votes", {"target_id": pains[0], "kind": "dot"})
    with pytest.raises(InvalidInput, match="no dots left"):
        ana.add("votes", {"target_id": pains[1], "kind": "dot"})
    facilitator.remove("pain_points", pains[0])  # its dots come back to Ana
    ana.add("votes", {"target_id": pains[1], "kind": "dot"})


def test_only_the_facilitator_decides_and_sets_timers(store, created, participant):
    with pytest.raises(NotAllowed, match="set the timer"):
        participant.set_timer("emotions", None)


def test_an_unknown_step_timer_is_a_clear_error(facilitator):
    from cxwidgets.method.model import StepTimer

    with pytest.raises(InvalidInput, match="no step 'lunch'"):
        facilitator.set_timer("lunch", StepTimer(minutes=5))


@pytest.mark.parametrize(("collection", "data", "where"), [
    ("stages", {"name": "Extra"}, "stages at step 5 (Timeline)"),
    ("goals", {"title": "Grow"}, "goals at step 15 (Align with goals)"),
    ("sources", {"name": "Survey"}, "evidence sources at step 2 (Prepare the evidence)"),
    ("actions", {"title": "X", "owner": "O", "due": "2027-01-01", "linked_ids": []},
     "actions at step 13 (Action plan)"),
])
def test_participants_add_only_what_their_screens_offer(store, created, participant,
                                                        collection, data, where):
    before = store.last_seq(created.id)
    with pytest.raises(NotAllowed, match=re.escape(f"only the facilitator adds {where}")):
        participant.add(collection, data)
    assert store.last_seq(created.id) == before
