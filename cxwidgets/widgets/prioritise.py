"""Step 12, Prioritise: impact and effort per item, dot votes within a budget, one ranking.

The facilitator scores impact and effort with the room (1-5 each) and sets how many dots
each person may place. Everyone places their dots on pain points and opportunities; a
person out of dots is told so and must take one back first. The ranking and the matrix
update with every dot, and ties are broken by a rule shown next to the ranking.
"""

from __future__ import annotations

import ipywidgets as w

from cxwidgets.charts.priorities import priority_matrix
from cxwidgets.language import N_, _
from cxwidgets.method.kinds import speaker
from cxwidgets.method.model import (
    DEFAULT_DOT_BUDGET,
    Opportunity,
    PainPoint,
    VoteKind,
    Workshop,
)
from cxwidgets.method.priorities import Ranked, dots_spent, rank
from cxwidgets.widgets.base import StepWidget, esc, set_options, table
from cxwidgets.widgets.chart import ChartView
from cxwidgets.widgets.choices import people_choices
from cxwidgets.widgets.registry import register

RULE = N_("Ranking: most dots first; equal dots go by higher impact, then less effort, "
          "then whichever was added first.")


@register
class Prioritise(StepWidget):
    """Step 12: score, vote, rank."""

    step_key = "prioritise"

    def build(self) -> list[w.Widget]:
        wrap = w.Layout(flex_flow="row wrap")
        self.item = w.Dropdown(description=_("Item"), options=[], layout=w.Layout(width="36em")
                               ).add_class("cx-item")
        # the whole wording of the item picked: a list box cuts long items on a phone
        self.item_text = w.HTML().add_class("cx-item-text")
        self.impact = w.IntSlider(description=_("Impact"), min=1, max=5, value=3
                                  ).add_class("cx-impact")
        self.effort = w.IntSlider(description=_("Effort"), min=1, max=5, value=3
                                  ).add_class("cx-effort")
        self.score = w.Button(description=_("Save scores"), icon="check").add_class("cx-score-item")
        self.budget = w.BoundedIntText(description=_("Dots each"), min=1, max=50,
                                       value=DEFAULT_DOT_BUDGET).add_class("cx-budget")
        self.set_budget = w.Button(description=_("Set budget")).add_class("cx-set-budget")
        self.score_notice = self.notice_line()
        scoring = w.VBox([w.HTML("<h4>{}</h4>".format(esc(_("Impact and effort")))),
                          w.HBox([self.impact, self.effort, self.score], layout=wrap),
                          w.HBox([self.budget, self.set_budget], layout=wrap),
                          self.score_notice])
        scoring.layout.display = "" if self.editor.is_facilitator else "none"
        self.voter = w.Dropdown(description=_("Dots of"), options=[]).add_class("cx-voter")
        self.voter.layout.display = "" if self.editor.is_facilitator else "none"
        self.dot = w.Button(description=_("Place a dot"), icon="circle", button_style="primary"
                            ).add_class("cx-dot")
        self.undot = w.Button(description=_("Take a dot back"), icon="minus-circle"
                              ).add_class("cx-undot")
        self.left = w.HTML().add_class("cx-dots-left")
        self.ranking = w.HTML().add_class("cx-ranking")
        self.chart = ChartView("cx-priority-chart")
        self.item.observe(lambda _: self._load_scores(), "value")
        self.item.observe(lambda _: self._show_item(), "value")
        self.voter.observe(lambda _: self._show_left(), "value")
        self.score.on_click(self._on_score)
        self.set_budget.on_click(lambda _: self.save(
            self.editor.update_workshop, dot_budget=self.budget.value, at=self.score_notice))
        self.dot.on_click(lambda _: self._on_dot())
        self.undot.on_click(lambda _: self._on_undot())
        return [self.item, self.item_text, scoring, w.HTML("<h4>{}</h4>".format(esc(_("Dots")))),
                w.HBox([self.voter, self.dot, self.undot], layout=wrap), self.notice, self.left,
                w.HTML("<h4>" + esc(_("Ranking")) + f"</h4><p class='cx-small'>{esc(_(RULE))}</p>"),
                self.ranking,
                self.chart]

    @property
    def who(self) -> str:
        return self.voter.value if self.editor.is_facilitator else self.editor.author

    def render(self, workshop: Workshop) -> None:
        ranked = rank(workshop)
        shown = sorted(ranked, key=lambda r: (r.collection, r.id)) if self.counts_hidden \
            else ranked
        set_options(self.item, [(f"{'' if self.counts_hidden else f'#{r.rank} '}{r.kind}: "
                                 f"{r.text}", r.id) for r in shown])
        set_options(self.voter, people_choices(workshop))
        self.budget.value = workshop.dot_budget
        if self.counts_hidden:
            self.ranking.value = ("<p class='cx-small'>The dot counts are hidden until the "
                                  "facilitator reveals them: vote for what you think matters."
                                  "</p>" + ranking_table(ranked, counts=False))
        else:
            self.ranking.value = ranking_table(ranked, compact=not self.editor.is_facilitator)
        self._show_left()
        self._load_scores()
        self._show_item()

    def _show_item(self) -> None:
        picked = next((r for r in rank(self.live.workshop) if r.id == self.item.value), None)
        self.item_text.value = "" if picked is None else (
            f"<p class='cx-item-whole'>{esc(picked.kind)}: <b>{esc(picked.text)}</b>"
            + (" · " + esc(_("at {touchpoint}").format(touchpoint=picked.touchpoint))
               if picked.touchpoint else "") + "</p>")

    @property
    def counts_hidden(self) -> bool:
        return self.live.workshop.votes_hidden and not self.editor.is_facilitator

    def on_show(self) -> None:
        ranked = rank(self.live.workshop)
        if self.counts_hidden:
            self.chart.message(_("The matrix appears when the facilitator reveals the votes."))
        elif any(r.quadrant for r in ranked):
            self.chart.show(priority_matrix(ranked))
        else:
            self.chart.message(_("The matrix appears once items have impact and effort."))

    def _entity(self) -> PainPoint | Opportunity | None:
        ws = self.live.workshop
        items: list[PainPoint | Opportunity] = [*ws.pain_points, *ws.opportunities]
        return next((e for e in items if e.id == self.item.value), None)

    def _collection(self) -> str:
        ws = self.live.workshop
        return "pain_points" if any(p.id == self.item.value for p in ws.pain_points) \
            else "opportunities"

    def _load_scores(self) -> None:
        entity = self._entity()
        if entity is not None:
            with self.syncing():
                self.impact.value = entity.impact or 3
                self.effort.value = entity.effort or 3

    def _show_left(self) -> None:
        budget = self.live.workshop.dot_budget
        spent = dots_spent(self.live.workshop, self.who)
        left = esc(_("{left} of {budget} dots left").format(left=max(0, budget - spent),
                                                            budget=budget))
        self.left.value = (f"<p class='cx-dots'>{'●' * spent}{'○' * max(0, budget - spent)} "
                           f"{left}</p>")

    def _on_score(self, _button: w.Button) -> None:
        if self._entity() is None:
            self.show_error(_("Pick an item to score."), self.score_notice)
            return
        self.save(self.editor.update, self._collection(), self.item.value,
                  impact=self.impact.value, effort=self.effort.value, at=self.score_notice)

    def _on_dot(self) -> None:
        if not self.item.value:
            self.show_error(_("Pick the item to put your dot on."))
            return
        self.save(self.editor.add, "votes", {"target_id": self.item.value, "kind": "dot",
                                             "value": 1, "voter": self.who})

    def _on_undot(self) -> None:
        mine = [v for v in self.live.workshop.votes if v.kind == VoteKind.dot
                and v.target_id == self.item.value and speaker("votes", v) == self.who]
        if not mine:
            self.show_error(_("There is no dot of yours on this item to take back."))
            return
        self.save(self.editor.remove, "votes", mine[-1].id)


