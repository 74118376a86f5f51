"""The journey-mapping model: pydantic v2 classes for everything a workshop captures.

The model is the middle of the one-way data flow (files -> model -> charts/widgets ->
exports). It knows nothing of the store, widgets or files; the store folds events into
a `Workshop`, widgets render one, exports write one out. Bump `SCHEMA_VERSION` whenever
a saved workshop would no longer validate.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from enum import Enum
from pathlib import Path
from typing import Annotated, Any

from pydantic import (
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    StringConstraints,
    ValidationError,
    model_validator,
)

from cxwidgets.exceptions import InvalidInput
from cxwidgets.language import N_, _, pgettext

SCHEMA_VERSION = 1

NAME_MAX = 120
TEXT_MAX = 2000

#: Control characters (all but tab and line breaks): invisible on screen, refused by
#: spreadsheets, and never meant by whoever pasted them.
CONTROL_CHARACTERS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def _without_controls(value: Any) -> Any:
    return CONTROL_CHARACTERS.sub("", value) if isinstance(value, str) else value


Printable = BeforeValidator(_without_controls)
Name = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=NAME_MAX),
                 Printable]
Text = Annotated[str, StringConstraints(strip_whitespace=True, max_length=TEXT_MAX), Printable]
EntityId = Annotated[str, StringConstraints(pattern=r"^[A-Za-z0-9_-]{1,40}$")]
#: A language, as its code ("de", "fr", "pt-BR"): what the model keeps; the words are the
#: catalogue's (`cxwidgets.language`).
LanguageCode = Annotated[str, StringConstraints(strip_whitespace=True,
                                                pattern=r"^([a-z]{2,3}([-_][A-Za-z]{2,4})?)?$")]
Score = Annotated[int, Field(ge=-2, le=2, description="-2 very negative .. +2 very positive")]
#: Most entries any list in a workshop entity may hold: enough for any real persona or
#: pain point, and a bound on what one pasted text can make the store and screens carry.
LIST_MAX = 100
Lines = Annotated[list[Text], Field(max_length=LIST_MAX)]
Ids = Annotated[list[EntityId], Field(max_length=LIST_MAX)]
Rating = Annotated[int, Field(ge=1, le=5)]


#: The author id of the facilitator's seat (participants get generated ids).
FACILITATOR = "facilitator"
#: Ratings the facilitator records from customer evidence (step 2) are given by this name.
EVIDENCE = "evidence"
#: Dots each person may place unless the facilitator sets another budget (step 12).
DEFAULT_DOT_BUDGET = 5
class Function(str, Enum):
    """The company functions a workshop draws its participants and owners from."""

    sales = "sales"
    support = "support"
    it = "it"
    operations = "operations"
    finance = "finance"
    product = "product"
    marketing = "marketing"
    hr = "hr"
    legal = "legal"
    leadership = "leadership"
    other = "other"
    #: an owner nobody in the room could name yet ("Not sure yet"), not "Other"
    unknown = "unknown"


class Channel(str, Enum):
    """Where a touchpoint happens."""

    web = "web"
    mobile_app = "mobile_app"
    email = "email"
    chat = "chat"
    social = "social"
    phone = "phone"
    store = "store"
    in_person = "in_person"
    mail = "mail"
    partner = "partner"
    other = "other"


PHYSICAL_CHANNELS = frozenset({Channel.store, Channel.in_person, Channel.mail})


class Medium(str, Enum):
    """Whether a touchpoint is digital or physical; drawn differently on the map."""

    digital = "digital"
    physical = "physical"


def default_medium(channel: Channel | str) -> Medium:
    """The medium a channel usually implies, used as the form's default."""
    return Medium.physical if Channel(channel) in PHYSICAL_CHANNELS else Medium.digital


class PurposeKind(str, Enum):
    """What the workshop is for (METHOD.md step 1)."""

    pain_points = "pain_points"
    touchpoints = "touchpoints"
    innovation = "innovation"


class SourceKind(str, Enum):
    """The kinds of customer evidence a workshop prepares with (METHOD.md step 2)."""

    survey = "survey"
    interview = "interview"
    review = "review"
    social = "social"
    support_log = "support_log"
    analytics = "analytics"
    other = "other"


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", validate_assignment=True, use_enum_values=False)


