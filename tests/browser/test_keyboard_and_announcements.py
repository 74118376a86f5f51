"""With the keyboard alone, and with a screen reader: through real pages in Chromium.

A participant joins, adds a touchpoint, edits it, undoes the edit, rates a touchpoint and
places a dot with `page.keyboard` only (Tab, typing, arrow keys, Enter; never a click),
and the fields are reached in the order they are read. The facilitator moves between
steps with the keys the screen names. What a screen reader hears is read from Chromium's
own accessibility tree (the DevTools protocol's `Accessibility.getFullAXTree`): the
page's polite live region exists and says the room's new entries, its move to
another step and the countdown's last minute. One Voila server for the module (the shared `kit`).
"""

from __future__ import annotations

import datetime as dt
import re
import time
from typing import Any

import pytest
from playwright.sync_api import expect

from cxwidgets.method.model import StepTimer
from cxwidgets.store import Editor, Store
from tests.browser.pages import settled
from tests.conftest import ARTEFACTS

pytestmark = [pytest.mark.browser, pytest.mark.timeout(600)]

#: The kit's class of the widget holding the focused element, and whether it is ringed.
FOCUSED = """() => {
  const e = document.activeElement;
  if (!e || e === document.body) return {where: '', ring: false};
  let w = e;
  while (w && !([...w.classList].some(c => c.startsWith('cx-') && c !== 'cx-page'))) {
    w = w.parentElement;
  }
  const cs = getComputedStyle(e);
  const where = w ? [...w.classList].filter(c => c.startsWith('cx-')).join('.') : '';
  return {where, tag: e.tagName.toLowerCase(),
          ring: cs.outlineStyle !== 'none' && parseFloat(cs.outlineWidth) >= 2};
}"""


def tab_to(page, cls: str, most: int = 80) -> list[str]:
    """Press Tab until the focus is in the widget of class `cls`; the widgets passed on
    the way. Fails when Tab never gets there, or the focus is not ringed."""
    passed: list[str] = []
    for _ in range(most):
        page.keyboard.press("Tab")
        now = page.evaluate(FOCUSED)
        if cls in now["where"].split("."):
            assert now["ring"], f"no focus ring on {cls}"
            return passed
        if now["where"] and (not passed or passed[-1] != now["where"]):
            passed.append(now["where"])
    raise AssertionError(f"Tab never reached .{cls}; it went through {passed}")


