"""The live map in real browsers: clicks open the side panel, an add shows on another
participant's map, and a phone gets the map a stage at a time without sideways scroll.

Cards are found by the words the map gives screen readers (`aria-label`); an empty cell
by its mark group (`cell_<lane>_marks`). Clicks are real mouse clicks in Chromium on
the Vega drawing, reaching Python through the chart's selection."""

from __future__ import annotations

import time
from dataclasses import dataclass

import pytest
from playwright.sync_api import expect

from cxwidgets.store import Editor, Store
from tests.browser.pages import no_sideways_scroll

pytestmark = pytest.mark.browser

SOON = 15_000


@dataclass
class Room:
    workshop: str
    code: str
    token: str
    stages: list[str]


@pytest.fixture
def room(kit) -> Room:
    with Store(kit.db) as store:
        created = store.create_workshop("Live map workshop")
        f = Editor.facilitator(store, created.id, created.token)
        order = f.add("stages", {"name": "Order", "order": 0})
        deliver = f.add("stages", {"name": "Delivery", "order": 1})
        web = f.add("touchpoints", {"name": "Website", "stage_id": order})
        f.add("touchpoints", {"name": "Courier", "channel": "in_person",
                              "stage_id": deliver})
        f.add("personas", {"name": "Pat", "agreed": True})
        pain = f.add("pain_points", {"touchpoint_id": web, "text": "Checkout times out",
                                     "evidence": ["It froze", "It froze", "Lost my cart"]})
        f.add("opportunities", {"touchpoint_id": web, "text": "Save the cart"})
        f.add("backstage", {"touchpoint_id": web, "name": "Payment gateway",
                            "owner": "it"})
        f.add("emotions", {"touchpoint_id": web, "score": -1, "word": "annoyed"})
        goal = f.add("goals", {"title": "Fewer lost orders"})
        f.add("actions", {"title": "Raise the timeout", "owner": "Amara",
                          "due": "2027-01-10", "linked_ids": [pain], "goal_ids": [goal]})
        f.open_step("pains")
    return Room(created.id, created.join_code, created.token, [order, deliver])


def reports(page) -> list[str]:
    """Every message the page sends its kernel that reports a drawn chart (the chart's
    selections, none made, as `JupyterChart`'s script sends them after each drawing)."""
    found: list[str] = []

    def sent(frame) -> None:
        text = frame if isinstance(frame, str) else frame.decode("utf-8", "replace")
        if '"_vl_selections"' in text and '"value": {}' in text.replace('":{}', '": {}'):
            found.append(text)

    page.on("websocket", lambda ws: ws.on("framesent", sent))
    return found


def join(people, kit, room: Room, name: str, width: int, phone: bool = False):
    page = people.new_context(viewport={"width": width, "height": 900 if not phone else 812},
                              is_mobile=phone, has_touch=phone).new_page()
    page.set_default_timeout(60_000)
    page.reported = reports(page)  # from the start: the kernel's websocket opens once
    page.goto(kit.participant_url(room.code))
    page.locator(".cx-join-name input").fill(name)
    page.click("button.cx-join")
    expect(page.locator(".cx-room-heading")).to_contain_text("Step 7", timeout=90_000)
    return page


def drawn(page) -> None:
    """The live map is drawn on the page (its Vega SVG is there)."""
    page.locator(".cx-live-chart.cx-has-chart svg.marks").wait_for(timeout=60_000)


def card(page, words: str):
    return page.locator(f".cx-live-chart svg [aria-label^='{words}']").first


def panel(page):
    return page.locator(".cx-map-panel.cx-panel-open")


def close_panel(page) -> None:
    panel(page).locator("button.cx-panel-close").click()
    expect(panel(page)).to_have_count(0)


def test_clicking_each_kind_of_element_opens_its_panel(kit, people, room, artefacts):
    ana = join(people, kit, room, "Ana", 1440)
    drawn(ana)
    no_sideways_scroll(ana)
    ana.screenshot(path=str(artefacts / "participant-1440.png"), full_page=True)
    expected = {
        "Stage 1: Order": ["Stage: Order", "Website"],
        "Touchpoint 1: Website": ["Touchpoint: Website", "“It froze” ×2", "Lost my cart"],
        "Pain point: Checkout times out": ["Raise the timeout", "Fewer lost orders",
                                           "“It froze” ×2"],
        "Opportunity: Save the cart": ["Opportunity: Save the cart"],
        "Backstage: Payment gateway": ["Backstage process: Payment gateway", "IT"],
        "Feeling at Website": ["Feelings at Website", "annoyed"],
    }
    for label, words in expected.items():
        card(ana, label).click(force=True)  # the card's text lies over it: the click is
        opened = panel(ana)                 # the card's all the same (one scope)
        for word in words:
            expect(opened).to_contain_text(word, timeout=SOON)
        name = label.split(":")[0].split(" ")[0].lower()
        ana.screenshot(path=str(artefacts / f"panel-{name}.png"))
        close_panel(ana)
    # the same card twice in a row opens twice
    card(ana, "Opportunity: Save the cart").click(force=True)
    expect(panel(ana)).to_contain_text("Save the cart", timeout=SOON)
    close_panel(ana)
    card(ana, "Opportunity: Save the cart").click(force=True)
    expect(panel(ana)).to_contain_text("Save the cart", timeout=SOON)


