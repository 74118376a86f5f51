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
    assert "### Students · all" in markdown and "pieces of feedback" in markdown
    for cell in ("map", "touchpoints", "stages", "trend"):
        assert "image/svg+xml" in outputs[cell][0]["data"], cell
    assert "Students (from feedback)" in outputs["map"][0]["data"]["image/svg+xml"]
    checks = "".join(o.get("text", "") for o in outputs["checks"])
    assert "rows read" in checks and "rejected" in checks and "untagged" in checks


@pytest.mark.parametrize(("segment", "message"), [
    ("Pirates", "parameter 'segment': unknown segment 'Pirates'; known: 'all', "
                "'Busy parents', 'Retired couples', 'Students', 'Young professionals'"),
    (5, "parameter 'segment' must be non-empty text, got int 5"),
])
def test_a_bad_parameter_stops_the_run_with_a_clear_message(tmp_path, segment, message):
    out = tmp_path / "out"
    with pytest.raises(papermill.PapermillExecutionError) as info:
        execute(tmp_path, "bad", {"segment": segment, "output_dir": str(out)})
    assert (info.value.ename, info.value.evalue) == ("ParameterError", message)
    assert message in ANSI.sub("", str(info.value))
    assert not out.exists()  # stopped before writing anything


def test_help_notebook_lists_the_five_parameters():
    done = subprocess.run([sys.executable, "-m", "papermill", "--help-notebook",
                           str(NOTEBOOK)], capture_output=True, text=True, timeout=60,
                          check=True)
    for line in ('segment: str (default "all")', 'product: str (default "all")',
                 'evidence_dir: str (default "../sample_data/feedback")',
                 'workshop_file: str (default "../sample_data/sample_workshop.json")',
                 'output_dir: str (default "output/all")'):
        assert line in done.stdout
    assert "customer segment to report on" in done.stdout
