import sqlite3

import pytest
import sqlalchemy as sa

from cxwidgets.exceptions import NotAllowed, NothingToUndo, StoreUnavailable, WorkshopNotFound
from cxwidgets.store import Editor, Store
from cxwidgets.store import fold as f
from cxwidgets.store.sql import SNAPSHOT_EVERY

#: For tests about SQLite itself: its journal mode, the bytes of its file.
sqlite_only = pytest.mark.parametrize("backend", ["sqlite"])


@sqlite_only
def test_new_store_uses_wal(db, store):
    with sqlite3.connect(db) as conn:
        assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"


def test_create_workshop_gives_code_and_token(store, created):
    assert len(created.join_code) == 6 and created.join_code.isupper()
    assert store.find_by_code(created.join_code.lower()) == created.id
    assert store.find_by_code(" " + created.join_code[:3] + " " + created.join_code[3:]) \
        == created.id
    assert store.check_token(created.id, created.token)
    assert not store.check_token(created.id, created.token + "x")
    assert store.state(created.id).title == "Claims journey"


@sqlite_only
def test_token_is_not_stored_in_clear(db, created):
    raw = db.read_bytes() + db.with_name(db.name + "-wal").read_bytes()
    assert created.token.encode() not in raw


def test_no_secret_is_stored_in_clear(store, created):
    participant = Editor.join(store, created.join_code, "Ana")
    with store.engine.connect() as conn:
        stored = " ".join(str(row) for table in ("cx_workshops", "cx_events", "cx_seats",
                                                 "cx_snapshots", "cx_meta")
                          for row in conn.execute(sa.text(f"SELECT * FROM {table}")))
    assert created.token not in stored and participant.secret not in stored
    assert created.join_code in stored  # the check can see what is there


def test_wrong_join_code_is_a_clear_error(store, created):
    with pytest.raises(WorkshopNotFound, match="no workshop has the join code 'ZZZZZZ'"):
        store.find_by_code("zzzzzz")


def test_events_after_n_is_the_live_feed(store, created, facilitator):
    start = store.last_seq(created.id)
    facilitator.add("touchpoints", {"name": "Website"})
    facilitator.add("touchpoints", {"name": "Call centre", "channel": "phone"})
    feed = store.events(created.id, after=start)
    assert [e.seq for e in feed] == [start + 1, start + 2]
    assert [e.payload["data"]["name"] for e in feed] == ["Website", "Call centre"]
    assert all(e.author == "facilitator" and e.kind == f.ADD for e in feed)
    assert store.events(created.id, after=start + 2) == []


def test_state_at_an_earlier_sequence(store, created, facilitator):
    facilitator.add("touchpoints", {"name": "Website"})
    seq = store.last_seq(created.id)
    facilitator.add("touchpoints", {"name": "Letter", "channel": "mail"})
    assert [t.name for t in store.state(created.id, at=seq).touchpoints] == ["Website"]
    assert len(store.state(created.id).touchpoints) == 2


def test_undo_takes_back_only_the_authors_own_last_edit(store, created, facilitator,
                                                        participant):
    facilitator.open_step("touchpoints")
    facilitator.add("touchpoints", {"name": "Website"})
    participant.add("touchpoints", {"name": "Shop counter", "channel": "store"})
    facilitator.undo()
    names = [t.name for t in store.state(created.id).touchpoints]
    assert names == ["Shop counter"]
    participant.undo()  # the touchpoint
    assert store.state(created.id).touchpoints == []
    with pytest.raises(NotAllowed, match="not undone: only the facilitator can remove "
                                         "participants"):
        participant.undo()  # joining: a seat cannot take itself out of the room
    assert len(store.state(created.id).participants) == 1
    facilitator.undo()  # opening the step
    with pytest.raises(NothingToUndo, match="no change left to undo"):
        facilitator.undo()
    # history keeps everything: nothing was deleted from the log
    kinds = [e.kind for e in store.events(created.id)]
    assert kinds.count(f.UNDO) == 3 and kinds.count(f.ADD) == 3


def test_a_refused_undo_is_rolled_back_and_the_log_goes_on(store, created, facilitator,
                                                          participant):
    facilitator.open_step("touchpoints")
    tp = participant.add("touchpoints", {"name": "Shop counter"})
    looked: list[tuple[int, int, str]] = []

    def refuse(before, after, target) -> None:
        looked.append((len(before.touchpoints), len(after.touchpoints), target.kind))
        raise NotAllowed("refused under the lock")

    last = store.last_seq(created.id)
    with pytest.raises(NotAllowed, match="refused under the lock"):
        store.undo(created.id, participant.author, store.workshop_since(created.id), refuse)
    assert looked == [(1, 0, f.ADD)]  # the check saw the workshop with and without it
    assert store.last_seq(created.id) == last  # nothing written, no gap
    assert [t.id for t in store.state(created.id).touchpoints] == [tp]
    participant.undo()  # allowed: the room is on the step
    assert store.state(created.id).touchpoints == []
    assert [e.seq for e in store.events(created.id)] == list(range(1, last + 2))


