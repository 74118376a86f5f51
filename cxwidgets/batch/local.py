"""Reports on this machine: one worker process per core, each report in a scratch folder.

The default when no cluster is named. A process per report at a time, because a kernel
and Papermill's bookkeeping for it use most of a core; the processes are kept for the next
report so Papermill is imported once per process. Ctrl-C in the terminal reaches only the
client: the client raises a stop flag, each running report kills its kernel, and the
scratch folders go with the run, so nothing half-made is left anywhere.
"""

from __future__ import annotations

import os
import shutil
import signal
import tempfile
import time
from collections.abc import Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor, as_completed
from dataclasses import dataclass
from pathlib import Path
from types import TracebackType

from cxwidgets.batch.execute import make_report
from cxwidgets.batch.inputs import Inputs, Sources
from cxwidgets.batch.jobs import Job
from cxwidgets.batch.results import FAILED, Outcome


@dataclass(frozen=True)
class FlagFile:
    """A stop that every local worker process can see: the file exists."""

    path: Path

    def wait(self, timeout: float) -> bool:
        deadline = time.monotonic() + timeout
        while not self.path.exists():
            if time.monotonic() >= deadline:
                return False
            time.sleep(0.2)
        return True


class LocalRunner:
    """Run reports in `workers` processes here; use as a context manager."""

    def __init__(self, inputs: Inputs, output_dir: Path, workers: int | None = None) -> None:
        self.inputs = inputs
        self.output_dir = output_dir
        self.workers = workers or os.cpu_count() or 1

    def __enter__(self) -> LocalRunner:
        self._scratch = Path(tempfile.mkdtemp(prefix="cxwidgets-run-"))
        self._stop = FlagFile(self._scratch / "stop")
        self._pool: ProcessPoolExecutor | None = None
        return self

    def run(self, jobs: Sequence[Job]) -> Iterator[tuple[Outcome, int]]:
        """Each job's outcome as it finishes, with how many times it was started (1)."""
        self._pool = ProcessPoolExecutor(max_workers=max(1, min(self.workers, len(jobs))),
                                         initializer=_leave_interrupts_to_the_client)
        futures = {self._pool.submit(_local_report, job,
                                     self.inputs.sources(self.output_dir / job.name),
                                     self._scratch, self._stop): job for job in jobs}
        for future in as_completed(futures):
            try:
                yield future.result(), 1
            except Exception as exc:  # the process died (out of memory?) or could not start
                yield Outcome(futures[future], FAILED, 0.0,
                              f"the process making this report stopped: {exc}"), 1

    def __exit__(self, kind: type[BaseException] | None, exc: BaseException | None,
                 tb: TracebackType | None) -> None:
        try:
            if kind is not None:
                self._stop.path.touch()
            if self._pool is not None:
                self._pool.shutdown(wait=True, cancel_futures=True)
        finally:
            shutil.rmtree(self._scratch, ignore_errors=True)


def _leave_interrupts_to_the_client() -> None:
    """Ctrl-C reaches the whole process group; the client decides what stops, and how."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)


def _local_report(job: Job, published: Sources, scratch_root: Path, stop: FlagFile) -> Outcome:
    scratch = Path(tempfile.mkdtemp(prefix=f"{job.name}-", dir=scratch_root))
    try:
        here = Sources(published.notebook, published.evidence_dir, published.workshop_file,
                       scratch / "out")
        return make_report(job, here, published, stop)
    finally:
        shutil.rmtree(scratch, ignore_errors=True)
