"""Validation rounds: the questions customers see, and what their answers say."""

import datetime as dt

import pytest

from cxwidgets.method import validation as V
from cxwidgets.method.model import Happens, ValidationRound, Workshop

TODAY = dt.date(2026, 12, 1)


def ws(**more) -> Workshop:
    return Workshop.model_validate({
        "id": "w1", "title": "T",
        "personas": [{"id": "p", "name": "Sam", "agreed": True, "segment": "Parents"}],
        "stages": [{"id": "s1", "name": "Buy", "order": 0},
                   {"id": "s2", "name": "Get", "order": 1}],
        "touchpoints": [{"id": "t3", "name": "Courier", "stage_id": "s2", "channel": "in_person"},
                        {"id": "t1", "name": "Shop", "stage_id": "s1"},
                        {"id": "t2", "name": "Till", "stage_id": "s1"},
                        {"id": "t9", "name": "Loose"}],
        "emotions": [{"id": f"e{i}", "touchpoint_id": t, "score": s, "participant": f"a{i}",
                      "persona_id": "p"}
                     for i, (t, s) in enumerate([("t1", 1), ("t1", 1), ("t3", 2)])],
        "opportunities": [{"id": "o", "touchpoint_id": "t3", "text": "Text a time window"}],
        **more})


def round_(**more) -> ValidationRound:
    return ValidationRound.model_validate({
        "id": "r", "title": "Check", "code": "ABCDEFGH", "persona_id": "p",
        "touchpoint_ids": ["t3", "t1", "t9"], "closes": "2026-12-10", **more})


def answer(i, tp, feeling, happens="yes", comment="", who=None):
    return {"id": f"a{i}", "round_id": "r", "respondent": who or f"c-{i}",
            "touchpoint_id": tp, "feeling": feeling, "happens": happens, "comment": comment,
            "answered_on": "2026-12-02"}


def test_questions_follow_the_journey_and_skip_what_the_version_does_not_place():
    qs = V.questions(round_(), ws())
    assert [q.touchpoint for q in qs] == ["Shop", "Courier"]
    assert [(q.number, q.of) for q in qs] == [(1, 2), (2, 2)]
    assert qs[1].stage == "Get" and qs[1].channel == "In person" and qs[1].changes == ()
    to_be = V.questions(round_(), ws(), to_be=True)
    assert to_be[1].changes == ("Text a time window",)


def test_default_touchpoints_spread_over_the_journey_up_to_the_limit():
    w = ws()
    assert V.default_touchpoints(w) == ["t1", "t2", "t3"]
    assert V.default_touchpoints(w, limit=2) == ["t1", "t2"]
    many = Workshop.model_validate({
        "id": "w", "title": "T", "stages": [{"id": "s", "name": "S"}],
        "touchpoints": [{"id": f"t{i}", "name": f"T{i}", "stage_id": "s"} for i in range(30)]})
    picked = V.default_touchpoints(many)
    assert len(picked) == 12 and picked[0] == "t0" and picked[-1] == "t27"


def test_a_round_is_open_until_its_date_or_until_closed():
    assert V.is_open(round_(), TODAY)
    assert V.is_open(round_(), dt.date(2026, 12, 10))
    assert not V.is_open(round_(), dt.date(2026, 12, 11))
    assert not V.is_open(round_(closed=True), TODAY)


def test_customer_stats_count_feelings_happens_and_comments():
    w = ws(rounds=[round_().model_dump(mode="json")], answers=[
        answer(1, "t3", -2, comment="Late again"), answer(2, "t3", -1),
        answer(3, "t3", None, "never"), answer(4, "t3", 0, "not_like_this"),
        answer(5, "t1", 2)])
    stats = V.customer_stats(w, "r")
    c = stats["t3"]
    assert (c.answered, c.rated, c.mean, c.low, c.high) == (4, 3, -1.0, -2, 0)
    assert c.happens[Happens.never] == 1 and c.share_never == 0.25
    assert c.share_not_like_this == 0.25 and c.comments == ("Late again",)
    assert V.respondents(w, "r") == 5


def test_gaps_put_the_largest_difference_first_and_say_it_in_words():
    w = ws(rounds=[round_().model_dump(mode="json")], answers=[
        answer(1, "t3", -1), answer(2, "t3", -2), answer(3, "t1", 1)])
    rows = V.gaps(round_(), w, w)
    assert [g.touchpoint for g in rows] == ["Courier", "Shop"]
    assert rows[0].difference == pytest.approx(-3.5)
    assert rows[0].sentence() == "At Courier, the room said +2.0; 2 customers said -1.5."
    assert rows[1].difference == 0


def test_answers_become_evidence_rows_with_a_sentiment_from_the_feeling():
    w = ws(rounds=[round_().model_dump(mode="json")],
           answers=[answer(1, "t3", -2, comment="Late"), answer(2, "t1", None, "never")])
    rows = V.as_evidence(round_(), w, w)
    assert rows[0] == {"id": "a1", "date": "2026-12-02", "touchpoint": "Courier",
                       "stage": "Get", "channel": "in_person", "segment": "Parents",
                       "sentiment": -1.0, "happens": "Yes, like this", "text": "Late"}
    assert rows[1]["sentiment"] is None and rows[1]["happens"] == "Never used it"
