"""`cxwidgets lab`: JupyterLab on the kit's notebooks, for the facilitator's own machine.

A facilitator who steps through the workshop live in JupyterLab gets:

* copies of the kit's notebooks in a working folder of their own (the packaged originals
  stay untouched; a copy the facilitator changed is kept, never overwritten);
* the store set for every notebook ($CXWIDGETS_DB), so the facilitator notebook opens the
  right workshop with no editing;
* JupyterLab's pop-up about Jupyter news switched off (it covers the notebook on the
  projector), through a page config of the kit's own on the Jupyter config path: the
  facilitator's own JupyterLab settings are not touched;
* `--allow-root` when run as root (JupyterLab refuses to start otherwise);
* a log without warnings the facilitator cannot act on: the copies are signed as trusted
  (the kit wrote them; JupyterLab warned "not trusted" on every opening), kernels talk
  over IPC sockets (no "TCP without encryption" warning from each), and Voila's server
  extension, which JupyterLab would load for nothing here, is not loaded (it made Jupyter
  print a deprecation warning of its own on every start), and a warning about Jupyter's
  own ping settings is left out (`cxwidgets.server.quiet`);
* the participants' link and its QR code on the facilitator's page, when a
  `cxwidgets serve` for the same store is running: `cxwidgets serve` leaves a note of
  where it listens (`announce`), which the facilitator app reads (`served_link`).

This module starts nothing itself except through `exec_lab`, and imports JupyterLab only
in the process it replaces.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import sys
import urllib.request
from dataclasses import dataclass
from pathlib import Path

from cxwidgets.resources import NOTEBOOKS, user_data_dir, with_short_runtime_dir
from cxwidgets.serve import urls
from cxwidgets.store.backend import to_url, where

#: The notebooks copied into the working folder; the facilitator's opens first.
LAB_NOTEBOOKS = ("facilitator.ipynb", "segment_report.ipynb")
#: JupyterLab's plugin that asks about, then shows, Jupyter news.
NEWS_PLUGIN = "@jupyterlab/apputils-extension:announcements"
#: Where in the working folder the kit keeps its JupyterLab page config.
CONFIG_DIR = ".cxwidgets-lab"


def default_folder() -> Path:
    """The working folder when none is given: `notebooks` in the kit's data folder."""
    return user_data_dir() / "notebooks"


@dataclass(frozen=True)
class Prepared:
    folder: Path
    copied: tuple[str, ...]
    kept: tuple[str, ...]


def prepare(folder: Path) -> Prepared:
    """Copy the kit's notebooks into `folder` (made if needed, each copy signed as
    trusted) and write the kit's Jupyter config: the news pop-up off, Voila's server
    extension not loaded. A notebook already there is kept as it is."""
    folder.mkdir(parents=True, exist_ok=True)
    copied, kept = [], []
    for name in LAB_NOTEBOOKS:
        target = folder / name
        if target.exists():
            kept.append(name)
            continue
        shutil.copyfile(NOTEBOOKS / name, target)
        _trust(target)
        copied.append(name)
    labconfig = folder / CONFIG_DIR / "labconfig"
    labconfig.mkdir(parents=True, exist_ok=True)
    (labconfig / "page_config.json").write_text(
        json.dumps({"disabledExtensions": {NEWS_PLUGIN: True}}, indent=1) + "\n",
        encoding="utf-8")
    # the workshop's apps are served by `cxwidgets serve`, not through JupyterLab
    (folder / CONFIG_DIR / "jupyter_server_config.json").write_text(
        json.dumps({"ServerApp": {"jpserver_extensions": {"voila.server_extension": False}}},
                   indent=1) + "\n", encoding="utf-8")
    return Prepared(folder, tuple(copied), tuple(kept))


def _trust(notebook: Path) -> None:
    """Sign a copy of the kit's notebook as trusted, as `jupyter trust` would: its saved
    outputs are the kit's, and JupyterLab otherwise warns on every opening."""
    import nbformat  # heavy: nbformat, only when `_trust` runs
    from nbformat.sign import NotebookNotary  # heavy: nbformat, only when `_trust` runs

    NotebookNotary().sign(nbformat.read(notebook, as_version=4))



