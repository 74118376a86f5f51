"""The live map beside the step screens, its clicks, its side panel and its table view.

Clicks are sent as the page sends them: the chart's selection trait set to what Vega
reports for a click on the element with that id (`PickChart.click`)."""

from __future__ import annotations

import asyncio
import datetime as dt
import html
import json
import re
import threading
import time

import ipywidgets as w
import pytest

from cxwidgets.charts.live_map import cell_id
from cxwidgets.store import Editor
from cxwidgets.widgets import LiveWorkshop, live_map
from cxwidgets.widgets.live_map import LiveMap, facilitator_map, participant_map, table_rows
from cxwidgets.widgets.room import Room
from cxwidgets.widgets.stepper import Stepper


def rows(spec: dict) -> list[dict]:
    return [r for table in spec.get("datasets", {}).values() for r in table
            if isinstance(r, dict) and "id" in r]


def text(widget) -> str:
    """What a widget's HTML says, as read (tags dropped, entities decoded)."""
    return html.unescape(re.sub(r"<[^>]+>", "", widget.value))


@pytest.fixture
def rich(journey, facilitator, participant):
    """The small journey with a pain point (twice the same quote), an opportunity, a
    backstage process, ratings, a comment, an action and a goal."""
    t1 = journey.touchpoints[0]
    pain = participant.add("pain_points", {
        "touchpoint_id": t1, "text": "Hold music for 20 minutes",
        "evidence": ["I waited forever", "I waited forever", "Nobody picked up"]})
    idea = facilitator.add("opportunities", {"touchpoint_id": t1, "text": "Call-back slots"})
    back = facilitator.add("backstage", {"touchpoint_id": t1, "name": "Call routing",
                                         "owner": "it"})
    participant.add("emotions", {"touchpoint_id": t1, "score": -2, "word": "angry"})
    facilitator.add("emotions", {"touchpoint_id": t1, "score": -1, "word": "angry"})
    participant.add("comments", {"target_id": pain, "text": "Only on Mondays"})
    goal = facilitator.add("goals", {"title": "Answer within a minute"})
    facilitator.add("actions", {"title": "Staff the Monday peak", "owner": "Amara",
                                "due": "2027-01-10", "linked_ids": [pain],
                                "goal_ids": [goal]})
    return {"pain": pain, "idea": idea, "back": back, "goal": goal}


def shown_map(editor: Editor) -> LiveMap:
    live = LiveWorkshop(editor)
    found = LiveMap(live, lambda n: True)
    found.show_step("touchpoints")
    return found


def test_the_facilitator_sees_the_live_map_beside_steps_4_to_13_but_10(store, created,
                                                                     journey, facilitator):
    from cxwidgets.widgets import STEP_CLASSES

    live = LiveWorkshop(facilitator)
    stepper = Stepper(live, list(STEP_CLASSES))
    box = facilitator_map(live, stepper)
    found = box.live_map
    assert box.children[0] is stepper and "cx-with-map" in box._dom_classes
    assert not found.shown and found.chart.spec == {}  # step 1: nothing drawn, nothing sent
    for number in range(1, 17):
        stepper.go(number - 1)
        assert found.shown == (4 <= number <= 13 and number != 10), number
    stepper.go(3)
    spec = found.chart.spec
    assert spec["params"][0]["name"] == "pick" and spec["params"][0]["views"]
    assert {r["id"] for r in rows(spec)} >= set(journey.touchpoints) | set(journey.stages)


def test_a_participant_sees_it_from_step_4_with_their_own_entries_starred(
        store, created, journey, facilitator, participant):
    other = Editor.join(store, created.join_code, "Ben", "sales")
    live = LiveWorkshop(participant)
    box = participant_map(live, Room(live))
    found = box.live_map
    facilitator.open_step("persona")
    live.refresh()
    assert not found.shown
    facilitator.open_step("pains")
    live.refresh()
    assert found.shown
    mine = participant.add("pain_points", {"touchpoint_id": journey.touchpoints[0],
                                           "text": "Mine"})
    theirs = other.add("pain_points", {"touchpoint_id": journey.touchpoints[0],
                                       "text": "Theirs"})
    live.refresh()
    by_id = {r["id"]: r for r in rows(found.chart.spec)}
    assert by_id[mine]["mine"] == "★" and by_id[theirs]["mine"] == ""
    stars = [u for u in _units(found.chart.spec) if u.get("encoding", {}).get(
        "text", {}).get("field") == "mine"]
    assert len(stars) == 1  # drawn on the pain lane, the only lane holding one of hers
    # the stage-at-a-time view (a phone's) says so in words
    assert "★ 1 of the entries on this stage is yours" in text(found.stages.body)


