"""What customers said about the room's map: a validation round's questions and answers.

The room's map is a set of assumptions until customers have walked it. A round asks real
customers about some touchpoints of one version of the map, one at a time in journey
order: does this happen to you, and how does it feel? This module turns a round into the
questions a customer sees, and the answers into what the room needs: per touchpoint the
customers' feelings (count, mean, spread) beside the room's, the largest gaps first, and
the answers as rows of evidence for the next workshop. Pure functions of the model; the
state of the version a round shows is loaded by the caller.
"""

from __future__ import annotations

import datetime as dt
import statistics
from dataclasses import dataclass, field
from typing import TypedDict

from cxwidgets.language import LANGUAGES, _, current
from cxwidgets.method import views as J
from cxwidgets.method import words
from cxwidgets.method.model import (
    ROUND_MAX,
    CustomerAnswer,
    Happens,
    ValidationRound,
    VersionKind,
    Workshop,
)

#: Touchpoints offered by default: about five minutes for a customer.
DEFAULT_QUESTIONS = 12


@dataclass(frozen=True)
class Question:
    """One screen of the customers' app: a touchpoint in plain words."""

    touchpoint_id: str
    number: int
    of: int
    touchpoint: str
    stage: str
    channel: str
    #: For a to-be map: what the company plans to change here.
    changes: tuple[str, ...] = ()


def default_touchpoints(workshop: Workshop, limit: int = DEFAULT_QUESTIONS) -> list[str]:
    """The touchpoints a new round asks about: every placed one, up to `limit`, spread
    evenly over the journey when there are more."""
    placed = [t.id for t in J.journey_touchpoints(workshop)]
    if len(placed) <= limit:
        return placed
    step = len(placed) / limit
    return [placed[int(k * step)] for k in range(limit)]


def is_to_be(workshop: Workshop, version: str) -> bool:
    return any(v.name == version and v.kind == VersionKind.to_be for v in workshop.versions)


def questions(round_: ValidationRound, shown: Workshop, to_be: bool = False) -> list[Question]:
    """The round's touchpoints as they stand in `shown` (the version it asks about), in
    journey order; touchpoints that version does not place are left out."""
    stage = {s.id: s.name for s in shown.stages}
    wanted = set(round_.touchpoint_ids)
    tps = [t for t in J.journey_touchpoints(shown) if t.id in wanted][:ROUND_MAX]
    out = []
    for n, t in enumerate(tps, start=1):
        changes = tuple(o.text for o in shown.opportunities if o.touchpoint_id == t.id) \
            if to_be else ()
        out.append(Question(t.id, n, len(tps), t.name, stage.get(t.stage_id or "", ""),
                            words.label(words.CHANNEL, t.channel), changes))
    return out


def is_open(round_: ValidationRound, today: dt.date) -> bool:
    return not round_.closed and round_.closes >= today


def find_round(workshop: Workshop, code: str) -> ValidationRound | None:
    return next((r for r in workshop.rounds if r.code == code), None)


def latest_answered(workshop: Workshop) -> ValidationRound | None:
    """The newest round customers have answered: the one maps and reports show."""
    answered = {a.round_id for a in workshop.answers}
    return next((r for r in reversed(workshop.rounds) if r.id in answered), None)


def latest_customer_stats(workshop: Workshop) -> dict[str, CustomerStat] | None:
    """What customers said in the newest answered round, per touchpoint (None: no round)."""
    found = latest_answered(workshop)
    return customer_stats(workshop, found.id) if found else None


def respondents(workshop: Workshop, round_id: str) -> int:
    return len({a.respondent for a in answers_of(workshop, round_id)})


def answers_of(workshop: Workshop, round_id: str, respondent: str | None = None
               ) -> list[CustomerAnswer]:
    return [a for a in workshop.answers if a.round_id == round_id
            and (respondent is None or a.respondent == respondent)]


@dataclass(frozen=True)
class CustomerStat:
    """What the customers of one round said about one touchpoint."""

    touchpoint_id: str
    answered: int  # answers at all (a feeling, or "never used it")
    rated: int  # answers with a feeling
    mean: float | None
    low: int | None
    high: int | None
    sd: float
    happens: dict[Happens, int] = field(default_factory=dict)
    comments: tuple[str, ...] = ()

    @property
    def share_not_like_this(self) -> float:
        return self.happens.get(Happens.not_like_this, 0) / self.answered if self.answered \
            else 0.0

    @property
    def share_never(self) -> float:
        return self.happens.get(Happens.never, 0) / self.answered if self.answered else 0.0


