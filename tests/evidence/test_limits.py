"""Limits checked before reading: a workbook's unpacked size and its rows and columns, a
CSV's columns; and a read in a worker that is stopped when it runs away."""

from __future__ import annotations

import time
import zipfile

import pytest

from cxwidgets.evidence import worker
from cxwidgets.evidence.readers import read_table
from cxwidgets.exceptions import UnreadableFile

CONTENT_TYPES = ('<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.'
                 'openxmlformats.org/package/2006/content-types"><Default Extension="xml" '
                 'ContentType="application/xml"/></Types>')
WORKBOOK = ('<?xml version="1.0"?><workbook xmlns="http://schemas.openxmlformats.org/'
            'spreadsheetml/2006/main"><sheets><sheet name="S" sheetId="1" r:id="rId1" '
            'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"/>'
            '</sheets></workbook>')


def bomb(path, rows: int, dimension: str | None = None) -> int:
    """A workbook whose one sheet repeats the same row: megabytes that unpack to hundreds."""
    row = '<row><c t="inlineStr"><is><t>the same words again and again</t></is></c></row>'
    head = ('<?xml version="1.0"?><worksheet xmlns="http://schemas.openxmlformats.org/'
            f'spreadsheetml/2006/main"><dimension ref="{dimension or f"A1:A{rows}"}"/>'
            "<sheetData>")
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=1) as book:
        book.writestr("[Content_Types].xml", CONTENT_TYPES)
        book.writestr("xl/workbook.xml", WORKBOOK)
        with book.open("xl/worksheets/sheet1.xml", "w", force_zip64=True) as sheet:
            sheet.write(head.encode())
            block = (row * 20_000).encode()
            for _ in range(rows // 20_000):
                sheet.write(block)
            sheet.write(b"</sheetData></worksheet>")
    return path.stat().st_size


def test_a_workbook_that_unpacks_to_hundreds_of_megabytes_is_refused_unread(tmp_path):
    path = tmp_path / "bomb.xlsx"
    packed = bomb(path, 4_000_000)
    assert packed < 3 * 1024**2
    with zipfile.ZipFile(path) as book:
        assert book.getinfo("xl/worksheets/sheet1.xml").file_size > 250 * 1024**2
    started = time.perf_counter()
    with pytest.raises(UnreadableFile) as refused:
        read_table(path)
    assert time.perf_counter() - started < 5  # refused from the zip's directory alone
    said = str(refused.value)
    assert "bomb.xlsx unpacks to" in said and "xl/worksheets/sheet1.xml alone is" in said
    assert "more than the 128.0 MB a workbook may unpack to" in said


def test_a_sheet_that_says_it_is_too_big_is_refused_before_its_cells_are_read(tmp_path):
    path = tmp_path / "wide.xlsx"
    bomb(path, 20_000, dimension="A1:ZZZ20000")
    with pytest.raises(UnreadableFile, match=r"wide.xlsx: xl/worksheets/sheet1.xml says it "
                                             r"holds 20,000 rows and 18,278 columns"):
        read_table(path)


def test_a_csv_with_thousands_of_columns_is_refused_with_where(tmp_path):
    path = tmp_path / "wide.csv"
    path.write_text(",".join(f"c{k}" for k in range(5_000)) + "\n" + "1," * 4_999 + "1\n")
    with pytest.raises(UnreadableFile, match="its header row has 5,000 columns"):
        read_table(path)


def test_a_read_that_runs_away_is_stopped_and_said(tmp_path):
    path = tmp_path / "fine.csv"
    path.write_text("id,comment\n1,ok\n")
    raw = worker.read_in_worker(path, seconds=60)
    assert raw.frame["comment"].tolist() == ["ok"]
    big = tmp_path / "big.csv"  # cells over several lines: read record by record
    big.write_text("id,comment\n" + "".join(f'{k},"line one {k}\nline two"\n'
                                            for k in range(600_000)))
    started = time.perf_counter()
    with pytest.raises(UnreadableFile, match=r"reading .*big.csv took longer than 0.2 s "
                                             r"and was stopped"):
        worker.read_in_worker(big, seconds=0.2)
    assert time.perf_counter() - started < 10
    with pytest.raises(UnreadableFile, match="unknown format 'nope'"):
        worker.read_in_worker(path, format="nope")
