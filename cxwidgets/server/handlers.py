"""The server's side of the lobby: HTTP in front of Voila's app pages.

* `GatedAppHandler` replaces Voila's page handler for the apps. A request whose ticket
  (a cookie, or `cx_pass` in the query) has been admitted gets the app: the page rendered
  for that ticket before, with its kernel, when there is one (a reload costs no kernel),
  or a new rendering, whose text is kept for next time. Any other request gets the lobby
  page: a few kilobytes, no kernel.
* `/cx/lobby` (POST) hands the lobby page its ticket, `/cx/lobby/<ticket>` (GET, held
  until something changes) tells it its place in line; `/cx/page/<kernel>` tells an app
  page what the server knows of it, and takes its signs of life and its goodbye (which
  keeps the kernel a little while for a reload, instead of shutting it down).
* `/cx/room` gives the figures (tickets by stage, kernels started and alive) to this
  machine only, for the benchmarks and tests.

The decisions are the lobby's (`cxwidgets.server.lobby`); this module only translates.
"""

from __future__ import annotations

import asyncio
import contextlib
import hashlib
import json
import re
from typing import Any
from urllib.parse import parse_qsl, urlencode

from jupyter_core.utils import ensure_async
from tornado import web
from tornado.iostream import StreamClosedError
from voila.tornado.handler import TornadoVoilaHandler

from cxwidgets.server.lobby import Lobby, LobbyFull, Stage, Ticket
from cxwidgets.server.words import page_language, page_words, said

#: The notebooks served through the lobby (the apps folder holds only these).
APPS = ("participant.ipynb", "facilitator.ipynb", "validate.ipynb")
PASS = "cx_pass"
KERNEL_ID = re.compile(r'"kernelId":\s*"([0-9a-f-]{36})"')
#: Seconds a lobby page's question is held open when nothing changes.
HOLD_S = 20.0
#: A ticket cookie outlives a workshop day.
COOKIE_DAYS = 1
LOOPBACK = ("127.0.0.1", "::1")


def page_key(app: str, query: str) -> str:
    """The page a ticket is for: the app and its query, in a canonical order, without
    the pass itself."""
    pairs = sorted((k, v) for k, v in parse_qsl(query, keep_blank_values=True) if k != PASS)
    return f"{app}?{urlencode(pairs)}"


def cookie_name(key: str) -> str:
    return "cx-" + hashlib.sha256(key.encode()).hexdigest()[:16]


def is_facilitator(app: str, query: str) -> bool:
    """The facilitator's own link (it carries the workshop and its key): first in line."""
    names = {k for k, _ in parse_qsl(query)}
    return app == "facilitator.ipynb" and {"workshop", "token"} <= names


class LobbyHandler(web.RequestHandler):
    """Shared by the lobby's small JSON routes."""

    @property
    def lobby(self) -> Lobby:
        lobby: Lobby = self.settings["cx_lobby"]
        return lobby

    def set_default_headers(self) -> None:
        self.set_header("Cache-Control", "no-store")
        self.set_header("X-Content-Type-Options", "nosniff")

    def reply(self, data: dict[str, Any], status: int = 200) -> None:
        self.set_status(status)
        self.set_header("Content-Type", "application/json")
        self.finish(json.dumps(data))

    def json_body(self) -> dict[str, Any]:
        if not self.request.headers.get("Content-Type", "").startswith("application/json"):
            raise web.HTTPError(415, "expected JSON")
        try:
            body = json.loads(self.request.body or b"{}")
        except ValueError:
            raise web.HTTPError(400, "not JSON") from None
        if not isinstance(body, dict):
            raise web.HTTPError(400, "expected an object")
        return body

    def status_of(self, ticket: Ticket) -> dict[str, Any]:
        return {**self.lobby.status(ticket), "ticket": ticket.id}


class EnterHandler(LobbyHandler):
    """POST /cx/lobby {"app": ..., "query": ...}: this browser's ticket for that page."""

    def post(self) -> None:
        body = self.json_body()
        app, query = str(body.get("app", "")), str(body.get("query", ""))[:2000]
        if app not in APPS:
            raise web.HTTPError(404, "no such app")
        key = page_key(app, query)
        name = cookie_name(key)
        held = body.get("ticket") or self.get_cookie(name)
        try:
            ticket = self.lobby.enter(key, app, self.request.remote_ip or "",
                                      str(held) if held else None,
                                      priority=is_facilitator(app, query))
        except LobbyFull as full:
            reason = said(page_language(query), full.word, **full.values)
            self.reply({"stage": "refused", "failure": reason, "retry_s": 5}, 429)
            return
        self.set_cookie(name, ticket.id, path=self.settings.get("cx_render_path", "/"),
                        expires_days=COOKIE_DAYS, httponly=True, samesite="Lax")
        self.reply(self.status_of(ticket))


