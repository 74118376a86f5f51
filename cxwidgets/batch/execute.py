"""One segment report, made here: in this process, in a scratch folder, stoppable.

Both runners call `make_report`: in a local worker process, or in a thread of a Dask
worker on another machine. So it never changes the process's working folder (the kernel
starts in the scratch folder instead), keeps its Papermill log to its own thread, and can be
stopped from outside by killing its kernel: several reports can run side by side in the
threads of one Dask worker. It never raises for a report that fails on its data: the failure
(cell number and id) is part of the outcome. The executed notebook and log name the paths
the analyst knows (the bank's folder, the evidence folder on the client), not the scratch
folder of whichever machine made the report, so the notebook reruns as it is with Papermill.
"""

from __future__ import annotations

import logging
import os
import shutil
import signal
import tempfile
import threading
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any, Protocol

from cxwidgets.batch.inputs import Sources
from cxwidgets.batch.jobs import Job
from cxwidgets.batch.results import CANCELLED, FAILED, LOG, NOTEBOOK, OK, Outcome

TIMEOUT_S = 600
#: How long one wait for a stop may block before the watcher looks again.
STOP_POLL_S = 10.0


class Stop(Protocol):
    """Something that says when to give up: a flag file here, a Dask `Event` on a cluster."""

    def wait(self, timeout: float) -> bool: ...


def make_report(job: Job, here: Sources, published: Sources, stop: Stop | None = None,
                where: str = "") -> Outcome:
    """Run the report for `job` with the inputs at `here`, writing into `here.output_dir`
    (a scratch folder), and return every file it wrote as bytes."""
    import papermill as pm  # heavy: papermill, only when `make_report` runs

    out = here.output_dir
    out.mkdir(parents=True, exist_ok=True)
    handler = _log_to(out / LOG, job, where)
    kernels = _Kernels(out / LOG)
    if stop is not None:
        _watch(stop, kernels)
    started = time.monotonic()
    status, error = OK, ""
    try:
        pm.execute_notebook(
            str(here.notebook), str(out / NOTEBOOK), kernel_name="python3",
            execution_timeout=TIMEOUT_S, progress_bar=False, log_output=True,
            parameters=here.parameters(job), resources={"metadata": {"path": str(out.parent)}},
            kernel_manager_class=kernels.manager_class())
    except pm.PapermillExecutionError as exc:
        status = FAILED
        error = f"cell {exc.exec_count}{_cell_name(out / NOTEBOOK, exc.exec_count)}: " \
                f"{exc.ename}: {exc.evalue}"
    except Exception as exc:  # the kernel died or could not start, the notebook is unreadable
        status, error = FAILED, f"{type(exc).__name__}: {exc}"
    finally:
        kernels.finished.set()
        kernels.close()
        logging.getLogger("papermill").removeHandler(handler)
        handler.close()
    seconds = time.monotonic() - started
    if kernels.killed:
        return Outcome(job, CANCELLED, seconds, "stopped on request", where=where)
    _localise(job, here, published)
    return Outcome(job, status, seconds, error, _files(out), where)


def _log_to(path: Path, job: Job, where: str) -> logging.Handler:
    """Papermill's log of this report only: Papermill logs through one process-wide logger,
    so records from reports running in other threads are filtered out."""
    with path.open("w", encoding="utf-8") as head:
        head.write(f"Report for {job.segment} / {job.product}"
                   + (f", made on {where}" if where else "") + "\n")
    handler = logging.FileHandler(path, mode="a", encoding="utf-8")
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(message)s"))
    me = threading.get_ident()
    handler.addFilter(lambda record: record.thread == me)
    logger = logging.getLogger("papermill")
    logger.addHandler(handler)
    logger.setLevel(logging.INFO)
    return handler


