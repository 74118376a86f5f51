"""The live map beside the step's form: the journey the room is building, as it grows.

The facilitator sees it beside steps 4-13, a participant from step 4 on (step 10 aside:
its screen is the map itself, drawn large); on the projector it goes under the step. It is redrawn
from `LiveWorkshop.workshop`, the update path every screen and the facilitator's board
follow, and only when what it is drawn from changed (`live_map.live_key`: `ChartView`
skips a chart whose key it has shown), so an edit elsewhere costs each kernel the key.
The seat's own entries carry a "★" (a shape and a word, not a colour).

A click on the map (a card, a stage, a feeling dot, an empty cell) reaches Python as the
chart's point selection and opens the side panel (`map_panel`). The same panel opens from
the map's table view: every stage and lane as a row, with a button per entry and an
"Add here" button, for keyboards and screen readers. On a narrow screen the map is shown
one stage at a time (its cards whole), as step 10 shows it on a phone. Under it, folded,
the lane board (`lane_board`: stages and touchpoints arranged by dragging) and, for a
participant, their own emotion curve set by hand (`emotion_curve`).
"""

from __future__ import annotations

import asyncio
import sys
import time
from collections.abc import Callable
from typing import Any

import ipywidgets as w

from cxwidgets.charts.journey_map import TEXT_SIZE, StageLanes, natural_width
from cxwidgets.charts.live_map import (
    ADDABLE,
    PICK,
    cell_id,
    live_key,
    live_map,
    live_stage_lanes,
    picked_id,
)
from cxwidgets.language import _, ngettext
from cxwidgets.method import views as J
from cxwidgets.method.model import VoteKind, Workshop
from cxwidgets.method.steps import step
from cxwidgets.widgets.base import esc
from cxwidgets.widgets.canvas import Canvas
from cxwidgets.widgets.chart import ChartView, _jupyter_chart, zoom_buttons
from cxwidgets.widgets.emotion_curve import EmotionCurve
from cxwidgets.widgets.journey_map import FIT_TEXT, StageView, stage_html
from cxwidgets.widgets.lane_board import LaneBoard
from cxwidgets.widgets.map_panel import MapPanel
from cxwidgets.widgets.room_maps import room_maps
from cxwidgets.widgets.session import LiveWorkshop

#: Step 10's screen is the map itself, drawn large: no second map beside it.
MAP_STEP = 10
#: The steps the facilitator's screen shows the live map beside (by number).
FACILITATOR_STEPS = frozenset(range(4, 14)) - {MAP_STEP}
#: A participant sees it from this step on (step 10 aside).
PARTICIPANT_FROM = 4
#: Seconds a live map waits for its page to report a drawing before it sends the next
#: one anyway (the page may be closed or asleep): long enough for a slow phone to draw.
DRAWN_WITHIN = 15.0
#: A page that took at least this long (s) to draw a map is left as long again before the
#: next one: its page has the board, the step's form and the person's clicks to see to
#: as well, so a slow drawing never takes more than half of a page's time.
REST_FROM = 0.2
#: ... but never longer than this (s): the time a page takes to report a drawing is also
#: the network's, both ways, and a slow network is no reason to send maps less often.
REST_AT_MOST = 1.0
#: How long a button in the table view may be before its text is shortened (the whole
#: text stays in its tooltip and in the panel it opens).
BUTTON_CHARS = 40

