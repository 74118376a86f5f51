"""`cxwidgets run --cluster`: a real `dask scheduler` and two real `dask worker` processes.

Each worker has its own scratch folder (`--local-directory`) and its own working folder,
and neither is the bank's: nothing reaches the workers or comes back by disk. The first
worker has two threads, so two reports share its process (their logs, working folders and
kernels must stay apart). One worker is
killed (SIGKILL) while it is making a report; its report must be made again on the other
and the bank must still be complete. Workers run without a nanny, so a killed worker stays
dead, as a lost machine would.
"""

from __future__ import annotations

import contextlib
import html
import importlib.metadata
import json
import os
import re
import signal
import subprocess
import sys
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

import nbformat
import psutil
import pytest

from cxwidgets.batch import FAILED, OK, OUTPUTS, SKIPPED, SUMMARY, Inputs, Job, jobs_from, run_batch
from cxwidgets.batch.cluster import connect
from cxwidgets.exceptions import ClusterError
from cxwidgets.resources import SAMPLE_WORKSHOP
from cxwidgets.testing import hears_ctrl_c

pytestmark = [pytest.mark.notebook, pytest.mark.timeout(900)]

GOOD = jobs_from(["Busy parents", "Students", "Young professionals"], ["Classic box", "Family box"])
#: First, so that it has failed before the worker is killed: it must fail once, not be rerun.
BAD = Job("Pirates", "Classic box")


@dataclass
class Worker:
    name: str
    process: subprocess.Popen
    local: Path
    cwd: Path
    address: str = ""


@dataclass
class Cluster:
    address: str
    workers: list[Worker]
    client: object
    timeline: list[str] = field(default_factory=list)


def _start(args: list[str], cwd: Path, log: Path,
           env: dict[str, str] | None = None) -> subprocess.Popen:
    cwd.mkdir(parents=True)
    with log.open("wb") as out:
        return subprocess.Popen([sys.executable, "-m", "dask", *args], cwd=cwd, stdout=out,
                                stderr=subprocess.STDOUT, start_new_session=True, env=env)


def _wait_for(check, timeout: float, what: str):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        found = check()
        if found:
            return found
        time.sleep(0.2)
    raise AssertionError(f"gave up waiting for {what}")


@pytest.fixture(scope="module")
def cluster(tmp_path_factory):
    root = tmp_path_factory.mktemp("cluster")
    file = root / "scheduler.json"
    procs = [_start(["scheduler", "--host", "127.0.0.1", "--port", "0", "--no-dashboard",
                     "--scheduler-file", str(file)], root / "scheduler", root / "scheduler.log")]
    workers = []
    try:
        _wait_for(lambda: file.is_file() and file.stat().st_size, 120, "the scheduler")
        address = json.loads(file.read_text())["address"]
        for name, threads in (("w1", "2"), ("w2", "1")):
            local, cwd = root / name / "scratch", root / name / "cwd"
            local.mkdir(parents=True)
            proc = _start(["worker", address, "--name", name, "--nthreads", threads, "--no-nanny",
                           "--local-directory", str(local), "--no-dashboard",
                           "--memory-limit", "0"], cwd, root / f"{name}.log")
            procs.append(proc)
            workers.append(Worker(name, proc, local, cwd))
        client = connect(address)
        client.wait_for_workers(2, timeout=180)
        names = {info["name"]: addr for addr, info in client.scheduler_info()["workers"].items()}
        for w in workers:
            w.address = names[w.name]
        yield Cluster(address, workers, client)
        client.close()
    finally:
        for proc in procs:
            with contextlib.suppress(ProcessLookupError):
                os.killpg(proc.pid, signal.SIGKILL)
            proc.wait(timeout=30)


def _kernels(pid: int) -> list[psutil.Process]:
    """The kernels a worker (or a `cxwidgets run`) has started and not yet stopped."""
    try:
        children = psutil.Process(pid).children(recursive=True)
    except psutil.NoSuchProcess:
        return []
    found = []
    for child in children:
        with contextlib.suppress(psutil.Error):
            if "ipykernel_launcher" in " ".join(child.cmdline()):
                found.append(child)
    return found


def _report_running(pid: int, for_at_least: float) -> str:
    """The job whose kernel has been running for a while under `pid` (its kernel works in
    the report's scratch folder, named after the job), or ""."""
    for kernel in _kernels(pid):
        with contextlib.suppress(psutil.Error):
            if time.time() - kernel.create_time() >= for_at_least:
                return Path(kernel.cwd()).name.rpartition("-")[0]
    return ""


