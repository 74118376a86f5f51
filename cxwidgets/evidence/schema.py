"""The canonical feedback table: what every export becomes, whatever it looked like.

Readers and the column mapping turn any survey, review, social or support-log export
into this one shape; tagging, sentiment, metrics, charts and the workshop's suggestions
read only this shape. One row is one piece of customer feedback about (at most) one
touchpoint. `row` is the 1-based data row number in the input file, so every figure can be
traced back to the line it came from.
"""

from __future__ import annotations

from enum import Enum

import pandas as pd

#: Columns of the canonical table, in order. All but `row` may be missing (NA) per row.
CANONICAL: tuple[str, ...] = (
    "row", "id", "timestamp", "source", "channel", "touchpoint", "stage", "segment",
    "product", "score", "score_type", "sentiment", "text")
#: Canonical fields a column mapping can fill from the input (everything but `row`).
MAPPABLE: tuple[str, ...] = CANONICAL[1:]
#: Canonical fields that hold free labels; stored as pandas "string" dtype.
LABELS: tuple[str, ...] = ("id", "source", "channel", "touchpoint", "stage", "segment",
                           "product", "text")


class ScoreType(str, Enum):
    """What a score measures, which fixes its range and how it is read."""

    csat = "csat"        # satisfaction, 1 (very unsatisfied) .. 5 (very satisfied)
    nps = "nps"          # likelihood to recommend, 0 .. 10
    rating = "rating"    # stars or a 1-5 rating


SCORE_RANGE: dict[ScoreType, tuple[float, float]] = {
    ScoreType.csat: (1, 5), ScoreType.nps: (0, 10), ScoreType.rating: (1, 5)}

#: Sentiment is a number from -1 (very negative) to +1 (very positive).
SENTIMENT_RANGE = (-1.0, 1.0)


def normalise(score: pd.Series, score_type: pd.Series) -> pd.Series:
    """Scores of any type on one 0..1 scale (0 worst, 1 best), NA where unknown."""
    out = pd.Series(float("nan"), index=score.index, dtype="float64")
    for kind, (low, high) in SCORE_RANGE.items():
        mask = score_type == kind.value
        out[mask] = (score[mask].astype("float64") - low) / (high - low)
    return out


def empty_table() -> pd.DataFrame:
    """A canonical table with no rows and the right dtypes."""
    return typed(pd.DataFrame({c: [] for c in CANONICAL}))


def typed(table: pd.DataFrame) -> pd.DataFrame:
    """Cast a frame holding the canonical columns to the canonical dtypes."""
    out = table.loc[:, list(CANONICAL)].copy()
    out["row"] = out["row"].astype("int64")
    for c in LABELS:
        out[c] = out[c].astype("string")
    out["timestamp"] = pd.to_datetime(out["timestamp"])
    out["score"] = pd.to_numeric(out["score"]).astype("float64")
    out["sentiment"] = pd.to_numeric(out["sentiment"]).astype("float64")
    out["score_type"] = out["score_type"].astype("string")
    return out
