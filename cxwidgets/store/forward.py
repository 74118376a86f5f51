"""Move a validated `Workshop` forward by new events: pure functions, no database, no I/O.

A kernel showing a workshop knows it at some sequence. When others append, folding the
whole log again (from the newest snapshot) and validating every entity of the workshop
costs each kernel in the room more the bigger the workshop is; here only the new events
are applied, to the model objects themselves, and only the entities they touch are
validated. The result is always the workshop a full fold gives (a test holds the two
equal over real and random histories):
- an add validates the new entity and puts it last (or in place of one with its id);
- an update validates the entity with its changes; a remove drops it;
- a workshop update validates just the fields it sets; a version tag adds the version;
- an undo of a new event skips that event, as the fold does; an undo of an event the
  known workshop already holds needs that entity's (or those fields') own history, which
  the store reads and hands in as `Rebuilt` values (see `Store.workshop_since`).
Unchanged collections and entities are shared with the known workshop, never changed in
place: treat both as read-only.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from cxwidgets.method.kinds import COLLECTIONS
from cxwidgets.method.model import Entity, MapVersion, Workshop
from cxwidgets.store import fold as f

#: The scope of `Rebuilt` workshop fields (rather than an entity's collection).
FIELDS = "workshop"
#: Workshop keys a `workshop.update` may carry that are not single fields: the fold
#: replaces them with the collections and versions, and so is their value here.
NOT_FIELDS = frozenset(COLLECTIONS) | {"versions"}


class Unsupported(Exception):
    """Raised for an event this module cannot apply the way the fold does (an update
    that changes an entity's id); the store then folds the whole log instead."""


@dataclass(frozen=True)
class Rebuilt:
    """One entity, or some workshop fields, folded afresh from their own events.

    For an entity: `value` is its data (None when it no longer exists) and `order` the
    ids of its collection in the order they were first added, given when the entity
    must be put back into a list that lacks it. For workshop fields (`collection` is
    `FIELDS`): `value` maps each field to its value, and a field no event sets is left
    out (it falls back to the model's default).
    """

    collection: str
    id: str = ""
    value: dict[str, Any] | None = None
    fields: frozenset[str] = frozenset()
    order: tuple[str, ...] = ()


def scope(event: f.Event) -> tuple[str, str] | None:
    """(collection, entity id) an entity event touches; (FIELDS, "") for workshop
    fields; None for anything else."""
    p = event.payload
    if event.kind == f.ADD:
        return p["collection"], p["data"]["id"]
    if event.kind in (f.UPDATE, f.REMOVE):
        return p["collection"], p["id"]
    if event.kind in (f.CREATE, f.UPDATE_WORKSHOP):
        return FIELDS, ""
    return None


def advance(workshop: Workshop, events: Sequence[f.Event],
            rebuilt: Iterable[Rebuilt] = ()) -> Workshop:
    """`workshop` (known at the sequence before `events`) moved on by `events`.

    Events that undo another new event are honoured by skipping it, as `fold.fold` does.
    `rebuilt` carries what an undo of an older event changed (entity or fields folded
    afresh up to the last of `events`): events touching those are not applied again.
    Raises pydantic's `ValidationError` when an entity breaks the model, as a full fold
    would; the store then folds the whole log instead.
    """
    step = _Step(workshop)
    skip = f.undone_seqs(events)
    done = {(r.collection, r.id) for r in rebuilt if r.collection != FIELDS}
    fields_done = frozenset().union(*(r.fields for r in rebuilt if r.collection == FIELDS))
    for event in events:
        if event.seq in skip:
            continue
        where = scope(event)
        if where is not None and where in done:
            continue
        step.apply(event, fields_done)
    for r in rebuilt:
        step.rebuild(r)
    return step.result()


class _Step:
    """The new workshop being made: collections copied when first changed."""

    def __init__(self, workshop: Workshop) -> None:
        self.workshop = workshop
        self.lists: dict[str, list[Any]] = {}
        self.fields: dict[str, Any] = {}

    def collection(self, name: str) -> list[Any]:
        if name not in self.lists:
            self.lists[name] = list(getattr(self.workshop, name))
        return self.lists[name]

    def apply(self, event: f.Event, fields_done: frozenset[str]) -> None:
        p = event.payload
        if event.kind in (f.CREATE, f.UPDATE_WORKSHOP):
            self.fields.update({k: v for k, v in p.items()
                                if k not in NOT_FIELDS and k not in fields_done})
        elif event.kind == f.ADD:
            self.put(p["collection"], COLLECTIONS[p["collection"]].model_validate(p["data"]))
        elif event.kind == f.UPDATE:
            if "id" in p["changes"]:
                raise Unsupported("an update that changes an id")
            items = self.collection(p["collection"])
            at = _index(items, p["id"])
            if at is not None:
                data = {**items[at].model_dump(), **p["changes"]}
                items[at] = COLLECTIONS[p["collection"]].model_validate(data)
        elif event.kind == f.REMOVE:
            self.drop(p["collection"], p["id"])
        elif event.kind == f.TAG:
            self.collection("versions").append(MapVersion.model_validate(
                {**p, "seq": event.seq, "created_at": event.ts}))

    def put(self, name: str, entity: Entity, order: Sequence[str] = ()) -> None:
        """Replace the entity with its id, else insert it where `order` puts it (last
        without one)."""
        items = self.collection(name)
        at = _index(items, entity.id)
        if at is not None:
            items[at] = entity
            return
        if order:
            rank = {entity_id: i for i, entity_id in enumerate(order)}
            mine = rank.get(entity.id, len(rank))
            at = next((i for i, e in enumerate(items) if rank.get(e.id, -1) > mine), None)
            if at is not None:
                items.insert(at, entity)
                return
        items.append(entity)

    def drop(self, name: str, entity_id: str) -> None:
        items = self.collection(name)
        at = _index(items, entity_id)
        if at is not None:
            del items[at]

    def rebuild(self, r: Rebuilt) -> None:
        if r.collection == FIELDS:
            for name in r.fields:
                self.fields[name] = (r.value or {}).get(name, _DEFAULT)
        elif r.value is None:
            self.drop(r.collection, r.id)
        else:
            self.put(r.collection, COLLECTIONS[r.collection].model_validate(r.value), r.order)

    def result(self) -> Workshop:
        if not self.lists and not self.fields:
            return self.workshop
        new = self.workshop.model_copy(update=self.lists)
        for name, value in self.fields.items():
            if value is _DEFAULT:
                value = Workshop.model_fields[name].get_default(call_default_factory=True)
            setattr(new, name, value)  # validates this field alone (validate_assignment)
        return new


_DEFAULT = object()


def _index(items: list[Any], entity_id: str) -> int | None:
    return next((i for i, e in enumerate(items) if e.id == entity_id), None)
