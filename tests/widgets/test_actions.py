import datetime as dt

import pytest

from cxwidgets.widgets import Actions, LiveWorkshop


@pytest.fixture
def pain(journey, facilitator):
    return facilitator.add("pain_points", {"touchpoint_id": journey.touchpoints[0],
                                           "text": "Hold times"})


def fill(step, pain, title="Offer call-backs", due=dt.date(2026, 12, 15), start=None):
    step.title.value = title
    step.linked.value = (pain,) if pain else ()
    step.owner.value = "Amara"
    step.function.value = "support"
    step.start.value = start
    step.due.value = due


def test_an_action_is_stored_linked_owned_and_dated(store, created, pain, facilitator, clock):
    step = Actions(LiveWorkshop(facilitator, clock=clock))
    before = store.last_seq(created.id)
    fill(step, pain, start=dt.date(2026, 11, 26))
    step.add.click()
    (event,) = store.events(created.id, after=before)
    data = event.payload["data"]
    assert (data["title"], data["linked_ids"], data["owner"], data["function"], data["due"]) == (
        "Offer call-backs", [pain], "Amara", "support", "2026-12-15")
    again = Actions(LiveWorkshop(facilitator, clock=clock))
    assert "Offer call-backs" in again.listing_html.value and "Hold times" in \
        again.listing_html.value


@pytest.mark.parametrize(("change", "message"), [
    ({"pain": None}, "action linked: link at least one pain point or opportunity"),
    ({"due": None}, "action due: is required"),
    ({"title": " "}, "action title: must not be empty"),
    ({"start": dt.date(2027, 1, 1)}, "the due date 2026-12-15 is before the start date"),
])
def test_invalid_actions_are_refused_and_nothing_stored(store, created, pain, facilitator,
                                                        change, message, said):
    step = Actions(LiveWorkshop(facilitator))
    args = {"pain": pain, **change}
    fill(step, **args)
    before = store.last_seq(created.id)
    step.add.click()
    assert message in said(step)
    assert store.last_seq(created.id) == before


def test_overdue_actions_stand_out(store, created, pain, facilitator, clock):
    base = {"linked_ids": [pain], "owner": "Amara"}
    facilitator.add("actions", {**base, "title": "Late one", "due": "2026-11-20"})
    facilitator.add("actions", {**base, "title": "Done one", "due": "2026-11-01",
                                "status": "done"})
    facilitator.add("actions", {**base, "title": "Future one", "due": "2027-01-10"})
    step = Actions(LiveWorkshop(facilitator, clock=clock))  # today: 25 Nov 2026
    assert "1 overdue" in step.listing_html.value
    assert "overdue by 5 days" in step.listing_html.value
    step.show()
    data = [r for d in step.chart.spec["datasets"].values() for r in d if "shown" in r]
    shown = {r["action"]: r["shown"] for r in data}
    assert shown == {"Late one": "Overdue", "Done one": "Done", "Future one": "To do"}
    clock.advance(60 * 86400)
    later = Actions(LiveWorkshop(facilitator, clock=clock))
    assert "2 overdue" in later.listing_html.value


def test_volunteers_show_on_the_plan(store, created, pain, facilitator, participant):
    action = facilitator.add("actions", {"title": "Call-backs", "owner": "Amara",
                                         "linked_ids": [pain], "due": "2026-12-15"})
    participant.add("volunteers", {"action_id": action, "note": "I can test it"})
    step = Actions(LiveWorkshop(facilitator))
    assert "Volunteers" in step.listing_html.value and "Ana" in step.listing_html.value
