"""The HTML poster opens in Chromium with no network at all and shows the journey map."""

from __future__ import annotations

import datetime as dt

import pytest
from playwright.sync_api import expect
from pypdf import PdfReader

from cxwidgets.export.workshop import export_workshop
from cxwidgets.sample import load_sample_workshop

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def poster(tmp_path_factory):
    folder = tmp_path_factory.mktemp("poster")
    return export_workshop(load_sample_workshop(), folder / "freshbox.html",
                           today=dt.date(2026, 11, 25))[0]


def test_the_poster_draws_the_map_with_every_request_off_the_machine_refused(
        people, poster, artefacts):
    context = people.new_context(viewport={"width": 1600, "height": 1000}, offline=True)
    asked: list[str] = []

    def refuse(route):
        asked.append(route.request.url)
        route.abort()

    context.route(lambda url: not url.startswith("file:"), refuse)
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    page.goto(poster.as_uri())
    chart = page.locator("#journey-map svg").first
    chart.wait_for(timeout=30_000)
    texts = page.locator("#journey-map svg text")
    for stage in ("Awareness", "Delivery", "Renewal"):
        expect(texts.filter(has_text=stage).first).to_be_attached()
    expect(page.locator("#journey-map")).not_to_contain_text("could not be drawn")
    box = chart.bounding_box()
    assert box["width"] > 800 and box["height"] > 400
    page.screenshot(path=str(artefacts / "poster.png"), full_page=True)
    assert asked == [] and errors == []

    pdf = artefacts / "poster-a3.pdf"
    page.pdf(path=str(pdf), prefer_css_page_size=True)
    pages = PdfReader(pdf).pages
    width, height = float(pages[0].mediabox.width), float(pages[0].mediabox.height)
    assert (round(width), round(height)) == (1191, 842)  # A3 landscape, in points
    first = pages[0].extract_text()
    assert "Awareness" in first and "FreshBox" in first  # the map sits on the first sheet
    context.close()


@pytest.mark.parametrize("width", [1280, 375])
def test_the_poster_fits_the_screen_it_is_opened_on(people, poster, width, artefacts):
    """The whole map is on screen at once, as wide as the window (never cut at the right
    edge), on a laptop and on a phone; the tables below never break a word."""
    context = people.new_context(viewport={"width": width, "height": 800})
    page = context.new_page()
    page.goto(poster.as_uri())
    chart = page.locator("#journey-map svg").first
    chart.wait_for(timeout=30_000)
    box = chart.bounding_box()
    assert box["x"] >= 0 and box["x"] + box["width"] <= width
    assert page.evaluate("() => document.documentElement.scrollWidth") <= width
    status = page.locator("th", has_text="Status").first
    assert status.evaluate("th => th.scrollWidth <= th.clientWidth")
    assert status.bounding_box()["height"] < 30  # "Status" on one line, not "Statu/s"
    page.screenshot(path=str(artefacts / f"poster-{width}.png"), full_page=True)
    context.close()
