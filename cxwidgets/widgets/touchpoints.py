"""Step 4, Touchpoints: every place the customer meets the company, with its owner.

Used by the facilitator (who may change anything) and by participants (who change only
what they added). The inventory shows everyone's entries, escaped, as they arrive. Once
the timeline has stages, a new touchpoint must sit on one of them.
"""

from __future__ import annotations

from typing import Any

import ipywidgets as w

from cxwidgets.language import N_, _
from cxwidgets.method import words as L
from cxwidgets.method.model import Function, Touchpoint, Workshop, default_medium
from cxwidgets.method.views import ordered_stages
from cxwidgets.widgets.base import author_html, esc, set_options, table
from cxwidgets.widgets.entries import EntryStep
from cxwidgets.widgets.fields import Text
from cxwidgets.widgets.registry import register

UNPLACED = ""
#: The stage field before a choice: it asks for one once the journey has stages.
PICK_STAGE = N_("Pick a stage…")
NO_STAGES = N_("No stages yet: placed later")


@register
class Touchpoints(EntryStep[Touchpoint]):
    """Step 4: build the touchpoint inventory."""

    step_key = "touchpoints"

    def fields(self) -> list[w.Widget]:
        self.name = Text(description=_("Touchpoint"),
                           placeholder=_("e.g. Order confirmation email"),
                           layout=w.Layout(width="100%", max_width="36em")
                           ).add_class("cx-tp-name")
        self.channel = w.Dropdown(options=L.options(L.CHANNEL), description=_("Channel")
                                  ).add_class("cx-tp-channel")
        self.medium = w.ToggleButtons(options=L.options(L.MEDIUM), description=_("Kind"),
                                      style={"button_width": "6em"}).add_class("cx-tp-medium")
        # "Not sure yet" (stored as Other) until someone names the owner, so unowned
        # touchpoints show up as such
        self.owner = w.Dropdown(options=L.options_not_sure(L.FUNCTION), value="",
                                description=_("Owner")).add_class("cx-tp-owner")
        self.stage = w.Dropdown(options=[(_(NO_STAGES), UNPLACED)], description=_("Stage")
                                ).add_class("cx-tp-stage")
        self.summary = w.HTML().add_class("cx-tp-summary")
        self.channel.observe(self._on_channel, "value")
        wrap = w.Layout(flex_flow="row wrap")
        return [self.name, w.HBox([self.channel, self.owner], layout=wrap),
                w.HBox([self.medium, self.stage], layout=wrap), self.summary]

    def values(self) -> dict[str, Any] | None:
        if not self.stage.value and self.live.workshop.stages:
            self.to_fix = self.stage
            self.show_error(_("Pick the stage this touchpoint belongs to: once the journey "
                              "has stages, every touchpoint sits on one."))
            return None
        return {"name": self.name.value, "channel": self.channel.value,
                "medium": self.medium.value, "owner": self.owner.value or Function.unknown.value,
                "stage_id": self.stage.value or None}

    def fill(self, entity: Touchpoint) -> None:
        self.name.value = entity.name
        self.channel.value = entity.channel.value
        self.medium.value = entity.medium.value
        self.owner.value = "" if entity.owner is Function.unknown else entity.owner.value
        self.stage.value = entity.stage_id if entity.stage_id in {
            v for _, v in self.stage.options} else UNPLACED

    def blank(self) -> None:
        self.name.value = ""

    def choices(self, workshop: Workshop) -> None:
        stages = [(s.name, s.id) for s in ordered_stages(workshop)]
        set_options(self.stage, [(_(PICK_STAGE) if stages else _(NO_STAGES), UNPLACED),
                                 *stages])
        self.summary.value = _summary(workshop)

    def listing(self, workshop: Workshop) -> str:
        return _inventory(workshop)

    def _on_channel(self, change: dict[str, Any]) -> None:
        if not self._syncing:
            self.medium.value = default_medium(change["new"]).value


def _summary(workshop: Workshop) -> str:
    tps = workshop.touchpoints
    if not tps:
        return "<p><i>{}</i></p>".format(esc(_("No touchpoints yet: add the first one above.")))
    digital = sum(t.medium.value == "digital" for t in tps)
    unowned = sum(t.owner.value == "other" for t in tps)
    text = esc(_("{touchpoints} · {digital} digital · {physical} physical").format(
        touchpoints=L.count_of(len(tps), "touchpoints"), digital=digital,
        physical=len(tps) - digital))
    if unowned:
        text += " · <span class='cx-warn'>{}</span>".format(esc(_(
            "{count} without a clear owner").format(count=unowned)))
    return f"<p>{text}</p>"


def _inventory(workshop: Workshop) -> str:
    if not workshop.touchpoints:
        return ""
    stages = {s.id: s.name for s in workshop.stages}
    rows = [[esc(t.name), esc(L.label(L.CHANNEL, t.channel)), esc(L.label(L.MEDIUM, t.medium)),
             esc(L.label(L.FUNCTION, t.owner)), esc(stages.get(t.stage_id or "", "-")),
             author_html(workshop, t.created_by)] for t in workshop.touchpoints]
    return table([_("Touchpoint"), _("Channel"), _("Kind"), _("Owner"), _("Stage"),
                  _("Added by")], rows,
                 "cx-tp-list")
