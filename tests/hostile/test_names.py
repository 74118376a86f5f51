"""Nobody can join as "Facilitator" or "Customer evidence", however the name is spelt, and
the facilitator's entries carry a mark no name can imitate, on the board and in exports."""

from __future__ import annotations

import pytest

from cxwidgets.exceptions import InvalidInput
from cxwidgets.export import tables
from cxwidgets.sample import load_sample_workshop
from cxwidgets.store import Editor
from cxwidgets.widgets import LiveWorkshop
from cxwidgets.widgets.board import sticky_notes
from cxwidgets.widgets.join import JoinForm

ROLE_LOOKALIKES = [
    "Facilitator", "facilitator", "FACILITATOR", "  Facilitator  ", "Facilitator.",
    "F a c i l i t a t o r", "Fac\u200bilitator", "Facili\u2060tator", "\ufeffFacilitator",
    "Fаcilitator",            # Cyrillic а
    "FАCILITATOR",            # Cyrillic А
    "FaciIitator",            # capital I for l
    "Faci1itator",            # digit 1 for l
    "Ｆａｃｉｌｉｔａｔｏｒ",  # full width
    "𝐅𝐚𝐜𝐢𝐥𝐢𝐭𝐚𝐭𝐨𝐫",            # mathematical bold
    "Facílitator",            # an accent
    "Facilitator Anna", "Co-facilitator", "The Facilitator",
    "Customer evidence", "customer  evidence", "CUSTOMER\u00a0EVIDENCE",
    "Сustomer еvidence",      # Cyrillic С and е
    "Custorner evidence",     # rn for m
    "Customer", "Evidence", "Customers",
]
ORDINARY_NAMES = [
    "Ana", "Ben", "Fred", "Iris", "Lucia", "Noah", "Mei", "Jürgen", "Zoë", "Øystein",
    "محمد", "李雷", "Ольга", "Σοφία", "Customer Success Anna", "Facundo", "Evie Dence-Smith",
    '=HYPERLINK("http://x.invalid","Fred")',
]


@pytest.mark.parametrize("name", ROLE_LOOKALIKES)
def test_a_role_name_in_any_disguise_is_refused_at_the_door(store, created, name):
    before = store.last_seq(created.id)
    with pytest.raises(InvalidInput, match=r"reads as '(Facilitator|Customer evidence|"
                                           r"Customer|Evidence|Customers|The facilitator)'"):
        Editor.join(store, created.join_code, name)
    assert store.last_seq(created.id) == before
    assert store.state(created.id).participants == []


@pytest.mark.parametrize("name", ORDINARY_NAMES)
def test_ordinary_names_join(store, created, name):
    person = Editor.join(store, created.join_code, name)
    assert store.state(created.id).participants[0].id == person.author


def test_every_name_of_the_sample_passes():
    from cxwidgets.method.roles import reserved_role

    people = load_sample_workshop().participants
    assert people and [p.name for p in people if reserved_role(p.name)] == []


def test_the_join_form_says_why_and_keeps_nothing(store, created):
    joined: list[Editor] = []
    form = JoinForm(store, joined.append, code=created.join_code)
    form.name.value = "Fаcilitator"  # Cyrillic а
    form.button.click()
    assert joined == [] and store.state(created.id).participants == []
    assert "kit keeps for its own roles" in form.notice.value
    assert not form.button.disabled  # they can try again with their own name
    form.name.value = "Ana"
    form.button.click()
    assert [e.display_name for e in joined] == ["Ana"]


def test_the_facilitators_notes_carry_a_badge_no_participant_gets(store, created,
                                                                  facilitator):
    stage = facilitator.add("stages", {"name": "Buy"})
    facilitator.open_step("touchpoints")
    facilitator.add("touchpoints", {"name": "Hotline", "stage_id": stage})
    fred = Editor.join(store, created.join_code, "★ Fred")
    fred.add("touchpoints", {"name": "Chat", "stage_id": stage})
    notes = sticky_notes(LiveWorkshop(facilitator).workshop, "touchpoints")
    chat, hotline = notes.split("cx-note-text")[1:]  # newest first
    assert "cx-role cx-role-facilitator" in hotline and "★ Facilitator" in hotline
    assert "cx-role" not in chat and "★ Fred" in chat


def test_exports_name_the_role_beside_who_added_each_entry(store, created, facilitator):
    stage = facilitator.add("stages", {"name": "Buy"})
    facilitator.open_step("touchpoints")
    facilitator.add("touchpoints", {"name": "Hotline", "stage_id": stage})
    Editor.join(store, created.join_code, "Fred").add(
        "touchpoints", {"name": "Chat", "stage_id": stage})
    frame = tables.touchpoints(store.state(created.id), None)
    assert frame[["Touchpoint", "Added by", "Role"]].values.tolist() == [
        ["Hotline", "Facilitator", "facilitator"], ["Chat", "Fred", "participant"]]
