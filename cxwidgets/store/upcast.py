"""Older events read as today's: one registered function per kind and step up.

A payload written at version n of its kind (`payloads.VERSIONS`) is handed to the upcaster
registered for (kind, n), which returns it as version n + 1 would have written it, and so
on up to the kit's version. Every read of the log goes through `event_of`, so the fold,
the short way forward and an entity's own history only ever see current payloads; the
log itself is never rewritten.

When a kind's shape changes (tests/store fails until its version goes up), the change
adds one function here:

    @upcaster(f.ADD, 1)
    def _persona_role_is_a_list(payload):
        ...
        return payload

An upcaster takes a payload it may change (a fresh one, parsed for this read) and returns
the payload one version up; it must not look anything up. A payload newer than the kit
(a store written by a later release) is refused, never guessed at.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Mapping
from typing import Any

import sqlalchemy as sa

from cxwidgets.exceptions import StoreUnavailable
from cxwidgets.store import fold as f
from cxwidgets.store import payloads, personal
from cxwidgets.store.sql_tables import events
from cxwidgets.store.sql_tables import personal as words

Payload = dict[str, Any]
Upcaster = Callable[[Payload], Payload]


class Registry:
    """Upcasters by (kind, the version they read)."""

    def __init__(self) -> None:
        self.steps: dict[tuple[str, int], Upcaster] = {}

    def register(self, kind: str, from_version: int, step: Upcaster) -> Upcaster:
        if (kind, from_version) in self.steps:
            raise ValueError(f"an upcaster for {kind} version {from_version} is already "
                             "registered")
        self.steps[(kind, from_version)] = step
        return step

    def upcast(self, kind: str, version: int, payload: Payload,
               current: Mapping[str, int] | None = None) -> Payload:
        """`payload`, written at `version` of `kind`, as the kit's version of `kind`."""
        now = (payloads.VERSIONS if current is None else current).get(kind)
        if now is None:  # a kind this kit does not know: the fold leaves it alone
            return payload
        if version > now:
            raise StoreUnavailable(
                f"this store holds {kind} events of version {version}, written by a newer "
                f"cxwidgets; this one reads up to version {now}. Upgrade cxwidgets to "
                "open it")
        while version < now:
            step = self.steps.get((kind, version))
            if step is None:
                raise AssertionError(f"no upcaster registered for {kind} version {version}")
            payload = step(payload)
            version += 1
        return payload

    def missing(self, current: Mapping[str, int] | None = None) -> list[tuple[str, int]]:
        """Steps up to the kit's versions that have no upcaster (there must be none)."""
        now = payloads.VERSIONS if current is None else current
        return [(kind, v) for kind, top in now.items() for v in range(1, top)
                if (kind, v) not in self.steps]


#: The kit's upcasters.
REGISTRY = Registry()


def upcaster(kind: str, from_version: int) -> Callable[[Upcaster], Upcaster]:
    """Register the decorated function as `kind`'s step from `from_version` up."""
    def register(step: Upcaster) -> Upcaster:
        return REGISTRY.register(kind, from_version, step)
    return register


#: The columns an event is read from, in `event_of`'s order: the log's, and the words
#: of a person held apart (`personal`; none when there are none, or were forgotten).
COLUMNS = (events.c.seq, events.c.ts, events.c.author, events.c.kind, events.c.version,
           events.c.payload, words.c.body)
#: The log with each event's words beside it.
WITH_WORDS = events.outerjoin(words, sa.and_(words.c.workshop_id == events.c.workshop_id,
                                             words.c.seq == events.c.seq))


def select(*where: Any) -> sa.Select[Any]:
    """Events (as `COLUMNS`) matching `where`, in sequence order."""
    return sa.select(*COLUMNS).select_from(WITH_WORDS).where(*where).order_by(events.c.seq)


def event_of(workshop_id: str, row: Any) -> f.Event:
    """One row of `COLUMNS` as an event of today's shape, with its words laid back."""
    seq, ts, author, kind, version, body, held = row
    payload = personal.merge(json.loads(body), json.loads(held) if held else None)
    payload = REGISTRY.upcast(kind, int(version), payload)
    return f.Event(workshop_id, seq, ts, author, kind, payload)


def payload_of(kind: str, version: int, body: str) -> Payload:
    """A stored payload (text) as today's."""
    return REGISTRY.upcast(kind, int(version), json.loads(body))


# -- the steps up -------------------------------------------------------------------------


def _owners_may_be_not_sure_yet(payload: Payload) -> Payload:
    """Version 2 of the entry and workshop events: an owner may be "not sure yet"
    (`Function.unknown`). A version-1 payload never holds it, so it reads as it is."""
    return payload


for _kind in (f.CREATE, f.UPDATE_WORKSHOP, f.ADD, f.UPDATE):
    upcaster(_kind, 1)(_owners_may_be_not_sure_yet)


def _a_language_is_spoken(payload: Payload) -> Payload:
    """Version 3 of the entry and workshop events: a workshop has a language (English
    unless set) and a participant may speak their own (none: the workshop's). A version-2
    payload has neither, and reads as it is: the defaults are what it meant."""
    return payload


for _kind in (f.CREATE, f.UPDATE_WORKSHOP, f.ADD, f.UPDATE):
    upcaster(_kind, 2)(_a_language_is_spoken)


def _a_stage_sits_between_two(payload: Payload) -> Payload:
    """Version 4 of the entry events: a stage's place in the journey is any number (a
    stage moved between two others takes a number between theirs), no longer a whole
    one. A version-3 whole number is such a number, and reads as it is."""
    return payload


for _kind in (f.ADD, f.UPDATE):
    upcaster(_kind, 3)(_a_stage_sits_between_two)
