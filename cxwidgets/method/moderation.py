"""What the room sees once the facilitator has tidied the board: pure functions of the model.

The facilitator can take an entry off the board (an insult, a test, a name that should not
be there) and merge duplicates ("Slow courier" and "courier is slow"). Neither deletes
anything: the entries stay in the workshop and its history, and `visible` computes the
board everyone sees. A merged duplicate's dots, ratings, comments and links count for the
entry it was merged into.
"""

from __future__ import annotations

from typing import Any

from cxwidgets.method.model import COLLECTIONS, Workshop
from cxwidgets.method.rules import REFERENCES

#: Longest chain of merges followed (a merged into b merged into c ...).
MAX_CHAIN = 20


def canonical(merged: dict[str, str], entity_id: str) -> str:
    """The entry an id stands for after merges (itself when it was never merged)."""
    seen = 0
    while entity_id in merged and seen < MAX_CHAIN:
        entity_id, seen = merged[entity_id], seen + 1
    return entity_id


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