def _units(node):
    if isinstance(node, dict):
        if "mark" in node:
            yield node
        for value in node.values():
            yield from _units(value)
    elif isinstance(node, list):
        for value in node:
            yield from _units(value)


def test_the_map_is_redrawn_only_when_what_it_shows_changed(store, created, journey,
                                                            facilitator, participant):
    found = shown_map(participant)
    sent = []
    found.chart._view.observe(lambda c: sent.append(c), "spec")
    participant.add("diagnosis", {"statement_id": "p1", "participant": "Ana", "score": 4})
    found.live.refresh()
    assert sent == []  # a self-assessment answer is not on the map: nothing sent
    facilitator.add("pain_points", {"touchpoint_id": journey.touchpoints[2],
                                    "text": "Cheque arrives crumpled"})
    found.live.refresh()
    assert len(sent) == 1 and "Cheque arrives crumpled" in str(found.chart.spec["datasets"])


def test_a_click_on_each_kind_of_element_opens_it_in_the_panel(store, created, journey, rich,
                                                               facilitator, participant):
    found = shown_map(participant)
    panel = found.panel
    expected = {
        journey.stages[0]: ("Stage", "Report the claim", "Claim hotline"),
        journey.touchpoints[0]: ("Touchpoint: Claim hotline", "Phone", "“I waited forever”"),
        rich["pain"]: ("Pain point: Hold music for 20 minutes", "“I waited forever” ×2",
                       "Only on Mondays", "Staff the Monday peak", "Answer within a minute",
                       "★ you added this"),
        rich["idea"]: ("Opportunity: Call-back slots", "No action is linked"),
        rich["back"]: ("Backstage process: Call routing", "IT"),
        f"emotion:{journey.touchpoints[0]}": ("Feelings at Claim hotline",
                                              "Mean feeling -1.5", "angry ×2"),
    }
    for picked, words in expected.items():
        found.chart.click(picked)
        assert panel.layout.display == "" and panel.target is not None
        assert panel.target.id == picked
        said = text(panel.body)
        for word in words:
            assert word in said, (picked, word, said)
        # the click is cleared on the page: the same card clicked again opens again
        assert found.chart._view._vl_selections["pick"]["value"] is None
        panel.hide()
    found.chart.click(rich["pain"])
    assert panel.target is not None and panel.target.id == rich["pain"]


@pytest.mark.parametrize("junk", ["", "nope", "cell:pain_points:nope", "cell:x:y",
                                  "emotion:nope", "<script>", "x" * 500])
def test_a_click_naming_nothing_on_the_map_opens_nothing(store, created, journey,
                                                        participant, junk):
    found = shown_map(participant)
    found.chart.click(junk)
    assert found.panel.target is None and found.panel.layout.display == "none"


