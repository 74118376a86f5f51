"""The kinds of entry a workshop holds: one record per kind, as `Step` is one per step.

A `Kind` holds every fact about one kind of entry (a pain point, a vote, a customer's
answer): the workshop field that lists them, the model that validates one, what people
call one and several, the field holding its wording, whose entry it is when someone
enters it for another, what it references, whether a version comparison shows it, where
it sits on the drawn map, whether the room prioritises it and its colour on the board.
The rules, the words, the version comparison, the store and the screens derive their
tables from here, so adding a kind of entry means its model, its record and its screen.
Which steps fill a kind is said by the steps (`Kind.steps` reads them back).
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Any

from pydantic import ValidationError

from cxwidgets.exceptions import InvalidInput
from cxwidgets.language import N_, ngettext
from cxwidgets.method.model import (
    Action,
    BackstageProcess,
    Comment,
    CustomerAnswer,
    DiagnosisAnswer,
    Emotion,
    EmpathyMap,
    Entity,
    EvidenceSource,
    Experiment,
    Goal,
    MomentOfTruth,
    Opportunity,
    PainPoint,
    Participant,
    Persona,
    Reflection,
    Stage,
    Touchpoint,
    ValidationRound,
    Volunteer,
    Vote,
    describe,
)
from cxwidgets.method.steps import STEPS, Step

#: A reference's targets standing for "every kind drawn on the map" (comments, votes).
ON_THE_MAP = ("<on the map>",)
#: A reference's targets standing for "every kind the room prioritises" (actions).
PRIORITISED = ("<prioritised>",)


@dataclass(frozen=True)
class Ref:
    """A field of one kind of entry that names entries of other kinds."""

    field: str
    targets: tuple[str, ...]
    many: bool = False
    required: bool = False
    #: While this reference stands, its target cannot be removed. Ratings, votes and
    #: comments do not block: they simply stop counting once their target is gone (and
    #: come back with it if the removal is undone).
    blocking: bool = True

    @property
    def words(self) -> str:
        return self.field.removesuffix("_ids").removesuffix("_id").replace("_", " ")


@dataclass(frozen=True)
class Kind:
    """One kind of entry of a workshop, and everything the kit needs to know about it."""

    #: The workshop field listing these entries; the name events use for them.
    collection: str
    #: The pydantic model one entry is validated into.
    model: type[Entity]
    #: What people call one entry and several ("pain point", "pain points").
    one: str
    many: str
    #: The field holding the entry's wording: what names it, what a review may reword.
    text_field: str | None = None
    #: The field naming the person an entry speaks for, where someone may enter it for
    #: another (the facilitator types in a rating given on paper); else the author.
    speaks_for: str | None = None
    #: What people give of this kind, in "you can only give your own ..." (if they may);
    #: marked for the catalogue, translated where it is said.
    given_as: str = ""
    #: The fields naming other entries.
    references: tuple[Ref, ...] = ()
    #: Shown when two versions of the map are compared (step 14).
    compared: bool = False
    #: Its place among the elements of the drawn map (what people comment and vote on).
    map_order: int | None = None
    #: The room prioritises these (step 12) and links actions to them (step 13).
    prioritised: bool = False
    #: A customer answering a validation round may add this kind (and nothing else).
    customers_add: bool = False
    #: The colour of its sticky notes on the facilitator's board.
    colour: str = "#f4f4f4"

    @property
    def steps(self) -> tuple[Step, ...]:
        """The steps whose screens fill this kind (votes: the steps that take votes)."""
        return tuple(s for s in STEPS if self.collection in s.fills)

    @property
    def on_map(self) -> bool:
        return self.map_order is not None

    def validate(self, data: dict[str, Any]) -> Entity:
        """One entry of this kind from a form's or an event's data, or `InvalidInput`
        naming the field, in the words of the person at the form."""
        try:
            return self.model.model_validate(data)
        except ValidationError as exc:
            raise InvalidInput(describe(exc, ngettext(self.one, self.many, 1))) from exc


_REF_PERSONA = Ref("persona_id", ("personas",))
_REF_TOUCHPOINT = Ref("touchpoint_id", ("touchpoints",))

#: Every kind of entry, in the order the workshop lists them.
_RAW_KINDS: tuple[Kind, ...] = (
    Kind("sources", EvidenceSource, "evidence source", "evidence sources", text_field="name"),
    Kind("participants", Participant, "participant", "participants", text_field="name"),
    Kind("personas", Persona, "persona", "personas", text_field="name", compared=True,
         map_order=5, colour="#efe3f7",
         references=(Ref("based_on", ("personas",), many=True, blocking=False),)),
    Kind("empathy_maps", EmpathyMap, "empathy map", "empathy maps",
         references=(_REF_PERSONA,)),
    Kind("stages", Stage, "stage", "stages", text_field="name", compared=True, map_order=0),
    Kind("touchpoints", Touchpoint, "touchpoint", "touchpoints", text_field="name",
         compared=True, map_order=1, colour="#e3ecfb", references=(Ref("stage_id", ("stages",)),)),
    Kind("emotions", Emotion, "emotion", "emotions", speaks_for="participant",
         given_as=N_("ratings"),
         references=(Ref("touchpoint_id", ("touchpoints",), blocking=False),
                     Ref("persona_id", ("personas",), blocking=False))),
    Kind("pain_points", PainPoint, "pain point", "pain points", text_field="text",
         compared=True, map_order=2, prioritised=True, colour="#fde0d3",
         references=(_REF_TOUCHPOINT, _REF_PERSONA)),
    Kind("opportunities", Opportunity, "opportunity", "opportunities", text_field="text",
         compared=True, map_order=3, prioritised=True, colour="#d9f2e6",
         references=(_REF_TOUCHPOINT, _REF_PERSONA, Ref("pain_id", ("pain_points",)),
                     Ref("goal_ids", ("goals",), many=True, blocking=False))),
    Kind("backstage", BackstageProcess, "backstage process", "backstage processes",
         text_field="name", compared=True, map_order=4, colour="#eceff3",
         references=(_REF_TOUCHPOINT,)),
    Kind("comments", Comment, "comment", "comments", text_field="text", colour="#fff3c4",
         references=(Ref("target_id", ON_THE_MAP, blocking=False),)),
    Kind("votes", Vote, "vote", "votes", speaks_for="voter", given_as=N_("votes"),
         references=(Ref("target_id", ON_THE_MAP, blocking=False),)),
    Kind("actions", Action, "action", "actions", text_field="title", compared=True,
         references=(Ref("linked_ids", PRIORITISED, many=True, required=True),
                     Ref("goal_ids", ("goals",), many=True, blocking=False))),
    Kind("volunteers", Volunteer, "volunteer", "volunteers", speaks_for="participant",
         given_as=N_("offers to help"),
         references=(Ref("action_id", ("actions",), blocking=False),)),
    Kind("goals", Goal, "goal", "goals", text_field="title", compared=True),
    Kind("diagnosis", DiagnosisAnswer, "diagnosis answer", "diagnosis answers"),
    Kind("moments", MomentOfTruth, "moment of truth", "moments of truth",
         references=(Ref("stage_id", ("stages",)),)),
    Kind("experiments", Experiment, "experiment", "experiments", text_field="title",
         references=(Ref("linked_ids", PRIORITISED, many=True),)),
    Kind("reflections", Reflection, "reflection", "reflections", speaks_for="participant",
         given_as=N_("reflections")),
    Kind("rounds", ValidationRound, "validation round", "validation rounds",
         text_field="title",
         references=(Ref("persona_id", ("personas",), blocking=False),
                     Ref("touchpoint_ids", ("touchpoints",), many=True, blocking=False))),
    Kind("answers", CustomerAnswer, "customer answer", "customer answers",
         speaks_for="respondent", given_as=N_("answers"), customers_add=True,
         references=(Ref("round_id", ("rounds",)),
                     Ref("touchpoint_id", ("touchpoints",), blocking=False))),
)

#: The kinds drawn on the map, in the map's order: what people comment and vote on.
MAP_ELEMENTS: tuple[str, ...] = tuple(
    k.collection for k in sorted((k for k in _RAW_KINDS if k.on_map),
                                 key=lambda k: k.map_order or 0))
#: What the room prioritises in step 12 and links actions to in step 13.
PRIORITISABLE: tuple[str, ...] = tuple(k.collection for k in _RAW_KINDS if k.prioritised)


def _with_targets(ref: Ref) -> Ref:
    """A reference with "on the map" and "prioritised" spelt out as the kinds they are."""
    spelt: dict[tuple[str, ...], tuple[str, ...]] = {ON_THE_MAP: MAP_ELEMENTS,
                                                     PRIORITISED: PRIORITISABLE}
    targets = spelt.get(ref.targets)
    return replace(ref, targets=targets) if targets else ref


def _spelt(kind: Kind) -> Kind:
    return replace(kind, references=tuple(_with_targets(r) for r in kind.references))


KINDS: tuple[Kind, ...] = tuple(_spelt(k) for k in _RAW_KINDS)
_BY_COLLECTION: dict[str, Kind] = {k.collection: k for k in KINDS}

# The tables the rest of the kit reads, each derived from the records above.
#: Workshop fields holding lists of entities, by the name events use for them.
COLLECTIONS: dict[str, type[Entity]] = {k.collection: k.model for k in KINDS}
#: What people call one entry of each collection, and several (`words.noun` says them).
NOUNS: dict[str, tuple[str, str]] = {k.collection: (k.one, k.many) for k in KINDS}
#: The field naming the person an entry speaks for (see `Kind.speaks_for`).
SPEAKS_FOR: dict[str, str] = {k.collection: k.speaks_for for k in KINDS if k.speaks_for}
#: The field holding each collection's wording (what names it; what a review can reword).
TEXT_FIELD: dict[str, str] = {k.collection: k.text_field for k in KINDS if k.text_field}
#: What a version comparison shows: the map and the plan around it.
COMPARED: tuple[str, ...] = tuple(k.collection for k in KINDS if k.compared)
#: The fields of each kind that name other entries.
REFERENCES: dict[str, tuple[Ref, ...]] = {k.collection: k.references for k in KINDS
                                          if k.references}
#: All a customer (validation round) may add.
CUSTOMER_ADDS = frozenset(k.collection for k in KINDS if k.customers_add)
#: Colours of sticky notes by kind of entry (colour-blind-safe, light enough for text).
BOARD_COLOURS: dict[str, str] = {k.collection: k.colour for k in KINDS}


def kind(collection: str) -> Kind:
    """The record of a kind of entry, or `InvalidInput` naming the kinds there are."""
    try:
        return _BY_COLLECTION[collection]
    except KeyError:
        known = ", ".join(sorted(_BY_COLLECTION))
        raise InvalidInput(f"unknown collection {collection!r}; known: {known}") from None


def validate_entity(collection: str, data: dict[str, Any]) -> Entity:
    """Validate one entity for `collection`, raising `InvalidInput` that names the field."""
    return kind(collection).validate(data)


def singular(collection: str) -> str:
    """A collection's name for one of its entries, as people say it ("pain point")."""
    return kind(collection).one


def speaker(collection: str, entry: Any) -> str:
    """Whose entry this is: the person it speaks for, else whoever made it. Works on a
    model object and on its folded dict alike."""
    get = entry.get if isinstance(entry, dict) else lambda k: getattr(entry, k, "")
    known = _BY_COLLECTION.get(collection)
    field_name = known.speaks_for if known else None
    return str((get(field_name) if field_name else "") or get("created_by") or "")


__all__ = ["BOARD_COLOURS", "COLLECTIONS", "COMPARED", "CUSTOMER_ADDS", "KINDS", "MAP_ELEMENTS",
           "NOUNS", "PRIORITISABLE", "REFERENCES", "SPEAKS_FOR", "TEXT_FIELD", "Kind", "Ref",
           "kind", "singular", "speaker", "validate_entity"]
