"""The bank of journeys: run the segment report for many segments and products at once.

Each job is a plain Papermill run of `notebooks/segment_report.ipynb` in its own process
(Papermill's working folder is process-wide), so every executed notebook is an ordinary
Papermill output anyone can rerun with the `papermill` command. Jobs run side by side (one
worker per core by default), each writes its own log, a failing job is reported with the
cell that failed and never stops the others, and a job whose outputs are newer than every
input is skipped unless forced. At the end `index.html` shows one card per job.
"""

from __future__ import annotations

import json
import logging
import os
import re
import time
from collections.abc import Callable, Iterable, Sequence
from concurrent.futures import ProcessPoolExecutor, as_completed
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from cxwidgets.exceptions import ParameterError
from cxwidgets.resources import SEGMENT_REPORT as REPORT

TIMEOUT_S = 600
#: Files each finished run leaves in its folder; the notebook writes them.
SUMMARY, NOTEBOOK, LOG = "summary.json", "segment_report.ipynb", "run.log"
OK, FAILED, SKIPPED = "ok", "failed", "skipped"


def slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")[:60] or "x"


@dataclass(frozen=True)
class Job:
    """One report to make: a segment and a product ("all" for every value)."""

    segment: str
    product: str = "all"

    @property
    def name(self) -> str:
        return f"{slug(self.segment)}__{slug(self.product)}"


@dataclass(frozen=True)
class Inputs:
    """What every job reads: where the evidence and the workshop are, and the notebook."""

    evidence_dir: Path
    workshop_file: Path
    notebook: Path = REPORT

    def files(self) -> list[Path]:
        found = [self.notebook, self.workshop_file]
        if self.evidence_dir.is_dir():
            found += [p for p in self.evidence_dir.rglob("*") if p.is_file()]
        return found

    def parameters(self, job: Job, folder: Path) -> dict[str, str]:
        return {"segment": job.segment, "product": job.product,
                "evidence_dir": str(self.evidence_dir.resolve()),
                "workshop_file": str(self.workshop_file.resolve()),
                "output_dir": str(folder.resolve())}


@dataclass(frozen=True)
class RunResult:
    job: Job
    folder: Path
    status: str
    seconds: float = 0.0
    error: str = ""
    summary: dict[str, Any] = field(default_factory=dict)

    @property
    def ok(self) -> bool:
        return self.status != FAILED


def jobs_from(segments: Iterable[str] = (), products: Iterable[str] = ()) -> list[Job]:
    """Every segment with every product (just "all" when no product is named)."""
    products = list(products) or ["all"]
    return [Job(s, p) for s in segments for p in products]


def jobs_from_yaml(path: Path) -> list[Job]:
    """Jobs from a YAML file: `jobs: [{segment, product}]` and/or `segments:` x `products:`."""
    import yaml

    try:
        data = yaml.safe_load(Path(path).read_text(encoding="utf-8")) or {}
    except OSError as exc:
        raise ParameterError(f"cannot read the job list {path}: {exc.strerror}") from exc
    except yaml.YAMLError as exc:
        raise ParameterError(f"the job list {path} is not valid YAML: {exc}") from exc
    if not isinstance(data, dict):
        raise ParameterError(f"the job list {path} must be a mapping with 'jobs' or "
                             "'segments' (and optionally 'products')")
    jobs = []
    for n, item in enumerate(data.get("jobs") or [], start=1):
        if not isinstance(item, dict) or not isinstance(item.get("segment"), str):
            raise ParameterError(f"{path}: job {n} needs a 'segment' (text)")
        jobs.append(Job(item["segment"], str(item.get("product", "all"))))
    jobs += jobs_from([str(s) for s in data.get("segments") or []],
                      [str(p) for p in data.get("products") or []])
    if not jobs:
        raise ParameterError(f"{path} lists no jobs: give 'jobs' or 'segments'")
    return jobs


