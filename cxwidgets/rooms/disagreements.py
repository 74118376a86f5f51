"""Where the rooms of a consensus map do not agree: the list a CX lead reads first.

Four findings, each decided here once, for the screen, the map and the report alike:

* stages and touchpoints only some rooms named (fewest rooms first);
* feelings more than one step apart between rooms (the room means for one persona,
  widest gap first): one room at -1, another at +1 is a disagreement, +1 and +2 is not;
* pain points raised by people of one function only;
* which functions were in which room, since a room without support staff will not have
  seen what support sees.

Pure functions of the model; data and plain sentences, never HTML.
"""

from __future__ import annotations

from dataclasses import dataclass

from cxwidgets.language import _, format_decimal, format_list
from cxwidgets.method import views as journey
from cxwidgets.method import words as L
from cxwidgets.method.model import Workshop
from cxwidgets.rooms.consensus import functions_of, room_feelings, room_labels

#: Room means further apart than this many steps of the -2..+2 scale disagree.
STEP = 1.0


@dataclass(frozen=True)
class RoomPeople:
    room: str
    people: int
    functions: tuple[tuple[str, int], ...]  # (function, how many), most first


@dataclass(frozen=True)
class Partial:
    """A stage or touchpoint that only some rooms named."""

    collection: str  # "stages" or "touchpoints"
    id: str
    name: str
    stage: str  # the touchpoint's stage ("" for a stage)
    named_by: tuple[str, ...]
    missing: tuple[str, ...]


@dataclass(frozen=True)
class Disputed:
    """A touchpoint the rooms felt differently about, by more than one step."""

    id: str
    name: str
    stage: str
    by_room: tuple[tuple[str, float], ...]  # (room name, mean)
    low: float
    high: float

    @property
    def spread(self) -> float:
        return round(self.high - self.low, 6)


@dataclass(frozen=True)
class LonePain:
    """A pain point raised by people of one function only."""

    id: str
    text: str
    touchpoint: str
    function: str
    rooms: tuple[str, ...]


@dataclass(frozen=True)
class Disagreements:
    persona: str
    rooms: tuple[RoomPeople, ...]
    partial: tuple[Partial, ...]
    disputed: tuple[Disputed, ...]
    lone: tuple[LonePain, ...]

    @property
    def count(self) -> int:
        """How many disagreements there are (the rooms' make-up is not one)."""
        return len(self.partial) + len(self.disputed) + len(self.lone)

    def sections(self) -> list[tuple[str, list[str]]]:
        """(heading, sentences) for reports, disagreements first, who was where last."""
        return [
            (_("Named by only some rooms"), [_partial_line(p) for p in self.partial]),
            (_("Feelings more than one step apart between rooms ({persona})").format(
                persona=self.persona or _("any persona")),
             [_disputed_line(d) for d in self.disputed]),
            (_("Pain points only one function raised"), [
                _("{pain} (at {touchpoint}): only {function} raised it, in {rooms}").format(
                    pain=p.text, touchpoint=p.touchpoint, function=p.function,
                    rooms=format_list(list(p.rooms))) for p in self.lone]),
            (_("Who was in which room"), [_who_line(r) for r in self.rooms]),
        ]


def _who_line(r: RoomPeople) -> str:
    """"Munich: 3 people (Sales 2, IT 1)"; a room nobody joined says so."""
    if not r.people:
        return _("{room}: no participants joined (the map came from the facilitator, a "
                 "template or the evidence)").format(room=r.room)
    functions = ", ".join(f"{f} {n}" for f, n in r.functions)
    return f"{r.room}: {L.count(r.people, 'person', 'people')} ({functions})"


def _partial_line(p: Partial) -> str:
    what = (_("Stage {name}") if p.collection == "stages" else _("Touchpoint {name}")).format(
        name=p.name) + (f" ({p.stage})" if p.stage else "")
    if len(p.named_by) == 1:
        return _("{what}: only {room} named it").format(what=what, room=p.named_by[0])
    return _("{what}: named by {rooms}, not by {others}").format(
        what=what, rooms=format_list(list(p.named_by)), others=format_list(list(p.missing)))


