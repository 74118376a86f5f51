"""Text made inert in the files the kit writes: spreadsheets (CSV, XLSX) and Markdown.

What participants type, and what feedback files hold, reaches the exports as it was
written. Opened in Excel or LibreOffice, a cell that starts with `=`, `+`, `-` or `@`
is a formula (`=HYPERLINK(...)` leaks data, `=cmd|...` starts programs); rendered in a
wiki or repository, `[text](javascript:...)` is a link and `![x](http://...)` fetches a
picture. Every writer of the kit goes through this module, so the guard lives in one
place and a new writer cannot forget it:

- CSV: the OWASP guard, a leading `'` before any text that a spreadsheet would read as a
  formula (`csv_cell`, `guard_frame`, `csv_bytes`, `csv_rows`);
- XLSX: every text is a string cell, never a formula or an error value, and text that
  would become a formula if retyped carries Excel's quote prefix (`xlsx_bytes`, which
  also lays each sheet out to be read: widths, wrapping, a frozen header, filters);
- Markdown: links, images, autolinks and raw HTML are written as plain text (`md`);
- XML (the deck's slides, the CJML file): characters XML 1.0 cannot hold are dropped
  (`xml_text`), so a pasted U+FFFF never makes a file no program opens.

Numbers, dates and booleans are left as they are: only text is ever guarded. This module
reads nothing of the model; it takes text and tables and never writes files itself.
"""

from __future__ import annotations

import html
import io
import re
import unicodedata
from collections.abc import Iterable, Mapping
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import pandas as pd  # heavy: pandas, only when a table is written

#: Characters that make a spreadsheet read a cell as a formula (OWASP's list), with
#: the line feed, which some programs treat like the carriage return.
FORMULA_START = frozenset("=+-@\t\r\n")
#: Excel's error values: openpyxl writes a text equal to one of them as an error cell.
ERROR_VALUES = frozenset({"#NULL!", "#DIV/0!", "#VALUE!", "#REF!", "#NAME?", "#NUM!",
                          "#N/A", "#GETTING_DATA"})


def formula_like(text: str) -> bool:
    """Whether a spreadsheet could take `text` for a formula.

    The first character counts after its compatibility form (a full-width `＝` is an
    `=` to Excel in some locales), and so does the first visible character after leading
    spaces: `  =1+1` is a formula to some importers that trim.
    """
    if not text:
        return False
    if text[0] in FORMULA_START:
        return True
    first = text.lstrip(" \u00a0\u3000")[:1]
    return bool(first) and unicodedata.normalize("NFKC", first)[:1] in FORMULA_START


def csv_cell(value: Any) -> Any:
    """One CSV value, guarded: text a spreadsheet would run gets a leading `'`."""
    if isinstance(value, str) and formula_like(value):
        return "'" + value
    return value


def guard_frame(frame: pd.DataFrame) -> pd.DataFrame:
    """A copy of `frame` with every text cell guarded for CSV (numbers untouched)."""
    import pandas as pd  # heavy: pandas, only when a table is written

    out = frame.copy()
    for column in out.columns:
        series = out[column]
        if pd.api.types.is_numeric_dtype(series) or pd.api.types.is_bool_dtype(series):
            continue
        out[column] = series.map(csv_cell).astype(object)
    return out


def csv_bytes(frame: pd.DataFrame, encoding: str = "utf-8-sig") -> bytes:
    """`frame` as guarded CSV bytes (UTF-8 with BOM by default, so spreadsheet programs
    read accents), with a header row and no index."""
    text: str = guard_frame(frame).to_csv(index=False, lineterminator="\n")
    return text.encode(encoding)


def csv_rows(rows: Iterable[Mapping[str, Any]]) -> list[dict[str, Any]]:
    """Rows for `csv.DictWriter`, every text value guarded."""
    return [{key: csv_cell(value) for key, value in row.items()} for row in rows]


def _as_text(cell: Any) -> None:
    """Make an openpyxl cell holding text a plain string cell.

    openpyxl turns any text starting with `=` into a formula and the text of an error
    value into an error cell; both are set back to text here. Text a person could turn
    into a formula by editing the cell (F2, Enter) also gets Excel's quote prefix.
    """
    if not isinstance(cell.value, str):
        return
    if cell.data_type in ("f", "e"):
        cell.data_type = "s"
    if formula_like(cell.value):
        cell.quotePrefix = True


