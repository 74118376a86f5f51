"""NPS done right: a 0-10 recommend question is read as NPS (by name or question text in
several languages), its detractors are negative, and its figure is in the report."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from cxwidgets.evidence.folder import load_folder
from cxwidgets.evidence.ingest import ingest
from cxwidgets.evidence.pipeline import prepare

QUESTIONS = {
    "fr": "Recommanderiez-vous notre jardinerie à un ami ? (0-10)",
    "de": "Wie wahrscheinlich ist es, dass Sie uns weiterempfehlen?",
    "pt": "Você recomendaria a loja a um amigo?",
    "en": "How likely are you to recommend us to a friend?",
}


def survey(question: str, rows: int = 1_000, seed: int = 5) -> pd.DataFrame:
    rng = np.random.default_rng(seed)
    answers = rng.choice(11, rows, p=[.01, .01, .01, .02, .02, .05, .06, .12, .2, .22, .28])
    return pd.DataFrame({"Horodatage": [f"2026-04-{k % 28 + 1:02d} 10:{k % 60:02d}"
                                        for k in range(rows)],
                         question: answers.astype(str),
                         "Commentaire": [f"Visite numéro {k}, rien à signaler de plus"
                                         for k in range(rows)]})


@pytest.mark.parametrize("language", sorted(QUESTIONS))
def test_a_recommend_question_in_any_of_several_languages_is_nps(tmp_path, language):
    question = QUESTIONS[language]
    data = survey(question)
    path = tmp_path / "nps.csv"
    data.to_csv(path, index=False)
    done = ingest(path)
    assert done.report.mapping["columns"]["score"] == question
    assert done.report.mapping["score_type"] == "nps"
    ready = prepare(done, None)
    answers = data[question].astype(int)
    detractors, promoters = (answers <= 6).mean(), (answers >= 9).mean()
    figure = ready.report.scores["nps"]
    assert figure["nps"] == pytest.approx(round(100 * (promoters - detractors), 1))
    assert figure["answers"] == len(data)
    assert f"NPS {100 * (promoters - detractors):+.0f} from 1,000 answers" in \
        ready.report.to_text()
    negative = (ready.table["sentiment"] < -0.05).mean()
    assert negative == pytest.approx(detractors)  # 0-6 are detractors, not only 0-2


def test_nps_per_product_in_the_report_and_the_segment_reports(tmp_path):
    data = survey(QUESTIONS["en"], 600).assign(
        Store=lambda d: np.where(np.arange(len(d)) % 3 == 0, "Lyon", "Paris"))
    data.loc[data["Store"] == "Lyon", QUESTIONS["en"]] = "3"
    folder = tmp_path / "evidence"
    folder.mkdir()
    data.to_csv(folder / "survey.csv", index=False)
    evidence = load_folder(folder)
    (_, report), = evidence.reports
    by = {r["name"]: r for r in report.scores["nps"]["by"]["product"]}
    assert by["Lyon"]["nps"] == -100 and by["Lyon"]["answers"] == 200
    assert "NPS by product (answers): Lyon -100 (200)" in report.to_text()


#: Recommend questions as surveys ask them, in many languages and forms.
ASKED = [
    "¿Qué probabilidad hay de que nos recomiende?",
    "¿Recomendaría nuestra tienda a un amigo?",
    "Würden Sie uns Ihren Freunden empfehlen?",
    "Recommanderiez-vous notre magasin à vos proches ?",
    "Conseilleriez-vous notre agence à un ami ?",
    "Hoe waarschijnlijk is het dat u ons zou aanbevelen?",
    "Zou je ons aanraden aan vrienden of familie?",
    "Quanto è probabile che raccomanderesti il nostro negozio?",
    "Consiglieresti il nostro servizio a un amico?",
    "Você recomendaria a nossa loja?",
    "Czy poleciłbyś nasz sklep znajomym?",
    "Hur troligt är det att du skulle rekommendera oss?",
    "Vil du anbefale os til en ven?",
    "Насколько вероятно, что вы порекомендуете нас другу?",
    "友人に当社をすすめる可能性はどのくらいありますか？",
    "What is the probability that you would refer a friend to us?",
    "¿Qué probabilidad hay de que vuelva a comprar con nosotros?",  # likelihood, 0-10
]


def nps_export(question: str, rows: int = 400, seed: int = 11) -> pd.DataFrame:
    """A survey with the question answered 0-10 and an average score with decimal commas
    beside it, which must never be taken for the customer's own score."""
    rng = np.random.default_rng(seed)
    answers = rng.choice(11, rows, p=[.04, .02, .03, .03, .05, .06, .07, .15, .18, .17, .2])
    return pd.DataFrame({
        "ID": [f"R{k:05d}" for k in range(rows)],
        question: answers.astype(str),
        "Comentario": [f"Visita {k}: {['rápido', 'lento', 'amable', 'caro'][k % 4]} y "
                       f"{['limpio', 'ordenado', 'caótico'][k % 3]}" for k in range(rows)],
        "Puntuación media": [f"{v:.1f}".replace(".", ",") for v in rng.uniform(1, 5, rows)]})


