import pytest

from cxwidgets.exceptions import NotAllowed
from cxwidgets.store import Editor
from cxwidgets.widgets import LiveWorkshop, Versions


def tag(step, name, kind="review", note=""):
    step.name.value, step.kind.value, step.note.value = name, kind, note
    step.tag.click()


def test_a_named_version_is_saved(store, created, journey, facilitator):
    step = Versions(LiveWorkshop(facilitator))
    tag(step, "As-is, Nov 2026", "as_is", "before the redesign")
    (version,) = store.state(created.id).versions
    assert (version.name, version.kind.value, version.note) == (
        "As-is, Nov 2026", "as_is", "before the redesign")
    again = Versions(LiveWorkshop(facilitator))
    assert "As-is, Nov 2026" in again.history.value and "As-is" in again.history.value


def test_a_duplicate_name_is_refused(store, created, journey, facilitator, said):
    step = Versions(LiveWorkshop(facilitator))
    tag(step, "As-is", "as_is")
    before = store.last_seq(created.id)
    tag(step, "As-is", "to_be")
    assert "'As-is' is already used" in said(step)
    assert store.last_seq(created.id) == before


def test_compare_shows_added_removed_changed_and_feelings(store, created, journey,
                                                          facilitator):
    rater = Editor.join(store, created.join_code, "Ana")
    rater.add("emotions", {"touchpoint_id": journey.touchpoints[0], "score": -2,
                           "persona_id": journey.persona})
    live = LiveWorkshop(facilitator)
    step = Versions(live)
    tag(step, "As-is", "as_is")
    facilitator.update("touchpoints", journey.touchpoints[1], name="Online claim form")
    facilitator.add("touchpoints", {"name": "Claim tracker", "stage_id": journey.stages[0]})
    facilitator.add("stages", {"name": "Follow-up", "order": 5})
    (emotion,) = store.state(created.id).emotions
    rater.update("emotions", emotion.id, score=1)
    live.refresh()
    step.left.value, step.right.value = "As-is", ""
    result = step.run_compare()
    assert {i.label for i in result.added} == {"Claim tracker", "Follow-up"}
    assert [(c.field, c.before, c.after) for c in result.changed] == [
        ("name", "Claim form", "Online claim form")]
    (delta,) = result.emotions
    assert (delta.before, delta.after, delta.delta) == (-2, 1, 3)
    assert "2 added · 0 removed · 1 changed · feelings moved at 1 touchpoint<" in \
        step.summary.value
    assert "Online claim form" in step.details.value and "▲ +3.0" in step.details.value
    left = step.left_map.spec
    right = step.right_map.spec
    assert left and right and left != right  # both maps drawn, and they differ
    assert step.shift.spec["layer"]


def test_nothing_to_compare_yet(facilitator):
    step = Versions(LiveWorkshop(facilitator))
    assert step.compare.disabled and step.run_compare() is None
    assert "Save a version first" in step.compare_notice.value


def test_participants_cannot_tag(store, created, participant):
    step = Versions(LiveWorkshop(participant))
    assert step.children[1].layout.display == "none"
    with pytest.raises(NotAllowed):
        participant.tag_version("Mine")


def test_a_review_is_planned_and_flagged_when_overdue(store, created, facilitator, clock):
    import datetime as dt

    step = Versions(LiveWorkshop(facilitator, clock=clock))  # today: 25 Nov 2026
    assert "No review is planned" in step.review.value
    step.set_review.click()
    assert "Pick the day" in step.notice.value
    step.review_on.value = dt.date(2027, 1, 15)
    step.set_review.click()
    assert store.state(created.id).next_review == dt.date(2027, 1, 15)
    assert "in 51 days" in step.review.value
    clock.advance(60 * 86400)
    later = Versions(LiveWorkshop(facilitator, clock=clock))
    assert "overdue by 9 days" in later.review.value


def test_the_bank_lists_every_map_with_overdue_reviews_first(store, created, facilitator):
    import datetime as dt

    from cxwidgets.bank import bank_of, bank_text

    facilitator.update_workshop(next_review="2026-10-01")
    other = store.create_workshop("Onboarding journey")
    Editor.facilitator(store, other.id, other.token).update_workshop(next_review="2027-02-01")
    rows = bank_of(store, dt.date(2026, 11, 25))
    assert [r.title for r in rows] == ["Claims journey", "Onboarding journey"]
    assert (rows[0].state, rows[0].review_overdue_days) == ("review overdue", 55)
    assert rows[1].state == "not mapped yet"
    text = bank_text(rows)
    assert "2026-10-01 (+55d)" in text and created.join_code in text


def test_a_comparison_says_links_and_codes_in_words(store, created, journey, facilitator):
    """What changed reads as names and labels: never an id, `null`, a field name or a
    list in brackets."""
    goal = facilitator.add("goals", {"title": "Faster claims"})
    pain = facilitator.add("pain_points", {"touchpoint_id": journey.touchpoints[0],
                                           "text": "Long hold"})
    action = facilitator.add("actions", {
        "title": "Call back within a day", "owner": "Mia", "due": "2026-12-01",
        "linked_ids": [pain], "function": "support"})
    live = LiveWorkshop(facilitator)
    step = Versions(live)
    tag(step, "Before", "as_is")
    facilitator.update("actions", action, goal_ids=[goal], status="doing", function="it")
    live.refresh()
    step.left.value, step.right.value = "Before", ""
    step.run_compare()
    shown = step.details.value
    assert "<b>Goals it serves:</b> - → Faster claims" in shown
    assert "<b>Status:</b> To do → In progress" in shown
    assert "<b>Function:</b> Customer support → IT" in shown
    for code in (goal, "goal_ids", "null", "[", "doing", "None"):
        assert code not in shown, code
