"""Metrics of the canonical feedback table, per touchpoint, stage, segment or product.

Scores of different kinds (CSAT 1-5, NPS 0-10, 1-5 ratings) are compared on one 0-100
"score index" (0 worst, 100 best). NPS is computed only from NPS answers and CSAT share
only from CSAT answers, as their definitions require. A piece of feedback is negative when
its score is in the bottom quarter of its scale or, without a score, when its sentiment
is below VADER's neutral band. Pure functions of a table: no files, no store.
"""

from __future__ import annotations

from collections.abc import Sequence

import pandas as pd

from cxwidgets.evidence.schema import ScoreType, normalise

#: Sentiment at or below this counts as negative (VADER's own neutral band ends here).
NEGATIVE_SENTIMENT = -0.05
#: A score in the bottom quarter of its scale counts as negative.
NEGATIVE_SCORE = 0.25
GROUPINGS = ("touchpoint", "stage", "segment", "product")
METRIC_COLUMNS = ("volume", "scored", "score_index", "nps", "nps_answers", "csat_share",
                  "csat_answers", "negative_share", "mean_sentiment")


def with_flags(table: pd.DataFrame) -> pd.DataFrame:
    """The table plus `score_norm` (0..1) and the per-row flags the metrics count."""
    out = table.copy()
    norm = normalise(out["score"], out["score_type"])
    out["score_norm"] = norm
    kind = out["score_type"]
    nps = kind == ScoreType.nps.value
    csat = kind == ScoreType.csat.value
    out["promoter"] = (nps & (out["score"] >= 9)).astype("float64").where(nps)
    out["detractor"] = (nps & (out["score"] <= 6)).astype("float64").where(nps)
    out["satisfied"] = (csat & (out["score"] >= 4)).astype("float64").where(csat)
    by_score = norm <= NEGATIVE_SCORE
    by_sentiment = out["sentiment"] <= NEGATIVE_SENTIMENT
    known = norm.notna() | out["sentiment"].notna()
    out["negative"] = by_score.where(norm.notna(), by_sentiment).astype("float64").where(known)
    return out


def metrics(table: pd.DataFrame, by: str | Sequence[str] = "touchpoint") -> pd.DataFrame:
    """Volume, score index, NPS, CSAT share, negative share and mean sentiment per group.

    Rows without a value for the grouping are left out (they are counted as untagged
    elsewhere); groups come sorted by volume, largest first.
    """
    keys = [by] if isinstance(by, str) else list(by)
    flagged = with_flags(table).dropna(subset=keys)
    if flagged.empty:
        return pd.DataFrame(columns=[*keys, *METRIC_COLUMNS])
    grouped = flagged.groupby(keys, observed=True, sort=False)
    out = grouped.agg(
        volume=("row", "size"), scored=("score_norm", "count"),
        score_index=("score_norm", "mean"), promoters=("promoter", "mean"),
        detractors=("detractor", "mean"), nps_answers=("promoter", "count"),
        csat_share=("satisfied", "mean"), csat_answers=("satisfied", "count"),
        negative_share=("negative", "mean"), mean_sentiment=("sentiment", "mean"),
    ).reset_index()
    out["score_index"] = out["score_index"] * 100
    out["nps"] = (out.pop("promoters") - out.pop("detractors")) * 100
    out = out.sort_values(["volume", *keys], ascending=[False, *[True] * len(keys)])
    return out[[*keys, *METRIC_COLUMNS]].reset_index(drop=True)


def overall(table: pd.DataFrame) -> dict[str, float]:
    """The headline figures of a whole table (or a segment's slice of it)."""
    whole = metrics(table.assign(_all="all"), "_all")
    if whole.empty:
        return {c: float("nan") for c in METRIC_COLUMNS}
    return {c: float(whole.iloc[0][c]) for c in METRIC_COLUMNS}


def trend(table: pd.DataFrame, by: str | None = "touchpoint",
          freq: str = "MS") -> pd.DataFrame:
    """Per period (month by default) and group: volume, score index and negative share."""
    dated = with_flags(table).dropna(subset=["timestamp"])
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
    return out.sort_values(keys).reset_index(drop=True)


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
    return table.loc[keep]
