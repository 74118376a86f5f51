"""The workshop's rules that span entities: what must exist, who may say what, budgets.

A single entity is checked by its pydantic model; this module checks an entity against
the rest of the workshop, before its event is appended: a touchpoint sits on a stage that
exists, an action is linked to real pain points or opportunities, a person places no more
dots than the budget, a stage still holding touchpoints is not removed. It reads the
workshop as everything else does (the `Workshop` model: the store moves a known one on
by the new events only, so the check under the append lock stays cheap); the entry being
checked is the validated model of the entry (the editor validates a form or an event's
data once, and the rules read that). It raises `InvalidInput` or `NotAllowed`
with words for the person at the form, and never writes.
"""

from __future__ import annotations

import datetime as dt
from enum import Enum

from cxwidgets.exceptions import InvalidInput, NotAllowed
from cxwidgets.language import _, format_list, ngettext
from cxwidgets.method import words
from cxwidgets.method.kinds import (
    COLLECTIONS,
    CUSTOMER_ADDS,
    MAP_ELEMENTS,
    PRIORITISABLE,
    REFERENCES,
    SPEAKS_FOR,
    TEXT_FIELD,
    kind,
    speaker,
)
from cxwidgets.method.model import (
    EVIDENCE,
    FACILITATOR,
    CustomerAnswer,
    Emotion,
    Entity,
    Vote,
    Workshop,
)
from cxwidgets.method.steps import ROOM_ADDS, step, step_of


def _vote_kind(entry: Entity) -> str:
    """The kind of a vote (dots, accuracy), which decides the step it belongs to."""
    kind_of_vote = getattr(entry, "kind", "dot")
    return str(kind_of_vote.value if isinstance(kind_of_vote, Enum) else kind_of_vote)


def _entities(workshop: Workshop, collection: str) -> list[Entity]:
    entities: list[Entity] = getattr(workshop, collection)
    return entities


def _find(workshop: Workshop, entity_id: str, collections: tuple[str, ...]) -> str | None:
    """The collection (of `collections`) holding the entity with this id, if any."""
    return next((c for c in collections
                 if any(e.id == entity_id for e in _entities(workshop, c))), None)


def check_references(workshop: Workshop, collection: str, entry: Entity) -> None:
    """Every id the entity names must be an entity of the right kind in this workshop."""
    what = words.noun(collection)
    for ref in REFERENCES.get(collection, ()):
        value = getattr(entry, ref.field, None)
        ids = list(value or []) if ref.many else ([value] if value else [])
        kinds = format_list([words.noun(t) for t in ref.targets], choice=True)
        if ref.required and not ids:
            raise InvalidInput(_("{entry} {field}: link at least one {kinds}").format(
                entry=what, field=ref.words, kinds=kinds))
        for entity_id in ids:
            if _find(workshop, entity_id, ref.targets) is None:
                raise InvalidInput(_("{entry} {field}: there is no {kinds} {id} in this "
                                     "workshop (it may have just been removed)").format(
                    entry=what, field=ref.words, kinds=kinds, id=repr(entity_id)))


#: How many dependents a refusal names one by one (the rest are counted).
NAMED_DEPENDENTS = 3


def dependents(workshop: Workshop, collection: str, entity_id: str) -> list[tuple[str, Entity]]:
    """(collection, entity) of everything that stands on the entity through a blocking
    reference: what would be left dangling if it went."""
    found = []
    for other, refs in REFERENCES.items():
        for ref in refs:
            if not ref.blocking or collection not in ref.targets:
                continue
            for entity in _entities(workshop, other):
                value = getattr(entity, ref.field)
                if entity_id in (value or []) if ref.many else value == entity_id:
                    found.append((other, entity))
    return found


def _named(collection: str, entity: Entity) -> str:
    words_of = getattr(entity, TEXT_FIELD.get(collection, "id"), entity.id)
    return f"{words.noun(collection)} {str(words_of)[:60]!r}"


def check_removal(workshop: Workshop, collection: str, entity_id: str) -> None:
    """Refuse to remove an entity others still stand on, naming them."""
    users = dependents(workshop, collection, entity_id)
    if users:
        gone = next(e for e in _entities(workshop, collection) if e.id == entity_id)
        named = [_named(c, e) for c, e in users[:NAMED_DEPENDENTS]]
        if len(users) > NAMED_DEPENDENTS:
            more = len(users) - NAMED_DEPENDENTS
            named.append(ngettext("{n} more", "{n} more", more).format(n=more))
        raise InvalidInput(ngettext(
            "cannot remove {entry}: {held} still depends on it; move or remove it first",
            "cannot remove {entry}: {held} still depend on it; move or remove those first",
            len(users)).format(entry=_named(collection, gone), held=format_list(named)))


