"""What a feedback reader starts from and gives back, and the sniffing every reader shares.

The bytes to read (`Payload`), what a reader found (`RawTable`, `BadRow`), the registry of
formats, the limits, and the helpers that look at a file's first bytes (its encoding, its
delimiter). The format readers (`readers`, `csvfile`) and the survey tools' layouts
(`surveys`) all stand on this module, and it on none of them.
"""

from __future__ import annotations

import codecs
import csv
import io
import os
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np
import pandas as pd
import pyarrow as pa

from cxwidgets.evidence.encodings import _ranked, by_bom, decide, label, utf16_without_bom
from cxwidgets.exceptions import UnreadableFile

if TYPE_CHECKING:
    from cxwidgets.evidence.encodings import Decision

#: Largest file read by default; a bigger one is refused before anything is read.
DEFAULT_MAX_BYTES = 512 * 1024**2
#: A workbook may unpack to at most this share of the file limit: its XML takes several
#: times the memory of the same table as CSV once read, and a small zip can unpack to
#: gigabytes (a "zip bomb").
UNPACKED_SHARE = 0.25
#: Most rows and columns a table may have; checked before the cells are read.
MAX_ROWS, MAX_COLUMNS = 10_000_000, 2_000
#: How much of the start of a file is looked at to choose its format, encoding, delimiter.
SNIFF_BYTES = 64 * 1024
#: Delimiters a CSV file may use.
DELIMITERS = ",;\t|"
#: The dtype of every cell a reader returns: pyarrow-backed text, NA when empty.
TEXT = pd.StringDtype("pyarrow")
#: Cell texts that mean "no value" in a score, date or label (not in the feedback text).
#: Readers keep them as written; `ingest` and `guess` treat them as missing.
MISSING = ("na", "n/a", "n.a.", "null", "none", "nan", "-", "--", "#n/a", "not answered",
           "nil", "(blank)", "(null)", "missing", "unknown", "?")
#: Error values a spreadsheet writes in place of a value it could not compute ("#NAME?"
#: for a cell that began with "-" or "="): missing everywhere, the feedback text included.
SPREADSHEET_ERRORS = ("#name?", "#n/a", "#value!", "#ref!", "#div/0!", "#num!", "#null!",
                      "#spill!", "#calc!", "#getting_data", "#field!", "#blocked!",
                      "#connect!", "#busy!", "#unknown!", "#error!", "#n/a!", "#na")

#: A file given by path, or an upload given as (file name, content).
Source = str | os.PathLike[str] | tuple[str, bytes]

#: First bytes of files that are not tables, to say what a file is when it is refused.
SIGNATURES: dict[bytes, str] = {
    b"\x89PNG\r\n\x1a\n": "a PNG image",
    b"\xff\xd8\xff": "a JPEG image",
    b"GIF8": "a GIF image",
    b"%PDF": "a PDF document",
    b"\x1f\x8b": "a gzip-compressed file (unpack it first)",
    b"7z\xbc\xaf": "a 7-Zip archive (unpack it first)",
    b"Rar!": "a RAR archive (unpack it first)",
    b"SQLite format 3\x00": "an SQLite database",
    b"\xd0\xcf\x11\xe0": "an old-style Office file (.xls or .doc); save it as .xlsx or CSV",
}



@dataclass(frozen=True)
class Payload:
    """The bytes to read, from a path or an upload, and the start of them for sniffing."""

    name: str
    size: int
    head: bytes
    path: Path | None = None
    data: bytes | None = None

    def stream(self) -> Any:
        """Something pyarrow, pandas and openpyxl can all read from."""
        return str(self.path) if self.path is not None else io.BytesIO(self.data or b"")

    def read_bytes(self) -> bytes:
        if self.data is not None:
            return self.data
        assert self.path is not None
        return self.path.read_bytes()


@dataclass(frozen=True)
class BadRow:
    """A data row a reader could not turn into cells, with why (the value is its text)."""

    row: int
    reason: str
    value: str
    #: the line of the file the row starts on, when the reader knows it
    line: int | None = None


