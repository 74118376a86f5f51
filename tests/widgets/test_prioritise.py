import pytest

from cxwidgets.store import Editor
from cxwidgets.widgets import LiveWorkshop, Prioritise


@pytest.fixture
def items(journey, facilitator):
    pains = [facilitator.add("pain_points", {"touchpoint_id": journey.touchpoints[0],
                                             "text": t}) for t in ("Hold times", "Lost forms")]
    opp = facilitator.add("opportunities", {"touchpoint_id": journey.touchpoints[2],
                                            "text": "Pay by bank transfer in a day"})
    return [*pains, opp]


def pick(step, item):
    step.item.value = item


def test_the_facilitator_scores_impact_and_effort(store, created, items, facilitator):
    step = Prioritise(LiveWorkshop(facilitator))
    pick(step, items[1])
    step.impact.value, step.effort.value = 5, 2
    step.score.click()
    pain = next(p for p in store.state(created.id).pain_points if p.id == items[1])
    assert (pain.impact, pain.effort) == (5, 2)
    assert "Quick win" in step.ranking.value


def test_dots_are_limited_by_the_budget(store, created, items, participant, said):
    step = Prioritise(LiveWorkshop(participant))
    assert step.voter.layout.display == "none"
    pick(step, items[0])
    for _ in range(5):
        step.dot.click()
    assert "0 of 5 dots left" in step.left.value
    before = store.last_seq(created.id)
    step.dot.click()
    assert "no dots left (5 of 5 placed)" in said(step)
    assert store.last_seq(created.id) == before
    step.undot.click()
    assert "1 of 5 dots left" in step.left.value
    pick(step, items[2])
    step.dot.click()
    votes = store.state(created.id).votes
    assert len(votes) == 5 and {v.voter for v in votes} == {participant.author}


def test_the_budget_is_set_by_the_facilitator(store, created, items, facilitator):
    step = Prioritise(LiveWorkshop(facilitator))
    step.budget.value = 2
    step.set_budget.click()
    assert store.state(created.id).dot_budget == 2
    step.voter.value = "facilitator"
    pick(step, items[0])
    step.dot.click()
    step.dot.click()
    step.dot.click()
    assert "no dots left (2 of 2 placed)" in step.notice.value


def test_ranking_breaks_ties_visibly(store, created, items, facilitator):
    for name, item in (("Ana", items[0]), ("Ben", items[1])):
        voter = Editor.join(store, created.join_code, name)
        voter.add("votes", {"target_id": item, "kind": "dot"})
    facilitator.update("pain_points", items[0], impact=3, effort=2)
    facilitator.update("pain_points", items[1], impact=5, effort=4)
    step = Prioritise(LiveWorkshop(facilitator))
    first, second = step.item.options[0][1], step.item.options[1][1]
    assert (first, second) == (items[1], items[0])  # equal dots: higher impact first
    assert "same dots as #1; lower impact (3 vs 5)" in step.ranking.value
    step.show()
    layers = step.chart.spec["layer"]
    ranks = [r for data in step.chart.spec["datasets"].values() for r in data if "rank" in r]
    assert {r["rank"] for r in ranks} == {1, 2} and len(layers) >= 3


def test_dots_only_go_on_pain_points_and_opportunities(store, created, journey, participant):
    from cxwidgets.exceptions import InvalidInput

    with pytest.raises(InvalidInput, match="dots go on pain points and opportunities"):
        participant.add("votes", {"target_id": journey.touchpoints[0], "kind": "dot"})
    with pytest.raises(InvalidInput, match="a dot counts 1 or more"):
        participant.add("votes", {"target_id": journey.touchpoints[0], "kind": "dot",
                                  "value": -1})


def test_participants_are_asked_only_for_what_they_can_do(items, facilitator, participant):
    def what(step: Prioritise) -> str:
        return step.children[0].value.split("<b>Why.</b>")[0]

    assert "Score each pain point" in what(Prioritise(LiveWorkshop(facilitator)))
    theirs = what(Prioritise(LiveWorkshop(participant)))
    assert "Place your dots" in theirs and "Score" not in theirs  # scoring is not theirs
