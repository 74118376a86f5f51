"""Step 5, Timeline: the stages of the journey in order, and each touchpoint placed on one.

Stages become the columns of the map. Their order is a number the room changes with
"Move earlier" / "Move later" (or by dragging on the map's lane board): one update of the
moved stage, as placing a touchpoint is one update of that touchpoint, so either is
undone like any other change.
"""

from __future__ import annotations

from typing import Any

import ipywidgets as w

from cxwidgets.language import _
from cxwidgets.method import views as J
from cxwidgets.method import words as L
from cxwidgets.method.model import Stage, Workshop
from cxwidgets.method.steps import step
from cxwidgets.widgets.base import allow, esc, set_options
from cxwidgets.widgets.choices import touchpoint_choices
from cxwidgets.widgets.entries import EntryStep
from cxwidgets.widgets.fields import Text
from cxwidgets.widgets.registry import register


@register
class Timeline(EntryStep[Stage]):
    """Step 5: order the stages and place every touchpoint on one."""

    step_key = "timeline"

    def fields(self) -> list[w.Widget]:
        self.name = Text(description=_("Stage"), placeholder=_("e.g. Delivery")
                           ).add_class("cx-stage-name")
        self.description = Text(description=_("What happens"), layout=w.Layout(
            width="100%", max_width="40em"), placeholder=_("In the customer's words")
        ).add_class("cx-stage-description")
        return [self.name, self.description]

    def edit_buttons(self) -> list[w.Widget]:
        self.earlier = w.Button(description=_("Move earlier"), icon="arrow-left",
                                disabled=True).add_class("cx-earlier")
        self.later = w.Button(description=_("Move later"), icon="arrow-right",
                              disabled=True).add_class("cx-later")
        self.earlier.on_click(lambda _: self._move(-1))
        self.later.on_click(lambda _: self._move(+1))
        return [self.earlier, self.later]

    def extra(self) -> list[w.Widget]:
        self.tp = w.Dropdown(description=_("Touchpoint"), options=[], layout=w.Layout(width="30em")
                             ).add_class("cx-place-touchpoint")
        self.on_stage = w.Dropdown(description=_("goes on"), options=[]
                                   ).add_class("cx-place-stage")
        self.place = w.Button(description=_("Place it"), icon="map-pin", button_style="primary"
                              ).add_class("cx-place")
        self.place.on_click(self._on_place)
        self.place_notice = self.notice_line()
        wrap = w.Layout(flex_flow="row wrap")
        return [w.HTML("<h4>{}</h4>".format(esc(_("Place the touchpoints")))),
                w.HBox([self.tp, self.on_stage, self.place], layout=wrap), self.place_notice]

    def entries(self, workshop: Workshop) -> list[Stage]:
        return list(J.ordered_stages(workshop))

    def values(self) -> dict[str, Any]:
        values = {"name": self.name.value, "description": self.description.value}
        if self.editing() is None:  # a new stage goes at the end
            values["order"] = max((s.order for s in self.live.workshop.stages), default=-1) + 1
        return values

    def fill(self, entity: Stage) -> None:
        self.name.value = entity.name
        self.description.value = entity.description

    def blank(self) -> None:
        self.name.value = self.description.value = ""

    def choices(self, workshop: Workshop) -> None:
        unplaced = {t.id for t in J.unplaced(workshop)}
        # unplaced touchpoints first: they are the ones waiting for a stage
        options = touchpoint_choices(workshop)
        set_options(self.tp, sorted(options, key=lambda o: o[1] not in unplaced))
        set_options(self.on_stage, [(s.name, s.id) for s in J.ordered_stages(workshop)])

    def render(self, workshop: Workshop) -> None:
        super().render(workshop)
        self._movable()

    def listing(self, workshop: Workshop) -> str:
        return timeline_board(workshop)

    def _on_pick(self, change: dict[str, Any]) -> None:
        super()._on_pick(change)
        self._movable()

    def _movable(self) -> None:
        why = _("Pick a stage under 'Edit' first, then move it")
        allow(self.earlier, self.mine.value != "", why)
        allow(self.later, self.mine.value != "", why)

    def _move(self, step: int) -> None:
        ids = [s.id for s in J.ordered_stages(self.live.workshop)]
        if self.mine.value not in ids:
            return
        order = J.order_at(self.live.workshop, self.mine.value, ids.index(self.mine.value) + step)
        if order is None:
            self.show_error(_("It is already at that end of the journey."))
            return
        self.save(self.editor.update, "stages", self.mine.value, order=order)

    def _on_place(self, _button: w.Button) -> None:
        if not self.tp.value:
            self.show_error("Pick a touchpoint to place (add touchpoints in "
                            f"{step('touchpoints').ref}).", self.place_notice)
            return
        if not self.on_stage.value:
            self.show_error(_("A touchpoint must sit on a stage: add a stage first."),
                            self.place_notice)
            return
        if self.save(self.editor.update, "touchpoints", self.tp.value,
                     stage_id=self.on_stage.value, at=self.place_notice) is not None:
            self.show_done(_("Placed."), self.place_notice)


def timeline_board(workshop: Workshop) -> str:
    """The stages as columns with their touchpoints: the map's axis, before the map."""
    columns = []
    placed = J.touchpoints_by_stage(workshop)
    for n, stage in enumerate(J.ordered_stages(workshop), start=1):
        chips = "".join(
            f"<li class='cx-chip cx-{t.medium.value}'>{esc(t.name)}"
            f"<small>{esc(L.label(L.CHANNEL, t.channel))}</small></li>"
            for t in placed[stage.id])
        columns.append(
            f"<div class='cx-col'><h5>{n}. {esc(stage.name)}</h5>"
            f"<p class='cx-col-desc'>{esc(stage.description)}</p><ul>{chips}</ul></div>")
    if not columns:
        return "<p><i>{}</i></p>".format(esc(_("No stages yet: add the first one above.")))
    waiting = J.unplaced(workshop)
    are = "is" if len(waiting) == 1 else "are"
    note = (f"<p class='cx-warn'>{L.count_of(len(waiting), 'touchpoints')} {are} not on a "
            f"stage yet and will not appear on the map: "
            f"{esc(', '.join(t.name for t in waiting[:8]))}</p>"
            if waiting else "<p class='cx-ok'>{}</p>".format(
                esc(_("Every touchpoint sits on a stage."))))
    key = (f"<p class='cx-small'>{esc(_('Touchpoints:'))}<span class='cx-chip-key "
           f"cx-digital'></span>{esc(_('digital'))}<span class='cx-chip-key'></span>"
           f"{esc(_('physical'))}</p>")
    return note + key + f"<div class='cx-board'>{''.join(columns)}</div>"
