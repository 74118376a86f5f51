"""readers: a feedback export in, a frame of text cells out, plus what reading it found.

Reads CSV (delimiter and encoding detected), XLSX, JSON, JSON Lines and Parquet, from a
path or from uploaded bytes. Every cell comes back as text (pyarrow-backed strings) and
every empty cell as NA; typing, mapping and validation happen in `ingest`. The frame's
index is the 1-based data row number (row 1 is the first row under the header), so rows
a reader had to drop (a CSV line with too many fields, a JSON line that is not a record)
leave a gap and are listed in `RawTable.bad_rows` with their numbers.

Formats sit in a registry (`FORMATS`, `register`): a format is chosen by the file's
suffix, or by its first bytes when the suffix is missing or wrong. Never writes anything.
"""

from __future__ import annotations

import codecs
import csv
import io
import json
import os
import re
import warnings
import zipfile
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
import pyarrow as pa

from cxwidgets.exceptions import UnreadableFile

#: Largest file read by default; a bigger one is refused before anything is read.
DEFAULT_MAX_BYTES = 512 * 1024**2
#: How much of the start of a file is looked at to choose its format, encoding, delimiter.
SNIFF_BYTES = 64 * 1024
#: Delimiters a CSV file may use.
DELIMITERS = ",;\t|"
#: The dtype of every cell a reader returns: pyarrow-backed text, NA when empty.
TEXT = pd.StringDtype("pyarrow")
#: Cell texts that mean "no value" in a score, date or label (not in the feedback text).
#: Readers keep them as written; `ingest` and `guess` treat them as missing.
MISSING = ("na", "n/a", "n.a.", "null", "none", "nan", "-", "--", "#n/a", "not answered")

#: A file given by path, or an upload given as (file name, content).
Source = str | os.PathLike | tuple[str, bytes]

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

_ENCODING_LABELS = {
    "utf-8": "UTF-8", "utf-8-sig": "UTF-8 with BOM", "utf-16": "UTF-16",
    "utf-16-le": "UTF-16", "utf-16-be": "UTF-16", "utf-32": "UTF-32",
    "cp1252": "Windows-1252", "latin_1": "Latin-1", "iso8859_15": "Latin-9"}
#: Single-byte encodings preferred when charset detection finds several about as likely:
#: short samples make the detector hesitate between Western encodings.
_PREFERRED = ("cp1252", "latin_1", "iso8859_15")
_CHAOS_TOLERANCE = 0.1


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

    @property
    def rows_read(self) -> int:
        """Data rows in the file: those read into cells plus those a reader had to drop."""
        return len(self.frame) + len(self.bad_rows)


@dataclass(frozen=True)
class ReadOptions:
    """What a caller may ask of a reader beyond the bytes themselves."""

    sheet: str | None = None


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


def read_table(source: Source, *, format: str | None = None, sheet: str | None = None,
               max_bytes: int = DEFAULT_MAX_BYTES) -> RawTable:
    """Read a feedback export into text cells; refuse clearly what cannot be read.

    `source` is a path, or `(file name, bytes)` for an upload. `format` forces a format
    by name (see `FORMATS`); `sheet` picks a worksheet of an XLSX file (default: the first).
    A file bigger than `max_bytes` is refused before any of it is read.
    """
    payload = _payload(source, max_bytes)
    if payload.size == 0:
        raise UnreadableFile(f"{payload.name} is empty (0 bytes): there is nothing to read")
    fmt, note = choose_format(payload.name, payload.head, format)
    table = fmt.read(payload, ReadOptions(sheet=sheet))
    if note:
        table.notes.insert(0, note)
    return table


def _payload(source: Source, max_bytes: int) -> Payload:
    if isinstance(source, tuple):
        name, data = source
        if not isinstance(data, (bytes, bytearray, memoryview)):
            raise UnreadableFile(f"{name}: an upload must be given as bytes")
        data = bytes(data)
        _check_size(name, len(data), max_bytes)
        return Payload(name=name, size=len(data), head=data[:SNIFF_BYTES], data=data)
    path = Path(source)
    try:
        size = path.stat().st_size
        if path.is_dir():
            raise UnreadableFile(f"{path} is a folder, not a file")
        _check_size(path.name, size, max_bytes)
        with path.open("rb") as handle:
            head = handle.read(SNIFF_BYTES)
    except OSError as exc:
        reason = "there is no such file" if isinstance(exc, FileNotFoundError) else exc.strerror
        raise UnreadableFile(f"cannot open {path}: {reason}") from exc
    return Payload(name=path.name, size=size, head=head, path=path)


