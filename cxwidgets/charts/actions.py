"""The action-plan timeline of step 13: one bar per action from start to due date.

Overdue actions are drawn in a warning colour with a heavy outline, every bar is followed
by its status in words (colour is never the only sign), and a rule marks today, so late
work stands out from across the room. Pure function of the model and a date.
"""

from __future__ import annotations

import datetime as dt

import altair as alt
import pandas as pd

from cxwidgets.language import _
from cxwidgets.method import words as L
from cxwidgets.method.model import Workshop
from cxwidgets.method.plan import is_overdue

STATUS_COLOURS = alt.Scale(domain=[*L.ACTION_STATUS.values(), "Overdue"],
                           range=["#56b4e9", "#0072b2", "#009e73", "#bbbbbb", "#d55e00"])


def action_table(workshop: Workshop, today: dt.date) -> pd.DataFrame:
    rows = []
    for a in sorted(workshop.actions, key=lambda a: (a.start or a.due, a.due)):
        late = is_overdue(a, today)
        start = a.start or min(a.due, today)
        rows.append({"action": a.title, "owner": a.owner,
                     "function": L.label(L.FUNCTION, a.function), "start": start.isoformat(),
                     "due": a.due.isoformat(), "status": L.word(a.status),
                     "shown": "Overdue" if late else L.word(a.status),
                     "late_days": (today - a.due).days if late else 0})
    return pd.DataFrame(rows, columns=["action", "owner", "function", "start", "due",
                                       "status", "shown", "late_days"])


def action_timeline(workshop: Workshop, today: dt.date) -> alt.LayerChart:
    data = action_table(workshop, today)
    order = list(data["action"])
    tooltip = [alt.Tooltip("action:N", title=_("Action")), alt.Tooltip("owner:N", title=_("Owner")),
               alt.Tooltip("function:N", title=_("Function")),
               alt.Tooltip("start:T", title=_("Start"), format="%d %b %Y"),
               alt.Tooltip("due:T", title=_("Due"), format="%d %b %Y"),
               alt.Tooltip("status:N", title=_("Status")),
               alt.Tooltip("late_days:Q", title=_("Days late"))]
    bars = alt.Chart(data).mark_bar(cornerRadius=3, height=16).encode(
        x=alt.X("start:T", title=None, axis=alt.Axis(format="%d %b")), x2="due:T",
        y=alt.Y("action:N", sort=order, title=None, axis=alt.Axis(labelLimit=360)),
        color=alt.Color("shown:N", scale=STATUS_COLOURS, title=_("Status")),
        stroke=alt.condition("datum.shown == 'Overdue'", alt.value("#8a2c00"),
                             alt.value(None)),
        strokeWidth=alt.condition("datum.shown == 'Overdue'", alt.value(2), alt.value(0)),
        tooltip=tooltip)
    # the status in words after each bar: the colour is never the only sign of it
    words = alt.Chart(data).mark_text(align="left", baseline="middle", dx=4, fontSize=11,
                                      color="#333333").encode(
        x="due:T", y=alt.Y("action:N", sort=order, title=None), text="shown:N",
        tooltip=tooltip)
    now = alt.Chart(pd.DataFrame({"today": [today.isoformat()], "label": ["today"]}))
    rule = now.mark_rule(color="#333", strokeDash=[4, 3]).encode(x="today:T")
    label = now.mark_text(align="left", dx=3, dy=-4, baseline="bottom").encode(
        x="today:T", y=alt.value(0), text="label:N")
    return alt.LayerChart(layer=[bars, words, rule, label]).properties(
        width=520, height=alt.Step(24), title=_("Action plan"))
