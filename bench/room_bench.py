"""A room of N: participants arriving over a minute against a real `cxwidgets serve`,
on fast devices and on slow ones.

For each round (`--rounds`, default 1,10,20,40; `40:0.25` is a room of 40 where a quarter
are on slow devices, `40:1` one where all are) a fresh server is started on a fresh copy
of the sample workshop, with the pains step (7) opened by the facilitator, and left to
settle (its warm pool filled) as it would be before a workshop starts. Then:

* the facilitator's page is opened in Chromium (time to the stepper);
* N participants arrive spread over `--arrive` seconds. `--browsers` of them (3) are
  real Chromium pages, one browser context each; the others are light pages
  (`cxwidgets.testing_page`): the same page, assets, kernel websocket and widget messages, no
  drawing. Each opens the link (through the lobby, as a browser does), joins with a name,
  then adds a pain point every 5-15 s (`--pace`) until `--type` seconds after the last
  arrival;
* slow participants: a Chromium page whose CPU is throttled `--slow-cpu` times
  (Chromium's own emulation, as DevTools does), or a light page whose every asset and
  kernel message arrives `--slow-latency` seconds late (a congested network). With
  `--browser-nice 19` every Chromium runs at the lowest CPU priority, so the browsers
  draw with what the server leaves them, as separate cheap devices would;
* the facilitator's page watches its board and its live map: the time each entry first
  shows there, less the time its author clicked "Add", is the board lag and the map lag;
  each light participant notes when its own live map was first sent each entry of the
  others (the participants' map lag: the kit's part, light pages draw in no time);
  a click or typing a Chromium page does not take within 30 s (a page too busy drawing)
  is counted, and the participant carries on;
* then the room sits idle (everyone connected, nobody typing) for `--idle` seconds;
* one Chromium participant reloads (time until their room is back, seat remembered) and
  the facilitator's page is opened again, with the room full.

Printed per round, with each figure's ratio against the first round of the same run: page
ready (navigation to a usable join form) p50/p95/max, for the fast and the slow
participants apart, pages never ready, the longest line a page waited in, join p95,
kernels started per participant (the server's own count, warm pool included) and the
most alive at once, the kit's peak memory against its steady state once the room sits,
board lag p50/p95/max, entries lost (every entry a participant saw saved, looked up in
the store afterwards), the kit's
CPU (the Voila server and its kernels: peak and idle, % of one core, and CPU-seconds per
participant kernel), memory per participant kernel (USS) and per extra participant (the
kit's whole USS), and the harness's own CPU (the light pages in this process, Chromium
and its driver) apart from the kit's.

Run: .venv/bin/python bench/room_bench.py [--rounds 1,10,20,40,40:0.25,40:1]
     [--browsers 3] [--slow-cpu 4] [--slow-latency 2] [--browser-nice 19]
     [--arrive 60] [--type 60] [--idle 20] [--serve-arg=--preheat=2 ...]
Develop with small rooms (--rounds 1,3 --arrive 10 --type 20); a room of 40 loads the
machine for about five minutes. `--browsers 40 --browser-nice 19 --rounds 40` is forty
real Chromium pages sharing this machine with the server (about 15 GB).
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import random
import re
import statistics
import sys
import tempfile
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import psutil

from cxwidgets.sample import create_sample
from cxwidgets.store import Editor, Store
from cxwidgets.testing import (
    CHROMIUM_ARGS,
    chromium_path,
    free_port,
    kit_server_command,
    room_figures,
    voila_server,
)
from cxwidgets.testing_page import LightPage, PageError

MB = 1024 * 1024
STEP = "pains"
#: The kit's memory is measured every this many CPU samples (seconds).
MEMORY_EVERY = 5
READY_TIMEOUT = 600.0  # the "never got a join form in 10 minutes"
#: Each entry carries a mark the facilitator's page can find on its board.
MARK = "RB{who}x{k}"
BOARD_WATCH = """() => {
  window.__seen = {};
  window.__onmap = {};
  const note = (text, into, now) => {
    for (const m of text.matchAll(/RB\\d+x\\d+/g)) {
      if (!(m[0] in into)) { into[m[0]] = now; }
    }
  };
  let queued = false;
  const look = () => {
    queued = false;
    const now = Date.now() / 1000;
    const board = document.querySelector('.cx-board-notes');
    if (board) { note(board.textContent, window.__seen, now); }
    const map = document.querySelector('.cx-live-chart svg');
    if (map) {
      note(Array.from(map.querySelectorAll('[aria-label]'),
                      e => e.getAttribute('aria-label')).join(' '), window.__onmap, now);
    }
  };
  // at most one look per animation frame, however many changes the page makes
  new MutationObserver(() => { if (!queued) { queued = true; requestAnimationFrame(look); } })
    .observe(document.body, {subtree: true, childList: true, characterData: true});
  look();
}"""


@dataclass
class Seat:
    """What one participant saw."""

    who: int
    browser: bool
    slow: bool = False
    ready: float | None = None  # s from navigation to a usable join form
    places: list[int] = field(default_factory=list)  # places in line it was told
    joined: float | None = None  # s from the click on "Join" to the room
    error: str = ""
    kernel_id: str = ""
    added: dict[str, float] = field(default_factory=dict)  # mark -> time of the click
    refused: list[str] = field(default_factory=list)
    #: what a page did not take in time (a click, typing): the page was too busy
    stalled: list[str] = field(default_factory=list)
    #: a light page: when it was in the room, and mark -> when its own live map first
    #: showed that entry
    seated_at: float | None = None
    on_map: dict[str, float] = field(default_factory=dict)


@dataclass
class Room:
    """One run at one size."""

    size: int
    slow_share: float = 0.0
    seats: list[Seat] = field(default_factory=list)
    kernels_before: dict[str, Any] = field(default_factory=dict)  # the server's figures
    kernels_after: dict[str, Any] = field(default_factory=dict)
    settle_s: float = 0.0
    facilitator_open: float | None = None
    facilitator_reopen: float | None = None
    #: the facilitator's kernel: % of one core while the seated room typed
    facilitator_kernel_cpu: float | None = None
    reload_back: float | None = None
    seen: dict[str, float] = field(default_factory=dict)
    #: mark -> when the facilitator's live map first showed it
    on_map: dict[str, float] = field(default_factory=dict)
    stored: set[str] = field(default_factory=set)
    meter: Meter | None = None
    kernel_uss: list[float] = field(default_factory=list)
    kernel_cpu: list[float] = field(default_factory=list)
    kit_uss: float = 0.0
    phases: dict[str, tuple[float, float]] = field(default_factory=dict)
    load: float = 0.0  # the machine's 1-minute load average as the room arrived

    # -- figures -------------------------------------------------------------------

    def ready(self, slow: bool | None = None) -> list[float]:
        return [s.ready for s in self.seats if s.ready is not None
                and (slow is None or s.slow == slow)]

    def label(self) -> str:
        if not self.slow_share:
            return f"N={self.size}"
        return f"N={self.size} slow {self.slow_share:.0%}"

    def joins(self) -> list[float]:
        return [s.joined for s in self.seats if s.joined is not None]

    def lags(self, where: str = "board") -> list[float]:
        """Per saved entry, from its author's click until the facilitator's board (or
        live map, `where="map"`) showed it; inf if it never did."""
        shown = self.seen if where == "board" else self.on_map
        out = []
        for seat in self.seats:
            for mark, clicked in seat.added.items():
                out.append(max(0.0, shown[mark] - clicked) if mark in shown
                           else float("inf"))
        return out

    def peer_lags(self) -> list[float]:
        """Per saved entry and per other light page in the room when it was saved: from
        the click until that participant's live map was sent it (inf: never). Light pages
        draw in no time, so this is the kit's part of the lag, not a device's."""
        out = []
        for author in self.seats:
            for mark, clicked in author.added.items():
                for peer in self.seats:
                    if (peer is author or peer.browser or peer.error
                            or peer.seated_at is None or peer.seated_at > clicked):
                        continue
                    out.append(max(0.0, peer.on_map[mark] - clicked) if mark in peer.on_map
                               else float("inf"))
        return out

    def added(self) -> int:
        return sum(len(s.added) for s in self.seats)

    def lost(self) -> int:
        return sum(1 for s in self.seats for mark in s.added if mark not in self.stored)

    def failed(self) -> list[Seat]:
        return [s for s in self.seats if s.error]


# -- measuring CPU and memory -----------------------------------------------------------

@dataclass
class Sample:
    at: float
    server: float  # % of one core over the last interval
    kernels: float
    light: float  # this process: the light pages (and Playwright's client)
    chromium: float  # Chromium and Playwright's driver
    alive: int = 0  # kernel processes of the server
    kit_mb: float | None = None  # USS of the server and its kernels (every few samples)


class Meter(threading.Thread):
    """Samples the CPU of the kit (server, kernels) and of the harness every second."""

    def __init__(self, server_pid: int, interval: float = 1.0) -> None:
        super().__init__(daemon=True)
        self.server_pid = server_pid
        self.interval = interval
        self.samples: list[Sample] = []
        self.kernel_cpu: dict[int, float] = {}  # pid -> CPU-seconds so far
        self.totals = {"server": 0.0, "kernels": 0.0, "light": 0.0, "chromium": 0.0}
        self.stop = threading.Event()
        self._last: dict[int, float] = {}
        self._procs: dict[int, psutil.Process] = {}

    def _cpu(self, proc: psutil.Process) -> float:
        pid = proc.pid
        if pid not in self._procs or self._procs[pid].create_time() != proc.create_time():
            self._procs[pid] = proc
            self._last[pid] = 0.0
        times = self._procs[pid].cpu_times()
        total = times.user + times.system
        delta, self._last[pid] = total - self._last[pid], total
        return max(0.0, delta)

    def groups(self) -> dict[str, list[psutil.Process]]:
        server = psutil.Process(self.server_pid)
        kernels = server.children(recursive=True)
        kit = {self.server_pid, *(k.pid for k in kernels)}
        me = psutil.Process()
        chromium = [p for p in me.children(recursive=True) if p.pid not in kit]
        return {"server": [server], "kernels": kernels, "light": [me], "chromium": chromium}

    def sample(self, record: bool = True) -> None:
        used = {}
        groups = self.groups()
        for name, procs in groups.items():
            seconds = 0.0
            for proc in procs:
                try:
                    cpu = self._cpu(proc)
                    if name == "kernels":
                        self.kernel_cpu[proc.pid] = self._last[proc.pid]
                except (psutil.NoSuchProcess, psutil.ZombieProcess):
                    continue
                seconds += cpu
            used[name] = seconds
            if record:
                self.totals[name] += seconds
        if record:
            scale = 100.0 / self.interval
            kit_mb = None
            if len(self.samples) % MEMORY_EVERY == 0:  # USS costs a few ms per process
                kit_mb = sum(uss(p) for p in groups["server"] + groups["kernels"])
            self.samples.append(Sample(time.time(), used["server"] * scale,
                                       used["kernels"] * scale, used["light"] * scale,
                                       used["chromium"] * scale,
                                       sum(map(is_kernel, groups["kernels"])), kit_mb))

    def run(self) -> None:
        self.sample(record=False)
        while not self.stop.wait(self.interval):
            try:
                self.sample()
            except psutil.NoSuchProcess:  # the server is going down
                return

    def between(self, start: float, end: float) -> list[Sample]:
        return [s for s in self.samples if start < s.at <= end]


def is_kernel(proc: psutil.Process) -> bool:
    try:
        return "ipykernel" in " ".join(proc.cmdline())
    except (psutil.NoSuchProcess, psutil.ZombieProcess):
        return False


def kit_cpu(samples: list[Sample]) -> list[float]:
    return [s.server + s.kernels for s in samples]


def kernel_of(server_pid: int, kernel_id: str) -> psutil.Process | None:
    for proc in psutil.Process(server_pid).children(recursive=True):
        try:
            if kernel_id in " ".join(proc.cmdline()):
                return proc
        except (psutil.NoSuchProcess, psutil.ZombieProcess):
            continue
    return None


def uss(proc: psutil.Process) -> float:
    try:
        return proc.memory_full_info().uss / MB
    except (psutil.NoSuchProcess, psutil.ZombieProcess):
        return 0.0


def settle(server_pid: int, timeout: float = 600.0) -> float:
    """Wait until the server and its kernels are quiet (the pool is warm); seconds taken."""
    meter = Meter(server_pid, interval=1.0)
    meter.sample(record=False)
    start = time.monotonic()
    quiet = 0
    while time.monotonic() - start < timeout:
        time.sleep(1.0)
        meter.sample()
        last = meter.samples[-1]
        quiet = quiet + 1 if last.server + last.kernels < 15 and \
            time.monotonic() - start > 5 else 0
        if quiet >= 3:
            break
    return time.monotonic() - start


# -- the people ---------------------------------------------------------------------------

def entry_text(who: int, k: int) -> str:
    return f"Courier slot never confirmed {MARK.format(who=who, k=k)}"


def seen_on_map(spec: dict[str, Any], into: dict[str, float]) -> None:
    """Note the entries (by mark) a participant's map spec shows, when first shown."""
    now = time.time()
    for mark in re.findall(r"RB\d+x\d+", json.dumps(spec.get("datasets", {}))):
        into.setdefault(mark, now)


