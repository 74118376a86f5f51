"""guess: propose a column mapping from an export's column names and a few of its values.

Header names are compared case-, space- and punctuation-blind with synonyms per canonical
field ("Customer comment" -> text, "Submitted at" -> timestamp, "How likely are you to
recommend us?" -> score). The score type comes from the score column's name (NPS,
recommend -> nps; CSAT, satisfied -> csat; stars, rating -> rating) or from its values
(0..10 -> nps). Wide exports, with one numeric column per touchpoint ("Q3 Delivery (1-5)",
or columns named after known touchpoints), get a `wide` proposal. A guess is a proposal:
the report says which fields were guessed from which column, and which were not found, so
the user can confirm or correct it. Pure: reads only the frame it is given.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, field

import pandas as pd

from cxwidgets.evidence.mapping import ColumnMapping
from cxwidgets.evidence.readers import MISSING
from cxwidgets.evidence.schema import MAPPABLE, ScoreType

#: Header words per canonical field, best first; compared after `normalise_name`. The
#: last few of each are common French, German, Spanish and Dutch headers.
SYNONYMS: dict[str, tuple[str, ...]] = {
    "id": ("id", "response id", "respondent id", "review id", "ticket id", "ticket number",
           "case id", "case number", "record id", "feedback id", "comment id", "uuid",
           "reference"),
    "timestamp": ("timestamp", "date", "created at", "created", "submitted at", "submitted",
                  "submission date", "date submitted", "response date", "review date",
                  "datetime", "date time", "time", "recorded date", "end date", "start date",
                  "opened", "posted", "when", "datum", "fecha", "date de creation"),
    "source": ("source", "feedback source", "data source", "origin"),
    "channel": ("channel", "platform", "medium", "via", "contact channel"),
    "touchpoint": ("touchpoint", "touch point", "category", "topic", "question", "subject",
                   "area", "theme", "feature", "aspect"),
    "stage": ("stage", "journey stage", "phase", "step"),
    "segment": ("segment", "customer type", "customer segment", "persona", "customer group",
                "customer tier", "tier", "audience", "kundentyp", "type de client"),
    "product": ("product", "plan", "box", "service", "product name", "subscription", "sku",
                "produit", "produkt", "producto", "abonnement"),
    "score": ("score", "rating", "stars", "star rating", "csat", "nps", "satisfaction",
              "satisfied", "likely recommend", "likelihood recommend", "recommend", "grade",
              "note", "bewertung", "sterne", "etoiles", "puntuacion", "valoracion", "cijfer"),
    "score_type": ("score type", "rating type", "metric", "scale"),
    "sentiment": ("sentiment", "sentiment score", "polarity"),
    "text": ("text", "comment", "comments", "review", "review text", "feedback", "message",
             "verbatim", "body", "content", "response", "answer", "description", "remarks",
             "notes", "what could we do better", "anything else", "tell us", "why",
             "commentaire", "avis", "kommentar", "bemerkung", "comentario", "opmerking"),
}
#: Header words that say what kind of score a column holds.
SCORE_TYPE_WORDS: tuple[tuple[str, ScoreType], ...] = (
    (r"\bnps\b|recommend", ScoreType.nps),
    (r"\bcsat\b|satisf", ScoreType.csat),
    (r"\bstars?\b|rating|rated", ScoreType.rating),
)
#: A header that names a per-question score: "Q3 Delivery (1-5)", "Delivery score".
_WIDE_HEADER = re.compile(r"^q ?\d+\b|\b\d+ ?(?:-|to) ?\d+\b|\b(?:score|rating|rated|stars)\b")
_SCALE = re.compile(r"\(?\b(\d+) ?(?:-|to|–) ?(\d+)\b\)?")
_NUMBERS = ("score", "sentiment")
#: Sample size used for value-based guesses.
SAMPLE_ROWS = 500


def normalise_name(name: str) -> str:
    """'Customer_Comment (free text)' -> 'customer comment free text'; 'createdAt' ->
    'created at'; 'Date de création' -> 'date de creation'."""
    spaced = re.sub(r"(?<=[a-z])(?=[A-Z])", " ", str(name))
    plain = "".join(c for c in unicodedata.normalize("NFKD", spaced)
                    if not unicodedata.combining(c))
    return " ".join(re.findall(r"[0-9a-z]+", plain.casefold()))


@dataclass
class Guess:
    """A proposed mapping and how it was arrived at, for the report."""

    mapping: ColumnMapping
    guessed: dict[str, str] = field(default_factory=dict)   # field -> where it came from
    not_found: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)


def guess_mapping(frame: pd.DataFrame, touchpoints: Iterable[str] | None = None) -> Guess:
    """Propose a ColumnMapping for a frame of text cells (as the readers return)."""
    sample = frame.head(SAMPLE_ROWS)
    numeric = {c for c in frame.columns if _numeric_share(sample[c]) >= 0.8}
    wide, odd = _guess_wide(list(frame.columns), numeric, list(touchpoints or ()))
    notes = [f"column '{c}' holds another kind of score ({k.value}) than the other "
             "per-touchpoint columns, so it was left out: map it in a second pass with "
             f"columns: {{score: '{c}'}} and score_type: {k.value}" for c, k in odd.items()]
    columns = _by_name(sample, exclude=set(wide) | set(odd), numeric=numeric)
    if wide:
        dropped = [columns.pop(f) for f in ("score", "touchpoint") if f in columns]
        notes += [f"column '{c}' was left out: the per-touchpoint score columns give each "
                  "row its score and touchpoint; map it in a second pass to use it"
                  for c in dropped]
    guessed = {f: f"column '{c}'" for f, c in columns.items()}
    _by_values(sample, columns, guessed, numeric)
    score_type, why = _guess_score_type(columns.get("score"), wide, sample)
    if score_type and "score_type" not in columns:
        guessed["score_type"] = f"{score_type.value}, {why}"
    if wide:
        guessed["wide"] = f"{len(wide)} score columns, one per touchpoint"
    order = [*MAPPABLE, "wide"]
    guessed = dict(sorted(guessed.items(), key=lambda item: order.index(item[0])))
    columns = dict(sorted(columns.items(), key=lambda item: order.index(item[0])))
    mapping = ColumnMapping(columns=columns, score_type=score_type, wide=wide)
    wanted = [f for f in MAPPABLE if f not in columns and f not in ("sentiment",)]
    if wide:
        wanted = [f for f in wanted if f not in ("score", "touchpoint")]
    if score_type:
        wanted = [f for f in wanted if f != "score_type"]
    if not ("text" in columns or "score" in columns or wide):
        notes.append("found no column for the feedback text or a score: say which columns "
                     "hold them in a column mapping")
    return Guess(mapping=mapping, guessed=guessed, not_found=wanted, notes=notes)


def _by_name(sample: pd.DataFrame, exclude: set[str], numeric: set[str]) -> dict[str, str]:
    """Best column per field by header name; each column serves one field at most.

    Scores and sentiments must hold numbers; the text must not, and between equally good
    names for the text, the column with the longer values wins.
    """
    candidates = []
    for column in sample.columns:
        if column in exclude:
            continue
        norm = normalise_name(column)
        for f, words in SYNONYMS.items():
            if (f in _NUMBERS) != (column in numeric) and f in (*_NUMBERS, "text"):
                continue
            for rank, word in enumerate(words):
                strength = _strength(norm, word)
                if strength:
                    longer = -_mean_length(sample[column]) if f == "text" else 0.0
                    candidates.append((-strength, rank, longer, MAPPABLE.index(f), f, column))
    columns: dict[str, str] = {}
    used: set[str] = set()
    for *_, f, column in sorted(candidates):
        if f not in columns and column not in used:
            columns[f] = column
            used.add(column)
    return columns


def _strength(norm: str, word: str) -> int:
    """3: the header is the word; 2: it starts or ends with it; 1: it holds it; 0: no."""
    if norm == word:
        return 3
    if norm.startswith(word + " ") or norm.endswith(" " + word):
        return 2
    pattern = r"\b" + r"\b.*\b".join(map(re.escape, word.split())) + r"\b"
    return 1 if re.search(pattern, norm) else 0


def _mean_length(values: pd.Series) -> float:
    length = values.dropna().str.len().mean()
    return 0.0 if pd.isna(length) else float(length)


def _numeric_share(values: pd.Series) -> float:
    present = values.dropna().str.strip()
    present = present[present.ne("") & ~present.str.lower().isin(MISSING)]
    if present.empty:
        return 0.0
    numbers = pd.to_numeric(present.str.replace(",", ".", regex=False), errors="coerce")
    return float(numbers.notna().mean())


def _by_values(sample: pd.DataFrame, columns: dict[str, str], guessed: dict[str, str],
               numeric: set[str]) -> None:
    """Text and timestamp from the values when no header named them."""
    free = [c for c in sample.columns if c not in columns.values()]
    if "text" not in columns:
        lengths = {c: _mean_length(sample[c]) for c in free if c not in numeric}
        lengths = {c: v for c, v in lengths.items() if v >= 20}
        if lengths:
            best = max(lengths, key=lambda c: lengths[c])
            columns["text"] = best
            guessed["text"] = f"column '{best}' (the longest free text)"
            free.remove(best)
    if "timestamp" not in columns:
        from cxwidgets.evidence.dates import parse_dates

        for c in free:
            present = sample[c].dropna()
            if len(present) and parse_dates(present).values.notna().mean() >= 0.8:
                columns["timestamp"] = c
                guessed["timestamp"] = f"column '{c}' (its values are dates)"
                break


def _guess_wide(names: list[str], numeric: set[str], touchpoints: list[str],
                ) -> tuple[dict[str, str], dict[str, ScoreType]]:
    """Numeric columns that look like one score per touchpoint -> their touchpoint.

    Columns whose header names a different kind of score than most of the others (an NPS
    question among 1-5 ratings) are left out, and returned with their kind.
    """
    known = {normalise_name(t): t for t in touchpoints if normalise_name(t)}
    wide: dict[str, str] = {}
    for column in names:
        norm = normalise_name(column)
        if column not in numeric or not norm:
            continue
        match = next((t for k, t in known.items() if re.search(rf"\b{re.escape(k)}\b", norm)),
                     None)
        if match is None and _WIDE_HEADER.search(norm) and _label(column):
            match = _label(column)
        if match is not None:
            wide[column] = match
    kinds = {c: _header_score_type(c)[0] for c in wide}
    named = [k for k in kinds.values() if k is not None]
    usual = max(set(named), key=named.count) if named else None
    odd = {c: k for c, k in kinds.items() if k is not None and k != usual}
    wide = {c: t for c, t in wide.items() if c not in odd}
    single = [c for c in wide if normalise_name(c) in SYNONYMS["score"]]
    if len(wide) - len(single) < 2:
        return {}, {}
    return wide, odd


def _label(column: str) -> str:
    """'Q3 Delivery (1-5)' -> 'Delivery': a touchpoint name from a question header."""
    text = _SCALE.sub(" ", str(column))
    text = re.sub(r"^\s*[Qq] ?\d+[a-z]?\b[.:)\-]*", " ", text)
    text = re.sub(r"(?i)\b(score|rating|rated|stars|satisfaction with|satisfaction|how "
                  r"satisfied were you with|csat|nps)\b", " ", text)
    return " ".join(re.sub(r"[^\w&' -]+", " ", text).split()).strip(" -")


def _header_score_type(header: str) -> tuple[ScoreType | None, str]:
    """The score type a header names ('NPS', 'Stars') or whose scale it gives ('(0-10)')."""
    norm = normalise_name(header)
    for pattern, kind in SCORE_TYPE_WORDS:
        if re.search(pattern, norm):
            return kind, f"from the header '{header}'"
    scale = _SCALE.search(str(header))
    if scale and scale.groups() == ("0", "10"):
        return ScoreType.nps, f"from the scale in '{header}'"
    if scale and scale.groups() == ("1", "5"):
        return ScoreType.rating, f"from the scale in '{header}'"
    return None, ""


def _guess_score_type(score_column: str | None, wide: dict[str, str],
                      sample: pd.DataFrame) -> tuple[ScoreType | None, str]:
    """Score type from the score column's header, else from its values."""
    headers = [score_column] if score_column else list(wide)
    for header in headers:
        kind, why = _header_score_type(header)
        if kind is not None:
            return kind, why
    if not headers:
        return None, ""
    values = pd.concat([pd.to_numeric(sample[h].str.replace(",", ".", regex=False),
                                      errors="coerce") for h in headers]).dropna()
    if values.empty:
        return None, ""
    low, high = values.min(), values.max()
    if low >= 0 and (5 < high <= 10 or low == 0) and high <= 10:
        return ScoreType.nps, f"from the values ({low:g} to {high:g}: a 0-10 scale)"
    if low >= 1 and high <= 5:
        return ScoreType.rating, f"from the values ({low:g} to {high:g}: a 1-5 scale)"
    return None, ""
