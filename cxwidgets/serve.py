"""Start Voila on the kit's apps: what `cxwidgets serve` and `make run` do.

Builds one Voila command line and the URLs a facilitator hands out. The server

* listens on loopback only unless told otherwise, strips sources and shows no tracebacks;
* serves `templates/apps/`, a folder that links only the three apps (participant,
  facilitator, and the customers' app of a validation round), so no other notebook (the
  segment report) can be opened from a browser;
* renders them with the kit's own Voila template, `templates/voila/templates/cxwidgets`,
  which loads nothing from the internet, fits a phone, and makes Voila's kernel shutdown
  on leaving a page work. Voila finds templates in the Jupyter data path, so the command
  runs with `templates/` appended to `JUPYTER_PATH` (after every usual entry, so Voila's
  own data, such as its themes, still comes from the environment);
* puts a lobby in front of the apps (`cxwidgets.server`): a page request gets a kernel
  only in its turn, at most `admit_at_once` pages open at a time, and a person's page
  that opens again gets its own kernel back instead of another;
* listens on exactly the port it was given: a port already taken is refused before
  anything starts (`check_port`), and Voila is told not to move to another one, so the
  links and QR codes printed for that port are the server's;
* starts kernels over IPC sockets named after each kernel, so kernels started side by
  side never collide on a TCP port;
* keeps a kernel exactly as long as its page is there: `cxwidgets.server.kernels` shuts down a
  kernel whose page has been gone (closed without a word, a phone switched off, a killed
  browser) for `Settings.page_gone`, however busy the room, and never one whose page is
  connected. Kernels that never had a page are reclaimed once idle for `cull_idle`;
* keeps kernels warm: `preheat` per notebook, one for the facilitator, and with
  `room_size` as many participant kernels as the expected room still needs.
"""

from __future__ import annotations

import errno
import os
import socket
import sys
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlencode

from cxwidgets.exceptions import CxError
from cxwidgets.resources import APPS, TEMPLATES, with_short_runtime_dir
from cxwidgets.settings import Settings

TEMPLATE = "cxwidgets"
#: The only notebooks a browser can open (links in templates/apps to notebooks/).
APP_NAMES = ("participant.ipynb", "facilitator.ipynb", "validate.ipynb")
#: The tunables' defaults (page-gone limit, culling, warm kernels: see cxwidgets.settings).
DEFAULTS = Settings()
#: Shown to a visitor, after "There was an error when executing cell [n].", in place of
#: Voila's advice to restart the server with tracebacks.
ERROR_ADVICE = "Please reload the page; if it happens again, tell your facilitator."
# Pre-heated kernels (`Settings.preheat`) cut the time to the first widget by seconds. A
# pre-heated kernel runs its notebook before anyone asks for it, so the apps wait for
# their request before reading the link (apps.query_params). The facilitator's notebook
# gets a pool of one (`cxwidgets.server.kernels`); `--room-size` grows the participants' pool.
#: Seconds the server waits for an app's output once its cell has run. Jupyter's 4 s is
#: short on a loaded machine: outputs arriving later were dropped, and the page came out
#: blank ("Timeout waiting for IOPub output"). Waiting longer costs nothing when all is well.
IOPUB_WAIT_S = 60
#: Seconds a kernel may take to start before the page gives up (Voila's default is 60): a
#: room arriving at once queues kernel start-ups, and a late page beats a failed one.
KERNEL_START_WAIT_S = 120
LOOPBACK = frozenset({"127.0.0.1", "localhost", "::1"})
ALL_INTERFACES = frozenset({"0.0.0.0", "::", ""})


@dataclass(frozen=True)
class Urls:
    participant: str
    facilitator: str


def urls(host: str, port: int, join_code: str, workshop_id: str, token: str,
         language: str = "en") -> Urls:
    """The participants' and the facilitator's links; both ask for the room's `language`
    (the page's loading words and the join form then speak it), unless that is English,
    the kit's own."""
    base = f"http://{host}:{port}/voila/render"
    lang = {"lang": language} if language not in ("", "en") else {}
    return Urls(
        participant=f"{base}/participant.ipynb?{urlencode({'code': join_code, **lang})}",
        facilitator=f"{base}/facilitator.ipynb?"
                    f"{urlencode({'workshop': workshop_id, 'token': token, **lang})}",
    )


