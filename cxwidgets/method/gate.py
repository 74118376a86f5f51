"""The one gate every change a seat can cause passes: join, add, update, remove, undo.

Votes, ratings, offers to help, self-assessment answers and customers' answers are adds
and updates of their collections, so they pass here too. Whatever a participant's
browser still shows (a screen of an earlier step, a button re-enabled by hand), the
decision is made here, on the workshop as it is:

1. the seat may make this change: a participant adds only what the room adds and changes
   only their own entries, a customer only answers (`rules.check_seat`, `owned`);
2. the entry's step is the one the room is on, or one the facilitator keeps open to all
   (`rules.check_step`), and the facilitator has not locked it (`rules.check_open`);
   for a change or a removal, both where the entry was and where it goes;
3. references stay whole: what an entry names exists, and nothing is taken away while
   something else still stands on it (`rules.check_references`, `rules.check_removal`);
4. the kind's own rules hold: dot budgets, one rating or accuracy vote or offer each.

The facilitator may act at any step and on anyone's entries, but keeps references whole.
An undo is judged by what it would do: bringing an entry back is an add, taking it away a
removal, restoring earlier wording an update (`check_undo`). The store runs these checks
again under the workshop's write lock (`Guard`, `Store.undo`), so two edits at the same
instant cannot together get past them. Pure functions of the model; raises
`NotAllowed` or `InvalidInput` with words for the person who tried, and never writes.
"""

from __future__ import annotations

from dataclasses import dataclass

from cxwidgets.exceptions import CxError, InvalidInput, NotAllowed, WorkshopNotFound
from cxwidgets.language import _
from cxwidgets.method import rules, words
from cxwidgets.method.kinds import COLLECTIONS
from cxwidgets.method.model import NAME_MAX, Entity, Workshop
from cxwidgets.method.roles import check_participant_name
from cxwidgets.method.steps import ROOM_ADDS

#: The scope of an undone event that changed the workshop's own fields (`forward.FIELDS`).
FIELDS = "workshop"


@dataclass(frozen=True)
class Seat:
    """Who is making a change: an author id and the role the seat was opened with."""

    author: str
    facilitator: bool = False
    customer: bool = False


def owned(workshop: Workshop, seat: Seat, collection: str, entity_id: str,
          verb: str) -> Entity:
    """The entity in `workshop`, once the seat may `verb` it (its own, or any for the
    facilitator)."""
    if collection not in COLLECTIONS:
        raise InvalidInput(f"unknown collection {collection!r}")
    entities: list[Entity] = getattr(workshop, collection)
    entity = next((e for e in entities if e.id == entity_id), None)
    if entity is None:
        raise WorkshopNotFound(f"no {collection} entry {entity_id[:NAME_MAX]!r}; "
                               "it may have been removed by someone else")
    if not seat.facilitator and entity.created_by != seat.author:
        raise NotAllowed(_("you can only change entries you added yourself") if verb == "change"
                         else _("you can only remove entries you added yourself")
                         if verb == "remove" else f"you can only {verb} entries you added "
                                                  "yourself")
    return entity


def check_join(person: Entity) -> None:
    """A participant joining (`person` is their validated participant entry): a name that
    cannot pass for one of the kit's roles. Nothing here depends on the workshop, so a
    join needs no read of it (a room arrives within a minute)."""
    check_participant_name(str(getattr(person, "name", "")))


def check_add(workshop: Workshop, seat: Seat, collection: str, entry: Entity) -> None:
    """Adding `entry` to `collection` (votes, ratings, answers and offers included)."""
    rules.check(workshop, collection, entry, seat.author, seat.facilitator,
                customer=seat.customer)
    rules.check_step(workshop, collection, entry, seat.facilitator)


def check_update(workshop: Workshop, seat: Seat, collection: str, entity_id: str,
                 entry: Entity) -> None:
    """Replacing entity `entity_id` by `entry` (its fields merged with the changes)."""
    was = owned(workshop, seat, collection, entity_id, "change")
    rules.check_open(workshop, collection, was, seat.facilitator)
    rules.check_step(workshop, collection, was, seat.facilitator)
    rules.check(workshop, collection, entry, seat.author, seat.facilitator,
                replacing=entity_id, customer=seat.customer)
    rules.check_step(workshop, collection, entry, seat.facilitator)


def check_remove(workshop: Workshop, seat: Seat, collection: str, entity_id: str) -> None:
    """Taking entity `entity_id` out of `collection`."""
    entity = owned(workshop, seat, collection, entity_id, "remove")
    if not seat.facilitator and collection not in (
            {"answers"} if seat.customer else ROOM_ADDS):
        raise NotAllowed(f"only the facilitator can remove {words.noun(collection, 2)}")
    rules.check_open(workshop, collection, entity, seat.facilitator)
    rules.check_step(workshop, collection, entity, seat.facilitator)
    rules.check_removal(workshop, collection, entity_id)


def check_undo(before: Workshop, after: Workshop, seat: Seat, collection: str,
               entity_id: str = "") -> None:
    """Undoing one of the seat's events, which touched entity `entity_id` of `collection`
    (or the workshop's own fields): allowed only if making its effect directly would be.

    `before` and `after` are the workshop without and with the undo. A refusal says that
    the undo was refused and why, in the words of the change it amounts to.
    """
    try:
        if collection == FIELDS:
            if not seat.facilitator:
                raise NotAllowed("only the facilitator changes the session's frame")
            return
        was = _entity(before, collection, entity_id)
        now = _entity(after, collection, entity_id)
        if was is not None and now is None:
            check_remove(before, seat, collection, entity_id)
        elif was is None and now is not None:
            check_add(before, seat, collection, now)
        elif was is not None and now is not None and was != now:
            check_update(before, seat, collection, entity_id, now)
    except CxError as exc:
        raise type(exc)(f"your last change was not undone: {exc}") from exc


def _entity(workshop: Workshop, collection: str, entity_id: str) -> Entity | None:
    return next((e for e in getattr(workshop, collection, []) if e.id == entity_id), None)
