"""The lane board in real browsers: cards and stages dragged with a real mouse (SortableJS
in Chromium), at 1440, 1280 and 375 px.

The facilitator drags a touchpoint to another stage and a stage to the front: the store,
the board, the live map's table and the exported map agree. A participant drags their own
card while the facilitator keeps step 4 open; once the facilitator locks it, the same
drag is refused with a message beside the map and the card goes back. On a phone the
arrow buttons move a card, and the page never scrolls sideways."""

from __future__ import annotations

from dataclasses import dataclass

import pytest
from playwright.sync_api import Error as PlaywrightError
from playwright.sync_api import expect

from cxwidgets.export.map_table import map_rows
from cxwidgets.method import views as J
from cxwidgets.store import Editor, Store
from tests.browser.pages import no_sideways_scroll

pytestmark = pytest.mark.browser

SOON = 20_000


@dataclass
class Room:
    workshop: str
    code: str
    token: str
    order: str
    deliver: str
    website: str


@pytest.fixture
def room(kit) -> Room:
    with Store(kit.db) as store:
        created = store.create_workshop("Lane board workshop")
        f = Editor.facilitator(store, created.id, created.token)
        order = f.add("stages", {"name": "Order", "order": 0})
        deliver = f.add("stages", {"name": "Delivery", "order": 1})
        website = f.add("touchpoints", {"name": "Website", "stage_id": order})
        f.add("touchpoints", {"name": "Courier", "channel": "in_person",
                              "stage_id": deliver})
        f.open_step("timeline")
    return Room(created.id, created.join_code, created.token, order, deliver, website)


def state(kit, room: Room):
    with Store(kit.db) as store:
        return store.state(room.workshop)


def stage_of(kit, room: Room, name: str) -> str | None:
    return next(t.stage_id for t in state(kit, room).touchpoints if t.name == name)


def lane(page, name: str):
    return page.locator(".cx-lane", has=page.locator(".cx-lane-head h4", has_text=name))


def drag(page, source, target) -> None:
    """A real mouse drag, in small steps as a hand makes it (SortableJS follows the
    pointer, not a drop event). The board is drawn again whenever the room changes: a
    card found just before that is looked up again."""
    for attempt in range(5):
        try:
            source.scroll_into_view_if_needed(timeout=5_000)
            a, b = source.bounding_box(timeout=5_000), target.bounding_box(timeout=5_000)
            break
        except PlaywrightError:
            if attempt == 4:
                raise
            page.wait_for_timeout(300)
    assert a is not None and b is not None
    x0, y0 = a["x"] + 12, a["y"] + a["height"] / 2  # the card's text, clear of its buttons
    x1, y1 = b["x"] + b["width"] / 2, b["y"] + b["height"] - 8
    page.mouse.move(x0, y0)
    page.mouse.down()
    for k in range(1, 21):
        page.mouse.move(x0 + (x1 - x0) * k / 20, y0 + (y1 - y0) * k / 20)
        page.wait_for_timeout(25)
    page.mouse.up()


def facilitator(kit, browser, room: Room, width: int):
    page = browser.new_page()
    page.set_viewport_size({"width": width, "height": 1000})
    page.set_default_timeout(60_000)
    page.goto(f"{kit.url}/voila/render/facilitator.ipynb?workshop={room.workshop}"
              f"&token={room.token}")
    expect(page.locator(".cx-heading")).to_contain_text("Step 5 of 16", timeout=90_000)
    expect(page.locator(".cx-lane-board .cx-lane-card").first).to_be_visible(timeout=60_000)
    return page


@pytest.mark.parametrize("width", [1440, 1280])
def test_the_facilitator_drags_a_card_and_a_stage(kit, browser, room, artefacts, width):
    page = facilitator(kit, browser, room, width)
    no_sideways_scroll(page)
    website = lane(page, "Order").locator(".cx-lane-card", has_text="Website")
    drag(page, website, lane(page, "Delivery").locator(".cx-lane-cards"))
    expect(lane(page, "Delivery")).to_contain_text("Website", timeout=SOON)
    expect(page.locator(".cx-lane-message")).to_contain_text("Moved Website to Delivery")
    assert stage_of(kit, room, "Website") == room.deliver
    page.screenshot(path=str(artefacts / f"card-dragged-{width}.png"))

    drag(page, lane(page, "Delivery").locator(".cx-lane-head h4"),
         lane(page, "Order").locator(".cx-lane-head"))
    expect(page.locator(".cx-lane-message")).to_contain_text("place 1", timeout=SOON)
    heads = page.locator(".cx-lane-head h4")
    expect(heads.first).to_have_text("1. Delivery")
    ws = state(kit, room)
    assert [s.name for s in J.ordered_stages(ws)] == ["Delivery", "Order"]
    # the map's own table and the exported map say the same
    page.locator(".cx-live-table .jupyter-widget-Collapse-header").click()
    rows = page.locator(".cx-live-table-row")
    expect(rows.first).to_contain_text("Delivery", timeout=SOON)
    assert sorted((r.stage, r.touchpoint) for r in map_rows(ws)) == [
        ("Delivery", "Courier"), ("Delivery", "Website")]
    page.screenshot(path=str(artefacts / f"stage-dragged-{width}.png"), full_page=True)

    page.locator(".cx-lane-undo").click()  # one undo: the stage goes back, the card stays
    expect(heads.first).to_have_text("1. Order", timeout=SOON)
    assert [s.name for s in J.ordered_stages(state(kit, room))] == ["Order", "Delivery"]
    assert stage_of(kit, room, "Website") == room.deliver
    page.close()