def test_snapshots_are_written_and_give_the_same_state(store, created, facilitator):
    for i in range(SNAPSHOT_EVERY + 10):
        facilitator.add("touchpoints", {"name": f"Touchpoint {i}"})
    seq = store.last_seq(created.id)
    base_seq, base = store._usable_snapshot(created.id, seq)
    assert base_seq == SNAPSHOT_EVERY and base is not None
    from_snapshot = store.state(created.id)
    full = f.to_workshop(f.fold(store.events(created.id)))
    assert from_snapshot == full
    assert len(full.touchpoints) == SNAPSHOT_EVERY + 10


def test_undo_reaching_behind_a_snapshot_is_honoured(store, created, facilitator):
    facilitator.add("touchpoints", {"name": "First"})
    for i in range(SNAPSHOT_EVERY):
        facilitator.update_workshop(scope=f"scope {i}")
    assert store._usable_snapshot(created.id, store.last_seq(created.id))[0] > 0
    for _ in range(SNAPSHOT_EVERY + 1):  # undo every scope change, then the touchpoint
        facilitator.undo()
    state = store.state(created.id)
    assert state.touchpoints == [] and state.scope == "Home insurance"
    assert state == f.to_workshop(f.fold(store.events(created.id)))


def test_named_versions(store, created, facilitator):
    facilitator.add("touchpoints", {"name": "Website"})
    facilitator.tag_version("as-is", kind="as_is")
    facilitator.add("touchpoints", {"name": "Chatbot", "channel": "chat"})
    assert [t.name for t in store.version_state(created.id, "as-is").touchpoints] == ["Website"]
    versions = store.state(created.id).versions
    assert [(v.name, v.kind.value) for v in versions] == [("as-is", "as_is")]
    with pytest.raises(WorkshopNotFound, match="versions: as-is"):
        store.version_state(created.id, "to-be")


def test_reopening_the_file_keeps_everything(db, store, created, facilitator):
    facilitator.add("touchpoints", {"name": "Website"})
    store.close()
    with Store(db) as again:
        assert [t.name for t in again.state(created.id).touchpoints] == ["Website"]


def test_corrupt_file_is_refused_and_left_untouched(tmp_path):
    bad = tmp_path / "broken.sqlite"
    garbage = b"this is not a database\x00\x01" * 100
    bad.write_bytes(garbage)
    with pytest.raises(StoreUnavailable, match="file was left untouched"):
        Store(bad)
    assert bad.read_bytes() == garbage


@sqlite_only
def test_truncated_store_is_refused(db, store, facilitator):
    facilitator.add("touchpoints", {"name": "Website"})
    store.close()
    with sqlite3.connect(db) as conn:
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    data = db.read_bytes()
    db.write_bytes(data[:100] + b"\xff" * 4000 + data[4100:])
    with pytest.raises(StoreUnavailable):
        Store(db)


def test_foreign_database_is_refused(tmp_path):
    other = tmp_path / "other.sqlite"
    with sqlite3.connect(other) as conn:
        conn.execute("CREATE TABLE invoices (id INTEGER)")
    with pytest.raises(StoreUnavailable, match="not a cxwidgets store"):
        Store(other)
    with sqlite3.connect(other) as conn:
        tables = [r[0] for r in conn.execute("SELECT name FROM sqlite_master")]
    assert tables == ["invoices"]


def test_missing_folder_is_a_clear_error(tmp_path):
    with pytest.raises(StoreUnavailable, match="does not exist"):
        Store(tmp_path / "nope" / "w.sqlite")


def test_import_workshop_keeps_content(store):
    from cxwidgets.sample import load_sample_workshop

    sample = load_sample_workshop()
    created = store.import_workshop(sample)
    loaded = store.state(created.id)
    assert loaded.model_dump(exclude={"id", "versions"}) == sample.model_dump(
        exclude={"id", "versions"})
    # a single state has one point in time: every named version is tagged at its end
    assert [v.name for v in loaded.versions] == [v.name for v in sample.versions]
    assert {v.seq for v in loaded.versions} <= {loaded_seq for loaded_seq in range(
        store.last_seq(created.id) - len(sample.versions), store.last_seq(created.id) + 1)}


def test_renaming_a_workshop_renames_it_in_the_list(store, created, facilitator):
    facilitator.update_workshop(title="Claims journey, 2027")
    assert store.info(created.id).title == "Claims journey, 2027"
    assert store.list_workshops()[0].title == "Claims journey, 2027"
