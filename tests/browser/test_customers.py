"""Customers walk the room's map on their phones, through the real Voila app.

Three customers, each with a browser of their own on a 375-px phone screen: one answers
every question, one leaves half-way, one finishes and then comes back (same browser) to
change an answer. The gaps and the map's customers' curve are checked against what they
gave, and once the facilitator closes the round a new visit is told it has closed.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import pytest
from playwright.sync_api import expect

from cxwidgets.charts.journey_map import _prepare, customer_rows
from cxwidgets.method.validation import customer_stats, gaps
from cxwidgets.store import Editor, Store
from cxwidgets.testing import overlapping

pytestmark = pytest.mark.browser

PHONE = {"width": 375, "height": 812}


@dataclass
class Round:
    workshop: str
    code: str
    touchpoints: list[str]
    url: str


@pytest.fixture
def survey(kit) -> Round:
    with Store(kit.db) as store:
        f = Editor.facilitator(store, kit.created.id, kit.created.token)
        ws = f.state()
        tps = [t.id for t in ws.touchpoints if t.name in (
            "Courier at the door", "Support phone line", "Cancellation flow")]
        rid = f.open_round("Your first month with FreshBox", tps,
                           dt.date.today() + dt.timedelta(days=7),
                           consent="Your answers are anonymous.")
        code = next(r.code for r in f.state().rounds if r.id == rid)
    return Round(kit.created.id, code, tps,
                 f"{kit.url}/voila/render/validate.ipynb?w={kit.created.id}&round={code}")


def phone(people):
    page = people.new_context(viewport=PHONE, is_mobile=True, has_touch=True).new_page()
    page.set_default_timeout(60_000)
    return page


def start(page, url: str) -> None:
    page.goto(url)
    agree = page.locator("button.cx-c-agree")
    agree.click()
    try:
        expect(page.locator(".cx-c-count")).to_contain_text("Question", timeout=20_000)
    except AssertionError:
        # on a loaded machine the first tap can land while the page is still connecting
        # its widgets; a person taps again, and so does this test
        if agree.count():
            agree.click()
        expect(page.locator(".cx-c-count")).to_contain_text("Question", timeout=60_000)


def answer(page, feeling: int, happens: int = 0, comment: str = "") -> None:
    """Pick the face (-2..+2, left to right), whether it happens (yes, not like this,
    never), type a comment, and move on."""
    page.locator(".cx-c-feeling button").nth(feeling + 2).click()
    page.locator(".cx-c-happens button").nth(happens).click()
    if comment:
        page.locator(".cx-c-comment textarea").fill(comment)
    before = page.locator(".cx-c-count").inner_text()
    page.locator("button.cx-c-next").click()
    expect(page.locator(".cx-c-count, .cx-c-thanks").first).not_to_have_text(before)


def readable(page) -> None:
    """Nothing wider than the phone, no overlapping text."""
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= PHONE["width"], f"page is {width}px wide on a {PHONE['width']}px phone"
    assert overlapping(page, ".cx-customer .widget-html, .cx-customer button") == []


def test_three_customers_on_phones(people, kit, survey, artefacts):
    ana, ben, cy = phone(people), phone(people), phone(people)
    start(ana, survey.url)
    ana.screenshot(path=artefacts / "question-375.png", full_page=True)
    readable(ana)
    assert "Courier at the door" in ana.locator(".cx-c-where").inner_text()
    answer(ana, -2, 1, "Left outside in the rain")
    answer(ana, -1)
    answer(ana, 1)
    expect(ana.locator(".cx-c-thanks")).to_contain_text("3 answers")
    ana.screenshot(path=artefacts / "thanks-375.png", full_page=True)

    start(ben, survey.url)
    answer(ben, -1)  # ... and leaves half-way
    ben.close()

    start(cy, survey.url)
    for feeling in (0, -2, 2):
        answer(cy, feeling)
    cy.reload()  # opens the page again: their own page comes back, answers and all
    expect(cy.locator(".cx-c-thanks")).to_be_visible()
    cy.locator("button.cx-c-again").click()  # back to the last question
    assert cy.locator(".cx-c-feeling button.mod-active").inner_text().endswith("Very good")
    answer(cy, 1)  # changes their mind about cancelling

    with Store(kit.db) as store:
        ws = store.state(kit.created.id)
        found = ws.rounds[-1]
        answers = [a for a in ws.answers if a.round_id == found.id]
        assert len({a.respondent for a in answers}) == 3 and len(answers) == 7
        stats = customer_stats(ws, found.id)
        by_name = {t.name: t.id for t in ws.touchpoints}
        courier, phone_line, cancel = (by_name[n] for n in (
            "Courier at the door", "Support phone line", "Cancellation flow"))
        assert (stats[courier].rated, stats[courier].mean) == (3, -1.0)  # -2, -1, 0
        assert stats[courier].share_not_like_this == pytest.approx(1 / 3)
        assert stats[courier].comments == ("Left outside in the rain",)
        assert (stats[phone_line].rated, stats[phone_line].mean) == (2, -1.5)
        assert (stats[cancel].rated, stats[cancel].mean) == (2, 1.0)  # +1 and the changed +1
        top = gaps(found, ws, ws)[0]
        assert top.customers is not None and top.difference is not None
        assert abs(top.difference) == max(abs(g.difference) for g in gaps(found, ws, ws)
                                           if g.difference is not None)
        drawn = {r["name"]: (r["cm"], r["cn"]) for r in customer_rows(_prepare(
            ws, None, "channel", stats))}
        assert drawn["Courier at the door"] == (-1.0, 3)
        assert drawn["Support phone line"] == (-1.5, 2)

        Editor.facilitator(store, kit.created.id, kit.created.token).close_round(found.id)
    late = phone(people)
    late.goto(survey.url)
    expect(late.locator(".cx-c-closed")).to_contain_text("closed", timeout=60_000)
    late.screenshot(path=artefacts / "closed-375.png", full_page=True)
    assert not late.locator(".cx-c-feeling").count()


def test_a_wrong_link_shows_a_clear_message_and_nothing_else(people, kit):
    page = phone(people)
    page.goto(f"{kit.url}/voila/render/validate.ipynb?w={kit.created.id}&round=WRONG123")
    expect(page.locator(".cx-app-error")).to_contain_text("does not lead to any questions",
                                                          timeout=60_000)
    body = page.locator("body").inner_text()
    assert kit.created.join_code not in body and "FreshBox" not in body
