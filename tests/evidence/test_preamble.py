"""A report's title and details above the header, and its footer under the data, are no
rows: the header is found under them (CSV and XLSX, any sheet), they are left out, and
the report says so."""

from __future__ import annotations

import io

import openpyxl
import pytest

from cxwidgets.evidence.ingest import ingest
from cxwidgets.evidence.readers import read_table

HEADER = ["Case ID", "Opened", "Channel", "Score (1-5)", "Comment"]


def rows(n: int = 30) -> list[list[str]]:
    who = ["The agent", "Support", "The form", "The courier", "Billing", "The app"]
    what = ["answered quickly", "took two days to reply", "kept losing what I typed",
            "sorted it in one call", "charged me twice", "was friendly"]
    return [[f"C-{1000 + k}", f"2026-03-{k % 28 + 1:02d} 10:{k % 60:02d}",
             ["Phone", "Email", "Chat"][k % 3], str(k % 5 + 1),
             f"{who[k % 6]} {what[k // 6 % 6]} on day {k}"] for k in range(n)]


def csv_bytes(lines: list[str], table: list[list[str]], sep: str = ",") -> bytes:
    body = [sep.join(HEADER), *(sep.join(r) for r in table)]
    return ("\r\n".join([*lines, *body]) + "\r\n").encode("utf-8")


PREAMBLES = {
    "titles": ["Customer contact report", "Generated: 30/11/2026 09:14", ""],
    "report lines with commas": ["Report: Closed cases, all regions",
                                 "Generated: 30/11/2026 09:14, by a.lee@example.com",
                                 "Filters: Status = Closed"],
    "padded by a spreadsheet": ["Customer contact report,,,,", "Exported 2026-11-30,,,,",
                                ",,,,"],
    "quoted": ['"Weekly service report"', '"Period: 23/11/2026 - 29/11/2026"', ""],
}


@pytest.mark.parametrize("kind", sorted(PREAMBLES))
@pytest.mark.parametrize("sep", [",", ";"])
def test_a_csv_header_under_report_lines_is_found(kind, sep):
    lines = [line.replace(",", sep) if kind == "padded by a spreadsheet" else line
             for line in PREAMBLES[kind]]
    data = csv_bytes(lines, rows(), sep)
    raw = read_table(("report.csv", data))
    assert list(raw.frame.columns) == HEADER
    assert len(raw.frame) == 30 and raw.frame.loc[1, "Case ID"] == "C-1000"
    assert raw.delimiter == sep
    header_line = len(lines) + 1
    assert raw.header_line == header_line
    done = ingest(("report.csv", data))
    report = done.report
    assert report.rows_read == 30 and report.accepted == 30
    assert report.mapping["columns"]["score"] == "Score (1-5)"
    assert report.mapping["columns"]["text"] == "Comment"
    text = report.to_text()
    assert f"header on line {header_line}" in text.splitlines()[0]
    assert any(f"header is on line {header_line}" in w and "left out" in w
               for w in report.warnings)


def test_the_line_excel_writes_to_name_the_delimiter_is_no_header():
    data = csv_bytes(["sep=;"], rows(12), ";")
    raw = read_table(("excel.csv", data))
    assert raw.delimiter == ";" and list(raw.frame.columns) == HEADER
    assert len(raw.frame) == 12
    assert any("names the delimiter" in n for n in raw.notes)


def test_a_header_with_blanks_on_the_first_line_stays_the_header():
    """A survey's first row names each question once over its answer columns: sparse,
    but far fuller than a title line."""
    header = "Response ID,Date,Which did you use?,,,How satisfied were you?,Comments"
    body = "\n".join(f"{k},2026-03-0{k % 9 + 1},Web,,Phone,{k % 5 + 1},fine {k}"
                     for k in range(20))
    raw = read_table(("sm.csv", f"{header}\n{body}\n".encode()))
    assert raw.frame.columns[0] == "Response ID" and raw.header_line is None
    assert len(raw.frame) == 20


