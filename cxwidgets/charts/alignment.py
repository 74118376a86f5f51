"""The alignment matrix of step 15: actions and opportunities against the goals they serve.

A filled cell is a link; a row with no filled cell is work that serves no goal and is
marked as such; a goal column with nothing in it is a goal nobody works towards. Pure
function of an `Alignment`.
"""

from __future__ import annotations

import altair as alt
import pandas as pd

from cxwidgets.language import _
from cxwidgets.method.plan import Alignment

NO_GOAL = "No goal"
#: What a cell of the matrix says, in the legend: every colour is named.
SERVES, UNALIGNED, NO_LINK = "Serves this goal", "Serves no goal yet", "No link"


def alignment_matrix(alignment: Alignment) -> alt.Chart:
    goals = [title for _, title in alignment.goals] + [NO_GOAL]
    title_of = dict(alignment.goals)
    rows = []
    for item in alignment.items:
        label = f"{item.kind}: {item.text}"
        linked = {title_of[g] for g in item.goal_ids}
        for goal in goals:
            served = goal in linked or (goal == NO_GOAL and not linked)
            rows.append({"item": label, "goal": goal, "linked": served,
                         "state": (UNALIGNED if goal == NO_GOAL else SERVES)
                         if served else NO_LINK, "kind": item.kind})
    data = pd.DataFrame(rows, columns=["item", "goal", "linked", "state", "kind"])
    order = [f"{i.kind}: {i.text}" for i in alignment.items]
    chart: alt.Chart = alt.Chart(data, title=_("Which work serves which goal")).mark_rect(
        stroke="white", strokeWidth=2).encode(
        x=alt.X("goal:N", sort=goals, title=None,
                axis=alt.Axis(orient="top", labelAngle=-30, labelLimit=260)),
        y=alt.Y("item:N", sort=order, title=None, axis=alt.Axis(labelLimit=320)),
        color=alt.Color("state:N", title=None, scale=alt.Scale(
            domain=[SERVES, UNALIGNED, NO_LINK], range=["#0072b2", "#d55e00", "#e4e4e4"]),
            legend=alt.Legend(orient="bottom", symbolStrokeColor="#999")),
        tooltip=[alt.Tooltip("item:N", title=_("Work")), alt.Tooltip("goal:N", title=_("Goal")),
                 alt.Tooltip("state:N", title=_("Link"))],
    ).properties(width=alt.Step(70), height=alt.Step(20))
    return chart