CSS = """<style>
/* a participant's page widens to hold the map beside the step (wide screens only) */
.cx-participant-app:has(.cx-live-map:not([style*="display: none"])) { max-width: 110em; }
.cx-with-map { display: flex; flex-flow: row wrap; gap: 0 1.2em; align-items: flex-start; }
/* the step's form keeps the width its fields were laid out for; the map takes the rest */
.cx-with-map > .cx-map-main { flex: 1 1 30em; min-width: min(680px, 100%);
  max-width: 100%; }
.cx-with-map > .cx-live-map { flex: 1 1 36em; min-width: 0; max-width: 100%;
  border-left: 3px solid #d5dae1; padding-left: 0.8em; box-sizing: border-box; }
.cx-live-map .cx-live-stages, .cx-live-hint-narrow { display: none !important; }
.cx-live-map .cx-live-chart .vega-embed svg { cursor: pointer; }
/* at "fit" a long journey keeps its text readable and scrolls inside a frame that fits
   the screen, as step 10's map does */
.cx-live-chart.cx-zoom-fit { max-height: 80vh; overflow: auto !important; }
/* the page's frame (Lumino panels with "contain: strict") would hold the panel to the
   frame's scrolled content instead of the screen: no containment around the live map */
.lm-Widget:has(.cx-live-map) { contain: none !important; }
/* while the panel is open, the map's hover notes do not cover it */
body:has(.cx-map-panel.cx-panel-open) #vg-tooltip-element { visibility: hidden !important; }
/* above the map's own hover notes: the panel is what was asked for */
.cx-map-panel.cx-panel-open { position: fixed; top: 0; right: 0; z-index: 2000;
  width: min(28em, 100vw); height: 100vh; overflow-y: auto; overflow-x: hidden;
  background: #fff;
  box-shadow: -4px 0 16px rgba(0, 0, 0, 0.25); padding: 0.6em 0.9em;
  box-sizing: border-box; }
/* a box of fixed height: its parts keep their own heights and the panel scrolls */
.cx-map-panel > *, .cx-map-panel .widget-box > * { flex-shrink: 0; }
.cx-map-panel .widget-html-content { white-space: normal; overflow-wrap: anywhere; }
/* the panel's fields: the label above, the field as wide as the panel, never wider */
.cx-map-panel .widget-inline-hbox { flex-wrap: wrap; width: auto !important;
  align-self: stretch; max-width: 100%; height: auto !important; }
.cx-map-panel .widget-inline-hbox > .widget-label { width: 100% !important;
  text-align: left; white-space: normal; }
.cx-map-panel .widget-inline-hbox > input, .cx-map-panel .widget-inline-hbox > select {
  flex: 1 1 auto; min-width: 0; width: 100%; box-sizing: border-box; }
.cx-panel-details dt { font-weight: 600; color: #4a5260; }
.cx-panel-details dd { margin: 0 0 0.3em 0; }
.cx-live-table-row { flex-flow: row wrap; align-items: center; gap: 0.2em;
  border-bottom: 1px solid #e3e6ea; padding: 0.2em 0; }
.cx-live-table-row .widget-html { min-width: 12em; }
.cx-live-table-row .jupyter-button { width: auto; max-width: 100%; height: auto;
  min-height: var(--jp-widgets-inline-height); white-space: normal; text-overflow: clip;
  text-align: left; overflow-wrap: anywhere; }
.cx-map-mine { font-weight: 700; }
/* on the projector the step's charts are drawn large: the map goes under the step */
.cx-projector .cx-with-map { flex-direction: column; }
.cx-projector .cx-with-map > .cx-map-main, .cx-projector .cx-with-map > .cx-live-map {
  width: 100%; flex-basis: auto; border-left: 0; padding-left: 0; }
@media (max-width: 760px) {
  .cx-live-map .cx-live-whole { display: none !important; }
  .cx-live-map .cx-live-stages { display: flex !important; }
  .cx-live-hint-narrow { display: block !important; }
  .cx-live-hint-wide { display: none !important; }
  .cx-with-map > .cx-live-map { border-left: 0; padding-left: 0;
    border-top: 3px solid #d5dae1; }
}
</style>"""


