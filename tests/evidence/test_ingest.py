"""Ingest: mapping, canonical table, row checks, wide melting, and the report on every row."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import openpyxl
import pandas as pd
import pytest
import yaml

from cxwidgets.evidence.ingest import (
    DUPLICATE,
    NO_SCORE_TYPE,
    NOT_A_NUMBER,
    NOTHING_TO_LEARN,
    SENTIMENT_NOT_A_NUMBER,
    SENTIMENT_OUT_OF_RANGE,
    UNKNOWN_SCORE_TYPE,
    ingest,
    ingest_raw,
)
from cxwidgets.evidence.mapping import ColumnMapping
from cxwidgets.evidence.readers import read_table
from cxwidgets.evidence.schema import CANONICAL, empty_table
from cxwidgets.exceptions import InvalidInput, MappingError

REVIEWS = """Review ID,Date,Stars,Review,Plan,Channel
r1,03/11/2026,5,Lovely fresh box,Classic box,app
r2,25/11/2026,2,"Late, and the ice packs had melted",Veggie box,web
r3,04/11/2026,,Just a comment,  ,app
r4,,N/A,   ,Classic box,app
"""
MAPPING = {"columns": {"id": "Review ID", "timestamp": "Date", "score": "Stars",
                       "text": "Review", "product": "Plan", "channel": "Channel"},
           "constants": {"source": "review", "product": "Unknown plan"},
           "score_type": "rating"}


def write(tmp_path: Path, name: str, text: str) -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def rejections(result) -> list[tuple]:
    return [(r.row, r.column, r.value, r.reason) for r in result.report.rejected]


def invariant(result) -> None:
    r = result.report
    assert r.rows_read == r.accepted + r.rejected_count
    assert r.rejected_count == len({x.row for x in r.rejected})


def test_an_explicit_mapping_makes_the_canonical_table(tmp_path):
    result = ingest(write(tmp_path, "reviews.csv", REVIEWS), ColumnMapping.from_data(MAPPING))
    t = result.table
    assert list(t.columns) == list(CANONICAL)
    expected = empty_table().dtypes.to_dict()
    assert {c: str(d) for c, d in t.dtypes.items() if c != "timestamp"} == {
        c: str(d) for c, d in expected.items() if c != "timestamp"}  # labels: categories
    assert t["timestamp"].dtype.kind == "M"
    assert t["row"].tolist() == [1, 2, 3, 4]
    assert t["id"].tolist() == ["r1", "r2", "r3", "r4"]
    assert t["timestamp"].tolist()[:3] == [pd.Timestamp("2026-11-03"),
                                           pd.Timestamp("2026-11-25"),
                                           pd.Timestamp("2026-11-04")]
    assert t["source"].tolist() == ["review"] * 4          # a constant fills the column
    assert t["product"].tolist() == ["Classic box", "Veggie box", "Unknown plan",
                                     "Classic box"]          # a constant fills gaps only
    assert t["score"].tolist()[:2] == [5.0, 2.0] and t["score"].iloc[2:].isna().all()
    assert t["score_type"].tolist()[:2] == ["rating", "rating"] and t[
        "score_type"].iloc[2:].isna().all()
    assert t[["stage", "segment", "touchpoint", "sentiment"]].isna().all().all()
    # r4 has no text and no score ("N/A" is no score) but its own plan and channel: it
    # counts in volumes and the channel mix, never in scores
    assert rejections(result) == [] and result.report.volume_only == 1
    invariant(result)


def test_dict_and_yaml_mappings_give_the_same_result(tmp_path):
    path = write(tmp_path, "reviews.csv", REVIEWS)
    yaml_path = write(tmp_path, "m.yaml", yaml.safe_dump(MAPPING))
    by_dict, by_yaml = ingest(path, MAPPING), ingest(path, yaml_path)
    pd.testing.assert_frame_equal(by_dict.table, by_yaml.table)
    assert by_dict.report.mapping == by_yaml.report.mapping
    assert by_dict.report.guessed is None


def test_the_mapping_in_the_report_saves_as_yaml_and_reads_back(tmp_path):
    path = write(tmp_path, "reviews.csv", REVIEWS)
    first = ingest(path)
    saved = write(tmp_path, "saved.yaml", yaml.safe_dump(first.report.mapping))
    again = ingest(path, saved)
    pd.testing.assert_frame_equal(first.table, again.table)
    assert again.report.guessed is None and first.report.guessed is not None


def test_a_malformed_mapping_names_the_field(tmp_path):
    path = write(tmp_path, "reviews.csv", REVIEWS)
    with pytest.raises(InvalidInput, match="unknown canonical field"):
        ingest(path, {"columns": {"comment": "Review"}})
    with pytest.raises(InvalidInput, match="date order: input should be 'auto'"):
        ingest(path, {"date_order": "yearfirst"})


def test_a_mapping_naming_a_missing_column_lists_the_columns_and_hints(tmp_path):
    path = write(tmp_path, "reviews.csv", REVIEWS)
    with pytest.raises(MappingError) as err:
        ingest(path, {"columns": {"text": "review", "score": "Rating"}})
    message = str(err.value)
    assert "names columns 'Rating', 'review' that reviews.csv does not have" in message
    assert "did you mean 'Review' instead of 'review'" in message
    assert "its columns are: 'Review ID', 'Date', 'Stars', 'Review', 'Plan', 'Channel'" in message


def test_wide_with_a_score_column_is_refused(tmp_path):
    path = write(tmp_path, "reviews.csv", REVIEWS)
    with pytest.raises(MappingError, match="uses 'Stars' both as the score column and in "
                                           "`wide`"):
        ingest(path, {"columns": {"score": "Stars"}, "wide": {"Stars": "App"}})


WIDE = """id;date;Q3 Delivery (1-5);Q4 Box (1-5);Q5 App (1-5);comment
1;03/11/2026;4;5;;warm box
2;04/11/2026;;;;
3;05/11/2026;;;;just words
4;06/11/2026;2;9;3;one bad cell
5;07/11/2026;1;x;;not a number
6;08/11/2026;3;3;3;
"""
WIDE_MAPPING = {"columns": {"id": "id", "timestamp": "date", "text": "comment"},
                "score_type": "rating",
                "wide": {"Q3 Delivery (1-5)": "Courier at the door",
                         "Q4 Box (1-5)": "The box", "Q5 App (1-5)": "The app"}}


def test_wide_exports_melt_to_one_row_per_touchpoint_score(tmp_path):
    result = ingest(write(tmp_path, "wide.csv", WIDE), WIDE_MAPPING)
    t = result.table
    assert list(zip(t["row"], t["touchpoint"].astype("string").fillna("-"), t["score"].fillna(-1),
                    t["text"].fillna("-"), strict=True)) == [
        (1, "Courier at the door", 4.0, "-"), (1, "The box", 5.0, "-"),
        (1, "-", -1, "warm box"),           # the words once, not once per touchpoint
        (2, "-", -1, "-"),                  # a date only: counted in volumes
        (3, "-", -1, "just words"),         # words only: one row, no touchpoint
        (6, "Courier at the door", 3.0, "-"), (6, "The box", 3.0, "-"),
        (6, "The app", 3.0, "-")]
    assert rejections(result) == [
        (4, "Q4 Box (1-5)", "9", "score outside 1-5 for rating"),
        (5, "Q4 Box (1-5)", "x", NOT_A_NUMBER)]
    report = result.report
    assert (report.rows_read, report.accepted, report.volume_only, report.table_rows) == (
        6, 4, 1, 8)
    invariant(result)
    assert "Answers:    8 (the accepted rows' scores, one per touchpoint question" in \
        report.to_text()


def test_an_overall_score_goes_with_the_words_beside_the_touchpoint_scores(tmp_path):
    text = "id,Overall (1-10),Seat,Crew,Food,title,review\n" \
           "1,9,4,5,,Lovely,Crew were kind.\n2,2,1,,2,Never again,Lost my bag\n3,,,,,,\n"
    mapping = {"columns": {"id": "id", "score": "Overall (1-10)", "text": "review"},
               "text_parts": ["title", "review"], "score_type": "1-10",
               "scales": {"Seat": "rating", "Crew": "rating", "Food": "rating"},
               "wide": {"Seat": "Seat", "Crew": "Crew", "Food": "Food"}}
    result = ingest(write(tmp_path, "w.csv", text), mapping)
    t = result.table
    touchpoint, kind = (t[c].astype("string").fillna("-") for c in ("touchpoint", "score_type"))
    assert list(zip(t["row"], touchpoint, t["score"].fillna(-1), kind, t["text"].fillna("-"),
                    strict=True)) == [
        (1, "Seat", 4, "rating", "-"), (1, "Crew", 5, "rating", "-"),
        (1, "-", 9, "1-10", "Lovely. Crew were kind."),
        (2, "Seat", 1, "rating", "-"), (2, "Food", 2, "rating", "-"),
        (2, "-", 2, "1-10", "Never again. Lost my bag")]
    assert rejections(result) == [(3, "title + review", None, NOTHING_TO_LEARN)]


def test_every_row_check_with_its_reason_and_column(tmp_path):
    text = """id,when,kind,score,sentiment,text
