"""The kit's web pages (the app page's loading and retry messages, the lobby) speak the
language their link asks for, through the kit's one catalogue."""

from __future__ import annotations

import re

import jinja2

from cxwidgets.resources import TEMPLATES
from cxwidgets.server.words import WORDS, page_language, page_words

FOLDER = TEMPLATES / "voila" / "templates" / "cxwidgets"
#: a word the templates say: `t(words, "…")` in the markup, `t("…")` in the scripts
SAID = re.compile(r'\bt\((?:[^,()"]*(?:\([^()]*\))?[^,()"]*,\s*)?"((?:[^"\\]|\\.)+)"')


def _env() -> jinja2.Environment:
    return jinja2.Environment(loader=jinja2.FileSystemLoader(FOLDER))


def test_the_page_language_is_the_one_its_link_asks_for():
    assert page_language("code=ABC123&lang=de") == "de"
    assert page_language("code=ABC123&lang=fr") == "fr"
    assert page_language("code=ABC123") == "en"
    assert page_language("lang=xx") == "en"


def test_every_word_the_templates_say_is_marked_for_the_catalogue():
    said = set()
    for path in FOLDER.iterdir():
        if path.suffix in (".html", ".j2"):
            text = path.read_text()
            # a word the scripts write over two lines is one word
            text = re.sub(r'"\s*\+\s*\n\s*"', "", text)
            said |= {m.replace('\\"', '"') for m in SAID.findall(text)}
    assert said, "no word found: the pattern no longer matches the templates"
    assert said - set(WORDS) == set()


def test_the_app_page_speaks_german_when_its_link_asks_for_it():
    macros = _env().get_template("cxwidgets.macro.html.j2").module
    words = page_words("de")
    loading = str(macros.loading_html(words))
    assert "Der Workshop wird geöffnet…" in loading
    assert "Jetzt versuchen" in loading
    assert "Opening the workshop" not in loading
    scripts = str(macros.app_scripts("/", words))
    assert "Diese Seite versucht es in {seconds} s" in scripts


def test_the_lobby_carries_the_language_of_its_link():
    page = _env().get_template("lobby.html").render(
        app="participant.ipynb", lang="fr", words=page_words("fr"), lobby_url="/cx/lobby",
        page_url="/cx/page")
    assert '<html lang="fr">' in page
    assert "Ouverture de l’atelier…" in page
    english = _env().get_template("lobby.html").render(
        app="participant.ipynb", lobby_url="/cx/lobby", page_url="/cx/page")
    assert '<html lang="en">' in english and "Opening the workshop…" in english
