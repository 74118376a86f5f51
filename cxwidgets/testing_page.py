"""A light page: a Voila page without a browser, for the room bench and hostile tests.

It asks the server for what a first-time browser asks for and speaks the same messages,
so the server and the kernel do the same work for it as for a Chromium page:

* GET the app's link, which answers with the lobby page; ask the lobby for a ticket
  (POST /cx/lobby), wait for its turn (GET /cx/lobby/<ticket>, held until something
  changes) and note every place in line it is told; then GET the app's page with the
  ticket (Voila runs the notebook while it streams it, or serves this ticket's page
  again), then the scripts and style sheets the page names and the entry points of the
  page's extensions;
* open the kernel's websocket (`/api/kernels/<id>/channels`, the kernel id is in the
  page's `jupyter-config-data`) in the binary framing browsers use (Jupyter's
  `v1.kernel.websocket.jupyter.org`), ask for the kernel's info, and load every widget's state
  the way ipywidgets 8 does (a `jupyter.widget.control` comm, `request_states`);
* report what the browser-side `BrowserMemory` reports (nothing kept in this browser);
* follow every widget the kernel opens, updates or closes (`comm_open`, `comm_msg`,
  `comm_close` on iopub), as the page does;
* type (an `update` of a widget's `value`) and click (a `custom` message
  `{"event": "click"}` to a Button) like a person;
* answer a chart's new spec as `JupyterChart`'s script does once it has drawn it.

It draws nothing: the browser's own rendering time is the one thing it leaves out.
Widgets are found by the CSS classes the kit gives them (`_dom_classes`). A slow page
(`latency` seconds) gets every asset and every kernel message that much later, and its
own messages reach the kernel that much later, as on a congested network.

Used by the room bench and by the tests that act as a hostile page, never by the apps.
(Jupyter's older JSON framing, used when no subprotocol is
asked for, is not what browsers use, and a large reply, such as the facilitator's widget
states, never arrived through it.)
"""

from __future__ import annotations

import ast
import asyncio
import contextlib
import datetime as dt
import json
import re
import time
import uuid
from collections.abc import Callable
from typing import Any

from jupyter_server.services.kernels.connection.base import (
    deserialize_msg_from_ws_v1,
    serialize_msg_to_ws_v1,
)
from tornado.httpclient import AsyncHTTPClient, HTTPRequest
from tornado.websocket import WebSocketClientConnection, websocket_connect

CONFIG = re.compile(r'<script id="jupyter-config-data" type="application/json">(.*?)</script>',
                    re.S)
ASSET = re.compile(r'(?:src|href)="(/voila/[^"]+)"')
#: The websocket protocol JupyterLab's services (and so Voila's pages) speak.
PROTOCOL = "v1.kernel.websocket.jupyter.org"
#: What `BrowserMemory` reports when the browser holds nothing under its key.
NOTHING = "\x00"
#: What marks the lobby page (an app's link before its turn).
LOBBY = 'id="cx-lobby"'


class PageError(RuntimeError):
    """The page could not be opened or did not show what a person needs."""


def pack(message: dict[str, Any], channel: str) -> bytes:
    """A message in the websocket framing browsers use (Jupyter's v1 protocol)."""
    parts = [json.dumps(message[key]).encode() for key in
             ("header", "parent_header", "metadata", "content")]
    framed: bytes = serialize_msg_to_ws_v1(parts, channel)
    return framed


def unpack(frame: bytes) -> dict[str, Any]:
    """One websocket frame as a message with its channel and buffers."""
    channel, parts = deserialize_msg_from_ws_v1(frame)
    header, parent, metadata, content = (json.loads(p) for p in parts[:4])
    return {"channel": channel, "header": header, "parent_header": parent,
            "metadata": metadata, "content": content, "buffers": parts[4:]}