def test_an_add_on_an_empty_cell_shows_on_another_participants_map(kit, people, room,
                                                                   artefacts):
    ana = join(people, kit, room, "Ana", 1440)
    ben = join(people, kit, room, "Ben", 1440)
    drawn(ana)
    drawn(ben)
    ben_reported = ben.reported
    before = len(ben_reported)
    cells = ana.locator(".cx-live-chart svg g.cell_pain_points_marks path")
    expect(cells).to_have_count(2)
    cells.nth(1).click(force=True)  # Delivery's pain points: empty
    form = panel(ana)
    expect(form).to_contain_text("Add a pain point · Delivery", timeout=SOON)
    form.locator(".cx-panel-text input").fill("Parcel left in the rain")
    form.locator("button.cx-panel-add").click()
    expect(form).to_contain_text("Added to Delivery", timeout=SOON)
    shown = ben.locator(".cx-live-chart svg [aria-label^='Pain point: Parcel left in the rain']")
    expect(shown).to_have_count(1, timeout=SOON)
    # Ben's page told its kernel it had drawn the new map (so the next may be sent)
    deadline = time.monotonic() + 30
    while len(ben_reported) == before and time.monotonic() < deadline:
        ben.wait_for_timeout(200)
    assert len(ben_reported) > before, "Ben's page never reported its drawing to its kernel"
    ana.screenshot(path=str(artefacts / "ana-added.png"))
    ben.screenshot(path=str(artefacts / "ben-sees-it.png"), full_page=True)
    # on Ana's map it is hers: starred; on Ben's it is not
    assert "★" in (ana.locator(".cx-live-chart svg.marks").text_content() or "")
    assert "★" not in (ben.locator(".cx-live-chart svg.marks").text_content() or "")


def test_a_phone_gets_the_map_a_stage_at_a_time_and_its_table(kit, people, room, artefacts):
    cy = join(people, kit, room, "Cy", 375, phone=True)
    stages = cy.locator(".cx-live-stages")
    expect(stages).to_be_visible(timeout=60_000)
    expect(cy.locator(".cx-live-whole")).to_be_hidden()
    expect(stages).to_contain_text("Checkout times out")
    no_sideways_scroll(cy)
    cy.locator(".cx-live-map").screenshot(path=str(artefacts / "phone-map.png"))
    stages.locator("button.cx-stage-next").click()
    expect(stages).to_contain_text("Delivery")
    cy.locator(".cx-live-table .jupyter-widget-Collapse-header").click()
    button = cy.locator(".cx-live-table button.cx-live-open", has_text="Checkout times out")
    button.scroll_into_view_if_needed()
    before = button.bounding_box()
    button.click()
    time.sleep(1)  # long enough for anything that would move the page to move it
    opened = panel(cy)
    expect(opened).to_contain_text("Raise the timeout", timeout=SOON)
    box = opened.bounding_box()
    cy.screenshot(path=str(artefacts / "phone-panel.png"))
    assert box is not None and box["width"] <= 375
    assert box["x"] >= 0 and 0 <= box["y"] < 100, f"the panel is not on screen: {box}"
    after = button.bounding_box()  # the page stayed where the person was
    assert before is not None and after is not None and abs(after["y"] - before["y"]) < 2
    no_sideways_scroll(cy)


def test_the_facilitator_works_on_the_map_beside_the_step(kit, browser, room, artefacts):
    board = browser.new_page()
    board.set_viewport_size({"width": 1440, "height": 1000})
    board.goto(f"{kit.url}/voila/render/facilitator.ipynb?workshop={room.workshop}"
               f"&token={room.token}")
    board.locator(".cx-room-board").wait_for(timeout=90_000)
    expect(board.locator(".cx-heading")).to_contain_text("Step 7 of 16")
    drawn(board)
    beside = board.evaluate("""() => {
        const main = document.querySelector('.cx-map-main').getBoundingClientRect();
        const map = document.querySelector('.cx-live-map').getBoundingClientRect();
        return map.left >= main.right - 1 && map.top < main.bottom;
    }""")
    assert beside, "the map is not beside the step's form"
    no_sideways_scroll(board)
    card(board, "Pain point: Checkout times out").click(force=True)
    opened = panel(board)
    expect(opened.locator(".cx-panel-wording input")).to_have_value("Checkout times out")
    opened.locator(".cx-panel-wording input").fill("Checkout times out after 30 s")
    opened.locator("button.cx-panel-save").click()
    expect(opened).to_contain_text("Pain point: Checkout times out after 30 s", timeout=SOON)
    board.screenshot(path=str(artefacts / "facilitator-1440.png"))
    board.select_option(".cx-jump select", index=0)
    expect(board.locator(".cx-live-map")).to_be_hidden()
    board.close()
