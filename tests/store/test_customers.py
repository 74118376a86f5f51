"""A customer's seat: answers to one open round, their own, once per touchpoint."""

import datetime as dt

import pytest

from cxwidgets.exceptions import InvalidInput, NotAllowed, WorkshopNotFound
from cxwidgets.store import Editor

SOON = dt.date.today() + dt.timedelta(days=7)


@pytest.fixture
def journey(facilitator):
    stage = facilitator.add("stages", {"name": "Buy"})
    return [facilitator.add("touchpoints", {"name": n, "stage_id": stage})
            for n in ("Shop", "Till", "Bag")]


@pytest.fixture
def code(facilitator, journey):
    rid = facilitator.open_round("Check", journey[:2], SOON, consent="Anonymous.")
    return next(r.code for r in facilitator.state().rounds if r.id == rid)


def test_a_round_opens_with_a_code_and_customers_answer_it(store, created, facilitator,
                                                          journey, code):
    ana = Editor.customer(store, created.id, code)
    assert ana.author.startswith("c-") and ana.is_customer
    ana.answer(journey[0], -1, "not_like_this", "Queue was long")
    ana.answer(journey[0], 1, "yes")  # a change of mind edits the first answer
    ws = facilitator.state()
    (mine,) = ws.answers
    assert (mine.feeling, mine.happens.value, mine.respondent) == (1, "yes", ana.author)
    assert mine.answered_on == dt.date.today()
    # the same browser coming back is the same respondent, and finds its answers
    again = Editor.customer(store, created.id, code, respondent=ana.author)
    again.answer(journey[1], 0, "never")
    assert {a.respondent for a in facilitator.state().answers} == {ana.author}


def test_a_bad_or_foreign_respondent_id_gets_a_fresh_seat(store, created, code):
    for stored in ("", "p-123", "c-<script>", "c-" + "x" * 60):
        assert Editor.customer(store, created.id, code, respondent=stored).author != stored


def test_links_that_lead_nowhere_are_refused(store, created, code):
    with pytest.raises(WorkshopNotFound, match="does not lead to any questions"):
        Editor.customer(store, created.id, "ZZZZZZZZ")
    with pytest.raises(WorkshopNotFound):
        Editor.customer(store, "w-nope", code)


@pytest.mark.parametrize(("collection", "data"), [
    ("touchpoints", {"name": "Mine"}), ("pain_points", {"text": "x", "touchpoint_id": "t"}),
    ("votes", {"target_id": "t"}),
])
def test_a_customer_can_only_answer(store, created, code, collection, data):
    before = store.last_seq(created.id)
    with pytest.raises(NotAllowed, match="for answering the questions only"):
        Editor.customer(store, created.id, code).add(collection, data)
    assert store.last_seq(created.id) == before


def test_answers_only_about_the_rounds_touchpoints(store, created, journey, code):
    with pytest.raises(InvalidInput, match="does not ask about that step"):
        Editor.customer(store, created.id, code).answer(journey[2], 1, "yes")


def test_no_answer_for_someone_else(store, created, facilitator, journey, code):
    ana = Editor.customer(store, created.id, code)
    rid = facilitator.state().rounds[0].id
    with pytest.raises(NotAllowed, match="only give your own answers"):
        ana.add("answers", {"round_id": rid, "respondent": "c-someoneelse",
                            "touchpoint_id": journey[0], "feeling": 2})


def test_a_closed_round_takes_no_more_answers_and_keeps_those_given(
        store, created, facilitator, journey, code):
    ana = Editor.customer(store, created.id, code)
    ana.answer(journey[0], 2, "yes")
    facilitator.close_round(facilitator.state().rounds[0].id)
    with pytest.raises(NotAllowed, match="has closed"):
        ana.answer(journey[1], 1, "yes")
    with pytest.raises(NotAllowed, match="has closed"):
        ana.answer(journey[0], -2, "yes")
    assert [a.feeling for a in facilitator.state().answers] == [2]


def test_a_round_past_its_date_is_closed(store, created, facilitator, journey):
    rid = facilitator.open_round("Old", journey, dt.date.today() - dt.timedelta(days=1))
    code = next(r.code for r in facilitator.state().rounds if r.id == rid)
    with pytest.raises(NotAllowed, match="has closed"):
        Editor.customer(store, created.id, code).answer(journey[0], 1, "yes")


def test_only_the_facilitator_opens_or_closes_rounds(participant, journey, code):
    with pytest.raises(NotAllowed):
        participant.open_round("Mine", journey, SOON)
    with pytest.raises(NotAllowed):
        participant.add("answers", {"round_id": "r", "respondent": participant.author,
                                    "touchpoint_id": journey[0]})


def test_a_round_names_an_existing_version(facilitator, journey):
    with pytest.raises(InvalidInput, match="no version 'To-be'"):
        facilitator.open_round("Check", journey, SOON, version="To-be")


def test_a_round_with_answers_cannot_be_removed(store, created, facilitator, journey, code):
    Editor.customer(store, created.id, code).answer(journey[0], 1, "yes")
    with pytest.raises(InvalidInput, match=r"customer answer '\w+' still depends on it"):
        facilitator.remove("rounds", facilitator.state().rounds[0].id)
