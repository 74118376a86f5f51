"""Real Papermill runs of notebooks/segment_report.ipynb, as an analyst would do them.

Each run starts a python3 kernel, so the good runs are shared by a module fixture. The
expectations are computed straight from the CSV with pandas, independently of
cxwidgets.report, so a wrong filter in the report would show here.
"""

from __future__ import annotations

import re
import struct
import subprocess
import sys
import zlib
from pathlib import Path

import pandas as pd
import papermill
import pytest

pytestmark = pytest.mark.notebook

ROOT = Path(__file__).resolve().parents[1]
NOTEBOOKS = ROOT / "notebooks"
NOTEBOOK = NOTEBOOKS / "segment_report.ipynb"
DATA = ROOT / "sample_data" / "feedback.csv"
ANSI = re.compile(r"\x1b\[[0-9;]*m")

RUNS = {
    "students": {"segment": "students", "product": "all"},
    "small_business_broadband": {"segment": "small_business", "product": "home_broadband"},
}


def _execute(tmp: Path, name: str, parameters: dict[str, object]) -> Path:
    """Run the notebook like the CLI would: fixed kernel, cwd notebooks/, a timeout."""
    out_nb = tmp / f"{name}.ipynb"
    papermill.execute_notebook(
        str(NOTEBOOK),
        str(out_nb),
        parameters=parameters,
        kernel_name="python3",
        cwd=str(NOTEBOOKS),
        execution_timeout=120,
        progress_bar=False,
    )
    return out_nb


@pytest.fixture(scope="module")
def runs(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """Output folder of each good run, keyed like RUNS."""
    tmp = tmp_path_factory.mktemp("segment_report")
    dirs = {}
    for name, params in RUNS.items():
        out_dir = tmp / name
        _execute(tmp, name, {**params, "output_dir": str(out_dir)})
        dirs[name] = out_dir
    return dirs


def _expected(segment: str, product: str) -> pd.DataFrame:
    """Volume and mean score per touchpoint, computed directly from the CSV."""
    df = pd.read_csv(DATA)
    df = df[df["segment"] == segment]
    if product != "all":
        df = df[df["product"] == product]
    return df.groupby("touchpoint")["score"].agg(volume="size", mean_score="mean")


def _png_size_and_pixels(path: Path) -> tuple[int, int, bytes]:
    """Width, height and decompressed scanlines of a PNG, without PIL (not installed)."""
    data = path.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n", "not a PNG"
    width, height = struct.unpack(">II", data[16:24])
    idat, pos = b"", 8
    while pos < len(data):
        (length,) = struct.unpack(">I", data[pos : pos + 4])
        kind = data[pos + 4 : pos + 8]
        if kind == b"IDAT":
            idat += data[pos + 8 : pos + 8 + length]
        pos += 12 + length
    return width, height, zlib.decompress(idat)


@pytest.mark.parametrize("name", list(RUNS))
def test_metrics_match_pandas_on_the_csv(runs: dict[str, Path], name: str):
    metrics = pd.read_csv(runs[name] / "metrics.csv").set_index("touchpoint")
    expected = _expected(RUNS[name]["segment"], RUNS[name]["product"])
    assert metrics["volume"].to_dict() == expected["volume"].to_dict()
    pd.testing.assert_series_equal(
        metrics["mean_score"].sort_index(), expected["mean_score"].sort_index()
    )


def test_segments_give_different_reports(runs: dict[str, Path]):
    students = pd.read_csv(runs["students"] / "metrics.csv").set_index("touchpoint")
    business = pd.read_csv(runs["small_business_broadband"] / "metrics.csv")
    business = business.set_index("touchpoint")
    assert students["volume"].sum() > business["volume"].sum()
    # The sample data is built so these segments rate these touchpoints very differently.
    assert students.loc["mobile app", "mean_score"] > 4.0
    assert business.loc["help line", "mean_score"] < 2.5
    assert students.loc["help line", "mean_score"] > business.loc["help line", "mean_score"]


@pytest.mark.parametrize("name", list(RUNS))
def test_png_and_svg_exports(runs: dict[str, Path], name: str):
    png = runs[name] / "scores.png"
    width, height, pixels = _png_size_and_pixels(png)
    assert 300 < width < 2000
    assert 200 < height < 1500
    assert 10_000 < png.stat().st_size < 2_000_000
    # A blank image compresses to a few byte values; bars, text and axes give many.
    assert len(set(pixels)) > 50
    svg = (runs[name] / "scores.svg").read_text()
    assert "<svg" in svg
    assert "mobile app" in svg


def test_executed_notebook_shows_summary_and_chart(runs: dict[str, Path]):
    import nbformat

    executed = runs["students"].parent / "students.ipynb"
    nb = nbformat.read(executed, as_version=4)
    outputs = [o for c in nb.cells if c.cell_type == "code" for o in c.outputs]
    markdown = [o["data"]["text/markdown"] for o in outputs if "text/markdown" in o.get("data", {})]
    assert len(markdown) == 1
    rows = int(_expected("students", "all")["volume"].sum())
    assert "Segment: students | product: all" in markdown[0]
    assert f"**{rows:,}** feedback items" in markdown[0]
    assert any("image/svg+xml" in o.get("data", {}) for o in outputs), "chart not rendered"


@pytest.mark.parametrize(
    ("segment", "message"),
    [
        (
            "pirates",
            "parameter 'segment': unknown segment 'pirates'; known: 'all', 'families', "
            "'retirees', 'small_business', 'students'",
        ),
        (5, "parameter 'segment' must be text, got int 5"),
    ],
)
def test_bad_parameter_stops_the_run_with_clear_message(
    tmp_path: Path, segment: object, message: str
):
    out_dir = tmp_path / "out"
    with pytest.raises(papermill.PapermillExecutionError) as info:
        _execute(tmp_path, "bad", {"segment": segment, "output_dir": str(out_dir)})
    err = info.value
    assert err.ename == "ParameterError"
    assert err.evalue == message
    assert message in ANSI.sub("", str(err))
    assert not (out_dir / "metrics.csv").exists()


def test_help_notebook_lists_the_four_parameters():
    papermill_cli = Path(sys.executable).with_name("papermill")
    command = (
        [str(papermill_cli)] if papermill_cli.exists() else [sys.executable, "-m", "papermill"]
    )
    done = subprocess.run(
        [*command, "--help-notebook", str(NOTEBOOK)],
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    )
    text = done.stdout
    for line in (
        'segment: str (default "all")',
        'product: str (default "all")',
        'data_path: str (default "../sample_data/feedback.csv")',
        'output_dir: str (default "output/all")',
    ):
        assert line in text
    assert "customer segment to report on" in text
    assert "folder the exports are written to" in text
