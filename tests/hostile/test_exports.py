"""Exports of a workshop whose every name and entry is hostile are safe to open.

Opened in a spreadsheet, no cell of the workbook or the CSV tables is a formula; rendered
by GitHub's Markdown (cmark-gfm) or by mistune, the report holds no link, no image but the
map beside it, and no HTML from a participant. The workbook is also opened by LibreOffice
itself (headless): every text it shows is the text that was typed, nothing evaluated.
"""

from __future__ import annotations

import csv
import datetime as dt
import re
import subprocess
from pathlib import Path

import cmarkgfm
import mistune
import openpyxl
import pytest

from cxwidgets.export.inert import csv_cell, formula_like, md
from cxwidgets.export.workshop import export_workshop
from cxwidgets.testing import soffice

TODAY = dt.date(2026, 11, 25)
SHEET_MARK = re.compile(r"^(?P<base>.+)-(?P<sheet>[^-]+)\.csv$")


def _number(text: str) -> bool:
    try:
        float(text)
    except ValueError:
        return False
    return True


@pytest.fixture(scope="module", params=["room", "consensus"])
def exported(request, tmp_path_factory, hostile_workshop, hostile_consensus):
    """The hostile workshop (and a hostile consensus of rooms) as workbook, CSV folder
    and Markdown report."""
    workshop = hostile_workshop if request.param == "room" else hostile_consensus
    folder = tmp_path_factory.mktemp(f"hostile-{request.param}")
    for name in ("tables.xlsx", "tables", "report.md"):
        export_workshop(workshop, folder / name, "csv" if name == "tables" else None,
                        today=TODAY)
    return folder


def _workbook_texts(path: Path) -> dict[str, list[list[object]]]:
    book = openpyxl.load_workbook(path)
    return {sheet.title: [[c.value for c in row] for row in sheet.iter_rows()]
            for sheet in book.worksheets}


def test_the_workbook_holds_text_cells_only(exported):
    book = openpyxl.load_workbook(exported / "tables.xlsx")
    texts = []
    for sheet in book.worksheets:
        for row in sheet.iter_rows():
            for cell in row:
                assert cell.data_type not in ("f", "e"), (sheet.title, cell.coordinate,
                                                          cell.value)
                if isinstance(cell.value, str):
                    texts.append(cell.value)
                    if formula_like(cell.value):  # retyping it must not make a formula
                        assert cell.quotePrefix, (sheet.title, cell.coordinate)
    joined = "\n".join(texts)
    # the hostile text is there, as text: the test looked at what it meant to
    assert '=HYPERLINK("http://x.invalid","Fred")' in joined
    assert "=cmd|' /C calc'!A0" in texts and "-1+2" in texts and "@SUM(1,2)" in texts


def test_the_csv_tables_start_no_cell_with_a_formula(exported):
    cells = []
    for path in sorted((exported / "tables").glob("*.csv")):
        with path.open(encoding="utf-8-sig", newline="") as f:
            for row in csv.reader(f):
                cells += [(path.name, c) for c in row]
    risky = [(name, c) for name, c in cells if formula_like(c) and not _number(c)]
    assert not risky
    assert any(c == "'=cmd|' /C calc'!A0" for _, c in cells)
    assert any(c == "'-1+2" for _, c in cells) and any(c == "'@SUM(1,2)" for _, c in cells)


def test_the_markdown_report_renders_no_link_image_or_html(exported):
    text = (exported / "report.md").read_text(encoding="utf-8")
    pages = {"cmark-gfm": cmarkgfm.github_flavored_markdown_to_html(
                 text, options=cmarkgfm.cmark.Options.CMARK_OPT_UNSAFE),
             "mistune": mistune.create_markdown(escape=False, plugins=[
                 "url", "table", "strikethrough", "footnotes"])(text)}
    for renderer, page in pages.items():
        assert "<a " not in page, renderer
        images = re.findall(r"<img[^>]*>", page)
        assert images in ([], ['<img src="report.map.png" alt="Journey map" />']), (renderer,
                                                                                  images)
        assert "<script" not in page and "<iframe" not in page, renderer
        # and the participants' words are all there, to be read
        assert "[click me](javascript:alert(6))" in page, renderer
        assert "![x](http://x.invalid/p.png)" in page, renderer


