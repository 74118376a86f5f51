"""The live map: the journey map of step 10, made clickable for the screens of steps 4-13.

It is the same map (`journey_map.build_map`, drawn for one seat: every card carries the
id of what it shows, and "★" on the cards that seat added), with three things added:

- a point selection `PICK` on the `id` field, so a click on any card, stage header or
  emotion dot reaches Python through `JupyterChart`'s selections. A lane's marks share one
  scope in Vega, and a point selection reads the datum of whatever mark of its scope was
  clicked: the selection is defined on one mark per lane and a click on a card's text
  reports the card's id as a click on the card itself does;
- behind the cards of the lanes the room adds to (touchpoints, pain points,
  opportunities, backstage), one clickable cell per stage, whose id says the lane and the
  stage (`cell_id`): clicking empty space there offers to add an entry of that kind there;
- a "★" at the top right of each card the seat added, so their own entries are marked by
  a shape, not by colour.

The map is built in two parts. The room's map (`room_map`: ids and cells, nobody's
stars) is the same for every seat, and is built once per version of the room: whoever
draws it first keeps it in `RoomMaps` (the kernels of one room share it through files,
`cxwidgets.widgets.room_maps`). Each seat then marks its own cards (`for_seat`), which
copies only the rows and lanes that change. In a room of forty, each edit costs one
build of the map and forty light markings, not forty builds.

A pure function of the model, like the map: no files, no store (what keeps the room's
maps is handed in). The last few live maps are kept by what they were drawn from
(`live_key`), so a screen redrawn after an edit that did not touch the map gets the same
map back for the cost of the key.
"""

from __future__ import annotations

import copy
from collections import OrderedDict
from collections.abc import Iterator
from typing import Any, Protocol, cast

from cxwidgets import __version__
from cxwidgets.charts import palette as pal
from cxwidgets.charts import vl
from cxwidgets.charts.journey_map import (
    CARD_INSET,
    FONT,
    LANE_NAMES,
    StageLanes,
    build_map,
    map_key,
    stage_lanes,
    wrap,
)
from cxwidgets.charts.vl import Json
from cxwidgets.language import _
from cxwidgets.method import views as journey
from cxwidgets.method.kinds import COLLECTIONS
from cxwidgets.method.model import Workshop

#: The name of the selection a click on the map sets.
PICK = "pick"
#: The lanes an empty cell of adds to, by lane: the collection an entry there goes into.
ADDABLE = {"touchpoints": "touchpoints", "pain_points": "pain_points",
           "opportunities": "opportunities", "backstage": "backstage"}
#: Marks a click can land on (lines and rules are left out: a line joins several rows).
CLICKABLE = frozenset({"rect", "bar", "point", "text"})
CELL = "cell"
CACHE_SIZE = 4
_cache: OrderedDict[str, vl.Spec] = OrderedDict()


def cell_id(lane: str, stage_id: str) -> str:
    """The id of the empty cell of `lane` on a stage, as a click on it reports."""
    return f"{CELL}:{lane}:{stage_id}"


def parse_cell(picked: str) -> tuple[str, str] | None:
    """(lane, stage id) of a cell id; None for anything else (a card's id)."""
    parts = picked.split(":")
    if len(parts) == 3 and parts[0] == CELL and parts[1] in ADDABLE:
        return parts[1], parts[2]
    return None


def live_key(workshop: Workshop, persona_id: str | None, author: str,
             colour_by: str = "channel") -> str:
    """What a live map is drawn from: the map's own key and the seat it marks."""
    return f"{room_key(workshop, persona_id, colour_by)}:{author}"


def room_key(workshop: Workshop, persona_id: str | None, colour_by: str = "channel") -> str:
    """What the room's live map (`room_map`, no seat marked) is drawn from: the map's own
    key, and the kit's version, since a kit drawing maps differently draws another map."""
    return f"{map_key(workshop, persona_id, colour_by, None)}-live-{__version__}"


class RoomMaps(Protocol):
    """Where the room's live maps are kept once built, by `room_key`, for every seat."""

    def get(self, key: str) -> Json | None: ...

    def put(self, key: str, spec: Json) -> None: ...


def live_map(workshop: Workshop, persona_id: str | None, author: str,
             colour_by: str = "channel", key: str = "",
             rooms: RoomMaps | None = None) -> vl.Spec:
    """The live map of `workshop` for the seat `author` (see the module's docstring);
    `key`, if the caller has it already, is its `live_key`.

    It is the room's map (the same for every seat, taken from `rooms` when another seat
    has built it already) with this seat's entries marked (`for_seat`): forty kernels
    showing one room build its map once."""
    key = key or live_key(workshop, persona_id, author, colour_by)
    if key in _cache:
        _cache.move_to_end(key)
        return _cache[key]
    shared = key.removesuffix(f":{author}")  # `live_key` is the room's key and the seat
    room = rooms.get(shared) if rooms is not None else None
    if room is None:
        room = room_map(workshop, persona_id, colour_by)
        if rooms is not None:
            rooms.put(shared, room)
    spec = for_seat(room, authored(workshop, author))
    stages = journey.ordered_stages(workshop)
    lanes = stage_lanes_of(spec, [s.name for s in stages]) if "vconcat" in spec else []
    chart = vl.Spec(spec, key=key)
    #: the same map a stage at a time (`StageLanes`), from the rows the map was drawn from
    chart.stage_lanes = lanes  # type: ignore[attr-defined]
    _cache[key] = chart
    while len(_cache) > CACHE_SIZE:
        _cache.popitem(last=False)
    return chart


