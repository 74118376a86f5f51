"""Every path around the rules a participant found is closed: each change passes one gate.

Each attack is made twice where it arrives through a screen: from the screen kept alive
in the participant's kernel (headless: `.value`, `.click()`) and straight at the seat's
`Editor`, which is all a screen holds. After a refusal nothing was appended and the
entry is as it was.
"""

from __future__ import annotations

import pytest

from cxwidgets.exceptions import InvalidInput, NotAllowed
from cxwidgets.store import Editor
from cxwidgets.widgets import LiveWorkshop, PainPoints, Prioritise, Touchpoints


@pytest.fixture
def tps(facilitator) -> list[str]:
    stage = facilitator.add("stages", {"name": "Get paid"})
    return [facilitator.add("touchpoints", {"name": n, "stage_id": stage})
            for n in ("Claim form", "Payment letter")]


@pytest.fixture
def ana(store, created) -> Editor:
    return Editor.join(store, created.join_code, "Ana", "support")


@pytest.fixture
def ben(store, created) -> Editor:
    return Editor.join(store, created.join_code, "Ben", "sales")


def names(store, created) -> list[str]:
    return [t.name for t in store.state(created.id).touchpoints]


# -- undo walked around the lock and the removal rules -------------------------------

def test_undo_cannot_bring_back_a_removed_touchpoint_on_a_locked_step(
        store, created, facilitator, tps, ana):
    facilitator.open_step("touchpoints")
    mine = ana.add("touchpoints", {"name": "Chat bot", "stage_id": tps and
                                   store.state(created.id).stages[0].id})
    ana.remove("touchpoints", mine)
    facilitator.lock_step("touchpoints")
    before = store.last_seq(created.id)
    with pytest.raises(NotAllowed, match=r"not undone: the facilitator has locked step 4"):
        ana.undo()
    assert store.last_seq(created.id) == before and "Chat bot" not in names(store, created)


def test_the_undo_button_of_the_screen_is_refused_too(store, created, facilitator, tps, ana,
                                                      said):
    facilitator.open_step("touchpoints")
    screen = Touchpoints(LiveWorkshop(ana))
    screen.name.value = "Chat bot"
    screen.stage.value = store.state(created.id).stages[0].id
    screen.add.click()
    screen.live.refresh()
    screen.mine.value = next(t.id for t in store.state(created.id).touchpoints
                             if t.name == "Chat bot")
    screen.remove.click()
    facilitator.lock_step("touchpoints")
    screen.live.refresh()
    before = store.last_seq(created.id)
    screen.undo.click()
    assert "not undone" in said(screen) and "locked step 4" in said(screen)
    assert store.last_seq(created.id) == before and "Chat bot" not in names(store, created)


def test_undo_cannot_leave_another_persons_pain_point_dangling(store, created, facilitator,
                                                               tps, ana, ben):
    facilitator.keep_open("touchpoints")  # so only the reference can stop the undo
    facilitator.open_step("pains")
    mine = ana.add("touchpoints", {"name": "Chat bot",
                                   "stage_id": store.state(created.id).stages[0].id})
    ben.add("pain_points", {"touchpoint_id": mine, "text": "Bot loops forever"})
    before = store.last_seq(created.id)
    with pytest.raises(InvalidInput, match=r"not undone: cannot remove touchpoint 'Chat bot': "
                                           r"pain point 'Bot loops forever' still depends"):
        ana.undo()
    ws = store.state(created.id)
    assert store.last_seq(created.id) == before
    assert [p.touchpoint_id for p in ws.pain_points] == [mine]  # the map keeps it


def test_the_facilitators_undo_keeps_references_whole_too(store, created, facilitator, tps,
                                                         ben):
    facilitator.open_step("pains")
    late = facilitator.add("touchpoints", {"name": "Hotline",
                                           "stage_id": store.state(created.id).stages[0].id})
    ben.add("pain_points", {"touchpoint_id": late, "text": "Nobody answers"})
    with pytest.raises(InvalidInput, match="pain point 'Nobody answers' still depends"):
        facilitator.undo()
    assert "Hotline" in names(store, created)


def test_undo_cannot_restore_a_dot_beyond_the_budget(store, created, facilitator, tps, ana):
    facilitator.update_workshop(dot_budget=1)
    facilitator.open_step("prioritise")
    pains = [facilitator.add("pain_points", {"touchpoint_id": tps[0], "text": t})
             for t in ("Slow", "Rude")]
    first = ana.add("votes", {"target_id": pains[0], "kind": "dot"})
    ana.remove("votes", first)
    # Ana gave her one dot on paper; the facilitator types it in for her
    facilitator.add("votes", {"target_id": pains[1], "kind": "dot", "voter": ana.author})
    before = store.last_seq(created.id)
    with pytest.raises(InvalidInput, match=r"not undone: vote: no dots left \(1 of 1"):
        ana.undo()  # would bring back her first dot: two of one
    assert store.last_seq(created.id) == before
    assert [v.target_id for v in store.state(created.id).votes] == [pains[1]]


