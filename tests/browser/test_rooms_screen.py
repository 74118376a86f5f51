"""The Rooms screen in the real facilitator app, served by Voila, in Chromium.

Three rooms of the sample's journey sit in one store. Berlin's facilitator opens "Many
rooms, one journey", picks the three rooms, checks the suggested matches, renames one
merged stage, builds the consensus and reads the disagreements above the merged map.
Screenshots at 1440x900: the match table, the disagreements, the merged map.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from playwright.sync_api import expect

from cxwidgets.rooms.sample_rooms import three_rooms
from cxwidgets.sample import load_sample_workshop
from cxwidgets.store import Store
from cxwidgets.testing import free_port, kit_server_command, look_at, voila_server

pytestmark = pytest.mark.browser

ROOMS = ["FreshBox meal kits: Berlin room", "FreshBox meal kits: Hamburg room",
         "FreshBox meal kits: Munich room"]
NAME = "FreshBox: all three rooms"


@pytest.fixture(scope="module")
def served(tmp_path_factory):
    folder = tmp_path_factory.mktemp("rooms")
    db = folder / "workshops.sqlite"
    with Store(db) as store:
        made = [store.import_workshop(w) for w in three_rooms(load_sample_workshop())]
    port = free_port()
    with voila_server(kit_server_command(db, port), port, folder / "voila.log") as server:
        yield server.url, db, made


def shot(page, path: Path) -> None:
    page.screenshot(path=str(path))
    assert look_at(path).inked > 0.05


def test_the_facilitator_merges_three_rooms_in_the_browser(served, browser, artefacts):
    url, db, made = served
    with Store(db) as store:
        before = {c.id: store.last_seq(c.id) for c in made}
    page = browser.new_page()
    page.set_viewport_size({"width": 1440, "height": 900})
    page.set_default_timeout(60_000)
    page.goto(f"{url}/voila/render/facilitator.ipynb?workshop={made[0].id}"
              f"&token={made[0].token}")
    page.locator(".cx-stepper").wait_for(timeout=90_000)
    page.get_by_text("Many rooms, one journey").click()
    pick = page.locator(".cx-rooms-pick select")
    expect(pick).to_be_visible()
    pick.select_option(label=ROOMS)
    page.locator("button.cx-rooms-suggest").click()
    expect(page.locator(".cx-rooms-summary")).to_contain_text(
        "7 suggested matches to check below; 60 more have the very same name")
    table = page.locator(".cx-rooms-matches")
    expect(table.locator(".cx-rooms-decision select")).to_have_count(7)
    expect(table).to_contain_text("Delivery tracking in the app")
    expect(table).to_contain_text("Same channel and stage")
    cooking = table.locator(".cx-rooms-rename input").nth(1)
    expect(cooking).to_have_value("Cooking")
    cooking.fill("Cooking at home")
    cooking.press("Enter")
    expect(table.locator(".cx-rooms-rename input").nth(1)).to_have_value("Cooking at home")
    only = page.locator(".cx-rooms-only")
    expect(only).to_contain_text("Neighbour takes the box in")
    page.locator(".cx-rooms-summary").evaluate("e => e.scrollIntoView({block: 'start'})")
    shot(page, artefacts / "rooms-matches-1440x900.png")

    page.locator(".cx-rooms-name input").fill(NAME)
    page.locator("button.cx-rooms-build").click()
    found = page.locator(".cx-rooms-disagreements")
    expect(found).to_contain_text("Where the rooms disagree (8)", timeout=120_000)
    expect(found).to_contain_text("Courier at the door (Delivery): Berlin room -1.1, "
                                  "Hamburg room -1.1, Munich room +1.1; 2.2 steps apart")
    expect(found).to_contain_text("only Legal raised it, in Munich room")
    found.evaluate("e => e.scrollIntoView({block: 'start'})")
    shot(page, artefacts / "rooms-disagreements-1440x900.png")

    chart = page.locator(".cx-rooms-map")
    chart.locator("svg").first.wait_for()
    expect(chart.locator("svg text").filter(has_text="Cooking at home").first).to_be_attached()
    # the chart's title is a heading above the drawing, in the language spoken
    expect(chart.locator(".cx-chart-title").filter(has_text="Consensus of 3 rooms").first
           ).to_be_visible()
    chart.evaluate("e => e.scrollIntoView({block: 'start'})")
    shot(page, artefacts / "rooms-merged-map-1440x900.png")
    box = chart.bounding_box()
    page.set_viewport_size({"width": 1440, "height": int(box["height"]) + 120})
    chart.scroll_into_view_if_needed()
    chart.screenshot(path=str(artefacts / "rooms-merged-map-whole.png"))
    assert look_at(artefacts / "rooms-merged-map-whole.png").colours > 50
    page.set_viewport_size({"width": 1440, "height": 900})

    text = page.locator(".cx-technique-rooms").inner_text()
    assert "Traceback" not in text and "null" not in text
    assert not re.search(r"\br\d\b|\bw[0-9a-f]{12}\b", text)  # no room keys, no ids
    with Store(db) as store:
        assert {c.id: store.last_seq(c.id) for c in made} == before
        info = store.list_workshops()[-1]
        saved = store.state(info.id)
    assert saved.title == NAME and "Cooking at home" in [s.name for s in saved.stages]
    assert info.join_code in page.locator(".cx-rooms-result").inner_text()

    link = page.locator("a.cx-rooms-open")
    consensus = browser.new_page()
    consensus.set_default_timeout(60_000)
    consensus.goto(f"{url}/voila/render/{link.get_attribute('href')}")
    consensus.locator(".cx-stepper").wait_for(timeout=90_000)
    expect(consensus.locator(".cx-join-code-shown")).to_have_text(info.join_code)
    consensus.close()
    page.close()
