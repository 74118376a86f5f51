import pytest

from cxwidgets.store import Editor
from cxwidgets.widgets import Emotions, LiveWorkshop, PainPoints, Prioritise, Touchpoints
from cxwidgets.widgets.room import Room, SelfAssessment, Volunteering


@pytest.fixture
def room(store, created, journey):
    ana = Editor.join(store, created.join_code, "Ana", "support")
    return Room(LiveWorkshop(ana))


def open_step(facilitator, room, key):
    facilitator.open_step(key)
    room.live.refresh()
    return room.body.children[0]


def test_the_room_follows_the_step_the_facilitator_opens(room, facilitator):
    assert "Step 1 of 16" in room.heading.value and "watching" in str(
        room.body.children[0]._dom_classes)
    for key, cls in (("touchpoints", Touchpoints), ("emotions", Emotions),
                     ("pains", PainPoints), ("prioritise", Prioritise),
                     ("actions", Volunteering)):
        screen = open_step(facilitator, room, key)
        assert isinstance(screen, cls) and screen.shown
    assert open_step(facilitator, room, "touchpoints") is room.screens["touchpoints"]
    assert not room.screens["emotions"].shown  # screens off stage stop redrawing


def test_a_closed_step_says_so_and_refuses_input(store, created, room, facilitator, journey):
    screen = open_step(facilitator, room, "pains")
    facilitator.lock_step("pains")
    room.live.refresh()
    assert "input closed" in room.heading.value
    screen.touchpoint.value = journey.touchpoints[0]
    screen.text.value = "Long wait"
    before = store.last_seq(created.id)
    screen.add.click()
    assert "locked step 7" in screen.notice.value
    assert store.last_seq(created.id) == before and screen.text.value == "Long wait"


def test_the_room_sees_the_facilitators_timer(room, facilitator):
    from cxwidgets.method.model import StepTimer

    facilitator.open_step("emotions")
    facilitator.set_timer("emotions", StepTimer(minutes=7))
    room.live.refresh()
    assert "7:00 left" in room.timer.display.value
    assert room.timer.minutes not in room.timer.children


def test_hidden_dot_counts_stay_hidden_from_participants(store, created, room, facilitator,
                                                         journey):
    pain = facilitator.add("pain_points", {"touchpoint_id": journey.touchpoints[0],
                                           "text": "Hold times"})
    facilitator.hide_votes()
    screen = open_step(facilitator, room, "prioritise")
    screen.item.value = pain
    screen.dot.click()
    assert "hidden until the facilitator reveals them" in screen.ranking.value
    assert "●" not in screen.ranking.value and "Rank" not in screen.ranking.value
    assert "4 of 5 dots left" in screen.left.value  # their own dots they still see
    board = Prioritise(LiveWorkshop(facilitator))
    assert "Rank" in board.ranking.value  # the facilitator sees the counts
    facilitator.hide_votes(False)
    room.live.refresh()
    assert "Rank" in screen.ranking.value


def test_volunteering_for_an_action(store, created, room, facilitator, journey):
    pain = facilitator.add("pain_points", {"touchpoint_id": journey.touchpoints[0],
                                           "text": "Hold times"})
    action = facilitator.add("actions", {"title": "Call-backs", "owner": "Amara",
                                         "linked_ids": [pain], "due": "2026-12-15"})
    screen = open_step(facilitator, room, "actions")
    screen.action.value = action
    screen.note.value = "I can test the script"
    screen.offer.click()
    (offer,) = store.state(created.id).volunteers
    assert (offer.action_id, offer.participant) == (action, room.live.editor.author)
    assert "Ana" in screen.board.value
    screen.offer.click()
    assert "already offered" in screen.notice.value
    screen.withdraw.click()
    assert store.state(created.id).volunteers == []


def test_the_self_assessment_saves_one_answer_per_statement(store, created, room):
    room.toggle.value = True
    assessment = room.body.children[0]
    assert isinstance(assessment, SelfAssessment)
    assessment.answers["lead-needs"].value = 4
    assessment.answers["lead-needs"].value = 2  # a change of mind
    assessment.answers["silos"].value = 5
    answers = {a.statement_id: a.score for a in store.state(created.id).diagnosis}
    assert answers == {"lead-needs": 2, "silos": 5}
    assert "2 of 20 answered" in assessment.progress.value
    assert {a.function.value for a in store.state(created.id).diagnosis} == {"support"}
    room.toggle.value = False
    assert not isinstance(room.body.children[0], SelfAssessment)


def test_a_flooding_participant_is_slowed_down_not_the_room(store, created, journey,
                                                            facilitator):
    from cxwidgets.widgets.session import FloodGate

    ana = LiveWorkshop(Editor.join(store, created.join_code, "Ana"), gate=FloodGate("5/minute"))
    screen = PainPoints(ana)
    screen.touchpoint.value = journey.touchpoints[0]
    saved = 0
    for k in range(12):
        screen.text.value = f"Spam {k}"
        screen.add.click()
        saved += "faster than anyone can read" not in screen.notice.value
    assert saved == 5 and len(store.state(created.id).pain_points) == 5
    assert screen.text.value == "Spam 11"  # what was typed is still there
    ben = PainPoints(LiveWorkshop(Editor.join(store, created.join_code, "Ben")))
    ben.touchpoint.value = journey.touchpoints[0]
    ben.text.value = "A real pain"
    ben.add.click()  # others are not slowed
    board = LiveWorkshop(facilitator)
    for k in range(20):  # nor is the facilitator
        assert board.edit(facilitator.add, "pain_points", {
            "touchpoint_id": journey.touchpoints[1], "text": f"Board tidy {k}"})
    assert len(store.state(created.id).pain_points) == 26


def test_a_step_kept_open_is_offered_beside_the_rooms_own(store):
    created = store.create_workshop("Kept open")
    chair = Editor.facilitator(store, created.id, created.token)
    stage = chair.add("stages", {"name": "Buy"})
    chair.add("touchpoints", {"name": "Claim form", "stage_id": stage})
    room = Room(LiveWorkshop(Editor.join(store, created.join_code, "Ana")))
    chair.open_step("pains")
    room.live.refresh()
    assert room.open_now.layout.display == "none"  # only the room's own step: no choice
    chair.keep_open("touchpoints")
    room.live.refresh()
    assert room.open_now.layout.display == ""
    assert [k for _, k in room.open_now.options] == ["pains", "touchpoints"]
    assert isinstance(room.body.children[0], PainPoints)  # still where the room is
    room.open_now.value = "touchpoints"
    screen = room.body.children[0]
    assert isinstance(screen, Touchpoints)
    screen.name.value = "Letter"
    screen.stage.value = stage
    screen.add.click()
    assert [t.name for t in store.state(created.id).touchpoints] == ["Claim form", "Letter"]
    chair.open_step("opportunities")  # the room moves on: the screen follows it
    room.live.refresh()
    assert room.open_now.value == "opportunities"
