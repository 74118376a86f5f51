"""The facilitator walks all 16 steps of the real notebook, served by Voila, in Chromium."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from cxwidgets.method.steps import STEPS
from cxwidgets.store import Editor, Store

pytestmark = pytest.mark.browser


def in_step(page, key: str, selector: str):
    return page.locator(f".cx-step-{key} {selector}")


def add_touchpoint(page) -> None:
    in_step(page, "touchpoints", ".cx-tp-name input").fill("Fridge magnet with the menu")
    in_step(page, "touchpoints", ".cx-tp-stage select").select_option(index=1)
    in_step(page, "touchpoints", "button.cx-add").click()
    expect(in_step(page, "touchpoints", ".cx-list")).to_contain_text(
        "Fridge magnet with the menu")


def rate_a_touchpoint(page) -> None:
    before = in_step(page, "emotions", ".cx-rated").inner_text()
    in_step(page, "emotions", ".cx-touchpoint select").select_option(index=0)
    in_step(page, "emotions", ".cx-rater select").select_option(index=1)
    in_step(page, "emotions", ".cx-score button").filter(has_text="very good").click()
    in_step(page, "emotions", ".cx-word input").fill("curious")
    in_step(page, "emotions", "button.cx-rate").click()
    expect(in_step(page, "emotions", ".cx-notice")).to_be_empty()
    expect(in_step(page, "emotions", ".cx-touchpoint select")).not_to_have_value(
        re.compile(r"^t-ad$"))  # moved on to the next touchpoint
    assert before  # the progress line was there before rating


def place_a_dot(page) -> None:
    left = in_step(page, "prioritise", ".cx-dots-left")
    expect(left).to_contain_text("5 of 5 dots left")
    in_step(page, "prioritise", "button.cx-dot").click()
    expect(left).to_contain_text("4 of 5 dots left")


def check_the_map(page, artefacts) -> None:
    chart = in_step(page, "map", ".cx-journey-map")
    chart.locator("svg").first.wait_for()
    for stage in ("Awareness", "Delivery", "Renewal"):
        expect(chart.locator("svg text").filter(has_text=stage).first).to_be_attached()
    # Voila scrolls inside its own panel, so make the window tall enough for the whole map
    box = chart.bounding_box()
    page.set_viewport_size({"width": 1700, "height": int(box["height"]) + 100})
    chart.scroll_into_view_if_needed()
    chart.screenshot(path=str(artefacts / "journey-map.png"))
    page.set_viewport_size({"width": 1700, "height": 1000})
    assert (artefacts / "journey-map.png").stat().st_size > 50_000


def export(page, kit) -> None:
    in_step(page, "share", ".cx-format-pptx input").check()  # "Deck for the sponsor ..."
    in_step(page, "share", "button.cx-export").click()
    files = in_step(page, "share", ".cx-file-list li")
    # four files, one a deck with the map drawn in it: minutes on a busy machine
    expect(files).to_have_count(4, timeout=180_000)
    folder = kit.db.parent / "exports"
    written = {p.suffix for p in folder.iterdir()}
    # the poster, the picture, the workbook and the deck
    assert {".png", ".html", ".xlsx", ".pptx"} <= written
    expect(in_step(page, "share", ".cx-preview")).to_be_visible()


def test_facilitator_clicks_through_all_16_steps(kit, browser, artefacts):
    with Store(kit.db) as store:  # the page opens where the room is: put it on step 1
        Editor.facilitator(store, kit.created.id, kit.created.token).open_step(STEPS[0].key)
    page = browser.new_page()
    page.set_viewport_size({"width": 1700, "height": 1000})
    page.set_default_timeout(60_000)
    page.goto(kit.facilitator_url())
    page.locator(".cx-stepper").wait_for(timeout=90_000)
    timer = page.locator(".cx-timer")
    page.click("button.cx-timer-start")
    expect(timer).to_contain_text("running")
    expect(timer).to_contain_text(re.compile(r"9:5\d left"), timeout=15_000)  # it ticks
    actions = {"touchpoints": add_touchpoint, "emotions": rate_a_touchpoint,
               "prioritise": place_a_dot}
    for s in STEPS:
        expect(page.locator(".cx-heading")).to_contain_text(f"Step {s.number} of 16")
        expect(page.locator(f".cx-step-{s.key}")).to_be_visible()
        expect(page.locator(f".cx-step-{s.key} .cx-what")).to_be_visible()
        if s.key in actions:
            actions[s.key](page)
        elif s.key == "map":
            check_the_map(page, artefacts)
        elif s.key == "share":
            export(page, kit)
        page.screenshot(path=str(artefacts / f"step-{s.number:02d}-{s.key}.png"))
        if s.number < 16:
            page.click("button.cx-next")
    expect(page.locator("button.cx-next")).to_be_disabled()
    assert "Traceback" not in page.content()
    with Store(kit.db) as store:
        ws = store.state(kit.created.id)
    assert "Fridge magnet with the menu" in {t.name for t in ws.touchpoints}
    assert "curious" in {e.word for e in ws.emotions}
    page.close()
