"""Who may edit what: the one door every widget edit goes through.

An `Editor` is a person seated in one workshop: the facilitator (proved by the token) or
a participant (who joined with the code). It validates each edit against the model
before it reaches the log, and enforces that participants change only their own entries
and never the workshop's frame. Widgets hold an Editor, never a database connection.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from pydantic import ValidationError

from cxwidgets.exceptions import InvalidInput, NotAllowed, WorkshopNotFound
from cxwidgets.method import rules
from cxwidgets.method.model import (
    COLLECTIONS,
    FACILITATOR,
    NAME_MAX,
    SPEAKS_FOR,
    WORKSHOP_FIELDS,
    StepTimer,
    Workshop,
    describe,
    validate_entity,
)
from cxwidgets.method.moderation import leads_to
from cxwidgets.method.steps import step
from cxwidgets.method.views import TEXT_FIELD
from cxwidgets.store import fold as f
from cxwidgets.store.sql import Guard, Store, new_id


class Editor:
    """A seat in a workshop from which edits are made, with the seat's permissions."""

    def __init__(self, store: Store, workshop_id: str, author: str, *,
                 is_facilitator: bool = False, display_name: str = "",
                 secret: str = "") -> None:
        self.store = store
        self.workshop_id = workshop_id
        self.author = author
        self.is_facilitator = is_facilitator
        self.display_name = display_name or author
        #: A participant's proof of identity, for their browser to keep (never shown).
        self.secret = secret
        #: The workshop as last folded for a check here, and its sequence: the next
        #: check reads only the events after it.
        self._known: tuple[f.State, int] | None = None

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
        secret = store.add_seat(workshop_id, author)
        return cls(store, workshop_id, author, display_name=data["name"], secret=secret)

    @classmethod
    def resume(cls, store: Store, join_code: str, participant_id: str, secret: str) -> Editor:
        """Seat a returning participant again, proved by the secret their browser kept."""
        workshop_id = store.find_by_code(join_code)
        if not store.check_seat(workshop_id, str(participant_id), str(secret)):
            raise NotAllowed("this browser's saved seat does not match this workshop; "
                             "join again with your name")
        person = next((p for p in store.state(workshop_id).participants
                       if p.id == participant_id), None)
        if person is None:
            raise WorkshopNotFound("your seat was removed by the facilitator; join again")
        return cls(store, workshop_id, participant_id, display_name=person.name,
                   secret=secret)

    # -- reading --------------------------------------------------------------------

    def state(self) -> Workshop:
        return self.store.state(self.workshop_id)

    # -- edits ----------------------------------------------------------------------

    def update_workshop(self, **fields: Any) -> f.Event:
        """Change the frame of the session (step 1); facilitator only."""
        self._require_facilitator("change the session's frame")
        return self.store.append(self.workshop_id, self.author, f.UPDATE_WORKSHOP,
                                 self._workshop_payload(self.state(), fields))

    def _workshop_payload(self, workshop: Workshop, fields: dict[str, Any]) -> dict[str, Any]:
        """`fields` checked against the whole workshop, in the form events store them."""
        unknown = set(fields) - WORKSHOP_FIELDS
        if unknown:
            raise InvalidInput(f"unknown workshop field(s): {', '.join(sorted(unknown))}")
        try:
            merged = Workshop.model_validate({**workshop.model_dump(mode="json"), **fields})
        except ValidationError as exc:
            raise InvalidInput(describe(exc, "workshop")) from exc
        return merged.model_dump(mode="json", include=set(fields))

    def _change_field(self, field: str, change: Callable[[Workshop], Any],
                      what: str) -> f.Event:
        """Read one workshop field, change it, write it back - refused, not lost, when
        another facilitator screen changed the same field in between."""
        self._require_facilitator(what)
        workshop = self.state()
        payload = self._workshop_payload(workshop, {field: change(workshop)})
        before = workshop.model_dump(mode="json", include={field}).get(field)

        def check(state: f.State) -> None:
            now = Workshop.model_validate({**state["workshop"], "id": self.workshop_id,
                                           "title": state["workshop"].get("title") or "x"})
            if now.model_dump(mode="json", include={field}).get(field) != before:
                raise InvalidInput("another facilitator screen changed this at the same "
                                   "moment; look again and repeat your change")

        return self._append_checked(f.UPDATE_WORKSHOP, payload, check)

    def add(self, collection: str, data: dict[str, Any]) -> str:
        """Add an entity; returns its id. The id and owner are set here, not by the caller.

        The entity is checked on its own (the model) and against the workshop (`rules`)
        before anything is appended, so a refused entry leaves no trace in the log. The
        rules are checked again at the append itself if someone else wrote in between
        (see `Guard`), so simultaneous edits cannot together break a rule (a dot budget,
        one rating each, a step locked a moment ago).
        """
        data = {**data, "id": data.get("id") or new_id(), "created_by": self.author}
        who = SPEAKS_FOR.get(collection)
        if who and not data.get(who):
            data[who] = self.author
        clean = validate_entity(collection, data).model_dump(mode="json")

        def check(state: f.State) -> None:
            rules.check(state, collection, clean, self.author, self.is_facilitator)

        self._append_checked(f.ADD, {"collection": collection, "data": clean}, check)
        return clean["id"]

    def update(self, collection: str, entity_id: str, **changes: Any) -> f.Event:
        changes.pop("created_by", None)
        changes.pop("id", None)
        merged: dict[str, Any] = {}

        def check(state: f.State) -> None:
            current = self._owned(state, collection, entity_id, "change")
            merged.update(validate_entity(collection, {**current, **changes})
                          .model_dump(mode="json"))
            rules.check(state, collection, merged, self.author, self.is_facilitator,
                        replacing=entity_id)

        state, seen = self._checked(check)
        payload = {"collection": collection, "id": entity_id,
                   "changes": {k: merged[k] for k in changes}}
        return self.store.append(self.workshop_id, self.author, f.UPDATE, payload,
                                 guard=Guard(state, seen, check))

    def remove(self, collection: str, entity_id: str) -> f.Event:
        def check(state: f.State) -> None:
            entity = self._owned(state, collection, entity_id, "remove")
            rules.check_open(state, collection, entity, self.is_facilitator)
            rules.check_removal(state, collection, entity_id)

        return self._append_checked(f.REMOVE, {"collection": collection, "id": entity_id},
                                    check)

    def decide(self, comment_id: str, accept: bool) -> f.Event:
        """Accept or reject a review comment; accepting applies its proposed wording.

        Both the change to the element and the decision are ordinary events, so the
        review log and the map's history show who changed what, and either can be undone.
        """
        self._require_facilitator("accept or reject a comment")
        state, _ = self.store.fold_state(self.workshop_id)
        comment = self._owned(state, "comments", comment_id, "decide on")
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

        def change(workshop: Workshop) -> dict[str, Any]:
            timers = {k: v.model_dump(mode="json") for k, v in workshop.timers.items()}
            if timer is None:
                timers.pop(step_key, None)
            else:
                timers[step_key] = timer.model_dump(mode="json")
            return timers

        return self._change_field("timers", change, "set the timer")

    # -- running the room (facilitator) ----------------------------------------------

    def open_step(self, step_key: str) -> f.Event:
        """Open a step for the room: participants' screens follow it."""
        return self.update_workshop(current_step=self._step_key(step_key))

    def lock_step(self, step_key: str, locked: bool = True) -> f.Event:
        """Stop (or allow again) participants' input for one step."""
        key = self._step_key(step_key)

        def change(workshop: Workshop) -> list[str]:
            current = [k for k in workshop.locked_steps if k != key]
            return [*current, key] if locked else current

        return self._change_field("locked_steps", change, "open or lock steps")

    def hide_votes(self, hidden: bool = True) -> f.Event:
        """Hide the dot counts from participants until the facilitator reveals them."""
        return self.update_workshop(votes_hidden=hidden)

    def hide(self, entity_id: str, hidden: bool = True) -> f.Event:
        """Take an entry off everyone's board (or put it back); it stays in the history."""
        self._require_facilitator("hide entries")
        self._find(entity_id)

        def change(workshop: Workshop) -> list[str]:
            current = [i for i in workshop.hidden if i != entity_id]
            return [*current, entity_id] if hidden else current

        return self._change_field("hidden", change, "hide entries")

    def merge(self, duplicate_id: str, into_id: str) -> f.Event:
        """Fold a duplicate into another entry of the same kind; both stay in the history."""
        self._require_facilitator("merge entries")
        if duplicate_id == into_id:
            raise InvalidInput("an entry cannot be merged into itself")
        kind, kept = self._find(duplicate_id), self._find(into_id)
        if kind != kept:
            raise InvalidInput("only entries of the same kind can be merged")
        def change(workshop: Workshop) -> dict[str, str]:
            merged = dict(workshop.merged)
            if leads_to(merged, into_id, duplicate_id):
                raise InvalidInput("these entries are already merged the other way round")
            return {**merged, duplicate_id: into_id}

        return self._change_field("merged", change, "merge entries")

    def _step_key(self, step_key: str) -> str:
        self._require_facilitator("open or lock steps")
        try:
            return step(step_key).key
        except KeyError as exc:
            raise InvalidInput(str(exc.args[0])) from None

    def _find(self, entity_id: str) -> str:
        """The collection an entry is in, or a clear error."""
        state, _ = self.store.fold_state(self.workshop_id)
        for collection in COLLECTIONS:
            if entity_id in state[collection]:
                return collection
        raise WorkshopNotFound(f"no entry {entity_id[:NAME_MAX]!r}; it may have been removed")

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

    def _checked(self, check: Callable[[f.State], None]) -> tuple[f.State, int]:
        """The workshop now and its sequence, once `check` passes on it."""
        self._known = self.store.fold_state_since(self.workshop_id, self._known)
        state, seen = self._known
        check(state)
        return state, seen

    def _append_checked(self, kind: str, payload: dict[str, Any],
                        check: Callable[[f.State], None]) -> f.Event:
        """Check, then append with the same check guarding the append."""
        state, seen = self._checked(check)
        return self.store.append(self.workshop_id, self.author, kind, payload,
                                 guard=Guard(state, seen, check))

    def _owned(self, state: f.State, collection: str, entity_id: str,
               verb: str) -> dict[str, Any]:
        """The entity in `state`, once the seat may `verb` it."""
        if collection not in COLLECTIONS:
            raise InvalidInput(f"unknown collection {collection!r}")
        entity = state[collection].get(entity_id)
        if entity is None:
            raise WorkshopNotFound(f"no {collection} entry {entity_id[:NAME_MAX]!r}; "
                                   "it may have been removed by someone else")
        if not self.is_facilitator and entity.get("created_by") != self.author:
            raise NotAllowed(f"you can only {verb} entries you added yourself")
        return entity
