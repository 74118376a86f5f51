"""What the evidence suggests for the workshop: feelings per touchpoint, pain points, quotes.

Evidence names touchpoints its own way; they are matched to the workshop's touchpoints by
name (exactly, else by a close fuzzy match). From the matched rows come a suggested rating
per touchpoint (the score index on the -2..+2 feeling scale), suggested pain points where
much of the feedback is negative, and the quotes that back them. `draft_workshop` puts it
all into a copy of a workshop, so an analyst's report can draw the map a segment's own
customers would draw. Pure functions: nothing is written to any store.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

import pandas as pd
from rapidfuzz import fuzz, process

from cxwidgets.evidence.metrics import metrics, with_flags
from cxwidgets.evidence.quotes import representative_quotes
from cxwidgets.method.model import EVIDENCE, Emotion, PainPoint, Persona, Workshop

#: A fuzzy name match needs at least this score (rapidfuzz WRatio, 0-100).
MATCH_CUTOFF = 86
#: Fewer rows than this say too little to suggest a feeling.
MIN_VOLUME = 5
#: A touchpoint with at least this share of negative feedback gets a suggested pain point.
PAIN_SHARE = 0.30


def _key(text: str) -> str:
    return " ".join(str(text).casefold().split())


def match_touchpoints(names: Iterable[str], workshop: Workshop) -> dict[str, str]:
    """Evidence touchpoint name -> workshop touchpoint id, for the names that match."""
    by_key = {_key(t.name): t.id for t in workshop.touchpoints}
    choices = list(by_key)
    found = {}
    for name in names:
        key = _key(name)
        if key in by_key:
            found[name] = by_key[key]
        elif choices:
            best = process.extractOne(key, choices, scorer=fuzz.WRatio,
                                      score_cutoff=MATCH_CUTOFF)
            if best is not None:
                found[name] = by_key[best[0]]
    return found


def feeling(score_index: float) -> int:
    """A 0-100 score index on the workshop's -2..+2 feeling scale."""
    return int(max(-2, min(2, round((score_index - 50) / 25))))


@dataclass(frozen=True)
class EmotionSuggestion:
    touchpoint_id: str
    touchpoint: str
    score: int
    score_index: float
    volume: int
    #: the Net Promoter Score of the touchpoint's NPS answers, and how many there are
    nps: float = float("nan")
    nps_answers: int = 0


@dataclass(frozen=True)
class PainSuggestion:
    touchpoint_id: str
    touchpoint: str
    text: str
    negative_share: float
    volume: int
    evidence: tuple[str, ...]


def _matched_metrics(table: pd.DataFrame, workshop: Workshop) -> pd.DataFrame:
    per_tp = metrics(table, "touchpoint")
    ids = match_touchpoints(per_tp["touchpoint"].tolist(), workshop)
    per_tp["touchpoint_id"] = per_tp["touchpoint"].map(ids)
    return per_tp.dropna(subset=["touchpoint_id"])


def suggested_emotions(table: pd.DataFrame, workshop: Workshop,
                       min_volume: int = MIN_VOLUME) -> list[EmotionSuggestion]:
    """One suggested feeling per workshop touchpoint the evidence says enough about."""
    per_tp = _matched_metrics(table, workshop)
    per_tp = per_tp[(per_tp["volume"] >= min_volume) & per_tp["score_index"].notna()]
    names = {t.id: t.name for t in workshop.touchpoints}
    return [EmotionSuggestion(r.touchpoint_id, names[r.touchpoint_id],
                              feeling(r.score_index), float(r.score_index), int(r.volume),
                              float(r.nps), int(r.nps_answers))
            for r in per_tp.itertuples()]


def suggested_pains(table: pd.DataFrame, workshop: Workshop, min_volume: int = 10,
                    share: float = PAIN_SHARE, quotes: int = 2) -> list[PainSuggestion]:
    """A pain point wherever much of a touchpoint's feedback is negative, with its quotes."""
    per_tp = _matched_metrics(table, workshop)
    per_tp = per_tp[(per_tp["volume"] >= min_volume) & (per_tp["negative_share"] >= share)]
    said = representative_quotes(table, "touchpoint", n=quotes)
    said = said[said["polarity"] == "negative"]
    names = {t.id: t.name for t in workshop.touchpoints}
    out = []
    for r in per_tp.sort_values("negative_share", ascending=False).itertuples():
        evidence = tuple(said.loc[said["group"] == r.touchpoint, "text"])
        text = f"{r.negative_share:.0%} of feedback on {names[r.touchpoint_id]} is negative"
        out.append(PainSuggestion(r.touchpoint_id, names[r.touchpoint_id], text[:120],
                                  float(r.negative_share), int(r.volume), evidence))
    return out


