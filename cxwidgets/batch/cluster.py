"""The bank on a Dask cluster the team already runs: `cxwidgets run --cluster ADDRESS`.

The client connects to the scheduler, checks that the workers have cxwidgets (the same
version) and Papermill, scatters the inputs once as bytes (`Bundle`, copied to every
worker), and submits one task per report. Each task writes the inputs once into its
worker's own scratch folder, runs the report there (`make_report`) and returns the files as
bytes; the client writes the bank. Nothing is shared by disk.

Who is to blame decides what is rerun. A report that fails on its own data returns a failed
outcome instead of raising, so Dask never retries it (no `retries`): it fails once, with
the cell. A worker that dies (killed, out of memory, machine lost) is the cluster's
problem: the scheduler reruns its reports on other workers, and gives up on a report once
more workers died running it than `distributed.scheduler.allowed-failures` allows (3 by
default); the report then fails with that reason. Ctrl-C on the client sets a Dask `Event`
that every running report watches (it kills its kernel) and cancels those not started yet.
"""

from __future__ import annotations

import importlib.metadata
import json
import logging
import shutil
import socket
import tempfile
import threading
import time
import uuid
from collections import Counter
from collections.abc import Iterator, Sequence
from concurrent.futures import CancelledError
from pathlib import Path
from types import TracebackType
from typing import TYPE_CHECKING

from cxwidgets.batch.execute import make_report
from cxwidgets.batch.inputs import Bundle, Inputs, Sources
from cxwidgets.batch.jobs import Job
from cxwidgets.batch.results import FAILED, Outcome

if TYPE_CHECKING:
    from distributed import Client, Future
from cxwidgets.exceptions import ClusterError

log = logging.getLogger(__name__)
#: Every report logs one event under this topic when it starts, so the client can tell
#: which reports were started again after a worker died.
TOPIC = "cxwidgets-report-started"
CONNECT_TIMEOUT_S = 30
#: What a worker needs installed besides Dask itself.
NEEDED = ("cxwidgets", "papermill")


def connect(address: str, timeout: float = CONNECT_TIMEOUT_S) -> Client:
    """A Dask client for the scheduler at `address` (or named in a scheduler file)."""
    from distributed import Client  # heavy: dask.distributed, only when `connect` runs

    scheduler = _address(address)
    _probe(scheduler, address, timeout)
    try:
        return Client(scheduler, timeout=timeout, set_as_default=False)
    except (OSError, TimeoutError, ValueError) as exc:
        raise ClusterError(f"cannot reach the Dask scheduler at {address}: {exc}") from None


def _address(given: str) -> str:
    """The scheduler's address: as given, or read from a scheduler file."""
    path = Path(given)
    if not path.is_file():
        return given
    try:
        found = json.loads(path.read_text(encoding="utf-8")).get("address")
    except (OSError, ValueError, AttributeError):
        found = None
    if not isinstance(found, str):
        raise ClusterError(f"{given} is not a Dask scheduler file: it names no address")
    return found


def _probe(scheduler: str, given: str, timeout: float) -> None:
    """Fail fast, in plain words, when nothing listens at the address (Dask's own client
    would retry until its timeout and then linger)."""
    # heavy: dask.distributed, only when `_probe` runs
    from distributed.comm.addressing import get_address_host_port

    try:
        host, port = get_address_host_port(scheduler)
    except ValueError as exc:
        raise ClusterError(f"{given} is not a Dask scheduler address ({exc}); give one like "
                           "tcp://scheduler-host:8786 or a scheduler file") from None
    try:
        socket.create_connection((host, port), timeout=timeout).close()
    except OSError as exc:
        raise ClusterError(f"cannot reach the Dask scheduler at {given}: nothing answers at "
                           f"{host}:{port} ({exc.strerror or exc})") from None


def check_workers(client: Client) -> None:
    """Refuse a cluster whose workers lack cxwidgets or Papermill, or run another version
    of cxwidgets than this computer (the bank would mix reports made by different code)."""
    problems = []
    for package in NEEDED:
        mine = importlib.metadata.version(package)
        found = client.run(importlib.metadata.version, package, on_error="return")
        for worker, version in sorted(found.items()):
            if isinstance(version, BaseException):
                problems.append(f"{worker} does not have {package} installed")
            elif package == "cxwidgets" and version != mine:
                problems.append(f"{worker} has cxwidgets {version}, this computer {mine}")
    if problems:
        raise ClusterError("the cluster's workers cannot make the reports: "
                           + "; ".join(problems) + ". Install the same cxwidgets on every "
                           "worker (pip install cxwidgets) and try again")


