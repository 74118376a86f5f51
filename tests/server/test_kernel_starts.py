"""Kernels started safely, in a real `cxwidgets serve`: over IPC sockets (no TCP port to
collide on), a start that fails is tried once more, and one that fails twice is reported
to the page that waited for it, with the server still serving."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import psutil
import pytest

from cxwidgets.sample import create_sample
from cxwidgets.store import Store
from cxwidgets.testing import Visitor, free_port, kit_server_command, room_figures, voila_server

#: A kernel that fails to start the first `fails` times, then starts as usual.
FLAKY = """
import os, sys
count = os.path.join(os.path.dirname(__file__), "starts")
n = int(open(count).read()) if os.path.exists(count) else 0
open(count, "w").write(str(n + 1))
if n < {fails}:
    sys.exit(3)
os.execv(sys.executable, [sys.executable, "-m", "ipykernel_launcher", *sys.argv[1:]])
"""


def flaky_python(folder: Path, fails: int) -> dict[str, str]:
    """A Jupyter data folder whose `python3` kernel fails `fails` times; its environment."""
    spec = folder / "jupyter" / "kernels" / "python3"
    spec.mkdir(parents=True)
    script = spec / "flaky.py"
    script.write_text(FLAKY.format(fails=fails))
    (spec / "kernel.json").write_text(json.dumps({
        "argv": [sys.executable, str(script), "-f", "{connection_file}"],
        "display_name": "Python 3", "language": "python"}))
    return {"JUPYTER_PATH": str(folder / "jupyter")}


def serve(folder: Path, env: dict[str, str] | None = None, *extra: str):
    db = folder / "w.sqlite"
    with Store(db) as store:
        code = create_sample(store, db).join_code
    port = free_port()
    cmd = [*kit_server_command(db, port), "--preheat", "0", *extra]
    return voila_server(cmd, port, folder / "voila.log", env=env), code


def test_kernels_talk_over_ipc_sockets_not_tcp_ports(tmp_path):
    started, code = serve(tmp_path)
    with started as server:
        Visitor().open(f"{server.url}/voila/render/participant.ipynb?code={code}")
        kernels = [p for p in psutil.Process(server.process.pid).children(recursive=True)
                   if "ipykernel" in " ".join(p.cmdline())]
        assert kernels
        for kernel in kernels:
            connection = next(a for a in kernel.cmdline() if a.endswith(".json"))
            info = json.loads(Path(connection).read_text())
            assert info["transport"] == "ipc", info
            assert Path(info["ip"]).name.startswith("kernel-") and Path(info["ip"]).is_absolute()


def test_a_kernel_that_fails_to_start_is_tried_once_more(tmp_path):
    started, code = serve(tmp_path, flaky_python(tmp_path, fails=1))
    with started as server:
        status, page = Visitor().open(
            f"{server.url}/voila/render/participant.ipynb?code={code}")
        figures = room_figures(server.url)["kernels"]
        log = server.log.read_text()
    assert status == 200 and "widget-view+json" in page
    assert figures["start_retries"] == 1 and figures["start_failures"] == 0
    assert "failed to start" in log and "trying once more" in log


def test_a_kernel_that_fails_twice_is_reported_to_its_page_and_the_server_goes_on(tmp_path):
    started, code = serve(tmp_path, flaky_python(tmp_path, fails=2))
    with started as server:
        url = f"{server.url}/voila/render/participant.ipynb?code={code}"
        person = Visitor()
        with pytest.raises(RuntimeError, match="could not open this page"):
            person.open(url)
        # the failure is told to that page only; trying again opens it (the third start)
        status, page = person.open(url)
        figures = room_figures(server.url)["kernels"]
        log = server.log.read_text()
    assert status == 200 and "widget-view+json" in page
    assert figures["start_failures"] == 1 and figures["start_retries"] == 1
    assert "could not start, twice" in log
