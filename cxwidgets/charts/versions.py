"""How feelings moved between two versions of the map (step 14). Pure function of a diff."""

from __future__ import annotations

from collections.abc import Sequence

import altair as alt
import pandas as pd

from cxwidgets.language import _
from cxwidgets.method.diff import EmotionDelta


def emotion_shift(deltas: Sequence[EmotionDelta], before: str, after: str) -> alt.LayerChart:
    """One row per touchpoint: a grey dot where it was, a coloured dot where it is now."""
    rows = [{"touchpoint": d.label, "before": d.before, "after": d.after,
             "delta": d.delta, "direction": "better" if (d.delta or 0) > 0 else "worse"}
            for d in deltas]
    data = pd.DataFrame(rows, columns=["touchpoint", "before", "after", "delta", "direction"])
    order = list(data["touchpoint"])
    y = alt.Y("touchpoint:N", sort=order, title=None, axis=alt.Axis(labelLimit=240))
    scale = alt.Scale(domain=[-2, 2])
    tooltip = [alt.Tooltip("touchpoint:N", title=_("Touchpoint")),
               alt.Tooltip("before:Q", title=before, format="+.2f"),
               alt.Tooltip("after:Q", title=after, format="+.2f"),
               alt.Tooltip("delta:Q", title=_("Change"), format="+.2f")]
    base = alt.Chart(data).encode(y=y, tooltip=tooltip)
    link = base.mark_rule(strokeWidth=2, color="#999").encode(
        x=alt.X("before:Q", scale=scale, title=_("Average feeling (-2 very bad … +2 very good)")),
        x2="after:Q")
    was = base.mark_circle(size=90, color="#bbbbbb").encode(x="before:Q")
    now = base.mark_circle(size=110).encode(
        x="after:Q", color=alt.Color("direction:N", title=None, scale=alt.Scale(
            domain=["better", "worse"], range=["#0072b2", "#d55e00"])))
    return alt.LayerChart(layer=[link, was, now]).properties(
        width=380, height=alt.Step(22),
        title=alt.Title("How feelings moved", subtitle=f"grey: {before} · colour: {after}"))
