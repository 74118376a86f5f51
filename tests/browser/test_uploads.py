"""A feedback file too big to upload is refused by the page, with a word, before it is
sent (sent anyway, the server would drop the message and the page would say nothing)."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from cxwidgets.method.steps import STEPS
from cxwidgets.settings import current
from cxwidgets.store import Editor, Store

pytestmark = pytest.mark.browser

EVIDENCE = STEPS[1].key


def test_a_file_over_the_upload_limit_is_refused_on_the_page(kit, browser, tmp_path,
                                                             artefacts):
    big = tmp_path / "all_reviews_2026.csv"
    with big.open("wb") as out:  # a real CSV, well over the limit
        out.write(b"id,review\n")
        line = b"1,The courier left the box in the rain again and nobody answered\n"
        out.write(line * (int(current().upload_mb * 1.5 * 1024**2) // len(line)))
    small = tmp_path / "few_reviews.csv"
    small.write_text("id,review\n1,Lovely recipes\n2,Box came late\n", encoding="utf-8")
    with Store(kit.db) as store:
        facilitator = Editor.facilitator(store, kit.created.id, kit.created.token)
        was = facilitator.state().current_step
        facilitator.open_step(EVIDENCE)
    page = browser.new_page()
    page.set_default_timeout(60_000)
    try:
        page.goto(kit.facilitator_url())
        step = page.locator(f".cx-step-{EVIDENCE}")
        button = step.locator("button.cx-upload")

        def upload(path) -> None:  # the widget opens the browser's file chooser
            with page.expect_file_chooser() as chooser:
                button.click()
            chooser.value.set_files(path)

        upload(big)
        refused = step.locator(".cx-upload-refused")
        expect(refused).to_contain_text("all_reviews_2026.csv is 12 MB")
        expect(refused).to_contain_text("files up to 8 MB can be uploaded")
        page.screenshot(path=str(artefacts / "upload-refused-1280.png"))
        # the kernel never got it: nothing was read, nothing can be checked
        expect(step.locator("button.cx-check")).to_be_disabled()
        # a file within the limit goes through, and the refusal goes away
        upload(small)
        expect(refused).to_have_count(0)
        expect(step.locator("button.cx-check")).to_be_enabled(timeout=60_000)
    finally:
        page.close()
        with Store(kit.db) as store:
            Editor.facilitator(store, kit.created.id, kit.created.token).open_step(was)
