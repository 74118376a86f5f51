import pytest

from cxwidgets.exceptions import NotAllowed
from cxwidgets.store import Editor
from cxwidgets.widgets import Emotions, LiveWorkshop


def rate(step, touchpoint, score, word=""):
    step.touchpoint.value = touchpoint
    step.score.value = score
    step.word.value = word
    step.rate.click()


def test_a_rating_is_stored_for_the_rater_and_persona(store, created, journey, participant):
    step = Emotions(LiveWorkshop(participant))
    before = store.last_seq(created.id)
    rate(step, journey.touchpoints[0], -2, "stuck")
    (event,) = store.events(created.id, after=before)
    data = event.payload["data"]
    assert (data["score"], data["word"], data["participant"], data["persona_id"]) == (
        -2, "stuck", participant.author, journey.persona)
    assert step.touchpoint.value == journey.touchpoints[1]  # on to the next one
    assert "1 of 3 touchpoints rated" in step.progress.value


def test_rating_again_changes_the_rating_instead_of_adding_one(store, created, journey,
                                                               participant):
    step = Emotions(LiveWorkshop(participant))
    rate(step, journey.touchpoints[0], -2, "stuck")
    rate(step, journey.touchpoints[0], 1, "fine after all")
    (emotion,) = store.state(created.id).emotions
    assert (emotion.score, emotion.word) == (1, "fine after all")
    again = Emotions(LiveWorkshop(participant))
    again.touchpoint.value = journey.touchpoints[0]
    assert again.score.value == 1 and again.word.value == "fine after all"


def test_average_and_spread_of_everyones_ratings(store, created, journey, facilitator):
    for name, score in (("Ana", -2), ("Ben", 1), ("Cy", 2)):
        rate(Emotions(LiveWorkshop(Editor.join(store, created.join_code, name))),
             journey.touchpoints[0], score)
    live = LiveWorkshop(facilitator)
    board = Emotions(live)
    assert "+0.3" in board.summary.value  # (-2 + 1 + 2) / 3
    assert "-2 … +2" in board.summary.value and "talk it through" in board.summary.value
    board.show()
    spec = board.chart.spec
    rows = [v for data in spec["datasets"].values() for v in data if "mean" in v]
    assert rows == [{**rows[0], "touchpoint": "Claim hotline", "mean": 0.33, "low": -2,
                     "high": 2, "ratings": 3}]


def test_the_facilitator_rates_for_someone_in_the_room(store, created, journey, facilitator,
                                                       participant):
    step = Emotions(LiveWorkshop(facilitator))
    assert step.rater.layout.display == ""
    step.rater.value = participant.author
    rate(step, journey.touchpoints[2], 2, "paid quickly")
    (emotion,) = store.state(created.id).emotions
    assert emotion.participant == participant.author and emotion.created_by == "facilitator"
    with pytest.raises(NotAllowed, match="only give your own ratings"):
        participant.add("emotions", {"touchpoint_id": journey.touchpoints[0], "score": 1,
                                     "participant": "facilitator"})


def test_ratings_follow_the_persona_being_mapped(store, created, journey, facilitator):
    other = facilitator.add("personas", {"name": "Hasty Hal", "agreed": True})
    live = LiveWorkshop(facilitator)
    step = Emotions(live)
    rate(step, journey.touchpoints[0], -1)
    step.persona.value = other
    assert live.persona_id == other and "No ratings yet" in step.summary.value
    rate(step, journey.touchpoints[0], 2)
    by_persona = {e.persona_id: e.score for e in store.state(created.id).emotions}
    assert by_persona == {journey.persona: -1, other: 2}


def test_nothing_to_rate_gives_the_steps_error(store, created, facilitator):
    step = Emotions(LiveWorkshop(facilitator))
    before = store.last_seq(created.id)
    step.rate.click()
    assert "Pick a touchpoint to rate" in step.notice.value
    assert store.last_seq(created.id) == before
