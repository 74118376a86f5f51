"""A participant joins through the real Voila app in a real Chromium and adds a touchpoint.

Each test's participant has a browser of their own (a fresh context: own storage), as
people do; the room is put on step 4 (touchpoints) through the facilitator's Editor.
"""

from __future__ import annotations

import time

import pytest
from playwright.sync_api import expect

from cxwidgets.store import Editor, Store
from cxwidgets.testing import HOSTILE, overlapping

pytestmark = pytest.mark.browser


@pytest.fixture
def page(people, kit):
    """A participant's own browser, with the room on step 4 (touchpoints)."""
    with Store(kit.db) as store:
        Editor.facilitator(store, kit.created.id, kit.created.token).open_step("touchpoints")
    context = people.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.set_default_timeout(60_000)
    yield page
    context.close()


def join(page, kit, name: str) -> None:
    page.goto(kit.participant_url())
    page.locator(".cx-join-name input").fill(name)
    page.click("button.cx-join")
    page.locator(".cx-tp-name input").wait_for()


def wait_for(predicate, timeout: float = 15.0):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = predicate()
        if value:
            return value
        time.sleep(0.2)
    raise AssertionError("condition not met in time")


def add_touchpoint(page, name: str) -> None:
    """Type a touchpoint, put it on the first stage (the sample has stages) and add it."""
    page.locator(".cx-tp-name input").fill(name)
    page.locator(".cx-tp-stage select").select_option(index=1)
    page.click(".cx-step-touchpoints button.cx-add")


def touchpoint_names(kit) -> list[str]:
    with Store(kit.db) as store:
        return [t.name for t in store.state(kit.created.id).touchpoints]


def test_participant_joins_and_adds_a_touchpoint(kit, page, artefacts):
    page.goto(kit.participant_url())
    code = page.locator(".cx-join-code input")
    code.wait_for()
    assert code.input_value() == kit.created.join_code  # taken from the link
    page.fill(".cx-join-name input", "Priya")
    page.select_option(".cx-join-function select", label="Operations")
    page.click("button.cx-join")
    page.locator(".cx-tp-name input").wait_for()
    assert "Welcome, Priya" in page.locator(".cx-welcome").inner_text()
    assert "Step 4 of 16" in page.locator(".cx-room-heading").inner_text()
    assert overlapping(page) == []  # every label sits clear of its field
    page.select_option(".cx-tp-channel select", label="Mobile app")
    add_touchpoint(page, "Doorstep delivery photo")

    names = wait_for(lambda: "Doorstep delivery photo" in touchpoint_names(kit)
                     and touchpoint_names(kit))
    assert "Doorstep delivery photo" in names
    page.locator(".cx-list").get_by_text("Doorstep delivery photo").first.wait_for()
    page.screenshot(path=str(artefacts / "participant.png"), full_page=True)
    assert (artefacts / "participant.png").stat().st_size > 10_000
    # no code and no traceback reach the participant
    html = page.content()
    assert "participant_app(" not in html and "Traceback" not in html


def test_wrong_code_is_answered_on_the_page(kit, page):
    page.goto(kit.participant_url(code="WRONG9"))
    page.locator(".cx-join-name input").fill("Bo")
    page.click("button.cx-join")
    error = page.locator(".cx-join-form .cx-error")
    error.wait_for()
    assert "no workshop has the join code 'WRONG9'" in error.inner_text()


def test_hostile_text_shows_as_text_on_the_facilitator_page(kit, browser, page, artefacts):
    join(page, kit, "Mallory")
    add_touchpoint(page, HOSTILE)
    wait_for(lambda: HOSTILE in touchpoint_names(kit))

    board = browser.new_page()
    dialogs = []
    board.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    board.goto(kit.facilitator_url())
    board.locator(".cx-stepper").wait_for(timeout=60_000)
    board.select_option(".cx-jump select", label="4. Touchpoints")
    inventory = board.locator(".cx-step-touchpoints .cx-list")
    inventory.get_by_text(HOSTILE).first.wait_for()
    board.screenshot(path=str(artefacts / "facilitator-touchpoints.png"), full_page=True)
    assert dialogs == []
    assert board.locator(".cx-tp-list img").count() == 0
    board.close()


def test_facilitator_sees_a_new_entry_without_reloading(kit, browser, page):
    board = browser.new_page()
    board.goto(kit.facilitator_url())
    board.locator(".cx-stepper").wait_for(timeout=60_000)
    board.select_option(".cx-jump select", label="4. Touchpoints")
    expect(board.locator(".cx-heading")).to_contain_text("Step 4 of 16")

    join(page, kit, "Luis")
    add_touchpoint(page, "Recipe card QR code")
    started = time.monotonic()
    inventory = board.locator(".cx-step-touchpoints .cx-list")
    inventory.get_by_text("Recipe card QR code").first.wait_for(timeout=10_000)
    assert time.monotonic() - started < 10
    board.close()


def test_a_returning_participant_is_recognised_after_a_reload(kit, page):
    join(page, kit, "Noor")
    with Store(kit.db) as store:
        before = [p for p in store.state(kit.created.id).participants if p.name == "Noor"]
    page.reload()
    page.locator(".cx-tp-name input").wait_for()  # straight back into the room
    assert "Welcome, Noor" in page.locator(".cx-welcome").inner_text()
    assert page.locator(".cx-join-form").count() == 0
    with Store(kit.db) as store:
        after = [p for p in store.state(kit.created.id).participants if p.name == "Noor"]
    assert len(before) == len(after) == 1  # the same person, not a second Noor
