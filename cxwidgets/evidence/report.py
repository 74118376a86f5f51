"""report: what became of a feedback file, row by row, for the facilitator and the analyst.

A `ValidationReport` holds how the file was read (format, encoding, delimiter, sheet,
size), the counts (rows read = accepted + rejected, always; volume-only rows among the
accepted), every rejected row with its row number, column, value and reason, what the
report is unsure of (first, with numbers), the warnings (guessed mapping, date order),
where the sentiment came from and how far the text model agrees with the file's labels,
and the column mapping used with the decisions behind a guess, ready to save as YAML and
correct. It renders as text for the
command line, as JSON-safe data, and as a pandas frame for a widget table or a CSV
download. Pure: builds strings and frames, never reads or writes files.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, NamedTuple

import pandas as pd

from cxwidgets.evidence.figures import describe
from cxwidgets.evidence.readers import human_size
from cxwidgets.evidence.rejections import REJECTION_COLUMNS, empty_rejections

#: Rows shown per reason in the text report.
EXAMPLES_PER_REASON = 5
_VALUE_WIDTH = 60
_FORMAT_LABELS = {"csv": "CSV", "xlsx": "XLSX", "json": "JSON", "jsonl": "JSON Lines",
                  "parquet": "Parquet"}


class Rejection(NamedTuple):
    """One rejected input row: its 1-based data row number, where, what and why."""

    row: int
    column: str | None
    value: str | None
    reason: str


@dataclass
class ValidationReport:
    """How a feedback file was read and checked; every input row accepted or rejected."""

    file: str
    format: str
    size: int
    rows_read: int
    accepted: int
    rejections: pd.DataFrame = field(default_factory=empty_rejections)
    encoding: str | None = None
    delimiter: str | None = None
    sheet: str | None = None
    table_rows: int | None = None
    warnings: list[str] = field(default_factory=list)
    dates: list[str] = field(default_factory=list)
    mapping: dict[str, Any] = field(default_factory=dict)
    guessed: dict[str, str] | None = None
    not_found: list[str] = field(default_factory=list)
    untagged: int | None = None
    #: accepted rows with no text and no score, counted in volumes only
    volume_only: int = 0
    #: how the guess chose each field, with numbers ("text: 'X' (1,532 distinct of 6,623)")
    decisions: list[str] = field(default_factory=list)
    #: what the reader must know before trusting the figures, with numbers
    doubts: list[str] = field(default_factory=list)
    #: where the sentiment came from and the text model's agreement (`sentiment.check_text_model`)
    sentiment: dict[str, Any] | None = None
    #: raw touchpoint values the tagging lookup does not know -> rows
    unknown: dict[str, int] = field(default_factory=dict)
    #: input column -> cells read as missing though they hold something ('#NAME?',
    #: 'N/A', spaces) -> how many
    missing: dict[str, dict[str, int]] = field(default_factory=dict)
    #: the named scores' own figures: NPS (with its answers, per product, segment and
    #: touchpoint), CSAT's satisfied share, CES's easy share (`figures.headline`)
    scores: dict[str, Any] = field(default_factory=dict)
    #: rows counted apart, not checked as feedback, by why (unfinished, a preview ...):
    #: rows_read == accepted + rejected + these
    set_apart: dict[str, int] = field(default_factory=dict)
    #: the survey or support tool whose native export the file is, if recognised
    layout: str | None = None
    #: the line (CSV) or row (sheet) of the header, when lines stood above it
    header_line: int | None = None

    @property
    def uncertain(self) -> bool:
        """True when the report has something the reader must check."""
        return bool(self.doubts)

    @property
    def rejected_count(self) -> int:
        return len(self.rejections)

    @property
    def rejected(self) -> list[Rejection]:
        """Every rejected row, in row order."""
        frame = self.rejections_frame()
        return [Rejection(int(r), _opt(c), _opt(v), str(why))
                for r, c, v, why in frame.itertuples(index=False, name=None)]

    def counts_by_reason(self) -> dict[str, int]:
        """Rejected rows per reason, most frequent first."""
        frame = self.rejections_frame()
        if frame.empty:
            return {}
        grouped = frame.groupby("reason", sort=False)["row"].agg(["size", "min"])
        grouped = grouped.sort_values(["size", "min"], ascending=[False, True])
        return {str(k): int(v) for k, v in grouped["size"].items()}

    def rejections_frame(self) -> pd.DataFrame:
        """The rejected rows as a frame (row, column, value, reason), sorted by row."""
        frame = self.rejections.loc[:, list(REJECTION_COLUMNS)]
        frame = frame.astype({c: "string" for c in REJECTION_COLUMNS[1:]})
        return frame.sort_values("row", kind="stable").reset_index(drop=True)

    # -- renderings ------------------------------------------------------------------------

    def to_dict(self, max_rejections: int | None = None) -> dict[str, Any]:
        """JSON-safe data; all rejections unless `max_rejections` caps them."""
        rejected = self.rejected
        if max_rejections is not None:
            rejected = rejected[:max_rejections]
        return {
            "file": self.file, "format": self.format, "size": int(self.size),
            "encoding": self.encoding, "delimiter": self.delimiter, "sheet": self.sheet,
            "rows_read": int(self.rows_read), "accepted": int(self.accepted),
            "volume_only": int(self.volume_only),
            "rejected": self.rejected_count, "table_rows": self.table_rows,
            "untagged": self.untagged, "rejections_by_reason": self.counts_by_reason(),
            "rejections": [r._asdict() for r in rejected],
            "warnings": list(self.warnings), "dates": list(self.dates),
            "mapping": self.mapping, "guessed": self.guessed,
            "not_found": list(self.not_found), "decisions": list(self.decisions),
            "doubts": list(self.doubts), "sentiment": self.sentiment,
            "unknown_lookup_values": dict(self.unknown),
            "read_as_missing": {c: dict(v) for c, v in self.missing.items()},
            "scores": self.scores, "set_apart": dict(self.set_apart),
            "layout": self.layout, "header_line": self.header_line}

    def to_text(self) -> str:
        """A readable report: counts, rejections by reason, warnings, then the mapping."""
        parts = [self._heading()]
        if self.doubts:
            parts.append("Check before you trust the figures:\n"
                         + "\n".join(f"  ! {d}" for d in self.doubts))
        parts.append(self._counts())
        if self.scores:
            parts.append("Scores:\n" + "\n".join(f"  {line}" for line in
                                                  describe(self.scores)))
        if self.missing:
            parts.append(self._missing_text())
        if self.rejected_count:
            parts.append(self._rejections_text())
        if self.unknown:
            shown = ", ".join(f"'{k}' ({v:,})" for k, v in list(self.unknown.items())[:20])
            more = f", and {len(self.unknown) - 20:,} more" if len(self.unknown) > 20 else ""
            parts.append("Touchpoint values the tagging table does not know (rows): "
                         f"{shown}{more}")
        if self.sentiment:
            # heavy: pyarrow, only when `to_text` runs
            from cxwidgets.evidence.sentiment import describe_check

            parts.append("Sentiment:\n" + "\n".join(f"  {line}" for line in
                                                      describe_check(self.sentiment)))
        if self.warnings:
            parts.append("Warnings:\n" + "\n".join(f"  - {w}" for w in self.warnings))
        if self.dates:
            parts.append("Dates:\n" + "\n".join(f"  {d}" for d in self.dates))
        parts.append(self._mapping_text())
        return "\n\n".join(parts) + "\n"

    def _heading(self) -> str:
        how = [_FORMAT_LABELS.get(self.format, self.format), human_size(self.size)]
        if self.layout:
            how.insert(0, f"{self.layout} export")
        if self.encoding:
            how.append(self.encoding)
        if self.delimiter:
            how.append(f"delimiter {_delimiter_name(self.delimiter)}")
        if self.sheet:
            how.append(f"sheet '{self.sheet}'")
        if self.header_line:
            how.append(f"header on {self._unit} {self.header_line}")
        return f"Feedback file: {self.file} ({', '.join(how)})"

    @property
    def _unit(self) -> str:
        return "line" if self.format == "csv" else "row"

    def _counts(self) -> str:
        """Rows of the file (read, accepted, rejected), then what tagging counts: the
        answers they became when a row holds several (one per touchpoint score), each
        number with its unit, so no two of different units stand side by side."""
        lines = [f"Rows read:  {self.rows_read:,}",
                 f"Accepted:   {self.accepted:,}"]
        if self.volume_only:
            lines[-1] += (f" ({self.volume_only:,} of them volume only: no text and no score, "
                          "counted in volumes and the channel mix)")
        lines.append(f"Rejected:   {self.rejected_count:,}")
        if self.set_apart:
            why = ", ".join(f"{n:,} {reason}" for reason, n in self.set_apart.items())
            lines.append(f"Set apart:  {sum(self.set_apart.values()):,} ({why})")
        answers = self.table_rows if self.table_rows is not None else self.accepted
        unit = "rows"
        if answers != self.accepted:
            unit = "answers"
            lines.append(f"Answers:    {answers:,} (the accepted rows' scores, one per "
                         "touchpoint question: what the figures and tagging count)")
        lines.append("Untagged:   not tagged yet" if self.untagged is None else
                     f"Untagged:   {self.untagged:,} of {answers:,} {unit} (no touchpoint "
                     "found)")
        return "\n".join(lines)

    def _missing_text(self) -> str:
        lines = ["Read as missing (spreadsheet error values, 'N/A'-like markers, spaces):"]
        for column, found in self.missing.items():
            shown = ", ".join(f"'{v}' {n:,}" for v, n in list(found.items())[:6])
            more = ", ..." if len(found) > 6 else ""
            lines.append(f"  {column}: {shown}{more}")
        return "\n".join(lines)

    def _rejections_text(self) -> str:
        where = (f", on {self._unit} {self.header_line + 1} of the "
                 f"{'file' if self.format == 'csv' else 'sheet'}" if self.header_line else "")
        lines = [f"Rejected rows (row 1 is the first row under the header{where}):"]
        frame = self.rejections_frame()
        for reason, count in self.counts_by_reason().items():
            mine = frame[frame["reason"] == reason].head(EXAMPLES_PER_REASON)
            shown = ", ".join(_example(r) for r in mine.itertuples(index=False))
            more = ", ..." if count > len(mine) else ""
            lines.append(f"  {reason}: {count:,} row{'s' if count != 1 else ''}: "
                         f"{shown}{more}")
        return "\n".join(lines)

    def _mapping_text(self) -> str:
        import yaml  # lazy: PyYAML, only when the mapping is shown

        lines = []
        if self.guessed is not None:
            found = ", ".join(f"{f} <- {why}" for f, why in self.guessed.items()) or "nothing"
            lines.append(f"The column mapping was guessed: {found}.")
            if self.not_found:
                lines.append(f"Not found: {', '.join(self.not_found)}.")
            if self.decisions:
                lines.append("How the guess decided:\n" + "\n".join(
                    f"  - {d}" for d in self.decisions))
        if not self.mapping:
            lines.append("Column mapping used: none, no column was recognised. Write one "
                         "naming the columns that hold the text and the score, e.g. "
                         "'columns: {text: Comment, score: Rating}', save it as a .yaml file "
                         "and pass it with --mapping.")
            return "\n".join(lines)
        body = yaml.safe_dump(self.mapping, sort_keys=False, allow_unicode=True,
                              width=10_000).strip()
        lines.append("Column mapping used (save it as a .yaml file, correct it, and pass it "
                     "with --mapping):")
        return "\n".join(lines) + "\n" + "\n".join(f"  {line}" for line in body.splitlines())


def _opt(value: Any) -> str | None:
    return None if value is None or value is pd.NA or value != value else str(value)


def _delimiter_name(delimiter: str) -> str:
    return {"\t": "tab", ",": "comma (,)", ";": "semicolon (;)", "|": "pipe (|)"}.get(
        delimiter, repr(delimiter))


def _example(rejection: Any) -> str:
    value = _opt(rejection.value)
    if value is not None and len(value) > _VALUE_WIDTH:
        value = value[: _VALUE_WIDTH - 3] + "..."
    column = _opt(rejection.column)
    if value is None:
        return f"row {rejection.row}" + (f" ({column} is empty)" if column else "")
    where = f"{column}: " if column else ""
    return f'row {rejection.row} ({where}"{value}")'
