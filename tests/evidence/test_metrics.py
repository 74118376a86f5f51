import math

import pandas as pd
import pytest

from cxwidgets.evidence.metrics import metrics, overall, select, trend
from cxwidgets.evidence.schema import empty_table, typed


def table(rows: list[dict]) -> pd.DataFrame:
    base = {c: None for c in empty_table().columns}
    return typed(pd.DataFrame([{**base, "row": k + 1, **r} for k, r in enumerate(rows)]))


def test_score_index_nps_csat_and_negative_share_per_touchpoint():
    t = table([
        {"touchpoint": "Courier", "score": 1, "score_type": "rating"},
        {"touchpoint": "Courier", "score": 5, "score_type": "rating"},
        {"touchpoint": "Courier", "score": 10, "score_type": "nps"},
        {"touchpoint": "Courier", "score": 9, "score_type": "nps"},
        {"touchpoint": "Courier", "score": 3, "score_type": "nps"},
        {"touchpoint": "Courier", "score": 4, "score_type": "csat"},
        {"touchpoint": "Courier", "score": 2, "score_type": "csat"},
        {"touchpoint": "Courier", "text": "awful", "sentiment": -0.8},
        {"touchpoint": None, "score": 1, "score_type": "rating"},  # untagged: left out
    ])
    (m,) = metrics(t, "touchpoint").to_dict("records")
    assert m["volume"] == 8 and m["scored"] == 7
    norms = [0, 1, 1, 0.9, 0.3, 0.75, 0.25]
    assert m["score_index"] == pytest.approx(100 * sum(norms) / 7)
    assert m["nps"] == pytest.approx((2 / 3 - 1 / 3) * 100) and m["nps_answers"] == 3
    assert m["csat_share"] == 0.5 and m["csat_answers"] == 2
    # negative: rating 1, csat 2 (bottom two boxes), the NPS detractor (3) and the
    # text-only row by its sentiment
    assert m["negative_share"] == pytest.approx(4 / 8)


@pytest.mark.parametrize(("score", "negative", "sentiment_sign"), [
    (0, True, -1), (6, True, -1), (7, False, 0), (8, False, 0), (9, False, 1), (10, False, 1)])
def test_nps_detractors_are_negative_and_passives_neutral(score, negative, sentiment_sign):
    from cxwidgets.evidence.sentiment import fill_sentiment

    t = table([{"touchpoint": "Shop", "score": score, "score_type": "nps"}])
    assert metrics(t, "touchpoint")["negative_share"].item() == float(negative)
    filled = fill_sentiment(t)
    value = filled["sentiment"].item()
    assert (value > 0.05) - (value < -0.05) == sentiment_sign


def test_groups_sorted_by_volume_and_overall_figures():
    t = table([{"stage": "Delivery", "score": 2, "score_type": "rating"}] * 3
              + [{"stage": "Sign-up", "score": 5, "score_type": "rating"}])
    m = metrics(t, "stage")
    assert list(m["stage"]) == ["Delivery", "Sign-up"] and list(m["volume"]) == [3, 1]
    assert overall(t)["volume"] == 4 and overall(t)["score_index"] == pytest.approx(43.75)
    assert math.isnan(overall(empty_table())["score_index"])


def test_trend_per_month():
    t = table([{"touchpoint": "Box", "timestamp": "2026-09-03", "score": 1,
                "score_type": "rating"},
               {"touchpoint": "Box", "timestamp": "2026-09-20", "score": 3,
                "score_type": "rating"},
               {"touchpoint": "Box", "timestamp": "2026-10-01", "score": 5,
                "score_type": "rating"}])
    tr = trend(t, "touchpoint")
    assert [str(p.date()) for p in tr["period"]] == ["2026-09-01", "2026-10-01"]
    assert list(tr["score_index"]) == [25.0, 100.0] and list(tr["volume"]) == [2, 1]


def test_select_keeps_all_for_all():
    t = table([{"segment": "Students"}, {"segment": "Busy parents"}, {"segment": None}])
    assert len(select(t, segment="all")) == 3
    assert select(t, segment="Students")["row"].tolist() == [1]


def test_scores_of_any_scale_share_one_index_with_their_scales_beside_it():
    t = table([{"touchpoint": "Seat", "score": 10, "score_type": "1-10"},
               {"touchpoint": "Seat", "score": 1, "score_type": "rating"},
               {"touchpoint": "Seat", "score": 1, "score_type": "yes/no"},
               {"touchpoint": "Food", "score": 0, "score_type": "yes/no"},
               {"touchpoint": "Food", "timestamp": "2026-11-03"}])  # volume only
    m = metrics(t, "touchpoint").set_index("touchpoint")
    assert m.loc["Seat", "score_index"] == pytest.approx(100 * 2 / 3)
    assert m.loc["Seat", "scales"] == "1-10, 1-5 rating, yes/no"
    assert m.loc["Food", "scales"] == "yes/no" and m.loc["Food", "negative_share"] == 1.0
    assert (m.loc["Food", "volume"], m.loc["Food", "scored"]) == (2, 1)
    whole = overall(t)
    assert whole["volume"] == 5 and isinstance(whole["volume"], int)
    assert whole["scales"] == "1-10, 1-5 rating, yes/no"
