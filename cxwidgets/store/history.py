"""One entity's (or the workshop fields') own history, read to undo what a kernel holds.

When an undo takes back an event that a kernel's workshop already holds, the kernel
cannot just skip it: the entity (or the fields) it touched must be folded again from
their own events. These functions read exactly those events, inside the caller's read
transaction and up to the sequence the caller reached, and fold them into `Rebuilt`
values for `forward.advance`. They answer None where only a fold of the whole log can
say (an undone version tag, an entity added twice), and the store folds in full then.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from sqlalchemy.engine import Connection

from cxwidgets.method.model import Workshop
from cxwidgets.store import fold as f
from cxwidgets.store import upcast
from cxwidgets.store.forward import FIELDS, NOT_FIELDS, Rebuilt, scope
from cxwidgets.store.sql_tables import events

ENTITY_KINDS = (f.ADD, f.UPDATE, f.REMOVE)


def _select(conn: Connection, workshop_id: str, upto: int, *where: Any) -> list[f.Event]:
    rows = conn.execute(upcast.select(events.c.workshop_id == workshop_id,
                                      events.c.seq <= upto, *where)).all()
    return [upcast.event_of(workshop_id, row) for row in rows]


def undone(conn: Connection, workshop_id: str, upto: int) -> set[int]:
    """Every sequence number undone by an undo at or before `upto`."""
    return f.undone_seqs(_select(conn, workshop_id, upto, events.c.kind == f.UNDO))


def rebuild(conn: Connection, workshop_id: str, known: Workshop,
            targets: Sequence[f.Event], upto: int) -> list[Rebuilt] | None:
    """What undoing `targets` (events `known` holds) changes, folded up to `upto`."""
    skip = undone(conn, workshop_id, upto)
    out = []
    for target in targets:
        where = scope(target)
        if where is None:
            return None  # a version tag or an unknown kind: the full fold decides
        if where[0] == FIELDS:
            out.append(_fields(conn, workshop_id, set(target.payload) - NOT_FIELDS, skip,
                               upto))
            continue
        entity = _entity(conn, workshop_id, known, *where, skip, upto)
        if entity is None:
            return None
        out.append(entity)
    return out


def _fields(conn: Connection, workshop_id: str, names: set[str], skip: set[int],
            upto: int) -> Rebuilt:
    value: dict[str, Any] = {}
    for event in _select(conn, workshop_id, upto,
                         events.c.kind.in_((f.CREATE, f.UPDATE_WORKSHOP))):
        if event.seq not in skip:
            value.update({k: v for k, v in event.payload.items() if k in names})
    return Rebuilt(FIELDS, value=value, fields=frozenset(names))


def _entity(conn: Connection, workshop_id: str, known: Workshop, collection: str,
            entity_id: str, skip: set[int], upto: int) -> Rebuilt | None:
    """The entity folded from its own events; None when it was added more than once or
    its id changed, which only the full fold can place."""
    touching = [e for e in _select(conn, workshop_id, upto, events.c.kind.in_(ENTITY_KINDS),
                                   events.c.payload.contains(entity_id, autoescape=True))
                if scope(e) == (collection, entity_id)]
    if sum(e.kind == f.ADD for e in touching) > 1:  # undone or not: its place may move
        return None
    mine = [e for e in touching if e.seq not in skip]
    value: dict[str, Any] | None = None
    for e in mine:
        if e.kind == f.ADD:
            value = dict(e.payload["data"])
        elif e.kind == f.REMOVE:
            value = None
        elif value is not None:
            if "id" in e.payload["changes"]:
                return None
            value.update(e.payload["changes"])
    held = any(item.id == entity_id for item in getattr(known, collection))
    order = () if value is None or held else _first_added(conn, workshop_id, collection,
                                                          skip, upto)
    return Rebuilt(collection, entity_id, value, order=order)


def _first_added(conn: Connection, workshop_id: str, collection: str, skip: set[int],
                 upto: int) -> tuple[str, ...]:
    """The ids of a collection in the order they were added: the order of its list."""
    adds = _select(conn, workshop_id, upto, events.c.kind == f.ADD,
                   events.c.payload.contains(collection, autoescape=True))
    return tuple(dict.fromkeys(e.payload["data"]["id"] for e in adds if e.seq not in skip
                               and e.payload["collection"] == collection))
