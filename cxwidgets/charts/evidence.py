"""Evidence charts for step 2: how much customer input each kind of source brings.

Pure functions of the model; never read files or the store.
"""

from __future__ import annotations

from typing import Any

import altair as alt
import pandas as pd

from cxwidgets.language import _
from cxwidgets.method import words as L
from cxwidgets.method.model import Workshop


def source_volume(workshop: Workshop) -> alt.Chart:
    """One bar per source, grouped by kind: where the map's evidence comes from."""
    rows = [{"source": s.name, "kind": L.word(s.kind), "rows": s.rows or 0,
             "period": s.period or "-"} for s in workshop.sources]
    data = pd.DataFrame(rows, columns=["source", "kind", "rows", "period"])
    chart: alt.Chart = alt.Chart(data, title=_("Customer evidence by source")).mark_bar().encode(
        x=alt.X("rows:Q", title=_("Responses, reviews or tickets")),
        y=alt.Y("source:N", title=None, sort="-x", axis=alt.Axis(labelLimit=220)),
        color=alt.Color("kind:N", title=_("Kind"), scale=alt.Scale(scheme="tableau10")),
        tooltip=[alt.Tooltip("source:N", title=_("Source")), alt.Tooltip("kind:N", title=_("Kind")),
                 alt.Tooltip("rows:Q", title=_("Rows"), format=","),
                 alt.Tooltip("period:N", title=_("Period"))],
    ).properties(width=420, height=alt.Step(22))
    return chart


def _score_tooltip(group: str, title: str) -> list[alt.Tooltip]:
    return [alt.Tooltip(f"{group}:N", title=title),
            alt.Tooltip("volume:Q", title=_("Feedback"), format=","),
            alt.Tooltip("score_index:Q", title=_("Score index (0-100)"), format=".0f"),
            alt.Tooltip("nps:Q", title=_("NPS"), format="+.0f"),
            alt.Tooltip("csat_share:Q", title=_("Satisfied (CSAT 4-5)"), format=".0%"),
            alt.Tooltip("negative_share:Q", title=_("Negative"), format=".0%")]


def volume_and_score(metrics: pd.DataFrame, by: str = "touchpoint",
                     order: list[str] | None = None) -> alt.HConcatChart:
    """Side by side per touchpoint (or stage): how much feedback, and how good it is.

    `metrics` comes from `cxwidgets.evidence.metrics.metrics(table, by)`; `order` puts the
    rows in journey order (default: most feedback first).
    """
    data = metrics.copy()
    data["score_index"] = data["score_index"].round(1)
    sort = order or list(data[by])
    title = by.capitalize()
    y = alt.Y(f"{by}:N", sort=sort, title=None, axis=alt.Axis(labelLimit=220))
    tip = _score_tooltip(by, title)
    volume = alt.Chart(data, title=_("How much feedback")).mark_bar(color="#8a9bb0").encode(
        x=alt.X("volume:Q", title=_("Feedback items")), y=y, tooltip=tip
    ).properties(width=220, height=alt.Step(18))
    score = alt.Chart(data, title=_("How good it is (score index)")).mark_bar().encode(
        x=alt.X("score_index:Q", title=_("0 worst … 100 best"), scale=alt.Scale(domain=[0, 100])),
        y=alt.Y(f"{by}:N", sort=sort, axis=None),
        color=alt.Color("score_index:Q", legend=None,
                        scale=alt.Scale(scheme="redblue", domain=[0, 100])),
        tooltip=tip,
    ).properties(width=260, height=alt.Step(18))
    return alt.hconcat(volume, score, spacing=8)


def trend_chart(trend: pd.DataFrame, by: str | None = None) -> alt.Chart:
    """Score index per month (one line per group when `by` is given), volume in the tooltip."""
    data = trend.copy()
    data["period"] = pd.to_datetime(data["period"]).dt.strftime("%Y-%m-%d")
    data["score_index"] = data["score_index"].round(1)
    encoding: dict[str, Any] = {
        "x": alt.X("period:T", title=None, axis=alt.Axis(format="%b %Y")),
        "y": alt.Y("score_index:Q", title=_("Score index"), scale=alt.Scale(
            domain=[0, 100])),
        "tooltip": [alt.Tooltip("period:T", title=_("Month"), format="%B %Y"),
                    alt.Tooltip("volume:Q", title=_("Feedback"), format=","),
                    alt.Tooltip("score_index:Q", title=_("Score index"), format=".0f"),
                    alt.Tooltip("negative_share:Q", title=_("Negative"),
                                format=".0%")]}
    if by:
        encoding["color"] = alt.Color(f"{by}:N", title=by.capitalize(),
                                      scale=alt.Scale(scheme="tableau10"))
        encoding["tooltip"].insert(0, alt.Tooltip(f"{by}:N", title=by.capitalize()))
    chart: alt.Chart = alt.Chart(data, title=_("Score over time")).mark_line(point=True).encode(
        **encoding).properties(width=460, height=200)
    return chart