def room_map(workshop: Workshop, persona_id: str | None, colour_by: str = "channel") -> Json:
    """The live map as no seat sees it: every card with the id of what it shows, nothing
    marked as anyone's; clickable (`decorate`)."""
    spec = build_map(workshop, persona_id, colour_by=colour_by, live="")._spec  # afresh
    if "vconcat" in spec:
        stages = journey.ordered_stages(workshop)
        decorate(spec, [s.id for s in stages], [s.name for s in stages])
    return spec


def authored(workshop: Workshop, author: str) -> frozenset[str]:
    """The ids of every entry `author` added (their cards carry "★" on their map)."""
    if not author:
        return frozenset()
    return frozenset(e.id for name in COLLECTIONS for e in getattr(workshop, name)
                     if getattr(e, "created_by", None) == author)


def for_seat(room: Json, mine: frozenset[str]) -> Json:
    """The room's map (`room_map`) with the entries in `mine` marked "★" on their cards
    (the lanes of what people add: a quote or a feeling dot is nobody's). Rows and lanes
    that change are copies: the room's map is never changed, and stays shared."""
    if not mine or "vconcat" not in room:
        return room
    datasets = dict(room.get("datasets", {}))
    lanes = list(room["vconcat"])
    marked = False
    for k, lane_spec in enumerate(lanes):
        group = _card_group(lane_spec, datasets)
        if group is None or lane_of(lane_spec) not in ADDABLE:
            continue
        name = group["data"]["name"]
        rows = datasets[name]
        if any(r["id"] in mine for r in rows):
            datasets[name] = [{**r, "mine": "★"} if r["id"] in mine else r for r in rows]
            lanes[k] = _with_stars(lane_spec, datasets)
            marked = True
    if not marked:
        return room
    return {**room, "datasets": datasets, "vconcat": lanes}


def decorate(spec: Json, stage_ids: list[str], stage_names: list[str]) -> None:
    """Make a drawn live map clickable, in place (see the module's docstring)."""
    datasets: dict[str, list[Json]] = spec.setdefault("datasets", {})
    views: list[str] = []
    for lane_spec in spec["vconcat"]:
        lane = lane_of(lane_spec)
        if lane in ADDABLE:
            _add_cells(lane_spec, lane, stage_ids, stage_names, datasets)
        named = False
        for unit, data in _units(lane_spec, None):
            rows = datasets.get(data or "", [])
            if unit["mark"]["type"] in CLICKABLE and rows and "id" in rows[0]:
                unit["mark"].setdefault("cursor", "pointer")
                if not named:  # one view per lane: its marks share one scope
                    unit.setdefault("name", f"{PICK}_{len(views)}")
                    views.append(unit["name"])
                    named = True
    spec["params"] = [{"name": PICK, "views": views, "select": {
        "type": "point", "fields": ["id"], "on": "click", "clear": False}}]


def lane_of(lane_spec: Json) -> str:
    """Which lane of the map a lane of the spec is, from the name written beside it: in
    the language spoken now (the map is drawn and read in one language) or in English."""
    names = {tuple(wrap(said, 16, 2)): lane for lane, words in LANE_NAMES.items()
             for said in (words, _(words))}
    for layer in lane_spec.get("layer", []):
        text = layer.get("encoding", {}).get("text", {}).get("value")
        if isinstance(text, list) and tuple(text) in names:
            return names[tuple(text)]
    return ""


def _units(node: Json, data: str | None) -> Iterator[tuple[Json, str | None]]:
    """Every unit (a mark) under `node`, with the name of the table it draws."""
    here = node.get("data", {}).get("name", data) if isinstance(node.get("data"), dict) \
        else data
    if "mark" in node:
        yield node, here
    for child in node.get("layer", []):
        yield from _units(child, here)


def _card_group(lane_spec: Json, datasets: dict[str, list[Json]]) -> Json | None:
    """The layer of a card lane holding its cards (its table has a row per card)."""
    for layer in lane_spec.get("layer", []):
        rows = datasets.get(layer.get("data", {}).get("name", ""), [])
        if "layer" in layer and rows and "r" in rows[0] and "mine" in rows[0]:
            return cast(Json, layer)
    return None