def lab_command(folder: Path, port: int, host: str = "127.0.0.1",
                open_browser: bool = True) -> list[str]:
    """The JupyterLab command line: the working folder, the facilitator notebook first."""
    cmd = [sys.executable, "-m", "cxwidgets.lab", f"--ServerApp.root_dir={folder}",
           f"--ServerApp.port={port}", f"--ServerApp.ip={host}",
           "--ServerApp.port_retries=0", "--LabApp.default_url=/lab/tree/facilitator.ipynb",
           "--KernelManager.transport=ipc"]
    if not open_browser:
        cmd.append("--no-browser")
    if hasattr(os, "geteuid") and os.geteuid() == 0:
        cmd.append("--allow-root")  # JupyterLab refuses root otherwise
    return cmd


def lab_env(folder: Path, db: str | Path) -> dict[str, str]:
    """This environment, plus the store and the kit's page config on the config path."""
    # lazy: jupyter_core; the participant's kernel imports this module
    from jupyter_core.paths import jupyter_config_path

    env = dict(os.environ)
    env["CXWIDGETS_DB"] = str(db)
    paths = [str(folder / CONFIG_DIR), *jupyter_config_path()]
    env["JUPYTER_CONFIG_PATH"] = os.pathsep.join(dict.fromkeys(paths))
    return with_short_runtime_dir(env)


def exec_lab(folder: Path, db: str | Path, port: int, host: str = "127.0.0.1",
             open_browser: bool = True) -> None:
    """Replace this process with JupyterLab on `folder`."""
    cmd = lab_command(folder, port, host, open_browser)
    env = lab_env(folder, db)
    sys.stdout.flush()
    os.execve(cmd[0], cmd, env)


# -- where a workshop server for a store is listening ------------------------------------

def _note(store: str) -> Path:
    """The note a running `cxwidgets serve` leaves for `store` (its readable name)."""
    digest = hashlib.sha256(store.encode("utf-8")).hexdigest()[:16]
    return user_data_dir() / "servers" / f"{digest}.json"


def announce(store: str, host: str, port: int) -> Path:
    """Note that this process serves `store` at host:port (this process becomes Voila,
    keeping its id, so the note is true for as long as the id is alive)."""
    note = _note(store)
    note.parent.mkdir(parents=True, exist_ok=True)
    note.write_text(json.dumps({"store": store, "host": host, "port": port,
                                "pid": os.getpid()}), encoding="utf-8")
    return note


def running_server(store: str) -> tuple[str, int] | None:
    """(host, port) of a `cxwidgets serve` running for `store`, if one answers."""
    try:
        found = json.loads(_note(store).read_text(encoding="utf-8"))
        host, port, pid = str(found["host"]), int(found["port"]), int(found["pid"])
    except (OSError, ValueError, KeyError, TypeError):
        return None
    if found.get("store") != store or not _alive(pid):
        return None
    try:
        with urllib.request.urlopen(f"http://{host}:{port}/", timeout=2):
            return host, port
    except OSError:
        return None


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True  # someone else's process: it exists
    return True


def served_link(store: str, join_code: str) -> str | None:
    """The participants' link to a workshop, when its store is being served."""
    found = running_server(store)
    return None if found is None else urls(found[0], found[1], join_code, "", "").participant


def store_name(db: str | Path) -> str:
    """One name per store, however it was given (relative path, URL): the key of the note."""
    return where(to_url(db))


def main() -> None:
    """JupyterLab, with the log lines a facilitator cannot act on left out
    (`cxwidgets.server.quiet`): what `exec_lab` runs, as `python -m cxwidgets.lab`."""
    from jupyterlab.labapp import main as jupyterlab  # heavy: JupyterLab, only when `main` runs

    # lazy: keeps the participant's kernel from loading cxwidgets.server.quiet and 1 more
    from cxwidgets.server.quiet import quieten

    quieten()
    jupyterlab()


if __name__ == "__main__":
    main()
