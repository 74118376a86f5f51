"""A live workshop in real browsers: three participants and the facilitator, steps 3 to 12.

Each participant has their own isolated browser (own storage), one of them on a 375-px
phone screen; the facilitator runs the room from the Voila-served facilitator notebook.
"""

from __future__ import annotations

import re
import time
from dataclasses import dataclass

import pytest
from playwright.sync_api import expect

from cxwidgets.store import Editor, Store
from cxwidgets.testing import HOSTILE, overlapping

pytestmark = pytest.mark.browser

SOON = 15_000  # ms: what "within a couple of seconds" may take on a busy 2-core machine


@dataclass
class Live:
    workshop: str
    code: str
    token: str


@pytest.fixture
def live(kit) -> Live:
    with Store(kit.db) as store:
        created = store.create_workshop("Live claims workshop")
        f = Editor.facilitator(store, created.id, created.token)
        order = f.add("stages", {"name": "Order", "order": 0})
        deliver = f.add("stages", {"name": "Delivery", "order": 1})
        f.add("touchpoints", {"name": "Website", "stage_id": order})
        f.add("touchpoints", {"name": "Courier", "channel": "in_person", "stage_id": deliver})
        f.add("personas", {"name": "Pat", "agreed": True})
    return Live(created.id, created.join_code, created.token)


def join(people, kit, live: Live, name: str, function: str, phone: bool = False):
    size = {"width": 375, "height": 812} if phone else {"width": 1200, "height": 900}
    page = people.new_context(viewport=size, is_mobile=phone, has_touch=phone).new_page()
    page.set_default_timeout(60_000)
    page.goto(kit.participant_url(live.code))
    page.locator(".cx-join-name input").fill(name)
    page.select_option(".cx-join-function select", label=function)
    page.click("button.cx-join")
    expect(page.locator(".cx-room-heading")).to_contain_text("Step", timeout=60_000)
    return page


def room(page, key: str, selector: str = ""):
    return page.locator(f".cx-room-body .cx-step-{key} {selector}".strip())


def go(board, number: int) -> None:
    board.select_option(".cx-jump select", index=number - 1)
    expect(board.locator(".cx-heading")).to_contain_text(f"Step {number} of 16")


def everyone_on(pages, number: int) -> None:
    for page in pages:
        expect(page.locator(".cx-room-heading")).to_contain_text(f"Step {number} of 16",
                                                                 timeout=SOON)
    for page in pages:  # on a laptop and on a phone, no label crosses another field
        clean_layout(page)


def clean_layout(page, timeout: float = 5.0) -> None:
    deadline = time.monotonic() + timeout
    while (crossing := overlapping(page)) and time.monotonic() < deadline:
        time.sleep(0.25)
    assert crossing == [], f"{page.locator('.cx-room-heading').inner_text()}: {crossing}"


