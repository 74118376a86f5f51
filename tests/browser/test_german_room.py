"""A German room in a real Voila server and a real Chromium: a participant joins choosing
Deutsch and goes through every step the room works on, and no English word of the kit
reaches their screen.

The workshop speaks German (`language="de"`) and holds German names, as a German room's
would. "English" is judged against the catalogue: every msgid whose German translation
differs, cut at its placeholders, is looked for as whole words in everything the page
shows or reads out (its text, the map's and the curve's drawn text, placeholders, titles,
labels and the options of its lists). Words the German catalogue shares with English
("Persona", "Workshop", "Marketing") prove nothing and are left out.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from babel.messages.pofile import read_po

from cxwidgets import language
from cxwidgets.store import Editor, Store
from cxwidgets.testing import look_at

pytestmark = pytest.mark.browser

GERMAN = Path(language.__file__).parent / "locale" / "de" / "LC_MESSAGES" / "cxwidgets.po"
#: Everything a person sees or hears on the page, as one text.
SHOWN = """() => {
  const parts = [document.body.innerText];
  for (const el of document.querySelectorAll('svg text')) parts.push(el.textContent);
  for (const el of document.querySelectorAll('option')) parts.push(el.textContent);
  for (const el of document.querySelectorAll('[placeholder],[title],[aria-label]')) {
    for (const a of ['placeholder', 'title', 'aria-label']) {
      if (el.getAttribute(a)) parts.push(el.getAttribute(a));
    }
  }
  return parts.join('\\n');
}"""


def english_phrases() -> list[re.Pattern[str]]:
    """The kit's English words that German never uses: each msgid translated otherwise,
    cut at its placeholders, kept where a piece has a word of four letters or more."""
    with GERMAN.open("rb") as f:
        catalogue = read_po(f, locale="de")
    german = " ".join(s for m in catalogue if m.id for s in (
        m.string if isinstance(m.string, tuple) else (m.string,)))
    phrases = set()
    for m in catalogue:
        if not m.id:
            continue
        ids = m.id if isinstance(m.id, tuple) else (m.id,)
        strings = m.string if isinstance(m.string, tuple) else (m.string,)
        for msgid in ids:
            if msgid in strings:
                continue
            for piece in re.split(r"\{[^}]*\}", msgid):
                piece = piece.strip(" .,:;·()'\"!?…-")
                if re.search(r"[A-Za-z]{4,}", piece) and piece not in german:
                    phrases.add(piece)
    return [re.compile(r"(?<![\w-])" + re.escape(p) + r"(?![\w-])") for p in sorted(phrases)]


PHRASES = english_phrases()


def english_on(page) -> list[str]:
    """Each English phrase on the page, with the words around it (where to look)."""
    shown = page.evaluate(SHOWN)
    found = []
    for phrase in PHRASES:
        if hit := phrase.search(shown):
            around = shown[max(0, hit.start() - 40):hit.end() + 40].replace("\n", " | ")
            found.append(f"{hit.group(0)!r} in …{around}…")
    return found


@pytest.fixture
def german_room(kit):
    """A German workshop in the kit's store: its journey, in German, up to the actions."""
    with Store(kit.db) as store:
        created = store.create_workshop("Schadensmeldung Hausrat", language="de",
                                        scope="Hausratversicherung")
        f = Editor.facilitator(store, created.id, created.token)
        s1 = f.add("stages", {"name": "Schaden melden", "order": 0})
        s2 = f.add("stages", {"name": "Geld erhalten", "order": 1})
        t1 = f.add("touchpoints", {"name": "Schadenshotline", "channel": "phone",
                                   "stage_id": s1})
        t2 = f.add("touchpoints", {"name": "Zahlungsbrief", "channel": "mail",
                                   "medium": "physical", "stage_id": s2})
        f.add("personas", {"name": "Vorsichtige Carla", "agreed": True,
                           "role": "Pflegekraft, zwei Kinder",
                           "quote": "Sagen Sie mir einfach, wo ich stehe."})
        pain = f.add("pain_points", {"touchpoint_id": t1, "text": "Lange Wartezeit",
                                     "evidence": ["„Zwanzig Minuten in der Schleife.“"],
                                     "impact": 4, "effort": 2})
        f.add("opportunities", {"touchpoint_id": t2, "text": "Auszahlung per SMS ankündigen",
                                "pain_id": pain})
        f.add("backstage", {"touchpoint_id": t1, "name": "Schadenprüfung",
                            "owner": "operations"})
        f.add("actions", {"title": "Rückrufservice einführen", "owner": "Jonas",
                          "due": "2026-12-18", "linked_ids": [pain]})
        f.open_step("persona")
    return created, f