async def light_participant(seat: Seat, base: str, path: str, start: float,
                            arrive_at: float, stop_at: float, pace: tuple[float, float],
                            pages: list[LightPage], latency: float) -> None:
    await asyncio.sleep(max(0.0, start + arrive_at - time.time()))
    page = LightPage(base, latency=latency if seat.slow else 0.0)
    pages.append(page)
    began = time.time()
    try:
        await page.open(path, timeout=READY_TIMEOUT)
        seat.places = page.places
        name = await page.wait_for("cx-join-name", READY_TIMEOUT - (time.time() - began))
        button = await page.wait_for("cx-join", 30)
        seat.ready = time.time() - began
        seat.kernel_id = page.kernel_id
        page.set(name, value=f"Light {seat.who}")
        clicked = time.time()
        page.click(button)
        await page.wait_for("cx-welcome", 300)
        seat.joined = time.time() - clicked
        seat.seated_at = time.time()
        page.on_spec = lambda spec: seen_on_map(spec, seat.on_map)
        text = await page.wait_for("cx-text", 120)
        add = await page.wait_for("cx-add", 120)
    except (TimeoutError, PageError, OSError) as exc:
        seat.error = f"{type(exc).__name__}: {exc}"
        return
    k = 0
    while True:
        await asyncio.sleep(random.uniform(*pace))
        if time.time() >= stop_at:
            return
        mark, k = MARK.format(who=seat.who, k=k), k + 1
        page.set(text, value=entry_text(seat.who, k - 1))
        clicked = time.time()
        page.click(add)
        try:
            await page.wait_until(lambda: page.value(text) == "" or _refused(page), 120,
                                  "saving an entry")
        except PageError as exc:
            seat.refused.append(f"{mark}: {exc}")
            continue
        if page.value(text) == "":
            seat.added[mark] = clicked
        else:
            seat.refused.append(f"{mark}: {_refused(page)}")
            page.set(text, value="")


