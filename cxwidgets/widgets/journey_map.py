"""Step 10, Draw the map: the journey map assembled from steps 3-9, for one persona.

Nothing new is entered here. The step shows the map and, above it, what would make it
better: touchpoints not on a stage (not drawn), touchpoints nobody rated, pain points
without evidence.
"""

from __future__ import annotations

from typing import Any

import ipywidgets as w

from cxwidgets.charts.journey_map import COLOUR_BY, journey_map
from cxwidgets.method import views as J
from cxwidgets.method.model import Workshop
from cxwidgets.widgets.base import StepWidget, esc, set_options
from cxwidgets.widgets.chart import ChartView
from cxwidgets.widgets.choices import persona_choices

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


class DrawMap(MapControls, StepWidget):
    """Step 10: the assembled journey map."""

    step_key = "map"
    what = ("Look at the whole journey at once: stages across, and for each one the "
            "touchpoints, the feeling, the pain points, the opportunities and the work "
            "behind the scenes. Hover over anything to see its evidence.")
    why = ("Seen together, the pieces tell a story no single team sees: where feelings "
           "drop, which pains cluster, which hidden processes sit under the worst moments.")
    minutes = 10
    tip = ("Give the room two silent minutes with the map before anyone speaks. Then ask "
           "'what surprises you?' before 'what should we fix?'.")

    def build(self) -> list[w.Widget]:
        self.checks = w.HTML().add_class("cx-map-checks")
        self.chart = ChartView("cx-journey-map")
        controls = self.map_controls(self.live)
        self.colour_by.observe(lambda _: self._redraw(), "value")
        self.live.observe(lambda _: self._render_now(self.live.workshop), "persona_id")
        return [*controls, self.checks, self.chart]

    def render(self, workshop: Workshop) -> None:
        self.sync_persona(workshop)
        self.checks.value = map_checks(workshop, self.live.persona_id or None)

    def on_show(self) -> None:
        self._redraw()

    def _redraw(self) -> None:
        if self.shown:
            self.chart.show(journey_map(self.live.workshop, self.live.persona_id or None,
                                        colour_by=self.colour_by.value))


def map_checks(workshop: Workshop, persona_id: str | None) -> str:
    """What is missing from the map, as a short list the facilitator can act on."""
    notes = []
    if not J.map_persona(workshop, persona_id):
        notes.append("No persona yet: the map has nobody on top (step 3).")
    if waiting := J.unplaced(workshop):
        notes.append(f"{len(waiting)} touchpoints are not on a stage and are not drawn: "
                     + ", ".join(t.name for t in waiting[:5]) + " (step 5).")
    rated = J.emotion_stats(workshop, persona_id)
    unrated = [t.name for t in J.journey_touchpoints(workshop) if t.id not in rated]
    if unrated:
        notes.append(f"{len(unrated)} touchpoints have no rating for this persona (step 6).")
    bare = [p for p in workshop.pain_points if not p.evidence]
    if bare:
        notes.append(f"{len(bare)} pain points rest on no evidence yet (step 7).")
    if not notes:
        return "<p class='cx-ok'>Every touchpoint is placed and rated; every pain point has " \
               "evidence.</p>"
    return "<ul class='cx-warn'>" + "".join(f"<li>{esc(n)}</li>" for n in notes) + "</ul>"