def _check_size(name: str, size: int, max_bytes: int) -> None:
    if size > max_bytes:
        raise UnreadableFile(
            f"{name} is {human_size(size)}, more than the limit of {human_size(max_bytes)}; "
            "split it into smaller files, or raise the limit (max_bytes, or --max-mb on the "
            "command line) if this machine has about five times the file's size in memory")


def choose_format(name: str, head: bytes, wanted: str | None = None) -> tuple[Format, str | None]:
    """The format to read a file with, and a note when its suffix said otherwise.

    The suffix's format wins unless another format clearly recognises the content (magic
    bytes, JSON brackets); text in a text format's file (`.json`) is read as that format,
    so its own error says what is wrong. Otherwise the content decides.
    """
    if wanted:
        if wanted.lower() not in FORMATS:
            raise UnreadableFile(f"unknown format {wanted!r}; the kit reads "
                                 f"{', '.join(FORMATS)}")
        return FORMATS[wanted.lower()], None
    suffix = Path(name).suffix.lower()
    by_suffix = next((f for f in FORMATS.values() if suffix in f.suffixes), None)
    specific = [f for f in FORMATS.values() if not f.fallback and f.looks_like(head)]
    if _suffix_fits(by_suffix, specific, head):
        return by_suffix, None
    matches = specific or [f for f in FORMATS.values() if f.fallback and f.looks_like(head)]
    if not matches:
        raise UnreadableFile(_not_a_table(name, head, by_suffix))
    chosen = matches[0]
    if by_suffix is None and not suffix:
        return chosen, None
    said = (f"its name says {by_suffix.label}" if by_suffix
            else f"'{suffix}' is not a suffix the kit knows")
    return chosen, f"{name}: {said}, but its content is {chosen.label}; read as {chosen.label}"


def _suffix_fits(by_suffix: Format | None, specific: list[Format], head: bytes) -> bool:
    if by_suffix is None:
        return False
    if specific:
        return by_suffix in specific
    return by_suffix.looks_like(head) or (by_suffix.text and _is_text(head))


def _not_a_table(name: str, head: bytes, by_suffix: Format | None) -> str:
    what = next((kind for magic, kind in SIGNATURES.items() if head.startswith(magic)), None)
    expected = f", not a {by_suffix.label} file" if by_suffix else ""
    if what:
        return f"{name} is {what}{expected}"
    known = ", ".join(f.label for f in FORMATS.values())
    return (f"{name} does not look like a table the kit can read (binary content that is "
            f"not {known}); export it again as CSV or XLSX")


# -- text: encodings ---------------------------------------------------------------------


def detect_encoding(head: bytes, complete: bool = False) -> str | None:
    """The codec a text file is written in, judged from its start; None when it is not text.

    Byte-order marks decide first (UTF-8, UTF-16, UTF-32); then UTF-8 if the bytes decode
    as UTF-8; otherwise charset detection, preferring Windows-1252 among equally likely
    Western encodings. `complete` says `head` is the whole file.
    """
    for bom, codec in ((codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF32_LE, "utf-32"),
                       (codecs.BOM_UTF32_BE, "utf-32"), (codecs.BOM_UTF16_LE, "utf-16"),
                       (codecs.BOM_UTF16_BE, "utf-16")):
        if head.startswith(bom):
            return codec
    if b"\x00" in head:
        wide = _utf16_without_bom(head)
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


def _utf16_without_bom(head: bytes) -> str | None:
    even, odd = head[0::2], head[1::2]
    if len(head) < 4:
        return None
    if odd.count(0) > 0.3 * len(odd) and even.count(0) < 0.05 * len(even):
        return "utf-16-le"
    if even.count(0) > 0.3 * len(even) and odd.count(0) < 0.05 * len(odd):
        return "utf-16-be"
    return None


def _charset(head: bytes) -> str | None:
    from charset_normalizer import from_bytes

    matches = list(from_bytes(head))
    if not matches:
        return None
    best = matches[0]
    tied = [m for m in matches if m.chaos <= best.chaos + _CHAOS_TOLERANCE]
    for codec in _PREFERRED:
        if any(codec in m.could_be_from_charset for m in tied):
            return codec
    return best.encoding


