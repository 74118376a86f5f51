"""Which stages, touchpoints and personas of several rooms are the same: suggested, then decided.

Rooms name the same thing differently ("Help centre articles", "Help center articles"),
leave things out, or add their own. Matching runs in three passes, each explainable in a
few words to the facilitator who confirms it:

1. personas and touchpoints with the same or almost the same name are matched
   (rapidfuzz's token-sort ratio on names without case and punctuation);
2. stages with the same or almost the same name, or holding the same touchpoints
   (by pass 1), are matched;
3. touchpoints still missing in some rooms are matched when they sit on the same channel
   in the same (matched) stage and each room has only one such touchpoint there, or
   when their names are at least similar.

A group holds at most one element per room; its first element is the anchor, and every
other element forms a *pair* with it, shown with the reason it was suggested. The
facilitator's decisions then apply: *accept* (the default), *split* (keep this element
apart, whatever the passes suggest), *rename* (the merged element's name) and *join*
(match an element the passes missed). Elements matched nowhere stay, marked with the one
room that named them.

Pure functions of the model: no store, no widgets, no HTML.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

import numpy as np
from rapidfuzz import fuzz, process

from cxwidgets.exceptions import InvalidInput
from cxwidgets.method import views as journey
from cxwidgets.method.model import NAME_MAX, Entity, Workshop
from cxwidgets.method.moderation import visible

KINDS = ("personas", "stages", "touchpoints")
KIND_WORD = {"personas": "persona", "stages": "stage", "touchpoints": "touchpoint"}
ACTIONS = ("accept", "split", "rename", "join")
#: Most rooms one consensus merges: far above any real day, low enough to keep it quick.
MAX_ROOMS = 20
#: Names at least this alike (token-sort ratio, 0-100) are "almost the same".
NEAR = 85
#: With the same channel and stage, names at least this alike are "similar".
SIMILAR = 60
#: Stages sharing at least this share of the smaller stage's touchpoints (and two or
#: more of them) hold "the same touchpoints".
SHARED = 0.5

SAME_NAME = "same name"
NEAR_NAME = "almost the same name"
SAME_TOUCHPOINTS = "same touchpoints"
CHANNEL_STAGE = "same channel and stage"
SIMILAR_CHANNEL_STAGE = "similar name, same channel and stage"
JOINED = "matched by the facilitator"


@dataclass(frozen=True)
class RoomInput:
    """One workshop going into a merge: `key` ("r1", "r2" ...) names it in the consensus."""

    key: str
    label: str
    workshop: Workshop


def rooms_of(workshops: Sequence[Workshop]) -> list[RoomInput]:
    """The rooms of a merge, in the order given, each as the room sees its board.

    Titles name the rooms; two rooms with the same title get their number added.
    """
    if len(workshops) < 2:
        raise InvalidInput("choose at least two workshops to merge into one map")
    if len(workshops) > MAX_ROOMS:
        raise InvalidInput(f"{len(workshops)} workshops are too many to merge at once "
                           f"(at most {MAX_ROOMS})")
    seen: dict[str, str] = {}
    for w in workshops:
        if w.id in seen:
            raise InvalidInput(f"the workshop {w.title!r} is chosen twice; choose each room "
                               "once")
        seen[w.id] = w.title
    names = room_names([w.title for w in workshops])
    return [RoomInput(f"r{k}", name, visible(w))
            for k, (name, w) in enumerate(zip(names, workshops, strict=True), start=1)]


def room_names(titles: Sequence[str]) -> list[str]:
    """Short names for rooms: their titles without the words all of them begin with
    ("FreshBox: Berlin room", "FreshBox: Munich room" -> "Berlin room", "Munich room");
    two rooms of the same title get their number added."""
    words = [t.split() for t in titles]
    common = 0
    while all(len(w) > common + 1 for w in words) and len({w[common] for w in words}) == 1:
        common += 1
    names = [" ".join(w[common:]).lstrip(":-–— ") or t for w, t in zip(words, titles,
                                                                      strict=True)]
    seen = Counter(names)
    return [n if seen[n] == 1 else f"{n} ({k})" for k, n in enumerate(names, start=1)]


#: Words that never tell two names apart.
ARTICLES = frozenset({"a", "an", "the"})


@lru_cache(maxsize=65_536)
def normalise(name: str) -> str:
    """A name without case, punctuation, articles or extra spaces ("Sam, the busy parent"
    -> "sam busy parent")."""
    text = re.sub(r"[^\w\s]", "", name.casefold().replace("&", " and "))
    return " ".join(w for w in text.split() if w not in ARTICLES)


@lru_cache(maxsize=65_536)
def _plain(name: str) -> str:
    return " ".join(name.casefold().split())


@dataclass(frozen=True)
class Member:
    """One room's element in a group, and why it was put there."""

    room: str
    id: str
    name: str
    reason: str = ""
    score: int = 100


