"""Four exports shaped like real public ones: the guessed mapping gives a careful analyst's
answer, or says what it is unsure of.

The files come from sample_data/make_real_shaped_exports.py (fixed seed). Every expected
count is computed here from the raw file with plain pandas, the way an analyst checks by
hand, never copied from the kit's own output.
"""

from __future__ import annotations

import re
from pathlib import Path

import pandas as pd
import pytest

from cxwidgets.evidence.folder import load_folder
from cxwidgets.evidence.ingest import ingest
from cxwidgets.evidence.mapping import ColumnMapping
from cxwidgets.evidence.metrics import with_flags

WIDE = {"SeatComfort": "Seat comfort", "CabinStaffService": "Cabin staff service",
        "GroundService": "Ground service", "ValueForMoney": "Value for money",
        "Food&Beverages": "Food & beverages", "InflightEntertainment": "Inflight entertainment",
        "Wifi&Connectivity": "Wifi & connectivity"}


@pytest.fixture(scope="module")
def corpus(generator, tmp_path_factory) -> dict[str, Path]:
    return generator.write_all(tmp_path_factory.mktemp("corpus"))


@pytest.fixture(scope="module")
def done(corpus):
    return {name: ingest(path) for name, path in corpus.items()}


def raw(path: Path) -> pd.DataFrame:
    """The file as an analyst opens it: every cell as written, empty cells as ''."""
    return pd.read_csv(path, sep="\t" if path.suffix == ".tsv" else ",", dtype=str,
                       keep_default_na=False)


def mapping_of(result) -> ColumnMapping:
    return ColumnMapping.from_data(result.report.mapping)


def counts(result) -> tuple[int, int, int, int]:
    r = result.report
    return r.rows_read, r.accepted, r.volume_only, r.rejected_count


# -- the generator ---------------------------------------------------------------------

def test_the_corpus_is_the_same_on_every_run(generator, corpus, tmp_path):
    again = generator.write_all(tmp_path)
    for name, path in corpus.items():
        assert again[name].read_bytes() == path.read_bytes(), name


def test_the_corpus_has_the_shapes_that_misled_the_guess(corpus):
    reviews = raw(corpus["airline_reviews"])
    assert set(reviews["OverallRating"]) - {""} == {str(k) for k in range(1, 11)}
    assert (reviews["OverallRating"].isin([str(k) for k in range(6, 11)])).mean() > 0.35
    assert set(reviews["Recommended"]) == {"yes", "no"}
    assert (reviews["Wifi&Connectivity"] == "").mean() > 0.5
    assert reviews["ReviewDate"].str.match(r"^\d{1,2}(st|nd|rd|th) [A-Z][a-z]+ \d{4}$").all()
    tweets = raw(corpus["airline_tweets"])
    sure = tweets["airline_sentiment_confidence"].astype(float)
    assert sure.between(0.33, 1).all() and set(tweets["airline_sentiment"]) == {
        "negative", "neutral", "positive"}
    assert tweets["text"].str.contains("@liberty ").any()
    complaints = raw(corpus["consumer_complaints"])
    assert 0.7 < (complaints["Consumer complaint narrative"] == "").mean() < 0.8
    assert complaints["Company public response"].replace("", pd.NA).nunique() == 8
    assert complaints["Company"].nunique() == 1
    assert complaints["Tags"].str.contains(", ").any()
    products = raw(corpus["product_reviews"])
    assert products["date"].str.match(r"^\d{1,2}-[A-Z][a-z]{2}-\d{2}$").all()
    love = products[products["verified_reviews"] == "Love it!"]
    assert love.duplicated(["date"]).any()  # the same words, the same day, other customers


# -- airline reviews -------------------------------------------------------------------

def test_airline_reviews_mapping(done):
    m = mapping_of(done["airline_reviews"])
    assert m.columns == {"timestamp": "ReviewDate", "segment": "TravellerType",
                         "product": "SeatType", "score": "OverallRating", "text": "ReviewText"}
    assert m.text_parts == ["ReviewTitle", "ReviewText"]
    assert m.wide == WIDE
    assert m.scale_for("OverallRating") == "1-10"
    assert {m.scale_for(c) for c in WIDE} == {"rating"}  # 1-5
    warnings = " ".join(done["airline_reviews"].report.warnings)
    assert "'Recommended'" in warnings and "yes/no" in warnings


