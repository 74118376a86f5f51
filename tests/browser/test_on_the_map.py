"""A room runs steps 4-13 on the map alone, in real browsers, without opening a form.

Ana (a laptop, 1440 px) and Cy (a phone, 375 px) join; the facilitator moves the room
step by step. Touchpoints, pain points, opportunities and backstage processes are added
on the map's empty cells (Cy through the map's table, as a phone has it); Ana moves her
touchpoint by dragging it on the lane board and draws her feeling on the curve; comments
and a dot are given from the side panel; the facilitator plans the action from the pain
point's panel on their own screen. At the end the store holds every entry, each made by
the person who made it on the map."""

from __future__ import annotations

import datetime as dt
import time

import pytest
from playwright.sync_api import expect

from cxwidgets.store import Editor, Store
from tests.browser.pages import settled
from tests.browser.test_lane_board import drag, lane

pytestmark = [pytest.mark.browser, pytest.mark.timeout(900)]

SOON = 30_000


@pytest.fixture
def room(kit):
    with Store(kit.db) as store:
        created = store.create_workshop("On the map")
        f = Editor.facilitator(store, created.id, created.token)
        f.add("stages", {"name": "Order", "order": 0})
        f.add("stages", {"name": "Delivery", "order": 1})
        f.add("personas", {"name": "Pat", "agreed": True})
        f.update_workshop(dot_budget=3)
        f.open_step("touchpoints")
    return created


def move_room(kit, room, key: str) -> None:
    with Store(kit.db) as store:
        Editor.facilitator(store, room.id, room.token).open_step(key)


def state(kit, room):
    with Store(kit.db) as store:
        return store.state(room.id)


def until(kit, room, check, timeout: float = 30.0):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        found = check(state(kit, room))
        if found:
            return found
        time.sleep(0.3)
    raise AssertionError("the store never showed it")


def person(people, kit, room, name: str, width: int, phone: bool = False):
    page = people.new_context(viewport={"width": width, "height": 900 if not phone else 812},
                              is_mobile=phone, has_touch=phone).new_page()
    page.set_default_timeout(60_000)
    page.goto(kit.participant_url(room.join_code))
    page.locator(".cx-join-name input").fill(name)
    page.click("button.cx-join")
    page.locator(".cx-live-map").wait_for(timeout=90_000)
    return page


def panel(page):
    return page.locator(".cx-map-panel.cx-panel-open")


def add_on_cell(page, lane_key: str, stage_index: int, text: str) -> None:
    """A click on an empty cell of the drawn map, then the panel's add form. A click that
    lands while the map is being redrawn is lost, as a person's would be: then, as a
    person does, click again."""
    cells = page.locator(f".cx-live-chart svg g.cell_{lane_key}_marks path")
    form = panel(page)
    for attempt in range(3):
        expect(cells.nth(stage_index)).to_be_attached(timeout=SOON)
        settled(page, ".cx-live-chart svg.marks", timeout=SOON)
        cells.nth(stage_index).click(force=True)
        try:
            expect(form.locator(".cx-panel-text input")).to_be_visible(timeout=10_000)
            break
        except AssertionError:
            if attempt == 2:
                raise
    form.locator(".cx-panel-text input").fill(text)
    form.locator("button.cx-panel-add").click()
    expect(form.locator(".cx-notice")).to_contain_text("Added to", timeout=SOON)
    form.locator("button.cx-panel-close").click()


def open_table(page):
    """The map's table view, unfolded (once: a second click would fold it)."""
    table = page.locator(".cx-live-table")
    if not table.locator(".cx-live-table-row").first.is_visible():
        table.locator(".jupyter-widget-Collapse-header").click()
    expect(table.locator(".cx-live-table-row").first).to_be_visible(timeout=SOON)
    return table


def add_from_table(page, title: str, text: str) -> None:
    """A phone's way: the map's table, "Add here" on a row, the panel's add form."""
    row = open_table(page).locator(".cx-live-table-row", has_text=title)
    row.locator("button.cx-live-add-here").click()
    form = panel(page)
    form.locator(".cx-panel-text input").fill(text)
    form.locator("button.cx-panel-add").click()
    expect(form.locator(".cx-notice")).to_contain_text("Added to", timeout=SOON)
    form.locator("button.cx-panel-close").click()


def open_card(page, words: str):
    page.locator(f".cx-live-chart svg [aria-label^='{words}']").first.click(force=True)
    return panel(page)


