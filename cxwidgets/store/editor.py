"""Who may edit what: the one door every widget edit goes through.

An `Editor` is a person seated in one workshop: the facilitator (proved by the token), a
participant (who joined with the code), or a customer answering a validation round (who
came with the round's link and may only answer it). It validates each edit against the model
before it reaches the log, and every change a seat can cause (join, add, update, remove,
undo; votes, ratings and answers are adds and updates) passes the one gate of
`cxwidgets.method.gate`: the seat's role, the step the room is on, locks, references,
budgets. The same check runs again under the store's write lock, so nothing decided
here can be outrun. Widgets hold an Editor, never a database connection.
"""

from __future__ import annotations

import datetime as dt
import secrets
from collections.abc import Callable
from typing import Any

from pydantic import ValidationError

from cxwidgets.exceptions import InvalidInput, NotAllowed, WorkshopNotFound
from cxwidgets.language import N_, _
from cxwidgets.method import gate
from cxwidgets.method import words as L
from cxwidgets.method.kinds import COLLECTIONS, SPEAKS_FOR, TEXT_FIELD, validate_entity
from cxwidgets.method.model import (
    FACILITATOR,
    NAME_MAX,
    WORKSHOP_FIELDS,
    Comment,
    Entity,
    StepTimer,
    Workshop,
    describe,
)
from cxwidgets.method.moderation import leads_to
from cxwidgets.method.steps import step
from cxwidgets.settings import current as settings
from cxwidgets.store import fold as f
from cxwidgets.store.door import Page
from cxwidgets.store.forward import scope
from cxwidgets.store.sql import CODE_ALPHABET, Guard, Store, new_id


