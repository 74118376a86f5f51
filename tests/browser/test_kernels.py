"""The served pages in a real Chromium: offline and phone-sized, and kernel hygiene.

Kernels are counted as the ipykernel processes of the Voila server (Voila has no route
that lists them) and looked up one by one through its REST API (GET /api/kernels/<id>).
Servers here are the kit's own `cxwidgets serve`, one per test that counts kernels, so
no other test's pages are counted.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import json
import re
import signal
import time
import urllib.error
import urllib.request
import uuid
from collections.abc import Callable
from pathlib import Path

import numpy as np
import psutil
import pytest
import zxingcpp
from PIL import Image
from playwright.sync_api import expect

from cxwidgets.qr import qr_svg
from cxwidgets.sample import create_sample
from cxwidgets.serve import DEFAULTS, serve_env, voila_command
from cxwidgets.store import Editor, Store
from cxwidgets.testing import (
    CHROMIUM_ARGS,
    VoilaServer,
    chromium_path,
    free_port,
    kit_server_command,
    overlapping,
    room_figures,
    voila_server,
)

pytestmark = pytest.mark.browser

JOIN_CODE_INPUT = ".cx-join-code input"
PHONE = {"width": 375, "height": 740}
SHUTDOWN_REFUSED = re.compile(r"403 POST /voila/api/shutdown")
#: Kernels kept warm by `cxwidgets serve`: the participants' pool and the facilitator's.
WARM = DEFAULTS.preheat + 1


def sample_store(folder: Path) -> tuple[Path, str]:
    db = folder / "w.sqlite"
    with Store(db) as store:
        return db, create_sample(store, db).join_code


def is_kernel(process: psutil.Process, kernel_id: str = "") -> bool:
    try:
        cmdline = " ".join(process.cmdline())
    except (psutil.ZombieProcess, psutil.NoSuchProcess):  # ended, or ending
        return False
    return "ipykernel" in cmdline and kernel_id in cmdline


def kernel_pids(server: VoilaServer, kernel_id: str = "") -> set[int]:
    """The server's live kernel processes (only the one with `kernel_id`, if given)."""
    return {p.pid for p in psutil.Process(server.process.pid).children(recursive=True)
            if is_kernel(p, kernel_id)}


def settle(count: Callable[[], object], expected: object, timeout: float = 20.0) -> object:
    """Wait until `count()` is `expected` (kernels start and stop asynchronously)."""
    deadline = time.monotonic() + timeout
    value = count()
    while value != expected and time.monotonic() < deadline:
        time.sleep(0.25)
        value = count()
    return value


def kernel_state(server: VoilaServer, kernel_id: str) -> dict | None:
    try:
        with urllib.request.urlopen(f"{server.url}/api/kernels/{kernel_id}") as response:
            return json.load(response)
    except urllib.error.HTTPError as error:
        if error.code == 404:
            return None
        raise


def page_kernel(page) -> str:
    return page.evaluate(
        "JSON.parse(document.getElementById('jupyter-config-data').textContent).kernelId")


def open_app(page, server: VoilaServer, code: str) -> str:
    page.goto(f"{server.url}/voila/render/participant.ipynb?code={code}")
    page.locator(JOIN_CODE_INPUT).wait_for(timeout=90_000)
    return page_kernel(page)


def join(page, name: str) -> None:
    page.fill(".cx-join-name input", name)
    page.click("button.cx-join")
    expect(page.locator(".cx-welcome")).to_contain_text(f"Welcome, {name}", timeout=30_000)


@pytest.fixture
def served(tmp_path) -> tuple[VoilaServer, str]:
    """A fresh `cxwidgets serve` with the sample workshop: (server, join code)."""
    db, code = sample_store(tmp_path)
    port = free_port()
    cmd = [*kit_server_command(db, port), "--page-return", "3"]
    with voila_server(cmd, port, tmp_path / "voila.log") as server:
        yield server, code


# -- the page ----------------------------------------------------------------------------

OVERFLOW = """() => {
  const width = document.documentElement.clientWidth;
  const wide = [...document.querySelectorAll('#rendered_cells *')].filter(e => {
    const box = e.getBoundingClientRect();
    return box.width > 0 && (box.right > width + 0.5 || box.left < -0.5);
  }).map(e => e.className.toString().slice(0, 60));
  const scrolling = [document.documentElement, document.body,
                     ...document.querySelectorAll('#rendered_cells, #rendered_cells *')]
    .filter(e => e.scrollWidth > e.clientWidth + 1
                 && ['auto', 'scroll', 'visible'].includes(getComputedStyle(e).overflowX)
                 && e.clientWidth > 0)
    .map(e => e.className.toString().slice(0, 60));
  return {wide, scrolling};
}"""

