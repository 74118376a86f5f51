from cxwidgets.store import Editor
from cxwidgets.widgets.join import JoinForm


def test_wrong_code_is_answered_in_the_form(store, created):
    joined = []
    form = JoinForm(store, joined.append)
    form.code.value = "NOPE42"
    form.name.value = "Ana"
    form.button.click()
    assert "no workshop has the join code" in form.notice.value
    assert joined == [] and not form.button.disabled


def test_empty_name_is_refused(store, created):
    joined = []
    form = JoinForm(store, joined.append, code=created.join_code)
    form.button.click()
    assert "participant name: must not be empty" in form.notice.value
    assert joined == []


def test_joining_hands_over_an_editor(store, created):
    joined = []
    form = JoinForm(store, joined.append, code=created.join_code.lower())
    form.name.value = "Ana"
    form.function.value = "finance"
    form.button.click()
    (editor,) = joined
    assert editor.workshop_id == created.id and not editor.is_facilitator
    assert [p.name for p in store.state(created.id).participants] == ["Ana"]


def test_nobody_is_counted_as_sales_for_not_picking_a_function(store, created):
    """The list starts at "Not sure yet", not at its first function; such a person is
    stored as Other, which is what the model says of someone whose function is unknown."""
    from cxwidgets.method import words as L

    joined = []
    form = JoinForm(store, joined.append, code=created.join_code)
    assert form.function.label == L.NOT_SURE
    form.name.value = "Ana"
    form.button.click()
    (person,) = store.state(created.id).participants
    assert person.function.value == "other"


def test_the_form_speaks_the_language_picked_and_the_seat_keeps_it(store, created):
    from cxwidgets import language
    from cxwidgets.widgets.join import JoinForm

    seats = []
    with language.speaking("en"):
        form = JoinForm(store, seats.append, code=created.join_code, lang="de")
        assert form.button.description == "Dem Workshop beitreten"
        form.language.value = "fr"
        assert form.button.description == "Rejoindre l'atelier"
        assert form.function.options[0] == ("Pas encore sûr", "")
        form.name.value = "Amélie"
        form.button.click()
    (seat,) = seats
    person = next(p for p in store.state(created.id).participants if p.id == seat.author)
    assert person.language == "fr"


def test_a_participant_who_picks_no_language_follows_the_workshops(store, facilitator, created):
    from cxwidgets import language
    from cxwidgets.method.views import language_of
    from cxwidgets.widgets import LiveWorkshop
    from cxwidgets.widgets.room import Room

    facilitator.update_workshop(language="de")
    ana = Editor.join(store, created.join_code, "Ana", "support")
    with language.speaking("en"):
        room = Room(LiveWorkshop(ana))
        assert language_of(room.live.workshop, ana.author) == "de"
        assert "Schritt 1 von 16" in room.heading.value
        facilitator.update_workshop(language="fr")
        room.live.refresh()
        assert "Séquence 1 sur 16" in room.heading.value
        assert room.toggle.description == "Auto-évaluation"
