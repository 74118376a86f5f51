"""One label for every code: the vocabulary covers every enum of the model."""

import inspect
from enum import Enum

import pytest

from cxwidgets.method import kinds, model
from cxwidgets.method import words as L

MODEL_ENUMS = [cls for _, cls in inspect.getmembers(model, inspect.isclass)
               if issubclass(cls, Enum) and cls.__module__ == model.__name__]


def test_the_model_has_enums_to_label():
    assert len(MODEL_ENUMS) >= 11


@pytest.mark.parametrize("enum", MODEL_ENUMS, ids=lambda e: e.__name__)
def test_every_value_of_every_enum_has_one_label(enum):
    assert enum in L.TABLES, f"{enum.__name__} has no table of labels in words.py"
    labels = L.TABLES[enum]
    assert set(labels) == set(enum), f"{enum.__name__}: unlabelled {set(enum) - set(labels)}"
    for code in enum:
        text = L.word(code)
        assert (text and text != code.value) or code.value.capitalize() == text
        assert "_" not in text


def test_labels_of_one_table_are_distinct():
    for enum, labels in L.TABLES.items():
        assert len(set(labels.values())) == len(labels), enum.__name__


def test_every_collection_has_its_nouns():
    assert set(kinds.NOUNS) == set(kinds.COLLECTIONS)
    assert L.count_of(1, "backstage") == "1 backstage process"
    assert L.count_of(13, "backstage") == "13 backstage processes"
    assert L.count_of(12, "opportunities") == "12 opportunities"
    assert L.count_of(0, "pain_points") == "0 pain points"
    assert L.count(2, "person", "people") == "2 people"
    assert L.count(1_500, "row") == "1,500 rows"


def test_statuses_read_as_words():
    assert L.word(model.ActionStatus.todo) == "To do"
    assert L.word(model.ActionStatus.doing) == "In progress"
    assert L.label(L.ACTION_STATUS, "done") == "Done"


def test_every_field_a_comparison_can_report_has_a_label():
    """Step 14 names what changed: every field of every compared element, and of the
    session, reads as words (never "goal_ids")."""
    from cxwidgets.method.diff import FRAME_FIELDS, IGNORED_FIELDS
    from cxwidgets.method.kinds import COMPARED
    from cxwidgets.method.model import Workshop

    fields = set(FRAME_FIELDS)
    for collection in COMPARED:
        model = Workshop.model_fields[collection].annotation.__args__[0]
        fields |= set(model.model_fields) - IGNORED_FIELDS
    assert sorted(f for f in fields if f not in L.FIELD) == []
    assert all("_" not in L.field(f) for f in fields)


def test_a_choice_not_made_yet_comes_first():
    options = L.options_not_sure(L.FUNCTION)
    assert options[0] == (L.NOT_SURE, "")
    # "Not sure yet" once: the unknown owner is what "" is stored as, not a second choice
    assert options[1:] == [o for o in L.options(L.FUNCTION) if o[1] != "unknown"]
    assert [t for t, _ in options].count(L.NOT_SURE) == 1
