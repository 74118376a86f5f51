"""A person's name and words, held apart from the log so they can be forgotten.

An entry a participant or a customer speaks for (their seat, a pain point they wrote, a
rating, a comment, a customer's answer) is written to the log without its words: the
event keeps the entry's shape (ids, links, scores, dates) with "a participant" for a
name and "(withdrawn)" (or the field's empty default) for every text, and the words go
to `cx_personal`, one row per event, under the person they belong to. Reading the log
lays each row back over its event (`merge`), so the fold sees what was typed.

Forgetting a person (`forget`) deletes their rows: the log, which is history, is never
rewritten, and from then on every fold, snapshot, backup and export shows their entries
in their place, attributed to "a participant", with no word of theirs.

`WORDS` says which fields of each collection are words; a test fails when the model gains
a text field this table does not place.
"""

from __future__ import annotations

from typing import Any

from cxwidgets.method.kinds import COLLECTIONS, speaker
from cxwidgets.method.model import EVIDENCE, FACILITATOR
from cxwidgets.store import fold as f

#: What a forgotten person's name becomes.
ANONYMOUS = "a participant"
#: What a forgotten person's required words become (optional ones become empty).
WITHDRAWN = "(withdrawn)"

#: The fields of each collection that hold a person's words (or name).
WORDS: dict[str, tuple[str, ...]] = {
    "sources": ("name", "period", "location", "note"),
    "participants": ("name", "group"),
    "personas": ("name", "role", "background", "goals", "needs", "frustrations", "quote",
                 "group", "segment"),
    "empathy_maps": ("says", "thinks", "does", "feels", "hears", "needs", "pains", "gains",
                     "evidence"),
    "stages": ("name", "description"),
    "touchpoints": ("name", "description"),
    "emotions": ("word",),
    "pain_points": ("text", "detail", "evidence"),
    "opportunities": ("text", "detail", "evidence"),
    "backstage": ("name", "description"),
    "comments": ("text", "proposed"),
    "votes": (),
    "actions": ("title", "owner"),
    "volunteers": ("note",),
    "goals": ("title", "kpi"),
    "diagnosis": ("participant",),
    "moments": ("task", "duration", "decides"),
    "experiments": ("title", "hypothesis", "kpi", "result", "note"),
    "reflections": ("seen", "instead"),
    "rounds": ("title", "consent"),
    "answers": ("comment",),
}
#: Fields that hold a name of a person, not their words.
NAMES = {("participants", "name"), ("diagnosis", "participant")}


def person_of(collection: str, data: dict[str, Any]) -> str:
    """The person an entry belongs to: a participant's own entry is them; any other
    entry is whoever it speaks for, else whoever made it."""
    if collection == "participants":
        return str(data.get("id") or "")
    return speaker(collection, data)


def is_person(who: str) -> bool:
    """A participant or a customer (not the facilitator, not evidence, not nobody)."""
    return bool(who) and who not in (FACILITATOR, EVIDENCE)


def placeholder(collection: str, name: str) -> Any:
    """What stands in the log for field `name` of an entry of `collection`."""
    if (collection, name) in NAMES:
        return ANONYMOUS
    info = COLLECTIONS[collection].model_fields[name]
    if info.is_required():
        return WITHDRAWN
    return info.get_default(call_default_factory=True)


def _split_fields(collection: str, data: dict[str, Any]) -> tuple[dict[str, Any],
                                                                    dict[str, Any]]:
    words = {k: data[k] for k in WORDS.get(collection, ()) if k in data}
    kept = {**data, **{k: placeholder(collection, k) for k in words}}
    return kept, words


def split(kind: str, payload: dict[str, Any], person: str,
          ) -> tuple[dict[str, Any], dict[str, Any] | None]:
    """(what the log keeps, what `cx_personal` holds) for an event of `person`'s; no
    second part when the event holds no words of a person."""
    if not is_person(person) or kind not in (f.ADD, f.UPDATE):
        return payload, None
    part = "data" if kind == f.ADD else "changes"
    collection = payload.get("collection", "")
    if collection not in COLLECTIONS or not isinstance(payload.get(part), dict):
        return payload, None
    kept, words = _split_fields(collection, payload[part])
    if not words:
        return payload, None
    return {**payload, part: kept}, {part: words}


def merge(payload: dict[str, Any], overlay: dict[str, Any] | None) -> dict[str, Any]:
    """The event as written: `payload` (from the log) with the person's words laid back."""
    if not overlay:
        return payload
    out = dict(payload)
    for part, words in overlay.items():
        out[part] = {**out.get(part, {}), **words}
    return out


class Owners:
    """Whose each entry is, followed along a workshop's events in order: what an update
    needs to know whose words it carries."""

    def __init__(self) -> None:
        self.of: dict[tuple[str, str], str] = {}

    def person(self, kind: str, payload: dict[str, Any], author: str) -> str:
        if kind == f.ADD:
            data = payload.get("data") or {}
            who = person_of(payload.get("collection", ""), data)
            self.of[(payload.get("collection", ""), str(data.get("id", "")))] = who
            return who
        if kind == f.UPDATE:
            return self.of.get((payload.get("collection", ""), str(payload.get("id", ""))),
                               author)
        return ""


def entity_person(workshop: Any, collection: str, entity_id: str) -> str | None:
    """Whose entry `entity_id` of `collection` is in `workshop` (None: not there)."""
    for entity in getattr(workshop, collection, ()):
        if entity.id == entity_id:
            return person_of(collection, entity.model_dump(mode="json"))
    return None
