"""The live map's spec: the journey map with ids, one click selection and empty cells."""

from __future__ import annotations

import json

import pytest

from cxwidgets import language
from cxwidgets.charts.journey_map import LANE_NAMES, build_map
from cxwidgets.charts.live_map import (
    ADDABLE,
    PICK,
    cell_id,
    lane_of,
    live_key,
    live_map,
    parse_cell,
    picked_id,
    table_ids,
)
from cxwidgets.method.model import BackstageProcess, Opportunity, PainPoint
from cxwidgets.synthetic import synthetic_workshop
from cxwidgets.testing import small_workshop


def walk(node):
    if isinstance(node, dict):
        yield node
        for value in node.values():
            yield from walk(value)
    elif isinstance(node, list):
        for value in node:
            yield from walk(value)


@pytest.fixture
def workshop():
    """The small map with a pain point of Ana's, an opportunity and a backstage process
    of someone else's."""
    base = small_workshop()
    tp = base.touchpoints[0]
    return base.model_copy(update={
        "pain_points": [PainPoint(id="pain1", touchpoint_id=tp.id, text="Too slow",
                                  created_by="ana", evidence=["Took ages"])],
        "opportunities": [Opportunity(id="idea1", touchpoint_id=tp.id, text="Faster",
                                      created_by="ben")],
        "backstage": [BackstageProcess(id="back1", touchpoint_id=tp.id, name="Billing",
                                       created_by="ben")]})


def test_the_live_map_keeps_to_the_vega_lite_schema_and_compiles_with_one_selection(
        workshop):
    import vl_convert as vlc

    chart = live_map(workshop, None, "ana")
    chart.validate()
    spec = chart.to_dict()
    vega = vlc.vegalite_to_vega(spec, vl_version="v6_4")
    signals = [s["name"] for s in walk(vega) if isinstance(s.get("name"), str)
               and s["name"].startswith(PICK) and "update" in s]
    assert PICK in signals
    # one named view per lane that holds ids: a second view in one lane's scope would
    # define the selection's signals twice (Vega refuses the whole chart)
    views = spec["params"][0]["views"]
    named = [u["name"] for u in walk(spec) if "mark" in u and "name" in u]
    assert named == views and len(views) == len(set(views))
    lanes_with_ids = [lane for lane in spec["vconcat"] if any(
        isinstance(r, dict) and "id" in r for u in walk(lane) for r in
        spec["datasets"].get((u.get("data") or {}).get("name", ""), []))]
    assert len(views) == len(lanes_with_ids)


def test_every_card_stage_dot_and_cell_carries_its_id(workshop):
    ids = table_ids(live_map(workshop, None, "ana").to_dict())
    stages = [s.id for s in workshop.stages]
    placed = [t.id for t in workshop.touchpoints if t.stage_id]
    assert set(stages) | set(placed) | {"pain1", "idea1", "back1"} <= set(ids)
    assert {cell_id(lane, s) for lane in ADDABLE for s in stages} <= set(ids)
    # the quote of a pain point opens the pain point it is evidence for
    quotes = [r for r in walk(live_map(workshop, None, "ana").to_dict()["datasets"])
              if "q" in r]
    assert [q["id"] for q in quotes] == ["pain1"]


def test_the_seats_own_cards_are_starred_and_only_theirs(workshop):
    spec = live_map(workshop, None, "ana").to_dict()
    ids = table_ids(spec)
    assert ids["pain1"]["mine"] == "★" and ids["idea1"]["mine"] == ""
    stars = [u for u in walk(spec) if u.get("encoding", {}).get("text", {}).get(
        "field") == "mine"]
    assert len(stars) == 1  # the pain lane only: no lane without one of hers gets the mark
    bens = live_map(workshop, None, "ben").to_dict()
    assert table_ids(bens)["idea1"]["mine"] == "★" and table_ids(bens)["pain1"]["mine"] == ""
    assert live_key(workshop, None, "ana") != live_key(workshop, None, "ben")


def test_the_exported_map_carries_no_ids(workshop):
    """Only the live map is drawn for a seat: the map of step 10 and the exports stay
    as they were, with no internal ids in their tables."""
    text = json.dumps(build_map(workshop).to_dict())
    assert "pain1" not in text and '"mine"' not in text and '"params"' not in text


@pytest.mark.parametrize("code", list(language.LANGUAGES))
def test_every_lane_is_known_by_the_name_beside_it(code):
    """In every language: the lanes are named in it, and the map is read in it."""
    with language.speaking(code):
        spec = live_map(synthetic_workshop(stages=4, touchpoints=10), None, "x").to_dict()
        found = [lane_of(lane) for lane in spec["vconcat"]]
    assert found[:8] == [k for k in LANE_NAMES if k != "key"]


@pytest.mark.parametrize("code", ["de", "fr"])
def test_a_map_drawn_in_another_language_has_its_cells_and_its_stages(workshop, code):
    with language.speaking(code):
        chart = live_map(workshop, None, "ana")
        ids = table_ids(chart.to_dict())
        stages = [s.id for s in workshop.stages]
        assert {cell_id(lane, s) for lane in ADDABLE for s in stages} <= set(ids)
        assert [r["id"] for r in chart.stage_lanes[0].pain_points] == ["pain1"]