class StatusHandler(LobbyHandler):
    """GET /cx/lobby/<ticket>?version=N: the ticket's stage and place, answered as soon as
    anything changes (or after HOLD_S)."""

    async def get(self, ticket_id: str) -> None:
        ticket = self.lobby.find(ticket_id)
        if ticket is None:
            self.reply({"stage": "unknown"}, 404)
            return
        self.lobby.alive(ticket)
        try:
            known = int(self.get_argument("version", "-1"))
        except ValueError:
            known = -1
        if known == self.lobby.version and ticket.stage is Stage.QUEUED:
            changes: Changes = self.settings["cx_changes"]
            await changes.wait(HOLD_S)
            ticket = self.lobby.find(ticket_id) or ticket
        self.reply(self.status_of(ticket))


class PageStateHandler(LobbyHandler):
    """GET /cx/page/<kernel>: what the server knows of this page's kernel."""

    def get(self, kernel_id: str) -> None:
        ticket = self.lobby.by_kernel(kernel_id)
        alive = kernel_id in self.settings["kernel_manager"]
        if ticket is not None:
            self.lobby.alive(ticket)
        self.reply({"kernel": "alive" if alive else "gone",
                    "connected": bool(ticket and ticket.connections),
                    "stage": ticket.stage.value if ticket else None})


class PageEventHandler(LobbyHandler):
    """POST /cx/page/<kernel>/<what>: `alive` (still loading), `leave` (closing or
    reloading: the kernel waits a little for it) or `replace` (the kernel never answered:
    this page gets a new one, a few times at most)."""

    async def post(self, kernel_id: str, what: str) -> None:
        ticket = self.lobby.by_kernel(kernel_id)
        if ticket is None:
            self.reply({"kernel": "unknown"}, 404)
            return
        if what == "alive":
            self.lobby.alive(ticket)
        elif what == "leave":
            self.lobby.said_goodbye(kernel_id)
        elif what == "replace" and ticket.opens < 3:
            manager = self.settings["kernel_manager"]
            with contextlib.suppress(KeyError):
                await ensure_async(manager.shutdown_kernel(kernel_id))
            self.lobby.kernel_gone(kernel_id)
        self.reply({"ok": True})


class RoomHandler(LobbyHandler):
    """GET /cx/room: the lobby's and the kernels' figures, for this machine only."""

    def get(self) -> None:
        if self.request.remote_ip not in LOOPBACK:
            raise web.HTTPError(403)
        manager = self.settings["kernel_manager"]
        stats = self.lobby.stats()
        figures: dict[str, Any] = getattr(manager, "figures", dict)()
        self.reply({"lobby": stats.__dict__, "kernels": figures})