class PickChart(ChartView):
    """A `ChartView` whose clicks come back, and that lets its page draw at its own pace.

    The chart's `PICK` selection is wired to `on_pick(id)`, and cleared after each click
    so a second click on the same card opens it again.

    The page says when it has drawn: after each drawing, `JupyterChart`'s script sends
    the chart's selections back, and the kit's are always different from what the kernel
    last set (they carry the number of the drawing). Until then `drawing` is True and
    whoever redraws the chart holds back, and redraws once `on_drawn` is called, from
    the newest state: a slow device or a busy network draws the room's latest map as often
    as it can, never a queue of maps that are already out of date, and the kernel sends
    nothing it would not draw. A page that took a while to draw (`REST_FROM`) is left as
    long again before the next drawing (at most `REST_AT_MOST`). A page that never says so
    (closed, asleep, gone) is sent the next drawing after `DRAWN_WITHIN` seconds. Outside
    a kernel (no page at all: scripts, tests) every drawing is sent at once.
    """

    def __init__(self, css_class: str, on_pick: Callable[[str], None],
                 on_drawn: Callable[[], None] | None = None) -> None:
        super().__init__(css_class)
        self.on_pick = on_pick
        self.on_drawn = on_drawn
        #: When (monotonic) the drawing the page has not yet reported was sent; None: none.
        self.sent_at: float | None = None
        self.drawings = 0
        #: Until when (monotonic) the page rests after a slow drawing.
        self.rest_until = 0.0
        self._setting = False

    @property
    def drawing(self) -> bool:
        """True while the page is drawing what was last sent (and not for too long), or
        resting after a slow drawing."""
        now = time.monotonic()
        return ((self.sent_at is not None and now - self.sent_at < DRAWN_WITHIN)
                or now < self.rest_until)

    def show(self, chart: Any) -> None:
        if self._view is None:
            view = _jupyter_chart()
            # what JupyterChart sets up itself when given an Altair chart with this param
            view._selection_types = {PICK: "point"}
            view._vl_selections = {PICK: {"value": None, "store": []}}
            view.observe(self._on_selection, "_vl_selections")
            self._view = view
            self.children = [view, *([self._fit] if self._fit else [])]
        super().show(chart)

    def _draw(self, spec: dict[str, Any]) -> None:
        assert self._view is not None
        self.drawings += 1
        self._select({PICK: {"value": None, "store": [], "drawing": self.drawings}})
        super()._draw(spec)
        loop = _running_loop()
        if loop is None:
            return
        self.sent_at = time.monotonic()
        loop.call_later(DRAWN_WITHIN, self._drawn, self.drawings)

    def _select(self, selections: dict[str, Any]) -> None:
        """Set the selections from here (not news from the page)."""
        assert self._view is not None
        self._setting = True
        try:
            self._view._vl_selections = selections
        finally:
            self._setting = False

    def _drawn(self, drawing: int | None = None) -> None:
        """The page has drawn (or, from the timer, drawing number `drawing` was never
        reported): whoever held a redraw back may draw now."""
        if self.sent_at is None or (drawing is not None and drawing != self.drawings):
            return
        now = time.monotonic()
        took, self.sent_at = now - self.sent_at, None
        loop = _running_loop()
        if drawing is None and took >= REST_FROM and loop is not None:
            rest = min(took, REST_AT_MOST)
            self.rest_until = now + rest
            loop.call_later(rest, self._rested)
            return
        if self.on_drawn is not None:
            self.on_drawn()

    def _rested(self) -> None:
        if self.sent_at is None and self.on_drawn is not None:
            self.on_drawn()

    def _on_selection(self, change: dict[str, Any]) -> None:
        if self._setting:
            return
        # whatever the page sends is checked: a selection is a dict, an id a short string
        sent = change["new"].get(PICK) if isinstance(change["new"], dict) else None
        picked = picked_id(sent.get("value")) if isinstance(sent, dict) else None
        if picked is None:  # the selections a drawing reports when it is done
            self._drawn()
            return
        self._select({PICK: {"value": None, "store": [], "drawing": self.drawings}})
        self.on_pick(picked)

    def click(self, picked: str) -> None:
        """What a click on the element with id `picked` sends from the page (for tests)."""
        assert self._view is not None, "nothing drawn yet"
        self._view._vl_selections = {PICK: {"value": {"vlPoint": {"or": [{"id": picked}]},
                                                      "id": [picked]}, "store": []}}

    def page_drew(self) -> None:
        """What the page sends when it has drawn the last spec (for tests)."""
        assert self._view is not None, "nothing drawn yet"
        self._view._vl_selections = {PICK: {"value": {}, "store": []}}


def _running_loop() -> asyncio.AbstractEventLoop | None:
    """The kernel's event loop, when this runs inside a kernel that has a page (Voila,
    Lab); None in plain Python, where no page will ever report a drawing."""
    kernelbase = sys.modules.get("ipykernel.kernelbase")
    if kernelbase is None or not kernelbase.Kernel.initialized():
        return None
    try:
        return asyncio.get_running_loop()
    except RuntimeError:
        return None


