"""The kernel manager `cxwidgets serve` gives Voila: kernels that follow their pages and
warm pools that follow the room.

Voila's own rules, and why the kit changes them:

* Jupyter's idle culling counts every message a kernel sends as activity. In a busy room
  each participant's kernel sends widget updates whenever anyone adds something, so a
  kernel whose page has gone (a closed laptop, a phone out of battery) never looks idle
  and lived 30-36 minutes. Here a kernel is kept while its page is there and shut down
  once its page has been silent for `page_gone_timeout` seconds, however busy the room.
  The page's heartbeat is its websocket: the server pings it every sixth of the limit and
  drops a connection whose pongs have stopped for a third of it (a browser answers pings
  for as long as the page is open, even in a background tab), so a page that vanished
  without a word is disconnected within half the limit; a kernel left with no page for the
  rest of it is shut down. A page that comes back in time (a network blip, a phone
  unlocked) reconnects to its kernel as before.
  A kernel that never had a page (one kept warm, or one whose page never loaded) keeps
  Jupyter's idle rule; Voila already protects the kernels waiting in its pool.
* Voila keeps a fixed number of kernels warm per notebook and refills the pool one
  arrival at a time, so a room arriving together queues behind kernel start-ups. With
  `room_size` set, the participants' pool holds as many kernels as the room still needs
  (the expected room less the participants already seated), never fewer than the usual
  warm pool: the server warms the whole room before it arrives, and once everyone is in,
  only the usual few are kept for latecomers and reloads. Voila reads a notebook's pool
  size from `kernel_pools_config` each time it refills, so that mapping is made live.
  The facilitator's notebook gets a pool of `facilitator_pool` (one kernel), so the
  facilitator's page opens without waiting for a kernel to start.
* Kernels started side by side used to collide on TCP ports ("Address already in use")
  and to fight for the CPU. Here at most `starting_at_once` kernels start at a time (a
  start lasts until the kernel answers), over IPC sockets named after the kernel (see
  `cxwidgets.serve`), so no port is ever shared; a kernel that fails to start is tried
  once more, then the failure is reported. A kernel still starting is never culled.
* The lobby (`cxwidgets.server.lobby`) is told when a page connects to its kernel, goes
  away, and when a kernel ends, so a person's ticket always knows its kernel.

Nothing here touches the store or the apps: it only decides how many kernels exist.
"""

from __future__ import annotations

import asyncio
import contextlib
import time
from collections import Counter
from collections.abc import Mapping
from typing import Any

from jupyter_core.utils import ensure_async
from jupyter_server.services.kernels.kernelmanager import AsyncMappingKernelManager
from traitlets import Float, Int, Unicode

from cxwidgets.server.lobby import Lobby

PARTICIPANT_NOTEBOOK = "participant.ipynb"
FACILITATOR_NOTEBOOK = "facilitator.ipynb"
CUSTOMER_NOTEBOOK = "validate.ipynb"
#: Seconds tornado waits for a silent peer to answer the closing of its websocket.
CLOSE_WAIT_S = 5.0
#: Names the notebook a pooled kernel is started for (Voila's pools do not say).
APP_ENV = "CXWIDGETS_APP"
#: Seconds a starting kernel may take to answer before the start counts as failed.
READY_WAIT_S = 90.0


class RoomPools(dict[str, dict[str, Any]]):
    """Voila's `kernel_pools_config` (notebook -> {"pool_size", ...}), answered live: the
    participants' pool size follows how many of the expected room are not seated yet.
    A dict, because that is what Voila's setting holds; Voila reads it with `get`."""

    def __init__(self, manager: RoomKernelManager, fixed: Mapping[str, dict[str, Any]]) -> None:
        super().__init__(fixed)
        self.manager = manager

    def __getitem__(self, name: str) -> dict[str, Any]:
        config = dict(super().__getitem__(name))
        config["kernel_env_variables"] = {**config.get("kernel_env_variables", {}),
                                          APP_ENV: name}
        if name == self.manager.participant_notebook:
            config["pool_size"] = self.manager.participant_pool_size()
        return config

    def get(self, name: str, default: Any = None) -> Any:
        if name not in self:
            return default
        return self[name]  # the live size, which dict.get would skip

    def usual(self, name: str) -> int:
        """The pool size set for `name` (or the default), before the room is counted."""
        fixed = dict.get(self, name) or dict.get(self, "default") or {}
        return int(fixed.get("pool_size", 0))


