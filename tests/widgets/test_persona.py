import pytest

from cxwidgets.exceptions import NotAllowed
from cxwidgets.widgets import LiveWorkshop, Personas
from cxwidgets.widgets.persona import AGREED


def draft(step, group, name, role, goals, channels, quote=""):
    step.group.value = group
    step.name.value = name
    step.role.value = role
    step.goals.value = "\n".join(goals)
    step.channels.value = channels
    step.quote.value = quote
    step.add.click()


def test_group_drafts_are_stored_with_their_group(store, created, participant):
    step = Personas(LiveWorkshop(participant))
    before = store.last_seq(created.id)
    draft(step, "Table 1", "Busy Bea", "Nurse, two children",
          ["Dinner in 20 minutes", "Healthy kids"], ("mobile_app", "email"))
    (event,) = store.events(created.id, after=before)
    data = event.payload["data"]
    assert (data["group"], data["name"], data["agreed"]) == ("Table 1", "Busy Bea", False)
    assert data["goals"] == ["Dinner in 20 minutes", "Healthy kids"]
    assert data["channels"] == ["mobile_app", "email"]
    assert step.group.value == "Table 1" and step.name.value == ""  # ready for the next
    again = Personas(LiveWorkshop(participant))
    assert "Busy Bea" in again.listing_html.value and "Table 1" in again.listing_html.value


def test_drafts_side_by_side_highlight_what_differs(store, created, facilitator):
    a = Editor_for(store, created, "Ana")
    b = Editor_for(store, created, "Ben")
    draft(Personas(LiveWorkshop(a)), "Table 1", "Busy Bea", "Nurse",
          ["Dinner in 20 minutes", "Healthy kids"], ("mobile_app",))
    draft(Personas(LiveWorkshop(b)), "Table 2", "Busy Bea", "Teacher",
          ["dinner in 20 minutes", "Spend less"], ("mobile_app", "phone"))
    board = Personas(LiveWorkshop(facilitator))
    html = board.comparison.value
    # two drafts may share a name (or a table number): a column names both
    assert "<th>Table 1 · Busy Bea</th>" in html and "<th>Table 2 · Busy Bea</th>" in html
    assert "<span class='cx-same'>Busy Bea</span>" in html  # same name: not highlighted
    assert "<span class='cx-only'>Nurse</span>" in html  # roles differ
    assert "<span class='cx-only'>Spend less</span>" in html
    assert "<span class='cx-same'>Dinner in 20 minutes</span>" in html  # case-blind match
    assert "<span class='cx-only'>Phone</span>" in html
    assert "Role <b class='cx-differs'>≠</b>" in html and "Name <b" not in html


def test_the_agreed_persona_is_built_from_the_drafts_which_are_kept(store, created,
                                                                     facilitator):
    a, b = Editor_for(store, created, "Ana"), Editor_for(store, created, "Ben")
    draft(Personas(LiveWorkshop(a)), "Table 1", "Busy Bea", "Nurse", ["Quick dinners"],
          ("mobile_app",), "No time to plan")
    draft(Personas(LiveWorkshop(b)), "Table 2", "Busy Bea", "Teacher", ["Less waste"],
          ("web",))
    live = LiveWorkshop(facilitator)
    step = Personas(live)
    step.start_agreed.click()
    assert step.persona_kind.value == AGREED and step.name.value == "Busy Bea"
    assert step.goals.value.splitlines() == ["Quick dinners", "Less waste"]
    assert set(step.channels.value) == {"mobile_app", "web"}
    step.role.value = "Working parent"
    step.add.click()
    personas = store.state(created.id).personas
    agreed = [p for p in personas if p.agreed]
    assert len(personas) == 3 and len(agreed) == 1
    assert agreed[0].role == "Working parent"
    assert set(agreed[0].based_on) == {p.id for p in personas if not p.agreed}
    assert "Working parent" in step.agreed.value
    assert "Table 1 · Busy Bea, Table 2 · Busy Bea" in step.agreed.value
    assert live.persona_id == agreed[0].id  # the map is drawn for it


def test_several_personas_and_the_map_is_drawn_for_one(store, created, facilitator):
    first = facilitator.add("personas", {"name": "Busy Bea", "agreed": True})
    second = facilitator.add("personas", {"name": "Retired Ron", "agreed": True})
    live = LiveWorkshop(facilitator)
    step = Personas(live)
    assert [v for _, v in step.map_for.options] == [first, second]
    assert live.persona_id == first
    step.map_for.value = second
    assert live.persona_id == second


def test_participants_cannot_agree_a_persona(store, created, participant):
    step = Personas(LiveWorkshop(participant))
    assert step.persona_kind.layout.display == "none" and step.start_agreed.layout.display == "none"
    step.persona_kind.value = AGREED  # even if a crafted message sets it
    step.name.value = "Sneaky"
    step.add.click()
    (p,) = store.state(created.id).personas
    assert p.agreed is False
    with pytest.raises(NotAllowed, match="only the facilitator can mark a persona"):
        participant.add("personas", {"name": "Forged", "agreed": True})


def test_an_empty_name_is_refused_and_nothing_stored(store, created, participant):
    step = Personas(LiveWorkshop(participant))
    before = store.last_seq(created.id)
    step.role.value = "Someone"
    step.add.click()
    assert "persona name: must not be empty" in step.notice.value
    assert store.last_seq(created.id) == before and step.role.value == "Someone"


def Editor_for(store, created, name):
    from cxwidgets.store import Editor

    return Editor.join(store, created.join_code, name)
