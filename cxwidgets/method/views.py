"""Views of a workshop that charts, widgets and exports all need: pure functions of the model.

Ordering stages, placing touchpoints, choosing the persona a map is drawn for, averaging
everyone's emotion ratings, naming any map element: each is computed here once, so the
map chart, the step screens and the exports can never disagree about them. Nothing here
reads files, the store or widgets.
"""

from __future__ import annotations

import functools
import statistics
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import TypeVar

from cxwidgets.language import _
from cxwidgets.method import words
from cxwidgets.method.kinds import MAP_ELEMENTS, speaker
from cxwidgets.method.model import (
    EVIDENCE,
    FACILITATOR,
    Emotion,
    Entity,
    MapVersion,
    Persona,
    Stage,
    Touchpoint,
    Workshop,
)
from cxwidgets.method.roles import ROLE_LABELS, kind_of

E = TypeVar("E", bound=Entity)

def label_of(entity: Entity) -> str:
    """The words that name an entity, whatever its class calls them."""
    for attr in ("name", "text", "title"):
        value = getattr(entity, attr, None)
        if isinstance(value, str):
            return value
    return entity.id


def ordered_stages(workshop: Workshop) -> list[Stage]:
    """Stages in timeline order (their `order`, then the order they were added)."""
    return [s for _, s in sorted(enumerate(workshop.stages), key=lambda p: (p[1].order, p[0]))]


def order_at(workshop: Workshop, stage_id: str, index: int) -> float | None:
    """The `order` that puts stage `stage_id` at place `index` (0: first) of the journey,
    or None when it is there already (or is no stage).

    Only the moved stage changes: it takes a number between its new neighbours' (one
    below the first, one above the last), so a move is one edit, and one undo takes it
    back whatever else the room did meanwhile."""
    stages = ordered_stages(workshop)
    ids = [s.id for s in stages]
    if stage_id not in ids:
        return None
    index = max(0, min(index, len(ids) - 1))
    if ids.index(stage_id) == index:
        return None
    others = [s for s in stages if s.id != stage_id]
    if index == 0:
        return others[0].order - 1
    if index >= len(others):
        return others[-1].order + 1
    return (others[index - 1].order + others[index].order) / 2


def touchpoints_by_stage(workshop: Workshop) -> dict[str, list[Touchpoint]]:
    """Placed touchpoints per stage id, stages in timeline order, touchpoints as added."""
    placed: dict[str, list[Touchpoint]] = {s.id: [] for s in ordered_stages(workshop)}
    for tp in workshop.touchpoints:
        if tp.stage_id in placed:
            placed[tp.stage_id].append(tp)
    return placed


def journey_touchpoints(workshop: Workshop) -> list[Touchpoint]:
    """Placed touchpoints in journey order: the sequence the emotion curve follows."""
    return [tp for tps in touchpoints_by_stage(workshop).values() for tp in tps]


def unplaced(workshop: Workshop) -> list[Touchpoint]:
    stage_ids = {s.id for s in workshop.stages}
    return [t for t in workshop.touchpoints if t.stage_id not in stage_ids]


def _kind_key(text: str) -> str:
    return "-".join(text.casefold().replace("_", " ").replace("-", " ").split())


def find_version(workshop: Workshop, name: str) -> MapVersion | None:
    """The version named `name`; failing that, the newest version of the kind `name` says
    ("as-is", "to-be" or "review", in any case and with `-`, `_` or a space), so a
    command can ask for "the as-is map" whatever the room called it."""
    for version in workshop.versions:
        if version.name == name:
            return version
    key = _kind_key(name)
    of_kind = [v for v in workshop.versions
               if key in (_kind_key(v.kind.value), _kind_key(words.VERSION_KIND[v.kind]))]
    return of_kind[-1] if of_kind else None


def drafts(workshop: Workshop) -> list[Persona]:
    return [p for p in workshop.personas if not p.agreed]


def agreed_personas(workshop: Workshop) -> list[Persona]:
    return [p for p in workshop.personas if p.agreed]


def map_persona(workshop: Workshop, persona_id: str | None = None) -> Persona | None:
    """The persona a map is drawn for: the one asked for, else the first agreed one."""
    by_id = {p.id: p for p in workshop.personas}
    if persona_id and persona_id in by_id:
        return by_id[persona_id]
    agreed = agreed_personas(workshop)
    return agreed[0] if agreed else (workshop.personas[0] if workshop.personas else None)


def for_persona(items: Iterable[E], persona_id: str | None) -> list[E]:
    """Items that apply to `persona_id`: its own and those meant for every persona."""
    return [i for i in items if getattr(i, "persona_id", None) in (None, persona_id)]


