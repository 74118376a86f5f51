"""scales: what a score's numbers mean, and how every scale becomes the 0-100 score index.

A scale is named the way a column mapping writes it:

* `csat`: satisfaction 1-5 (satisfied at 4 or 5); `nps`: likelihood to recommend 0-10
  (promoters 9-10, detractors 0-6); `rating`: 1-5 stars (also written `1-5`);
* any other numeric range, `1-10`, `0-10`, `1-7`, `0-100` (also `1 to 10`);
* `yes/no`: a two-valued answer (yes/no, true/false, thumbs up/down, recommended/not
  recommended, 1/0), read as 1 and 0.

Every scale puts its lowest value at 0 and its highest at 100 on the score index, and has
a label ("1-10", "NPS 0-10", "yes/no") shown beside figures that mix scales. `infer_scale`
reads a scale off a column's values, so that a column whose values run 1 to 10 is a 1-10
rating and never a 1-5 one with half its rows out of range. Pure: no files, no state.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import numpy as np
import pandas as pd

RATING, CSAT, NPS, CES, TWO = "rating", "csat", "nps", "ces", "yes/no"


@dataclass(frozen=True)
class Scale:
    """A score scale: its name in a mapping, its range and how it is shown."""

    name: str
    low: float
    high: float
    label: str

    @property
    def two_valued(self) -> bool:
        return self.name == TWO

    def out_of_range(self) -> str:
        """The reason given to a score outside the scale."""
        if self.name in (RATING, CSAT, NPS):
            return f"score outside {self.low:g}-{self.high:g} for {self.name}"
        return f"score outside {self.label}"


NAMED = {RATING: Scale(RATING, 1, 5, "1-5 rating"), CSAT: Scale(CSAT, 1, 5, "CSAT 1-5"),
         NPS: Scale(NPS, 0, 10, "NPS 0-10"), CES: Scale(CES, 1, 7, "CES 1-7"),
         TWO: Scale(TWO, 0, 1, "yes/no")}
#: (highest negative, lowest positive) answer of the named scales, by their definitions:
#: NPS detractors answer 0-6, passives 7-8, promoters 9-10; CSAT's "satisfied" and a
#: rating's happy customers are the top two boxes (4-5); CES counts 5-7 as easy. Other
#: scales: the bottom quarter is negative and the top quarter positive.
BANDS: dict[str, tuple[float, float]] = {NPS: (6, 9), CSAT: (2, 4), RATING: (2, 4),
                                         CES: (3, 5), TWO: (0, 1)}
QUARTERS = (0.25, 0.75)
ALIASES = {"star": RATING, "stars": RATING, "ratings": RATING, "star rating": RATING,
           "1-5": RATING, "net promoter score": NPS, "net promoter": NPS,
           "likelihood to recommend": NPS, "satisfaction": CSAT,
           "customer satisfaction": CSAT, "customer effort": CES, "customer effort score": CES,
           "effort": CES, "yes-no": TWO, "yes no": TWO, "two-valued": TWO,
           "two valued": TWO, "binary": TWO, "true/false": TWO, "thumbs": TWO,
           "thumbs up/down": TWO, "recommended/not": TWO, "1/0": TWO, "0/1": TWO}
#: Ranges a column's values are fitted to, smallest first.
STANDARD = ((1, 5), (0, 5), (1, 7), (1, 10), (0, 10), (0, 100))
_RANGE = re.compile(r"^\s*(\d+(?:\.\d+)?)\s*(?:-|–|to|\.\.)\s*(\d+(?:\.\d+)?)\s*$")
#: Two-valued answers: the words read as 1 (yes) and as 0 (no), compared case-blind.
YES = frozenset({"yes", "y", "true", "t", "1", "1.0", "thumbs up", "up", "👍", "recommended",
                 "would recommend", "recommend", "helpful", "satisfied", "liked", "like",
                 "good", "good, i'm satisfied"})
NO = frozenset({"no", "n", "false", "f", "0", "0.0", "thumbs down", "down", "👎",
                "not recommended", "would not recommend", "do not recommend",
                "not helpful", "unhelpful", "not satisfied", "dissatisfied", "disliked",
                "dislike", "bad", "bad, i'm unsatisfied"})
KNOWN = "csat, nps, ces (1-7), rating (1-5), a range such as 1-10 or 0-100, or yes/no"


def parse_scale(text: object) -> Scale:
    """The scale a mapping or a score-type cell names; ValueError says what would work."""
    key = " ".join(str(text).split()).casefold()
    key = ALIASES.get(key, key)
    if key in NAMED:
        return NAMED[key]
    found = _RANGE.match(key)
    if found:
        low, high = float(found.group(1)), float(found.group(2))
        if low < high:
            return range_scale(low, high)
    raise ValueError(f"unknown score scale {text!r}: use {KNOWN}")


def range_scale(low: float, high: float) -> Scale:
    """The scale of a numeric range; 1-5 is the rating scale."""
    if (low, high) == (1, 5):
        return NAMED[RATING]
    name = f"{low:g}-{high:g}"
    return Scale(name, low, high, name)


def scale_name(text: object) -> str:
    """The canonical name of a scale ('Stars' -> 'rating', '1 to 10' -> '1-10')."""
    return parse_scale(text).name


def label(name: object) -> str:
    """How a scale is shown beside a figure; unknown names are shown as written."""
    try:
        return parse_scale(name).label
    except ValueError:
        return str(name)


def two_valued(values: pd.Series) -> pd.Series:
    """Two-valued answers as 1.0 (yes) and 0.0 (no); NaN where empty or neither."""
    codes, distinct = pd.factorize(values)
    keys = [" ".join(str(v).split()).casefold() for v in distinct]
    read = np.array([1.0 if k in YES else 0.0 if k in NO else np.nan for k in keys] + [np.nan])
    return pd.Series(read[codes], index=values.index, dtype="float64")


def is_two_valued(distinct: list[str]) -> bool:
    """True when at most two distinct answers, one a 'yes' and one a 'no' word."""
    keys = {" ".join(str(v).split()).casefold() for v in distinct}
    return 1 <= len(keys) <= 2 and all(k in YES or k in NO for k in keys) and (
        len(keys) == 1 or (bool(keys & YES) and bool(keys & NO)))


def normalise(score: pd.Series, score_type: pd.Series) -> pd.Series:
    """Scores of any scale on one 0..1 scale (0 worst, 1 best), NaN where unknown.

    Each distinct scale is parsed once; the rows take their scale's range by code."""
    codes, names = pd.factorize(score_type)
    lows, spans = np.full(len(names) + 1, np.nan), np.full(len(names) + 1, np.nan)
    for k, name in enumerate(names):
        try:
            scale = parse_scale(name)
        except ValueError:
            continue
        lows[k], spans[k] = scale.low, scale.high - scale.low
    values = score.to_numpy(dtype="float64", na_value=np.nan)
    return pd.Series((values - lows[codes]) / spans[codes], index=score.index,
                     dtype="float64")


