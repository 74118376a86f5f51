"""A room of slow devices in real Chromium: pages whose CPU runs four times slower (the
DevTools throttling), arriving together on a server that opens one page at a time. Each
person is told an honest place in line, pages open in that order, and however often a
page reloads, each person has one kernel."""

from __future__ import annotations

import re
import time

import pytest

from cxwidgets.sample import create_sample
from cxwidgets.store import Store
from cxwidgets.testing import free_port, kit_server_command, room_figures, voila_server

pytestmark = pytest.mark.browser

PEOPLE = 6
#: Reports each place in line and each estimate the lobby page shows, as it shows them.
WATCH_LOBBY = """window.addEventListener('DOMContentLoaded', () => {
  const number = document.getElementById('cx-lobby-number');
  const detail = document.getElementById('cx-lobby-detail');
  if (!number) { return; }
  new MutationObserver(() => console.log('cx-lobby ' + number.textContent + ' | ' +
                                         detail.textContent))
    .observe(document.getElementById('cx-lobby'),
             {childList: true, characterData: true, subtree: true});
});"""
READY = ".cx-join-name input"


def place(told: str) -> int:
    number = told.split(" | ")[0]
    return 1 if number == "Next" else int(re.match(r"\d+", number).group(0))


def test_slow_pages_wait_their_honest_turn_and_keep_one_kernel_each(tmp_path, people,
                                                                     artefacts):
    db = tmp_path / "w.sqlite"
    with Store(db) as store:
        code = create_sample(store, db).join_code
    port = free_port()
    cmd = [*kit_server_command(db, port), "--preheat", "0", "--admit-at-once", "1"]
    with voila_server(cmd, port, tmp_path / "voila.log") as server:
        url = f"{server.url}/voila/render/participant.ipynb?code={code}"
        pages, told, left_lobby = [], [], []
        for _ in range(PEOPLE):
            context = people.new_context(viewport={"width": 375, "height": 740})
            page = context.new_page()
            page.set_default_timeout(240_000)
            context.new_cdp_session(page).send("Emulation.setCPUThrottlingRate", {"rate": 4})
            page.add_init_script(WATCH_LOBBY)
            said: list[str] = []
            page.on("console", lambda m, said=said: said.append(m.text[9:])
                    if m.text.startswith("cx-lobby ") else None)
            left: list[float] = []
            page.on("request", lambda r, left=left: left.append(time.monotonic())
                    if "cx_pass=" in r.url and r.is_navigation_request() else None)
            pages.append(page)
            told.append(said)
            left_lobby.append(left)
        for page in pages:  # all ask in the same moment
            page.evaluate("u => { window.location.href = u; }", url)
        shot = False
        for k, page in enumerate(pages):
            if not shot and k == PEOPLE - 1 and not left_lobby[k]:
                page.locator("#cx-lobby-number").wait_for(state="visible")
                page.screenshot(path=artefacts / "lobby-slow-375.png")
                shot = True
        for page in pages:
            page.locator(READY).wait_for()
        kernels = [page.evaluate("JSON.parse(document.getElementById("
                                 "'jupyter-config-data').textContent).kernelId")
                   for page in pages]
        for page in pages:  # everyone reloads: each gets their own kernel back
            page.reload(wait_until="commit")
        for page in pages:
            page.locator(READY).wait_for()
        again = [page.evaluate("JSON.parse(document.getElementById("
                               "'jupyter-config-data').textContent).kernelId")
                 for page in pages]
        figures = room_figures(server.url)
        for page in pages:
            page.context.close()

    assert again == kernels and len(set(kernels)) == PEOPLE
    assert figures["kernels"]["started"] == {"participant.ipynb": PEOPLE}
    assert figures["lobby"]["renders"] == PEOPLE
    # the places each page was told only went down, and pages left the lobby in the
    # order of the places they were first told
    waited = [k for k in range(PEOPLE) if told[k]]
    assert len(waited) >= PEOPLE - 2, told
    for k in waited:
        places = [place(t) for t in told[k]]
        assert places == sorted(places, reverse=True), told[k]
        assert "Yours opens in" in told[k][0]
    by_first_place = sorted(waited, key=lambda k: place(told[k][0]))
    assert by_first_place == sorted(waited, key=lambda k: left_lobby[k][0]), (told, left_lobby)
    assert max(place(told[k][0]) for k in waited) >= PEOPLE - 2
