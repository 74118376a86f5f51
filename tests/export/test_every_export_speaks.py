"""Every export format of the registry speaks the workshop's language, as a class.

The sample workshop a month on (a validation round answered, the diagnosis taken, so
every section of every format has content) is copied as a German and as a French room
and written in every format of the registry (`formats.FORMATS`), while the asker's own
screens speak English. The text a person reads in each file is taken out of it (the
report, the CSV tables, the workbook's sheets and cells, the poster's page, the map's
drawing as SVG and as a PDF sheet, the deck's slides, notes and alternative text, the
CJML file's words) and searched for the kit's English: any msgid of the catalogue of
three or more words (or a run of three or more words between its placeholders) whose
translation differs from it is a sentence the export left in English.

The PNG is a picture of the same sheet as the PDF (its words are read from the PDF); a
picture's pixels are not searched.
"""

from __future__ import annotations

import datetime as dt
import json
import re
import zipfile
from html.parser import HTMLParser
from pathlib import Path
from xml.etree import ElementTree

import pytest
from babel.messages.pofile import read_po

from cxwidgets import language
from cxwidgets.export.formats import FORMATS
from cxwidgets.export.workshop import export_set

TODAY = dt.date(2026, 11, 25)

ROOT = Path(__file__).resolve().parents[2]
TEMPLATE = ROOT / "cxwidgets" / "locale" / "cxwidgets.pot"
#: Formats whose files are pictures only: their words are read from another format.
PICTURES_ONLY = {"png": "the PDF sheet is the same page"}
_FIELD = re.compile(r"\{[^{}]*\}|%\(\w+\)[sd]|%[sd]")
_WORD = re.compile(r"[^\W\d_]+(?:['’-][^\W\d_]+)*")


# ------------------------------------------------------------------ the catalogue


def _runs(msgid: str) -> list[str]:
    """The runs of three or more words of `msgid` between its placeholders."""
    out = []
    for part in _FIELD.split(msgid):
        words = _WORD.findall(part)
        if len(words) >= 3:
            out.append(" ".join(words))
    return out


def english_sentences(code: str) -> dict[str, str]:
    """English run -> the msgid it comes from, for every msgid whose translation in
    `code` is not the English itself (those words would be right in either language)."""
    with TEMPLATE.open("rb") as f:
        template = read_po(f)
    catalogue = language.translations(code)
    found: dict[str, str] = {}
    for message in template:
        if not message.id:
            continue
        ids = message.id if isinstance(message.id, tuple) else (message.id,)
        for n, msgid in enumerate(ids):
            if message.context:
                said = catalogue.pgettext(message.context, msgid)
            elif isinstance(message.id, tuple):
                said = catalogue.ngettext(ids[0], ids[1], 1 if n == 0 else 5)
            else:
                said = catalogue.gettext(msgid)
            if said == msgid:
                continue
            kept = " ".join(_WORD.findall(said)).lower()
            for run in _runs(msgid):
                if run.lower() not in kept:
                    found.setdefault(run, msgid)
    return found


def english_in(text: str, sentences: dict[str, str]) -> list[str]:
    """The English runs `text` holds (word for word, any case, any spacing)."""
    words = " " + " ".join(_WORD.findall(text)).lower() + " "
    return sorted(f"{run!r} (from {msgid!r})" for run, msgid in sentences.items()
                  if f" {run.lower()} " in words)


# ------------------------------------------------------------ the words of a file


class _Page(HTMLParser):
    """What a reader sees of a page: its text, its title and the labels read aloud."""

    def __init__(self) -> None:
        super().__init__()
        self.parts: list[str] = []
        self._skip = 0

    def handle_starttag(self, tag, attrs):
        if tag in {"script", "style"}:
            self._skip += 1
        self.parts += [v for k, v in attrs if k in {"aria-label", "alt", "title"} and v]

    def handle_endtag(self, tag):
        if tag in {"script", "style"}:
            self._skip -= 1

    def handle_data(self, data):
        if not self._skip:
            self.parts.append(data)


def html_text(page: str) -> str:
    parser = _Page()
    parser.feed(page)
    return "\n".join(parser.parts)


def xml_text(data: bytes) -> str:
    """Every text and attribute value of an XML file (SVG, CJML)."""
    root = ElementTree.fromstring(data)
    parts = []
    for element in root.iter():
        parts += [element.text or "", element.tail or "", *element.attrib.values()]
    return "\n".join(p for p in parts if p.strip())


def xlsx_text(path: Path) -> str:
    from openpyxl import load_workbook

    book = load_workbook(path, read_only=True)
    parts = []
    for sheet in book.worksheets:
        parts.append(sheet.title)
        parts += [str(c) for row in sheet.iter_rows(values_only=True) for c in row
                  if c is not None]
    return "\n".join(parts)


def pptx_text(path: Path) -> str:
    from pptx import Presentation

    parts = []
    for slide in Presentation(str(path)).slides:
        for shape in slide.shapes:
            if shape.has_text_frame:
                parts.append(shape.text_frame.text)
            if getattr(shape, "has_table", False) and shape.has_table:
                parts += [c.text for row in shape.table.rows for c in row.cells]
            parts.append(shape._element.xpath("string(.//p:cNvPr/@descr)"))
        if slide.has_notes_slide:
            parts.append(slide.notes_slide.notes_text_frame.text)
    return "\n".join(parts)