@pytest.mark.parametrize("junk", [None, 3, "x", {}, {"vlPoint": 1}, {"vlPoint": {"or": []}},
                                  {"vlPoint": {"or": [{"id": 5}]}},
                                  {"vlPoint": {"or": [{"id": "x" * 101}]}},
                                  {"vlPoint": {"or": ["id"]}}])
def test_a_selection_that_names_nothing_gives_no_id(junk):
    assert picked_id(junk) is None


def test_a_click_gives_the_id_clicked():
    assert picked_id({"vlPoint": {"or": [{"id": "pain1"}]}, "id": ["pain1"]}) == "pain1"
    assert parse_cell(cell_id("backstage", "s1")) == ("backstage", "s1")
    assert parse_cell("cell:quotes:s1") is None and parse_cell("pain1") is None


def test_the_stages_a_phone_shows_are_the_rows_the_map_was_drawn_from(workshop):
    from cxwidgets.charts.live_map import live_stage_lanes

    chart = live_map(workshop, None, "ana")
    assert chart.stage_lanes == live_stage_lanes(workshop, None, "ana")
    assert [s.name for s in chart.stage_lanes] == ["Buy", "Use"]
    assert [r["id"] for r in chart.stage_lanes[0].pain_points] == ["pain1"]


def inline(spec: dict) -> dict:
    """`spec` with every table written where it is used (names of tables left out)."""
    tables = spec.get("datasets", {})

    def put(node):
        if isinstance(node, dict):
            out = {k: put(v) for k, v in node.items() if k != "datasets"}
            data = node.get("data")
            if isinstance(data, dict) and data.get("name") in tables:
                out["data"] = {"values": tables[data["name"]]}
            return out
        if isinstance(node, list):
            return [put(v) for v in node]
        return node

    return put(spec)


def built_for_the_seat_alone(workshop, author: str) -> dict:
    """The live map as each seat once built it for itself: its own stars from the start."""
    from cxwidgets.charts.live_map import _with_stars, decorate
    from cxwidgets.method.views import ordered_stages

    spec = build_map(workshop, None, live=author).to_dict()
    stages = ordered_stages(workshop)
    decorate(spec, [s.id for s in stages], [s.name for s in stages])
    spec["vconcat"] = [_with_stars(lane, spec["datasets"]) for lane in spec["vconcat"]]
    return spec


def card_tables(spec: dict) -> list[list[dict]]:
    from cxwidgets.charts.live_map import _card_group

    groups = [_card_group(lane, spec["datasets"]) for lane in spec["vconcat"]]
    return [spec["datasets"][g["data"]["name"]] for g in groups if g is not None]


@pytest.mark.parametrize("author", ["ana", "ben", "nobody", ""])
def test_the_rooms_map_marked_for_a_seat_draws_what_the_seat_would_build_alone(
        workshop, author):
    shared = live_map(workshop, None, author).to_dict()
    alone = built_for_the_seat_alone(workshop, author)
    assert card_tables(shared) == card_tables(alone)
    # the lanes, their marks and stars, every table where it is used: the same drawing
    assert (json.dumps(inline(shared), sort_keys=True)
            == json.dumps(inline(alone), sort_keys=True))


def test_a_seat_marking_its_cards_never_changes_the_rooms_map(workshop):
    from cxwidgets.charts.live_map import authored, for_seat, room_map

    room = room_map(workshop, None)
    before = json.dumps(room, sort_keys=True)
    for author in ("ana", "ben"):
        seat = for_seat(room, authored(workshop, author))
        assert seat is not room and "★" in json.dumps(seat, ensure_ascii=False)
    assert json.dumps(room, sort_keys=True) == before
    assert for_seat(room, authored(workshop, "nobody")) is room  # nothing of theirs


class Kept:
    """A `RoomMaps` in memory that counts what it is asked."""

    def __init__(self):
        self.maps: dict[str, dict] = {}
        self.built = 0

    def get(self, key):
        return self.maps.get(key)

    def put(self, key, spec):
        self.built += 1
        self.maps[key] = spec


def test_the_rooms_map_is_built_once_for_every_seat_and_again_when_the_room_changes(
        workshop):
    kept = Kept()
    for author in ("ana", "ben", "cy", "dee"):
        live_map(workshop, None, author, rooms=kept)
    assert kept.built == 1
    grown = workshop.model_copy(update={"pain_points": [*workshop.pain_points, PainPoint(
        id="pain2", touchpoint_id=workshop.touchpoints[1].id, text="Lost parcel",
        created_by="ben")]})
    spec = live_map(grown, None, "ben", rooms=kept).to_dict()
    assert kept.built == 2
    assert table_ids(spec)["pain2"]["mine"] == "★" and table_ids(spec)["pain1"]["mine"] == ""
