"""The words people read: one label for every code of the model, and the kit's plurals.

Screens, charts, the report, the poster, the workbook and the CSV files all say a code
through here, so "todo" is "To do" everywhere and a channel has one name. A data file may
keep a code in an extra column for machines; what a person reads is the word.
`tests/method/test_words.py` walks every enum of the model and fails on a value without
a label.

Every word here is English, the catalogue's source (`cxwidgets.language`): a table gives
each label in the language spoken when it is read, so the same code reads "To do",
"Zu erledigen" or "À faire" on the page of whoever reads it. The model keeps codes; only
what is shown is translated.
"""

from __future__ import annotations

from enum import Enum
from typing import Any, overload

from cxwidgets.language import N_, NC_, _, format_decimal, ngettext, pgettext
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


class Words(dict[Any, str]):
    """A table of labels written in English, read in the language spoken now: indexing,
    `get`, `values` and `items` give each label translated (`cxwidgets.language`)."""

    def __init__(self, labels: dict[Any, str], context: str = "") -> None:
        super().__init__(labels)
        #: The catalogue's context of these words (`NC_`), where they need one.
        self.context = context

    def _said(self, text: str) -> str:
        return pgettext(self.context, text) if self.context else _(text)

    def __getitem__(self, code: Any) -> str:
        return self._said(super().__getitem__(code))

    @overload  # type: ignore[override]
    def get(self, code: Any, default: None = None) -> str | None: ...
    @overload
    def get(self, code: Any, default: str) -> str: ...

    def get(self, code: Any, default: str | None = None) -> str | None:
        return self._said(super().__getitem__(code)) if code in self else default

    def values(self) -> list[str]:  # type: ignore[override]
        return [self._said(text) for text in super().values()]

    def items(self) -> list[tuple[Any, str]]:  # type: ignore[override]
        return [(code, self._said(text)) for code, text in super().items()]

    def source(self) -> dict[Any, str]:
        """The labels as written (English, the catalogue's msgids)."""
        return dict(super().items())


CHANNEL = Words({
    Channel.web: N_("Website"), Channel.mobile_app: N_("Mobile app"), Channel.email: N_("Email"),
    Channel.chat: N_("Chat"), Channel.social: N_("Social media"), Channel.phone: N_("Phone"),
    Channel.store: N_("Store"), Channel.in_person: N_("In person"), Channel.mail: N_("Post"),
    Channel.partner: N_("Partner"), Channel.other: N_("Other"),
})
FUNCTION = Words({
    Function.sales: N_("Sales"), Function.support: N_("Customer support"), Function.it: N_("IT"),
    Function.operations: N_("Operations"), Function.finance: N_("Finance"),
    Function.product: N_("Product"), Function.marketing: N_("Marketing"),
    Function.hr: N_("People / HR"),
    Function.legal: N_("Legal"), Function.leadership: N_("Leadership"), Function.other: N_("Other"),
    Function.unknown: N_("Not sure yet"),
})
MEDIUM = Words({Medium.digital: N_("Digital"), Medium.physical: N_("Physical")})
PURPOSE = Words({
    PurposeKind.pain_points: N_("Find the pain points"),
    PurposeKind.touchpoints: N_("Improve the touchpoints"),
    PurposeKind.innovation: N_("Find room to innovate"),
})
SOURCE_KIND = Words({
    SourceKind.survey: N_("Survey"), SourceKind.interview: N_("Interviews"),
    SourceKind.review: N_("Reviews"), SourceKind.social: N_("Social posts"),
    SourceKind.support_log: N_("Support log"), SourceKind.analytics: N_("Analytics"),
    SourceKind.other: N_("Other"),
})
COMMENT_STATUS = Words({CommentStatus.open: N_("Open"), CommentStatus.accepted: N_("Accepted"),
                  CommentStatus.rejected: N_("Rejected")})
VOTE_KIND = Words({VoteKind.dot: N_("Dot"), VoteKind.accuracy: N_("Accuracy vote")})
ACTION_STATUS = Words({ActionStatus.todo: N_("To do"), ActionStatus.doing: N_("In progress"),
                 ActionStatus.done: N_("Done"), ActionStatus.dropped: N_("Dropped")})