CONTROLS = """() => [...document.querySelectorAll(
    '#rendered_cells input, #rendered_cells select, #rendered_cells button')]
  .filter(e => e.offsetParent !== null)
  .map(e => ({what: e.tagName + ' ' + (e.textContent || e.placeholder || '').trim(),
              height: e.getBoundingClientRect().height,
              font: parseFloat(getComputedStyle(e).fontSize)}))"""


def test_participant_page_is_offline_phone_sized_and_calm(served, browser, artefacts):
    server, code = served
    page = browser.new_page()
    page.set_viewport_size(PHONE)
    outside: list[str] = []

    def only_this_machine(route):
        if route.request.url.startswith((server.url + "/", "blob:", "data:")):
            route.continue_()
        else:
            outside.append(route.request.url)
            route.abort()

    def websocket(ws):
        if not ws.url.startswith(server.url.replace("http:", "ws:") + "/"):
            outside.append(ws.url)

    page.route("**/*", only_this_machine)
    page.on("websocket", websocket)
    # the first answer is the lobby; the app's page is the last one asked for
    answers: list = []
    page.on("response", lambda r: answers.append(r) if "participant.ipynb" in r.url else None)
    page.goto(f"{server.url}/voila/render/participant.ipynb?code={code}")
    page.locator(JOIN_CODE_INPUT).wait_for(timeout=90_000)
    source = answers[-1].text()
    assert "Opening the workshop…" in source
    assert '<meta name="viewport" content="width=device-width, initial-scale=1">' in source
    assert "Voil" not in page.title() and "Voil" not in page.inner_text("body")
    assert page.locator(JOIN_CODE_INPUT).input_value() == code

    assert page.evaluate(OVERFLOW) == {"wide": [], "scrolling": []}
    for control in page.evaluate(CONTROLS):
        assert control["height"] >= 44, control  # a finger's width
        assert control["font"] >= 16, control  # readable, and no zoom on focus
    # icons come with Voila's own bundle, not from a font CDN
    assert page.evaluate("document.fonts.check('900 16px \"Font Awesome 5 Free\"')")

    join(page, "Noor")  # the widgets answer, with nothing from outside
    page.screenshot(path=str(artefacts / "participant-375px.png"), full_page=True)
    assert page.evaluate(OVERFLOW)["wide"] == []
    assert overlapping(page) == []  # labels sit clear of their fields on a phone too
    assert outside == []
    page.close()


def test_facilitator_page_loads_nothing_from_outside(kit, browser):
    page = browser.new_page()
    requests: list[str] = []
    page.on("request", lambda r: requests.append(r.url))
    page.goto(kit.facilitator_url())
    page.locator(".cx-stepper").wait_for(timeout=90_000)
    expect(page.locator(".cx-heading")).to_contain_text(re.compile(r"Step \d+ of 16"))
    assert [u for u in requests if not u.startswith((kit.url + "/", "blob:", "data:"))] == []
    assert "Voil" not in page.inner_text("body")
    page.close()


def test_the_facilitators_banner_shows_a_qr_code_of_the_participant_link(
        kit, browser, artefacts):
    page = browser.new_page()
    page.goto(kit.facilitator_url())
    banner = page.locator(".cx-banner")
    banner.wait_for(timeout=90_000)
    expect(banner.locator(".cx-link")).to_have_text(kit.participant_url())
    small = banner.locator("svg.cx-qr").bounding_box()["width"]
    banner.screenshot(path=str(artefacts / "banner.png"))
    page.click("button.cx-qr-toggle")  # enlarged for the projector
    expect(banner).to_have_class(re.compile("cx-qr-big"))
    page.wait_for_function(
        f"document.querySelector('.cx-banner svg.cx-qr').getBoundingClientRect().width"
        f" > {small * 2}")
    shot = artefacts / "banner-qr.png"
    read: list[str] = []
    for _ in range(5):  # a picture taken while the page still moves: look again
        page.wait_for_timeout(500)
        banner.locator("svg.cx-qr").screenshot(path=str(shot))
        with Image.open(shot) as image:
            pixels = np.asarray(image.convert("L"))
        if read := [r.text for r in zxingcpp.read_barcodes(pixels)]:
            break
    page.close()
    assert read == [kit.participant_url()]


