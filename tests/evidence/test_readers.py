"""Readers: every format from real files, detected delimiters and encodings, row numbers."""

from __future__ import annotations

import json
from pathlib import Path

import openpyxl
import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from cxwidgets.evidence import rawfile, readers
from cxwidgets.evidence.readers import (
    FORMATS,
    TEXT,
    Format,
    RawTable,
    choose_format,
    detect_encoding,
    read_table,
    register,
    sniff_delimiter,
)
from cxwidgets.exceptions import UnreadableFile

ROWS = [["R-1", "03/11/2026", "Très déçu, la boîte était mouillée", "2"],
        ["R-2", "04/11/2026", "Livraison à l'heure; merci!", "5"],
        ["R-3", "", "Le livreur a dit \"à demain\"\net n'est jamais venu", ""]]
HEADER = ["id", "date", "comment", "rating"]


def write_csv(path: Path, delimiter: str, encoding: str = "utf-8") -> Path:
    def quote(cell: str) -> str:
        needs = any(ch in cell for ch in (delimiter, '"', "\n"))
        return '"' + cell.replace('"', '""') + '"' if needs else cell

    lines = [delimiter.join(quote(c) for c in row) for row in [HEADER, *ROWS]]
    path.write_bytes(("\r\n".join(lines) + "\r\n").encode(encoding))
    return path


def cells(table: RawTable) -> list[list[str | None]]:
    return [[None if pd.isna(v) else v for v in row]
            for row in table.frame.itertuples(index=False, name=None)]


EXPECTED = [[c or None for c in row] for row in ROWS]


@pytest.mark.parametrize("delimiter", [",", ";", "\t", "|"])
def test_csv_with_any_delimiter_and_quoted_delimiters_and_newlines(tmp_path, delimiter):
    t = read_table(write_csv(tmp_path / "feedback.csv", delimiter))
    assert t.format == "csv" and t.delimiter == delimiter and t.encoding == "UTF-8"
    assert list(t.frame.columns) == HEADER
    assert cells(t) == EXPECTED
    assert list(t.frame.index) == [1, 2, 3] and t.rows_read == 3
    assert all(dtype == TEXT for dtype in t.frame.dtypes)


@pytest.mark.parametrize(("encoding", "label"), [
    ("utf-8-sig", "UTF-8 with BOM"), ("cp1252", "Windows-1252"), ("utf-16", "UTF-16")])
def test_encodings_are_detected_and_reported(tmp_path, encoding, label):
    t = read_table(write_csv(tmp_path / "avis.csv", ";", encoding))
    assert t.encoding == label
    assert list(t.frame.columns) == HEADER  # no BOM left in the first name
    assert cells(t) == EXPECTED


def test_cp1252_accents_beyond_latin1_read_right():
    text = 'Name,Kommentar\nJürgen,Lieferung kam zu spät – Größe falsch\nRenée,"Très bien, 5€"\n'
    t = read_table(("kommentare.csv", text.encode("cp1252")))
    assert t.encoding == "Windows-1252"
    assert t.frame["Kommentar"].tolist() == ["Lieferung kam zu spät – Größe falsch",
                                             "Très bien, 5€"]


def test_non_utf8_files_say_so(tmp_path):
    t = read_table(write_csv(tmp_path / "avis.csv", ";", "cp1252"))
    assert any("not UTF-8" in n and "Windows-1252" in n for n in t.notes)
    assert not read_table(write_csv(tmp_path / "ok.csv", ";")).notes


def test_ascii_start_then_cp1252_further_on_is_read_and_noted(tmp_path):
    body = "".join(f"{i},fine\n" for i in range(20000)) + "20000,café crème\n"
    path = tmp_path / "late.csv"
    path.write_bytes(("id,text\n" + body).encode("cp1252"))
    t = read_table(path)
    assert t.frame["text"].iloc[-1] == "café crème"
    assert any("Windows-1252" in n for n in t.notes)


