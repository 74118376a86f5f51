import pytest

from cxwidgets.exceptions import InvalidInput, NotAllowed, WorkshopNotFound
from cxwidgets.store import Editor


def test_facilitator_needs_the_right_token(store, created):
    with pytest.raises(NotAllowed, match="token does not match"):
        Editor.facilitator(store, created.id, "forged")
    with pytest.raises(WorkshopNotFound):
        Editor.facilitator(store, "wnope", created.token)


def test_joining_records_the_participant(store, created, participant):
    ws = store.state(created.id)
    assert [(p.name, p.function.value, p.id) for p in ws.participants] == [
        ("Ana", "support", participant.author)]


def test_joining_with_a_wrong_code_writes_nothing(store, created):
    before = store.last_seq(created.id)
    with pytest.raises(WorkshopNotFound):
        Editor.join(store, "WRONG1", "Bo")
    assert store.last_seq(created.id) == before


@pytest.mark.parametrize("name", ["", "   ", "y" * 10_000])
def test_bad_names_are_refused_and_nothing_is_stored(store, created, participant, name):
    before = store.last_seq(created.id)
    with pytest.raises(InvalidInput, match="touchpoint name"):
        participant.add("touchpoints", {"name": name})
    assert store.last_seq(created.id) == before


def test_participants_cannot_change_others_entries_or_the_frame(store, created, facilitator,
                                                                 participant):
    tp = facilitator.add("touchpoints", {"name": "Website"})
    with pytest.raises(NotAllowed, match="only remove entries you added"):
        participant.remove("touchpoints", tp)
    with pytest.raises(NotAllowed, match="only change entries you added"):
        participant.update("touchpoints", tp, name="Hacked")
    with pytest.raises(NotAllowed, match="only the facilitator"):
        participant.update_workshop(title="Hacked")
    with pytest.raises(NotAllowed):
        participant.tag_version("mine")
    assert store.state(created.id).touchpoints[0].name == "Website"
    assert store.state(created.id).title == "Claims journey"


def test_owner_and_id_cannot_be_forged(store, created, facilitator, participant):
    facilitator.open_step("touchpoints")
    tp = participant.add("touchpoints", {"name": "Mine", "created_by": "facilitator"})
    (saved,) = store.state(created.id).touchpoints
    assert saved.id == tp and saved.created_by == participant.author
    participant.update("touchpoints", tp, name="Mine, renamed", created_by="facilitator")
    (saved,) = store.state(created.id).touchpoints
    assert saved.name == "Mine, renamed" and saved.created_by == participant.author
    facilitator.remove("touchpoints", tp)  # the facilitator may tidy anything
    assert store.state(created.id).touchpoints == []


def test_update_validates_the_merged_entity(store, created, facilitator, participant):
    facilitator.open_step("touchpoints")
    tp = participant.add("touchpoints", {"name": "Mine"})
    with pytest.raises(InvalidInput, match="touchpoint channel"):
        participant.update("touchpoints", tp, channel="telegraph")
    assert store.state(created.id).touchpoints[0].channel.value == "web"


def test_update_workshop_rejects_bad_values_and_keeps_the_old(store, created, facilitator):
    with pytest.raises(InvalidInput, match="workshop title: must not be empty"):
        facilitator.update_workshop(title="  ")
    with pytest.raises(InvalidInput, match="unknown workshop field"):
        facilitator.update_workshop(colour="red")
    facilitator.update_workshop(purpose={"kind": "innovation", "statement": "New ideas"})
    ws = store.state(created.id)
    assert ws.title == "Claims journey" and ws.purpose.kind.value == "innovation"


def test_removed_entity_gives_a_clear_error(store, created, facilitator):
    tp = facilitator.add("touchpoints", {"name": "Website"})
    facilitator.remove("touchpoints", tp)
    with pytest.raises(WorkshopNotFound, match="removed by someone else"):
        facilitator.update("touchpoints", tp, name="x")