def check_seat(collection: str, entry: Entity, author: str,
               is_facilitator: bool, customer: bool = False) -> None:
    """What only the facilitator may say: agreed personas, decisions on comments, votes and
    ratings on someone else's behalf; and that a customer only answers a round."""
    if is_facilitator:
        return
    if customer and collection not in CUSTOMER_ADDS:
        raise NotAllowed(_("this link is for answering the questions only"))
    if not customer and collection not in ROOM_ADDS:
        owner = step_of(collection, _vote_kind(entry))
        if owner:
            raise NotAllowed(_("only the facilitator adds {entries} at {step}").format(
                entries=words.noun(collection, 2), step=owner.ref))
        raise NotAllowed(_("only the facilitator adds {entries}").format(
            entries=words.noun(collection, 2)))
    if collection == "personas" and getattr(entry, "agreed", None):
        raise NotAllowed(_("only the facilitator can mark a persona as agreed"))
    if collection == "comments" and getattr(entry, "status", "open") != "open":
        raise NotAllowed(_("only the facilitator can accept or reject a comment"))
    who = SPEAKS_FOR.get(collection)
    if who and getattr(entry, who, None) not in ("", author):
        raise NotAllowed(_("you can only give your own {things}").format(
            things=_(kind(collection).given_as)))


def check_person(workshop: Workshop, collection: str, entry: Entity) -> None:
    """A vote or rating given for someone names a person who is in the workshop."""
    who = SPEAKS_FOR.get(collection) if collection != "answers" else None  # customers
    person = getattr(entry, who, None) if who else None
    if person and person not in (FACILITATOR, EVIDENCE) and not any(
            p.id == person for p in workshop.participants):
        raise InvalidInput(_("{entry} {field}: {person} is not a participant of this "
                             "workshop").format(entry=words.noun(collection), field=who,
                                                person=repr(person)))


def check_votes(workshop: Workshop, vote: Vote, replacing: str | None = None) -> None:
    """Dots go on pain points and opportunities, within each person's budget; an accuracy
    vote is one per person and element."""
    voter = speaker("votes", vote)
    on_map = {e.id for c in MAP_ELEMENTS for e in _entities(workshop, c)}
    mine = [v for v in workshop.votes
            if v.id != replacing and v.kind == vote.kind and v.target_id in on_map
            and speaker("votes", v) == voter]
    if vote.kind == "dot":
        if vote.value < 1:
            raise InvalidInput(_("vote value: a dot counts 1 or more; take a dot back "
                                 "instead of placing a negative one"))
        if _find(workshop, vote.target_id, PRIORITISABLE) is None:
            raise InvalidInput(_("vote: dots go on pain points and opportunities only"))
        budget = workshop.dot_budget
        spent = sum(v.value for v in mine)
        if spent + vote.value > budget:
            raise InvalidInput(_("vote: no dots left ({spent} of {budget} placed); take one "
                                 "back before placing another").format(spent=spent,
                                                                       budget=budget))
    else:
        if vote.value not in (1, -1):
            raise InvalidInput(_("vote value: an accuracy vote is +1 (accurate) or -1 "
                                 "(not)"))
        if any(v.target_id == vote.target_id for v in mine):
            raise InvalidInput(_("vote: you have already judged this element; change that "
                                 "vote instead"))


def check_ratings(workshop: Workshop, rating: Emotion, replacing: str | None = None) -> None:
    """One rating per person, touchpoint and persona: a second one is a change of mind."""
    who = speaker("emotions", rating)
    for e in workshop.emotions:
        if e.id != replacing and speaker("emotions", e) == who and (
                e.touchpoint_id, e.persona_id) == (
                rating.touchpoint_id, rating.persona_id):
            raise InvalidInput(_("emotion: this touchpoint already has your rating; change "
                                 "it instead"))


def check_open(workshop: Workshop, collection: str, entry: Entity,
               is_facilitator: bool) -> None:
    """A participant's entry for a step the facilitator has locked is refused."""
    if is_facilitator:
        return
    owner = step_of(collection, _vote_kind(entry))
    if owner and owner.key in workshop.locked_steps:
        raise NotAllowed(_("the facilitator has locked {step} for now; your entry was not "
                           "saved").format(step=owner.ref))


