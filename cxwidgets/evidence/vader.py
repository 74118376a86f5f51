"""vader: the VADER text model with the same scores, fast on long texts.

VADER (vaderSentiment, MIT licence) lowercases a text's whole word list again for every
sentiment word it meets, in its negation and idiom checks, so a text's cost grows with
the square of its length: a complaint narrative of 300 words costs a hundred times a
tweet. `FastVader` lowercases each text's words once and reuses them; the two checks
below are upstream's own logic, reading the cached list. tests/evidence/test_sentiment.py
checks that the scores equal upstream's on many texts.
"""

from __future__ import annotations

from typing import Any

from vaderSentiment.vaderSentiment import (
    BOOSTER_DICT,
    N_SCALAR,
    SPECIAL_CASES,
    SentimentIntensityAnalyzer,
    negated,
)


class FastVader(SentimentIntensityAnalyzer):
    """SentimentIntensityAnalyzer whose negation and idiom checks read each text's
    lowercased words from one list made once per text."""

    def __init__(self) -> None:
        super().__init__()
        self._words: Any = None
        self._lowered: list[str] = []

    def _lower(self, words: list[Any]) -> list[str]:
        if self._words is not words or len(self._lowered) != len(words):
            self._words, self._lowered = words, [str(w).lower() for w in words]
        return self._lowered

    def _special_idioms_check(self, valence: float, words: list[Any], i: int) -> float:
        w = self._lower(words)
        onezero = f"{w[i - 1]} {w[i]}"
        twoonezero = f"{w[i - 2]} {w[i - 1]} {w[i]}"
        twoone = f"{w[i - 2]} {w[i - 1]}"
        threetwoone = f"{w[i - 3]} {w[i - 2]} {w[i - 1]}"
        threetwo = f"{w[i - 3]} {w[i - 2]}"
        for seq in (onezero, twoonezero, twoone, threetwoone, threetwo):
            if seq in SPECIAL_CASES:
                valence = SPECIAL_CASES[seq]
                break
        if len(w) - 1 > i:
            zeroone = f"{w[i]} {w[i + 1]}"
            if zeroone in SPECIAL_CASES:
                valence = SPECIAL_CASES[zeroone]
        if len(w) - 1 > i + 1:
            zeroonetwo = f"{w[i]} {w[i + 1]} {w[i + 2]}"
            if zeroonetwo in SPECIAL_CASES:
                valence = SPECIAL_CASES[zeroonetwo]
        for n_gram in (threetwoone, threetwo, twoone):
            if n_gram in BOOSTER_DICT:
                valence = valence + BOOSTER_DICT[n_gram]
        return valence

    def _negation_check(self, valence: float, words: list[Any], start_i: int,
                        i: int) -> float:
        w = self._lower(words)
        if start_i == 0 and negated([w[i - (start_i + 1)]]):
            valence = valence * N_SCALAR
        if start_i == 1:
            if w[i - 2] == "never" and (w[i - 1] == "so" or w[i - 1] == "this"):
                valence = valence * 1.25
            elif w[i - 2] == "without" and w[i - 1] == "doubt":
                pass
            elif negated([w[i - (start_i + 1)]]):
                valence = valence * N_SCALAR
        if start_i == 2:
            if ((w[i - 3] == "never" and (w[i - 2] == "so" or w[i - 2] == "this"))
                    or (w[i - 1] == "so" or w[i - 1] == "this")):
                valence = valence * 1.25
            elif w[i - 3] == "without" and (w[i - 2] == "doubt" or w[i - 1] == "doubt"):
                pass
            elif negated([w[i - (start_i + 1)]]):
                valence = valence * N_SCALAR
        return valence
