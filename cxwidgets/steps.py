"""The 16 steps of the journey-mapping exercise: the one vocabulary of the kit.

Code, widgets, exports and docs take step numbers, keys and titles from here and
nowhere else. This module holds words only and imports nothing heavy: the step screens
are reachable from here by name (`from cxwidgets.steps import Touchpoints`), but they are
imported only when asked for, so reading the vocabulary never loads ipywidgets.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Step:
    """One screen of the wizard and one section of the saved map."""

    number: int
    key: str
    title: str
    captures: str


STEPS: tuple[Step, ...] = (
    Step(1, "frame", "Frame the session", "title, scope, purpose, participants, dates"),
    Step(2, "evidence", "Prepare the evidence", "feedback sources and their column mapping"),
    Step(3, "persona", "Define the typical customer", "persona drafts and the agreed persona"),
    Step(4, "touchpoints", "Touchpoints", "every touchpoint with channel and owner"),
    Step(5, "timeline", "Timeline", "ordered stages with touchpoints placed on them"),
    Step(6, "emotions", "Emotions", "how the customer feels at each touchpoint"),
    Step(7, "pains", "Pain points", "frustrations tied to touchpoints, with evidence"),
    Step(8, "opportunities", "Opportunities", "moments to surprise and delight"),
    Step(9, "backstage", "Backstage", "internal processes behind each touchpoint"),
    Step(10, "map", "Draw the map", "the assembled journey map"),
    Step(11, "review", "Review together", "comments, accuracy votes, accepted changes"),
    Step(12, "prioritise", "Prioritise", "impact, effort and votes per item"),
    Step(13, "actions", "Action plan", "actions with owner, due date and status"),
    Step(14, "versions", "Keep it alive", "versions of the map over time"),
    Step(15, "goals", "Align with goals", "company goals linked to actions"),
    Step(16, "share", "Make it readable and share it", "exports of the map"),
)

TOTAL_STEPS = len(STEPS)


def step(key_or_number: str | int) -> Step:
    """Look a step up by key ("touchpoints") or number (4, or "4" as typed)."""
    if isinstance(key_or_number, str) and key_or_number.strip().isdigit():
        key_or_number = int(key_or_number)
    for s in STEPS:
        if key_or_number in (s.key, s.number):
            return s
    known = ", ".join(s.key for s in STEPS)
    raise KeyError(f"no step {key_or_number!r}; known steps: {known}")


def widget_class(key_or_number: str | int) -> type:
    """The screen (widget class) of a step, by key or number."""
    from cxwidgets.widgets import screen

    return screen(step(key_or_number).key)


#: The step screens by class name, importable from here.
SCREENS = frozenset({
    "FrameSession", "Evidence", "Personas", "Touchpoints", "Timeline", "Emotions",
    "PainPoints", "Opportunities", "Backstage", "DrawMap", "Review", "Prioritise", "Actions",
    "Versions", "Goals", "Share"})


def __getattr__(name: str) -> type:
    """`from cxwidgets.steps import Touchpoints`: the step screens, loaded on first use."""
    if name not in SCREENS:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    import cxwidgets.widgets

    return getattr(cxwidgets.widgets, name)