def check_step(workshop: Workshop, collection: str, entry: Entity,
               is_facilitator: bool) -> None:
    """A participant's entry belongs to the step the room is on, or to a step the
    facilitator keeps open to all; the screens of earlier steps may still be alive in a
    participant's browser, so this is decided here, never by what a screen shows."""
    if is_facilitator:
        return
    owner = step_of(collection, _vote_kind(entry))
    if owner is None or owner.key == workshop.current_step or owner.key in workshop.open_steps:
        return
    try:
        room_on = _("the room is on {step}").format(step=step(workshop.current_step).ref)
    except KeyError:
        room_on = _("the room is on another step")
    raise NotAllowed(_("{room_on}; {step} is not open for input now, so your {entry} was not "
                       "saved").format(room_on=room_on, step=owner.ref,
                                       entry=words.noun(collection, 1)))


def check_once(workshop: Workshop, collection: str, entry: Entity,
               replacing: str | None = None) -> None:
    """One offer to help per person and action, one self-assessment answer per person
    and statement: a second one is a change of mind, made by changing the first."""
    key = ONCE.get(collection)
    if key is None:
        return
    mine = tuple(speaker(collection, entry) if f == "who" else getattr(entry, f, None) for f in key)
    for e in _entities(workshop, collection):
        if e.id != replacing and tuple(speaker(collection, e) if f == "who" else getattr(e, f)
                                       for f in key) == mine:
            raise InvalidInput(_("{entry}: you have already given this one; change it "
                                 "instead").format(entry=words.noun(collection, 1)))


#: Collections holding one entry per person and thing, and the fields naming the thing
#: ("who" is the person the entry speaks for). Ratings, accuracy votes and customers'
#: answers have their own checks above.
ONCE: dict[str, tuple[str, ...]] = {"volunteers": ("who", "action_id"),
                                    "diagnosis": ("who", "statement_id")}


def check_answer(workshop: Workshop, answer: CustomerAnswer, replacing: str | None = None,
                 today: dt.date | None = None) -> None:
    """A customer's answer: to an open round, about one of its touchpoints, once per
    touchpoint (a second answer is a change of mind: the first is edited instead)."""
    found = next((r for r in workshop.rounds if r.id == answer.round_id), None)
    if found is None:
        raise InvalidInput(_("customer answer: this round is no longer there"))
    today = today or dt.date.today()
    if found.closed or found.closes < today:
        raise NotAllowed(_("this round of questions has closed; thank you for your time"))
    if answer.touchpoint_id not in found.touchpoint_ids:
        raise InvalidInput(_("customer answer: this round does not ask about that step"))
    for a in workshop.answers:
        if a.id != replacing and (a.round_id, a.respondent, a.touchpoint_id) == (
                answer.round_id, answer.respondent, answer.touchpoint_id):
            raise InvalidInput(_("customer answer: you have answered this one already; "
                                 "change that answer instead"))


def _check_kind(workshop: Workshop, collection: str, entry: Entity,
                replacing: str | None) -> None:
    """The rules of one kind of entry."""
    if collection == "touchpoints" and not replacing and workshop.stages and not getattr(
            entry, "stage_id", None):
        raise InvalidInput(_("touchpoint stage: pick the stage of the journey it belongs "
                             "to"))
    if isinstance(entry, Vote):
        check_votes(workshop, entry, replacing)
    elif isinstance(entry, Emotion):
        check_ratings(workshop, entry, replacing)
    elif isinstance(entry, CustomerAnswer):
        check_answer(workshop, entry, replacing)
    elif collection == "personas" and replacing and replacing in getattr(entry, "based_on", []):
        raise InvalidInput(_("persona based on: a persona cannot be built from itself"))
    check_once(workshop, collection, entry, replacing)


def check(workshop: Workshop, collection: str, entry: Entity, author: str,
          is_facilitator: bool, replacing: str | None = None, customer: bool = False) -> None:
    """All cross-entity rules for adding `entry` (or replacing entity `replacing` by it)."""
    check_seat(collection, entry, author, is_facilitator, customer)
    check_open(workshop, collection, entry, is_facilitator)
    check_references(workshop, collection, entry)
    check_person(workshop, collection, entry)
    _check_kind(workshop, collection, entry, replacing)


def check_whole(workshop: Workshop) -> None:
    """Every entity passes the rules its own edit would have had to pass, given everything
    else: for a workshop assembled outside the log (the sample, a consensus of rooms).
    A decided comment is checked as the facilitator's edit (only they decide); every
    other entity as its author's."""
    for collection in COLLECTIONS:
        for entity in _entities(workshop, collection):
            author = entity.created_by or FACILITATOR
            decided = collection == "comments" and getattr(entity, "status", "open") != "open"
            check(workshop, collection, entity, author, author == FACILITATOR or decided,
                  replacing=entity.id)
