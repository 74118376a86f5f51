"""Sentiment: from what the file already says first, from the text model last.

Each row's sentiment (-1 very negative .. +1 very positive) comes from, in this order:

* a **label** the file gives (`read_labels`: positive / neutral / negative in any spelling
  or case, pos / neg, 1 / 0 / -1, or a number from -1 to 1 from the source's own tool);
* its **score** (`from_score`: the bottom of the scale is -1, the top +1), for rows with
  a score and no label;
* the **text** model, VADER, only for rows with neither. VADER reads words, punctuation,
  capitals and emoji offline, but not whom a post is addressed to: "@united my flight was
  delayed" reads as positive because "united" is a happy word. So before it reads a text,
  @handles, #hashtags, links and the names of the company and its products (the mapping's
  `company_names`) are taken out (`for_the_model`).

`sentiment_from` records which of the three each row's sentiment came from. Where rows
carry labels (or, failing labels, scores) and text, `check_text_model` measures how often
the text model agrees with them, per class, so the report can say how far to trust the
rows that only the text model read. Feedback repeats a lot, so every distinct text is
cleaned and scored once and the result spread back over its rows.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import lru_cache
from typing import TYPE_CHECKING, Any

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from cxwidgets.evidence.cells import recode
from cxwidgets.evidence.languages import counts as by_language
from cxwidgets.evidence.languages import detect, for_the_text_model
from cxwidgets.evidence.scales import polarity
from cxwidgets.evidence.schema import SENTIMENT_RANGE, normalise
from cxwidgets.evidence.vader import FastVader

if TYPE_CHECKING:
    from cxwidgets.evidence.vader import FastVader

LABEL, SCORE, TEXT = "label", "score", "text"
#: The text model's neutral band (VADER's own): at or below -0.05 negative, at or above
#: +0.05 positive.
NEUTRAL_BAND = 0.05
CLASSES = ("negative", "neutral", "positive")
_LABEL = re.compile(r"^(?:(very|extremely|strongly|mostly)|(somewhat|slightly|rather))?\s*"
                    r"(negative|neg|neutral|neut|neu|positive|pos)$")
_SIGN = {"negative": -1.0, "neg": -1.0, "neutral": 0.0, "neut": 0.0, "neu": 0.0,
         "positive": 1.0, "pos": 1.0}
_NOISE = r"https?://\S+|www\.\S+|[@#][\w_]+"
#: Words left after a company name that are part of it ("Harbor Trust Bank, N.A.").
_LEGAL = re.compile(r"(?i)[,\s]+(?:n\.?a\.?|inc\.?|ltd\.?|llc|plc|corp\.?|co\.?|gmbh|s\.?a\.?|"
                    r"b\.?v\.?|limited|group)\s*$")
_GENERIC = re.compile(r"(?i)\s+(?:bank|airlines?|airways|air|group|company|stores?|shop)$")


def read_labels(values: pd.Series) -> pd.Series:
    """Sentiment labels as numbers: -1, 0, +1 (±0.5 for 'somewhat'); NaN for anything else.

    Numbers are not read here (`ingest` reads them as numbers first).
    """
    codes, distinct = pd.factorize(values)
    read = [_label(str(v)) for v in distinct] + [np.nan]
    return pd.Series(np.array(read, dtype="float64")[codes], index=values.index)


def _label(text: str) -> float:
    key = re.sub(r"[^\w\s]", " ", text.casefold()).strip()
    found = _LABEL.match(" ".join(key.split()))
    if not found:
        return np.nan
    sign = _SIGN[found.group(3)]
    return sign * 0.5 if found.group(2) else sign


def is_label_column(distinct: Iterable[str]) -> bool:
    """True when every distinct value is a sentiment label word and they hold two kinds."""
    read = {_label(str(v)) for v in distinct}
    return bool(read) and not any(np.isnan(v) for v in read) and len(read) >= 2


def name_variants(names: Iterable[str]) -> list[str]:
    """Each company name and its core ('Harbor Trust Bank, N.A.' -> 'Harbor Trust')."""
    out: list[str] = []
    for name in names:
        name = " ".join(str(name).split())
        core = _GENERIC.sub("", _LEGAL.sub("", name)).strip(" ,")
        for variant in (name, _LEGAL.sub("", name).strip(" ,"), core):
            if len(variant) >= 2 and variant.casefold() not in {v.casefold() for v in out}:
                out.append(variant)
    return sorted(out, key=len, reverse=True)  # longest first: the whole name before its core


def for_the_model(texts: pd.Series, names: Iterable[str] = ()) -> pd.Series:
    """Texts without @handles, #hashtags, links and company names, spaces tidied."""
    arr = pa.array(texts.astype("string[pyarrow]").array)
    pattern = _NOISE
    variants = name_variants(names)
    if variants:
        words = "|".join(_bounded(v) for v in variants)
        pattern = rf"{_NOISE}|(?i:{words})"
    arr = pc.replace_substring_regex(arr, pattern, " ")
    arr = pc.utf8_trim_whitespace(pc.replace_substring_regex(arr, r"\s+", " "))
    return pd.Series(pd.arrays.ArrowStringArray(arr), index=texts.index, copy=False)


