from cxwidgets.store import fold as f
from cxwidgets.testing import HOSTILE, HOSTILE_ESCAPED
from cxwidgets.widgets import LiveWorkshop, Touchpoints
from cxwidgets.widgets.touchpoints import NO_STAGES, PICK_STAGE


def make(editor):
    return Touchpoints(LiveWorkshop(editor))


def test_add_stores_one_event_and_the_inventory_shows_it(store, created, participant):
    step = make(participant)
    before = store.last_seq(created.id)
    step.name.value = "Claim form on the website"
    step.channel.value = "web"
    step.owner.value = "it"
    step.add.click()
    (event,) = store.events(created.id, after=before)
    assert event.kind == f.ADD and event.author == participant.author
    data = event.payload["data"]
    assert (data["name"], data["channel"], data["owner"], data["medium"]) == (
        "Claim form on the website", "web", "it", "digital")
    assert step.name.value == ""  # ready for the next one
    assert "Claim form on the website" in step.listing_html.value
    assert "1 touchpoint ·" in step.summary.value


def test_channel_sets_the_medium_default(facilitator):
    step = make(facilitator)
    step.channel.value = "store"
    assert step.medium.value == "physical"
    step.channel.value = "email"
    assert step.medium.value == "digital"


def test_a_reloaded_widget_shows_everyones_entries(store, created, facilitator, participant):
    make(facilitator).name.value = "ignored"  # typing alone saves nothing
    a = make(facilitator)
    a.name.value = "Loss adjuster visit"
    a.channel.value = "in_person"
    a.add.click()
    b = make(participant)
    b.name.value = "Status text message"
    b.add.click()
    again = make(participant)
    assert "Loss adjuster visit" in again.listing_html.value
    assert "Status text message" in again.listing_html.value
    assert [label for label, _ in again.mine.options] == ["(new touchpoint)",
                                                          "Status text message"]


def test_invalid_names_show_the_error_and_store_nothing(store, created, participant):
    step = make(participant)
    before = store.last_seq(created.id)
    for bad in ("", "   ", "z" * 10_000):
        step.name.value = bad
        step.add.click()
        assert "touchpoint name" in step.notice.value
    assert step.name.value == "z" * 10_000
    assert store.last_seq(created.id) == before


def test_remove_and_undo(store, created, participant):
    step = make(participant)
    step.name.value = "Phone hotline"
    step.channel.value = "phone"
    step.add.click()
    step.mine.value = step.mine.options[1][1]
    assert step.name.value == "Phone hotline"  # loaded for editing
    step.remove.click()
    assert store.state(created.id).touchpoints == []
    step.undo.click()  # undo the removal
    assert [t.name for t in store.state(created.id).touchpoints] == ["Phone hotline"]
    assert "Phone hotline" in step.listing_html.value


def test_hostile_text_is_shown_as_text(store, created, participant, facilitator):
    step = make(participant)
    step.name.value = HOSTILE
    step.add.click()
    board = make(facilitator)
    assert "<img" not in board.listing_html.value
    assert HOSTILE_ESCAPED in board.listing_html.value


def test_others_edits_arrive_on_refresh(store, created, facilitator, participant):
    live = LiveWorkshop(facilitator)
    board = Touchpoints(live)
    participant.add("touchpoints", {"name": "Claims app"})
    assert "Claims app" not in board.listing_html.value
    assert live.refresh() is True
    assert "Claims app" in board.listing_html.value
    assert live.refresh() is False  # nothing new


def test_stages_are_offered_once_they_exist_and_then_required(store, created, facilitator):
    assert [label for label, _ in make(facilitator).stage.options] == [NO_STAGES]
    facilitator.add("stages", {"name": "Report the claim", "order": 1})
    step = make(facilitator)
    assert [label for label, _ in step.stage.options] == [PICK_STAGE, "Report the claim"]
    step.name.value = "Claim hotline"
    before = store.last_seq(created.id)
    step.add.click()
    assert "Pick the stage this touchpoint belongs to" in step.notice.value
    assert store.last_seq(created.id) == before and step.name.value == "Claim hotline"
    step.stage.value = step.stage.options[1][1]
    step.add.click()
    (tp,) = store.state(created.id).touchpoints
    assert tp.stage_id == step.stage.options[1][1]


def test_edit_an_own_entry_and_save_changes(store, created, participant):
    step = make(participant)
    step.name.value = "Claim form"
    step.add.click()
    assert step.add.disabled is False and step.save_changes.disabled is True
    step.mine.value = step.mine.options[1][1]
    assert step.add.disabled and not step.save_changes.disabled
    step.name.value = "Online claim form"
    step.channel.value = "mobile_app"
    step.save_changes.click()
    (tp,) = store.state(created.id).touchpoints
    assert (tp.name, tp.channel.value) == ("Online claim form", "mobile_app")
    assert "updated" in step.notice.value
    step.mine.value = ""  # back to a new entry: the form empties
    assert step.name.value == "" and not step.add.disabled


def test_a_change_by_someone_else_keeps_what_is_being_typed(store, created, facilitator,
                                                            participant):
    """The facilitator renames a participant's touchpoint while the participant is
    changing it: the participant's list of their own entries changes under the form, and
    the form keeps the entry picked and what was typed in it."""
    step = make(participant)
    step.name.value = "Claim form"
    step.add.click()
    step.mine.value = step.mine.options[1][1]
    step.name.value = "Online claim form, being typed"
    (tp,) = store.state(created.id).touchpoints
    facilitator.update("touchpoints", tp.id, name="Claim form (web)")
    step.live.refresh()
    assert [label for label, _ in step.mine.options][1] == "Claim form (web)"
    assert step.mine.value == tp.id and not step.save_changes.disabled
    assert step.name.value == "Online claim form, being typed"
    step.save_changes.click()
    assert store.state(created.id).touchpoints[0].name == "Online claim form, being typed"


def test_an_entry_gone_under_the_form_keeps_the_text_to_add_again(store, created,
                                                                  facilitator, participant):
    """The facilitator removes the entry a participant is changing: the form turns back
    to adding, with what it held still in it (nothing typed is lost)."""
    step = make(participant)
    step.name.value = "Claim form"
    step.add.click()
    step.mine.value = step.mine.options[1][1]
    (tp,) = store.state(created.id).touchpoints
    facilitator.remove("touchpoints", tp.id)
    step.live.refresh()
    assert step.mine.value == "" and not step.add.disabled and step.save_changes.disabled
    assert step.name.value == "Claim form"
