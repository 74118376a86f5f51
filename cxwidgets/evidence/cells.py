"""cells: text cells of an export turned into clean values, vectorised and copy-shy.

The readers hand every cell over as pyarrow-backed text. These helpers strip it, read
"N/A"-like markers as missing, read numbers ("4,5" is 4.5), join a text split over several
columns into one, and keep the rejected rows of one ingest run. Each works per distinct
value where values repeat, so a million rows of a few thousand texts stay cheap, and a
column that needs no change is passed on without a copy.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from cxwidgets.evidence.readers import MISSING, SPREADSHEET_ERRORS
from cxwidgets.evidence.rejections import REJECTION_COLUMNS, empty_rejections


def _spellings(words: Iterable[str]) -> pa.Array:
    return pa.array(sorted({v for m in words
                            for v in (m, m.upper(), m.title(), m.capitalize())}))


_MISSING_SET = _spellings((*MISSING, *SPREADSHEET_ERRORS))
_ERROR_SET = _spellings(SPREADSHEET_ERRORS)
#: A part of a split text that ends like this needs only a space before the next part.
_ENDS_A_SENTENCE = r"[.!?…:;\"'”’)\]]$"
#: A part wrapped whole in quotes ('"Never again"', as review sites write titles).
_QUOTED = r'^["“](.*)["”]$'


def clean_text(values: pd.Series, markers: bool = True) -> pd.Series:
    """Cells stripped of surrounding spaces; empty ones (and 'N/A'-like ones) as NA.

    Spreadsheet error values ("#NAME?", "#N/A") are missing even without `markers` (a
    customer's "None" is words; "#VALUE!" never is).

    Cells that need no change share the input's memory: a million-row column is only
    copied when some cell really has spaces around it.
    """
    arr = _arrow(values)
    if _untrimmed(arr):
        arr = pc.utf8_trim_whitespace(arr)
    empty = pc.equal(arr, "")
    empty = pc.or_(empty, pc.is_in(arr, value_set=_MISSING_SET if markers else _ERROR_SET))
    if pc.any(empty).as_py():
        arr = pc.if_else(empty, pa.scalar(None, pa.string()), arr)
    return pd.Series(pd.arrays.ArrowStringArray(arr), index=values.index, copy=False)


def _untrimmed(arr: pa.Array) -> bool:
    """True when some cell has white space at either end: ASCII spaces checked on every
    cell by byte (fast), other white space (a no-break space) on non-ASCII cells only."""
    length = pc.binary_length(arr)
    if not pc.all(pc.equal(pc.binary_length(pc.ascii_trim_whitespace(arr)), length)).as_py():
        return True
    wide = pc.filter(arr, pc.invert(pc.string_is_ascii(arr)))
    return len(wide) > 0 and not pc.all(pc.equal(
        pc.binary_length(pc.utf8_trim_whitespace(wide)), pc.binary_length(wide))).as_py()


def residue(values: pd.Series, markers: bool = True) -> dict[str, int]:
    """Cells read as missing although they hold something: spreadsheet error values,
    'N/A'-like markers (unless `markers` is off) and cells of nothing but spaces, by what
    they hold ('(spaces)' for the blank ones), most frequent first. One pass over the
    cells when none has spaces around it (the usual case), two otherwise."""
    arr = _arrow(values)
    wanted = _MISSING_SET if markers else _ERROR_SET
    if _untrimmed(arr):
        trimmed = pc.utf8_trim_whitespace(arr)
        blank = pc.and_(pc.equal(trimmed, ""), pc.not_equal(arr, ""))
        hit = pc.or_(pc.is_in(trimmed, value_set=wanted), blank)
        shown = pc.if_else(blank, pa.scalar("(spaces)"), trimmed)
    else:
        hit = pc.is_in(arr, value_set=wanted)
        shown = arr
    if not pc.any(hit).as_py():
        return {}
    counts = pc.value_counts(pc.filter(shown, hit)).to_pylist()
    ordered = sorted(counts, key=lambda c: (-c["counts"], c["values"]))
    return {c["values"]: int(c["counts"]) for c in ordered}


def recode(codes: np.ndarray, labels: list[Any], index: pd.Index) -> pd.Series:
    """A categorical from integer codes and the label of each code (labels may repeat or
    be None); code -1 stays missing."""
    again, names = pd.factorize(pd.Series(labels, dtype="string"))
    remap = np.append(again, -1)  # the last slot: code -1, missing
    return pd.Series(pd.Categorical.from_codes(remap[codes], pd.Index(names, dtype="string")),
                     index=index)


def clean_labels(values: pd.Series) -> pd.Series:
    """Label cells as a categorical, each distinct cell cleaned once (stripped; empty and
    'N/A'-like cells missing), so a million rows cost only their distinct labels. Cells
    that are nearly all different stay text (`clean_text`)."""
    codes, distinct = pd.factorize(values)
    if len(distinct) > max(1_000, len(values) // 2):
        return clean_text(values)  # nearly one value per row: codes would save nothing
    cleaned = clean_text(pd.Series(distinct, dtype="string[pyarrow]"))
    return recode(codes, cleaned.tolist(), values.index)


def no_labels(index: pd.Index) -> pd.Series:
    """A label column with every row missing."""
    return pd.Series(pd.Categorical.from_codes(np.full(len(index), -1),
                                               pd.Index([], dtype="string")), index=index)


def _arrow(values: pd.Series) -> pa.Array:
    return pa.array(values.astype("string[pyarrow]").array)


def numbers(values: pd.Series) -> pd.Series:
    """Text cells as floats ('4,5' reads as 4.5); NaN where empty or not a number."""
    codes, uniques = pd.factorize(values)
    text = pd.Series(uniques, dtype="string[pyarrow]").str.replace(
        r"^([+-]?\d+),(\d+)$", r"\1.\2", regex=True)
    parsed = pd.to_numeric(text, errors="coerce").to_numpy(dtype="float64", na_value=np.nan)
    out = parsed[np.clip(codes, 0, None)] if parsed.size else np.full(len(codes), np.nan)
    out[codes < 0] = np.nan
    return pd.Series(out, index=values.index)


def without(values: pd.Series, placeholders: Iterable[str]) -> pd.Series:
    """Cells equal to a placeholder ('No Negative', any case) as NA."""
    keys = {" ".join(p.split()).casefold() for p in placeholders if p.strip()}
    if not keys:
        return values
    hit = values.str.casefold().isin(keys).fillna(False)
    return values.mask(hit) if hit.any() else values


def join_parts(parts: list[pd.Series]) -> pd.Series:
    """Texts split over columns read as one: '"Great flight"' + 'Crew were kind.' ->
    'Great flight. Crew were kind.' (a part wrapped whole in quotes loses them); NA only
    where every part is NA."""
    if len(parts) == 1:
        return parts[0]
    pieces = []
    kind = pa.large_string()
    for k, part in enumerate(parts):
        arr = pc.replace_substring_regex(_arrow(part).cast(kind), _QUOTED, r"\1")
        if k < len(parts) - 1:
            ends = pc.match_substring_regex(arr, _ENDS_A_SENTENCE)
            arr = pc.binary_join_element_wise(
                arr, pc.if_else(ends, pa.scalar(" ", kind), pa.scalar(". ", kind)),
                pa.scalar("", kind))
        pieces.append(arr)
    joined = pc.binary_join_element_wise(*pieces, pa.scalar("", kind),
                                         null_handling="replace", null_replacement="")
    joined = pc.utf8_rtrim_whitespace(joined)
    joined = pc.if_else(pc.equal(joined, ""), pa.scalar(None, kind), joined)
    return pd.Series(pd.arrays.ArrowStringArray(joined), index=parts[0].index, copy=False)


def keep_rows(frame: pd.DataFrame, mask: np.ndarray) -> pd.DataFrame:
    """The rows of `frame` where `mask` is true; text columns filtered in Arrow, which
    copies their strings once instead of twice."""
    keep = pa.array(mask)
    columns = {}
    for name in frame.columns:
        values = frame[name]
        if isinstance(values.dtype, pd.StringDtype) and values.dtype.storage == "pyarrow":
            columns[name] = pd.Series(pd.arrays.ArrowStringArray(pc.filter(
                _arrow(values), keep)), dtype=values.dtype)
        else:
            columns[name] = values[mask].reset_index(drop=True)
    out = pd.DataFrame(columns)
    out.index = frame.index[mask]
    return out


def key_codes(values: pd.Series) -> np.ndarray:
    """Integer codes that are equal where the values are (missing: one code of its own).

    Whole numbers stand for themselves (a numeric id column needs no hashing of text)."""
    if isinstance(values.dtype, pd.StringDtype) and values.dtype.storage == "pyarrow":
        arr = _arrow(values)
        if arr.null_count == 0 and len(arr) and pc.all(  # "7" and "007" are two ids
                pc.match_substring_regex(arr, r"^(0|-?[1-9][0-9]{0,17})$")).as_py():
            ids: np.ndarray = pc.cast(arr, pa.int64()).to_numpy(zero_copy_only=False)
            return ids
    codes: np.ndarray = pd.factorize(values, use_na_sentinel=False)[0]
    return codes


class Rejections:
    """Rejected input rows, first problem only; a row rejected once stays rejected."""

    def __init__(self, index: pd.Index) -> None:
        self.index = index
        self.rejected = np.zeros(len(index), dtype=bool)
        self.parts: list[pd.DataFrame] = []

    def add(self, mask: Any, column: str | None, values: pd.Series | None,
            reason: str | pd.Series) -> None:
        new = np.asarray(mask, dtype=bool) & ~self.rejected
        if not new.any():
            return
        shown = (values[new].astype("string").to_numpy() if values is not None
                 else np.full(int(new.sum()), None, dtype=object))
        why = reason[new].astype("string").to_numpy() if isinstance(reason, pd.Series) \
            else reason
        self.parts.append(pd.DataFrame({"row": self.index[new].to_numpy(), "column": column,
                                        "value": shown, "reason": why}))
        self.rejected |= new

    def frame(self, extra: list[pd.DataFrame]) -> pd.DataFrame:
        parts = [p for p in (*self.parts, *extra) if len(p)]
        if not parts:
            return empty_rejections()
        out = pd.concat(parts, ignore_index=True).astype(
            {"row": "int64", **{c: "string" for c in REJECTION_COLUMNS[1:]}})
        return out.sort_values("row", kind="stable").reset_index(drop=True)
