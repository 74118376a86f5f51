"""The screen check: every step, as the facilitator and as a participant, at three sizes.

One Voila server (the kit's own `cxwidgets serve` on the sample workshop), one Chromium,
two pages kept open the whole time (the facilitator's and one participant's); the
facilitator walks the 16 steps with Next and the participant's page follows the room.
At 1440x900 (a projector), 1280x800 (a laptop) and 375x812 (a phone) every screen is
measured in the page itself, and the check fails on:

* a label cut off: computed `text-overflow: ellipsis` with the text wider than its box;
* anything wider than the screen that is not inside a container that visibly scrolls
  sideways (one that fits the screen, is no taller than it, and draws its scrollbar);
* a button whose words are hidden (clipped, or outside the button);
* a box that scrolls sideways by a few pixels only (a stray scrollbar: something inside
  is a little too wide);
* a picture that did not load;
* a broken plural ("1 people", "3 entry", "touchpoint(s)") or words no person should read
  on a web page (backticks, `null`, field names, command-line options).

It saves one screenshot per step, page and size under test-output/ (the whole height of
the page, so a person can look at every screen afterwards).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from cxwidgets.method import words as L
from cxwidgets.method.kinds import NOUNS
from cxwidgets.method.steps import STEPS, TOTAL_STEPS
from cxwidgets.store import Editor, Store
from cxwidgets.testing import CHROMIUM_ARGS, chromium_path

pytestmark = [pytest.mark.browser, pytest.mark.timeout(600)]

SIZES = ((1440, 900), (1280, 800), (375, 812))

#: Resolves once the page has stopped changing for a moment (charts drawn, rows filled).
SETTLE = """(quiet) => new Promise(done => {
  let timer = null;
  const observer = new MutationObserver(() => {
    clearTimeout(timer); timer = setTimeout(finish, quiet); });
  function finish() { observer.disconnect(); done(); }
  observer.observe(document.body, {subtree: true, childList: true, characterData: true,
                                   attributes: true});
  timer = setTimeout(finish, quiet);
  setTimeout(finish, 15000);
})"""

#: True once the step on screen is complete (its kernel said so, after sending its charts)
#: and every chart on it is drawn: the page draws a chart from what the kernel sends, and
#: the first chart of a page can take many seconds on a busy machine.
CHARTS_DRAWN = """(root) => {
  const seen = (e) => e.getClientRects().length && getComputedStyle(e).visibility !== 'hidden';
  const steps = [...document.querySelectorAll(root + ' .cx-step')].filter(seen);
  const charts = [...document.querySelectorAll(root + ' .cx-chart.cx-has-chart')].filter(seen);
  return steps.every(s => s.classList.contains('cx-on-screen'))
    && charts.every(c => c.querySelector('svg.marks'));
}"""

#: Measures one screen; returns what a person would find wrong, and the page's text.
MEASURE = """(root) => {
  // Voila scrolls the page inside its own panel: the panel's inner box is the screen.
  const panel = document.querySelector('#rendered_cells') || document.documentElement;
  const pr = panel.getBoundingClientRect();
  const left = pr.left + panel.clientLeft, right = left + panel.clientWidth;
  const screenHeight = window.innerHeight;
  const scope = document.querySelector(root) || document.body;
  const name = (e) => {
    const text = (e.innerText || e.value || e.getAttribute('aria-label') || '').trim()
      .replace(/\\s+/g, ' ');
    const cls = [...e.classList].filter(c => c.startsWith('cx-')).join('.');
    return (cls ? '.' + cls : e.tagName.toLowerCase()) + ' "' + text.slice(0, 50) + '"';
  };
  const shown = (e) => {
    if (!e.getClientRects().length) return false;
    if (e.closest('.cx-sr-only')) return false;  // words for screen readers, never seen
    const r = e.getBoundingClientRect();
    if (r.width < 1 || r.height < 1) return false;
    const cs = getComputedStyle(e);
    return cs.visibility !== 'hidden' && cs.display !== 'none';
  };
  const inPanel = (e) => panel.contains(e) && e !== panel;
  // A container that visibly scrolls sideways: it scrolls on x, fits the screen's width,
  // is no taller than the screen (its scrollbar is in sight of its content) and draws a
  // scrollbar that takes room (not an overlay that shows only while moving).
  const visiblyScrolls = (c) => {
    const cs = getComputedStyle(c);
    if (!['auto', 'scroll'].includes(cs.overflowX)) return false;
    const r = c.getBoundingClientRect();
    if (r.left < left - 1 || r.right > right + 1 || r.height > screenHeight) return false;
    const bar = c.offsetHeight - c.clientHeight - parseFloat(cs.borderTopWidth)
      - parseFloat(cs.borderBottomWidth);
    return bar >= 4;
  };
  const container = (e) => {
    for (let c = e.parentElement; c && inPanel(c); c = c.parentElement) {
      const cs = getComputedStyle(c);
      if (cs.overflowX !== 'visible' && c.scrollWidth > c.clientWidth + 1) {
        return visiblyScrolls(c) ? 'scrolls' : (cs.overflowX === 'hidden' ? 'cut off'
          : 'in a container that does not visibly scroll');
      }
    }
    return 'the page scrolls sideways';
  };
  const cut = [], wide = [], broken = [], buttons = [], stray = [];
  for (const e of scope.querySelectorAll('*')) {
    if (!shown(e)) continue;
    const cs = getComputedStyle(e);
    const spill = e.scrollWidth - e.clientWidth;
    if (['auto', 'scroll'].includes(cs.overflowX) && spill > 1 && spill < 24) {
      stray.push(name(e) + ' by ' + spill + ' px');
    }
    // words cut short: with an ellipsis, or clipped where their own box ends
    const ownWords = [...e.childNodes].some(n => n.nodeType === 3 && n.textContent.trim());
    if (((cs.textOverflow === 'ellipsis' && (e.innerText || '').trim())
         || (['hidden', 'clip'].includes(cs.overflowX) && ownWords))
        && cs.overflowX !== 'visible' && e.scrollWidth > e.clientWidth + 1) {
      cut.push(name(e));
    }
    const r = e.getBoundingClientRect();
    if ((r.right > right + 1 || r.left < left - 1) && inPanel(e)) {
      const how = container(e);
      if (how !== 'scrolls') {
        wide.push([e, name(e) + ' spans ' + Math.round(r.left) + '..' + Math.round(r.right)
                   + ' px of ' + Math.round(left) + '..' + Math.round(right) + ': ' + how]);
      }
    }
    if (e.tagName === 'IMG' && e.complete && e.naturalWidth === 0) broken.push(name(e));
  }
  for (const b of scope.querySelectorAll('button')) {
    if (!shown(b)) continue;
    const words = [...b.childNodes].filter(n => n.nodeType === 3 && n.textContent.trim());
    if (!words.length) continue;
    const range = document.createRange();
    range.setStart(words[0], 0);
    const last = words[words.length - 1];
    range.setEnd(last, last.textContent.length);
    const t = range.getBoundingClientRect(), br = b.getBoundingClientRect();
    const inside = t.width > 1 && t.left >= br.left - 1 && t.right <= br.right + 1
      && t.top >= br.top - 1 && t.bottom <= br.bottom + 1;
    if (!inside || b.scrollWidth > b.clientWidth + 1) buttons.push(name(b));
  }
  // the outermost element of each too-wide branch says it all
  const wideOnes = new Set(wide.map(([e]) => e));
  return {cut, broken, buttons, stray, text: scope.innerText,
          wide: wide.filter(([e]) => !wideOnes.has(e.parentElement)).map(([, n]) => n)};
}"""

#: Words that name one thing ("1 touchpoint"); after any other number they need a plural.
SINGULARS = sorted({one for one, _ in NOUNS.values()} | {
    "entry", "person", "rating", "dot", "day", "minute", "answer", "draft", "item", "file",
    "row", "statement", "element"}, key=len, reverse=True)
PLURALS = sorted({many for _, many in NOUNS.values()} | {
    "entries", "people", "ratings", "dots", "days", "minutes", "answers", "drafts", "items",
    "files", "rows", "statements", "elements"}, key=len, reverse=True)
BROKEN_PLURAL = (
    re.compile(rf"(?<![\d.,:/-])\b1 ({'|'.join(PLURALS)})\b"),
    re.compile(rf"(?<![\d.,:/-])\b(0|[2-9]|\d[\d,]+) ({'|'.join(SINGULARS)})\b(?! of\b)"),
    re.compile(r"\w\(s\)|\w\(es\)"),
)
#: What a web page must never show a person: code, ids, field names, command lines.
CODE_WORDS = re.compile(
    r"`|\bnull\b|\bNone\b|\bTrue\b|\bFalse\b|\[\s*\"|(?<!\w)--[a-z]|Traceback|\bforce="
    # a field name (goal_ids), but not a file name in a path a facilitator typed
    r"|(?<![\w./])[a-z]+_[a-z_]+(?![\w./])")


def problems_in_text(text: str) -> list[str]:
    found = []
    for pattern in BROKEN_PLURAL:
        found += [f"broken plural: {m.group(0)!r}" for m in pattern.finditer(text)]
    for m in CODE_WORDS.finditer(text):
        found.append(f"code on the page: {text[max(0, m.start() - 30):m.end() + 30]!r}")
    return found


@dataclass
class Screen:
    """One page (the facilitator's or a participant's) walked through the sizes."""

    who: str
    page: object
    root: str
    folder: Path
    found: list[str] = field(default_factory=list)

    def check(self, name: str, sizes: tuple[tuple[int, int], ...] = SIZES) -> None:
        """Measure `name` at every size and save its screenshots."""
        for width, height in sizes:
            self.page.set_viewport_size({"width": width, "height": height})
            self.page.wait_for_function(CHARTS_DRAWN, arg=self.root, timeout=60_000)
            self.page.evaluate(SETTLE, 300)
            seen = self.page.evaluate(MEASURE, self.root)
            where = f"{self.who} · {name} · {width}x{height}"
            self.found += [f"{where}: label cut off: {x}" for x in seen["cut"]]
            self.found += [f"{where}: too wide: {x}" for x in seen["wide"]]
            self.found += [f"{where}: button words hidden: {x}" for x in seen["buttons"]]
            self.found += [f"{where}: picture missing: {x}" for x in seen["broken"]]
            self.found += [f"{where}: a scrollbar for a few pixels: {x}"
                           for x in seen["stray"]]
            self.found += [f"{where}: {x}" for x in problems_in_text(seen["text"])]
            self.shoot(self.folder / f"{self.who}-{name}-{width}.png", width, height)

    def shoot(self, path: Path, width: int, height: int) -> None:
        """The whole height of the page: Voila scrolls inside a panel, so the window is
        made as tall as the panel's content for the picture, then put back."""
        full = self.page.evaluate("() => (document.querySelector('#rendered_cells')"
                                  " || document.body).scrollHeight")
        self.page.set_viewport_size({"width": width, "height": min(max(full, height), 12000)})
        self.page.evaluate(SETTLE, 100)
        self.page.screenshot(path=str(path))
        self.page.set_viewport_size({"width": width, "height": height})