def served_by_voila() -> bool:
    """True in a kernel Voila started for a web page (pre-heated or not)."""
    return (os.environ.get("SERVER_SOFTWARE", "").startswith("voila")
            or "VOILA_PREHEAT" in os.environ or "VOILA_REQUEST_URL" in os.environ)


def customer_url(host: str, port: int, workshop_id: str, round_code: str) -> str:
    """The link customers open to answer a validation round (no join code: it admits
    nobody to the room)."""
    return (f"http://{host}:{port}/voila/render/validate.ipynb?"
            f"{urlencode({'w': workshop_id, 'round': round_code})}")


def link_host(host: str) -> str:
    """The host to put in links: when Voila listens on every interface, this machine's
    address on its network (a phone cannot open 0.0.0.0)."""
    if host not in ALL_INTERFACES:
        return host
    return lan_address() or "127.0.0.1"


def lan_address() -> str | None:
    """The address this machine's outgoing traffic would leave from, or None offline.

    Connecting a UDP socket sends nothing: it only asks the kernel for a route (to a
    documentation-only address, RFC 5737).
    """
    with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as probe:
        try:
            probe.connect(("192.0.2.1", 9))
        except OSError:
            return None
        address = probe.getsockname()[0]
    return None if address.startswith("127.") or address == "0.0.0.0" else address


def _bind_error(host: str, port: int) -> OSError | None:
    """Why Voila could not listen on `host`:`port` now (None: it could): the same bind
    Voila makes (Tornado's `bind_sockets`: every address the host names, reusable)."""
    from tornado.netutil import bind_sockets  # heavy: tornado, only when `_bind_error` runs

    try:
        sockets = bind_sockets(port, "" if host in ALL_INTERFACES else host)
    except OSError as exc:
        return exc
    for s in sockets:
        s.close()
    return None


def port_taken(host: str, port: int) -> bool:
    """True when Voila could not listen on `host`:`port` now."""
    return _bind_error(host, port) is not None


def check_port(host: str, port: int) -> None:
    """Refuse a port Voila cannot listen on, naming a free one to use instead.

    Voila itself would quietly move to the next free port, and every link and QR code
    printed for the port asked for would lead to another server or to nothing; the kit
    tells Voila not to (`--Voila.port_retries=0`) and checks here first, so the refusal
    is one clear line before anything starts.
    """
    if not 0 < port < 65536:
        raise CxError(f"--port {port} is not a port: give a number from 1 to 65535")
    error = _bind_error(host, port)
    if error is None:
        return
    if isinstance(error, socket.gaierror) or error.errno == errno.EADDRNOTAVAIL:
        raise CxError(f"--host {host}: this computer has no such address ("
                      f"{error.strerror or error}); give one of its own addresses, or "
                      "0.0.0.0 for all of them")
    if error.errno != errno.EADDRINUSE:
        raise CxError(f"cannot listen on {host}:{port}: {error.strerror or error}")
    free = next((p for p in range(port + 1, min(port + 100, 65536))
                 if not port_taken(host, p)), None)
    instead = f" (port {free} is free: --port {free})" if free else ""
    raise CxError(f"port {port} on {host or 'every address'} is already in use, by another "
                  f"program or a workshop server that is still running: stop it, or serve "
                  f"on another port{instead}. Links printed for {port} would lead to "
                  "that other program, so nothing was started.")


