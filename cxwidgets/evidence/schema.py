"""The canonical feedback table: what every export becomes, whatever it looked like.

Readers and the column mapping turn any survey, review, social or support-log export
into this one shape; tagging, sentiment, metrics, charts and the workshop's suggestions
read only this shape. One row is one piece of customer feedback about (at most) one
touchpoint. `row` is the 1-based data row number in the input file, so every figure can be
traced back to the line it came from. `sentiment_from` says where a row's sentiment came
from: "label" (the file gave it), "score" (it follows the row's score) or "text" (the
text model read it); it is derived, never mapped.
"""

from __future__ import annotations

from enum import Enum

import pandas as pd

from cxwidgets.evidence.scales import normalise as by_scale

#: Canonical fields a column mapping can fill from the input.
MAPPABLE: tuple[str, ...] = (
    "id", "timestamp", "source", "channel", "touchpoint", "stage", "segment", "product",
    "score", "score_type", "sentiment", "text")
#: Columns of the canonical table, in order. All but `row` may be missing (NA) per row.
CANONICAL: tuple[str, ...] = ("row", *MAPPABLE, "sentiment_from")
#: Canonical fields that hold free labels; stored as pandas "string" dtype.
LABELS: tuple[str, ...] = ("id", "source", "channel", "touchpoint", "stage", "segment",
                           "product", "text", "sentiment_from")


class ScoreType(str, Enum):
    """The named score types; any scale of `scales` (1-10, yes/no ...) is accepted too."""

    csat = "csat"        # satisfaction, 1 (very unsatisfied) .. 5 (very satisfied)
    nps = "nps"          # likelihood to recommend, 0 .. 10
    rating = "rating"    # stars or a 1-5 rating


SCORE_RANGE: dict[ScoreType, tuple[float, float]] = {
    ScoreType.csat: (1, 5), ScoreType.nps: (0, 10), ScoreType.rating: (1, 5)}

#: Sentiment is a number from -1 (very negative) to +1 (very positive).
SENTIMENT_RANGE = (-1.0, 1.0)


def normalise(score: pd.Series, score_type: pd.Series) -> pd.Series:
    """Scores of any scale on one 0..1 scale (0 worst, 1 best), NA where unknown."""
    return by_scale(score, score_type)


def empty_table() -> pd.DataFrame:
    """A canonical table with no rows and the right dtypes."""
    return typed(pd.DataFrame({c: [] for c in CANONICAL}))


def typed(table: pd.DataFrame) -> pd.DataFrame:
    """Cast a frame holding the canonical columns to the canonical dtypes."""
    if "sentiment_from" not in table.columns:
        table = table.assign(sentiment_from=pd.NA)
    out = table.loc[:, list(CANONICAL)].copy()
    out["row"] = out["row"].astype("int64")
    for c in LABELS:
        out[c] = out[c].astype("string")
    out["timestamp"] = pd.to_datetime(out["timestamp"])
    out["score"] = pd.to_numeric(out["score"]).astype("float64")
    out["sentiment"] = pd.to_numeric(out["sentiment"]).astype("float64")
    out["score_type"] = out["score_type"].astype("string")
    return out
