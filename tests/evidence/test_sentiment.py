import math

import pandas as pd
import pytest
from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer

from cxwidgets.evidence.schema import empty_table, typed
from cxwidgets.evidence.sentiment import (
    check_text_model,
    describe_check,
    doubts,
    fill_sentiment,
    for_the_model,
    read_labels,
    score_sentiment,
)


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


def canonical(rows: list[dict]) -> pd.DataFrame:
    base = {c: None for c in empty_table().columns}
    return typed(pd.DataFrame([{**base, "row": k + 1, **r} for k, r in enumerate(rows)]))


def test_handles_hashtags_links_and_company_names_are_left_out_before_the_model_reads():
    texts = pd.Series(["@united my flight was delayed 3 hours",
                       "Liberty Airlines lost my bag #fail http://t.co/x1",
                       "Harbor Trust Bank, N.A. charged me twice. Harbor Trust's fees!"])
    names = ["United", "Liberty", "Harbor Trust Bank, N.A."]
    assert for_the_model(texts, names).tolist() == [
        "my flight was delayed 3 hours", "Airlines lost my bag",
        "charged me twice. fees!"]
    assert score_sentiment(texts[:1])[0] < 0  # "united" no longer reads as a happy word
    assert score_sentiment(texts[1:2], names).iloc[0] < score_sentiment(texts[1:2]).iloc[0]


def test_labels_in_any_spelling():
    labels = pd.Series(["Positive", "NEG", "neutral", "very negative", "Somewhat positive",
                        "pos.", "sad", None])
    assert read_labels(labels).fillna(9).tolist() == [1, -1, 0, -1, 0.5, 1, 9, 9]


def test_sentiment_comes_from_the_label_then_the_score_then_the_text(calls: list[str]):
    table = canonical([
        {"text": "Awful, awful box.", "sentiment": 1.0, "sentiment_from": "label"},
        {"text": "Awful, awful box.", "score": 5, "score_type": "rating"},
        {"text": "Awful, awful box."},
        {"score": 1, "score_type": "1-10"},
        {},
    ])
    out = fill_sentiment(table)
    assert out["sentiment"].tolist()[:4] == [1.0, 1.0, pytest.approx(-0.8, abs=0.2), -1.0]
    assert out["sentiment_from"].astype("string").fillna("-").tolist() == [
        "label", "score", "text", "score", "-"]
    assert calls == ["Awful, awful box."]  # the text model reads only the row with neither


def test_the_text_model_is_checked_against_labels_per_class():
    rows = [{"text": "I love it, wonderful", "sentiment": 1.0, "sentiment_from": "label"},
            {"text": "Terrible, broken, awful", "sentiment": -1.0, "sentiment_from": "label"},
            {"text": "I love it, wonderful", "sentiment": -1.0, "sentiment_from": "label"},
            {"text": "It is a box", "sentiment": 0.0, "sentiment_from": "label"}]
    check = check_text_model(fill_sentiment(canonical(rows)))
    assert check["against"] == "labels" and check["rows"] == 4
    assert check["agreement"] == 0.75
    assert check["per_class"] == {"negative": {"rows": 2, "agreement": 0.5},
                                  "neutral": {"rows": 1, "agreement": 1.0},
                                  "positive": {"rows": 1, "agreement": 1.0}}
    lines = describe_check(check)
    assert "agrees with the labels on 75% of 4 English rows (negative 50% of 2" in lines[1]


def test_without_labels_the_text_model_is_checked_against_scores_or_said_to_stand_alone():
    scored = canonical([{"text": "Terrible, awful", "score": 1, "score_type": "rating"},
                        {"text": "Lovely, great", "score": 1, "score_type": "rating"},
                        {"text": "Nice, great", "score": None}])
    check = check_text_model(fill_sentiment(scored))
    assert check["against"] == "scores" and check["agreement"] == 0.5
    assert doubts(check) == ["The sentiment of 1 row comes from the text model, which agrees "
                             "with the scores on only 50% of the rows that have both."]
    alone = check_text_model(fill_sentiment(canonical([{"text": "Nice, great"}])))
    assert alone["against"] is None
    assert "from the text model alone" in doubts(alone)[0]


def test_the_fast_text_model_scores_exactly_as_vader():
    """Many texts, long and short, with negations, boosters, idioms and 'but': the same
    compound score as upstream's own analyzer."""
    import random

    from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer

    from cxwidgets.evidence.vader import FastVader

    upstream, fast = SentimentIntensityAnalyzer(), FastVader()
    words = ["not", "never", "so", "this", "without", "doubt", "good", "bad", "kind", "of",
             "the", "bomb", "very", "but", "isn't", "great", "terrible", "sort", "least",
             "at", "no", "LOVE", "hate", "cut", "the", "mustard", "yeah", "right", "!",
             "happy", "rude", "helpful", "back", "handed", "extremely", "barely"]
    rng = random.Random(7)
    texts = [" ".join(rng.choice(words) for _ in range(rng.randint(1, 120)))
             for _ in range(400)]
    texts += ["The food was not good, but the staff were kind of great!!",
              "Without a doubt the best, never so happy", "The bomb. Cut the mustard."]
    for text in texts:
        assert fast.polarity_scores(text) == upstream.polarity_scores(text), text