def _refused(page: LightPage) -> str:
    for model in page.models.values():
        state = model["state"]
        if "cx-notice" in state.get("_dom_classes", ()) and "cx-error" in str(
                state.get("value", "")):
            return str(state["value"])
    return ""


async def browser_participant(seat: Seat, browser: Any, url: str, start: float,
                              arrive_at: float, stop_at: float, pace: tuple[float, float],
                              pages: list[Any], cpu_rate: float) -> None:
    await asyncio.sleep(max(0.0, start + arrive_at - time.time()))
    context = await browser.new_context(viewport={"width": 1200, "height": 900})
    page = await context.new_page()
    pages.append(page)
    places: list[int] = []
    page.on("console", lambda m: places.append(int(m.text[8:]))
            if m.text.startswith("cxplace ") else None)
    await page.add_init_script("window.addEventListener('DOMContentLoaded', () => {"
                               "const n = document.getElementById('cx-lobby-number');"
                               "if (!n) return; new MutationObserver(() => console.log("
                               "'cxplace ' + (n.textContent === 'Next' ? 1 : "
                               "parseInt(n.textContent, 10)))).observe(n, "
                               "{childList: true, characterData: true, subtree: true});});")
    if seat.slow and cpu_rate > 1:  # Chromium's own CPU throttling, as DevTools does it
        cdp = await context.new_cdp_session(page)
        await cdp.send("Emulation.setCPUThrottlingRate", {"rate": cpu_rate})
    ms = READY_TIMEOUT * 1000
    seat.places = places
    try:
        began = time.time()
        await page.goto(url, wait_until="commit", timeout=ms)
        name = page.locator(".cx-join-name input")
        await name.wait_for(state="visible", timeout=ms)
        await page.locator("button.cx-join").wait_for(state="visible", timeout=ms)
        seat.ready = time.time() - began
        seat.kernel_id = await page.evaluate(
            "JSON.parse(document.getElementById('jupyter-config-data').textContent).kernelId")
        await name.fill(f"Browser {seat.who}")
        clicked = time.time()
        await page.click("button.cx-join")
        await page.locator(".cx-welcome").wait_for(timeout=300_000)
        seat.joined = time.time() - clicked
        text = page.locator(".cx-room-body .cx-text input")
        await text.wait_for(timeout=120_000)
    except Exception as exc:  # Playwright's timeouts and closed pages alike
        seat.error = f"{type(exc).__name__}: {str(exc).splitlines()[0]}"
        return
    k = 0
    while True:
        await asyncio.sleep(random.uniform(*pace))
        if time.time() >= stop_at:
            return
        mark, k = MARK.format(who=seat.who, k=k), k + 1
        try:
            await text.fill(entry_text(seat.who, k - 1))
            clicked = time.time()
            await page.click(".cx-room-body button.cx-add")
        except Exception as exc:  # Playwright's timeout: the page is too busy to take it
            seat.stalled.append(f"{mark}: {str(exc).splitlines()[0]}")
            continue
        try:
            await page.wait_for_function(
                "() => { const i = document.querySelector('.cx-room-body .cx-text input');"
                " const n = document.querySelector('.cx-room-body .cx-step > .cx-notice');"
                " return (i && i.value === '') || (n && n.querySelector('.cx-error')); }",
                timeout=120_000)
        except Exception as exc:  # Playwright's timeout
            seat.refused.append(f"{mark}: {str(exc).splitlines()[0]}")
            continue
        if await text.input_value() == "":
            seat.added[mark] = clicked
        else:
            seat.refused.append(mark)
            await text.fill("")


