"""The bank's index page: each card titled in words, each figure with what it counts, and
the evidence folder counted as step 2 counts it."""

from __future__ import annotations

import html
import re

from cxwidgets.bank import write_index
from cxwidgets.batch import Job, RunResult

SUMMARY = {"rows": 59_250, "responses": 22_706, "scored": 49_673, "score_index": 54.6,
           "nps": -1.3, "nps_answers": 7_724, "negative_share": 0.3,
           "worst_touchpoint": "Courier's tracking page",
           "evidence": {"files": 6, "rows_read": 22_855, "responses": 22_706}}


def page_of(tmp_path, jobs) -> str:
    results = [RunResult(job, tmp_path / job.name, "ok", 9.0, summary=SUMMARY) for job in jobs]
    for r in results:
        r.folder.mkdir()
    return html.unescape(write_index(tmp_path, results).read_text())


def test_cards_are_titled_in_words(tmp_path):
    page = page_of(tmp_path, [Job("all"), Job("(no segment)"), Job("Students", "Veggie box")])
    titles = re.findall(r"<h2>(.*?) <span", page)
    assert titles == ["All segments · all products", "(no segment) · all products",
                      "Students · Veggie box"]
    assert "all · all" not in page


def test_every_figure_says_what_it_counts(tmp_path):
    page = page_of(tmp_path, [Job("all")])
    figures = dict(re.findall(r'<span class="label">([^<]+)</span><br><b>([^<]+)</b>', page))
    assert figures["Responses"] == "22,706" and figures["Answers"] == "59,250"
    assert "Feedback" not in figures
    assert re.search(r'title="Every score, star rating and NPS answer put on one scale, 0 '
                     r"the worst answer and 100 the best, averaged over 49,673 scored "
                     r'answers"><span class="label">Score index</span><br><b>55</b>'
                     r'<span class="unit">/100</span>', page)
    # the evidence as step 2 lists it, once, with what was rejected
    assert page.count("Evidence: 22,855 rows in 6 files (as step 2 lists them): 22,706 "
                      "responses accepted, 149 rejected.") == 1
    assert page.count("Score index: every score, star rating and NPS answer put on one "
                      "scale from 0 (the worst answer) to 100 (the best)") == 1


def test_reports_of_different_evidence_do_not_claim_one_count(tmp_path):
    other = {**SUMMARY, "evidence": {"files": 1, "rows_read": 40, "responses": 40}}
    results = [RunResult(Job("all"), tmp_path / "a", "ok", summary=SUMMARY),
               RunResult(Job("Students"), tmp_path / "b", "ok", summary=other)]
    for r in results:
        r.folder.mkdir()
    assert "Evidence:" not in write_index(tmp_path, results).read_text()


def test_text_from_peoples_data_is_shown_never_run(tmp_path):
    hostile = "<script>alert('x')</script><img src=x onerror=alert(1)>"
    summary = {**SUMMARY, "worst_touchpoint": hostile, "warnings": [f"{hostile}. More."]}
    results = [RunResult(Job(hostile, hostile), tmp_path / "a", "ok", summary=summary),
               RunResult(Job("Students"), tmp_path / "b", "failed", error=hostile)]
    for r in results:
        r.folder.mkdir()
    raw = write_index(tmp_path, results).read_text()
    assert "<script" not in raw and "<img src=x" not in raw
    assert raw.count("&lt;script&gt;") >= 5  # title, figure, doubt (short and whole), error
