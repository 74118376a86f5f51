import pytest

from cxwidgets.steps import TOTAL_STEPS
from cxwidgets.widgets import STEP_CLASSES, FrameSession, LiveWorkshop, Stepper, Touchpoints


@pytest.fixture
def stepper(facilitator):
    live = LiveWorkshop(facilitator)
    return Stepper(live, [cls(live) for cls in STEP_CLASSES])


def test_header_counts_against_all_sixteen_steps(stepper):
    assert "Step 1 of 16" in stepper.heading.value and "Frame the session" in stepper.heading.value
    assert stepper.progress.value == 1 and stepper.progress.max == TOTAL_STEPS
    assert stepper.back.disabled and not stepper.next.disabled


def test_next_back_and_jump(stepper):
    stepper.next.click()
    assert isinstance(stepper.current, Touchpoints)
    assert "Step 4 of 16" in stepper.heading.value and stepper.progress.value == 4
    assert stepper.stack.selected_index == 1 and stepper.next.disabled
    stepper.next.click()  # already at the end: stays
    assert stepper.index == 1
    stepper.back.click()
    assert isinstance(stepper.current, FrameSession)
    stepper.jump.value = 1
    assert stepper.stack.selected_index == 1


def test_jump_list_offers_only_real_steps(stepper):
    labels = [label for label, _ in stepper.jump.options]
    assert labels == ["1. Frame the session", "4. Touchpoints"]


def test_save_status_follows_edits(stepper):
    assert "save as you go" in stepper.status.value
    frame = stepper.steps[0]
    frame.title.value = "Renamed"
    assert "All changes saved" in stepper.status.value
    frame.title.value = ""
    assert "Not saved" in stepper.status.value and "must not be empty" in stepper.status.value


def test_an_empty_stepper_is_refused(facilitator):
    with pytest.raises(ValueError, match="at least one step"):
        Stepper(LiveWorkshop(facilitator), [])
