import pytest

from cxwidgets.widgets import Backstage, LiveWorkshop, Opportunities, PainPoints


def test_a_pain_point_with_evidence_is_stored_and_listed_by_stage(store, created, journey,
                                                                  participant):
    step = PainPoints(LiveWorkshop(participant))
    before = store.last_seq(created.id)
    step.touchpoint.value = journey.touchpoints[0]
    step.text.value = "On hold for 40 minutes"
    step.evidence.value = "“I gave up after half an hour”\n\n31% abandon the call  "
    step.add.click()
    (event,) = store.events(created.id, after=before)
    data = event.payload["data"]
    assert data["touchpoint_id"] == journey.touchpoints[0]
    assert data["evidence"] == ["“I gave up after half an hour”", "31% abandon the call"]
    assert data["persona_id"] is None  # every persona, by default
    again = PainPoints(LiveWorkshop(participant))
    assert "On hold for 40 minutes" in again.listing_html.value
    assert "Report the claim" in again.listing_html.value


def test_a_pain_without_a_touchpoint_or_text_is_refused(store, created, facilitator, said):
    step = PainPoints(LiveWorkshop(facilitator))  # no touchpoints at all yet
    before = store.last_seq(created.id)
    step.text.value = "Confusing letter"
    step.add.click()
    assert "pain point touchpoint: pick one first" in said(step)
    assert store.last_seq(created.id) == before and step.text.value == "Confusing letter"


def test_an_empty_pain_point_is_refused(store, created, journey, facilitator, said):
    step = PainPoints(LiveWorkshop(facilitator))
    before = store.last_seq(created.id)
    step.touchpoint.value = journey.touchpoints[1]
    step.add.click()
    assert "pain point text: must not be empty" in said(step)
    assert store.last_seq(created.id) == before


def test_a_pain_for_one_persona_and_no_evidence_flagged(store, created, journey, facilitator):
    step = PainPoints(LiveWorkshop(facilitator))
    step.touchpoint.value = journey.touchpoints[2]
    step.text.value = "Letter full of jargon"
    step.persona.value = journey.persona
    step.add.click()
    (pain,) = store.state(created.id).pain_points
    assert pain.persona_id == journey.persona
    assert "assumption: no evidence yet" in step.listing_html.value


def test_an_opportunity_answers_a_pain(store, created, journey, facilitator):
    pain = facilitator.add("pain_points", {"touchpoint_id": journey.touchpoints[0],
                                           "text": "Long hold times"})
    step = Opportunities(LiveWorkshop(facilitator))
    step.touchpoint.value = journey.touchpoints[0]
    step.text.value = "Call-back at a time the customer picks"
    step.pain.value = pain
    step.add.click()
    (opp,) = store.state(created.id).opportunities
    assert opp.pain_id == pain and opp.touchpoint_id == journey.touchpoints[0]
    assert "Long hold times" in step.listing_html.value
    assert step.pain.value == "" and step.text.value == ""


def test_backstage_processes_and_touchpoints_without_one(store, created, journey,
                                                         facilitator):
    step = Backstage(LiveWorkshop(facilitator))
    assert "3 touchpoints have no process behind them" in step.uncovered.value
    step.touchpoint.value = journey.touchpoints[2]
    step.text.value = "Payment run"
    step.owner.value = "finance"
    step.add.click()
    (proc,) = store.state(created.id).backstage
    assert (proc.name, proc.owner.value) == ("Payment run", "finance")
    assert "2 touchpoints have no process" in step.uncovered.value
    assert "Finance" in step.listing_html.value


def test_a_touchpoint_with_pains_is_not_removed(store, created, journey, facilitator, said):
    from cxwidgets.widgets import Touchpoints

    facilitator.add("pain_points", {"touchpoint_id": journey.touchpoints[0], "text": "Slow"})
    step = Touchpoints(LiveWorkshop(facilitator))
    step.mine.value = journey.touchpoints[0]
    before = store.last_seq(created.id)
    step.remove.click()
    assert "pain point 'Slow' still depends on it" in said(step)
    assert store.last_seq(created.id) == before


@pytest.mark.parametrize(("cls", "collection", "noun"), [
    (PainPoints, "pain_points", "pain point"), (Opportunities, "opportunities", "opportunity"),
    (Backstage, "backstage", "backstage process")])
def test_each_lane_stores_reloads_and_refuses(store, created, journey, participant, said,
                                              cls, collection, noun):
    step = cls(LiveWorkshop(participant))
    step.touchpoint.value = journey.touchpoints[1]
    before = store.last_seq(created.id)
    step.add.click()  # no text
    assert f"{noun} " in said(step) and "must not be empty" in said(step)
    assert store.last_seq(created.id) == before
    step.text.value = "x" * 500  # longer than a name may be
    step.add.click()
    assert "is too long (500 characters; at most 120)" in said(step)
    assert store.last_seq(created.id) == before
    step.text.value = "Written on the wall"
    step.add.click()
    (event,) = store.events(created.id, after=before)
    assert event.payload["collection"] == collection
    again = cls(LiveWorkshop(participant))
    assert "Written on the wall" in again.listing_html.value
    assert [label for label, _ in again.mine.options][1:] == ["Written on the wall"]