def _with_stars(lane_spec: Json, datasets: dict[str, list[Json]]) -> Json:
    """`lane_spec`, or a copy of it with "★" at the top right of every card the seat
    added (their rows say so in `mine`); the lane given is never changed."""
    group = _card_group(lane_spec, datasets)
    if group is None:
        return lane_spec
    rows = datasets[group["data"]["name"]]
    if not any(r.get("mine") for r in rows):
        return lane_spec
    card = group["layer"][0]["encoding"]
    star = {"mark": {"type": "text", "align": "right", "baseline": "top", "font": FONT,
                     "fontSize": 15, "fontWeight": "bold", "color": pal.INK,
                     "xOffset": -(CARD_INSET + 5), "yOffset": 5, "cursor": "pointer"},
            "encoding": {"x": {**copy.deepcopy(card["x"]), "field": "s1"},
                         "y": copy.deepcopy(card["y"]),
                         "text": {"field": "mine", "type": "nominal"},
                         "tooltip": {"value": _("You added this")}}}
    starred = {**group, "layer": [*group["layer"], star]}
    return {**lane_spec, "layer": [starred if layer is group else layer
                                   for layer in lane_spec["layer"]]}


def _add_cells(lane_spec: Json, lane: str, stage_ids: list[str], stage_names: list[str],
               datasets: dict[str, list[Json]]) -> None:
    """One clickable cell per stage behind the lane's cards: a click on empty space there
    reports `cell_id(lane, stage)`. The cells are named `cell_<lane>` (their marks are
    drawn as the group `cell_<lane>_marks`)."""
    stripes = lane_spec["layer"][0]
    rows = [{"s": s, "s1": s + 1, "id": cell_id(lane, stage_id),
             "tip": _("Click to add here: {stage}").format(stage=stage_names[s])}
            for s, stage_id in enumerate(stage_ids)]
    name = vl.dataset_name(rows)
    datasets[name] = rows
    cells = {"name": f"{CELL}_{lane}", "data": {"name": name},
             "mark": {"type": "rect", "fill": "#FFFFFF", "fillOpacity": 0, "aria": False,
                      "cursor": "copy"},
             "encoding": {"x": copy.deepcopy(stripes["encoding"]["x"]),
                          "x2": {"field": "s1"}, "y": {"value": 0},
                          "y2": {"value": "height"},
                          "tooltip": {"field": "tip", "type": "nominal"}}}
    lane_spec["layer"].insert(1, cells)


#: The lanes of `StageLanes`, by the lane of the map their rows are drawn in.
STAGE_LANES = ("touchpoints", "pain_points", "opportunities", "quotes", "backstage")


def stage_lanes_of(spec: Json, stage_names: list[str]) -> list[StageLanes]:
    """The stages of a drawn live map, lane by lane, read from the tables its cards are
    drawn from (the rows `live_stage_lanes` would compute again, without the cost)."""
    datasets = spec.get("datasets", {})
    by_lane: dict[str, list[Json]] = {lane: [] for lane in STAGE_LANES}
    for lane_spec in spec.get("vconcat", []):
        lane = lane_of(lane_spec)
        group = _card_group(lane_spec, datasets) if lane in by_lane else None
        if group is not None:
            by_lane[lane] = datasets[group["data"]["name"]]
    return [StageLanes(s, name, **{lane: [r for r in rows if r["s"] == s]
                                   for lane, rows in by_lane.items()})
            for s, name in enumerate(stage_names)]


def live_stage_lanes(workshop: Workshop, persona_id: str | None,
                     author: str) -> list[StageLanes]:
    """`journey_map.stage_lanes` for the seat `author`: each row carries its id and
    whether that seat added it (`mine`)."""
    return stage_lanes(workshop, persona_id, live=author)


def picked_id(selection: Any) -> str | None:
    """The id a click reported, from `JupyterChart`'s raw selection value of `PICK`
    ({"vlPoint": {"or": [{"id": ...}]}, ...}); None when nothing (or nonsense) came."""
    if not isinstance(selection, dict):
        return None
    points = selection.get("vlPoint", {})
    points = points.get("or", []) if isinstance(points, dict) else []
    if not points or not isinstance(points[0], dict):
        return None
    found = points[0].get("id")
    return found if isinstance(found, str) and 0 < len(found) <= 100 else None


def table_ids(spec: Json) -> dict[str, Any]:
    """Every id a drawn live map carries (cards, dots, cells), with the first row that
    carries it (a card's own, before a quote that opens it): for tests."""
    found: dict[str, Any] = {}
    for rows in spec.get("datasets", {}).values():
        for row in rows:
            if isinstance(row, dict) and "id" in row:
                found.setdefault(row["id"], row)
    return found


__all__ = ["ADDABLE", "PICK", "cell_id", "decorate", "lane_of", "live_key", "live_map",
           "live_stage_lanes", "parse_cell", "picked_id", "stage_lanes_of", "table_ids"]
