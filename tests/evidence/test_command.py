"""`cxwidgets evidence`: the validation report on stdout, refusals as one line on stderr."""

from __future__ import annotations

import json
import re
import subprocess
import sys

import pytest
import yaml

from cxwidgets import cli
from cxwidgets.evidence.command import DEFAULT_MAX_MB
from cxwidgets.evidence.readers import DEFAULT_MAX_BYTES

FEEDBACK = ("Review ID;Date;Stars;Review\n"
            "r1;03/11/2026;5;Lovely fresh box\n"
            "r2;25/11/2026;7;Stars out of range\n"
            "r3;04/11/2026;2;Late again\n"
            "r4;05/11/2026;4;On time\n"
            "r5;06/11/2026;1;Missing the chicken\n"
            "r6;07/11/2026;3;Fine\n")


@pytest.fixture
def main():
    return cli.main


@pytest.fixture
def export(tmp_path):
    path = tmp_path / "reviews.csv"
    path.write_text(FEEDBACK, encoding="utf-8")
    return path


def test_prints_the_report_and_exits_0_even_with_rejections(main, export, capsys):
    assert main(["evidence", str(export)]) == 0
    out, err = capsys.readouterr()
    assert err == ""
    assert "Feedback file: reviews.csv (CSV" in out
    assert "Rows read:  6\nAccepted:   5\nRejected:   1\nUntagged:   not tagged yet" in out
    assert 'score outside 1-5 for rating: 1 row: row 2 (Stars: "7")' in out
    assert "The column mapping was guessed" in out
    assert "text: Review" in out


