"""readers: a feedback export in, a frame of text cells out, plus what reading it found.

Reads CSV (delimiter and encoding detected), XLSX, JSON, JSON Lines and Parquet, from a
path or from uploaded bytes; the fields of objects nested in a JSON record (an API's
"attributes") become columns named by their path ("attributes.rating"). Every cell comes
back as text (pyarrow-backed strings) and every empty cell as NA; typing, mapping and
validation happen in `ingest`. The frame's index is the 1-based data row number (row 1 is
the first row under the header; a report's title lines above it are found and left out,
`preamble`), so rows a reader had to drop (a CSV line with too many fields, a JSON line
that is not a record) leave a gap and are listed in `RawTable.bad_rows` with their
numbers.

Formats sit in a registry (`FORMATS`, `register`): a format is chosen by the file's
suffix, or by its first bytes when the suffix is missing or wrong. Never writes anything.
"""

from __future__ import annotations

import json
import re
import warnings
import zipfile
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pandas as pd
import pyarrow as pa

from cxwidgets.evidence.csvfile import read_csv
from cxwidgets.evidence.preamble import filled, footer, header_note, header_row
from cxwidgets.evidence.rawfile import (
    DEFAULT_MAX_BYTES,
    DELIMITERS,
    FORMATS,
    MAX_COLUMNS,
    MAX_ROWS,
    MISSING,
    SIGNATURES,
    SNIFF_BYTES,
    SPREADSHEET_ERRORS,
    TEXT,
    UNPACKED_SHARE,
    BadRow,
    Format,
    Payload,
    RawTable,
    Reader,
    ReadOptions,
    Source,
    _decode_head,
    _is_text,
    clean_names,
    detect_encoding,
    encoding_label,
    frame_from_arrow,
    human_size,
    register,
    row_numbers,
    sniff_delimiter,
    text_decision,
)
from cxwidgets.evidence.surveys import recognised
from cxwidgets.exceptions import UnreadableFile

if TYPE_CHECKING:
    from cxwidgets.evidence.encodings import Decision

def read_table(source: Source, *, format: str | None = None, sheet: str | None = None,
               max_bytes: int = DEFAULT_MAX_BYTES, encoding: str | None = None) -> RawTable:
    """Read a feedback export into text cells; refuse clearly what cannot be read.

    `source` is a path, or `(file name, bytes)` for an upload. `format` forces a format
    by name (see `FORMATS`); `sheet` picks a worksheet of an XLSX file (default: the first).
    A file bigger than `max_bytes` is refused before any of it is read. `encoding` names
    the codec of a text file (None or "auto": detected on the whole file).
    """
    payload = _payload(source, max_bytes)
    if payload.size == 0:
        raise UnreadableFile(f"{payload.name} is empty (0 bytes): there is nothing to read")
    fmt, note = choose_format(payload.name, payload.head, format)
    table = fmt.read(payload, ReadOptions(sheet=sheet, encoding=encoding,
                                          max_bytes=max_bytes))
    if note:
        table.notes.insert(0, note)
    return recognised(table)


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
    if by_suffix is not None and _suffix_fits(by_suffix, specific, head):
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


def _read_csv(payload: Payload, options: ReadOptions) -> RawTable:
    return read_csv(payload, options)


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


def _decode_all(payload: Payload, options: ReadOptions) -> tuple[str, Decision]:
    decision = text_decision(payload, options)
    return payload.read_bytes().decode(decision.codec, errors="replace"), decision


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


def flat(record: dict[str, Any], prefix: str = "", depth: int = 3) -> dict[str, str | None]:
    """A record's fields as text cells, the fields of objects inside it named by their
    path: an API's {"attributes": {"rating": 4}} gives "attributes.rating". Lists, and
    objects deeper than `depth`, stay JSON text."""
    out: dict[str, str | None] = {}
    for key, value in record.items():
        name = f"{prefix}{key}"
        if isinstance(value, dict) and value and depth > 1:
            out.update(flat(value, f"{name}.", depth - 1))
        else:
            out[name] = _cell(value)
    return out


def _records_frame(records: list[Any]) -> tuple[pd.DataFrame, list[BadRow]]:
    """Records (dicts) as text cells by data row number; anything else is a bad row."""
    rows: list[dict[str, str | None]] = []
    numbers: list[int] = []
    bad: list[BadRow] = []
    for number, record in enumerate(records, start=1):
        if isinstance(record, BadRow):
            bad.append(BadRow(number, record.reason, record.value))
        elif isinstance(record, dict):
            rows.append(flat(record))
            numbers.append(number)
        else:
            bad.append(BadRow(number, "is not a record (an object with named fields)",
                              _cell(record) or "null"))
    frame = pd.DataFrame.from_records(rows) if rows else pd.DataFrame()
    frame = frame.astype(TEXT) if len(frame.columns) else frame
    frame.index = pd.Index(numbers, name="row", dtype="int64")
    return frame, bad


