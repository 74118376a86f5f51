"""The emotion curve of step 6: the room's average feeling along the journey, and its spread.

Pure function of the model; never reads files or the store.
"""

from __future__ import annotations

import altair as alt
import pandas as pd

from cxwidgets.charts.vl import quoted
from cxwidgets.language import _
from cxwidgets.method import views as J
from cxwidgets.method import words as L
from cxwidgets.method.model import Workshop


def emotion_table(workshop: Workshop, persona_id: str | None) -> pd.DataFrame:
    """One row per rated touchpoint in journey order: mean, lowest, highest, ratings."""
    stats = J.emotion_stats(workshop, persona_id)
    stage = {s.id: s.name for s in workshop.stages}
    placed = [(stage[stage_id], tp)  # journey order (`J.journey_touchpoints`)
              for stage_id, tps in J.touchpoints_by_stage(workshop).items() for tp in tps]
    rows = []
    for k, (stage_name, tp) in enumerate(placed):
        if tp.id in stats:
            s = stats[tp.id]
            rows.append({"order": k, "touchpoint": tp.name, "stage": stage_name,
                         "mean": round(s.mean, 2), "low": s.low, "high": s.high,
                         "sd": round(s.sd, 2), "ratings": s.n, "words": ", ".join(s.words)})
    return pd.DataFrame(rows, columns=["order", "touchpoint", "stage", "mean", "low", "high",
                                       "sd", "ratings", "words"])


def feeling_labels() -> str:
    """A Vega expression naming the feeling of a -2..+2 value ("very bad" ... "very good").

    It reads the number itself (`datum.value`): the formatted label writes negative numbers
    with a typographic minus, which no lookup by "-1" would find.
    """
    cases = "".join(f"datum.value == {score} ? {quoted(word.lower())} : "
                    for score, word in L.FEELING.items())
    return cases + "''"


def emotion_curve(workshop: Workshop, persona_id: str | None = None) -> alt.LayerChart:
    """Mean rating per touchpoint as a line, the lowest-to-highest spread as a bar behind it."""
    data = emotion_table(workshop, persona_id)
    persona = J.map_persona(workshop, persona_id)
    order = list(data["touchpoint"])
    x = alt.X("touchpoint:N", sort=order, title=None,
              axis=alt.Axis(labelAngle=-40, labelLimit=150, labelOverlap=False))
    y_scale = alt.Scale(domain=[-2.2, 2.2])
    axis = alt.Axis(values=list(L.FEELING), title=_("Feeling"), labelExpr=feeling_labels())
    tooltip = [alt.Tooltip("touchpoint:N", title=_("Touchpoint")),
               alt.Tooltip("stage:N", title=_("Stage")),
               alt.Tooltip("mean:Q", title=_("Average"), format="+.2f"),
               alt.Tooltip("low:Q", title=_("Lowest")),
               alt.Tooltip("high:Q", title=_("Highest")),
               alt.Tooltip("ratings:Q", title=_("Ratings")),
               alt.Tooltip("words:N", title=_("Words"))]
    base = alt.Chart(data).encode(x=x)
    spread = base.mark_rule(strokeWidth=8, opacity=0.25, color="#5b6770").encode(
        y=alt.Y("low:Q", scale=y_scale, axis=axis), y2="high:Q", tooltip=tooltip)
    line = base.mark_line(color="#44546a", strokeWidth=2).encode(y=alt.Y("mean:Q",
                                                                       scale=y_scale))
    points = base.mark_circle(size=110, stroke="white", strokeWidth=1).encode(
        y=alt.Y("mean:Q", scale=y_scale),
        color=alt.Color("mean:Q", scale=alt.Scale(scheme="redblue", domain=[-2, 2]),
                        title=_("Average feeling"),
                        legend=alt.Legend(values=[-2, 0, 2], labelExpr=feeling_labels(),
                                          gradientLength=120)),
        tooltip=tooltip)
    zero = alt.Chart(pd.DataFrame({"y": [0]})).mark_rule(color="#999", strokeDash=[4, 4]
                                                         ).encode(y="y:Q")
    title = _("How the customer feels along the journey")
    if persona is not None:
        title += f": {persona.name}"
    return alt.LayerChart(layer=[zero, spread, line, points]).properties(
        title=alt.Title(title, subtitle=_("dot: average rating · grey bar: lowest to highest")),
        width=alt.Step(34), height=220)
