import pytest

from cxwidgets.exceptions import NotAllowed
from cxwidgets.method.model import CommentStatus
from cxwidgets.store import fold as f
from cxwidgets.widgets import LiveWorkshop, Review


def comment(step, target, text, proposed=""):
    step.element.value = target
    step.text.value = text
    step.proposed.value = proposed
    step.post.click()


def test_a_comment_with_a_proposal_is_stored(store, created, journey, participant):
    step = Review(LiveWorkshop(participant))
    before = store.last_seq(created.id)
    comment(step, journey.touchpoints[1], "It is an online form", "Online claim form")
    (event,) = store.events(created.id, after=before)
    assert event.payload["data"]["target_id"] == journey.touchpoints[1]
    assert event.payload["data"]["proposed"] == "Online claim form"
    again = Review(LiveWorkshop(participant))
    assert "It is an online form" in again.review_log.value
    assert "Touchpoint: Claim form" in again.review_log.value and "open" in again.review_log.value


def test_accepting_applies_the_wording_and_keeps_the_history(store, created, journey,
                                                             participant, facilitator):
    comment(Review(LiveWorkshop(participant)), journey.touchpoints[1], "Say online",
            "Online claim form")
    board = Review(LiveWorkshop(facilitator))
    assert board.pending.options and not board.accept.disabled
    before = store.last_seq(created.id)
    board.accept.click()
    events = store.events(created.id, after=before)
    assert [(e.kind, e.payload["collection"]) for e in events] == [
        (f.UPDATE, "touchpoints"), (f.UPDATE, "comments")]
    ws = store.state(created.id)
    assert next(t for t in ws.touchpoints if t.id == journey.touchpoints[1]).name == \
        "Online claim form"
    assert ws.comments[0].status == CommentStatus.accepted
    assert "accepted" in board.review_log.value and board.accept.disabled
    assert "Accepted" in board.decide_notice.value


def test_rejecting_keeps_the_element_as_it_was(store, created, journey, participant,
                                               facilitator):
    comment(Review(LiveWorkshop(participant)), journey.touchpoints[0], "Rename",
            "Claims phone line")
    board = Review(LiveWorkshop(facilitator))
    board.reject.click()
    ws = store.state(created.id)
    assert ws.touchpoints[0].name == "Claim hotline"
    assert ws.comments[0].status == CommentStatus.rejected
    assert "cx-status-rejected" in board.review_log.value


def test_participants_cannot_decide(store, created, journey, participant, facilitator):
    step = Review(LiveWorkshop(participant))
    comment(step, journey.touchpoints[0], "Wrong")
    decide_row = next(c for c in step.children if "cx-decide" in c._dom_classes)
    assert decide_row.layout.display == "none"
    cid = store.state(created.id).comments[0].id
    with pytest.raises(NotAllowed, match="only the facilitator can accept or reject"):
        participant.decide(cid, True)
    with pytest.raises(NotAllowed):
        participant.update("comments", cid, status="accepted")


def test_accuracy_votes_one_per_person_and_element(store, created, journey, participant):
    step = Review(LiveWorkshop(participant))
    step.element.value = journey.stages[0]
    step.accurate.click()
    step.inaccurate.click()  # a change of mind, not a second vote
    (vote,) = store.state(created.id).votes
    assert (vote.kind.value, vote.value, vote.voter) == ("accuracy", -1, participant.author)
    assert "not accurate" in step.my_vote.value
    assert "doubtful" in step.votes.value


def test_an_empty_comment_is_refused(store, created, journey, participant, said):
    step = Review(LiveWorkshop(participant))
    before = store.last_seq(created.id)
    comment(step, journey.touchpoints[0], "   ")
    assert "comment text: must not be empty" in said(step)
    assert store.last_seq(created.id) == before