def test_problems_in_text_finds_what_a_person_would_stumble_on():
    assert problems_in_text("27 touchpoints, 1 person, 0 people, 5 of 5 dots left") == []
    assert problems_in_text(f"{L.count(1, 'entry', 'entries')}, {L.count_of(2, 'backstage')}"
                            ) == []
    bad = problems_in_text("1 people · 3 entry · 2 touchpoint · touchpoint(s)")
    assert len([b for b in bad if b.startswith("broken plural")]) == 4
    for text in ("set `steps`", "goal_ids", "Before: null", "pass --force", "force=True",
                 '["g-retention"]'):
        assert problems_in_text(text), text


@pytest.fixture(scope="module")
def chromium(playwright):
    """Chromium with its scrollbars drawn, as on a person's screen (Playwright hides them
    by default, and a box that scrolls sideways must show that it does)."""
    browser = playwright.chromium.launch(executable_path=chromium_path(), headless=True,
                                         args=CHROMIUM_ARGS,
                                         ignore_default_args=["--hide-scrollbars"])
    yield browser
    browser.close()


#: Fields of the join form that stick out of it (by more than half a pixel).
INSIDE_THE_FORM = """() => {
  const form = document.querySelector('.cx-join-form').getBoundingClientRect();
  return [...document.querySelectorAll('.cx-join-form input, .cx-join-form select,'
                                       + ' .cx-join-form button')]
    .map(e => [e, e.getBoundingClientRect()])
    .filter(([, r]) => r.left < form.left - 0.5 || r.right > form.right + 0.5)
    .map(([e]) => e.outerHTML.slice(0, 60));
}"""


