"""ownscore: which column holds each customer's own score, and what the guess must doubt.

Exports carry figures beside the answers: a store's average score ("Puntuación media",
decimals such as 3,9), an overall average per product. Such a figure is never one
customer's score; when a column of individual answers exists, it is the score. And a
column of whole numbers from 0 to 10 whose header does not say what it asks may be the
recommend question: the guess cannot know, so it says so in the report's first lines,
with the number of answers and the NPS the column would give. Pure: judges profiles.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

from cxwidgets.evidence.profile import Profile, computed, nps_shaped
from cxwidgets.evidence.questions import names_average


def averaged(p: Profile, header: str) -> str:
    """Why a column reads as an average, with an example of its values."""
    decimal = next((str(v) for v, x in zip(p.counts.index, p.numbers, strict=True)
                    if x == x and x % 1), None)
    if names_average(header):
        return "its header says so" + (f"; values such as {decimal}" if decimal else "")
    return f"decimals such as {decimal}"


def individual(score: str, candidates: Iterable[str], profiles: dict[str, Profile],
               usable: Callable[[str], bool]) -> str | None:
    """The first candidate of individual answers to take instead of `score` when `score`
    is an average (None when it is not, or none fits); `usable` says a column is free
    and fits as a score."""
    if not computed(profiles[score]):
        return None
    return next((c for c in candidates if c != score and not computed(profiles[c])
                 and not profiles[c].two_valued and usable(c)), None)


def zero_to_ten(column: str, p: Profile, used: bool) -> str | None:
    """The doubt about whole numbers 0 to 10 under a header that does not say what it
    asks (the caller has checked the header); None when the column is not like that."""
    if not nps_shaped(p) or p.scale is None or p.scale.name != "0-10":
        return None
    values = p.number_values
    figure = 100 * ((values >= 9).mean() - (values <= 6).mean())
    said = (f"'{column}' holds whole numbers from 0 to 10 ({len(values):,} answers), as a "
            "recommend question is answered, but its name does not say what it asks")
    if used:
        return (f"{said}: it is read as a 0-10 scale, not as NPS (as NPS it would be "
                f"{figure:+.0f}). If it asks how likely customers are to recommend you, map "
                "it with score_type: nps.")
    return (f"{said}, and it was not used. If it is the recommend question, map it with "
            f"columns: {{score: '{column}'}} and score_type: nps.")