def _read_json(payload: Payload, options: ReadOptions) -> RawTable:
    text, decision = _decode_all(payload, options)
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise UnreadableFile(f"{payload.name} is not valid JSON: {exc.msg} at line "
                             f"{exc.lineno}, column {exc.colno}") from exc
    records = _json_records(payload.name, data)
    frame, bad = _records_frame(records)
    return RawTable(frame=frame, name=payload.name, format="json", size=payload.size,
                    encoding=decision.label, bad_rows=bad, notes=list(decision.notes))


def _json_records(name: str, data: Any) -> list[Any]:
    if isinstance(data, list):
        return data
    if isinstance(data, dict):
        for key in ("records", "data"):
            records = data.get(key)
            if isinstance(records, list):
                return records
        keys = ", ".join(list(map(str, data))[:8]) or "none"
        raise UnreadableFile(f"{name} is a JSON object without a list of records: expected "
                             f'[{{...}}, ...] or {{"records": [...]}} (or "data"); its keys '
                             f"are {keys}")
    kind = {str: "a string", int: "a number", float: "a number", bool: "true or false"}.get(
        type(data), "null")
    raise UnreadableFile(f"{name} holds {kind}, not a list of records: expected "
                         f'[{{...}}, ...] or {{"records": [...]}}')


def _read_jsonl(payload: Payload, options: ReadOptions) -> RawTable:
    text, decision = _decode_all(payload, options)
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
                    encoding=decision.label, bad_rows=bad, notes=list(decision.notes))


# -- XLSX ----------------------------------------------------------------------------------


def _looks_like_xlsx(head: bytes) -> bool:
    return head.startswith(b"PK\x03\x04")


def _read_xlsx(payload: Payload, options: ReadOptions) -> RawTable:
    _check_workbook(payload, options.max_bytes)
    try:
        with warnings.catch_warnings():
            # openpyxl warns about workbook features it skips (styles, data validation)
            warnings.simplefilter("ignore")
            with pd.ExcelFile(payload.stream(), engine="openpyxl") as book:
                sheet, said = _choose_sheet(payload.name, book, options.sheet)
                # every cell as written: "#N/A", "None" and "-" are judged by the kit,
                # which counts them, not dropped unseen
                grid = pd.read_excel(book, sheet_name=sheet, header=None, dtype=str,
                                     keep_default_na=False, na_values=[""])
    except UnreadableFile:
        raise
    except Exception as exc:  # openpyxl raises many kinds on a damaged workbook
        raise UnreadableFile(f"{payload.name} looks like an Excel workbook but could not be "
                             f"read: {str(exc).splitlines()[0] if str(exc) else exc!r}") from exc
    return _sheet_table(payload, sheet, grid, said)


def _sheet_table(payload: Payload, sheet: str, grid: pd.DataFrame,
                 notes: list[str]) -> RawTable:
    """A sheet's cells as a table: the header found under any title rows (`preamble`),
    the rows under it, without a report's footer."""
    at = _sheet_header(grid)
    names, named = clean_names([_header_text(c) for c in grid.iloc[at]] if len(grid) else [])
    if at:
        notes.append(header_note(payload.name, "row", at + 1, _rows(grid.iloc[:at])))
    frame = grid.iloc[at + 1:].astype(TEXT) if len(grid) else grid.astype(TEXT)
    frame.columns = names
    frame.index = pd.RangeIndex(1, len(frame) + 1, name="row")
    end = footer(frame)
    if end is not None:
        notes.append(end.note(payload.name, "row"))
        frame = frame.iloc[: len(frame) - end.rows]
    return RawTable(frame=frame, name=payload.name, format="xlsx", size=payload.size,
                    sheet=sheet, notes=[*notes, *named], header_line=at + 1 if at else None)


def _rows(grid: pd.DataFrame) -> list[list[Any]]:
    return [list(r) for r in grid.itertuples(index=False, name=None)]


def _sheet_header(grid: pd.DataFrame) -> int:
    """The row of a sheet's header: under a title and blank rows, when there are some."""
    rows = _rows(grid.head(60))
    at = header_row(rows)
    while at < len(rows) - 1 and not filled(rows[at]):
        at += 1
    return at


def _choose_sheet(name: str, book: pd.ExcelFile, wanted: str | None
                  ) -> tuple[str, list[str]]:
    """The sheet to read: the one asked for; else the first, unless it holds no table of
    feedback (a 'Read me' or cover sheet: under three columns or five rows) and a later
    sheet holds a bigger one, which is then read and the report says so."""
    sheets = [str(s) for s in book.sheet_names]
    first = _pick_sheet(name, sheets, wanted)
    if wanted is not None or len(sheets) < 2:
        return first, []
    sizes = {s: _table_size(pd.read_excel(book, sheet_name=s, header=None, dtype=str,
                                          nrows=60, keep_default_na=False, na_values=[""]))
             for s in sheets}
    columns, rows = sizes[first]
    if columns >= 3 and rows >= 5:
        return first, []
    best = max(sheets, key=lambda s: sizes[s][0] * sizes[s][1])
    if sizes[best][0] * sizes[best][1] <= columns * rows:
        return first, []
    return best, [f"{name}: its first sheet '{first}' holds no table of feedback ({columns} "
                  f"column{'s' if columns != 1 else ''}, {rows} row{'s' if rows != 1 else ''}"
                  f"), so the sheet '{best}' was read ({sizes[best][0]} columns); name another "
                  "with --sheet"]