#: Widest a column is made, in characters: longer texts wrap within it.
MAX_WIDTH = 60
#: Narrowest a column is made, so a short header still reads.
MIN_WIDTH = 8


def _width(frame: pd.DataFrame, column: Any) -> int:
    """Characters of the longest line in a column (its header included)."""
    texts = frame[column].dropna().astype(str)
    longest = max((len(line) for text in texts for line in text.split("\n")), default=0)
    return max(longest, len(str(column)))


def xlsx_bytes(tables: Mapping[str, pd.DataFrame], titles: Mapping[str, str] | None = None,
               ) -> bytes:
    """One workbook, one sheet per table (named by `titles`, else by key), every text a
    string cell; laid out to be read: each column as wide as its contents (at most
    `MAX_WIDTH` characters), every cell wrapped and aligned to the top, the header row
    bold, frozen and with filters."""
    import pandas as pd  # heavy: pandas, only when a workbook is written
    from openpyxl.styles import Alignment, Font  # heavy: openpyxl, only for a workbook
    from openpyxl.utils import get_column_letter  # heavy: openpyxl, as above

    titles = titles or {}
    wrapped, bold = Alignment(wrap_text=True, vertical="top"), Font(bold=True)
    buffer = io.BytesIO()
    with pd.ExcelWriter(buffer, engine="openpyxl") as writer:
        for name, frame in tables.items():
            title = titles.get(name, name)
            frame.to_excel(writer, sheet_name=title, index=False, freeze_panes=(1, 0))
            sheet = writer.sheets[title]
            for row in sheet.iter_rows():
                for cell in row:
                    _as_text(cell)
                    cell.alignment = wrapped
            for cell in sheet[1]:
                cell.font = bold
            for i, column in enumerate(frame.columns, start=1):
                width = min(MAX_WIDTH, max(MIN_WIDTH, _width(frame, column) + 2))
                sheet.column_dimensions[get_column_letter(i)].width = width
            if len(frame.columns):
                sheet.auto_filter.ref = sheet.dimensions
    return buffer.getvalue()


# -- Markdown -----------------------------------------------------------------------

#: `scheme://` anywhere, and the schemes GitHub links without slashes.
_SCHEME_COLON = re.compile(r"(?i)(?<=[a-z0-9])(:)(?=//)|(?<=\bmailto)(:)|(?<=\bxmpp)(:)")
_WWW_DOT = re.compile(r"(?i)\b(www)\.")
#: What makes a line a heading, a list item, a rule or code when it starts one.
_LINE_START = re.compile(r"^([#*+=_~`-])")
_NUMBERED = re.compile(r"^(\d{1,9})([.)])")
#: What XML 1.0 may not hold: C0 controls but tab and line breaks, lone surrogates,
#: U+FFFE and U+FFFF.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def xml_text(text: object) -> str:
    """`text` with every character XML 1.0 cannot hold dropped."""
    return _NOT_XML.sub("", str(text))


def md(text: object) -> str:
    """Text made inert for Markdown: shown as written, never as markup.

    - HTML (and `<http://...>` autolinks) is escaped, so it shows as text;
    - `[` and `]` are escaped, so no link, image, reference or footnote can form;
      a backslash is escaped first, so it cannot undo those escapes;
    - the bare addresses GitHub-flavoured Markdown links by itself are broken up:
      `http\\://`, `www\\.`, and an invisible word joiner after `@` (GitHub links e-mail
      addresses whatever escapes they carry);
    - table pipes are escaped and line breaks become spaces, so a cell stays one cell;
    - a heading, list or rule marker at the start is escaped, so text set on a line of
      its own stays a line of text.
    """
    s = str(text).replace("\\", "\\\\")
    s = html.escape(s, quote=False)
    s = s.replace("[", "\\[").replace("]", "\\]")
    s = _SCHEME_COLON.sub("\\\\:", s)
    s = _WWW_DOT.sub(r"\1\\.", s)
    s = s.replace("@", "@\u2060")
    s = s.replace("|", "\\|")
    s = re.sub(r"[\r\n]+", " ", s).strip()
    s = _LINE_START.sub(r"\\\1", s)
    return _NUMBERED.sub(r"\1\\\2", s)
