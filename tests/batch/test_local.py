"""`cxwidgets run` on this computer: real Papermill runs side by side in worker processes,
the bank's index, skipping, job files, and Ctrl-C sent to a real `cxwidgets run`."""

from __future__ import annotations

import contextlib
import html
import re
import signal
import subprocess
import sys
import time
from pathlib import Path

import nbformat
import psutil
import pytest

from cxwidgets.batch import OUTPUTS, Job, jobs_from, jobs_from_yaml
from cxwidgets.cli import main
from cxwidgets.exceptions import ParameterError
from cxwidgets.resources import NOTEBOOKS, SAMPLE_WORKSHOP
from cxwidgets.testing import hears_ctrl_c

pytestmark = pytest.mark.notebook


def test_a_misspelt_segment_is_refused_before_any_report_starts(tmp_path, evidence, capsys):
    """It used to fail in its own kernel after seconds of work and leave a failed card."""
    bank = tmp_path / "bank"
    assert main(["run", "--segment", "Students", "--segment", "Studnets", "--product",
                 "Clasic box", "-o", str(bank), "--evidence", str(evidence)]) == 2
    err = capsys.readouterr().err
    assert "no segment 'Studnets' in the evidence; segments: 'all', 'Busy parents'" in err
    assert "no product 'Clasic box' in the evidence; products: 'all', 'Classic box'" in err
    assert "Nothing was run" in err and "Traceback" not in err
    assert not bank.exists()  # no card, no folder


def test_a_bank_with_a_failing_job_that_fails_alone_then_skips_what_is_current(tmp_path,
                                                                                evidence, capsys):
    from cxwidgets.batch import Inputs, Job, run_batch

    bank = ["-o", str(tmp_path), "--evidence", str(evidence)]
    # the command refuses a wrong segment up front; a job can still fail on its own
    # data, as this one does in its kernel: it fails alone
    results = run_batch([Job("Students"), Job("Pirates")], Inputs(evidence, SAMPLE_WORKSHOP),
                        tmp_path, workers=2)
    assert [r.status for r in results] == ["ok", "failed"]
    assert results[1].error.startswith("cell 3 (validate): ParameterError: parameter "
                                       "'segment': unknown segment 'Pirates'")
    good, bad = tmp_path / "students__all", tmp_path / "pirates__all"
    assert (good / "map.png").exists() and (good / "summary.json").exists()
    assert not (bad / "summary.json").exists() and (bad / "run.log").stat().st_size > 0
    page = html.unescape((tmp_path / "index.html").read_text())
    assert page.count('<section class="card') == 2 and "1 of 2 reports ready" in page
    assert 'src="students__all/map.png"' in page and "unknown segment 'Pirates'" in page
    assert 'href="students__all/segment_report.ipynb"' in page
    assert "Students · all products" in page  # what a reader calls it
    # one sponsor's deck per segment, of that segment's draft map, linked from the bank
    assert (good / "deck.pptx").read_bytes()[:2] == b"PK"
    assert 'href="students__all/deck.pptx">Deck (PowerPoint)</a>' in page
    nb = nbformat.read(good / "segment_report.ipynb", as_version=4)
    assert nb.metadata["papermill"]["parameters"] == {
        "segment": "Students", "product": "all", "evidence_dir": str(evidence.resolve()),
        "workshop_file": str(SAMPLE_WORKSHOP.resolve()), "output_dir": str(good.resolve())}
    # made in a scratch folder, but the notebook and log name the bank and nothing else
    scratch = re.compile(r"cxwidgets-run-")
    assert not scratch.search((good / "run.log").read_text())
    assert not scratch.search((good / "segment_report.ipynb").read_text())

    stamp = (good / "summary.json").stat().st_mtime
    assert main(["run", "--segment", "Students", *bank]) == 0
    assert "skip Students / all: up to date" in capsys.readouterr().out
    assert (good / "summary.json").stat().st_mtime == stamp
    assert main(["run", "--segment", "Students", *bank, "--force"]) == 0
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


def _kernels_under_way(pid: int, for_at_least: float) -> list[psutil.Process]:
    """Kernels started (through the worker processes) by the `cxwidgets run` at `pid`."""
    found = []
    with contextlib.suppress(psutil.Error):
        for child in psutil.Process(pid).children(recursive=True):
            with contextlib.suppress(psutil.Error):
                if ("ipykernel_launcher" in " ".join(child.cmdline())
                        and time.time() - child.create_time() >= for_at_least):
                    found.append(child)
    return found


def test_ctrl_c_cancels_the_rest_and_leaves_only_whole_reports(tmp_path, evidence):
    out = tmp_path / "bank"
    proc = subprocess.Popen(
        [sys.executable, "-m", "cxwidgets.cli", "run", "--segment", "Students",
         "--segment", "Busy parents", "--segment", "Retired couples", "--evidence",
         str(evidence), "-o", str(out), "--workers", "2"],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, preexec_fn=hears_ctrl_c)
    try:
        deadline = time.monotonic() + 300
        while not (list(out.glob("*/summary.json")) and _kernels_under_way(proc.pid, 1.0)):
            assert time.monotonic() < deadline and proc.poll() is None, "no report under way"
            time.sleep(0.2)
        kernels = _kernels_under_way(proc.pid, 0.0)
        scratch = [Path(k.cwd()) for k in kernels]
        proc.send_signal(signal.SIGINT)  # what Ctrl-C sends
        stdout, stderr = proc.communicate(timeout=60)
    finally:
        proc.kill()
    assert proc.returncode == 130, stderr
    ready = int(re.search(r"stopped: (\d) of 3 reports are ready", stderr).group(1))
    assert "Run the same command again" in stderr and stdout == ""
    folders = sorted(out.iterdir())
    assert len(folders) == ready >= 1
    for folder in folders:  # whole reports only: every file, no temporary names
        assert sorted(p.name for p in folder.iterdir()) == sorted(OUTPUTS)
    assert not (out / "index.html").exists()
    # the reports under way were stopped: kernels gone, scratch folders gone
    assert psutil.wait_procs(kernels, timeout=30)[1] == []
    assert [p for p in scratch if p.exists() or p.parent.exists()] == []


def test_a_report_that_cannot_be_written_stops_the_run_and_says_where(tmp_path, evidence,
                                                                       capsys):
    (tmp_path / "students__all").write_text("in the way")
    assert main(["run", "--segment", "Students", "--evidence", str(evidence),
                 "-o", str(tmp_path)]) == 2
    err = capsys.readouterr().err
    assert f"cannot write the report into {tmp_path / 'students__all'}" in err
    assert (tmp_path / "students__all").read_text() == "in the way"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["students__all"]
