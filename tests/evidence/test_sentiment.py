import math

import pandas as pd
import pytest
from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer

from cxwidgets.evidence.schema import empty_table, typed
from cxwidgets.evidence.sentiment import fill_sentiment, score_sentiment


@pytest.fixture
def calls(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Every text VADER is asked to score, in order."""
    seen: list[str] = []
    original = SentimentIntensityAnalyzer.polarity_scores

    def counting(self, text):
        seen.append(text)
        return original(self, text)

    monkeypatch.setattr(SentimentIntensityAnalyzer, "polarity_scores", counting)
    return seen


def test_clear_texts_get_clear_scores_and_empty_texts_none():
    texts = pd.Series(["Brilliant service, the food was delicious and fresh!",
                       "Terrible. The chicken was missing and nobody helped, awful.",
                       "The box came on Tuesday.", "", "   ", None],
                      index=[7, 8, 9, 10, 11, 12])
    got = score_sentiment(texts)
    assert got.dtype == "float64" and list(got.index) == [7, 8, 9, 10, 11, 12]
    assert got[7] > 0.5 and got[8] < -0.5 and abs(got[9]) < 0.2
    assert got[[10, 11, 12]].isna().all()
    assert got.dropna().between(-1, 1).all()


def test_each_distinct_text_is_scored_once(calls: list[str]):
    texts = pd.Series(["Love it!", "Awful.", "Love it!  ", None, ""] * 400, dtype="string")
    got = score_sentiment(texts)
    assert sorted(calls) == ["Awful.", "Love it!"]
    assert got.iloc[0] == got.iloc[2] > 0 > got.iloc[1]
    assert got.isna().sum() == 800


def test_fill_sentiment_fills_only_what_is_missing(calls: list[str]):
    base = {c: None for c in empty_table().columns}
    rows = [{"text": "Great box, thank you!", "sentiment": None},
            {"text": "Great box, thank you!", "sentiment": -0.3},    # given: kept as is
            {"text": "Horrible, the box was warm and smelly.", "sentiment": None},
            {"text": None, "sentiment": None},
            {"text": "whatever", "sentiment": 0.9}]
    table = typed(pd.DataFrame([{**base, "row": k + 1, **r} for k, r in enumerate(rows)]))
    out = fill_sentiment(table)
    assert out.loc[0, "sentiment"] > 0.5 and out.loc[1, "sentiment"] == -0.3
    assert out.loc[2, "sentiment"] < -0.3 and math.isnan(out.loc[3, "sentiment"])
    assert out.loc[4, "sentiment"] == 0.9
    assert sorted(calls) == ["Great box, thank you!", "Horrible, the box was warm and smelly."]
    assert table["sentiment"].isna().sum() == 3          # the input is left alone
    assert list(out.columns) == list(table.columns) and out["sentiment"].dtype == "float64"


def test_fill_sentiment_on_a_complete_or_empty_table_scores_nothing(calls: list[str]):
    assert fill_sentiment(empty_table()).empty
    base = {c: None for c in empty_table().columns}
    done = typed(pd.DataFrame([{**base, "row": 1, "text": "fine", "sentiment": 0.1}]))
    assert fill_sentiment(done).loc[0, "sentiment"] == 0.1
    assert calls == []
