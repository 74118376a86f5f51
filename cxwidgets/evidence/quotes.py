"""Representative customer quotes: the most telling positive and negative voices per group.

"Most telling" means the strongest feeling (sentiment, or the score when there is no
sentiment) among texts long enough to say something and short enough to read on a map.
Near-duplicates (the same complaint copied, or with a word changed) are dropped with a
fuzzy token match, so two quotes on a card never say the same thing twice.
"""

from __future__ import annotations

import pandas as pd
from rapidfuzz import fuzz

from cxwidgets.evidence.metrics import with_flags

#: Texts shorter than this rarely say anything a workshop can use ("ok", "bad").
MIN_CHARS = 25
#: Texts longer than this are cut on cards; prefer ones that fit.
MAX_CHARS = 280
#: Two texts at least this similar (rapidfuzz token-set ratio, 0-100) count as one.
SAME_TEXT = 85
#: How many of the strongest candidates are considered per group and polarity.
CANDIDATES = 60
COLUMNS = ["group", "polarity", "text", "language", "score", "sentiment", "source", "row"]


def _strength(flagged: pd.DataFrame, polarity: str) -> pd.Series:
    """How strongly each row leans one way: sentiment first, the score otherwise."""
    sentiment = flagged["sentiment"]
    from_score = flagged["score_norm"] * 2 - 1
    lean = sentiment.where(sentiment.notna(), from_score)
    return -lean if polarity == "negative" else lean


def distinct(texts: list[str], limit: int) -> list[int]:
    """Positions of up to `limit` texts, in order, skipping near-duplicates of earlier ones."""
    picked: list[int] = []
    for i, text in enumerate(texts):
        if all(fuzz.token_set_ratio(text, texts[j]) < SAME_TEXT for j in picked):
            picked.append(i)
            if len(picked) == limit:
                break
    return picked


def representative_quotes(table: pd.DataFrame, by: str = "touchpoint",
                          n: int = 2) -> pd.DataFrame:
    """Up to `n` negative and `n` positive quotes per group, strongest first."""
    flagged = with_flags(table)
    text = flagged["text"].str.strip()
    length = text.str.len()
    usable = flagged.loc[text.notna() & length.between(MIN_CHARS, MAX_CHARS)].assign(
        text=text)
    usable = usable.dropna(subset=[by])
    rows = []
    for polarity in ("negative", "positive"):
        strength = _strength(usable, polarity)
        leaning = usable.assign(_s=strength).loc[strength > 0]
        for group, part in leaning.groupby(by, observed=True, sort=True):
            top = part.sort_values(["_s", "row"], ascending=[False, True]).head(CANDIDATES)
            texts = top["text"].tolist()
            for i in distinct(texts, n):
                r = top.iloc[i]
                rows.append({"group": group, "polarity": polarity, "text": texts[i],
                             "language": r.get("language", pd.NA),
                             "score": r["score"], "sentiment": r["sentiment"],
                             "source": r["source"], "row": int(r["row"])})
    return pd.DataFrame(rows, columns=COLUMNS)
