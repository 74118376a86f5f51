"""The lane board: what it draws, and every move the page may ask for, saved or refused
by the store exactly as the forms' edits are (the page's requests arrive as the comm's
custom messages, as a browser sends them)."""

from __future__ import annotations

from cxwidgets.method import views as J
from cxwidgets.store import Editor
from cxwidgets.store import fold as f
from cxwidgets.widgets import LiveWorkshop
from cxwidgets.widgets.lane_board import UNPLACED, LaneBoard, board_lanes, esm
from cxwidgets.widgets.live_map import LiveMap


def ask(board: LaneBoard, content: object) -> None:
    """What the page sends, through the widget's own message handling."""
    board._handle_custom_msg(content, [])


def test_the_board_holds_the_unplaced_lane_then_the_stages_in_order(jlive, journey,
                                                                    facilitator):
    lanes = board_lanes(jlive.workshop, facilitator.author, facilitator=True)
    assert [lane["id"] for lane in lanes] == journey.stages  # no lane of loose cards
    loose = journey.touchpoints[2]  # taken off its stage (as one added before any stage)
    facilitator.update("touchpoints", loose, stage_id=None)
    jlive.refresh()
    lanes = board_lanes(jlive.workshop, facilitator.author, facilitator=True)
    assert [lane["id"] for lane in lanes] == [UNPLACED, *journey.stages]
    assert [c["id"] for c in lanes[0]["cards"]] == [loose]
    assert [c["name"] for c in lanes[1]["cards"]] == ["Claim hotline", "Claim form"]
    assert lanes[2]["cards"] == []
    assert all(c["movable"] for lane in lanes for c in lane["cards"])
    assert not lanes[0]["movable"] and lanes[1]["movable"]


def test_a_participant_may_move_their_own_cards_only(store, created, journey, participant):
    mine = participant.add("touchpoints", {"name": "Text message", "stage_id": journey.stages[0]})
    ws = store.state(created.id)
    lanes = board_lanes(ws, participant.author, facilitator=False)
    cards = {c["id"]: c for lane in lanes for c in lane["cards"]}
    assert cards[mine]["mine"] and cards[mine]["movable"]
    assert not any(cards[t]["movable"] or cards[t]["mine"] for t in journey.touchpoints)
    assert not any(lane["movable"] for lane in lanes)  # the stages are the facilitator's


def test_the_page_module_carries_sortable_and_the_board():
    code = esm()
    assert "Sortable" in code and "export default { render }" in code
    assert "http://" not in code.replace("http://www.w3.org", "")  # nothing from a network


def test_dragging_a_card_to_another_stage_is_one_change_undone_by_one_undo(
        store, created, jlive, journey):
    board = LaneBoard(jlive)
    board.show(jlive.workshop)
    before = store.last_seq(created.id)
    ask(board, {"move": "card", "id": journey.touchpoints[0], "to": journey.stages[1]})
    (event,) = store.events(created.id, after=before)
    assert event.kind == f.UPDATE and event.payload["changes"]["stage_id"] == journey.stages[1]
    assert "Moved Claim hotline to Get paid" in board.message and not board.refused
    assert board.revision == 1
    assert [c["name"] for c in board.lanes[1]["cards"]] == ["Claim hotline", "Payment letter"]
    ask(board, {"undo": True})
    tp = next(t for t in store.state(created.id).touchpoints if t.id == journey.touchpoints[0])
    assert tp.stage_id == journey.stages[0] and board.revision == 2


def test_a_card_is_never_dragged_off_the_stages(store, created, jlive, journey):
    board = LaneBoard(jlive)
    before = store.last_seq(created.id)
    ask(board, {"move": "card", "id": journey.touchpoints[2], "to": UNPLACED})
    assert store.last_seq(created.id) == before
    assert board.refused and "must sit on a stage" in board.message


def test_dragging_a_stage_moves_that_stage_alone(store, created, jlive, journey):
    board = LaneBoard(jlive)
    before = store.last_seq(created.id)
    ask(board, {"move": "stage", "id": journey.stages[1], "index": 0})
    (event,) = store.events(created.id, after=before)
    assert event.payload["id"] == journey.stages[1]
    assert [s.id for s in J.ordered_stages(store.state(created.id))] == journey.stages[::-1]
    assert "place 1" in board.message
    before = store.last_seq(created.id)
    ask(board, {"move": "stage", "id": journey.stages[1], "index": 0})  # already there
    assert store.last_seq(created.id) == before and not board.refused