# -- one room -----------------------------------------------------------------------------

def arrivals(size: int, window: float, browsers: int,
             slow_share: float = 0.0) -> list[tuple[float, bool, bool]]:
    """(seconds after the start, is a browser, is slow) for each participant: spread
    evenly over the window with a little jitter; the browsers spread among them, and the
    slow ones too (the first browser is slow whenever anyone is)."""
    step = window / size
    times = [min(window, max(0.0, (k + 0.5) * step + random.uniform(-0.3, 0.3) * step))
             for k in range(size)] if size > 1 else [0.0]
    count = min(browsers, size)
    chosen = {round(k * (size - 1) / max(1, count - 1)) for k in range(count)} if count else set()
    slow_count = round(size * slow_share)
    slow = {round(k / slow_share) for k in range(slow_count)} if slow_count else set()
    if slow_count and chosen and not slow & chosen:
        slow = {min(chosen), *sorted(slow)[:slow_count - 1]}
    return [(t, k in chosen, k in slow) for k, t in enumerate(times)]


async def run_room(room: Room, base: str, code: str, facilitator_url: str,
                   server_pid: int, args: argparse.Namespace) -> None:
    from playwright.async_api import async_playwright
    from tornado.httpclient import AsyncHTTPClient

    AsyncHTTPClient.configure(None, max_clients=1000)
    path = f"/voila/render/participant.ipynb?code={code}"
    async with async_playwright() as pw:
        browser = await pw.chromium.launch(executable_path=browser_command(args.browser_nice),
                                           headless=True, args=CHROMIUM_ARGS)
        meter = Meter(server_pid)
        room.meter = meter
        meter.start()
        board = await (await browser.new_context(
            viewport={"width": 1400, "height": 1000})).new_page()
        room.facilitator_open = await open_facilitator(board, facilitator_url)
        await board.evaluate(BOARD_WATCH)
        facilitator = kernel_of(server_pid, await board.evaluate(
            "JSON.parse(document.getElementById('jupyter-config-data').textContent).kernelId"))

        start = time.time()
        room.load = os.getloadavg()[0]
        stop_at = start + args.arrive + args.type
        light: list[LightPage] = []
        real: list[Any] = []
        tasks = [watch_cpu(room, facilitator, start + args.arrive + 10, stop_at)]
        room.kernels_before = room_figures(base)["kernels"]
        for who, (at, is_browser, slow) in enumerate(
                arrivals(room.size, args.arrive, args.browsers, room.slow_share)):
            seat = Seat(who, is_browser, slow)
            room.seats.append(seat)
            if is_browser:
                tasks.append(browser_participant(seat, browser, base + path, start, at, stop_at,
                                                 args.pace, real, args.slow_cpu))
            else:
                tasks.append(light_participant(seat, base, path, start, at, stop_at,
                                               args.pace, light, args.slow_latency))
        await asyncio.gather(*tasks)
        typed = time.time()
        room.phases["arrival"] = (start, start + args.arrive)
        room.phases["typing"] = (start, typed)
        room.phases["seated"] = (start + args.arrive + 10, typed)
        # every saved entry should reach the board; give stragglers a moment
        marks = {m for s in room.seats for m in s.added}
        deadline = time.time() + 30
        while time.time() < deadline:
            room.seen = await board.evaluate("window.__seen")
            room.on_map = await board.evaluate("window.__onmap")
            if marks <= set(room.seen) and marks <= set(room.on_map):
                break
            await asyncio.sleep(0.5)
        await asyncio.sleep(5)
        quiet = time.time()
        await asyncio.sleep(args.idle)
        room.phases["idle"] = (quiet, time.time())
        memory(room, server_pid)
        if real:
            room.reload_back = await reload_room(real[0])
        room.kernels_after = room_figures(base)["kernels"]
        await board.close()
        again = await (await browser.new_context(
            viewport={"width": 1400, "height": 1000})).new_page()
        room.facilitator_reopen = await open_facilitator(again, facilitator_url)
        meter.stop.set()
        meter.join()
        for page in light:
            await page.close()
        await browser.close()


