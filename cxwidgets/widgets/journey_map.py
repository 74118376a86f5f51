"""Step 10, Draw the map: the journey map assembled from steps 3-9, for one persona.

Nothing new is entered here. The step shows the map and, above it, what would make it
better: touchpoints not on a stage (not drawn), touchpoints nobody rated, pain points
without evidence.

Two views of the same map: the whole map (fit to the screen, never with card text under
12 px, or at 100% and 150%), and one stage at a time, its lanes as cards of whole text
with Previous and Next. The projector and the phone get the second: on a phone the
stylesheet shows it in place of the whole map; the projector switches to it (type the
back of the room can read) and back.
"""

from __future__ import annotations

from typing import Any

import ipywidgets as w

from cxwidgets.charts.journey_map import (
    COLOUR_BY,
    TEXT_SIZE,
    StageLanes,
    journey_map,
    natural_width,
    stage_lanes,
)
from cxwidgets.export.map_table import map_table_html
from cxwidgets.language import N_, _
from cxwidgets.method import checks
from cxwidgets.method import words as L
from cxwidgets.method.model import Workshop
from cxwidgets.method.validation import latest_customer_stats
from cxwidgets.widgets.base import StepWidget, esc, set_options
from cxwidgets.widgets.chart import ChartView, zoom_buttons
from cxwidgets.widgets.choices import persona_choices
from cxwidgets.widgets.registry import register
from cxwidgets.widgets.session import LiveWorkshop

COLOUR_WORDS = {"channel": N_("Channel"), "owner": N_("Owner function"),
                "sentiment": N_("Feeling")}
#: The smallest card text the whole map is shown with at "fit", px: a screen too narrow
#: for that scrolls sideways rather than shrink it further.
FIT_TEXT = 12
VIEWS = {N_("Whole map"): "whole", N_("One stage at a time"): "stage"}


class MapControls:
    """Persona and colour pickers shared by the map and share steps."""

    #: Given by the step screen the controls are mixed into (`StepWidget`).
    live: LiveWorkshop
    _syncing: bool

    def map_controls(self, live: LiveWorkshop) -> list[w.Widget]:
        self.persona = w.Dropdown(description=_("Persona"), options=[]).add_class("cx-persona")
        self.colour_by = w.Dropdown(description=_("Colour by"), options=[
            (_(COLOUR_WORDS[c]), c) for c in COLOUR_BY]).add_class("cx-colour-by")
        self.persona.observe(self._on_persona, "value")
        return [w.HBox([self.persona, self.colour_by], layout=w.Layout(flex_flow="row wrap"))]

    def sync_persona(self, workshop: Workshop) -> None:
        set_options(self.persona, persona_choices(workshop, everyone=None)
                    or [(_("(no persona yet)"), "")])
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
        self.view = w.ToggleButtons(options=[(_(k), v) for k, v in VIEWS.items()], value="whole",
                                    description=_("View")).add_class("cx-map-view")
        self.whole = w.VBox([zoom_buttons(self.chart), self.chart]).add_class("cx-map-whole")
        self.stages = StageView().add_class("cx-map-stages")
        #: the map in words, under the drawing: for screen readers and colour-blind eyes
        self.words = w.HTML().add_class("cx-map-words")
        self.view.observe(self._on_view, "value")
        self.live.observe(self._on_projector, "projector")
        self._on_view()
        return [*controls, self.checks, self.view, self.whole, self.stages, self.words]

    def render(self, workshop: Workshop) -> None:
        self.sync_persona(workshop)
        self.checks.value = map_checks(workshop, self.live.persona_id or None)
        self.words.value = map_in_words(workshop, self.live.persona_id or None)
        if self.shown:
            self.stages.show(stage_lanes(workshop, self.live.persona_id or None))

    def on_show(self) -> None:
        self._redraw()

    def _on_view(self, change: dict[str, Any] | None = None) -> None:
        stage = self.view.value == "stage"
        self.whole.layout.display = "none" if stage else ""
        self.stages.layout.display = "" if stage else "none"

    def _on_projector(self, change: dict[str, Any]) -> None:
        """The projector shows the map a stage at a time, in its larger type."""
        self.view.value = "stage" if change["new"] else "whole"

    def _redraw(self) -> None:
        if self.shown:
            chart = journey_map(self.live.workshop, self.live.persona_id or None,
                                colour_by=self.colour_by.value,
                                customers=latest_customer_stats(self.live.workshop))
            self.chart.show(chart)
            spec = self.chart.spec
            if "vconcat" in spec:  # the map, not the note before there is one
                self.chart.fit_at_least(natural_width(spec) * FIT_TEXT / TEXT_SIZE)
            self.stages.show(stage_lanes(self.live.workshop, self.live.persona_id or None))