def test_a_room_runs_steps_4_to_13_on_the_map_alone(kit, people, browser, room, artefacts):
    ana = person(people, kit, room, "Ana", 1440)
    cy = person(people, kit, room, "Cy", 375, phone=True)
    ana_id = next(p.id for p in state(kit, room).participants if p.name == "Ana")
    cy_id = next(p.id for p in state(kit, room).participants if p.name == "Cy")

    # step 4: touchpoints. Stages with nothing on them draw no map yet: its table is
    # unfolded by itself, "Add here" on a stage's row; once drawn, the map's empty cells
    expect(ana.locator(".cx-live-table .cx-live-table-row").first).to_be_visible(timeout=SOON)
    add_from_table(ana, "Order · Touchpoints", "Website")
    add_on_cell(ana, "touchpoints", 1, "Parcel tracking")
    add_from_table(cy, "Delivery · Touchpoints", "Courier")
    until(kit, room, lambda ws: len(ws.touchpoints) == 3)

    # step 5: Ana drags her touchpoint to Delivery, and back
    with Store(kit.db) as store:
        f = Editor.facilitator(store, room.id, room.token)
        f.keep_open("touchpoints")
        f.open_step("timeline")
    website = ana.locator(".cx-lane-board .cx-lane-card-mine", has_text="Website")
    expect(website).to_be_visible(timeout=SOON)
    drag(ana, website, lane(ana, "Delivery").locator(".cx-lane-cards"))
    until(kit, room, lambda ws: [t for t in ws.touchpoints if t.name == "Website"
                                 and t.stage_id == ws.stages[1].id])
    ana.locator(".cx-lane-undo").click()
    until(kit, room, lambda ws: [t for t in ws.touchpoints if t.name == "Website"
                                 and t.stage_id == ws.stages[0].id])

    # step 6: Ana's feeling at the website, on the curve (keys), Cy's on the curve too
    move_room(kit, room, "emotions")
    dot = ana.locator(".cx-curve-dot[aria-label='Your feeling at Website']")
    expect(dot).to_be_visible(timeout=SOON)
    dot.focus()
    ana.keyboard.press("ArrowDown")
    cy_dot = cy.locator(".cx-curve-dot[aria-label='Your feeling at Courier']")
    expect(cy_dot).to_be_attached(timeout=SOON)
    cy_dot.focus()
    cy.keyboard.press("ArrowUp")
    until(kit, room, lambda ws: len(ws.emotions) == 2)

    # steps 7-9: a pain point, an opportunity, a backstage process, each on its cell
    for key, lane_key, words in (("pains", "pain_points", "Checkout times out"),
                                 ("opportunities", "opportunities", "Save the cart"),
                                 ("backstage", "backstage", "Payment gateway")):
        move_room(kit, room, key)
        add_on_cell(ana, lane_key, 0, words)
    ws = until(kit, room, lambda ws: ws if ws.pain_points and ws.opportunities
               and ws.backstage else None)

    # step 11: Cy comments on the pain point from its panel; 12: Cy places a dot there
    move_room(kit, room, "review")
    open_table(cy).locator("button.cx-live-open", has_text="Checkout times out").click()
    opened = panel(cy)
    opened.locator(".cx-panel-comment input").fill("Happens on phones only")
    opened.locator("button.cx-panel-post").click()
    until(kit, room, lambda ws: [c for c in ws.comments if c.text == "Happens on phones only"])
    move_room(kit, room, "prioritise")
    expect(opened.locator("button.cx-panel-dot")).to_be_enabled(timeout=SOON)
    opened.locator("button.cx-panel-dot").click()
    until(kit, room, lambda ws: [v for v in ws.votes if v.kind == "dot"])
    cy.screenshot(path=str(artefacts / "phone-panel-dot.png"))

    # step 13: the facilitator plans the action from the pain point's panel
    move_room(kit, room, "actions")
    board = browser.new_page()
    board.set_viewport_size({"width": 1440, "height": 1000})
    board.set_default_timeout(60_000)
    board.goto(f"{kit.url}/voila/render/facilitator.ipynb?workshop={room.id}"
               f"&token={room.token}")
    expect(board.locator(".cx-heading")).to_contain_text("Step 13 of 16", timeout=90_000)
    opened = open_card(board, "Pain point: Checkout times out")
    opened.locator(".cx-panel-action input").fill("Retry the payment once")
    opened.locator(".cx-panel-action-owner input").fill("Amara")
    opened.locator(".cx-panel-action-due input").fill("2027-01-15")
    opened.locator(".cx-panel-action-due input").press("Tab")
    opened.locator("button.cx-panel-plan").click()
    expect(opened.locator(".cx-notice")).to_contain_text("Action planned", timeout=SOON)
    board.screenshot(path=str(artefacts / "facilitator-plans.png"))
    # the facilitator takes an entry off the board from its panel, as from the board
    opened.locator("button.cx-panel-close").click()
    opened = open_card(board, "Opportunity: Save the cart")
    opened.locator("button.cx-panel-take-off").click()
    expect(opened.locator(".cx-notice")).to_contain_text("Taken off the board", timeout=SOON)
    expect(board.locator(".cx-live-chart svg [aria-label^='Opportunity: Save the cart']")
           ).to_have_count(0, timeout=SOON)
    board.screenshot(path=str(artefacts / "facilitator-takes-off.png"))

    ws = state(kit, room)
    by = {e.name if hasattr(e, "name") else e.text: e.created_by
          for e in (*ws.touchpoints, *ws.pain_points, *ws.opportunities, *ws.backstage)}
    assert by == {"Website": ana_id, "Parcel tracking": ana_id, "Courier": cy_id,
                  "Checkout times out": ana_id,
                  "Save the cart": ana_id, "Payment gateway": ana_id}
    assert {e.created_by: e.score for e in ws.emotions} == {ana_id: -1, cy_id: 1}
    assert ws.hidden == [next(o.id for o in ws.opportunities if o.text == "Save the cart")]
    (action,) = ws.actions
    assert action.linked_ids == [ws.pain_points[0].id] and action.due == dt.date(2027, 1, 15)
    board.close()
    ana.context.close()
    cy.context.close()
