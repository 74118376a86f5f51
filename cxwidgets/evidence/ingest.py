"""ingest: any customer-feedback export in, the canonical feedback table and its report out.

Reads the file (`readers`), takes the column mapping given (a `ColumnMapping`, a dict, or
a YAML file) or guesses one (`guess`), checks that the mapping fits the file, builds the
canonical columns (constants fill whole columns; wide exports become one row per touchpoint
score), and checks every input row, vectorised. Each input row is either accepted or
rejected with its row number, column, value and reason, so that, always,
rows_read == accepted + rejected (a wide row counts once, however many scores it holds).

Pure: nothing is written anywhere, and a failure leaves nothing behind. To time it on a
large export: `/usr/bin/time -v cxwidgets evidence big.csv > /dev/null` (wall time and
"Maximum resident set size"), or `python -m timeit -n1 -r1 -s "from cxwidgets.evidence.ingest
import ingest" "ingest('big.csv')"`.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from cxwidgets.evidence.dates import ParsedDates, parse_dates
from cxwidgets.evidence.guess import Guess, guess_mapping, normalise_name
from cxwidgets.evidence.mapping import ColumnMapping
from cxwidgets.evidence.readers import (
    DEFAULT_MAX_BYTES,
    MISSING,
    RawTable,
    Source,
    read_table,
)
from cxwidgets.evidence.report import REJECTION_COLUMNS, ValidationReport, empty_rejections
from cxwidgets.evidence.schema import CANONICAL, SCORE_RANGE, ScoreType, typed
from cxwidgets.exceptions import MappingError

_MISSING_SET = pa.array(sorted({v for m in MISSING
                                for v in (m, m.upper(), m.title(), m.capitalize())}))
#: Score type words accepted in a score-type column, beyond the canonical names.
SCORE_TYPE_ALIASES = {"star": "rating", "stars": "rating", "ratings": "rating",
                      "net promoter score": "nps", "net promoter": "nps",
                      "satisfaction": "csat", "customer satisfaction": "csat"}
#: Dates are decided per source when a file has at most this many sources, else per file.
MAX_DATE_GROUPS = 20

NOT_A_NUMBER = "score not a number"
NO_SCORE_TYPE = "score without a score type"
UNKNOWN_SCORE_TYPE = "unknown score type"
SENTIMENT_NOT_A_NUMBER = "sentiment not a number"
SENTIMENT_OUT_OF_RANGE = "sentiment outside -1 to 1"
NOTHING_TO_LEARN = "no text and no score"
DUPLICATE = "duplicate of an earlier row"

MappingInput = ColumnMapping | dict | str | Path | None


@dataclass(frozen=True)
class Ingested:
    """The canonical feedback table (accepted rows) and the report on every input row."""

    table: pd.DataFrame
    report: ValidationReport


def ingest(source: Source, mapping: MappingInput = None, *,
           touchpoints: Iterable[str] | None = None, sheet: str | None = None,
           format: str | None = None, max_bytes: int = DEFAULT_MAX_BYTES) -> Ingested:
    """Read a feedback export and turn it into the canonical table, checking every row.

    `source`: a path, or `(file name, bytes)` for an upload. `mapping`: a ColumnMapping,
    a dict, a path to a YAML file, or None to guess one from the column names (the known
    `touchpoints` help spot one-column-per-touchpoint exports). `sheet` picks an XLSX
    worksheet; `format` overrides the detected format; files over `max_bytes` are refused.
    Raises UnreadableFile when the file cannot be read, MappingError (or InvalidInput for
    a malformed mapping) when the mapping does not fit it.
    """
    raw = read_table(source, format=format, sheet=sheet, max_bytes=max_bytes)
    return ingest_raw(raw, mapping, touchpoints)


def ingest_raw(raw: RawTable, mapping: MappingInput = None,
               touchpoints: Iterable[str] | None = None) -> Ingested:
    """`ingest` for a file already read with `read_table`: read once, try many mappings.

    `raw` is left as it was, so the same table can be ingested again with another mapping.
    """
    used, guess = resolve_mapping(mapping, raw.frame, touchpoints)
    check_mapping(used, raw)
    return _Ingest(raw, used, guess).run()


def resolve_mapping(mapping: MappingInput, frame: pd.DataFrame,
                    touchpoints: Iterable[str] | None = None,
                    ) -> tuple[ColumnMapping, Guess | None]:
    """The mapping to use, and the guess it came from when none was given."""
    if mapping is None:
        guess = guess_mapping(frame, touchpoints)
        return guess.mapping, guess
    if isinstance(mapping, ColumnMapping):
        return mapping, None
    if isinstance(mapping, dict):
        return ColumnMapping.from_data(mapping), None
    return ColumnMapping.from_yaml(mapping), None


def check_mapping(mapping: ColumnMapping, raw: RawTable) -> None:
    """Refuse a mapping that names columns the file lacks, or that contradicts itself."""
    columns = list(raw.frame.columns)
    missing = sorted(c for c in mapping.sources() if c not in columns)
    if missing:
        by_norm = {normalise_name(c): c for c in columns}
        hints = [f"'{by_norm[normalise_name(m)]}' instead of '{m}'" for m in missing
                 if normalise_name(m) in by_norm]
        hint = f" (did you mean {', '.join(hints)}?)" if hints else ""
        listed = ", ".join(f"'{c}'" for c in columns) or "none (the file has no header)"
        what = "a column" if len(missing) == 1 else "columns"
        raise MappingError(f"the column mapping names {what} "
                           f"{', '.join(repr(m) for m in missing)} that {raw.name} does not "
                           f"have{hint}; its columns are: {listed}")
    clash = [f for f in ("score", "touchpoint") if mapping.wide and f in mapping.columns]
    if clash:
        raise MappingError(f"the column mapping has both `wide` and a {' and a '.join(clash)} "
                           "column: `wide` gives each score column its touchpoint, so remove "
                           f"{' and '.join(clash)} from `columns`")


def clean_text(values: pd.Series, markers: bool = True) -> pd.Series:
    """Cells stripped of surrounding spaces; empty ones (and 'N/A'-like ones) as NA.

    Cells that need no change share the input's memory: a million-row column is only
    copied when some cell really has spaces around it.
    """
    arr = pa.array(values.astype("string[pyarrow]").array)
    if pc.any(pc.match_substring_regex(arr, r"^\s|\s$")).as_py():
        arr = pc.utf8_trim_whitespace(arr)
    empty = pc.equal(arr, "")
    if markers:
        empty = pc.or_(empty, pc.is_in(arr, value_set=_MISSING_SET))
    if pc.any(empty).as_py():
        arr = pc.if_else(empty, pa.scalar(None, pa.string()), arr)
    return pd.Series(pd.arrays.ArrowStringArray(arr), index=values.index, copy=False)


def numbers(values: pd.Series) -> pd.Series:
    """Text cells as floats ('4,5' reads as 4.5); NaN where empty or not a number."""
    codes, uniques = pd.factorize(values)
    text = pd.Series(uniques, dtype="string[pyarrow]").str.replace(
        r"^([+-]?\d+),(\d+)$", r"\1.\2", regex=True)
    parsed = pd.to_numeric(text, errors="coerce").to_numpy(dtype="float64", na_value=np.nan)
    out = parsed[np.clip(codes, 0, None)] if parsed.size else np.full(len(codes), np.nan)
    out[codes < 0] = np.nan
    return pd.Series(out, index=values.index)


class _Rejections:
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


class _Ingest:
    """One run of ingest: the steps share the raw table, the mapping and the rejections."""

    def __init__(self, raw: RawTable, mapping: ColumnMapping, guess: Guess | None) -> None:
        self.raw, self.mapping, self.guess = raw, mapping, guess
        self.index = raw.frame.index
        self.rejections = _Rejections(self.index)
        self.warnings: list[str] = list(raw.notes)

    def run(self) -> Ingested:
        cells = self._cells()
        dates = self._dates(cells)
        kinds = self._score_types(cells)
        scores = self._scores(cells, kinds)
        sentiment = self._sentiment(cells)
        self._nothing_to_learn(cells, scores)
        self._duplicates(cells, dates.values)
        accepted = ~self.rejections.rejected
        table = self._table(cells, dates.values, kinds, scores, sentiment, accepted)
        self._empty_warnings(cells)
        return Ingested(table=table, report=self._report(dates, int(accepted.sum()),
                                                          len(table)))

    # -- canonical cells per input row -----------------------------------------------------

    def _column(self, name: str) -> str | None:
        return self.mapping.columns.get(name)

    def _cells(self) -> dict[str, pd.Series]:
        """Each canonical field's cells per input row: column, then constant, else NA."""
        frame, cells = self.raw.frame, {}
        for name in CANONICAL[1:]:
            column = self._column(name)
            values = (clean_text(frame[column], markers=name != "text") if column
                      else pd.Series(pd.NA, index=self.index, dtype="string[pyarrow]"))
            constant = self.mapping.constants.get(name)
            if constant is not None and constant.strip():
                values = values.fillna(constant.strip())
            cells[name] = values
        for column in self.mapping.wide:
            cells[f"wide:{column}"] = clean_text(frame[column])
        return cells

    def _where(self, name: str) -> str:
        """The input column a field comes from, as the report names it."""
        if self._column(name):
            return str(self._column(name))
        return f"{name} (constant)" if name in self.mapping.constants else name

    # -- checks, each vectorised over the input rows ---------------------------------------

    def _dates(self, cells: dict[str, pd.Series]) -> ParsedDates:
        sources = cells["source"]
        groups = sources if 1 < sources.nunique() <= MAX_DATE_GROUPS else None
        parsed = parse_dates(cells["timestamp"], self.mapping.date_order, groups)
        bad = parsed.reasons.notna().to_numpy()
        self.rejections.add(bad, self._where("timestamp"), cells["timestamp"], parsed.reasons)
        self.warnings += parsed.warnings
        return parsed

    def _score_types(self, cells: dict[str, pd.Series]) -> pd.Series:
        """Each row's score type name (lower case), from its column, constant or mapping."""
        kinds = cells["score_type"].str.lower().replace(SCORE_TYPE_ALIASES)
        if self.mapping.score_type is not None:
            kinds = kinds.fillna(self.mapping.score_type.value)
        return kinds

    def _score_cells(self, cells: dict[str, pd.Series]) -> list[tuple[str, pd.Series]]:
        """(input column, cells) for every score: the score column, or each wide column."""
        if self.mapping.wide:
            return [(c, cells[f"wide:{c}"]) for c in self.mapping.wide]
        return [(self._where("score"), cells["score"])]

    def _scores(self, cells: dict[str, pd.Series], kinds: pd.Series) -> list[pd.Series]:
        score_cells = self._score_cells(cells)
        parsed = [numbers(values) for _, values in score_cells]
        for (column, values), number in zip(score_cells, parsed, strict=True):
            self.rejections.add(values.notna() & number.isna(), column, values, NOT_A_NUMBER)
        scored = np.logical_or.reduce([n.notna().to_numpy() for n in parsed])
        known = kinds.isin([k.value for k in ScoreType]).fillna(False).to_numpy()
        self.rejections.add(scored & kinds.isna().to_numpy(), self._where("score_type"),
                            None, NO_SCORE_TYPE)
        self.rejections.add(scored & kinds.notna().to_numpy() & ~known,
                            self._where("score_type"), kinds, UNKNOWN_SCORE_TYPE)
        for kind, (low, high) in SCORE_RANGE.items():
            mine = (kinds == kind.value).fillna(False).to_numpy()
            for (column, values), number in zip(score_cells, parsed, strict=True):
                out = mine & ((number < low) | (number > high)).to_numpy()
                self.rejections.add(out, column, values,
                                    f"score outside {low:g}-{high:g} for {kind.value}")
        return parsed

    def _sentiment(self, cells: dict[str, pd.Series]) -> pd.Series:
        values = cells["sentiment"]
        number = numbers(values)
        where = self._where("sentiment")
        self.rejections.add(values.notna() & number.isna(), where, values,
                            SENTIMENT_NOT_A_NUMBER)
        self.rejections.add((number < -1) | (number > 1), where, values,
                            SENTIMENT_OUT_OF_RANGE)
        return number

    def _nothing_to_learn(self, cells: dict[str, pd.Series], scores: list[pd.Series]) -> None:
        scored = np.logical_or.reduce([s.notna().to_numpy() for s in scores])
        where = self._column("text") or self._where("score")
        self.rejections.add(cells["text"].isna().to_numpy() & ~scored, where, None,
                            NOTHING_TO_LEARN)

    def _duplicates(self, cells: dict[str, pd.Series], when: pd.Series) -> None:
        """An exact repeat of an earlier accepted row: same id, else same text+time+source."""
        live = pd.Series(~self.rejections.rejected, index=self.index)
        ids, text = cells["id"], cells["text"]
        by_id = live & ids.notna()
        if by_id.any():
            self._repeat(by_id, [ids], self._where("id"), ids)
        by_content = live & ids.isna() & text.notna()
        if by_content.any():
            keys = [text, when, cells["source"]]
            names = ", ".join(self._where(f) for f in ("text", "timestamp", "source"))
            self._repeat(by_content, keys, names, text)

    def _repeat(self, rows: pd.Series, keys: list[pd.Series], column: str,
                shown: pd.Series) -> None:
        """Reject the rows among `rows` whose keys repeat those of an earlier one.

        Keys are compared as integer codes (one factorize per key), which keeps a million
        text keys cheap in time and memory.
        """
        codes = {f"k{i}": pd.factorize(k[rows], use_na_sentinel=False)[0]
                 for i, k in enumerate(keys)}
        frame = pd.DataFrame(codes, index=rows[rows].index)
        repeated = frame.duplicated(keep="first")
        if not repeated.any():
            return
        first = pd.Series(frame.index.to_numpy(), index=frame.index).groupby(
            [frame[c] for c in frame.columns]).transform("first")
        label = shown[rows].astype("string").str.slice(0, 40) + " (first in row " + \
            first.astype("string") + ")"
        mask = pd.Series(False, index=self.index)
        mask[repeated[repeated].index] = True
        self.rejections.add(mask.to_numpy(), column, label.reindex(self.index), DUPLICATE)

    # -- the table and the report ----------------------------------------------------------

    def _table(self, cells: dict[str, pd.Series], when: pd.Series, kinds: pd.Series,
               scores: list[pd.Series], sentiment: pd.Series, accepted: np.ndarray,
               ) -> pd.DataFrame:
        base = pd.DataFrame({name: cells[name] for name in CANONICAL[1:]})
        base.insert(0, "row", self.index.to_numpy())
        base.index = base.index.rename(None)
        base["timestamp"], base["sentiment"] = when, sentiment
        if not accepted.all():
            base = base[accepted]
        if not self.mapping.wide:
            score = scores[0][accepted]
            base["score"] = score
            base["score_type"] = kinds[accepted].where(score.notna())
            return typed(base.reset_index(drop=True))
        return self._melt(base, kinds[accepted], [s[accepted] for s in scores])

    def _melt(self, base: pd.DataFrame, kinds: pd.Series, scores: list[pd.Series],
              ) -> pd.DataFrame:
        """One row per wide score cell; a row with text but no score keeps one row."""
        parts, order = [], []
        for k, (touchpoint, score) in enumerate(zip(self.mapping.wide.values(), scores,
                                                    strict=True)):
            has = score.notna()
            part = base[has].assign(touchpoint=touchpoint, score=score[has],
                                    score_type=kinds[has])
            parts.append(part)
            order.append(np.full(len(part), k))
        unscored = ~np.logical_or.reduce([s.notna().to_numpy() for s in scores])
        parts.append(base[unscored].assign(score=np.nan, score_type=pd.NA))
        order.append(np.full(int(unscored.sum()), len(scores)))
        out = pd.concat(parts)
        out["_order"] = np.concatenate(order)
        out = out.sort_values(["row", "_order"], kind="stable").drop(columns="_order")
        return typed(out.reset_index(drop=True))

    def _empty_warnings(self, cells: dict[str, pd.Series]) -> None:
        if not len(self.index) and not self.raw.bad_rows:
            self.warnings.append(f"{self.raw.name} has a header row but no data rows"
                                 if len(self.raw.frame.columns) else
                                 f"{self.raw.name} holds no data: no columns and no rows")
            return
        for name in ("text", "score", "timestamp"):
            column = self._column(name)
            if column and len(self.index) and cells[name].isna().all():
                self.warnings.append(f"column '{column}' ({name}) is empty in every row")

    def _report(self, dates: ParsedDates, accepted: int, table_rows: int) -> ValidationReport:
        raw, guess = self.raw, self.guess
        warnings = list(self.warnings)
        if guess is not None:
            warnings = [*guess.notes, *warnings, "The column mapping was guessed from the "
                        "column names: check it below, save it, correct it if needed, and "
                        "pass it with --mapping (or mapping=)."]
        bad = pd.DataFrame({"row": [b.row for b in raw.bad_rows], "column": None,
                            "value": [b.value for b in raw.bad_rows],
                            "reason": [b.reason for b in raw.bad_rows]})
        return ValidationReport(
            file=raw.name, format=raw.format, size=raw.size, encoding=raw.encoding,
            delimiter=raw.delimiter, sheet=raw.sheet, rows_read=raw.rows_read,
            accepted=accepted, rejections=self.rejections.frame([bad]),
            table_rows=table_rows, warnings=warnings,
            dates=[d.describe() for d in dates.decisions if d.order is not None],
            mapping=self.mapping.to_dict(),
            guessed=dict(guess.guessed) if guess else None,
            not_found=list(guess.not_found) if guess else [])
