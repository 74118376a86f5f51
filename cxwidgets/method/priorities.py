"""Step 12, Prioritise: pain points and opportunities ranked by the room's dots.

The rule is simple and shown to the room: most dots first; between equal dots, higher
impact first; then less effort; then whichever was added first. Every place a tie was
broken says so in `Ranked.why`, so nobody wonders why their favourite came second.
Pure functions of the model.
"""

from __future__ import annotations

from dataclasses import dataclass

from cxwidgets.language import N_, _
from cxwidgets.method.kinds import PRIORITISABLE, speaker
from cxwidgets.method.model import VoteKind, Workshop

#: On the 1-5 scales, this and above count as high impact / high effort.
HIGH = 3
QUICK_WIN, MAJOR, FILL_IN, THANKLESS = (N_("Quick win"), N_("Major project"), N_("Fill-in"),
                                        N_("Thankless task"))
#: The matrix's corners, named for what sits there.
QUADRANT_NAMES = {QUICK_WIN: N_("Quick wins"), MAJOR: N_("Major projects"),
                  FILL_IN: N_("Fill-ins"), THANKLESS: N_("Thankless tasks")}


@dataclass(frozen=True)
class Ranked:
    rank: int
    id: str
    collection: str
    text: str
    touchpoint: str
    dots: int
    impact: int | None
    effort: int | None
    why: str = ""

    @property
    def kind(self) -> str:
        """"Pain point" or "Opportunity", in the language spoken."""
        return _("Pain point") if self.collection == "pain_points" else _("Opportunity")

    @property
    def quadrant(self) -> str:
        """Where it sits on the impact x effort matrix ("" until both are scored)."""
        if self.impact is None or self.effort is None:
            return ""
        if self.impact >= HIGH:
            return _(MAJOR if self.effort >= HIGH else QUICK_WIN)
        return _(THANKLESS if self.effort >= HIGH else FILL_IN)


def dots(workshop: Workshop) -> dict[str, int]:
    """Dots per item (only dots whose item still exists)."""
    totals: dict[str, int] = {}
    for v in workshop.votes:
        if v.kind == VoteKind.dot:
            totals[v.target_id] = totals.get(v.target_id, 0) + v.value
    return totals


def dots_spent(workshop: Workshop, voter: str) -> int:
    items = {e.id for c in PRIORITISABLE for e in getattr(workshop, c)}
    return sum(v.value for v in workshop.votes if v.kind == VoteKind.dot and v.target_id in items
               and speaker("votes", v) == voter)


def _why(item: Ranked, above: Ranked) -> str:
    if item.dots != above.dots:
        return ""
    n = above.rank
    if (item.impact or 0) != (above.impact or 0):
        return _("same dots as #{rank}; lower impact ({this} vs {that})").format(
            rank=n, this=_num(item.impact), that=_num(above.impact))
    if (item.effort or 6) != (above.effort or 6):
        return _("same dots and impact as #{rank}; more effort ({this} vs {that})").format(
            rank=n, this=_num(item.effort), that=_num(above.effort))
    return _("same dots, impact and effort as #{rank}; added later").format(rank=n)


def _num(value: int | None) -> str:
    return _("not scored") if value is None else str(value)


def rank(workshop: Workshop) -> list[Ranked]:
    """Every pain point and opportunity, best first, with the tie-breaks written out."""
    totals = dots(workshop)
    tp_name = {t.id: t.name for t in workshop.touchpoints}
    items = [(c, e) for c in PRIORITISABLE for e in getattr(workshop, c)]
    keyed = sorted(enumerate(items), key=lambda p: (
        -totals.get(p[1][1].id, 0), -(p[1][1].impact or 0), p[1][1].effort or 6, p[0]))
    ranked: list[Ranked] = []
    for n, (_order, (c, e)) in enumerate(keyed, start=1):
        item = Ranked(n, e.id, c, e.text, tp_name.get(e.touchpoint_id, ""),
                      totals.get(e.id, 0), e.impact, e.effort)
        if ranked:
            item = Ranked(**{**item.__dict__, "why": _why(item, ranked[-1])})
        ranked.append(item)
    return ranked
