"""Sentiment of feedback texts, offline, with VADER: -1 (very negative) .. +1 (very positive).

VADER's compound score is a rule-and-lexicon reading of English text, made for short
social-media style posts; it needs no network and no model download. It reads words,
punctuation, capitals and emoji, so it knows "not good" from "good" and "GREAT!!" from
"great", but not sarcasm or domain words (for a meal kit, "cold" can be good or bad).

Feedback repeats a lot (the same short review, the same canned survey answer), so every
distinct text is scored once and the score is spread back over its rows.
"""

from __future__ import annotations

from functools import lru_cache

import numpy as np
import pandas as pd

from cxwidgets.evidence.schema import SENTIMENT_RANGE


@lru_cache(maxsize=1)
def _analyzer():
    from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer

    return SentimentIntensityAnalyzer()


def score_sentiment(texts: pd.Series) -> pd.Series:
    """VADER's compound score per text (float64, same index); NaN where the text is empty.

    Texts that differ only in surrounding spaces count as the same text.
    """
    stripped = texts.astype("string").str.strip()
    codes, distinct = pd.factorize(stripped.replace("", pd.NA))
    analyzer = _analyzer()
    scores = np.array([analyzer.polarity_scores(t)["compound"] for t in distinct] + [np.nan],
                      dtype="float64")  # the extra last slot is for missing text (code -1)
    low, high = SENTIMENT_RANGE
    return pd.Series(np.clip(scores[codes], low, high), index=texts.index, dtype="float64",
                     name="sentiment")


def fill_sentiment(table: pd.DataFrame) -> pd.DataFrame:
    """A copy of a canonical table with sentiment filled where it is missing.

    Sentiment a source already gave (e.g. from its own tool) is kept; only rows with no
    sentiment and some text are scored.
    """
    out = table.copy()
    sentiment = out["sentiment"].astype("float64")
    missing = sentiment.isna()
    if missing.any():
        sentiment[missing] = score_sentiment(out.loc[missing, "text"])
    out["sentiment"] = sentiment
    return out