def _bounded(name: str) -> str:
    """A pattern for a name as a whole word ('s included), spaces matching any spaces."""
    body = re.escape(name).replace(r"\ ", r"\s+")
    start = r"\b" if re.match(r"\w", name) else ""
    end = r"(?:'s)?\b" if re.search(r"\w$", name) else ""
    return f"{start}{body}{end}"


@lru_cache(maxsize=1)
def _analyzer() -> FastVader:
    return FastVader()


def score_sentiment(texts: pd.Series, names: Iterable[str] = ()) -> pd.Series:
    """The text model's score per text (float64, same index); NaN where the text is empty.

    Texts that differ only in surrounding spaces (or in the handles, links and names taken
    out) count as the same text and are scored once.
    """
    codes, distinct = pd.factorize(texts.astype("string").str.strip().replace("", pd.NA))
    cleaned = for_the_model(pd.Series(distinct, dtype="string"), list(names))
    again, unique = pd.factorize(cleaned)
    analyzer = _analyzer()
    scores = np.array([analyzer.polarity_scores(t)["compound"] for t in unique] + [0.0],
                      dtype="float64")  # a text that was nothing but handles reads neutral
    per_distinct = np.append(scores[again], np.nan)  # the last slot: missing text (code -1)
    low, high = SENTIMENT_RANGE
    return pd.Series(np.clip(per_distinct[codes], low, high), index=texts.index,
                     dtype="float64", name="sentiment")


#: The weakest sentiment a negative or positive score gets, clear of the neutral band.
WEAKEST = 0.2


def from_score(table: pd.DataFrame) -> pd.Series:
    """Sentiment that follows the score: bottom of the scale -1, top +1, NaN without one;
    its sign follows the scale's own bands (an NPS of 6 is a detractor: negative; 7 and 8
    are passives: neutral)."""
    linear = normalise(table["score"], table["score_type"]) * 2 - 1
    sign = polarity(table["score"], table["score_type"])
    strength = np.maximum(linear.abs().to_numpy(), WEAKEST)
    return pd.Series(sign.to_numpy() * strength, index=table.index, dtype="float64")


def fill_sentiment(table: pd.DataFrame, names: Iterable[str] = (),
                   read: bool = True) -> pd.DataFrame:
    """A copy of a canonical table with every row's sentiment, where it came from and the
    language of its text.

    Sentiment the file gave is kept (label); rows without it follow their score (score);
    only rows with neither and some text in English (`languages.for_the_text_model`) are
    read by the English text model (text). Texts in other languages without a label or
    score have no sentiment: the report counts them by language. `read=False` only marks
    the rows the text model would read (their sentiment stays NaN), for a caller that
    needs the report and not the table, such as `cxwidgets evidence`.
    """
    sentiment = table["sentiment"].to_numpy(dtype="float64", na_value=np.nan, copy=True)
    code = np.where(np.isnan(sentiment), -1, 0)  # 0: label, 1: score, 2: text
    given = table.get("sentiment_from")
    if given is not None:  # where a row's sentiment came from, when it already says
        codes, values = pd.factorize(given)
        said = np.array([[LABEL, SCORE, TEXT].index(v) if v in (LABEL, SCORE, TEXT) else 0
                         for v in map(str, values)] + [-1])
        code = np.where((codes >= 0) & (code >= 0), said[codes], code)
    open_ = np.isnan(sentiment)
    if open_.any():
        sentiment[open_] = from_score(table.loc[open_]).to_numpy()
        code[open_ & ~np.isnan(sentiment)] = 1
    has_text = table["text"].notna()
    language = table.get("language")
    if language is None or (language.isna().all() and has_text.any()):
        language = detect(table["text"])
    open_ = np.isnan(sentiment) & for_the_text_model(language, has_text)
    if open_.any() and read:
        sentiment[open_] = score_sentiment(table.loc[open_, "text"], names).to_numpy()
        code[open_ & ~np.isnan(sentiment)] = 2
    code[np.isnan(sentiment) & ~(open_ & (not read))] = -1
    if not read:
        code[open_] = 2
    language = language.set_axis(table.index) if language.index is not table.index \
        else language
    return table.assign(sentiment=sentiment, language=language,
                        sentiment_from=recode(code, [LABEL, SCORE, TEXT], table.index))


