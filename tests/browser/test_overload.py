"""Opening a page on a server that cannot keep up: never a blank page, never a spinner
without a word, and a page that failed to open tries again by itself.

Each test starts its own `cxwidgets serve` on the sample workshop. Overload is made for
real (more people opening the page at once than kernels kept warm), and the two ways a
page used to be left stranded are made at the network, between Chromium and the real
server: a page whose stream stops before it is complete, and a page whose kernel
never answers.
"""

from __future__ import annotations

import re
import time
from pathlib import Path

import pytest

from cxwidgets.sample import create_sample
from cxwidgets.store import Store
from cxwidgets.testing import (
    VoilaServer,
    free_port,
    kit_server_command,
    room_figures,
    voila_server,
)

pytestmark = pytest.mark.browser

JOIN_CODE_INPUT = ".cx-join-code input"
#: What a person sees at a moment: the join form, a message (and which), or nothing. A
#: document still arriving with nothing in its body yet is "opening": Chromium keeps the
#: previous page on screen meanwhile (paint holding), so a person sees the lobby still.
LOOK = """() => {
  if (document.readyState === 'loading' && !(document.body && document.body.innerText.trim())) {
    return 'opening';
  }
  const form = document.querySelector('.cx-join-code input');
  if (form && form.offsetParent !== null) { return 'ready'; }
  const lobby = document.getElementById('cx-lobby');
  if (lobby) { return 'message: ' + lobby.innerText.trim().replace(/\\s+/g, ' '); }
  const loading = document.getElementById('loading');
  if (loading && loading.offsetParent !== null) {
    const text = loading.innerText.trim();
    if (text) { return 'message: ' + text.replace(/\\s+/g, ' '); }
  }
  const shown = (document.body ? document.body.innerText : '').trim();
  return shown ? 'other: ' + shown.slice(0, 80) : 'blank';
}"""


def serve(tmp_path: Path, *extra: str):
    db = tmp_path / "w.sqlite"
    with Store(db) as store:
        code = create_sample(store, db).join_code
    port = free_port()
    cmd = [*kit_server_command(db, port), *extra]
    return voila_server(cmd, port, tmp_path / "voila.log"), code


def link(server: VoilaServer, code: str) -> str:
    return f"{server.url}/voila/render/participant.ipynb?code={code}"


def watch(page, seconds: float, until_ready: bool = True) -> list[tuple[float, str]]:
    """What the page showed every half second (once it had started to arrive)."""
    seen: list[tuple[float, str]] = []
    start = time.monotonic()
    while time.monotonic() - start < seconds:
        try:
            state = page.evaluate(LOOK)
        except Exception as error:  # navigating: the page is being replaced
            state = f"navigating ({type(error).__name__})"
        seen.append((round(time.monotonic() - start, 1), state))
        if until_ready and state == "ready":
            break
        time.sleep(0.5)
    return seen


def longest_run(history: list[tuple[float, str]], state: str) -> int:
    run = best = 0
    for _, seen in history:
        run = run + 1 if seen == state else 0
        best = max(best, run)
    return best


def test_more_arrivals_than_warm_kernels_each_page_opens_or_says_why(tmp_path, people):
    """Ten people open the link in the same second on a server keeping one kernel warm:
    at every look each page shows the join form or a message, and all of them open."""
    arrivals = 10
    started, code = serve(tmp_path, "--preheat", "1")
    with started as server:
        contexts = [people.new_context(viewport={"width": 375, "height": 740})
                    for _ in range(arrivals)]
        pages = [context.new_page() for context in contexts]
        # all the requests leave before any answer is waited for
        for page in pages:
            page.evaluate("url => { window.location.href = url; }", link(server, code))
        histories: dict[int, list[tuple[float, str]]] = {i: [] for i in range(arrivals)}
        start = time.monotonic()
        while time.monotonic() - start < 240:
            waiting = [i for i in range(arrivals)
                       if not histories[i] or histories[i][-1][1] != "ready"]
            if not waiting:
                break
            for i in waiting:
                try:
                    state = pages[i].evaluate(LOOK)
                except Exception as error:
                    state = f"navigating ({type(error).__name__})"
                histories[i].append((round(time.monotonic() - start, 1), state))
            time.sleep(0.5)
        for context in contexts:
            context.close()

    blank = {i: h for i, h in histories.items()
             if any(state == "blank" or state.startswith("other") for _, state in h[2:])}
    assert not blank, f"pages left blank or without a word: {blank}"
    held = {i: h for i, h in histories.items() if longest_run(h, "opening") > 20}
    assert not held, f"pages still arriving for over 10 s with nothing to show: {held}"
    stuck = {i: h[-3:] for i, h in histories.items() if h[-1][1] != "ready"}
    assert not stuck, f"pages that never opened in 4 minutes: {stuck}"
    messages = {state for h in histories.values() for _, state in h
                if state.startswith("message")}
    assert any("Opening the workshop" in m for m in messages), messages
    # places in line, as each page was told them, only ever went down
    for history in histories.values():
        places = [int(re.search(r"(\d+) your place in line", state).group(1))
                  if "in line" in state and "Next" not in state else 1
                  for _, state in history if "in line" in state]
        assert places == sorted(places, reverse=True), history
    assert any("in line" in m for m in messages), messages


