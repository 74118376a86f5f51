"""Step 4, Touchpoints: every place the customer meets the company, with its owner.

Used by the facilitator (who may change anything) and by participants (who change only
what they added). The inventory shows everyone's entries, escaped, as they arrive.
"""

from __future__ import annotations

from typing import Any

import ipywidgets as w

from cxwidgets import labels as L
from cxwidgets.model import Workshop, default_medium
from cxwidgets.widgets.base import StepWidget, esc

UNPLACED = ""


class Touchpoints(StepWidget):
    """Step 4: build the touchpoint inventory."""

    step_key = "touchpoints"
    what = ("Add every point where the customer meets the company, digital or physical: "
            "say which channel it uses and which function owns it.")
    why = ("The map is drawn from these. A touchpoint nobody owns is often where the "
           "customer gets stuck.")
    minutes = 20
    tip = ("Go round the functions one by one; support and operations usually know the "
           "touchpoints nobody else remembers (letters, call-backs, technician visits).")

    def build(self) -> list[w.Widget]:
        self.name = w.Text(description="Touchpoint", placeholder="e.g. Order confirmation email",
                           layout=w.Layout(width="100%", max_width="36em")
                           ).add_class("cx-tp-name")
        self.channel = w.Dropdown(options=L.options(L.CHANNEL), description="Channel"
                                  ).add_class("cx-tp-channel")
        self.medium = w.ToggleButtons(options=L.options(L.MEDIUM), description="Kind",
                                      style={"button_width": "6em"}).add_class("cx-tp-medium")
        self.owner = w.Dropdown(options=L.options(L.FUNCTION), description="Owner"
                                ).add_class("cx-tp-owner")
        self.stage = w.Dropdown(options=[("Not placed yet", UNPLACED)], description="Stage"
                                ).add_class("cx-tp-stage")
        self.add = w.Button(description="Add touchpoint", icon="plus", button_style="primary"
                            ).add_class("cx-tp-add")
        self.mine = w.Dropdown(description="Yours", options=[]).add_class("cx-tp-mine")
        self.remove = w.Button(description="Remove", icon="trash").add_class("cx-tp-remove")
        self.undo = w.Button(description="Undo my last change", icon="undo"
                             ).add_class("cx-undo")
        self.summary = w.HTML().add_class("cx-tp-summary")
        self.inventory = w.HTML().add_class("cx-tp-list")

        self.channel.observe(self._on_channel, "value")
        self.add.on_click(self._on_add)
        self.remove.on_click(self._on_remove)
        self.undo.on_click(lambda _: self.save(self.editor.undo))
        return [
            self.name,
            w.HBox([self.channel, self.owner], layout=w.Layout(flex_flow="row wrap")),
            w.HBox([self.medium, self.stage], layout=w.Layout(flex_flow="row wrap")),
            self.add,
            self.summary, self.inventory,
            w.HBox([self.mine, self.remove, self.undo], layout=w.Layout(flex_flow="row wrap")),
        ]

    def render(self, workshop: Workshop) -> None:
        stages = sorted(workshop.stages, key=lambda s: s.order)
        self.stage.options = [("Not placed yet", UNPLACED)] + [(s.name, s.id) for s in stages]
        own = [t for t in workshop.touchpoints
               if self.editor.is_facilitator or t.created_by == self.editor.author]
        self.mine.options = [(t.name, t.id) for t in own]
        self.remove.disabled = not own
        self.summary.value = _summary(workshop)
        self.inventory.value = _inventory(workshop)

    def _on_channel(self, change: dict[str, Any]) -> None:
        self.medium.value = default_medium(change["new"]).value

    def _on_add(self, _button: w.Button) -> None:
        added = self.save(self.editor.add, "touchpoints", {
            "name": self.name.value, "channel": self.channel.value, "medium": self.medium.value,
            "owner": self.owner.value, "stage_id": self.stage.value or None,
        })
        if added:
            self.name.value = ""

    def _on_remove(self, _button: w.Button) -> None:
        if self.mine.value:
            self.save(self.editor.remove, "touchpoints", self.mine.value)


def _summary(workshop: Workshop) -> str:
    tps = workshop.touchpoints
    if not tps:
        return "<p><i>No touchpoints yet: add the first one above.</i></p>"
    digital = sum(t.medium.value == "digital" for t in tps)
    unowned = sum(t.owner.value == "other" for t in tps)
    text = f"{len(tps)} touchpoints · {digital} digital · {len(tps) - digital} physical"
    if unowned:
        text += f" · <span class='cx-warn'>{unowned} without a clear owner</span>"
    return f"<p>{text}</p>"


def _inventory(workshop: Workshop) -> str:
    if not workshop.touchpoints:
        return ""
    names = {p.id: p.name for p in workshop.participants}
    stages = {s.id: s.name for s in workshop.stages}
    rows = "".join(
        f"<tr><td>{esc(t.name)}</td><td>{esc(L.label(L.CHANNEL, t.channel))}</td>"
        f"<td>{esc(L.label(L.MEDIUM, t.medium))}</td>"
        f"<td>{esc(L.label(L.FUNCTION, t.owner))}</td>"
        f"<td>{esc(stages.get(t.stage_id or '', '-'))}</td>"
        f"<td>{esc(names.get(t.created_by, 'Facilitator'))}</td></tr>"
        for t in workshop.touchpoints
    )
    return ("<table class='cx-table'><tr><th>Touchpoint</th><th>Channel</th><th>Kind</th>"
            "<th>Owner</th><th>Stage</th><th>Added by</th></tr>" + rows + "</table>")
