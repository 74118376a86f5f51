"""languages: which language each piece of feedback is written in, so the English text
model reads only English.

Detection is CLD2 (Chromium's compact language detector, through pycld2): its tables ship
inside the package, so nothing is downloaded at run time; it takes about 7 MB and a few
microseconds per text, and it says "unknown" rather than guess on a word or two. Each
distinct text is read once, on its first `PREFIX` characters (enough to tell a language).

A text counts as English for the text model when it is English, or when its language is
unknown (too short to tell: "ok", "Great!") and most of the file's texts are English.
Everything else keeps its language: it takes its sentiment from the row's label or score,
or has none, and the report says how many rows of which language. Pure: no files.
"""

from __future__ import annotations

import re

import numpy as np
import pandas as pd
import pycld2

from cxwidgets.evidence.cells import recode

ENGLISH = "en"
#: Characters of a text the detector reads: the start of a review says its language.
PREFIX = 300
#: Unknown-language texts count as English when at least this share of the file's texts
#: whose language is known are English.
MOSTLY = 0.8
#: Characters CLD2 refuses (controls, unpaired surrogates), taken out before it reads.
_REFUSED = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff]")
#: Codes the report spells out; any other is shown as CLD2 names it.
NAMES = {"en": "English", "pt": "Portuguese", "fr": "French", "de": "German",
         "nl": "Dutch", "es": "Spanish", "it": "Italian"}
_names: dict[str, str] = {}


def _detect(text: str) -> str | None:
    sample = _REFUSED.sub(" ", text[:PREFIX])
    try:
        reliable, _, details = pycld2.detect(sample, isPlainText=True, bestEffort=True)
    except pycld2.error:
        return None
    name: str = details[0][0]
    code: str = details[0][1]
    if code in ("un", "xxx", "tlh") or name.startswith("X_") or not reliable or len(
            sample.split()) < 2:
        return None  # one word ("meh" reads as Klingon) says too little to tell
    _names.setdefault(code, NAMES.get(code, name.title()))
    return code


def name(code: str) -> str:
    """'pt' -> 'Portuguese'."""
    return NAMES.get(code) or _names.get(code) or code


def detect(texts: pd.Series) -> pd.Series:
    """Each text's language code (categorical), NA where there is no text or it is too
    short to tell. Every distinct text is read once."""
    codes, distinct = pd.factorize(texts)
    found = [_detect(str(t)) for t in distinct]
    return recode(codes, found, texts.index)


def for_the_text_model(languages: pd.Series, has_text: pd.Series) -> np.ndarray:
    """Rows the English text model may read: English, or unknown in a mostly English file."""
    english: np.ndarray = (languages == ENGLISH).fillna(False).to_numpy()
    known: np.ndarray = languages.notna().to_numpy()
    unknown: np.ndarray = has_text.to_numpy() & ~known
    if known.any() and english[known].mean() >= MOSTLY:
        english_or_unknown: np.ndarray = english | unknown
        return english_or_unknown
    return english


def counts(languages: pd.Series, rows: np.ndarray | None = None) -> dict[str, int]:
    """Rows per language name, most first ('unknown' for texts too short to tell)."""
    values = languages if rows is None else languages[rows]
    out = values.astype("string").fillna("?").value_counts()
    return {("unknown" if k == "?" else name(str(k))): int(v) for k, v in out.items()}
