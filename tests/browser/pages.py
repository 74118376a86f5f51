"""What several browser tests ask of a page: that it does not scroll sideways, and that an
element has stopped being replaced before keys or clicks go to it."""

from __future__ import annotations


def no_sideways_scroll(page) -> None:
    wide = page.evaluate("document.scrollingElement.scrollWidth - window.innerWidth")
    assert wide <= 1, f"the page scrolls sideways by {wide} px"


def settled(page, selector: str, quiet_ms: int = 1500, timeout: float | None = None) -> None:
    """Wait until the element of `selector` has stayed the same node for `quiet_ms`: a
    page still being drawn may replace a form's fields once after showing them, and a
    map redrawn as the room's entries arrive replaces its drawing; keys typed into, or a
    click on, an element being replaced go nowhere."""
    page.wait_for_function("""([selector, quiet]) => {
        const now = document.querySelector(selector);
        const seen = window.__cxSettled || (window.__cxSettled = {node: null, since: 0});
        if (now !== seen.node) { seen.node = now; seen.since = performance.now(); }
        return now && performance.now() - seen.since >= quiet;
    }""", arg=[selector, quiet_ms], polling=200, timeout=timeout)