def test_ragged_rows_keep_their_data_row_numbers(tmp_path):
    path = tmp_path / "ragged.csv"
    path.write_text('id,text,score\n1,"fine, really",5\n2,too,many,fields\n3,ok,4\n'
                    '4,"multi\nline",3\n5,short\n6,last,1\n', encoding="utf-8")
    t = read_table(path)
    assert list(t.frame.index) == [1, 3, 4, 5, 6]
    assert t.frame["id"].tolist() == ["1", "3", "4", "5", "6"]
    assert t.frame.loc[5, "score"] is pd.NA  # short: its missing cell is empty
    assert [(b.row, b.line, b.reason) for b in t.bad_rows] == [
        (2, 3, "has 4 fields; the header has 3")]
    assert t.bad_rows[0].value == "2,too,many,fields"
    assert t.rows_read == 6


def test_empty_trailing_fields_do_not_make_a_row_too_long(tmp_path):
    t = read_table(("trailing.csv", b'id,text\n1,"a\nb",,\n2,c,,,\n'))
    assert t.bad_rows == [] and t.frame["text"].tolist() == ["a\nb", "c"]


@pytest.mark.parametrize("eol", ["\n", "\r\n", "\r"])
def test_an_unclosed_quote_is_reported_and_the_rows_it_swallowed_are_kept(tmp_path, eol):
    path = tmp_path / "survey.csv"
    text = ('id,date,text,score\n1,2026-01-02,"fine service,4\n'
            '2,2026-01-03,late box,2\n3,2026-01-04,"ok",3\n4,2026-01-05,good,5\n')
    path.write_bytes(text.replace("\n", eol).encode("utf-8"))
    t = read_table(path)
    assert t.frame["id"].tolist() == ["2", "3", "4"] and list(t.frame.index) == [2, 3, 4]
    (bad,) = t.bad_rows
    assert bad.row == 1 and bad.line == 2 and "opens a quote that is not closed" in bad.reason
    assert "'2,2026-01-03,late box,2'" in bad.reason
    assert t.rows_read == 4  # every row read is accepted or rejected


def test_an_unclosed_quote_to_the_end_of_the_file_is_named(tmp_path):
    path = tmp_path / "tickets.csv"
    path.write_text('id,date,text,score\n1,2026-01-02,"fine service,4\n'
                    '2,2026-01-03,late box,2\n3,2026-01-04,ok,3\n', encoding="utf-8")
    t = read_table(path)
    assert t.frame["id"].tolist() == ["2", "3"]
    assert "opens a quote that runs to the end of the file" in t.bad_rows[0].reason
    assert "2 line(s) after it" in t.bad_rows[0].reason


def test_reviews_over_several_lines_that_look_like_rows_are_read_as_pandas_reads_them(
        tmp_path):
    """Proper quotes around text whose lines hold commas, digits and dates: nothing is
    broken, whatever the lines look like."""
    text = ('id,date,review,score\n'
            '1,2026-01-02,"5,0 stars, honestly\n2,2026-01-03,late box,2\nthat is how it '
            'felt",4\n2,2026-01-03,"ok",3\n3,2026-01-04,"Line one,\n\nline three, after a '
            'blank line",5\n')
    path = tmp_path / "reviews.csv"
    path.write_text(text, encoding="utf-8")
    t = read_table(path)
    expected = pd.read_csv(path, dtype=str)
    assert t.bad_rows == []
    assert t.frame["review"].tolist() == expected["review"].tolist()
    assert t.frame["id"].tolist() == expected["id"].tolist()


def test_a_stray_quote_inside_one_line_is_read_as_pandas_reads_it(tmp_path):
    path = tmp_path / "stray.csv"
    for more in ("", '3,"two\nlines"\n'):  # one row per line (fast read), or not (careful)
        path.write_text(f'id,text\n1,"Best" box ever\n2,fine\n{more}', encoding="utf-8")
        t = read_table(path)
        assert t.bad_rows == []
        assert t.frame["text"].tolist() == pd.read_csv(path, dtype=str)["text"].tolist()
    assert any("quote in the middle of a cell" in n for n in t.notes)