async def watch_cpu(room: Room, proc: psutil.Process | None, start: float,
                    end: float) -> None:
    """The facilitator's kernel's share of one core between `start` and `end`: the one
    kernel that redraws the whole board on every entry."""
    if proc is None:
        return
    await asyncio.sleep(max(0.0, start - time.time()))
    try:
        before = sum(proc.cpu_times()[:2])
        began = time.time()
        await asyncio.sleep(max(1.0, end - time.time()))
        room.facilitator_kernel_cpu = 100 * (sum(proc.cpu_times()[:2]) - before) / (
            time.time() - began)
    except psutil.NoSuchProcess:
        return


async def open_facilitator(page: Any, url: str) -> float | None:
    began = time.time()
    try:
        await page.goto(url, wait_until="commit", timeout=READY_TIMEOUT * 1000)
        await page.locator(".cx-board-notes").wait_for(timeout=READY_TIMEOUT * 1000)
    except Exception:  # Playwright's timeout: reported as missing
        return None
    return time.time() - began


async def reload_room(page: Any) -> float | None:
    """A participant reloads: seconds until their room is back (the seat remembered)."""
    began = time.time()
    try:
        await page.reload(wait_until="commit")
        await page.locator(".cx-room-heading").wait_for(timeout=120_000)
    except Exception:  # Playwright's timeout: reported as missing
        return None
    return time.time() - began


