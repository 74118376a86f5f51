"""What changed between two versions of a workshop (step 14, Keep it alive).

`diff(before, after)` lists the map elements added, removed and changed (field by field)
and how the room's feelings moved at each touchpoint. `entity_changes` is the same
comparison over every collection, in a form the store can replay as events (that is how
a saved workshop's later version is loaded on top of an earlier one). Pure functions of
the model: no store, no widgets.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from cxwidgets.method.kinds import COLLECTIONS, COMPARED
from cxwidgets.method.model import WORKSHOP_FIELDS, Entity, Workshop
from cxwidgets.method.views import (
    Element,
    emotion_stats,
    journey_touchpoints,
    label_of,
    map_persona,
    ordered_stages,
)
from cxwidgets.method.words import count, count_of

#: The session's own fields a comparison reports (timers are the day's, not the map's).
FRAME_FIELDS = frozenset({"title", "scope", "purpose", "customer_purpose", "dates"})
#: Fields that say who or when, not what: never reported as changes.
IGNORED_FIELDS = frozenset({"id", "created_by"})
#: A mean rating must move at least this much to count as an emotion change.
EMOTION_EPSILON = 0.05


@dataclass(frozen=True)
class Change(Element):
    """One field of one element that differs between the versions."""

    field: str = ""
    before: Any = None
    after: Any = None


@dataclass(frozen=True)
class EmotionDelta:
    """How the average feeling at one touchpoint moved (None: not rated in that version)."""

    touchpoint_id: str
    label: str
    before: float | None
    after: float | None

    @property
    def delta(self) -> float | None:
        if self.before is None or self.after is None:
            return None
        return self.after - self.before


@dataclass(frozen=True)
class WorkshopDiff:
    added: tuple[Element, ...]
    removed: tuple[Element, ...]
    changed: tuple[Change, ...]
    emotions: tuple[EmotionDelta, ...]
    #: The session's own fields (title, scope, purpose, dates ...) that differ.
    frame: tuple[Change, ...] = ()

    @property
    def empty(self) -> bool:
        return not (self.added or self.removed or self.changed or self.emotions or self.frame)

    def summary(self) -> str:
        if self.empty:
            return "No differences."
        text = (f"{len(self.added)} added · {len(self.removed)} removed · "
                f"{len({(c.collection, c.id) for c in self.changed})} changed · "
                f"feelings moved at {count_of(len(self.emotions), 'touchpoints')}")
        return text + (f" · {count(len(self.frame), 'session detail')} changed"
                       if self.frame else "")


def _by_id(workshop: Workshop, collection: str) -> dict[str, Entity]:
    return {e.id: e for e in getattr(workshop, collection)}


def _fields(entity: Entity) -> dict[str, Any]:
    return {k: v for k, v in entity.model_dump(mode="json").items() if k not in IGNORED_FIELDS}


def diff(before: Workshop, after: Workshop, persona_id: str | None = None,
         collections: Sequence[str] = COMPARED) -> WorkshopDiff:
    """Compare two versions; emotions are compared for one persona (the map's default)."""
    added, removed, changed = [], [], []
    for c in collections:
        a, b = _by_id(before, c), _by_id(after, c)
        added += [Element(i, c, label_of(e)) for i, e in b.items() if i not in a]
        removed += [Element(i, c, label_of(e)) for i, e in a.items() if i not in b]
        for i in a.keys() & b.keys():
            fa, fb = _fields(a[i]), _fields(b[i])
            changed += [Change(i, c, label_of(b[i]), k, fa.get(k), fb.get(k))
                        for k in sorted(fa.keys() | fb.keys()) if fa.get(k) != fb.get(k)]
    changed.sort(key=_journey_order(after, collections))
    frame_a = before.model_dump(mode="json", include=set(FRAME_FIELDS))
    frame_b = after.model_dump(mode="json", include=set(FRAME_FIELDS))
    frame = tuple(Change(after.id, "workshop", after.title, k, frame_a.get(k), frame_b.get(k))
                  for k in sorted(FRAME_FIELDS) if frame_a.get(k) != frame_b.get(k))
    return WorkshopDiff(tuple(added), tuple(removed), tuple(changed),
                        tuple(emotion_deltas(before, after, persona_id)), frame)


def _journey_order(workshop: Workshop,
                   collections: Sequence[str]) -> Callable[[Change], tuple[int, int, str, str]]:
    """Sort key: by kind, then where the element sits along the journey."""
    stage_pos = {s.id: n for n, s in enumerate(ordered_stages(workshop))}
    tp_pos = {t.id: n for n, t in enumerate(journey_touchpoints(workshop))}
    where: dict[str, int] = {}
    for c in collections:
        for e in getattr(workshop, c):
            tp = getattr(e, "touchpoint_id", None)
            where[e.id] = tp_pos.get(tp or e.id, stage_pos.get(e.id, len(tp_pos)))

    def key(ch: Change) -> tuple[int, int, str, str]:
        return (collections.index(ch.collection), where.get(ch.id, len(tp_pos)), ch.id,
                ch.field)

    return key


def emotion_deltas(before: Workshop, after: Workshop,
                   persona_id: str | None = None) -> list[EmotionDelta]:
    """Touchpoints whose average rating moved, in journey order."""
    persona = map_persona(after, persona_id) or map_persona(before, persona_id)
    pid = persona.id if persona else None
    sa, sb = emotion_stats(before, pid), emotion_stats(after, pid)
    names = {t.id: t.name for t in (*before.touchpoints, *after.touchpoints)}
    order = [t.id for t in journey_touchpoints(after)]
    order += [i for i in (sa.keys() | sb.keys()) if i not in order]
    out = []
    for tp in order:
        ma = sa[tp].mean if tp in sa else None
        mb = sb[tp].mean if tp in sb else None
        if ma is None and mb is None:
            continue
        if ma is None or mb is None or abs(mb - ma) >= EMOTION_EPSILON:
            out.append(EmotionDelta(tp, names.get(tp, tp), ma, mb))
    return out


@dataclass(frozen=True)
class EntityChanges:
    """Every difference between two workshops, as the store's event payloads need it."""

    workshop_fields: dict[str, Any]
    adds: list[tuple[str, dict[str, Any]]]
    updates: list[tuple[str, str, dict[str, Any]]]
    removes: list[tuple[str, str]]


def entity_changes(before: Workshop, after: Workshop) -> EntityChanges:
    """The adds, updates and removes (over all collections) that turn `before` into `after`."""
    wa = before.model_dump(mode="json", include=set(WORKSHOP_FIELDS))
    wb = after.model_dump(mode="json", include=set(WORKSHOP_FIELDS))
    fields = {k: v for k, v in wb.items() if wa.get(k) != v}
    adds, updates, removes = [], [], []
    for c in COLLECTIONS:
        a, b = _by_id(before, c), _by_id(after, c)
        for i, e in b.items():
            if i not in a:
                adds.append((c, e.model_dump(mode="json")))
            else:
                da, db = a[i].model_dump(mode="json"), e.model_dump(mode="json")
                delta = {k: v for k, v in db.items() if da.get(k) != v and k != "id"}
                if delta:
                    updates.append((c, i, delta))
        removes += [(c, i) for i in a if i not in b]
    return EntityChanges(fields, adds, updates, removes)
