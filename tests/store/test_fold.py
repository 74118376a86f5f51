from cxwidgets.store import fold as f


def ev(seq, kind, payload, author="a"):
    return f.Event("w", seq, "t", author, kind, payload)


def test_fold_applies_adds_updates_removes_in_order():
    events = [
        ev(1, f.CREATE, {"id": "w", "title": "T"}),
        ev(2, f.ADD, {"collection": "touchpoints", "data": {"id": "a", "name": "A"}}),
        ev(3, f.ADD, {"collection": "touchpoints", "data": {"id": "b", "name": "B"}}),
        ev(4, f.UPDATE, {"collection": "touchpoints", "id": "a", "changes": {"name": "A2"}}),
        ev(5, f.REMOVE, {"collection": "touchpoints", "id": "b"}),
    ]
    ws = f.to_workshop(f.fold(events))
    assert [t.name for t in ws.touchpoints] == ["A2"]


def test_undone_events_are_skipped_and_later_updates_to_missing_entities_ignored():
    events = [
        ev(1, f.CREATE, {"id": "w", "title": "T"}),
        ev(2, f.ADD, {"collection": "touchpoints", "data": {"id": "a", "name": "A"}}),
        ev(3, f.UPDATE, {"collection": "touchpoints", "id": "a", "changes": {"name": "A2"}}),
        ev(4, f.UNDO, {"seq": 2}),
    ]
    assert f.to_workshop(f.fold(events)).touchpoints == []


def test_fold_does_not_mutate_its_starting_state():
    base = f.fold([ev(1, f.CREATE, {"id": "w", "title": "T"})])
    f.fold([ev(2, f.UPDATE_WORKSHOP, {"title": "Changed"})], base)
    assert base["workshop"]["title"] == "T"


def test_unknown_event_kinds_are_ignored():
    events = [ev(1, f.CREATE, {"id": "w", "title": "T"}), ev(2, "future.kind", {"x": 1})]
    assert f.to_workshop(f.fold(events)).title == "T"
