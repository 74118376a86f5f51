"""csvfile: one CSV reader, fast on plain files and as tolerant as pandas on the rest.

Most exports are plain: one row per line. Those are read by pyarrow in parallel blocks,
which is what keeps a million rows cheap. A file whose cells hold line breaks, or whose
rows do not all have as many fields as the header, is read again by Python's csv module
(the reader pandas' own Python engine uses), record by record, so that:

* quoted cells over several lines, CRLF or CR line ends, `;`, tab or `|` delimiters and
  a byte-order mark read as the standard readers read them;
* a row with fewer fields than the header keeps its cells (the missing ones empty), as
  pandas keeps it; a row with more fields than the header, as pandas refuses it, is
  reported with its line number and text; empty trailing fields do not count;
* a quote that opens and is never closed where it should be (RFC 4180: a closing quote
  is followed by a delimiter or a line end) is reported on the row where it opened, and
  the lines it swallowed are read again as the rows they are, so no row is lost to it;
  a stray quote inside one line is read the way pandas reads it and counted in a note.

Every row keeps its data row number (row 1 is the first under the header); every bad
row is returned with its number, line and text. Never writes anything.
"""

from __future__ import annotations

import codecs
import csv
import io
import re
from collections.abc import Iterator
from dataclasses import dataclass

import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from cxwidgets.evidence.encodings import Decision
from cxwidgets.evidence.preamble import footer, header_note, header_row
from cxwidgets.evidence.rawfile import (
    MAX_COLUMNS,
    BadRow,
    Payload,
    RawTable,
    ReadOptions,
    clean_names,
    frame_from_arrow,
    row_numbers,
    sniff_delimiter,
    text_decision,
)
from cxwidgets.exceptions import UnreadableFile

#: How much of a bad row's text is shown.
SHOWN = 200


class _NotUtf8(Exception):
    """A file whose start is UTF-8 has bytes further on that are not."""


def read_csv(payload: Payload, options: ReadOptions) -> RawTable:
    """Read a CSV export: the header, then every row as text cells.

    A file that starts as UTF-8 is read as UTF-8 straight away (both readers check every
    byte); only if some byte further on is not UTF-8 is its encoding decided on the whole
    file and the file read again."""
    try:
        return _read_csv(payload, options, text_decision(payload, options, True))
    except _NotUtf8:
        return _read_csv(payload, options, text_decision(payload, options))


def _read_csv(payload: Payload, options: ReadOptions, decision: Decision) -> RawTable:
    codec = decision.codec
    complete = payload.size <= len(payload.head)
    sample = _decode_head(payload.head, codec, complete)
    if not sample.strip("\ufeff\x00 \r\n\t"):
        raise UnreadableFile(f"{payload.name} has no header row: it holds only blank lines")
    start = table_start(payload.name, sample.lstrip("\ufeff"))
    header, delimiter, skip = start.header, start.delimiter, start.skip
    if len(header) > MAX_COLUMNS:
        raise UnreadableFile(f"{payload.name}: its header row has {len(header):,} columns, "
                             f"more than the {MAX_COLUMNS:,} the kit reads; is "
                             f"'{_show_delimiter(delimiter)}' really the delimiter?")
    names, notes = clean_names([h.replace("\x00", "") for h in header])
    notes = [*start.notes, *notes, *decision.notes]
    records: _Records | None = None
    if complete and not "".join(sample.splitlines(keepends=True)[skip:]).strip():
        table = pa.table({n: pa.array([], pa.string()) for n in names})
        bad: list[BadRow] = []
    else:
        table, bad = _plain(payload, names, delimiter, codec, skip)
        if table is None:
            table, bad, records = _careful(payload, names, delimiter, codec, skip, notes)
        elif b"\x00" in payload.head and not codec.startswith("utf-16"):
            table = _without_nul(table, payload.name, notes)
    frame = frame_from_arrow(table)
    frame.index = row_numbers(table.num_rows, [b.row for b in bad])
    frame = _without_footer(frame, payload.name, notes)
    if records is not None:
        notes += records.notes(payload.name, len(names), int(frame.index.max()) if len(
            frame) else 0)
    if bad and len(bad) > table.num_rows:
        notes.append(f"most rows do not have as many fields as the header ({len(names)}): "
                     f"is '{_show_delimiter(delimiter)}' really the delimiter?")
    return RawTable(frame=frame, name=payload.name, format="csv", size=payload.size,
                    encoding=decision.label, delimiter=delimiter, bad_rows=bad,
                    notes=notes, header_line=start.line if start.line > 1 else None)


@dataclass(frozen=True)
class Start:
    """Where a CSV file's table starts: its header's cells, the delimiter, the lines up
    to and including the header, and what the report says about the lines above it."""

    header: list[str]
    delimiter: str
    skip: int
    notes: list[str]
    #: the header's first line (1-based)
    line: int = 1


_SEP_HINT = re.compile(r"^\s*sep=(.)\s*$", re.IGNORECASE)


