"""The live region: what changes by itself is said, at a calm pace, without flooding."""

from __future__ import annotations

from cxwidgets.store import Editor
from cxwidgets.widgets import LiveWorkshop
from cxwidgets.widgets.announce import GAP_S, Announcer
from cxwidgets.widgets.room import Room
from cxwidgets.widgets.timer import TimerBar


def said(a: Announcer) -> str:
    return a.value.removeprefix("<p>").removesuffix("</p>")


def test_new_entries_of_others_are_gathered_into_one_sentence(store, created, clock,
                                                              facilitator, participant):
    live = LiveWorkshop(participant, clock=clock)
    a = Announcer(live)
    a.moved_to("touchpoints")
    assert said(a) == ""  # opening the page is not news
    others = Editor.join(store, created.join_code, "Ben", "sales")
    others.add("touchpoints", {"name": "Claim form"})
    live.refresh()
    assert said(a) == "1 new entry on the board."
    for name in ("Phone line", "Letter", "Assessor visit"):
        others.add("touchpoints", {"name": name})
        live.refresh()
    assert said(a) == "1 new entry on the board."  # still the first: too soon to speak
    clock.advance(GAP_S)
    live.tick()
    assert said(a) == "3 new entries on the board."  # three at once, in one sentence
    participant.add("touchpoints", {"name": "My own"})
    live.refresh()
    clock.advance(GAP_S)
    live.tick()
    assert said(a) == "3 new entries on the board."  # one's own entry is not news


def test_the_room_moving_on_is_said_and_replaces_older_news(store, created, clock,
                                                            facilitator, participant):
    live = LiveWorkshop(participant, clock=clock)
    room = Room(live)
    facilitator.open_step("touchpoints")
    live.refresh()
    assert "The room moved to step 4 of 16: Touchpoints." in said(room.announcer)
    facilitator.open_step("timeline")
    live.refresh()
    facilitator.open_step("emotions")
    live.refresh()
    clock.advance(GAP_S)
    live.tick()
    assert said(room.announcer) == "The room moved to step 6 of 16: Emotions."


def test_the_last_minute_and_the_end_of_time_are_said_once(created, live, clock):
    bar = TimerBar(live)
    bar.announcer = a = Announcer(live)
    bar.for_step("touchpoints", 2)
    bar.start.click()
    clock.advance(50)
    live.tick()
    assert said(a) == ""
    clock.advance(15)  # 55 s left
    live.tick()
    assert said(a) == "One minute left on this step."
    clock.advance(GAP_S)
    live.tick()
    assert said(a) == "One minute left on this step."  # not again
    clock.advance(60)
    live.tick()
    assert said(a) == "Time is up for this step."
    assert "cx-live" in a._dom_classes and "cx-sr-only" in a._dom_classes