def test_undo_of_a_change_on_a_closed_step_is_refused(store, created, facilitator, tps, ana):
    facilitator.open_step("pains")
    pain = ana.add("pain_points", {"touchpoint_id": tps[0], "text": "Slow"})
    ana.update("pain_points", pain, text="Very slow")
    facilitator.open_step("opportunities")  # the room moved on
    with pytest.raises(NotAllowed, match=r"not undone: the room is on step 8 "
                                         r"\(Opportunities\); step 7 \(Pain points\)"):
        ana.undo()
    assert store.state(created.id).pain_points[0].text == "Very slow"


# -- screens left alive from an earlier step -----------------------------------------

def test_dots_sent_to_the_step_12_button_while_the_room_is_at_step_4(store, created,
                                                                     facilitator, tps, ana,
                                                                     said):
    pain = facilitator.add("pain_points", {"touchpoint_id": tps[0], "text": "Slow"})
    facilitator.open_step("prioritise")
    screen = Prioritise(LiveWorkshop(ana))  # built while the room was at step 12
    facilitator.open_step("touchpoints")
    screen.item.value = pain
    before = store.last_seq(created.id)
    for _ in range(3):
        screen.dot.click()
    assert "the room is on step 4 (Touchpoints); step 12 (Prioritise) is not open" in said(
        screen)
    assert store.last_seq(created.id) == before and store.state(created.id).votes == []
    with pytest.raises(NotAllowed, match=r"step 12 \(Prioritise\) is not open"):
        ana.add("votes", {"target_id": pain, "kind": "dot"})


@pytest.mark.parametrize("collection", ["emotions", "votes", "comments", "pain_points",
                                        "opportunities", "backstage", "personas",
                                        "volunteers", "touchpoints"])
def test_no_kind_of_entry_lands_on_a_step_the_room_is_not_on(store, created, facilitator,
                                                             tps, ana, collection):
    pain = facilitator.add("pain_points", {"touchpoint_id": tps[0], "text": "Slow"})
    action = facilitator.add("actions", {"title": "Fix", "owner": "Amara",
                                         "linked_ids": [pain], "due": "2027-01-10"})
    data = {"emotions": {"touchpoint_id": tps[0], "score": 1},
            "votes": {"target_id": pain, "kind": "accuracy", "value": 1},
            "comments": {"target_id": pain, "text": "Not true"},
            "pain_points": {"touchpoint_id": tps[0], "text": "Late"},
            "opportunities": {"touchpoint_id": tps[0], "text": "Call back"},
            "backstage": {"touchpoint_id": tps[0], "name": "Billing"},
            "personas": {"name": "Pat"},
            "volunteers": {"action_id": action},
            "touchpoints": {"name": "Shop", "stage_id":
                            store.state(created.id).stages[0].id}}[collection]
    facilitator.open_step("map")  # the room looks at the map: nobody adds anything
    before = store.last_seq(created.id)
    with pytest.raises(NotAllowed, match=r"the room is on step 10 \(Draw the map\)"):
        ana.add(collection, data)
    assert store.last_seq(created.id) == before
    facilitator.keep_open(_step_of(collection))  # the facilitator's choice opens it
    ana.add(collection, data)


def _step_of(collection: str) -> str:
    from cxwidgets.method.steps import step_of

    found = step_of(collection, "accuracy")
    assert found is not None
    return found.key


def test_a_closed_steps_entries_can_neither_change_nor_go(store, created, facilitator, tps,
                                                         ana, said):
    facilitator.open_step("pains")
    screen = PainPoints(LiveWorkshop(ana))
    pain = ana.add("pain_points", {"touchpoint_id": tps[0], "text": "Slow"})
    facilitator.open_step("opportunities")
    screen.live.refresh()
    screen.mine.value = pain
    screen.text.value = "Slow, rewritten"
    before = store.last_seq(created.id)
    screen.save_changes.click()
    assert "step 7 (Pain points) is not open" in said(screen)
    screen.remove.click()
    assert store.last_seq(created.id) == before
    assert [p.text for p in store.state(created.id).pain_points] == ["Slow"]
    with pytest.raises(NotAllowed):
        ana.remove("pain_points", pain)


def test_a_vote_cannot_be_moved_to_another_steps_kind(store, created, facilitator, tps, ana):
    pain = facilitator.add("pain_points", {"touchpoint_id": tps[0], "text": "Slow"})
    facilitator.open_step("prioritise")
    dot = ana.add("votes", {"target_id": pain, "kind": "dot"})
    facilitator.open_step("review")  # accuracy votes are open, dots are not
    with pytest.raises(NotAllowed, match=r"step 12 \(Prioritise\) is not open"):
        ana.update("votes", dot, kind="accuracy", value=1)