def _table_size(grid: pd.DataFrame) -> tuple[int, int]:
    """(named columns, rows with two cells or more) of a sheet's table, from its start."""
    if grid.empty:
        return 0, 0
    at = _sheet_header(grid)
    rows = _rows(grid.iloc[at + 1:])
    return filled(_rows(grid.iloc[at:at + 1])[0]), sum(1 for r in rows if filled(r) >= 2)


def _header_text(name: Any) -> str:
    if name is None or (isinstance(name, float) and name != name):
        return ""
    text = str(name)
    return "" if text.startswith("Unnamed: ") else text


def _check_workbook(payload: Payload, max_bytes: int = DEFAULT_MAX_BYTES) -> None:
    """Refuse, before openpyxl reads a byte of it, a workbook that is no workbook, that
    unpacks to more than its share of the limit, or whose sheets say they hold more rows
    or columns than the kit reads."""
    try:
        with zipfile.ZipFile(payload.stream()) as archive:
            infos = archive.infolist()
            members = [i.filename for i in infos]
            if "xl/workbook.xml" not in members:
                shown = ", ".join(members[:5]) + (", ..." if len(members) > 5 else "")
                raise UnreadableFile(f"{payload.name} is a zip archive, not an Excel "
                                     f"workbook (it holds {shown or 'nothing'})")
            _check_unpacked(payload.name, infos, int(max_bytes * UNPACKED_SHARE))
            for info in infos:
                if info.filename.startswith("xl/worksheets/") and info.filename.endswith(
                        ".xml"):
                    with archive.open(info) as sheet:
                        _check_dimension(payload.name, info.filename, sheet.read(4096))
    except (zipfile.BadZipFile, OSError, EOFError) as exc:
        raise UnreadableFile(f"{payload.name} is damaged: it starts like a zip or XLSX file "
                             "but is not a complete one") from exc


def _check_unpacked(name: str, infos: list[zipfile.ZipInfo], limit: int) -> None:
    total = sum(i.file_size for i in infos)
    if total <= limit:
        return
    biggest = max(infos, key=lambda i: i.file_size)
    raise UnreadableFile(
        f"{name} unpacks to {human_size(total)} ({biggest.filename} alone is "
        f"{human_size(biggest.file_size)}, from {human_size(biggest.compress_size)} packed), "
        f"more than the {human_size(limit)} a workbook may unpack to: save the sheet as "
        "CSV, or raise the limit (--max-mb) if the workbook is really that big")


_DIMENSION = re.compile(rb'<dimension ref="([A-Z]{1,3})(\d+)(?::([A-Z]{1,3})(\d+))?"')


def _column_number(letters: bytes) -> int:
    number = 0
    for letter in letters:
        number = number * 26 + letter - 64
    return number


def _check_dimension(name: str, member: str, start: bytes) -> None:
    found = _DIMENSION.search(start)
    if not found:
        return
    last_column = found.group(3) or found.group(1)
    rows, columns = int(found.group(4) or found.group(2)), _column_number(last_column)
    if rows > MAX_ROWS or columns > MAX_COLUMNS:
        raise UnreadableFile(
            f"{name}: {member} says it holds {rows:,} rows and {columns:,} columns (up to "
            f"{last_column.decode()}{rows}), more than the {MAX_ROWS:,} rows and "
            f"{MAX_COLUMNS:,} columns the kit reads; save the part you need as CSV")


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
    import pyarrow.parquet as pq  # heavy: pyarrow, only when `_read_parquet` runs

    try:
        table = pq.read_table(payload.stream())
    except (pa.ArrowException, OSError) as exc:
        raise UnreadableFile(f"{payload.name} is damaged: it starts like a Parquet file but "
                             f"could not be read ({str(exc).splitlines()[0]})") from exc
    columns = [_arrow_text(c) for c in table.columns]
    names, notes = clean_names([str(n) for n in table.column_names])
    frame = frame_from_arrow(pa.table(dict(zip(names, columns, strict=True))))
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

#: What the rest of the kit reads from here: the readers and what they stand on.
__all__ = [
    "DEFAULT_MAX_BYTES", "DELIMITERS", "FORMATS", "MAX_COLUMNS", "MAX_ROWS", "MISSING",
    "SIGNATURES", "SNIFF_BYTES", "SPREADSHEET_ERRORS", "TEXT", "UNPACKED_SHARE",
    "BadRow", "Format", "Payload", "RawTable", "ReadOptions", "Reader", "Source",
    "choose_format", "clean_names", "detect_encoding", "encoding_label", "flat",
    "frame_from_arrow", "human_size", "read_table", "register", "row_numbers",
    "sniff_delimiter", "text_decision"
]
