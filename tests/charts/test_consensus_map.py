"""A consensus map's extra marks, asserted on the spec: card weight by rooms, disputed
feelings with their range between rooms; an ordinary map has none of them."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from typing import Any

import pytest

from cxwidgets.charts import palette as pal
from cxwidgets.charts.consensus import OPACITY, WIDTH
from cxwidgets.charts.journey_map import journey_map
from cxwidgets.rooms import build_consensus, match, rooms_of
from cxwidgets.rooms.sample_rooms import three_rooms
from cxwidgets.sample import load_sample_workshop


def walk(node: Any) -> Iterator[dict[str, Any]]:
    if isinstance(node, dict):
        yield node
        for value in node.values():
            yield from walk(value)
    elif isinstance(node, list):
        for value in node:
            yield from walk(value)


@pytest.fixture(scope="module")
def sample():
    return load_sample_workshop()


@pytest.fixture(scope="module")
def spec(sample) -> dict[str, Any]:
    consensus = build_consensus(match(rooms_of(three_rooms(sample))), "All rooms")
    return journey_map(consensus).to_dict(validate=False)


def datasets_with(spec: dict[str, Any], field: str) -> list[list[dict[str, Any]]]:
    return [rows for rows in spec.get("datasets", {}).values()
            if rows and isinstance(rows[0], dict) and field in rows[0]]


def test_each_touchpoint_card_carries_its_share_of_rooms(spec):
    [rows] = datasets_with(spec, "share")
    assert len(rows) == 28
    assert Counter(r["share"] for r in rows) == {1.0: 23, 0.6667: 4, 0.3333: 1}
    neighbour = next(r for r in rows if r["name"] == "Neighbour takes the box in")
    assert neighbour["rooms"] == "1 of 3: Munich room"
    weights = [n for n in walk(spec) if "strokeWidth" in n.get("encoding", {})]
    [card] = weights
    enc = card["encoding"]
    assert enc["strokeWidth"]["scale"] == {"domain": [1 / 3, 1], "range": list(WIDTH),
                                           "clamp": True}
    assert enc["opacity"]["scale"]["range"] == list(OPACITY)
    assert {"field": "rooms", "title": "Named by rooms", "type": "nominal"} in enc["tooltip"]


def test_only_the_disputed_feeling_gets_a_bar_between_rooms(spec):
    [bars] = datasets_with(spec, "gap")
    assert [(b["name"], b["lo"], b["hi"], b["gap"]) for b in bars] == [
        ("Courier at the door", -1.1, 1.1, "2.2 steps apart")]
    assert bars[0]["each"] == "Berlin room -1.1, Hamburg room -1.1, Munich room +1.1"
    [ticks] = datasets_with(spec, "room")
    assert [(t["room"], t["m"]) for t in ticks] == [
        ("Berlin room", -1.1), ("Hamburg room", -1.1), ("Munich room", 1.1)]
    rules = [n for n in walk(spec) if isinstance(n.get("mark"), dict)
             and n["mark"].get("type") == "rule" and n["mark"].get("color") == pal.PAIN]
    assert len(rules) == 1


def test_the_title_says_how_to_read_a_consensus(spec):
    subtitle = " ".join(spec["title"]["subtitle"])
    assert "Consensus of 3 rooms (Berlin room, Hamburg room, Munich room)." in subtitle
    assert "Bolder touchpoints were named by more rooms" in subtitle


def test_an_ordinary_map_is_drawn_as_before(sample):
    spec = journey_map(sample).to_dict(validate=False)
    assert not datasets_with(spec, "share") and not datasets_with(spec, "gap")
    assert not [n for n in walk(spec) if "strokeWidth" in n.get("encoding", {})]
    assert "Consensus" not in str(spec["title"])
