import json

import ipywidgets as w
import pytest

from cxwidgets import keys
from cxwidgets.apps import facilitator_app, participant_app, query_params
from cxwidgets.store import Editor, Store, resolve_db
from cxwidgets.widgets import Stepper, Touchpoints
from cxwidgets.widgets.board import RoomBoard
from cxwidgets.widgets.join import JoinForm
from cxwidgets.widgets.memory import BrowserMemory
from cxwidgets.widgets.room import Room


def find(widget, cls):
    if isinstance(widget, cls):
        return widget
    for child in getattr(widget, "children", ()):
        found = find(child, cls)
        if found is not None:
            return found
    return None


def test_facilitator_app_opens_the_sample_on_an_empty_store(db):
    app = facilitator_app(db=db)
    stepper = find(app, Stepper)
    assert stepper is not None
    store = Store(db)
    (info,) = store.list_workshops()
    assert info.title.startswith("FreshBox")
    assert keys.recall(db, info.id)  # token saved beside the store for next time
    assert info.join_code in app.children[1].children[0].value
    (projector,) = [b for b in app.children[1].tools.children
                    if "cx-projector-toggle" in b._dom_classes]
    projector.value = True  # larger type for the back of the room
    assert "cx-projector" in app._dom_classes and projector.description == "Normal type"
    projector.value = False
    assert "cx-projector" not in app._dom_classes
    facilitator_app(db=db)  # a second start reuses it
    assert len(store.list_workshops()) == 1


def test_facilitator_app_with_a_forged_token_shows_an_error(db, store, created):
    app = facilitator_app(db=db, workshop=created.id, token="forged")
    assert find(app, Stepper) is None
    assert "token does not match" in app.children[1].value


def test_facilitator_app_reads_voila_query_string(db, store, created, monkeypatch):
    monkeypatch.setenv("QUERY_STRING", f"workshop={created.id}&token={created.token}")
    assert find(facilitator_app(db=db), Stepper) is not None


def test_corrupt_store_shows_an_error_not_a_traceback(tmp_path):
    bad = tmp_path / "bad.sqlite"
    bad.write_bytes(b"\x00garbage" * 50)
    app = participant_app(db=bad)
    assert "cannot open the store" in app.children[1].value
    assert bad.read_bytes() == b"\x00garbage" * 50


def test_participant_app_prefills_the_code_and_joins(db, store, created, monkeypatch):
    monkeypatch.setenv("QUERY_STRING", f"code={created.join_code}")
    app = participant_app(db=db)
    form = find(app, JoinForm)
    assert form.code.value == created.join_code
    form.name.value = "Mei"
    form.button.click()
    room = find(app, Room)
    assert room is not None and find(app, JoinForm) is None
    assert find(room, Touchpoints) is None  # the room is on step 1: nothing to add yet
    Editor.facilitator(store, created.id, created.token).open_step("touchpoints")
    room.live.refresh()
    board = find(room, Touchpoints)
    assert board is not None and "Step 4 of 16" in room.heading.value
    board.name.value = "Delivery text message"
    board.add.click()
    assert [t.name for t in store.state(created.id).touchpoints] == ["Delivery text message"]


def test_query_params_and_db_resolution(monkeypatch, tmp_path):
    monkeypatch.setenv("QUERY_STRING", "code=AB12CD&x=1&x=2")
    assert query_params() == {"code": "AB12CD", "x": "1"}
    monkeypatch.setenv("CXWIDGETS_DB", str(tmp_path / "env.sqlite"))
    assert resolve_db() == tmp_path / "env.sqlite"
    assert resolve_db(tmp_path / "arg.sqlite") == tmp_path / "arg.sqlite"
    assert isinstance(participant_app(db=tmp_path / "new.sqlite"), w.VBox)


def test_facilitator_app_runs_a_short_session_of_chosen_steps(db):
    app = facilitator_app(db=db, steps=["emotions", 7, "10"])
    stepper = find(app, Stepper)
    assert [s.step.number for s in stepper.steps] == [6, 7, 10]
    assert "Step 6 of 16" in stepper.heading.value


def test_facilitator_app_opens_with_only_the_rooms_step_built(db):
    app = facilitator_app(db=db)
    stepper = find(app, Stepper)
    room_on = stepper.live.workshop.current_step or "frame"
    assert stepper.current.step.key == room_on
    assert sum(len(slot.children) for slot in stepper.stack.children) == 1
    panel = next(c for c in app.children if isinstance(c, w.Accordion))
    tabs = panel.children[0]
    assert all(len(tab.children) == 0 for tab in tabs.children)  # folded, nothing built
    panel.selected_index = 0  # unfolded: the first technique is built and shown
    assert len(tabs.children[0].children) == 1 and tabs.children[0].children[0].shown
    tabs.selected_index = 2
    third = tabs.children[2].children[0]
    assert third.shown and tabs.children[0].children[0].hidden
    assert len(tabs.children[1].children) == 0


def test_facilitator_app_names_an_unknown_step(db):
    app = facilitator_app(db=db, steps=["lunch"])
    assert find(app, Stepper) is None
    assert "no step &#x27;lunch&#x27;" in app.children[1].value
    assert "known steps: frame, evidence" in app.children[1].value