def join_and_add(people, kit, room: Room, width: int, phone: bool = False):
    """A participant joins while the room is at step 4 and adds a touchpoint of their own."""
    with Store(kit.db) as store:
        Editor.facilitator(store, room.workshop, room.token).open_step("touchpoints")
    page = people.new_context(viewport={"width": width, "height": 900 if not phone else 812},
                              is_mobile=phone, has_touch=phone).new_page()
    page.set_default_timeout(60_000)
    page.goto(kit.participant_url(room.code))
    page.locator(".cx-join-name input").fill("Ana")
    page.click("button.cx-join")
    page.locator(".cx-tp-name input").fill("Text message")
    page.wait_for_function("document.querySelectorAll('.cx-tp-stage option').length > 1")
    page.locator(".cx-tp-stage select").select_option(label="Order")
    page.click("button.cx-add")
    page.wait_for_function("document.querySelector('.cx-tp-name input').value === ''")
    with Store(kit.db) as store:
        f = Editor.facilitator(store, room.workshop, room.token)
        f.keep_open("touchpoints")  # participants may still move their touchpoints
        f.open_step("timeline")
    mine = page.locator(".cx-lane-board .cx-lane-card-mine")
    expect(mine).to_be_visible(timeout=60_000)
    return page


def test_a_participant_drags_their_own_card_until_the_facilitator_locks_it(
        kit, people, room, artefacts):
    page = join_and_add(people, kit, room, 1440)
    mine = page.locator(".cx-lane-board .cx-lane-card-mine")
    expect(mine).to_contain_text("★ Text message")
    # someone else's card cannot be picked up at all
    assert page.locator(".cx-lane-card:not(.cx-lane-card-movable)", has_text="Website").count() == 1
    drag(page, mine, lane(page, "Delivery").locator(".cx-lane-cards"))
    # the card sits where it was dropped at once; the message comes once it is saved
    expect(page.locator(".cx-lane-message")).to_contain_text("Moved Text message to Delivery",
                                                           timeout=SOON)
    assert stage_of(kit, room, "Text message") == room.deliver

    with Store(kit.db) as store:
        Editor.facilitator(store, room.workshop, room.token).lock_step("touchpoints")
    drag(page, page.locator(".cx-lane-board .cx-lane-card-mine"),
         lane(page, "Order").locator(".cx-lane-cards"))
    message = page.locator(".cx-lane-message.cx-lane-refused")
    expect(message).to_contain_text("The facilitator has locked step 4", timeout=SOON)
    expect(lane(page, "Delivery")).to_contain_text("Text message")  # back where it is saved
    expect(lane(page, "Order")).not_to_contain_text("Text message")
    assert stage_of(kit, room, "Text message") == room.deliver
    # the message sits beside the board, in view
    box, board = message.bounding_box(), page.locator(".cx-lane-board").bounding_box()
    assert box is not None and board is not None and board["y"] <= box["y"] <= board["y"] + 200
    page.screenshot(path=str(artefacts / "participant-refused.png"), full_page=True)
    page.context.close()


def test_on_a_phone_the_arrow_buttons_move_a_card(kit, people, room, artefacts):
    page = join_and_add(people, kit, room, 375, phone=True)
    no_sideways_scroll(page)
    mine = page.locator(".cx-lane-board .cx-lane-card-mine")
    later = mine.locator("button.cx-lane-card-later")
    expect(later).to_have_attribute("aria-label", "Move Text message to stage Delivery")
    later.click()
    expect(lane(page, "Delivery")).to_contain_text("Text message", timeout=SOON)
    expect(page.locator(".cx-lane-message")).to_contain_text("Moved Text message")
    assert stage_of(kit, room, "Text message") == room.deliver
    # the focus stays on the moved card, for the next press
    focused = page.evaluate("document.activeElement.closest('.cx-lane-card')?.dataset.id")
    assert focused == next(t.id for t in state(kit, room).touchpoints
                           if t.name == "Text message")
    no_sideways_scroll(page)
    page.locator(".cx-lane-board").screenshot(path=str(artefacts / "phone-board.png"))
    page.context.close()
