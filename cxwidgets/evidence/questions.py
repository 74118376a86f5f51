"""questions: what a column's header asks, read by word stems in many languages.

A survey names a column with its whole question, in whatever language the survey was
written: "¿Qué probabilidad hay de que nos recomiende?", "Wie wahrscheinlich ist es, dass
Sie uns weiterempfehlen?", "Czy poleciłbyś nas znajomym?". Whole words miss most of these
(Spanish alone says recomendaría, recomiende, recomendarías, recomendación), so questions
are read by stems: the part of the word every form shares. Headers are compared after
`normalise` (accents and case gone: "Recomendaría" -> "recomendaria"); scripts without
Latin letters (Cyrillic, Greek, Japanese, Chinese, Korean) are matched on the header as
written, since normalising leaves nothing of them.

Only words are judged here; whether the values bear a question out (NPS needs whole
numbers up to 10) is for the guess. Pure: no state.
"""

from __future__ import annotations

import re
import unicodedata

#: Stems of "recommend" (and of the Net Promoter question's own names), normalised.
RECOMMEND = re.compile(
    r"recommend|recommand|recomend|recomiend|recomand|raccomand|consigl|conseill|empfehl|"
    r"aanbevel|aanraden|aan te (bevelen|raden)|polec|doporuc|odporuc|preporuc|priporoc|"
    r"rekommend|anbefal|suosit|ajanl|tavsiye|\brefer (us|a friend|friends|someone|others|"
    r"a colleague)|net promoter|\bpromoter|\bnps\b|\bltr\b")
#: The same in scripts that normalising would erase, matched on the header as written.
RECOMMEND_SCRIPTS = re.compile(r"рекоменд|порекоменд|посоветова|порад|συστ|προτειν|"
                               r"勧め|すすめ|薦め|推奨|推荐|推薦|추천|توصي|ترشيح|ממליץ|להמליץ")
#: Stems of "how likely / what is the probability", normalised.
LIKELY = re.compile(r"\blikel|probab|wahrscheinlich|waarschijnlijk|prawdopodob|pravdepodob|"
                    r"sannolik|sandsynlig|todennak|valoszin")
LIKELY_SCRIPTS = re.compile(r"вероятн|πιθαν|可能性|가능성")
#: Words of a figure computed over many answers, never one customer's own score.
AVERAGE = re.compile(r"\b(average|avg|mean|(?<!social )media|medio|moyenne|durchschnitt\w*|"
                     r"mittelwert|gemiddeld\w*|promedio)\b")


def normalise(header: str) -> str:
    """'¿Qué probabilidad hay?' -> 'que probabilidad hay': case, accents and punctuation
    gone, CamelCase split, words kept in order."""
    spaced = re.sub(r"(?<=[a-z0-9])(?=[A-Z])|(?<=[A-Z])(?=[A-Z][a-z])", " ", str(header))
    plain = "".join(c for c in unicodedata.normalize("NFKD", spaced)
                    if not unicodedata.combining(c))
    return " ".join(re.findall(r"[0-9a-z]+", plain.casefold()))


def asks_recommend(header: str) -> bool:
    """True when a header asks whether (or how likely) customers would recommend."""
    return bool(RECOMMEND.search(normalise(header))
                or RECOMMEND_SCRIPTS.search(str(header).casefold()))


def asks_likelihood(header: str) -> bool:
    """True when a header asks how likely something is (to recommend, to come back)."""
    return bool(LIKELY.search(normalise(header)) or LIKELY_SCRIPTS.search(str(header)))


def names_average(header: str) -> bool:
    """True when a header names an average ('Puntuación media', 'Average rating')."""
    return bool(AVERAGE.search(normalise(header)))
