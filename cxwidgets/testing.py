"""Real components for the kit's own tests and benchmarks: Voila on a free port, Chromium.

Not used by the apps. It exists so tests and `bench/` start Voila and the browser the
same way (loopback only, Debian's Chromium through Playwright with the flags a root,
offline machine needs) instead of each keeping a copy.
"""

from __future__ import annotations

import asyncio
import datetime as dt
import http.cookiejar
import json
import os
import pty
import re
import select
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager, suppress
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit

from cxwidgets.method.model import Channel, Function, Medium, Persona, Stage, Touchpoint, Workshop

if TYPE_CHECKING:
    from playwright.sync_api import Page

#: Hostile text every test that shows typed text uses: markup that would run if shown as
#: HTML, a script that closes its own tag, and a URL that tries to break out of a link.
HOSTILE = "<img src=x onerror=alert(1)>"
SCRIPT = "<script>alert(2)</script>"
HOSTILE_SCRIPT = f"{HOSTILE}</script>{SCRIPT}"
HOSTILE_URL = 'http://h/?code="><script>alert(1)</script>&x=<b>'
#: What HOSTILE looks like once escaped: the text is there, as text.
HOSTILE_ESCAPED = "&lt;img src=x onerror=alert(1)&gt;"

CHROMIUM_ARGS = [
    "--no-sandbox", "--disable-gpu", "--disable-background-networking",
    "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic",
]


def run_async(coro: Any) -> Any:
    """Run a coroutine to its end in an event loop of its own, in a thread of its own.

    A test session that drives a browser with Playwright's sync API has an event loop
    running in its main thread for the rest of the session, where `asyncio.run` refuses
    to start; the store's change feed and a screen's poller are tested here instead.
    """
    with ThreadPoolExecutor(max_workers=1) as pool:
        return pool.submit(asyncio.run, coro).result()


class StoppedClock:
    """A clock that moves only when told to, for code that takes its clock as a callable
    (the store's limits, the lobby): seconds as `time.time` or `time.monotonic` give them,
    and the same moment as a datetime for screens."""

    def __init__(self, now: float = 1_800_000_000.0) -> None:
        self.now = now

    def __call__(self) -> float:
        return self.now

    def advance(self, seconds: float) -> None:
        self.now += seconds

    def as_time(self) -> Any:
        return dt.datetime.fromtimestamp(self.now, dt.UTC)


def in_ci() -> bool:
    """True on the kit's CI machines, where a missing component is an error, never a skip."""
    return os.environ.get("CI", "").lower() in {"1", "true", "yes"}


def soffice() -> str:
    """LibreOffice's command, for tests that open the kit's files in it; missing, it is a
    failure on CI and a skip elsewhere (`make libreoffice` installs Calc and Impress)."""
    import pytest  # test-only: pytest comes with the test dependencies, not with the kit

    found = shutil.which("soffice")
    if found is None:
        message = ("LibreOffice (soffice) is missing: `make libreoffice` installs it with "
                   "Calc and Impress")
        if in_ci():
            pytest.fail(message)
        pytest.skip(message)
    return found


def hears_ctrl_c() -> None:
    """`preexec_fn` for a child a test stops with Ctrl-C (SIGINT): the child answers it as
    it would in a terminal. A test run started in the background ignores SIGINT, and its
    children would inherit that and never stop."""
    signal.signal(signal.SIGINT, signal.SIG_DFL)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@dataclass
class VoilaServer:
    url: str
    port: int
    process: subprocess.Popen[bytes]
    log: Path


def wait_for_http(url: str, timeout: float = 90.0,
                  process: subprocess.Popen[bytes] | None = None,
                  log: Path | None = None) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process is not None and process.poll() is not None:
            tail = log.read_text()[-2000:] if log else ""
            raise RuntimeError(f"server exited with {process.returncode}:\n{tail}")
        try:
            with urllib.request.urlopen(url, timeout=2):
                return
        except OSError:
            time.sleep(0.2)
    raise TimeoutError(f"{url} did not answer within {timeout:.0f}s")


@contextmanager
def voila_server(cmd: list[str], port: int, log: Path,
                 env: dict[str, str] | None = None) -> Iterator[VoilaServer]:
    """Start `cmd` (a Voila command line on `port`) and stop it and its kernels afterwards."""
    with log.open("wb") as out:
        proc = subprocess.Popen(cmd, stdout=out, stderr=subprocess.STDOUT,
                                env={**os.environ, **(env or {})}, start_new_session=True)
    url = f"http://127.0.0.1:{port}"
    try:
        wait_for_http(url + "/", process=proc, log=log)
        yield VoilaServer(url, port, proc, log)
    finally:
        with suppress(ProcessLookupError):  # already gone
            os.killpg(proc.pid, signal.SIGTERM)
        try:
            proc.wait(timeout=20)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.wait()


#: What marks the lobby page (cxwidgets.server): a page request that is not yet admitted.
LOBBY_MARK = 'id="cx-lobby"'


