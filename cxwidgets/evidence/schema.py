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

import numpy as np
import pandas as pd

from cxwidgets.evidence.scales import normalise as by_scale

#: Canonical fields a column mapping can fill from the input.
MAPPABLE: tuple[str, ...] = (
    "id", "timestamp", "source", "channel", "touchpoint", "stage", "segment", "product",
    "score", "score_type", "sentiment", "text")
#: Columns of the canonical table, in order. All but `row` may be missing (NA) per row.
CANONICAL: tuple[str, ...] = ("row", *MAPPABLE, "sentiment_from", "language")
#: Fields of free text, stored as pandas "string" dtype: mostly one value per row.
TEXTS: tuple[str, ...] = ("id", "text")
#: Fields of labels, stored as categoricals: few values over many rows, so a million rows
#: hold a million small codes and each label once (grouping, filtering and tagging work on
#: the codes; a label is cleaned, spelled and looked up once).
CATEGORIES: tuple[str, ...] = ("source", "channel", "touchpoint", "stage", "segment",
                               "product", "score_type", "sentiment_from", "language")
#: Every field holding text of some kind.
LABELS: tuple[str, ...] = (*TEXTS, *CATEGORIES)


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
    for derived in ("sentiment_from", "language"):
        if derived not in table.columns:
            table = table.assign(**{derived: pd.NA})
    out = table.loc[:, list(CANONICAL)].copy(deep=False)
    out["row"] = out["row"].astype("int64")
    for c in TEXTS:
        out[c] = out[c].astype("string")
    for c in CATEGORIES:
        out[c] = as_labels(out[c])
    out["timestamp"] = pd.to_datetime(out["timestamp"])
    out["score"] = pd.to_numeric(out["score"]).astype("float64")
    out["sentiment"] = pd.to_numeric(out["sentiment"]).astype("float64")
    return out


def as_labels(values: pd.Series) -> pd.Series:
    """Labels as a categorical of text, keeping only the labels that occur."""
    if isinstance(values.dtype, pd.CategoricalDtype):
        categories = values.cat.categories
        codes = values.cat.codes.to_numpy()
        used = np.bincount(codes[codes >= 0], minlength=len(categories)) > 0
        kind = categories.dtype
        if used.all() and isinstance(kind, pd.StringDtype) and kind.na_value is pd.NA:
            return values
        remap = np.append(np.cumsum(used) - 1, -1)  # the last slot: code -1, missing
        kept = pd.Index(categories[used], dtype="string")
        return pd.Series(pd.Categorical.from_codes(np.where(codes >= 0, remap[codes], -1),
                                                   kept), index=values.index,
                         name=values.name)
    codes, uniques = pd.factorize(values.astype("string"))
    return pd.Series(pd.Categorical.from_codes(codes, pd.Index(uniques, dtype="string")),
                     index=values.index, name=values.name)


def with_label(values: pd.Series, label: str) -> pd.Series:
    """Missing labels filled with `label` (added to the categories when new)."""
    if isinstance(values.dtype, pd.CategoricalDtype):
        if label not in values.cat.categories:
            values = values.cat.set_categories(pd.Index(
                [*values.cat.categories, label], dtype="string"))
        return values.fillna(label)
    return values.fillna(label)
