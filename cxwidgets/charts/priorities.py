"""The impact x effort matrix of step 12. Pure function of ranked items.

Each scored item is a dot sized by its votes and labelled with its rank; items sharing a
cell are spread around the cell's centre so their labels never sit on top of each other.
"""

from __future__ import annotations

import math
from collections.abc import Sequence

import altair as alt
import pandas as pd

from cxwidgets.language import _
from cxwidgets.method.priorities import (
    FILL_IN,
    MAJOR,
    QUADRANT_NAMES,
    QUICK_WIN,
    THANKLESS,
    Ranked,
)


def quadrants() -> pd.DataFrame:
    """The matrix's four corners, named in the language spoken."""
    return pd.DataFrame([
        {"x": 0.5, "x2": 2.5, "y": 2.5, "y2": 5.5, "label": _(QUADRANT_NAMES[QUICK_WIN]),
         "lx": 0.6, "ly": 5.4},
        {"x": 2.5, "x2": 5.5, "y": 2.5, "y2": 5.5, "label": _(QUADRANT_NAMES[MAJOR]),
         "lx": 5.4, "ly": 5.4},
        {"x": 0.5, "x2": 2.5, "y": 0.5, "y2": 2.5, "label": _(QUADRANT_NAMES[FILL_IN]),
         "lx": 0.6, "ly": 0.6},
        {"x": 2.5, "x2": 5.5, "y": 0.5, "y2": 2.5, "label": _(QUADRANT_NAMES[THANKLESS]),
         "lx": 5.4, "ly": 0.6},
    ])
#: The axes mark the scores people give (1 to 5), not halves of them.
SCORES = alt.Axis(values=[1, 2, 3, 4, 5], format="d")
def kind_colours() -> alt.Scale:
    """One colour per kind of item, the kinds named in the language spoken."""
    return alt.Scale(domain=[_("Pain point"), _("Opportunity")], range=["#d55e00", "#0072b2"])


def _spread(items: Sequence[Ranked]) -> pd.DataFrame:
    """Items placed on their cell, several in one cell laid out on a small circle."""
    cells: dict[tuple[int, int], list[Ranked]] = {}
    for r in items:
        if r.impact is not None and r.effort is not None:
            cells.setdefault((r.effort, r.impact), []).append(r)
    rows = []
    for (effort, impact), members in cells.items():
        radius = 0 if len(members) == 1 else min(0.36, 0.12 + 0.03 * len(members))
        for k, r in enumerate(members):
            angle = 2 * math.pi * k / len(members)
            rows.append({"x": effort + radius * math.cos(angle),
                         "y": impact + radius * math.sin(angle), "rank": r.rank,
                         "text": r.text, "kind": r.kind, "dots": r.dots, "impact": impact,
                         "effort": effort, "touchpoint": r.touchpoint,
                         "quadrant": r.quadrant, "why": r.why or "-"})
    return pd.DataFrame(rows, columns=["x", "y", "rank", "text", "kind", "dots", "impact",
                                       "effort", "touchpoint", "quadrant", "why"])


def priority_matrix(items: Sequence[Ranked]) -> alt.LayerChart:
    """Impact (up) against effort (right): quick wins sit top left."""
    corners = quadrants()
    data = _spread(items)
    scale_x = alt.Scale(domain=[0.5, 5.5], nice=False)
    scale_y = alt.Scale(domain=[0.5, 5.5], nice=False)
    quads = alt.Chart(corners).mark_rect(opacity=0.07, stroke="#888").encode(
        x=alt.X("x:Q", scale=scale_x, title=_("Effort (1 little … 5 a lot)"), axis=SCORES),
        x2="x2", y=alt.Y("y:Q", scale=scale_y, title=_("Impact (1 little … 5 a lot)"),
                         axis=SCORES), y2="y2",
        # the quadrants' tints are named by their own labels in the corners; they use
        # `fill`, so the dots' colours (kind of item, with a legend) stay their own scale
        fill=alt.Fill("label:N", legend=None, scale=alt.Scale(
            domain=list(corners["label"]),
            range=["#009e73", "#e69f00", "#999999", "#cc79a7"])))
    quad_labels = [
        alt.Chart(corners.iloc[[k]]).mark_text(
            fontWeight="bold", opacity=0.6, fontSize=12, align="left" if row.lx < 3 else "right",
            baseline="top" if row.ly > 3 else "bottom").encode(x="lx:Q", y="ly:Q",
                                                                text="label:N")
        for k, row in enumerate(corners.itertuples())]
    tooltip = [alt.Tooltip("rank:Q", title=_("Rank")), alt.Tooltip("text:N", title=_("Item")),
               alt.Tooltip("kind:N", title=_("Kind")), alt.Tooltip("touchpoint:N", title=_("At")),
               alt.Tooltip("dots:Q", title=_("Dots")), alt.Tooltip("impact:Q", title=_("Impact")),
               alt.Tooltip("effort:Q", title=_("Effort")),
               alt.Tooltip("quadrant:N", title=_("Quadrant")),
               alt.Tooltip("why:N", title=_("Tie broken by"))]
    base = alt.Chart(data).encode(x=alt.X("x:Q", scale=scale_x),
                                  y=alt.Y("y:Q", scale=scale_y), tooltip=tooltip)
    dots = base.mark_circle(opacity=0.85, stroke="white").encode(
        size=alt.Size("dots:Q", scale=alt.Scale(range=[220, 900]), title=_("Dots")),
        color=alt.Color("kind:N", scale=kind_colours(), title=_("Kind")))
    labels = base.mark_text(color="white", fontWeight="bold", fontSize=11).encode(
        text="rank:Q")
    return alt.LayerChart(layer=[quads, *quad_labels, dots, labels]).properties(
        width=420, height=420, title=_("Impact and effort (numbers are ranks)"))