class LightPage:
    """One participant's page: its kernel connection and the widgets it shows."""

    def __init__(self, base_url: str, latency: float = 0.0) -> None:
        self.base_url = base_url.rstrip("/")
        self.latency = latency
        self.ticket = ""
        self.places: list[int] = []  # places in line it was told, in order
        self.session = uuid.uuid4().hex
        self.kernel_id = ""
        self.models: dict[str, dict[str, Any]] = {}  # comm id -> {"name", "state"}
        self.changed = asyncio.Event()
        self.ws: WebSocketClientConnection | None = None
        self.reader: asyncio.Task[None] | None = None
        self.received = 0  # messages, for the report
        self.errors: list[str] = []  # messages that could not be read
        self.replies: dict[str, asyncio.Future[dict[str, Any]]] = {}
        #: called with each chart spec the kernel sends, as it arrives (the room bench
        #: notes when each participant's map first showed an entry)
        self.on_spec: Callable[[dict[str, Any]], None] | None = None

    # -- opening -------------------------------------------------------------------

    async def open(self, path: str, timeout: float = 600.0) -> None:
        """Load the page and its widgets, as a first-time browser does (or as a reload
        does, when this page already holds a ticket)."""
        deadline = time.monotonic() + timeout
        if not self.ticket:
            page = await self._fetch(path, timeout)
            if LOBBY in page:
                await self._wait_turn(path, deadline)
        if self.ticket:
            sep = "&" if "?" in path else "?"
            page = await self._fetch(f"{path}{sep}cx_pass={self.ticket}", timeout)
        found = CONFIG.search(page)
        if not found:
            raise PageError("the page came back without a kernel (blank page)")
        config = json.loads(found.group(1))
        self.kernel_id = config["kernelId"]
        await asyncio.gather(*(self._get(url) for url in assets(page, config)))
        ws_url = (self.base_url.replace("http", "ws", 1)
                  + f"/api/kernels/{self.kernel_id}/channels?session_id={self.session}")
        self.ws = await websocket_connect(ws_url, max_message_size=64 * 1024 * 1024,
                                          subprotocols=[PROTOCOL])
        self.reader = asyncio.ensure_future(self._read())
        await self.request("shell", "kernel_info_request", {}, timeout)
        await self._load_states(timeout)

    async def _fetch(self, path: str, timeout: float) -> str:
        await self._late()
        response = await AsyncHTTPClient().fetch(HTTPRequest(
            self.base_url + path, request_timeout=timeout, connect_timeout=timeout))
        return str(response.body.decode())

    async def _wait_turn(self, path: str, deadline: float) -> None:
        """Ask the lobby for a ticket and wait for its turn, as the lobby page does."""
        app, _, query = path.rsplit("/", 1)[-1].partition("?")
        answer: dict[str, Any] = {"stage": "refused", "retry_s": 0}
        while True:
            if time.monotonic() > deadline:
                raise PageError(f"still waiting in the lobby: {answer}")
            if answer["stage"] == "refused":
                await asyncio.sleep(answer.get("retry_s", 2))
                answer = await self._lobby("POST", "/cx/lobby", {
                    "app": app, "query": query, "ticket": self.ticket or None})
            elif answer["stage"] == "queued":
                self.places.append(answer["position"])
                answer = await self._lobby(
                    "GET", f"/cx/lobby/{answer['ticket']}?version={answer['version']}")
            elif answer["stage"] == "failed":
                raise PageError(f"the lobby says: {answer.get('failure')}")
            else:
                return
            self.ticket = answer.get("ticket", self.ticket)

    async def _lobby(self, method: str, path: str,
                     body: dict[str, Any] | None = None) -> dict[str, Any]:
        await self._late()
        request = HTTPRequest(self.base_url + path, method=method, request_timeout=120,
                              body=None if body is None else json.dumps(body),
                              headers={"Content-Type": "application/json"})
        response = await AsyncHTTPClient().fetch(request, raise_error=False)
        if response.code not in (200, 429):
            raise PageError(f"the lobby answered {response.code}")
        answer: dict[str, Any] = json.loads(response.body)
        return answer

    async def _late(self) -> None:
        if self.latency:
            await asyncio.sleep(self.latency)

    async def _get(self, url: str) -> None:
        await self._late()
        # a missing asset is the page's problem, not the bench's
        with contextlib.suppress(Exception):
            await AsyncHTTPClient().fetch(self.base_url + url, request_timeout=120)

    async def _load_states(self, timeout: float) -> None:
        control = uuid.uuid4().hex
        self.send("shell", "comm_open", {"comm_id": control,
                                         "target_name": "jupyter.widget.control", "data": {}},
                  metadata={"version": "1.0.0"})
        reply = await self.request("shell", "comm_msg", {
            "comm_id": control, "data": {"method": "request_states"}}, timeout,
            wait_for=("comm_msg", control))
        for comm_id, model in reply["content"]["data"]["states"].items():
            self.models[comm_id] = {"name": model["model_name"], "state": model["state"]}
        self.send("shell", "comm_close", {"comm_id": control, "data": {}})
        memory = self.find("BrowserMemory", by="name")
        if memory:
            self.set(memory, loaded=NOTHING)
        self.changed.set()

    # -- messages ------------------------------------------------------------------

    def send(self, channel: str, msg_type: str, content: dict[str, Any],
             metadata: dict[str, Any] | None = None) -> str:
        msg_id = uuid.uuid4().hex
        message = {
            "header": {"msg_id": msg_id, "msg_type": msg_type, "username": "participant",
                       "session": self.session, "version": "5.4",
                       "date": dt.datetime.now(dt.UTC).isoformat()},
            "parent_header": {}, "metadata": metadata or {}, "content": content,
        }
        if self.ws is None:
            raise PageError("the page is not connected to its kernel")
        frame = pack(message, channel)
        if self.latency:
            asyncio.get_running_loop().call_later(self.latency, self._write, self.ws, frame)
        else:
            self.ws.write_message(frame, binary=True)
        return msg_id

    @staticmethod
    def _write(ws: WebSocketClientConnection, frame: bytes) -> None:
        with contextlib.suppress(Exception):  # the page was closed meanwhile
            ws.write_message(frame, binary=True)

    async def request(self, channel: str, msg_type: str, content: dict[str, Any],
                      timeout: float, wait_for: tuple[str, str] | None = None
                      ) -> dict[str, Any]:
        """Send a message and wait for its answer (a reply, or a comm message back)."""
        key = f"{wait_for[0]}:{wait_for[1]}" if wait_for else ""
        future: asyncio.Future[dict[str, Any]] = asyncio.get_running_loop().create_future()
        if key:
            self.replies[key] = future
        msg_id = self.send(channel, msg_type, content)
        if not key:
            self.replies[msg_id] = future
        return await asyncio.wait_for(future, timeout)

    async def _read(self) -> None:
        assert self.ws is not None
        arriving: asyncio.Queue[tuple[float, bytes | None]] = asyncio.Queue()
        handler = asyncio.ensure_future(self._handle_in_turn(arriving))
        try:
            while True:
                frame = await self.ws.read_message()
                if isinstance(frame, str):  # the v1 protocol frames every message as bytes
                    frame = frame.encode()
                arriving.put_nowait((time.monotonic() + self.latency, frame))
                if frame is None:
                    break
            await handler
        finally:
            handler.cancel()

    async def _handle_in_turn(self, arriving: asyncio.Queue[tuple[float, bytes | None]]
                              ) -> None:
        """Each message is handled when it 'arrives' (latency after it came), in order."""
        while True:
            due, frame = await arriving.get()
            if due > time.monotonic():
                await asyncio.sleep(due - time.monotonic())
            if frame is None:
                return
            self.received += 1
            try:
                self.handle(unpack(frame))
            except Exception as exc:  # a message we cannot read must not stop the page
                self.errors.append(f"{type(exc).__name__}: {exc}")

    def handle(self, message: dict[str, Any]) -> None:
        kind = message["header"]["msg_type"]
        content = message.get("content", {})
        parent = message.get("parent_header", {}).get("msg_id", "")
        if parent in self.replies and kind.endswith("_reply"):
            self.replies.pop(parent).set_result(message)
            return
        comm = content.get("comm_id", "")
        if kind == "comm_open":
            data = content.get("data", {})
            self.models[comm] = {"name": data.get("state", {}).get("_model_name", ""),
                                 "state": data.get("state", {})}
        elif kind == "comm_msg":
            waiting = self.replies.pop(f"comm_msg:{comm}", None)
            if waiting is not None:
                waiting.set_result(message)
                return
            data = content.get("data", {})
            if data.get("method") in ("update", "echo_update") and comm in self.models:
                self.models[comm]["state"].update(data.get("state", {}))
                if "spec" in data.get("state", {}):
                    if self.on_spec is not None:
                        self.on_spec(data["state"]["spec"])
                    self._drew(comm)
        elif kind == "comm_close":
            self.models.pop(comm, None)
        else:
            return
        self.changed.set()

    def _drew(self, comm_id: str) -> None:
        """Answer a new chart spec as `JupyterChart`'s script does once it has drawn it:
        with the chart's selections, none made (this page draws in no time)."""
        selections = self.models[comm_id]["state"].get("_vl_selections")
        if isinstance(selections, dict) and selections:
            self.set(comm_id, _vl_selections={name: {"value": {}, "store": []}
                                              for name in selections})

    # -- what a person sees and does -----------------------------------------------

    def find(self, key: str, by: str = "class") -> str | None:
        """The widget with CSS class `key` (or model name, with by="name"), if shown."""
        for comm_id, model in self.models.items():
            state = model["state"]
            if (key in state.get("_dom_classes", ()) if by == "class"
                    else model["name"] == key):
                return comm_id
        return None

    def value(self, comm_id: str, trait: str = "value") -> Any:
        return self.models.get(comm_id, {}).get("state", {}).get(trait)

    async def wait_for(self, key: str, timeout: float, by: str = "class") -> str:
        """Until a widget with CSS class `key` exists; its comm id."""
        deadline = time.monotonic() + timeout
        while (found := self.find(key, by)) is None:
            left = deadline - time.monotonic()
            if left <= 0:
                raise PageError(f"no {key} on the page after {timeout:.0f} s")
            self.changed.clear()
            try:
                await asyncio.wait_for(self.changed.wait(), left)
            except TimeoutError:
                continue
        return found

    async def wait_until(self, test: Callable[[], object], timeout: float, what: str) -> None:
        deadline = time.monotonic() + timeout
        while not test():
            left = deadline - time.monotonic()
            if left <= 0:
                raise PageError(f"{what} did not happen within {timeout:.0f} s")
            self.changed.clear()
            try:
                await asyncio.wait_for(self.changed.wait(), left)
            except TimeoutError:
                continue

    def set(self, comm_id: str, **state: Any) -> None:
        """What the page sends when a person types in (or picks) a widget."""
        self.models[comm_id]["state"].update(state)
        self.send("shell", "comm_msg", {"comm_id": comm_id, "data": {
            "method": "update", "state": state, "buffer_paths": []}})

    def click(self, comm_id: str) -> None:
        self.send("shell", "comm_msg", {"comm_id": comm_id, "data": {
            "method": "custom", "content": {"event": "click"}}})

    async def close(self, goodbye: bool = True) -> None:
        """Leave the page: with `goodbye` as a browser does (the server gives the kernel
        back unless the page comes back soon)."""
        if goodbye and self.kernel_id:
            with contextlib.suppress(Exception):  # the server may already be going down
                await AsyncHTTPClient().fetch(
                    f"{self.base_url}/cx/page/{self.kernel_id}/leave", method="POST",
                    body="{}", headers={"Content-Type": "application/json"},
                    request_timeout=30)
        if self.ws is not None:
            self.ws.close()
        if self.reader is not None:
            self.reader.cancel()


def assets(page: str, config: dict[str, Any]) -> list[str]:
    """Scripts and style sheets a browser fetches for the page, and the entry points of its
    extensions (each loads more chunks; those are left out)."""
    urls = list(dict.fromkeys(ASSET.findall(page)))
    extensions = config.get("federated_extensions", [])
    if isinstance(extensions, str):  # Voila writes the list as Python's repr

        extensions = ast.literal_eval(extensions)
    base = config.get("fullLabextensionsUrl", "/voila/labextensions")
    for ext in extensions:
        load = str(ext.get("load", "")).removeprefix("./")
        if load:
            urls.append(f"{base}/{ext['name']}/{load}")
    return urls