def _disputed_line(d: Disputed) -> str:
    rooms = ", ".join(f"{name} {L.signed(mean)}" for name, mean in d.by_room)
    return _("{touchpoint} ({stage}): {rooms}; {spread} steps apart").format(
        touchpoint=d.name, stage=d.stage, rooms=rooms,
        spread=format_decimal(d.spread, digits=1))


def room_people(workshop: Workshop) -> tuple[RoomPeople, ...]:
    """Who was in each room, by function, from the consensus's people."""
    c = workshop.consensus
    if c is None:
        return ()
    return tuple(RoomPeople(r.name, sum(r.functions.values()), tuple(
        (L.label(L.FUNCTION, f), n) for f, n in sorted(r.functions.items(),
                                                       key=lambda x: (-x[1], L.label(
                                                           L.FUNCTION, x[0])))))
        for r in c.rooms)


def partial(workshop: Workshop) -> tuple[Partial, ...]:
    """Stages, then touchpoints, that only some rooms named: fewest rooms first."""
    c = workshop.consensus
    if c is None:
        return ()
    names = room_labels(workshop)
    stage = {s.id: s.name for s in workshop.stages}
    items = [("stages", s.id, s.name, "") for s in journey.ordered_stages(workshop)]
    items += [("touchpoints", t.id, t.name, stage.get(t.stage_id or "", ""))
              for t in [*journey.journey_touchpoints(workshop), *journey.unplaced(workshop)]]
    out = []
    for collection, element, name, where in items:
        by = [r for r in c.named_by.get(element, ()) if r in names]
        if len(by) < len(names):
            out.append(Partial(collection, element, name, where, tuple(names[r] for r in by),
                               tuple(v for k, v in names.items() if k not in by)))
    order = {"stages": 0, "touchpoints": 1}
    return tuple(sorted(out, key=lambda p: (order[p.collection], len(p.named_by))))


def disputed(workshop: Workshop, persona_id: str | None) -> tuple[Disputed, ...]:
    """Touchpoints whose room means lie more than `STEP` apart: widest gap first."""
    names = room_labels(workshop)
    tps = {t.id: t for t in workshop.touchpoints}
    stage = {s.id: s.name for s in workshop.stages}
    out = []
    for tp_id, f in room_feelings(workshop, persona_id).items():
        if len(f.by_room) > 1 and f.spread > STEP and tp_id in tps:
            tp = tps[tp_id]
            out.append(Disputed(tp_id, tp.name, stage.get(tp.stage_id or "", ""),
                                tuple((names[r], m) for r, m in f.by_room), f.low, f.high))
    journey_order = {t.id: n for n, t in enumerate(journey.journey_touchpoints(workshop))}
    return tuple(sorted(out, key=lambda d: (-d.spread, journey_order.get(d.id, 0))))


def lone_pains(workshop: Workshop) -> tuple[LonePain, ...]:
    """Pain points whose people all work in one function (people of unknown function, such
    as the facilitator, make it unknown and leave the pain point out)."""
    c = workshop.consensus
    if c is None:
        return ()
    names = room_labels(workshop)
    tp = {t.id: t.name for t in workshop.touchpoints}
    out = []
    for p in workshop.pain_points:
        functions = functions_of(workshop, c.raised_by.get(p.id, ()))
        if len(functions) == 1:
            out.append(LonePain(p.id, p.text, tp.get(p.touchpoint_id, ""), functions[0],
                                tuple(names[r] for r in c.named_by.get(p.id, ())
                                      if r in names)))
    return tuple(out)


def disagreements(workshop: Workshop, persona_id: str | None = None) -> Disagreements:
    """Everything the rooms disagree on, for the persona the map is drawn for (the first
    agreed one by default). An ordinary workshop (not a consensus) has none."""
    persona = journey.map_persona(workshop, persona_id)
    pid = persona.id if persona else None
    return Disagreements(persona.name if persona else "", room_people(workshop),
                         partial(workshop), disputed(workshop, pid), lone_pains(workshop))