def test_a_returning_browser_takes_its_seat_again(db, store, created):
    app = participant_app(db=db, code=created.join_code)
    memory = find(app, BrowserMemory)
    assert memory.key == f"cxwidgets-seat-{created.join_code}"
    form = find(app, JoinForm)
    form.name.value = "Mei"
    form.button.click()
    seat = json.loads(memory.value)  # what the browser is asked to keep
    assert set(seat) == {"participant", "secret"}
    again = participant_app(db=db, code=created.join_code)
    find(again, BrowserMemory).loaded = memory.value  # the page reports what it kept
    room = find(again, Room)
    assert room is not None and room.live.editor.author == seat["participant"]
    assert [p.name for p in store.state(created.id).participants] == ["Mei"]


@pytest.mark.parametrize("kept", ["\x00", "not json", '{"participant": "p-x", "secret": "forged"}',
                                  '{"participant": 5}'])
def test_a_missing_or_forged_seat_shows_the_join_form(db, store, created, kept):
    app = participant_app(db=db, code=created.join_code)
    memory = find(app, BrowserMemory)
    memory.loaded = kept
    assert find(app, JoinForm) is not None and find(app, Room) is None
    assert store.state(created.id).participants == []


def test_the_facilitator_app_has_the_room_board_and_the_room_follows(db, store, created):
    app = facilitator_app(db=db, workshop=created.id, token=created.token)
    stepper, board = find(app, Stepper), find(app, RoomBoard)
    assert board is not None and board.follow.value
    stepper.jump.value = 5  # step 6, Emotions
    assert store.state(created.id).current_step == "emotions"
    board.follow.value = False
    stepper.jump.value = 6
    assert store.state(created.id).current_step == "emotions"  # the room stays


@pytest.mark.parametrize("query", ["", "workshop=WID", "token=TOKEN"])
def test_under_voila_the_facilitator_page_needs_the_facilitators_link(db, store, created,
                                                                      monkeypatch, query):
    keys.remember(db, created)  # the serving machine knows the token ...
    query = query.replace("WID", created.id).replace("TOKEN", created.token)
    monkeypatch.setenv("SERVER_SOFTWARE", "voila/0.5.13")
    monkeypatch.setenv("QUERY_STRING", query)
    app = facilitator_app(db=db)
    assert find(app, Stepper) is None  # ... but a visitor without the link gets nothing
    assert "opens only with the facilitator" in app.children[1].value
    monkeypatch.setenv("QUERY_STRING", f"workshop={created.id}&token={created.token}")
    assert find(facilitator_app(db=db), Stepper) is not None


def test_in_jupyterlab_the_saved_token_still_opens_the_workshop(db, store, created,
                                                                monkeypatch):
    monkeypatch.delenv("SERVER_SOFTWARE", raising=False)
    monkeypatch.delenv("QUERY_STRING", raising=False)
    keys.remember(db, created)
    assert find(facilitator_app(db=db), Stepper) is not None


def test_the_participant_link_is_known_only_when_served(monkeypatch):
    from cxwidgets.apps import join_banner, participant_link

    for name in ("SERVER_SOFTWARE", "SERVER_NAME", "SERVER_PORT", "CXWIDGETS_LINK_HOST",
                 "VOILA_PREHEAT", "VOILA_REQUEST_URL"):
        monkeypatch.delenv(name, raising=False)
    assert participant_link("K7Q2MZ") is None
    assert "svg" not in join_banner("K7Q2MZ", None).children[0].value
    monkeypatch.setenv("SERVER_SOFTWARE", "voila/0.5.8")
    monkeypatch.setenv("SERVER_NAME", "127.0.0.1")
    monkeypatch.setenv("SERVER_PORT", "8866")
    assert participant_link("K7Q2MZ") == (
        "http://127.0.0.1:8866/voila/render/participant.ipynb?code=K7Q2MZ")
    monkeypatch.setenv("CXWIDGETS_LINK_HOST", "192.168.1.20")  # served to the whole network
    link = participant_link("K7Q2MZ")
    assert link.startswith("http://192.168.1.20:8866/")
    banner = join_banner("K7Q2MZ", link)
    assert "svg" in banner.children[0].value and link in banner.children[0].value
    big = banner.tools.children[0]
    big.value = True
    assert "cx-qr-big" in banner._dom_classes
    big.value = False
    assert "cx-qr-big" not in banner._dom_classes


def test_a_customer_link_whose_round_is_removed_meanwhile_says_so(db, store, created,
                                                                   facilitator, monkeypatch):
    """The round goes (the facilitator removes it) between the customer's seat and their
    questions: the page says the link leads nowhere instead of failing."""
    import datetime as dt

    from cxwidgets.apps import validate_app

    stage = facilitator.add("stages", {"name": "Report the claim", "order": 0})
    hotline = facilitator.add("touchpoints", {"name": "Claim hotline", "stage_id": stage})
    round_id = facilitator.open_round("How was it?", [hotline],
                                      dt.date.today() + dt.timedelta(days=7))
    code = next(r.code for r in store.state(created.id).rounds if r.id == round_id)
    seat = Editor.customer.__func__

    def seat_then_round_removed(cls, *args, **kwargs):
        made = seat(cls, *args, **kwargs)
        facilitator.remove("rounds", round_id)
        return made

    monkeypatch.setattr(Editor, "customer", classmethod(seat_then_round_removed))
    app = validate_app(db=db, workshop=created.id, round_code=code)
    find(app, BrowserMemory).loaded = "\x00"  # a first visit: the browser kept nothing
    assert "does not lead to any questions" in app.children[1].value