def rater(emotion: Emotion) -> str:
    return speaker("emotions", emotion)


def own_ratings(workshop: Workshop, who: str, persona_id: str | None) -> dict[str, Emotion]:
    """What `who` last said they felt at each touchpoint they rated, for one persona."""
    return {e.touchpoint_id: e for e in latest_ratings(workshop, persona_id)
            if rater(e) == who and e.persona_id == persona_id}


def own_rating(workshop: Workshop, who: str, touchpoint_id: str,
               persona_id: str | None) -> Emotion | None:
    """What `who` last said they felt at one touchpoint, for one persona (None: not yet)."""
    return own_ratings(workshop, who, persona_id).get(touchpoint_id)


def latest_ratings(workshop: Workshop, persona_id: str | None) -> list[Emotion]:
    """One rating per rater and touchpoint (the newest), for one persona."""
    latest: dict[tuple[str, str], Emotion] = {}
    for e in for_persona(workshop.emotions, persona_id):
        latest[(rater(e), e.touchpoint_id)] = e
    return list(latest.values())


@dataclass(frozen=True)
class EmotionStat:
    """How the room rated one touchpoint: the average and the spread behind it."""

    touchpoint_id: str
    mean: float
    low: int
    high: int
    n: int
    words: tuple[str, ...]
    scores: tuple[int, ...] = ()

    @functools.cached_property
    def sd(self) -> float:
        """The standard deviation of the scores, worked out when first asked for: it is
        exact (hence slow), and the map, redrawn on every edit, never asks."""
        return statistics.pstdev(self.scores) if len(self.scores) > 1 else 0.0


def emotion_stats(workshop: Workshop, persona_id: str | None) -> dict[str, EmotionStat]:
    """Per touchpoint: mean, lowest, highest and standard deviation of the ratings."""
    by_tp: dict[str, list[Emotion]] = {}
    for e in latest_ratings(workshop, persona_id):
        by_tp.setdefault(e.touchpoint_id, []).append(e)
    stats = {}
    for tp_id, ratings in by_tp.items():
        scores = [e.score for e in ratings]
        words = tuple(dict.fromkeys(e.word for e in ratings if e.word))
        stats[tp_id] = EmotionStat(
            tp_id, statistics.fmean(scores), min(scores), max(scores), len(scores), words,
            tuple(scores))
    return stats


@dataclass(frozen=True)
class Element:
    """Any map element, named the same way in every screen and export."""

    id: str
    collection: str
    label: str

    @property
    def kind(self) -> str:
        return words.KIND.get(self.collection, self.collection)

    @property
    def title(self) -> str:
        return f"{self.kind}: {self.label}"


def elements(workshop: Workshop, collections: Sequence[str] = MAP_ELEMENTS) -> list[Element]:
    return [Element(e.id, c, label_of(e)) for c in collections for e in getattr(workshop, c)]


def element_index(workshop: Workshop,
                  collections: Sequence[str] = MAP_ELEMENTS) -> dict[str, Element]:
    return {e.id: e for e in elements(workshop, collections)}


def participant_names(workshop: Workshop) -> dict[str, str]:
    """Display names by participant id; the facilitator and customer evidence are named
    by their roles' labels (no participant may take those names: `roles`)."""
    return {FACILITATOR: ROLE_LABELS["facilitator"], EVIDENCE: ROLE_LABELS["evidence"],
            **{p.id: p.name for p in workshop.participants}}


@dataclass(frozen=True)
class Author:
    """Who wrote an entry, as screens and exports show it: a name and the author's role.

    `role` comes from the author's id, never from a name, so a screen can mark the
    facilitator's, the evidence's and customers' entries in a way no name can imitate.
    """

    name: str
    role: str

    @property
    def is_role(self) -> bool:
        """The entry is the facilitator's, the evidence's or a customer's."""
        return self.role in ROLE_LABELS

    @property
    def role_word(self) -> str:
        """The role in words, for a column of its own ("participant", "facilitator")."""
        return words.ROLE_WORDS[self.role]


def author_of(workshop: Workshop, author: str) -> Author:
    """The author of an entry (its `created_by`), named and marked with their role."""
    people = {p.id: p.name for p in workshop.participants}
    role = kind_of(author, frozenset(people))
    name = ROLE_LABELS.get(role) or people.get(author) or _("someone who left")
    return Author(name, role)


def language_of(workshop: Workshop, participant: str) -> str:
    """The language a person's screens speak: their own pick, else the workshop's (the
    facilitator and anyone not seated follow the workshop)."""
    own = next((p.language for p in workshop.participants if p.id == participant), "")
    return own or workshop.language