class GatedAppHandler(TornadoVoilaHandler):
    """Voila's page handler behind the lobby (see the module docstring)."""

    #: The language of the page asked for (its link's `lang`).
    language: str = "en"

    @web.authenticated
    async def get(self, path: str | None = None) -> None:
        app = (path or "").rsplit("/", 1)[-1]
        self.speak(page_language(self.request.query))
        lobby: Lobby | None = self.settings.get("cx_lobby")
        if lobby is None or app not in APPS:
            await super().get(path)
            return
        key = page_key(app, self.request.query)
        ticket = lobby.find(self.get_argument(PASS, None) or self.get_cookie(cookie_name(key)))
        if ticket is None or ticket.key != key or not lobby.may_open(ticket):
            self.lobby_page(app)
            return
        self.no_cache()
        if ticket.stage is Stage.OPENING:  # the same person's other tab is opening it
            await self.settings["cx_changes"].until(lambda: ticket.stage is not Stage.OPENING,
                                                    300)
        manager = self.kernel_manager
        if lobby.reusable(ticket) and ticket.kernel_id in manager:
            lobby.reopened(ticket)
            self.finish(ticket.page)
            return
        if ticket.kernel_id and ticket.kernel_id in manager:  # an incomplete page
            with contextlib.suppress(KeyError):
                await ensure_async(manager.shutdown_kernel(ticket.kernel_id))
        await self.render_for(lobby, ticket, path)

    async def render_for(self, lobby: Lobby, ticket: Ticket, path: str | None) -> None:
        """Voila renders the page (handing out or starting a kernel); every piece goes to
        the browser as it comes and into the ticket, so the page can be served again. If
        the browser goes away meanwhile the rendering is finished all the same."""
        lobby.opening(ticket)
        pieces: list[str] = []
        listening = True
        try:
            async for html in self.get_generator(path=path):
                pieces.append(html)
                if ticket.kernel_id is None and (found := KERNEL_ID.search(html)):
                    lobby.bind(ticket, found.group(1))
                listening = listening and self.send(html)
        except Exception as exc:  # the kernel could not start, or the stream broke
            self.log.error("Could not open %s for a visitor: %s", path, exc)
            reason = said(self.language, "The server could not open this page ({reason}).",
                          reason=(str(exc).splitlines() or [type(exc).__name__])[0][:200])
            lobby.failed(ticket, reason)
            if listening:
                self.send(failed_note(reason))
            return
        page = "".join(pieces)
        lobby.opened(ticket, page if "voila_finish" in page and ticket.kernel_id else None)

    def speak(self, code: str) -> None:
        """The page speaks `code`: its template is handed its language and its words
        (`cxLanguage`, `cxWords` in the page's configuration), after any hook of Voila's."""
        self.language = code
        hook: Any = getattr(self, "page_config_hook", None)

        def with_language(page_config: dict[str, Any], **kwargs: Any) -> dict[str, Any]:
            if hook:
                page_config = hook(page_config, **kwargs)
            return {**page_config, "cxLanguage": code, "cxWords": page_words(code)}

        self.page_config_hook = with_language

    def send(self, html: str) -> bool:
        """Write a piece to the browser without waiting for it (a slow reader must not
        hold the rendering up); False once the browser has gone."""
        try:
            self.write(html)
            self.flush().add_done_callback(_retrieved)
        except (StreamClosedError, RuntimeError):
            return False
        return True

    def no_cache(self) -> None:
        self.set_header("Content-Type", "text/html")
        self.set_header("Cache-Control", "no-cache, no-store, must-revalidate")

    def lobby_page(self, app: str) -> None:
        self.no_cache()
        self.finish(self.render_template("lobby.html", app=app, lang=self.language,
                                         words=page_words(self.language),
                                         lobby_url=self.base_url + "cx/lobby",
                                         page_url=self.base_url + "cx/page"))


def _retrieved(future: Any) -> None:
    """A write to a browser that has gone fails; that is expected, not an error."""
    future.exception()


def failed_note(reason: str) -> str:
    """What ends a page whose opening failed: the page says why and tries again."""
    said = json.dumps(reason).replace("<", "\\u003c")
    return f"<script>window.cxOpenFailed && window.cxOpenFailed({said});</script>"


class Changes:
    """Wakes the requests that wait for the lobby to change (one event, renewed)."""

    def __init__(self) -> None:
        self._event = asyncio.Event()

    def changed(self) -> None:
        self._event.set()
        self._event = asyncio.Event()

    async def wait(self, timeout: float) -> None:
        with contextlib.suppress(TimeoutError):
            await asyncio.wait_for(self._event.wait(), timeout)

    async def until(self, test: Any, timeout: float) -> None:
        loop = asyncio.get_running_loop()
        deadline = loop.time() + timeout
        while not test() and loop.time() < deadline:
            await self.wait(min(5.0, deadline - loop.time()))


def handlers(base_url: str) -> list[tuple[str, type, dict[str, Any]] | tuple[str, type]]:
    """The lobby's routes, ahead of Voila's."""
    return [
        (base_url + r"cx/lobby", EnterHandler),
        (base_url + r"cx/lobby/([A-Za-z0-9_-]{8,64})", StatusHandler),
        (base_url + r"cx/page/([0-9a-f-]{36})", PageStateHandler),
        (base_url + r"cx/page/([0-9a-f-]{36})/(alive|leave|replace)", PageEventHandler),
        (base_url + r"cx/room", RoomHandler),
    ]
