"""The consensus map: one new workshop merged from several rooms, remembering who said what.

`build_consensus(matching, title)` turns matched rooms into one `Workshop`:

* every matched group of stages, touchpoints and personas becomes one element, named as
  the facilitator decided (else as most rooms named it), placed on the stage most of its
  rooms put it on, in the order of the first room with the other rooms' additions where
  they placed them;
* every rating is kept, given by a person of the room it came from, so feelings pool
  over all rooms and still show the spread *between* rooms;
* pain points, opportunities and backstage processes are clustered per touchpoint
  (near-same wording is one item), with the rooms that raised them; every dot stays, so
  the priorities re-rank over all rooms;
* `Workshop.consensus` records the rooms (and the functions in each), the rooms that
  named each element, who raised each pain point and idea, and each person's room.

The rooms' own workshops are never changed. `room_feelings`, `agreement` and `clusters`
read a consensus back for screens, charts and exports. Pure functions of the model.
"""

from __future__ import annotations

import hashlib
import re
import statistics
from collections import Counter
from collections.abc import Hashable, Iterable, Sequence
from dataclasses import dataclass
from typing import Any, TypeVar

from rapidfuzz import fuzz

from cxwidgets.method import kinds
from cxwidgets.method import views as journey
from cxwidgets.method import words as L
from cxwidgets.method.kinds import COLLECTIONS
from cxwidgets.method.model import LIST_MAX, Consensus, ConsensusRoom, Workshop
from cxwidgets.method.priorities import dots
from cxwidgets.rooms.match import Group, Matching, RoomInput, elements, normalise

K = TypeVar("K", bound=Hashable)
#: Pain points, ideas or backstage processes at one touchpoint this alike (token-sort
#: ratio of their words, 0-100) are one item.
CLUSTER = 80
FACILITATOR = "facilitator"
_ID = re.compile(r"^[A-Za-z0-9_-]{1,40}$")


def merged_order(sequences: Iterable[Sequence[K]]) -> list[K]:
    """One order for keys that several sequences order: the first sequence's, with a key
    only a later sequence holds placed just before the next key it has there (or, at its
    end, just after the one before it)."""
    order: list[K] = []
    for seq in sequences:
        seq = list(seq)
        for n, key in enumerate(seq):
            if key in order:
                continue
            after = next((k for k in seq[n + 1:] if k in order), None)
            before = next((k for k in reversed(seq[:n]) if k in order), None)
            if after is not None:
                order.insert(order.index(after), key)
            elif before is not None:
                order.insert(order.index(before) + 1, key)
            else:
                order.append(key)
    return order


def _mode(values: Sequence[K]) -> K:
    """The most common value; between equally common ones, the first given."""
    counts = Counter(values)
    return max(values, key=lambda v: counts[v])


def _union(lists: Iterable[Sequence[Any]]) -> list[Any]:
    return list(dict.fromkeys(x for items in lists for x in items))[:LIST_MAX]


def _first(values: Iterable[str]) -> str:
    return next((v for v in values if v), "")


def _rounded_mean(values: Iterable[int | None]) -> int | None:
    scored = [v for v in values if v is not None]
    return int(statistics.fmean(scored) + 0.5) if scored else None


def person_id(room: str, who: str) -> str:
    """The id a room's person has in the consensus (rooms' people never collide)."""
    candidate = f"{room}-{who}"
    if _ID.match(candidate):
        return candidate
    return f"{room}-{hashlib.sha1(who.encode('utf-8')).hexdigest()[:12]}"