VERSION_KIND = Words({VersionKind.as_is: N_("As-is"), VersionKind.to_be: N_("To-be"),
                VersionKind.review: N_("Review")})
DECISION = Words({ExperimentDecision.open: N_("Still running"),
                  ExperimentDecision.keep: N_("Keep it"),
            ExperimentDecision.change: N_("Change it"), ExperimentDecision.stop: N_("Stop it")})
MINDSET = Words({Mindset.fixed: N_("Fixed mindset"),
                 Mindset.organisational: N_("Organisational mindset"),
           Mindset.compliance: N_("Compliance mindset"),
           Mindset.technical: N_("Technical mindset")})
HAPPENS = Words({Happens.yes: N_("Yes, like this"), Happens.not_like_this: N_("Not like this"),
           Happens.never: N_("Never used it")})
#: A choice not made yet: what a person picks when they do not know (their function, say).
NOT_SURE = N_("Not sure yet")
#: Who wrote an entry, by the author's role (`roles.kind_of`): the words of an export's
#: "Role" column, beside the name.
ROLE_WORDS = Words({"facilitator": NC_("role", "facilitator"),
                    "evidence": NC_("role", "customer evidence"),
                    "customer": NC_("role", "customer"),
                    "participant": NC_("role", "participant"),
                    "gone": NC_("role", "participant who left")}, context="role")
#: The feeling scale of step 6 (-2..+2).
FEELING = Words({-2: N_("Very bad"), -1: N_("Bad"), 0: N_("Neutral"), 1: N_("Good"),
                 2: N_("Very good")})
#: What people call each kind of map element or other entry, as a heading word.
KIND = Words({collection: one[0].upper() + one[1:] for collection, (one, _many) in NOUNS.items()})
KIND["workshop"] = N_("Session")

#: What people call each field of a map element or of the session, where a screen names
#: one (step 14's comparison says "Goals it serves" changed, never "goal_ids").
FIELD = Words({
    "name": N_("Name"), "title": N_("Title"), "text": N_("Text"), "role": N_("Role"),
    "segment": N_("Segment"),
    "group": N_("Group"), "background": N_("Background"), "goals": N_("Goals"),
    "needs": N_("Needs"),
    "frustrations": N_("Frustrations"), "channels": N_("Channels"), "quote": N_("Quote"),
    "agreed": N_("Agreed"), "based_on": N_("Built from drafts"),
    "order": N_("Place in the journey"),
    "description": N_("Description"), "channel": N_("Channel"), "medium": N_("Digital or physical"),
    "owner": N_("Owner"), "stage_id": N_("Stage"), "touchpoint_id": N_("Touchpoint"),
    "detail": N_("Detail"),
    "evidence": N_("Evidence"), "impact": N_("Impact"), "effort": N_("Effort"),
    "persona_id": N_("Persona"),
    "pain_id": N_("Answers the pain point"), "goal_ids": N_("Goals it serves"),
    "linked_ids": N_("Answers"), "function": N_("Function"), "start": N_("Start"), "due": N_("Due"),
    "status": N_("Status"), "is_vision": N_("The vision"), "kpi": N_("Measured by"),
    "scope": N_("Scope"),
    "purpose": N_("Purpose"), "customer_purpose": N_("Customer purpose"), "dates": N_("Days"),
})
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
    return [(_(NOT_SURE), ""), *[o for o in options(labels) if o[0] != _(NOT_SURE)]]


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
    plurals are given (`count(n, "person", "people")`); regular ones get an "s". In
    another language the catalogue's plural forms of the pair say it, and the number
    takes the locale's separators."""
    return f"{format_decimal(n)} {ngettext(one, many or one + 's', n)}"


def noun(collection: str, n: int = 1) -> str:
    """A collection's word for `n` entries: "opportunity", "opportunities"."""
    one, many = NOUNS[collection]
    return ngettext(one, many, n)


def signed(mean: float) -> str:
    """A mean feeling with its sign and one decimal, in the locale's form ("+1,5")."""
    return ("+" if mean > 0 else "") + format_decimal(mean, digits=1)


def count_of(n: int, collection: str) -> str:
    """"12 opportunities", "1 backstage process": a number of a collection's entries."""
    return count(n, *NOUNS[collection])
