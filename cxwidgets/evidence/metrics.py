"""Metrics of the canonical feedback table, per touchpoint, stage, segment or product.

Scores of different kinds (CSAT 1-5, NPS 0-10, 1-5 ratings) are compared on one 0-100
"score index" (0 worst, 100 best). NPS is computed only from NPS answers and CSAT share
only from CSAT answers, as their definitions require. A piece of feedback is negative when
its score is negative by its scale's definition (an NPS detractor, 0-6; a CSAT or rating
of 1-2; the bottom quarter of any other scale) or, without a score, when its sentiment is
below VADER's neutral band. Pure functions of a table: no files, no store.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import pandas as pd

from cxwidgets.evidence.scales import label, polarity
from cxwidgets.evidence.schema import ScoreType, normalise

#: Sentiment at or below this counts as negative (VADER's own neutral band ends here).
NEGATIVE_SENTIMENT = -0.05
GROUPINGS = ("touchpoint", "stage", "segment", "product")
METRIC_COLUMNS = ("volume", "scored", "score_index", "nps", "nps_answers", "csat_share",
                  "csat_answers", "negative_share", "mean_sentiment", "scales")
#: Metric columns that count rows: whole numbers.
COUNT_COLUMNS = ("volume", "scored", "nps_answers", "csat_answers")


def _flag_arrays(table: pd.DataFrame) -> dict[str, np.ndarray]:
    """The flags as float arrays, one per flag (NaN where it does not apply), and the
    sentiment: what the metrics sum and count, without building a frame."""
    score = table["score"].to_numpy(dtype="float64", na_value=np.nan)
    sentiment = table["sentiment"].to_numpy(dtype="float64", na_value=np.nan)
    norm = normalise(table["score"], table["score_type"]).to_numpy()
    kind = table["score_type"]
    nps = (kind == ScoreType.nps.value).fillna(False).to_numpy(dtype=bool)
    csat = (kind == ScoreType.csat.value).fillna(False).to_numpy(dtype=bool)
    scored = ~np.isnan(norm)
    sign = polarity(table["score"], kind, norm).to_numpy()
    negative = np.where(scored, sign < 0, sentiment <= NEGATIVE_SENTIMENT)
    known = scored | ~np.isnan(sentiment)
    return {"score_norm": norm,
            "promoter": np.where(nps, score >= 9, np.nan),
            "detractor": np.where(nps, score <= 6, np.nan),
            "satisfied": np.where(csat, score >= 4, np.nan),
            "negative": np.where(known, negative, np.nan).astype("float64"),
            "sentiment": sentiment}


def flags(table: pd.DataFrame) -> pd.DataFrame:
    """`score_norm` (0..1) and the per-row flags the metrics count, as float columns
    (NaN where a flag does not apply), on the table's index."""
    arrays = _flag_arrays(table)
    arrays.pop("sentiment")
    return pd.DataFrame(arrays, index=table.index, dtype="float64")


def with_flags(table: pd.DataFrame) -> pd.DataFrame:
    """The table plus `score_norm` (0..1) and the per-row flags the metrics count."""
    return pd.concat([table, flags(table)], axis=1)


def _keys_as_text(out: pd.DataFrame, keys: Sequence[str]) -> pd.DataFrame:
    """Group columns as plain text: a few rows, read by charts and CSV files."""
    return out.astype({k: "string" for k in keys if isinstance(out[k].dtype,
                                                               pd.CategoricalDtype)})


#: Per-group means of these flag columns, and how many rows each was known on.
_MEANS = {"score_norm": ("score_index", "scored"), "promoter": ("promoters", "nps_answers"),
          "detractor": ("detractors", None), "satisfied": ("csat_share", "csat_answers"),
          "negative": ("negative_share", None), "sentiment": ("mean_sentiment", None)}


def _groups(table: pd.DataFrame, keys: list[str]) -> tuple[np.ndarray, pd.DataFrame]:
    """Each row's group number (-1: a key is missing) and the keys of every group."""
    group = np.zeros(len(table), dtype="int64")
    size = 1
    for key in keys:
        codes, distinct = pd.factorize(table[key])
        group = np.where((group < 0) | (codes < 0), -1, group * len(distinct) + codes)
        size *= max(len(distinct), 1)
    present = group >= 0
    if size <= 4 * len(table) + 1_000:  # few combinations: number them by counting
        used = np.bincount(group[present], minlength=size) > 0
        renumber = np.cumsum(used) - 1
        out = np.where(present, renumber[np.clip(group, 0, None)], -1)
        groups = int(used.sum())
    else:
        numbers, inverse = np.unique(group[present], return_inverse=True)
        out = np.full(len(table), -1)
        out[present] = inverse
        groups = len(numbers)
    first = np.full(groups, -1)
    rows = np.flatnonzero(present)
    first[out[rows][::-1]] = rows[::-1]  # the first row of each group
    return out, table[keys].iloc[first].reset_index(drop=True)


