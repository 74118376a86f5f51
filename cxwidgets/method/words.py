"""The words people read: one label for every code of the model, and the kit's plurals.

Screens, charts, the report, the poster, the workbook and the CSV files all say a code
through here, so "todo" is "To do" everywhere and a channel has one name. A data file may
keep a code in an extra column for machines; what a person reads is the word.
`tests/method/test_words.py` walks every enum of the model and fails on a value without
a label.
"""

from __future__ import annotations

from enum import Enum
from typing import Any

from cxwidgets.method.kinds import NOUNS
from cxwidgets.method.model import (
    ActionStatus,
    Channel,
    CommentStatus,
    ExperimentDecision,
    Function,
    Happens,
    Medium,
    Mindset,
    PurposeKind,
    SourceKind,
    VersionKind,
    VoteKind,
)

CHANNEL = {
    Channel.web: "Website", Channel.mobile_app: "Mobile app", Channel.email: "Email",
    Channel.chat: "Chat", Channel.social: "Social media", Channel.phone: "Phone",
    Channel.store: "Store", Channel.in_person: "In person", Channel.mail: "Post",
    Channel.partner: "Partner", Channel.other: "Other",
}
FUNCTION = {
    Function.sales: "Sales", Function.support: "Customer support", Function.it: "IT",
    Function.operations: "Operations", Function.finance: "Finance",
    Function.product: "Product", Function.marketing: "Marketing", Function.hr: "People / HR",
    Function.legal: "Legal", Function.leadership: "Leadership", Function.other: "Other",
    Function.unknown: "Not sure yet",
}
MEDIUM = {Medium.digital: "Digital", Medium.physical: "Physical"}
PURPOSE = {
    PurposeKind.pain_points: "Find the pain points",
    PurposeKind.touchpoints: "Improve the touchpoints",
    PurposeKind.innovation: "Find room to innovate",
}
SOURCE_KIND = {
    SourceKind.survey: "Survey", SourceKind.interview: "Interviews",
    SourceKind.review: "Reviews", SourceKind.social: "Social posts",
    SourceKind.support_log: "Support log", SourceKind.analytics: "Analytics",
    SourceKind.other: "Other",
}
COMMENT_STATUS = {CommentStatus.open: "Open", CommentStatus.accepted: "Accepted",
                  CommentStatus.rejected: "Rejected"}
VOTE_KIND = {VoteKind.dot: "Dot", VoteKind.accuracy: "Accuracy vote"}
ACTION_STATUS = {ActionStatus.todo: "To do", ActionStatus.doing: "In progress",
                 ActionStatus.done: "Done", ActionStatus.dropped: "Dropped"}
VERSION_KIND = {VersionKind.as_is: "As-is", VersionKind.to_be: "To-be",
                VersionKind.review: "Review"}
DECISION = {ExperimentDecision.open: "Still running", ExperimentDecision.keep: "Keep it",
            ExperimentDecision.change: "Change it", ExperimentDecision.stop: "Stop it"}
MINDSET = {Mindset.fixed: "Fixed mindset", Mindset.organisational: "Organisational mindset",
           Mindset.compliance: "Compliance mindset", Mindset.technical: "Technical mindset"}
HAPPENS = {Happens.yes: "Yes, like this", Happens.not_like_this: "Not like this",
           Happens.never: "Never used it"}
#: A choice not made yet: what a person picks when they do not know (their function, say).
NOT_SURE = "Not sure yet"
#: Who wrote an entry, by the author's role (`roles.kind_of`): the words of an export's
#: "Role" column, beside the name.
ROLE_WORDS = {"facilitator": "facilitator", "evidence": "customer evidence",
              "customer": "customer", "participant": "participant",
              "gone": "participant who left"}
#: The feeling scale of step 6 (-2..+2).
FEELING = {-2: "Very bad", -1: "Bad", 0: "Neutral", 1: "Good", 2: "Very good"}
#: What people call each kind of map element or other entry, as a heading word.
KIND = {collection: one[0].upper() + one[1:] for collection, (one, _) in NOUNS.items()}
KIND["workshop"] = "Session"