def memory(room: Room, server_pid: int) -> None:
    """USS of each participant's kernel and of the whole kit; CPU-seconds per kernel."""
    meter = room.meter
    assert meter is not None
    for seat in room.seats:
        proc = kernel_of(server_pid, seat.kernel_id) if seat.kernel_id else None
        if proc is not None:
            room.kernel_uss.append(uss(proc))
            room.kernel_cpu.append(meter.kernel_cpu.get(proc.pid, 0.0))
    server = psutil.Process(server_pid)
    room.kit_uss = uss(server) + sum(uss(k) for k in server.children(recursive=True))


def browser_command(nice: int) -> str:
    """Chromium, or a script that starts it at a lower CPU priority (`nice`), so the
    browsers get what the server leaves them, like devices of their own."""
    if nice <= 0:
        return chromium_path()
    script = Path(tempfile.gettempdir()) / f"cx-chromium-nice{nice}"
    script.write_text(f'#!/bin/sh\nexec nice -n {nice} {chromium_path()} "$@"\n')
    script.chmod(0o755)
    return str(script)


def one_room(size: int, slow_share: float, args: argparse.Namespace) -> Room:
    room = Room(size, slow_share)
    with tempfile.TemporaryDirectory(prefix="cx-room-") as tmp:
        folder = Path(tmp)
        db = folder / "room.sqlite"
        with Store(db) as store:
            created = create_sample(store, db)
            Editor.facilitator(store, created.id, created.token).open_step(STEP)
        port = free_port()
        cmd = kit_server_command(db, port) + [a.replace("{N}", str(size))
                                               for a in args.serve_arg]
        with voila_server(cmd, port, folder / "voila.log") as server:
            room.settle_s = settle(server.process.pid)
            facilitator = (f"{server.url}/voila/render/facilitator.ipynb?"
                           f"workshop={created.id}&token={created.token}")
            asyncio.run(run_room(room, server.url, created.join_code, facilitator,
                                 server.process.pid, args))
            if args.keep_log:
                print((folder / "voila.log").read_text()[-4000:], file=sys.stderr)
        with Store(db) as store:
            room.stored = {mark for p in store.state(created.id).pain_points
                           for mark in [p.text.rsplit(" ", 1)[-1]] if mark.startswith("RB")}
    return room


# -- the report ---------------------------------------------------------------------------

def pct(values: list[float], q: float) -> float | None:
    if not values:
        return None
    ordered = sorted(values)
    k = max(0, min(len(ordered) - 1, round(q / 100 * (len(ordered) - 1))))
    return ordered[k]


def mean(values: list[float]) -> float | None:
    return statistics.fmean(values) if values else None