class Entity(_Model):
    """Anything a person adds to a workshop; `created_by` lets the store enforce ownership."""

    id: EntityId
    created_by: str = ""


class Purpose(_Model):
    kind: PurposeKind = PurposeKind.pain_points
    statement: Text = ""


class EvidenceSource(Entity):
    """One body of customer evidence the map rests on: a survey, interviews, a support log."""

    name: Name
    kind: SourceKind = SourceKind.survey
    rows: int | None = Field(default=None, ge=0, le=10**9,
                             description="how many responses, reviews or tickets it holds")
    period: Text = ""
    location: Text = Field(default="", description="file path or link")
    note: Text = ""
    mapping: dict[str, Any] = Field(
        default={}, description="the column mapping the file was read with, to read it again")


class Participant(Entity):
    name: Name
    function: Function = Function.other
    group: Text = ""
    language: LanguageCode = Field(
        default="", description="the language this person's screens speak; empty: the "
                                "workshop's")


class Persona(Entity):
    name: Name
    role: Text = ""
    background: Text = ""
    goals: Lines = []
    needs: Lines = []
    frustrations: Lines = []
    channels: Annotated[list[Channel], Field(max_length=20)] = []
    quote: Text = ""
    group: Text = ""
    segment: Text = ""
    agreed: bool = False
    based_on: Ids = Field(
        default=[], description="the group drafts an agreed persona was built from")


class EmpathyMap(Entity):
    persona_id: EntityId
    says: Lines = []
    thinks: Lines = []
    does: Lines = []
    feels: Lines = []
    hears: Lines = []
    needs: Lines = []
    pains: Lines = []
    gains: Lines = []
    evidence: Lines = Field(default=[], description="customer quotes or sources behind it")


class Stage(Entity):
    name: Name
    #: Stages sort by it. A number between its neighbours' (`views.order_at`), so moving
    #: a stage is one change of one stage, taken back by one undo.
    order: int | float = 0
    description: Text = ""


class Touchpoint(Entity):
    name: Name
    channel: Channel = Channel.web
    medium: Medium = Medium.digital
    owner: Function = Function.other
    stage_id: EntityId | None = None
    description: Text = ""


class Emotion(Entity):
    """One rater's feeling at one touchpoint, for one persona (None: any persona)."""

    touchpoint_id: EntityId
    score: Score
    word: Text = ""
    participant: Text = Field(default="", description="who gave the rating (participant id)")
    persona_id: EntityId | None = None


class PainPoint(Entity):
    touchpoint_id: EntityId
    text: Name
    detail: Text = ""
    evidence: Lines = Field(default=[], description="customer quotes or metrics")
    impact: Rating | None = None
    effort: Rating | None = None
    persona_id: EntityId | None = None


class Opportunity(Entity):
    touchpoint_id: EntityId
    text: Name
    detail: Text = ""
    evidence: Lines = []
    pain_id: EntityId | None = Field(default=None, description="the pain point it answers")
    impact: Rating | None = None
    effort: Rating | None = None
    goal_ids: Ids = []
    persona_id: EntityId | None = None


class BackstageProcess(Entity):
    touchpoint_id: EntityId
    name: Name
    owner: Function = Function.other
    description: Text = ""


class CommentStatus(str, Enum):
    open = "open"
    accepted = "accepted"
    rejected = "rejected"


class Comment(Entity):
    """A remark on one map element, optionally proposing new wording for it."""

    target_id: EntityId
    text: Name
    proposed: Text = Field(default="", description="suggested new wording of the element")
    status: CommentStatus = CommentStatus.open


class VoteKind(str, Enum):
    dot = "dot"
    accuracy = "accuracy"


class Vote(Entity):
    """A dot (value 1) on a pain point or opportunity, or an accuracy vote (+1 / -1)."""

    target_id: EntityId
    kind: VoteKind = VoteKind.dot
    value: int = Field(default=1, ge=-1, le=10)
    voter: Text = Field(default="", description="whose vote it is (participant id)")


class ActionStatus(str, Enum):
    todo = "todo"
    doing = "doing"
    done = "done"
    dropped = "dropped"