@dataclass
class Group:
    """Elements of different rooms taken to be the same; the first is the anchor."""

    kind: str
    members: list[Member]
    name: str = ""  # the facilitator's rename
    apart: bool = False  # split off by the facilitator: takes no suggestions

    @property
    def rooms(self) -> tuple[str, ...]:
        return tuple(m.room for m in self.members)

    @property
    def anchor(self) -> Member:
        return self.members[0]

    def member(self, room: str) -> Member | None:
        return next((m for m in self.members if m.room == room), None)

    @property
    def title(self) -> str:
        """The merged name: the facilitator's, else the one most rooms used (the first
        room's on a tie)."""
        if self.name:
            return self.name
        counts = Counter(m.name for m in self.members)
        return max(self.members, key=lambda m: counts[m.name]).name


@dataclass(frozen=True)
class Pair:
    """A suggested (or decided) match of one element with its group's anchor."""

    kind: str
    first: Member
    other: Member
    title: str

    @property
    def reason(self) -> str:
        return self.other.reason

    @property
    def certain(self) -> bool:
        """Matched by the very same name: the pairs a facilitator need not look at."""
        return self.other.reason == SAME_NAME


@dataclass(frozen=True)
class Decision:
    """The facilitator's word on one element: accept, split, rename (to `name`) or join
    (the element of `with_room` whose id is `with_id`)."""

    action: str
    kind: str
    room: str
    id: str
    name: str = ""
    with_room: str = ""
    with_id: str = ""


@dataclass
class Matching:
    """The groups of every kind, after the passes and the facilitator's decisions."""

    rooms: list[RoomInput]
    groups: dict[str, list[Group]] = field(default_factory=dict)

    def room(self, key: str) -> RoomInput:
        return next(r for r in self.rooms if r.key == key)

    def pairs(self, kind: str | None = None) -> list[Pair]:
        kinds = (kind,) if kind else KINDS
        return [Pair(k, g.anchor, m, g.title) for k in kinds for g in self.groups[k]
                for m in g.members[1:]]

    def group_of(self, kind: str, room: str, element_id: str) -> Group | None:
        return next((g for g in self.groups[kind] if (room, element_id) in
                     {(m.room, m.id) for m in g.members}), None)

    def partial(self, kind: str) -> list[Group]:
        """Groups some rooms did not name."""
        return [g for g in self.groups[kind] if len(g.members) < len(self.rooms)]


# ----------------------------------------------------------------------- elements


def elements(room: RoomInput, kind: str) -> list[Entity]:
    """What of a room takes part in matching: its agreed personas (all personas when it
    agreed none), its stages in timeline order, its touchpoints in journey order."""
    w = room.workshop
    if kind == "personas":
        return list(journey.agreed_personas(w) or w.personas)
    if kind == "stages":
        return list(journey.ordered_stages(w))
    placed = journey.journey_touchpoints(w)
    return [*placed, *(t for t in journey.unplaced(w))]


Scorer = Callable[[int, Group], "tuple[int, str] | None"]


def _name_scores(names: list[str], groups: list[Group]) -> np.ndarray:
    """For each name (rows), its best token-sort ratio against each group's member names."""
    if not names or not groups:
        return np.zeros((len(names), len(groups)))
    flat = [normalise(m.name) for g in groups for m in g.members]
    starts = np.cumsum([0] + [len(g.members) for g in groups[:-1]])
    matrix = process.cdist([normalise(n) for n in names], flat, scorer=fuzz.token_sort_ratio,
                           workers=1)
    return np.maximum.reduceat(matrix, starts, axis=1)


def _by_name(name: str, group: Group, score: float) -> tuple[int, str] | None:
    if _plain(name) in {_plain(m.name) for m in group.members}:
        return 100, SAME_NAME
    if normalise(name) in {normalise(m.name) for m in group.members}:
        return 99, NEAR_NAME
    return (min(round(score), 99), NEAR_NAME) if round(score) >= NEAR else None