def table_start(name: str, text: str) -> Start:
    """The header of a CSV file from the start of its text: the first line, unless a
    report's title and details stand above it (`preamble.header_row`), or the line
    Excel writes to name the delimiter ('sep=;')."""
    first = text.split("\n", 1)[0].rstrip("\r")
    hint = _SEP_HINT.match(first)
    delimiter = hint.group(1) if hint else sniff_delimiter(text)
    lines = _Lines(iter(io.StringIO(text, newline="")), [])
    reader = csv.reader(lines, delimiter=delimiter)
    records: list[list[str]] = []
    ends: list[int] = []
    try:
        for record in reader:
            records.append([] if hint and not records else record)
            ends.append(lines.number)
            if len(records) >= 60:
                break
    except csv.Error as exc:
        if not records:
            raise UnreadableFile(f"{name}: the header row could not be read ({exc})") from exc
    found = header_row(records)
    while found < len(records) - 1 and not records[found]:
        found += 1  # blank lines before a header
    notes = []
    line = ends[found - 1] + 1 if found else 1
    if any(records[:found]):
        notes.append(header_note(name, "line", line, records[:found]))
    elif hint:
        notes.append(f"{name}: its first line '{first.strip()}' names the delimiter "
                     f"({_show_delimiter(delimiter)}), as Excel writes it; the header is on "
                     "line 2")
    return Start(records[found] if records else [], delimiter, ends[found] if ends else 1,
                 notes, line)


def _without_footer(frame: pd.DataFrame, name: str, notes: list[str]) -> pd.DataFrame:
    """The table without the report's footer under the data, noted when there is one."""
    found = footer(frame)
    if found is None:
        return frame
    notes.append(found.note(name, "line"))
    return frame.iloc[: len(frame) - found.rows]


def _decode_head(head: bytes, codec: str, complete: bool) -> str:
    return codecs_decode(head, codec, complete)


def codecs_decode(data: bytes, codec: str, complete: bool) -> str:
    return codecs.getincrementaldecoder(codec)(errors="replace").decode(data, final=complete)


def _show_delimiter(delimiter: str) -> str:
    return {"\t": "tab", " ": "space"}.get(delimiter, delimiter)


# -- the fast read: one row per line -----------------------------------------------------


def _arrow_codec(codec: str) -> str:
    return "utf8" if codec in ("utf-8", "utf-8-sig") else codec


def _plain(payload: Payload, names: list[str], delimiter: str, codec: str, skip: int,
           ) -> tuple[pa.Table | None, list[BadRow]]:
    """The file read by pyarrow in parallel blocks cut at line breaks: right when every
    row is one line with as many fields as the header. (None, []) otherwise, which asks
    for the careful read."""
    from pyarrow import csv as pacsv  # heavy: pyarrow, only when `_plain` runs

    problems: list[int] = []

    def invalid(row: object) -> str:
        problems.append(1)
        return "skip"

    try:
        table = pacsv.read_csv(
            payload.stream(),
            read_options=pacsv.ReadOptions(use_threads=True, column_names=names,
                                           skip_rows=skip, encoding=_arrow_codec(codec)),
            parse_options=pacsv.ParseOptions(delimiter=delimiter, newlines_in_values=False,
                                             invalid_row_handler=invalid),
            convert_options=pacsv.ConvertOptions(
                column_types=dict.fromkeys(names, pa.string()), null_values=[""],
                strings_can_be_null=True, quoted_strings_can_be_null=True))
    except pa.ArrowInvalid as exc:
        if "UTF8" in str(exc) and codec.startswith("utf-8"):
            raise _NotUtf8 from exc
        return None, []
    except (pa.ArrowException, UnicodeError, OSError) as exc:
        raise UnreadableFile(f"{payload.name} could not be read as CSV: "
                             f"{str(exc).splitlines()[0]}") from exc
    if problems or _line_breaks(payload) > table.num_rows + skip:
        return None, []
    return table, []


def _line_breaks(payload: Payload) -> int:
    """Line breaks in the file (\\n, or \\r alone in old Mac files), counted in its bytes.
    More than it has rows and header lines means some cell holds one."""
    if payload.data is not None:
        data = payload.data
        return data.count(b"\n") or data.count(b"\r")
    assert payload.path is not None
    found = cr = 0
    with payload.path.open("rb") as stream:
        while block := stream.read(16 * 1024**2):
            found += block.count(b"\n")
            cr += block.count(b"\r") if not found else 0
    return found or cr


def _without_nul(table: pa.Table, name: str, notes: list[str]) -> pa.Table:
    """The table with NUL characters taken out of its cells, and a note of how many."""
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


# -- the careful read: record by record ----------------------------------------------------


@dataclass
class _Lines:
    """The file's lines, each given once to the csv module, remembered per record."""

    lines: Iterator[str]
    taken: list[str]
    number: int = 0  # lines given out so far

    def __iter__(self) -> _Lines:
        return self

    def __next__(self) -> str:
        line = next(self.lines)
        self.taken.append(line)
        self.number += 1
        return line


