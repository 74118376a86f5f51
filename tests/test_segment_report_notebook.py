"""Real Papermill runs of notebooks/segment_report.ipynb, as an analyst would do them."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import nbformat
import papermill
import pytest

pytestmark = pytest.mark.notebook

ROOT = Path(__file__).resolve().parents[1]
NOTEBOOKS = ROOT / "notebooks"
NOTEBOOK = NOTEBOOKS / "segment_report.ipynb"
ANSI = re.compile(r"\x1b\[[0-9;]*m")


def execute(tmp: Path, name: str, parameters: dict[str, object]) -> Path:
    """Run the notebook like the CLI does: fixed kernel, cwd notebooks/, a timeout."""
    out_nb = tmp / f"{name}.ipynb"
    papermill.execute_notebook(str(NOTEBOOK), str(out_nb), parameters=parameters,
                               kernel_name="python3", cwd=str(NOTEBOOKS),
                               execution_timeout=300, progress_bar=False)
    return out_nb


@pytest.fixture(scope="module")
def run(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    tmp = tmp_path_factory.mktemp("segment_report")
    out = tmp / "students"
    return execute(tmp, "students", {"segment": "Students", "output_dir": str(out)}), out


def test_a_run_writes_every_export(run):
    _, out = run
    names = {p.name for p in out.iterdir()}
    assert {"map.png", "map.svg", "metrics_touchpoints.csv", "metrics_stages.csv",
            "quotes.csv", "summary.json"} <= names
    summary = json.loads((out / "summary.json").read_text())
    assert summary["parameters"] == {"segment": "Students", "product": "all"}
    assert summary["rows"] > 1000


def test_the_executed_notebook_shows_summary_map_charts_and_checks(run):
    nb = nbformat.read(run[0], as_version=4)
    assert nb.metadata["papermill"]["parameters"]["segment"] == "Students"
    outputs = {c.id: c.outputs for c in nb.cells if c.cell_type == "code"}
    markdown = outputs["summary"][0]["data"]["text/markdown"]
    assert "### Students · all products" in markdown and "answers" in markdown
    for cell in ("map", "touchpoints", "stages", "trend"):
        assert "image/svg+xml" in outputs[cell][0]["data"], cell
    assert "Students (from feedback)" in outputs["map"][0]["data"]["image/svg+xml"]
    checks = "".join(o.get("text", "") for o in outputs["checks"])
    assert "rows read" in checks and "rejected" in checks and "untagged" in checks


@pytest.mark.parametrize(("segment", "message"), [
    ("Pirates", "parameter 'segment': unknown segment 'Pirates'; known: 'all', "
                "'Busy parents', 'Retired couples', 'Students', 'Young professionals', "
                "'(no segment)'"),
    (5, "parameter 'segment' must be non-empty text, got int 5"),
])
def test_a_bad_parameter_stops_the_run_with_a_clear_message(tmp_path, segment, message):
    out = tmp_path / "out"
    with pytest.raises(papermill.PapermillExecutionError) as info:
        execute(tmp_path, "bad", {"segment": segment, "output_dir": str(out)})
    assert (info.value.ename, info.value.evalue) == ("ParameterError", message)
    assert message in ANSI.sub("", str(info.value))
    assert not out.exists()  # stopped before writing anything


def test_help_notebook_lists_the_six_parameters():
    done = subprocess.run([sys.executable, "-m", "papermill", "--help-notebook",
                           str(NOTEBOOK)], capture_output=True, text=True, timeout=60,
                          check=True)
    for line in ('segment: str (default "all")', 'product: str (default "all")',
                 'evidence_dir: str (default "../sample_data/feedback")',
                 'workshop_file: str (default "../sample_data/sample_workshop.json")',
                 'output_dir: str (default "output/all")', 'encoding: str (default "auto")'):
        assert line in done.stdout
    assert "customer segment to report on" in done.stdout


def test_evidence_that_does_not_fit_the_sample_is_drawn_on_its_own_map(generator, tmp_path):
    folder = tmp_path / "airline"
    folder.mkdir()
    generator.airline_reviews(rows=600, twice=2).to_csv(folder / "airline_reviews.csv",
                                                        index=False)
    out = tmp_path / "out"
    nb = nbformat.read(execute(tmp_path, "airline", {"evidence_dir": str(folder),
                                                     "output_dir": str(out)}), as_version=4)
    outputs = {c.id: c.outputs for c in nb.cells if c.cell_type == "code"}
    markdown = outputs["summary"][0]["data"]["text/markdown"]
    first = markdown.split("\n")[2]
    assert first.startswith("> ⚠ **Check before you trust this report:** The evidence does "
                            "not fit the sample workshop")
    assert "read as one score per touchpoint" in markdown
    svg = outputs["map"][0]["data"]["image/svg+xml"]
    assert "Seat comfort" in svg and "Courier at the door" not in svg
    checks = "".join(o.get("text", "") for o in outputs["checks"])
    assert "airline_reviews.csv (mapping guessed): 602 rows read, 600 accepted" in checks
    assert "    check: " in checks
    summary = json.loads((out / "summary.json").read_text())
    assert summary["uncertain"] is True and isinstance(summary["rows"], int)


def test_run_all_on_products_only_evidence_puts_each_reports_doubts_on_its_card(
        generator, tmp_path, capsys):
    import html

    from cxwidgets.cli import main

    folder = tmp_path / "complaints"
    folder.mkdir()
    data = generator.consumer_complaints(rows=300)
    data.to_csv(folder / "complaints.csv", index=False)
    out = tmp_path / "bank"
    assert main(["run", "--all", "--evidence", str(folder), "-o", str(out),
                 "--workers", "2"]) == 0
    products = sorted(data["Product"].unique())
    said = capsys.readouterr().out
    assert all(f"ok   all / {p}:" in said for p in products)
    page = html.unescape((out / "index.html").read_text())
    assert page.count('<section class="card') == len(products)
    assert page.count("Check before you trust this report") == len(products)
    assert "count as volume only" in page
    rows = re.findall(r"Responses</span><br><b>([^<]+)</b>", page)
    assert len(rows) == len(products) and all(re.fullmatch(r"[\d,]+", r) for r in rows)