a,2026-11-03,nps,11,,too high for nps
b,2026-11-03,csat,0,,too low for csat
c,2026-11-03,stars,6,,stars means rating
d,2026-11-03,smiley,3,,unknown kind
e,2026-11-03,,3,,no kind at all
f,2026-11-03,nps,ten,,not a number
g,2026-11-03,nps,10,1.5,sentiment too strong
h,yesterday,nps,10,,bad date
i,2026-11-03,,,,
a,2026-11-04,nps,7,,same id as row 1 but row 1 was rejected: accepted
a,2026-11-05,nps,8,,same id again: duplicate
j,2026-11-03,NPS,"9,5",-0.4,fine
"""
    mapping = {"columns": {"id": "id", "timestamp": "when", "score_type": "kind",
                           "score": "score", "sentiment": "sentiment", "text": "text"}}
    result = ingest(write(tmp_path, "checks.csv", text), mapping)
    assert rejections(result) == [
        (1, "score", "11", "score outside 0-10 for nps"),
        (2, "score", "0", "score outside 1-5 for csat"),
        (3, "score", "6", "score outside 1-5 for rating"),
        (4, "kind", "smiley", UNKNOWN_SCORE_TYPE),
        (5, "kind", None, NO_SCORE_TYPE),
        (6, "score", "ten", NOT_A_NUMBER),
        (7, "sentiment", "1.5", SENTIMENT_OUT_OF_RANGE),
        (8, "when", "yesterday", "date not readable"),
        (11, "id", "a (first in row 10)", DUPLICATE)]
    t = result.table
    assert t["row"].tolist() == [9, 10, 12]  # row 9: an id and a date, counted as volume
    assert t["score"].tolist()[1:] == [7.0, 9.5]
    assert t["score_type"].tolist()[1:] == ["nps", "nps"]
    assert t["sentiment"].iloc[2] == -0.4
    assert result.report.volume_only == 1
    invariant(result)


def test_sentiment_labels_in_any_spelling_are_read_as_sentiment(tmp_path):
    text = "id,label,text\n1,Negative,a\n2,NEUTRAL,b\n3,pos,c\n4,very negative,d\n" \
           "5,-1,e\n6,0.4,f\n7,sad,g\n"
    result = ingest(write(tmp_path, "labels.csv", text),
                    {"columns": {"id": "id", "sentiment": "label", "text": "text"}})
    assert result.table["sentiment"].tolist() == [-1.0, 0.0, 1.0, -1.0, -1.0, 0.4]
    assert result.table["sentiment_from"].tolist() == ["label"] * 6
    assert rejections(result) == [(7, "label", "sad", SENTIMENT_NOT_A_NUMBER)]


def test_rows_without_an_id_are_duplicates_only_when_every_mapped_field_repeats(tmp_path):
    late = "The box was late and the ice had melted"
    text = f"""date,source,comment,score
