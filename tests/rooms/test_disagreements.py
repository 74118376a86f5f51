"""Where the three rooms disagree: exactly the differences they were made with."""

from __future__ import annotations

from cxwidgets.rooms import disagreements
from cxwidgets.rooms.disagreements import STEP, lone_pains, partial

SAM, RETIRED = "Sam, the busy parent", "Margaret and Alan, the retired couple"
ONLY_SOME = [
    "Stage Renewal or cancellation: named by Berlin room and Hamburg room, not by Munich room",
    "Touchpoint Neighbour takes the box in (Delivery): only Munich room named it",
    *(f"Touchpoint {n} (Renewal or cancellation): named by Berlin room and Hamburg room, not "
      "by Munich room" for n in ("Skip a week", "Monthly invoice", "Cancellation flow",
                                 "Win-back offer"))]
WHO = [
    "Berlin room: 10 people (Customer support 2, Operations 2, Finance 1, IT 1, Leadership 1, "
    "Marketing 1, Product 1, Sales 1)",
    "Hamburg room: 10 people (Customer support 2, Operations 2, Finance 1, IT 1, "
    "Leadership 1, Marketing 1, Product 1, Sales 1)",
    "Munich room: 10 people (Customer support 2, Operations 2, Finance 1, IT 1, Legal 1, "
    "Marketing 1, Product 1, Sales 1)"]


def test_the_disagreements_are_exactly_the_known_differences(consensus):
    found = disagreements(consensus)
    assert found.persona == SAM
    assert found.count == 8
    assert found.sections() == [
        ("Named by only some rooms", ONLY_SOME),
        (f"Feelings more than one step apart between rooms ({SAM})", [
            "Courier at the door (Delivery): Berlin room -1.1, Hamburg room -1.1, "
            "Munich room +1.1; 2.2 steps apart"]),
        ("Pain points only one function raised", [
            "Allergen labels missing on the ingredient bags (at Ingredients and freshness): "
            "only Legal raised it, in Munich room"]),
        ("Who was in which room", WHO)]


def test_one_step_apart_is_not_a_disagreement(consensus):
    """Hamburg rated the welcome email exactly one step lower than the others."""
    assert STEP == 1.0
    assert "Welcome email" not in {d.name for d in disagreements(consensus).disputed}


def test_the_feelings_are_judged_for_the_persona_asked_for(consensus):
    retired = next(p.id for p in consensus.personas if p.name == RETIRED)
    found = disagreements(consensus, retired)
    assert found.persona == RETIRED
    assert [(d.name, d.by_room, d.spread) for d in found.disputed] == [
        ("Courier at the door", (("Berlin room", 1.75), ("Hamburg room", 1.75),
                                 ("Munich room", -1.75)), 3.5)]


def test_partial_elements_come_stages_first_then_fewest_rooms_first(consensus):
    got = partial(consensus)
    assert [(p.collection, len(p.named_by)) for p in got] == [
        ("stages", 2), ("touchpoints", 1), *[("touchpoints", 2)] * 4]
    assert got[0].missing == ("Munich room",)


def test_a_pain_point_of_someone_without_a_function_is_not_judged(consensus):
    raised = dict(consensus.consensus.raised_by)
    allergen = lone_pains(consensus)[0].id
    raised[allergen] = [*raised[allergen], "r3-facilitator"]
    record = consensus.consensus.model_copy(update={"raised_by": raised})
    assert lone_pains(consensus.model_copy(update={"consensus": record})) == ()


def test_an_ordinary_workshop_has_no_disagreements(sample):
    found = disagreements(sample)
    assert found.count == 0
    assert [lines for _, lines in found.sections()] == [[], [], [], []]