def test_comments_and_votes_from_the_panel_follow_the_steps_rules(store, created, journey,
                                                                  rich, facilitator,
                                                                  participant):
    facilitator.keep_open("review", False)
    facilitator.keep_open("prioritise", False)
    facilitator.open_step("touchpoints")
    found = shown_map(participant)
    panel = found.panel
    found.chart.click(rich["idea"])
    assert panel.post.disabled and "not open for input now" in panel.post.tooltip
    before = len(store.events(created.id))
    panel.comment.value = "Would customers use it?"
    panel._comment()  # pressed anyway (a button re-enabled by hand): the Editor refuses
    assert "not open for input now" in text(panel.notice)
    assert len(store.events(created.id)) == before
    facilitator.open_step("review")
    found.live.refresh()
    assert not panel.post.disabled
    panel.comment.value = "Would customers use it?"
    panel.post.click()
    assert "Would customers use it?" in text(panel.body) and panel.comment.value == ""
    panel.accurate.click()
    assert "Accurate: 1 · not accurate: 0" in text(panel.body)
    panel.inaccurate.click()
    assert "Accurate: 0 · not accurate: 1" in text(panel.body)
    assert panel.dot.disabled  # dots belong to step 12
    facilitator.open_step("prioritise")
    facilitator.update_workshop(dot_budget=1)
    found.live.refresh()
    panel.dot.click()
    assert "● 1 dot" in text(panel.body)
    panel.dot.click()
    assert "no dots left" in text(panel.notice)
    panel.undot.click()
    assert "● 0 dots" in text(panel.body)
    facilitator.lock_step("prioritise")
    found.live.refresh()
    assert panel.dot.disabled and "locked" in panel.dot.tooltip
    panel._dot()
    assert "locked" in text(panel.notice)


def test_whoever_may_change_an_element_changes_it_from_the_panel(store, created, journey,
                                                                 rich, facilitator,
                                                                 participant):
    other = Editor.join(store, created.join_code, "Ben", "sales")
    mine = shown_map(participant)
    mine.chart.click(rich["pain"])
    assert mine.panel.edit_row.layout.display == ""
    mine.panel.wording.value = "Hold music for half an hour"
    mine.panel.save_wording.click()
    assert "Pain point: Hold music for half an hour" in text(mine.panel.body)
    theirs = shown_map(other)
    theirs.chart.click(rich["pain"])
    assert theirs.panel.edit_row.layout.display == "none"
    theirs.panel.wording.value = "Defaced"
    theirs.panel._save_wording()  # pressed anyway: refused by the Editor
    assert "only change entries you added yourself" in text(theirs.panel.notice)
    assert store.state(created.id).pain_points[0].text == "Hold music for half an hour"
    chief = shown_map(facilitator)
    chief.chart.click(journey.stages[1])
    assert chief.panel.edit_row.layout.display == ""
    chief.panel.wording.value = "Get paid at last"
    chief.panel.save_wording.click()
    assert "Get paid at last" in str(chief.chart.spec["datasets"])


def test_the_facilitator_takes_a_duplicate_off_the_board_or_merges_it_from_the_panel(
        store, created, journey, rich, facilitator, participant):
    t1 = journey.touchpoints[0]
    twin = participant.add("pain_points", {"touchpoint_id": t1, "text": "Hold music forever"})
    noise = participant.add("pain_points", {"touchpoint_id": t1, "text": "asdf"})
    theirs = shown_map(participant)
    theirs.chart.click(twin)
    assert theirs.panel.moderation_row.layout.display == "none"  # the facilitator's only
    theirs.panel._take_off()  # pressed anyway: refused by the Editor
    assert "only the facilitator" in text(theirs.panel.notice)
    assert noise not in store.state(created.id).hidden

    chief = shown_map(facilitator)
    panel = chief.panel
    chief.chart.click(noise)
    assert panel.moderation_row.layout.display == ""
    panel.take_off.click()
    assert store.state(created.id).hidden == [noise]
    assert "Taken off the board" in text(panel.notice)
    assert "no longer on the map" in text(panel.body)
    assert noise not in {r["id"] for r in rows(chief.chart.spec)}

    chief.chart.click(twin)
    assert [v for _, v in panel.into.options] == [rich["pain"]]  # the other pain point left
    panel.into.value = rich["pain"]
    panel.merge.click()
    assert store.state(created.id).merged == {twin: rich["pain"]}
    assert "Merged into Hold music for 20 minutes" in text(panel.notice)
    assert twin not in {r["id"] for r in rows(chief.chart.spec)}
    # a stage, a feeling dot: nothing to moderate there
    chief.chart.click(journey.stages[0])
    assert panel.moderation_row.layout.display == "none"