def in_store(kit, read, page=None, timeout: float = 45.0) -> Any:
    """What `read` finds in the workshop, once it finds something; on failure the page
    is saved as a picture beside the test's other artefacts, to see what it showed."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        with Store(kit.db) as store:
            found = read(store.state(kit.created.id))
        if found:
            return found
        time.sleep(0.3)
    if page is not None:
        ARTEFACTS.mkdir(exist_ok=True)
        page.screenshot(path=str(ARTEFACTS / "keyboard-failure.png"), full_page=True)
        said = page.locator(".cx-notice, .cx-save-status").all_inner_texts()
        raise AssertionError(f"the store never showed it; the page said {said}")
    raise AssertionError("the store never showed it")


def has_options(page, field: str) -> None:
    """Wait until the list of `field` is filled (the screen fills it as it opens)."""
    page.wait_for_function(f"document.querySelectorAll('{field} option').length > 1")


def room_on(kit, key: str) -> None:
    with Store(kit.db) as store:
        Editor.facilitator(store, kit.created.id, kit.created.token).open_step(key)


def test_a_participant_takes_part_with_the_keyboard_alone(kit, people):
    room_on(kit, "touchpoints")
    page = people.new_context(viewport={"width": 1280, "height": 900}).new_page()
    page.set_default_timeout(60_000)
    page.goto(kit.participant_url())
    page.locator(".cx-join-form").wait_for()
    settled(page, ".cx-join-name input")
    page.locator("body").focus()

    tab_to(page, "cx-join-name")
    page.keyboard.type("Keyla")
    expect(page.locator(".cx-join-name input")).to_have_value("Keyla")
    on_the_way = tab_to(page, "cx-join")
    assert on_the_way[:2] == ["cx-join-function", "cx-join-group"]  # in reading order
    page.keyboard.press("Enter")
    page.locator(".cx-tp-name input").wait_for()

    tab_to(page, "cx-tp-name")
    page.keyboard.type("Claim status text message")
    has_options(page, ".cx-tp-stage")
    tab_to(page, "cx-tp-stage")
    page.keyboard.press("ArrowDown")  # the first stage
    tab_to(page, "cx-add")
    page.keyboard.press("Enter")
    mine = in_store(kit, lambda ws: [t for t in ws.touchpoints
                                     if t.name == "Claim status text message"], page)[0]
    assert mine.stage_id
    # the page has drawn what the kernel did after the add: the form emptied for the next
    expect(page.locator(".cx-tp-name input")).to_have_value("", timeout=30_000)

    settled(page, ".cx-mine select")  # the room's view has caught up with the add
    tab_to(page, "cx-mine")  # pick one's own entry to edit it
    page.keyboard.press("ArrowDown")
    # "Save changes" comes on only once the kernel has filled the form with the entry:
    # keys typed before that would be overwritten by the filling
    expect(page.locator("button.cx-save")).to_be_enabled(timeout=30_000)
    expect(page.locator(".cx-tp-name input")).to_have_value("Claim status text message",
                                                            timeout=30_000)
    tab_to(page, "cx-tp-name")
    page.keyboard.press("Control+A")
    page.keyboard.type("Claim status by text")
    tab_to(page, "cx-save")
    page.keyboard.press("Enter")
    in_store(kit, lambda ws: any(t.id == mine.id and t.name == "Claim status by text"
                                 for t in ws.touchpoints), page)
    tab_to(page, "cx-undo")
    page.keyboard.press("Enter")
    in_store(kit, lambda ws: any(t.id == mine.id and t.name == "Claim status text message"
                                 for t in ws.touchpoints), page)

    room_on(kit, "emotions")
    has_options(page, ".cx-step-emotions .cx-touchpoint")
    tab_to(page, "cx-touchpoint")
    page.keyboard.press("ArrowDown")
    tab_to(page, "cx-score")  # the first face: "very negative"
    page.keyboard.press("Enter")
    chosen = page.locator(".cx-step-emotions .cx-score button").first
    expect(chosen).to_have_attribute("aria-pressed", "true", timeout=30_000)
    tab_to(page, "cx-rate")
    page.keyboard.press("Enter")
    in_store(kit, lambda ws: [e for e in ws.emotions
                              if e.created_by in {p.id for p in ws.participants
                                                  if p.name == "Keyla"}], page)

    room_on(kit, "prioritise")
    has_options(page, ".cx-step-prioritise .cx-item")
    tab_to(page, "cx-item")
    page.keyboard.press("ArrowDown")
    tab_to(page, "cx-dot")
    page.keyboard.press("Enter")
    in_store(kit, lambda ws: [v for v in ws.votes if v.kind == "dot" and v.created_by in {
        p.id for p in ws.participants if p.name == "Keyla"}], page)
    page.context.close()


def test_the_facilitator_moves_between_steps_with_the_keys_on_screen(kit, people):
    room_on(kit, "frame")
    page = people.new_context(viewport={"width": 1280, "height": 900}).new_page()
    page.set_default_timeout(60_000)
    page.goto(kit.facilitator_url())
    heading = page.locator(".cx-heading")
    expect(heading).to_contain_text("Step 1 of 16", timeout=60_000)
    hint = page.locator(".cx-keys-hint")
    expect(hint).to_be_visible(timeout=30_000)
    expect(hint).to_contain_text("Alt+Shift+N next step")
    page.keyboard.press("Alt+Shift+N")
    expect(heading).to_contain_text("Step 2 of 16", timeout=30_000)
    page.keyboard.press("Alt+Shift+N")
    expect(heading).to_contain_text("Step 3 of 16", timeout=30_000)
    page.keyboard.press("Alt+Shift+B")
    expect(heading).to_contain_text("Step 2 of 16", timeout=30_000)
    assert page.locator("button.cx-next").get_attribute("aria-keyshortcuts") == "Alt+Shift+N"
    page.context.close()


def live_regions(page) -> list[dict[str, str]]:
    """Every live region in Chromium's accessibility tree: its role, politeness, text."""
    client = page.context.new_cdp_session(page)
    nodes = client.send("Accessibility.getFullAXTree")["nodes"]
    client.detach()
    by_id = {n["nodeId"]: n for n in nodes}

    def text(node: dict[str, Any]) -> str:
        if node.get("role", {}).get("value") in ("StaticText", "InlineTextBox"):
            return str(node.get("name", {}).get("value", ""))
        return " ".join(t for t in (text(by_id[c]) for c in node.get("childIds", [])
                                    if c in by_id) if t)

    found = []
    for node in nodes:
        props = {p["name"]: p["value"].get("value") for p in node.get("properties", [])}
        if props.get("live") and props.get("live") != "off" and not node.get("ignored"):
            if node.get("role", {}).get("value") == "StaticText":
                continue
            found.append({"role": node["role"]["value"], "live": props["live"],
                          "text": text(node).replace(" .", ".")})
    return found


