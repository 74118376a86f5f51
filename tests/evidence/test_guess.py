"""Guessing a column mapping from realistic export headers and a few values."""

from __future__ import annotations

import pandas as pd
import pytest

from cxwidgets.evidence.guess import guess_mapping, normalise_name
from cxwidgets.evidence.schema import ScoreType


def frame(columns: dict[str, list]) -> pd.DataFrame:
    return pd.DataFrame({k: [None if v is None else str(v) for v in vals]
                         for k, vals in columns.items()}).astype("string[pyarrow]")


def test_names_compare_blind_to_case_spaces_punctuation_and_camel_case():
    assert normalise_name("Customer_Comment (free text)") == "customer comment free text"
    assert normalise_name("createdAt") == "created at"
    assert normalise_name("ResponseId") == "response id"
    assert normalise_name("Date de création") == "date de creation"


def test_common_headers_in_other_languages():
    f = frame({"Datum": ["03.11.2026"], "Bewertung": [4], "Kommentar": ["Schnell geliefert"]})
    assert guess_mapping(f).mapping.columns == {"timestamp": "Datum", "score": "Bewertung",
                                                "text": "Kommentar"}


def test_a_survey_tool_export():
    f = frame({
        "ResponseId": ["R_1", "R_2"],
        "RecordedDate": ["2026-11-03 10:00:00", "2026-11-04 11:00:00"],
        "Q2 - How likely are you to recommend Freshbox to a friend?": [9, 3],
        "Q3 - What is the main reason for your score?": ["Fresh and tasty every week",
                                                         "Box arrived warm, twice"],
        "Customer type": ["family", "single"],
        "Plan": ["Classic box", "Veggie box"],
    })
    g = guess_mapping(f)
    assert g.mapping.columns == {
        "id": "ResponseId", "timestamp": "RecordedDate",
        "score": "Q2 - How likely are you to recommend Freshbox to a friend?",
        "text": "Q3 - What is the main reason for your score?",
        "segment": "Customer type", "product": "Plan"}
    assert g.mapping.score_type == ScoreType.nps
    assert "recommend" in g.guessed["score_type"]
    assert g.not_found == ["source", "channel", "touchpoint", "stage"]


def test_a_review_site_export_prefers_the_long_text_and_keeps_source():
    f = frame({
        "Reference Id": ["a1", "a2"],
        "Review Created (UTC)": ["2026-11-03T10:00:00Z", "2026-11-04T09:30:00Z"],
        "Review Stars": [5, 2],
        "Review Title": ["Great", "Meh"],
        "Review Content": ["The courier was early and friendly, box was cold.",
                           "Recipes are fine but two ingredients were missing."],
        "Source Of Review": ["Organic", "Invited"],
    })
    g = guess_mapping(f)
    assert g.mapping.columns["text"] == "Review Content"
    assert g.mapping.columns["score"] == "Review Stars"
    assert g.mapping.columns["timestamp"] == "Review Created (UTC)"
    assert g.mapping.columns["id"] == "Reference Id"
    assert g.mapping.columns["source"] == "Source Of Review"
    assert g.mapping.score_type == ScoreType.rating


def test_a_support_desk_export_with_a_word_satisfaction_column():
    f = frame({
        "Ticket ID": [101, 102], "Created at": ["03/11/2026", "25/11/2026"],
        "Channel": ["email", "chat"], "Subject": ["Refund", "Late delivery"],
        "Description": ["Charged twice this month for one box", "Still waiting since 9am"],
        "Satisfaction Score": ["bad", "good"],
    })
    g = guess_mapping(f)
    assert g.mapping.columns == {"id": "Ticket ID", "timestamp": "Created at",
                                 "channel": "Channel", "touchpoint": "Subject",
                                 "score": "Satisfaction Score", "text": "Description"}
    assert g.mapping.score_type == "yes/no"  # a support desk's good / bad: a verdict


@pytest.mark.parametrize(("header", "values", "kind"), [
    ("NPS", [0, 10], ScoreType.nps),
    ("CSAT", [1, 5], ScoreType.csat),
    ("How satisfied were you?", [1, 5], ScoreType.csat),
    ("Stars", [1, 5], ScoreType.rating),
    ("Score", [0, 7], "0-10"),          # NPS only when the name says so
    ("Score", [1, 4], ScoreType.rating),
    ("Score", [10, 100], "0-100"),
    ("Rating", [1, 10, 6], "1-10"),     # values past 5: never a 1-5 rating
    ("Would recommend", ["yes", "no"], "yes/no"),
])
def test_score_type_from_the_header_or_the_values(header, values, kind):
    g = guess_mapping(frame({header: values, "comment": ["a", "b", "c"][: len(values)]}))
    assert g.mapping.columns["score"] == header
    assert g.mapping.score_type == kind
    assert "score_type" not in g.not_found