def test_an_empty_cell_adds_an_entry_of_its_lane_on_its_stage(store, created, journey,
                                                              facilitator, participant):
    found = shown_map(participant)
    panel = found.panel
    found.chart.click(cell_id("pain_points", journey.stages[1]))
    assert "Add a pain point · Get paid" in text(panel.body)
    assert [v for _, v in panel.at.options] == [journey.touchpoints[2]]  # that stage's only
    panel.text.value = "Nobody says when the money comes"
    panel.add.click()
    added = store.state(created.id).pain_points[-1]
    assert (added.text, added.touchpoint_id, added.created_by) == (
        "Nobody says when the money comes", journey.touchpoints[2], participant.author)
    found.chart.click(cell_id("touchpoints", journey.stages[1]))
    assert panel.at.layout.display == "none"
    panel.text.value = "Bank transfer notice"
    panel.add.click()
    tp = store.state(created.id).touchpoints[-1]
    assert (tp.name, tp.stage_id) == ("Bank transfer notice", journey.stages[1])
    panel.text.value = ""
    panel.add.click()  # the model's rule, from the server, beside the form
    assert "must not be empty" in text(panel.notice)
    facilitator.lock_step("touchpoints")
    found.live.refresh()
    assert panel.add.disabled and "locked" in panel.add.tooltip


def test_the_table_view_lists_every_cell_and_opens_the_same_panel(store, created, journey,
                                                                  rich, participant):
    found = shown_map(participant)
    table = found.table
    assert table.rows.children == ()  # folded: nothing built
    table.selected_index = 0
    lines = table_rows(found.live.workshop, found.live.persona_id or None,
                       participant.author)
    assert [title for title, _, _ in lines][:6] == [
        "Stage 1: Report the claim", "Report the claim · Touchpoints",
        "Report the claim · Emotions", "Report the claim · Pain points",
        "Report the claim · Opportunities", "Report the claim · Backstage"]
    buttons = {b.tooltip or b.description: b for row in table.rows.children
               for b in row.children[1:]}
    assert "★ Hold music for 20 minutes" in buttons
    buttons["★ Hold music for 20 minutes"].click()
    assert found.panel.target is not None and found.panel.target.id == rich["pain"]
    adds = [b for row in table.rows.children for b in row.children[1:]
            if "cx-live-add-here" in b._dom_classes]
    assert len(adds) == 2 * 4  # two stages, four lanes the room adds to
    adds[0].click()
    assert found.panel.target.lane == "touchpoints"


def dots_on(found: LiveMap, item: str) -> int:
    """The dots the pain point's card shows on a map."""
    return next(r["dots"] for r in rows(found.chart.spec) if r["id"] == item and "dots" in r)


def test_hidden_dot_counts_stay_hidden_on_a_participants_map(store, created, journey, rich,
                                                             facilitator, participant):
    facilitator.add("votes", {"target_id": rich["pain"], "kind": "dot", "value": 1,
                              "voter": "facilitator"})
    facilitator.hide_votes(True)
    theirs, chief = shown_map(participant), shown_map(facilitator)
    assert dots_on(theirs, rich["pain"]) == 0 and dots_on(chief, rich["pain"]) == 1
    theirs.chart.click(rich["pain"])
    assert "hidden until the facilitator reveals them" in text(theirs.panel.body)
    facilitator.hide_votes(False)
    theirs.live.refresh()
    assert dots_on(theirs, rich["pain"]) == 1


def test_the_table_view_follows_the_room_and_lets_go_of_what_left(store, created, journey,
                                                                  rich, facilitator,
                                                                  participant):
    found = shown_map(participant)
    found.table.selected_index = 0
    button = next(b for row in found.table.rows.children for b in row.children[1:]
                  if b.description == "Call-back slots")
    facilitator.remove("opportunities", rich["idea"])
    found.live.refresh()
    words = [b.description for row in found.table.rows.children for b in row.children[1:]]
    assert "Call-back slots" not in words and "★ Hold music for 20 minutes" in words
    assert button.comm is None  # closed: no widget left behind for an entry gone


def test_a_selection_of_the_wrong_shape_from_the_page_opens_nothing(store, created, journey,
                                                                    participant):
    found = shown_map(participant)
    # (a value that is no dict at all is refused by JupyterChart's own handler first)
    for value in ({}, {"vlPoint": {"or": "x"}}, {"vlPoint": {"or": [{"id": ["a"]}]}},
                  {"id": ["x"]}, {"vlPoint": {"or": [{"id": "nope"}]}}):
        found.chart._view._vl_selections = {"pick": {"value": value, "store": []}}
        assert found.panel.target is None, value