def encoding_label(codec: str | None) -> str | None:
    """'cp1252' -> 'Windows-1252': an encoding as the report names it."""
    return None if codec is None else _ENCODING_LABELS.get(codec, codec.upper())


def _encoding_notes(codec: str) -> list[str]:
    if codec.startswith("utf"):
        return []
    return [f"the file is not UTF-8; it was read as {encoding_label(codec)}: check that "
            "accented letters look right, or save the file as UTF-8"]


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


def _text_codec(payload: Payload) -> str:
    codec = detect_encoding(payload.head, complete=payload.size <= len(payload.head))
    if codec is None:
        raise UnreadableFile(f"{payload.name} is not text in any encoding the kit can "
                             "recognise; export it again as UTF-8 CSV or XLSX")
    return codec


# -- CSV -----------------------------------------------------------------------------------


def sniff_delimiter(sample: str) -> str:
    """The delimiter of a CSV sample: csv.Sniffer, checked against the header line."""
    lines = sample.splitlines()
    header = lines[0] if lines else ""
    try:
        found = csv.Sniffer().sniff("\n".join(lines[:200]), delimiters=DELIMITERS).delimiter
    except csv.Error:
        found = None
    if found and found in header:
        return found
    counts = {d: header.count(d) for d in DELIMITERS}
    best = max(counts, key=lambda d: counts[d])
    return best if counts[best] else ","


def _clean_names(names: list[str]) -> tuple[list[str], list[str]]:
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


def _read_csv(payload: Payload, options: ReadOptions) -> RawTable:
    codec = _text_codec(payload)
    sample = _decode_head(payload.head, codec, complete=payload.size <= len(payload.head))
    if not sample.strip():
        raise UnreadableFile(f"{payload.name} has no header row: it holds only blank lines")
    delimiter = sniff_delimiter(sample.lstrip("\r\n"))
    try:
        header = next(csv.reader(io.StringIO(sample.lstrip("\r\n"), newline=""),
                                 delimiter=delimiter))
    except csv.Error as exc:
        raise UnreadableFile(f"{payload.name}: the header row could not be read ({exc})") from exc
    names, notes = _clean_names(header)
    skip = 1 + sum(n.count("\n") for n in header) + _blank_lines_before(sample)
    if _header_only(sample, complete=payload.size <= len(payload.head), skip=skip):
        table, bad = pa.table({n: pa.array([], pa.string()) for n in names}), []
    else:
        table, bad = _arrow_csv(payload, names, delimiter, codec, skip, notes)
        if b"\x00" in payload.head and not codec.startswith("utf-16"):
            table = _without_nul(table, payload.name, notes)
    notes += _encoding_notes(codec)
    frame, index = _frame_from_arrow(table), _row_numbers(table.num_rows, [b.row for b in bad])
    frame.index = index
    newline = "\r" if "\r" in sample and "\n" not in sample else "\n"
    lines = table.num_rows + len(bad) + skip + 1  # +1: a last line without a line break
    runaway = (_runaway_quotes(table, index, delimiter, newline)
               if _line_breaks(payload, newline) > lines else [])
    if runaway:
        frame = frame.drop(index=[b.row for b in runaway])
        bad = sorted(bad + runaway, key=lambda b: b.row)
    if bad and len(bad) > table.num_rows:
        notes.append(f"most rows do not have as many fields as the header ({len(names)}): "
                     f"is '{_show_delimiter(delimiter)}' really the delimiter?")
    return RawTable(frame=frame, name=payload.name, format="csv", size=payload.size,
                    encoding=encoding_label(codec), delimiter=delimiter, bad_rows=bad,
                    notes=notes)


def _line_breaks(payload: Payload, newline: str) -> int:
    """How many line breaks the file holds, counted in its bytes. More than it has rows
    means some cell holds a line break, and only then are cells searched for one."""
    mark = newline.encode()
    if payload.data is not None:
        return payload.data.count(mark)
    assert payload.path is not None
    found = 0
    with payload.path.open("rb") as stream:
        while block := stream.read(16 * 1024**2):
            found += block.count(mark)
    return found