def classes(values: pd.Series, band: float = NEUTRAL_BAND) -> pd.Series:
    """negative / neutral / positive for sentiments from -1 to 1."""
    out = np.where(values <= -band, "negative", np.where(values >= band, "positive",
                                                           "neutral"))
    return pd.Series(out, index=values.index).where(values.notna())


def check_text_model(table: pd.DataFrame, names: Iterable[str] = ()) -> dict[str, Any]:
    """Where the sentiment came from, and how often the text model agrees with the labels.

    The text model is compared with the labels of rows that have text and a label; when
    no row has a label, with the scores of rows that have text and a score (bottom quarter
    negative, top quarter positive). Returns plain data for the report.
    """
    source = table.get("sentiment_from", pd.Series(pd.NA, index=table.index))
    counts = {k: int((source == k).sum()) for k in (LABEL, SCORE, TEXT)}
    has_text = table["text"].notna()
    language = table.get("language")
    if language is None:
        language = detect(table["text"])
    english = for_the_text_model(language, has_text)
    silent = (has_text & source.isna()).to_numpy()
    out: dict[str, Any] = {"from": counts, "against": None, "rows": 0, "agreement": None,
                           "per_class": {},
                           "languages": by_language(language, has_text.to_numpy()),
                           "no_sentiment": by_language(language, silent)}
    told = has_text & english
    labelled = told & (source == LABEL).fillna(False)
    if labelled.any():
        out["against"], rows = "labels", labelled
        truth = classes(table.loc[rows, "sentiment"].astype("float64"))
    else:
        sign = polarity(table["score"], table["score_type"])
        rows = told & sign.notna()
        if not rows.any():
            return out
        out["against"] = "scores"
        n = sign[rows]
        truth = pd.Series(np.where(n < 0, "negative", np.where(n > 0, "positive",
                                                               "neutral")), index=n.index)
    model = classes(score_sentiment(table.loc[rows, "text"], names))
    same = model == truth
    out["rows"], out["agreement"] = int(rows.sum()), float(same.mean())
    out["per_class"] = {c: {"rows": int((truth == c).sum()),
                            "agreement": float(same[truth == c].mean())}
                        for c in CLASSES if (truth == c).any()}
    return out


def describe_check(check: dict[str, Any]) -> list[str]:
    """The check in plain sentences, for the report."""
    f = check["from"]
    lines = [f"Sentiment from labels in the file: {f[LABEL]:,} rows; from the score: "
             f"{f[SCORE]:,}; from the text model: {f[TEXT]:,}."]
    if check["against"]:
        per = ", ".join(f"{c} {v['agreement']:.0%} of {v['rows']:,}"
                        for c, v in check["per_class"].items())
        lines.append(f"The text model agrees with the {check['against']} on "
                     f"{check['agreement']:.0%} of {check['rows']:,} English rows ({per}).")
    languages = check.get("languages") or {}
    if set(languages) - {"English", "unknown"}:
        lines.append("Languages of the texts (rows): " + ", ".join(
            f"{k} {v:,}" for k, v in languages.items()) + ".")
    silent = _silent(check)
    if silent:
        lines.append(f"No sentiment: {silent}. The text model reads English only, and "
                     "these rows have no label or score of their own.")
    return lines


def _silent(check: dict[str, Any]) -> str:
    """'Portuguese (4,113 rows), German (12 rows)': texts no sentiment could be given."""
    found = {k: v for k, v in (check.get("no_sentiment") or {}).items() if v}
    return ", ".join(f"{k} ({v:,} row{'s' if v != 1 else ''})" for k, v in found.items())


def doubts(check: dict[str, Any]) -> list[str]:
    """What the report should say out loud about the sentiment."""
    said = [f"No sentiment: {_silent(check)}: the English text model does not read them, "
            "and they have no label or score."] if _silent(check) else []
    return said + _model_doubts(check)


def _model_doubts(check: dict[str, Any]) -> list[str]:
    by_text = check["from"][TEXT]
    if not by_text:
        return []
    rows = f"{by_text:,} row{'s' if by_text != 1 else ''}"
    if check["against"] is None:
        return [f"The sentiment of {rows} comes from the text model alone: the "
                "file has no labels or scores to check it against."]
    if check["agreement"] < 0.6:
        return [f"The sentiment of {rows} comes from the text model, which agrees "
                f"with the {check['against']} on only {check['agreement']:.0%} of the rows "
                "that have both."]
    return []
