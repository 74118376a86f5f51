"""wordscales: answers given in words read as the scale they are.

Survey tools often export the answer's label instead of its number: "Very satisfied",
"Strongly disagree", "Somewhat easy", "Not at all likely", "Sehr zufrieden", "Plutôt pas
d'accord", "Enigszins mee eens", "Excellent". A column of such words is a score like any
other, once each word has its place on the scale.

Two kinds of scale are read:

* **Two-sided** scales (satisfaction, agreement, ease or effort, likelihood): an answer
  has a side (satisfied / dissatisfied; a negation such as "not", "pas", "nicht", "niet"
  turns a side over), a strength ("somewhat", "eher", "plutôt" < plain < "very", "sehr",
  "très", "zeer" < "extremely", "strongly", "not at all", "voll und ganz", "tout à fait",
  "helemaal") or is the middle ("Neither ... nor", "Weder ... noch", "Ni ... ni",
  "Neutral", "Teils/teils"). The strengths a column uses on either side give the number of
  points on each side: two make a 5-point scale, three a 7-point one; each answer sits
  where its strength puts it. Satisfaction on five points is CSAT (1-5); ease and effort,
  and agreement with a statement about ease, are CES (1-7, where 5-7 is easy); other
  scales keep their own range (1-5, 1-7).
* **Ranked** words (Excellent ... Poor, Amazing ... Terrible, Love ... Hate), read with
  the first of a few known five-point lists that holds every word of the column.

Words in English, German, French, Spanish, Dutch (and some Italian and Portuguese) are
known; "Don't know", "Keine Angabe", "Ne sais pas", "No sé", "Weet niet" are no answer.
A column is read this way only when at least 95% of its answers are known words of one
scale and at least three answers differ, and never when its header names a text
(comment, title, review ...). Pure: works on the values it is given.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import pandas as pd

from cxwidgets.evidence.scales import label

#: Most distinct answers a worded scale column has (five or seven labels, in a few
#: languages, and a "don't know").
MAX_DISTINCT = 40
#: Share of a column's answers that must be known words.
KNOWN_SHARE = 0.95

SATISFACTION, AGREEMENT, EASE, LIKELIHOOD, QUALITY = (
    "satisfaction", "agreement", "ease", "likelihood", "quality")
#: Two-sided families: (words of the negative side, words of the positive side),
#: normalised (no accents, lower case). The negative side is looked for first:
#: "dissatisfied" holds "satisfied".
SIDES: dict[str, tuple[str, str]] = {
    SATISFACTION: (
        r"dissatisf\w*|unsatisf\w*|unhappy|insatisf\w*|mecontent\w*|unzufrieden\w*|"
        r"ontevreden\w*|insoddisf\w*|descontent\w*",
        r"satisf\w*|happy|contente?s?|contento|zufrieden\w*|tevreden\w*|soddisf\w*"),
    AGREEMENT: (
        r"disagree\w*|desacuerdo|oneens|disaccord\w*|discord\w*|pas d accord|"
        r"en desacuerdo",
        r"agree\w*|d accord|de acuerdo|eens|d accordo|concordo|zustimm\w*|"
        r"stimme(\s+\w+)*\s+zu|trifft(\s+\w+)*\s+zu"),
    EASE: (
        r"difficult\w*|hard|difficil\w*|dificil\w*|schwierig\w*|schwer|moeilijk\w*|"
        r"high effort|a lot of effort|veel moeite|complicated|kompliziert|complique\w*|"
        r"complicad\w*|ingewikkeld",
        r"easy|facil\w*|einfach|leicht|makkelijk|gemakkelijk|eenvoudig|low effort|"
        r"little effort|weinig moeite|simple|simpel"),
    LIKELIHOOD: (
        r"unlikely|improbab\w*|unwahrscheinlich|onwaarschijnlijk|improvav\w*",
        r"likely|probab\w*|wahrscheinlich|waarschijnlijk|provav\w*|definitely|certainly|"
        r"bestimmt|zeker|certainement|seguramente|sicuramente|surely"),
}
#: The middle of a two-sided scale, in any family.
MIDDLE = re.compile(r"^(neutral|neutre|neutro|neutraal|neither|undecided|indifferent\w*|"
                    r"onverschillig|teils teils|teils|weder noch|not sure|unsure|maybe|"
                    r"vielleicht|misschien|peut etre|quizas|tal vez|forse|talvez|"
                    r"ni l un ni l autre)$|\bneither\b.*\bnor\b|\bweder\b.*\bnoch\b|"
                    r"^ni\b.*\bni\b|^ne\b.*\bne\b|^nem\b.*\bnem\b|^niet\b.*\bniet\b")
#: Words that turn a side over ("not satisfied"), and the same with a strength.
NOT_AT_ALL = re.compile(r"\bnot at all\b|\bnot in the least\b|\buberhaupt nicht\b|"
                        r"\bgar nicht\b|\bpas du tout\b|\bnada\b|\ben absoluto\b|"
                        r"\bhelemaal niet\b|\bhelemaal geen\b|\bper niente\b|\baffatto\b|"
                        r"\bde todo\b|\bdefinitely not\b|\bcertainly not\b|"
                        r"\bbestimmt nicht\b|\bzeker niet\b|\babsolutely not\b")
NOT_VERY = re.compile(r"\bnot (very|so|too|really|particularly)\b|\bnicht (sehr|so|besonders)\b|"
                      r"\bpas (tres|si|vraiment)\b|\bno (muy|tan)\b|\bniet (erg|zo|heel)\b|"
                      r"\bnon (molto|troppo)\b|\bnao muito\b|^peu\b|^poco\b|\bweinig\b|"
                      r"\bprobably not\b|\beher nicht\b|\bplutot pas\b|\benigszins niet\b")
NOT = re.compile(r"\b(not|no|non|nicht|kein\w*|niet|geen|pas|nao|never|nie)\b")
#: Strengths: 3 extremely, 2.5 very, 2 plain, 1 somewhat.
EXTREMELY = re.compile(r"\b(extremely|completely|totally|absolutely|strongly|fully|entirely|"
                       r"voll und ganz|voll|vollig|vollkommen|ausserst|tout a fait|extremement|"
                       r"totalement|completement|entierement|totalmente|completamente|"
                       r"extremadamente|absolutamente|helemaal|volledig|uiterst|"
                       r"estremamente|pienamente|extremamente|definitely|certainly|bestimmt|"
                       r"zeker|certainement|seguramente|sicuramente)\b")
VERY = re.compile(r"\b(very|highly|really|sehr|tres|muy|zeer|heel|erg|molto|muito|"
                  r"bijzonder)\b")
SOMEWHAT = re.compile(r"\b(somewhat|slightly|fairly|rather|a little|a bit|mostly|eher|etwas|"
                      r"einigermassen|plutot|assez|un peu|algo|un poco|bastante|enigszins|"
                      r"redelijk|vrij|beetje|abbastanza|piuttosto|un po|probably|"
                      r"wahrscheinlich schon|waarschijnlijk wel|probablement|"
                      r"probablemente)\b")
#: Ranked five-point lists of words, worst first; each place holds its words in several
#: languages. A column is read with the first list that holds all its words.
RANKED: tuple[tuple[tuple[str, ...], ...], ...] = (
    (("poor", "mediocre", "schwach", "mangelhaft", "mauvais", "malo", "mala", "slecht",
      "scarso", "ruim"),
     ("fair", "passable", "ausreichend", "regular", "matig", "sufficiente", "razoavel"),
     ("good", "gut", "bon", "bien", "bueno", "buena", "goed", "buono", "bom", "boa"),
     ("very good", "sehr gut", "tres bon", "tres bien", "muy bueno", "muy buena",
      "zeer goed", "heel goed", "molto buono", "muito bom", "muito boa"),
     ("excellent", "ausgezeichnet", "hervorragend", "exzellent", "excelente", "uitstekend",
      "eccellente", "ottimo", "outstanding")),
    (("terrible", "horrible", "schrecklich", "verschrikkelijk", "pessimo", "awful"),
     ("poor", "schlecht", "mauvais", "malo", "slecht", "scarso", "ruim"),
     ("average", "ok", "okay", "durchschnittlich", "moyen", "normal", "gemiddeld",
      "regular", "nella media", "media"),
     ("very good", "sehr gut", "tres bon", "tres bien", "muy bueno", "zeer goed",
      "heel goed", "molto buono", "muito bom"),
     ("excellent", "ausgezeichnet", "hervorragend", "excelente", "uitstekend", "eccellente",
      "ottimo")),
    (("very bad", "very poor", "sehr schlecht", "tres mauvais", "muy malo", "zeer slecht",
      "heel slecht", "molto scarso", "muito ruim", "awful", "terrible"),
     ("bad", "poor", "schlecht", "mauvais", "malo", "slecht", "scarso", "ruim"),
     ("neutral", "ok", "okay", "average", "fair", "mittel", "mittelmassig", "moyen",
      "regular", "neutraal", "redelijk", "matig", "neutro"),
     ("good", "gut", "bon", "bien", "bueno", "goed", "buono", "bom"),
     ("very good", "excellent", "sehr gut", "tres bon", "tres bien", "muy bueno",
      "zeer goed", "heel goed", "uitstekend", "molto buono", "muito bom")),
    (("terrible",), ("bad",), ("ok", "okay", "average"), ("great",), ("amazing", "awesome")),
    (("hate",), ("dislike",), ("neutral",), ("like",), ("love",)),
)
#: Answers that say nothing about the scale: no answer, read as missing.
NO_ANSWER = re.compile(r"^(don t know|dont know|do not know|not applicable|n a|na|"
                       r"prefer not to say|rather not say|no opinion|no answer|skip\w*|"
                       r"weiss nicht|weiss ich nicht|keine angabe|k a|kann ich nicht sagen|"
                       r"je ne sais pas|ne sais pas|sans opinion|ne se prononce pas|nsp|"
                       r"no se|no sabe|ns nc|ns|no aplica|weet niet|weet ik niet|"
                       r"geen mening|geen antwoord|niet van toepassing|non so|non saprei|"
                       r"nao sei|nao se aplica)$")
#: Headers of the customer's own words: such a column is never read as a scale.
TEXT_HEADER = re.compile(r"\b(comment|comments|title|review|text|feedback|remarks?|notes?|"
                         r"message|opinion|verbatim|why|reason|subject|summary|headline|"
                         r"description|kommentar|bemerkung|commentaire|comentario|"
                         r"opmerking|titel|titre|titulo|avis|motivo|pourquoi|warum)\b")
#: Headers that ask about ease: agreement with them is the customer-effort question.
ABOUT_EASE = re.compile(r"\b(easy|easier|ease|effort|facil\w*|einfach|leicht|makkelijk|"
                        r"gemakkelijk|eenvoudig|moeite|simple|simpel|hassle)\b")


def normalise(text: str) -> str:
    """'Plutôt pas d'accord' -> 'plutot pas d accord': case, accents, punctuation gone."""
    plain = "".join(c for c in unicodedata.normalize("NFKD", str(text))
                    if not unicodedata.combining(c))
    return " ".join(re.findall(r"[0-9a-z]+", plain.casefold().replace("ß", "ss")))


