"""`EmotionCurve`: a participant's own feelings along the journey, set by dragging a dot.

Step 6 asks everyone how the customer feels at each touchpoint. Besides picking a face
in the form, a participant drags their own dot up or down the -2..+2 scale, touchpoint
by touchpoint, and sees the room's average as a grey line behind it: the curve is drawn
by hand, the way a room draws it on a wall. Each dot is also a slider for keyboards and
screen readers (arrow keys). A dot let go sends one score here; it is saved as the
form's "Save rating" saves it (a change of this person's rating, or a first one), through
the seat's `Editor`, so the step's lock and the room's step apply; a refusal is said
beside the curve and the dot goes back to what is saved.
"""

from __future__ import annotations

from typing import Any

import traitlets

from cxwidgets.language import _
from cxwidgets.method import views as J
from cxwidgets.method import words as L
from cxwidgets.method.model import Workshop
from cxwidgets.widgets.canvas import Canvas, page_code
from cxwidgets.widgets.session import LiveWorkshop

CSS = """
.cx-curve { font-size: 15px; }
.cx-curve-hint { margin: 0.2em 0; color: #3d4550; }
.cx-curve-message { min-height: 1.4em; margin: 0.3em 0; font-weight: 600; color: #1f5130; }
.cx-curve-message.cx-curve-refused { color: #9b1c1c; }
.cx-curve-scroll { overflow-x: auto; max-width: 100%; }
.cx-curve-scroll:focus-visible { outline: 3px solid #1d4f91; outline-offset: 2px; }
.cx-curve svg { display: block; }
.cx-curve-grid { stroke: #d5dae1; }
.cx-curve-zero { stroke: #6b7785; stroke-dasharray: 4 3; }
.cx-curve-scale { font-size: 12px; fill: #3d4550; }
.cx-curve-tp { font-size: 12px; fill: #1f2933; }
.cx-curve-stage { font-size: 12px; font-weight: 700; fill: #1f2933; }
.cx-curve-room { stroke: #6b7785; stroke-width: 2; }
.cx-curve-room-mark { fill: #6b7785; }
.cx-curve-dot { cursor: ns-resize; touch-action: none; outline: none; }
.cx-curve-dot circle { fill: #1d4f91; stroke: #fff; stroke-width: 2; }
.cx-curve-dot text { fill: #fff; font-size: 12px; pointer-events: none; }
.cx-curve-unrated circle { fill: #fff; stroke: #1d4f91; stroke-dasharray: 3 2; }
.cx-curve-unrated text { fill: #1d4f91; }
.cx-curve-dot:focus-visible circle, .cx-curve-moving circle { stroke: #f0b400;
  stroke-width: 4; }
"""


def curve_points(workshop: Workshop, who: str, persona_id: str | None) -> list[dict[str, Any]]:
    """The touchpoints in journey order, each with its stage, the room's average feeling
    (None: nobody rated it yet) and `who`'s own score (None: not rated by them)."""
    stages = {s.id: s.name for s in workshop.stages}
    stats = J.emotion_stats(workshop, persona_id)
    mine = J.own_ratings(workshop, who, persona_id)  # once, not per touchpoint
    points = []
    for tp in J.journey_touchpoints(workshop):
        own = mine.get(tp.id)
        stat = stats.get(tp.id)
        points.append({"id": tp.id, "name": tp.name, "stage": stages.get(tp.stage_id or "", ""),
                       "mean": round(stat.mean, 2) if stat else None,
                       "mine": own.score if own else None})
    return points


def words() -> dict[str, Any]:
    """The curve's words in the language spoken."""
    return {
        "hint": _("Drag your dot at each touchpoint up or down to how the customer feels "
                  "there (or focus it and use the arrow keys). The grey line is the room's "
                  "average."),
        "title": _("Your feelings along the journey"),
        "dot": _("Your feeling at {name}"),
        "unrated": _("not rated yet"),
        "scale": {str(score): word for score, word in L.FEELING.items()},
    }


class EmotionCurve(Canvas):
    """One participant's curve (see the module's docstring)."""

    points: traitlets.List[dict[str, Any]] = traitlets.List().tag(sync=True)
    words = traitlets.Dict().tag(sync=True)

    def __init__(self, live: LiveWorkshop) -> None:
        # no library: pointer events and SVG are enough here
        super().__init__(live, page_code("emotion_curve.js"), CSS, words=words())
        self.add_class("cx-curve-widget")

    @property
    def who(self) -> str:
        return self.live.editor.author

    def show(self, workshop: Workshop) -> None:
        points = curve_points(workshop, self.who, self.live.persona_id or None)
        if points != self.points:
            self.points = points

    def asked(self, content: dict[str, Any]) -> None:
        """A score from the page; anything else is ignored."""
        if isinstance(content.get("rate"), str) and type(content.get("score")) is int:
            self.rate(content["rate"], content["score"])

    def rate(self, touchpoint_id: str, score: int) -> None:
        """Save `score` as this person's feeling at one touchpoint."""
        workshop, persona = self.live.workshop, self.live.persona_id or None
        tp = next((t for t in J.journey_touchpoints(workshop) if t.id == touchpoint_id), None)
        if tp is None:
            self.answer(_("That touchpoint is no longer on the map."), refused=True)
            return
        own = J.own_rating(workshop, self.who, tp.id, persona)
        editor = self.live.editor
        if own is not None:
            done = self.edit(editor.update, "emotions", own.id, score=score)
        else:
            done = self.edit(editor.add, "emotions", {
                "touchpoint_id": tp.id, "score": score, "participant": self.who,
                "persona_id": persona})
        if done:
            self.answer(_("{name}: {feeling}.").format(name=tp.name,
                                                       feeling=L.FEELING[score].lower()))