def customer_stats(workshop: Workshop, round_id: str) -> dict[str, CustomerStat]:
    """Per touchpoint: how many answered, the feelings' mean and spread, how often it
    happens as drawn, and the customers' comments."""
    by_tp: dict[str, list[CustomerAnswer]] = {}
    for a in answers_of(workshop, round_id):
        by_tp.setdefault(a.touchpoint_id, []).append(a)
    stats = {}
    for tp, answers in by_tp.items():
        feelings = [a.feeling for a in answers if a.feeling is not None
                    and a.happens != Happens.never]
        happens = {h: sum(a.happens == h for a in answers) for h in Happens}
        stats[tp] = CustomerStat(
            tp, len(answers), len(feelings),
            statistics.fmean(feelings) if feelings else None,
            min(feelings) if feelings else None, max(feelings) if feelings else None,
            statistics.pstdev(feelings) if len(feelings) > 1 else 0.0, happens,
            tuple(a.comment for a in answers if a.comment))
    return stats


@dataclass(frozen=True)
class Gap:
    """The room's assumption at one touchpoint beside what customers said."""

    touchpoint_id: str
    touchpoint: str
    stage: str
    room: float | None
    room_n: int
    customers: CustomerStat | None

    @property
    def difference(self) -> float | None:
        if self.room is None or self.customers is None or self.customers.mean is None:
            return None
        return self.customers.mean - self.room

    def sentence(self) -> str:
        """"The room said +1.0 at Delivery; 23 customers said -1.2.", in plain words."""
        room = (_("the room said {mean}").format(mean=words.signed(self.room))
                if self.room is not None else _("the room gave no rating"))
        c = self.customers
        if c is None or not c.answered:
            theirs = _("no customer has answered yet")
        elif c.mean is None:
            theirs = _("{customers} answered, none rated it").format(
                customers=words.count(c.answered, "customer"))
        else:
            theirs = _("{customers} said {mean}").format(
                customers=words.count(c.rated, "customer"), mean=words.signed(c.mean))
        text = _("At {touchpoint}, {room}; {theirs}.").format(touchpoint=self.touchpoint,
                                                               room=room, theirs=theirs)
        if c is not None and c.answered and c.share_not_like_this >= 0.25:
            text += " " + _("{share} say it does not happen like this.").format(
                share=_percent(c.share_not_like_this))
        return text[0].upper() + text[1:]


def _percent(share: float) -> str:
    """A share as the language writes a percentage ("40%", "40 %")."""
    # lazy: Babel, at the first share written; `--help` and the participant's app import this module
    from babel.numbers import format_percent

    return str(format_percent(share, locale=current() if current() in LANGUAGES else "en"))


def gaps(round_: ValidationRound, shown: Workshop, answered: Workshop) -> list[Gap]:
    """Every touchpoint of the round, the largest differences between the room's feeling
    (in the version shown, for the round's persona) and the customers' first; touchpoints
    without both come last, in journey order."""
    persona = J.map_persona(shown, round_.persona_id)
    room = J.emotion_stats(shown, persona.id if persona else None)
    said = customer_stats(answered, round_.id)
    rows = [Gap(q.touchpoint_id, q.touchpoint, q.stage,
                room[q.touchpoint_id].mean if q.touchpoint_id in room else None,
                room[q.touchpoint_id].n if q.touchpoint_id in room else 0,
                said.get(q.touchpoint_id)) for q in questions(round_, shown)]
    order = {g.touchpoint_id: n for n, g in enumerate(rows)}
    return sorted(rows, key=lambda g: (g.difference is None, -abs(g.difference or 0),
                                       order[g.touchpoint_id]))


class EvidenceRow(TypedDict):
    """One answer of a round as a row of a feedback export (`as_evidence`)."""

    id: str
    date: str
    touchpoint: str
    stage: str
    channel: str
    segment: str
    sentiment: float | None
    happens: str
    text: str


def as_evidence(round_: ValidationRound, shown: Workshop,
                answered: Workshop) -> list[EvidenceRow]:
    """The round's answers as rows of a feedback export (source "validation"): one row per
    answer, with its touchpoint, stage, channel, the persona's segment, a sentiment from
    the feeling (-2..+2 as -1..+1) and the comment as the customer's words."""
    persona = J.map_persona(shown, round_.persona_id)
    segment = (persona.segment or persona.name) if persona else ""
    tps = {t.id: t for t in shown.touchpoints}
    stage = {s.id: s.name for s in shown.stages}
    rows: list[EvidenceRow] = []
    for a in answers_of(answered, round_.id):
        t = tps.get(a.touchpoint_id)
        if t is None:
            continue
        rows.append({
            "id": a.id, "date": (a.answered_on or round_.closes).isoformat(),
            "touchpoint": t.name, "stage": stage.get(t.stage_id or "", ""),
            "channel": t.channel.value, "segment": segment,
            "sentiment": None if a.feeling is None else a.feeling / 2,
            "happens": words.word(a.happens), "text": a.comment})
    return rows


#: How the evidence reader reads `as_evidence` rows written as CSV.
EVIDENCE_MAPPING = {
    "columns": {"id": "id", "timestamp": "date", "touchpoint": "touchpoint", "stage": "stage",
                "channel": "channel", "segment": "segment", "sentiment": "sentiment",
                "text": "text"},
    "constants": {"source": "validation"},
}
