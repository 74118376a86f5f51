"""What a workshop report says, gathered once for every format that prints it.

The Markdown report and the HTML poster show the same things (purpose, persona, top
priorities, action plan, goal alignment, open questions); they are computed here from the
model and each format only lays them out, so the two can never disagree.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from cxwidgets.language import _, format_date, format_decimal
from cxwidgets.method import checks
from cxwidgets.method import views as J
from cxwidgets.method import words as L
from cxwidgets.method.diagnosis import by_function
from cxwidgets.method.model import Persona, Workshop
from cxwidgets.method.plan import alignment, is_overdue
from cxwidgets.method.priorities import Ranked, rank
from cxwidgets.method.validation import gaps, respondents

#: How many of the ranked items a report lists.
TOP = 10


@dataclass(frozen=True)
class ActionLine:
    title: str
    owner: str
    function: str
    due: dt.date
    status: str
    overdue: bool


@dataclass(frozen=True)
class Summary:
    title: str
    scope: str
    dates: str
    purpose: str
    customer_purpose: str
    persona: Persona | None
    priorities: tuple[Ranked, ...]
    actions: tuple[ActionLine, ...]
    vision: tuple[str, ...]
    goals: tuple[str, ...]
    unaligned: tuple[str, ...]
    unserved: tuple[str, ...]
    questions: tuple[str, ...]
    today: dt.date
    techniques: tuple[tuple[str, tuple[str, ...]], ...] = ()
    #: for a consensus of several rooms: (heading, sentences) of where they disagree
    rooms: tuple[tuple[str, tuple[str, ...]], ...] = ()
    #: the purpose's kind ("Find the pain points") and the room's statement, apart
    purpose_kind: str = ""
    statement: str = ""


def techniques(workshop: Workshop) -> tuple[tuple[str, tuple[str, ...]], ...]:
    """The techniques' results as (heading, lines), only those the room used."""
    names = {p.id: p.name for p in workshop.personas}
    stage = {s.id: s.name for s in workshop.stages}
    parts = []
    maps = [_("{persona}: says {says}; feels {feels}; pains {pains} ({quotes})").format(
                persona=names.get(m.persona_id, "?"), says="; ".join(m.says) or "-",
                feels="; ".join(m.feels) or "-", pains="; ".join(m.pains) or "-",
                quotes=L.count(len(m.evidence), "customer quote"))
            if m.evidence else _("{persona}: an assumption so far, no customer evidence "
                                 "yet").format(persona=names.get(m.persona_id, "?"))
            for m in workshop.empathy_maps]
    if maps:
        parts.append((_("Empathy maps"), tuple(maps)))
    scores = by_function(list(workshop.diagnosis))
    if scores:
        parts.append((_("Customer orientation, weakest areas first"), tuple(
            _("{function} · {area}: {score} of 5 ({answers})").format(
                function=L.label(L.FUNCTION, x.function), area=_(x.area),
                score=format_decimal(x.mean, digits=1), answers=L.count(x.answers, "answer"))
            for x in scores[:8])))
    if workshop.reflections:
        parts.append((_("Mindsets seen in the room"), tuple(
            (_("{mindset}: {seen} (instead: {instead})") if r.instead
             else _("{mindset}: {seen}")).format(mindset=L.word(r.mindset), seen=r.seen,
                                                 instead=r.instead)
            for r in workshop.reflections)))
    if workshop.moments:
        parts.append((_("Moments of truth"), tuple(
            _("{stage}: {task}; decided by {decides}").format(
                stage=stage.get(m.stage_id, "?"), task=m.task, decides=m.decides or "-")
            for m in workshop.moments)))
    for r in workshop.rounds:
        if people := respondents(workshop, r.id):
            parts.append((_("What customers said: {round} ({customers})").format(
                round=r.title, customers=L.count(people, "customer")),
                tuple(g.sentence() for g in gaps(r, workshop, workshop)[:TOP])))
    if workshop.experiments:
        parts.append((_("Test and learn"), tuple(
            _("{experiment}: {result} (decision: {decision})").format(
                experiment=x.title, result=x.result or _("no result yet"),
                decision=L.word(x.decision))
            for x in workshop.experiments)))
    return tuple(parts)


def summarise(workshop: Workshop, persona_id: str | None = None,
              today: dt.date | None = None) -> Summary:
    today = today or dt.date.today()
    aligned = alignment(workshop)
    goals = {g.id: g for g in workshop.goals}
    actions = tuple(ActionLine(a.title, a.owner, L.label(L.FUNCTION, a.function), a.due,
                               L.word(a.status), is_overdue(a, today))
                    for a in sorted(workshop.actions, key=lambda a: a.due))
    return Summary(
        title=workshop.title, scope=workshop.scope,
        dates=", ".join(format_date(d) for d in workshop.dates),
        purpose=_("{kind}: {statement}").format(kind=L.label(L.PURPOSE, workshop.purpose.kind),
                                                statement=workshop.purpose.statement),
        customer_purpose=workshop.customer_purpose,
        persona=J.map_persona(workshop, persona_id),
        priorities=tuple(rank(workshop)[:TOP]), actions=actions,
        vision=tuple(g.title for g in workshop.goals if g.is_vision),
        goals=tuple(f"{g.title} ({g.kpi})" if g.kpi else g.title
                    for g in workshop.goals if not g.is_vision),
        unaligned=tuple(f"{i.kind}: {i.text}" for i in aligned.unaligned),
        unserved=tuple(goals[g].title for g, _ in aligned.unserved_goals if g in goals),
        questions=tuple(checks.open_questions(workshop)), today=today,
        techniques=techniques(workshop), rooms=room_disagreements(workshop, persona_id),
        purpose_kind=L.label(L.PURPOSE, workshop.purpose.kind),
        statement=workshop.purpose.statement.strip())


def room_disagreements(workshop: Workshop, persona_id: str | None
                       ) -> tuple[tuple[str, tuple[str, ...]], ...]:
    """Where the rooms of a consensus map disagree (nothing for one room's workshop)."""
    if workshop.consensus is None:
        return ()
    # heavy: numpy and rapidfuzz (the rooms' matching), only for several rooms
    from cxwidgets.rooms.disagreements import disagreements

    return tuple((h, tuple(lines)) for h, lines in
                 disagreements(workshop, persona_id).sections())
