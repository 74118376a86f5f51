"""Bad input, from real files: each gives a clear report or error saying what and where."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import zipfile
from pathlib import Path

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.csv as pacsv
import pytest

from cxwidgets.evidence.ingest import NOTHING_TO_LEARN, ingest
from cxwidgets.exceptions import CxError, MappingError, UnreadableFile

PNG = (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00\x00"
       b"\x00\x1f\x15\xc4\x89\x00\x00\x00\rIDATx\x9cc\xf8\x0f\x00\x00\x01\x01\x00\x05\x18\xd8N"
       b"\x00\x00\x00\x00IEND\xaeB`\x82")


def refused(path_or_upload, **kwargs) -> str:
    with pytest.raises(UnreadableFile) as err:
        ingest(path_or_upload, **kwargs)
    message = str(err.value)
    assert "\n" not in message and "Traceback" not in message
    return message


def write_bytes(tmp_path: Path, name: str, data: bytes) -> Path:
    path = tmp_path / name
    path.write_bytes(data)
    return path


def test_an_empty_file(tmp_path):
    message = refused(write_bytes(tmp_path, "feedback.csv", b""))
    assert message == "feedback.csv is empty (0 bytes): there is nothing to read"


def test_a_file_of_blank_lines(tmp_path):
    assert "has no header row" in refused(write_bytes(tmp_path, "blank.csv", b"\n\n \n"))


@pytest.mark.parametrize("content", [b"id,comment,rating\n", b"id,comment,rating",
                                     b"\xef\xbb\xbfid;comment;rating\r\n\r\n"])
def test_a_header_without_rows_is_read_and_reported(tmp_path, content):
    report = ingest(write_bytes(tmp_path, "header.csv", content)).report
    assert (report.rows_read, report.accepted, report.rejected_count) == (0, 0, 0)
    assert "header.csv has a header row but no data rows" in report.warnings
    assert "Rows read:  0" in report.to_text()


def test_an_empty_workbook_and_an_empty_json_list(tmp_path):
    import openpyxl

    openpyxl.Workbook().save(tmp_path / "empty.xlsx")
    for path in (tmp_path / "empty.xlsx", write_bytes(tmp_path, "empty.json", b"[]")):
        report = ingest(path).report
        assert report.rows_read == 0
        assert f"{path.name} holds no data: no columns and no rows" in report.warnings


def test_random_bytes(tmp_path):
    garbage = np.random.default_rng(3).bytes(5000)
    message = refused(write_bytes(tmp_path, "export.csv", garbage))
    assert "export.csv does not look like a table the kit can read" in message


def test_a_stray_nul_byte_in_a_text_export_is_left_out_not_fatal(tmp_path):
    rows = "".join(f"{k},2026-01-{k % 28 + 1:02d},box {k} arrived late,{k % 5 + 1}\n"
                   for k in range(1, 200))
    data = ("id,date,text,score\n" + rows).encode().replace(b"box 7 ", b"box\x00 7 ")
    report = ingest(write_bytes(tmp_path, "tickets.csv", data)).report
    assert report.rows_read == 199 and report.accepted == 199
    assert "tickets.csv holds 1 NUL byte(s) inside its cells; they were left out" in (
        report.warnings)
    many = data.replace(b"arrived", b"\x00arrived")  # padding everywhere: not text
    assert "does not look like a table" in refused(write_bytes(tmp_path, "pad.csv", many))


def test_a_png_renamed_csv(tmp_path):
    message = refused(write_bytes(tmp_path, "survey.csv", PNG))
    assert message == "survey.csv is a PNG image, not a CSV file"


def test_an_old_excel_file(tmp_path):
    message = refused(write_bytes(tmp_path, "old.xls", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" * 64))
    assert "old-style Office file" in message and "save it as .xlsx or CSV" in message


def test_a_utf16_file_is_read_not_garbled(tmp_path):
    text = "Kommentar\tNote\r\nSehr gut, schnelle Lieferung\t5\r\nZu spät\t1\r\n"
    path = write_bytes(tmp_path, "unicode.txt", text.encode("utf-16"))
    result = ingest(path, {"columns": {"text": "Kommentar", "score": "Note"},
                           "score_type": "rating"})
    assert result.report.encoding == "UTF-16" and result.report.delimiter == "\t"
    assert result.table["text"].tolist() == ["Sehr gut, schnelle Lieferung", "Zu spät"]


def test_a_cp1252_file_with_accents_is_read_right(tmp_path):
    text = "commentaire;note\r\nTrès déçu, boîte abîmée;1\r\nÇa va – merci;4\r\n"
    result = ingest(write_bytes(tmp_path, "avis.csv", text.encode("cp1252")))
    assert result.table["text"].tolist() == ["Très déçu, boîte abîmée", "Ça va – merci"]
    assert result.report.encoding == "Windows-1252"
    assert any("not UTF-8" in w for w in result.report.warnings)


def _write_large_csv(path: Path, target_bytes: int) -> int:
    """A realistic export of about `target_bytes`, written fast through pyarrow."""
    rng = np.random.default_rng(7)
    n = target_bytes // 113
    texts = np.array(["Courier left the box at the wrong door, again. Please fix this.",
                      'The app said "delivered" but nothing came; support took 3 days.',
                      "Great recipes, fresh vegetables; the box was cold and well packed.",
                      "Billing charged me twice this month, and the refund is pending."])
    days = np.datetime64("2025-01-01") + rng.integers(0, 700, n).astype("timedelta64[D]")
    pacsv.write_csv(pa.table({
        "Response ID": np.arange(1, n + 1),
        "Submitted": pa.array(days).cast(pa.string()),
        "Source": np.array(["survey", "review", "support_log"])[rng.integers(0, 3, n)],
        "Plan": np.array(["Classic box", "Veggie box"])[rng.integers(0, 2, n)],
        "Rating": rng.integers(1, 6, n),
        "Comment": texts[rng.integers(0, len(texts), n)]}), path)
    return n


_MEASURE = """
import json, resource, sys, time
from cxwidgets.evidence.ingest import ingest
start = time.perf_counter()
report = ingest(sys.argv[1]).report
print(json.dumps({"seconds": time.perf_counter() - start, "rows_read": report.rows_read,
                  "accepted": report.accepted,
                  "peak_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}))
"""


def test_a_200_mb_file_ingests_in_bounded_memory_and_a_lower_limit_refuses_it(tmp_path):
    """Decision: 200 MB is under the default limit (512 MB), so it is read, in one pass,
    with peak memory a small multiple of the file (about 5x here); anything over the limit
    is refused before a byte of it is read."""
    path = tmp_path / "big_export.csv"
    rows = _write_large_csv(path, 200 * 1024**2)
    size_mb = path.stat().st_size / 1024**2
    assert 190 < size_mb < 215

    message = refused(path, max_bytes=100 * 1024**2)
    assert message.startswith(f"big_export.csv is {size_mb:.1f} MB, more than the limit of "
                              "100.0 MB")

    done = subprocess.run([sys.executable, "-c", _MEASURE, str(path)], capture_output=True,
                          text=True, timeout=120, check=True)
    measured = json.loads(done.stdout)
    assert measured["rows_read"] == measured["accepted"] == rows
    assert measured["peak_mb"] < 1.5 * 1024, measured  # about 5x the file; bounded
    assert measured["seconds"] < 60, measured


def test_a_mapping_naming_a_missing_column(tmp_path):
    path = write_bytes(tmp_path, "f.csv", b"Comment,Stars\nok,5\n")
    with pytest.raises(MappingError) as err:
        ingest(path, {"columns": {"text": "Feedback"}})
    assert str(err.value) == ("the column mapping names a column 'Feedback' that f.csv does "
                              "not have; its columns are: 'Comment', 'Stars'")


def test_scores_out_of_range_are_rejected_row_by_row(tmp_path):
    rows = b"10,great\n11,typo\n-1,neg\n0,bad\n" + b"".join(
        b"%d,fine %d\n" % (k, k) for k in range(3, 9))
    path = write_bytes(tmp_path, "nps.csv", b"nps,comment\n" + rows)
    report = ingest(path).report
    assert [(r.row, r.value, r.reason) for r in report.rejected] == [
        (2, "11", "score outside 0-10 for nps"), (3, "-1", "score outside 0-10 for nps")]
    assert report.accepted == 8


def test_a_guessed_score_never_rejects_more_than_a_fifth_of_the_file(tmp_path):
    path = write_bytes(tmp_path, "nps.csv", b"nps,comment\n10,great\n11,typo\n-1,neg\n0,bad\n")
    report = ingest(path).report
    assert report.rejected_count == 0 and "score" not in report.mapping.get("columns", {})
    assert any("not 'nps' (2 of 4 values are outside NPS 0-10)" in d for d in report.decisions)


def test_all_null_text_rejects_every_row_and_says_why(tmp_path):
    path = write_bytes(tmp_path, "empty_text.csv", b"id,comment\n1,\n2,  \n3,\n")
    report = ingest(path, {"columns": {"id": "id", "text": "comment"}}).report
    assert report.accepted == 0 and report.rejected_count == 3
    assert report.counts_by_reason() == {NOTHING_TO_LEARN: 3}
    assert "column 'comment' (text) is empty in every row" in report.warnings


def test_an_xlsx_that_is_a_zip_of_something_else(tmp_path):
    path = tmp_path / "reviews.xlsx"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("notes.txt", "not a workbook")
        archive.writestr("data/table.csv", "a,b\n1,2\n")
    message = refused(path)
    assert message == ("reviews.xlsx is a zip archive, not an Excel workbook (it holds "
                       "notes.txt, data/table.csv)")


def test_a_truncated_xlsx(tmp_path):
    import openpyxl

    whole = tmp_path / "whole.xlsx"
    book = openpyxl.Workbook()
    book.active.append(["comment"])
    book.save(whole)
    cut = write_bytes(tmp_path, "cut.xlsx", whole.read_bytes()[:300])
    assert "cut.xlsx is damaged" in refused(cut)


def test_a_damaged_parquet_file(tmp_path):
    message = refused(write_bytes(tmp_path, "x.parquet", b"PAR1" + b"\x00garbage" * 20))
    assert message.startswith("x.parquet is damaged: it starts like a Parquet file")


@pytest.mark.parametrize(("content", "expected"), [
    (b'{"status": "ok", "count": 2}', 'a JSON object without a list of records'),
    (b'"just text"', "holds a string, not a list of records"),
    (b"42", "holds a number, not a list of records"),
    (b'[{"a": 1}, {"a": 2', "is not valid JSON: Expecting"),
])
def test_json_that_is_not_a_list_of_records(tmp_path, content, expected):
    message = refused(write_bytes(tmp_path, "export.json", content))
    assert expected in message and message.startswith("export.json")


def test_a_json_list_of_plain_values_rejects_each_row(tmp_path):
    report = ingest(write_bytes(tmp_path, "values.json", b'[1, "two", null]')).report
    assert report.rows_read == 3 and report.accepted == 0
    assert {r.reason for r in report.rejected} == {
        "is not a record (an object with named fields)"}


def test_a_ragged_csv_rejects_only_the_rows_pandas_refuses(tmp_path):
    data = (b"id,comment,rating\n1,fine,5\n2,too,many,fields,here\n3,ok,4\n4,short\n"
            b'5,"quoted, with comma",3\n')
    path = write_bytes(tmp_path, "ragged.csv", data)
    with pytest.raises(pd.errors.ParserError, match="line 3"):
        pd.read_csv(path)  # pandas refuses the long row too, naming its line
    result = ingest(path)
    report = result.report
    assert [(r.row, r.column, r.value, r.reason) for r in report.rejected] == [
        (2, None, "line 3: 2,too,many,fields,here", "has 5 fields; the header has 3")]
    assert result.table["row"].tolist() == [1, 3, 4, 5]  # a short row is kept, as pandas
    assert result.table.loc[result.table["row"] == 4, "score"].isna().all()
    assert report.rows_read == 5 == report.accepted + report.rejected_count
    assert 'row 2 ("line 3: 2,too,many,fields,here")' in report.to_text()
    assert any("fewer fields than the header" in w for w in report.warnings)


def test_a_file_that_is_not_there_or_is_a_folder(tmp_path):
    assert "there is no such file" in refused(tmp_path / "missing.csv")
    assert "is a folder, not a file" in refused(tmp_path)


def test_every_refusal_is_a_cx_error(tmp_path):
    assert issubclass(UnreadableFile, CxError) and issubclass(MappingError, CxError)
    os.chmod(write_bytes(tmp_path, "locked.csv", b"a\n1\n"), 0)
    if os.access(tmp_path / "locked.csv", os.R_OK):  # running as root: reading still works
        assert ingest(tmp_path / "locked.csv").report.rows_read == 1
    else:
        assert "cannot open" in refused(tmp_path / "locked.csv")