def test_airline_reviews_counts_and_negative_share(corpus, done):
    data = raw(corpus["airline_reviews"])
    mapped = ["ReviewTitle", "ReviewText", "ReviewDate", "OverallRating", "TravellerType",
              "SeatType", *WIDE]
    twice = int(data.duplicated(mapped).sum())
    assert twice == 3
    result = done["airline_reviews"]
    assert counts(result) == (len(data), len(data) - twice, 0, twice)
    kept = data[~data.duplicated(mapped)]
    table = with_flags(result.table)
    overall = table[table["score_type"] == "1-10"]
    rated = kept["OverallRating"].replace("", pd.NA).dropna().astype(int)
    assert len(overall) == len(rated)
    assert overall["negative"].mean() == pytest.approx((rated <= 3).mean())
    assert overall["score"].max() == 10  # the happy half is kept
    cells = sum(int((kept[c] != "").sum()) for c in WIDE)
    assert len(table) == len(kept) + cells
    per_tp = table[table["touchpoint"].isin(WIDE.values())]
    assert per_tp["score_type"].eq("rating").all() and per_tp["text"].isna().all()
    words = table[table["text"].notna()]
    assert len(words) == len(kept)
    first = words.loc[words["row"] == 1, "text"].item()  # title and body read as one text
    title = kept.iloc[0]["ReviewTitle"]
    assert title.startswith('"') and first == f'{title[1:-1]}. {kept.iloc[0]["ReviewText"]}'


def test_airline_reviews_sentiment_follows_the_score(corpus):
    evidence = load_folder_of(corpus["airline_reviews"])
    table = evidence.table
    words = table[table["text"].notna()]
    assert set(words["sentiment_from"]) == {"score", "text"}
    unrated = words[words["score"].isna()]
    assert len(unrated) == 6 and unrated["sentiment_from"].eq("text").all()


# -- airline tweets --------------------------------------------------------------------

def test_airline_tweets_mapping(done):
    m = mapping_of(done["airline_tweets"])
    assert m.columns == {"id": "tweet_id", "timestamp": "tweet_created",
                         "touchpoint": "negativereason", "product": "airline",
                         "sentiment": "airline_sentiment", "text": "text"}
    names = {n.casefold() for n in m.company_names}
    assert "liberty" in names  # its handle reads as a happy word to the text model
    decisions = " ".join(done["airline_tweets"].report.decisions)
    assert "not 'airline_sentiment_confidence'" in decisions


def test_airline_tweets_counts_and_labels(corpus, done):
    data = raw(corpus["airline_tweets"])
    refetched = int(data["tweet_id"].duplicated().sum())
    assert refetched == 30
    result = done["airline_tweets"]
    assert counts(result) == (len(data), len(data) - refetched, 0, refetched)
    kept = data[~data["tweet_id"].duplicated()]
    labels = kept["airline_sentiment"]
    evidence = load_folder_of(corpus["airline_tweets"])
    table = with_flags(evidence.table)
    assert table["sentiment_from"].eq("label").all()
    assert table["negative"].mean() == pytest.approx((labels == "negative").mean())
    assert 0.6 < table["negative"].mean() < 0.66
    by_airline = table.groupby("product")["negative"].mean().to_dict()
    expected = (labels == "negative").groupby(kept["airline"]).mean().to_dict()
    assert by_airline == pytest.approx(expected)
    assert by_airline["Liberty"] > by_airline["Pacific Jet"]  # the labels' order, not VADER's


def test_airline_tweets_text_model_agreement_is_reported_per_class(corpus):
    evidence = load_folder_of(corpus["airline_tweets"])
    (_, report), = evidence.reports
    check = report.sentiment
    assert check["against"] == "labels"
    assert set(check["per_class"]) == {"negative", "neutral", "positive"}
    assert 0.3 < check["agreement"] < 0.9
    assert all(0 <= v["agreement"] <= 1 and v["rows"] > 0 for v in check["per_class"].values())
    assert "text model agrees with the labels" in report.to_text()


# -- consumer complaints ---------------------------------------------------------------

