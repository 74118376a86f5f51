"""Answers given in words are read as the scale they are (satisfaction, agreement, ease,
likelihood, quality), in English, German, French, Spanish and Dutch, and then count like
numbers: figures, sentiment, the guess's choice of score."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from cxwidgets.evidence.ingest import ingest
from cxwidgets.evidence.pipeline import prepare

#: Five-point labels, worst first, as survey tools write them.
SATISFACTION = {
    "en": ["Very dissatisfied", "Dissatisfied", "Neither satisfied nor dissatisfied",
           "Satisfied", "Very satisfied"],
    "de": ["Sehr unzufrieden", "Unzufrieden", "Weder zufrieden noch unzufrieden",
           "Zufrieden", "Sehr zufrieden"],
    "fr": ["Très insatisfait", "Insatisfait", "Ni satisfait ni insatisfait", "Satisfait",
           "Très satisfait"],
    "es": ["Muy insatisfecho", "Insatisfecho", "Ni satisfecho ni insatisfecho",
           "Satisfecho", "Muy satisfecho"],
    "nl": ["Zeer ontevreden", "Ontevreden", "Niet tevreden, niet ontevreden", "Tevreden",
           "Zeer tevreden"],
    "qualtrics": ["Extremely dissatisfied", "Somewhat dissatisfied",
                  "Neither satisfied nor dissatisfied", "Somewhat satisfied",
                  "Extremely satisfied"],
}
AGREEMENT = {
    "en": ["Strongly disagree", "Disagree", "Neither agree nor disagree", "Agree",
           "Strongly agree"],
    "de": ["Stimme überhaupt nicht zu", "Stimme nicht zu", "Teils/teils", "Stimme zu",
           "Stimme voll und ganz zu"],
    "fr": ["Pas du tout d'accord", "Pas d'accord", "Ni d'accord ni pas d'accord",
           "D'accord", "Tout à fait d'accord"],
    "es": ["Totalmente en desacuerdo", "En desacuerdo", "Ni de acuerdo ni en desacuerdo",
           "De acuerdo", "Totalmente de acuerdo"],
    "nl": ["Helemaal mee oneens", "Mee oneens", "Neutraal", "Mee eens",
           "Helemaal mee eens"],
}
AGREEMENT_7 = {
    "en": ["Strongly disagree", "Disagree", "Somewhat disagree",
           "Neither agree nor disagree", "Somewhat agree", "Agree", "Strongly agree"],
    "de": ["Stimme überhaupt nicht zu", "Stimme nicht zu", "Stimme eher nicht zu",
           "Teils/teils", "Stimme eher zu", "Stimme zu", "Stimme voll und ganz zu"],
    "fr": ["Pas du tout d'accord", "Pas d'accord", "Plutôt pas d'accord",
           "Ni d'accord ni pas d'accord", "Plutôt d'accord", "D'accord",
           "Tout à fait d'accord"],
    "nl": ["Helemaal mee oneens", "Mee oneens", "Enigszins mee oneens", "Neutraal",
           "Enigszins mee eens", "Mee eens", "Helemaal mee eens"],
}
EASE = {
    "en": ["Very difficult", "Difficult", "Neither easy nor difficult", "Easy", "Very easy"],
    "de": ["Sehr schwierig", "Schwierig", "Weder einfach noch schwierig", "Einfach",
           "Sehr einfach"],
    "fr": ["Très difficile", "Difficile", "Ni facile ni difficile", "Facile", "Très facile"],
    "es": ["Muy difícil", "Difícil", "Ni fácil ni difícil", "Fácil", "Muy fácil"],
    "nl": ["Zeer moeilijk", "Moeilijk", "Niet makkelijk, niet moeilijk", "Makkelijk",
           "Zeer makkelijk"],
    "effort": ["Very high effort", "High effort", "Neither high nor low effort",
               "Low effort", "Very low effort"],
}
LIKELIHOOD = {
    "surveymonkey": ["Not at all likely", "Not so likely", "Somewhat likely", "Very likely",
                     "Extremely likely"],
    "intent": ["Definitely not", "Probably not", "Not sure", "Probably", "Definitely"],
    "fr": ["Pas du tout probable", "Peu probable", "Ni probable ni improbable",
           "Assez probable", "Très probable"],
}
QUALITY = {
    "classic": ["Poor", "Fair", "Good", "Very good", "Excellent"],
    "travel": ["Terrible", "Poor", "Average", "Very good", "Excellent"],
    "chat": ["Terrible", "Bad", "OK", "Great", "Amazing"],
    "de": ["Sehr schlecht", "Schlecht", "Neutral", "Gut", "Sehr gut"],
    "es": ["Muy malo", "Malo", "Regular", "Bueno", "Muy bueno"],
}


def survey(header: str, labels: list[str], rows: int = 300, seed: int = 4,
           extra: dict[str, list[str]] | None = None) -> tuple[bytes, np.ndarray]:
    """A survey export answering `header` in words, and the index of each answer."""
    rng = np.random.default_rng(seed)
    picked = rng.integers(0, len(labels), rows)
    picked[: len(labels)] = np.arange(len(labels))  # every label at least once
    frame = pd.DataFrame({
        "Response ID": [f"R{k:04d}" for k in range(rows)],
        header: [labels[k] for k in picked],
        "Comments": [f"Order {k} arrived {['early', 'late', 'on time'][k % 3]} and the "
                     f"{['box', 'driver', 'app'][k % 3 - 1]} was {['fine', 'poor'][k % 2]}"
                     for k in range(rows)],
        **(extra or {})})
    return frame.to_csv(index=False).encode("utf-8"), picked


def read(header: str, labels: list[str], **kw) -> tuple:
    data, picked = survey(header, labels, **kw)
    done = ingest(("survey.csv", data))
    return done, picked


def scores(done) -> list[float]:
    return done.table.sort_values("row")["score"].tolist()


@pytest.mark.parametrize("language", sorted(SATISFACTION))
def test_satisfaction_in_words_is_csat(language):
    done, picked = read("How satisfied are you with the service?", SATISFACTION[language])
    assert done.report.mapping["columns"]["score"] == "How satisfied are you with the service?"
    assert done.report.mapping["score_type"] == "csat"
    assert scores(done) == [float(k + 1) for k in picked]
    assert any("holds answers in words (satisfaction)" in w for w in done.report.warnings)
    satisfied = prepare(done, None).report.scores["csat"]["satisfied"]
    assert satisfied == pytest.approx((picked >= 3).mean())


@pytest.mark.parametrize("language", sorted(AGREEMENT))
def test_agreement_in_words_keeps_its_order(language):
    done, picked = read("The staff treated me with respect.", AGREEMENT[language])
    assert done.report.mapping["score_type"] == "rating"
    assert scores(done) == [float(k + 1) for k in picked]


@pytest.mark.parametrize("language", sorted(AGREEMENT_7))
def test_agreement_with_an_ease_statement_is_ces_on_seven_points(language):
    done, picked = read("The company made it easy for me to handle my issue.",
                        AGREEMENT_7[language])
    assert done.report.mapping["score_type"] == "ces"
    assert scores(done) == [float(k + 1) for k in picked]
    easy = prepare(done, None).report.scores["ces"]["easy"]
    assert easy == pytest.approx((picked >= 4).mean())


@pytest.mark.parametrize("language", sorted(EASE))
def test_ease_in_words_is_ces_with_easy_answers_counted_easy(language):
    done, picked = read("How easy was it to change your plan?", EASE[language])
    assert done.report.mapping["score_type"] == "ces"
    places = [1, 2, 4, 6, 7]  # five answers on the seven points of CES
    assert scores(done) == [float(places[k]) for k in picked]
    easy = prepare(done, None).report.scores["ces"]["easy"]
    assert easy == pytest.approx((picked >= 3).mean())


@pytest.mark.parametrize("kind", sorted(LIKELIHOOD))
def test_likelihood_in_words_is_ordered_and_never_nps(kind):
    done, picked = read("How likely are you to buy from us again?", LIKELIHOOD[kind])
    assert done.report.mapping["score_type"] != "nps"
    values = scores(done)
    order = [values[list(picked).index(k)] for k in range(5)]
    assert order == sorted(order) and len(set(order)) == 5


@pytest.mark.parametrize("kind", sorted(QUALITY))
def test_quality_words_are_a_five_point_rating(kind):
    done, picked = read("How would you rate our service?", QUALITY[kind])
    assert done.report.mapping["score_type"] == "rating"
    assert scores(done) == [float(k + 1) for k in picked]


def test_two_languages_in_one_column_read_alike():
    rng = np.random.default_rng(9)
    picked = rng.integers(0, 5, 400)
    german = rng.random(400) < 0.5
    data = pd.DataFrame({
        "Overall satisfaction": [SATISFACTION["de" if g else "en"][k]
                                 for g, k in zip(german, picked, strict=True)],
        "Comment": [f"Comment number {k} about the delivery" for k in range(400)]})
    done = ingest(("both.csv", data.to_csv(index=False).encode()))
    assert done.report.mapping["score_type"] == "csat"
    assert scores(done) == [float(k + 1) for k in picked]


def test_dont_know_is_no_answer_and_counted():
    labels = SATISFACTION["en"]
    data, _ = survey("How satisfied are you?", labels, rows=200)
    frame = pd.read_csv(pd.io.common.BytesIO(data), dtype=str)
    frame.loc[frame.index % 10 == 9, "How satisfied are you?"] = "Don't know"
    done = ingest(("dk.csv", frame.to_csv(index=False).encode()))
    assert done.report.missing["How satisfied are you?"] == {"Don't know": 20}
    assert done.report.rejected_count == 0
    assert done.table["score"].notna().sum() == 180


def test_a_text_column_of_quality_words_stays_text():
    """A title of 'Good' or 'Poor' is the customer's words, not a scale."""
    titles = ["Good", "Poor", "Excellent", "Fair", "Very good"]
    data = pd.DataFrame({"Stars": [str(k % 5 + 1) for k in range(200)],
                         "Title": [titles[k % 5] for k in range(200)],
                         "Review": [f"Review {k}: the room was {['clean', 'noisy'][k % 2]}"
                                    for k in range(200)]})
    done = ingest(("titles.csv", data.to_csv(index=False).encode()))
    assert done.report.mapping["columns"]["score"] == "Stars"
    assert done.report.mapping.get("text_parts") == ["Title", "Review"]


