"""One spelling per label: "BUSY PARENTS", "busy  parents" and "Busy parents" are one segment.

Exports spell the same segment, product, source or channel in different cases and with
stray spaces. Each label is folded onto the spelling most rows use, so counts and
per-segment reports do not split one group into several.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import pandas as pd

from cxwidgets.evidence.cells import recode

#: Label fields folded onto one spelling (touchpoints and stages are named by tagging).
TIDIED: tuple[str, ...] = ("segment", "product", "source", "channel")


def fold(values: pd.Series) -> pd.Series:
    """Each value replaced by the most frequent spelling of its case/space-blind form.

    Works on the distinct values and their counts: a million rows of a few labels cost
    a few labels. Returns a categorical."""
    codes, distinct = pd.factorize(values)
    counts = np.bincount(codes[codes >= 0], minlength=len(distinct))
    spelled = [" ".join(str(v).split()) for v in distinct]
    best: dict[str, tuple[int, str]] = {}
    for text, count in zip(spelled, counts, strict=True):
        key = text.casefold()
        if key not in best or count > best[key][0]:
            best[key] = (int(count), text)
    labels = [best[t.casefold()][1] if t else None for t in spelled]
    return recode(codes, labels, values.index)


def tidy_labels(table: pd.DataFrame, fields: Sequence[str] = TIDIED) -> pd.DataFrame:
    return table.assign(**{field: fold(table[field]) for field in fields})
