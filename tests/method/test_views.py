from cxwidgets.method import views as J
from cxwidgets.method.model import Workshop


def ws(**data) -> Workshop:
    return Workshop.model_validate({"id": "w1", "title": "T", **data})


def test_stages_follow_their_order_then_the_order_they_were_added():
    w = ws(stages=[{"id": "b", "name": "B", "order": 2}, {"id": "a", "name": "A", "order": 1},
                   {"id": "c", "name": "C", "order": 2}])
    assert [s.id for s in J.ordered_stages(w)] == ["a", "b", "c"]


def test_a_moved_stage_takes_a_number_between_its_new_neighbours():
    w = ws(stages=[{"id": k, "name": k, "order": n} for n, k in enumerate("abcd")])

    def moved(stage: str, index: int) -> list[str]:
        order = J.order_at(w, stage, index)
        assert order is not None
        changed = [s.model_copy(update={"order": order}) if s.id == stage else s
                   for s in w.stages]
        return [s.id for s in J.ordered_stages(w.model_copy(update={"stages": changed}))]

    assert moved("d", 0) == ["d", "a", "b", "c"]
    assert moved("a", 3) == ["b", "c", "d", "a"]
    assert moved("a", 2) == ["b", "c", "a", "d"]
    assert moved("d", 1) == ["a", "d", "b", "c"]
    assert moved("b", 9) == ["a", "c", "d", "b"]  # past the end: last
    assert J.order_at(w, "b", 1) is None  # already there
    assert J.order_at(w, "nope", 0) is None


def test_touchpoints_in_journey_order_and_unplaced():
    w = ws(stages=[{"id": "s2", "name": "Later", "order": 1},
                   {"id": "s1", "name": "First", "order": 0}],
           touchpoints=[{"id": "t1", "name": "x", "stage_id": "s2"},
                        {"id": "t2", "name": "y", "stage_id": "s1"},
                        {"id": "t3", "name": "z"}])
    assert [t.id for t in J.journey_touchpoints(w)] == ["t2", "t1"]
    assert [t.id for t in J.unplaced(w)] == ["t3"]


def test_emotion_stats_keep_each_raters_newest_rating_per_persona():
    w = ws(personas=[{"id": "p1", "name": "P", "agreed": True}],
           emotions=[
               {"id": "e1", "touchpoint_id": "t", "score": -2, "participant": "a",
                "persona_id": "p1"},
               {"id": "e2", "touchpoint_id": "t", "score": 2, "participant": "a",
                "persona_id": "p1"},  # a's newer rating replaces the first
               {"id": "e3", "touchpoint_id": "t", "score": 0, "participant": "b",
                "word": "meh"},  # for every persona
               {"id": "e4", "touchpoint_id": "t", "score": -2, "participant": "c",
                "persona_id": "other"}])
    (stat,) = J.emotion_stats(w, "p1").values()
    assert (stat.mean, stat.low, stat.high, stat.n, stat.words) == (1.0, 0, 2, 2, ("meh",))
    assert stat.sd == 1.0


def test_the_map_persona_prefers_the_one_asked_then_the_first_agreed():
    w = ws(personas=[{"id": "d", "name": "Draft"}, {"id": "a", "name": "Agreed",
                                                    "agreed": True}])
    assert J.map_persona(w).id == "a"
    assert J.map_persona(w, "d").id == "d"
    assert J.map_persona(w, "gone").id == "a"
    assert J.map_persona(ws()) is None


def test_elements_are_named_the_same_way_everywhere():
    w = ws(stages=[{"id": "s", "name": "Buy"}],
           pain_points=[{"id": "p", "touchpoint_id": "t", "text": "Slow"}])
    index = J.element_index(w)
    assert index["s"].title == "Stage: Buy" and index["p"].title == "Pain point: Slow"