#: What people call each field of a map element or of the session, where a screen names
#: one (step 14's comparison says "Goals it serves" changed, never "goal_ids").
FIELD = {
    "name": "Name", "title": "Title", "text": "Text", "role": "Role", "segment": "Segment",
    "group": "Group", "background": "Background", "goals": "Goals", "needs": "Needs",
    "frustrations": "Frustrations", "channels": "Channels", "quote": "Quote",
    "agreed": "Agreed", "based_on": "Built from drafts", "order": "Place in the journey",
    "description": "Description", "channel": "Channel", "medium": "Digital or physical",
    "owner": "Owner", "stage_id": "Stage", "touchpoint_id": "Touchpoint", "detail": "Detail",
    "evidence": "Evidence", "impact": "Impact", "effort": "Effort", "persona_id": "Persona",
    "pain_id": "Answers the pain point", "goal_ids": "Goals it serves",
    "linked_ids": "Answers", "function": "Function", "start": "Start", "due": "Due",
    "status": "Status", "is_vision": "The vision", "kpi": "Measured by", "scope": "Scope",
    "purpose": "Purpose", "customer_purpose": "Customer purpose", "dates": "Days",
}
#: The label table of each field whose values are codes.
FIELD_CODES: dict[str, dict[Any, str]] = {
    "channel": CHANNEL, "channels": CHANNEL, "medium": MEDIUM, "function": FUNCTION,
    "status": ACTION_STATUS, "owner": FUNCTION,  # an action's owner is a name: kept as is
}

#: Every enum of the model with its labels: `word()` finds a code's table from its type.
TABLES: dict[type[Enum], dict[Any, str]] = {
    Channel: CHANNEL, Function: FUNCTION, Medium: MEDIUM, PurposeKind: PURPOSE,
    SourceKind: SOURCE_KIND, CommentStatus: COMMENT_STATUS, VoteKind: VOTE_KIND,
    ActionStatus: ACTION_STATUS, VersionKind: VERSION_KIND, ExperimentDecision: DECISION,
    Mindset: MINDSET, Happens: HAPPENS,
}


def field(name: str) -> str:
    """The label of a field of the model ("goal_ids" is "Goals it serves")."""
    return FIELD.get(name) or name.replace("_", " ").capitalize()


def word(code: Enum) -> str:
    """The label of any code of the model (`word(ActionStatus.todo)` is "To do")."""
    return TABLES[type(code)][code]


def options(labels: dict[Any, str]) -> list[tuple[str, str]]:
    """(label, code) pairs for a Dropdown, in the order the labels are written."""
    return [(text, code.value) for code, text in labels.items()]


def options_not_sure(labels: dict[Any, str]) -> list[tuple[str, str]]:
    """Options for a choice a person may not know yet: "Not sure yet" (value "") first,
    so nobody is counted under the first entry of the list for not touching it."""
    return [(NOT_SURE, ""), *[o for o in options(labels) if o[0] != NOT_SURE]]


def label(labels: dict[Any, str], code: Enum | str) -> str:
    """The label of `code` (an enum member or its value as stored) in `labels`."""
    text = labels.get(code)  # a member, or a value that is also its member's name
    if text is not None:
        return text
    for key, text in labels.items():
        if code in (key, key.value):
            return text
    return str(code)


def count(n: int, one: str, many: str = "") -> str:
    """"1 pain point", "3 pain points", "2 people": the kit's one plural. Irregular
    plurals are given (`count(n, "person", "people")`); regular ones get an "s"."""
    return f"{n:,} {one if n == 1 else (many or one + 's')}"


def noun(collection: str, n: int = 1) -> str:
    """A collection's word for `n` entries: "opportunity", "opportunities"."""
    one, many = NOUNS[collection]
    return one if n == 1 else many


def count_of(n: int, collection: str) -> str:
    """"12 opportunities", "1 backstage process": a number of a collection's entries."""
    return count(n, *NOUNS[collection])
