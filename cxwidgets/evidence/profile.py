"""profile: what a column's values look like, and whether they fit a canonical field.

The guess proposes columns by their names; the values decide. A profile summarises one
column (how full, how many distinct values, how repetitive, numbers and their scale,
yes/no answers, sentiment labels, dates), and `misfit` says, with numbers, why a column
cannot serve a field: a score column that would reject a fifth of its rows, a text column
of eight canned sentences, a date column that is mostly not dates, a segment with a
different value on every row, an id whose values repeat, a column holding one value on
every row as a score, a date or a segment, a model's 0-1 confidence as a customer's score
or as sentiment. Pure: reads only the values it is given.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cached_property

import numpy as np
import pandas as pd

from cxwidgets.evidence.cells import clean_text, numbers
from cxwidgets.evidence.dates import parse_dates
from cxwidgets.evidence.questions import names_average
from cxwidgets.evidence.scales import Scale, infer_scale, is_two_valued, parse_scale
from cxwidgets.evidence.sentiment import is_label_column
from cxwidgets.evidence.wordscales import MAX_DISTINCT, Reading, read_column

#: Columns are profiled on at most this many rows (evenly spread over the file).
PROFILE_ROWS = 50_000
#: A score column may fail on at most this share of its values.
MAX_SCORE_REJECTS = 0.2
#: Header words of a model's confidence or probability: never a score or a feeling.
MODEL_WORDS = re.compile(r"\b(confidence|probability|probabilities|prob|proba|probs|"
                         r"certainty|conf|logit|logits)\b")
#: Header words of any model's output (a classifier's label, a sentiment model's score):
#: never a customer's rating; as sentiment only when the file has no customer score.
MADE_BY_MODEL = re.compile(r"\b(pred|preds|predicted|prediction|predictions|vader|bert|"
                           r"roberta|distilbert|textblob|flair|compound|classifier|"
                           r"classified|polarity|subjectivity|nlp|gpt|llm|transformer)\b")
#: Raw header shapes of a model's output: "sentiment_score_vader", "x_label_bert".
MODEL_SHAPE = re.compile(r"(?i)[a-z0-9]_(score|label|class|pred)_[a-z0-9]")
#: Longest a date or a code is written, on average ('2026-04-15T10:57:00.123456+02:00[Europe/
#: Paris]'): a column of longer values is not looked at as dates or codes.
DATE_LENGTH = 50
#: A code: one run of letters, digits and joining marks holding at least one digit.
_CODE = r"(?=[^\s]*\d)[\w\-:./#+]+"
#: A column of decimals with at least this many distinct values is a computed figure.
COMPUTED_DISTINCT = 20
LABEL_FIELDS = ("source", "channel", "touchpoint", "stage", "segment", "product")
#: Fields a column holding one value on every row can never be.
NEVER_CONSTANT = ("id", "timestamp", "score", "sentiment", "segment", "product",
                  "touchpoint", "stage")


@dataclass
class Profile:
    """One column's values, summarised (on up to PROFILE_ROWS rows)."""

    column: str
    norm: str
    rows: int
    values: pd.Series = field(repr=False)  # the non-empty cells
    counts: pd.Series = field(repr=False)  # distinct value -> rows, most common first

    @property
    def filled(self) -> int:
        return len(self.values)

    @property
    def distinct(self) -> int:
        return len(self.counts)

    @property
    def one_value(self) -> bool:
        return self.distinct == 1 and self.filled > 1

    @cached_property
    def worded(self) -> Reading | None:
        """How the column reads as a scale in words ('Very satisfied' ... 'Sehr
        unzufrieden'), when it is one (`wordscales`); None for numbers and texts."""
        if not 3 <= self.distinct <= MAX_DISTINCT:
            return None
        if numbers(pd.Series(self.counts.index, dtype="string")).notna().mean() > 0.5:
            return None
        return read_column([str(v) for v in self.counts.index],
                           [int(n) for n in self.counts], self.norm)

    @cached_property
    def numbers(self) -> pd.Series:
        """The distinct values read as numbers, weighted by their rows (NaN: not one);
        answers in words are their place on their scale."""
        values = pd.Series(self.counts.index, dtype="string")
        if self.worded is not None:
            return self.worded.read(values).set_axis(values.index)
        return numbers(values)

    @cached_property
    def numeric(self) -> float:
        """Share of the filled cells that are numbers."""
        if not self.filled:
            return 0.0
        return float(self.counts.to_numpy()[self.numbers.notna().to_numpy()].sum()
                     / self.filled)

    @cached_property
    def number_values(self) -> pd.Series:
        """Every filled number (one entry per row), for scales."""
        ok = self.numbers.notna().to_numpy()
        return pd.Series(np.repeat(self.numbers.to_numpy()[ok], self.counts.to_numpy()[ok]))

    @cached_property
    def scale(self) -> Scale | None:
        if self.worded is not None:
            return parse_scale(self.worded.scale)
        return infer_scale(self.number_values) if self.numeric >= 0.8 else None

    @property
    def low(self) -> float:
        return float(self.number_values.min())

    @property
    def high(self) -> float:
        return float(self.number_values.max())

    @cached_property
    def two_valued(self) -> bool:
        return 1 <= self.distinct <= 2 and is_two_valued(list(self.counts.index))

    @cached_property
    def labels(self) -> bool:
        return self.distinct <= 12 and is_label_column(list(self.counts.index))

    @cached_property
    def top10(self) -> float:
        """Share of the filled cells the ten most common values fill."""
        return float(self.counts.head(10).sum() / self.filled) if self.filled else 0.0

    @cached_property
    def mean_length(self) -> float:
        if not self.filled:
            return 0.0
        lengths = pd.Series(self.counts.index, dtype="string").str.len().to_numpy()
        return float((lengths * self.counts.to_numpy()).sum() / self.filled)

    @cached_property
    def mean_words(self) -> float:
        if not self.filled:
            return 0.0
        words = pd.Series(self.counts.index, dtype="string").str.count(r"\S+").to_numpy()
        return float((words * self.counts.to_numpy()).sum() / self.filled)

    @cached_property
    def dates(self) -> float:
        """Share of the filled cells read as dates (on up to 500 distinct values)."""
        head = self.counts.head(500)
        if head.empty:
            return 0.0
        values = pd.Series(head.index, dtype="string")
        digits = values.str.contains(r"\d", regex=True).fillna(False).to_numpy()
        if not digits.any():
            return 0.0  # every date the kit reads has a digit: words are parsed no further
        parsed = parse_dates(values[digits]).values.notna().to_numpy()
        return float(head.to_numpy()[digits][parsed].sum() / head.sum())

    @cached_property
    def codes(self) -> str | None:
        """An example when the column holds codes (ids, hashes, version numbers: one
        'word' with digits in it, in nine cells of ten), else None."""
        if not self.filled or self.mean_words > 1.1:
            return None
        values = pd.Series(self.counts.index, dtype="string")
        coded = values.str.fullmatch(_CODE).fillna(False).to_numpy()
        if self.counts.to_numpy()[coded].sum() < 0.9 * self.filled:
            return None
        return str(values[coded].iloc[0])

    @property
    def model_output(self) -> bool:
        """A model's confidence or probability: its name says so (unless it holds whole
        numbers past 1, a customer's answer to "What is the probability that ...?"), or
        it holds decimals between 0 and 1."""
        if self.numeric < 0.8 or self.number_values.empty:
            return bool(MODEL_WORDS.search(self.norm))
        values = self.number_values
        if MODEL_WORDS.search(self.norm):
            return not ((values % 1 == 0).all() and values.max() > 1)
        return bool(values.between(0, 1).all() and (values % 1 != 0).any())

    @cached_property
    def made_by_model(self) -> bool:
        """Any model's output, never a customer's rating: its name says a model made it
        ('vader_compound', 'bert_label', 'predicted_sentiment', 'x_score_y'), or it holds
        many distinct decimals between -1 and 1 (a compound score, a probability)."""
        if self.model_output or MADE_BY_MODEL.search(self.norm) or MODEL_SHAPE.search(
                self.column):
            return True
        if self.numeric < 0.8 or self.number_values.empty:
            return False
        values = self.number_values
        decimals = values[values % 1 != 0]
        return bool(values.between(-1, 1).all() and decimals.nunique() >= COMPUTED_DISTINCT)

    def filled_share(self) -> float:
        return self.filled / self.rows if self.rows else 0.0