@pytest.mark.parametrize("text", [
    '=HYPERLINK("http://x.invalid","Fred")', "=cmd|' /C calc'!A0", "+1", "-1+2",
    "@SUM(A1)", "\t=1+1", "\r=1+1", "\n=1+1", "  =1+1", "＝1+1", "＋1", "－1"])
def test_every_formula_start_is_guarded_in_csv(text):
    assert csv_cell(text) == "'" + text


@pytest.mark.parametrize("value", ["Fred", "1+1", "a=b", "", 3, -1.5, None,
                                   dt.date(2026, 1, 1)])
def test_plain_values_are_left_as_they_are(value):
    assert csv_cell(value) == value


@pytest.mark.parametrize("text", [
    "[click me](javascript:alert(6))", "![x](http://x.invalid/p.png)",
    "<http://x.invalid>", "http://x.invalid", "HTTPS://x.invalid", "ftp://x.invalid",
    "www.x.invalid", "someone@x.invalid", "mailto:someone@x.invalid",
    "<img src=x onerror=alert(1)>", "\\[x](http://x.invalid)", "[r]: http://x.invalid",
    "[^1]: http://x.invalid", "text [r]\n\n[r]: http://x.invalid", "# not a heading",
    "1. not a list", "2) nor this", "- not a bullet", "> not a quote", "--- not a rule",
    "`not code`", "=1+1"])
def test_markdown_text_renders_as_text(text):
    page = cmarkgfm.github_flavored_markdown_to_html(
        md(text), options=cmarkgfm.cmark.Options.CMARK_OPT_UNSAFE)
    assert "<a " not in page and "<img" not in page
    assert html_text(page) == " ".join(text.split()).replace("\u2060", "")


def html_text(page: str) -> str:
    """The words a reader sees on a rendered page (tags dropped, entities decoded)."""
    import html

    words = html.unescape(re.sub(r"<[^>]+>", "", page)).replace("\u2060", "")
    return " ".join(words.split())


# -- LibreOffice ----------------------------------------------------------------------


@pytest.fixture(scope="module")
def profile(tmp_path_factory) -> Path:
    """One LibreOffice user profile for the module: made on first use (a few seconds)."""
    return tmp_path_factory.mktemp("soffice-profile")


def _convert(soffice: str, sources: list[Path], target: str, out: Path,
             profile: Path) -> None:
    subprocess.run([soffice, f"-env:UserInstallation={profile.as_uri()}", "--headless",
                    "--convert-to", target, "--outdir", str(out), *map(str, sources)],
                   check=True, capture_output=True, timeout=300)


def test_libreoffice_evaluates_no_formula_in_the_workbook(exported, tmp_path, profile):
    """Every sheet, as LibreOffice shows it, holds exactly the text that was typed."""
    office = soffice()
    every_sheet = "csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,false,false,false,-1"
    _convert(office, [exported / "tables.xlsx"], every_sheet, tmp_path, profile)
    written = _workbook_texts(exported / "tables.xlsx")
    shown = {}
    for path in tmp_path.glob("*.csv"):
        sheet = SHEET_MARK.match(path.name)
        assert sheet is not None, path.name
        with path.open(encoding="utf-8", newline="") as f:
            shown[sheet["sheet"]] = list(csv.reader(f))
    assert set(shown) == set(written)
    compared = 0
    for title, rows in written.items():
        for r, row in enumerate(rows):
            for c, value in enumerate(row):
                if isinstance(value, str):
                    assert shown[title][r][c] == value, (title, r, c)
                    compared += 1
    assert compared > 100


def test_libreoffice_reads_the_csv_tables_as_text(exported, tmp_path, profile):
    """LibreOffice evaluates formulas when it opens a CSV: the guarded tables give none."""
    office = soffice()
    tables = sorted((exported / "tables").glob("*.csv"))
    _convert(office, tables, "xlsx", tmp_path, profile)
    for path in tables:
        book = openpyxl.load_workbook(tmp_path / f"{path.stem}.xlsx")
        for row in book.active.iter_rows():
            for cell in row:
                assert cell.data_type != "f", (path.name, cell.coordinate, cell.value)
