"""The exported HTML map in a real Chromium, offline: every label readable, none overlapping.

Each map is opened from a file with every non-file request aborted (so it must draw from
what the file holds), then the box of every non-empty SVG text is measured: no two may
overlap and none may stick out of the drawing. Screenshots land in the artefacts folder.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from cxwidgets.export import export_map
from cxwidgets.method.model import NAME_MAX, Workshop
from cxwidgets.synthetic import synthetic_workshop
from cxwidgets.testing import HOSTILE

pytestmark = pytest.mark.browser

TOLERANCE = 1.0  # px

TEXT_BOXES = """() => {
  const svg = document.querySelector('#journey-map svg');
  const frame = svg.getBoundingClientRect();
  const texts = [...svg.querySelectorAll('text')].filter(t => t.textContent.trim());
  return {frame: [frame.left, frame.top, frame.right, frame.bottom],
          texts: texts.map(t => {
            const r = t.getBoundingClientRect();
            return {text: t.textContent, box: [r.left, r.top, r.right, r.bottom]};
          })};
}"""


def long_names(w: Workshop) -> Workshop:
    """The synthetic workshop with every name and stage stretched to the longest allowed."""
    filler = " and then the customer waits for a reply that does not come for several days"
    for item in [*w.touchpoints, *w.stages, *w.backstage]:
        item.name = (item.name + filler * 2)[:NAME_MAX]
    for item in [*w.pain_points, *w.opportunities]:
        item.text = (item.text + filler * 2)[:NAME_MAX]
    return w


MAPS = {
    "1x1": (lambda: synthetic_workshop(1, 1), "channel"),
    "8x40": (lambda: synthetic_workshop(8, 40), "sentiment"),
    "long-names": (lambda: long_names(synthetic_workshop(7, 27, seed=3)), "owner"),
}


@pytest.fixture
def wide_page(browser):
    """A page of the session's Chromium, wide enough for a whole map."""
    page = browser.new_page()
    page.set_viewport_size({"width": 2000, "height": 1200})
    yield page
    page.close()


def overlaps(texts: list[dict[str, Any]]) -> list[tuple[str, str]]:
    found = []
    for i, a in enumerate(texts):
        for b in texts[i + 1:]:
            (al, at, ar, ab), (bl, bt, br, bb) = a["box"], b["box"]
            if min(ar, br) - max(al, bl) > TOLERANCE and min(ab, bb) - max(at, bt) > TOLERANCE:
                found.append((a["text"], b["text"]))
    return found


def outside(texts: list[dict[str, Any]], frame: list[float]) -> list[str]:
    left, top, right, bottom = frame
    return [t["text"] for t in texts if t["box"][0] < left - TOLERANCE
            or t["box"][1] < top - TOLERANCE or t["box"][2] > right + TOLERANCE
            or t["box"][3] > bottom + TOLERANCE]


@pytest.mark.parametrize("name", list(MAPS))
def test_map_labels_never_overlap_offline(name, wide_page, tmp_path, artefacts: Path):
    make, colour_by = MAPS[name]
    workshop = make()
    workshop.touchpoints[0].name = HOSTILE
    page_file = export_map(workshop, tmp_path / f"{name}.html", colour_by=colour_by)

    page = wide_page
    requests: list[str] = []
    dialogs: list[str] = []

    def offline(route):
        if route.request.url.startswith("file:"):
            route.continue_()
        else:
            requests.append(route.request.url)
            route.abort()

    page.route("**/*", offline)
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    page.goto(page_file.resolve().as_uri())
    page.wait_for_selector("#journey-map svg text", timeout=60_000)
    page.wait_for_timeout(300)  # a dialog from injected markup would have fired by now
    measured = page.evaluate(TEXT_BOXES)
    page.locator("#journey-map").screenshot(path=str(artefacts / f"journey-map-{name}.png"))

    texts = measured["texts"]
    shown = " ".join(t["text"] for t in texts)
    assert requests == [] and dialogs == []
    assert "<img src=x" in shown  # drawn as words, not run as markup
    assert len(texts) > 15
    assert overlaps(texts) == []
    assert outside(texts, measured["frame"]) == []


def test_hovering_a_pain_point_shows_its_evidence(wide_page, tmp_path):
    workshop = synthetic_workshop(3, 8)
    pain = next(p for p in workshop.pain_points if p.evidence)
    page_file = export_map(workshop, tmp_path / "map.html")
    page = wide_page
    page.goto(page_file.resolve().as_uri())
    page.wait_for_selector("#journey-map svg text")
    # the card's first line (not the key under the map, which has no tooltip)
    label = page.locator("svg text", has_text=pain.text[:10]).filter(
        has_not_text="Pain point,").first
    box = label.bounding_box()
    page.mouse.move(box["x"] + 4, box["y"] + 4)
    tooltip = page.locator("#vg-tooltip-element")
    tooltip.wait_for(state="visible", timeout=10_000)
    shown = tooltip.inner_text()
    assert "Pain point" in shown and "Evidence" in shown and "Dots" in shown
    assert pain.evidence[0] in shown