@dataclass
class RawTable:
    """What a reader found: text cells indexed by data row number, and how they were read."""

    frame: pd.DataFrame
    name: str
    format: str
    size: int
    encoding: str | None = None
    delimiter: str | None = None
    sheet: str | None = None
    bad_rows: list[BadRow] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    #: the survey or support tool whose native export this is (`surveys`), if any
    layout: str | None = None
    #: column -> the question it asks, where the export says it (the guess reads it)
    labels: dict[str, str] = field(default_factory=dict)
    #: columns that describe a response (duration, IP address ...), never feedback
    metadata: list[str] = field(default_factory=list)
    #: per data row, why it is set apart (a preview, an unfinished response), NA to keep
    set_apart: pd.Series | None = None
    #: the line (CSV) or row (sheet) the header is on, when it is not the first: a
    #: report's title and details stood above it (`preamble`)
    header_line: int | None = None

    @property
    def rows_read(self) -> int:
        """Data rows in the file: those read into cells plus those a reader had to drop."""
        return len(self.frame) + len(self.bad_rows)


@dataclass(frozen=True)
class ReadOptions:
    """What a caller may ask of a reader beyond the bytes themselves."""

    sheet: str | None = None
    #: the codec a text file is written in (None: detect it on the whole file)
    encoding: str | None = None
    #: the file limit in bytes: a workbook may unpack to `UNPACKED_SHARE` of it
    max_bytes: int = DEFAULT_MAX_BYTES


Reader = Callable[[Payload, ReadOptions], RawTable]


@dataclass(frozen=True)
class Format:
    """One file format the kit reads: its suffixes, how to recognise it, how to read it.

    `fallback` formats (CSV: any text) are chosen by content only when no specific format
    (one with a recognisable start, like Parquet's magic bytes) matches. `text` formats
    are plain text in some encoding.
    """

    name: str
    label: str
    suffixes: tuple[str, ...]
    looks_like: Callable[[bytes], bool]
    read: Reader
    fallback: bool = False
    text: bool = False


#: The formats the kit reads, by name, in the order their contents are tried.
FORMATS: dict[str, Format] = {}


def register(fmt: Format) -> Format:
    """Add (or replace) a format; its `looks_like` is tried after those already known."""
    FORMATS[fmt.name] = fmt
    return fmt


def human_size(size: int) -> str:
    """1536 -> '1.5 KB': a file size as people read it."""
    if size < 1024:
        return f"{size} bytes"
    value = float(size)
    for unit in ("KB", "MB", "GB", "TB"):
        value /= 1024
        if value < 1024 or unit == "TB":
            break
    return f"{value:.1f} {unit}"


# -- text: encodings ---------------------------------------------------------------------