def polarity(score: pd.Series, score_type: pd.Series,
             norm: np.ndarray | None = None) -> pd.Series:
    """-1 (negative), 0 (neutral) or +1 (positive) per score, by its scale's definition
    (`BANDS`: an NPS of 6 is a detractor, negative); NaN where there is no score. `norm`:
    the scores on the 0..1 scale, when the caller has them already."""
    values = score.to_numpy(dtype="float64", na_value=np.nan)
    if norm is None:
        norm = normalise(score, score_type).to_numpy()
    low, high = QUARTERS
    out = np.where(norm <= low, -1.0, np.where(norm >= high, 1.0, 0.0))
    codes, names = pd.factorize(score_type)
    for k, name in enumerate(names):
        try:
            bands = BANDS.get(parse_scale(name).name)
        except ValueError:
            continue
        if bands is None:
            continue
        mine = codes == k
        out[mine] = np.where(values[mine] <= bands[0], -1.0,
                             np.where(values[mine] >= bands[1], 1.0, 0.0))
    out[np.isnan(norm)] = np.nan
    return pd.Series(out, index=score.index, dtype="float64")


def infer_scale(numbers: pd.Series, tolerance: float = 0.02) -> Scale | None:
    """The smallest standard range holding the values, allowing a few strays.

    A range is taken when the values outside it are at most `tolerance` of all values and
    take at most two distinct values (a stray 9 among 1-5 answers is a typo; 6, 7, 8, 9
    and 10 are a bigger scale). Values that stay in the lower half of the first range
    that holds them (0.2 to 0.9: a probability) say nothing about a scale: None, as when
    no standard range fits.
    """
    values = numbers.dropna()
    if values.empty:
        return None
    counts = values.value_counts()
    for k, (low, high) in enumerate(STANDARD):
        inside = (counts.index >= low) & (counts.index <= high)
        outside = counts[~inside]
        if outside.sum() > tolerance * len(values) or len(outside) > 2:
            continue
        if k == 0 or counts.index[inside].max() > (low + high) / 2:
            return range_scale(low, high)
        return None
    return None
