"""The emotion curve by hand: what it draws, and every score the page may send, saved as
the form's "Save rating" saves it or refused as the form's would be."""

from __future__ import annotations

from cxwidgets.widgets import Emotions, LiveWorkshop
from cxwidgets.widgets.canvas import page_code
from cxwidgets.widgets.emotion_curve import EmotionCurve, curve_points
from cxwidgets.widgets.live_map import LiveMap


def ask(curve: EmotionCurve, content: object) -> None:
    """What the page sends, through the widget's own message handling."""
    curve._handle_custom_msg(content, [])


def curve_of(editor, clock, persona: str | None = None) -> EmotionCurve:
    live = LiveWorkshop(editor, clock=clock)
    if persona:
        live.persona_id = persona
    found = EmotionCurve(live)
    found.show(live.workshop)
    return found


def test_the_curve_holds_each_touchpoint_with_the_rooms_average_and_ones_own(
        store, created, journey, participant, facilitator, clock):
    other = facilitator  # someone else's rating makes the room's average
    other.add("emotions", {"touchpoint_id": journey.touchpoints[0], "score": -2,
                           "persona_id": journey.persona})
    participant.add("emotions", {"touchpoint_id": journey.touchpoints[0], "score": 1,
                                 "participant": participant.author,
                                 "persona_id": journey.persona})
    points = curve_points(store.state(created.id), participant.author, journey.persona)
    assert [p["name"] for p in points] == ["Claim hotline", "Claim form", "Payment letter"]
    assert points[0]["mine"] == 1 and points[0]["mean"] == -0.5
    assert points[1]["mine"] is None and points[1]["mean"] is None
    assert points[2]["stage"] == "Get paid"


def test_a_dot_let_go_is_a_first_rating_then_a_change_of_it(store, created, journey,
                                                           participant, clock):
    curve = curve_of(participant, clock, journey.persona)
    ask(curve, {"rate": journey.touchpoints[1], "score": -1})
    (mine,) = [e for e in store.state(created.id).emotions]
    assert (mine.score, mine.touchpoint_id, mine.persona_id) == (
        -1, journey.touchpoints[1], journey.persona)
    assert curve.message == "✓ Claim form: bad." and not curve.refused
    assert curve.points[1]["mine"] == -1 and curve.revision == 1
    ask(curve, {"rate": journey.touchpoints[1], "score": 2})
    ws = store.state(created.id)
    assert len(ws.emotions) == 1 and ws.emotions[0].score == 2  # changed, not a second one
    # the step's form shows the same rating
    form = Emotions(LiveWorkshop(participant, clock=clock))
    form.live.persona_id = journey.persona
    form.touchpoint.value = journey.touchpoints[1]
    assert form.score.value == 2


def test_a_score_off_the_scale_or_a_locked_step_is_refused(store, created, journey,
                                                          participant, facilitator, clock):
    curve = curve_of(participant, clock, journey.persona)
    before = store.last_seq(created.id)
    ask(curve, {"rate": journey.touchpoints[0], "score": 5})
    assert store.last_seq(created.id) == before and curve.refused and curve.message
    facilitator.lock_step("emotions")
    before = store.last_seq(created.id)
    ask(curve, {"rate": journey.touchpoints[0], "score": 1})
    assert store.last_seq(created.id) == before
    assert curve.refused and "locked" in curve.message.lower()
    assert curve.points[0]["mine"] is None  # the dot goes back to what is saved


def test_what_is_not_a_score_changes_nothing(store, created, journey, participant, clock):
    curve = curve_of(participant, clock, journey.persona)
    before = store.last_seq(created.id)
    for content in (None, [], {"rate": 1, "score": 1}, {"rate": journey.touchpoints[0]},
                    {"rate": journey.touchpoints[0], "score": "1"},
                    {"rate": journey.touchpoints[0], "score": True},
                    {"rate": journey.touchpoints[0], "score": 1.0}):
        ask(curve, content)
    assert store.last_seq(created.id) == before and curve.revision == 0
    ask(curve, {"rate": "gone", "score": 1})
    assert curve.refused and "no longer on the map" in curve.message


def test_only_a_participant_gets_the_curve_and_it_opens_at_step_6(journey, participant,
                                                                 facilitator, clock):
    theirs = LiveMap(LiveWorkshop(participant, clock=clock), lambda n: True)
    assert LiveMap(LiveWorkshop(facilitator, clock=clock), lambda n: True).curve is None
    assert theirs.curve is not None
    theirs.show_step("touchpoints")
    assert theirs.curve.content is None
    theirs.show_step("emotions")
    assert isinstance(theirs.curve.content, EmotionCurve)
    assert [p["name"] for p in theirs.curve.content.points][:1] == ["Claim hotline"]


def test_the_page_code_is_the_kits_own():
    code = page_code("emotion_curve.js")
    assert "export default { render }" in code and "role: \"slider\"" in code
