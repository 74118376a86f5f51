"""`cxwidgets run` over 8 jobs against the same 8 reports made one after another.

The floor is the `papermill` command itself, run 8 times in a row with the same
parameters (what an analyst would script without the kit). The ratio floor / kit is the
speed-up from running side by side; with one worker per core it should come close to the
number of cores. Both write into fresh folders, so nothing is skipped as up to date.

Run: .venv/bin/python bench/batch_bench.py [--workers N]
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from cxwidgets.batch import REPORT, Inputs, Job, jobs_from
from cxwidgets.resources import SAMPLE_DATA, SAMPLE_WORKSHOP

SEGMENTS = ("Busy parents", "Retired couples", "Students", "Young professionals")
PRODUCTS = ("Classic box", "Family box")


def sequential_papermill(jobs: list[Job], inputs: Inputs, out: Path) -> float:
    started = time.perf_counter()
    for job in jobs:
        folder = out / job.name
        folder.mkdir(parents=True)
        args = [a for k, v in inputs.parameters(job, folder).items() for a in ("-p", k, v)]
        subprocess.run([sys.executable, "-m", "papermill", str(REPORT),
                        str(folder / "segment_report.ipynb"), "-k", "python3",
                        "--cwd", str(REPORT.parent), "--no-progress-bar", *args],
                       check=True, capture_output=True)
    return time.perf_counter() - started


def kit_run(out: Path, workers: int | None) -> float:
    """The same reports through `cxwidgets run` (every segment with every product)."""
    cmd = [sys.executable, "-m", "cxwidgets.cli", "run", "-o", str(out), "--force",
           *[a for s in SEGMENTS for a in ("--segment", s)],
           *[a for p in PRODUCTS for a in ("--product", p)]]
    if workers:
        cmd += ["--workers", str(workers)]
    started = time.perf_counter()
    subprocess.run(cmd, check=True, capture_output=True)
    return time.perf_counter() - started


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--workers", type=int, default=None)
    workers = parser.parse_args().workers
    jobs = jobs_from(SEGMENTS, PRODUCTS)
    inputs = Inputs(SAMPLE_DATA / "feedback", SAMPLE_WORKSHOP)
    with tempfile.TemporaryDirectory() as tmp:
        floor = sequential_papermill(jobs, inputs, Path(tmp) / "floor")
        kit = kit_run(Path(tmp) / "kit", workers)
        made = sorted(p.parent.name for p in (Path(tmp) / "kit").glob("*/summary.json"))
    cores = os.cpu_count()
    print(f"{len(jobs)} reports, {cores} cores")
    print(f"floor: papermill one after another  {floor:7.1f} s")
    print(f"cxwidgets run (side by side)        {kit:7.1f} s   "
          f"speed-up {floor / kit:4.2f}x (target about {cores}x)")
    if len(made) != len(jobs):
        sys.exit(f"only {len(made)} of {len(jobs)} reports were made: {made}")


if __name__ == "__main__":
    main()
