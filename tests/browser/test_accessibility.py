"""WCAG 2.2 AA on every screen, checked by axe-core in a real Chromium.

One Voila server (the kit's own, the shared `kit` fixture) serves the facilitator's 16
steps, the participant's app and the customers' app; the bank's index and the poster are
files opened from disk. axe runs on each screen once it is drawn; the check fails on any
serious or critical finding, and on a minor or moderate one that
`data/axe-accepted.toml` does not name with its reason.
"""

from __future__ import annotations

import datetime as dt

import pytest
from playwright.sync_api import expect

from cxwidgets.method.steps import STEPS, TOTAL_STEPS
from cxwidgets.store import Editor, Store
from tests.browser.axe import Finding, check, not_accepted

pytestmark = [pytest.mark.browser, pytest.mark.timeout(900)]

#: True once every chart on the screen is drawn (axe checks what a person sees).
DRAWN = """(root) => {
  const seen = (e) => e.getClientRects().length && getComputedStyle(e).visibility !== 'hidden';
  const steps = [...document.querySelectorAll(root + ' .cx-step')].filter(seen);
  const charts = [...document.querySelectorAll(root + ' .cx-chart.cx-has-chart')].filter(seen);
  return steps.every(s => s.classList.contains('cx-on-screen'))
    && charts.every(c => c.querySelector('svg.marks'));
}"""


def report(findings: list[Finding]) -> str:
    return f"{len(findings)} findings:\n" + "\n".join(str(f) for f in findings)


def test_every_step_as_facilitator_and_participant(kit, people, artefacts):
    with Store(kit.db) as store:
        Editor.facilitator(store, kit.created.id, kit.created.token).open_step(STEPS[0].key)
    host = people.new_context(viewport={"width": 1280, "height": 900}).new_page()
    guest = people.new_context(viewport={"width": 1280, "height": 900}).new_page()
    for page in (host, guest):
        page.set_default_timeout(90_000)
    host.goto(kit.facilitator_url())
    guest.goto(kit.participant_url())
    host.locator(".cx-stepper").wait_for()
    guest.locator(".cx-join-form").wait_for()
    found = check(guest, "participant · join")
    guest.locator(".cx-join-name input").fill("Priya")
    guest.click("button.cx-join")
    guest.locator(".cx-room").wait_for()
    for s in STEPS:
        if s.number > 1:
            host.click("button.cx-next")
        heading = f"Step {s.number} of {TOTAL_STEPS}"
        expect(host.locator(".cx-heading")).to_contain_text(heading, timeout=60_000)
        expect(guest.locator(".cx-room-heading")).to_contain_text(heading, timeout=60_000)
        host.wait_for_function(DRAWN, arg=".cx-facilitator-app", timeout=60_000)
        guest.wait_for_function(DRAWN, arg=".cx-participant-app", timeout=60_000)
        if s.key == "map":  # the map in words, opened from the keyboard, checked too
            for page in (host, guest):
                page.locator(".cx-map-in-words summary").press("Enter")
                rows = page.locator(".cx-map-in-words table tbody tr")
                expect(rows.first).to_be_visible()
                assert rows.count() >= 20
        found += check(host, f"facilitator · {s.number} {s.key}")
        found += check(guest, f"participant · {s.number} {s.key}")
    (artefacts / "axe.txt").write_text(report(found))
    bad = not_accepted(found)
    assert bad == [], report(bad)


def test_the_customers_app(kit, people, artefacts):
    with Store(kit.db) as store:
        f = Editor.facilitator(store, kit.created.id, kit.created.token)
        tps = [t.id for t in f.state().touchpoints][:2]
        rid = f.open_round("Your first weeks with us", tps,
                           dt.date.today() + dt.timedelta(days=7),
                           consent="Your answers are anonymous.")
        code = next(r.code for r in f.state().rounds if r.id == rid)
    page = people.new_context(viewport={"width": 375, "height": 812}, is_mobile=True,
                              has_touch=True).new_page()
    page.set_default_timeout(60_000)
    page.goto(f"{kit.url}/voila/render/validate.ipynb?w={kit.created.id}&round={code}")
    agree = page.locator("button.cx-c-agree")
    agree.wait_for()
    found = check(page, "customers · consent")
    agree.click()
    expect(page.locator(".cx-c-count")).to_contain_text("Question", timeout=60_000)
    found += check(page, "customers · question")
    page.locator(".cx-c-feeling button").nth(1).click()
    page.locator(".cx-c-happens button").first.click()
    found += check(page, "customers · answered")
    (artefacts / "axe.txt").write_text(report(found))
    bad = not_accepted(found)
    assert bad == [], report(bad)
    page.context.close()