class ClusterRunner:
    """Run reports on the Dask cluster at `address`; use as a context manager."""

    def __init__(self, address: str, inputs: Inputs, output_dir: Path) -> None:
        self.address = address
        self.inputs = inputs
        self.output_dir = output_dir
        self.run_id = uuid.uuid4().hex[:10]
        self._starts: Counter[str] = Counter()
        self._lock = threading.Lock()
        self._futures: dict[Future[Outcome], Job] = {}

    def __enter__(self) -> ClusterRunner:
        from distributed import Event  # heavy: dask.distributed, only when `__enter__` runs

        self.client = connect(self.address)
        try:
            check_workers(self.client)
            if not self.client.scheduler_info()["workers"]:
                log.warning("The Dask cluster at %s has no workers yet: the reports start "
                            "when workers join.", self.address)
            self.client.subscribe_topic(TOPIC, self._started)
        except BaseException:
            self.client.close()
            raise
        self._stop = Event(f"cxwidgets-stop-{self.run_id}", client=self.client)
        return self

    def _started(self, event: tuple[float, dict[str, str]]) -> None:
        _, msg = event
        if isinstance(msg, dict) and msg.get("run") == self.run_id:
            with self._lock:
                self._starts[msg["job"]] += 1

    def starts(self, job: Job) -> int:
        with self._lock:
            return self._starts.get(job.name, 0)

    def run(self, jobs: Sequence[Job]) -> Iterator[tuple[Outcome, int]]:
        """Each job's outcome as it finishes, with how many times it was started."""
        from distributed import as_completed  # heavy: dask.distributed, only when `run` runs

        bundle = self.client.scatter(self.inputs.bundle(), broadcast=True, hash=False)
        stop_name = self._stop.name
        for job in jobs:
            future = self.client.submit(
                _cluster_report, job, bundle, self.inputs.sources(self.output_dir / job.name),
                self.run_id, stop_name, key=f"cxwidgets-report-{job.name}-{self.run_id}",
                pure=False)
            self._futures[future] = job
        for future in as_completed(list(self._futures), loop=self.client.loop):
            job = self._futures.pop(future)  # let the cluster forget the report's bytes
            outcome = _outcome(future, job)
            del future
            yield outcome, max(1, self.starts(job))

    def __exit__(self, kind: type[BaseException] | None, exc: BaseException | None,
                 tb: TracebackType | None) -> None:
        try:
            if kind is not None and self._futures:
                self._stop.set()  # running reports kill their kernels
                self.client.cancel(list(self._futures))  # the others never start
                time.sleep(1.0)  # let every running report see the stop before it goes
                self._stop.clear()
        finally:
            self.client.unsubscribe_topic(TOPIC)
            self.client.close()


def _outcome(future: Future[Outcome], job: Job) -> Outcome:
    """The report's outcome, or a failed one that says plainly why the cluster lost it."""
    # heavy: dask.distributed, only when `_outcome` runs
    from distributed.scheduler import KilledWorker

    try:
        return future.result()
    except KilledWorker as exc:
        return Outcome(job, FAILED, 0.0,
                       f"the cluster gave up on this report: {exc.allowed_failures + 1} "
                       "workers stopped while making it (out of memory?); last on "
                       f"{exc.last_worker.address}")
    except CancelledError:
        return Outcome(job, FAILED, 0.0, "the cluster dropped this report before it was made "
                                         "(the scheduler restarted, or every worker holding "
                                         "the inputs stopped); run again to make it")
    except Exception as exc:
        return Outcome(job, FAILED, 0.0,
                       f"a worker could not make this report: {type(exc).__name__}: {exc}")


def _cluster_report(job: Job, bundle: Bundle, published: Sources, run_id: str,
                    stop_name: str) -> Outcome:
    """The task each Dask worker runs: the inputs from the scattered bundle, the report in
    a scratch folder of the worker's own, the outputs back as bytes."""
    # heavy: dask.distributed, only when `_cluster_report` runs
    from distributed import Event, get_client, get_worker

    worker = get_worker()
    worker.log_event(TOPIC, {"run": run_id, "job": job.name, "worker": worker.address})
    root = Path(worker.local_directory) / "cxwidgets"
    root.mkdir(parents=True, exist_ok=True)
    notebook, evidence, workshop = bundle.materialise(root)
    scratch = Path(tempfile.mkdtemp(prefix=f"{job.name}-", dir=root))
    try:
        here = Sources(notebook, evidence, workshop, scratch / "out")
        where = f"{worker.address} ({socket.gethostname()})"
        stop = Event(stop_name, client=get_client())  # bound here: the watcher is a thread
        return make_report(job, here, published, stop, where)
    finally:
        shutil.rmtree(scratch, ignore_errors=True)