class RoomKernelManager(AsyncMappingKernelManager):
    """Jupyter's kernel manager with the page-gone rule and a pool sized by the room."""

    page_gone_timeout = Float(120.0, config=True, help=(
        "Seconds from a page's last sign of life (its websocket closed, or stopped "
        "answering pings) until its kernel is shut down, however busy the room is. A "
        "kernel whose page is connected and answering is never shut down."))
    room_size = Int(0, config=True, help=(
        "Participants expected: the participants' warm pool holds as many kernels as "
        "are not seated yet (never fewer than the usual pool). 0 keeps the usual pool."))
    participant_notebook = Unicode(PARTICIPANT_NOTEBOOK, config=True, help=(
        "The notebook whose pool follows the room."))
    facilitator_pool = Int(1, config=True, help=(
        "Kernels kept warm for the facilitator's notebook (when kernels are pre-heated)."))
    starting_at_once = Int(2, config=True, help=(
        "Kernels started at the same time; the others wait their turn."))

    #: The server's lobby, when the pages come through one (set by the server app).
    lobby: Lobby | None = None

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        #: kernel id -> when its last page went away (monotonic seconds)
        self._gone_since: dict[str, float] = {}
        #: kernels that have had a page
        self._had_page: set[str] = set()
        #: shutdowns of restarted kernels under way
        self._closing: set[asyncio.Future[None]] = set()
        #: kernel id -> the notebook it was started for; kernels started per notebook
        self._app_of: dict[str, str] = {}
        self._started: Counter[str] = Counter()
        self._start_failures = 0
        self._start_retries = 0
        self._restarts = 0
        self._starting: set[str] = set()
        self._start_gate: asyncio.Semaphore | None = None
        pools = getattr(self, "kernel_pools_config", None)  # there when Voila pre-heats
        if pools is not None and not isinstance(pools, RoomPools):
            fixed = dict(pools)
            default = dict(fixed.get("default", {}))
            fixed.setdefault(self.participant_notebook, default)
            fixed.setdefault(FACILITATOR_NOTEBOOK, {**default,
                                                    "pool_size": self.facilitator_pool})
            # customers answer a round over days, one at a time: no kernel waits for them
            fixed.setdefault(CUSTOMER_NOTEBOOK, {**default, "pool_size": 0})
            self.kernel_pools_config = RoomPools(self, fixed)
        self._ping_pages()

    def _ping_pages(self) -> None:
        """Have the server ping every page's websocket (see the module docstring).

        Voila builds its web application after this manager, from `Voila.tornado_settings`;
        settings given there explicitly are kept."""
        app = self.parent
        if app is not None and app.has_trait("tornado_settings"):
            # Jupyter's own pinging reads these (milliseconds) and drops a page whose pongs
            # stopped for `ws_ping_timeout`: with the timeout no longer than the interval
            # it dropped healthy pages at its first check, before any ping had been sent.
            ms = 1000 * self.page_gone_timeout
            app.tornado_settings = {"ws_ping_interval": int(ms / 6),
                                    "ws_ping_timeout": int(ms / 3), **app.tornado_settings}

    @property
    def disconnected_limit(self) -> float:
        """Seconds a kernel may stay without a page: what the limit leaves once the pings
        have found a silent page, its websocket is closed and a culling round comes."""
        return max(0.0, self.page_gone_timeout / 2 - CLOSE_WAIT_S - self.cull_interval)

    @property
    def pools(self) -> RoomPools | None:
        pools = getattr(self, "kernel_pools_config", None)
        return pools if isinstance(pools, RoomPools) else None

    # -- the pool ------------------------------------------------------------------

    def participant_pool_size(self) -> int:
        """How many participant kernels to keep warm now."""
        pools = self.pools
        usual = pools.usual(self.participant_notebook) if pools is not None else 0
        if self.room_size <= 0:
            return usual
        return max(usual, self.room_size - self.seated())

    def warm(self, notebook: str) -> int:
        """Kernels of `notebook` ready in the pool now (started and the app run)."""
        return sum(1 for task in getattr(self, "_pools", {}).get(notebook, [])
                   if task.done() and not task.cancelled() and task.exception() is None)

    def seated(self) -> int:
        """Participant kernels handed to a page (started for the notebook, not pooled)."""
        notebook = self.participant_notebook
        started = getattr(self, "notebook_data", {}).get(notebook, {}).get("kernel_ids", ())
        pooled = set()
        for task in getattr(self, "_pools", {}).get(notebook, []):
            if task.done() and not task.cancelled() and task.exception() is None:
                pooled.add(task.result()["kernel_id"])
        return len(set(started) - pooled)

    # -- pages coming and going ----------------------------------------------------

    def notify_connect(self, kernel_id: str) -> None:
        super().notify_connect(kernel_id)
        self._had_page.add(kernel_id)
        self._gone_since.pop(kernel_id, None)
        if self.lobby is not None:
            self.lobby.connected(kernel_id)

    def notify_disconnect(self, kernel_id: str) -> None:
        super().notify_disconnect(kernel_id)
        if not self._kernel_connections.get(kernel_id, 0):
            self._gone_since[kernel_id] = time.monotonic()
        if self.lobby is not None:
            self.lobby.disconnected(kernel_id)

    def page_gone_for(self, kernel_id: str) -> float | None:
        """Seconds since the kernel's last page went away; None while one is there, or
        if it never had one."""
        since = self._gone_since.get(kernel_id)
        if since is None or self._kernel_connections.get(kernel_id, 0):
            return None
        return time.monotonic() - since

    async def cull_kernel_if_idle(self, kernel_id: str) -> None:
        if kernel_id in self._starting:
            return  # never a kernel that is starting
        if kernel_id not in self._had_page:
            await super().cull_kernel_if_idle(kernel_id)  # never had a page: idle rule
            return
        gone = self.page_gone_for(kernel_id)
        if gone is not None and gone > self.disconnected_limit:
            self.log.warning("Culling kernel %s: its page has been gone for %d seconds.",
                             kernel_id, gone)
            await self.shutdown_kernel(kernel_id)

    # -- starting, one by one ----------------------------------------------------------

    async def start_kernel(  # type: ignore[override]  # jupyter_client types it as sync
            self, *args: Any, **kwargs: Any) -> str:
        """Start a kernel when a start slot is free and wait until it answers; a start
        that fails is tried once more before the failure is passed on."""
        if self._start_gate is None:
            self._start_gate = asyncio.Semaphore(max(1, self.starting_at_once))
        env = kwargs.get("env") or {}
        app = env.get(APP_ENV) or str(env.get("SCRIPT_NAME", "")).rsplit("/", 1)[-1] or "?"
        async with self._start_gate:
            for attempt in (1, 2):
                try:
                    kernel_id = await self._start_and_wait(app, *args, **kwargs)
                    break
                except Exception as exc:
                    if attempt == 2:
                        self._start_failures += 1
                        self.log.error("A kernel for %s could not start, twice: %s", app, exc)
                        raise
                    self._start_retries += 1
                    self.log.warning("A kernel for %s failed to start (%s); trying once more.",
                                     app, exc)
        self._started[app] += 1
        self.get_kernel(kernel_id).add_restart_callback(
            lambda: self._restarted(kernel_id), "restart")
        return kernel_id

    async def _start_and_wait(self, app: str, *args: Any, **kwargs: Any) -> str:
        kernel_id: str = await ensure_async(super().start_kernel(*args, **kwargs))
        self._starting.add(kernel_id)
        self._app_of[kernel_id] = app
        try:
            client = self.get_kernel(kernel_id).client()
            client.start_channels()
            try:
                await ensure_async(client.wait_for_ready(timeout=READY_WAIT_S))
            finally:
                client.stop_channels()
        except BaseException:
            self._starting.discard(kernel_id)
            self._app_of.pop(kernel_id, None)
            with contextlib.suppress(Exception):
                await ensure_async(super().shutdown_kernel(kernel_id, now=True))
            raise
        self._starting.discard(kernel_id)
        return kernel_id

    def figures(self) -> dict[str, Any]:
        """Kernels started (per notebook, since the server started) and alive now."""
        alive = Counter(self._app_of.get(k, "?") for k in self.list_kernel_ids())
        return {"started": dict(self._started), "alive": dict(alive),
                "alive_total": len(self.list_kernel_ids()),
                "start_failures": self._start_failures, "start_retries": self._start_retries,
                "restarts": self._restarts,
                "starting": len(self._starting)}

    # -- a kernel that died ----------------------------------------------------------

    def _restarted(self, kernel_id: str) -> None:
        """Jupyter restarts a kernel that died (killed, out of memory), but the page it
        served has lost its widgets: clicks would go nowhere. Such a kernel is shut down
        instead, so the page finds its kernel gone and offers to open again (the
        participant is recognised and nothing saved is lost). Kernels that never had a
        page (waiting in a pool) are left to Voila."""
        self._restarts += 1
        if kernel_id not in self._had_page:
            return
        self.log.warning("Kernel %s died and was restarted without its page's widgets; "
                         "shutting it down so its page opens again.", kernel_id)
        task = asyncio.ensure_future(self._shut_down_restarted(kernel_id))
        self._closing.add(task)  # kept until done (the loop holds tasks weakly)
        task.add_done_callback(self._closing.discard)

    async def _shut_down_restarted(self, kernel_id: str) -> None:
        """Shut the restarted kernel down once its restart is over (a kernel cannot be
        shut down half-way through starting)."""
        try:
            ready = self.get_kernel(kernel_id).ready
            for _ in range(300):
                if ready.done():
                    break
                await asyncio.sleep(0.1)
            await self.shutdown_kernel(kernel_id)
        except KeyError:  # gone already
            return
        except Exception:
            self.log.exception("Could not shut down the restarted kernel %s", kernel_id)

    async def shutdown_kernel(  # type: ignore[override]  # jupyter_client types it as sync
            self, kernel_id: str, *args: Any, **kwargs: Any) -> None:
        self._gone_since.pop(kernel_id, None)
        self._had_page.discard(kernel_id)
        self._app_of.pop(kernel_id, None)
        if self.lobby is not None:
            self.lobby.kernel_gone(kernel_id)
        await ensure_async(super().shutdown_kernel(kernel_id, *args, **kwargs))
