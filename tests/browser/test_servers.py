"""A room bigger than one machine: three Voila servers share nothing but a PostgreSQL store.

Participants are spread over the servers by the link they were given (tables 1-3 get
server A's link, tables 4-6 server C's), and the facilitator runs the room from a third,
as when a room of 80 is served by three machines. Each page's kernel only follows the
store, so what one person does must reach the others through PostgreSQL alone: the
facilitator's step change reaches participants on both other servers, and touchpoints
added on A and on C both reach the facilitator's inventory on B.
"""

from __future__ import annotations

import time
from contextlib import ExitStack
from dataclasses import dataclass

import pytest
from playwright.sync_api import expect

from cxwidgets.store import Created, Editor, Store
from cxwidgets.testing import VoilaServer, free_port, kit_server_command, voila_server
from cxwidgets.testing_pg import fresh_database

pytestmark = pytest.mark.browser

SOON = 15_000  # ms: "within a few seconds", with room for a busy 2-core machine


@dataclass
class Servers:
    a: VoilaServer
    b: VoilaServer
    c: VoilaServer
    url: str
    created: Created


def _server(stack: ExitStack, url: str, folder, name: str) -> VoilaServer:
    port = free_port()
    # no warm kernels: three servers' pools would only load the test machine
    return stack.enter_context(voila_server(
        [*kit_server_command(url, port), "--preheat", "0"], port, folder / f"{name}.log"))


@pytest.fixture(scope="module")
def servers(postgres_url, tmp_path_factory):
    folder = tmp_path_factory.mktemp("servers")
    with fresh_database(postgres_url, prefix="cx_servers") as url:
        with Store(url) as store:
            created = store.create_workshop("Three servers, one room")
            f = Editor.facilitator(store, created.id, created.token)
            f.add("stages", {"name": "Order", "order": 0})
            f.add("stages", {"name": "Delivery", "order": 1})
        with ExitStack() as stack:
            a, b, c = (_server(stack, url, folder, name) for name in "abc")
            yield Servers(a, b, c, url, created)


def join(people, server: VoilaServer, code: str, name: str):
    page = people.new_context(viewport={"width": 1200, "height": 900}).new_page()
    page.set_default_timeout(60_000)
    page.goto(f"{server.url}/voila/render/participant.ipynb?code={code}")
    page.locator(".cx-join-name input").fill(name)
    page.click("button.cx-join")
    return page


def add_touchpoint(page, name: str) -> float:
    form = page.locator(".cx-step-touchpoints")
    expect(form.locator(".cx-tp-name input")).to_be_visible(timeout=60_000)  # followed B
    form.locator(".cx-tp-name input").fill(name)
    form.locator(".cx-tp-stage select").select_option(index=1)
    form.locator("button.cx-add").click()
    return time.monotonic()


def test_participants_on_two_servers_reach_the_facilitator_on_a_third(servers, people,
                                                                      artefacts):
    created = servers.created
    assert len({servers.a.port, servers.b.port, servers.c.port}) == 3

    board = people.new_context(viewport={"width": 1440, "height": 900}).new_page()
    board.set_default_timeout(60_000)
    board.goto(f"{servers.b.url}/voila/render/facilitator.ipynb?workshop={created.id}"
               f"&token={created.token}")
    board.locator(".cx-jump select").wait_for(timeout=90_000)
    board.select_option(".cx-jump select", label="4. Touchpoints")
    expect(board.locator(".cx-heading")).to_contain_text("Step 4 of 16")

    ana = join(people, servers.a, created.join_code, "Ana on server A")
    cy = join(people, servers.c, created.join_code, "Cy on server C")
    inventory = board.locator(".cx-step-touchpoints .cx-list")
    lags = []
    for page, name in ((ana, "Parcel locker"), (cy, "Doorstep photo")):
        started = add_touchpoint(page, name)
        expect(inventory).to_contain_text(name, timeout=SOON)
        lags.append(time.monotonic() - started)
    # and each participant sees the other's, through the store alone
    expect(ana.locator(".cx-step-touchpoints")).to_contain_text("Doorstep photo",
                                                                timeout=SOON)

    board.screenshot(path=str(artefacts / "facilitator-on-server-b.png"), full_page=True)
    ana.screenshot(path=str(artefacts / "participant-on-server-a.png"), full_page=True)
    cy.screenshot(path=str(artefacts / "participant-on-server-c.png"), full_page=True)
    with Store(servers.url) as store:
        ws = store.state(created.id)
    by_name = {p.name: p.id for p in ws.participants}
    assert sorted((t.name, t.created_by) for t in ws.touchpoints) == sorted([
        ("Parcel locker", by_name["Ana on server A"]),
        ("Doorstep photo", by_name["Cy on server C"])])
    for page in (board, ana, cy):
        assert "Traceback" not in page.content()
    print(f"touchpoints seen on server B after {', '.join(f'{s:.1f}' for s in lags)} s")
    assert max(lags) < SOON / 1000
    for page in (board, ana, cy):
        page.context.close()
