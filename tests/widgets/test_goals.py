from cxwidgets.charts.alignment import NO_GOAL, NO_LINK, SERVES, UNALIGNED
from cxwidgets.widgets import Goals, LiveWorkshop


def test_goals_and_vision_are_stored(store, created, facilitator):
    step = Goals(LiveWorkshop(facilitator))
    step.title.value, step.vision.value = "Claims that feel effortless", True
    step.add.click()
    step.title.value, step.kpi.value = "Settle in 10 days", "Median days to payment"
    step.add.click()
    goals = store.state(created.id).goals
    assert [(g.title, g.is_vision, g.kpi) for g in goals] == [
        ("Claims that feel effortless", True, ""),
        ("Settle in 10 days", False, "Median days to payment")]
    assert "★ Claims that feel effortless" in Goals(LiveWorkshop(facilitator)).listing_html.value


def test_linking_work_to_goals_and_the_gaps(store, created, journey, facilitator):
    pain = facilitator.add("pain_points", {"touchpoint_id": journey.touchpoints[0],
                                           "text": "Hold times"})
    opp = facilitator.add("opportunities", {"touchpoint_id": journey.touchpoints[0],
                                            "text": "Call-backs"})
    act = facilitator.add("actions", {"title": "Pilot call-backs", "linked_ids": [pain],
                                      "owner": "Amara", "due": "2026-12-15"})
    g1 = facilitator.add("goals", {"title": "Faster claims"})
    facilitator.add("goals", {"title": "Lower cost to serve"})
    step = Goals(LiveWorkshop(facilitator))
    assert "2 serve no goal yet" in step.gaps.value
    assert "2 goals have no work towards them" in step.gaps.value
    step.work.value = act
    step.serves.value = (g1,)
    step.link.click()
    action = store.state(created.id).actions[0]
    assert action.goal_ids == [g1]
    assert "1 serves no goal yet" in step.gaps.value and "Call-backs" in step.gaps.value
    step.work.value = opp
    assert step.serves.value == ()
    step.work.value = act
    assert step.serves.value == (g1,)  # the saved links are loaded back
    step.show()
    cells = [r for d in step.chart.spec["datasets"].values() for r in d if "state" in r]
    states = {(r["item"], r["goal"]): r["state"] for r in cells if r["state"] != NO_LINK}
    assert states == {("Action: Pilot call-backs", "Faster claims"): SERVES,
                      ("Opportunity: Call-backs", NO_GOAL): UNALIGNED}


def test_a_goal_without_a_title_is_refused(store, created, facilitator, said):
    step = Goals(LiveWorkshop(facilitator))
    before = store.last_seq(created.id)
    step.kpi.value = "NPS"
    step.add.click()
    assert "goal title: must not be empty" in said(step)
    assert store.last_seq(created.id) == before and step.kpi.value == "NPS"