def test_quoted_text_over_several_lines_with_commas_stays(tmp_path):
    path = tmp_path / "interviews.csv"
    path.write_text('id,date,text,score\n'
                    '1,2026-01-02,"We tried, twice, then gave up,\nand then, honestly, it, '
                    'just sat there",2\n2,2026-01-03,"fine",4\n', encoding="utf-8")
    t = read_table(path)
    assert t.bad_rows == [] and t.frame["id"].tolist() == ["1", "2"]
    assert t.frame.loc[1, "text"].startswith("We tried, twice")


def test_old_mac_line_endings_and_a_header_with_a_newline_inside(tmp_path):
    t = read_table(("cr.csv", b"id,text\r1,a\r2,b\r"))
    assert cells(t) == [["1", "a"], ["2", "b"]]
    t = read_table(("nl.csv", b'"id","your\ncomment"\n1,"x"\n2,y,extra\n3,z\n'))
    assert list(t.frame.columns) == ["id", "your\ncomment"]
    assert list(t.frame.index) == [1, 3] and t.bad_rows[0].row == 2


def test_blank_and_repeated_header_names_are_made_usable(tmp_path):
    path = tmp_path / "names.csv"
    path.write_text("Score,,score\n1,2,3\n", encoding="utf-8")
    t = read_table(path)
    assert list(t.frame.columns) == ["Score", "column 2", "score (2)"]
    assert len(t.notes) == 2


def test_xlsx_first_sheet_named_sheet_and_datetimes(tmp_path):
    import datetime as dt

    path = tmp_path / "reviews.xlsx"
    book = openpyxl.Workbook()
    first = book.active
    first.title = "Summary"
    first.append(["note"])
    first.append(["see the other sheet"])
    answers = book.create_sheet("Answers")
    answers.append(["Review ID", "Date", "Stars", "Review"])
    answers.append([7, dt.datetime(2026, 11, 3, 14, 5), 4, "Good box"])
    answers.append([None, None, None, None])
    answers.append(["008", dt.date(2026, 1, 2), 1.5, "Late"])
    book.save(path)
    first = read_table(path)  # the first sheet holds a note, not a table: the next is read
    assert first.sheet == "Answers"
    assert any("first sheet 'Summary' holds no table" in n for n in first.notes)
    assert read_table(path, sheet="Summary").sheet == "Summary"
    t = read_table(path, sheet="Answers")
    assert t.format == "xlsx" and t.sheet == "Answers"
    assert cells(t) == [["7", "2026-11-03 14:05:00", "4", "Good box"],
                        [None, None, None, None],
                        ["008", "2026-01-02 00:00:00", "1.5", "Late"]]
    assert list(t.frame.index) == [1, 2, 3]
    with pytest.raises(UnreadableFile, match="no sheet 'Nope'; its sheets are Summary, Answers"):
        read_table(path, sheet="Nope")


def test_xlsx_written_by_pandas(tmp_path):
    path = tmp_path / "export.xlsx"
    pd.DataFrame({"comment": ["a", "b"], "score": [1, 10]}).to_excel(path, index=False)
    t = read_table(path)
    assert cells(t) == [["a", "1"], ["b", "10"]]


@pytest.mark.parametrize("shape", ["list", "records", "data"])
def test_json_records_in_every_accepted_shape(tmp_path, shape):
    records = [{"id": 1, "text": "ok", "score": 4.5, "ok": True, "tags": ["a", "b"]},
               {"id": 2, "text": None, "extra": "only here"}]
    data = records if shape == "list" else {shape: records, "meta": {"n": 2}}
    path = tmp_path / "feedback.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    t = read_table(path)
    assert t.format == "json"
    assert list(t.frame.columns) == ["id", "text", "score", "ok", "tags", "extra"]
    assert cells(t) == [["1", "ok", "4.5", "true", '["a", "b"]', None],
                        ["2", None, None, None, None, "only here"]]


