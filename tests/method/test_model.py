import json

import jsonschema
import pytest

from cxwidgets.exceptions import InvalidInput
from cxwidgets.method.kinds import COLLECTIONS, validate_entity
from cxwidgets.method.model import (
    SCHEMA_VERSION,
    Channel,
    Medium,
    Workshop,
    default_medium,
    json_schema,
    write_json_schema,
)
from cxwidgets.sample import load_sample_workshop


def test_sample_workshop_round_trips_through_json():
    ws = load_sample_workshop()
    again = Workshop.from_json(ws.to_json())
    assert again == ws
    assert again.schema_version == SCHEMA_VERSION
    assert len(again.touchpoints) >= 25 and len(again.stages) == 7


def test_every_collection_is_a_workshop_field():
    fields = set(Workshop.model_fields)
    assert set(COLLECTIONS) <= fields


def test_exported_schema_validates_the_sample_and_rejects_a_broken_one(tmp_path):
    path = write_json_schema(tmp_path / "workshop.schema.json")
    schema = json.loads(path.read_text())
    assert schema == json_schema()
    sample = json.loads(load_sample_workshop().to_json())
    jsonschema.validate(sample, schema)
    sample["touchpoints"][0]["channel"] = "carrier pigeon"
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(sample, schema)


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        ({"id": "t1", "name": ""}, "touchpoint name: must not be empty"),
        ({"id": "t1", "name": "   "}, "touchpoint name: must not be empty"),
        ({"id": "t1", "name": "x" * 10_000}, "touchpoint name: is too long (10000 characters"),
        ({"id": "t1", "name": "ok", "channel": "fax"}, "touchpoint channel:"),
        ({"id": "t 1", "name": "ok"}, "touchpoint id: may hold only"),
        ({"id": "t1", "name": "ok", "colour": "red"}, "touchpoint colour: is not a known field"),
    ],
)
def test_invalid_touchpoints_name_the_field(data, expected):
    with pytest.raises(InvalidInput) as info:
        validate_entity("touchpoints", data)
    assert expected in str(info.value)


def test_emotion_score_is_bounded():
    validate_entity("emotions", {"id": "e", "touchpoint_id": "t", "score": 2})
    with pytest.raises(InvalidInput, match="emotion score"):
        validate_entity("emotions", {"id": "e", "touchpoint_id": "t", "score": 3})


def test_action_needs_owner_and_due_date():
    with pytest.raises(InvalidInput) as info:
        validate_entity("actions", {"id": "a", "title": "Fix the letter"})
    assert "action owner: is required" in str(info.value)
    assert "action due: is required" in str(info.value)


def test_unknown_collection_lists_known_ones():
    with pytest.raises(InvalidInput, match=r"known: .*touchpoints"):
        validate_entity("widgets", {})


def test_broken_workshop_json_is_a_clear_error():
    with pytest.raises(InvalidInput, match="workshop"):
        Workshop.from_json('{"id": "w1"}')


def test_physical_channels_default_to_physical():
    assert default_medium(Channel.store) is Medium.physical
    assert default_medium("email") is Medium.digital


def test_control_characters_pasted_into_text_are_dropped():
    from pydantic import ValidationError

    from cxwidgets.method.model import PainPoint, Touchpoint

    assert Touchpoint(id="t1", name=" Fridge\x00 magnet\x07 ").name == "Fridge magnet"
    pain = PainPoint(id="p1", touchpoint_id="t1", text="line one\nline\x1b two\tend")
    assert pain.text == "line one\nline two\tend"  # tabs and line breaks stay
    with pytest.raises(ValidationError):
        Touchpoint(id="t1", name="\x00\x01")  # nothing left: as empty as an empty name