def test_hiding_the_touchpoint_choice_hides_no_other_field(store, created, journey,
                                                           participant):
    found = shown_map(participant)
    found.chart.click(cell_id("touchpoints", journey.stages[0]))
    panel = found.panel
    assert panel.at.layout.display == "none"
    shown = [panel.text, panel.wording, panel.comment, panel.proposed]
    assert all(f.layout.display != "none" for f in shown)
    assert len({id(f.layout) for f in [panel.at, *shown]}) == 5


def test_an_action_is_planned_from_a_pain_points_panel(store, created, journey, rich,
                                                       facilitator, participant):
    facilitator.open_step("actions")
    theirs = shown_map(participant)
    theirs.chart.click(rich["pain"])  # the room does not add actions: no form to tempt
    assert theirs.panel.action_row.layout.display == "none"
    found = shown_map(facilitator)
    panel = found.panel
    found.chart.click(rich["pain"])
    assert panel.action_row.layout.display == "" and not panel.plan.disabled
    before = len(store.state(created.id).actions)
    panel.action_title.value = "Call back within the hour"
    panel.action_owner.value = "Amara"
    panel.plan.click()  # no due date yet: said, nothing saved
    assert "due" in text(panel.notice) and len(store.state(created.id).actions) == before
    panel.action_due.value = dt.date(2027, 1, 15)
    panel.plan.click()
    planned = [a for a in store.state(created.id).actions
               if a.title == "Call back within the hour"]
    assert len(planned) == 1 and planned[0].linked_ids == [rich["pain"]]
    assert planned[0].owner == "Amara" and planned[0].due == dt.date(2027, 1, 15)
    assert "Call back within the hour" in text(panel.body)  # linked: shown in the panel
    assert panel.action_title.value == "" and panel.action_due.value is None
    found.chart.click(journey.touchpoints[0])  # a touchpoint has no action form
    assert panel.action_row.layout.display == "none"


def test_stages_with_nothing_on_them_unfold_the_table_once(store, created, facilitator,
                                                          participant):
    facilitator.add("stages", {"name": "Order", "order": 0})
    found = shown_map(participant)
    assert found.table.selected_index == 0  # "Add here" is the way to a first touchpoint
    assert any("Order · Touchpoints" in text(row.children[0])
               for row in found.table.rows.children)
    found.table.selected_index = None  # folded by the person: it stays folded
    facilitator.add("stages", {"name": "Delivery", "order": 1})
    found.live.refresh()
    assert found.table.selected_index is None


def test_an_empty_workshop_unfolds_nothing(store, created, participant):
    assert shown_map(participant).table.selected_index is None


def test_closing_the_panel_gives_the_focus_back_to_the_tables_button(store, created,
                                                                    journey, rich,
                                                                    participant):
    found = shown_map(participant)
    found.table.selected_index = 0
    button = next(b for row in found.table.rows.children for b in row.children[1:]
                  if isinstance(b, w.Button) and b.description == "Call-back slots")
    sent: list[object] = []
    button.send = sent.append  # what goes to the page
    button.click()
    assert found.panel.target is not None and found.panel.opener is button
    found.panel.close_button.click()
    assert sent == [{"do": "focus"}] and found.panel.opener is None
    found.chart.click(rich["idea"])  # opened from the drawing: nothing to go back to
    found.panel.close_button.click()
    assert sent == [{"do": "focus"}]


def run_apart(work) -> None:
    """Run `work()` on an event loop of its own, in a thread of its own (the test's thread
    may already run one: the browser tests' Playwright)."""
    failed: list[BaseException] = []

    def run() -> None:
        try:
            asyncio.run(work())
        except BaseException as exc:  # handed back to the test
            failed.append(exc)

    thread = threading.Thread(target=run)
    thread.start()
    thread.join()
    if failed:
        raise failed[0]


