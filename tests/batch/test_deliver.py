"""Writing reports into the bank: whole files only, one run per folder, the skip test."""

from __future__ import annotations

import json
import os

import pytest

from cxwidgets.atomic import write_atomic
from cxwidgets.batch import FAILED, OK, OUTPUTS, SUMMARY, Job
from cxwidgets.batch.deliver import deliver, is_current
from cxwidgets.batch.results import Outcome

JOB = Job("Students", "Classic box")


def outcome(status: str = OK, **files: bytes) -> Outcome:
    summary = json.dumps({"parameters": {"segment": JOB.segment, "product": JOB.product},
                          "rows": 12}).encode()
    made = {"map.png": b"\x89PNG...", "segment_report.ipynb": b"{}", "run.log": b"log\n",
            SUMMARY: summary} if status == OK else {"segment_report.ipynb": b"{}",
                                                    "run.log": b"failed\n"}
    return Outcome(JOB, status, 8.0, "" if status == OK else "cell 3 (validate): boom",
                   {**made, **files}, "tcp://10.0.0.5:4001 (node-5)")


def test_a_report_is_written_whole_and_dated_by_when_its_inputs_were_read(tmp_path):
    folder = tmp_path / JOB.name
    result = deliver(outcome(), folder, made_at=1_000_000.0, attempts=2)
    assert result.status == OK and result.summary["rows"] == 12 and result.attempts == 2
    assert result.where == "tcp://10.0.0.5:4001 (node-5)"
    assert sorted(p.name for p in folder.iterdir()) == sorted(
        ["map.png", "segment_report.ipynb", "run.log", SUMMARY])
    assert (folder / "map.png").read_bytes() == b"\x89PNG..."
    assert (folder / SUMMARY).stat().st_mtime == 1_000_000.0
    assert is_current(folder, 999_999.0, JOB)
    assert is_current(folder, 1_000_000.0, JOB)
    assert not is_current(folder, 1_000_001.0, JOB)  # an input changed after it was read
    assert not is_current(folder, 0.0, Job("Students", "Family box"))


def test_a_failed_rerun_leaves_nothing_of_the_run_before_but_keeps_other_files(tmp_path):
    folder = tmp_path / JOB.name
    deliver(outcome(), folder, made_at=1.0)
    (folder / "notes.txt").write_text("the analyst's own notes")
    result = deliver(outcome(FAILED), folder, made_at=2.0)
    assert result.status == FAILED and result.error == "cell 3 (validate): boom"
    assert sorted(p.name for p in folder.iterdir()) == ["notes.txt", "run.log",
                                                        "segment_report.ipynb"]
    assert (folder / "run.log").read_text() == "failed\n"
    assert not is_current(folder, 0.0, JOB)


@pytest.mark.parametrize("name", ["../escaped.txt", "/tmp/escaped.txt", ".hidden",
                                  "sub/../../escaped.txt", "a\\..\\..\\escaped.txt", ""])
def test_a_file_name_from_a_worker_cannot_leave_the_report_folder(tmp_path, name):
    folder = tmp_path / "bank" / JOB.name
    deliver(outcome(), folder, made_at=1.0)
    result = deliver(outcome(**{name: b"x"}), folder, made_at=2.0)
    assert result.status == FAILED and "outside its folder" in result.error
    assert sorted(p.name for p in tmp_path.rglob("*")) == ["bank", JOB.name]


def test_an_interrupted_write_leaves_the_old_file_and_no_temporary_one(tmp_path):
    path = tmp_path / "map.png"
    write_atomic(path, b"old")
    (tmp_path / "summary.json").mkdir()  # a folder in the way: the rename fails
    with pytest.raises(OSError):
        write_atomic(tmp_path / "summary.json", b"new")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["map.png", "summary.json"]
    assert path.read_bytes() == b"old"
    assert not list(tmp_path.glob(".*"))


def test_a_damaged_summary_is_not_a_finished_report(tmp_path):
    folder = tmp_path / JOB.name
    deliver(outcome(), folder, made_at=1.0)
    (folder / SUMMARY).write_text("{not json")
    os.utime(folder / SUMMARY, (5.0, 5.0))
    assert not is_current(folder, 0.0, JOB)


def test_every_file_the_notebook_writes_is_a_known_output():
    from cxwidgets.segment_report import FILES

    assert set(FILES.values()) | {"segment_report.ipynb", "run.log"} == set(OUTPUTS)