def _shape(value: str) -> str:
    """A value's outline: runs of digits become 9, runs of letters a ("2026-01-03" is 9-9-9)."""
    return re.sub(r"[^\W\d_]+", "a", re.sub(r"\d+", "9", value.strip()))


def _rows_inside(text: str, delimiter: str, columns: int, shape: set[str] | None) -> list[str]:
    """Lines inside one cell (after its first line) that look like rows of the file: as many
    fields as the header and, when the first column's outline is known, a first field of
    that outline. Such lines mean a quote opened and was not closed where it should be."""
    if columns < 2:
        return []
    found = []
    for line in re.split(r"\r\n|\r|\n", text)[1:]:
        fields = line.split(delimiter)
        if len(fields) >= columns and (shape is None or _shape(fields[0]) in shape):
            found.append(line)
    return found


def _unclosed_quote(column: str | None, swallowed: list[str]) -> str:
    where = f"column {column!r}" if column else "a quoted field"
    return (f"{where} opens a quote that is not closed where it should be, so "
            f"{len(swallowed)} following line(s) that look like rows of their own were "
            f"read into it (first: {swallowed[0][:80]!r}); close the quote and read the "
            f"file again")


#: Cells with line breaks examined for runaway quotes; beyond this the file is not a
#: plausible export with one stray quote, and the first findings are enough.
RUNAWAY_SCAN_LIMIT = 2_000


def _runaway_quotes(table: pa.Table, index: pd.Index, delimiter: str, newline: str = "\n"
                    ) -> list[BadRow]:
    """Rows whose cells swallowed later rows through an unclosed quote, as bad rows, so no
    row of the file vanishes silently. Only cells holding the file's line break are looked
    at, found with one substring search per column in Arrow."""
    import pyarrow.compute as pc

    if table.num_rows == 0 or table.num_columns < 2:
        return []
    first = table.column(0).drop_null().slice(0, 200).to_pylist()
    shape = {_shape(v) for v in first} or None
    bad: dict[int, BadRow] = {}
    for column in table.column_names:
        cells = table.column(column)
        multi = pc.match_substring(cells, newline)
        if not pc.any(multi).as_py():
            continue
        for position in pc.indices_nonzero(multi).to_pylist()[:RUNAWAY_SCAN_LIMIT]:
            text = cells[position].as_py()
            swallowed = _rows_inside(text, delimiter, table.num_columns, shape)
            row = int(index[position])
            if swallowed and row not in bad:
                bad[row] = BadRow(row, _unclosed_quote(column, swallowed), text[:200])
    return list(bad.values())


def _without_nul(table: pa.Table, name: str, notes: list[str]) -> pa.Table:
    """The table with NUL characters taken out of its cells, and a note of how many."""
    import pyarrow.compute as pc

    found = 0
    for k, column in enumerate(table.column_names):
        cells = table.column(column)
        count = pc.sum(pc.count_substring(cells, "\x00")).as_py() or 0
        if count:
            found += count
            table = table.set_column(k, column, pc.replace_substring(cells, "\x00", ""))
    if found:
        notes.append(f"{name} holds {found} NUL byte(s) inside its cells; they were left out")
    return table


def _header_only(sample: str, complete: bool, skip: int) -> bool:
    """True when a whole (small) file holds nothing but its header line(s)."""
    return complete and not "".join(sample.splitlines(keepends=True)[skip:]).strip()


def _blank_lines_before(sample: str) -> int:
    leading = sample[: len(sample) - len(sample.lstrip("\r\n"))]
    return len(re.findall(r"\r\n|\r|\n", leading))


def _show_delimiter(delimiter: str) -> str:
    return {"\t": "tab", " ": "space"}.get(delimiter, delimiter)


