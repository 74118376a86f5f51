"""selfcheck: a guessed mapping is read with, and doubted when it loses the file.

A guess is made from names and a sample of values; whether it fits shows only when every
row is checked with it. So after guessing, the file is ingested with the guess. When that
would reject more than `MAX_LOSS` of the rows (duplicates aside: dropping repeats is what
a right mapping does), the guess is almost surely wrong somewhere: the columns that lost
the most rows are tried out of the mapping, and the next candidates for their fields in
(a date column for the date, another score column for the score), each ingested in turn.
The mapping that keeps the most rows is kept, and the report says, first, what the first
guess would have lost, what was tried and what was kept, with numbers. Pure: reads only
the table it is given.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING, Protocol, TypeVar

from cxwidgets.evidence.cells import clean_text, numbers
from cxwidgets.evidence.guess import Guess, guess_mapping, header_scale
from cxwidgets.evidence.mapping import ColumnMapping
from cxwidgets.evidence.readers import RawTable
from cxwidgets.evidence.scales import infer_scale

if TYPE_CHECKING:
    from cxwidgets.evidence.report import ValidationReport

#: A guess that would reject more than this share of the rows is doubted and tried again.
MAX_LOSS = 0.05
#: Fewer lost rows than this say nothing about the mapping (a typo or two in a small file).
MIN_LOSS = 10
#: Rounds of trying: each may take one more column out or change one more field.
ROUNDS = 3
#: Columns looked at per round, those that lost the most rows first.
CULPRITS = 2
#: Rejections that a right mapping makes too: they do not count as losses.
NOT_LOSSES = ("duplicate of an earlier row",)


@dataclass(frozen=True)
class Trial:
    """One mapping tried: what it is called in the report and the rows it would lose."""

    what: str
    mapping: ColumnMapping
    lost: int
    reason: str


class Ingestion(Protocol):
    """A file ingested with one mapping (`ingest.Ingested`, which sits above this module):
    its report is all this module reads, and adds to."""

    @property
    def report(self) -> ValidationReport: ...


D = TypeVar("D", bound=Ingestion)


def losses(done: Ingestion) -> tuple[int, str]:
    """Rows a mapping would reject (repeats aside), and its main reason in the report's
    words ("'vader' as the score: score outside 1-5 for rating")."""
    frame = done.report.rejections_frame()
    frame = frame[~frame["reason"].isin(NOT_LOSSES)]
    if frame.empty:
        return 0, ""
    top = frame.groupby(["column", "reason"], dropna=False).size().sort_values(
        ascending=False)
    (column, reason), _ = next(iter(top.items()))
    where = f"'{column}': " if isinstance(column, str) else ""
    return len(frame), f"{where}{reason}"


def culprits(done: Ingestion, mapping: ColumnMapping) -> list[str]:
    """The mapped input columns that lost the most rows, most first."""
    frame = done.report.rejections_frame()
    frame = frame[~frame["reason"].isin(NOT_LOSSES)].dropna(subset=["column"])
    sources = mapping.sources() | set(mapping.columns.values())
    named = [c for c in frame["column"].value_counts().index if c in sources]
    text = " + ".join(mapping.text_parts)
    if text and text in set(frame["column"]):
        named.append(mapping.columns["text"])
    return named[:CULPRITS]


def field_of(mapping: ColumnMapping, column: str) -> str | None:
    """The canonical field an input column fills in a mapping ('wide' for a per-touchpoint
    score column)."""
    if column in mapping.wide:
        return "wide"
    return next((f for f, c in mapping.columns.items() if c == column), None)


def without(mapping: ColumnMapping, column: str) -> ColumnMapping:
    """The mapping with one input column taken out of whatever it filled."""
    data = mapping.model_dump()
    wide = {c: t for c, t in data["wide"].items() if c != column}
    data["wide"] = wide if len(wide) >= 2 else {}
    data["columns"] = {f: c for f, c in data["columns"].items() if c != column}
    if data["columns"].get("text") is None or column in data["text_parts"]:
        data["text_parts"], data["placeholders"] = [], []
    if "score" not in data["columns"] and not data["wide"]:
        data["score_type"], data["scales"] = None, {}
    data["scales"] = {c: k for c, k in data["scales"].items()
                      if c != column and (c in data["wide"] or c == data["columns"].get(
                          "score"))}
    return ColumnMapping.model_validate(data)


def with_field(mapping: ColumnMapping, field: str, column: str) -> ColumnMapping:
    """The mapping with another input column for one field (and its own scale for a score,
    judged again when the mapping is read)."""
    data = mapping.model_dump()
    data["columns"] = {f: c for f, c in data["columns"].items() if c != column}
    data["columns"][field] = column
    data["wide"] = {c: t for c, t in data["wide"].items() if c != column}
    if field == "score":
        data["score_type"] = None
        data["scales"] = {}
    if field == "text":
        data["text_parts"], data["placeholders"] = [], []
    return ColumnMapping.model_validate(data)


def alternatives(guess: Guess, mapping: ColumnMapping, columns: Iterable[str]
                 ) -> list[tuple[str, ColumnMapping]]:
    """Mappings to try: the next candidates for each culprit column's field, then the
    column out (at equal losses the first tried wins: another column for the field keeps
    more of what the file says than none)."""
    out: list[tuple[str, ColumnMapping]] = []
    for column in columns:
        field = field_of(mapping, column)
        if field is None or field == "wide":
            out.append((f"without '{column}'", without(mapping, column)))
            continue
        for other in guess.candidates.get(field, []):
            if other != column and other not in mapping.sources():
                try:
                    out.append((f"'{other}' as the {field}",
                                _scaled(with_field(mapping, field, other), field, other)))
                except ValueError:
                    continue
        out.append((f"without '{column}'", without(mapping, column)))
    return out


def _scaled(mapping: ColumnMapping, field: str, column: str) -> ColumnMapping:
    """A score column tried in place of another gets the scale its own values say."""
    if field != "score":
        return mapping

    named, _ = header_scale(column)
    return mapping.model_copy(update={"score_type": named}) if named else mapping


def checked(raw: RawTable, touchpoints: Iterable[str] | None,
            run_ingest: Callable[[RawTable, ColumnMapping, Guess], D]) -> tuple[Guess, D]:
    """The guessed mapping for `raw`, checked on every row and tried again when it loses
    the file; returns (the guess kept, the file ingested with it). `run_ingest` reads the
    file with one mapping: the ingest passes its own, which sits above this module."""
    kept = raw.frame if raw.set_apart is None else raw.frame.loc[raw.set_apart.isna()
                                                                 .to_numpy()]
    guess = guess_mapping(kept, touchpoints, raw.labels, raw.metadata)
    done = run_ingest(raw, guess.mapping, guess)
    rows = raw.rows_read
    lost, reason = losses(done)
    if not rows or lost <= MAX_LOSS * rows or lost < MIN_LOSS:
        return guess, done
    first = Trial("the first guess", guess.mapping, lost, reason)
    best, best_done = first, done
    tried: list[Trial] = []
    for _ in range(ROUNDS):
        improved = False
        for what, mapping in alternatives(guess, best.mapping, culprits(best_done,
                                                                        best.mapping)):
            mapping = _typed_scores(mapping, raw)
            if any(t.mapping == mapping for t in [first, *tried]):
                continue
            attempt = run_ingest(raw, mapping, guess)
            lost, reason = losses(attempt)
            trial = Trial(what, mapping, lost, reason)
            tried.append(trial)
            if better(trial, best, rows):
                best, best_done, improved = trial, attempt, True
        if not improved or best.lost <= MAX_LOSS * rows:
            break
    kept = replace(guess, mapping=best.mapping)
    said = _said(first, best, tried, rows)
    final = best_done
    final.report.doubts.insert(0, said)
    final.report.decisions.append(said)
    return kept, final


def better(trial: Trial, best: Trial, rows: int) -> bool:
    """A mapping beats another when it loses clearly fewer rows: under the limit, or at
    most half as many. Taking a column out always loses what it said, so a small gain
    does not pay for that."""
    return trial.lost < best.lost and (trial.lost <= MAX_LOSS * rows
                                       or trial.lost <= best.lost / 2)


def _typed_scores(mapping: ColumnMapping, raw: RawTable) -> ColumnMapping:
    """A score column without a scale gets the one its values say (1-10, 0-100 ...)."""
    if "score" not in mapping.columns or mapping.score_type:
        return mapping

    values = numbers(clean_text(raw.frame[mapping.columns["score"]]).dropna())
    scale = infer_scale(values)
    return mapping.model_copy(update={"score_type": scale.name}) if scale else mapping


def _said(first: Trial, best: Trial, tried: list[Trial], rows: int) -> str:
    def share(n: int) -> str:
        return f"{n:,} of {rows:,} rows ({n / rows:.0%})"

    others = "; ".join(f"{t.what}: {t.lost:,} rejected" for t in tried[:6])
    if best is first:
        return (f"The guessed mapping would reject {share(first.lost)} ({first.reason}), "
                f"and no other mapping tried does better ({others}): check the mapping "
                "below and correct it.")
    return (f"The first guess would have rejected {share(first.lost)} ({first.reason}), so "
            f"other mappings were tried ({others}); kept {best.what}, which rejects "
            f"{best.lost:,}. Check the mapping below.")