class Editor:
    """A seat in a workshop from which edits are made, with the seat's permissions."""

    def __init__(self, store: Store, workshop_id: str, author: str, *,
                 is_facilitator: bool = False, display_name: str = "",
                 secret: str = "", is_customer: bool = False, page: str = "") -> None:
        self.store = store
        self.workshop_id = workshop_id
        self.author = author
        self.is_facilitator = is_facilitator
        self.is_customer = is_customer
        #: The validation round a customer's seat answers (set by `customer`).
        self.round_id = ""
        self.display_name = display_name or author
        #: A participant's proof of identity, for their browser to keep (never shown).
        self.secret = secret
        #: The id of the participant page this seat is open in (`door.Page`), which
        #: notes its presence for the facilitator; "" for a seat a script holds.
        self.page = page
        #: The workshop as last read for a check here, and its sequence: the next check
        #: reads only the events after it (`Store.workshop_since`).
        self._known: tuple[Workshop, int] | None = None

    # -- ways in --------------------------------------------------------------------

    @classmethod
    def facilitator(cls, store: Store, workshop_id: str, token: str) -> Editor:
        store.info(workshop_id)  # raises WorkshopNotFound
        if not store.check_token(workshop_id, token):
            raise NotAllowed(_("the facilitator token does not match this workshop"))
        return cls(store, workshop_id, FACILITATOR, is_facilitator=True,
                   display_name="Facilitator")

    @classmethod
    def join(cls, store: Store, join_code: str, name: str, function: str = "other",
             group: str = "", *, page: Page | None = None, language: str = "") -> Editor:
        """Seat a participant: find the workshop by code and record them as a participant.

        Through the door (`door`): the workshop takes so many people per moving window,
        whoever asks; a participant `page` seats so many people, gets its own seat back
        when it asks again, and waits a little longer after each wrong code beyond the
        first few. Every refusal is a `CxError` saying what and why; nothing is written
        then. Without a page (a script holding the store itself) only the workshop's
        limit applies. `language` is the one the participant's screens speak ("": the
        workshop's).
        """
        if not "".join(str(join_code).split()):
            raise InvalidInput(_("type the join code shown on the facilitator's screen"))
        if page is not None:
            page.may_try()
        try:
            workshop_id = store.find_by_code(join_code)
        except WorkshopNotFound as exc:
            if page is None:
                raise
            raise WorkshopNotFound(
                f"{exc}.{page.missed(store.limits.free_wrong_codes)}") from None
        seated = page.seated(workshop_id) if page is not None else None
        if seated is not None:
            return seated  # joined already from this page: nothing new
        author = new_id("p")
        person = validate_entity("participants", {
            "id": author, "name": name, "function": function, "group": group,
            "language": language, "created_by": author})
        gate.check_join(person)  # depends on nothing others write: no need to read the room
        data = person.model_dump(mode="json")
        secret = store.join(workshop_id, data, page=page.id if page else "")
        seat = cls(store, workshop_id, author, display_name=data["name"], secret=secret,
                   page=page.id if page else "")
        if page is not None:
            page.seats[workshop_id] = seat
        return seat

    @classmethod
    def customer(cls, store: Store, workshop_id: str, round_code: str,
                 respondent: str = "") -> Editor:
        """Seat a customer for one validation round: no name, no account. `respondent` is
        the random id their browser kept from an earlier visit (a new one otherwise);
        a customer can add and change only their own answers to that round."""
        workshop = store.state(workshop_id)  # raises WorkshopNotFound
        found = next((r for r in workshop.rounds if r.code == round_code), None)
        if found is None:
            raise WorkshopNotFound(_("this link does not lead to any questions; check it "
                                     "with whoever sent it"))
        valid = respondent and respondent.startswith("c-") and len(respondent) <= 40 \
            and respondent[2:].replace("-", "").replace("_", "").isalnum()
        editor = cls(store, workshop_id, respondent if valid else new_id("c-"),
                     display_name="Customer", is_customer=True)
        editor.round_id = found.id
        return editor

    @classmethod
    def resume(cls, store: Store, join_code: str, participant_id: str, secret: str, *,
               page: Page | None = None) -> Editor:
        """Seat a returning participant again, proved by the secret their browser kept
        (open in participant `page`, if given, which then notes its presence)."""
        workshop_id = store.find_by_code(join_code)
        if not store.check_seat(workshop_id, str(participant_id), str(secret)):
            raise NotAllowed(_("this browser's saved seat does not match this workshop; "
                               "join again with your name"))
        person = next((p for p in store.state(workshop_id).participants
                       if p.id == participant_id), None)
        if person is None:
            raise WorkshopNotFound(_("your seat was removed by the facilitator; join again"))
        return cls(store, workshop_id, participant_id, display_name=person.name,
                   secret=secret, page=page.id if page else "")

    # -- presence -------------------------------------------------------------------

    def note_presence(self) -> None:
        """Note that this participant's page is open (`presence`); a seat held without a
        page (a script's), the facilitator's and customers' note nothing."""
        if self.page and not (self.is_facilitator or self.is_customer):
            self.store.note_presence(self.workshop_id, self.author, self.page)

    def crowded_seats(self) -> dict[str, int]:
        """Participants' seats open in two or more browsers lately (seen within twice
        `Settings.presence_every`): participant id -> how many. Facilitator only."""
        self._require_facilitator(N_("see which seats are open in several browsers"))
        return self.store.crowded_seats(self.workshop_id, 2 * settings().presence_every)

    @property
    def seat(self) -> gate.Seat:
        """Who this seat is, for the gate."""
        return gate.Seat(self.author, self.is_facilitator, self.is_customer)

    # -- reading --------------------------------------------------------------------

    def current(self, fresh: bool = False) -> tuple[Workshop, int]:
        """The workshop now and its sequence, moved on from the one this seat last read
        by the new events only (`fresh` folds the whole log again). The screens of a
        seat and the checks of its edits share it, so each event anyone appends is taken
        in once per seat. Read-only."""
        self._known = self.store.workshop_since(self.workshop_id,
                                                None if fresh else self._known)
        return self._known

    def state(self) -> Workshop:
        """The workshop now (see `current`)."""
        return self.current()[0]

    # -- edits ----------------------------------------------------------------------

    def update_workshop(self, **fields: Any) -> f.Event:
        """Change the frame of the session (step 1); facilitator only."""
        self._require_facilitator(N_("change the session's frame"))
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
            raise InvalidInput(describe(exc, N_("workshop"))) from exc
        return merged.model_dump(mode="json", include=set(fields))

    def _change_field(self, field: str, change: Callable[[Workshop], Any],
                      what: str) -> f.Event:
        """Read one workshop field, change it, write it back - refused, not lost, when
        another facilitator screen changed the same field in between."""
        self._require_facilitator(what)
        workshop = self.state()
        payload = self._workshop_payload(workshop, {field: change(workshop)})
        before = workshop.model_dump(mode="json", include={field}).get(field)

        def check(now: Workshop) -> None:
            if now.model_dump(mode="json", include={field}).get(field) != before:
                raise InvalidInput(_("another facilitator screen changed this at the same "
                                     "moment; look again and repeat your change"))

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
        entry = validate_entity(collection, data)  # validated once; the rules read it
        clean = entry.model_dump(mode="json")

        def check(workshop: Workshop) -> None:
            gate.check_add(workshop, self.seat, collection, entry)

        self._append_checked(f.ADD, {"collection": collection, "data": clean}, check)
        return entry.id

    def update(self, collection: str, entity_id: str, **changes: Any) -> f.Event:
        changes.pop("created_by", None)
        changes.pop("id", None)
        merged: dict[str, Any] = {}

        def check(workshop: Workshop) -> None:
            current = self._owned(workshop, collection, entity_id, "change")
            entry = validate_entity(collection, {**current.model_dump(mode="json"), **changes})
            merged.update(entry.model_dump(mode="json"))
            gate.check_update(workshop, self.seat, collection, entity_id, entry)

        workshop, seen = self._checked(check)
        payload = {"collection": collection, "id": entity_id,
                   "changes": {k: merged[k] for k in changes}}
        return self.store.append(self.workshop_id, self.author, f.UPDATE, payload,
                                 guard=Guard(workshop, seen, check))

    def remove(self, collection: str, entity_id: str) -> f.Event:
        def check(workshop: Workshop) -> None:
            gate.check_remove(workshop, self.seat, collection, entity_id)

        return self._append_checked(f.REMOVE, {"collection": collection, "id": entity_id},
                                    check)

    def decide(self, comment_id: str, accept: bool) -> f.Event:
        """Accept or reject a review comment; accepting applies its proposed wording.

        Both the change to the element and the decision are ordinary events, so the
        review log and the map's history show who changed what, and either can be undone.
        """
        self._require_facilitator(N_("accept or reject a comment"))
        workshop = self.state()
        comment = self._owned(workshop, "comments", comment_id, "decide on")
        assert isinstance(comment, Comment)
        if comment.status != "open":
            raise InvalidInput(_("this comment was already decided ({decision})").format(
                decision=L.label(L.COMMENT_STATUS, comment.status.value)))
        target = comment.target_id
        if accept and comment.proposed:
            collection = self._collection_of(workshop, target)
            if collection is None or collection not in TEXT_FIELD:
                raise InvalidInput(_("the element this comment is about has been removed; "
                                     "reject the comment instead"))
            self.update(collection, target, **{TEXT_FIELD[collection]: comment.proposed})
        return self.update("comments", comment_id,
                           status="accepted" if accept else "rejected")

    def set_timer(self, step_key: str, timer: StepTimer | None) -> f.Event:
        """Set (or clear, with None) the countdown of one step; facilitator only."""
        self._require_facilitator(N_("set the timer"))
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

        return self._change_field("timers", change, N_("set the timer"))

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

        return self._change_field("locked_steps", change, N_("open or lock steps"))

    def keep_open(self, step_key: str, kept: bool = True) -> f.Event:
        """Keep a step open to the room's input (or stop), whichever step the room is on:
        participants may then still add to it from their screens."""
        key = self._step_key(step_key)

        def change(workshop: Workshop) -> list[str]:
            current = [k for k in workshop.open_steps if k != key]
            return [*current, key] if kept else current

        return self._change_field("open_steps", change, N_("open or lock steps"))

    def hide_votes(self, hidden: bool = True) -> f.Event:
        """Hide the dot counts from participants until the facilitator reveals them."""
        return self.update_workshop(votes_hidden=hidden)

    def hide(self, entity_id: str, hidden: bool = True) -> f.Event:
        """Take an entry off everyone's board (or put it back); it stays in the history."""
        self._require_facilitator(N_("hide entries"))
        self._find(entity_id)

        def change(workshop: Workshop) -> list[str]:
            current = [i for i in workshop.hidden if i != entity_id]
            return [*current, entity_id] if hidden else current

        return self._change_field("hidden", change, N_("hide entries"))

    def merge(self, duplicate_id: str, into_id: str) -> f.Event:
        """Fold a duplicate into another entry of the same kind; both stay in the history."""
        self._require_facilitator(N_("merge entries"))
        if duplicate_id == into_id:
            raise InvalidInput(_("an entry cannot be merged into itself"))
        kind, kept = self._find(duplicate_id), self._find(into_id)
        if kind != kept:
            raise InvalidInput(_("only entries of the same kind can be merged"))
        def change(workshop: Workshop) -> dict[str, str]:
            merged = dict(workshop.merged)
            if leads_to(merged, into_id, duplicate_id):
                raise InvalidInput(_("these entries are already merged the other way "
                                     "round"))
            return {**merged, duplicate_id: into_id}

        return self._change_field("merged", change, N_("merge entries"))

    def _step_key(self, step_key: str) -> str:
        self._require_facilitator(N_("open or lock steps"))
        try:
            return step(step_key).key
        except KeyError as exc:
            raise InvalidInput(str(exc.args[0])) from None

    def _find(self, entity_id: str) -> str:
        """The collection an entry is in, or a clear error."""
        collection = self._collection_of(self.state(), entity_id)
        if collection is None:
            raise WorkshopNotFound(_("no entry {id}; it may have been removed").format(
                id=repr(entity_id[:NAME_MAX])))
        return collection

    @staticmethod
    def _collection_of(workshop: Workshop, entity_id: str) -> str | None:
        return next((c for c in COLLECTIONS
                     if any(e.id == entity_id for e in getattr(workshop, c))), None)

    def undo(self) -> f.Event:
        """Take back this seat's newest edit, if making its effect directly would be
        allowed now: an undo that brings back an entry on a locked or closed step, or
        takes away one that others stand on, is refused (`gate.check_undo`)."""

        def check(before: Workshop, after: Workshop, target: f.Event) -> None:
            where = scope(target)
            if where is not None:
                gate.check_undo(before, after, self.seat, *where)

        return self.store.undo(self.workshop_id, self.author, self.current(), check)

    def open_round(self, title: str, touchpoint_ids: list[str], closes: Any,
                   version: str = "", persona_id: str | None = None,
                   consent: str = "") -> str:
        """Open a validation round (step 14); returns its id. Its `code` goes in the
        customers' link. A round shows a named version, or the map as it is now."""
        self._require_facilitator(N_("ask customers"))
        if version:
            known = [v.name for v in self.state().versions]
            if version not in known:
                raise InvalidInput(f"no version {version!r}; versions: "
                                   f"{', '.join(repr(v) for v in known) or 'none yet'}")
        code = "".join(secrets.choice(CODE_ALPHABET) for _ in range(8))
        return self.add("rounds", {"title": title, "code": code, "version": version,
                                   "persona_id": persona_id or None,
                                   "touchpoint_ids": list(touchpoint_ids), "closes": closes,
                                   "consent": consent})

    def close_round(self, round_id: str, closed: bool = True) -> f.Event:
        """Close a round early (or open it again); answers stay."""
        self._require_facilitator(N_("close a round of questions"))
        return self.update("rounds", round_id, closed=closed)

    def answer(self, touchpoint_id: str, feeling: int | None, happens: str,
               comment: str = "", today: Any = None) -> str:
        """A customer's answer about one touchpoint; a second answer changes the first."""
        round_id = self.round_id
        data = {"round_id": round_id, "respondent": self.author,
                "touchpoint_id": touchpoint_id, "feeling": feeling, "happens": happens,
                "comment": comment, "answered_on": (today or dt.date.today()).isoformat()}
        mine = next((a for a in self.state().answers if a.round_id == round_id
                     and a.respondent == self.author and a.touchpoint_id == touchpoint_id),
                    None)
        if mine is None:
            return self.add("answers", data)
        self.update("answers", mine.id, **{k: v for k, v in data.items()
                                           if k not in ("round_id", "respondent")})
        return mine.id

    def tag_version(self, name: str, kind: str = "review", note: str = "") -> f.Event:
        self._require_facilitator(N_("name a version"))
        return self.store.tag_version(self.workshop_id, self.author, name, kind, note)

    # -- rules ----------------------------------------------------------------------

    def _require_facilitator(self, what: str) -> None:
        if not self.is_facilitator:
            raise NotAllowed(_("only the facilitator can {what}").format(what=_(what)))

    def _checked(self, check: Callable[[Workshop], None]) -> tuple[Workshop, int]:
        """The workshop now and its sequence, once `check` passes on it."""
        workshop, seq = self.current()
        check(workshop)
        return workshop, seq

    def _append_checked(self, kind: str, payload: dict[str, Any],
                        check: Callable[[Workshop], None]) -> f.Event:
        """Check, then append with the same check guarding the append."""
        workshop, seen = self._checked(check)
        return self.store.append(self.workshop_id, self.author, kind, payload,
                                 guard=Guard(workshop, seen, check))

    def _owned(self, workshop: Workshop, collection: str, entity_id: str,
               verb: str) -> Entity:
        """The entity in `workshop`, once the seat may `verb` it."""
        return gate.owned(workshop, self.seat, collection, entity_id, verb)
