"""The languages people read the kit in: one gettext catalogue, English as its source.

Every word a person sees is written in English in the code, marked for the catalogue
(`_` where it is shown, `N_` where it is only kept, to be translated where it is shown),
and looked up at display time in the catalogue of the language spoken on that page:
`cxwidgets/locale/<code>/LC_MESSAGES/cxwidgets.po`, compiled to `.mo` beside it
(`python -m cxwidgets.language compile`; tests/test_language.py fails when a `.mo` is
older than its `.po` or a translation is missing). The model stores codes ("de"); only
this module turns a code into a catalogue, a date or a number into the locale's form
(Babel).

One kernel serves one person's page (a participant's, the facilitator's), so the language
spoken is the kernel's: `use(code)` sets it once the page knows whose it is, and every
screen built or redrawn after that speaks it. `speaking(code)` sets it for a block (an
export written in the workshop's language, a test). This module imports nothing of the
kit and never reads the store.
"""

from __future__ import annotations

import datetime as dt
import gettext
from collections.abc import Iterator
from contextlib import contextmanager
from functools import cache, lru_cache
from pathlib import Path

#: The languages the kit speaks, each named in itself (what a language list shows).
LANGUAGES: dict[str, str] = {"en": "English", "de": "Deutsch", "fr": "Français"}
#: The catalogue's source language: its msgids are the English words.
SOURCE = "en"
#: The catalogue's name (gettext's domain).
DOMAIN = "cxwidgets"
#: Where the catalogues are: a folder of the package, shipped in the wheel.
LOCALE_DIR = Path(__file__).resolve().parent / "locale"

#: Catalogues put in by hand for a code (a test's pseudo-language): found before the files.
_EXTRA: dict[str, gettext.NullTranslations] = {}
#: The language this kernel speaks now.
_speaking = [SOURCE]


def N_(text: str) -> str:
    """Marks `text` for the catalogue where it is kept, not shown: whoever shows it
    translates it then (`_`), in the language of that page."""
    return text


def NC_(context: str, text: str) -> str:
    """Marks `text` for the catalogue as meant in `context` (read with `pgettext`): a word
    that is also a plural noun elsewhere ("customer" the role, "customer" the count)."""
    return text


def known(code: str | None) -> str:
    """`code` if the kit speaks it (or a catalogue was put in for it), else English."""
    code = (code or "").strip().lower()[:12]
    return code if code in LANGUAGES or code in _EXTRA else SOURCE


@cache
def _from_files(code: str) -> gettext.NullTranslations:
    if code == SOURCE:
        return gettext.NullTranslations()
    return gettext.translation(DOMAIN, LOCALE_DIR, languages=[code])


def translations(code: str) -> gettext.NullTranslations:
    """The catalogue of `code` (English: the words as written)."""
    code = known(code)
    return _EXTRA[code] if code in _EXTRA else _from_files(code)


def install(code: str, catalogue: gettext.NullTranslations | None) -> None:
    """Put in (or, with None, take out) a catalogue for `code` that is not a file: a
    test's pseudo-language wrapping every translation in markers."""
    if catalogue is None:
        _EXTRA.pop(code, None)
    else:
        _EXTRA[code] = catalogue


def use(code: str | None) -> str:
    """Speak `code` from now on in this kernel; returns the code spoken (English for a
    code the kit does not know)."""
    _speaking[0] = known(code)
    return _speaking[0]


def current() -> str:
    """The code of the language this kernel speaks now."""
    return _speaking[0]


@contextmanager
def speaking(code: str | None) -> Iterator[str]:
    """Speak `code` inside the block, then the language spoken before."""
    before = _speaking[0]
    try:
        yield use(code)
    finally:
        _speaking[0] = before


def _now() -> gettext.NullTranslations:
    """The catalogue spoken now. The code spoken is always one the kit knows (`use`), so
    it is looked up as it is: a map's rows ask for words a thousand times per drawing."""
    code = _speaking[0]
    found = _EXTRA.get(code)
    if found is None:  # a put-in catalogue taken out again falls back to English
        found = _from_files(code if code in LANGUAGES else SOURCE)
    return found


def _(text: str) -> str:
    """`text` (an English msgid) in the language spoken now."""
    if not text:
        return text
    return _now().gettext(text)


def ngettext(one: str, many: str, n: int) -> str:
    """The form of `one`/`many` for `n` in the language spoken now (German and French
    have their own plural rules; the catalogue knows them)."""
    return _now().ngettext(one, many, n)


def pgettext(context: str, text: str) -> str:
    """`text` in the language spoken, as meant in `context` (a field's name, "name", is
    another entry than the word "name" elsewhere)."""
    return _now().pgettext(context, text)


def language_name(code: str) -> str:
    """A language's name in itself ("Deutsch"), or the code for one the kit lacks."""
    return LANGUAGES.get(code, code)


def _babel_locale(code: str | None) -> str:
    code = known(code or _speaking[0])
    return code if code in LANGUAGES else SOURCE


def format_date(day: dt.date, format: str = "medium", code: str | None = None) -> str:
    """`day` as people of the language write it ("7 Dec 2026", "07.12.2026",
    "7 déc. 2026"); `format` is Babel's ("short", "medium", "long", or a pattern)."""
    # lazy: Babel, at the first date formatted; every start-up imports this module
    from babel.dates import format_date as babel_date

    return babel_date(day, format=format, locale=_babel_locale(code))


def format_decimal(number: float, code: str | None = None, digits: int | None = None) -> str:
    """`number` with the locale's separators ("1,234.5", "1.234,5", "1 234,5"); `digits`
    fixes the number of decimals."""
    pattern = None if digits is None else "#,##0" + ("." + "0" * digits if digits else "")
    return _decimal(number, pattern, _babel_locale(code))


@lru_cache(maxsize=4096)
def _decimal(number: float, pattern: str | None, locale: str) -> str:
    """Babel's formatting, remembered: a map redrawn for a room formats the same few
    counts and means thousands of times, at about 40 µs each."""
    # lazy: Babel, at the first number formatted; every start-up imports this module
    from babel.numbers import format_decimal as babel_decimal

    return babel_decimal(number, format=pattern, locale=locale)


def format_list(items: list[str], code: str | None = None, choice: bool = False) -> str:
    """`items` joined as the language joins a list ("a, b and c", "a, b und c",
    "a, b et c"); `choice`: as alternatives ("a or b", "a oder b", "a ou b")."""
    # lazy: Babel, at the first list formatted; every start-up imports this module
    from babel.lists import format_list as babel_list

    return babel_list(items, style="or" if choice else "standard",
                      locale=_babel_locale(code))


def compile_catalogues(folder: Path = LOCALE_DIR) -> list[Path]:
    """Compile every `.po` under `folder` to its `.mo` (what the kit reads at run time)."""
    # lazy: Babel's catalogue tools, only when the catalogues are compiled
    from babel.messages.mofile import write_mo

    # lazy: Babel's catalogue tools, only when the catalogues are compiled
    from babel.messages.pofile import read_po

    written = []
    for po in sorted(folder.glob(f"*/LC_MESSAGES/{DOMAIN}.po")):
        with po.open("rb") as source:
            catalogue = read_po(source, locale=po.parent.parent.name)
        mo = po.with_suffix(".mo")
        with mo.open("wb") as target:
            write_mo(target, catalogue, use_fuzzy=False)
        written.append(mo)
    _from_files.cache_clear()
    return written


if __name__ == "__main__":  # pragma: no cover
    for path in compile_catalogues():
        print(path)
