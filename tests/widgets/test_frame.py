import datetime as dt

from cxwidgets.store import fold as f
from cxwidgets.testing import SCRIPT
from cxwidgets.widgets import FrameSession, LiveWorkshop


def make(editor):
    return FrameSession(LiveWorkshop(editor))


def test_each_field_autosaves_one_event(store, created, facilitator):
    step = make(facilitator)
    before = store.last_seq(created.id)
    step.title.value = "Claims, first notice of loss"
    step.scope.value = "Home and contents"
    step.purpose_kind.value = "innovation"
    step.purpose_text.value = "Find ideas that make a claim feel effortless."
    new = store.events(created.id, after=before)
    assert [e.kind for e in new] == [f.UPDATE_WORKSHOP] * 4
    assert new[0].payload == {"title": "Claims, first notice of loss"}
    ws = store.state(created.id)
    assert ws.scope == "Home and contents"
    assert ws.purpose.kind.value == "innovation"
    assert ws.purpose.statement.startswith("Find ideas")


def test_a_reloaded_widget_shows_what_was_saved(store, created, facilitator):
    step = make(facilitator)
    step.title.value = "Saved title"
    step.day.value = dt.date(2026, 12, 3)
    step.add_day.click()
    step.who_name.value = "Jonas"
    step.who_function.value = "it"
    step.add_who.click()
    again = make(facilitator)
    assert again.title.value == "Saved title"
    assert "03 Dec 2026" in again.days.value
    assert "Jonas" in again.who.value and "IT 1" in again.who.value


def test_rendering_does_not_write_events(store, created, facilitator):
    before = store.last_seq(created.id)
    make(facilitator)
    make(facilitator)
    assert store.last_seq(created.id) == before


def test_invalid_title_shows_the_error_and_keeps_the_saved_one(store, created, facilitator):
    step = make(facilitator)
    before = store.last_seq(created.id)
    step.title.value = "x" * 10_000
    assert "workshop title: is too long" in step.notice.value
    assert step.title.value == "x" * 10_000  # the typed text stays for fixing
    assert store.last_seq(created.id) == before
    assert store.state(created.id).title == "Claims journey"
    step.title.value = "Fixed"
    assert step.notice.value == ""


def test_adding_a_day_without_picking_one_says_so(store, created, facilitator):
    step = make(facilitator)
    step.add_day.click()
    assert "Pick a day" in step.day_notice.value


def test_participant_text_is_escaped(store, created, facilitator):
    step = make(facilitator)
    step.who_name.value = SCRIPT
    step.add_who.click()
    assert "<script>" not in step.who.value and "&lt;script&gt;" in step.who.value


def test_the_tip_is_for_the_facilitator_only(facilitator, participant):
    assert "Facilitator tip" in make(facilitator).children[0].value
    assert "Facilitator tip" not in make(participant).children[0].value