def test_a_mapping_naming_another_scale_places_the_words_on_it():
    done = ingest(("survey.csv", survey("Ease", EASE["en"])[0]),
                  {"columns": {"score": "Ease", "text": "Comments"}, "score_type": "1-5"})
    assert sorted(done.table["score"].unique()) == [1.0, 1 + 4 / 6, 3.0, 1 + 4 * 5 / 6, 5.0]
    assert any("the mapping says 1-5" in w for w in done.report.warnings)


def test_a_grid_of_worded_questions_is_one_score_per_touchpoint():
    """'Satisfaction with: Delivery / Product / Service', each answered in words with
    some skipped, is a wide export on the CSAT scale."""
    rng = np.random.default_rng(5)
    labels = SATISFACTION["en"]
    questions = ["Satisfaction with: Delivery", "Satisfaction with: Product quality",
                 "Satisfaction with: Customer service"]
    picked = {q: rng.integers(0, 5, 300) for q in questions}
    asked = {q: rng.random(300) > .15 for q in questions}
    data = pd.DataFrame({"Response ID": [f"R{k}" for k in range(300)],
                         **{q: [labels[i] if a else "" for i, a in zip(picked[q], asked[q],
                                                                         strict=True)]
                            for q in questions},
                         "Comments": [f"Order {k} was {['fine', 'late', 'broken'][k % 3]}"
                                      for k in range(300)]})
    done = ingest(("grid.csv", data.to_csv(index=False).encode()))
    mapping = done.report.mapping
    assert mapping["score_type"] == "csat"
    assert mapping["wide"] == {q: q.split(": ")[1] for q in questions}
    table = done.table
    for q in questions:
        got = table.loc[table["touchpoint"] == q.split(": ")[1]].sort_values("row")["score"]
        assert got.tolist() == [float(i + 1) for i, a in zip(picked[q], asked[q],
                                                             strict=True) if a]


def test_a_mapping_without_a_scale_takes_the_one_the_words_say():
    data, picked = survey("Satisfaction", SATISFACTION["fr"])
    done = ingest(("fr.csv", data), {"columns": {"score": "Satisfaction",
                                                 "text": "Comments"}})
    assert done.report.rejected_count == 0
    assert scores(done) == [float(k + 1) for k in picked]
    assert set(done.table["score_type"].astype(str)) == {"csat"}