class Action(Entity):
    title: Name
    linked_ids: Ids = []
    owner: Name
    function: Function = Function.other
    start: dt.date | None = None
    due: dt.date
    status: ActionStatus = ActionStatus.todo
    goal_ids: Ids = []

    @model_validator(mode="after")
    def _dates_in_order(self) -> Action:
        if self.start is not None and self.start > self.due:
            raise ValueError(f"the due date {self.due} is before the start date {self.start}")
        return self


class Goal(Entity):
    title: Name
    is_vision: bool = False
    kpi: Text = ""


class VersionKind(str, Enum):
    as_is = "as_is"
    to_be = "to_be"
    review = "review"


class MapVersion(_Model):
    """A named point in the workshop's history; its content is the fold up to `seq`."""

    name: Name
    seq: int = Field(ge=0)
    kind: VersionKind = VersionKind.review
    note: Text = ""
    created_at: dt.datetime | None = None


class Volunteer(Entity):
    """A participant offering to take on, or help with, an action (step 13)."""

    action_id: EntityId
    participant: Text = ""
    note: Text = ""


class StepTimer(_Model):
    """The facilitator's countdown for one step; `remaining` is computed, never stored."""

    minutes: float = Field(gt=0, le=480)
    started_at: dt.datetime | None = None
    elapsed_s: float = Field(default=0.0, ge=0)

    def remaining(self, now: dt.datetime) -> float:
        """Seconds left at `now` (negative once the time is up)."""
        running = (now - self.started_at).total_seconds() if self.started_at else 0.0
        return self.minutes * 60 - self.elapsed_s - running

    @property
    def running(self) -> bool:
        return self.started_at is not None

    def started(self, now: dt.datetime) -> StepTimer:
        return self if self.running else self.model_copy(update={"started_at": now})

    def paused(self, now: dt.datetime) -> StepTimer:
        if not self.started_at:
            return self
        run = (now - self.started_at).total_seconds()
        return self.model_copy(update={"started_at": None, "elapsed_s": self.elapsed_s + run})

    def reset(self, minutes: float | None = None) -> StepTimer:
        return StepTimer(minutes=minutes or self.minutes)


class DiagnosisAnswer(Entity):
    """One participant's agreement (1-5) with one customer-orientation statement."""

    statement_id: EntityId
    participant: Name
    function: Function = Function.other
    score: Rating


class MomentOfTruth(Entity):
    stage_id: EntityId
    task: Text = ""
    channels: Annotated[list[Channel], Field(max_length=20)] = []
    duration: Text = ""
    decides: Text = ""
    involved: Annotated[list[Function], Field(max_length=20)] = []


class ExperimentDecision(str, Enum):
    open = "open"
    keep = "keep"
    change = "change"
    stop = "stop"


class Experiment(Entity):
    """One test-and-learn cycle: what was tried against which pain or opportunity, measured
    how, with what result and decision."""

    title: Name
    hypothesis: Text = ""
    linked_ids: Ids = []
    kpi: Text = ""
    result: Text = ""
    decision: ExperimentDecision = ExperimentDecision.open
    note: Text = ""


class Mindset(str, Enum):
    """The mindsets that pull a company away from its customers."""

    fixed = "fixed"
    organisational = "organisational"
    compliance = "compliance"
    technical = "technical"


class Reflection(Entity):
    """Where a participant sees one of the four mindsets at work, and what would help."""

    mindset: Mindset
    seen: Text = ""
    instead: Text = ""
    participant: Text = ""


class Happens(str, Enum):
    """Whether a touchpoint happens to a customer the way the map shows it."""

    yes = "yes"
    not_like_this = "not_like_this"
    never = "never"


#: Touchpoints a validation round may ask about; about 12 keep a customer to five minutes.
ROUND_MAX = 30
RoundCode = Annotated[str, StringConstraints(pattern=r"^[A-Z0-9]{8}$")]


class ValidationRound(Entity):
    """Questions to real customers about one version of the map: does the journey the room
    drew happen to them, and how does it feel? Opened by the facilitator, answered through
    the customers' link (its `code`), closed on `closes` or by the facilitator."""

    title: Name
    code: RoundCode
    version: Text = Field(default="", description="named version shown; empty: the map now")
    persona_id: EntityId | None = None
    touchpoint_ids: Annotated[list[EntityId], Field(min_length=1, max_length=ROUND_MAX)]
    closes: dt.date
    consent: Text = ""
    closed: bool = False


