"""The bank of journeys: run the segment report for many segments and products at once.

Each job is a plain Papermill run of `notebooks/segment_report.ipynb`, so every executed
notebook is an ordinary Papermill output anyone can rerun with the `papermill` command.
Jobs run side by side, here (`local`: one worker process per core) or on a Dask cluster the
team already runs (`cluster`). Either way a report is made in a scratch folder and comes
back as bytes; only this process writes the bank (`deliver`), whole files or none. A
failing job is reported with the cell that failed and never stops the others, and a job
whose outputs are newer than every input is skipped unless forced. At the end `index.html`
shows one card per job.

Modules: `jobs` (what to make), `inputs` (what reports read, as paths or as bytes),
`execute` (one report, in this process), `results` (what comes back), `deliver` (into the
bank), `local` and `cluster` (the two ways to run many).
"""

from __future__ import annotations

import time
from collections.abc import Callable, Sequence
from pathlib import Path

from cxwidgets.batch.cluster import ClusterRunner
from cxwidgets.batch.deliver import deliver, is_current, skipped
from cxwidgets.batch.inputs import Inputs
from cxwidgets.batch.jobs import Job, jobs_from, jobs_from_yaml, slug
from cxwidgets.batch.local import LocalRunner
from cxwidgets.batch.results import (
    CANCELLED,
    FAILED,
    LOG,
    NOTEBOOK,
    OK,
    OUTPUTS,
    SKIPPED,
    SUMMARY,
    Outcome,
    RunResult,
)
from cxwidgets.exceptions import BatchInterrupted, ExportError, ParameterError
from cxwidgets.resources import SEGMENT_REPORT as REPORT

#: The modules the rest of the kit uses.
_MODULES = ("jobs", "results")
__all__ = ["FAILED", "LOG", "NOTEBOOK", "OK", "OUTPUTS", "REPORT", "SKIPPED", "SUMMARY", "Inputs",
           "Job", "Outcome", "RunResult", "is_current", "jobs_from", "jobs_from_yaml",
           "run_batch", "slug", *_MODULES]


def run_batch(jobs: Sequence[Job], inputs: Inputs, output_dir: Path, *,
              workers: int | None = None, force: bool = False,
              progress: Callable[[RunResult], None] | None = None,
              cluster: str | None = None) -> list[RunResult]:
    """Make every job's report, then write `index.html`; results in job order.

    `cluster` is a Dask scheduler's address (or scheduler file): the reports are made on
    its workers. Without it they are made here, in `workers` processes (default: cores).
    Ctrl-C raises `BatchInterrupted` after cancelling what is left; reports already made
    stay in the bank and are skipped by the next run.
    """
    if not jobs:
        raise ParameterError("no jobs to run: name segments, a job file or --all")
    unique = list(dict.fromkeys(jobs))
    inputs.check()
    try:
        output_dir.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise ParameterError(f"cannot make the bank's folder {output_dir}: "
                             f"{exc.strerror or exc}") from None
    made_at = time.time()
    newest = inputs.newest()
    results: dict[Job, RunResult] = {}

    def record(result: RunResult) -> None:
        results[result.job] = result
        if progress is not None:
            progress(result)

    todo = []
    for job in unique:
        if not force and is_current(output_dir / job.name, newest, job):
            record(skipped(job, output_dir / job.name))
        else:
            todo.append(job)
    try:
        if todo:
            _run(todo, inputs, output_dir, made_at, record, workers, cluster)
    except KeyboardInterrupt:
        made = sum(r.status != FAILED for r in results.values())
        raise BatchInterrupted(
            f"stopped: {made} of {len(unique)} reports are ready in {output_dir}; the rest "
            "were cancelled. Run the same command again to make them: the reports already "
            "made are kept and skipped") from None
    ordered = [results[j] for j in unique]
    # lazy: the bank's index (jinja2, the model), written only when a run ends
    from cxwidgets.bank import write_index

    write_index(output_dir, ordered)
    return ordered


def _run(todo: list[Job], inputs: Inputs, output_dir: Path, made_at: float,
         record: Callable[[RunResult], None], workers: int | None,
         cluster: str | None) -> None:
    runner = (ClusterRunner(cluster, inputs, output_dir) if cluster
              else LocalRunner(inputs, output_dir, workers))
    with runner:
        for outcome, attempts in runner.run(todo):
            if outcome.status == CANCELLED:
                continue
            folder = output_dir / outcome.job.name
            try:
                record(deliver(outcome, folder, made_at, attempts))
            except OSError as exc:  # disk full, folder taken away: stop, keep what is whole
                raise ExportError(f"cannot write the report into {folder}: "
                                  f"{exc.strerror or exc}; the reports not made yet were "
                                  "cancelled, those already in the bank are whole") from None