def test_qr_code_for_the_projector_scans(browser, artefacts):
    url = "http://192.168.1.20:8866/voila/render/participant.ipynb?code=K7Q2MZ"
    page = browser.new_page()
    page.set_content(f"<body style='margin:0;background:#fff'>{qr_svg(url)}</body>")
    shot = artefacts / "qr.png"
    page.locator("svg.cx-qr").screenshot(path=str(shot))
    page.close()
    with Image.open(shot) as image:
        pixels = np.asarray(image.convert("L"))
    assert [r.text for r in zxingcpp.read_barcodes(pixels)] == [url]


# -- kernel hygiene ----------------------------------------------------------------------

def test_twenty_reloads_keep_one_kernel_besides_the_preheated_pool(served, browser):
    server, code = served
    page = browser.new_page()
    first = open_app(page, server, code)
    seen = {first}
    for _ in range(20):
        page.reload()
        page.locator(JOIN_CODE_INPUT).wait_for(timeout=90_000)
        seen.add(page_kernel(page))
    assert seen == {first}  # every visit came back to the same kernel...
    # ...and no other was started: the pool was refilled once, for this arrival
    assert settle(lambda: len(kernel_pids(server)), 1 + WARM) == 1 + WARM
    figures = room_figures(server.url)
    assert figures["lobby"]["renders"] == 1 and figures["lobby"]["reopens"] == 20
    assert figures["kernels"]["started"]["participant.ipynb"] == DEFAULTS.preheat + 1
    assert kernel_state(server, first)
    page.close(run_before_unload=True)
    # leaving gives it back once the page has not come back for a moment (3 s here)
    assert settle(lambda: len(kernel_pids(server)), WARM) == WARM
    assert not SHUTDOWN_REFUSED.search(server.log.read_text())


def test_a_page_shows_when_its_kernel_has_gone(served, browser):
    server, code = served
    page = browser.new_page()
    kernel = open_app(page, server, code)
    xsrf = uuid.uuid4().hex  # the server compares the cookie with the form field
    request = urllib.request.Request(
        f"{server.url}/voila/api/shutdown/{kernel}", method="POST",
        data=f"_xsrf={xsrf}".encode(), headers={"Cookie": f"_xsrf={xsrf}"})
    with urllib.request.urlopen(request) as response:
        assert response.status == 204
    assert kernel_state(server, kernel) is None
    page.evaluate("window.dispatchEvent(new Event('focus'))")
    expect(page.locator("#cx-gone")).to_be_visible()
    expect(page.locator("#cx-gone")).to_contain_text("Open it again")
    page.click("#cx-gone button")
    page.locator(JOIN_CODE_INPUT).wait_for(timeout=90_000)
    assert page_kernel(page) != kernel and kernel_state(server, page_kernel(page))
    page.close()


def test_a_kernel_killed_mid_edit_has_its_page_offer_to_open_again(served, people):
    """A participant's kernel killed (SIGKILL) while they work: the page notices within
    seconds and offers to open again, without being asked; opening again finds them as
    themselves, with what they had saved."""
    server, code = served
    page = people.new_context(viewport={"width": 1200, "height": 900}).new_page()
    page.set_default_timeout(60_000)
    kernel = open_app(page, server, code)
    join(page, "Noor")
    (pid,) = kernel_pids(server, kernel)
    psutil.Process(pid).send_signal(signal.SIGKILL)
    expect(page.locator("#cx-gone")).to_be_visible(timeout=40_000)  # no focus needed
    assert kernel_state(server, kernel) is None  # the restarted, empty kernel is gone
    page.click("#cx-gone button")
    expect(page.locator(".cx-welcome")).to_contain_text("Welcome, Noor", timeout=90_000)
    assert page_kernel(page) != kernel
    page.context.close()


PAGE_GONE_S = 20  # the limit, short enough to watch (`cxwidgets serve` has two minutes)


