"""ingest: any customer-feedback export in, the canonical feedback table and its report out.

Reads the file (`readers`), takes the column mapping given (a `ColumnMapping`, a dict, or
a YAML file) or guesses one (`guess`), checks that the mapping fits the file, builds the
canonical columns (constants fill whole columns; a text split over columns is read as
one; wide exports become one row per touchpoint score), and checks every input row,
vectorised. Each input row is either accepted or rejected with its row number, column,
value and reason, so that, always, rows_read == accepted + rejected (a wide row counts
once, however many scores it holds). A row with no text and no score that still has a
date, channel, product or touchpoint is accepted as a "volume only" row: it counts in
volumes and the channel mix, never in scores or sentiment.

Pure: nothing is written anywhere, and a failure leaves nothing behind. To time it on a
large export: `/usr/bin/time -v cxwidgets evidence big.csv > /dev/null` (wall time and
"Maximum resident set size"), or `python -m timeit -n1 -r1 -s "from cxwidgets.evidence.ingest
import ingest" "ingest('big.csv')"`.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from cxwidgets.evidence.cells import (
    Rejections,
    clean_labels,
    clean_text,
    join_parts,
    keep_rows,
    key_codes,
    no_labels,
    numbers,
    recode,
    residue,
    without,
)
from cxwidgets.evidence.dates import ParsedDates, parse_dates
from cxwidgets.evidence.guess import Guess, guess_mapping, normalise_name
from cxwidgets.evidence.mapping import ColumnMapping
from cxwidgets.evidence.readers import DEFAULT_MAX_BYTES, RawTable, Source, read_table
from cxwidgets.evidence.report import ValidationReport
from cxwidgets.evidence.scales import Scale, parse_scale, two_valued
from cxwidgets.evidence.schema import CATEGORIES, MAPPABLE, typed, with_label
from cxwidgets.evidence.selfcheck import checked
from cxwidgets.evidence.sentiment import LABEL, read_labels
from cxwidgets.evidence.wordscales import read_series
from cxwidgets.exceptions import MappingError

#: Fields read as codes over their distinct cells: labels, and dates and scores, which
#: repeat as much (a few hundred days, eleven scores over a million rows).
CODED = (*CATEGORIES, "timestamp", "score")
#: Dates are decided per source when a file has at most this many sources, else per file.
MAX_DATE_GROUPS = 20
#: Fields whose value, from a column, makes an empty row worth counting as volume.
COUNTED_BY = ("channel", "product", "touchpoint")
#: Without an id, a text this long that repeats with every other field is a repeat of
#: one customer's feedback; a shorter one ("Love it!" the same day) may be two customers.
DUPLICATE_MIN_CHARS = 25
#: A report says out loud when more than this share of rows is volume only or rejected.
LOUD_VOLUME_ONLY, LOUD_REJECTED = 0.2, 0.05

NOT_A_NUMBER = "score not a number"
NOT_TWO_VALUED = "score not a yes/no answer"
NO_SCORE_TYPE = "score without a score type"
UNKNOWN_SCORE_TYPE = "unknown score type"
SENTIMENT_NOT_A_NUMBER = "sentiment neither a number nor a label"
SENTIMENT_OUT_OF_RANGE = "sentiment outside -1 to 1"
NOTHING_TO_LEARN = "no text and no score, and nothing to count"
COUNTED_ELSEWHERE = "no text and no score (counted by the file's other mapping)"
DUPLICATE = "duplicate of an earlier row"

#: A mapping: made, as data (a dict read from YAML, checked here), a YAML file, or None to
#: guess one.
MappingInput = ColumnMapping | dict[str, Any] | str | Path | None


@dataclass(frozen=True)
class Ingested:
    """The canonical feedback table (accepted rows) and the report on every input row."""

    table: pd.DataFrame
    report: ValidationReport


def ingest(source: Source, mapping: MappingInput = None, *,
           touchpoints: Iterable[str] | None = None, sheet: str | None = None,
           format: str | None = None, max_bytes: int = DEFAULT_MAX_BYTES,
           encoding: str | None = None) -> Ingested:
    """Read a feedback export and turn it into the canonical table, checking every row.

    `source`: a path, or `(file name, bytes)` for an upload. `mapping`: a ColumnMapping,
    a dict, a path to a YAML file, or None to guess one from the file (the known
    `touchpoints` help spot one-column-per-touchpoint exports). `sheet` picks an XLSX
    worksheet; `format` overrides the detected format; files over `max_bytes` are refused.
    `encoding` names the codec of a text file (else the mapping's `encoding`, else it is
    detected on the whole file).
    Raises UnreadableFile when the file cannot be read, MappingError (or InvalidInput for
    a malformed mapping) when the mapping does not fit it.
    """
    given = None if mapping is None else resolve_mapping(mapping, pd.DataFrame())[0]
    codec = encoding if encoding and encoding.strip().casefold() != "auto" else (
        given.encoding if given else None)
    raw = read_table(source, format=format, sheet=sheet, max_bytes=max_bytes, encoding=codec)
    return ingest_raw(raw, given, touchpoints)


def ingest_raw(raw: RawTable, mapping: MappingInput = None,
               touchpoints: Iterable[str] | None = None) -> Ingested:
    """`ingest` for a file already read with `read_table`: read once, try many mappings.

    `raw` is left as it was, so the same table can be ingested again with another mapping.
    """
    if mapping is None:
        return checked_guess(raw, touchpoints)[1]
    used, guess = resolve_mapping(mapping, raw.frame, touchpoints)
    return run_ingest(raw, used, guess)


def checked_guess(raw: RawTable, touchpoints: Iterable[str] | None = None
                  ) -> tuple[Guess, Ingested]:
    """The guessed mapping for `raw`, checked on every row and tried again with other
    columns when it loses more of the file than it should (`selfcheck`)."""
    return checked(raw, touchpoints, run_ingest)


def run_ingest(raw: RawTable, mapping: ColumnMapping, guess: Guess | None = None
               ) -> Ingested:
    """One reading of `raw` with `mapping` (checked against the file first); `guess` is
    where the mapping came from, when it was guessed."""
    check_mapping(mapping, raw)
    return _Ingest(raw, mapping, guess).run()


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
    score = mapping.columns.get("score")
    if score and score in mapping.wide:
        raise MappingError(f"the column mapping uses '{score}' both as the score column and "
                           "in `wide` as one touchpoint's score: keep it in one of them")
    scored = {score, *mapping.wide} - {None}
    stray = sorted(set(mapping.scales) - scored)
    if stray:
        raise MappingError(f"the column mapping gives a scale to {', '.join(map(repr, stray))}"
                           ", which is not a score column: `scales` is for the score column "
                           "and the `wide` columns")


def _rescaled(values: pd.Series, source: Scale, target: Scale) -> pd.Series:
    """Numbers moved from one scale to another, keeping their place between its ends."""
    share = (values - source.low) / (source.high - source.low)
    return target.low + share * (target.high - target.low)


@dataclass
class _Scores:
    """One score column's cells, their scale per row and the numbers read from them."""

    column: str
    cells: pd.Series
    kinds: pd.Series
    values: pd.Series


