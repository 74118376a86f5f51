"""The lobby in a real `cxwidgets serve`, driven over HTTP as browsers and scripts would:
a request costs no kernel before its turn, a person who opens the page again gets their
own kernel back, pages open in turn and are told their place, and kernels nobody comes
for are given back."""

from __future__ import annotations

import asyncio
import contextlib
import json
import threading
import time
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import psutil
import pytest

from cxwidgets.sample import create_sample
from cxwidgets.serve import serve_env, voila_command
from cxwidgets.store import Store
from cxwidgets.testing import (
    LOBBY_MARK,
    Visitor,
    VoilaServer,
    free_port,
    kit_server_command,
    room_figures,
    run_async,
    voila_server,
)

KERNEL_ID = '"kernelId": "'


def sample(folder: Path) -> tuple[Path, str]:
    db = folder / "w.sqlite"
    with Store(db) as store:
        return db, create_sample(store, db).join_code


def kernel_processes(server: VoilaServer) -> int:
    count = 0
    for proc in psutil.Process(server.process.pid).children(recursive=True):
        with contextlib.suppress(psutil.NoSuchProcess, psutil.ZombieProcess):
            count += "ipykernel" in " ".join(proc.cmdline())
    return count


def wait_until(test, timeout: float, what: str):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if value := test():
            return value
        time.sleep(0.25)
    raise AssertionError(f"{what} within {timeout:.0f} s")


def kernel_of(page: str) -> str:
    start = page.index(KERNEL_ID) + len(KERNEL_ID)
    return page[start:start + 36]


def settled(server: VoilaServer, kernels: int, timeout: float = 120) -> None:
    wait_until(lambda: kernel_processes(server) == kernels
               and room_figures(server.url)["kernels"]["starting"] == 0,
               timeout, f"{kernels} kernels, none starting")


def test_plain_requests_cost_no_kernel_and_the_pool_is_never_grown_by_them(tmp_path):
    """300 GETs of the participants' link (link previews, scripts, a hostile host on the
    network): each gets the small lobby page; no kernel is started or handed out."""
    db, code = sample(tmp_path)
    port = free_port()
    with voila_server(kit_server_command(db, port), port, tmp_path / "voila.log") as server:
        settled(server, 3)  # two kept warm for participants, one for the facilitator
        url = f"{server.url}/voila/render/participant.ipynb?code={code}"
        peak = {"kernels": 0}
        done = threading.Event()

        def watch() -> None:
            while not done.is_set():
                peak["kernels"] = max(peak["kernels"], kernel_processes(server))
                time.sleep(0.1)

        watcher = threading.Thread(target=watch)
        watcher.start()
        with ThreadPoolExecutor(max_workers=20) as pool:
            answers = list(pool.map(lambda _: Visitor().get(url), range(300)))
        done.set()
        watcher.join()
        figures = room_figures(server.url)

    assert {status for status, _ in answers} == {200}
    assert all(LOBBY_MARK in page and KERNEL_ID not in page for _, page in answers)
    assert max(len(page) for _, page in answers) < 16_000
    assert peak["kernels"] == 3
    started = figures["kernels"]["started"]
    assert started == {"participant.ipynb": 2, "facilitator.ipynb": 1}, figures
    assert figures["lobby"]["renders"] == 0


def test_a_person_opening_the_page_again_gets_their_own_kernel_back(tmp_path):
    db, code = sample(tmp_path)
    port = free_port()
    with voila_server(kit_server_command(db, port), port, tmp_path / "voila.log") as server:
        settled(server, 3)
        url = f"{server.url}/voila/render/participant.ipynb?code={code}"
        person, other = Visitor(), Visitor()
        status, page = person.open(url)
        assert status == 200 and "widget-view+json" in page
        kernels = {kernel_of(person.open(url)[1]) for _ in range(20)}
        assert kernels == {kernel_of(page)}
        assert kernel_of(other.open(url)[1]) != kernel_of(page)
        settled(server, 4)  # two seated, and the warm ones refilled to two... less one
        figures = room_figures(server.url)

    lobby, started = figures["lobby"], figures["kernels"]["started"]
    assert lobby["renders"] == 2 and lobby["reopens"] == 20
    assert started["participant.ipynb"] <= 2 + 2  # the pool of two, and its refills


def test_pages_open_in_turn_and_each_is_told_its_place(tmp_path):
    """No warm kernels and one page opened at a time: five people arriving together wait
    in line, are told places that only go down, and open in the order they came."""
    db, code = sample(tmp_path)
    port = free_port()
    cmd = [*kit_server_command(db, port), "--preheat", "0", "--admit-at-once", "1"]
    with voila_server(cmd, port, tmp_path / "voila.log") as server:
        url = f"{server.url}/voila/render/participant.ipynb?code={code}"
        people = [Visitor() for _ in range(5)]
        opened: list[int] = []

        def come(k: int) -> str:
            time.sleep(0.2 * k)  # in this order
            page = people[k].open(url)[1]
            opened.append(k)
            return page

        with ThreadPoolExecutor(max_workers=5) as pool:
            pages = list(pool.map(come, range(5)))
        figures = room_figures(server.url)

    assert all("widget-view+json" in page for page in pages)
    assert len({kernel_of(page) for page in pages}) == 5
    assert figures["kernels"]["started"] == {"participant.ipynb": 5}
    assert opened == sorted(opened)
    for person in people[2:]:
        assert person.places and person.places == sorted(person.places, reverse=True)
    assert max(people[4].places) >= 3


