"""The Rooms screen, headless: pick rooms, decide on matches, build the consensus."""

from __future__ import annotations

import ipywidgets as w
import pytest
from ipywidgets.widgets.widget import _instances

from cxwidgets import keys
from cxwidgets.apps import facilitator_app
from cxwidgets.rooms.sample_rooms import three_rooms
from cxwidgets.sample import load_sample_workshop
from cxwidgets.store import Editor
from cxwidgets.widgets import LiveWorkshop
from cxwidgets.widgets.rooms_panel import NOT_MATCHED, MergeRooms, rooms_panel


@pytest.fixture(scope="module")
def three():
    return three_rooms(load_sample_workshop())


@pytest.fixture
def made(store, three):
    return [store.import_workshop(w) for w in three]


@pytest.fixture
def screen(store, made):
    live = LiveWorkshop(Editor.facilitator(store, made[0].id, made[0].token))
    panel = rooms_panel(live)
    panel.selected_index = 0  # opened: the screen reads the store's workshops
    return panel.children[0]


def rows(grid: w.GridBox) -> list[tuple[str, w.Widget, w.Text]]:
    """(words, decision control, name box) per row, without the header row."""
    cells = grid.children[3:]
    return [(cells[k].value, cells[k + 1], cells[k + 2]) for k in range(0, len(cells), 3)]


def row(grid: w.GridBox, words: str):
    return next(r for r in rows(grid) if words in r[0])


def test_the_screen_offers_the_stores_workshops_with_this_one_chosen(screen, made):
    assert [v for _, v in screen.pick.options] == [c.id for c in made]
    assert screen.pick.value == (made[0].id,)
    screen.suggest.click()
    assert "choose at least two workshops" in screen.notice.value
    assert screen.make.disabled


def test_suggested_matches_decided_then_built(screen, made, store):
    screen.pick.value = tuple(c.id for c in made)
    screen.suggest.click()
    assert "7 suggested matches to check below; 60 more have the very same name" in \
        screen.summary.value
    check = screen.pairs.children[1]
    assert len(rows(check)) == 7
    tracking = row(check, "Delivery tracking in the app")
    assert "Same channel and stage" in tracking[0] and tracking[1].value == "accept"
    tracking[1].value = "split"  # not the same
    assert len(rows(screen.pairs.children[1])) == 6
    only = screen.only.children[1]
    assert [r[0].split("</b>")[0].split("<b>")[1] for r in rows(only)] == [
        "Renewal or cancellation", "Courier&#x27;s tracking page", "Skip a week",
        "Monthly invoice", "Cancellation flow", "Win-back offer",
        "Delivery tracking in the app", "Neighbour takes the box in"]
    row(screen.pairs.children[1], "Cooking and eating")[2].value = "Cooking at home"
    neighbour = row(screen.only.children[1], "Neighbour takes the box in")
    assert neighbour[1].value == "" and neighbour[1].options[0][0] == NOT_MATCHED
    screen.name.value = "FreshBox: three cities"
    screen.make.click()
    assert "saved as a new workshop" in screen.notice.value
    saved = store.state(screen.merged.created.id)
    assert saved.title == "FreshBox: three cities"
    assert "Cooking at home" in [s.name for s in saved.stages]
    names = [t.name for t in saved.touchpoints]
    assert "Courier's tracking page" in names and "Delivery tracking in the app" in names
    assert keys.recall(store.url, screen.merged.created.id) == screen.merged.created.token
    found = screen.found.value
    assert found.index("Where the rooms disagree") < found.index("Priorities over all rooms")
    assert "Courier at the door (Delivery): Berlin room -1.1, Hamburg room -1.1, Munich " \
           "room +1.1; 2.2 steps apart" in found
    assert screen.chart.spec["title"]["text"][0].startswith("Sam, the busy parent")
    assert [i.title for i in store.list_workshops()][:3] == [w.title for w in
                                                              (store.state(c.id) for c in made)]


def test_same_as_joins_what_one_room_alone_named(screen, made, store):
    screen.pick.value = tuple(c.id for c in made)
    screen.suggest.click()
    row(screen.pairs.children[1], "Delivery tracking in the app")[1].value = "split"
    alone = row(screen.only.children[1], "Delivery tracking in the app")[1]
    target = next(v for label, v in alone.options if label.startswith("Courier's tracking"))
    alone.value = target
    assert "Matched by you" in row(screen.pairs.children[1], "Delivery tracking in the app")[0]


def test_a_join_the_matching_refuses_is_shown_not_raised(screen, made):
    from cxwidgets.rooms.match import Decision

    screen.pick.value = tuple(c.id for c in made)
    screen.suggest.click()
    m = screen.matching
    neighbour = next(g for g in m.partial("touchpoints") if g.rooms == ("r3",)).anchor
    courier = next(g for g in m.groups["touchpoints"] if g.title == "Courier at the door")
    # the screen offers only groups without a Munich touchpoint; a forged choice is refused
    assert courier.anchor.id not in {v.split("|")[-1] for _, v in
                                     row(screen.only.children[1], "Neighbour")[1].options}
    screen._placed[("touchpoints", "r3", neighbour.id)] = Decision(
        "join", "touchpoints", "r3", neighbour.id, with_room="r1", with_id=courier.anchor.id)
    screen._rematch()
    assert "Munich room already has" in screen.notice.value


def test_participants_cannot_merge(store, made):
    seat = Editor.join(store, made[0].join_code, "Ana", "support")
    screen = MergeRooms(LiveWorkshop(seat))
    assert screen.suggest.disabled


def test_the_facilitator_app_carries_the_rooms_panel(db, store, made):
    keys.remember(db, made[0])
    app = facilitator_app(db=db, workshop=made[0].id, token=made[0].token)
    panels = [c for c in app.children if "cx-rooms" in c._dom_classes]
    assert len(panels) == 1 and panels[0].selected_index is None
    assert isinstance(panels[0].children[0], MergeRooms)


def test_redrawn_rows_are_closed_not_left_behind(screen, made):
    screen.pick.value = tuple(c.id for c in made)
    screen.suggest.click()
    first = screen.pairs.children[1]
    row(first, "Delivery tracking in the app")[1].value = "split"
    assert first.comm is None and all(c.comm is None for c in first.children)
    drawn = len(_instances)
    for _ in range(3):  # the same table drawn again holds exactly as many widgets
        screen._rematch()
    assert len(_instances) == drawn