@pytest.fixture(scope="module")
def bank(cluster, evidence, tmp_path_factory):
    """The bank made on the cluster, with worker w2 killed while it makes a report."""
    out = tmp_path_factory.mktemp("bank") / "bank"
    inputs = Inputs(evidence, SAMPLE_WORKSHOP)
    victim = cluster.workers[1]
    started = time.monotonic()
    log = cluster.timeline
    killed: dict[str, object] = {}

    def kill() -> None:
        killed["job"] = _wait_for(lambda: _report_running(victim.process.pid, 2.0), 180,
                                  "a report well under way on the worker to kill")
        os.kill(victim.process.pid, signal.SIGKILL)
        killed["at"] = time.monotonic() - started
        log.append(f"{killed['at']:6.1f} s  killed {victim.name} ({victim.address}) while it "
                   f"made {killed['job']}")

    def progress(result) -> None:
        log.append(f"{time.monotonic() - started:6.1f} s  {result.job.segment} / "
                   f"{result.job.product}: {result.status} in {result.seconds:.1f} s on "
                   f"{result.where}, started {result.attempts} time(s)")
        if result.job == BAD and "thread" not in killed:
            killed["thread"] = threading.Thread(target=kill)
            killed["thread"].start()

    results = run_batch([BAD, *GOOD], inputs, out, cluster=cluster.address, progress=progress)
    killed["thread"].join(timeout=60)
    log.append(f"{time.monotonic() - started:6.1f} s  bank complete")
    print("\n".join(log))
    return out, inputs, {r.job: r for r in results}, killed


def test_the_bank_is_complete_though_a_worker_died(cluster, bank):
    out, _, results, killed = bank
    survivor, victim = cluster.workers
    assert "at" in killed, "the worker was never killed"
    assert victim.process.poll() == -signal.SIGKILL
    for job in GOOD:
        r = results[job]
        assert r.status == OK, (job, r.error)
        assert sorted(p.name for p in r.folder.iterdir()) == sorted(OUTPUTS)
        assert r.summary["parameters"] == {"segment": job.segment, "product": job.product}
        assert (r.folder / "map.png").read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
        assert (r.folder / "map.svg").read_text().lstrip().startswith("<svg")
        assert (r.folder / "quotes.csv").read_text().startswith("group,")
        nb = nbformat.read(r.folder / "segment_report.ipynb", as_version=4)
        params = nb.metadata["papermill"]["parameters"]
        assert params["output_dir"] == str(r.folder.resolve())  # the bank, not a worker's
        log = (r.folder / "run.log").read_text()
        for text in (json.dumps(nb), log):
            assert "dask-scratch-space" not in text
        # its own log only, though another report ran in the same worker at the same time
        assert log.startswith(f"Report for {job.segment} / {job.product}, made on ")
        assert log.count("Input Notebook:") == 1 and log.count("Executing Cell 1-") == 1
        assert r.where.startswith((survivor.address, victim.address))
    page = html.unescape((out / "index.html").read_text())
    assert page.count('<section class="card') == 7 and "6 of 7 reports ready" in page
    for job in GOOD:
        assert f'src="{job.name}/map.png"' in page
    # nothing was written where the workers were started, and no report left its scratch
    assert [p for w in cluster.workers for p in w.cwd.rglob("*")] == []
    assert not [p for p in survivor.local.rglob("*") if "__" in p.name]
    assert not list(out.rglob("*.part")) and not list(out.rglob(".*"))


def test_the_report_the_killed_worker_was_making_is_made_again_elsewhere(cluster, bank):
    _, _, results, killed = bank
    survivor = cluster.workers[0]
    again = [r for r in results.values() if r.attempts > 1]
    assert [r.job.name for r in again] == [killed["job"]]
    assert again[0].status == OK and again[0].attempts == 2
    assert again[0].where.startswith(survivor.address)
    assert f"made on {survivor.address}" in (again[0].folder / "run.log").read_text()


def test_a_report_that_fails_on_its_data_fails_once_with_its_cell(bank):
    _, _, results, _ = bank
    bad = results[BAD]
    assert bad.status == FAILED and bad.attempts == 1
    assert bad.error.startswith("cell 3 (validate): ParameterError: parameter 'segment': "
                                "unknown segment 'Pirates'")
    assert not (bad.folder / SUMMARY).exists()
    assert sorted(p.name for p in bad.folder.iterdir()) == ["run.log", "segment_report.ipynb"]