def _assign(kind: str, groups: list[Group], room: RoomInput, items: list[Entity],
            apart: set[tuple[str, str]], extra: Scorer | None = None,
            tie: Callable[[int, Group], int] | None = None) -> None:
    """Put each of `room`'s items into the best group it matches (best pairs first, one
    item per group and room); the rest start groups of their own."""
    free = [i for i, e in enumerate(items) if (room.key, e.id) not in apart]
    names = [journey.label_of(items[i]) for i in free]
    open_groups = np.array([gi for gi, g in enumerate(groups)
                            if not g.apart and room.key not in g.rooms], dtype=int)
    scores = _name_scores(names, groups)
    candidates = []
    for n, i in enumerate(free):
        row = scores[n]
        # only names at least "almost the same" can match by name; `extra` looks at all
        hits = open_groups if extra else open_groups[np.round(row[open_groups]) >= NEAR]
        for gi in hits:
            got = _by_name(names[n], groups[gi], float(row[gi])) or (
                extra(i, groups[gi]) if extra else None)
            if got:
                candidates.append((-got[0], -(tie(i, groups[gi]) if tie else 0), int(gi), i,
                                   got[1]))
    taken_g: set[int] = set()
    taken_i: set[int] = set()
    for neg, _, gi, i, reason in sorted(candidates):
        if gi in taken_g or i in taken_i:
            continue
        taken_g.add(gi)
        taken_i.add(i)
        groups[gi].members.append(Member(room.key, items[i].id, journey.label_of(items[i]),
                                         reason, -neg))
    for i, e in enumerate(items):
        if i not in taken_i:
            groups.append(Group(kind, [Member(room.key, e.id, journey.label_of(e))],
                                apart=(room.key, e.id) in apart))


# ----------------------------------------------------------------------- passes


def _personas(rooms: list[RoomInput], apart: set[tuple[str, str]]) -> list[Group]:
    groups: list[Group] = []
    for room in rooms:
        _assign("personas", groups, room, elements(room, "personas"), apart)
    return groups


def _touchpoints_by_name(rooms: list[RoomInput], apart: set[tuple[str, str]]) -> list[Group]:
    """Pass 1. Between equally good names, the touchpoint on a stage of the same name wins."""
    stage_name = {(r.key, t.id): normalise(s.name) for r in rooms
                  for s in r.workshop.stages for t in r.workshop.touchpoints
                  if t.stage_id == s.id}
    groups: list[Group] = []
    for room in rooms:
        items = elements(room, "touchpoints")

        def same_stage(i: int, g: Group, items: list[Entity] = items,
                       room: RoomInput = room) -> int:
            mine = stage_name.get((room.key, items[i].id))
            return int(mine is not None and mine == stage_name.get((g.anchor.room,
                                                                     g.anchor.id)))

        _assign("touchpoints", groups, room, items, apart, tie=same_stage)
    return groups


def _stages(rooms: list[RoomInput], tp_groups: list[Group],
            apart: set[tuple[str, str]]) -> list[Group]:
    """Pass 2: stages by name, else by the touchpoints they share (after pass 1)."""
    tp_group = {(m.room, m.id): gi for gi, g in enumerate(tp_groups) for m in g.members}
    holds: dict[tuple[str, str], set[int]] = {}
    for room in rooms:
        for t in room.workshop.touchpoints:
            if t.stage_id:
                holds.setdefault((room.key, t.stage_id), set()).add(tp_group[(room.key, t.id)])
    groups: list[Group] = []
    for room in rooms:
        items = elements(room, "stages")

        def shared(i: int, g: Group, items: list[Entity] = items,
                   room: RoomInput = room) -> tuple[int, str] | None:
            mine = holds.get((room.key, items[i].id), set())
            theirs = holds.get((g.anchor.room, g.anchor.id), set())
            common = len(mine & theirs)
            if common >= 2 and common >= SHARED * min(len(mine), len(theirs)):
                return 50 + min(common, 30), SAME_TOUCHPOINTS
            return None

        _assign("stages", groups, room, items, apart, extra=shared)
    return groups


def _stage_group_of(m: Matching) -> dict[tuple[str, str], int]:
    return {(x.room, x.id): gi for gi, g in enumerate(m.groups["stages"]) for x in g.members}