def nps_shaped(p: Profile) -> bool:
    """Whole numbers from 0 to 10 that go past 5: how a recommend question is answered
    (a '1-5' scale or an average with decimals is not); a few strays outside 0-10 are
    typos, rejected row by row."""
    values = p.number_values
    if p.numeric < 0.8 or values.empty:
        return False
    inside = values.between(0, 10)
    return bool((values % 1 == 0).mean() >= 0.9 and inside.mean() >= 1 - MAX_SCORE_REJECTS
                and values[inside].max() > 5)


def another_scale_than_nps(p: Profile) -> bool:
    """Answers on another scale than NPS's 0-10, although the header asks NPS's question:
    numbers that stop at 5 (a five-point scale), or an average's decimals. (Values far
    outside 0-10 are not another scale: they are rejected as outside NPS.)"""
    values = p.number_values
    if p.numeric < 0.8 or values.empty:
        return False
    return bool(values.max() <= 5 or (values % 1 != 0).mean() >= 1 / 3)


def computed(p: Profile) -> bool:
    """A figure computed over many answers (an average), never one customer's own score:
    its header says average, or a third of its values have decimals."""
    if names_average(p.column):
        return True
    values = p.number_values
    return p.numeric >= 0.8 and not values.empty and bool((values % 1 != 0).mean() >= 1 / 3)