def _arrow_csv(payload: Payload, names: list[str], delimiter: str, codec: str, skip: int,
               notes: list[str]) -> tuple[pa.Table, list[BadRow]]:
    """The whole file through pyarrow's CSV reader, all columns as text.

    Rows with more or fewer fields than the header are dropped and returned as `BadRow`s
    with their data row numbers. Only when there are such rows is the file read a second
    time on one thread, because only then does pyarrow number them.
    """
    arrow_codec = "utf8" if codec in ("utf-8", "utf-8-sig") else codec
    try:
        table, bad = _fast_pass(payload, names, delimiter, arrow_codec, skip)
        if table is None:
            table, bad = _arrow_pass(payload, names, delimiter, arrow_codec, skip,
                                     threads=True)
        if any(b.row < 0 for b in bad):
            table, bad = _arrow_pass(payload, names, delimiter, arrow_codec, skip,
                                     threads=False)
    except pa.ArrowInvalid as exc:
        if "UTF8" not in str(exc) or arrow_codec != "utf8" or not payload.head.isascii():
            raise UnreadableFile(_arrow_problem(payload.name, exc)) from exc
        notes.append(f"{payload.name} starts as plain ASCII but has bytes further on that "
                     "are not UTF-8: read as Windows-1252; check that accented letters look "
                     "right, or save the file as UTF-8")
        return _arrow_csv(payload, names, delimiter, "cp1252", skip, [])
    except (pa.ArrowException, UnicodeError, OSError) as exc:
        raise UnreadableFile(_arrow_problem(payload.name, exc)) from exc
    return table, bad


def _arrow_problem(name: str, exc: Exception) -> str:
    message = str(exc).split("\n")[0]
    if "UTF8" in message:
        return (f"{name} is mostly UTF-8 text but has bytes further on that are not UTF-8; "
                "save it again as UTF-8")
    return f"{name} could not be read as CSV: {message}"


def _fast_pass(payload: Payload, names: list[str], delimiter: str, codec: str, skip: int,
               ) -> tuple[pa.Table | None, list[BadRow]]:
    """The file read in parallel blocks cut at line breaks, which is right unless a quoted
    cell holds a line break at a block's edge: then some row breaks or the read fails,
    and (None, []) asks for the careful read that knows cells may hold line breaks."""
    try:
        table, bad = _arrow_pass(payload, names, delimiter, codec, skip, threads=True,
                                 newlines=False)
    except pa.ArrowInvalid:
        return None, []
    return (table, bad) if not bad else (None, [])


def _arrow_pass(payload: Payload, names: list[str], delimiter: str, codec: str, skip: int,
                threads: bool, newlines: bool = True) -> tuple[pa.Table, list[BadRow]]:
    from pyarrow import csv as pacsv

    bad: list[BadRow] = []

    def invalid(row: Any) -> str:
        number = -1 if row.number is None else row.number - skip
        reason = (f"has {row.actual_columns} fields; the header has {row.expected_columns}")
        swallowed = _rows_inside(row.text, delimiter, len(names), shape=None)
        if swallowed:
            reason = _unclosed_quote(None, swallowed)
        bad.append(BadRow(number, reason, row.text[:200]))
        return "skip"

    table = pacsv.read_csv(
        payload.stream(),
        read_options=pacsv.ReadOptions(use_threads=threads, column_names=names,
                                       skip_rows=skip, encoding=codec),
        parse_options=pacsv.ParseOptions(delimiter=delimiter, newlines_in_values=newlines,
                                         invalid_row_handler=invalid),
        convert_options=pacsv.ConvertOptions(
            column_types=dict.fromkeys(names, pa.string()), null_values=[""],
            strings_can_be_null=True, quoted_strings_can_be_null=True))
    return table, bad


def _row_numbers(kept: int, dropped: list[int]) -> pd.Index:
    """Data row numbers of the kept rows, given the numbers of the dropped ones."""
    if not dropped:
        return pd.RangeIndex(1, kept + 1, name="row")
    numbers = np.setdiff1d(np.arange(1, kept + len(dropped) + 1), np.asarray(dropped))
    return pd.Index(numbers, name="row")


def _frame_from_arrow(table: pa.Table) -> pd.DataFrame:
    """An all-text arrow table as a pandas frame sharing its buffers (no copy)."""
    frame = table.to_pandas(types_mapper={pa.string(): TEXT}.get)
    frame.columns = list(table.column_names)
    return frame


def _looks_like_csv(head: bytes) -> bool:
    return _is_text(head)


# -- JSON and JSON Lines -------------------------------------------------------------------


def _json_start(head: bytes) -> str:
    codec = detect_encoding(head[:4096], complete=len(head) <= 4096)
    if codec is None:
        return ""
    return _decode_head(head[:4096], codec, complete=False).lstrip("\ufeff \t\r\n")


def _looks_like_json(head: bytes) -> bool:
    """A JSON document: an array, or an object, but not several objects line after line."""
    start = _json_start(head)
    if not (start[:1] == "[" or (start[:1] == "{" and start[1:].lstrip()[:1] in ('"', "}"))):
        return False
    return not (_first_line_record(start) and len(_lines(start)) > 1)


