"""What the room sees once the facilitator has tidied the board: pure functions of the model.

The facilitator can take an entry off the board (an insult, a test, a name that should not
be there) and merge duplicates ("Slow courier" and "courier is slow"). Neither deletes
anything: the entries stay in the workshop and its history, and `visible` computes the
board everyone sees. A merged duplicate's dots, ratings, comments and links count for the
entry it was merged into.
"""

from __future__ import annotations

from typing import Any

from cxwidgets.method.kinds import COLLECTIONS, REFERENCES
from cxwidgets.method.model import Workshop

#: Longest chain of merges followed (a merged into b merged into c ...).
MAX_CHAIN = 20


def chain(merged: dict[str, str], entity_id: str) -> list[str]:
    """The ids an entry was merged into, in turn: the one walk over merges that both the
    board (`canonical`) and the refusal of a merge cycle (`leads_to`) rely on."""
    found: list[str] = []
    while entity_id in merged and len(found) < MAX_CHAIN:
        entity_id = merged[entity_id]
        if entity_id in found:
            break
        found.append(entity_id)
    return found


def canonical(merged: dict[str, str], entity_id: str) -> str:
    """The entry an id stands for after merges (itself when it was never merged)."""
    return (chain(merged, entity_id) or [entity_id])[-1]


def leads_to(merged: dict[str, str], start: str, target: str) -> bool:
    """True when following merges from `start` reaches `target` (a cycle would form)."""
    return target in chain(merged, start)


def _repoint(data: dict[str, Any], collection: str, merged: dict[str, str]) -> None:
    for ref in REFERENCES.get(collection, ()):
        value = data.get(ref.field)
        if ref.many and value:
            data[ref.field] = list(dict.fromkeys(canonical(merged, v) for v in value))
        elif value:
            data[ref.field] = canonical(merged, value)


def visible(workshop: Workshop) -> Workshop:
    """The workshop without hidden entries, with duplicates folded into what they merged into."""
    if not workshop.hidden and not workshop.merged:
        return workshop
    gone = set(workshop.hidden) | set(workshop.merged)
    data = workshop.model_dump()
    for collection in COLLECTIONS:
        kept = []
        for entity in data[collection]:
            if entity["id"] in gone:
                continue
            _repoint(entity, collection, workshop.merged)
            kept.append(entity)
        data[collection] = kept
    return Workshop.model_validate(data)