class _Builder:
    """Builds the consensus collection by collection; `ids` maps each room's ids to the
    merged element's."""

    def __init__(self, m: Matching) -> None:
        self.m = m
        self.ids: dict[tuple[str, str, str], str] = {}
        self.data: dict[str, list[dict[str, Any]]] = {c: [] for c in COLLECTIONS}
        self.named_by: dict[str, list[str]] = {}
        self.raised_by: dict[str, list[str]] = {}
        self.people: dict[str, str] = {}
        self._count: Counter[str] = Counter()

    def new_id(self, prefix: str) -> str:
        self._count[prefix] += 1
        return f"{prefix}-{self._count[prefix]}"

    def person(self, room: str, who: str) -> str:
        pid = person_id(room, who or FACILITATOR)
        self.people[pid] = room
        return pid

    def entity(self, collection: str, room: str, old_id: str) -> Any:
        w = self.m.room(room).workshop
        return next(e for e in getattr(w, collection) if e.id == old_id)

    def group_entities(self, collection: str, g: Group) -> list[Any]:
        return [self.entity(collection, x.room, x.id) for x in g.members]

    def add(self, collection: str, new_id: str, g_rooms: Iterable[str], data: dict[str, Any],
            olds: Iterable[tuple[str, str]]) -> None:
        for room, old in olds:
            self.ids[(collection, room, old)] = new_id
        self.named_by[new_id] = list(dict.fromkeys(g_rooms))
        self.data[collection].append({**data, "id": new_id})

    # -- people, personas, stages, touchpoints ------------------------------------

    def participants(self) -> None:
        for room in self.m.rooms:
            for p in room.workshop.participants:
                self.data["participants"].append({
                    "id": self.person(room.key, p.id), "created_by": FACILITATOR,
                    "name": p.name, "function": p.function.value, "group": room.label})

    def personas(self) -> None:
        for g in self.m.groups["personas"]:
            ps = self.group_entities("personas", g)
            data = ps[0].model_dump(mode="json", exclude={"id", "based_on"})
            for field in ("goals", "needs", "frustrations", "channels"):
                data[field] = _union(p.model_dump(mode="json")[field] for p in ps)
            data.update(name=g.title, agreed=True, group="", created_by=FACILITATOR)
            self.add("personas", self.new_id("per"), g.rooms, data,
                     ((x.room, x.id) for x in g.members))

    def stages(self) -> None:
        groups = self.m.groups["stages"]
        index = {(x.room, x.id): gi for gi, g in enumerate(groups) for x in g.members}
        order = merged_order([index[(r.key, s.id)] for s in elements(r, "stages")]
                             for r in self.m.rooms)
        for n, gi in enumerate(order):
            g = groups[gi]
            stages = self.group_entities("stages", g)
            data = {"name": g.title, "order": n, "created_by": FACILITATOR,
                    "description": _first(s.description for s in stages)}
            self.add("stages", self.new_id("st"), g.rooms, data,
                     ((x.room, x.id) for x in g.members))

    def touchpoints(self) -> None:
        groups = self.m.groups["touchpoints"]
        index = {(x.room, x.id): gi for gi, g in enumerate(groups) for x in g.members}
        order = merged_order([index[(r.key, t.id)] for t in elements(r, "touchpoints")]
                             for r in self.m.rooms)
        for gi in order:
            g = groups[gi]
            tps = self.group_entities("touchpoints", g)
            stages = [self.ids.get(("stages", x.room, t.stage_id or ""))
                      for x, t in zip(g.members, tps, strict=True)]
            placed = [s for s in stages if s]
            data = {"name": g.title, "created_by": FACILITATOR,
                    "channel": _mode([t.channel.value for t in tps]),
                    "medium": _mode([t.medium.value for t in tps]),
                    "owner": _mode([t.owner.value for t in tps]),
                    "stage_id": _mode(placed) if placed else None,
                    "description": _first(t.description for t in tps)}
            self.add("touchpoints", self.new_id("tp"), g.rooms, data,
                     ((x.room, x.id) for x in g.members))

    # -- what the rooms said about them --------------------------------------------

    def persona_of(self, room: str, persona_id: str | None) -> tuple[bool, str | None]:
        """(kept, merged persona): items for a persona that was not merged are left out."""
        if persona_id is None:
            return True, None
        new = self.ids.get(("personas", room, persona_id))
        return new is not None, new

    def emotions(self) -> None:
        for room in self.m.rooms:
            for e in room.workshop.emotions:
                tp = self.ids.get(("touchpoints", room.key, e.touchpoint_id))
                kept, persona = self.persona_of(room.key, e.persona_id)
                if tp is None or not kept:
                    continue
                who = self.person(room.key, journey.rater(e))
                self.data["emotions"].append({
                    "id": self.new_id("em"), "created_by": who, "participant": who,
                    "touchpoint_id": tp, "score": e.score, "word": e.word,
                    "persona_id": persona})

    def clustered(self, collection: str, prefix: str) -> None:
        """Items of every room per merged touchpoint, near-same wording as one item."""
        field = kinds.TEXT_FIELD[collection]
        clusters: list[tuple[str, list[tuple[str, Any]]]] = []
        for room in self.m.rooms:
            for e in getattr(room.workshop, collection):
                tp = self.ids.get(("touchpoints", room.key, e.touchpoint_id))
                kept, _ = self.persona_of(room.key, getattr(e, "persona_id", None))
                if tp is None or not kept:
                    continue
                words = normalise(getattr(e, field))
                home = next((c for t, c in clusters if t == tp and max(
                    fuzz.token_sort_ratio(words, normalise(getattr(x, field)))
                    for _, x in c) >= CLUSTER), None)
                if home is None:
                    clusters.append((tp, [(room.key, e)]))
                else:
                    home.append((room.key, e))
        for tp, members in clusters:
            self._one_cluster(collection, prefix, tp, members)

    def _one_cluster(self, collection: str, prefix: str, tp: str,
                     members: list[tuple[str, Any]]) -> None:
        first = members[0][1]
        data = first.model_dump(mode="json", exclude={"id"})
        data.update(touchpoint_id=tp, created_by=FACILITATOR)
        if "detail" in data:
            data["detail"] = _first(e.detail for _, e in members)
        if "evidence" in data:
            data["evidence"] = _union(e.evidence for _, e in members)
        for score in ("impact", "effort"):
            if score in data:
                data[score] = _rounded_mean(getattr(e, score) for _, e in members)
        if "persona_id" in data:
            personas = {self.persona_of(r, e.persona_id)[1] for r, e in members}
            data["persona_id"] = personas.pop() if len(personas) == 1 else None
        if "owner" in data:
            data["owner"] = _mode([e.owner.value for _, e in members])
        if collection == "opportunities":
            data["goal_ids"] = []
            data["pain_id"] = next((self.ids[k] for r, e in members
                                    if (k := ("pain_points", r, e.pain_id or "")) in self.ids),
                                   None)
        new = self.new_id(prefix)
        self.add(collection, new, (r for r, _ in members), data,
                 ((r, e.id) for r, e in members))
        if collection in ("pain_points", "opportunities"):
            self.raised_by[new] = list(dict.fromkeys(
                self.person(r, e.created_by) for r, e in members))

    def votes(self) -> None:
        """Every dot stays, on the merged item, from a person of its room."""
        for room in self.m.rooms:
            for v in room.workshop.votes:
                target = (self.ids.get(("pain_points", room.key, v.target_id))
                          or self.ids.get(("opportunities", room.key, v.target_id)))
                if v.kind.value != "dot" or target is None:
                    continue
                who = self.person(room.key, v.voter or v.created_by)
                self.data["votes"].append({
                    "id": self.new_id("v"), "created_by": who, "voter": who,
                    "target_id": target, "kind": "dot", "value": v.value})


