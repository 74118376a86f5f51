import pytest

from cxwidgets.store import Editor
from cxwidgets.widgets import LiveWorkshop
from cxwidgets.widgets.board import RoomBoard


@pytest.fixture
def people(store, created):
    return [Editor.join(store, created.join_code, n) for n in ("Ana", "Ben", "<b>Cy</b>")]


def test_notes_counts_and_contributors_for_the_step_on_screen(store, created, journey,
                                                               facilitator, people):
    ana, ben, cy = people
    for who, text in ((ana, "Long hold"), (ben, "Lost form"), (cy, "<img src=x>")):
        who.add("pain_points", {"touchpoint_id": journey.touchpoints[0], "text": text})
    board = RoomBoard(LiveWorkshop(facilitator), "pains")
    assert "3 people joined · 3 added something in this step" in board.people.value
    assert board.notes.value.count("cx-note-text") == 3
    assert "&lt;img src=x&gt;" in board.notes.value and "<img" not in board.notes.value
    assert "&lt;b&gt;Cy&lt;/b&gt;" in board.notes.value
    notes = board.notes.value
    # one column per stage, headed with its count; each note names its touchpoint
    assert "<h5 class='cx-note-group'>Report the claim <span class='cx-count'>· 3</span>" \
        in notes
    assert notes.count("· Claim hotline</span>") == 3
    # newest on top: the room sees what just arrived without scrolling
    assert notes.index("&lt;img src=x&gt;") < notes.index("Lost form") < notes.index(
        "Long hold")
    assert '<b>7. Pain points</b></td><td data-label="Entries">3</td>' \
           '<td data-label="From">3 people</td>' in board.counts.value


def test_the_board_says_who_the_entries_came_from(store, created, journey, facilitator,
                                                  people):
    board = RoomBoard(LiveWorkshop(facilitator), "touchpoints")
    assert '<td data-label="From">the facilitator</td>' in board.counts.value
    people[0].add("touchpoints", {"name": "Letter", "stage_id": journey.stages[0]})
    board = RoomBoard(LiveWorkshop(facilitator), "touchpoints")
    assert '<td data-label="From">the facilitator and 1 person</td>' in board.counts.value
    assert "1 person" not in board.people.value and "3 people joined" in board.people.value


def test_follow_opens_the_step_for_the_room(store, created, facilitator):
    board = RoomBoard(LiveWorkshop(facilitator))
    board.show_step("opportunities")
    assert store.state(created.id).current_step == "opportunities"
    board.follow.value = False
    board.show_step("backstage")
    assert store.state(created.id).current_step == "opportunities"
    assert "the room is on <b>step 8 · " in board.people.value  # by number and title


def test_lock_hide_votes_hide_and_merge_from_the_board(store, created, journey, facilitator,
                                                       people):
    ana, ben, _ = people
    a = ana.add("pain_points", {"touchpoint_id": journey.touchpoints[0], "text": "Slow"})
    b = ben.add("pain_points", {"touchpoint_id": journey.touchpoints[0], "text": "slow!"})
    live = LiveWorkshop(facilitator)
    board = RoomBoard(live, "pains")
    board.lock.value = True
    assert store.state(created.id).locked_steps == ["pains"]
    assert "open it again" in board.lock.description
    board.hide_votes.value = True
    assert store.state(created.id).votes_hidden
    board.entry.value = b
    board.into.value = a
    board.merge.click()
    assert store.state(created.id).merged == {b: a}
    assert "(merged)" in board.notes.value  # still on the facilitator's board
    assert [p.id for p in live.workshop.pain_points] == [a]  # off everyone's map
    board.entry.value = a
    board.hide.click()
    assert a in store.state(created.id).hidden and live.workshop.pain_points == []
    assert "(hidden)" in board.notes.value
    board.unhide.click()
    assert store.state(created.id).hidden == []


def test_a_step_is_kept_open_to_the_room_from_the_board(store):
    created = store.create_workshop("Kept open")  # nothing kept open yet
    chair = Editor.facilitator(store, created.id, created.token)
    stage = chair.add("stages", {"name": "Buy"})
    ana = Editor.join(store, created.join_code, "Ana")
    live = LiveWorkshop(chair)
    board = RoomBoard(live, "touchpoints")
    board.follow.value = False
    board.show_step("pains")  # the room stays on step 1
    board.show_step("touchpoints")
    assert not board.keep_open.value and board.keep_open.description == "Keep open to the room"
    board.keep_open.value = True
    assert store.state(created.id).open_steps == ["touchpoints"]
    ana.add("touchpoints", {"name": "Letter", "stage_id": stage})  # room on step 1: kept open
    live.refresh()
    assert board.keep_open.description == "Kept open to the room"
    board.keep_open.value = False
    assert store.state(created.id).open_steps == []
    board.show_step("map")  # nothing for the room to add at the map: nothing to keep open
    assert board.keep_open.disabled


def test_a_seat_open_in_several_browsers_is_marked_on_the_board(store, created,
                                                                facilitator, people):
    """The store says which seats had two or more pages lately (`LiveWorkshop.crowded`);
    the board names them, escaped, and says what it may mean."""
    ana, _, cy = people
    live = LiveWorkshop(facilitator)
    board = RoomBoard(live, "pains")
    assert "open in" not in board.people.value
    live.crowded = {ana.author: 2, cy.author: 3}
    assert "Ana · open in 2 browsers" in board.people.value
    assert "&lt;b&gt;Cy&lt;/b&gt; · open in 3 browsers" in board.people.value
    assert "another person's saved seat" in board.people.value
    live.crowded = {}
    assert "open in" not in board.people.value


def test_hiding_the_empty_merge_row_leaves_the_rooms_controls_shown(facilitator):
    board = RoomBoard(LiveWorkshop(facilitator), "pains")
    assert board.merge_row.layout.display == "none"  # nothing of the same kind to merge
    controls = next(box for box in board.children if board.lock in getattr(box, "children", ()))
    assert controls.layout.display in (None, "")