def test_fields_nested_in_json_records_become_columns_named_by_their_path():
    """An API's answer keeps the review under "attributes": its fields are columns, and
    the guess finds the rating, the body and the date among them."""
    from cxwidgets.evidence.ingest import ingest

    bodies = ["Crashes when I open the camera", "Love the new dark mode",
              "Login takes forever since the update", "Does exactly what it says"]
    records = [{"type": "customerReviews", "id": f"r{k}",
                "attributes": {"rating": k % 5 + 1, "title": "Title",
                               "body": f"{bodies[k % 4]} (version {k})",
                               "createdDate": f"2026-03-{k % 28 + 1:02d}T10:00:00-07:00",
                               "device": {"model": "phone", "os": "17.1"}},
                "links": {"self": f"https://api.example.com/{k}"}} for k in range(40)]
    data = json.dumps({"data": records, "meta": {"paging": {"total": 40}}}).encode()
    t = read_table(("reviews.json", data))
    assert {"attributes.rating", "attributes.body", "attributes.createdDate",
            "attributes.device.model", "links.self"} <= set(t.frame.columns)
    assert t.frame.loc[1, "attributes.rating"] == "1"
    lines = b"\n".join(json.dumps(r).encode() for r in records)
    assert "attributes.body" in read_table(("reviews.jsonl", lines)).frame.columns
    columns = ingest(("reviews.json", data)).report.mapping["columns"]
    assert (columns["score"], columns["text"], columns["timestamp"]) == (
        "attributes.rating", "attributes.body", "attributes.createdDate")


def test_json_items_that_are_not_records_are_bad_rows():
    t = read_table(("x.json", b'[{"a": "x"}, 3, {"a": "y"}]'))
    assert list(t.frame.index) == [1, 3]
    assert [(b.row, b.reason, b.value) for b in t.bad_rows] == [
        (2, "is not a record (an object with named fields)", "3")]


def test_json_lines_with_a_broken_line(tmp_path):
    path = tmp_path / "feedback.jsonl"
    path.write_text('{"text": "one"}\n\n{"text": "two", "score": 3}\n{"text": oops}\n'
                    '{"text": "four"}\n', encoding="utf-8")
    t = read_table(path)
    assert t.format == "jsonl"
    assert t.frame["text"].tolist() == ["one", "two", "four"]
    assert list(t.frame.index) == [1, 2, 4]
    assert t.bad_rows[0].row == 3 and "not valid JSON" in t.bad_rows[0].reason


@pytest.mark.parametrize(("name", "data", "fmt", "rows"), [
    ("one.jsonl", b'{"text": "a"}\n', "jsonl", 1),
    ("noname", b'{"text": "a"}', "jsonl", 1),
    ("mixed.jsonl", b'{"text": "a"}\n[1, 2]\n', "jsonl", 2),
    ("pretty.json", b'{\n  "records": [{"text": "a"}, {"text": "b"}]\n}\n', "json", 2),
    ("lines.json", b'{"text": "a"}\n{"text": "b"}\n', "jsonl", 2),
])
def test_json_and_json_lines_tell_apart(name, data, fmt, rows):
    t = read_table((name, data))
    assert (t.format, t.rows_read) == (fmt, rows)


def test_parquet_columns_of_any_type_come_back_as_text(tmp_path):
    path = tmp_path / "feedback.parquet"
    table = pa.table({
        "id": pa.array([1, 2]),
        "when": pa.array([pd.Timestamp("2026-11-03 14:05"), None], type=pa.timestamp("us")),
        "score": pa.array([4.0, None]),
        "plan": pa.array(["Classic", "Veggie"]).dictionary_encode(),
        "tags": pa.array([["a"], []]),
    })
    pq.write_table(table, path)
    t = read_table(path)
    assert t.format == "parquet"
    got = cells(t)
    assert got[0][0] == "1" and got[0][1].startswith("2026-11-03 14:05:00")
    assert got[0][2:] == ["4", "Classic", '["a"]'] and got[1][1:3] == [None, None]
    assert all(dtype == TEXT for dtype in t.frame.dtypes)


