"""Step 10, Draw the map: the journey map assembled from steps 3-9, for one persona.

Nothing new is entered here. The step shows the map and, above it, what would make it
better: touchpoints not on a stage (not drawn), touchpoints nobody rated, pain points
without evidence.
"""

from __future__ import annotations

from typing import Any

import ipywidgets as w

from cxwidgets.charts.journey_map import COLOUR_BY, journey_map
from cxwidgets.method import checks
from cxwidgets.method.model import Workshop
from cxwidgets.method.validation import latest_customer_stats
from cxwidgets.widgets.base import StepWidget, esc, set_options
from cxwidgets.widgets.chart import ChartView, zoom_buttons
from cxwidgets.widgets.choices import persona_choices
from cxwidgets.widgets.registry import register

COLOUR_WORDS = {"channel": "Channel", "owner": "Owner function", "sentiment": "Feeling"}


class MapControls:
    """Persona and colour pickers shared by the map and share steps."""

    def map_controls(self, live: Any) -> list[w.Widget]:
        self.persona = w.Dropdown(description="Persona", options=[]).add_class("cx-persona")
        self.colour_by = w.Dropdown(description="Colour by", options=[
            (COLOUR_WORDS[c], c) for c in COLOUR_BY]).add_class("cx-colour-by")
        self.persona.observe(self._on_persona, "value")
        return [w.HBox([self.persona, self.colour_by], layout=w.Layout(flex_flow="row wrap"))]

    def sync_persona(self, workshop: Workshop) -> None:
        set_options(self.persona, persona_choices(workshop, everyone=None)
                    or [("(no persona yet)", "")])
        if self.live.persona_id in {v for _, v in self.persona.options}:
            self.persona.value = self.live.persona_id

    def _on_persona(self, change: dict[str, Any]) -> None:
        if not self._syncing and change["new"]:
            self.live.persona_id = change["new"]


@register
class DrawMap(MapControls, StepWidget):
    """Step 10: the assembled journey map."""

    step_key = "map"

    def build(self) -> list[w.Widget]:
        self.checks = w.HTML().add_class("cx-map-checks")
        self.chart = ChartView("cx-journey-map")
        controls = self.map_controls(self.live)
        self.colour_by.observe(lambda _: self._redraw(), "value")
        self.live.observe(lambda _: self._render_now(self.live.workshop), "persona_id")
        return [*controls, self.checks, zoom_buttons(self.chart), self.chart]

    def render(self, workshop: Workshop) -> None:
        self.sync_persona(workshop)
        self.checks.value = map_checks(workshop, self.live.persona_id or None)

    def on_show(self) -> None:
        self._redraw()

    def _redraw(self) -> None:
        if self.shown:
            self.chart.show(journey_map(self.live.workshop, self.live.persona_id or None,
                                        colour_by=self.colour_by.value,
                                        customers=latest_customer_stats(self.live.workshop)))


def map_checks(workshop: Workshop, persona_id: str | None) -> str:
    """What is missing from the map (`checks.missing_from_map`), as a list to act on."""
    gaps = checks.missing_from_map(workshop, persona_id)
    if not gaps:
        return "<p class='cx-ok'>Every touchpoint is placed and rated; every pain point has " \
               "evidence.</p>"
    return "<ul class='cx-warn'>" + "".join(f"<li>{esc(str(g))}</li>" for g in gaps) + "</ul>"