def in_view(page, locator) -> bool:
    """True when `locator` is on screen: seen without scrolling, where the eye already is."""
    box = locator.bounding_box()
    size = page.viewport_size
    return bool(box) and box["y"] >= 0 and box["y"] + box["height"] <= size["height"] \
        and box["x"] >= 0 and box["x"] + box["width"] <= size["width"]


def refused_next_to_the_button(page, step_key: str, button: str) -> str:
    """Press `button` of a step with nothing filled in: the refusal shows under it, in view."""
    page.locator(f".cx-step-{step_key} {button}").click()
    notice = page.locator(f".cx-step-{step_key} .cx-notice .cx-error").first
    notice.wait_for()
    assert in_view(page, notice), f"the message of {button} is off screen"
    return notice.inner_text()


def compare_versions(page) -> None:
    """Step 14 as the room uses it: the first saved version against the map now."""
    page.locator(".cx-step-versions button.cx-compare").click()
    page.locator(".cx-step-versions .cx-diff h5").first.wait_for()


def export_twice(page) -> None:
    """Step 16: export, then export again without ticking Overwrite: the refusal says what
    to do in plain words, next to the button, and the first export's links stay."""
    share = page.locator(".cx-step-share")
    overwrite = share.locator(".cx-overwrite input")
    overwrite.check()  # an earlier run may have left files of these names
    share.locator("button.cx-export").click()
    share.locator(".cx-file-list li").first.wait_for(timeout=120_000)
    overwrite.uncheck()
    links = share.locator(".cx-file-list li").count()
    said = refused_next_to_the_button(page, "share", "button.cx-export")
    assert "Overwrite" in said and "force" not in said
    assert share.locator(".cx-file-list li").count() == links and links >= 3
    share.locator(".cx-preview").wait_for()  # the picture, once there is one