@dataclass(frozen=True)
class Answer:
    """One answer read: its family, side (-1, 0 the middle, +1) and strength (1-3)."""

    family: str | None
    side: int
    strength: float


def answer(text: str) -> Answer | None:
    """An answer's family, side and strength; None when it is no known scale word."""
    said = normalise(text)
    if not said:
        return None
    if MIDDLE.search(said):
        return Answer(None, 0, 0)
    for family, (negative, positive) in SIDES.items():
        low = re.search(rf"\b({negative})\b", said)
        high = re.search(rf"\b({positive})\b", said)
        if low and high and (high.end() <= low.start() or high.start() >= low.end()):
            return Answer(family, 0, 0)  # "Niet tevreden, niet ontevreden": the middle
        if low or high:
            return _strength(family, -1 if low else 1, said)
    return None


def _strength(family: str, side: int, said: str) -> Answer:
    """The side once negations are read ("not satisfied", "pas du tout d'accord"), and
    how strongly it is said."""
    if side < 0:
        said = said.replace("pas d accord", "d accord")  # the side's own word, no negation
    if NOT_AT_ALL.search(said):
        return Answer(family, -side, 3)
    if NOT_VERY.search(said):
        return Answer(family, -side, 1)
    if NOT.search(said):
        side = -side
    if EXTREMELY.search(said):
        return Answer(family, side, 3)
    if VERY.search(said):
        return Answer(family, side, 2.5)
    if SOMEWHAT.search(said):
        return Answer(family, side, 1)
    return Answer(family, side, 2)