def _room_record(room: RoomInput) -> ConsensusRoom:
    functions = Counter(p.function for p in room.workshop.participants)
    return ConsensusRoom(key=room.key, name=room.label, title=room.workshop.title,
                         workshop_id=room.workshop.id,
                         functions=dict(functions))


def build_consensus(m: Matching, title: str) -> Workshop:
    """The consensus workshop of the matched rooms, titled `title` (the rooms untouched)."""
    b = _Builder(m)
    b.participants()
    b.personas()
    b.stages()
    b.touchpoints()
    b.emotions()
    b.clustered("pain_points", "pp")
    b.clustered("opportunities", "op")
    b.clustered("backstage", "bs")
    b.votes()
    ws = [r.workshop for r in m.rooms]
    first = ws[0]
    record = Consensus(rooms=[_room_record(r) for r in m.rooms], named_by=b.named_by,
                       raised_by=b.raised_by, people=b.people)
    return Workshop.model_validate({
        "id": "consensus", "title": title, "scope": _first(w.scope for w in ws),
        "purpose": first.purpose.model_dump(mode="json"),
        "customer_purpose": _first(w.customer_purpose for w in ws),
        "dates": sorted({d for w in ws for d in w.dates}),
        "dot_budget": max(w.dot_budget for w in ws),
        "consensus": record.model_dump(mode="json"), **b.data})


# ----------------------------------------------------------------------- reading one back