class CustomerAnswer(Entity):
    """One customer's answer about one touchpoint of a round. `respondent` is a random id
    their browser keeps (so a returning customer edits their answers); never a name."""

    round_id: EntityId
    respondent: EntityId
    touchpoint_id: EntityId
    feeling: Score | None = None
    happens: Happens = Happens.yes
    comment: Text = ""
    answered_on: dt.date | None = None


class ConsensusRoom(_Model):
    """One room (workshop) merged into a consensus map, and who was in it."""

    key: EntityId
    name: Name = Field(description="the room's short name, as screens and reports show it")
    title: Name = Field(description="the title of the room's own workshop")
    workshop_id: Text = ""
    functions: dict[Function, int] = Field(
        default={}, description="how many people of each function were in the room")


class Consensus(_Model):
    """Where a consensus map's content came from: the rooms merged into it, the rooms
    that named each element, who raised each pain point and idea, and each person's room.

    Kept on the merged workshop so the map, the screens and the exports can show where
    the rooms agree and where they do not, long after the rooms themselves changed.
    """

    rooms: Annotated[list[ConsensusRoom], Field(min_length=2, max_length=50)]
    named_by: dict[EntityId, list[EntityId]] = Field(
        default={}, description="merged element -> keys of the rooms that named it")
    raised_by: dict[EntityId, list[EntityId]] = Field(
        default={}, description="merged pain point or opportunity -> people who raised it")
    people: dict[EntityId, EntityId] = Field(
        default={}, description="person (rater, voter, author) -> key of their room")


class Workshop(_Model):
    """The whole saved state of one workshop: the fold of its events."""

    schema_version: int = SCHEMA_VERSION
    id: EntityId
    title: Name
    scope: Text = ""
    purpose: Purpose = Purpose()
    customer_purpose: Text = ""
    dates: list[dt.date] = []
    language: LanguageCode = Field(
        default="en", description="the language the room's screens and exports speak "
                                  "(a code of cxwidgets.language.LANGUAGES)")
    next_review: dt.date | None = Field(
        default=None, description="when the map is next to be reviewed with the room")
    dot_budget: int = Field(default=DEFAULT_DOT_BUDGET, ge=1, le=50,
                            description="dots each person may place")
    timers: dict[str, StepTimer] = {}
    current_step: Annotated[str, StringConstraints(max_length=40)] = Field(
        default="frame", description="the step the facilitator has opened for the room")
    locked_steps: Annotated[list[Annotated[str, StringConstraints(max_length=40)]],
                            Field(max_length=16)] = Field(
        default=[], description="steps that take no more input from participants")
    open_steps: Annotated[list[Annotated[str, StringConstraints(max_length=40)]],
                          Field(max_length=16)] = Field(
        default=[], description="steps the facilitator keeps open to the room's input "
                                "whichever step the room is on")
    votes_hidden: bool = Field(default=False,
                               description="dot counts are hidden from participants")
    hidden: Annotated[list[EntityId], Field(max_length=10_000)] = Field(
        default=[], description="entries the facilitator took off the board; kept in the "
                                "history")
    merged: dict[EntityId, EntityId] = Field(
        default={}, description="duplicate entry -> the entry it was merged into")
    sources: list[EvidenceSource] = []
    participants: list[Participant] = []
    personas: list[Persona] = []
    empathy_maps: list[EmpathyMap] = []
    stages: list[Stage] = []
    touchpoints: list[Touchpoint] = []
    emotions: list[Emotion] = []
    pain_points: list[PainPoint] = []
    opportunities: list[Opportunity] = []
    backstage: list[BackstageProcess] = []
    comments: list[Comment] = []
    votes: list[Vote] = []
    actions: list[Action] = []
    volunteers: list[Volunteer] = []
    goals: list[Goal] = []
    versions: list[MapVersion] = []
    diagnosis: list[DiagnosisAnswer] = []
    moments: list[MomentOfTruth] = []
    experiments: list[Experiment] = []
    reflections: list[Reflection] = []
    rounds: list[ValidationRound] = []
    answers: list[CustomerAnswer] = []
    consensus: Consensus | None = Field(
        default=None,
        description="set on a consensus map merged from several rooms (never on a room)")

    def to_json(self) -> str:
        return self.model_dump_json(indent=2)

    @classmethod
    def from_json(cls, text: str | bytes) -> Workshop:
        try:
            return cls.model_validate_json(text)
        except ValidationError as exc:
            raise InvalidInput(describe(exc, N_("workshop"))) from exc


