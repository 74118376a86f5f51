"""Each event kind's payload as a pydantic model, and the version the kit writes it at.

An event is written once and read for as long as the store lives, by every later kit. So
each kind carries a version (`VERSIONS`, stored in `cx_events.version`); when a kind's
payload changes shape (a field renamed, a new required one, an entity's field changing
type) its version goes up by one and an upcaster that turns the old payload into the new
one is registered (`upcast`), so the fold only ever sees payloads of today's shape.

The shape is the JSON schema of the kind's model here (`PAYLOADS`), built from the
method's model: an entity added is any entity of `COLLECTIONS`, an entity updated carries
some of an entity's fields, a workshop created carries the workshop's single fields.
`fingerprint(kind)` hashes that schema without its prose (titles, descriptions);
tests/store keeps each kind's fingerprint with its version and fails when the shape
changes and the version does not (`python -m cxwidgets.store.payloads` prints them).

`SCHEMA` sums the versions up: a snapshot (a fold written down) carries the `SCHEMA` it
was folded at, and one folded from older payloads is folded again.
"""

from __future__ import annotations

import hashlib
import json
from typing import Any, Literal, Union

from pydantic import BaseModel, ConfigDict, Field, create_model

from cxwidgets.method.kinds import COLLECTIONS
from cxwidgets.method.model import WORKSHOP_FIELDS, EntityId, Name, Text, VersionKind, Workshop
from cxwidgets.store import fold as f

#: The version each kind is written at now. Raise one by one, with an upcaster from the
#: version before (`upcast.upcaster`), whenever the kind's payload changes shape.
VERSIONS: dict[str, int] = {
    f.CREATE: 3,
    f.UPDATE_WORKSHOP: 3,
    f.ADD: 4,
    f.UPDATE: 4,
    f.REMOVE: 1,
    f.UNDO: 1,
    f.TAG: 1,
}


def schema() -> int:
    """The kit's event schema: 1, plus one for every step any kind went up. It only ever
    grows, so a snapshot folded at a smaller one is older than the kit."""
    return 1 + sum(v - 1 for v in VERSIONS.values())


class _Payload(BaseModel):
    model_config = ConfigDict(extra="forbid")


_Collection: Any = Literal[tuple(COLLECTIONS)]
_WORKSHOP_KEYS = ("id", "title", *sorted(WORKSHOP_FIELDS - {"title"}))


def _workshop_fields(partial: bool) -> dict[str, Any]:
    """The workshop's single fields as model fields (all optional when `partial`)."""
    out: dict[str, Any] = {}
    for name in _WORKSHOP_KEYS:
        info = Workshop.model_fields[name]
        kind: Any = info.annotation
        out[name] = (kind | None, None) if partial else (kind, info)
    return out


def _changes(entity: type[BaseModel]) -> type[BaseModel]:
    """Some of an entity's fields: what an update carries."""
    fields: dict[str, Any] = {}
    for name, info in entity.model_fields.items():
        kind: Any = info.annotation
        fields[name] = (kind | None, None)
    return create_model(f"{entity.__name__}Changes", __base__=_Payload, **fields)


WorkshopCreated = create_model("WorkshopCreated", __base__=_Payload,
                               **_workshop_fields(partial=False))
WorkshopUpdated = create_model("WorkshopUpdated", __base__=_Payload,
                               **_workshop_fields(partial=True))


class EntityAdded(_Payload):
    collection: _Collection
    data: Union[tuple(COLLECTIONS.values())]  # type: ignore[valid-type] # noqa: UP007


class EntityUpdated(_Payload):
    collection: _Collection
    id: EntityId
    changes: Union[tuple(_changes(c) for c in COLLECTIONS.values())]  # type: ignore[valid-type] # noqa: UP007


class EntityRemoved(_Payload):
    collection: _Collection
    id: EntityId


class Undone(_Payload):
    seq: int = Field(ge=1, description="the sequence number of the event taken back")


class VersionTagged(_Payload):
    name: Name
    kind: VersionKind = VersionKind.review
    note: Text = ""


#: Each kind's payload model.
PAYLOADS: dict[str, type[BaseModel]] = {
    f.CREATE: WorkshopCreated,
    f.UPDATE_WORKSHOP: WorkshopUpdated,
    f.ADD: EntityAdded,
    f.UPDATE: EntityUpdated,
    f.REMOVE: EntityRemoved,
    f.UNDO: Undone,
    f.TAG: VersionTagged,
}

#: Keywords of a JSON schema that are prose, not shape.
_PROSE = frozenset({"title", "description", "examples"})


def _shape(node: Any, named: bool = False) -> Any:
    """A JSON schema without its prose. Under "properties" and "$defs" keys are names (a
    field called "title" stays)."""
    if isinstance(node, dict):
        return {k: _shape(v, named=k in ("properties", "$defs") and not named)
                for k, v in node.items() if named or k not in _PROSE}
    if isinstance(node, list):
        return [_shape(v) for v in node]
    return node


def shape(kind: str) -> dict[str, Any]:
    """The JSON schema of `kind`'s payload, prose left out."""
    result: dict[str, Any] = _shape(PAYLOADS[kind].model_json_schema())
    return result


def fingerprint(kind: str) -> str:
    """A short hash of `kind`'s payload shape."""
    text = json.dumps(shape(kind), sort_keys=True, separators=(",", ":"))
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]


def fingerprints() -> dict[str, dict[str, Any]]:
    """Every kind's version and fingerprint: what tests/store/golden/kinds.json keeps."""
    return {kind: {"version": VERSIONS[kind], "fingerprint": fingerprint(kind)}
            for kind in sorted(PAYLOADS)}


if __name__ == "__main__":  # pragma: no cover
    print(json.dumps(fingerprints(), indent=2))
