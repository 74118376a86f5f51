"""Step 13, Action plan: who does what by when, about which pain point or opportunity.

An action must answer at least one pain point or opportunity, and needs an owner and a
due date. Overdue actions (past due and not done or dropped) are flagged in the list and
drawn in a warning colour on the timeline, judged against the session's clock.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import ipywidgets as w

from cxwidgets.charts.actions import action_timeline
from cxwidgets.language import _
from cxwidgets.method import words as L
from cxwidgets.method.kinds import PRIORITISABLE
from cxwidgets.method.model import Action, Function, Workshop
from cxwidgets.method.plan import is_overdue
from cxwidgets.widgets.base import esc, set_options, table
from cxwidgets.widgets.chart import ChartView
from cxwidgets.widgets.choices import element_choices
from cxwidgets.widgets.entries import EntryStep
from cxwidgets.widgets.fields import Text
from cxwidgets.widgets.registry import register


@register
class Actions(EntryStep[Action]):
    """Step 13: actions with owner, function, dates and status; the plan's timeline."""

    step_key = "actions"

    def fields(self) -> list[w.Widget]:
        wrap = w.Layout(flex_flow="row wrap")
        self.title = Text(description=_("Action"),
                            layout=w.Layout(width="100%", max_width="40em"),
                            placeholder=_("e.g. Send a delivery window by text on the morning")
                            ).add_class("cx-action-title")
        self.linked = w.SelectMultiple(description=_("Answers"), rows=5, options=[],
                                       layout=w.Layout(width="40em")).add_class("cx-linked")
        self.owner = w.Combobox(description=_("Owner"), placeholder=_("A person's name"),
                                options=[], ensure_option=False).add_class("cx-owner")
        self.function = w.Dropdown(description=_("Function"), value="",
                                   options=L.options_not_sure(L.FUNCTION)
                                   ).add_class("cx-function")
        self.start = w.DatePicker(description=_("Start")).add_class("cx-start")
        self.due = w.DatePicker(description=_("Due")).add_class("cx-due")
        self.status = w.Dropdown(description=_("Status"), options=[
            *L.options(L.ACTION_STATUS)]).add_class("cx-status")
        self.goals = w.SelectMultiple(description=_("Goals"), rows=3, options=[],
                                      layout=w.Layout(width="40em")).add_class("cx-goals")
        return [self.title, self.linked, w.HBox([self.owner, self.function], layout=wrap),
                w.HBox([self.start, self.due, self.status], layout=wrap), self.goals]

    def extra(self) -> list[w.Widget]:
        self.chart = ChartView("cx-action-chart")
        return [self.chart]

    def choices(self, workshop: Workshop) -> None:
        set_options(self.linked, element_choices(workshop, PRIORITISABLE))
        set_options(self.goals, [(g.title, g.id) for g in workshop.goals])
        self.owner.options = tuple(p.name for p in workshop.participants)

    def values(self) -> dict[str, Any]:
        values: dict[str, Any] = {
            "title": self.title.value, "linked_ids": list(self.linked.value),
            "owner": self.owner.value, "function": self.function.value or Function.other.value,
            "start": self.start.value, "status": self.status.value,
            "goal_ids": list(self.goals.value)}
        if self.due.value is not None:
            values["due"] = self.due.value
        return values

    def fill(self, entity: Action) -> None:
        self.title.value, self.owner.value = entity.title, entity.owner
        self.linked.value = tuple(i for i in entity.linked_ids
                                  if i in {v for _, v in self.linked.options})
        self.function.value, self.status.value = entity.function.value, entity.status.value
        self.start.value, self.due.value = entity.start, entity.due
        self.goals.value = tuple(g for g in entity.goal_ids
                                 if g in {v for _, v in self.goals.options})

    def blank(self) -> None:
        self.title.value = self.owner.value = ""
        self.linked.value = self.goals.value = ()
        self.start.value = self.due.value = None
        self.status.value = "todo"

    def listing(self, workshop: Workshop) -> str:
        return action_list(workshop, self.live.today())

    def on_show(self) -> None:
        if self.live.workshop.actions:
            self.chart.show(action_timeline(self.live.workshop, self.live.today()))
        else:
            self.chart.message(_("The timeline appears with the first action."))


def _day(day: dt.date) -> str:
    """"05 Nov 2026" on one line (a date broken over two lines reads as two things)."""
    return day.strftime("%d %b %Y").replace(" ", "\u00a0")


def action_list(workshop: Workshop, today: dt.date) -> str:
    if not workshop.actions:
        return "<p><i>{}</i></p>".format(esc(_("No actions yet.")))
    items = {e.id: e.text for c in PRIORITISABLE for e in getattr(workshop, c)}
    names = {p.id: p.name for p in workshop.participants}
    rows = []
    late = 0
    for a in sorted(workshop.actions, key=lambda a: a.due):
        flag = ""
        if is_overdue(a, today):
            late += 1
            flag = (f" <span class='cx-overdue'>overdue by "
                    f"{L.count((today - a.due).days, 'day')}</span>")
        linked = "<br>".join(esc(items.get(i, "(removed)")) for i in a.linked_ids)
        helpers = ", ".join(names.get(v.participant, "someone") for v in workshop.volunteers
                            if v.action_id == a.id)
        rows.append([esc(a.title), linked, esc(a.owner), esc(L.label(L.FUNCTION, a.function)),
                     _day(a.start) if a.start else "-", _day(a.due) + flag, esc(L.word(a.status)),
                     esc(helpers or "-")])
    head = f"<p>{L.count_of(len(workshop.actions), 'actions')}"
    head += f" · <span class='cx-overdue'>{late} overdue</span></p>" if late else "</p>"
    return head + table([_("Action"), _("Answers"), _("Owner"), _("Function"), _("Start"),
                         _("Due"), _("Status"), _("Volunteers")], rows)
