"""A guess that checks itself: read the file with it, and try again when it loses rows;
model outputs are never a customer's rating."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from cxwidgets.evidence import selfcheck
from cxwidgets.evidence.guess import Guess
from cxwidgets.evidence.ingest import ingest
from cxwidgets.evidence.mapping import ColumnMapping
from cxwidgets.evidence.profile import Profile

WORDS = ["The app crashes every time I log in", "Transfers are quick and easy",
         "Support never answered my mail", "Love the new card controls",
         "Fees went up again without notice", "Face login works great now"]


def app_reviews(rows: int = 7_290, seed: int = 3) -> pd.DataFrame:
    """App reviews with two model outputs beside the customers' own stars: a compound
    score from -1 to 1 and a classifier's probability that the review is positive."""
    rng = np.random.default_rng(seed)
    stars = rng.integers(1, 6, rows)
    lean = (stars - 3) / 2
    return pd.DataFrame({
        "reviewId": [f"gp:{k:06d}" for k in range(rows)],
        "content": [f"{WORDS[k % len(WORDS)]} ({k})" for k in range(rows)],
        "score": stars.astype(str),
        "at": [f"2026-0{k % 9 + 1}-1{k % 9} 10:00:00" for k in range(rows)],
        "sentiment score": [f"{v:.4f}" for v in np.clip(lean + rng.normal(0, .3, rows), -1, 1)],
        "positive score": [f"{v:.4f}" for v in rng.uniform(0, 1, rows)],
    })


def test_model_outputs_are_never_a_customers_rating(tmp_path):
    data = app_reviews()
    path = tmp_path / "app_reviews.csv"
    data.to_csv(path, index=False)
    result = ingest(path)
    m = ColumnMapping.from_data(result.report.mapping)
    assert m.columns["score"] == "score" and m.scale_for("score") == "rating"
    assert not m.wide and "sentiment" not in m.columns
    assert result.report.rejected_count == 0 and result.report.accepted == len(data)
    decisions = " ".join(result.report.decisions)
    assert "a model's" in decisions


def test_a_models_label_is_used_only_without_a_customer_score(tmp_path):
    data = app_reviews(300).drop(columns=["score"]).assign(
        bert_label=lambda d: np.where(d["sentiment score"].astype(float) > 0, "positive",
                                      "negative"))
    path = tmp_path / "no_stars.csv"
    data.to_csv(path, index=False)
    report = ingest(path).report
    assert report.mapping["columns"].get("sentiment") in ("bert_label", "sentiment score")
    assert any("a model wrote, not the customers" in d for d in report.doubts)
    with_stars = tmp_path / "stars.csv"
    data.assign(stars=app_reviews(300)["score"]).to_csv(with_stars, index=False)
    report = ingest(with_stars).report
    assert "sentiment" not in report.mapping["columns"]
    assert "not 'bert_label' (a model's output" in " ".join(report.decisions) or \
        "not 'sentiment score' (a model's output" in " ".join(report.decisions)


@pytest.fixture
def wrong_guess(monkeypatch):
    """A guess that takes a model's compound score as the customers' rating, as the guess
    once did: the self-check must notice on the rows and try again."""
    def guess(frame, touchpoints=None, labels=None, metadata=()):
        mapping = ColumnMapping(columns={"id": "reviewId", "timestamp": "at",
                                         "score": "sentiment score", "text": "content"},
                                score_type="rating")
        return Guess(mapping, guessed={"score": "column 'sentiment score'"},
                     candidates={"score": ["sentiment score", "score"]})

    monkeypatch.setattr(selfcheck, "guess_mapping", guess)


def test_a_guess_that_loses_the_file_is_tried_again_and_says_so(tmp_path, wrong_guess):
    data = app_reviews(2_000)
    path = tmp_path / "app_reviews.csv"
    data.to_csv(path, index=False)
    result = ingest(path)
    report = result.report
    assert report.mapping["columns"]["score"] == "score"
    assert report.rejected_count == 0 and report.accepted == len(data)
    first = report.doubts[0]
    lost = int((data["sentiment score"].astype(float) < 1).sum())
    assert f"The first guess would have rejected {lost:,} of 2,000 rows" in first
    assert "'sentiment score': score outside 1-5 for rating" in first
    assert "without 'sentiment score'" in first and "kept 'score' as the score" in first
    assert report.to_text().index(first[:40]) < report.to_text().index("Rows read")


def test_a_few_typos_in_a_small_file_are_not_a_wrong_guess(tmp_path):
    rows = "".join(f"r{k},{k % 5 + 1},Box number {k} was fine\n" for k in range(40))
    path = tmp_path / "small.csv"
    path.write_text("id,rating,comment\n" + rows + "r40,9,Box forty was odd\n")
    report = ingest(path).report
    assert report.mapping["columns"]["score"] == "rating"
    assert report.rejected_count == 1 and not any("first guess" in d for d in report.doubts)


@pytest.mark.parametrize(("name", "values", "model"), [
    ("vader_compound", ["0.4404", "-0.2960", "0.0"], True),
    ("bert_label", ["positive", "negative"], True),
    ("review_score_roberta", ["1", "2", "3"], True),
    ("predicted", ["1", "5"], True),
    ("Rating", ["1", "2", "3", "4", "5"], False),
    ("NPS", [str(k) for k in range(11)], False),
    ("feeling", [f"{v:.3f}" for v in np.linspace(-1, 1, 40)], True),
])
def test_what_counts_as_a_models_output(name, values, model):
    cells = pd.Series(values * 5, dtype="string")
    p = Profile(name, name.replace("_", " ").lower(), len(cells), cells, cells.value_counts())
    assert p.made_by_model is model