def test_json_output(main, export, capsys):
    assert main(["evidence", str(export), "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert (data["rows_read"], data["accepted"], data["rejected"]) == (6, 5, 1)
    assert data["rejections"] == [{"row": 2, "column": "Stars", "value": "7",
                                   "reason": "score outside 1-5 for rating"}]
    assert data["mapping"]["columns"]["text"] == "Review" and data["untagged"] is None


def test_a_saved_mapping_is_used(main, export, tmp_path, capsys):
    mapping = tmp_path / "reviews.mapping.yaml"
    mapping.write_text(yaml.safe_dump({
        "columns": {"id": "Review ID", "timestamp": "Date", "score": "Stars",
                    "text": "Review"}, "constants": {"source": "review"},
        "score_type": "csat", "date_order": "dayfirst"}), encoding="utf-8")
    assert main(["evidence", str(export), "--mapping", str(mapping), "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["guessed"] is None
    assert data["mapping"]["constants"] == {"source": "review"}
    assert data["rejections_by_reason"] == {"score outside 1-5 for csat": 1}


@pytest.mark.parametrize(("content", "args", "expected"), [
    (b"", [], "cxwidgets evidence: reviews.csv is empty (0 bytes): there is nothing to read"),
    (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", [], "reviews.csv is a PNG image, not a CSV file"),
    (FEEDBACK.encode(), ["--max-mb", "0.0001"], "more than the limit of 104 bytes; split it"),
])
def test_an_unreadable_file_is_one_line_on_stderr_and_exit_2(main, export, capsys, content,
                                                              args, expected):
    export.write_bytes(content)
    assert main(["evidence", str(export), *args]) == 2
    out, err = capsys.readouterr()
    assert out == ""
    assert expected in err and err.count("\n") == 1 and "Traceback" not in err


def test_a_mapping_that_does_not_fit_is_one_line_on_stderr(main, export, tmp_path, capsys):
    mapping = tmp_path / "m.yaml"
    mapping.write_text("columns: {text: Comment}\n", encoding="utf-8")
    assert main(["evidence", str(export), "--mapping", str(mapping)]) == 2
    err = capsys.readouterr().err
    assert err.startswith("cxwidgets evidence: the column mapping names a column 'Comment' "
                          "that reviews.csv does not have; its columns are: 'Review ID'")
    assert err.count("\n") == 1


def test_a_missing_mapping_file_and_a_missing_export(main, export, tmp_path, capsys):
    assert main(["evidence", str(export), "--mapping", str(tmp_path / "none.yaml")]) == 2
    assert "cannot read the column mapping" in capsys.readouterr().err
    assert main(["evidence", str(tmp_path / "gone.csv")]) == 2
    assert "there is no such file" in capsys.readouterr().err


def test_xlsx_sheet_and_forced_format(main, tmp_path, capsys):
    import openpyxl

    path = tmp_path / "book.xlsx"
    book = openpyxl.Workbook()
    book.active.title = "Cover"
    sheet = book.create_sheet("Reviews")
    sheet.append(["Rating", "Comment"])
    sheet.append([4, "Fine"])
    book.save(path)
    assert main(["evidence", str(path), "--sheet", "Reviews"]) == 0
    assert "sheet 'Reviews'" in capsys.readouterr().out
    assert main(["evidence", str(path), "--sheet", "Nope"]) == 2
    assert "no sheet 'Nope'; its sheets are Cover, Reviews" in capsys.readouterr().err
    jsonl = tmp_path / "posts.log"
    jsonl.write_text('{"text": "a"}\n{"text": "b"}\n', encoding="utf-8")
    assert main(["evidence", str(jsonl), "--format", "jsonl", "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["accepted"] == 2


def test_the_command_limit_is_the_library_limit_and_the_parser_stays_light():
    assert DEFAULT_MAX_MB * 1024**2 == DEFAULT_MAX_BYTES
    code = ("import sys, cxwidgets.evidence.command; "
            "print('pandas' in sys.modules, 'pyarrow' in sys.modules)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         check=True).stdout
    assert out.split() == ["False", "False"]


def test_untagged_rows_are_counted_with_the_tagging_rules_beside_the_file(main, export,
                                                                          capsys):
    assert main(["evidence", str(export)]) == 0
    assert "Untagged:   not tagged yet" in capsys.readouterr().out
    (export.parent / "tagging.yaml").write_text(
        "rules:\n  - {keywords: [fresh], touchpoint: Ingredients and freshness}\n")
    assert main(["evidence", str(export), "--json"]) == 0
    report = json.loads(capsys.readouterr().out)
    assert report["untagged"] == 4  # only r1 is about freshness; r2 was rejected
    bad = export.parent / "bad.yaml"
    bad.write_text("rules:\n  - {regex: 'late(', touchpoint: X}\n")
    assert main(["evidence", str(export), "--tagging", str(bad)]) == 2
    assert "invalid regex" in capsys.readouterr().err


def test_the_encoding_can_be_given_and_the_report_names_it(main, tmp_path, capsys):
    path = tmp_path / "avis.csv"
    path.write_bytes(FEEDBACK.replace("Fine", "Très bien, merci").encode("cp850"))
    assert main(["evidence", str(path), "--encoding", "cp850"]) == 0
    out = capsys.readouterr().out
    assert out.splitlines()[0].startswith("Feedback file: avis.csv (CSV, ")
    assert "DOS Latin-1 (code page 850)" in out.splitlines()[0]
    assert main(["evidence", str(path), "--encoding", "utf-8"]) == 2
    err = capsys.readouterr().err
    assert "avis.csv is not UTF-8 text: it fails at byte" in err and "line 7" in err


def test_the_command_reports_the_sentiment_as_the_full_reading_does(main, tmp_path, capsys,
                                                                    generator):
    """The command prints only the report, so the text model reads only the rows the
    report checks it on; the report must say the same as after reading every row."""
    from cxwidgets.evidence.ingest import ingest
    from cxwidgets.evidence.pipeline import prepare

    paths = generator.write_all(tmp_path)
    for name in ("airline_tweets", "consumer_complaints", "product_reviews"):
        assert main(["evidence", str(paths[name]), "--json"]) == 0
        printed = json.loads(capsys.readouterr().out)
        full = prepare(ingest(paths[name]), None).report
        assert printed["sentiment"] == json.loads(json.dumps(full.sentiment)), name
        assert printed["doubts"] == full.doubts, name


def test_a_file_with_every_row_rejected_exits_non_zero_and_says_why(main, tmp_path, capsys):
    """It used to exit 0 with 100% of its rows rejected and "Column mapping used: {}"."""
    broken = tmp_path / "broken.csv"
    broken.write_text('a,b\n"x,1\n', encoding="utf-8")
    assert main(["evidence", str(broken)]) == 2
    out, err = capsys.readouterr()
    assert "Rejected:   1" in out and "opens a quote that runs to the end of the file" in out
    assert "{}" not in out and "Column mapping used: none, no column was recognised" in out
    assert err == ("cxwidgets evidence: nothing in broken.csv can be used: its only row was "
                   "rejected (the report says why); no column was recognised: write a column "
                   "mapping and pass it with --mapping\n")
    header_only = tmp_path / "header.csv"
    header_only.write_text("Rating,Comment\n", encoding="utf-8")
    assert main(["evidence", str(header_only), "--json"]) == 2
    out, err = capsys.readouterr()
    assert json.loads(out)["rows_read"] == 0
    assert "nothing in header.csv can be used: it has no rows under its header" in err


def test_each_count_says_what_it_counts(main, tmp_path, capsys):
    """A survey row with a score per touchpoint becomes several answers: the report used
    to print "Accepted 5,927" beside "Untagged 21,144" as if both counted rows."""
    survey = tmp_path / "survey.csv"
    rows = ["Response,Q1 Delivery (1-5),Q2 Recipes (1-5),Q3 App (1-5)"]
    rows += [f"r{k},{k % 5 + 1},{(k + 1) % 5 + 1},{(k + 2) % 5 + 1}" for k in range(10)]
    survey.write_text("\n".join(rows) + "\n", encoding="utf-8")
    (tmp_path / "tagging.yaml").write_text(
        "stages:\n  Delivery: Receive\n  Recipes: Cook\n", encoding="utf-8")
    assert main(["evidence", str(survey)]) == 0
    out = capsys.readouterr().out
    assert "Accepted:   10\n" in out
    assert "Answers:    30 (the accepted rows' scores, one per touchpoint question" in out
    assert re.search(r"Untagged:   \d+ of 30 answers \(no touchpoint found\)", out), out