@pytest.mark.parametrize("question", ASKED)
def test_a_recommend_question_in_any_form_beats_an_average_and_gives_the_nps(question):
    data = nps_export(question)
    done = ingest(("survey.csv", data.to_csv(index=False, sep=";").encode("utf-8")))
    assert done.report.mapping["columns"]["score"] == question
    assert done.report.mapping["score_type"] == "nps"
    ready = prepare(done, None)
    answers = data[question].astype(int)
    expected = round(100 * ((answers >= 9).mean() - (answers <= 6).mean()), 1)
    assert ready.report.scores["nps"]["nps"] == pytest.approx(expected)
    assert any("'Puntuación media' is an average" in w for w in done.report.warnings)


def test_an_average_is_not_the_score_when_individual_answers_exist():
    rng = np.random.default_rng(3)
    data = pd.DataFrame({"Score": [f"{v:.2f}" for v in rng.uniform(1, 5, 300)],
                         "Stars": rng.integers(1, 6, 300).astype(str),
                         "Review": [f"Review number {k} of the shop" for k in range(300)]})
    done = ingest(("reviews.csv", data.to_csv(index=False).encode()))
    assert done.report.mapping["columns"]["score"] == "Stars"
    assert any("'Score'" in d and "an average" in d for d in done.report.decisions)


def test_a_recommend_question_answered_one_to_five_is_not_nps():
    data = survey("Would you recommend us? (1 = not at all, 5 = certainly)", 300)
    data.iloc[:, 1] = (np.arange(300) % 5 + 1).astype(str)
    done = ingest(("five.csv", data.to_csv(index=False).encode()))
    assert done.report.mapping["score_type"] != "nps"
    assert any("asks about recommending" in d and "not 0 to 10" in d
               for d in done.report.doubts)


@pytest.mark.parametrize("header", ["Score", "Q7"])
def test_whole_numbers_zero_to_ten_under_a_mute_header_are_a_loud_doubt(header):
    """A 0-10 column whose header does not say what it asks may be the recommend
    question: the report's first lines say so, with the number of answers and, when it
    is read as the score, the NPS it would give."""
    rng = np.random.default_rng(8)
    answers = rng.choice(11, 500)
    data = pd.DataFrame({header: answers.astype(str),
                         "Comment": [f"Note {k}: the visit was {['ok', 'slow', 'great'][k % 3]}"
                                     for k in range(500)]})
    report = prepare(ingest(("mute.csv", data.to_csv(index=False).encode())), None).report
    used = report.mapping["columns"].get("score") == header
    assert used is (header == "Score")
    assert report.mapping.get("score_type") != "nps"
    doubt = next(d for d in report.doubts
                 if d.startswith(f"'{header}' holds whole numbers from 0 to 10"))
    assert "500 answers" in doubt
    figure = 100 * ((answers >= 9).mean() - (answers <= 6).mean())
    assert (f"as NPS it would be {figure:+.0f}" in doubt) is used
    first = report.to_text().split("\n\n")[1]
    assert first.startswith("Check before you trust the figures") and f"'{header}'" in first