def dots_cell(n: int) -> str:
    """A count of dots as "● 12": as narrow for twelve dots as for one (a row of twelve
    dots did not fit a phone's column), and the same badge as on the map."""
    return f"<span class='cx-dot-count'>● {n}</span>" if n else "0"


def ranking_table(ranked: list[Ranked], counts: bool = True, compact: bool = False) -> str:
    """The ranking; without `counts` (votes hidden) only the items, in the order added;
    `compact` (a participant's phone) keeps rank, item and dots."""
    if not ranked:
        return "<p><i>{}</i></p>".format(
            esc(_("Nothing to rank yet: add pain points and opportunities first.")))
    if not counts:
        items = sorted(ranked, key=lambda r: (r.collection, r.id))
        return table([_("Item"), _("Kind"), _("Touchpoint")], [
            [esc(r.text), esc(r.kind), esc(r.touchpoint or "-")] for r in items])
    if compact:
        # narrow enough to stay a table on a phone
        return table([_("Rank"), _("Item"), _("Dots")], [
            [f"<b>#{r.rank}</b>", esc(r.text), dots_cell(r.dots)] for r in ranked], "cx-keep")
    rows = [[f"<b>#{r.rank}</b>", esc(r.text), esc(r.kind), esc(r.touchpoint or "-"),
             dots_cell(r.dots), str(r.impact or "-"), str(r.effort or "-"),
             esc(r.quadrant or "-"), f"<span class='cx-tie'>{esc(r.why)}</span>" if r.why else ""]
            for r in ranked]
    return table([_("Rank"), _("Item"), _("Kind"), _("Touchpoint"), _("Dots"), _("Impact"),
                  _("Effort"), _("Quadrant"), _("Tie broken by")], rows)