def test_a_german_room_shows_no_english_word_from_join_to_the_last_step(
        kit, people, german_room, artefacts):
    created, facilitator = german_room
    assert len(PHRASES) > 400  # the catalogue's English, not an empty check
    context = people.new_context(viewport={"width": 1280, "height": 900}, locale="de-DE")
    page = context.new_page()
    page.set_default_timeout(60_000)
    found: dict[str, list[str]] = {}
    try:
        # the link the facilitator's screen gives a German room asks for German
        page.goto(f"{kit.url}/voila/render/participant.ipynb?code={created.join_code}"
                  "&lang=de")
        page.locator(".cx-join-name input").wait_for()
        # the page's own "opening" note goes once the app is on screen
        page.locator("#loading").wait_for(state="detached")
        assert "Dem Workshop beitreten" in page.locator(".cx-join-form").inner_text()
        page.select_option(".cx-join-language select", label="Deutsch")
        page.fill(".cx-join-name input", "Priya")
        page.select_option(".cx-join-function select", label="Betrieb")
        found["join form"] = english_on(page)
        shot(page, artefacts / "1-join.png")
        page.click("button.cx-join")
        page.locator(".cx-step-persona.cx-on-screen").wait_for()
        assert "Willkommen, Priya" in page.locator(".cx-welcome").inner_text()
        found["persona"] = english_on(page)

        go(page, facilitator, "touchpoints", 4)
        page.fill(".cx-tp-name input", "Online-Formular")
        page.select_option(".cx-tp-stage select", label="Schaden melden")
        page.click(".cx-step-touchpoints button.cx-add")
        page.locator(".cx-step-touchpoints .cx-list").get_by_text("Online-Formular").wait_for()
        page.click(".cx-step-touchpoints button.cx-add")  # empty: refused, in German
        page.locator(".cx-step-touchpoints .cx-error").wait_for()
        found["touchpoints"] = english_on(page)
        shot(page, artefacts / "2-touchpoints.png")

        go(page, facilitator, "emotions", 6)
        page.locator(".cx-step-emotions .cx-score button").first.click()
        page.click(".cx-step-emotions button.cx-rate")
        page.locator(".cx-emotion-chart svg").first.wait_for()
        found["emotions"] = english_on(page)

        go(page, facilitator, "pains", 7)
        page.fill(".cx-step-pains .cx-text input", "Niemand ruft zurück")
        page.click(".cx-step-pains button.cx-add")
        page.locator(".cx-step-pains .cx-list").get_by_text("Niemand ruft zurück").wait_for()
        found["pains"] = english_on(page)

        for key, number in (("opportunities", 8), ("backstage", 9)):
            go(page, facilitator, key, number)
            found[key] = english_on(page)

        go(page, facilitator, "map", 10)
        page.locator(".cx-journey-map svg text").first.wait_for()
        found["map"] = english_on(page)
        shot(page, artefacts / "3-map.png")
        drawn = artefacts / "3-map-drawing.png"
        page.locator(".cx-journey-map").screenshot(path=str(drawn))
        assert look_at(drawn).colours > 50

        go(page, facilitator, "review", 11)
        found["review"] = english_on(page)

        go(page, facilitator, "prioritise", 12)
        page.click(".cx-step-prioritise button.cx-dot")
        page.locator(".cx-dots-left").get_by_text("noch 4 von 5").wait_for()
        found["prioritise"] = english_on(page)
        shot(page, artefacts / "4-prioritise.png")

        go(page, facilitator, "actions", 13)
        page.click(".cx-step-actions button.cx-volunteer")
        page.locator(".cx-step-actions .cx-ok").wait_for()
        found["actions"] = english_on(page)

        page.click(".cx-toggle-assessment")
        page.locator(".cx-self-assessment").wait_for()
        found["self-assessment"] = english_on(page)
        shot(page, artefacts / "5-self-assessment.png")
    finally:
        context.close()
    with Store(kit.db) as store:
        workshop = store.state(created.id)
    priya = next(p for p in workshop.participants if p.name == "Priya")
    assert priya.language == "de" and workshop.language == "de"
    assert any(t.name == "Online-Formular" for t in workshop.touchpoints)
    left = [f"{where}: {phrase}" for where, phrases in found.items() for phrase in phrases]
    assert not left, "English on the German participant's screen:\n" + "\n".join(left)


def go(page, facilitator: Editor, key: str, number: int) -> None:
    """The facilitator opens step `key`; the participant's screen follows it."""
    facilitator.open_step(key)
    page.locator(".cx-room-heading").get_by_text(f"Schritt {number} von 16").wait_for()
    page.locator(f".cx-step-{key}.cx-on-screen, .cx-watching").first.wait_for()


def shot(page, path: Path) -> None:
    page.screenshot(path=str(path), full_page=True)
    picture = look_at(path)
    assert picture.width >= 1000 and picture.colours > 20 and picture.inked > 0.01, picture


def test_a_link_to_nothing_says_so_in_german(kit, page):
    """The error page is rendered without the link at hand: its script puts it in the
    language the link asks for."""
    page.goto(f"{kit.url}/voila/render/nothing.ipynb?code=ABC123&lang=de")
    heading = page.locator("h1")
    assert heading.text_content() == "Diese Seite gibt es nicht"
    assert page.evaluate("document.documentElement.lang") == "de"
    assert english_on(page) == []