def test_a_wide_export_gets_one_touchpoint_per_score_column():
    f = frame({
        "Respondent": [1, 2], "Date": ["2026-11-03", "2026-11-04"],
        "Q3 Delivery (1-5)": [4, 5], "Q4 Box and packaging (1-5)": [2, None],
        "Q5 Recipes rating": [3, 4], "Anything else?": ["Cold box", None],
    })
    g = guess_mapping(f)
    assert g.mapping.wide == {"Q3 Delivery (1-5)": "Delivery",
                              "Q4 Box and packaging (1-5)": "Box and packaging",
                              "Q5 Recipes rating": "Recipes"}
    assert g.mapping.score_type == ScoreType.rating
    assert "score" not in g.mapping.columns and "touchpoint" not in g.mapping.columns
    assert g.mapping.columns["text"] == "Anything else?"
    assert "3 score columns" in g.guessed["wide"]


def test_known_touchpoint_names_make_a_wide_export():
    f = frame({"id": [1, 2], "Courier at the door": [1, 2], "Website": [3, 4],
               "NPS": [9, 10], "comment": ["x", "y"]})
    g = guess_mapping(f, touchpoints=["Courier at the door", "Website", "Billing"])
    assert g.mapping.wide == {"Courier at the door": "Courier at the door",
                              "Website": "Website"}
    # the NPS answer is the row's overall score, beside its per-touchpoint scores
    assert g.mapping.columns["score"] == "NPS" and g.mapping.scale_for("NPS") == "nps"
    assert g.mapping.scale_for("Website") == "rating"


def test_a_score_question_among_per_touchpoint_questions_is_left_out_and_said():
    f = frame({"Q1 Delivery (1-5)": [4, 5], "Q2 Box (1-5)": [2, 3],
               "Q3 How likely are you to recommend us? (0-10)": [9, 10]})
    g = guess_mapping(f)
    assert set(g.mapping.wide) == {"Q1 Delivery (1-5)", "Q2 Box (1-5)"}
    assert any("'Q3 How likely are you to recommend us? (0-10)' holds another kind of score "
               "(nps)" in n for n in g.notes)


def test_one_rating_beside_another_score_is_not_wide():
    f = frame({"Rating": [1, 5], "Sentiment score": ["0.5", "-0.2"], "Comment": ["a", "b"]})
    g = guess_mapping(f)
    assert g.mapping.wide == {}
    assert g.mapping.columns["score"] == "Rating"
    assert g.mapping.columns["sentiment"] == "Sentiment score"


def test_values_fill_in_text_and_dates_when_no_header_says():
    f = frame({"c1": ["2026-11-03", "2026-11-04"], "c2": ["A", "B"],
               "c3": ["The box came a day late and warm", "Lovely recipes, quick delivery"]})
    g = guess_mapping(f)
    assert g.mapping.columns == {"text": "c3", "timestamp": "c1"}
    assert "longest free text" in g.guessed["text"]
    assert "values are dates" in g.guessed["timestamp"]


def test_nothing_recognisable_says_so():
    g = guess_mapping(frame({"a": ["1", "2"], "b": ["x", "y"]}))
    assert g.mapping.columns == {}
    assert any("found no column for the feedback text or a score" in n for n in g.notes)


def test_camel_case_and_glued_words_are_split_and_matched():
    assert normalise_name("TypeOfTraveller") == "type of traveller"
    assert normalise_name("OverallRating") == "overall rating"
    f = frame({"TypeOfTraveller": ["Solo", "Couple"] * 10,
               "negativereason": ["Late Flight", "Lost Luggage"] * 10,
               "Submitted via": ["Web", "Phone"] * 10,
               "text": [f"words {k}" for k in range(20)]})
    assert guess_mapping(f).mapping.columns == {
        "channel": "Submitted via", "touchpoint": "negativereason",
        "segment": "TypeOfTraveller", "text": "text"}


def test_ids_that_repeat_name_a_product_not_a_row():
    f = frame({"Product ID": ["B01", "B02", "B01", "B01"] * 10,
               "Review": [f"Review number {k} of the speaker" for k in range(40)]})
    g = guess_mapping(f)
    assert "id" not in g.mapping.columns and g.mapping.columns["product"] == "Product ID"
    assert any("not 'Product ID' (values repeat: 2 distinct of 40)" in d for d in g.decisions)


