"""One spelling per label: "BUSY PARENTS", "busy  parents" and "Busy parents" are one segment.

Exports spell the same segment, product, source or channel in different cases and with
stray spaces. Each label is folded onto the spelling most rows use, so counts and
per-segment reports do not split one group into several.
"""

from __future__ import annotations

from collections.abc import Sequence

import pandas as pd

#: Label fields folded onto one spelling (touchpoints and stages are named by tagging).
TIDIED: tuple[str, ...] = ("segment", "product", "source", "channel")


def fold(values: pd.Series) -> pd.Series:
    """Each value replaced by the most frequent spelling of its case/space-blind form."""
    text = values.astype("string").str.strip().str.replace(r"\s+", " ", regex=True)
    key = text.str.casefold()
    counts = pd.DataFrame({"key": key, "text": text}).dropna().value_counts()
    best = {}
    for (k, spelled), _ in counts.items():  # most frequent first
        best.setdefault(k, spelled)
    return key.map(best).astype("string").where(text.notna())


def tidy_labels(table: pd.DataFrame, fields: Sequence[str] = TIDIED) -> pd.DataFrame:
    out = table.copy()
    for field in fields:
        out[field] = fold(out[field])
    return out