class _Ingest:
    """One run of ingest: the steps share the raw table, the mapping and the rejections."""

    def __init__(self, raw: RawTable, mapping: ColumnMapping, guess: Guess | None) -> None:
        self.set_apart: dict[str, int] = {}
        if raw.set_apart is not None and raw.set_apart.notna().any():
            apart = raw.set_apart
            self.set_apart = {str(k): int(v) for k, v in apart.value_counts().items()}
            raw = replace(raw, frame=raw.frame.loc[apart.isna().to_numpy()],
                          set_apart=None)
        self.raw, self.mapping, self.guess = raw, mapping, guess
        self.index = raw.frame.index
        self.rejections = Rejections(self.index)
        self.warnings: list[str] = list(raw.notes)
        self.doubts: list[str] = list(guess.doubts) if guess else []
        self.cells_score_type = pd.Series(pd.NA, index=self.index, dtype="string")
        #: input column -> cells read as missing though they hold something -> count
        self.residue: dict[str, dict[str, int]] = {}

    def run(self) -> Ingested:
        cells = self._cells()
        dates = self._dates(cells)
        kinds = self._score_types(cells)
        main = self._scores(self._where("score"), cells["score"], kinds,
                            self.mapping.scale_for(self._column("score") or ""))
        wide = [self._scores(c, cells[f"wide:{c}"], kinds, self.mapping.scale_for(c))
                for c in self.mapping.wide]
        sentiment = self._sentiment(cells)
        volume = self._nothing_to_learn(cells, [main, *wide], sentiment, dates.values)
        self._duplicates(cells, dates.values, [main, *wide])
        accepted = ~self.rejections.rejected
        table = self._table(cells, dates.values, main, wide, sentiment, accepted)
        self._empty_warnings(cells)
        report = self._report(dates, int(accepted.sum()), len(table),
                              int((volume & accepted).sum()))
        return Ingested(table=table, report=report)

    # -- canonical cells per input row -----------------------------------------------------

    def _column(self, name: str) -> str | None:
        return self.mapping.columns.get(name)

    def _cells(self) -> dict[str, pd.Series]:
        """Each canonical field's cells per input row: column, then constant, else NA.

        `own:<field>` keeps what the column itself said, before any constant filled it.
        """
        frame, cells = self.raw.frame, {}
        for name in MAPPABLE:
            column, label = self._column(name), name in CODED
            if name == "text" and column:
                values = self._text(frame)
            elif column:
                values = clean_labels(frame[column]) if label else clean_text(frame[column])
            elif label:
                values = no_labels(self.index)
            else:
                values = pd.Series(pd.NA, index=self.index, dtype="string[pyarrow]")
            cells[f"own:{name}"] = values
            constant = self.mapping.constants.get(name)
            if constant is not None and constant.strip():
                values = with_label(values, constant.strip())
            cells[name] = values
        for column in self.mapping.wide:
            cells[f"wide:{column}"] = clean_text(frame[column])
        self._residue(frame)
        return cells

    def _residue(self, frame: pd.DataFrame) -> None:
        """Count, per mapped column, the cells read as missing although they hold
        something ('#NAME?', 'N/A', spaces): the report says how many."""
        text = self._column("text")
        texts = set(self.mapping.text_parts or [text] if text else [])
        for column in sorted(self.mapping.sources(), key=list(frame.columns).index):
            found = residue(frame[column], markers=column not in texts)
            if found:
                self.residue[column] = found

    def _text(self, frame: pd.DataFrame) -> pd.Series:
        """The customer's words: one column, or several read in order as one text."""
        columns = self.mapping.text_parts or [self.mapping.columns["text"]]
        parts = [without(clean_text(frame[c], markers=False), self.mapping.placeholders)
                 for c in columns]
        return join_parts(parts)

    def _where(self, name: str) -> str:
        """The input column a field comes from, as the report names it."""
        if name == "text" and self.mapping.text_parts:
            return " + ".join(self.mapping.text_parts)
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
        """Each row's scale from a score-type column (canonical name), NA where it says
        none; a value naming no scale is rejected once a row turns out to have a score."""
        given = self.cells_score_type = cells["score_type"]
        codes, distinct = pd.factorize(given)
        names = []
        for value in distinct:
            try:
                names.append(parse_scale(value).name)
            except ValueError:
                names.append("?")
        return recode(codes, names, self.index)

    def _scores(self, column: str, values: pd.Series, kinds: pd.Series,
                default: str | None) -> _Scores:
        """A score column's numbers, checked: a number (or a yes/no answer) on a known
        scale and inside it."""
        number = numbers(values)
        if values.notna().any() and number.notna().sum() < 0.5 * values.notna().sum():
            values, number, default = self._worded(column, values, number, default)
        kind = with_label(kinds, default) if default else kinds
        two = (kind == "yes/no").fillna(False).to_numpy()
        if two.any():
            number = number.where(~two, two_valued(values))
        bad = values.notna() & number.isna()
        self.rejections.add(bad & ~two, column, values, NOT_A_NUMBER)
        self.rejections.add(bad & two, column, values, NOT_TWO_VALUED)
        scored = number.notna().to_numpy()
        where = self._where("score_type")
        self.rejections.add(scored & kind.isna().to_numpy(), where, None, NO_SCORE_TYPE)
        self.rejections.add(scored & (kind == "?").fillna(False).to_numpy(), where,
                            self.cells_score_type, UNKNOWN_SCORE_TYPE)
        for name in kind.dropna().unique():
            if name == "?":
                continue
            scale: Scale = parse_scale(name)
            mine = (kind == name).fillna(False).to_numpy()
            out = mine & ((number < scale.low) | (number > scale.high)).to_numpy()
            self.rejections.add(out, column, values, scale.out_of_range())
        return _Scores(column, values, kind, number)

    def _worded(self, column: str, values: pd.Series, number: pd.Series,
                scale: str | None) -> tuple[pd.Series, pd.Series, str | None]:
        """Answers in words ('Very satisfied', 'Plutôt d'accord') as their place on their
        scale (`wordscales`), said in the report, and the scale they are on; a 'Don't
        know' is no answer, counted as read as missing. Placed on the mapping's scale
        when it names another one."""
        reading = read_series(values, self.raw.labels.get(column) or column)
        if reading is None:
            return values, number, scale
        said = reading.describe(column)
        found = reading.read(values)
        if scale and scale != reading.scale and scale != "yes/no":
            found = _rescaled(found, parse_scale(reading.scale), parse_scale(scale))
            said += (f"; the mapping says {parse_scale(scale).label}, so they were placed "
                     "on that scale")
        self.warnings.append(said)
        if reading.no_answer:
            unanswered = values.isin(list(reading.no_answer)).fillna(False)
            counts = values[unanswered].value_counts()
            self.residue.setdefault(column, {}).update(
                {str(k): int(v) for k, v in counts.items() if v})
            values = values.mask(unanswered)
        return values, found, scale or reading.scale

    def _sentiment(self, cells: dict[str, pd.Series]) -> pd.Series:
        """Sentiment the file gives: a number from -1 to 1, or a label word."""
        values = cells["sentiment"]
        number = numbers(values)
        unread = values.notna() & number.isna()
        if unread.any():
            number = number.where(~unread, read_labels(values))
        where = self._where("sentiment")
        self.rejections.add(values.notna() & number.isna(), where, values,
                            SENTIMENT_NOT_A_NUMBER)
        self.rejections.add((number < -1) | (number > 1), where, values,
                            SENTIMENT_OUT_OF_RANGE)
        return number

    def _nothing_to_learn(self, cells: dict[str, pd.Series], scores: list[_Scores],
                          sentiment: pd.Series, when: pd.Series) -> np.ndarray:
        """Rows with no text, no score and no sentiment: volume only when a date, channel,
        product or touchpoint of their own says something, else rejected. Returns the
        volume-only rows."""
        scored = np.logical_or.reduce([s.values.notna().to_numpy() for s in scores])
        empty = cells["text"].isna().to_numpy() & ~scored & sentiment.isna().to_numpy()
        where = self._where("text") if self._column("text") else self._where("score")
        if not self.mapping.volume_only:
            self.rejections.add(empty, where, None, COUNTED_ELSEWHERE)
            return np.zeros(len(self.index), dtype=bool)
        counted = when.notna().to_numpy() if self._column("timestamp") else \
            np.zeros(len(self.index), dtype=bool)
        for name in COUNTED_BY:
            counted = counted | cells[f"own:{name}"].notna().to_numpy()
        self.rejections.add(empty & ~counted, where, None, NOTHING_TO_LEARN)
        learnt: np.ndarray = empty & counted
        return learnt

    def _duplicates(self, cells: dict[str, pd.Series], when: pd.Series,
                    scores: list[_Scores]) -> None:
        """A repeat of an earlier accepted row: the same id; without an id, the same value
        in every mapped field and words enough to be one customer's own (rows without
        text, or with a few words such as "Love it!", are kept: nothing tells two
        customers' bare answers apart). Off when the mapping says `duplicates: false`."""
        if not self.mapping.duplicates:
            return
        live = pd.Series(~self.rejections.rejected, index=self.index)
        ids, text = cells["id"], cells["text"]
        by_id = live & ids.notna()
        if by_id.any():
            self._repeat(by_id, [ids], self._where("id"), ids)
        by_content = live & ids.isna()
        if by_content.any():
            by_content &= text.str.len().fillna(0) >= DUPLICATE_MIN_CHARS
        if by_content.any():
            keys = [when if f == "timestamp" else cells[f] for f in MAPPABLE
                    if self._column(f) and f not in ("id", "score")]
            keys += [s.values for s in scores if s.values.notna().any()]
            names = [self._where(f) for f in MAPPABLE if self._column(f) and f != "id"]
            names += list(self.mapping.wide)
            shown = ", ".join(names) if len(names) <= 3 else \
                f"all {len(names)} mapped columns"
            self._repeat(by_content, keys, shown, text)

    def _repeat(self, rows: pd.Series, keys: list[pd.Series], column: str,
                shown: pd.Series) -> None:
        """Reject the rows among `rows` whose keys repeat those of an earlier one.

        Keys are compared as integer codes (one factorize per key, or the numbers
        themselves for numeric ids), which keeps a million text keys cheap in time and
        memory.
        """
        codes = {f"k{i}": key_codes(k[rows]) for i, k in enumerate(keys)}
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

    def _table(self, cells: dict[str, pd.Series], when: pd.Series, main: _Scores,
               wide: list[_Scores], sentiment: pd.Series, accepted: np.ndarray,
               ) -> pd.DataFrame:
        base = pd.DataFrame({name: cells[name] for name in MAPPABLE})
        base.insert(0, "row", self.index.to_numpy())
        base.index = base.index.rename(None)
        base["timestamp"], base["sentiment"] = when, sentiment
        base["sentiment_from"] = recode(np.where(sentiment.notna(), 0, -1), [LABEL],
                                        self.index)
        score = main.values
        base["score"], base["score_type"] = score, main.kinds.where(score.notna())
        if not accepted.all():
            base = keep_rows(base, accepted)
        if not wide:
            return typed(base.reset_index(drop=True))
        return self._melt(base, wide, accepted)

    def _melt(self, base: pd.DataFrame, wide: list[_Scores], accepted: np.ndarray,
              ) -> pd.DataFrame:
        """One row per answered touchpoint score, plus one row for what the customer said
        as a whole (text, sentiment, overall score), or for a row with nothing else."""
        parts, order = [], []
        for k, (scores, touchpoint) in enumerate(zip(wide, self.mapping.wide.values(),
                                                     strict=True)):
            score = scores.values[accepted]
            has = score.notna()
            part = base[has].assign(touchpoint=touchpoint, score=score[has],
                                    score_type=scores.kinds[accepted][has], text=pd.NA,
                                    sentiment=np.nan, sentiment_from=pd.NA)
            parts.append(part)
            order.append(np.full(len(part), k))
        unscored = ~np.logical_or.reduce([s.values[accepted].notna().to_numpy()
                                          for s in wide])
        whole = (base["text"].notna() | base["score"].notna() | base["sentiment"].notna()
                 ).to_numpy() | unscored
        parts.append(base[whole])
        order.append(np.full(int(whole.sum()), len(wide)))
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
                self.warnings.append(f"column '{self._where(name)}' ({name}) is empty in "
                                     "every row")

    def _loud(self, rows: int, accepted: int, volume_only: int) -> list[str]:
        """Shares of the file the analyst must hear about, with numbers."""
        said = []
        if rows and volume_only > LOUD_VOLUME_ONLY * rows:
            said.append(f"{volume_only:,} of {rows:,} rows ({volume_only / rows:.0%}) have no "
                        f"text and no score ({self._where('text')} is empty): they count as "
                        "volume only, in volumes and the channel mix, not in scores or "
                        "sentiment.")
        rejected = rows - accepted
        if rows and rejected > LOUD_REJECTED * rows:
            said.append(f"{rejected:,} of {rows:,} rows ({rejected / rows:.0%}) were "
                        "rejected: see the reasons below.")
        return said

    def _report(self, dates: ParsedDates, accepted: int, table_rows: int,
                volume_only: int) -> ValidationReport:
        raw, guess = self.raw, self.guess
        warnings = list(self.warnings)
        if guess is not None:
            warnings = [*guess.notes, *warnings, "The column mapping was guessed from the "
                        "column names and values: check it below, save it, correct it if "
                        "needed, and pass it with --mapping (or mapping=)."]
        bad = pd.DataFrame({"row": [b.row for b in raw.bad_rows], "column": None,
                            "value": [b.value if b.line is None else f"line {b.line}: {b.value}"
                                      for b in raw.bad_rows],
                            "reason": [b.reason for b in raw.bad_rows]})
        rows = len(self.index) + len(raw.bad_rows)
        return ValidationReport(
            file=raw.name, format=raw.format, size=raw.size, encoding=raw.encoding,
            delimiter=raw.delimiter, sheet=raw.sheet,
            rows_read=raw.rows_read + sum(self.set_apart.values()),
            set_apart=dict(self.set_apart), layout=raw.layout, header_line=raw.header_line,
            accepted=accepted, rejections=self.rejections.frame([bad]),
            table_rows=table_rows, warnings=warnings,
            dates=[d.describe() for d in dates.decisions if d.order is not None],
            mapping=self.mapping.to_dict(),
            guessed=dict(guess.guessed) if guess else None,
            not_found=list(guess.not_found) if guess else [], volume_only=volume_only,
            decisions=list(guess.decisions) if guess else [], missing=self.residue,
            doubts=[*self.doubts, *self._loud(rows, accepted, volume_only)])