def test_three_participants_and_the_facilitator_run_steps_3_to_12(kit, people, browser,
                                                                   live, artefacts):
    board = browser.new_page()
    board.set_viewport_size({"width": 1400, "height": 1000})
    dialogs: list[str] = []
    board.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    board.goto(f"{kit.url}/voila/render/facilitator.ipynb?workshop={live.workshop}"
               f"&token={live.token}")
    board.locator(".cx-room-board").wait_for(timeout=90_000)
    ana = join(people, kit, live, "Ana", "Customer support")
    ben = join(people, kit, live, "Ben", "IT")
    cy = join(people, kit, live, "Cy", "Finance", phone=True)
    everyone = [ana, ben, cy]
    expect(board.locator(".cx-people")).to_contain_text("3 people joined", timeout=SOON)
    notes = board.locator(".cx-board-notes")

    go(board, 3)  # persona: a group draft
    everyone_on(everyone, 3)
    room(ana, "persona", ".cx-persona-group input").fill("Table 1")
    room(ana, "persona", ".cx-persona-name input").fill("Busy Bea")
    room(ana, "persona", "button.cx-add").click()
    expect(notes).to_contain_text("Busy Bea", timeout=SOON)

    go(board, 4)  # touchpoints, with hostile text
    everyone_on(everyone, 4)
    room(ben, "touchpoints", ".cx-tp-name input").fill(HOSTILE)
    room(ben, "touchpoints", ".cx-tp-stage select").select_option(index=1)
    room(ben, "touchpoints", "button.cx-add").click()
    expect(notes).to_contain_text(HOSTILE, timeout=SOON)  # shown as literal text
    assert board.locator(".cx-board-notes img").count() == 0 and dialogs == []

    go(board, 6)  # emotions
    everyone_on(everyone, 6)
    room(cy, "emotions", ".cx-touchpoint select").select_option(index=0)
    room(cy, "emotions", ".cx-score button").filter(has_text="bad").first.click()
    room(cy, "emotions", "button.cx-rate").click()
    expect(notes).to_contain_text("1 rating from 1 person", timeout=SOON)

    go(board, 7)  # pain points; then the facilitator closes the step
    everyone_on(everyone, 7)
    room(cy, "pains", ".cx-touchpoint select").select_option(index=1)
    room(cy, "pains", ".cx-text input").fill("Courier never rings")
    room(cy, "pains", "button.cx-add").click()
    expect(notes).to_contain_text("Courier never rings", timeout=SOON)
    board.click(".cx-lock")
    expect(ana.locator(".cx-room-heading")).to_contain_text("input closed", timeout=SOON)
    room(ana, "pains", ".cx-text input").fill("Too late")
    room(ana, "pains", "button.cx-add").click()
    expect(room(ana, "pains", ".cx-notice")).to_contain_text("locked step 7")

    go(board, 8)  # opportunities
    everyone_on(everyone, 8)
    room(ben, "opportunities", ".cx-text input").fill("Text a delivery window")
    room(ben, "opportunities", "button.cx-add").click()
    expect(notes).to_contain_text("Text a delivery window", timeout=SOON)

    go(board, 10)  # the map, on everyone's own screen
    everyone_on(everyone, 10)
    expect(cy.locator(".cx-journey-map svg").first).to_be_attached(timeout=60_000)

    go(board, 11)  # review: a comment
    everyone_on(everyone, 11)
    room(ana, "review", ".cx-comment input").fill("Courier is a partner, not us")
    room(ana, "review", "button.cx-add-comment").click()
    expect(notes).to_contain_text("Courier is a partner, not us", timeout=SOON)

    go(board, 12)  # dots, with the budget enforced
    everyone_on(everyone, 12)
    dot = room(ben, "prioritise", "button.cx-dot")
    for left in (4, 3, 2, 1, 0):
        dot.click()
        expect(room(ben, "prioritise", ".cx-dots-left")).to_contain_text(f"{left} of 5")
    dot.click()
    expect(room(ben, "prioritise", "> .cx-notice")).to_contain_text("no dots left")
    expect(notes).to_contain_text("5 votes from 1 person", timeout=SOON)

    ana.screenshot(path=str(artefacts / "participant-desktop.png"), full_page=True)
    cy.screenshot(path=str(artefacts / "participant-phone-375.png"), full_page=True)
    board.screenshot(path=str(artefacts / "facilitator-board.png"), full_page=True)
    width = cy.evaluate("document.documentElement.scrollWidth")
    assert width <= 380, f"the phone page scrolls sideways ({width} px)"

    with Store(kit.db) as store:
        ws = store.state(live.workshop)
    assert [t.name for t in ws.touchpoints if t.name == HOSTILE] == [HOSTILE]
    assert [p.text for p in ws.pain_points] == ["Courier never rings"]  # not "Too late"
    assert len([v for v in ws.votes if v.kind.value == "dot"]) == 5
    for page in (ana, ben, cy):
        assert "Traceback" not in page.content() and "participant_app(" not in page.content()
    board.close()


def test_a_forged_facilitator_link_is_refused(kit, people, live):
    page = people.new_context().new_page()
    page.goto(f"{kit.url}/voila/render/facilitator.ipynb?workshop={live.workshop}"
              "&token=forged-token")
    error = page.locator(".cx-app-error")
    expect(error).to_contain_text("token does not match", timeout=90_000)
    assert page.locator(".cx-stepper").count() == 0 and page.locator(".cx-lock").count() == 0
    with Store(kit.db) as store:
        assert store.state(live.workshop).current_step == "frame"
    assert re.search(r"Traceback|File \"", page.content()) is None
