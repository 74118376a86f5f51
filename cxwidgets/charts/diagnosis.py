"""The self-assessment as a chart: how customer-oriented each function feels, by area.

Pure function of the aggregated scores (cxwidgets.method.diagnosis.by_function).
"""

from __future__ import annotations

from collections.abc import Sequence

import altair as alt
import pandas as pd

from cxwidgets.language import _
from cxwidgets.method import words as L
from cxwidgets.method.diagnosis import AreaScore


def orientation_chart(scores: Sequence[AreaScore]) -> alt.LayerChart:
    """A heatmap of function x area (1 far from the customer .. 5 close), mean in each cell."""
    data = pd.DataFrame([{"function": L.label(L.FUNCTION, s.function), "area": s.area,
                          "mean": round(s.mean, 2), "answers": s.answers} for s in scores],
                        columns=["function", "area", "mean", "answers"])
    areas = sorted(data["area"].unique(), key=lambda a: data[data["area"] == a]["mean"].mean())
    base = alt.Chart(data).encode(
        x=alt.X("area:N", sort=areas, title=None, axis=alt.Axis(labelAngle=-20)),
        y=alt.Y("function:N", title=None),
        tooltip=[alt.Tooltip("function:N", title=_("Function")),
                 alt.Tooltip("area:N", title=_("Area")),
                 alt.Tooltip("mean:Q", title=_("Orientation (1-5)"), format=".1f"),
                 alt.Tooltip("answers:Q", title=_("Answers"))])
    cells = base.mark_rect(stroke="white", strokeWidth=2).encode(
        color=alt.Color("mean:Q", title=_("Customer orientation"),
                        scale=alt.Scale(scheme="redblue", domain=[1, 5])))
    text = base.mark_text(fontSize=12).encode(text=alt.Text("mean:Q", format=".1f"))
    return alt.LayerChart(layer=[cells, text]).properties(
        width=alt.Step(90), height=alt.Step(30),
        title=alt.Title("How customer-oriented we are, by function",
                        subtitle="1 far from the customer … 5 close; weakest areas on the left"))