def _looks_like_jsonl(head: bytes) -> bool:
    """JSON Lines: the first line is a whole JSON object by itself."""
    return _first_line_record(_json_start(head))


def _lines(text: str) -> list[str]:
    return [line.strip() for line in text.splitlines() if line.strip()]


def _first_line_record(text: str) -> bool:
    lines = _lines(text)
    if not lines or not lines[0].startswith("{"):
        return False
    try:
        return isinstance(json.loads(lines[0]), dict)
    except json.JSONDecodeError:
        return False


def _decode_all(payload: Payload) -> tuple[str, str]:
    codec = _text_codec(payload)
    try:
        return payload.read_bytes().decode(codec), codec
    except UnicodeDecodeError as exc:
        raise UnreadableFile(f"{payload.name} is not valid {encoding_label(codec)} text at "
                             f"byte {exc.start}; save it again as UTF-8") from exc


def _cell(value: Any) -> str | None:
    if value is None:
        return None
    if isinstance(value, str):
        return value
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (int, float)):
        return repr(value)
    return json.dumps(value, ensure_ascii=False)


def _records_frame(records: list[Any]) -> tuple[pd.DataFrame, list[BadRow]]:
    """Records (dicts) as text cells by data row number; anything else is a bad row."""
    rows: list[dict[str, str | None]] = []
    numbers: list[int] = []
    bad: list[BadRow] = []
    for number, record in enumerate(records, start=1):
        if isinstance(record, BadRow):
            bad.append(BadRow(number, record.reason, record.value))
        elif isinstance(record, dict):
            rows.append({str(k): _cell(v) for k, v in record.items()})
            numbers.append(number)
        else:
            bad.append(BadRow(number, "is not a record (an object with named fields)",
                              _cell(record) or "null"))
    frame = pd.DataFrame.from_records(rows) if rows else pd.DataFrame()
    frame = frame.astype(TEXT) if len(frame.columns) else frame
    frame.index = pd.Index(numbers, name="row", dtype="int64")
    return frame, bad


def _read_json(payload: Payload, options: ReadOptions) -> RawTable:
    text, codec = _decode_all(payload)
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise UnreadableFile(f"{payload.name} is not valid JSON: {exc.msg} at line "
                             f"{exc.lineno}, column {exc.colno}") from exc
    records = _json_records(payload.name, data)
    frame, bad = _records_frame(records)
    return RawTable(frame=frame, name=payload.name, format="json", size=payload.size,
                    encoding=encoding_label(codec), bad_rows=bad, notes=_encoding_notes(codec))


def _json_records(name: str, data: Any) -> list[Any]:
    if isinstance(data, list):
        return data
    if isinstance(data, dict):
        for key in ("records", "data"):
            if isinstance(data.get(key), list):
                return data[key]
        keys = ", ".join(list(map(str, data))[:8]) or "none"
        raise UnreadableFile(f"{name} is a JSON object without a list of records: expected "
                             f'[{{...}}, ...] or {{"records": [...]}} (or "data"); its keys '
                             f"are {keys}")
    kind = {str: "a string", int: "a number", float: "a number", bool: "true or false"}.get(
        type(data), "null")
    raise UnreadableFile(f"{name} holds {kind}, not a list of records: expected "
                         f'[{{...}}, ...] or {{"records": [...]}}')


def _read_jsonl(payload: Payload, options: ReadOptions) -> RawTable:
    text, codec = _decode_all(payload)
    records: list[Any] = []
    for line in text.splitlines():
        if not line.strip():
            continue
        try:
            records.append(json.loads(line))
        except json.JSONDecodeError as exc:
            records.append(BadRow(0, f"is not valid JSON ({exc.msg})", line[:200]))
    frame, bad = _records_frame(records)
    return RawTable(frame=frame, name=payload.name, format="jsonl", size=payload.size,
                    encoding=encoding_label(codec), bad_rows=bad, notes=_encoding_notes(codec))


# -- XLSX ----------------------------------------------------------------------------------


def _looks_like_xlsx(head: bytes) -> bool:
    return head.startswith(b"PK\x03\x04")