def test_a_page_whose_stream_stopped_short_tries_again_by_itself(tmp_path, people,
                                                                  artefacts):
    """The first answer is cut off before the page is complete (a server that fell over
    mid-way): the page says so, counts down, opens again, and this time the form is there."""
    started, code = serve(tmp_path)
    with started as server:
        context = people.new_context()
        page = context.new_page()
        cut = {"count": 0}

        def stop_short(route):
            if cut["count"] or "cx_pass" not in route.request.url:  # the lobby, then the app
                route.continue_()
                return
            cut["count"] += 1
            response = route.fetch(timeout=120_000)
            body = response.text()
            route.fulfill(status=200, headers=dict(response.headers),
                          body=body[: body.index('<div cell-index="1">')])

        page.route(re.compile(r"/voila/render/participant\.ipynb"), stop_short)
        page.set_viewport_size({"width": 375, "height": 740})
        page.goto(link(server, code), wait_until="commit")
        page.get_by_text("tries again by itself").wait_for(timeout=60_000)
        page.screenshot(path=artefacts / "trying-again-375.png")
        seen = watch(page, 90)
        context.close()

    states = [state for _, state in seen]
    assert states[-1] == "ready", seen[-5:]
    told = [s for s in states if "stopped before this page was ready" in s]
    assert told and "tries again by itself" in told[0], states
    assert cut["count"] == 1
    assert "blank" not in states[2:], seen


def kernel_in(page) -> str:
    return page.evaluate(
        "JSON.parse(document.getElementById('jupyter-config-data').textContent).kernelId")


def open_with_silence(tmp_path, people, silent, seconds: float):
    """Open the participants' link on a fresh server while `silent(kernel_id)` says
    which connections to a kernel nobody answers; what the page showed, the kernel it
    ended with, and the server's figures."""
    started, code = serve(tmp_path)
    with started as server:
        context = people.new_context()
        page = context.new_page()

        def route(ws):
            kernel = re.search(r"/api/kernels/([^/]+)/channels", ws.url)
            if kernel and silent(kernel.group(1)):
                return  # answered by nobody: the page waits, as on a hung connection
            ws.connect_to_server()

        page.route_web_socket(re.compile(r"/api/kernels/"), route)
        page.goto(link(server, code), wait_until="commit")
        seen = watch(page, seconds)
        kernel = kernel_in(page)
        figures = room_figures(server.url)
        context.close()
    states = [state for _, state in seen]
    assert states[-1] == "ready", seen[-5:]
    assert any("did not answer this page" in s for s in states), states
    assert "blank" not in states[2:], seen
    return kernel, figures


def test_a_page_whose_connection_hangs_reconnects_to_its_own_kernel(tmp_path, people):
    """The page arrives whole but its first connection to its kernel hangs (a network
    that dropped it): the page says so and opens again by itself, with the same kernel."""
    silenced: list[str] = []

    def first_connection(kernel: str) -> bool:
        silenced.append(kernel)
        return len(silenced) == 1

    kernel, figures = open_with_silence(tmp_path, people, first_connection, 150)
    assert kernel == silenced[0]  # the kernel it could not reach is the one it has now
    assert figures["lobby"]["renders"] == 1 and figures["lobby"]["reopens"] >= 1


def test_a_page_whose_kernel_never_answers_gets_a_new_one(tmp_path, people):
    """Every connection to the page's first kernel stays silent (a kernel that hung):
    opening again with the same kernel does not help, so the second time the page asks
    for a new kernel in its place, and opens."""
    first: list[str] = []

    def first_kernel(kernel: str) -> bool:
        first.append(kernel)
        return kernel == first[0]

    kernel, figures = open_with_silence(tmp_path, people, first_kernel, 200)
    assert kernel != first[0]
    assert figures["lobby"]["renders"] == 2  # the silent kernel was replaced, once
