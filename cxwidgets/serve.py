"""Start Voila on the kit's notebooks: what `cxwidgets serve` and `make run` do.

Builds one Voila command line (loopback only, sources stripped, no tracebacks shown to
visitors, idle kernels culled) and the URLs a facilitator hands out.
"""

from __future__ import annotations

import os
import sys
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlencode

NOTEBOOKS = Path(__file__).resolve().parent.parent / "notebooks"
#: A kernel left by a closed tab is reclaimed after this many idle seconds.
CULL_IDLE_S = 900


@dataclass(frozen=True)
class Urls:
    participant: str
    facilitator: str


def urls(host: str, port: int, join_code: str, workshop_id: str, token: str) -> Urls:
    base = f"http://{host}:{port}/voila/render"
    return Urls(
        participant=f"{base}/participant.ipynb?{urlencode({'code': join_code})}",
        facilitator=f"{base}/facilitator.ipynb?"
                    f"{urlencode({'workshop': workshop_id, 'token': token})}",
    )


def voila_command(port: int, host: str = "127.0.0.1",
                  notebooks: Path = NOTEBOOKS) -> list[str]:
    return [
        sys.executable, "-m", "voila", str(notebooks),
        f"--port={port}", f"--Voila.ip={host}", "--no-browser",
        "--strip_sources=True", "--show_tracebacks=False",
        f"--MappingKernelManager.cull_idle_timeout={CULL_IDLE_S}",
        "--MappingKernelManager.cull_interval=60",
    ]


def exec_voila(db: Path, port: int, host: str = "127.0.0.1") -> None:
    """Replace this process with Voila; kernels find the store through $CXWIDGETS_DB."""
    os.environ["CXWIDGETS_DB"] = str(db)
    cmd = voila_command(port, host)
    sys.stdout.flush()
    os.execv(cmd[0], cmd)
