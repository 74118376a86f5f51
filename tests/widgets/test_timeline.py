from cxwidgets.method import views as J
from cxwidgets.store import fold as f
from cxwidgets.widgets import LiveWorkshop, Timeline


def test_stages_are_added_in_order_and_moved(store, created, live):
    step = Timeline(live)
    for name in ("Discover", "Buy", "Use"):
        step.name.value = name
        step.add.click()
    stages = sorted(store.state(created.id).stages, key=lambda s: s.order)
    assert [s.name for s in stages] == ["Discover", "Buy", "Use"]
    assert [s.order for s in stages] == [0, 1, 2]
    step.mine.value = stages[2].id  # "Use"
    before = store.last_seq(created.id)
    step.earlier.click()
    (moved,) = store.events(created.id, after=before)  # one change of one stage
    assert moved.kind == f.UPDATE and moved.payload["id"] == stages[2].id
    ordered = sorted(store.state(created.id).stages, key=lambda s: s.order)
    assert [s.name for s in ordered] == ["Discover", "Use", "Buy"]
    board = Timeline(LiveWorkshop(live.editor)).listing_html.value
    assert board.index("1. Discover") < board.index("2. Use") < board.index("3. Buy")
    step.mine.value = ordered[0].id
    step.earlier.click()
    assert "already at that end" in step.notice.value


def test_placing_a_touchpoint_puts_it_on_the_stage(store, created, facilitator, live):
    tp = facilitator.add("touchpoints", {"name": "Welcome email"})  # before any stage
    live.refresh()
    step = Timeline(live)
    step.place.click()
    assert "Pick a touchpoint" not in step.place_notice.value
    assert "add a stage" in step.place_notice.value
    step.name.value = "Sign-up"
    step.add.click()
    assert "1 touchpoint is not on a stage" in step.listing_html.value
    before = store.last_seq(created.id)
    step.tp.value, step.on_stage.value = tp, step.on_stage.options[0][1]
    step.place.click()
    (event,) = store.events(created.id, after=before)
    assert event.payload == {"collection": "touchpoints", "id": tp,
                             "changes": {"stage_id": step.on_stage.value}}
    assert "Every touchpoint sits on a stage" in step.listing_html.value
    assert "Welcome email" in step.listing_html.value


def test_a_stage_holding_touchpoints_is_not_removed(store, created, jlive, journey, said):
    step = Timeline(jlive)
    step.mine.value = journey.stages[0]
    before = store.last_seq(created.id)
    step.remove.click()
    assert ("cannot remove stage 'Report the claim': touchpoint 'Claim hotline' and "
            "touchpoint 'Claim form' still depend on it") in said(step)
    assert store.last_seq(created.id) == before


def test_an_empty_stage_name_is_refused(store, created, live):
    step = Timeline(live)
    before = store.last_seq(created.id)
    step.description.value = "Waiting for the box"
    step.add.click()
    assert "stage name: must not be empty" in step.notice.value
    assert store.last_seq(created.id) == before
    assert step.description.value == "Waiting for the box"


def test_one_undo_takes_a_move_back(store, created, live):
    step = Timeline(live)
    for name in ("Discover", "Buy", "Use"):
        step.name.value = name
        step.add.click()
    use = next(s for s in store.state(created.id).stages if s.name == "Use")
    step.mine.value = use.id
    step.earlier.click()
    step.earlier.click()
    assert [s.name for s in J.ordered_stages(store.state(created.id))] == [
        "Use", "Discover", "Buy"]
    step.undo.click()
    assert [s.name for s in J.ordered_stages(store.state(created.id))] == [
        "Discover", "Use", "Buy"]