@dataclass(frozen=True)
class Reading:
    """How a column's words are read: the scale, each word's number, the no-answers."""

    family: str
    scale: str
    numbers: dict[str, float]
    no_answer: tuple[str, ...] = ()

    def read(self, values: pd.Series) -> pd.Series:
        """The numbers of a column's cells (NaN where empty, no answer or unknown)."""
        codes, distinct = pd.factorize(values)
        found = np.array([self.numbers.get(str(v), np.nan) for v in distinct] + [np.nan])
        return pd.Series(found[codes], index=values.index, dtype="float64")

    def describe(self, column: str) -> str:
        """What the report says: the column, the scale and every word's number."""
        shown = sorted(self.numbers.items(), key=lambda item: (item[1], item[0]))
        words = ", ".join(f"{w} {n:g}" for w, n in shown[:14])
        more = f", and {len(shown) - 14} more" if len(shown) > 14 else ""
        kind = {SATISFACTION: "satisfaction", AGREEMENT: "agreement", EASE: "ease",
                LIKELIHOOD: "likelihood", QUALITY: "quality"}[self.family]
        none = (f"; {', '.join(repr(w) for w in self.no_answer)} read as no answer"
                if self.no_answer else "")
        return (f"'{column}' holds answers in words ({kind}), read as the numbers of the "
                f"{label(self.scale)} scale: {words}{more}{none}")


