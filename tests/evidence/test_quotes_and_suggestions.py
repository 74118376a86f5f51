import pandas as pd

from cxwidgets.evidence.quotes import representative_quotes
from cxwidgets.evidence.schema import empty_table, typed
from cxwidgets.evidence.suggest import (
    EVIDENCE,
    RATINGS_PER_TOUCHPOINT,
    draft_workshop,
    evidence_ratings,
    feeling,
    match_touchpoints,
    suggested_emotions,
    suggested_pains,
)
from cxwidgets.method.model import Emotion, Workshop


def table(rows):
    base = {c: None for c in empty_table().columns}
    return typed(pd.DataFrame([{**base, "row": k + 1, **r} for k, r in enumerate(rows)]))


def test_quotes_pick_the_strongest_and_drop_near_duplicates():
    t = table([
        {"touchpoint": "Courier", "text": "The courier left my box in the rain, ruined.",
         "sentiment": -0.9},
        {"touchpoint": "Courier", "text": "The courier left my box in the rain, totally ruined!",
         "sentiment": -0.95},  # the same complaint again
        {"touchpoint": "Courier", "text": "Nobody told me when the delivery would arrive.",
         "sentiment": -0.5},
        {"touchpoint": "Courier", "text": "Friendly driver who carried it up the stairs.",
         "sentiment": 0.8},
        {"touchpoint": "Courier", "text": "bad", "sentiment": -0.9},  # too short to quote
    ])
    q = representative_quotes(t, "touchpoint", n=2)
    negative = q[q["polarity"] == "negative"]["text"].tolist()
    assert negative == ["The courier left my box in the rain, totally ruined!",
                        "Nobody told me when the delivery would arrive."]
    assert q[q["polarity"] == "positive"]["row"].tolist() == [4]


def workshop():
    return Workshop.model_validate({
        "id": "w", "title": "T", "stages": [{"id": "s", "name": "Delivery"}],
        "touchpoints": [{"id": "t1", "name": "Courier at the door", "stage_id": "s"},
                        {"id": "t2", "name": "Live tracking in the app", "stage_id": "s"}],
        "pain_points": [{"id": "p", "touchpoint_id": "t2", "text": "Tracking stalls"}]})


def test_names_match_exactly_or_closely_but_not_loosely():
    found = match_touchpoints(["courier at the door", "Live tracking in app", "Billing"],
                              workshop())
    assert found == {"courier at the door": "t1", "Live tracking in app": "t2"}


def test_feelings_and_pains_suggested_from_the_evidence():
    bad = "Box left outside in the rain with no message at all"
    rows = [{"touchpoint": "Courier at the door", "score": 1, "score_type": "rating",
             "text": f"{bad} ({k})", "sentiment": -0.7} for k in range(8)]
    rows += [{"touchpoint": "Courier at the door", "score": 5, "score_type": "rating"}] * 2
    rows += [{"touchpoint": "Live tracking in the app", "score": 5, "score_type": "rating"}] * 6
    t = table(rows)
    emotions = {e.touchpoint_id: e.score for e in suggested_emotions(t, workshop())}
    assert emotions == {"t1": -1, "t2": 2}  # index 20 -> -1; index 100 -> +2
    assert [feeling(x) for x in (0, 30, 50, 70, 100)] == [-2, -1, 0, 1, 2]
    (pain,) = suggested_pains(t, workshop())
    assert pain.touchpoint_id == "t1" and pain.text.startswith("80% of feedback on Courier")
    assert len(pain.evidence) == 1  # the eight near-identical complaints count once


def test_draft_workshop_takes_feelings_and_pains_from_the_evidence():
    rows = [{"touchpoint": "Courier at the door", "score": 1, "score_type": "rating",
             "text": "No message when the box was left outside", "sentiment": -0.6}] * 12
    rows += [{"touchpoint": "Live tracking in the app", "score": 1, "score_type": "rating",
              "text": "Tracking said out for delivery all day long", "sentiment": -0.6}] * 12
    ws = workshop().model_copy(update={"emotions": []})
    draft = draft_workshop(ws, table(rows))
    assert {e.created_by for e in draft.emotions} == {EVIDENCE}
    assert {(e.touchpoint_id, e.score) for e in draft.emotions} == {("t1", -2), ("t2", -2)}
    assert len(draft.emotions) == 2 * RATINGS_PER_TOUCHPOINT
    by_tp = {p.touchpoint_id: p for p in draft.pain_points}
    assert by_tp["t1"].created_by == EVIDENCE  # a new, evidence-based pain
    assert by_tp["t2"].text == "Tracking stalls"  # the room's own, with quotes added
    assert by_tp["t2"].evidence == ["Tracking said out for delivery all day long"]
    assert ws.pain_points[0].evidence == []  # the original is untouched


def test_evidence_ratings_keep_the_average_and_the_spread():
    from cxwidgets.method.views import emotion_stats

    rows = ([{"touchpoint": "Courier at the door", "score": 5, "score_type": "rating"}] * 30
            + [{"touchpoint": "Courier at the door", "score": 1, "score_type": "rating"}] * 10
            + [{"touchpoint": "Courier at the door", "text": "fine", "sentiment": 0.0}] * 10)
    ws = workshop()
    ratings = evidence_ratings(table(rows), ws)
    draft = ws.model_copy(update={"emotions": [Emotion.model_validate(r) for r in ratings]})
    stat = emotion_stats(draft, None)["t1"]
    # rows' feelings: 30 x +2, 10 x -2, 10 x 0 -> mean 0.8; spread from -2 to +2
    assert abs(stat.mean - 0.8) < 0.25 and (stat.low, stat.high) == (-2, 2)
    assert stat.n == RATINGS_PER_TOUCHPOINT