def test_a_file_whose_first_line_is_its_header_keeps_it():
    raw = read_table(("plain.csv", csv_bytes([], rows(8))))
    assert list(raw.frame.columns) == HEADER and raw.header_line is None
    assert not any("header is on" in n for n in raw.notes)


def workbook(sheets: dict[str, list[list]]) -> bytes:
    book = openpyxl.Workbook()
    book.remove(book.active)
    for name, cells in sheets.items():
        sheet = book.create_sheet(name)
        for row in cells:
            sheet.append(row)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


TITLED = [["Customer Service CSAT report"], ["Exported 2026-11-30 by BI"], [],
          HEADER, *rows(25)]


@pytest.mark.parametrize("sheet", [None, "Second"])
def test_an_xlsx_header_under_a_title_is_found_on_any_sheet(sheet):
    data = workbook({"First": TITLED, "Second": [["Notes on the export"], [], *TITLED]})
    done = ingest(("bi.xlsx", data), sheet=sheet)
    report = done.report
    assert report.rows_read == 25 and report.accepted == 25
    assert report.mapping["columns"]["score"] == "Score (1-5)"
    assert report.mapping["columns"]["id"] == "Case ID"
    row = 4 if sheet is None else 6
    assert report.header_line == row
    assert f"header on row {row}" in report.to_text().splitlines()[0]


def test_a_cover_sheet_first_is_passed_over_for_the_sheet_holding_the_table():
    cover = [["Guest survey 2026"], [], ["Prepared by", "Insights"],
             ["Source", "E-mail survey"]]
    data = workbook({"Read me": cover, "Responses": [HEADER, *rows(40)]})
    raw = read_table(("book.xlsx", data))
    assert raw.sheet == "Responses" and len(raw.frame) == 40
    assert any("first sheet 'Read me' holds no table" in n for n in raw.notes)


FOOTER = ['', '"Contact report by case"',
          '"Copyright (c) 2000-2026 Example CRM, inc. All rights reserved."',
          '"Confidential Information - Do Not Distribute"',
          '"Generated By:  Dana Whitfield  12/1/2026 9:14 AM"', '"Northwind Mutual"']


def test_a_reports_footer_under_a_csv_is_left_out_and_said():
    data = csv_bytes([], rows(40)) + "\r\n".join(FOOTER).encode() + b"\r\n"
    done = ingest(("sf.csv", data))
    report = done.report
    assert report.rows_read == 40 and report.rejected_count == 0
    said = [w for w in report.warnings if "footer" in w]
    assert said and "last 5 lines" in said[0] and "Northwind Mutual" in said[0]
    assert not any("fewer fields than the header" in w for w in report.warnings)


def test_a_totals_row_under_a_sheet_is_no_response():
    data = workbook({"Data": [HEADER, *rows(20), [], ["Total", None, None, "3.0", None]]})
    done = ingest(("totals.xlsx", data))
    assert done.report.rows_read == 20
    assert done.table["score"].mean() == pytest.approx(3.0)


def test_sparse_last_responses_are_not_taken_for_a_footer():
    """Two customers who gave only their case number and a date are rows, not a footer."""
    table = [*rows(20), ["C-2001", "2026-03-02 11:00", "", "", ""],
             ["C-2002", "2026-03-02 11:05", "", "", ""]]
    raw = read_table(("sparse.csv", csv_bytes([], table)))
    assert len(raw.frame) == 22


def test_a_header_naming_few_columns_is_not_taken_for_a_title():
    """Two names over five columns look like a title line by their count; the row under
    them holds an id and a date as the rows below do, so it is data, and row 1 stays the
    header."""
    header = "Case ID,,,,Comment"
    body = "\n".join(",".join(r) for r in rows(20))
    raw = read_table(("few.csv", f"{header}\n{body}\n".encode()))
    assert raw.header_line is None and len(raw.frame) == 20
