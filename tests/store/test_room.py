"""Running the room: open and lock steps, hide votes and entries, merge duplicates, seats."""

import pytest

from cxwidgets.exceptions import InvalidInput, NotAllowed, WorkshopNotFound
from cxwidgets.method.moderation import visible
from cxwidgets.store import Editor


@pytest.fixture
def tp(facilitator):
    stage = facilitator.add("stages", {"name": "Buy"})
    return facilitator.add("touchpoints", {"name": "Checkout", "stage_id": stage})


def test_open_and_lock_steps(store, created, facilitator, participant, tp):
    facilitator.open_step("emotions")
    assert store.state(created.id).current_step == "emotions"
    facilitator.lock_step(6)
    before = store.last_seq(created.id)
    with pytest.raises(NotAllowed, match=r"locked step 6 \(Emotions\) for now"):
        participant.add("emotions", {"touchpoint_id": tp, "score": 1})
    assert store.last_seq(created.id) == before
    with pytest.raises(NotAllowed, match=r"the room is on step 6 \(Emotions\); step 7 "
                                         r"\(Pain points\) is not open for input now"):
        participant.add("pain_points", {"touchpoint_id": tp, "text": "Slow"})
    facilitator.keep_open("pains")  # ... unless the facilitator keeps it open to all
    participant.add("pain_points", {"touchpoint_id": tp, "text": "Slow"})
    facilitator.add("emotions", {"touchpoint_id": tp, "score": 1})  # the facilitator may
    facilitator.lock_step("emotions", locked=False)
    participant.add("emotions", {"touchpoint_id": tp, "score": -1})
    with pytest.raises(NotAllowed, match="only the facilitator"):
        participant.open_step("review")
    with pytest.raises(InvalidInput, match="no step 'coffee'"):
        facilitator.open_step("coffee")


def test_a_locked_step_refuses_changes_and_removals_too(store, created, facilitator,
                                                        participant, tp):
    for key in ("pains", "review", "prioritise"):
        facilitator.keep_open(key)
    pain = participant.add("pain_points", {"touchpoint_id": tp, "text": "Slow"})
    facilitator.lock_step("pains")
    with pytest.raises(NotAllowed, match="locked step 7"):
        participant.update("pain_points", pain, text="Very slow")
    with pytest.raises(NotAllowed, match="locked step 7"):
        participant.remove("pain_points", pain)
    facilitator.lock_step("review")  # dots belong to step 12, accuracy votes to step 11
    participant.add("votes", {"target_id": pain, "kind": "dot"})
    with pytest.raises(NotAllowed, match="locked step 11"):
        participant.add("votes", {"target_id": pain, "kind": "accuracy", "value": 1})


def test_hidden_entries_leave_the_board_but_not_the_history(store, created, facilitator,
                                                            participant, tp):
    facilitator.open_step("pains")
    rude = participant.add("pain_points", {"touchpoint_id": tp, "text": "rude words"})
    facilitator.hide(rude)
    ws = store.state(created.id)
    assert rude in ws.hidden and any(p.id == rude for p in ws.pain_points)
    assert visible(ws).pain_points == []
    facilitator.hide(rude, hidden=False)
    assert [p.id for p in visible(store.state(created.id)).pain_points] == [rude]
    with pytest.raises(NotAllowed):
        participant.hide(rude)
    with pytest.raises(WorkshopNotFound):
        facilitator.hide("nothing-here")


def test_merging_duplicates_folds_their_dots_and_links(store, created, facilitator, tp):
    a = facilitator.add("pain_points", {"touchpoint_id": tp, "text": "Slow courier"})
    b = facilitator.add("pain_points", {"touchpoint_id": tp, "text": "courier is slow"})
    facilitator.open_step("prioritise")
    ana = Editor.join(store, created.join_code, "Ana")
    ana.add("votes", {"target_id": a, "kind": "dot"})
    ana.add("votes", {"target_id": b, "kind": "dot"})
    facilitator.add("actions", {"title": "Fix it", "owner": "Amara", "due": "2027-01-10",
                                "linked_ids": [a, b]})
    facilitator.merge(b, a)
    ws = visible(store.state(created.id))
    assert [p.id for p in ws.pain_points] == [a]
    assert [v.target_id for v in ws.votes] == [a, a]
    assert ws.actions[0].linked_ids == [a]  # the two links became one
    with pytest.raises(InvalidInput, match="already merged the other way round"):
        facilitator.merge(a, b)
    with pytest.raises(InvalidInput, match="same kind"):
        facilitator.merge(a, tp)
    with pytest.raises(InvalidInput, match="into itself"):
        facilitator.merge(a, a)


def test_a_returning_participant_takes_their_seat_again(store, created):
    first = Editor.join(store, created.join_code, "Ana", "support")
    assert first.secret and first.secret not in str(store.events(created.id))
    again = Editor.resume(store, created.join_code, first.author, first.secret)
    assert (again.author, again.display_name) == (first.author, "Ana")
    assert len(store.state(created.id).participants) == 1  # no second Ana
    with pytest.raises(NotAllowed, match="does not match"):
        Editor.resume(store, created.join_code, first.author, "forged")
    with pytest.raises(NotAllowed):
        Editor.resume(store, created.join_code, "p-someone-else", first.secret)


def test_an_older_store_gets_the_seats_table(db):
    import sqlalchemy as sa

    from cxwidgets.store import Store, to_url

    Store(db).close()
    engine = sa.create_engine(to_url(db))
    with engine.begin() as conn:
        conn.execute(sa.text("DROP TABLE cx_seats"))
    engine.dispose()
    with Store(db) as store:  # opening it adds the table back
        created = store.create_workshop("Later")
        assert Editor.join(store, created.join_code, "Bo").secret
