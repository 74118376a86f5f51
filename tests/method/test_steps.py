"""The step record is the one home of a step's facts; every list of steps derives from it."""

import pytest

from cxwidgets.method.kinds import COLLECTIONS
from cxwidgets.method.steps import (
    ROOM_ADDS,
    ROOM_INPUT_STEPS,
    STEPS,
    TOTAL_STEPS,
    step,
    step_of,
)
from cxwidgets.widgets.registry import screen_class, screen_classes


def test_sixteen_steps_numbered_in_order_with_instructions():
    assert TOTAL_STEPS == 16
    assert [s.number for s in STEPS] == list(range(1, 17))
    assert len({s.key for s in STEPS}) == 16
    for s in STEPS:
        assert s.what and s.why and s.tip and s.minutes > 0, s.key
        assert s.label == f"Step {s.number} of 16 · {s.title}"


def test_what_steps_fill_and_what_the_room_adds_are_real_collections():
    for s in STEPS:
        assert set(s.fills) <= set(COLLECTIONS), s.key
        assert set(s.room_adds) <= set(COLLECTIONS), s.key
        # the room adds only where the step's screen takes entries
        assert set(s.room_adds) <= {*s.fills, "votes"}, s.key
    assert {"touchpoints", "pain_points", "votes", "volunteers", "diagnosis"} <= ROOM_ADDS
    assert not ROOM_ADDS & {"stages", "goals", "sources", "actions", "versions"}


def test_step_of_an_entry():
    assert step_of("touchpoints").key == "touchpoints"
    assert step_of("stages").key == "timeline"
    assert step_of("votes", "dot").key == "prioritise"
    assert step_of("votes", "accuracy").key == "review"
    assert step_of("participants") is None


def test_the_room_input_steps_are_those_where_participants_add():
    assert ROOM_INPUT_STEPS == ("persona", "touchpoints", "emotions", "pains",
                                "opportunities", "backstage", "review", "prioritise",
                                "actions")
    assert step("map").for_room and not step("map").room_adds
    assert not step("timeline").for_room


def test_lookups_by_key_number_and_typed_number():
    assert step("touchpoints") is step(4) is step(" 4")
    with pytest.raises(KeyError, match="known steps: frame"):
        step("nope")


def test_every_step_has_exactly_one_registered_screen_with_its_facts():
    classes = screen_classes()
    assert [c.step_key for c in classes] == [s.key for s in STEPS]
    for s, cls in zip(STEPS, classes, strict=True):
        assert screen_class(s.number) is cls
        assert (cls.what, cls.why, cls.tip, cls.minutes) == (s.what, s.why, s.tip, s.minutes)


def test_registering_a_second_screen_for_a_step_is_refused():
    from cxwidgets.widgets.base import StepWidget
    from cxwidgets.widgets.registry import register

    class Another(StepWidget):
        step_key = "touchpoints"

    with pytest.raises(ValueError, match="two screens"):
        register(Another)


def test_each_screen_module_registers_the_screen_it_is_listed_for():
    import importlib

    from cxwidgets.widgets.registry import SCREEN_MODULES

    assert set(SCREEN_MODULES) == {s.key for s in STEPS}
    for key, module in SCREEN_MODULES.items():
        cls = screen_class(key)
        assert cls.__module__ == f"cxwidgets.widgets.{module}"
        assert cls is getattr(importlib.import_module(cls.__module__), cls.__name__)
