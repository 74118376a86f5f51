"""`LaneBoard`: the journey's stages as columns of touchpoint cards, arranged by dragging.

The facilitator reorders stages and moves touchpoints between them by dragging (or with
the arrow buttons on each card and stage, the same moves for keyboards and one-pointer
use); a participant moves their own. The page is drawn by SortableJS (bundled with the
kit in `widgets/static`, MIT, no network) inside an anywidget; it only asks. Each move
arrives here as a message, goes through the seat's `Editor` like any other edit (the
step's lock, the room's step and who may change what are checked by the store's gate), is
saved as one event that "Undo my last change" takes back, and shows on every screen the
way every edit does. A refused move is said beside the board, and the board is drawn
again as the store has it.
"""

from __future__ import annotations

from typing import Any

import traitlets

from cxwidgets.language import _
from cxwidgets.method import views as J
from cxwidgets.method.model import Workshop
from cxwidgets.method.steps import ROOM_ADDS
from cxwidgets.widgets.canvas import Canvas, page_code
from cxwidgets.widgets.session import LiveWorkshop

#: The lane of touchpoints on no stage yet (added before there were stages): first, and
#: only while it holds any, so they are dragged onto a stage. Nothing is dragged into it.
UNPLACED = ""

CSS = """
.cx-lane-board { font-size: 15px; }
.cx-lane-top { display: flex; flex-flow: row wrap; gap: 0.4em 1em; align-items: center; }
.cx-lane-hint { margin: 0.2em 0; color: #3d4550; flex: 1 1 20em; }
.cx-lane-message { min-height: 1.4em; margin: 0.3em 0; font-weight: 600; color: #1f5130; }
.cx-lane-message.cx-lane-refused { color: #9b1c1c; }
.cx-lane-scroll { overflow-x: auto; max-width: 100%; padding-bottom: 0.4em; }
.cx-lane-row { display: flex; flex-flow: row nowrap; gap: 0.6em; align-items: stretch; }
.cx-lane { flex: 0 0 13em; background: #f3f5f8; border: 1px solid #c9d0d8;
  border-radius: 6px; padding: 0.4em; box-sizing: border-box; }
.cx-lane[data-stage=""] { background: #fff8e6; border-style: dashed; }
.cx-lane-head { display: flex; align-items: center; gap: 0.3em; min-height: 2.2em; }
.cx-lane-movable > .cx-lane-head { cursor: grab; }
.cx-lane-head h4 { flex: 1 1 auto; margin: 0; font-size: 1em; overflow-wrap: anywhere; }
.cx-lane-cards { list-style: none; margin: 0.3em 0 0; padding: 0; min-height: 3em; }
.cx-lane-card { display: flex; align-items: center; gap: 0.3em; background: #fff;
  border: 1px solid #8a96a3; border-radius: 4px; padding: 0.35em 0.4em;
  margin-bottom: 0.35em; min-height: 2.2em; }
.cx-lane-card-movable { cursor: grab; }
.cx-lane-card-mine { border-width: 2px; border-color: #1d4f91; }
.cx-lane-card-name { flex: 1 1 auto; overflow-wrap: anywhere; }
.cx-lane-empty { color: #4b5563; font-style: italic; padding: 0.4em; }
.cx-lane-board button { min-width: 2em; min-height: 2em; font-size: 0.9em;
  border: 1px solid #6b7785; border-radius: 4px; background: #fff; color: #1f2933;
  cursor: pointer; }
.cx-lane-add-stage { display: flex; flex-flow: row wrap; gap: 0.4em; margin-top: 0.5em; }
.cx-lane-new-stage { flex: 0 1 16em; min-width: 0; padding: 0.3em; font-size: 1em;
  border: 1px solid #6b7785; border-radius: 4px; }
.cx-lane-board button:focus-visible, .cx-lane-scroll:focus-visible,
.cx-lane-new-stage:focus-visible {
  outline: 3px solid #1d4f91; outline-offset: 2px; }
.sortable-ghost { opacity: 0.4; }
.sortable-fallback { box-shadow: 0 4px 14px rgba(0, 0, 0, 0.3); }
"""


def esm() -> str:
    """The page's module: SortableJS (its UMD build, given a `module` to fill) and then
    the board's own code, so the bundle is one file the kernel sends with the widget."""
    return ("const Sortable = (() => { const module = { exports: {} }; "
            "const exports = module.exports;\n" + page_code("Sortable.min.js")
            + "\nreturn module.exports; })();\n" + page_code("lane_board.js"))


