"""What a consensus map adds to the journey map: how many rooms saw each touchpoint, and how
far apart the rooms felt where they disagree.

Used by `journey_map` only when the workshop is a consensus of several rooms (it has a
`consensus` record): a touchpoint card's outline is heavier and its card more opaque the
more rooms named it, and a feeling the rooms disagree on gets an orange bar from the
room that felt worst to the one that felt best, with a tick per room. A pure function of
the model, like every chart.
"""

from __future__ import annotations

import textwrap
from collections.abc import Callable, Sequence
from typing import Any

from cxwidgets.charts import palette as pal
from cxwidgets.charts.vl import Json
from cxwidgets.language import _, format_decimal
from cxwidgets.method import words as L
from cxwidgets.method.model import Workshop
from cxwidgets.rooms.consensus import room_feelings, room_labels
from cxwidgets.rooms.disagreements import STEP

#: Outline width and opacity of a touchpoint card named by one room .. by all of them.
WIDTH = (0.5, 3.4)
OPACITY = (0.25, 1.0)
BAR = 9  # px: the between-room range bar


def with_rooms(workshop: Workshop, ids: list[str], rows: list[dict[str, Any]]
               ) -> list[dict[str, Any]]:
    """Touchpoint rows (in the order of `ids`) with the share of rooms that named each
    and the words for the tooltip."""
    c = workshop.consensus
    if c is None:
        return rows
    names = room_labels(workshop)
    for tp_id, row in zip(ids, rows, strict=True):
        named = [names[r] for r in c.named_by.get(tp_id, ()) if r in names]
        row["share"] = round(len(named) / len(names), 4)
        row["rooms"] = f"{len(named)} of {len(names)}: {', '.join(named) or 'none'}"
    return rows


def card_weight(workshop: Workshop) -> dict[str, Any]:
    """Encodings of a touchpoint card for a consensus map: from faint and thin (one room
    named it) to opaque and heavy (every room did)."""
    domain = [1 / max(2, len(room_labels(workshop))), 1]
    return {
        "strokeWidth": {"field": "share", "type": "quantitative", "legend": None, "scale": {
            "domain": domain, "range": list(WIDTH), "clamp": True}},
        "opacity": {"field": "share", "type": "quantitative", "legend": None, "scale": {
            "domain": domain, "range": list(OPACITY), "clamp": True}},
    }


def tooltip() -> Json:
    return {"field": "rooms", "title": "Named by rooms", "type": "nominal"}


def between_rooms(workshop: Workshop, persona_id: str | None, ids: list[str],
                  rows: list[dict[str, Any]], y_scale: Json, axis: Json, x: Json,
                  data: Callable[[Sequence[dict[str, Any]]], Json]) -> Json | None:
    """Orange range bars and one tick per room where the room means lie more than one step
    apart; `rows` are the emotion lane's points, in the order of `ids`; `data` stores a
    table in the spec and gives the mark's reference to it."""
    names = room_labels(workshop)
    feelings = room_feelings(workshop, persona_id)
    bars, ticks = [], []
    for tp_id, row in zip(ids, rows, strict=True):
        f = feelings.get(tp_id)
        if f is None or len(f.by_room) < 2 or f.spread <= STEP:
            continue
        each = ", ".join(f"{names[r]} {L.signed(m)}" for r, m in f.by_room)
        bars.append({"x": row["x"], "lo": round(f.low, 3), "hi": round(f.high, 3),
                     "name": row["name"], "each": each,
                     "gap": _("{spread} steps apart").format(
                         spread=format_decimal(f.spread, digits=1))})
        ticks += [{"x": row["x"], "m": round(m, 3), "room": names[r], "name": row["name"]}
                  for r, m in f.by_room]
    if not bars:
        return None

    def y(field: str) -> Json:
        return {"field": field, "type": "quantitative", "scale": y_scale, "axis": axis}

    def nominal(field: str, title: str) -> Json:
        return {"field": field, "title": title, "type": "nominal"}

    bar = {"data": data(bars), "mark": {
        "type": "rule", "color": pal.PAIN, "strokeWidth": BAR, "opacity": 0.45,
        "strokeCap": "round", "aria": False}, "encoding": {
        "x": x, "y": y("lo"), "y2": {"field": "hi"},
        "tooltip": [nominal("name", _("Touchpoint")), nominal("each", _("Rooms")),
                    nominal("gap", _("The rooms disagree"))],
        "description": {"field": "each", "type": "nominal"}}}
    tick = {"data": data(ticks), "mark": {
        "type": "tick", "color": pal.PAIN, "thickness": 2.5, "size": 18,
        "orient": "horizontal", "aria": False}, "encoding": {
        "x": x, "y": y("m"),
        "tooltip": [nominal("name", _("Touchpoint")), nominal("room", _("Room")),
                    {"field": "m", "title": _("Mean feeling"), "type": "quantitative",
                     "format": "+.1f"}]}}
    return {"layer": [bar, tick]}


def titled(title: Json, workshop: Workshop, chars: int) -> Json:
    """The map's title with a line under it that says how to read a consensus map."""
    names = list(room_labels(workshop).values())
    if not names:
        return title
    note = _("Consensus of {n} rooms ({rooms}). Bolder touchpoints were named by more "
             "rooms; orange bars show feelings the rooms disagree on.").format(
        n=len(names), rooms=", ".join(names))
    title["subtitle"] = [*title.get("subtitle", []), *textwrap.wrap(note, max(40, chars))[:3]]
    return title