@pytest.fixture
def room(tmp_path) -> tuple[VoilaServer, str]:
    """`cxwidgets serve`'s command with a short page-gone limit, its room on the pains
    step (participants add there), no warm pool (one fresh kernel per page)."""
    db = tmp_path / "w.sqlite"
    with Store(db) as store:
        created = create_sample(store, db)
        Editor.facilitator(store, created.id, created.token).open_step("pains")
    port = free_port()
    cmd = voila_command(port, page_gone_s=PAGE_GONE_S)
    with voila_server(cmd, port, tmp_path / "voila.log", env=serve_env(db)) as server:
        yield server, created.join_code


def own_chromium(playwright) -> tuple[object, list[psutil.Process]]:
    """A Chromium of its own (so it can crash or freeze alone) and its main process."""
    marker = f"--cx-test-browser={uuid.uuid4().hex}"
    chrome = playwright.chromium.launch(executable_path=chromium_path(), headless=True,
                                        args=[*CHROMIUM_ARGS, marker])
    roots = [proc for proc in psutil.process_iter(["cmdline"])
             if marker in (proc.info["cmdline"] or [])]
    assert roots, "the browser's process was not found"
    return chrome, roots


def signal_all(roots: list[psutil.Process], sig: int) -> None:
    """Signal a browser and every process it has started by now (renderers, network)."""
    for root in roots:
        with contextlib.suppress(psutil.NoSuchProcess):
            for proc in [*root.children(recursive=True), root]:
                with contextlib.suppress(psutil.NoSuchProcess):
                    proc.send_signal(sig)


def add_pain(page, text: str) -> None:
    page.fill(".cx-room-body .cx-text input", text)
    page.click(".cx-room-body button.cx-add")
    expect(page.locator(".cx-room-body .cx-text input")).to_have_value("", timeout=30_000)


def test_a_page_gone_without_goodbye_loses_its_kernel_while_the_room_keeps_editing(
        room, people, playwright):
    server, code = room
    kept = people.new_context().new_page()
    kept.set_default_timeout(60_000)
    kept_kernel = open_app(kept, server, code)
    join(kept, "Ines")
    gone: dict[str, tuple[str, list[psutil.Process]]] = {}
    for how, name in (("crashed", "Sam"), ("frozen", "Lee")):
        chrome, processes = own_chromium(playwright)
        page = chrome.new_page()
        page.set_default_timeout(60_000)
        kernel = open_app(page, server, code)
        join(page, name)
        gone[how] = (kernel, processes)
    try:
        # a crashed browser: its connections drop at once, without a word
        signal_all(gone["crashed"][1], signal.SIGKILL)
        # a closed laptop: the browser stops answering, its connection stays open
        signal_all(gone["frozen"][1], signal.SIGSTOP)
        frozen_at = time.time()
        busy_after_freeze = False
        ended: dict[str, float] = {}
        start = time.monotonic()
        n = 0
        while len(ended) < 2 and time.monotonic() - start < 2 * PAGE_GONE_S:
            add_pain(kept, f"Courier never calls back {n}")  # the room keeps editing
            n += 1
            for how, (kernel, _) in gone.items():
                state = kernel_state(server, kernel)
                if state is None:
                    ended.setdefault(how, time.monotonic() - start)
                elif how == "frozen" and dt.datetime.fromisoformat(
                        state["last_activity"].replace("Z", "+00:00")).timestamp() > frozen_at:
                    busy_after_freeze = True  # Jupyter's idle rule would have kept it
            time.sleep(0.5)
        assert set(ended) == {"crashed", "frozen"}, f"still running after {2 * PAGE_GONE_S} s"
        # within the limit (and a culling round, one second here)
        assert max(ended.values()) <= PAGE_GONE_S + 2, ended
        assert busy_after_freeze
        # the page in use kept its kernel all along, and still works
        state = kernel_state(server, kept_kernel)
        assert state is not None and state["connections"] >= 1
        add_pain(kept, "Tracking page shows the wrong day")
        expect(kept.locator(".cx-room-body .cx-list")).to_contain_text(
            "Tracking page shows the wrong day")
        assert kernel_pids(server) == kernel_pids(server, kept_kernel)
        culled = [line for line in server.log.read_text().splitlines()
                  if "its page has been gone" in line]
        assert sorted(k for k, _ in gone.values() if any(k in line for line in culled)) == \
            sorted(k for k, _ in gone.values())
        assert not any(kept_kernel in line for line in culled)
    finally:
        signal_all(gone["frozen"][1], signal.SIGKILL)
        kept.context.close()
