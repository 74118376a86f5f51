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