def test_a_page_that_is_closed_gives_its_kernel_back_after_a_short_wait(tmp_path):
    db, code = sample(tmp_path)
    port = free_port()
    cmd = [*kit_server_command(db, port), "--page-return", "3"]
    with voila_server(cmd, port, tmp_path / "voila.log") as server:
        settled(server, 3)
        url = f"{server.url}/voila/render/participant.ipynb?code={code}"
        person = Visitor()
        kernel = kernel_of(person.open(url)[1])
        settled(server, 4)
        leave = urllib.request.Request(f"{server.url}/cx/page/{kernel}/leave", data=b"{}",
                                       headers={"Content-Type": "application/json"})
        with urllib.request.urlopen(leave) as answer:
            assert answer.status == 200
        wait_until(lambda: json.load(urllib.request.urlopen(
            f"{server.url}/cx/page/{kernel}"))["kernel"] == "gone", 20, "kernel given back")
        assert kernel_of(person.open(url)[1]) != kernel  # back later: a new kernel
        assert room_figures(server.url)["lobby"]["reclaimed"] == 1


def test_a_page_that_never_connects_gives_its_kernel_back(tmp_path):
    """A script that goes through the lobby and takes the page, but never opens the
    kernel's connection: its kernel is given back (here after 5 s; a minute by default)."""
    db, code = sample(tmp_path)
    port = free_port()
    cmd = [*voila_command(port), "--RoomVoila.first_connect_within=5"]
    with voila_server(cmd, port, tmp_path / "voila.log", env=serve_env(db)) as server:
        url = f"{server.url}/voila/render/participant.ipynb?code={code}"
        Visitor().open(url)
        # (watched through the server's figures: asking after the page is a sign of life)
        wait_until(lambda: room_figures(server.url)["lobby"]["reclaimed"] == 1, 30,
                   "kernel given back")
        assert room_figures(server.url)["kernels"]["alive_total"] == 0


@pytest.fixture(scope="module")
def served(tmp_path_factory) -> tuple[VoilaServer, str]:
    folder = tmp_path_factory.mktemp("lobby")
    db, code = sample(folder)
    port = free_port()
    with voila_server(kit_server_command(db, port), port, folder / "voila.log") as server:
        yield server, code


def test_one_address_opening_page_after_page_is_slowed_with_a_word(served):
    server, code = served
    if True:
        answers = []
        for _ in range(25):
            request = urllib.request.Request(
                f"{server.url}/cx/lobby", data=json.dumps(
                    {"app": "participant.ipynb", "query": f"code={code}"}).encode(),
                headers={"Content-Type": "application/json"})
            try:
                with urllib.request.urlopen(request) as answer:
                    answers.append((answer.status, json.load(answer)))
            except urllib.error.HTTPError as error:
                answers.append((error.code, json.load(error)))
    refused = [a for status, a in answers if status == 429]
    assert len(refused) == 5
    assert "from one address" in refused[0]["failure"] and refused[0]["retry_s"] > 0


@pytest.mark.parametrize("body", [b"not json", b"[]", b'{"app": "segment_report.ipynb"}'])
def test_the_lobby_refuses_what_is_not_a_request_for_an_app(served, body):
    server, _ = served
    if True:
        request = urllib.request.Request(f"{server.url}/cx/lobby", data=body,
                                         headers={"Content-Type": "application/json"})
        with pytest.raises(urllib.error.HTTPError) as refused:
            urllib.request.urlopen(request)
        assert refused.value.code in (400, 404)


async def hold_connection(base: str, kernel_id: str, seconds: float) -> bool:
    """Keep a page's connection to its kernel for `seconds`, asking something now and
    then and answering the server's pings as browsers do; True if it is still open."""
    from tornado.websocket import websocket_connect

    ws = await websocket_connect(
        base.replace("http", "ws", 1) + f"/api/kernels/{kernel_id}/channels?session_id=held",
        subprotocols=["v1.kernel.websocket.jupyter.org"])
    closed = asyncio.Event()

    async def read() -> None:
        while await ws.read_message() is not None:
            pass
        closed.set()

    reader = asyncio.ensure_future(read())
    with contextlib.suppress(TimeoutError):
        await asyncio.wait_for(closed.wait(), seconds)
    still_open = not closed.is_set()
    ws.close()
    reader.cancel()
    return still_open


def test_a_connected_page_keeps_its_connection_through_the_servers_pings(tmp_path):
    """Pings every 2 s here (a 12 s page-gone limit): a page that answers them keeps its
    connection for as long as it likes."""
    db, code = sample(tmp_path)
    port = free_port()
    cmd = [*kit_server_command(db, port), "--page-gone", "12"]
    with voila_server(cmd, port, tmp_path / "voila.log") as server:
        kernel = kernel_of(Visitor().open(
            f"{server.url}/voila/render/participant.ipynb?code={code}")[1])
        assert run_async(hold_connection(server.url, kernel, 15))
        log = server.log.read_text()
    assert "ping timeout" not in log and "cannot be longer" not in log
    # nothing a facilitator could act on
    for noise in ("is not trusted", "without encryption", "DeprecationWarning"):
        assert noise not in log, noise