#: Workshop fields that are single values, editable with a `workshop.update` event.
WORKSHOP_FIELDS = frozenset({"title", "scope", "purpose", "customer_purpose", "dates", "language",
                             "dot_budget", "timers", "current_step", "locked_steps",
                             "open_steps", "votes_hidden", "hidden", "merged", "next_review",
                             "consensus"})

_FRIENDLY = {
    "string_too_long": N_("is too long ({length} characters; at most {max_length})"),
    "string_too_short": N_("must not be empty"),
    "missing": N_("is required"),
    "extra_forbidden": N_("is not a known field"),
    "string_pattern_mismatch": N_("may hold only letters, digits, '-' and '_' (1-40 "
                                  "characters)"),
    "too_long": N_("has too many entries ({actual_length}; at most {max_length})"),
}


def _marked_field_words() -> tuple[str, ...]:
    """The field names a refusal may name, marked for the catalogue (as fields: "field"
    context); `describe` reads each in the language spoken."""
    return (pgettext("field", "name"), pgettext("field", "text"),
            pgettext("field", "title"), pgettext("field", "touchpoint"),
            pgettext("field", "stage"), pgettext("field", "persona"),
            pgettext("field", "word"), pgettext("field", "score"),
            pgettext("field", "detail"), pgettext("field", "evidence"),
            pgettext("field", "quote"), pgettext("field", "role"),
            pgettext("field", "group"), pgettext("field", "segment"),
            pgettext("field", "note"), pgettext("field", "proposed"),
            pgettext("field", "target"), pgettext("field", "action"),
            pgettext("field", "description"), pgettext("field", "owner"),
            pgettext("field", "channel"), pgettext("field", "function"),
            pgettext("field", "language"), pgettext("field", "pain"),
            pgettext("field", "background"), pgettext("field", "goals"),
            pgettext("field", "needs"), pgettext("field", "frustrations"))


def describe(exc: ValidationError, what: str) -> str:
    """Turn a pydantic error into one line per field, e.g. "touchpoint name: must not be empty".

    Pydantic's own text names the field but speaks to programmers; this speaks to the
    person at the form, and keeps the field name so they know where to look.
    """
    lines = []
    for err in exc.errors():
        field = ".".join(_field_words(str(p)) for p in err["loc"])
        template = _FRIENDLY.get(err["type"])
        if err["type"] == "string_pattern_mismatch" and err.get("input") == "":
            message = _("pick one first")
        elif err["type"] == "value_error" and "error" in (err.get("ctx") or {}):
            message = str(err["ctx"]["error"])
        elif template:
            ctx = dict(err.get("ctx") or {})
            value = err.get("input")
            ctx.setdefault("length", len(value) if isinstance(value, str) else "?")
            message = _(template).format(**ctx)
        else:
            message = err["msg"][0].lower() + err["msg"][1:]
        lines.append(f"{_(what)} {field}: {message}" if field else f"{_(what)}: {message}")
    return "; ".join(lines)


def _field_words(name: str) -> str:
    """`touchpoint_id` -> `touchpoint`: the field as the form's label says it."""
    if name in ("id", "ids"):
        return name
    return pgettext("field", name.removesuffix("_ids").removesuffix("_id").replace("_", " "))


def json_schema() -> dict[str, Any]:
    """The JSON schema of a saved workshop, for tools outside Python."""
    schema = Workshop.model_json_schema()
    schema["$id"] = f"https://cxwidgets.org/schema/workshop-v{SCHEMA_VERSION}.json"
    return schema


def write_json_schema(path: str | Path) -> Path:
    path = Path(path)
    path.write_text(json.dumps(json_schema(), indent=2) + "\n", encoding="utf-8")
    return path
