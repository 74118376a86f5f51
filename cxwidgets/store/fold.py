"""Fold events into workshop state: pure functions, no database, no I/O.

State is kept as plain dicts while folding (cheap to copy into a snapshot, cheap to
update) and validated into a `Workshop` once at the end. Events that no longer apply
(an update of an entity that an undo removed) are skipped, never raised: the log is
history, and history must always fold.
"""

from __future__ import annotations

import copy
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from cxwidgets.method.kinds import COLLECTIONS
from cxwidgets.method.model import MapVersion, Workshop

State = dict[str, Any]

CREATE = "workshop.create"
UPDATE_WORKSHOP = "workshop.update"
ADD = "entity.add"
UPDATE = "entity.update"
REMOVE = "entity.remove"
UNDO = "undo"
TAG = "version.tag"

#: Kinds an author can take back with undo.
UNDOABLE = frozenset({UPDATE_WORKSHOP, ADD, UPDATE, REMOVE})
KINDS = frozenset({CREATE, UPDATE_WORKSHOP, ADD, UPDATE, REMOVE, UNDO, TAG})


@dataclass(frozen=True)
class Event:
    """One appended edit: who did what, when, in which workshop, at which sequence number."""

    workshop_id: str
    seq: int
    ts: str
    author: str
    kind: str
    payload: dict[str, Any] = field(default_factory=dict)


def empty_state() -> State:
    return {"workshop": {}, "versions": [], **{name: {} for name in COLLECTIONS}}


def undone_seqs(events: Iterable[Event]) -> set[int]:
    return {e.payload["seq"] for e in events if e.kind == UNDO}


def fold(events: Iterable[Event], state: State | None = None, *,
         in_place: bool = False) -> State:
    """Apply `events` (in sequence order) to `state` and return it.

    A copy of `state` is made unless `in_place` says the caller hands it over (a state
    just parsed from a snapshot): copying a big workshop costs more than folding it.
    """
    events = list(events)
    if state is None:
        state = empty_state()
    elif not in_place:
        state = copy.deepcopy(state)
    skip = undone_seqs(events)
    for event in events:
        if event.seq not in skip:
            apply(state, event)
    return state


def apply(state: State, event: Event) -> None:
    """Apply one event in place. Unknown kinds are ignored so old code reads newer logs."""
    p = event.payload
    if event.kind in (CREATE, UPDATE_WORKSHOP):
        state["workshop"].update(p)
    elif event.kind == ADD:
        state[p["collection"]][p["data"]["id"]] = dict(p["data"])
    elif event.kind == UPDATE:
        entity = state[p["collection"]].get(p["id"])
        if entity is not None:
            entity.update(p["changes"])
    elif event.kind == REMOVE:
        state[p["collection"]].pop(p["id"], None)
    elif event.kind == TAG:
        state["versions"].append({**p, "seq": event.seq, "created_at": event.ts})


def to_workshop(state: State) -> Workshop:
    """Validate folded state into the model (entities keep their insertion order)."""
    data: dict[str, Any] = dict(state["workshop"])
    for name in COLLECTIONS:
        data[name] = list(state[name].values())
    data["versions"] = [MapVersion.model_validate(v) for v in state["versions"]]
    return Workshop.model_validate(data)