class LiveStageView(StageView):
    """One stage at a time, with the seat's own cards marked "★ yours"."""

    def __init__(self, author: str) -> None:
        self.author = author
        super().__init__()

    def go(self, index: int) -> None:
        super().go(index)
        if self.lanes:
            self.body.value = mark_mine(stage_html(self.lanes[self.index]),
                                        self.lanes[self.index])


def mark_mine(html: str, lanes: StageLanes) -> str:
    """The stage's cards with "★ yours" on those the seat added (their rows say so)."""
    mine = sum(bool(r.get("mine")) for lane in (lanes.touchpoints, lanes.pain_points,
                                                lanes.opportunities, lanes.backstage)
               for r in lane)
    if not mine:
        return html
    return ("<p class='cx-map-mine'>★ {}</p>".format(esc(ngettext(
        "{n} of the entries on this stage is yours.",
        "{n} of the entries on this stage are yours.", mine).format(n=mine))) + html)


def table_rows(workshop: Workshop, persona_id: str | None,
               author: str) -> list[tuple[str, list[tuple[str, str]], str]]:
    """The map as rows: (what the row is, [(button words, id to open)], id of "Add here"
    or ""), stage by stage and lane by lane, in the map's order."""
    out: list[tuple[str, list[tuple[str, str]], str]] = []
    lanes = live_stage_lanes(workshop, persona_id, author)
    stages = J.ordered_stages(workshop)
    stats = J.emotion_stats(workshop, persona_id)
    for stage, lane in zip(stages, lanes, strict=True):
        out.append((_("Stage {number}: {name}").format(number=lane.index + 1, name=stage.name),
                    [(stage.name, stage.id)], ""))
        for key, title, rows, text in (
                ("touchpoints", _("Touchpoints"), lane.touchpoints, "name"),
                ("pain_points", _("Pain points"), lane.pain_points, "text"),
                ("opportunities", _("Opportunities"), lane.opportunities, "text"),
                ("backstage", _("Backstage"), lane.backstage, "name")):
            buttons = [(("★ " if r.get("mine") else "") + str(r[text]), str(r["id"]))
                       for r in rows]
            out.append((f"{stage.name} · {title}", buttons,
                         cell_id(key, stage.id) if key in ADDABLE else ""))
            if key == "touchpoints":
                feel = [(_("Feelings at {touchpoint}").format(touchpoint=r["name"]),
                         f"emotion:{r['id']}") for r in rows
                        if r["id"] in stats]
                if feel:
                    out.append((f"{stage.name} · {_('Emotions')}", feel, ""))
    return out


class MapTable(w.Accordion):
    """The map's table view: a row per stage and lane, a button per entry opening the
    panel, "Add here" where the room adds; built when first unfolded, and again only
    when the map changed."""

    def __init__(self, live: LiveWorkshop, open_: Callable[[str, w.Button | None], None],
                 workshop: Callable[[], Workshop]) -> None:
        self.live = live
        self.open_ = open_
        #: the workshop as the map shows it (`LiveMap.drawn_from`)
        self.workshop = workshop
        self.rows = w.VBox().add_class("cx-live-table-rows")
        self._key = ""
        self._buttons: dict[tuple[str, str], w.Button] = {}
        self._kept: dict[tuple[str, str], w.Button] = {}
        super().__init__(children=[self.rows], titles=[_("The map as a table")],
            selected_index=None)
        self.add_class("cx-live-table")
        self.observe(lambda _: self.render(), "selected_index")

    def render(self, key: str = "") -> None:
        if self.selected_index is None:
            return
        ws, author = self.workshop(), self.live.editor.author
        key = key or live_key(ws, self.live.persona_id or None, author)
        if key == self._key:
            return
        self._key = key
        rows = []
        self._kept, self._buttons = self._buttons, {}  # buttons of entries gone: let go
        old = self.rows.children
        for title, buttons, add in table_rows(ws, self.live.persona_id or None, author):
            made = [self._button(words, picked) for words, picked in buttons]
            if add:
                made.append(self._button("+ " + _("Add here"), add, "cx-live-add-here"))
            if not buttons and not add:
                continue
            label = w.HTML(f"<b>{esc(title)}</b>" + ("" if buttons else
                                                       " <i class='cx-empty'>{}</i>".format(
                                                           esc(_("none yet")))))
            rows.append(w.HBox([label, *made]).add_class("cx-live-table-row"))
        self.rows.children = rows
        for gone in set(self._kept) - set(self._buttons):
            self._kept[gone].close()
        self._kept = {}
        for row in old:  # the rows and their labels (their buttons live on if still used)
            row.children[0].close()
            row.close()

    def _button(self, words: str, picked: str, css: str = "cx-live-open") -> w.Button:
        short = words if len(words) <= BUTTON_CHARS else words[:BUTTON_CHARS - 1] + "…"
        found = self._buttons.get((picked, css)) or self._kept.get((picked, css))
        if found is None:
            found = w.Button(layout=w.Layout(width="auto")).add_class(css)
            found.on_click(lambda button, p=picked: self.open_(p, button))
            self._buttons[(picked, css)] = found
        found.description, found.tooltip = short, words
        return found


