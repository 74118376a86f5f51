"""The kinds of entry: one record each, and every table the kit reads derived from them."""

from __future__ import annotations

import typing

import pytest

from cxwidgets.exceptions import InvalidInput
from cxwidgets.method import kinds
from cxwidgets.method.kinds import KINDS, kind
from cxwidgets.method.model import Entity, Workshop
from cxwidgets.method.steps import STEPS


def _list_fields_of_entities() -> dict[str, type]:
    """The workshop's fields that list entities, with the entity class they hold."""
    found = {}
    for name, info in Workshop.model_fields.items():
        args = typing.get_args(info.annotation)
        if typing.get_origin(info.annotation) is list and args and isinstance(args[0], type) \
                and issubclass(args[0], Entity):
            found[name] = args[0]
    return found


def test_every_list_of_entries_in_a_workshop_has_a_kind_with_its_model():
    assert {k.collection: k.model for k in KINDS} == _list_fields_of_entities()


@pytest.mark.parametrize("k", KINDS, ids=lambda k: k.collection)
def test_a_kinds_fields_are_fields_of_its_model(k):
    fields = set(k.model.model_fields)
    named = {k.text_field, k.speaks_for} - {None}
    assert named <= fields, f"{k.collection}: {named - fields} not in {k.model.__name__}"
    for ref in k.references:
        assert ref.field in fields, f"{k.collection}.{ref.field}"
        assert set(ref.targets) <= set(kinds.COLLECTIONS), f"{k.collection}.{ref.field}"
    assert k.one and k.many and k.one != k.many
    assert (k.given_as != "") == (k.speaks_for is not None)


def test_markers_in_references_are_spelt_out_as_kinds():
    comment_targets = kind("comments").references[0].targets
    assert comment_targets == kinds.MAP_ELEMENTS and "pain_points" in comment_targets
    assert kind("actions").references[0].targets == ("pain_points", "opportunities")
    assert all(kinds.ON_THE_MAP != r.targets != kinds.PRIORITISED
               for k in KINDS for r in k.references)


def test_steps_fill_only_kinds_that_exist_and_each_kind_knows_its_steps():
    for s in STEPS:
        assert set(s.fills) <= set(kinds.COLLECTIONS), s.key
    assert [s.key for s in kind("pain_points").steps] == ["pains"]
    assert kind("empathy_maps").steps == ()


def test_an_unknown_kind_is_refused_with_the_known_ones_named():
    with pytest.raises(InvalidInput, match=r"unknown collection 'wishes'.*pain_points"):
        kind("wishes")


def test_a_kind_validates_an_entry_in_the_words_of_the_form():
    with pytest.raises(InvalidInput, match=r"^pain point text: must not be empty"):
        kind("pain_points").validate({"id": "p1", "text": "", "touchpoint_id": "t1"})
    assert kind("stages").validate({"id": "s1", "name": "Order"}).name == "Order"


def test_every_step_screen_adds_the_first_kind_its_step_fills():
    from cxwidgets.widgets.entries import EntryStep
    from cxwidgets.widgets.registry import screen_classes

    screens = [c for c in screen_classes() if issubclass(c, EntryStep)]
    assert len(screens) >= 8
    for screen in screens:
        s = next(s for s in STEPS if s.key == screen.step_key)
        assert screen.kind.collection == screen.collection == s.fills[0], screen.__name__
        assert screen.noun == screen.kind.one
