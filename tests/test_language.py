"""The catalogue: in step with the code, complete in German and French, compiled as written.

- the template (`cxwidgets/locale/cxwidgets.pot`) holds exactly what `pybabel extract`
  finds in the code today (babel.cfg), so a word marked in the code and not in the
  catalogue fails here;
- every msgid of the template has a German and a French translation, none fuzzy, none
  empty, and each keeps the msgid's placeholders ({name}), which `.format` fills;
- each compiled `.mo` gives exactly what its `.po` says (a `.po` edited without
  `python -m cxwidgets.language` to compile it fails);
- dates and numbers follow the locale; a language the kit lacks reads as English.
"""

from __future__ import annotations

import datetime as dt
import gettext
import re
import string
from io import BytesIO
from pathlib import Path

import pytest
from babel.messages.extract import extract_from_dir
from babel.messages.pofile import read_po

from cxwidgets import language
from cxwidgets.method import words as L
from cxwidgets.method.steps import step

ROOT = Path(__file__).resolve().parent.parent
LOCALE = ROOT / "cxwidgets" / "locale"
TEMPLATE = LOCALE / "cxwidgets.pot"
TRANSLATED = ("de", "fr")


def _catalogue(path: Path, code: str | None = None):
    with path.open("rb") as f:
        return read_po(f, locale=code)


def _key(message) -> tuple[str | None, object]:
    return message.context, message.id


def _fields(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name is not None}


def test_the_template_holds_what_the_code_marks_today():
    """Re-extract as `pybabel extract -F babel.cfg` does; the template must not lag."""
    from babel.messages.frontend import parse_mapping_cfg

    with (ROOT / "babel.cfg").open(encoding="utf-8") as f:
        method_map, options_map = parse_mapping_cfg(f)
    found = set()
    for _, _, message, _, context in extract_from_dir(
            str(ROOT), method_map, options_map, keywords=dict(
                __import__("babel.messages.extract", fromlist=["x"]).DEFAULT_KEYWORDS)):
        found.add((context, message))
    kept = {_key(m) for m in _catalogue(TEMPLATE) if m.id}
    assert found - kept == set(), "marked in the code but not in the template: run " \
        "pybabel extract -F babel.cfg --no-location --sort-output --omit-header " \
        "-o cxwidgets/locale/cxwidgets.pot ."
    assert kept - found == set(), "in the template but no longer in the code"
    assert len(kept) > 600


@pytest.mark.parametrize("code", TRANSLATED)
def test_every_word_has_a_translation_that_keeps_its_placeholders(code):
    template = {_key(m): m for m in _catalogue(TEMPLATE) if m.id}
    po = _catalogue(LOCALE / code / "LC_MESSAGES" / "cxwidgets.po", code)
    translated = {_key(m): m for m in po if m.id}
    assert set(template) - set(translated) == set(), f"{code}: msgids with no entry"
    wrong = []
    for message in translated.values():
        forms = message.string if isinstance(message.string, tuple) else (message.string,)
        ids = message.id if isinstance(message.id, tuple) else (message.id,)
        if message.fuzzy or not all(forms):
            wrong.append(f"untranslated or fuzzy: {message.id!r}")
            continue
        wanted = set().union(*map(_fields, ids))
        for form in forms:
            if _fields(form) != wanted:
                wrong.append(f"{message.id!r}: {form!r} has {_fields(form)}, not {wanted}")
    assert not wrong, "\n".join(wrong)
    assert not po.fuzzy and po.num_plurals >= 2


@pytest.mark.parametrize("code", TRANSLATED)
def test_the_compiled_catalogue_says_what_the_po_says(code):
    folder = LOCALE / code / "LC_MESSAGES"
    with (folder / "cxwidgets.mo").open("rb") as f:
        compiled = gettext.GNUTranslations(BytesIO(f.read()))
    for message in _catalogue(folder / "cxwidgets.po", code):
        if not message.id or message.context:
            continue
        if isinstance(message.id, tuple):
            assert compiled.ngettext(*message.id, 1) == message.string[0], message.id
        else:
            assert compiled.gettext(message.id) == message.string, (
                f"{message.id!r}: the .mo is older than the .po; run "
                "python -m cxwidgets.language")


def test_a_participants_words_read_in_german_and_french():
    with language.speaking("de"):
        assert language._("Join the workshop") == "Dem Workshop beitreten"
        assert L.count_of(3, "pain_points") == "3 Schmerzpunkte"
        assert L.count_of(1, "touchpoints") == "1 Kontaktpunkt"
        assert L.word(L.ActionStatus.todo) == "Offen"
        assert step("touchpoints").label == "Schritt 4 von 16 · Kontaktpunkte"
        assert L.options(L.MEDIUM) == [("Digital", "digital"), ("Physisch", "physical")]
    with language.speaking("fr"):
        assert L.count_of(2, "opportunities") == "2 opportunités"
        assert L.label(L.FUNCTION, "support") == "Service client"
        assert step("pains").name == "Points de friction" or step("pains").name.startswith(
            "Point")
    assert language.current() == "en" and L.word(L.ActionStatus.todo) == "To do"


def test_dates_and_numbers_follow_the_locale():
    day = dt.date(2026, 12, 7)
    assert language.format_date(day, code="en") == "Dec 7, 2026"
    assert language.format_date(day, code="de") == "07.12.2026"
    assert language.format_date(day, code="fr") == "7 déc. 2026"
    assert language.format_decimal(1234.5, code="de") == "1.234,5"
    assert re.fullmatch(r"1\s234,5", language.format_decimal(1234.5, code="fr"))
    assert language.format_decimal(-1.25, code="de", digits=1) in ("-1,2", "-1,3")
    with language.speaking("de"):
        assert L.count(1_500, "rating") == "1.500 Bewertungen"


def test_a_language_the_kit_lacks_reads_as_english():
    assert language.known("pt") == "en" and language.known(None) == "en"
    assert language.known(" DE ") == "de"
    with language.speaking("pt") as spoken:
        assert spoken == "en" and language._("Join the workshop") == "Join the workshop"
    assert language.current() == "en"