class StageView(w.VBox):
    """One stage of the map at a time: Previous and Next, the stage's name and place, and
    its lanes as cards whose text is never cut (touchpoints with their number, channel
    and feeling; pain points and opportunities with their dots; what customers said;
    the backstage processes with their owners)."""

    def __init__(self) -> None:
        self.index = 0
        self.lanes: list[StageLanes] = []
        self.previous = w.Button(description=_("Previous stage"), icon="arrow-left"
                                 ).add_class("cx-stage-prev")
        self.next = w.Button(description=_("Next stage"), icon="arrow-right"
                             ).add_class("cx-stage-next")
        self.where = w.HTML().add_class("cx-stage-where")
        self.body = w.HTML().add_class("cx-stage-body")
        self.previous.on_click(lambda _: self.go(self.index - 1))
        self.next.on_click(lambda _: self.go(self.index + 1))
        nav = w.HBox([self.previous, self.where, self.next]).add_class("cx-stage-nav")
        super().__init__([nav, self.body])
        self.add_class("cx-stage-view")

    def show(self, lanes: list[StageLanes]) -> None:
        self.lanes = lanes
        self.go(min(self.index, max(0, len(lanes) - 1)))

    def go(self, index: int) -> None:
        if not self.lanes:
            self.where.value, self.body.value = "", "<p class='cx-empty'><i>{}</i></p>".format(
                esc(_("Add stages and place touchpoints on them to see the map.")))
            self.previous.disabled = self.next.disabled = True
            return
        self.index = max(0, min(index, len(self.lanes) - 1))
        lanes = self.lanes[self.index]
        self.previous.disabled = self.index == 0
        self.next.disabled = self.index == len(self.lanes) - 1
        place = _("stage {number} of {total}").format(number=self.index + 1,
                                                     total=len(self.lanes))
        self.where.value = (f"<h3 class='cx-stage-name'>{esc(lanes.name)} <span "
                            f"class='cx-step-count'>· {esc(place)}</span></h3>")
        self.body.value = stage_html(lanes)


def _dots(n: int) -> str:
    words = esc(L.count(n, "dot"))
    return (f"<span class='cx-dots-badge' title='{words}' aria-label='{words}'>● {n}</span>"
            if n else "")


def _lane(title: str, cards: list[str], kind: str, empty: str) -> str:
    inner = "".join(cards) or f"<p class='cx-empty'><i>{esc(_(empty))}</i></p>"
    return (f"<section class='cx-lane cx-lane-{kind}'><h4>{esc(_(title))}</h4>"
            f"<div class='cx-lane-cards'>{inner}</div></section>")


def stage_html(s: StageLanes) -> str:
    """The lanes of one stage as HTML cards, every text whole and escaped."""
    feeling, at = _("feeling {value}"), _("at {touchpoint}")
    tps = [f"<div class='cx-card cx-card-tp'><b>{r['k']}</b> {esc(r['name'])}"
           f"<small>{esc(r['ch'])} · {esc(r['med'].lower())} · "
           f"{esc(feeling.format(value=r['feel']))}</small></div>" for r in s.touchpoints]
    pains = [f"<div class='cx-card cx-card-pain'>{esc(r['text'])}{_dots(r['dots'])}"
             f"<small>{esc(at.format(touchpoint=r['tp']))}</small></div>"
             for r in s.pain_points]
    ideas = [f"<div class='cx-card cx-card-idea'>{esc(r['text'])}{_dots(r['dots'])}"
             f"<small>{esc(at.format(touchpoint=r['tp']))}</small></div>"
             for r in s.opportunities]
    quotes = [f"<blockquote class='cx-card cx-card-quote'>“{esc(r['q'].strip())}”"
              "</blockquote>" for r in s.quotes]
    back = [f"<div class='cx-card cx-card-back'>{esc(r['name'])}<small>{esc(r['o'])}"
            "</small></div>" for r in s.backstage]
    return "".join([
        _lane(N_("Touchpoints"), tps, "touchpoints", N_("No touchpoints on this stage yet")),
        _lane(N_("Pain points"), pains, "pains", N_("No pain points here yet")),
        _lane(N_("Opportunities"), ideas, "ideas", N_("No opportunities here yet")),
        _lane(N_("What customers say"), quotes, "quotes", N_("No customer quotes here yet"))
        if quotes else "",
        _lane(N_("Backstage"), back, "backstage", N_("No backstage processes here yet")),
    ])


def map_in_words(workshop: Workshop, persona_id: str | None) -> str:
    """The map's table, folded under a title that says what it is (opened with a click,
    or with Enter from the keyboard)."""
    summary = _("The journey map in words: every stage and touchpoint, as a table")
    return (f"<details class='cx-map-in-words'><summary>{esc(summary)}</summary>"
            f"{map_table_html(workshop, persona_id)}</details>")


def map_checks(workshop: Workshop, persona_id: str | None) -> str:
    """What is missing from the map (`checks.missing_from_map`), as a list to act on."""
    gaps = checks.missing_from_map(workshop, persona_id)
    if not gaps:
        return "<p class='cx-ok'>{}</p>".format(esc(_(
            "Every touchpoint is placed and rated; every pain point has evidence.")))
    return "<ul class='cx-warn'>" + "".join(f"<li>{esc(str(g))}</li>" for g in gaps) + "</ul>"