class Visitor:
    """A browser without a screen, as the lobby sees it: it keeps its cookies (its
    tickets), asks for its place, waits its turn and then gets the app page."""

    def __init__(self) -> None:
        self.cookies = http.cookiejar.CookieJar()
        self.opener = urllib.request.build_opener(
            urllib.request.HTTPCookieProcessor(self.cookies))
        self.places: list[int] = []  # every place in line it was told, in order

    def get(self, url: str, timeout: float = 120.0) -> tuple[int, str]:
        """A plain GET (what a link preview or a script does): the lobby, or an error."""
        try:
            with self.opener.open(url, timeout=timeout) as response:
                return response.status, response.read().decode()
        except urllib.error.HTTPError as error:
            return error.code, error.read().decode()

    def _json(self, url: str, body: dict[str, Any] | None = None,
              timeout: float = 60.0) -> tuple[int, dict[str, Any]]:
        data = None if body is None else json.dumps(body).encode()
        request = urllib.request.Request(url, data=data, headers={
            "Content-Type": "application/json"})
        try:
            with self.opener.open(request, timeout=timeout) as response:
                return response.status, json.loads(response.read())
        except urllib.error.HTTPError as error:
            return error.code, json.loads(error.read() or b"{}")

    def open(self, url: str, timeout: float = 240.0) -> tuple[int, str]:
        """The app page at `url`, through the lobby as a browser's lobby page goes."""
        status, page = self.get(url, timeout)
        if LOBBY_MARK not in page:
            return status, page
        parts = urlsplit(url)
        base = f"{parts.scheme}://{parts.netloc}"
        app = parts.path.rsplit("/", 1)[-1]
        deadline = time.monotonic() + timeout
        status, answer = self._json(base + "/cx/lobby", {"app": app, "query": parts.query})
        while answer.get("stage") in ("queued", "refused"):
            if time.monotonic() > deadline:
                raise TimeoutError(f"still in line after {timeout:.0f} s: {answer}")
            if answer.get("stage") == "refused":
                time.sleep(answer.get("retry_s", 2))
                status, answer = self._json(base + "/cx/lobby",
                                            {"app": app, "query": parts.query})
                continue
            if answer.get("position"):
                self.places.append(answer["position"])
            status, answer = self._json(
                f"{base}/cx/lobby/{answer['ticket']}?version={answer['version']}")
        if answer.get("stage") == "failed":
            raise RuntimeError(f"the page could not be opened: {answer.get('failure')}")
        status, page = self.get(url, timeout)
        if "cxOpenFailed(" in page:
            raise RuntimeError("the page could not be opened: " +
                               page.rsplit("cxOpenFailed(", 1)[1].split(");", 1)[0])
        return status, page


def room_figures(base_url: str) -> dict[str, Any]:
    """The server's own figures (/cx/room): tickets by stage, kernels started and alive."""
    with urllib.request.urlopen(base_url + "/cx/room", timeout=30) as response:
        figures: dict[str, Any] = json.loads(response.read())
    return figures


def kit_server_command(db: Path, port: int) -> list[str]:
    return [sys.executable, "-m", "cxwidgets.cli", "serve", "--db", str(db), "--port", str(port)]


@dataclass(frozen=True)
class Picture:
    """What a test needs to know of a PNG: its size and whether anything is drawn on it."""

    width: int
    height: int
    colours: int
    inked: float  # share of pixels that are not (near) white


def look_at(path: Path) -> Picture:
    """Open a PNG and measure it, so a test can fail on an empty or blank image."""
    import numpy as np  # heavy: numpy, only when `look_at` runs
    from PIL import Image  # test-only: Pillow comes with the test dependencies, not with the kit

    with Image.open(path) as image:
        rgb = np.asarray(image.convert("RGB"))
    flat = rgb.reshape(-1, 3)
    colours = len(np.unique(flat, axis=0))
    inked = float((flat < 245).any(axis=1).mean())
    return Picture(rgb.shape[1], rgb.shape[0], colours, inked)


def chromium_path() -> str:
    path = shutil.which("chromium") or shutil.which("chromium-browser")
    if not path:
        raise RuntimeError("Debian's chromium is not installed: `apt-get install -y chromium` "
                           "(make test does this when run as root)")
    return path


@contextmanager
def chromium(**context_options: Any) -> Iterator[Any]:
    """A headless Chromium context (Playwright's sync API) with a fresh profile."""
    # test-only: playwright comes with the test dependencies, not with the kit
    from playwright.sync_api import sync_playwright

    with tempfile.TemporaryDirectory(prefix="cx-chromium-") as profile, sync_playwright() as p:
        context = p.chromium.launch_persistent_context(
            profile, executable_path=chromium_path(), headless=True, args=CHROMIUM_ARGS,
            **context_options)
        try:
            yield context
        finally:
            context.close()


