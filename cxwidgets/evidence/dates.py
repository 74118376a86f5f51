"""dates: a text column of dates in, timestamps out, with the day/month order decided aloud.

Reads ISO dates (2026-11-03, with or without a time and a zone: Z, +02, +02:00, a zone
name in brackets; also ISO's basic 20261103T140500Z), numeric day-first and
month-first dates (03/11/2026, 3.11.26, 11/03/2026 2:05 PM), dates with English month
names (3 Nov 2026, Nov 3, 2026, Tue, 03 Nov 2026 14:05:00 +0000, and Tue Nov 03
14:05:00 +0000 2026 as Twitter writes it), spreadsheet datetimes
as pandas writes them (2026-11-03 00:00:00) and Excel serial day numbers (46329).
Times are kept as written; a zone suffix is read but not applied (the wall-clock time the
customer saw is kept).

Vectorised: each distinct value is parsed once with pyarrow regular expressions, and the
results are spread back over the rows with numpy. With order "auto", whether 03/04/2026 is
3 April or 4 March is decided per file, or per group (e.g. per source) when groups are
given, from the values that can only be read one way (a first part over 12 means
day-first). When nothing decides it, ambiguous values are read day-first and a warning
says so and how to fix it. A value that cannot be read, or that only fits the other order,
gets NaT and a reason. Pure: no files, no state.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

Order = Literal["auto", "dayfirst", "monthfirst"]

#: Reasons a date is rejected; one of these, or an order conflict (`order_conflict`).
UNREADABLE = "date not readable"
NO_SUCH_DATE = "no such date"

_WORDS = {"dayfirst": "day-first", "monthfirst": "month-first"}
_OTHER = {"dayfirst": "monthfirst", "monthfirst": "dayfirst"}
_MONTHS = pa.array(["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct",
                    "nov", "dec"])
#: Excel serial day numbers accepted as dates (1954 to 2119), counted from 1899-12-30.
SERIAL_RANGE = (20000, 80000)
_EXCEL_EPOCH = np.datetime64("1899-12-30", "ns")

#: A zone after a time: Z, UTC, an offset (+02, +0200, +02:00), a zone name in brackets as
#: Java writes it ("Z[UTC]", "+01:00[Europe/Paris]").
_ZONE = r"\s*(?:Z|UTC|GMT|[+-]\d{2}(?::?\d{2})?)?(?:\[[\w/+-]+\])?\s*$"
_TIME = (r"(?:(?:[T ]|,? )\s*(?P<H>\d{1,2}):(?P<M>\d{2})(?::(?P<S>\d{2}(?:[.,]\d+)?))?"
         r"\s*(?P<ampm>[AaPp]\.?[Mm]\.?)?)?" + _ZONE)
_WEEKDAY = r"(?:[A-Za-z]{3,9},?\s+)?"
_PATTERNS = {
    "iso": r"^\s*(?P<y>\d{4})[-/.](?P<p>\d{1,2})[-/.](?P<q>\d{1,2})" + _TIME,
    "num": r"^\s*(?P<p>\d{1,2})[-/.](?P<q>\d{1,2})[-/.](?P<y>\d{4}|\d{2})" + _TIME,
    "dmy": (r"^\s*" + _WEEKDAY + r"(?P<q>\d{1,2})(?:st|nd|rd|th)?[ -]+(?P<mon>[A-Za-z]{3,9})"
            r"\.?[ -]+(?P<y>\d{4}|\d{2})" + _TIME),
    "mdy": (r"^\s*" + _WEEKDAY + r"(?P<mon>[A-Za-z]{3,9})\.?\s+(?P<q>\d{1,2})"
            r"(?:st|nd|rd|th)?,?\s+(?P<y>\d{4})" + _TIME),
    # ISO 8601's basic form: 20260415T105700Z
    "basic": (r"^\s*(?P<y>\d{4})(?P<p>\d{2})(?P<q>\d{2})T(?P<H>\d{2})(?P<M>\d{2})"
              r"(?P<S>\d{2}(?:[.,]\d+)?)?(?P<ampm>)" + _ZONE),
    # as C's ctime and Twitter's API write it: Wed Apr 15 10:57:00 +0000 2026
    "ctime": (r"^\s*[A-Za-z]{3},?\s+(?P<mon>[A-Za-z]{3,9})\s+(?P<q>\d{1,2})\s+"
              r"(?P<H>\d{1,2}):(?P<M>\d{2})(?::(?P<S>\d{2}))?(?P<ampm>)\s*"
              r"(?:[+-]\d{4}|UTC|GMT|[A-Z]{3,4})?\s+(?P<y>\d{4})\s*$"),
    "serial": r"^\s*(?P<days>\d{5}(?:\.\d+)?)\s*$",
}


def order_conflict(found: str, expected: str, by_mapping: bool) -> str:
    """The reason given to a date that can only be read in the order not chosen."""
    if by_mapping:
        return f"date is {_WORDS[found]} but the mapping says {_WORDS[expected]}"
    return f"date is {_WORDS[found]} but the file's dates are {_WORDS[expected]}"


@dataclass(frozen=True)
class DateDecision:
    """How ambiguous numeric dates were read, for the whole file or one group of rows."""

    group: str | None
    order: str | None          # "dayfirst", "monthfirst", or None when no value needed one
    basis: str                 # "mapping", "values", "file" (the whole file's) or "default"
    deciding: int              # values that can only be read in `order`
    ambiguous: int             # values that read both ways, e.g. 03/04/2026
    contradicting: int         # values that can only be read the other way (rejected)
    examples: tuple[str, ...] = ()

    def describe(self) -> str:
        where = f"dates from {self.group!r}" if self.group is not None else "dates"
        if self.order is None:
            return f"{where.capitalize()}: no day/month order needed (ISO or unambiguous)."
        how = {
            "mapping": "as the mapping says",
            "values": f"decided by {self.deciding} value(s) that can only be read that way",
            "file": "as the rest of the file (nothing in this group decides it)",
            "default": "by default: nothing in the file decides it",
        }[self.basis]
        return (f"{where.capitalize()} read {_WORDS[self.order]}, {how}; "
                f"{self.ambiguous} ambiguous value(s).")

    @property
    def warning(self) -> str | None:
        """What the user must check, or None when the decision is safe."""
        where = f" from {self.group!r}" if self.group is not None else ""
        if self.basis == "default" and self.ambiguous:
            shown = ", ".join(self.examples)
            return (f"{self.ambiguous} date(s){where} could be day-first or month-first "
                    f"(e.g. {shown}) and nothing in the file decides it: they were read "
                    "day-first. If they are month-first, set `date_order: monthfirst` in "
                    "the column mapping.")
        if self.contradicting and self.basis != "mapping":
            other = _WORDS[_OTHER[self.order or "dayfirst"]]
            return (f"{self.contradicting} date(s){where} can only be read {other}, unlike "
                    f"the other {self.deciding} that decided {_WORDS[self.order or 'dayfirst']}"
                    f": those rows were rejected. If the file mixes orders, split it or set "
                    "`date_order` in the column mapping.")
        return None


@dataclass(frozen=True)
class ParsedDates:
    """Timestamps for a column of date text, with a reason wherever a value was rejected."""

    values: pd.Series            # datetime64[ns]; NaT where empty or rejected
    reasons: pd.Series           # categorical; NaN where the value is fine or empty
    decisions: list[DateDecision]

    @property
    def warnings(self) -> list[str]:
        return [d.warning for d in self.decisions if d.warning]


def parse_dates(text: pd.Series, order: Order = "auto",
                groups: pd.Series | None = None) -> ParsedDates:
    """Parse a column of date text; decide day/month order per file, or per group.

    `groups` (same index as `text`), e.g. the source of each row, lets each source keep its
    own order; a group with no deciding value follows the whole file.
    """
    codes, uniques = pd.factorize(text, use_na_sentinel=True)
    parsed = _parse_unique(pd.Series(uniques, dtype="string[pyarrow]"))
    rows = {k: _take(v, codes) for k, v in parsed.items()}
    group_codes, group_names = _groups(groups, len(text))
    dayfirst, decisions = _decide(rows, group_codes, group_names, order, uniques, codes)
    values = np.where(dayfirst, rows["as_dayfirst"], rows["as_monthfirst"])
    reasons = _reasons(rows, codes >= 0, dayfirst, values, order != "auto")
    return ParsedDates(values=pd.Series(values, index=text.index, dtype="datetime64[ns]"),
                       reasons=pd.Series(reasons, index=text.index),
                       decisions=decisions)


def _take(values: np.ndarray, codes: np.ndarray) -> np.ndarray:
    """values[codes], with the missing-value fill where a code is -1."""
    fill = np.datetime64("NaT", "ns") if values.dtype.kind == "M" else 0
    if values.size == 0:
        return np.full(codes.shape, fill, dtype=values.dtype)
    out: np.ndarray = values[np.clip(codes, 0, None)]
    out[codes < 0] = fill
    return out


def _groups(groups: pd.Series | None, n: int) -> tuple[np.ndarray, list[str | None]]:
    if groups is None:
        return np.zeros(n, dtype="int64"), [None]
    codes, names = pd.factorize(groups, use_na_sentinel=False)
    return codes.astype("int64"), [None if pd.isna(v) else str(v) for v in names]


# -- parsing distinct values ---------------------------------------------------------------


def _field(match: pa.StructArray, name: str) -> np.ndarray:
    """One captured group as floats; NaN where the pattern or the group did not match."""
    part = pc.struct_field(match, name)
    part = pc.if_else(pc.equal(part, ""), pa.scalar(None, pa.string()), part)
    part = pc.if_else(match.is_valid(), part, pa.scalar(None, pa.string()))
    if name in ("S", "days"):
        part = pc.replace_substring(part, ",", ".")
    floats: np.ndarray
    if name == "mon":
        index = pc.index_in(pc.utf8_slice_codeunits(pc.utf8_lower(part), 0, 3), _MONTHS)
        floats = pc.add(index, 1).to_numpy(zero_copy_only=False).astype("float64")
    elif name == "ampm":
        pm = pc.starts_with(pc.utf8_lower(part), "p")
        floats = pc.if_else(pm, 12.0, 0.0).to_numpy(zero_copy_only=False).astype("float64")
    else:
        floats = pc.cast(part, pa.float64()).to_numpy(zero_copy_only=False)
    return floats


def _parse_unique(values: pd.Series) -> dict[str, np.ndarray]:
    """Per distinct value: both readings (day-first, month-first) and what decides them.

    Each pattern is tried only on the values no earlier pattern matched.
    """
    arr = pa.array(values.array)
    n = len(values)
    y, p, q, secs = (np.full(n, np.nan) for _ in range(4))
    numeric = np.zeros(n, dtype=bool)
    serial = np.full(n, np.datetime64("NaT", "ns"))
    todo = np.arange(n)
    for kind, pattern in _PATTERNS.items():
        if not todo.size:
            break
        match = pc.extract_regex(arr.take(todo), pattern)
        hit = match.is_valid().to_numpy(zero_copy_only=False)
        at = todo[hit]
        todo = todo[~hit]
        if kind == "serial":
            serial[at] = _serial(_field(match, "days")[hit])
            continue
        year = _field(match, "y")[hit]
        y[at] = np.where(year < 100, np.where(year < 69, 2000, 1900) + year, year)
        p[at] = (_field(match, "mon") if kind in ("dmy", "mdy", "ctime")
                 else _field(match, "p"))[hit]
        q[at] = _field(match, "q")[hit]
        secs[at] = _seconds(match)[hit]
        numeric[at] = kind == "num"
    as_dayfirst = _when(y, np.where(numeric, q, p), np.where(numeric, p, q), secs)
    as_monthfirst = _when(y, p, q, secs)
    as_dayfirst = np.where(np.isnat(serial), as_dayfirst, serial)
    as_monthfirst = np.where(np.isnat(serial), as_monthfirst, serial)
    return {
        "readable": ~np.isnan(y) | ~np.isnat(serial),
        "numeric": numeric,
        "only_dayfirst": numeric & (p > 12) & (q <= 12),
        "only_monthfirst": numeric & (q > 12) & (p <= 12),
        "ambiguous": numeric & (p <= 12) & (q <= 12) & (p != q),
        "as_dayfirst": as_dayfirst,
        "as_monthfirst": as_monthfirst,
    }


def _seconds(match: pa.StructArray) -> np.ndarray:
    """Seconds since midnight; 0 without a time, NaN for an impossible time."""
    hour, minute, second = (np.nan_to_num(_field(match, k)) for k in ("H", "M", "S"))
    ampm = _field(match, "ampm")
    has_ampm = ~np.isnan(ampm) & ~np.isnan(_field(match, "H"))
    bad = (hour > 23) | (minute > 59) | (second >= 61) | (has_ampm & ((hour < 1) | (hour > 12)))
    hour = np.where(has_ampm, hour % 12 + np.nan_to_num(ampm), hour)
    return np.where(bad, np.nan, hour * 3600 + minute * 60 + second)


def _serial(days: np.ndarray) -> np.ndarray:
    low, high = SERIAL_RANGE
    ok = (days >= low) & (days <= high)
    offset = (np.where(ok, days, 0) * 86400 * 1e9).round().astype("int64")
    return np.where(ok, _EXCEL_EPOCH + offset.astype("timedelta64[ns]"),
                    np.datetime64("NaT", "ns"))


def _when(year: np.ndarray, month: np.ndarray, day: np.ndarray, secs: np.ndarray) -> np.ndarray:
    """Timestamps from float parts; NaT where a part is missing or the date does not exist."""
    ok = ~(np.isnan(year) | np.isnan(month) | np.isnan(day) | np.isnan(secs))
    ok &= (month >= 1) & (month <= 12) & (day >= 1)
    months = np.where(ok, (year - 1970) * 12 + month - 1, 0).astype("int64")
    start = months.astype("datetime64[M]").astype("datetime64[D]")
    length = ((months + 1).astype("datetime64[M]").astype("datetime64[D]") - start).astype(int)
    ok &= day <= length
    days = start + np.where(ok, day - 1, 0).astype("int64").astype("timedelta64[D]")
    stamp = days.astype("datetime64[ns]") + (np.where(ok, secs, 0) * 1e9).round().astype(
        "int64").astype("timedelta64[ns]")
    return np.where(ok, stamp, np.datetime64("NaT", "ns"))


# -- deciding the order --------------------------------------------------------------------


def _decide(rows: dict[str, np.ndarray], group_codes: np.ndarray, names: list[str | None],
            order: Order, uniques: np.ndarray, codes: np.ndarray,
            ) -> tuple[np.ndarray, list[DateDecision]]:
    """Whether each row is read day-first, and one decision per group that has dates."""
    n = len(names)
    present = np.flatnonzero(np.bincount(group_codes, minlength=n))
    counts = pd.DataFrame({
        k: np.bincount(group_codes, weights=rows[v], minlength=n).astype("int64")
        for k, v in (("day", "only_dayfirst"), ("month", "only_monthfirst"),
                     ("amb", "ambiguous"), ("num", "numeric"))}).loc[present]
    file_order = _majority(counts["day"].sum(), counts["month"].sum())
    chosen: dict[int, str] = {}
    examples = _examples(uniques, codes, group_codes, rows["ambiguous"])
    decisions: list[DateDecision] = []
    for g, c in counts.iterrows():
        basis, group_order = _group_order(order, c["day"], c["month"], file_order)
        chosen[int(g)] = group_order
        if not c["num"] and order == "auto":
            continue
        agree, other = ("day", "month") if group_order == "dayfirst" else ("month", "day")
        decisions.append(DateDecision(
            group=names[int(g)], order=group_order if c["num"] else None, basis=basis,
            deciding=int(c[agree]), ambiguous=int(c["amb"]), contradicting=int(c[other]),
            examples=examples.get(int(g), ())))
    lookup = np.array([chosen.get(i, "dayfirst") == "dayfirst" for i in range(len(names))])
    return lookup[group_codes] if len(group_codes) else np.array([], dtype=bool), decisions



def _majority(day: int, month: int) -> str | None:
    if day == month:
        return "dayfirst" if day else None
    return "dayfirst" if day > month else "monthfirst"


def _group_order(order: Order, day: int, month: int, file_order: str | None) -> tuple[str, str]:
    if order != "auto":
        return "mapping", order
    mine = _majority(day, month)
    if mine:
        return "values", mine
    if file_order:
        return "file", file_order
    return "default", "dayfirst"


def _examples(uniques: np.ndarray, codes: np.ndarray, group_codes: np.ndarray,
              ambiguous: np.ndarray, limit: int = 3) -> dict[int, tuple[str, ...]]:
    """A few distinct ambiguous values per group, in file order."""
    found = pd.DataFrame({"g": group_codes[ambiguous], "c": codes[ambiguous]})
    found = found.drop_duplicates().groupby("g").head(limit)
    return {int(g): tuple(str(uniques[c]) for c in part["c"])
            for g, part in found.groupby("g")}


def _reasons(rows: dict[str, np.ndarray], present: np.ndarray, dayfirst: np.ndarray,
             values: np.ndarray, by_mapping: bool) -> pd.Categorical:
    """Why each present value was rejected (NaN where it is fine), as a categorical."""
    categories = [UNREADABLE, NO_SUCH_DATE, order_conflict("monthfirst", "dayfirst", by_mapping),
                  order_conflict("dayfirst", "monthfirst", by_mapping)]
    codes = np.full(len(present), -1, dtype="int8")
    codes[np.isnat(values)] = 1
    codes[dayfirst & rows["only_monthfirst"]] = 2
    codes[~dayfirst & rows["only_dayfirst"]] = 3
    codes[~rows["readable"]] = 0
    codes[~present] = -1
    return pd.Categorical.from_codes(codes, categories=categories)
