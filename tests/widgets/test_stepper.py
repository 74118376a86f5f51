import pytest

from cxwidgets.method.steps import STEPS, TOTAL_STEPS
from cxwidgets.widgets import (
    STEP_CLASSES,
    DrawMap,
    FrameSession,
    LiveWorkshop,
    Share,
    Stepper,
    Touchpoints,
)


@pytest.fixture
def stepper(live):
    return Stepper(live, [cls(live) for cls in STEP_CLASSES])


def test_header_counts_against_all_sixteen_steps(stepper):
    assert "Step 1 of 16" in stepper.heading.value and "Frame the session" in stepper.heading.value
    assert stepper.progress.value == 1 and stepper.progress.max == TOTAL_STEPS
    assert stepper.back.disabled and not stepper.next.disabled


def test_every_step_is_a_real_screen_in_order(stepper):
    assert [s.step.key for s in stepper.steps] == [s.key for s in STEPS]
    labels = [label for label, _ in stepper.jump.options]
    assert labels[0] == "1. Frame the session" and labels[-1] == "16. Make it readable and share it"
    for s in stepper.steps:  # each has its own instructions
        intro = s.children[0].value
        assert "What to do." in intro and "Why." in intro and "minutes" in intro
        assert "Facilitator tip." in intro


def test_next_back_and_jump(stepper):
    stepper.next.click()
    assert "Step 2 of 16" in stepper.heading.value and stepper.progress.value == 2
    stepper.jump.value = 3
    assert isinstance(stepper.current, Touchpoints) and stepper.stack.selected_index == 3
    stepper.go(99)
    assert isinstance(stepper.current, Share) and stepper.next.disabled
    stepper.next.click()  # already at the end: stays
    assert stepper.index == 15
    stepper.go(0)
    assert isinstance(stepper.current, FrameSession) and stepper.back.disabled


def test_only_the_step_on_screen_is_shown(stepper):
    stepper.go(9)
    shown = [s for s in stepper.steps if s.shown]
    assert shown == [stepper.current] and isinstance(stepper.current, DrawMap)
    assert all(s.hidden for s in stepper.steps if s is not stepper.current)


def test_a_subset_of_steps_still_counts_against_sixteen(live):
    stepper = Stepper(live, [Touchpoints(live), DrawMap(live)])
    stepper.next.click()
    assert "Step 10 of 16" in stepper.heading.value and stepper.progress.value == 10


def test_save_status_follows_edits(stepper):
    assert "save as you go" in stepper.status.value
    frame = stepper.steps[0]
    frame.title.value = "Renamed"
    assert "All changes saved" in stepper.status.value
    frame.title.value = ""
    assert "Not saved" in stepper.status.value and "must not be empty" in stepper.status.value


def test_each_step_has_its_own_timer_default(stepper):
    assert stepper.timer.minutes.value == FrameSession.minutes
    stepper.go(3)
    assert stepper.timer.step_key == "touchpoints"
    assert stepper.timer.minutes.value == Touchpoints.minutes


def test_an_empty_stepper_is_refused(facilitator):
    with pytest.raises(ValueError, match="at least one step"):
        Stepper(LiveWorkshop(facilitator), [])


def test_steps_given_as_classes_are_built_when_first_shown(live):
    stepper = Stepper(live, [Touchpoints, DrawMap, Share], start=1)
    assert stepper.step_keys == ["touchpoints", "map", "share"]
    assert "Step 10 of 16" in stepper.heading.value
    # only the step on screen exists; the others are empty place holders in the stack
    built = [slot.children for slot in stepper.stack.children]
    assert [len(c) for c in built] == [0, 1, 0] and isinstance(built[1][0], DrawMap)
    assert stepper.current.shown
    stepper.go(2)
    assert isinstance(stepper.current, Share) and stepper.current.shown
    assert stepper.stack.children[1].children[0].hidden  # the map, off screen again
    assert len(stepper.stack.children[0].children) == 0  # touchpoints never shown
    # the stack's children stay the same objects: a browser keeps the step on screen
    assert stepper.stack.selected_index == 2
    assert [type(s) for s in stepper.steps] == [Touchpoints, DrawMap, Share]
    assert stepper.steps[0].hidden and not stepper.steps[0].shown