def room_labels(workshop: Workshop) -> dict[str, str]:
    """Room key -> the room's name, for a consensus (empty for an ordinary workshop)."""
    c = workshop.consensus
    return {r.key: r.name for r in c.rooms} if c else {}


@dataclass(frozen=True)
class RoomFeeling:
    """How each room felt at one touchpoint, and all rooms pooled."""

    touchpoint_id: str
    by_room: tuple[tuple[str, float], ...]  # (room key, mean), rooms in merge order
    pooled: float
    n: int

    @property
    def low(self) -> float:
        return min(m for _, m in self.by_room)

    @property
    def high(self) -> float:
        return max(m for _, m in self.by_room)

    @property
    def spread(self) -> float:
        """Steps between the room that felt worst and the one that felt best."""
        return round(self.high - self.low, 6)


def room_feelings(workshop: Workshop, persona_id: str | None) -> dict[str, RoomFeeling]:
    """Per touchpoint: each room's mean rating (for one persona) and the pooled mean."""
    c = workshop.consensus
    if c is None:
        return {}
    order = [r.key for r in c.rooms]
    scores: dict[str, dict[str, list[int]]] = {}
    for e in journey.latest_ratings(workshop, persona_id):
        room = c.people.get(journey.rater(e))
        if room is not None:
            scores.setdefault(e.touchpoint_id, {}).setdefault(room, []).append(e.score)
    out = {}
    for tp, rooms in scores.items():
        every = [s for values in rooms.values() for s in values]
        out[tp] = RoomFeeling(tp, tuple((r, statistics.fmean(rooms[r])) for r in order
                                        if r in rooms), statistics.fmean(every), len(every))
    return out


@dataclass(frozen=True)
class TouchpointAgreement:
    """One merged touchpoint: which rooms named it and how each felt there."""

    id: str
    name: str
    stage: str
    rooms: tuple[str, ...]  # room names
    of: int  # rooms merged
    feeling: RoomFeeling | None

    @property
    def share(self) -> float:
        return len(self.rooms) / self.of if self.of else 0.0


def agreement(workshop: Workshop, persona_id: str | None) -> list[TouchpointAgreement]:
    """Every touchpoint of a consensus in journey order (unplaced ones last)."""
    c = workshop.consensus
    if c is None:
        return []
    names = room_labels(workshop)
    stage = {s.id: s.name for s in workshop.stages}
    feelings = room_feelings(workshop, persona_id)
    tps = [*journey.journey_touchpoints(workshop), *journey.unplaced(workshop)]
    return [TouchpointAgreement(t.id, t.name, stage.get(t.stage_id or "", ""),
                                tuple(names[r] for r in c.named_by.get(t.id, ()) if r in names),
                                len(c.rooms), feelings.get(t.id)) for t in tps]


@dataclass(frozen=True)
class Cluster:
    """A pain point or opportunity of the consensus: where, which rooms, how many dots."""

    id: str
    collection: str
    text: str
    touchpoint: str
    rooms: tuple[str, ...]
    dots: int
    functions: tuple[str, ...]


def functions_of(workshop: Workshop, people: Iterable[str]) -> tuple[str, ...]:
    """The functions (as people say them) of the given people, in the order met; None
    when any of them is not a known participant (their function is then unknown)."""
    known = {p.id: p.function for p in workshop.participants}
    people = list(people)
    if not people or any(p not in known for p in people):
        return ()
    return tuple(dict.fromkeys(L.label(L.FUNCTION, known[p]) for p in people))


def clusters(workshop: Workshop) -> list[Cluster]:
    """Pain points then opportunities, each in journey order of their touchpoints."""
    c = workshop.consensus
    if c is None:
        return []
    names = room_labels(workshop)
    tp_names = {t.id: t.name for t in workshop.touchpoints}
    order = {t.id: n for n, t in enumerate(journey.journey_touchpoints(workshop))}
    totals = dots(workshop)
    out = []
    for collection in kinds.PRIORITISABLE:
        items = sorted(getattr(workshop, collection),
                       key=lambda e: order.get(e.touchpoint_id, len(order)))
        out += [Cluster(e.id, collection, e.text, tp_names.get(e.touchpoint_id, ""),
                        tuple(names[r] for r in c.named_by.get(e.id, ()) if r in names),
                        totals.get(e.id, 0), functions_of(workshop, c.raised_by.get(e.id, ())))
                for e in items]
    return out
