import pytest

from cxwidgets.method.techniques import purpose_warning
from cxwidgets.store import Editor
from cxwidgets.widgets import LiveWorkshop
from cxwidgets.widgets.techniques import (
    AssessmentResults,
    CustomerPurpose,
    EmpathyMaps,
    ExperimentLog,
    Mindsets,
    MomentsOfTruth,
    PersonaLibrary,
)


@pytest.mark.parametrize(("text", "warned"), [
    ("Raise NPS by 10 points this year", True), ("Reduce complaints by 30%", True),
    ("Cut average handling time", True),
    ("Customers come back because dinner is easy and never a chore", False),
    ("Families cook without planning; we check it with NPS", False), ("", False)])
def test_a_purpose_that_is_only_a_metric_is_flagged(text, warned):
    assert bool(purpose_warning(text)) is warned


def test_customer_purpose_saves_and_warns(store, created, facilitator):
    step = CustomerPurpose(LiveWorkshop(facilitator))
    step.statement.value = "Raise NPS by 10 points"
    assert store.state(created.id).customer_purpose == "Raise NPS by 10 points"
    assert "internal target (nps, points)" in step.warning.value
    step.statement.value = "Customers never have to chase us about a claim"
    assert step.warning.value == ""
    again = CustomerPurpose(LiveWorkshop(facilitator))
    assert again.statement.value.startswith("Customers never")


def test_empathy_map_with_and_without_evidence(store, created, journey, facilitator):
    facilitator.add("pain_points", {"touchpoint_id": journey.touchpoints[0], "text": "Holds",
                                    "evidence": ["I waited 40 minutes on hold"]})
    step = EmpathyMaps(LiveWorkshop(facilitator))
    step.persona.value = journey.persona
    step.areas["says"].value = "Where is my money?\nWhy so slow?"
    step.areas["pains"].value = "Not knowing"
    step.add.click()
    assert "assumption: no customer evidence yet" in step.listing_html.value
    (em,) = store.state(created.id).empathy_maps
    assert em.says == ["Where is my money?", "Why so slow?"]
    step.mine.value = em.id
    step.quote.value = "I waited 40 minutes on hold"
    step.take.click()
    step.save_changes.click()
    assert store.state(created.id).empathy_maps[0].evidence == ["I waited 40 minutes on hold"]
    assert "backed by 1 customer quote<" in step.listing_html.value
    before = store.last_seq(created.id)
    step.mine.value = ""
    step.persona.value = None
    step.add.click()
    assert "empathy map persona: pick one first" in step.notice.value.replace("&#x27;", "'")
    assert store.last_seq(created.id) == before


def test_persona_library_brings_a_persona_from_another_workshop(store, created, facilitator):
    other = store.create_workshop("Home claims")
    Editor.facilitator(store, other.id, other.token).add("personas", {
        "name": "Careful Carla", "segment": "Home owners", "agreed": True,
        "goals": ["Be paid fast"]})
    step = PersonaLibrary(LiveWorkshop(facilitator))
    step.show()
    assert "Careful Carla" in step.shelf.value and "Home owners" in step.shelf.value
    step.use.click()
    (copy,) = store.state(created.id).personas
    assert (copy.name, copy.segment, copy.goals) == ("Careful Carla", "Home owners",
                                                     ["Be paid fast"])
    assert "from the workshop 'Home claims'" in copy.background


def test_assessment_results_per_function(store, created, facilitator):
    for name, function, score in (("Ana", "support", 2), ("Ben", "it", 5)):
        who = Editor.join(store, created.join_code, name, function)
        who.add("diagnosis", {"statement_id": "lead-needs", "participant": name,
                              "function": function, "score": score})
        who.add("diagnosis", {"statement_id": "silos", "participant": name,
                              "function": function, "score": score})
    step = AssessmentResults(LiveWorkshop(facilitator))
    assert "2 people answered 4 of their 40 statements" in step.summary.value
    assert "Weakest: IT · Collaboration (1.0 of 5); Customer support · Leadership" in \
        step.summary.value
    step.show()
    cells = [r for d in step.chart.spec["datasets"].values() for r in d if "mean" in r]
    # support: lead-needs 2 (positive) and silos 2 (negative, reversed to 4)
    assert {(r["function"], r["area"]): r["mean"] for r in cells} == {
        ("Customer support", "Leadership"): 2.0, ("Customer support", "Collaboration"): 4.0,
        ("IT", "Leadership"): 5.0, ("IT", "Collaboration"): 1.0}


def test_mindset_reflections_by_participants(store, created, participant):
    step = Mindsets(LiveWorkshop(participant))
    step.mindset.value = "compliance"
    step.seen.value = "We close tickets on time even when the problem is not solved"
    step.instead.value = "Measure solved problems"
    step.add.click()
    (r,) = store.state(created.id).reflections
    assert (r.mindset.value, r.participant) == ("compliance", participant.author)
    assert "Compliance mindset (1)" in step.listing_html.value


def test_moments_of_truth_per_stage(store, created, journey, facilitator):
    step = MomentsOfTruth(LiveWorkshop(facilitator))
    step.stage.value = journey.stages[1]
    step.task.value = "Get the money"
    step.channels.value = ("email", "phone")
    step.involved.value = ("finance", "support")
    step.decides.value = "The first call back"
    step.add.click()
    (m,) = store.state(created.id).moments
    assert [c.value for c in m.channels] == ["email", "phone"]
    assert "The first call back" in step.listing_html.value and "Finance" in \
        step.listing_html.value


def test_test_and_learn_log(store, created, journey, facilitator):
    pain = facilitator.add("pain_points", {"touchpoint_id": journey.touchpoints[0],
                                           "text": "Long holds"})
    step = ExperimentLog(LiveWorkshop(facilitator))
    step.title.value = "Call-back pilot"
    step.hypothesis.value = "Call-backs halve complaints about holds"
    step.linked.value = (pain,)
    step.kpi.value = "Complaints about holds per week"
    step.decision.value = "keep"
    step.add.click()
    (x,) = store.state(created.id).experiments
    assert (x.linked_ids, x.decision.value) == ([pain], "keep")
    assert "Long holds" in step.listing_html.value