def test_uploads_as_name_and_bytes():
    t = read_table(("upload.csv", b"a;b\n1;2\n"))
    assert t.name == "upload.csv" and t.size == 8 and cells(t) == [["1", "2"]]


def test_content_wins_when_the_suffix_lies_or_is_missing(tmp_path):
    (tmp_path / "really_json.csv").write_text('[{"a": 1}]', encoding="utf-8")
    t = read_table(tmp_path / "really_json.csv")
    assert t.format == "json" and "its name says CSV, but its content is JSON" in t.notes[0]
    (tmp_path / "noname").write_text("a,b\n1,2\n", encoding="utf-8")
    t = read_table(tmp_path / "noname")
    assert t.format == "csv" and not t.notes
    path = tmp_path / "data.export"
    pq.write_table(pa.table({"a": ["x"]}), path)
    assert read_table(path).format == "parquet"


def test_a_format_can_be_forced():
    t = read_table(("odd.txt", b'{"a": "1"}\n{"a": "2"}\n'), format="jsonl")
    assert t.format == "jsonl" and len(t.frame) == 2
    with pytest.raises(UnreadableFile, match="unknown format 'xml'"):
        read_table(("odd.txt", b"<a/>"), format="xml")


def test_new_formats_register_without_touching_the_others(monkeypatch):
    def read_kv(payload, options):
        pairs = [line.split("=", 1) for line in payload.read_bytes().decode().splitlines()]
        frame = pd.DataFrame({k: [v] for k, v in pairs}).astype(TEXT)
        frame.index = pd.RangeIndex(1, 2, name="row")
        return RawTable(frame=frame, name=payload.name, format="kv", size=payload.size)

    formats = dict(FORMATS)  # one registry, seen by `register` and by the readers
    monkeypatch.setattr(rawfile, "FORMATS", formats)
    monkeypatch.setattr(readers, "FORMATS", formats)
    register(Format("kv", "key=value", (".kv",), lambda head: head.startswith(b"#kv"), read_kv))
    fmt, _ = choose_format("x.kv", b"#kv=1")
    assert fmt.name == "kv"
    t = read_table(("x.kv", b"#kv=1\ntext=hello"))
    assert t.frame["text"].tolist() == ["hello"]


def test_sniffing_helpers():
    assert sniff_delimiter('id;text\n1;"a, b, c"\n2;"d, e"\n') == ";"
    assert sniff_delimiter("just one column\nvalue\n") == ","
    # every row of a European export holds one decimal comma: ';' still splits it
    assert sniff_delimiter("id;avg;comment\n1;4,5;ok\n2;3,9;slow\n3;2,0;bad\n") == ";"
    assert detect_encoding("héllo".encode("utf-16-le")) == "utf-16-le"
    assert detect_encoding(b"plain") == "utf-8"
    assert detect_encoding(bytes(range(256)) * 4) is None


def test_a_big_file_with_line_breaks_in_many_cells_is_read_whole(tmp_path):
    """Parallel reading cuts the file into blocks at line breaks; a cell that holds one at
    a block's edge must not split its row (the careful read takes over)."""
    rows = [{"id": str(k), "comment": f"line one of {k},\nline two, \"quoted\" {k}\n"
             if k % 3 == 0 else f"plain {k}", "score": str(k % 5 + 1)} for k in range(150_000)]
    path = tmp_path / "big.csv"
    pd.DataFrame(rows).to_csv(path, index=False)
    assert path.stat().st_size > 3 * 1024**2  # several of pyarrow's blocks
    raw = read_table(path)
    assert raw.bad_rows == [] and len(raw.frame) == 150_000
    assert raw.frame["comment"].tolist() == [r["comment"] for r in rows]
    assert raw.frame.index[-1] == 150_000