def profiles(frame: pd.DataFrame, norms: dict[str, str]) -> dict[str, Profile]:
    """A profile per column, on up to PROFILE_ROWS evenly spread rows."""
    rows = len(frame)
    step = max(1, -(-rows // PROFILE_ROWS))
    sample = frame.iloc[::step] if step > 1 else frame
    out = {}
    for column in frame.columns:
        values = clean_text(sample[column]).dropna()
        counts = values.value_counts(sort=True)
        out[column] = Profile(column, norms[column], len(sample), values, counts)
    return out


def misfit(field_name: str, p: Profile, named: Scale | None = None) -> str | None:
    """Why column `p` cannot be `field_name`, with numbers; None when it fits. `named`:
    the scale a score column's header states."""
    if not p.filled:
        return "empty on every row"
    if p.rows >= 100 and p.filled_share() < 0.01:
        return f"empty on {1 - p.filled_share():.0%} of the rows"
    if p.one_value and field_name in NEVER_CONSTANT:
        return f"one value on every row ({_show(p.counts.index[0])})"
    if field_name == "score":
        return score_misfit(p, named)
    check = _CHECKS.get(field_name)
    return check(p) if check else None


def _show(value: object, width: int = 40) -> str:
    text = str(value)
    return f"'{text if len(text) <= width else text[: width - 3] + '...'}'"


def _id(p: Profile) -> str | None:
    if p.distinct < 0.9 * p.filled:
        return f"values repeat: {p.distinct:,} distinct of {p.filled:,}"
    return None


def _timestamp(p: Profile) -> str | None:
    if p.numeric >= 0.8 and p.scale is not None:
        return "small numbers, not dates"
    share = p.dates
    if share < 0.5:
        return f"only {share:.0%} of its values read as dates"
    return None


def score_misfit(p: Profile, named: Scale | None = None) -> str | None:
    """Why a column is no customer score (two-valued answers fit). `named`: the scale its
    header states ("NPS", "(1-5)"), which holds when at most a fifth of the values fall
    outside it."""
    if p.two_valued:
        return None
    if p.model_output:
        return ("a model's confidence or probability (decimals between 0 and 1), not a "
                "customer's score")
    if p.made_by_model:
        return "a model's output, not a customer's score"
    if p.numeric < 1 - MAX_SCORE_REJECTS:
        return f"{1 - p.numeric:.0%} of its values are not numbers"
    if named is not None and not named.two_valued:
        values = p.number_values
        outside = int(((values < named.low) | (values > named.high)).sum()) + (
            p.filled - len(values))
        if outside > MAX_SCORE_REJECTS * p.filled:
            return f"{outside:,} of {p.filled:,} values are outside {named.label}"
        return None
    if p.scale is None:
        return f"values {p.low:g} to {p.high:g} fit no score scale"
    return None


def _sentiment(p: Profile) -> str | None:
    if p.labels:
        return None
    if p.numeric >= 0.95:
        low, high = p.low, p.high
        if p.model_output or (low >= 0 and high <= 1):
            return (f"{low:g} to {high:g}: a confidence or probability, not a feeling")
        if low < 0 < high and low >= -1 and high <= 1:
            return None
        return f"values {low:g} to {high:g} do not run from negative to positive"
    return "neither sentiment labels nor numbers"


def _text(p: Profile) -> str | None:
    if p.numeric >= 0.8:
        return "numbers, not words"
    if p.mean_length <= DATE_LENGTH and p.dates >= 0.5:
        return f"dates, not words: {p.dates:.0%} of its values read as dates"
    code = p.codes if p.mean_length <= DATE_LENGTH else None
    if code is not None:
        return f"codes, not words, such as {_show(code)}"
    if p.distinct < 20 and p.distinct < 0.5 * p.filled:
        return f"{p.distinct:,} distinct values"
    if p.filled >= 50 and p.top10 > 0.5:
        return f"mostly the same sentences: the 10 most common fill {p.top10:.0%} of it"
    return None


def _label(p: Profile) -> str | None:
    if p.worded is not None and p.scale is not None:
        return f"answers on a {p.scale.label} scale, in words, not names"
    if p.numeric >= 0.9 and p.distinct > 20:
        return "numbers, not names"
    if p.mean_words > 8:
        return f"long texts ({p.mean_words:.0f} words on average), not names"
    if p.filled >= 20 and p.distinct > 0.5 * p.filled:
        return (f"a different value on almost every row ({p.distinct:,} distinct of "
                f"{p.filled:,})")
    if p.distinct > 300:
        return f"{p.distinct:,} distinct values: too many to compare"
    return None


_CHECKS = {"id": _id, "timestamp": _timestamp, "sentiment": _sentiment, "text": _text,
           **{f: _label for f in LABEL_FIELDS}}


def fits_as(field_name: str, p: Profile) -> str:
    """What makes `p` a good `field_name`, in a few words with numbers, for the report."""
    if field_name == "text":
        return f"{p.distinct:,} distinct of {p.rows:,}"
    if field_name == "id":
        return f"{p.distinct:,} distinct of {p.filled:,}"
    if field_name == "timestamp":
        return f"{p.dates:.0%} read as dates"
    if field_name == "sentiment" and p.labels:
        return "labels: " + ", ".join(f"{k} {v:,}" for k, v in p.counts.items())
    if field_name == "sentiment":
        return f"numbers from {p.low:g} to {p.high:g}"
    if field_name == "score":
        return "yes/no answers" if p.two_valued else f"values {p.low:g} to {p.high:g}"
    return f"{p.distinct:,} value{'s' if p.distinct != 1 else ''}"
