"""Score scales: named, parsed, read off the values, and put on one 0-100 index."""

from __future__ import annotations

import pandas as pd
import pytest

from cxwidgets.evidence.scales import (
    infer_scale,
    is_two_valued,
    label,
    normalise,
    parse_scale,
    two_valued,
)


@pytest.mark.parametrize(("written", "name", "low", "high"), [
    ("csat", "csat", 1, 5), ("NPS", "nps", 0, 10), ("Stars", "rating", 1, 5),
    ("1-5", "rating", 1, 5), ("1 to 10", "1-10", 1, 10), ("0-100", "0-100", 0, 100),
    ("1–7", "1-7", 1, 7), ("Yes/No", "yes/no", 0, 1), ("thumbs up/down", "yes/no", 0, 1),
    ("net promoter score", "nps", 0, 10),
])
def test_every_way_of_writing_a_scale(written, name, low, high):
    scale = parse_scale(written)
    assert (scale.name, scale.low, scale.high) == (name, low, high)


@pytest.mark.parametrize("written", ["smiley", "10-1", "5-5", "", "1-"])
def test_an_unknown_scale_says_what_would_work(written):
    with pytest.raises(ValueError,
                       match=r"use csat, nps, ces \(1-7\), rating \(1-5\), a range such as 1-10"):
        parse_scale(written)


def test_labels_are_shown_beside_figures():
    assert [label(n) for n in ("rating", "csat", "nps", "1-10", "yes/no", "odd")] == [
        "1-5 rating", "CSAT 1-5", "NPS 0-10", "1-10", "yes/no", "odd"]


def test_every_scale_runs_from_0_to_100_on_the_index():
    score = pd.Series([1, 10, 5.5, 0, 1, 0, 100, 3])
    kind = pd.Series(["1-10", "1-10", "1-10", "nps", "yes/no", "yes/no", "0-100", None])
    got = normalise(score, kind)
    assert got.tolist()[:7] == [0.0, 1.0, 0.5, 0.0, 1.0, 0.0, 1.0] and pd.isna(got.iloc[7])


def test_two_valued_answers_in_any_spelling():
    answers = pd.Series(["Yes", "no", "TRUE", "f", "👍", "Not recommended", "1", "maybe", None])
    assert two_valued(answers).fillna(-1).tolist() == [1, 0, 1, 0, 1, 0, 1, -1, -1]
    assert is_two_valued(["yes", "no"]) and is_two_valued(["0", "1"])
    assert not is_two_valued(["yes", "maybe"]) and not is_two_valued(["yes", "y"])


@pytest.mark.parametrize(("values", "expected"), [
    ([1, 2, 3, 4, 5], "rating"),
    ([1, 2, 3], "rating"),
    ([1, 2, 3, 4, 5] * 100 + [9], "rating"),            # one stray typo: still 1-5
    ([1, 2, 8, 9, 10, 6, 7], "1-10"),                   # the happy half is a bigger scale
    ([6, 7, 8, 9, 10], "1-10"),
    ([0, 3, 7, 10], "0-10"),
    ([1, 7, 4], "1-7"),
    ([12, 55, 100], "0-100"),
    ([0.33, 0.9, 1.0], None),                            # a probability, no scale
    ([250, 3000], None),
])
def test_a_scale_is_read_off_the_values(values, expected):
    found = infer_scale(pd.Series(values, dtype="float64"))
    assert (found.name if found else None) == expected
