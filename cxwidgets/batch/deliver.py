"""Writing reports into the bank, on the client: whole files or none, and the skip test.

Only the client writes the bank. Each file is written under a temporary name and renamed
into place, so an interrupted run leaves whole files only; `summary.json` is removed first
and written last, so a folder looks finished only when every file of the same run is in
it. The summary's time is set to when the run read its inputs: a report is current when
it is at least as new as every input it was made from, whichever machine made it.
"""

from __future__ import annotations

import json
import os
from pathlib import Path, PurePosixPath
from typing import Any

from cxwidgets.atomic import write_atomic
from cxwidgets.batch.jobs import Job
from cxwidgets.batch.results import FAILED, NOTEBOOK, OUTPUTS, SKIPPED, SUMMARY, Outcome, RunResult


def is_current(folder: Path, newest_input: float, job: Job) -> bool:
    """True when the folder holds a finished run of this job, newer than every input."""
    summary = folder / SUMMARY
    if not summary.is_file() or not (folder / NOTEBOOK).is_file():
        return False
    done = read_summary(folder)
    if done.get("parameters", {}).get("segment") != job.segment or done.get(
            "parameters", {}).get("product") != job.product:
        return False
    return summary.stat().st_mtime >= newest_input


def read_summary(folder: Path) -> dict[str, Any]:
    try:
        found = json.loads((folder / SUMMARY).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return found if isinstance(found, dict) else {}


def skipped(job: Job, folder: Path) -> RunResult:
    return RunResult(job, folder, SKIPPED, summary=read_summary(folder))


def deliver(outcome: Outcome, folder: Path, made_at: float, attempts: int = 1) -> RunResult:
    """Write the report's files into its folder in the bank and say how it went."""
    bad = [name for name in outcome.files if not _safe(name)]
    if bad:
        outcome = Outcome(outcome.job, FAILED, outcome.seconds,
                          f"the report sent a file named {bad[0]!r}, outside its folder; "
                          "nothing was written", where=outcome.where)
    folder.mkdir(parents=True, exist_ok=True)
    (folder / SUMMARY).unlink(missing_ok=True)
    files = {} if bad else outcome.files
    for name in sorted(files, key=lambda n: n == SUMMARY):
        (folder / name).parent.mkdir(parents=True, exist_ok=True)
        write_atomic(folder / name, files[name])
    for stale in set(OUTPUTS) - set(files):  # left by an earlier run: not this run's
        (folder / stale).unlink(missing_ok=True)
    if SUMMARY in files:
        os.utime(folder / SUMMARY, (made_at, made_at))
    return RunResult(outcome.job, folder, outcome.status, outcome.seconds, outcome.error,
                     read_summary(folder), outcome.where, attempts)


def _safe(name: str) -> bool:
    path = PurePosixPath(name)
    return (bool(name) and "\\" not in name and not path.is_absolute()
            and all(part not in ("", ".", "..") and not part.startswith(".")
                    for part in path.parts))