# -- the facilitator may still act anywhere --------------------------------------------

def test_the_facilitator_acts_on_any_step(store, created, facilitator, tps):
    facilitator.open_step("frame")
    facilitator.lock_step("pains")
    pain = facilitator.add("pain_points", {"touchpoint_id": tps[0], "text": "Slow"})
    facilitator.update("pain_points", pain, text="Very slow")
    facilitator.undo()
    assert store.state(created.id).pain_points[0].text == "Slow"


# -- once each, where the method says once ---------------------------------------------

def test_one_offer_per_action_and_one_answer_per_statement(store, created, facilitator, tps,
                                                           ana):
    pain = facilitator.add("pain_points", {"touchpoint_id": tps[0], "text": "Slow"})
    action = facilitator.add("actions", {"title": "Fix", "owner": "Amara",
                                         "linked_ids": [pain], "due": "2027-01-10"})
    facilitator.open_step("actions")
    ana.add("volunteers", {"action_id": action})
    with pytest.raises(InvalidInput, match="volunteer: you have already given this one"):
        ana.add("volunteers", {"action_id": action, "note": "again"})
    answer = {"statement_id": "silos", "participant": "Ana", "score": 2}
    ana.add("diagnosis", answer)
    with pytest.raises(InvalidInput, match="diagnosis answer: you have already"):
        ana.add("diagnosis", {**answer, "score": 5})
    state = store.state(created.id)
    assert len(state.volunteers) == 1 and len(state.diagnosis) == 1


# -- no way around the editor ------------------------------------------------------------

def test_no_screen_writes_to_the_store_but_through_its_seat():
    """A participant's kernel runs the screens (widgets) and the apps that build them:
    none of them may write to the store directly, past the gate of its `Editor`."""
    import re
    from pathlib import Path

    import cxwidgets

    package = Path(cxwidgets.__file__).parent
    writes = re.compile(r"\bstore\.(append|undo|import_workshop|import_history|tag_version|"
                        r"join|note_presence|create_workshop)\(")
    screens = [*sorted((package / "widgets").glob("*.py")),
               *sorted((package / "server").glob("*.py")),
               *[package / n for n in ("apps.py", "serve.py", "kernels.py")
                 if (package / n).exists()]]
    found = [f"{p.name}:{n}" for p in screens
             for n, line in enumerate(p.read_text(encoding="utf-8").splitlines(), 1)
             if writes.search(line)]
    assert len(screens) > 20 and found == []


# -- at the store: the gate runs again under the write lock -----------------------------

def test_a_dot_checked_at_step_12_is_refused_if_the_room_moved_before_it_was_written(
        store, created, facilitator, tps, ana):
    """The check a screen's click passed is run again when the event is written: the
    room moving on in between (another server, another thread) is seen there."""
    from cxwidgets.method import gate
    from cxwidgets.method.model import Vote
    from cxwidgets.store import Guard
    from cxwidgets.store import fold as f

    pain = facilitator.add("pain_points", {"touchpoint_id": tps[0], "text": "Slow"})
    facilitator.open_step("prioritise")
    data = {"id": "v-late", "target_id": pain, "kind": "dot", "value": 1,
            "voter": ana.author, "created_by": ana.author}

    def check(workshop) -> None:
        gate.check_add(workshop, ana.seat, "votes", Vote.model_validate(data))

    workshop, seen = store.workshop_since(created.id)
    check(workshop)  # passes now, at step 12
    facilitator.open_step("touchpoints")
    before = store.last_seq(created.id)
    with pytest.raises(NotAllowed, match=r"the room is on step 4 \(Touchpoints\)"):
        store.append(created.id, ana.author, f.ADD, {"collection": "votes", "data": data},
                     guard=Guard(workshop, seen, check))
    assert store.last_seq(created.id) == before and store.state(created.id).votes == []


def test_the_stores_undo_runs_the_check_on_the_workshop_with_and_without_it(
        store, created, facilitator, tps, ana):
    facilitator.open_step("pains")
    pain = ana.add("pain_points", {"touchpoint_id": tps[0], "text": "Slow"})
    seen: list[tuple[bool, bool, str]] = []

    def refuse(before, after, target) -> None:
        seen.append((any(p.id == pain for p in before.pain_points),
                     any(p.id == pain for p in after.pain_points), target.kind))
        raise NotAllowed("refused here")

    last = store.last_seq(created.id)
    with pytest.raises(NotAllowed, match="refused here"):
        store.undo(created.id, ana.author, store.workshop_since(created.id), refuse)
    assert seen == [(True, False, "entity.add")]  # before holds it, after does not
    assert store.last_seq(created.id) == last  # rolled back: no undo, no gap
    assert [p.id for p in store.state(created.id).pain_points] == [pain]
    ana.add("pain_points", {"touchpoint_id": tps[0], "text": "Late"})  # the log goes on
    assert store.last_seq(created.id) == last + 1