def test_consumer_complaints_mapping(done):
    result = done["consumer_complaints"]
    m = mapping_of(result)
    assert m.columns == {"id": "Complaint ID", "timestamp": "Date received",
                         "channel": "Submitted via", "touchpoint": "Issue",
                         "product": "Product", "text": "Consumer complaint narrative"}
    assert any("Harbor Trust" in n for n in m.company_names)
    decisions = " ".join(result.report.decisions)
    assert re.search(r"text: 'Consumer complaint narrative' \([\d,]+ distinct of 6,623\); "
                     r"not 'Company public response' \(8 distinct values\)", decisions)
    assert "'Company'" in decisions  # one value on every row: not a segment or product


def test_consumer_complaints_keep_rows_without_a_narrative_as_volume(corpus, done):
    data = raw(corpus["consumer_complaints"])
    silent = int((data["Consumer complaint narrative"] == "").sum())
    result = done["consumer_complaints"]
    assert counts(result) == (len(data), len(data), silent, 0)
    table = result.table
    assert table["channel"].value_counts().to_dict() == data["Submitted via"].value_counts(
        ).to_dict()  # phone, post and referrals are counted, not only the web
    doubts = " ".join(result.report.doubts)
    assert "volume" in doubts and f"{silent:,}" in doubts


def test_consumer_complaints_sentiment_comes_from_the_text_only_where_there_is_text(corpus):
    table = load_folder_of(corpus["consumer_complaints"]).table
    told = table["text"].notna()
    assert table.loc[told, "sentiment_from"].eq("text").all()
    assert table.loc[~told, "sentiment"].isna().all()
    assert table.loc[~told, "sentiment_from"].isna().all()


# -- product reviews -------------------------------------------------------------------

def test_product_reviews_mapping(done):
    m = mapping_of(done["product_reviews"])
    assert m.columns == {"timestamp": "date", "product": "variation", "score": "rating",
                         "text": "verified_reviews"}
    assert m.scale_for("rating") == "rating"


def repeats(data: pd.DataFrame) -> pd.Series:
    """Reviews with words that repeat an earlier one in every column: the same customer's
    review scraped twice. A bare rating, or "Love it!", repeated the same day says nothing
    about who gave it: kept."""
    return data.duplicated(["rating", "date", "variation", "verified_reviews"]) & (
        data["verified_reviews"].str.len() >= 25)


def test_product_reviews_drop_only_real_duplicates(corpus, done):
    data = raw(corpus["product_reviews"])
    same = repeats(data)
    result = done["product_reviews"]
    assert counts(result) == (len(data), len(data) - int(same.sum()), 0, int(same.sum()))
    assert int(same.sum()) >= 14  # the rows scraped twice, and no more than a few others
    love = data[(data["verified_reviews"] == "Love it!") & ~same]
    pair = love[love.duplicated("date", keep=False)]
    assert len(pair) >= 2  # the same words the same day by different customers: all kept
    kept_rows = set(result.table["row"])
    assert {i + 1 for i in pair.index} <= kept_rows
    text = result.report.to_text()
    assert "duplicate of an earlier row" in text and "first in row" in text


def test_product_reviews_negative_share_matches_ratings_and_the_feedback_flag(corpus, done):
    data = raw(corpus["product_reviews"])
    kept = data[~repeats(data)]
    table = with_flags(done["product_reviews"].table)
    assert table["negative"].mean() == pytest.approx((kept["rating"].astype(int) <= 2).mean())
    assert table["negative"].mean() == pytest.approx((kept["feedback"] == "0").mean())


# -- the guess says what it is unsure of -----------------------------------------------

def test_every_file_reports_its_decisions_with_numbers(done):
    for name, result in done.items():
        report = result.report
        assert report.decisions, name
        assert any(re.search(r"\d", d) for d in report.decisions), name
        text = report.to_text()
        assert "The column mapping was guessed" in text, name


def load_folder_of(path: Path):
    """The export alone in a folder with no mapping file: the guessed mapping is used."""
    folder = path.parent / f"only_{path.stem}"
    folder.mkdir(exist_ok=True)
    target = folder / path.name
    if not target.exists():
        target.write_bytes(path.read_bytes())
    return load_folder(folder)