def test_every_screen_reads_at_every_size(kit, chromium, artefacts):
    with Store(kit.db) as store:  # the room starts on step 1
        Editor.facilitator(store, kit.created.id, kit.created.token).open_step(STEPS[0].key)
    facilitator = chromium.new_context(viewport={"width": 1440, "height": 900}).new_page()
    participant = chromium.new_context(viewport={"width": 1280, "height": 800}).new_page()
    for page in (facilitator, participant):
        page.set_default_timeout(90_000)
    facilitator.goto(kit.facilitator_url())
    participant.goto(kit.participant_url())
    facilitator.locator(".cx-stepper").wait_for()
    participant.locator(".cx-join-form").wait_for()
    host = Screen("facilitator", facilitator, ".cx-facilitator-app", artefacts)
    guest = Screen("participant", participant, ".cx-participant-app", artefacts)

    guest.check("00-join")
    assert participant.evaluate(INSIDE_THE_FORM) == []  # no field runs past the form
    participant.set_viewport_size({"width": 1280, "height": 800})
    assert participant.evaluate(INSIDE_THE_FORM) == []
    participant.locator(".cx-join-name input").fill("Priya")
    participant.click("button.cx-join")
    participant.locator(".cx-room").wait_for()
    for s in STEPS:
        if s.number > 1:
            facilitator.click("button.cx-next")
        heading = f"Step {s.number} of {TOTAL_STEPS}"
        facilitator.locator(".cx-heading").get_by_text(heading).wait_for()
        participant.locator(".cx-room-heading").get_by_text(heading).wait_for()
        if s.key == "touchpoints":  # a refusal on a phone: under the button, in view
            participant.set_viewport_size({"width": 375, "height": 812})
            said = refused_next_to_the_button(participant, s.key, "button.cx-add")
            assert "stage" in said  # asked for, before anything is stored
        elif s.key == "versions":
            compare_versions(facilitator)
        elif s.key == "share":
            export_twice(facilitator)
        host.check(f"{s.number:02d}-{s.key}")
        guest.check(f"{s.number:02d}-{s.key}")
        if s.key == "map":  # on a phone, the map a stage at a time: the next stage
            participant.locator(".cx-step-map button.cx-stage-next").click()
            participant.locator(".cx-step-map .cx-stage-name", has_text="stage 2 of").wait_for()
            guest.check(f"{s.number:02d}-{s.key}-stage-2", SIZES[2:])
        if s.key in ("frame", "pains", "map", "actions"):  # on the projector, larger
            projector = facilitator.locator("button.cx-projector-toggle")
            projector.click()
            facilitator.locator(".cx-facilitator-app.cx-projector").wait_for()
            host.check(f"{s.number:02d}-{s.key}-projector", SIZES[:2])
            projector.click()
    participant.click("button.cx-toggle-assessment")
    participant.locator(".cx-self-assessment").wait_for()
    guest.check("17-self-assessment")
    facilitator.locator(".cx-techniques .jupyter-widget-Collapse-header").click()
    tabs = facilitator.locator(".cx-techniques .lm-TabBar-tab")
    for n in range(tabs.count()):
        tabs.nth(n).click()
        facilitator.locator(".cx-techniques .lm-TabBar-tab.lm-mod-current").nth(0).wait_for()
        host.check(f"18-techniques-{n + 1}")

    found = host.found + guest.found
    assert found == [], f"{len(found)} problems on the screens:\n" + "\n".join(found)
    shots = sorted(artefacts.glob("*.png"))
    assert len(shots) == 3 * (2 * len(STEPS) + 2) + 1 + 4 * 2 + 3 * tabs.count()
    assert tabs.count() == 7
