"""The customers' app, headless: consent, one touchpoint per screen, back, thanks, return."""

import datetime as dt

import ipywidgets as w
import pytest

from cxwidgets.apps import validate_app
from cxwidgets.method.validation import questions
from cxwidgets.store import Editor
from cxwidgets.testing import HOSTILE, HOSTILE_ESCAPED
from cxwidgets.widgets import LiveWorkshop
from cxwidgets.widgets.customers import CustomerSurvey
from cxwidgets.widgets.memory import NOTHING
from cxwidgets.widgets.rounds import AskCustomers

CLOSES = dt.date(2026, 12, 20)


@pytest.fixture
def round_code(facilitator, journey):
    rid = facilitator.open_round(HOSTILE, journey.touchpoints, CLOSES, consent="Anonymous.")
    return next(r.code for r in facilitator.state().rounds if r.id == rid)


def survey(store, created, code, clock, respondent=""):
    live = LiveWorkshop(Editor.customer(store, created.id, code, respondent), clock=clock)
    found = live.workshop.rounds[0]
    return CustomerSurvey(live, found, questions(found, live.workshop))


def texts(widget) -> str:
    out = []
    for child in getattr(widget, "children", ()):
        out.append(getattr(child, "value", "") if isinstance(child, w.HTML) else texts(child))
    return " ".join(str(t) for t in out)


def test_consent_then_each_touchpoint_then_thanks(store, created, journey, round_code, clock):
    s = survey(store, created, round_code, clock)
    assert "Anonymous." in texts(s) and HOSTILE_ESCAPED in texts(s)  # round title as text
    s.children[1].children[1].click()  # I agree, start
    assert "Question 1 of 3" in s.count.value and "Claim hotline" in s.where.value
    assert s.back.disabled is False  # back to the consent
    s.feeling.value, s.happens.value, s.comment.value = -2, "not_like_this", "Waited 40 min"
    s.next.click()
    assert "Question 2 of 3" in s.count.value and s.feeling.value is None
    s.next.click()  # nothing chosen: skipped, nothing saved
    s.happens.value = "never"
    s.feeling.value = 1
    assert s.next.description == "Finish"
    s.next.click()
    assert "Thank you" in texts(s) and "2 answers" in texts(s)
    answers = {a.touchpoint_id: a for a in store.state(created.id).answers}
    hotline, letter = journey.touchpoints[0], journey.touchpoints[2]
    assert (answers[hotline].feeling, answers[hotline].comment) == (-2, "Waited 40 min")
    assert answers[letter].feeling is None  # "never used it" carries no feeling
    assert journey.touchpoints[1] not in answers


def test_back_shows_the_answer_given_and_a_change_replaces_it(store, created, journey,
                                                               round_code, clock):
    s = survey(store, created, round_code, clock)
    s.children[1].children[1].click()
    s.feeling.value = 2
    s.next.click()
    s.back.click()
    assert s.feeling.value == 2 and s.happens.value == "yes"
    s.feeling.value = -1
    s.next.click()
    assert [a.feeling for a in store.state(created.id).answers] == [-1]


def test_a_returning_customer_continues_where_they_left(store, created, journey, round_code,
                                                        clock):
    first = survey(store, created, round_code, clock)
    first.children[1].children[1].click()
    first.feeling.value = 1
    first.next.click()  # leaves after one answer
    again = survey(store, created, round_code, clock, first.live.editor.author)
    again.children[1].children[1].click()
    assert "Question 2 of 3" in again.count.value


def test_a_closed_round_says_so(store, created, facilitator, round_code, clock):
    facilitator.close_round(facilitator.state().rounds[0].id)
    s = survey(store, created, round_code, clock)
    assert "These questions have closed" in texts(s)


def test_a_long_comment_is_refused_and_kept_in_the_form(store, created, round_code, clock):
    s = survey(store, created, round_code, clock)
    s.children[1].children[1].click()
    s.comment.value = "x" * 600
    s.next.click()
    assert "under 500 characters" in s.notice.value and s.comment.value == "x" * 600
    assert not store.state(created.id).answers


def test_the_app_opens_from_the_link_and_refuses_a_wrong_one(db, store, created,
                                                            round_code):
    app = validate_app(db=db, workshop=created.id, round_code=round_code.lower())
    memory = app.children[-1]
    memory.loaded = NOTHING  # what the browser reports when it kept nothing
    (survey_,) = [c for c in app.children if isinstance(c, CustomerSurvey)]
    assert memory.value == survey_.live.editor.author  # kept for a return visit
    wrong = validate_app(db=db, workshop=created.id, round_code="NOPE1234")
    wrong.children[-1].loaded = NOTHING
    assert "does not lead to any questions" in wrong.children[-1].value


def test_the_facilitator_opens_a_round_and_reads_its_gaps(live, journey, store, created):
    live.refresh()
    panel = AskCustomers(live)
    assert panel.touchpoints.value == tuple(journey.touchpoints)
    panel.title.value = "Claims check"
    panel.launch.click()
    assert "open until" in panel.notice.value
    assert "Its link appears here when the kit is served" in panel.link.value
    found = live.workshop.rounds[0]
    Editor.customer(store, created.id, found.code).answer(journey.touchpoints[0], -2, "yes")
    live.refresh()
    assert "1 customer answered" in panel.result.value
    assert "-2.0 (-2 to -2, 1 rating)</td>" in panel.result.value  # the gap table
    assert "Claims check" in panel.rounds.value
    panel.end.click()
    assert "closed" in panel.rounds.value