def is_current(folder: Path, inputs: Inputs, job: Job) -> bool:
    """True when the folder holds a finished run of this job, newer than every input."""
    summary = folder / SUMMARY
    if not summary.is_file() or not (folder / NOTEBOOK).is_file():
        return False
    try:
        done = json.loads(summary.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return False
    if done.get("parameters", {}).get("segment") != job.segment or done.get(
            "parameters", {}).get("product") != job.product:
        return False
    newest = max((p.stat().st_mtime for p in inputs.files() if p.exists()), default=0)
    return summary.stat().st_mtime >= newest


def _log_to(path: Path) -> logging.Handler:
    handler = logging.FileHandler(path, mode="w", encoding="utf-8")
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(message)s"))
    logger = logging.getLogger("papermill")
    logger.addHandler(handler)
    logger.setLevel(logging.INFO)
    return handler


def run_one(job: Job, inputs: Inputs, output_dir: Path, force: bool = False) -> RunResult:
    """Run one job in this process; never raises for a failing notebook."""
    import papermill as pm

    folder = output_dir / job.name
    if not force and is_current(folder, inputs, job):
        return RunResult(job, folder, SKIPPED, summary=_summary(folder))
    folder.mkdir(parents=True, exist_ok=True)
    (folder / SUMMARY).unlink(missing_ok=True)  # a failed rerun must not look finished
    handler = _log_to(folder / LOG)
    started = time.monotonic()
    try:
        pm.execute_notebook(
            str(inputs.notebook), str(folder / NOTEBOOK), kernel_name="python3",
            cwd=str(inputs.notebook.parent), execution_timeout=TIMEOUT_S,
            progress_bar=False, log_output=True,
            parameters=inputs.parameters(job, folder))
    except pm.PapermillExecutionError as exc:
        error = f"cell {exc.exec_count}{_cell_name(folder / NOTEBOOK, exc.exec_count)}: " \
                f"{exc.ename}: {exc.evalue}"
        return RunResult(job, folder, FAILED, time.monotonic() - started, error)
    except Exception as exc:  # the kernel died, the notebook is unreadable ...
        error = f"{type(exc).__name__}: {exc}"
        return RunResult(job, folder, FAILED, time.monotonic() - started, error)
    finally:
        logging.getLogger("papermill").removeHandler(handler)
        handler.close()
    return RunResult(job, folder, OK, time.monotonic() - started, summary=_summary(folder))


def _cell_name(notebook: Path, count: int) -> str:
    """ " (validate)": the id of the cell that ran as number `count`, so the analyst knows
    where to look in the executed notebook."""
    import nbformat

    try:
        cells = nbformat.read(notebook, as_version=4).cells
    except (OSError, ValueError):
        return ""
    found = [c.id for c in cells if c.get("execution_count") == count]
    return f" ({found[0]})" if found else ""


def _summary(folder: Path) -> dict[str, Any]:
    try:
        return json.loads((folder / SUMMARY).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}


def run_batch(jobs: Sequence[Job], inputs: Inputs, output_dir: Path, *,
              workers: int | None = None, force: bool = False,
              progress: Callable[[RunResult], None] | None = None) -> list[RunResult]:
    """Run every job (in parallel processes), then write `index.html`; results in job order."""
    if not jobs:
        raise ParameterError("no jobs to run: name segments, a job file or --all")
    unique = list(dict.fromkeys(jobs))
    output_dir.mkdir(parents=True, exist_ok=True)
    workers = max(1, min(workers or os.cpu_count() or 1, len(unique)))
    results: dict[Job, RunResult] = {}
    with ProcessPoolExecutor(max_workers=workers) as pool:
        futures = {pool.submit(run_one, job, inputs, output_dir, force): job for job in unique}
        for future in as_completed(futures):
            result = future.result()
            results[result.job] = result
            if progress is not None:
                progress(result)
    ordered = [results[j] for j in unique]
    from cxwidgets.bank import write_index

    write_index(output_dir, ordered)
    return ordered