def pdf_text(path: Path) -> str:
    from pypdf import PdfReader

    return "\n".join(page.extract_text() or "" for page in PdfReader(path).pages)


def words_of(name: str, files: list[Path]) -> str:
    """The text a person reads in the files of format `name`."""
    read = {
        "md": lambda p: p.read_text(encoding="utf-8"),
        "csv": lambda p: p.read_text(encoding="utf-8-sig"),
        "html": lambda p: html_text(p.read_text(encoding="utf-8")),
        "svg": lambda p: xml_text(p.read_bytes()),
        "cjml": lambda p: xml_text(p.read_bytes()),
        "xlsx": xlsx_text, "pptx": pptx_text, "pdf": pdf_text,
    }[name]
    return "\n".join(read(p) for p in files)


def _suffix_of(path: Path) -> str:
    return "".join(path.suffixes[-2:]) if path.name.endswith(".cjml.xml") else path.suffix


# ----------------------------------------------------------------- the exports


@pytest.fixture(scope="module")
def written(validated, tmp_path_factory) -> dict[str, dict[str, list[Path]]]:
    """code -> format -> the files written for a German and a French room."""
    sample, versions = validated
    out: dict[str, dict[str, list[Path]]] = {}
    for code in ("de", "fr"):
        room = sample.model_copy(update={"language": code})
        versions_of = {n: v.model_copy(update={"language": code}) for n, v in versions.items()}
        folder = tmp_path_factory.mktemp(code)
        with language.speaking("en"):  # the asker's screens speak English
            files = export_set(room, folder, "room", list(FORMATS), today=TODAY,
                               version_of=lambda name, v=versions_of, r=room: v.get(name, r))
        by_format: dict[str, list[Path]] = {}
        for name, found in FORMATS.items():
            if found.folder:
                by_format[name] = sorted((folder / f"room{found.folder}").glob(
                    f"*{found.suffix}"))
            else:
                by_format[name] = [p for p in files if p.name == f"room{found.suffix}"]
        out[code] = by_format
    return out


@pytest.mark.parametrize("code", ["de", "fr"])
@pytest.mark.parametrize("name", [n for n in FORMATS if n not in PICTURES_ONLY])
def test_no_english_sentence_of_the_kit_in_any_export(written, code, name):
    files = written[code][name]
    assert files, f"{name}: nothing was written"
    text = words_of(name, files)
    assert len(text) > 200, f"{name}: too little text read ({len(text)} characters)"
    left = english_in(text, english_sentences(code))
    assert not left, f"{code} {name} leaves English in:\n" + "\n".join(left)


def test_every_format_is_read_or_said_to_be_a_picture():
    readable = {"md", "csv", "html", "svg", "cjml", "xlsx", "pptx", "pdf"}
    assert set(FORMATS) == readable | set(PICTURES_ONLY)


def test_the_checker_finds_a_planted_english_sentence(tmp_path):
    sentences = english_sentences("de")
    assert "Nothing was prioritised" in sentences or any(
        "prioritised" in s for s in sentences), "the catalogue lost a sentence it has"
    planted = "Aktionsplan\nThe journey map in words: 12 Kontaktpunkte, stage by stage"
    assert english_in(planted, sentences)
    assert not english_in("Aktionsplan\nDie Customer Journey Map in Worten", sentences)
    # through the readers too: a page, a workbook and a deck with one English sentence
    page = "<html><body><h2>Ziele</h2><p>No touchpoint is on a stage yet.</p></body></html>"
    assert english_in(html_text(page), sentences)
    from openpyxl import Workbook

    book = Workbook()
    book.active.append(["Kontaktpunkt", "No touchpoint is on a stage yet."])
    book.save(tmp_path / "t.xlsx")
    assert english_in(xlsx_text(tmp_path / "t.xlsx"), sentences)
    from pptx import Presentation

    deck = Presentation()
    deck.slides.add_slide(deck.slide_layouts[5]).shapes.title.text = \
        "No touchpoint is on a stage yet."
    deck.save(str(tmp_path / "t.pptx"))
    assert english_in(pptx_text(tmp_path / "t.pptx"), sentences)
    assert zipfile.is_zipfile(tmp_path / "t.pptx") and json.dumps(sentences)


@pytest.mark.parametrize("code", ["de", "fr"])
def test_the_exports_say_the_kits_words_in_the_workshops_language(written, code):
    """Not only no English: the translations are there, dates as the language writes them."""
    with language.speaking(code):
        plan, map_words = language._("Action plan"), language._("Top priorities")
        due = language.format_date(dt.date(2026, 11, 12))  # the first action's due date
    for name in ("md", "html", "pptx"):
        text = words_of(name, written[code][name])
        assert plan in text and map_words in text, name
        assert due in text, name
    sheets = xlsx_text(written[code]["xlsx"][0]).splitlines()
    with language.speaking(code):
        assert language._("Touchpoints") in sheets and language._("Review comments") in sheets
    csv = words_of("csv", written[code]["csv"])
    assert "2026-11-12" in csv and due not in csv  # values stay machine-readable
