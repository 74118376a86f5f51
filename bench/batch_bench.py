"""`cxwidgets run` over 8 reports: here, on a Dask cluster, against papermill one by one.

The floor is the `papermill` command itself, run 8 times in a row with the same
parameters (what an analyst would script without the kit). Then the same 8 reports:

- through `cxwidgets run` on this computer (the process pool, one worker per core);
- through `cxwidgets run --cluster` on a local `dask scheduler` with 2 single-threaded
  `dask worker` processes, started beforehand as a team's cluster would be (target: at
  least 0.9x the pool's speed, and at least 0.9 x 2 workers the floor's);
- through `run_batch` on a `LocalCluster` made for the run, start-up included: what the
  no-cluster default would cost if it used Dask instead of the process pool.

Every case writes into a fresh folder, so nothing is skipped as up to date. On a machine
shared with other work, `--rounds 2` (or more) repeats the cases interleaved and keeps each
one's best time.

Run: .venv/bin/python bench/batch_bench.py [--workers N] [--rounds N]
"""

from __future__ import annotations

import argparse
import json
import os
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from cxwidgets.batch import REPORT, Inputs, Job, jobs_from
from cxwidgets.resources import SAMPLE_DATA, SAMPLE_WORKSHOP

SEGMENTS = ("Busy parents", "Retired couples", "Students", "Young professionals")
PRODUCTS = ("Classic box", "Family box")
CLUSTER_WORKERS = 2


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


def kit_run(out: Path, segments: tuple[str, ...], *options: str) -> float:
    """The same reports through `cxwidgets run` (every segment with every product)."""
    cmd = [sys.executable, "-m", "cxwidgets.cli", "run", "-o", str(out), "--force",
           *[a for s in segments for a in ("--segment", s)],
           *[a for p in PRODUCTS for a in ("--product", p)], *options]
    started = time.perf_counter()
    subprocess.run(cmd, check=True, capture_output=True)
    return time.perf_counter() - started


def start_cluster(root: Path) -> tuple[str, list[subprocess.Popen]]:
    """A `dask scheduler` and single-threaded `dask worker`s on 127.0.0.1, each process in
    its own folder, ready when every worker has joined."""
    from distributed import Client

    file = root / "scheduler.json"
    procs = []

    def start(name: str, *args: str) -> None:
        (root / name).mkdir(parents=True)
        procs.append(subprocess.Popen(
            [sys.executable, "-m", "dask", *args], cwd=root / name, start_new_session=True,
            stdout=subprocess.DEVNULL, stderr=(root / f"{name}.log").open("wb")))

    start("scheduler", "scheduler", "--host", "127.0.0.1", "--port", "0", "--no-dashboard",
          "--scheduler-file", str(file))
    while not (file.is_file() and file.stat().st_size):
        time.sleep(0.2)
    address = json.loads(file.read_text())["address"]
    for n in range(CLUSTER_WORKERS):
        start(f"worker{n}", "worker", address, "--nthreads", "1", "--no-dashboard",
              "--local-directory", str(root / f"worker{n}"), "--memory-limit", "0")
    with Client(address, set_as_default=False) as client:
        client.wait_for_workers(CLUSTER_WORKERS, timeout=300)
    return address, procs


def stop_cluster(procs: list[subprocess.Popen]) -> None:
    for proc in reversed(procs):
        os.killpg(proc.pid, signal.SIGTERM)
    for proc in procs:
        try:
            proc.wait(timeout=30)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)


def cluster_run(out: Path, segments: tuple[str, ...], root: Path) -> float:
    address, procs = start_cluster(root)
    try:
        return kit_run(out, segments, "--cluster", address)
    finally:
        stop_cluster(procs)


def local_cluster_run(out: Path, segments: tuple[str, ...]) -> float:
    """`run_batch` on a LocalCluster it starts itself, in a fresh process like the CLI."""
    started = time.perf_counter()
    subprocess.run([sys.executable, __file__, "--segments", str(len(segments)),
                    "--local-cluster-into", str(out)], check=True, capture_output=True)
    return time.perf_counter() - started


def _local_cluster_into(out: Path, segments: tuple[str, ...]) -> None:
    from distributed import LocalCluster

    from cxwidgets.batch import run_batch

    with LocalCluster(n_workers=CLUSTER_WORKERS, threads_per_worker=1, dashboard_address=None,
                      processes=True) as cluster:
        run_batch(jobs_from(segments, PRODUCTS), Inputs(SAMPLE_DATA / "feedback",
                                                        SAMPLE_WORKSHOP),
                  out, force=True, cluster=cluster.scheduler_address)


def made(out: Path) -> list[str]:
    return sorted(p.parent.name for p in out.glob("*/summary.json"))


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--workers", type=int, default=None)
    parser.add_argument("--segments", type=int, default=len(SEGMENTS),
                        help="how many of the 4 segments (x 2 products) to report on")
    parser.add_argument("--rounds", type=int, default=1,
                        help="repeat every case, interleaved, and keep each one's best time")
    parser.add_argument("--local-cluster-into", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    segments = SEGMENTS[: args.segments]
    if args.local_cluster_into:
        _local_cluster_into(args.local_cluster_into, segments)
        return
    jobs = jobs_from(segments, PRODUCTS)
    inputs = Inputs(SAMPLE_DATA / "feedback", SAMPLE_WORKSHOP)
    cores = os.cpu_count() or 1
    workers = args.workers or cores
    times: dict[str, list[float]] = {"floor": [], "pool": [], "cluster": [], "local": []}
    missing = {}
    for n in range(args.rounds):  # interleaved, so a busy spell of the machine hits all cases
        with tempfile.TemporaryDirectory() as tmp:
            t = Path(tmp)
            times["floor"].append(sequential_papermill(jobs, inputs, t / "floor"))
            times["pool"].append(kit_run(t / "pool", segments, "--workers", str(workers)))
            times["cluster"].append(cluster_run(t / "cluster", segments, t / "dask"))
            times["local"].append(local_cluster_run(t / "local", segments))
            missing.update({f"{name} (round {n + 1})": len(jobs) - len(made(t / name))
                            for name in ("pool", "cluster", "local")
                            if len(made(t / name)) != len(jobs)})
    floor, pool, dask, local = (min(times[k]) for k in ("floor", "pool", "cluster", "local"))
    print(f"{len(jobs)} reports, {cores} cores, best of {args.rounds} round(s)")
    row = "{:<46}{:7.1f} s   {}".format
    print(row("floor: papermill one after another", floor, ""))
    print(row(f"cxwidgets run, process pool of {workers}", pool,
              f"speed-up {floor / pool:4.2f}x (target about {workers}x)"))
    print(row(f"cxwidgets run --cluster, {CLUSTER_WORKERS} workers x 1 thread", dask,
              f"{pool / dask:4.2f}x the pool's speed (target >= 0.90x); speed-up "
              f"{floor / dask:4.2f}x (target >= {0.9 * CLUSTER_WORKERS:.2f}x)"))
    print(row(f"LocalCluster made for the run, {CLUSTER_WORKERS} workers", local,
              f"{pool / local:4.2f}x the pool's speed: "
              + ("the process pool (the default) is faster" if pool <= local
                 else "a LocalCluster is faster")))
    if missing:
        sys.exit(f"reports missing: {missing}")


if __name__ == "__main__":
    main()