2026-11-03,app,{late},2
2026-11-03,web,{late},2
2026-11-03,app,{late},3
2026-11-04,app,{late},2
2026-11-03,app,{late},2
,,,4
,,,4
2026-11-03,app,Love it!,5
2026-11-03,app,Love it!,5
"""
    mapping = {"columns": {"timestamp": "date", "source": "source", "text": "comment",
                           "score": "score"}, "score_type": "rating"}
    result = ingest(write(tmp_path, "dups.csv", text), mapping)
    # another score the same day is another customer; a bare score, or "Love it!", may be
    # said by two customers alike
    assert rejections(result) == [
        (5, "all 4 mapped columns", "The box was late and the ice had melted (first in "
                                    "row 1)", DUPLICATE)]
    assert result.table["row"].tolist() == [1, 2, 3, 4, 6, 7, 8, 9]
    unchecked = ingest(write(tmp_path, "dups.csv", text), {**mapping, "duplicates": False})
    assert unchecked.report.rejected_count == 0


def test_dates_are_decided_per_source_inside_one_file(tmp_path):
    text = """source,date,comment
survey,03/04/2026,a
survey,25/04/2026,b
app,03/04/2026,c
app,04/25/2026,d
"""
    result = ingest(write(tmp_path, "mixed.csv", text),
                    {"columns": {"source": "source", "timestamp": "date", "text": "comment"}})
    assert result.table["timestamp"].dt.strftime("%Y-%m-%d").tolist() == [
        "2026-04-03", "2026-04-25", "2026-03-04", "2026-04-25"]
    dates = result.report.dates
    assert any("'survey' read day-first" in d for d in dates)
    assert any("'app' read month-first" in d for d in dates)


def test_an_undecidable_date_order_is_a_warning_in_the_report(tmp_path):
    text = "date,comment\n03/04/2026,a\n05/06/2026,b\n"
    report = ingest(write(tmp_path, "amb.csv", text)).report
    assert any("could be day-first or month-first" in w for w in report.warnings)
    assert "date_order: monthfirst" in report.to_text()


def test_xlsx_datetimes_and_excel_serial_numbers_become_timestamps(tmp_path):
    path = tmp_path / "survey.xlsx"
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["Submitted", "CSAT", "Comment"])
    sheet.append([dt.datetime(2026, 11, 3, 9, 30), 4, "Quick answer from support"])
    sheet.append([46330, 2, "Waited a week"])
    book.save(path)
    result = ingest(path)
    assert result.table["timestamp"].tolist() == [pd.Timestamp("2026-11-03 09:30"),
                                                  pd.Timestamp("2026-11-04")]
    assert result.table["score_type"].tolist() == ["csat", "csat"]
    assert result.report.sheet == "Sheet"


def test_the_report_as_text_dict_and_frame(tmp_path):
    text = "id,date,rating,comment\n1,2026-11-03,9,too high\n2,2026-11-03,4,fine\n" \
           "3,2026-11-03,0,too low\n4,someday,3,hmm\n"
    result = ingest(write(tmp_path, "r.csv", text),
                    {"columns": {"id": "id", "timestamp": "date", "score": "rating",
                                 "text": "comment"}, "score_type": "rating"})
    report = result.report
    out = report.to_text()
    assert out.index("Rows read:  4") < out.index("Rejected rows") < out.index(
        "Column mapping used")
    assert "Accepted:   1\nRejected:   3\nUntagged:   not tagged yet" in out
    assert ('score outside 1-5 for rating: 2 rows: row 1 (rating: "9"), row 3 (rating: "0")'
            in out)
    assert 'date not readable: 1 row: row 4 (date: "someday")' in out
    assert f"r.csv (CSV, {len(text)} bytes, UTF-8, delimiter comma (,))" in out
    assert yaml.safe_load(out.split("pass it with --mapping):\n", 1)[1]) == report.mapping

    data = json.loads(json.dumps(report.to_dict()))
    assert data["rows_read"] == 4 and data["accepted"] == 1 and data["rejected"] == 3
    assert data["rejections_by_reason"] == {"score outside 1-5 for rating": 2,
                                            "date not readable": 1}
    assert data["rejections"][0] == {"row": 1, "column": "rating", "value": "9",
                                     "reason": "score outside 1-5 for rating"}
    assert data["untagged"] is None and data["mapping"]["score_type"] == "rating"
    assert report.to_dict(max_rejections=1)["rejections"] == data["rejections"][:1]

    frame = report.rejections_frame()
    assert list(frame.columns) == ["row", "column", "value", "reason"]
    assert frame["row"].tolist() == [1, 3, 4]
    report.untagged = 7
    assert "Untagged:   7" in report.to_text() and report.to_dict()["untagged"] == 7


def test_a_guessed_mapping_is_flagged_with_what_was_and_was_not_found(tmp_path):
    report = ingest(write(tmp_path, "reviews.csv", REVIEWS)).report
    assert report.guessed["text"] == "column 'Review'"
    assert "segment" in report.not_found
    text = report.to_text()
    assert "The column mapping was guessed: id <- column 'Review ID'" in text
    assert "Not found: source, touchpoint, stage, segment, sentiment" not in text
    assert "Not found: source, touchpoint, stage, segment." in text
    assert any("guessed from the column names" in w for w in report.warnings)


def test_uploads_and_known_touchpoints(tmp_path):
    data = b"id,Courier,Website,comment\n1,4,5,ok\n2,,2,slow site\n"
    result = ingest(("upload.csv", data), touchpoints=["Courier", "Website"])
    assert result.report.mapping["wide"] == {"Courier": "Courier", "Website": "Website"}
    assert result.table["touchpoint"].astype("string").fillna("-").tolist() == [
        "Courier", "Website", "-", "Website", "-"]
    invariant(result)


def test_ingest_writes_nothing(tmp_path):
    path = write(tmp_path, "reviews.csv", REVIEWS)
    before = sorted(p.name for p in tmp_path.iterdir())
    ingest(path)
    ingest(path, MAPPING)
    assert sorted(p.name for p in tmp_path.iterdir()) == before


def test_a_file_read_once_can_be_ingested_with_several_mappings(tmp_path):
    raw = read_table(write(tmp_path, "reviews.csv", REVIEWS))
    before = raw.frame.copy()
    guessed = ingest_raw(raw)
    mapped = ingest_raw(raw, MAPPING)
    pd.testing.assert_frame_equal(raw.frame, before)
    assert guessed.report.guessed is not None and mapped.report.guessed is None
    assert mapped.table["source"].tolist() == ["review"] * 4
    with pytest.raises(MappingError):
        ingest_raw(raw, {"columns": {"text": "Nope"}})
