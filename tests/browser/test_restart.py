"""The Voila server restarted in the middle of a workshop (a laptop's lid closed, the
process killed): participants reload and are recognised as themselves, and the board
shows everything the room added before and after."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from cxwidgets.store import Editor, Store
from cxwidgets.testing import free_port, kit_server_command, voila_server

pytestmark = pytest.mark.browser

SOON = 20_000


def test_participants_are_recognised_after_the_server_restarts(people, tmp_path, artefacts):
    db = tmp_path / "w.sqlite"
    with Store(db) as store:
        created = store.create_workshop("Restart")
        f = Editor.facilitator(store, created.id, created.token)
        stage = f.add("stages", {"name": "Order"})
        tp = f.add("touchpoints", {"name": "Checkout", "stage_id": stage})
        f.open_step("pains")
    port = free_port()  # the same address before and after, as on the day
    cmd = [*kit_server_command(db, port), "--preheat", "0"]
    ana = people.new_context(viewport={"width": 1200, "height": 900}).new_page()
    ana.set_default_timeout(60_000)

    def add_pain(text: str) -> None:
        form = ana.locator(".cx-room-body .cx-step-pains")
        form.locator(".cx-touchpoint select").select_option(label="Order · Checkout")
        form.locator(".cx-text input, .cx-text textarea").first.fill(text)
        form.locator("button.cx-add").click()

    with voila_server(cmd, port, tmp_path / "before.log") as server:
        ana.goto(f"{server.url}/voila/render/participant.ipynb?code={created.join_code}")
        ana.locator(".cx-join-name input").fill("Ana")
        ana.click("button.cx-join")
        expect(ana.locator(".cx-welcome")).to_contain_text("Welcome, Ana", timeout=60_000)
        add_pain("Card refused twice")
        expect(ana.locator(".cx-step-pains")).to_contain_text("Card refused twice",
                                                               timeout=SOON)
    # the server is gone (its kernels with it) and comes back at the same address
    with voila_server(cmd, port, tmp_path / "after.log") as server:
        ana.reload()
        expect(ana.locator(".cx-welcome")).to_contain_text("Welcome, Ana", timeout=60_000)
        add_pain("No receipt by email")
        board = people.new_context(viewport={"width": 1440, "height": 900}).new_page()
        board.set_default_timeout(60_000)
        board.goto(f"{server.url}/voila/render/facilitator.ipynb?workshop={created.id}"
                   f"&token={created.token}")
        notes = board.locator(".cx-room-board")
        notes.wait_for(timeout=120_000)  # a fresh kernel (none is kept warm) opens the page
        for text in ("Card refused twice", "No receipt by email"):
            expect(notes).to_contain_text(text, timeout=SOON)
        board.screenshot(path=str(artefacts / "board-after-restart.png"), full_page=True)
    with Store(db) as store:
        ws = store.state(created.id)
    (person,) = ws.participants  # recognised: no second Ana
    assert [(p.text, p.created_by, p.touchpoint_id) for p in ws.pain_points] == [
        ("Card refused twice", person.id, tp), ("No receipt by email", person.id, tp)]