def said(page, words: str, timeout: float = 30.0) -> list[dict[str, str]]:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        regions = live_regions(page)
        if any(words in r["text"] for r in regions if r["live"] == "polite"):
            return regions
        time.sleep(0.5)
    raise AssertionError(f"no polite live region said {words!r}: {live_regions(page)}")


def news(page, entries: int, timeout: float = 40.0) -> list[str]:
    """The sentences about new entries the live region says until `entries` are told."""
    heard: list[str] = []
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        for region in live_regions(page):
            text = region["text"]
            if region["live"] == "polite" and "on the board" in text and (
                    not heard or heard[-1] != text):
                heard.append(text)
        told = sum(int(m) for m in re.findall(r"(\d+) new entr", " ".join(heard)))
        if told >= entries:
            return heard
        time.sleep(0.4)
    raise AssertionError(f"heard only {heard}")


def test_a_screen_reader_hears_new_entries_and_the_room_moving_on(kit, people):
    room_on(kit, "pains")
    page = people.new_context(viewport={"width": 1280, "height": 900}).new_page()
    page.set_default_timeout(60_000)
    page.goto(kit.participant_url())
    page.locator(".cx-join-name input").fill("Sam")
    page.locator("button.cx-join").click()
    page.locator(".cx-step-pains").wait_for()
    statuses = [r for r in live_regions(page) if r["role"] == "status"]
    assert any(r["live"] == "polite" for r in statuses), statuses  # there before news

    with Store(kit.db) as store:
        other = Editor.join(store, kit.created.join_code, "Ola", "support")
        where = store.state(kit.created.id).touchpoints[0].id
        for text in ("The form times out", "No word after the call", "Two letters differ"):
            other.add("pain_points", {"text": text, "touchpoint_id": where})
    heard = news(page, 3)
    assert len(heard) <= 2, heard  # gathered, not one sentence per entry
    room_on(kit, "opportunities")
    said(page, "The room moved to step 8 of 16: Opportunities.")
    with Store(kit.db) as store:  # a countdown with 66 s left: its last minute comes soon
        Editor.facilitator(store, kit.created.id, kit.created.token).set_timer(
            "opportunities", StepTimer(minutes=1.1).started(dt.datetime.now(dt.UTC)))
    said(page, "One minute left on this step.")
    page.context.close()