def read_column(values: Sequence[str], rows: Sequence[int], header: str = ""
                ) -> Reading | None:
    """How a column whose distinct `values` fill `rows` rows each reads as a scale; None
    when it is no worded scale (or its header names a text)."""
    if len(values) > MAX_DISTINCT or TEXT_HEADER.search(normalise(header)):
        return None
    none = [str(v) for v in values if NO_ANSWER.match(normalise(str(v)))]
    said = [(str(v), n) for v, n in zip(values, rows, strict=True) if str(v) not in none]
    total = sum(n for _, n in said)
    if len(said) < 3 or not total:
        return None
    reading = _two_sided(said, header, total) or _ranked(said, total)
    if reading is None:
        return None
    return Reading(reading.family, reading.scale, reading.numbers, tuple(none))


def _two_sided(said: list[tuple[str, int]], header: str, total: int) -> Reading | None:
    read = {v: answer(v) for v, _ in said}
    known = sum(n for v, n in said if read[v] is not None)
    families = {a.family for a in read.values() if a is not None and a.family}
    if known < KNOWN_SHARE * total or len(families) != 1:
        return None
    family = families.pop()
    strengths = sorted({a.strength for a in read.values() if a and a.side}, reverse=True)
    if not strengths:
        return None
    scale, places = _scale(family, strengths, header)
    middle = places + 1
    numbers = {}
    for value, found in read.items():
        if found is not None:
            away = _place(found.strength, strengths, places) if found.side else 0
            numbers[value] = float(middle + found.side * away)
    return Reading(family, scale, numbers)


def _scale(family: str, strengths: list[float], header: str) -> tuple[str, int]:
    """The scale a family's answers are read on, and its points on each side."""
    used = len(strengths)
    if family == EASE or (family == AGREEMENT and ABOUT_EASE.search(normalise(header))):
        return ("ces", 3) if used <= 3 else (f"1-{2 * used + 1}", used)
    if family == SATISFACTION and used <= 2:
        return "csat", 2
    if used <= 2:
        return "rating", 2
    return f"1-{2 * used + 1}", used


#: Where a strength sits when a column uses fewer strengths than its scale has points on
#: a side: on two points, "very" and stronger at the end, the rest next to the middle;
#: on three, "extremely" at the end, "very" and plain in the middle, "somewhat" inside.
_TEMPLATE = {2: {3: 2, 2.5: 2, 2: 1, 1: 1}, 3: {3: 3, 2.5: 2, 2: 2, 1: 1}}


def _place(strength: float, used: list[float], places: int) -> int:
    """How many points from the middle an answer of `strength` sits."""
    if len(used) < places:
        template = _TEMPLATE.get(places, {})
        spots = [template.get(s, 0) for s in used]
        if len(set(spots)) == len(spots) and all(spots):
            return template[strength]
    return places - used.index(strength)


def _ranked(said: list[tuple[str, int]], total: int) -> Reading | None:
    words = {v: normalise(v) for v, _ in said}
    for levels in RANKED:
        place = {w: k + 1 for k, level in enumerate(levels) for w in level}
        known = sum(n for v, n in said if words[v] in place)
        if known >= KNOWN_SHARE * total and len({place[words[v]] for v, _ in said
                                                 if words[v] in place}) >= 3:
            return Reading(QUALITY, "rating", {v: float(place[words[v]]) for v, _ in said
                                               if words[v] in place})
    return None


def read_series(values: pd.Series, header: str = "") -> Reading | None:
    """`read_column` for a column of text cells (empty cells aside)."""
    counts = values.dropna().value_counts()
    counts = counts[counts > 0]  # a categorical lists its unused labels too
    if counts.empty or len(counts) > MAX_DISTINCT:
        return None
    return read_column([str(v) for v in counts.index], [int(n) for n in counts], header)
