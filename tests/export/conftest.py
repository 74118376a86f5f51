"""The sample workshop as it stands a month later: a to-be version saved, a validation
round answered by five customers, the room's diagnosis taken and a review date set.
Every section of the sponsor's deck and both journeys of the CJML file have content."""

from __future__ import annotations

import datetime as dt
import itertools

import pytest

from cxwidgets.method import views as J
from cxwidgets.method.diagnosis import STATEMENTS
from cxwidgets.method.model import (
    Channel,
    CustomerAnswer,
    DiagnosisAnswer,
    Function,
    Happens,
    MapVersion,
    Touchpoint,
    ValidationRound,
    VersionKind,
    Workshop,
)
from cxwidgets.method.validation import default_touchpoints
from cxwidgets.sample import load_sample_workshop

TODAY = dt.date(2026, 11, 25)
TO_BE = "To-be (Dec)"
#: What each of the five customers says at the round's touchpoints, in turn.
HAPPENS = (Happens.yes, Happens.yes, Happens.not_like_this, Happens.yes, Happens.never)
FEELINGS = (-2, -1, 0, 1, 2, -1, 1)


def to_be(workshop: Workshop) -> Workshop:
    """The to-be map: a pause in the renewal stage, the win-back offer gone."""
    renewal = J.ordered_stages(workshop)[-1]
    touchpoints = [t for t in workshop.touchpoints if t.name != "Win-back offer"]
    touchpoints.append(Touchpoint(id="tp-pause", name="Pause in two taps",
                                  channel=Channel.mobile_app, owner=Function.product,
                                  stage_id=renewal.id))
    return workshop.model_copy(update={"touchpoints": touchpoints})


def after_validation() -> tuple[Workshop, dict[str, Workshop]]:
    """(the workshop, its named versions) a month after the sample's review."""
    w = load_sample_workshop()
    asked = default_touchpoints(w, 12)
    round_ = ValidationRound(id="round-1", title="December check with customers",
                             code="DEC2026A", touchpoint_ids=asked,
                             closes=dt.date(2026, 12, 15))
    feel = itertools.cycle(FEELINGS)
    answers = []
    for c in range(5):
        for k, tp in enumerate(asked):
            happens = HAPPENS[(c + k) % len(HAPPENS)]
            answers.append(CustomerAnswer(
                id=f"a-{c}-{k}", round_id=round_.id, respondent=f"r{c}", touchpoint_id=tp,
                happens=happens, feeling=None if happens == Happens.never else next(feel),
                comment="Took three calls to sort out" if (c, k) == (1, 2) else ""))
    functions = [p.function for p in w.participants]
    diagnosis = [DiagnosisAnswer(id=f"d-{n}-{s.id}", statement_id=s.id,
                                 participant=f"p{n}", function=fn, score=1 + (n + k) % 5)
                 for n, fn in enumerate(functions) for k, s in enumerate(STATEMENTS[:8])]
    w = w.model_copy(update={
        "rounds": [round_], "answers": answers, "diagnosis": diagnosis,
        "next_review": dt.date(2027, 2, 10),
        "versions": [*w.versions, MapVersion(name=TO_BE, seq=0, kind=VersionKind.to_be)]})
    return w, {TO_BE: to_be(w)}


@pytest.fixture(scope="session")
def validated() -> tuple[Workshop, dict[str, Workshop]]:
    return after_validation()