def _by_channel_and_stage(m: Matching, groups: list[Group]) -> list[Group]:
    """Pass 3: touchpoints some rooms lack, matched on the same channel in the same stage."""
    stage_of = _stage_group_of(m)
    tps = {r.key: {t.id: t for t in r.workshop.touchpoints} for r in m.rooms}

    def where(g: Group) -> tuple[int, str] | None:
        tp = tps[g.anchor.room][g.anchor.id]
        stage = stage_of.get((g.anchor.room, tp.stage_id or ""))
        return None if stage is None else (stage, tp.channel.value)

    buckets: dict[tuple[int, str], list[Group]] = {}
    for g in groups:
        spot = where(g)
        if spot and not g.apart and len(g.members) < len(m.rooms):
            buckets.setdefault(spot, []).append(g)
    gone: set[int] = set()
    for bucket in buckets.values():
        gone |= _merge_bucket(bucket)
    return [g for g in groups if id(g) not in gone]


def _merge_bucket(bucket: list[Group]) -> set[int]:
    """Merge the groups of one stage and channel; the ids of the groups merged away."""
    if len(bucket) < 2:
        return set()
    rooms = [r for g in bucket for r in g.rooms]
    if len(rooms) == len(set(rooms)):  # one such touchpoint per room: they are the same
        _absorb(bucket[0], bucket[1:], CHANNEL_STAGE, 70)
        return {id(g) for g in bucket[1:]}
    gone: set[int] = set()
    pairs = []
    for a in range(len(bucket)):
        for b in range(a + 1, len(bucket)):
            value = max(fuzz.token_sort_ratio(normalise(x.name), normalise(y.name))
                        for x in bucket[a].members for y in bucket[b].members)
            if value >= SIMILAR:
                pairs.append((-value, a, b))
    for neg, a, b in sorted(pairs):
        first, second = bucket[a], bucket[b]
        if id(first) in gone or id(second) in gone or set(first.rooms) & set(second.rooms):
            continue
        _absorb(first, [second], SIMILAR_CHANNEL_STAGE, int(-neg))
        gone.add(id(second))
    return gone


def _absorb(into: Group, others: Iterable[Group], reason: str, score: int) -> None:
    for g in others:
        into.members += [Member(x.room, x.id, x.name, reason if k == 0 else x.reason or reason,
                                score if k == 0 else x.score) for k, x in enumerate(g.members)]


# ----------------------------------------------------------------------- decisions


def _check(rooms: list[RoomInput], decisions: Sequence[Decision]) -> None:
    ids = {(k, r.key): {e.id for e in elements(r, k)} for r in rooms for k in KINDS}
    for d in decisions:
        if d.action not in ACTIONS:
            raise InvalidInput(f"unknown decision {d.action!r}; known: {', '.join(ACTIONS)}")
        if d.kind not in KINDS:
            raise InvalidInput(f"decisions are about {', '.join(KINDS)}, not {d.kind!r}")
        if d.id not in ids.get((d.kind, d.room), ()):
            raise InvalidInput(f"no {KIND_WORD[d.kind]} {d.id!r} in room {d.room!r} to "
                               f"{d.action}")
        if d.action == "rename" and not 0 < len(d.name.strip()) <= NAME_MAX:
            raise InvalidInput(f"a new name must have 1 to {NAME_MAX} characters")
        if d.action == "join" and (d.with_id not in ids.get((d.kind, d.with_room), ())
                                   or d.with_room == d.room):
            raise InvalidInput(f"no {KIND_WORD[d.kind]} {d.with_id!r} in another room "
                               f"({d.with_room!r}) to join")


def _placements(decisions: Sequence[Decision]) -> dict[tuple[str, str, str], Decision]:
    """Each element's last accept, split or join (one placement per element)."""
    return {(d.kind, d.room, d.id): d for d in decisions if d.action != "rename"}


def _apply_joins(m: Matching, kind: str, placements: Mapping[tuple[str, str, str], Decision]
                 ) -> None:
    for d in placements.values():
        if d.kind != kind or d.action != "join":
            continue
        source = m.group_of(kind, d.room, d.id)
        target = m.group_of(kind, d.with_room, d.with_id)
        if source is None or target is None or source is target:
            continue
        mine = target.member(d.room)
        if mine is not None:
            raise InvalidInput(
                f"{m.room(d.room).label} already has {mine.name!r} matched with "
                f"{target.title!r}; split that first")
        member = next(x for x in source.members if x.id == d.id and x.room == d.room)
        source.members.remove(member)
        if source.members and source.members[0].reason:
            source.members[0] = Member(**{**source.members[0].__dict__, "reason": ""})
        if not source.members:
            m.groups[kind].remove(source)
        target.members.append(Member(d.room, d.id, member.name, JOINED, 100))