#: Evidence ratings drawn per touchpoint: quantiles of the rows' feelings, so the map's
#: curve shows the evidence's average (to about 0.1) and its spread (5th-95th percentile).
RATINGS_PER_TOUCHPOINT = 21


def row_feelings(table: pd.DataFrame) -> pd.Series:
    """Each row's feeling on -2..+2: from its score, else from its sentiment."""
    flagged = with_flags(table)
    from_score = (flagged["score_norm"] - 0.5) * 4
    from_text = flagged["sentiment"] * 2
    return from_score.where(from_score.notna(), from_text)


def evidence_ratings(table: pd.DataFrame, workshop: Workshop,
                     min_volume: int = MIN_VOLUME) -> list[dict[str, object]]:
    """Ratings standing for the evidence: evenly spaced quantiles of each touchpoint's
    row feelings, rounded to the workshop's whole-step scale."""
    ids = match_touchpoints(table["touchpoint"].dropna().unique().tolist(), workshop)
    feelings = pd.DataFrame({"tp": table["touchpoint"].map(ids),
                             "feeling": row_feelings(table)}).dropna()
    spots = [0.05 + 0.9 * k / (RATINGS_PER_TOUCHPOINT - 1)
             for k in range(RATINGS_PER_TOUCHPOINT)]
    nps = _nps_words(table, ids)
    out = []
    for tp_id, part in feelings.groupby("tp", sort=False):
        if len(part) < min_volume:
            continue
        for k, value in enumerate(part["feeling"].quantile(spots)):
            out.append({"id": f"ev{k}-{tp_id}"[:40], "touchpoint_id": tp_id,
                        "score": int(max(-2, min(2, round(value)))), "participant":
                        f"{EVIDENCE}-{k}", "created_by": EVIDENCE,
                        "word": f"{len(part)} pieces of feedback{nps.get(tp_id, '')}"})
    return out


def _nps_words(table: pd.DataFrame, ids: dict[str, str]) -> dict[str, str]:
    """Per workshop touchpoint with NPS answers: '; NPS -12 of 80 answers', shown with the
    evidence's feelings (and so in the map's tooltips)."""
    per_tp = metrics(table, "touchpoint")
    per_tp = per_tp[per_tp["nps_answers"] > 0]
    out = {}
    for r in per_tp.itertuples():
        tp_id = ids.get(r.touchpoint)
        if tp_id is not None:
            out[tp_id] = f"; NPS {r.nps:+.0f} of {int(r.nps_answers):,} answers"
    return out


def segment_persona(table: pd.DataFrame, segment: str, product: str) -> Persona:
    """A persona standing for a segment that has none of its own, voiced by its feedback."""
    said = representative_quotes(table.assign(_all="all"), "_all", n=1)
    quote = next(iter(said.loc[said["polarity"] == "negative", "text"]), "")
    return Persona(id="ev-persona", name=f"{segment} (from feedback)"[:120],
                   role=f"{product if product != 'all' else 'all products'} · "
                        f"{len(table):,} pieces of feedback", quote=quote[:2000],
                   segment=segment, agreed=True, created_by=EVIDENCE)


def draft_workshop(workshop: Workshop, table: pd.DataFrame) -> Workshop:
    """The workshop with its feelings taken from the evidence and the evidence's pains added.

    Ratings become the evidence's own (for every persona); pain points the evidence
    suggests on touchpoints the room gave none are added; the evidence's quotes go first
    in the evidence of the room's own pain points on the same touchpoint.
    """
    emotions = evidence_ratings(table, workshop)
    pains = [p.model_dump(mode="json") for p in workshop.pain_points]
    suggestions = {s.touchpoint_id: s for s in suggested_pains(table, workshop)}
    for pain in pains:
        extra = suggestions.get(pain["touchpoint_id"])
        if extra:
            pain["evidence"] = [*extra.evidence, *pain["evidence"]][:100]
    has_pain = {p["touchpoint_id"] for p in pains}
    pains += [{"id": f"ev-p-{s.touchpoint_id}"[:40], "touchpoint_id": s.touchpoint_id,
               "text": s.text, "evidence": list(s.evidence), "created_by": EVIDENCE}
              for s in suggestions.values() if s.touchpoint_id not in has_pain]
    return workshop.model_copy(update={
        "emotions": [Emotion.model_validate(e) for e in emotions],
        "pain_points": [PainPoint.model_validate(p) for p in pains]})