def voila_command(port: int, host: str = "127.0.0.1", notebooks: Path = APPS,
                  preheat: int = 0, cull_idle_s: int = DEFAULTS.cull_idle,
                  cull_interval_s: int | None = None,
                  page_gone_s: float = DEFAULTS.page_gone, room_size: int = 0,
                  admit_at_once: int = DEFAULTS.admit_at_once,
                  page_return_s: float = DEFAULTS.page_return) -> list[str]:
    """The Voila command line; `preheat` > 0 keeps that many kernels ready per notebook
    (the participants' pool grows to the room still expected with `room_size`).

    Pre-heated kernels run a notebook before anyone asks for it, so a notebook served
    with them must call `voila.utils.wait_for_request()` before it reads $QUERY_STRING.
    A kernel whose page is gone is shut down within `page_gone_s` (see cxwidgets.server.kernels).
    """
    if cull_interval_s is None:  # often enough for the page-gone limit to hold
        cull_interval_s = int(min(DEFAULTS.cull_interval, max(1, page_gone_s // 12)))
    cmd = [
        sys.executable, "-m", "cxwidgets.server.app", str(notebooks),
        f"--port={port}", f"--Voila.ip={host}", "--no-browser",
        # never another port than the one the links were printed for (see check_port)
        "--Voila.port_retries=0",
        "--strip_sources=True", "--show_tracebacks=False",
        f"--template={TEMPLATE}",
        "--VoilaConfiguration.allow_template_override=NO",
        "--VoilaConfiguration.allow_theme_override=NO",
        f"--VoilaExecutor.cell_error_instruction={ERROR_ADVICE}",
        f"--VoilaExecutor.iopub_timeout={IOPUB_WAIT_S}",
        f"--VoilaExecutor.startup_timeout={KERNEL_START_WAIT_S}",
        "--VoilaConfiguration.multi_kernel_manager_class="
        "cxwidgets.server.kernels.RoomKernelManager",
        f"--RoomVoila.admit_at_once={max(1, admit_at_once)}",
        f"--RoomVoila.return_within={page_return_s}",
        "--KernelManager.transport=ipc",
        f"--RoomKernelManager.page_gone_timeout={page_gone_s}",
        f"--RoomKernelManager.room_size={max(0, room_size)}",
        f"--MappingKernelManager.cull_idle_timeout={cull_idle_s}",
        f"--MappingKernelManager.cull_interval={cull_interval_s}",
        "--MappingKernelManager.cull_connected=False",
    ]
    if preheat > 0:
        cmd += ["--preheat_kernel=True", f"--pool_size={preheat}"]
    return cmd


def voila_env() -> dict[str, str]:
    """This process's environment plus what Voila needs to find the kit's template: the
    whole current Jupyter data path, then templates/ (see the module docstring)."""
    # lazy: jupyter_core; the participant's kernel imports this module
    from jupyter_core.paths import jupyter_path

    env = dict(os.environ)
    data_path = jupyter_path()
    if str(TEMPLATES) not in data_path:
        env["JUPYTER_PATH"] = os.pathsep.join([*data_path, str(TEMPLATES)])
    return with_short_runtime_dir(env)


def serve_env(db: str | Path, host: str = "127.0.0.1") -> dict[str, str]:
    """Voila's environment under `cxwidgets serve`: the template path, and the store the
    kernels open (through $CXWIDGETS_DB)."""
    env = voila_env()
    env["CXWIDGETS_DB"] = str(db)
    # the host participants' links carry: the facilitator's page draws its QR code from it
    env["CXWIDGETS_LINK_HOST"] = link_host(host)
    # a pre-heated kernel asks the server for its visitor's request at this address
    env["VOILA_APP_IP"] = "127.0.0.1" if host in LOOPBACK | ALL_INTERFACES else host
    return env


def exec_voila(db: str | Path, port: int, host: str = "127.0.0.1",
               settings: Settings = DEFAULTS, room_size: int = 0) -> None:
    """Replace this process with Voila on the kit's apps; its kernels get `settings`."""
    env = {**serve_env(db, host), **settings.to_env()}
    interval = int(min(settings.cull_interval, max(1, settings.page_gone // 12)))
    cmd = voila_command(port, host, preheat=settings.preheat, cull_idle_s=settings.cull_idle,
                        cull_interval_s=interval, page_gone_s=settings.page_gone,
                        room_size=room_size, admit_at_once=settings.admit_at_once,
                        page_return_s=settings.page_return)
    sys.stdout.flush()
    os.execve(cmd[0], cmd, env)
