"""Dates: every accepted form, the day/month order decided per file or per source, aloud."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from cxwidgets.evidence.dates import NO_SUCH_DATE, UNREADABLE, parse_dates


def texts(*values: str | None) -> pd.Series:
    return pd.Series(list(values), dtype="string[pyarrow]")


def stamps(*values: str | None) -> list:
    return [pd.NaT if v is None else pd.Timestamp(v) for v in values]


def reasons(parsed) -> list:
    return [None if pd.isna(r) else r for r in parsed.reasons]


@pytest.mark.parametrize(("text", "expected"), [
    ("2026-11-03", "2026-11-03"),
    ("2026-11-03T14:05:00+01:00", "2026-11-03 14:05"),
    ("2026-11-03T14:05:09.250Z", "2026-11-03 14:05:09.250"),
    ("2026-11-03 00:00:00", "2026-11-03"),
    ("2026/11/03", "2026-11-03"),
    ("3 Nov 2026", "2026-11-03"),
    ("03-Nov-26", "2026-11-03"),
    ("November 3rd, 2026", "2026-11-03"),
    ("Tue, 03 Nov 2026 14:05:00 +0000", "2026-11-03 14:05"),
    ("46329", "2026-11-03"),
    ("46329.5", "2026-11-03 12:00"),
    ("  2026-11-03  ", "2026-11-03"),
])
def test_forms_that_need_no_day_month_decision(text, expected):
    parsed = parse_dates(texts(text))
    assert parsed.values.tolist() == stamps(expected)
    assert reasons(parsed) == [None] and parsed.warnings == []
    assert all(d.order is None for d in parsed.decisions)


def test_a_day_first_file_is_decided_by_its_unambiguous_dates():
    parsed = parse_dates(texts("03/11/2026", "25/11/2026", "3.11.26", "04/11/2026 14:05", None))
    assert parsed.values.tolist() == stamps("2026-11-03", "2026-11-25", "2026-11-03",
                                            "2026-11-04 14:05", None)
    (decision,) = parsed.decisions
    assert (decision.order, decision.basis, decision.deciding, decision.ambiguous) == (
        "dayfirst", "values", 1, 3)
    assert "read day-first, decided by 1 value" in decision.describe()
    assert parsed.warnings == [] and reasons(parsed) == [None] * 5


def test_a_month_first_file_with_am_pm_times():
    parsed = parse_dates(texts("11/03/2026 2:05 PM", "11/25/2026", "1/2/2026 12:30 am"))
    assert parsed.values.tolist() == stamps("2026-11-03 14:05", "2026-11-25",
                                            "2026-01-02 00:30")
    assert parsed.decisions[0].order == "monthfirst"


def test_an_undecidable_file_is_read_day_first_with_a_warning_and_the_fix():
    parsed = parse_dates(texts("03/04/2026", "05/06/2026", "05/06/2026", "07/07/2026"))
    assert parsed.values.tolist() == stamps("2026-04-03", "2026-06-05", "2026-06-05",
                                            "2026-07-07")
    (warning,) = parsed.warnings
    assert "3 date(s) could be day-first or month-first" in warning
    assert "e.g. 03/04/2026, 05/06/2026" in warning
    assert "date_order: monthfirst" in warning
    assert parsed.decisions[0].basis == "default"


def test_each_source_keeps_its_own_order():
    dates = texts("03/04/2026", "25/04/2026", "03/04/2026", "04/25/2026", "03/04/2026")
    source = pd.Series(["survey", "survey", "app", "app", "shop"])
    parsed = parse_dates(dates, groups=source)
    assert parsed.values.tolist() == stamps("2026-04-03", "2026-04-25", "2026-03-04",
                                            "2026-04-25", "2026-04-03")
    by_group = {d.group: (d.order, d.basis) for d in parsed.decisions}
    # the shop has no deciding date: it follows the file, where the tie goes day-first
    assert by_group == {"survey": ("dayfirst", "values"), "app": ("monthfirst", "values"),
                        "shop": ("dayfirst", "file")}
    assert parsed.warnings == []


def test_a_group_without_deciding_dates_follows_the_whole_file():
    dates = texts("11/25/2026", "12/30/2026", "03/04/2026")
    parsed = parse_dates(dates, groups=pd.Series(["web", "web", "phone"]))
    assert parsed.values.tolist()[2] == pd.Timestamp("2026-03-04")
    assert {d.group: d.basis for d in parsed.decisions} == {"web": "values", "phone": "file"}


def test_dates_that_contradict_the_decided_order_are_rejected_and_counted():
    parsed = parse_dates(texts("25/11/2026", "26/11/2026", "11/27/2026"))
    assert parsed.values.tolist()[2] is pd.NaT
    assert reasons(parsed) == [None, None,
                               "date is month-first but the file's dates are day-first"]
    (warning,) = parsed.warnings
    assert "1 date(s) can only be read month-first" in warning


def test_an_order_set_by_the_mapping_is_obeyed_and_contradictions_name_it():
    parsed = parse_dates(texts("03/04/2026", "25/04/2026"), order="monthfirst")
    assert parsed.values.tolist() == stamps("2026-03-04", None)
    assert reasons(parsed) == [None, "date is day-first but the mapping says month-first"]
    assert parsed.decisions[0].basis == "mapping" and parsed.warnings == []


def test_unreadable_and_impossible_dates_get_reasons():
    parsed = parse_dates(texts("yesterday", "31/02/2026", "2026-13-01", "2026-11-03 25:00",
                               "12345", "", None))
    assert parsed.values.isna().all()
    assert reasons(parsed) == [UNREADABLE, NO_SUCH_DATE, NO_SUCH_DATE, NO_SUCH_DATE,
                               UNREADABLE, UNREADABLE, None]


def test_leap_days_and_two_digit_years():
    parsed = parse_dates(texts("29/02/2024", "29/02/2025", "31.12.99", "1.1.00"))
    assert parsed.values.tolist() == stamps("2024-02-29", None, "1999-12-31", "2000-01-01")


def test_an_empty_column():
    parsed = parse_dates(texts(None, None))
    assert parsed.values.isna().all() and parsed.decisions == [] and reasons(parsed) == [None] * 2


def test_a_million_distinct_values_are_parsed_vectorised():
    n = 1_000_000
    when = pd.date_range("2025-01-01", periods=n, freq="37s")
    text = pd.Series(np.asarray(when.strftime("%d/%m/%Y %H:%M:%S")), dtype="string[pyarrow]")
    parsed = parse_dates(text)
    assert (parsed.values.to_numpy() == when.to_numpy()).all()
    assert parsed.decisions[0].order == "dayfirst"


#: ISO 8601 as exports write it: with Z, any offset, a zone name in brackets, the basic
#: form; and the date form of Twitter's API.
ISO = [
    ("2026-04-15T10:57:00Z", "2026-04-15 10:57:00"),
    ("2026-04-15T10:57Z", "2026-04-15 10:57:00"),
    ("2026-04-15T10:57:00.123456Z", "2026-04-15 10:57:00.123456"),
    ("2026-04-15T10:57:00+02:00", "2026-04-15 10:57:00"),
    ("2026-04-15T10:57:00-0700", "2026-04-15 10:57:00"),
    ("2026-04-15T10:57:00.000-07:00", "2026-04-15 10:57:00"),
    ("2026-04-15T10:57:00+02", "2026-04-15 10:57:00"),
    ("2026-04-15T10:57:00Z[UTC]", "2026-04-15 10:57:00"),
    ("2026-04-15T10:57:00+02:00[Europe/Paris]", "2026-04-15 10:57:00"),
    ("20260415T105700Z", "2026-04-15 10:57:00"),
    ("2026-04-15 10:57:00 UTC", "2026-04-15 10:57:00"),
    ("Wed Apr 15 10:57:00 +0000 2026", "2026-04-15 10:57:00"),
]


@pytest.mark.parametrize(("text", "expected"), ISO)
def test_iso_times_with_zones_read_as_dates(text, expected):
    parsed = parse_dates(texts(text))
    assert parsed.values.tolist() == stamps(expected)
    assert reasons(parsed) == [None]


def test_a_column_of_iso_times_is_never_the_text():
    """The comments repeat a few canned answers; the longest column left is one of ISO
    times. A date is never the customer's words, nor is a code."""
    from cxwidgets.evidence.ingest import ingest

    rows = 200
    frame = pd.DataFrame({
        "Review Id": [f"{k * 7919:024x}" for k in range(rows)],
        "Review Created (UTC)": [f"2026-0{k % 9 + 1}-1{k % 10}T10:{k % 60:02d}:00Z"
                                 for k in range(rows)],
        "Review Consumer User Id": [f"{k * 104729:024x}" for k in range(rows)],
        "Review": [["Great", "Bad", "OK"][k % 3] for k in range(rows)],
        "Review Stars": [str(k % 5 + 1) for k in range(rows)]})
    report = ingest(("reviews.csv", frame.to_csv(index=False).encode())).report
    columns = report.mapping["columns"]
    assert columns.get("text") not in ("Review Created (UTC)", "Review Consumer User Id")
    assert "Review Created (UTC)" not in report.mapping.get("text_parts", [])
    assert columns["timestamp"] == "Review Created (UTC)"
    decided = next(d for d in report.decisions if d.startswith("text:"))
    assert "not 'Review Created (UTC)' (dates, not words: 100% of its values read as " \
           "dates)" in decided


def test_the_time_of_a_reply_is_not_the_time_of_the_feedback():
    from cxwidgets.evidence.ingest import ingest

    frame = pd.DataFrame({
        "Company Reply Date (UTC)": ["2026-05-02T09:00:00Z", "", "2026-05-04T12:00:00Z"] * 20,
        "Review Created (UTC)": [f"2026-05-0{k % 9 + 1}T08:00:00Z" for k in range(60)],
        "Review Stars": [str(k % 5 + 1) for k in range(60)],
        "Review Content": [f"Review {k}: the parcel came {['late', 'early'][k % 2]}"
                           for k in range(60)]})
    report = ingest(("replies.csv", frame.to_csv(index=False).encode())).report
    assert report.mapping["columns"]["timestamp"] == "Review Created (UTC)"