class _Kernels:
    """The kernel Papermill starts for one report, so that a stop can kill it.

    Its kernel talks over IPC sockets in a short folder of its own, as the kernels of
    `cxwidgets serve` do: no TCP port to collide on with reports side by side, nothing in
    plain text on the network, and no warning from every kernel that it is. What the
    kernel itself prints goes to the report's log, not to the terminal where the reports
    made side by side would mix (a kernel interrupted as it is shut down, as Jupyter
    always does, logged an error there that nobody could act on)."""

    def __init__(self, log: Path) -> None:
        self.log = log
        self._lock = threading.Lock()
        self._managers: list[Any] = []
        self.killed = False
        self.finished = threading.Event()
        # a socket's path has at most about 100 characters: a short folder in /tmp
        self.sockets = tempfile.mkdtemp(prefix="cxk-")

    def manager_class(self) -> type:
        # heavy: jupyter_client, only when `manager_class` runs
        from jupyter_client.manager import AsyncKernelManager

        kernels = self

        class TrackedKernelManager(AsyncKernelManager):
            def __init__(self, **kwargs: Any) -> None:
                super().__init__(**kwargs)
                with kernels._lock:
                    self.transport = "ipc"
                    self.ip = os.path.join(kernels.sockets, f"k{len(kernels._managers)}")
                    kernels._managers.append(self)

            async def _async_launch_kernel(self, kernel_cmd: list[str], **kw: Any) -> None:
                with kernels.log.open("ab") as printed:  # the kernel keeps its own copy
                    kw.setdefault("stdout", printed)
                    kw.setdefault("stderr", printed)
                    await super()._async_launch_kernel(kernel_cmd, **kw)

        return TrackedKernelManager

    def close(self) -> None:
        shutil.rmtree(self.sockets, ignore_errors=True)

    def kill(self) -> None:
        """Kill every kernel started so far (the kernel leads its own process group)."""
        with self._lock:
            self.killed = True
            for km in self._managers:
                process = getattr(km.provisioner, "process", None)
                if process is None or process.poll() is not None:
                    continue
                try:
                    os.killpg(process.pid, signal.SIGKILL)
                except OSError:
                    process.kill()


def _watch(stop: Stop, kernels: _Kernels) -> None:
    """Kill the report's kernel as soon as `stop` says so; quietly end with the report."""

    def watch() -> None:
        while not kernels.finished.is_set():
            try:
                asked = stop.wait(STOP_POLL_S)
            except Exception:  # a lost connection to the scheduler is no reason to stop
                asked = False
                kernels.finished.wait(1.0)
            if asked:
                while not kernels.finished.is_set():  # the kernel may still be starting
                    kernels.kill()
                    kernels.finished.wait(0.5)

    threading.Thread(target=watch, name="cxwidgets-stop-watch", daemon=True).start()


def _cell_name(notebook: Path, count: int) -> str:
    """ " (validate)": the id of the cell that ran as number `count`, so the analyst knows
    where to look in the executed notebook."""
    import nbformat  # heavy: nbformat, only when `_cell_name` runs

    try:
        cells = nbformat.read(notebook, as_version=4).cells
    except (OSError, ValueError):
        return ""
    found = [c.id for c in cells if c.get("execution_count") == count]
    return f" ({found[0]})" if found else ""


def _localise(job: Job, here: Sources, published: Sources) -> None:
    """Name the analyst's paths instead of this machine's scratch paths in the executed
    notebook (parameters, Papermill's metadata, outputs) and in the log."""
    pairs = sorted(((str(getattr(here, f)), str(getattr(published, f)))
                    for f in ("output_dir", "evidence_dir", "workshop_file", "notebook")),
                   key=lambda pair: -len(pair[0]))
    pairs = [(a, b) for a, b in pairs if a != b]
    if not pairs:
        return

    def swap(text: str) -> str:
        for a, b in pairs:
            text = text.replace(a, b)
        return text

    log = here.output_dir / LOG
    log.write_text(swap(log.read_text(encoding="utf-8")), encoding="utf-8")
    notebook = here.output_dir / NOTEBOOK
    if notebook.is_file():
        _localise_notebook(notebook, published.parameters(job), str(published.notebook),
                           str(published.output_dir / NOTEBOOK), swap)


def _localise_notebook(path: Path, parameters: dict[str, str], input_path: str,
                       output_path: str, swap: Callable[[str], str]) -> None:
    import nbformat  # heavy: nbformat, only when `_localise_notebook` runs

    # heavy: papermill, only when `_localise_notebook` runs
    from papermill.translators import translate_parameters

    nb = nbformat.read(path, as_version=4)
    meta = nb.metadata.setdefault("papermill", {})
    meta.update(parameters=parameters, input_path=input_path, output_path=output_path)
    for cell in nb.cells:
        if "injected-parameters" in cell.metadata.get("tags", []):
            cell.source = translate_parameters("python3", "python", parameters, "Parameters")
        if cell.get("outputs"):
            cell.outputs = nbformat.from_dict(_swap_strings(cell.outputs, swap))
    nbformat.write(nb, path)


def _swap_strings(value: Any, swap: Callable[[str], str]) -> Any:
    if isinstance(value, str):
        return swap(value)
    if isinstance(value, list):
        return [_swap_strings(v, swap) for v in value]
    if isinstance(value, dict):
        return {k: _swap_strings(v, swap) for k, v in value.items()}
    return value


def _files(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes()
            for p in sorted(folder.rglob("*")) if p.is_file()}
