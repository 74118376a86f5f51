"""The kit's web pages (the app page's loading and retry messages, the lobby) speak the
language their link asks for, through the kit's one catalogue."""

from __future__ import annotations

import json
import re

import jinja2
import pytest

from cxwidgets.resources import TEMPLATES
from cxwidgets.server.lobby import Lobby, LobbyFull
from cxwidgets.server.words import WORDS, page_language, page_words, said

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


#: a string in a script that a person might read: a capital letter, then words
SENTENCE = re.compile(r'"([A-Z][a-z]+ (?:[^"\\]|\\.)*)"')
#: strings in the scripts that are not said to anyone, and why
NOT_SAID = {
    "use strict": "the script's mode",
    "Loading widget...": "read from the page: the words ipywidgets shows, not ours",
    "Error displaying widget": "read from the page: the words ipywidgets shows, not ours",
}


def test_every_sentence_in_the_pages_scripts_is_a_word_of_the_catalogue():
    english = []
    for path in FOLDER.iterdir():
        if path.suffix not in (".html", ".j2"):
            continue
        text = re.sub(r'"\s*\+\s*\n\s*"', "", path.read_text())
        for script in re.findall(r"<script>(.*?)</script>", text, re.S):
            english += [(path.name, found) for found in SENTENCE.findall(script)
                        if re.sub(r"\s+", " ", found.replace('\\"', '"')) not in WORDS
                        and " ".join(found.split()) not in NOT_SAID]
    assert english == []


def test_the_lobby_tells_a_place_in_line_and_a_wait_in_german():
    page = _env().get_template("lobby.html").render(
        app="participant.ipynb", lang="de", words=page_words("de"), lobby_url="/cx/lobby",
        page_url="/cx/page")
    table = json.loads(re.search(r"var words = (\{.*?\});\n", page).group(1))
    assert table["your place in line"] == "Ihr Platz in der Warteschlange"
    assert table["Yours opens in {wait}. Keep this page open: it opens by itself."].startswith(
        "Ihre öffnet sich in {wait}.")
    assert table["about {minutes} min"] == "etwa {minutes} min"


def test_a_refused_page_is_told_why_in_its_own_language():
    lobby = Lobby()
    lobby.new_per_address, lobby.new_window = 1, 60.0
    lobby.enter("participant.ipynb?code=A", "participant.ipynb", "10.0.0.1", None)
    with pytest.raises(LobbyFull) as refused:
        lobby.enter("participant.ipynb?code=B", "participant.ipynb", "10.0.0.1", None)
    assert str(refused.value).startswith("More than 1 pages were opened from one address")
    french = said("fr", refused.value.word, **refused.value.values)
    assert french.startswith("Plus de 1 pages ont été ouvertes depuis une même adresse en 60 s")