def figures(room: Room) -> dict[str, float | None]:
    meter = room.meter
    assert meter is not None
    arrival = meter.between(*room.phases["arrival"])
    typing = meter.between(*room.phases["typing"])
    idle = meter.between(*room.phases["idle"])
    seated = meter.between(*room.phases["seated"])
    lags = room.lags()
    finite = [x for x in lags if x != float("inf")]
    harness_light = meter.totals["light"]
    harness_chromium = meter.totals["chromium"]
    started = room.kernels_after.get("started", {}).get("participant.ipynb", 0)
    kit_mb = [s.kit_mb for s in meter.samples if s.kit_mb is not None]
    steady = [s.kit_mb for s in idle if s.kit_mb is not None]
    return {
        "facilitator page open, s": room.facilitator_open,
        "facilitator page open, full room, s": room.facilitator_reopen,
        "page ready p50, s": pct(room.ready(), 50),
        "page ready p95, s": pct(room.ready(), 95),
        "page ready max, s": max(room.ready(), default=None),
        "  fast devices p95, s": pct(room.ready(slow=False), 95),
        "  slow devices p95, s": pct(room.ready(slow=True), 95),
        "  slow devices max, s": max(room.ready(slow=True), default=None),
        "pages never ready": float(len(room.failed())),
        "longest line waited in (place)": float(max(
            (max(s.places) for s in room.seats if s.places), default=0)),
        "kernels started per participant": started / room.size,
        "  started while the room arrived": float(started - room.kernels_before.get(
            "started", {}).get("participant.ipynb", 0)),
        "kernels alive, most at once": float(max((s.alive for s in meter.samples), default=0)),
        "kit memory peak, MB": max(kit_mb, default=None),
        "kit memory, room sitting, MB": mean(steady),
        "  peak / sitting": (max(kit_mb) / mean(steady)) if kit_mb and steady else None,
        "join p95, s": pct(room.joins(), 95),
        "board lag p50, s": pct(finite, 50),
        "board lag p95, s": pct(lags, 95),
        "board lag max, s": max(lags, default=None),
        "map lag p50, s": pct([x for x in room.lags("map") if x != float("inf")], 50),
        "map lag p95, s": pct(room.lags("map"), 95),
        "map lag max, s": max(room.lags("map"), default=None),
        "participants' map lag p50, s": pct([x for x in room.peer_lags()
                                              if x != float("inf")], 50),
        "participants' map lag p95, s": pct(room.peer_lags(), 95),
        "participants' maps never shown": float(sum(x == float("inf")
                                                    for x in room.peer_lags())),
        "browser actions not taken in 30 s": float(sum(len(s.stalled) for s in room.seats)),
        "entries saved": float(room.added()),
        "entries lost": float(room.lost()),
        "entries refused": float(sum(len(s.refused) for s in room.seats)),
        "reload to the room, s": room.reload_back,
        "kit CPU peak, % of a core": max(kit_cpu(typing), default=None),
        "kit CPU mean while arriving, %": mean(kit_cpu(arrival)),
        "kit CPU mean while typing, %": mean(kit_cpu(typing)),
        "  of which the server, typing, %": mean([s.server for s in typing]),
        "kit CPU-s per entry, all seated": per_entry(room, meter),
        "  kernels, all seated, % of a core": mean([s.kernels for s in seated]),
        "  server, all seated, % of a core": mean([s.server for s in seated]),
        "  facilitator's kernel, typing, %": room.facilitator_kernel_cpu,
        "kit CPU idle room, %": mean(kit_cpu(idle)),
        "  of which the server, idle, %": mean([s.server for s in idle]),
        "CPU-s per participant kernel": pct(room.kernel_cpu, 50),
        "USS per participant kernel, MB": pct(room.kernel_uss, 50),
        "USS of the kit, MB": room.kit_uss,
        "harness CPU-s, light pages": harness_light,
        "harness CPU-s, Chromium": harness_chromium,
        "server settled after, s": room.settle_s,
        "machine load as the room arrived": room.load,
    }


def per_entry(room: Room, meter: Meter) -> float | None:
    """The kit's CPU-seconds per entry saved once everyone has arrived (start-ups over):
    what one more entry costs the whole room."""
    start, end = room.phases["seated"]
    samples = meter.between(start, end)
    entries = sum(1 for seat in room.seats for clicked in seat.added.values()
                  if start <= clicked <= end)
    if len(samples) < 2 or not entries:
        return None
    return sum(kit_cpu(samples)) / 100 * meter.interval / entries


def fmt(value: float | None) -> str:
    if value is None:
        return "-"
    if value == float("inf"):
        return "never"
    return f"{value:.0f}" if abs(value) >= 100 else f"{value:.2f}"