class Folded(w.Accordion):
    """A page-drawn view under the map (the lane board, the hand-drawn curve), folded:
    built when first unfolded (a seat that never uses it pays nothing for it), then kept
    in step with the map. It opens by itself the first time the screen reaches the step
    it is made for (`opens_at`)."""

    def __init__(self, title: str, make: Callable[[], Canvas],
                 workshop: Callable[[], Workshop], opens_at: str, css_class: str) -> None:
        self.make = make
        self.workshop = workshop
        self.opens_at = opens_at
        self.content: Canvas | None = None
        self.opened_by_itself = False
        super().__init__(children=[w.VBox()], titles=[title], selected_index=None)
        self.add_class(css_class)
        self.observe(lambda _: self.render(), "selected_index")

    def reached(self, step_key: str) -> None:
        if step_key == self.opens_at and not self.opened_by_itself:
            self.opened_by_itself = True
            self.selected_index = 0

    def render(self) -> None:
        if self.selected_index is None:
            return
        if self.content is None:
            self.content = self.make()
            self.children = [self.content]
        self.content.show(self.workshop())


class LiveMap(w.VBox):
    """The live map, its stage-at-a-time view, its table view and its side panel."""

    def __init__(self, live: LiveWorkshop, steps: Callable[[int], bool]) -> None:
        self.live = live
        self.steps = steps
        self.step_key = ""
        self.chart = PickChart("cx-live-chart", self.open_picked, on_drawn=self.render)
        self.stages = LiveStageView(live.editor.author).add_class("cx-live-stages")
        self.panel = MapPanel(live)
        self.table = MapTable(live, self.open_picked, self.drawn_from)
        self.arrange = Folded(_("Arrange the journey by dragging"), lambda: LaneBoard(live),
                              self.drawn_from, "timeline", "cx-live-arrange")
        #: a participant's own feelings, set by hand (step 6); the facilitator, who rates
        #: for others too, uses the step's form
        self.curve = None if live.editor.is_facilitator else Folded(
            _("Your feelings along the journey"), lambda: EmotionCurve(live),
            self.drawn_from, "emotions", "cx-live-curve")
        folded = [self.arrange] if self.curve is None else [self.curve, self.arrange]
        self.whole = w.VBox([zoom_buttons(self.chart), self.chart]).add_class("cx-live-whole")
        star = "<b>★</b> " + esc(_("marks what you added."))
        hint = w.HTML("<p class='cx-hint cx-live-hint-wide'>{} {}</p>"
                      "<p class='cx-hint cx-live-hint-narrow'>{} {}</p>".format(
                          esc(_("The room's journey so far, updated as anyone adds to it. "
                                "Click a card, a stage or a feeling dot to open it, or an "
                                "empty space in a lane to add there.")), star,
                          esc(_("The room's journey so far, one stage at a time: Previous "
                                "and Next move along it. To open an entry or add one, "
                                "unfold the table under it.")), star))
        heading = w.HTML("<h3>{}</h3>".format(esc(_("The journey map, live"))))
        super().__init__([w.HTML(CSS), heading, hint,
                          self.whole, self.stages, self.table, *folded, self.panel])
        self.add_class("cx-live-map")
        self.layout.display = "none"
        #: what the map shown was drawn from (`live_key`): nothing is redrawn until it moves
        self.key = ""
        #: the table was unfolded for an empty map once (the person may fold it again)
        self.table_opened = False
        live.observe(lambda _: self.render(), ["workshop", "persona_id"])

    @property
    def folded(self) -> list[Folded]:
        return [f for f in (self.curve, self.arrange) if f is not None]

    @property
    def shown(self) -> bool:
        return bool(self.layout.display != "none")

    def show_step(self, step_key: str) -> None:
        """The screen beside the map moved to `step_key`: show or hide the map."""
        self.step_key = step_key
        try:
            number = step(step_key).number
        except KeyError:
            number = 0
        visible = self.steps(number)
        if visible:
            for folded in self.folded:
                folded.reached(step_key)
        if visible == self.shown:
            return
        self.layout.display = "" if visible else "none"
        if visible:
            self.render()
        else:
            self.panel.hide()

    def render(self) -> None:
        """Redraw what changed since the last drawing: nothing at all unless the map's key
        moved (an edit of something the map does not show costs the key alone), and not
        while the page is still drawing the last one: the chart calls again when it is
        done, and the page gets the newest map (`PickChart`)."""
        if not self.shown or self.chart.drawing:
            return
        ws, persona = self.drawn_from(), self.live.persona_id or None
        author = self.live.editor.author
        key = live_key(ws, persona, author)
        if key == self.key:
            return
        self.key = key
        chart = live_map(ws, persona, author, key=key, rooms=room_maps())
        self.chart.show(chart)
        spec = chart.shared()  # read only
        if "vconcat" in spec:  # "fit" keeps card text readable; a long journey scrolls
            self.chart.fit_at_least(natural_width(spec) * FIT_TEXT / TEXT_SIZE)
        elif ws.stages and not self.table_opened:
            # stages but nothing on them yet: the map has no cell to click, so its table
            # unfolds, with "Add here" on each stage's row for the first touchpoints
            self.table_opened = True
            self.table.selected_index = 0
        self.stages.show(getattr(chart, "stage_lanes", None)
                         or live_stage_lanes(ws, persona, author))
        self.table.render(key)
        for folded in self.folded:
            folded.render()

    def drawn_from(self) -> Workshop:
        """The workshop as this seat's map shows it: while the facilitator hides the dot
        counts, a participant's map carries no dots (as the ranking shows none)."""
        ws = self.live.workshop
        if ws.votes_hidden and not self.live.editor.is_facilitator:
            return ws.model_copy(update={"votes": [v for v in ws.votes
                                                   if v.kind != VoteKind.dot]})
        return ws

    def open_picked(self, picked: str, opener: w.Button | None = None) -> None:
        """Open the side panel on what a click (or a table button, `opener`) named."""
        self.panel.show_picked(picked, opener)


def with_live_map(main: w.Widget, live_map_: LiveMap) -> w.Box:
    """`main` (the stepper, the participant's room) with the live map beside it."""
    main.add_class("cx-map-main")
    return w.Box([main, live_map_]).add_class("cx-with-map")


def facilitator_map(live: LiveWorkshop, stepper: Any) -> w.Box:
    """The facilitator's stepper with the live map beside steps 4-13."""
    found = LiveMap(live, lambda n: n in FACILITATOR_STEPS)

    def follow(_: object = None) -> None:
        found.show_step(stepper.step_keys[stepper.index])

    stepper.jump.observe(follow, "value")
    follow()
    box = with_live_map(stepper, found)
    box.live_map = found
    return box


def participant_map(live: LiveWorkshop, room: Any) -> w.Box:
    """The participant's room with the live map beside it from step 4 on."""
    found = LiveMap(live, lambda n: n >= PARTICIPANT_FROM and n != MAP_STEP)

    def follow(_: object = None) -> None:
        found.show_step("" if room.shown_key == "assessment" else room.shown_key)

    room.open_now.observe(follow, "value")
    room.toggle.observe(follow, "value")
    live.observe(follow, "workshop")
    follow()
    box = with_live_map(room, found)
    box.live_map = found
    return box
