"""The kit's kernel manager on its own, with real kernels: a kernel still starting is
never culled, and the server's figures count what was started for which app."""

from __future__ import annotations

import asyncio
import json
import sys
from pathlib import Path

from jupyter_client.kernelspec import KernelSpecManager

from cxwidgets.server.kernels import APP_ENV, RoomKernelManager
from cxwidgets.server.lobby import Lobby
from cxwidgets.testing import run_async

#: A Python kernel that takes three quiet seconds to start (a machine that is busy).
SLOW_START = """
import os, sys, time
time.sleep(3)
os.execv(sys.executable, [sys.executable, "-m", "ipykernel_launcher", *sys.argv[1:]])
"""


def slow_kernels(folder: Path) -> KernelSpecManager:
    spec = folder / "kernels" / "slowpy"
    spec.mkdir(parents=True)
    (spec / "start.py").write_text(SLOW_START)
    (spec / "kernel.json").write_text(json.dumps({
        "argv": [sys.executable, str(spec / "start.py"), "-f", "{connection_file}"],
        "display_name": "Slow Python", "language": "python"}))
    return KernelSpecManager(kernel_dirs=[str(folder / "kernels")])


async def start_and_cull_meanwhile(specs: KernelSpecManager) -> tuple[bool, dict, list[str]]:
    # culled once idle for a second: a kernel quiet for longer than that while it starts
    # looks idle to Jupyter's rule
    manager = RoomKernelManager(cull_idle_timeout=1, cull_interval=1, kernel_spec_manager=specs)
    manager.lobby = Lobby()
    starting = asyncio.ensure_future(manager.start_kernel(
        kernel_name="slowpy", env={APP_ENV: "participant.ipynb"}))
    started_alive: list[bool] = []  # looked at the moment the start is over
    starting.add_done_callback(lambda task: started_alive.append(task.result() in manager))
    culled: list[str] = []
    while not starting.done():
        for kernel_id in list(manager._starting):
            await asyncio.sleep(1.5)
            if kernel_id in manager._starting:  # quiet for 1.5 s, and still starting
                await manager.cull_kernel_if_idle(kernel_id)
                if kernel_id not in manager:
                    culled.append(kernel_id)
        await asyncio.sleep(0.05)
    await starting
    alive = started_alive == [True]
    figures = manager.figures()
    await manager.shutdown_all()
    return alive, figures, culled


def test_a_kernel_still_starting_is_never_culled(tmp_path):
    alive, figures, culled = run_async(start_and_cull_meanwhile(slow_kernels(tmp_path)))
    assert alive and not culled
    assert figures["started"] == {"participant.ipynb": 1} and figures["starting"] == 0
