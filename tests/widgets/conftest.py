"""Fixtures for step screens: a small journey to work on and a clock tests can move."""

from __future__ import annotations

import datetime as dt
import html
from dataclasses import dataclass

import pytest

from cxwidgets.method.steps import ROOM_INPUT_STEPS
from cxwidgets.store import Created, Editor, Store
from cxwidgets.widgets import LiveWorkshop


class Clock:
    """A clock that only moves when told to."""

    def __init__(self, now: dt.datetime) -> None:
        self.now = now

    def __call__(self) -> dt.datetime:
        return self.now

    def advance(self, seconds: float) -> None:
        self.now += dt.timedelta(seconds=seconds)


@pytest.fixture
def created(store: Store) -> Created:
    """The workshop of every screen test, with every step the room adds to kept open to
    all (the facilitator's choice): these tests are about what each screen does with an
    entry, so a participant's entry is not refused for the step the room is on. That
    rule is tested at the store (tests/store/test_room.py) and with the screens in
    tests/hostile."""
    return store.create_workshop("Claims journey", scope="Home insurance",
                                 open_steps=list(ROOM_INPUT_STEPS))


@pytest.fixture
def clock() -> Clock:
    return Clock(dt.datetime(2026, 11, 25, 9, 0, tzinfo=dt.UTC))


@pytest.fixture
def live(facilitator: Editor, clock: Clock) -> LiveWorkshop:
    return LiveWorkshop(facilitator, clock=clock)


@dataclass
class Journey:
    stages: list[str]
    touchpoints: list[str]
    persona: str


@pytest.fixture
def journey(facilitator: Editor) -> Journey:
    """Two stages, three touchpoints on them, one agreed persona."""
    s1 = facilitator.add("stages", {"name": "Report the claim", "order": 0})
    s2 = facilitator.add("stages", {"name": "Get paid", "order": 1})
    t1 = facilitator.add("touchpoints", {"name": "Claim hotline", "channel": "phone",
                                         "stage_id": s1})
    t2 = facilitator.add("touchpoints", {"name": "Claim form", "stage_id": s1})
    t3 = facilitator.add("touchpoints", {"name": "Payment letter", "channel": "mail",
                                         "medium": "physical", "stage_id": s2})
    persona = facilitator.add("personas", {"name": "Careful Carla", "agreed": True,
                                           "quote": "Just tell me where I stand."})
    return Journey([s1, s2], [t1, t2, t3], persona)


def new_events(store: Store, workshop_id: str, before: int):
    return store.events(workshop_id, after=before)


@pytest.fixture
def jlive(journey: Journey, live: LiveWorkshop) -> LiveWorkshop:
    """`live`, looking at the small journey."""
    live.refresh()
    return live


def _said(step) -> str:
    lines = [step.notice, *getattr(step, "_notices", [])]
    return html.unescape(" ".join(line.value for line in lines if line.value))


@pytest.fixture
def said():
    """What a step's notice lines say (the step's own, and those next to controls far
    from it), as the person reads them (HTML entities decoded)."""
    return _said