def detect_encoding(head: bytes, complete: bool = False) -> str | None:
    """The codec the start of a text file is written in; None when it is not text.

    Used to choose a file's format from its first bytes; the codec a file is read with is
    decided on the whole file (`encodings.decide`). Byte-order marks decide first; then
    UTF-8 if the bytes decode as UTF-8; otherwise charset detection. `complete` says
    `head` is the whole file.
    """
    bom = by_bom(head)
    if bom:
        return bom
    if b"\x00" in head:
        wide = utf16_without_bom(head)
        if wide or head.count(0) > max(1, len(head) // 1000):
            return wide
        # a stray NUL or two in an otherwise text export (some systems pad fields with
        # them): judge the text without them; the reader drops them from the cells
        return detect_encoding(head.replace(b"\x00", b""), complete)
    try:
        codecs.getincrementaldecoder("utf-8")().decode(head, final=complete)
    except UnicodeDecodeError:
        return _charset(head)
    return "utf-8"


def _charset(head: bytes) -> str | None:
    ranked = [c for c in _ranked(head) if not c.startswith("utf")]
    if ranked:
        return ranked[0]
    # bytes no detector recognises but with no control characters: text in some
    # single-byte code page, which Latin-1 reads byte for byte
    controls = sum(head.count(bytes([b])) for b in range(32) if b not in (9, 10, 13))
    return "latin_1" if controls <= 0.01 * len(head) else None


def encoding_label(codec: str | None) -> str | None:
    """'cp1252' -> 'Windows-1252': an encoding as the report names it."""
    return label(codec)


def _decode_head(head: bytes, codec: str, complete: bool) -> str:
    return codecs.getincrementaldecoder(codec)(errors="replace").decode(head, final=complete)


def _is_text(head: bytes) -> bool:
    codec = detect_encoding(head, complete=len(head) < SNIFF_BYTES)
    if codec is None:
        return False
    text = _decode_head(head, codec, complete=False)
    # NUL bytes were judged by detect_encoding already (a stray few are tolerated)
    controls = sum(1 for ch in text if ch < " " and ch not in "\t\n\r\f\x00")
    return controls <= 0.01 * max(len(text), 1)


def text_decision(payload: Payload, options: ReadOptions,
                  reader_checks_utf8: bool = False) -> Decision:
    """The codec a text file is read with, judged on all of it (`encodings.decide`)."""
    if detect_encoding(payload.head, complete=payload.size <= len(payload.head)) is None \
            and not options.encoding:
        raise UnreadableFile(f"{payload.name} is not text in any encoding the kit can "
                             "recognise; export it again as UTF-8 CSV or XLSX")
    return decide(payload.name, payload.head, payload.size, path=payload.path,
                  data=payload.data, wanted=options.encoding,
                  reader_checks_utf8=reader_checks_utf8)


# -- CSV -----------------------------------------------------------------------------------


def sniff_delimiter(sample: str) -> str:
    """The delimiter of a CSV sample: the one that splits most of its first lines (read as
    CSV, quotes respected) into the same number of fields, more than one; among those
    about as consistent, the one giving more fields. So ';' wins over the decimal comma
    every row of a European export has, and a report's title line above the header
    (no delimiter at all) does not decide."""
    lines = [line for line in sample.splitlines()[:200] if line.strip()]
    found: dict[str, tuple[float, int]] = {}
    for delimiter in DELIMITERS:
        widths = Counter(len(r) for r in csv.reader(lines, delimiter=delimiter))
        width, rows = widths.most_common(1)[0] if widths else (0, 0)
        if width >= 2:
            found[delimiter] = (rows / len(lines), width)
    if not found:
        return ","
    steady = max(share for share, _ in found.values())
    return max((d for d, (share, _) in found.items() if share >= 0.9 * steady),
               key=lambda d: found[d][1])


def clean_names(names: list[str]) -> tuple[list[str], list[str]]:
    """Header names made usable: blank ones named by position, repeated ones numbered."""
    out: list[str] = []
    notes: list[str] = []
    seen: dict[str, int] = {}
    for i, raw in enumerate(names, start=1):
        name = (raw or "").strip() or f"column {i}"
        if name != (raw or "").strip():
            notes.append(f"column {i} has no name in the header; it is called '{name}'")
        if name.casefold() in seen:
            seen[name.casefold()] += 1
            renamed = f"{name} ({seen[name.casefold()]})"
            notes.append(f"the header names '{name}' more than once; column {i} is called "
                         f"'{renamed}'")
            name = renamed
        seen.setdefault(name.casefold(), 1)
        out.append(name)
    return out, notes


def row_numbers(kept: int, dropped: list[int]) -> pd.Index:
    """Data row numbers of the kept rows, given the numbers of the dropped ones."""
    if not dropped:
        return pd.RangeIndex(1, kept + 1, name="row")
    numbers = np.setdiff1d(np.arange(1, kept + len(dropped) + 1), np.asarray(dropped))
    return pd.Index(numbers, name="row")


def frame_from_arrow(table: pa.Table) -> pd.DataFrame:
    """An all-text arrow table as a pandas frame sharing its buffers (no copy)."""
    frame = table.to_pandas(types_mapper={pa.string(): TEXT}.get)
    frame.columns = list(table.column_names)
    return frame