def test_reruns_skip_current_reports_and_remake_stale_ones_on_the_cluster(cluster, bank):
    out, inputs, before, _ = bank
    stamps = {j: (before[j].folder / SUMMARY).stat().st_mtime for j in GOOD}
    again = run_batch(GOOD, inputs, out, cluster=cluster.address)
    assert [r.status for r in again] == [SKIPPED] * len(GOOD)
    assert {j: (before[j].folder / SUMMARY).stat().st_mtime for j in GOOD} == stamps

    stale = GOOD[2]
    old = inputs.newest() - 60
    os.utime(before[stale].folder / SUMMARY, (old, old))
    again = {r.job: r for r in run_batch(GOOD, inputs, out, cluster=cluster.address)}
    assert again[stale].status == OK and again[stale].where.startswith(cluster.workers[0].address)
    assert [j for j, r in again.items() if r.status == SKIPPED] == [j for j in GOOD if j != stale]
    assert (before[stale].folder / SUMMARY).stat().st_mtime >= inputs.newest()


def test_ctrl_c_stops_the_cluster_run_and_leaves_only_whole_reports(cluster, bank, evidence):
    out, _, _, _ = bank
    survivor = cluster.workers[0]
    before = {p: p.stat().st_mtime_ns for p in out.rglob("*")}
    jobs = [a for s in ("Busy parents", "Students", "Young professionals")
            for a in ("--segment", s)]
    proc = subprocess.Popen(
        [sys.executable, "-m", "cxwidgets.cli", "run", *jobs, "--product", "Classic box",
         "--product", "Family box", "--product", "Veggie box", "--evidence", str(evidence),
         "-o", str(out), "--cluster", cluster.address],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, preexec_fn=hears_ctrl_c)
    try:
        job = _wait_for(lambda: _report_running(survivor.process.pid, 2.0), 300,
                        "a new report under way")
        kernels = _kernels(survivor.process.pid)
        scratch = [Path(k.cwd()) for k in kernels]
        proc.send_signal(signal.SIGINT)
        stdout, stderr = proc.communicate(timeout=60)
    finally:
        proc.kill()
    assert proc.returncode == 130, stderr
    assert "stopped: 6 of 9 reports are ready" in stderr and stdout == ""
    assert job.endswith("__veggie-box")
    # the bank is as it was: the six reports kept whole, nothing of the stopped ones
    assert {p: p.stat().st_mtime_ns for p in out.rglob("*")} == before
    # the reports under way are stopped: their kernels and scratch folders are gone,
    # and the scheduler holds nothing of the run
    _wait_for(lambda: not any(k.is_running() for k in kernels), 30, "the kernel to stop")
    _wait_for(lambda: not any(p.exists() for p in scratch), 30, "the scratch folders to go")
    _wait_for(lambda: not cluster.client.run_on_scheduler(
        lambda dask_scheduler: list(dask_scheduler.tasks)), 30, "the scheduler to drop the run")


def test_an_address_where_no_scheduler_answers_is_a_clear_error(tmp_path, capsys):
    from cxwidgets.cli import main

    assert main(["run", "--segment", "Students", "--cluster", "tcp://127.0.0.1:9",
                 "-o", str(tmp_path)]) == 2
    assert ("cannot reach the Dask scheduler at tcp://127.0.0.1:9: nothing answers at "
            "127.0.0.1:9") in capsys.readouterr().err
    for wrong, message in (("scheduler-host", "is not a Dask scheduler address"),
                           (str(tmp_path / "x.json"), "is not a Dask scheduler file")):
        (tmp_path / "x.json").write_text("{}")
        with pytest.raises(ClusterError, match=message):
            connect(wrong)


def test_a_worker_with_another_cxwidgets_is_refused_before_anything_runs(cluster, evidence,
                                                                       tmp_path):
    site = tmp_path / "site" / "cxwidgets-9.9.dist-info"
    site.mkdir(parents=True)
    (site / "METADATA").write_text("Metadata-Version: 2.1\nName: cxwidgets\nVersion: 9.9\n")
    paths = [str(site.parent), *filter(None, os.environ.get("PYTHONPATH", "").split(os.pathsep))]
    joined = len(cluster.client.scheduler_info()["workers"]) + 1
    old = _start(["worker", cluster.address, "--name", "old", "--nthreads", "1", "--no-nanny",
                  "--local-directory", str(tmp_path / "scratch"), "--no-dashboard"],
                 tmp_path / "cwd", tmp_path / "old.log",
                 env=dict(os.environ, PYTHONPATH=os.pathsep.join(paths)))
    try:
        cluster.client.wait_for_workers(joined, timeout=180)
        mine = importlib.metadata.version("cxwidgets")
        with pytest.raises(ClusterError, match=rf"tcp://[\d.:]+ has cxwidgets 9\.9, this "
                                               rf"computer {re.escape(mine)}.*Install the same"):
            run_batch([Job("Students")], Inputs(evidence, SAMPLE_WORKSHOP), tmp_path / "bank",
                      cluster=cluster.address)
        assert list((tmp_path / "bank").iterdir()) == []
    finally:
        os.killpg(old.pid, signal.SIGKILL)
        old.wait(timeout=30)