#: Pairs of visible labels and controls whose boxes cross: text drawn over other text.
OVERLAPS = """(root) => {
  const items = [...document.querySelectorAll(
      root + ' .widget-label, ' + root + ' input, ' + root + ' select, ' + root +
      ' textarea, ' + root + ' button')]
    .map(e => ({e, box: e.getBoundingClientRect()}))
    .filter(({box}) => box.width > 0 && box.height > 0);
  const pairs = [];
  for (let i = 0; i < items.length; i++) {
    for (let j = i + 1; j < items.length; j++) {
      const a = items[i], b = items[j];
      if (a.e.contains(b.e) || b.e.contains(a.e)) continue;
      const x = Math.min(a.box.right, b.box.right) - Math.max(a.box.left, b.box.left);
      const y = Math.min(a.box.bottom, b.box.bottom) - Math.max(a.box.top, b.box.top);
      if (x > 2 && y > 2) {
        const name = el => (el.innerText || el.value || el.placeholder || el.tagName).slice(0, 30);
        pairs.push(name(a.e) + ' / ' + name(b.e));
      }
    }
  }
  return pairs;
}"""


def overlapping(page: Page, root: str = ".cx-participant-app") -> list[str]:
    """What crosses what on the page's forms (empty when the layout is clean)."""
    crossing: list[str] = page.evaluate(OVERLAPS, root)
    return crossing


def small_workshop(**extra: Any) -> Any:
    """The small workshop the map tests draw: two stages added out of order, two
    touchpoints on the first stage, one on the second and one not placed; `extra` replaces
    or adds fields."""
    data: dict[str, Any] = {
        "id": "w", "title": "Small",
        "personas": [Persona(id="pa", name="Ana", role="Nurse", quote="Keep it simple",
                             agreed=True),
                     Persona(id="pb", name="Ben", role="Student")],
        "stages": [Stage(id="later", name="Use", order=5), Stage(id="first", name="Buy", order=1)],
        "touchpoints": [
            Touchpoint(id="t1", name="Checkout page", channel=Channel.web, stage_id="first",
                       owner=Function.it),
            Touchpoint(id="t2", name="Receipt", channel=Channel.email, stage_id="first"),
            Touchpoint(id="t3", name="Shop visit", channel=Channel.store,
                       medium=Medium.physical, stage_id="later", owner=Function.sales),
            Touchpoint(id="t4", name="Never placed", stage_id=None),
        ],
    }
    data.update(extra)
    return Workshop(**data)


# -- what a command prints on a terminal, and the QR codes in it ---------------------------

def run_in_terminal(argv: list[str], until: str | None = None, timeout: float = 60.0,
                    env: dict[str, str] | None = None) -> str:
    """Run a command with a real pseudo-terminal as stdout; read until `until` shows (or
    the command ends), then stop it."""
    leader, follower = pty.openpty()
    proc = subprocess.Popen(argv, stdout=follower, stderr=follower, stdin=subprocess.DEVNULL,
                            start_new_session=True, env=env)
    os.close(follower)
    seen = b""
    deadline = time.monotonic() + timeout
    try:
        while (until is None or until.encode() not in seen) and time.monotonic() < deadline:
            ready, _, _ = select.select([leader], [], [], 0.5)
            if ready:
                try:
                    seen += os.read(leader, 65536)
                except OSError:  # the command ended
                    break
    finally:
        with suppress(ProcessLookupError):
            os.killpg(proc.pid, signal.SIGTERM)
        proc.wait(timeout=30)
        os.close(leader)
    return seen.decode(errors="replace").replace("\r\n", "\n")


def qr_in(output: str) -> str:
    """The lines of a terminal QR code (drawn black on white) in a command's output."""
    return "\n".join(line for line in output.splitlines() if line.startswith("\x1b[38;5;16"))


def qr_codes(output: str) -> list[str]:
    """What each terminal QR code in a command's output decodes to, top to bottom."""
    found, block = [], []
    for line in [*output.splitlines(), ""]:
        if line.startswith("\x1b[38;5;16"):
            block.append(line)
        elif block:
            found += decode(text_to_pixels("\n".join(block)))
            block = []
    return found


def decode(pixels: Any) -> list[str]:
    """Decode every QR code in a grey-scale image (dark modules 0, light 255)."""
    import numpy as np  # heavy: numpy, only when `decode` runs
    import zxingcpp  # test-only: zxing-cpp comes with the test dependencies, not with the kit
    from PIL import Image  # test-only: Pillow comes with the test dependencies, not with the kit

    image = Image.fromarray(pixels.astype(np.uint8)).resize(
        (pixels.shape[1] * 6, pixels.shape[0] * 6), Image.Resampling.NEAREST)
    return [r.text for r in zxingcpp.read_barcodes(image)]


def text_to_pixels(text: str) -> Any:
    """Turn half-block text (dark modules drawn) back into one pixel per module."""
    import numpy as np  # heavy: numpy, only when `text_to_pixels` runs

    text = re.sub(r"\x1b\[[0-9;]*m", "", text)
    halves = {" ": (255, 255), "▀": (0, 255), "▄": (255, 0), "█": (0, 0)}
    rows = []
    for line in text.splitlines():
        pairs = [halves[c] for c in line]
        rows += [[p[0] for p in pairs], [p[1] for p in pairs]]
    return np.array(rows)
