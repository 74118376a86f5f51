"""The method's judgements, each decided once (the screens and exports only present them)."""

import datetime as dt

from cxwidgets.method import checks
from cxwidgets.method.model import Workshop

TODAY = dt.date(2026, 11, 25)


def ws(**data) -> Workshop:
    return Workshop.model_validate({"id": "w1", "title": "T", **data})


def mapped(**more) -> Workshop:
    return ws(stages=[{"id": "s", "name": "Buy"}],
              touchpoints=[{"id": "t1", "name": "Shop", "stage_id": "s"},
                           {"id": "t2", "name": "Till", "stage_id": "s"},
                           {"id": "t3", "name": "Leaflet"}],
              **more)


def test_missing_from_map_names_counts_and_the_step_to_fix_it():
    w = mapped(pain_points=[{"id": "p", "touchpoint_id": "t1", "text": "Queue"}],
               emotions=[{"id": "e", "touchpoint_id": "t1", "score": 1, "participant": "a"}])
    gaps = checks.missing_from_map(w)
    assert [g.step.key for g in gaps] == ["persona", "timeline", "emotions", "pains"]
    text = [str(g) for g in gaps]
    assert text[1] == "1 touchpoint is not on a stage and is not drawn: Leaflet; see step 5 " \
                      "(Timeline)."
    assert text[2] == "1 touchpoint has no rating for this persona; see step 6 (Emotions)."
    assert text[3] == "1 pain point rests on no evidence yet; see step 7 (Pain points)."


def test_a_complete_map_misses_nothing():
    w = ws(personas=[{"id": "p", "name": "Sam", "agreed": True}],
           stages=[{"id": "s", "name": "Buy"}],
           touchpoints=[{"id": "t", "name": "Shop", "stage_id": "s"}],
           emotions=[{"id": "e", "touchpoint_id": "t", "score": 1, "participant": "a"}])
    assert checks.missing_from_map(w) == []


def test_doubtful_at_half_or_more_not_accurate():
    votes = [{"id": f"v{i}", "target_id": t, "kind": "accuracy", "value": v, "voter": f"p{i}"}
             for i, (t, v) in enumerate([("t1", -1), ("t1", 1), ("t2", 1), ("t2", 1),
                                         ("t2", -1)])]
    w = mapped(votes=votes)
    tallies = {a.target_id: a for a in checks.accuracy(w)}
    assert (tallies["t1"].accurate, tallies["t1"].not_accurate) == (1, 1)
    assert tallies["t1"].doubtful and not tallies["t2"].doubtful
    assert [a.title for a in checks.doubtful(w)] == ["Touchpoint: Shop"]
    assert ("The room doubts Touchpoint: Shop (1 of 2 says it is not accurate)"
            in checks.open_questions(w))


def test_review_overdue_counts_days_from_the_given_day():
    late = checks.review(ws(next_review="2026-11-20"), TODAY)
    assert late.overdue and late.days_overdue == 5 and late.days_left == 0
    soon = checks.review(ws(next_review="2026-12-01"), TODAY)
    assert not soon.overdue and soon.days_left == 6
    none = checks.review(ws(), TODAY)
    assert not none.planned and not none.overdue