def _careful(payload: Payload, names: list[str], delimiter: str, codec: str, skip: int,
             notes: list[str]) -> tuple[pa.Table, list[BadRow], _Records]:
    """Every record read by Python's csv module; what it tolerated is told by the
    returned `_Records.notes`, once the footer is known (its short lines are no rows)."""
    try:
        text = payload.read_bytes().decode(codec)
    except UnicodeDecodeError as exc:
        if codec.startswith("utf-8"):
            raise _NotUtf8 from exc
        text = payload.read_bytes().decode(codec, errors="replace")
    if "\x00" in text:
        notes.append(f"{payload.name} holds {text.count(chr(0))} NUL byte(s) inside its "
                     "cells; they were left out")
        text = text.replace("\x00", "")
    lines = io.StringIO(text.lstrip("\ufeff"), newline="")
    for _ in range(skip):
        lines.readline()
    parsed = _Records(len(names), delimiter, skip)
    parsed.read(lines)
    columns = list(zip(*parsed.rows, strict=True)) if parsed.rows else [()] * len(names)
    table = pa.table({n: pa.array(list(c), pa.string()) for n, c in
                      zip(names, columns, strict=True)})
    return table, parsed.bad, parsed


class _Records:
    """Rows, bad rows and what was tolerated, from one careful pass over the lines."""

    def __init__(self, width: int, delimiter: str, skip: int) -> None:
        self.width, self.delimiter, self.skip = width, delimiter, skip
        self.rows: list[list[str | None]] = []
        self.bad: list[BadRow] = []
        self.number = 0  # data rows seen, good or bad
        self.short: list[int] = []  # numbers of the rows with fewer fields than the header
        self.stray_quotes = 0
        self.recovered = 0

    def read(self, stream: io.StringIO) -> None:
        lines = _Lines(iter(stream), [])
        reader = csv.reader(lines, delimiter=self.delimiter, strict=True)
        while True:
            lines.taken = []
            start = lines.number + 1
            try:
                record = next(reader)
            except StopIteration:
                return
            except csv.Error as exc:
                self._broken(list(lines.taken), start, "end of data" in str(exc))
                continue
            if not record or (record == [""] and len(lines.taken) == 1 and not lines.taken[
                    0].strip("\r\n")):
                continue  # a blank line
            self._record(record, start, "".join(lines.taken))

    def _line(self, start: int) -> int:
        return self.skip + start  # 1-based line in the file

    def _record(self, record: list[str], start: int, text: str) -> None:
        self.number += 1
        while len(record) > self.width and record[-1] == "":
            record.pop()  # empty trailing fields ("a,b,c,,") say nothing
        if len(record) > self.width:
            self.bad.append(BadRow(self.number, f"has {len(record)} fields; the header has "
                                   f"{self.width}", _shown(text), self._line(start)))
            return
        if len(record) < self.width:
            self.short.append(self.number)
            record = record + [""] * (self.width - len(record))
        self.rows.append([cell or None for cell in record])

    def _broken(self, taken: list[str], start: int, at_end: bool) -> None:
        """A record the strict reader refused: one line read as pandas would; several
        lines, an unclosed quote (reported) whose swallowed lines are read again."""
        if len(taken) == 1 and not at_end:
            record = next(csv.reader(taken, delimiter=self.delimiter), [])
            self.stray_quotes += 1
            self._record(record, start, taken[0])
            return
        first, rest = taken[0], taken[1:] or [""]
        self.number += 1
        self.bad.append(BadRow(self.number, _unclosed(len(rest), rest[0], at_end),
                               _shown(first), self._line(start)))
        for k, line in enumerate(rest, start=1):
            if not line.strip("\r\n"):
                continue
            try:
                record = next(csv.reader([line], delimiter=self.delimiter, strict=True))
            except (csv.Error, StopIteration):
                record = next(csv.reader([line], delimiter=self.delimiter), [])
            self.recovered += 1
            self._record(record, start + k, line)

    def notes(self, name: str, width: int, last: int) -> list[str]:
        """What was tolerated, in the report's words; rows after `last` (a footer) are
        not counted."""
        said = []
        short = sum(1 for row in self.short if row <= last)
        if short:
            said.append(f"{short:,} row(s) of {name} have fewer fields than the header "
                        f"({width}); their missing cells were read as empty")
        if self.stray_quotes:
            said.append(f"{self.stray_quotes:,} row(s) of {name} have a quote in the middle "
                        "of a cell; they were read as pandas reads them")
        if self.recovered:
            said.append(f"{self.recovered:,} line(s) of {name} that an unclosed quote "
                        "would have swallowed were read as rows of their own")
        return said


def _shown(text: str) -> str:
    return text.rstrip("\r\n")[:SHOWN]


def _unclosed(lines: int, first: str, at_end: bool) -> str:
    where = "runs to the end of the file" if at_end else "is not closed where it should be"
    return (f"opens a quote that {where}; the {lines} line(s) after it (first: "
            f"{first.rstrip(chr(13) + chr(10))[:80]!r}) were read as rows of their own: "
            "close the quote and read the file again")