def match(rooms: Sequence[RoomInput], decisions: Sequence[Decision] = ()) -> Matching:
    """The groups of personas, stages and touchpoints, with the facilitator's decisions.

    Unknown elements in `decisions` raise `InvalidInput`; a join into a group that
    already holds an element of the same room does too (split that one first).
    """
    rooms = list(rooms)
    _check(rooms, decisions)
    placements = _placements(decisions)
    apart: dict[str, set[tuple[str, str]]] = {k: set() for k in KINDS}
    for (kind, room, element), d in placements.items():
        if d.action in ("split", "join"):  # kept out of the passes; a join places it after
            apart[kind].add((room, element))
    m = Matching(rooms)
    m.groups["personas"] = _personas(rooms, apart["personas"])
    _apply_joins(m, "personas", placements)
    first = _touchpoints_by_name(rooms, apart["touchpoints"])
    m.groups["stages"] = _stages(rooms, first, apart["stages"])
    _apply_joins(m, "stages", placements)
    m.groups["touchpoints"] = _by_channel_and_stage(m, first)
    _apply_joins(m, "touchpoints", placements)
    for d in decisions:
        if d.action == "rename":
            group = m.group_of(d.kind, d.room, d.id)
            if group is not None:
                group.name = d.name.strip()
    return m


# ----------------------------------------------------------------------- decisions by name


def _room_key(rooms: list[RoomInput], ref: Any) -> str:
    """A room given by its number (1, 2 ...) or its title."""
    if isinstance(ref, int) and 1 <= ref <= len(rooms):
        return rooms[ref - 1].key
    for r in rooms:
        if str(ref).strip().casefold() in (r.label.casefold(), r.workshop.title.casefold()):
            return r.key
    raise InvalidInput(f"no room {ref!r}: give its number (1 to {len(rooms)}) or its title")


def _element_id(rooms: list[RoomInput], kind: str, room: str, name: Any) -> str:
    r = next(x for x in rooms if x.key == room)
    found = [e.id for e in elements(r, kind) if normalise(journey.label_of(e)) ==
             normalise(str(name))]
    if len(found) != 1:
        how = "no" if not found else "more than one"
        raise InvalidInput(f"{r.label} has {how} {KIND_WORD[kind]} named {name!r}")
    return found[0]


def decisions_from(rooms: Sequence[RoomInput], data: Mapping[str, Any]) -> list[Decision]:
    """Decisions written by name, as in a decisions file::

        split:  [{room: 2, touchpoint: Delivery tracking in the app}]
        rename: [{room: 1, touchpoint: Courier's tracking page, to: Tracking the delivery}]
        join:   [{room: 3, touchpoint: Chat before buying, with_room: 1, with: Pre-sales chat}]

    Rooms are numbered in the order given (or named by title); each entry names one of
    `touchpoint`, `stage` or `persona`.
    """
    rooms = list(rooms)
    unknown = set(data) - set(ACTIONS)
    if unknown:
        raise InvalidInput(f"unknown decision(s) {', '.join(sorted(map(str, unknown)))}; "
                           f"known: {', '.join(ACTIONS)}")
    out = []
    for action in ACTIONS:
        for n, entry in enumerate(data.get(action) or [], start=1):
            if not isinstance(entry, Mapping):
                raise InvalidInput(f"{action} entry {n} is not a list of fields")
            out.append(_decision(rooms, action, n, entry))
    return out


def _decision(rooms: list[RoomInput], action: str, n: int, entry: Mapping[str, Any]
              ) -> Decision:
    kinds = [k for k in KINDS if KIND_WORD[k] in entry]
    if len(kinds) != 1:
        raise InvalidInput(f"{action} entry {n} must name one touchpoint, stage or persona")
    kind = kinds[0]
    room = _room_key(rooms, entry.get("room"))
    element = _element_id(rooms, kind, room, entry[KIND_WORD[kind]])
    if action == "rename":
        return Decision(action, kind, room, element, name=str(entry.get("to") or ""))
    if action == "join":
        with_room = _room_key(rooms, entry.get("with_room"))
        with_id = _element_id(rooms, kind, with_room, entry.get("with"))
        return Decision(action, kind, room, element, with_room=with_room, with_id=with_id)
    return Decision(action, kind, room, element)