def test_the_bank_index_and_the_poster(people, tmp_path, artefacts):
    from cxwidgets.bank import write_index
    from cxwidgets.batch.jobs import Job
    from cxwidgets.batch.results import FAILED, RunResult
    from cxwidgets.export.workshop import export_workshop
    from cxwidgets.sample import load_sample_workshop

    poster = export_workshop(load_sample_workshop(), tmp_path / "freshbox.html",
                             today=dt.date(2026, 11, 25))[0]
    ok = tmp_path / "bank" / "new__all"
    ok.mkdir(parents=True)
    export_workshop(load_sample_workshop(), ok / "map.png")
    (ok / "segment_report.ipynb").write_text("{}")
    (ok / "run.log").write_text("done")
    index = write_index(tmp_path / "bank", [
        RunResult(Job("New customers"), ok, "done", 12.0, summary={
            "rows": 1200, "score_index": 61.5, "nps": -12.0, "negative_share": 0.31,
            "worst_touchpoint": "Courier at the door",
            "warnings": ["Half the rows have no touchpoint. Map them before trusting it."]}),
        RunResult(Job("Lapsed"), tmp_path / "bank" / "lapsed__all", FAILED,
                  error="The file has no column for the customers' words.")])
    page = people.new_context(viewport={"width": 1280, "height": 900}).new_page()
    page.goto(index.as_uri())
    found = check(page, "bank index")
    page.goto(poster.as_uri())
    page.locator("#journey-map svg").first.wait_for(timeout=30_000)
    page.locator("details.map-words summary").press("Enter")
    expect(page.locator("details.map-words table caption")).to_be_visible()
    page.screenshot(path=str(artefacts / "poster.png"), full_page=True)
    found += check(page, "poster")
    (artefacts / "axe.txt").write_text(report(found))
    bad = not_accepted(found)
    assert bad == [], report(bad)
    page.context.close()


def test_the_engine_finds_what_it_should(people):
    """The check can fail: a nameless button and grey-on-white text are found."""
    page = people.new_page()
    page.set_content("<html lang='en'><title>t</title><main><button></button>"
                     "<p style='color:#aaa'>faint</p></main></html>")
    rules = {(f.rule, f.impact) for f in check(page, "test page")}
    assert {("button-name", "critical"), ("color-contrast", "serious")} <= rules
    page.close()


def structure(pdf) -> dict[str, int]:
    """How many structure elements of each kind a PDF's tag tree holds (empty: untagged)."""
    from pypdf import PdfReader

    root = PdfReader(pdf).trailer["/Root"]
    if "/StructTreeRoot" not in root:
        return {}
    kinds: dict[str, int] = {}
    todo = [root["/StructTreeRoot"].get_object()]
    while todo:
        node = todo.pop()
        kids = node.get("/K")
        if kids is None:
            continue
        for kid in kids if isinstance(kids, list) else [kids]:
            kid = kid.get_object() if hasattr(kid, "get_object") else kid
            if isinstance(kid, dict) and "/S" in kid:
                kinds[str(kid["/S"])] = kinds.get(str(kid["/S"]), 0) + 1
                todo.append(kid)
    return kinds


def test_the_poster_prints_to_a_tagged_pdf_and_the_map_file_cannot(people, tmp_path,
                                                                   artefacts):
    """Chromium prints the poster as a tagged PDF (headings, the map in words as a
    table, the document's language), as a browser's "Save as PDF" does; the map alone,
    written by vl-convert, is an untagged drawing: the limit of that tool."""
    from pypdf import PdfReader

    from cxwidgets.export.workshop import export_workshop
    from cxwidgets.sample import load_sample_workshop

    poster, = export_workshop(load_sample_workshop(), tmp_path / "freshbox.html",
                              today=dt.date(2026, 11, 25))
    page = people.new_context(viewport={"width": 1600, "height": 1000}).new_page()
    page.goto(poster.as_uri())
    page.locator("#journey-map svg").first.wait_for(timeout=30_000)
    page.locator("details.map-words summary").press("Enter")
    printed = artefacts / "poster-tagged.pdf"
    page.pdf(path=str(printed), prefer_css_page_size=True, tagged=True, outline=True)
    page.context.close()
    tags = structure(printed)
    assert tags.get("/H1") == 1 and tags.get("/H2", 0) >= 3
    assert tags.get("/Table", 0) >= 2 and tags.get("/TH", 0) >= 7  # the map in words
    assert str(PdfReader(printed).trailer["/Root"].get("/Lang")) == "en"

    drawn, = export_workshop(load_sample_workshop(), tmp_path / "map.pdf")
    assert structure(drawn) == {}
