"""The method's judgements about a workshop, each made in one place.

What is missing from the map, which elements the room doubts, whether the map's review is
overdue, which questions are still open: each is decided by one function here that returns
data. Screens, exports and the bank present the answer in their own way and never decide
it again, so the step-10 screen, the poster and `cxwidgets bank` cannot disagree.
Pure functions of the model; the day is always passed in.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from cxwidgets.language import _, ngettext
from cxwidgets.method import views as J
from cxwidgets.method import words
from cxwidgets.method.model import CommentStatus, VoteKind, Workshop
from cxwidgets.method.steps import Step, step

#: An element is doubtful when at least this share of its accuracy votes say "not accurate".
DOUBTFUL_SHARE = 0.5


@dataclass(frozen=True)
class Gap:
    """Something the map still lacks, and the step where the room can fill it."""

    text: str
    step: Step
    names: tuple[str, ...] = ()

    def __str__(self) -> str:
        shown = f": {', '.join(self.names[:5])}" if self.names else ""
        more = " …" if len(self.names) > 5 else ""
        return _("{gap}; see {step}.").format(gap=f"{self.text}{shown}{more}",
                                               step=self.step.ref)


def missing_from_map(workshop: Workshop, persona_id: str | None = None) -> list[Gap]:
    """What keeps the map from being complete for the persona it is drawn for."""
    gaps = []
    if not J.map_persona(workshop, persona_id):
        gaps.append(Gap(_("No persona yet: the map has nobody on top"), step("persona")))
    if waiting := J.unplaced(workshop):
        gaps.append(Gap(ngettext("{touchpoints} is not on a stage and is not drawn",
                                 "{touchpoints} are not on a stage and are not drawn",
                                 len(waiting)).format(
                            touchpoints=words.count_of(len(waiting), "touchpoints")),
                        step("timeline"), tuple(t.name for t in waiting)))
    rated = J.emotion_stats(workshop, persona_id)
    if unrated := [t.name for t in J.journey_touchpoints(workshop) if t.id not in rated]:
        gaps.append(Gap(ngettext("{touchpoints} has no rating for this persona",
                                 "{touchpoints} have no rating for this persona",
                                 len(unrated)).format(
                            touchpoints=words.count_of(len(unrated), "touchpoints")),
                        step("emotions")))
    if bare := [p for p in workshop.pain_points if not p.evidence]:
        gaps.append(Gap(ngettext("{pains} rests on no evidence yet",
                                 "{pains} rest on no evidence yet", len(bare)).format(
                            pains=words.count_of(len(bare), "pain_points")), step("pains")))
    return gaps


@dataclass(frozen=True)
class Accuracy:
    """The room's accuracy votes on one map element."""

    target_id: str
    title: str
    accurate: int
    not_accurate: int

    @property
    def doubtful(self) -> bool:
        votes = self.accurate + self.not_accurate
        return bool(votes) and self.not_accurate / votes >= DOUBTFUL_SHARE


def accuracy(workshop: Workshop) -> list[Accuracy]:
    """Every element the room voted on, least trusted first."""
    index = J.element_index(workshop)
    tally: dict[str, list[int]] = {}
    for v in workshop.votes:
        if v.kind == VoteKind.accuracy and v.target_id in index:
            tally.setdefault(v.target_id, []).append(v.value)
    rows = [Accuracy(t, index[t].title, values.count(1), values.count(-1))
            for t, values in tally.items()]
    return sorted(rows, key=lambda a: a.accurate - a.not_accurate)


def doubtful(workshop: Workshop) -> list[Accuracy]:
    return [a for a in accuracy(workshop) if a.doubtful]


@dataclass(frozen=True)
class Review:
    """When the map is next to be reviewed, seen from `today`."""

    due: dt.date | None
    today: dt.date

    @property
    def planned(self) -> bool:
        return self.due is not None

    @property
    def days_overdue(self) -> int:
        return (self.today - self.due).days if self.due and self.due < self.today else 0

    @property
    def days_left(self) -> int:
        return (self.due - self.today).days if self.due and self.due >= self.today else 0

    @property
    def overdue(self) -> bool:
        return self.days_overdue > 0


def review(workshop: Workshop, today: dt.date) -> Review:
    return Review(workshop.next_review, today)


def open_questions(workshop: Workshop) -> list[str]:
    """What the room has not settled: open comments, assumptions, doubted elements."""
    index = J.element_index(workshop)
    out = [_("Open comment on {element}: {text}").format(element=index[c.target_id].title,
                                                          text=c.text)
           for c in workshop.comments if c.status == CommentStatus.open and c.target_id in index]
    out += [_("Pain point resting on no evidence yet: {text}").format(text=p.text)
            for p in workshop.pain_points if not p.evidence]
    out += [ngettext("The room doubts {element} ({n} of {votes} says it is not accurate)",
                     "The room doubts {element} ({n} of {votes} say it is not accurate)",
                     a.not_accurate).format(element=a.title, n=a.not_accurate,
                                            votes=a.accurate + a.not_accurate)
            for a in doubtful(workshop)]
    return out
