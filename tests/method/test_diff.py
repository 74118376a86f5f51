from cxwidgets.method.diff import diff, entity_changes
from cxwidgets.method.model import Workshop
from cxwidgets.sample import load_sample_history


def ws(**data) -> Workshop:
    base = {"id": "w", "title": "Claims",
            "personas": [{"id": "p", "name": "Carla", "agreed": True}],
            "stages": [{"id": "s", "name": "Report"}],
            "touchpoints": [{"id": "t1", "name": "Hotline", "stage_id": "s"},
                            {"id": "t2", "name": "Form", "stage_id": "s"}]}
    return Workshop.model_validate({**base, **data})


def test_known_changes_are_reported_exactly():
    before = ws(emotions=[{"id": "e1", "touchpoint_id": "t1", "score": -2, "participant": "a",
                           "persona_id": "p"},
                          {"id": "e2", "touchpoint_id": "t2", "score": 1, "participant": "a",
                           "persona_id": "p"}],
                pain_points=[{"id": "x", "touchpoint_id": "t1", "text": "Hold music"}])
    after = ws(title="Claims, reviewed",
               touchpoints=[{"id": "t1", "name": "Claims hotline", "stage_id": "s"},
                            {"id": "t2", "name": "Form", "stage_id": "s"},
                            {"id": "t3", "name": "Tracker", "stage_id": "s"}],
               emotions=[{"id": "e1", "touchpoint_id": "t1", "score": 0, "participant": "a",
                          "persona_id": "p"},
                         {"id": "e2", "touchpoint_id": "t2", "score": 1, "participant": "a",
                          "persona_id": "p"}])
    d = diff(before, after)
    assert [(i.collection, i.label) for i in d.added] == [("touchpoints", "Tracker")]
    assert [(i.collection, i.label) for i in d.removed] == [("pain_points", "Hold music")]
    assert [(c.label, c.field, c.before, c.after) for c in d.changed] == [
        ("Claims hotline", "name", "Hotline", "Claims hotline")]
    assert [(e.label, e.before, e.after, e.delta) for e in d.emotions] == [
        ("Claims hotline", -2.0, 0.0, 2.0)]  # t2 did not move: not listed
    assert [(c.field, c.after) for c in d.frame] == [("title", "Claims, reviewed")]
    assert d.summary() == ("1 added · 1 removed · 1 changed · feelings moved at 1 "
                           "touchpoint · 1 session detail changed")


def test_the_same_version_has_no_differences():
    d = diff(ws(), ws())
    assert d.empty and d.summary() == "No differences."


def test_entity_changes_replay_one_version_into_the_other(store):
    as_is, final = load_sample_history()
    created = store.import_workshop(as_is.model_copy(update={"versions": []}))
    changes = entity_changes(as_is, final)
    assert changes.adds and changes.updates
    store._replay(created.id, "facilitator", store.state(created.id), final)
    replayed = store.state(created.id)
    strip = {"id", "versions"}
    assert replayed.model_dump(exclude=strip) == final.model_dump(exclude=strip)