@pytest.fixture
def in_a_kernel(monkeypatch):
    """As inside a kernel with a page: the map waits for the page to report drawings."""
    monkeypatch.setattr(live_map, "_running_loop", asyncio.get_running_loop)


def test_a_page_still_drawing_the_map_is_sent_only_the_newest_map_once_it_is_done(
        store, created, journey, facilitator, participant, in_a_kernel):
    """Inside a kernel (a running event loop) the map waits for its page: edits that
    arrive while the page draws are drawn together, once, from the newest state."""
    t1 = journey.touchpoints[0]

    async def room() -> None:
        found = shown_map(participant)
        chart, live = found.chart, found.live
        assert chart.drawing and chart.drawings == 1
        for words in ("Queue music loops", "Agent hangs up", "Form loses my text"):
            facilitator.add("pain_points", {"touchpoint_id": t1, "text": words})
            live.refresh()
        assert chart.drawings == 1  # held back while the page draws the first map
        assert "Queue music loops" not in json.dumps(chart.spec)
        chart.page_drew()
        assert chart.drawings == 2  # one drawing for the three edits
        assert {"Queue music loops", "Agent hangs up", "Form loses my text"} <= {
            r.get("text") for r in rows(chart.spec)}
        chart.page_drew()  # nothing new since: nothing sent
        assert chart.drawings == 2 and not chart.drawing
        facilitator.add("pain_points", {"touchpoint_id": t1, "text": "Chat closes at 5"})
        live.refresh()
        assert chart.drawings == 3  # the page was idle: drawn at once

    run_apart(room)


def test_a_page_that_never_reports_its_drawing_still_gets_the_newest_map(
        store, created, journey, facilitator, participant, monkeypatch, in_a_kernel):
    """A page closed or asleep never says it has drawn: the next map goes after a while."""
    monkeypatch.setattr(live_map, "DRAWN_WITHIN", 0.2)
    t1 = journey.touchpoints[0]

    async def room() -> None:
        found = shown_map(participant)
        facilitator.add("pain_points", {"touchpoint_id": t1, "text": "Queue music loops"})
        found.live.refresh()
        assert found.chart.drawings == 1
        await asyncio.sleep(0.4)
        assert found.chart.drawings == 2
        assert "Queue music loops" in {r.get("text") for r in rows(found.chart.spec)}

    run_apart(room)


def test_a_click_is_not_taken_for_the_end_of_a_drawing(store, created, journey, facilitator,
                                                      participant, in_a_kernel):
    async def room() -> None:
        found = shown_map(participant)
        found.live.refresh()
        found.chart.click(journey.touchpoints[0])
        assert found.panel.target is not None and found.panel.target.id == journey.touchpoints[0]
        assert found.chart.drawing  # a click on the old drawing says nothing of the new

    run_apart(room)


def test_a_page_that_drew_slowly_is_left_as_long_again_before_the_next_map(
        store, created, journey, facilitator, participant, in_a_kernel):
    """A page that took 0.5 s to draw gets the next map 0.5 s after it said so, not at
    once: half its time stays for the board, the form and the person's clicks."""
    t1 = journey.touchpoints[0]

    async def room() -> None:
        found = shown_map(participant)
        chart, live = found.chart, found.live
        facilitator.add("pain_points", {"touchpoint_id": t1, "text": "Queue music loops"})
        live.refresh()
        chart.sent_at -= 0.5  # as if the page took half a second to draw
        chart.page_drew()
        assert chart.drawings == 1 and chart.drawing  # resting
        assert 0.3 < chart.rest_until - time.monotonic() < 0.7
        await asyncio.sleep(0.9)
        assert chart.drawings == 2  # the newest map, once rested
        assert "Queue music loops" in {r.get("text") for r in rows(chart.spec)}
        # a page that took 3 s (a slow network, both ways) rests 1 s, not 3
        facilitator.add("pain_points", {"touchpoint_id": t1, "text": "Agent hangs up"})
        live.refresh()
        chart.sent_at -= 3.0
        chart.page_drew()
        assert 0.8 < chart.rest_until - time.monotonic() <= live_map.REST_AT_MOST

    run_apart(room)