def test_a_participant_moving_someone_elses_card_is_refused_and_told_why(
        store, created, journey, participant, clock):
    live = LiveWorkshop(participant, clock=clock)
    board = LaneBoard(live)
    before = store.last_seq(created.id)
    ask(board, {"move": "card", "id": journey.touchpoints[0], "to": journey.stages[1]})
    assert store.last_seq(created.id) == before
    assert board.refused and board.message
    ask(board, {"move": "stage", "id": journey.stages[1], "index": 0})
    assert store.last_seq(created.id) == before and board.refused


def test_a_locked_step_refuses_a_participants_move_of_their_own(
        store, created, journey, participant, facilitator, clock):
    mine = participant.add("touchpoints", {"name": "Text message", "stage_id": journey.stages[0]})
    facilitator.lock_step("touchpoints")
    live = LiveWorkshop(participant, clock=clock)
    board = LaneBoard(live)
    before = store.last_seq(created.id)
    ask(board, {"move": "card", "id": mine, "to": journey.stages[1]})
    assert store.last_seq(created.id) == before
    assert board.refused and "locked" in board.message.lower()


def test_what_is_not_a_move_changes_nothing(store, created, jlive, journey):
    board = LaneBoard(jlive)
    before = store.last_seq(created.id)
    for content in (None, "move", [1, 2], {"move": "card", "id": 5, "to": "x"},
                    {"move": "stage", "id": journey.stages[0], "index": "0"},
                    {"move": "teleport", "id": journey.touchpoints[0]},
                    {"undo": "yes"}):
        ask(board, content)
    assert store.last_seq(created.id) == before and board.revision == 0
    ask(board, {"move": "card", "id": "no-such-card", "to": journey.stages[0]})
    ask(board, {"move": "card", "id": journey.touchpoints[0], "to": "no-such-stage"})
    assert store.last_seq(created.id) == before
    assert board.refused and "no longer on the map" in board.message


def test_the_live_map_builds_the_board_when_unfolded_and_opens_it_at_step_5(
        jlive, journey, facilitator):
    found = LiveMap(jlive, lambda n: True)
    found.show_step("touchpoints")
    assert found.arrange.content is None  # folded: nothing built
    found.show_step("timeline")
    assert found.arrange.selected_index == 0 and found.arrange.content is not None
    board = found.arrange.content
    facilitator.add("touchpoints", {"name": "Welcome email", "stage_id": journey.stages[1]})
    jlive.refresh()
    assert [c["name"] for c in board.lanes[1]["cards"]] == ["Payment letter", "Welcome email"]
    found.arrange.selected_index = None
    found.show_step("touchpoints")
    found.show_step("timeline")  # opens by itself once, not each time
    assert found.arrange.selected_index is None


def test_a_facilitators_move_shows_on_a_participants_board(store, created, journey,
                                                         facilitator, participant, clock):
    theirs = LaneBoard(LiveWorkshop(participant, clock=clock))
    mine = LaneBoard(LiveWorkshop(Editor.facilitator(store, created.id, created.token),
                                  clock=clock))
    ask(mine, {"move": "card", "id": journey.touchpoints[1], "to": journey.stages[1]})
    theirs.live.refresh()
    theirs.show(theirs.live.workshop)
    assert "Claim form" in [c["name"] for c in theirs.lanes[1]["cards"]]


def test_a_stage_is_added_at_the_end_of_the_journey(store, created, jlive, journey):
    board = LaneBoard(jlive)
    assert board.may_add_stage
    ask(board, {"add_stage": "  Renew  "})
    ordered = J.ordered_stages(store.state(created.id))
    assert [s.name for s in ordered][-1] == "Renew" and board.added == 1
    assert board.message == "✓ Added stage Renew." and board.lanes[-1]["name"] == "Renew"
    before = store.last_seq(created.id)
    ask(board, {"add_stage": "   "})  # no name: refused by the store, said why
    assert store.last_seq(created.id) == before and board.refused and board.added == 1
    ask(board, {"add_stage": "x" * 5000})
    assert store.last_seq(created.id) == before and board.refused
