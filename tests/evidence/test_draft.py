"""A workshop drafted from the evidence, and how well a workshop fits the evidence."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from cxwidgets.evidence.draft import (
    ALL_FEEDBACK,
    UNPLACED,
    channel_of,
    fit,
    workshop_from_evidence,
    workshop_from_folder,
)
from cxwidgets.evidence.folder import load_folder
from cxwidgets.method import views as J
from cxwidgets.method.model import Channel
from cxwidgets.resources import SAMPLE_DATA
from cxwidgets.sample import load_sample_workshop

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def airline(generator, tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("airline")
    generator.airline_reviews().to_csv(folder / "airline_reviews.csv", index=False)
    return folder


def test_the_freshbox_evidence_fits_the_sample_and_the_airline_evidence_does_not(airline):
    sample = load_sample_workshop()
    freshbox = fit(load_folder(SAMPLE_DATA / "feedback").table, sample)
    assert freshbox.fits and freshbox.matched == freshbox.touchpoints
    flights = fit(load_folder(airline).table, sample)
    assert not flights.fits and (flights.touchpoints, flights.matched) == (7, 0)
    assert flights.describe(sample.title).startswith("0 of the evidence's 7 touchpoints (0 of ")


def test_a_draft_from_the_freshbox_evidence_follows_the_tagging_table():
    evidence = load_folder(SAMPLE_DATA / "feedback")
    draft = workshop_from_evidence(evidence.table, evidence.rules)
    stages = [s.name for s in J.ordered_stages(draft)]
    table_stages = list(dict.fromkeys(evidence.rules.stages.values()))
    assert stages == [s for s in table_stages if s in stages]
    order = [t.name for t in J.journey_touchpoints(draft)]
    by_table = [t for t in evidence.rules.stages if t in order]
    assert order == by_table  # in the tagging table's order
    assert len(order) >= 15 and draft.emotions and draft.pain_points
    phone = next(t for t in draft.touchpoints if t.name == "Support phone line")
    assert phone.channel == Channel.phone  # its name says so, whatever the rows came by
    box = next(t for t in draft.touchpoints if t.name == "Courier at the door")
    assert box.channel == Channel.email  # else the channel most of its feedback came by


def test_a_draft_from_airline_reviews_has_their_touchpoints_and_feelings(airline):
    draft = workshop_from_folder(airline)
    assert draft.title == f"{airline.name}: drafted from the evidence"
    assert [s.name for s in draft.stages] == [UNPLACED]
    assert sorted(t.name for t in draft.touchpoints) == sorted([
        "Seat comfort", "Cabin staff service", "Ground service", "Value for money",
        "Food & beverages", "Inflight entertainment", "Wifi & connectivity"])
    felt = {e.touchpoint_id for e in draft.emotions}
    assert felt == {t.id for t in draft.touchpoints}


def test_evidence_with_no_touchpoint_gets_one_standing_for_all_feedback(generator, tmp_path):
    generator.product_reviews().to_csv(tmp_path / "reviews.tsv", sep="\t", index=False)
    draft = workshop_from_folder(tmp_path, "Speaker")
    assert [t.name for t in draft.touchpoints] == [ALL_FEEDBACK]
    assert draft.emotions and draft.title == "Speaker"


@pytest.mark.parametrize(("values", "channel"), [
    (["Web", "Web", "Phone"], Channel.web), (["Postal mail", "Fax"], Channel.mail),
    (["Referral"], Channel.partner), (["phone call"], Channel.phone),
    (["mobile_app"], Channel.mobile_app), (["carrier pigeon"], Channel.other), ([], Channel.other),
])
def test_a_touchpoints_channel_from_free_words(values, channel):
    assert channel_of(pd.Series(values, dtype="string")) == channel