def _read_xlsx(payload: Payload, options: ReadOptions) -> RawTable:
    _check_workbook(payload)
    try:
        with warnings.catch_warnings():
            # openpyxl warns about workbook features it skips (styles, data validation)
            warnings.simplefilter("ignore")
            with pd.ExcelFile(payload.stream(), engine="openpyxl") as book:
                sheet = _pick_sheet(payload.name, book.sheet_names, options.sheet)
                frame = pd.read_excel(book, sheet_name=sheet, dtype=str)
    except UnreadableFile:
        raise
    except Exception as exc:  # openpyxl raises many kinds on a damaged workbook
        raise UnreadableFile(f"{payload.name} looks like an Excel workbook but could not be "
                             f"read: {str(exc).splitlines()[0] if str(exc) else exc!r}") from exc
    names, notes = _clean_names([_header_text(c) for c in frame.columns])
    frame.columns = names
    frame = frame.astype(TEXT)
    frame.index = pd.RangeIndex(1, len(frame) + 1, name="row")
    return RawTable(frame=frame, name=payload.name, format="xlsx", size=payload.size,
                    sheet=sheet, notes=notes)


def _header_text(name: Any) -> str:
    text = str(name)
    return "" if text.startswith("Unnamed: ") else text


def _check_workbook(payload: Payload) -> None:
    try:
        with zipfile.ZipFile(payload.stream()) as archive:
            members = archive.namelist()
    except (zipfile.BadZipFile, OSError, EOFError) as exc:
        raise UnreadableFile(f"{payload.name} is damaged: it starts like a zip or XLSX file "
                             "but is not a complete one") from exc
    if "xl/workbook.xml" not in members:
        shown = ", ".join(members[:5]) + (", ..." if len(members) > 5 else "")
        raise UnreadableFile(f"{payload.name} is a zip archive, not an Excel workbook "
                             f"(it holds {shown or 'nothing'})")


def _pick_sheet(name: str, sheets: list[str], wanted: str | None) -> str:
    if not sheets:
        raise UnreadableFile(f"{name} has no worksheets")
    if wanted is None:
        return sheets[0]
    if wanted not in sheets:
        raise UnreadableFile(f"{name} has no sheet '{wanted}'; its sheets are "
                             f"{', '.join(sheets)}")
    return wanted


# -- Parquet -------------------------------------------------------------------------------


def _looks_like_parquet(head: bytes) -> bool:
    return head.startswith(b"PAR1")


def _read_parquet(payload: Payload, options: ReadOptions) -> RawTable:
    import pyarrow.parquet as pq

    try:
        table = pq.read_table(payload.stream())
    except (pa.ArrowException, OSError) as exc:
        raise UnreadableFile(f"{payload.name} is damaged: it starts like a Parquet file but "
                             f"could not be read ({str(exc).splitlines()[0]})") from exc
    columns = [_arrow_text(c) for c in table.columns]
    names, notes = _clean_names([str(n) for n in table.column_names])
    frame = _frame_from_arrow(pa.table(dict(zip(names, columns, strict=True))))
    frame.index = pd.RangeIndex(1, len(frame) + 1, name="row")
    return RawTable(frame=frame, name=payload.name, format="parquet", size=payload.size,
                    notes=notes)


def _arrow_text(column: pa.ChunkedArray) -> pa.ChunkedArray:
    """Any Parquet column as text: scalars cast, nested values written as JSON."""
    if pa.types.is_dictionary(column.type):
        column = column.cast(column.type.value_type)
    try:
        return column.cast(pa.string())
    except (pa.ArrowNotImplementedError, pa.ArrowInvalid):
        return pa.chunked_array([pa.array([_cell(v) for v in column.to_pylist()],
                                          type=pa.string())])


# -- the registry ----------------------------------------------------------------------------

register(Format("parquet", "Parquet", (".parquet", ".pq"), _looks_like_parquet, _read_parquet))
register(Format("xlsx", "XLSX", (".xlsx", ".xlsm"), _looks_like_xlsx, _read_xlsx))
register(Format("jsonl", "JSON Lines", (".jsonl", ".ndjson"), _looks_like_jsonl, _read_jsonl,
                text=True))
register(Format("json", "JSON", (".json",), _looks_like_json, _read_json, text=True))
register(Format("csv", "CSV", (".csv", ".tsv", ".txt", ".tab"), _looks_like_csv, _read_csv,
                fallback=True, text=True))
