"""Twenty-five exports shaped like survey tools', app stores', review sites', reports' and
spreadsheets' own files: the guessed mapping finds what their truth says, or the report's
first line says what it is unsure of.

The files and their truth come from sample_data/make_tool_exports.py (fixed seed). The
truth is written there from the layout, never read from the kit's output.
"""

from __future__ import annotations

import importlib.util

import pytest

from cxwidgets.evidence.ingest import ingest
from cxwidgets.evidence.mapping import ColumnMapping
from cxwidgets.evidence.pipeline import prepare
from tests.conftest import ROOT


def _module():
    spec = importlib.util.spec_from_file_location("make_tool_exports",
                                                  ROOT / "sample_data" / "make_tool_exports.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


MAKER = _module()


@pytest.fixture(scope="module")
def made():
    return {name: make() for name, make in MAKER.EXPORTS.items()}


def test_there_are_at_least_twelve_layouts_each_with_its_truth(made):
    assert len(made) >= 12
    for file, data, truth in made.values():
        assert data and {"rows", "score", "scale", "text", "id", "language", "traps"} <= set(
            truth), file


def test_the_exports_are_the_same_on_every_run(made):
    for name, make in MAKER.EXPORTS.items():
        assert make()[1] == made[name][1], name


@pytest.mark.parametrize("name", sorted(MAKER.EXPORTS))
def test_the_guess_reads_each_export_as_its_truth_says(made, name):
    file, data, truth = made[name]
    done = ingest((file, data))
    report = done.report
    m = ColumnMapping.from_data(report.mapping)
    assert report.rows_read == truth["rows"]
    assert report.rows_read == report.accepted + report.rejected_count + sum(
        report.set_apart.values())
    assert sum(report.set_apart.values()) == truth["set_apart"]
    if truth.get("layout"):
        assert report.layout == truth["layout"]
    if truth.get("encoding"):
        assert report.encoding == truth["encoding"]
    assert m.columns.get("score") == truth["score"]
    assert m.scale_for(truth["score"]) == truth["scale"]
    assert m.columns.get("text") == truth["text"]
    assert m.columns.get("id") == truth["id"]
    if truth.get("product"):
        assert truth["product"] in (m.columns.get("product"), m.columns.get("segment"))
    lost = report.rejected_count - report.counts_by_reason().get(
        "duplicate of an earlier row", 0)
    assert lost <= 0.05 * report.rows_read or report.doubts, report.to_text()[:2000]
    if "header_row" in truth:
        assert report.header_line == truth["header_row"]
        assert any("the table's header is on" in w for w in report.warnings)
    if "footer_rows" in truth:
        assert any(f"the last {truth['footer_rows']} lines under the data are the report's "
                   "footer" in w for w in report.warnings)
    if truth.get("sheet"):
        assert report.sheet == truth["sheet"]
    if "missing_ids" in truth:
        assert report.missing[truth["id"]]["#NAME?"] == truth["missing_ids"]
        assert "duplicate of an earlier row" not in report.counts_by_reason()


@pytest.mark.parametrize("name", ["marketplace_pt", "app_store_banks", "google_forms_fr",
                                  "german_nps_cp1252"])
def test_texts_keep_their_language_and_only_english_meets_the_text_model(made, name):
    file, data, truth = made[name]
    ready = prepare(ingest((file, data)), None)
    table = ready.table
    by_text = table[table["sentiment_from"] == "text"]
    assert by_text["language"].isin(["en"]).all() or by_text.empty
    languages = set(truth["language"].split("+"))
    found = set(table["language"].dropna().astype(str))
    assert languages <= found


def test_nps_surveys_give_their_figure(made):
    for name in ("qualtrics", "google_forms_fr", "german_nps_cp1252",
                 "french_mixed_codepages"):
        file, data, _ = made[name]
        ready = prepare(ingest((file, data)), None)
        figure = ready.report.scores["nps"]
        scores = ready.table.loc[ready.table["score_type"] == "nps", "score"]
        expected = 100 * ((scores >= 9).mean() - (scores <= 6).mean())
        assert figure["nps"] == pytest.approx(round(expected, 1)), name
        assert "NPS " in ready.report.to_text()


def test_the_apps_reviewed_are_compared_by_the_segment_reports(made, tmp_path):
    """The app a review is about becomes the product: `cxwidgets run --all` makes one
    report per app."""
    from cxwidgets.segment_report import report_jobs

    file, data, _ = made["app_store_banks"]
    folder = tmp_path / "evidence"
    folder.mkdir()
    (folder / file).write_bytes(data)
    jobs = report_jobs(folder)
    apps = {"de.bank.mobile", "nl.bankapp", "com.bigbank.app", "com.neo.bank"}
    assert {p for _, p in jobs} == apps and {s for s, _ in jobs} == {"all"}
    report = ingest((file, data)).report
    assert any("names the thing reviewed" in w and "compare" in w for w in report.warnings)


@pytest.mark.parametrize("name", sorted(n for n, make in MAKER.EXPORTS.items()
                                        if "figure" in make()[2]))
def test_named_scores_give_the_figure_the_answers_drawn_give(made, name):
    """NPS, CSAT's satisfied share and CES's easy share, as the generator's own answers
    give them: worded answers count like numbers, an average never stands in for them."""
    file, data, truth = made[name]
    figures = prepare(ingest((file, data)), None).report.scores
    for kind, expected in truth["figure"].items():
        got = figures[kind]["nps" if kind == "nps" else
                            "satisfied" if kind == "csat" else "easy"]
        assert got == pytest.approx(expected), kind


def test_every_worded_column_is_read_and_said():
    file, data, truth = MAKER.EXPORTS["worded_en_de"]()
    warnings = ingest((file, data)).report.warnings
    for column in truth["worded"]:
        assert any(f"'{column}'" in w and "in words" in w for w in warnings), column