def report(rooms: list[Room]) -> None:
    table = [figures(r) for r in rooms]
    base = table[0]
    head = f"{'':<38}" + "".join(f"{r.label():>18}" for r in rooms)
    print(head)
    for name in table[0]:
        cells = []
        for row in table:
            value, floor = row[name], base[name]
            ratio = ""
            if (row is not base and value not in (None, float("inf")) and floor
                    and floor not in (None, float("inf"))):
                ratio = f" ({value / floor:.1f}x)"
            cells.append(f"{fmt(value) + ratio:>18}")
        print(f"{name:<38}" + "".join(cells))
    if len(rooms) > 1 and rooms[0].size == 1:
        one = rooms[0].kit_uss
        for room in rooms[1:]:
            if room.size == 1:
                continue
            extra = (room.kit_uss - one) / (room.size - 1)
            print(f"USS per extra participant at {room.label()}: {extra:.0f} MB "
                  f"(the kit's USS at N={room.size} less N=1, over {room.size - 1})")
    for room in rooms:
        notes(room)


def notes(room: Room) -> None:
    """The slowest pages, and any page that failed or entry that was refused."""
    slow = sorted((s for s in room.seats if s.ready is not None), key=lambda s: -s.ready)
    name = room.label()
    if room.size > 1:
        print(f"{name}: slowest pages ready " + ", ".join(
            f"{s.ready:.1f} s ({kind(s)}, arrival {s.who + 1})" for s in slow[:3]))
    for seat in room.failed():
        print(f"{name}: participant {seat.who} ({kind(seat)}) failed: {seat.error}")
    for seat in room.seats:
        for note in seat.refused[:3]:
            print(f"{name}: participant {seat.who} refused: {note}")
        for note in seat.stalled[:3]:
            print(f"{name}: participant {seat.who} ({kind(seat)}) page too busy: {note}")
    waited = [s for s in room.seats if s.places]
    if waited:
        print(f"{name}: {len(waited)} pages waited in line; places told, in order, to the "
              f"one that waited longest: {max(waited, key=lambda s: len(s.places)).places}")


def kind(seat: Seat) -> str:
    return ("slow " if seat.slow else "") + ("browser" if seat.browser else "light")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--rounds", "--sizes", default="1,10,20,40",
                        help="rounds, comma-separated: a room size, or SIZE:SHARE for a room "
                             "where SHARE of the participants are on slow devices (40:0.25); "
                             "ratios are against the first")
    parser.add_argument("--slow-cpu", type=float, default=4.0,
                        help="CPU throttling of a slow Chromium page (Chromium's emulation)")
    parser.add_argument("--slow-latency", type=float, default=2.0,
                        help="seconds late every message reaches (and leaves) a slow light "
                             "page")
    parser.add_argument("--browser-nice", type=int, default=0,
                        help="run Chromium at this CPU niceness (19: lowest priority)")
    parser.add_argument("--browsers", type=int, default=3,
                        help="participants that are real Chromium pages (the rest are light)")
    parser.add_argument("--arrive", type=float, default=60.0,
                        help="seconds over which the room arrives")
    parser.add_argument("--type", type=float, default=60.0,
                        help="seconds of adding entries after the last arrival")
    parser.add_argument("--idle", type=float, default=20.0,
                        help="seconds the idle room is measured")
    parser.add_argument("--pace", default="5,15",
                        help="seconds between one person's entries, min,max")
    parser.add_argument("--serve-arg", action="append", default=[],
                        help="extra option for `cxwidgets serve` ({N} is the room size), "
                             "e.g. --serve-arg=--preheat=2")
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--keep-log", action="store_true",
                        help="print the end of each server's log")
    args = parser.parse_args()
    args.pace = tuple(float(x) for x in args.pace.split(","))
    random.seed(args.seed)
    rounds = [(int(size), float(share or 0)) for size, _, share in
              (r.partition(":") for r in args.rounds.split(","))]
    rooms = []
    for size, share in rounds:
        print(f"room of {size}, {share:.0%} slow...", file=sys.stderr, flush=True)
        rooms.append(one_room(size, share, args))
    print(f"Rooms arriving over {args.arrive:.0f} s, {args.browsers} Chromium participants "
          f"(the rest light pages), an entry every {args.pace[0]:.0f}-{args.pace[1]:.0f} s "
          f"for {args.type:.0f} s after the last arrival; slow devices: Chromium at "
          f"{args.slow_cpu:g}x CPU throttling, light pages {args.slow_latency:g} s late; "
          f"Chromium niceness {args.browser_nice}; {os.cpu_count()} cores; serve "
          f"{' '.join(args.serve_arg) or '(defaults)'}")
    report(rooms)


if __name__ == "__main__":
    main()
