"""The emotion curve by hand in real browsers: a participant drags their own dot up the
scale with a real mouse, moves another with the arrow keys, and the store holds both
ratings; at 375 px the curve scrolls inside its own box, never the page."""

from __future__ import annotations

import time

import pytest
from playwright.sync_api import expect

from cxwidgets.store import Editor, Store

pytestmark = pytest.mark.browser

SOON = 20_000


@pytest.fixture
def room(kit):
    with Store(kit.db) as store:
        created = store.create_workshop("Curve workshop")
        f = Editor.facilitator(store, created.id, created.token)
        order = f.add("stages", {"name": "Order", "order": 0})
        deliver = f.add("stages", {"name": "Delivery", "order": 1})
        f.add("touchpoints", {"name": "Website", "stage_id": order})
        f.add("touchpoints", {"name": "Courier", "stage_id": deliver})
        f.open_step("emotions")
    return created


def ratings(kit, room) -> dict[str, int]:
    """Each touchpoint's rating by the one participant, by touchpoint name."""
    with Store(kit.db) as store:
        ws = store.state(room.id)
    names = {t.id: t.name for t in ws.touchpoints}
    return {names[e.touchpoint_id]: e.score for e in ws.emotions}


def until(kit, room, wanted: dict[str, int], timeout: float = 20.0) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if ratings(kit, room) == wanted:
            return
        time.sleep(0.3)
    assert ratings(kit, room) == wanted


def joined(people, kit, room, width: int, phone: bool = False):
    page = people.new_context(viewport={"width": width, "height": 900 if not phone else 812},
                              is_mobile=phone, has_touch=phone).new_page()
    page.set_default_timeout(60_000)
    page.goto(kit.participant_url(room.join_code))
    page.locator(".cx-join-name input").fill("Ana")
    page.click("button.cx-join")
    expect(page.locator(".cx-curve-dot").first).to_be_visible(timeout=90_000)
    return page


def dot(page, name: str):
    return page.locator(f".cx-curve-dot[aria-label='Your feeling at {name}']")


def test_a_participant_draws_their_curve_by_hand(kit, people, room, artefacts):
    page = joined(people, kit, room, 1440)
    website = dot(page, "Website")
    expect(website).to_have_attribute("aria-valuetext", "not rated yet")
    website.scroll_into_view_if_needed()
    box = website.locator("circle").bounding_box()
    assert box is not None
    x, y = box["x"] + box["width"] / 2, box["y"] + box["height"] / 2
    page.mouse.move(x, y)
    page.mouse.down()
    for k in range(1, 11):  # two points of the scale up (34 px each)
        page.mouse.move(x, y - 70 * k / 10)
        page.wait_for_timeout(20)
    page.mouse.up()
    expect(page.locator(".cx-curve-message")).to_contain_text("Website: very good",
                                                              timeout=SOON)
    until(kit, room, {"Website": 2})
    expect(dot(page, "Website")).to_have_attribute("aria-valuenow", "2")

    courier = dot(page, "Courier")
    courier.focus()
    page.keyboard.press("ArrowDown")
    page.keyboard.press("ArrowDown")  # one rating, sent once the keys are quiet
    until(kit, room, {"Website": 2, "Courier": -2})
    expect(page.locator(".cx-curve-message")).to_contain_text("Courier: very bad")
    focused = page.evaluate("document.activeElement.getAttribute('aria-label')")
    assert focused == "Your feeling at Courier"  # the focus stays on the dot
    page.locator(".cx-live-curve").screenshot(path=str(artefacts / "curve-1440.png"))
    page.context.close()


def test_on_a_phone_the_curve_scrolls_in_its_box(kit, people, room, artefacts):
    page = joined(people, kit, room, 375, phone=True)
    wide = page.evaluate("document.scrollingElement.scrollWidth - window.innerWidth")
    assert wide <= 1, f"the page scrolls sideways by {wide} px"
    dot(page, "Courier").focus()
    page.keyboard.press("ArrowUp")
    until(kit, room, {"Courier": 1})
    page.locator(".cx-live-curve").screenshot(path=str(artefacts / "curve-375.png"))
    page.context.close()