def test_a_column_with_one_value_on_every_row_is_no_date_score_or_segment():
    f = frame({"Load date": ["2026-11-01"] * 30, "Average_Score": ["8.4"] * 30,
               "Segment": ["All"] * 30, "Review date": [f"2026-10-{k + 1:02d}" for k in range(30)],
               "Comment": [f"comment {k}" for k in range(30)]})
    g = guess_mapping(f)
    assert g.mapping.columns == {"timestamp": "Review date", "text": "Comment"}
    text = " ".join(g.decisions)
    assert "not 'Average_Score' (one value on every row ('8.4'))" in text
    assert "not 'Segment' (one value on every row ('All'))" in text


def test_a_models_confidence_is_neither_a_score_nor_a_feeling():
    f = frame({"sentiment_confidence": [0.35, 0.91, 1.0, 0.67] * 5,
               "prediction score": [0.1, 0.95, 0.5, 0.2] * 5,
               "comment": [f"text {k}" for k in range(20)]})
    g = guess_mapping(f)
    assert "sentiment" not in g.mapping.columns and "score" not in g.mapping.columns
    text = " ".join(g.decisions)
    assert "a confidence or probability, not a feeling" in text
    assert "not a customer's score" in text


def test_a_numeric_sentiment_must_run_from_negative_to_positive():
    f = frame({"Sentiment": [-0.6, 0.2, 0.9, -0.1] * 5, "Comment": ["x"] * 20})
    assert guess_mapping(f).mapping.columns["sentiment"] == "Sentiment"
    f = frame({"Sentiment": [1, 3, 5, 2] * 5, "Comment": ["x"] * 20})
    g = guess_mapping(f)
    assert "sentiment" not in g.mapping.columns
    assert any("values 1 to 5 do not run from negative to positive" in d for d in g.decisions)


def test_what_was_good_and_what_was_bad_are_read_as_one_text_without_placeholders():
    good = [f"Great location, {k} minutes from the station" for k in range(30)]
    bad = [f"Room {k} was noisy at night" for k in range(30)]
    f = frame({"Positive_Review": ["No Positive" if k % 3 == 0 else g
                                   for k, g in enumerate(good)],
               "Negative_Review": ["No Negative" if k % 3 == 1 else b
                                   for k, b in enumerate(bad)],
               "Reviewer_Score": [9.2, 3.5, 7.1] * 10})
    g = guess_mapping(f)
    assert g.mapping.text_parts == ["Positive_Review", "Negative_Review"]
    assert set(g.mapping.placeholders) == {"No Positive", "No Negative"}
    assert g.mapping.columns["score"] == "Reviewer_Score" and g.mapping.score_type == "1-10"


def test_numeric_columns_on_one_small_scale_with_blanks_are_a_wide_export():
    f = frame({"SeatComfort": [1, 2, 3, 4, 5, 3, None, None, 4, 2],
               "CabinStaffService": [5, 4, None, 2, 1, 3, 4, 4, 5, 1],
               "Wifi&Connectivity": [1, None, None, None, 5, None, None, 2, None, None],
               "OverallRating": [1, 3, 5, 7, 10, 6, 8, 9, 2, 4],
               "Review": [f"review {k}" for k in range(10)]})
    g = guess_mapping(f)
    assert g.mapping.wide == {"SeatComfort": "Seat comfort",
                              "CabinStaffService": "Cabin staff service",
                              "Wifi&Connectivity": "Wifi & connectivity"}
    assert g.mapping.columns["score"] == "OverallRating"  # not "service": a product word
    assert g.mapping.scale_for("OverallRating") == "1-10"
    assert g.mapping.scale_for("SeatComfort") == "rating"
    assert any("read as one score per touchpoint" in d for d in g.doubts)


def test_the_handles_in_the_texts_are_proposed_as_company_names():
    f = frame({"text": [f"@united my flight {k} was late" for k in range(30)]
               + ["@Delta thanks", "@Delta great crew"],
               "airline": ["United"] * 30 + ["Delta"] * 2})
    names = guess_mapping(f).mapping.company_names
    assert [n.casefold() for n in names] == ["united", "delta"]


def test_a_version_on_every_row_is_no_company_name():
    """An app store scrape holds 'appVersion' 4.2.1 on every row: a version, not the
    company, so it is not taken out of the texts the text model reads."""
    f = frame({"content": ["Crashes every time I open it", "Lovely app, easy to use"],
               "score": [1, 5], "appVersion": ["4.2.1", "4.2.1"],
               "appName": ["Freshbox", "Freshbox"]})
    g = guess_mapping(f)
    assert g.mapping.company_names == ["Freshbox"]


@pytest.mark.parametrize("header", ["Comentarios", "Commentaires", "Kommentare",
                                    "Opmerkingen", "Komentarz", "Commenti"])
def test_the_customers_words_named_in_other_languages(header):
    f = frame({"Nota": [4, 2], header: ["Muy bien", "Tarde otra vez"]})
    assert guess_mapping(f).mapping.columns["text"] == header
