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
from typing import Any

import altair as alt
import pandas as pd

from cxwidgets.charts import palette as pal
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
        "strokeWidth": alt.StrokeWidth("share:Q", legend=None, scale=alt.Scale(
            domain=domain, range=list(WIDTH), clamp=True)),
        "opacity": alt.Opacity("share:Q", legend=None, scale=alt.Scale(
            domain=domain, range=list(OPACITY), clamp=True)),
    }


def tooltip() -> alt.Tooltip:
    return alt.Tooltip("rooms:N", title="Named by rooms")


def between_rooms(workshop: Workshop, persona_id: str | None, ids: list[str],
                  rows: list[dict[str, Any]], y_scale: alt.Scale, axis: alt.Axis,
                  x: alt.X) -> alt.LayerChart | None:
    """Orange range bars and one tick per room where the room means lie more than one step
    apart; `rows` are the emotion lane's points, in the order of `ids`."""
    names = room_labels(workshop)
    feelings = room_feelings(workshop, persona_id)
    bars, ticks = [], []
    for tp_id, row in zip(ids, rows, strict=True):
        f = feelings.get(tp_id)
        if f is None or len(f.by_room) < 2 or f.spread <= STEP:
            continue
        each = ", ".join(f"{names[r]} {m:+.1f}" for r, m in f.by_room)
        bars.append({"x": row["x"], "lo": round(f.low, 3), "hi": round(f.high, 3),
                     "name": row["name"], "each": each,
                     "gap": f"{f.spread:.1f} steps apart"})
        ticks += [{"x": row["x"], "m": round(m, 3), "room": names[r], "name": row["name"]}
                  for r, m in f.by_room]
    if not bars:
        return None
    tip = [alt.Tooltip("name:N", title="Touchpoint"), alt.Tooltip("each:N", title="Rooms"),
           alt.Tooltip("gap:N", title="The rooms disagree")]
    bar = alt.Chart(pd.DataFrame(bars)).mark_rule(
        color=pal.PAIN, strokeWidth=BAR, opacity=0.45, strokeCap="round").encode(
        x=x, y=alt.Y("lo:Q", scale=y_scale, axis=axis), y2="hi:Q", tooltip=tip,
        description=alt.Description("each:N"))
    tick = alt.Chart(pd.DataFrame(ticks)).mark_tick(
        color=pal.PAIN, thickness=2.5, size=18, orient="horizontal", aria=False).encode(
        x=x, y=alt.Y("m:Q", scale=y_scale, axis=axis),
        tooltip=[alt.Tooltip("name:N", title="Touchpoint"),
                 alt.Tooltip("room:N", title="Room"), alt.Tooltip("m:Q", title="Mean feeling",
                                                                    format="+.1f")])
    return alt.layer(bar, tick)


def titled(title: alt.TitleParams, workshop: Workshop, chars: int) -> alt.TitleParams:
    """The map's title with a line under it that says how to read a consensus map."""
    names = list(room_labels(workshop).values())
    if not names:
        return title
    note = (f"Consensus of {len(names)} rooms ({', '.join(names)}). Bolder touchpoints were "
            "named by more rooms; orange bars show feelings the rooms disagree on.")
    before = title.subtitle if isinstance(title.subtitle, list) else []
    title.subtitle = [*before, *textwrap.wrap(note, max(40, chars))[:3]]
    return title
