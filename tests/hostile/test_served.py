"""Attacks made the way a hostile participant makes them: against a real `cxwidgets serve`,
through the lobby and the kernel's websocket, sending the widget messages a browser's
developer tools can send (a light page from cxwidgets.testing_page, no screen). Whatever
the page's widgets are made to say, the server keeps the rules."""

from __future__ import annotations

import asyncio
from pathlib import Path

import pytest

from cxwidgets.sample import create_sample
from cxwidgets.store import Editor, Store
from cxwidgets.testing import free_port, kit_server_command, run_async, voila_server
from cxwidgets.testing_page import LightPage

pytestmark = pytest.mark.browser  # a real server, its kernels and their websockets


@pytest.fixture(scope="module")
def served(tmp_path_factory):
    folder = tmp_path_factory.mktemp("hostile-served")
    db = folder / "w.sqlite"
    with Store(db) as store:
        created = create_sample(store, db)
    port = free_port()
    with voila_server(kit_server_command(db, port), port, folder / "voila.log") as server:
        yield server, db, created


def facilitator(db: Path, created) -> Editor:
    return Editor.facilitator(Store(db), created.id, created.token)


async def joined(base: str, code: str, name: str) -> LightPage:
    page = LightPage(base)
    await page.open(f"/voila/render/participant.ipynb?code={code}", timeout=180)
    page.set(await page.wait_for("cx-join-name", 120), value=name)
    page.click(await page.wait_for("cx-join", 30))
    await page.wait_for("cx-welcome", 60)
    return page


def test_dots_sent_to_a_step_the_room_has_left_are_not_saved(served):
    """The room was at step 12 when Mallory joined, so her kernel holds the dot button;
    the facilitator moves the room back to step 4, and three clicks sent to that button
    over the websocket save nothing."""
    server, db, created = served
    facilitator(db, created).open_step("prioritise")

    async def attack() -> tuple[int, int]:
        page = await joined(server.url, created.join_code, "Mallory")
        dot = await page.wait_for("cx-dot", 60)
        facilitator(db, created).open_step("touchpoints")
        await page.wait_for("cx-tp-name", 60)  # her page follows the room to step 4
        with Store(db) as store:
            me = next(p.id for p in store.state(created.id).participants
                      if p.name == "Mallory")
        for _ in range(3):
            page.click(dot)
        await asyncio.sleep(3)
        with Store(db) as store:
            mine = [v for v in store.state(created.id).votes if v.voter == me]
        await page.close()
        return len(mine), page.received

    saved, received = run_async(attack())
    assert received > 0  # the page was connected and heard its kernel
    assert saved == 0


def test_three_hundred_joins_from_one_page_seat_one_person(served):
    server, db, created = served
    facilitator(db, created).open_step("touchpoints")

    async def flood() -> int:
        page = LightPage(server.url)
        await page.open(f"/voila/render/participant.ipynb?code={created.join_code}",
                        timeout=180)
        name, join = await page.wait_for("cx-join-name", 120), await page.wait_for("cx-join", 30)
        for k in range(300):
            page.set(name, value=f"Bot {k}")
            page.click(join)
        await asyncio.sleep(5)
        await page.close()
        with Store(db) as store:
            return sum(p.name.startswith("Bot ") for p in store.state(created.id).participants)

    assert run_async(flood()) == 1


@pytest.mark.parametrize("name", ["Facilitator", "ＦＡＣＩＬＩＴＡＴＯＲ", "Customer evidence"])
def test_a_name_that_passes_for_a_role_is_refused_with_a_word(served, name):
    server, db, created = served

    async def pose() -> tuple[str, bool]:
        page = LightPage(server.url)
        await page.open(f"/voila/render/participant.ipynb?code={created.join_code}",
                        timeout=180)
        page.set(await page.wait_for("cx-join-name", 120), value=name)
        page.click(await page.wait_for("cx-join", 30))
        await asyncio.sleep(3)
        said = " ".join(str(m["state"].get("value", "")) for m in page.models.values()
                        if "cx-error" in str(m["state"].get("value", "")))
        welcomed = page.find("cx-welcome") is not None
        await page.close()
        return said, welcomed

    said, welcomed = run_async(pose())
    assert not welcomed and said
    with Store(db) as store:
        names = {p.name.casefold() for p in store.state(created.id).participants}
    assert name.casefold() not in names
