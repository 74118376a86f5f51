"""Step 15, Align with goals: the vision and goals, and which work serves which goal.

Goals are entries like any other; linking is done per action or opportunity. The matrix
shows every link; work that serves no goal, and goals nothing serves, are listed in
warning colours, because either the work or the goal is in the wrong place.
"""

from __future__ import annotations

from typing import Any

import ipywidgets as w

from cxwidgets.charts.alignment import alignment_matrix
from cxwidgets.language import _, ngettext
from cxwidgets.method import words as L
from cxwidgets.method.model import Action, Goal, Opportunity, Workshop
from cxwidgets.method.plan import alignment
from cxwidgets.widgets.base import esc, set_options, table
from cxwidgets.widgets.chart import ChartView
from cxwidgets.widgets.entries import EntryStep
from cxwidgets.widgets.fields import Text
from cxwidgets.widgets.registry import register


@register
class Goals(EntryStep[Goal]):
    """Step 15: goals and vision; link actions and opportunities to them."""

    step_key = "goals"

    def fields(self) -> list[w.Widget]:
        self.title = Text(description=_("Goal"), layout=w.Layout(width="100%", max_width="40em"),
                            placeholder=_("e.g. Keep more first-month customers")
                            ).add_class("cx-goal-title")
        self.vision = w.Checkbox(description=_("This is the vision"), indent=True
                                 ).add_class("cx-vision")
        self.kpi = Text(description=_("Measured by"), placeholder=_("e.g. Month-1 retention %"),
                          layout=w.Layout(width="30em")).add_class("cx-kpi")
        return [self.title, w.HBox([self.kpi, self.vision])]

    def extra(self) -> list[w.Widget]:
        self.work = w.Dropdown(description=_("Link"), options=[], layout=w.Layout(width="36em")
                               ).add_class("cx-work")
        self.serves = w.SelectMultiple(description=_("serves"), rows=4, options=[],
                                       layout=w.Layout(width="36em")).add_class("cx-serves")
        self.link = w.Button(description=_("Save links"), icon="link", button_style="primary"
                             ).add_class("cx-save-links")
        self.gaps = w.HTML().add_class("cx-gaps")
        self.chart = ChartView("cx-alignment-chart")
        self.work.observe(lambda _: self._load_links(), "value")
        self.link.on_click(self._on_link)
        self.link_notice = self.notice_line()
        return [w.HTML("<h4>{}</h4>".format(
            esc(_("Link the work to the goals")))), self.work, self.serves,
                self.link, self.link_notice, self.gaps, self.chart]

    def values(self) -> dict[str, Any]:
        return {"title": self.title.value, "is_vision": self.vision.value,
                "kpi": self.kpi.value}

    def fill(self, entity: Goal) -> None:
        self.title.value, self.kpi.value = entity.title, entity.kpi
        self.vision.value = entity.is_vision

    def blank(self) -> None:
        self.title.value = self.kpi.value = ""
        self.vision.value = False

    def choices(self, workshop: Workshop) -> None:
        work = alignment(workshop).items
        set_options(self.work, [(f"{i.kind}: {i.text}", i.id) for i in work])
        set_options(self.serves, [(("★ " if g.is_vision else "") + g.title, g.id)
                                  for g in workshop.goals])
        self.gaps.value = gap_list(workshop)
        self._load_links()

    def listing(self, workshop: Workshop) -> str:
        if not workshop.goals:
            return "<p><i>{}</i></p>".format(esc(_("No goals yet.")))
        rows = [[("★ " if g.is_vision else "") + esc(g.title), esc(g.kpi or "-")]
                for g in sorted(workshop.goals, key=lambda g: not g.is_vision)]
        return table([_("Goal"), _("Measured by")], rows)

    def on_show(self) -> None:
        result = alignment(self.live.workshop)
        if result.items and result.goals:
            self.chart.show(alignment_matrix(result))
        else:
            self.chart.message(_("The matrix appears once there are goals and actions or "
                               "opportunities to link."))

    def _entity(self) -> tuple[str, Action | Opportunity] | None:
        ws = self.live.workshop
        work: list[tuple[str, Action | Opportunity]] = [
            *(("actions", a) for a in ws.actions),
            *(("opportunities", o) for o in ws.opportunities)]
        return next((found for found in work if found[1].id == self.work.value), None)

    def _load_links(self) -> None:
        found = self._entity()
        with self.syncing():
            goals = {v for _, v in self.serves.options}
            self.serves.value = tuple(g for g in found[1].goal_ids if g in goals) if found \
                else ()

    def _on_link(self, _button: w.Button) -> None:
        found = self._entity()
        if found is None:
            self.show_error(_("Pick an action or opportunity to link."), self.link_notice)
            return
        collection, entity = found
        if self.save(self.editor.update, collection, entity.id,
                     goal_ids=list(self.serves.value), at=self.link_notice):
            self.show_done(_("Links saved."), self.link_notice)


def gap_list(workshop: Workshop) -> str:
    result = alignment(workshop)
    parts = []
    if result.unaligned:
        items = "".join(f"<li>{esc(i.kind)}: {esc(i.text)}</li>" for i in result.unaligned)
        n = len(result.unaligned)
        said = ngettext("{n} serves no goal yet:", "{n} serve no goal yet:", n).format(n=n)
        parts.append(f"<p class='cx-warn'>{esc(said)}</p><ul class='cx-unaligned'>{items}</ul>")
    if result.unserved_goals:
        goals = "".join(f"<li>{esc(t)}</li>" for _, t in result.unserved_goals)
        n = len(result.unserved_goals)
        said = ngettext("{goals} has no work towards it:", "{goals} have no work towards them:",
                        n).format(goals=L.count_of(n, "goals"))
        parts.append(f"<p class='cx-warn'>{esc(said)}</p><ul class='cx-unserved'>{goals}</ul>")
    if not parts and result.items:
        parts.append("<p class='cx-ok'>{}</p>".format(
            esc(_("Every action and opportunity serves a goal."))))
    return "".join(parts)
