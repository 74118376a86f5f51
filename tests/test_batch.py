"""`cxwidgets run`: real Papermill runs in worker processes; a bad segment fails alone."""

import nbformat
import pytest

from cxwidgets.cli import main

pytestmark = pytest.mark.notebook


def test_run_reports_each_segment_and_keeps_going(tmp_path, capsys):
    code = main(["run", "--segment", "students", "--segment", "no-such-segment",
                 "-o", str(tmp_path), "--workers", "2"])
    out = capsys.readouterr().out
    assert code == 1
    assert "ok   students / all" in out
    assert "FAIL no-such-segment / all" in out and "known" in out
    good = tmp_path / "students__all"
    assert (good / "metrics.csv").exists() and (good / "scores.png").exists()
    nb = nbformat.read(good / "segment_report.ipynb", as_version=4)
    assert nb.metadata["papermill"]["parameters"]["segment"] == "students"
