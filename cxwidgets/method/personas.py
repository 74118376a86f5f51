"""Persona drafts compared and merged (step 3): pure functions of the model.

Groups each draft the typical customer; the room then looks at the drafts side by side.
`compare` says, field by field, what all drafts share, what some share and what only
one draft says, so the differences are what the eye lands on. `merge` proposes an agreed
persona: for single values the most common answer, for lists every item, most shared
first. The facilitator edits the proposal before saving it; the drafts are kept.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from enum import Enum
from typing import Any

from cxwidgets.language import N_
from cxwidgets.method.model import Persona

#: Fields compared and merged, in the order a persona card reads.
FIELDS: tuple[str, ...] = ("name", "role", "segment", "background", "goals", "needs",
                           "frustrations", "channels", "quote")
LIST_FIELDS = frozenset({"goals", "needs", "frustrations", "channels"})
FIELD_LABEL = {"name": N_("Name"), "role": N_("Role"), "segment": N_("Segment"),
               "background": N_("Background"), "goals": N_("Goals"), "needs": N_("Needs"),
               "frustrations": N_("Frustrations"), "channels": N_("Channels"),
               "quote": N_("Quote")}

ALL, SOME, ONLY = "all", "some", "only"


def _key(text: str) -> str:
    return " ".join(text.casefold().split())


def _items(persona: Persona, field: str) -> list[str]:
    value = getattr(persona, field)
    if field in LIST_FIELDS:
        return [v.value if isinstance(v, Enum) else str(v) for v in value]
    return [value] if value else []


@dataclass(frozen=True)
class Mark:
    """One value in one draft, and how widely the drafts share it."""

    text: str
    shared: str  # ALL, SOME or ONLY


@dataclass(frozen=True)
class Row:
    field: str
    cells: tuple[tuple[Mark, ...], ...]  # one tuple of marks per draft

    @property
    def differs(self) -> bool:
        """True when the drafts do not all say the same thing here."""
        filled = [bool(cell) for cell in self.cells]
        unshared = any(m.shared != ALL for cell in self.cells for m in cell)
        return unshared or (any(filled) and not all(filled))


def compare(drafts: Sequence[Persona]) -> list[Row]:
    """Field by field, each draft's values marked as shared by all, by some or by one."""
    rows = []
    n = len(drafts)
    for field in FIELDS:
        per_draft = [_items(d, field) for d in drafts]
        counts = Counter(k for items in per_draft for k in {_key(i) for i in items})
        cells = tuple(
            tuple(Mark(i, ALL if counts[_key(i)] == n else ONLY if counts[_key(i)] == 1
                       else SOME) for i in items) for items in per_draft)
        rows.append(Row(field, cells))
    return rows


def merge(drafts: Sequence[Persona]) -> dict[str, Any]:
    """A proposed agreed persona: the most common single values, the union of the lists."""
    merged: dict[str, Any] = {}
    for field in FIELDS:
        per_draft = [_items(d, field) for d in drafts]
        counts = Counter(k for items in per_draft for k in {_key(i) for i in items})
        first: dict[str, tuple[int, str]] = {}
        for pos, item in enumerate(i for items in per_draft for i in items):
            first.setdefault(_key(item), (pos, item))
        ranked = sorted(first, key=lambda k: (-counts[k], first[k][0]))
        values = [first[k][1] for k in ranked]
        merged[field] = values if field in LIST_FIELDS else (values[0] if values else "")
    merged["based_on"] = [d.id for d in drafts]
    return merged