def metrics(table: pd.DataFrame, by: str | Sequence[str] = "touchpoint") -> pd.DataFrame:
    """Volume, score index, NPS, CSAT share, negative share and mean sentiment per group.

    Rows without a value for the grouping are left out (they are counted as untagged
    elsewhere); groups come sorted by volume, largest first. Sums and counts per group
    are one `bincount` each over the rows' group numbers.
    """
    keys = [by] if isinstance(by, str) else list(by)
    group, out = _groups(table, keys)
    if out.empty:
        return pd.DataFrame(columns=[*keys, *METRIC_COLUMNS])
    n = len(out)
    present = group >= 0
    out["volume"] = np.bincount(group[present], minlength=n)
    flagged = _flag_arrays(table)
    for column, (mean, count) in _MEANS.items():
        values = flagged[column]
        ok = present & ~np.isnan(values)
        counted = np.bincount(group[ok], minlength=n)
        with np.errstate(invalid="ignore", divide="ignore"):
            out[mean] = np.bincount(group[ok], weights=values[ok], minlength=n) / counted
        if count:
            out[count] = counted
    out["score_index"] = out["score_index"] * 100
    out["nps"] = (out.pop("promoters") - out.pop("detractors")) * 100
    out["scales"] = _scales(table["score_type"], group, n)
    out = _keys_as_text(out, keys).sort_values(["volume", *keys],
                                               ascending=[False, *[True] * len(keys)])
    return out[[*keys, *METRIC_COLUMNS]].reset_index(drop=True)


def _scales(kinds: pd.Series, group: np.ndarray, n: int) -> list[str]:
    """Per group, the scales its scores were given on ("1-10, 1-5 rating"), shown beside
    the score index that puts them on one 0-100 scale."""
    codes, names = pd.factorize(kinds)
    shown = [label(name) for name in names]
    seen = np.zeros((n, len(names)), dtype=bool)
    for k in range(len(names)):
        mine = (codes == k) & (group >= 0)
        seen[:, k] = np.bincount(group[mine], minlength=n) > 0
    return [", ".join(s for s, on in zip(shown, row, strict=True) if on) for row in seen]


def overall(table: pd.DataFrame) -> dict[str, float | int | str]:
    """The headline figures of a whole table (or a segment's slice of it): counts as whole
    numbers, the scales as their labels, the rest as floats."""
    whole = metrics(table.assign(_all="all"), "_all")
    if whole.empty:
        return {c: "" if c == "scales" else float("nan") for c in METRIC_COLUMNS}
    first = whole.iloc[0]
    return {c: int(first[c]) if c in COUNT_COLUMNS else str(first[c]) if c == "scales"
            else float(first[c]) for c in METRIC_COLUMNS}


def trend(table: pd.DataFrame, by: str | None = "touchpoint",
          freq: str = "MS") -> pd.DataFrame:
    """Per period (month by default) and group: volume, score index and negative share."""
    wanted = ["row", "timestamp", *([by] if by else [])]
    dated = pd.concat([table[wanted], flags(table)], axis=1).dropna(subset=["timestamp"])
    period = dated["timestamp"].dt.tz_localize(None) if getattr(
        dated["timestamp"].dt, "tz", None) is not None else dated["timestamp"]
    dated = dated.assign(period=period.dt.to_period(freq[0]).dt.start_time)
    keys = ["period"] + ([by] if by else [])
    dated = dated.dropna(subset=keys)
    if dated.empty:
        return pd.DataFrame(columns=[*keys, "volume", "score_index", "negative_share"])
    out = dated.groupby(keys, observed=True).agg(
        volume=("row", "size"), score_index=("score_norm", "mean"),
        negative_share=("negative", "mean")).reset_index()
    out["score_index"] = out["score_index"] * 100
    return _keys_as_text(out, keys).sort_values(keys).reset_index(drop=True)


#: The value that selects the rows with no value in a field: "(no segment)".
NONE = {"segment": "(no segment)", "product": "(no product)"}


def select(table: pd.DataFrame, **equals: str) -> pd.DataFrame:
    """Rows whose fields equal the given values; "all" (or None) keeps every value and
    "(no segment)" the rows without one."""
    keep = pd.Series(True, index=table.index)
    for field, value in equals.items():
        if value in (None, "all"):
            continue
        if value == NONE.get(field):
            keep &= table[field].isna()
        else:
            keep &= table[field].eq(value).fillna(False)
    if keep.all():
        return table
    out = table.loc[keep]
    return out.assign(**{c: out[c].cat.remove_unused_categories() for c in out.columns
                         if isinstance(out[c].dtype, pd.CategoricalDtype)})
