"""Rooms merged from a store (SQLite and PostgreSQL alike) and from JSON exports."""

from __future__ import annotations

import pytest

from cxwidgets.exceptions import InvalidInput, WorkshopNotFound
from cxwidgets.rooms.merge import load_workshops, merge_workshops, read_workshop_file
from cxwidgets.store import Store

from .conftest import TITLE


def same_content(a, b) -> bool:
    """The same consensus but for ids that name where it and its rooms are stored."""
    def content(w):
        data = w.model_dump(exclude={"id"})
        for room in data["consensus"]["rooms"]:
            room.pop("workshop_id")
        return data

    return content(a) == content(b)


@pytest.fixture
def filled(room_db, rooms):
    store = Store(room_db)
    created = [store.import_workshop(w) for w in rooms]
    yield store, created
    store.close()


def test_the_consensus_is_saved_as_a_new_workshop_and_the_rooms_stay(filled, consensus):
    store, created = filled
    before = {c.id: store.last_seq(c.id) for c in created}
    rooms = load_workshops(store, [c.join_code for c in created])
    merged = merge_workshops(store, rooms, TITLE)
    assert {c.id: store.last_seq(c.id) for c in created} == before  # nothing appended
    assert [i.title for i in store.list_workshops()][-1] == TITLE
    assert store.check_token(merged.created.id, merged.created.token)
    saved = store.state(merged.created.id)
    assert [r.workshop_id for r in saved.consensus.rooms] == [c.id for c in created]
    assert same_content(saved, consensus)
    assert merged.workshop == saved
    assert store.find_by_code(merged.created.join_code) == merged.created.id


def test_rooms_are_found_by_id_or_join_code_or_not_at_all(filled):
    store, created = filled
    assert [w.title for w in load_workshops(store, [created[0].id, created[1].join_code.lower()])
            ] == ["FreshBox meal kits: Berlin room", "FreshBox meal kits: Hamburg room"]
    with pytest.raises(WorkshopNotFound, match="no workshop with id or join code 'NOPE42'"):
        load_workshops(store, ["NOPE42"])


def test_a_bad_name_writes_nothing(store, rooms):
    count = len(store.list_workshops())
    for name, words in (("   ", "give the consensus map a name"), ("x" * 121, "too long")):
        with pytest.raises(InvalidInput, match=words):
            merge_workshops(store, rooms, name)
    with pytest.raises(InvalidInput, match="at least two"):
        merge_workshops(store, rooms[:1], "One room")
    assert len(store.list_workshops()) == count


def test_json_exports_merge_like_stored_workshops(tmp_path, rooms, consensus):
    files = []
    for n, w in enumerate(rooms):
        files.append(tmp_path / f"room{n}.json")
        files[-1].write_text(w.to_json(), encoding="utf-8")
    with Store(tmp_path / "bank.sqlite") as store:
        merged = merge_workshops(store, load_workshops(None, files=files), TITLE)
        assert same_content(merged.workshop, consensus)


@pytest.mark.parametrize(("content", "words"), [
    (None, "does not exist"), ("", "is not a workshop export"),
    ('{"id": "w1"}', r"is not a workshop export \(workshop title: is required"),
    ("\x00\x01binary", "is not a workshop export"), ("folder", "is a folder")])
def test_a_bad_workshop_file_says_which_and_why(tmp_path, content, words):
    path = tmp_path / "room.json"
    if content == "folder":
        path.mkdir()
    elif content is not None:
        path.write_text(content, encoding="utf-8")
    with pytest.raises(InvalidInput, match=words) as caught:
        read_workshop_file(path)
    assert str(path) in str(caught.value)


def test_workshops_by_code_need_a_store():
    with pytest.raises(InvalidInput, match="need a store"):
        load_workshops(None, ["ABC123"])
