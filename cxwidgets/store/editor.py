"""Who may edit what: the one door every widget edit goes through.

An `Editor` is a person seated in one workshop: the facilitator (proved by the token) or
a participant (who joined with the code). It validates each edit against the model
before it reaches the log, and enforces that participants change only their own entries
and never the workshop's frame. Widgets hold an Editor, never a database connection.
"""

from __future__ import annotations

from typing import Any

from pydantic import ValidationError

from cxwidgets import rules
from cxwidgets.exceptions import InvalidInput, NotAllowed, WorkshopNotFound
from cxwidgets.journey import TEXT_FIELD
from cxwidgets.model import (
    COLLECTIONS,
    NAME_MAX,
    WORKSHOP_FIELDS,
    StepTimer,
    Workshop,
    describe,
    validate_entity,
)
from cxwidgets.steps import step
from cxwidgets.store import fold as f
from cxwidgets.store.sql import Store, new_id

FACILITATOR = "facilitator"


class Editor:
    """A seat in a workshop from which edits are made, with the seat's permissions."""

    def __init__(self, store: Store, workshop_id: str, author: str, *,
                 is_facilitator: bool = False, display_name: str = "") -> None:
        self.store = store
        self.workshop_id = workshop_id
        self.author = author
        self.is_facilitator = is_facilitator
        self.display_name = display_name or author

    # -- ways in --------------------------------------------------------------------

    @classmethod
    def facilitator(cls, store: Store, workshop_id: str, token: str) -> Editor:
        store.info(workshop_id)  # raises WorkshopNotFound
        if not store.check_token(workshop_id, token):
            raise NotAllowed("the facilitator token does not match this workshop")
        return cls(store, workshop_id, FACILITATOR, is_facilitator=True,
                   display_name="Facilitator")

    @classmethod
    def join(cls, store: Store, join_code: str, name: str, function: str = "other",
             group: str = "") -> Editor:
        """Seat a participant: find the workshop by code and record them as a participant."""
        workshop_id = store.find_by_code(join_code)
        author = new_id("p")
        data = validate_entity("participants", {
            "id": author, "name": name, "function": function, "group": group,
            "created_by": author}).model_dump(mode="json")
        store.append(workshop_id, author, f.ADD, {"collection": "participants", "data": data})
        return cls(store, workshop_id, author, display_name=data["name"])

    # -- reading --------------------------------------------------------------------

    def state(self) -> Workshop:
        return self.store.state(self.workshop_id)

    # -- edits ----------------------------------------------------------------------

    def update_workshop(self, **fields: Any) -> f.Event:
        """Change the frame of the session (step 1); facilitator only."""
        self._require_facilitator("change the session's frame")
        unknown = set(fields) - WORKSHOP_FIELDS
        if unknown:
            raise InvalidInput(f"unknown workshop field(s): {', '.join(sorted(unknown))}")
        current = self.state().model_dump(mode="json")
        try:
            merged = Workshop.model_validate({**current, **fields})
        except ValidationError as exc:
            raise InvalidInput(describe(exc, "workshop")) from exc
        payload = merged.model_dump(mode="json", include=set(fields))
        return self.store.append(self.workshop_id, self.author, f.UPDATE_WORKSHOP, payload)

    def add(self, collection: str, data: dict[str, Any]) -> str:
        """Add an entity; returns its id. The id and owner are set here, not by the caller.

        The entity is checked on its own (the model) and against the workshop (`rules`)
        before anything is appended, so a refused entry leaves no trace in the log.
        """
        data = {**data, "id": data.get("id") or new_id(), "created_by": self.author}
        who = rules.SELF_FIELDS.get(collection)
        if who and not data.get(who):
            data[who] = self.author
        clean = validate_entity(collection, data).model_dump(mode="json")
        state, _ = self.store.fold_state(self.workshop_id)
        rules.check(state, collection, clean, self.author, self.is_facilitator)
        self.store.append(self.workshop_id, self.author, f.ADD, {
            "collection": collection, "data": clean})
        return clean["id"]

    def update(self, collection: str, entity_id: str, **changes: Any) -> f.Event:
        state, current = self._owned(collection, entity_id, "change")
        changes.pop("created_by", None)
        changes.pop("id", None)
        merged = validate_entity(collection, {**current, **changes}).model_dump(mode="json")
        rules.check(state, collection, merged, self.author, self.is_facilitator,
                    replacing=entity_id)
        payload = {"collection": collection, "id": entity_id,
                   "changes": {k: merged[k] for k in changes}}
        return self.store.append(self.workshop_id, self.author, f.UPDATE, payload)

    def remove(self, collection: str, entity_id: str) -> f.Event:
        state, _ = self._owned(collection, entity_id, "remove")
        rules.check_removal(state, collection, entity_id)
        return self.store.append(self.workshop_id, self.author, f.REMOVE,
                                 {"collection": collection, "id": entity_id})

    def decide(self, comment_id: str, accept: bool) -> f.Event:
        """Accept or reject a review comment; accepting applies its proposed wording.

        Both the change to the element and the decision are ordinary events, so the
        review log and the map's history show who changed what, and either can be undone.
        """
        self._require_facilitator("accept or reject a comment")
        state, comment = self._owned("comments", comment_id, "decide on")
        if comment.get("status", "open") != "open":
            raise InvalidInput(f"this comment was already {comment['status']}")
        target = comment["target_id"]
        if accept and comment.get("proposed"):
            collection = next((c for c in COLLECTIONS if target in state[c]), None)
            if collection is None or collection not in TEXT_FIELD:
                raise InvalidInput("the element this comment is about has been removed; "
                                   "reject the comment instead")
            self.update(collection, target, **{TEXT_FIELD[collection]: comment["proposed"]})
        return self.update("comments", comment_id,
                           status="accepted" if accept else "rejected")

    def set_timer(self, step_key: str, timer: StepTimer | None) -> f.Event:
        """Set (or clear, with None) the countdown of one step; facilitator only."""
        self._require_facilitator("set the timer")
        try:
            step(step_key)
        except KeyError as exc:
            raise InvalidInput(str(exc.args[0])) from None
        timers = {k: v.model_dump(mode="json") for k, v in self.state().timers.items()}
        if timer is None:
            timers.pop(step_key, None)
        else:
            timers[step_key] = timer.model_dump(mode="json")
        return self.update_workshop(timers=timers)

    def undo(self) -> f.Event:
        """Take back this seat's newest edit."""
        return self.store.undo(self.workshop_id, self.author)

    def tag_version(self, name: str, kind: str = "review", note: str = "") -> f.Event:
        self._require_facilitator("name a version")
        return self.store.tag_version(self.workshop_id, self.author, name, kind, note)

    # -- rules ----------------------------------------------------------------------

    def _require_facilitator(self, what: str) -> None:
        if not self.is_facilitator:
            raise NotAllowed(f"only the facilitator can {what}")

    def _owned(self, collection: str, entity_id: str,
               verb: str) -> tuple[f.State, dict[str, Any]]:
        """The folded state and the entity, once the seat may `verb` it."""
        if collection not in COLLECTIONS:
            raise InvalidInput(f"unknown collection {collection!r}")
        state, _ = self.store.fold_state(self.workshop_id)
        entity = state[collection].get(entity_id)
        if entity is None:
            raise WorkshopNotFound(f"no {collection} entry {entity_id[:NAME_MAX]!r}; "
                                   "it may have been removed by someone else")
        if not self.is_facilitator and entity.get("created_by") != self.author:
            raise NotAllowed(f"you can only {verb} entries you added yourself")
        return state, entity
