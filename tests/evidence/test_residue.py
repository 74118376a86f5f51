"""Spreadsheet residue: error values, 'N/A'-like markers and spaces are missing everywhere,
counted in the report, and a missing id never makes rows duplicates of each other."""

from __future__ import annotations

import pandas as pd
import pytest

from cxwidgets.evidence.cells import clean_text, residue
from cxwidgets.evidence.ingest import ingest
from cxwidgets.evidence.readers import SPREADSHEET_ERRORS


def export(tmp_path, rows: int = 120) -> tuple:
    """Restaurant reviews that went through Excel: ids that began with '-' became
    '#NAME?', a few scores '#N/A', dates '#VALUE!', a category '-' or spaces."""
    frame = pd.DataFrame({
        "review_id": [f"-{k:05d}xq" if k % 7 == 0 else f"r{k}" for k in range(rows)],
        "date": [f"2026-03-{k % 28 + 1:02d}" for k in range(rows)],
        "stars": [str(k % 5 + 1) for k in range(rows)],
        "cuisine": [["Thai", "Pizza", "Sushi"][k % 3] for k in range(rows)],
        "review": [f"Review number {k}: the food was {'great' if k % 2 else 'cold'} "
                   f"and the room was {'quiet' if k % 3 else 'loud'}." for k in range(rows)]})
    excel = frame.copy()
    excel.loc[excel["review_id"].str.startswith("-"), "review_id"] = "#NAME?"
    excel.loc[[3, 9], "stars"] = "#N/A"
    excel.loc[[4], "date"] = "#VALUE!"
    excel.loc[[5], "cuisine"] = "-"
    excel.loc[[6], "cuisine"] = "   "
    excel.loc[[8], "review"] = "#REF!"
    path = tmp_path / "restaurant_reviews.csv"
    excel.to_csv(path, index=False)
    return path, frame, excel


def test_error_values_are_missing_and_never_make_duplicates(tmp_path):
    path, frame, excel = export(tmp_path)
    names = int((excel["review_id"] == "#NAME?").sum())
    assert names == 18
    result = ingest(path, {"columns": {"id": "review_id", "timestamp": "date",
                                        "score": "stars", "product": "cuisine",
                                        "text": "review"}, "score_type": "rating"})
    report = result.report
    assert report.rejected_count == 0 and report.accepted == len(frame)
    table = result.table
    assert int(table["id"].isna().sum()) == names
    assert table["score"].isna().sum() == 2 and table["timestamp"].isna().sum() == 1
    assert table["product"].isna().sum() == 2 and table["text"].isna().sum() == 1
    assert report.missing == {"review_id": {"#NAME?": names}, "date": {"#VALUE!": 1},
                              "stars": {"#N/A": 2}, "cuisine": {"(spaces)": 1, "-": 1},
                              "review": {"#REF!": 1}}
    text = report.to_text()
    assert "Read as missing" in text and f"review_id: '#NAME?' {names}" in text


def test_the_guess_is_not_misled_by_error_values_in_ids(tmp_path):
    path, frame, _ = export(tmp_path)
    result = ingest(path)
    assert result.report.mapping["columns"]["id"] == "review_id"
    assert result.report.accepted == len(frame) and result.report.rejected_count == 0


@pytest.mark.parametrize("value", [*SPREADSHEET_ERRORS, "N/A", "null", "NULL", "-", "  ",
                                   "\u00a0"])
def test_every_marker_is_missing(value):
    cells = pd.Series(["ok", value, "fine"], dtype="string[pyarrow]")
    assert clean_text(cells).isna().tolist() == [False, True, False]
    assert sum(residue(cells).values()) == 1


def test_a_customers_none_is_words_but_an_error_value_is_not():
    cells = pd.Series(["None", "#NAME?", "Nothing to add"], dtype="string[pyarrow]")
    assert clean_text(cells, markers=False).isna().tolist() == [False, True, False]