def board_lanes(workshop: Workshop, author: str, facilitator: bool) -> list[dict[str, Any]]:
    """The board as the page draws it: the lane of touchpoints on no stage, then each
    stage in journey order, with its cards. `movable` says what this seat may try to
    move (the facilitator anything, a participant their own); the store decides."""

    def card(t: Any) -> dict[str, Any]:
        return {"id": t.id, "name": t.name, "mine": t.created_by == author,
                "movable": facilitator or t.created_by == author}

    placed = J.touchpoints_by_stage(workshop)
    loose = J.unplaced(workshop)
    lanes = [{"id": UNPLACED, "name": _("Not on a stage yet"), "movable": False,
              "cards": [card(t) for t in loose]}] if loose else []
    for stage in J.ordered_stages(workshop):
        lanes.append({"id": stage.id, "name": stage.name,
                      "movable": facilitator or stage.created_by == author,
                      "cards": [card(t) for t in placed.get(stage.id, [])]})
    return lanes


def words() -> dict[str, str]:
    """The board's words in the language spoken (the page only fills in names)."""
    return {
        "hint": _("Drag a card to another stage, or a stage by its title to another place; "
                  "the arrow buttons do the same. Each move is saved at once and shows on "
                  "every screen."),
        "undo": _("Undo my last change"),
        "new_stage": _("Name of a new stage"),
        "add_stage": _("Add a stage"),
        "region": _("Arrange the journey by dragging"),
        "empty": _("No touchpoints here yet"),
        "stage_earlier": _("Move stage {name} earlier"),
        "stage_later": _("Move stage {name} later"),
        "card_to": _("Move {name} to stage {stage}"),
    }


class LaneBoard(Canvas):
    """The lane board of one seat (see the module's docstring)."""

    lanes: traitlets.List[dict[str, Any]] = traitlets.List().tag(sync=True)
    words = traitlets.Dict().tag(sync=True)
    #: whether this seat is offered the "add a stage" field (the store decides all the same)
    may_add_stage = traitlets.Bool(False).tag(sync=True)
    #: goes up when a stage was added: the page empties the field
    added = traitlets.Int(0).tag(sync=True)

    def __init__(self, live: LiveWorkshop) -> None:
        super().__init__(live, esm(), CSS, words=words(),
                         may_add_stage=live.editor.is_facilitator or "stages" in ROOM_ADDS)
        self.add_class("cx-lane-board-widget")

    def show(self, workshop: Workshop) -> None:
        editor = self.live.editor
        lanes = board_lanes(workshop, editor.author, editor.is_facilitator)
        if lanes != self.lanes:
            self.lanes = lanes

    # -- what the page asks ----------------------------------------------------------

    def asked(self, content: dict[str, Any]) -> None:
        """One request from the page; anything that is not one is ignored."""
        if content.get("undo") is True:
            self.undo()
        elif isinstance(content.get("add_stage"), str):
            self.add_stage(content["add_stage"])
        elif content.get("move") == "card" and isinstance(content.get("id"), str) \
                and isinstance(content.get("to"), str):
            self.move_card(content["id"], content["to"])
        elif content.get("move") == "stage" and isinstance(content.get("id"), str) \
                and type(content.get("index")) is int:
            self.move_stage(content["id"], content["index"])

    def move_card(self, touchpoint_id: str, stage_id: str) -> None:
        """Put a touchpoint on stage `stage_id`."""
        workshop = self.live.workshop
        tp = next((t for t in workshop.touchpoints if t.id == touchpoint_id), None)
        stage = next((s for s in workshop.stages if s.id == stage_id), None)
        if stage_id == UNPLACED and tp is not None:
            self.answer(_("A touchpoint must sit on a stage: drag it onto one."), refused=True)
            return
        if tp is None or stage is None:
            self.answer(_("That card or stage is no longer on the map."), refused=True)
            return
        if self.edit(self.live.editor.update, "touchpoints", tp.id, stage_id=stage.id):
            self.answer(_("Moved {name} to {stage}.").format(name=tp.name, stage=stage.name))

    def move_stage(self, stage_id: str, index: int) -> None:
        """Put stage `stage_id` at place `index` of the journey (0: first)."""
        workshop = self.live.workshop
        stage = next((s for s in workshop.stages if s.id == stage_id), None)
        order = J.order_at(workshop, stage_id, index)
        if stage is None:
            self.answer(_("That card or stage is no longer on the map."), refused=True)
            return
        if order is None:
            self.answer("")
            return
        if not self.edit(self.live.editor.update, "stages", stage.id, order=order):
            return
        place = [s.id for s in J.ordered_stages(self.live.workshop)].index(stage.id) + 1
        self.answer(_("Moved stage {name} to place {place}.").format(name=stage.name,
                                                                    place=place))

    def add_stage(self, name: str) -> None:
        """A new stage at the end of the journey (the store checks its name and the step)."""
        last = max((s.order for s in self.live.workshop.stages), default=-1)
        if self.edit(self.live.editor.add, "stages", {"name": name, "order": last + 1}):
            self.added += 1
            self.answer(_("Added stage {name}.").format(name=name.strip()))

    def undo(self) -> None:
        if self.edit(self.live.editor.undo):
            self.answer(_("Your last change was taken back."))
