"""`cxwidgets run`: real Papermill runs side by side, the bank's index, skipping, job files."""

from __future__ import annotations

import html
import subprocess
import sys
from pathlib import Path

import nbformat
import pytest

from cxwidgets.batch import Job, jobs_from, jobs_from_yaml
from cxwidgets.cli import main
from cxwidgets.exceptions import ParameterError
from cxwidgets.serve import NOTEBOOKS

pytestmark = pytest.mark.notebook


def test_a_bank_with_a_failing_job_that_fails_alone_then_skips_what_is_current(tmp_path,
                                                                                capsys):
    args = ["run", "--segment", "Students", "--segment", "Pirates", "-o", str(tmp_path),
            "--workers", "2"]
    assert main(args) == 1
    out = capsys.readouterr().out
    assert "ok   Students / all" in out
    assert "FAIL Pirates / all: cell 3 (validate): ParameterError: parameter 'segment': unknown " \
           "segment 'Pirates'" in out
    good, bad = tmp_path / "students__all", tmp_path / "pirates__all"
    assert (good / "map.png").exists() and (good / "summary.json").exists()
    assert not (bad / "summary.json").exists() and (bad / "run.log").stat().st_size > 0
    page = html.unescape((tmp_path / "index.html").read_text())
    assert page.count("<section class='card") == 2 and "1 of 2 reports ready" in page
    assert "src='students__all/map.png'" in page and "unknown segment 'Pirates'" in page
    assert "href='students__all/segment_report.ipynb'" in page
    nb = nbformat.read(good / "segment_report.ipynb", as_version=4)
    assert nb.metadata["papermill"]["parameters"]["segment"] == "Students"

    stamp = (good / "summary.json").stat().st_mtime
    assert main(["run", "--segment", "Students", "-o", str(tmp_path)]) == 0
    assert "skip Students / all: up to date" in capsys.readouterr().out
    assert (good / "summary.json").stat().st_mtime == stamp
    assert main(["run", "--segment", "Students", "-o", str(tmp_path), "--force"]) == 0
    assert (good / "summary.json").stat().st_mtime > stamp

    # the executed notebook is a plain Papermill output: the papermill command reruns it
    again = tmp_path / "again.ipynb"
    subprocess.run([sys.executable, "-m", "papermill", str(good / "segment_report.ipynb"),
                    str(again), "-k", "python3", "--cwd", str(NOTEBOOKS)], check=True,
                   capture_output=True, timeout=300)
    assert nbformat.read(again, as_version=4).cells[-1].outputs


def tiny_evidence(folder: Path) -> Path:
    folder.mkdir()
    rows = ["when,who,box,stars,said,where"]
    for k in range(40):
        who = "Night owls" if k % 2 else "Early birds"
        rows.append(f"2026-10-{k % 28 + 1:02d},{who},Classic box,{k % 5 + 1},"
                    f"The courier came at {k} o'clock,Courier at the door")
    (folder / "reviews.csv").write_text("\n".join(rows) + "\n")
    (folder / "reviews.mapping.yaml").write_text(
        "columns: {timestamp: when, segment: who, product: box, score: stars, text: said, "
        "touchpoint: where}\nconstants: {source: review}\nscore_type: rating\n")
    return folder


def test_all_runs_every_segment_and_product_found_in_the_evidence(tmp_path, capsys):
    evidence = tiny_evidence(tmp_path / "evidence")
    assert main(["run", "--all", "--evidence", str(evidence), "-o", str(tmp_path / "out"),
                 "--workers", "2"]) == 0
    out = capsys.readouterr().out
    assert "ok   Early birds / Classic box" in out and "ok   Night owls / Classic box" in out
    made = sorted(p.parent.name for p in (tmp_path / "out").glob("*/summary.json"))
    assert made == ["early-birds__classic-box", "night-owls__classic-box"]


def test_job_files(tmp_path):
    jobs = tmp_path / "jobs.yaml"
    jobs.write_text("jobs:\n  - {segment: Students, product: Veggie box}\n"
                    "segments: [Busy parents]\nproducts: [Classic box, Family box]\n")
    assert jobs_from_yaml(jobs) == [Job("Students", "Veggie box"),
                                    Job("Busy parents", "Classic box"),
                                    Job("Busy parents", "Family box")]
    for text, message in (("[1, 2]", "must be a mapping"), ("jobs: [{product: x}]",
                                                            "job 1 needs a 'segment'"),
                          ("{}", "lists no jobs"), ("jobs: [", "not valid YAML")):
        jobs.write_text(text)
        with pytest.raises(ParameterError, match=message):
            jobs_from_yaml(jobs)
    assert jobs_from(["A"]) == [Job("A", "all")]


def test_no_jobs_is_a_clear_error(tmp_path, capsys):
    assert main(["run", "-o", str(tmp_path)]) == 2
    assert "no jobs to run" in capsys.readouterr().err
