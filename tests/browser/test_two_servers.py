"""Two Voila servers behind one workshop: they share nothing but a PostgreSQL store.

The participant's browser talks to one server, the facilitator's to the other, as when
a room of 40 is spread over two machines. Each page's kernel only polls the store, so
what one person does must reach the other through PostgreSQL alone, both ways: the
facilitator's step change reaches the participant, the participant's touchpoint reaches
the facilitator's inventory.
"""

from __future__ import annotations

import os
import time
from dataclasses import dataclass

import pytest
from playwright.sync_api import expect

from cxwidgets.store import Created, Editor, Store
from cxwidgets.testing import VoilaServer, free_port, kit_server_command, voila_server
from cxwidgets.testing_pg import fresh_database, missing, shared_postgres_server

pytestmark = pytest.mark.browser

SOON = 15_000  # ms: "within a few seconds", with room for a busy 2-core machine


@dataclass
class TwoServers:
    a: VoilaServer
    b: VoilaServer
    url: str
    created: Created


@pytest.fixture(scope="module")
def postgres_url():
    why = missing()
    if why:
        if os.environ.get("CI", "").lower() in {"1", "true", "yes"}:
            pytest.fail(f"CI needs PostgreSQL for the two-server test: {why}", pytrace=False)
        pytest.skip(why)
    with shared_postgres_server() as url:
        yield url


@pytest.fixture(scope="module")
def two_servers(postgres_url, tmp_path_factory):
    folder = tmp_path_factory.mktemp("two-servers")
    with fresh_database(postgres_url, prefix="cx_two_servers") as url:
        with Store(url) as store:
            created = store.create_workshop("Two servers, one room")
            f = Editor.facilitator(store, created.id, created.token)
            f.add("stages", {"name": "Order", "order": 0})
            f.add("stages", {"name": "Delivery", "order": 1})
        port_a = free_port()
        with voila_server(kit_server_command(url, port_a), port_a, folder / "a.log") as a:
            port_b = free_port()
            with voila_server(kit_server_command(url, port_b), port_b,
                              folder / "b.log") as b:
                yield TwoServers(a, b, url, created)


def test_a_participant_on_one_server_reaches_the_facilitator_on_the_other(two_servers,
                                                                         browser, artefacts):
    two = two_servers
    created = two.created
    assert two.a.port != two.b.port

    board = browser.new_page()
    board.set_default_timeout(60_000)
    board.goto(f"{two.b.url}/voila/render/facilitator.ipynb?workshop={created.id}"
               f"&token={created.token}")
    board.locator(".cx-jump select").wait_for(timeout=90_000)
    board.select_option(".cx-jump select", label="4. Touchpoints")
    expect(board.locator(".cx-heading")).to_contain_text("Step 4 of 16")

    person = browser.new_page()
    person.set_default_timeout(60_000)
    person.goto(f"{two.a.url}/voila/render/participant.ipynb?code={created.join_code}")
    person.locator(".cx-join-code input").fill(created.join_code)
    person.locator(".cx-join-name input").fill("Ana on server A")
    person.click("button.cx-join")
    form = person.locator(".cx-step-touchpoints")
    expect(form.locator(".cx-tp-name input")).to_be_visible(timeout=60_000)  # followed B

    form.locator(".cx-tp-name input").fill("Parcel locker")
    form.locator(".cx-tp-stage select").select_option(index=1)
    started = time.monotonic()
    form.locator("button.cx-add").click()
    inventory = board.locator(".cx-step-touchpoints .cx-list")
    expect(inventory).to_contain_text("Parcel locker", timeout=SOON)
    seen_after = time.monotonic() - started

    board.screenshot(path=str(artefacts / "facilitator-on-server-b.png"), full_page=True)
    person.screenshot(path=str(artefacts / "participant-on-server-a.png"), full_page=True)
    with Store(two.url) as store:
        ws = store.state(created.id)
    (ana,) = ws.participants
    assert [(t.name, t.created_by) for t in ws.touchpoints] == [("Parcel locker", ana.id)]
    for page in (board, person):
        assert "Traceback" not in page.content()
    print(f"touchpoint added on server A seen on server B after {seen_after:.1f} s")
    assert seen_after < SOON / 1000
    board.close()
    person.close()
