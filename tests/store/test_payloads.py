"""Versioned events: each kind's shape is pinned to its version, older payloads are read
through upcasters, and snapshots folded from older payloads are folded again.

A later kit is played here by raising a kind's version and registering its upcaster (as
a real change would, in `cxwidgets.store.payloads` and `upcast`), on a store the kit of
today wrote.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import sqlalchemy as sa

from cxwidgets.exceptions import StoreUnavailable
from cxwidgets.store import Editor, Store, payloads, upcast
from cxwidgets.store import fold as f
from cxwidgets.store.sql_tables import events, meta, snapshots

GOLDEN = Path(__file__).parent / "golden"
KINDS_FILE = GOLDEN / "kinds.json"
HOW = ("raise payloads.VERSIONS[{kind!r}] to {next}, register its upcaster from {now} "
       "(cxwidgets.store.upcast), and record the new shape: python -m "
       "cxwidgets.store.payloads > tests/store/golden/kinds.json")


def test_every_kind_has_a_model_a_version_and_a_kept_fingerprint():
    assert set(payloads.PAYLOADS) == set(payloads.VERSIONS) == set(f.KINDS)
    kept = json.loads(KINDS_FILE.read_text(encoding="utf-8"))
    assert set(kept) == set(f.KINDS), "a kind was added or dropped: record it in kinds.json"


@pytest.mark.parametrize("kind", sorted(f.KINDS))
def test_a_kinds_shape_changes_only_with_its_version(kind):
    kept = json.loads(KINDS_FILE.read_text(encoding="utf-8"))[kind]
    now = payloads.VERSIONS[kind]
    how = HOW.format(kind=kind, next=now + 1, now=now)
    if now == kept["version"]:
        assert payloads.fingerprint(kind) == kept["fingerprint"], (
            f"the payload of {kind} changed shape (its model's JSON schema) but its version "
            f"is still {now}: stores written today would be misread. {how}")
    else:
        assert now == kept["version"] + 1, f"{kind} went from version {kept['version']} to " \
                                            f"{now}: one step at a time"
        assert payloads.fingerprint(kind) != kept["fingerprint"], (
            f"{kind} went up to version {now} but its shape is the same as version "
            f"{kept['version']}'s: record the new fingerprint, or keep the version")


def test_every_step_up_has_its_upcaster():
    assert upcast.REGISTRY.missing() == []


def test_the_fingerprint_ignores_prose_but_not_a_field_called_title():
    shape = payloads.shape(f.CREATE)
    assert "title" in shape["properties"] and "description" not in json.dumps(shape)


def test_events_are_written_at_their_kinds_version(store, created, facilitator):
    facilitator.add("touchpoints", {"name": "Website"})
    with store.engine.connect() as conn:
        rows = conn.execute(sa.select(events.c.kind, events.c.version)).all()
    assert rows and all(v == payloads.VERSIONS[k] for k, v in rows)


# -- a later kit, played by raising a version ---------------------------------------------


def _touchpoint_names_in_capitals(payload):
    """The next version of entity.add, for these tests: touchpoints' names are stored in capitals
    (what a real change would be: a field renamed, a value in another form)."""
    if payload["collection"] == "touchpoints":
        payload["data"]["name"] = payload["data"]["name"].upper()
    return payload


#: The event schema of the later kit these tests play (today's, one step up).
LATER_SCHEMA = payloads.schema() + 1


@pytest.fixture
def later_kit(monkeypatch):
    """Play a kit in which entity.add is one version above today's, with today's steps up
    and one more."""
    now = payloads.VERSIONS[f.ADD]
    registry = upcast.Registry()
    registry.steps.update(upcast.REGISTRY.steps)
    registry.register(f.ADD, now, _touchpoint_names_in_capitals)
    monkeypatch.setattr(upcast, "REGISTRY", registry)
    monkeypatch.setitem(payloads.VERSIONS, f.ADD, now + 1)
    assert payloads.schema() == LATER_SCHEMA


def test_a_later_kit_reads_older_events_through_the_upcaster(db, later_kit_after_writes):
    store, created, names = later_kit_after_writes
    with store:
        workshop = store.state(created.id)
        assert [t.name for t in workshop.touchpoints] == [n.upper() for n in names]
        facilitator = Editor.facilitator(store, created.id, created.token)
        facilitator.add("touchpoints", {"name": "Written later"})  # version 2: as written
        assert store.state(created.id).touchpoints[-1].name == "Written later"
        assert [e.payload["data"]["name"] for e in store.events(created.id)
                if e.kind == f.ADD][:2] == [n.upper() for n in names[:2]]


@pytest.fixture
def later_kit_after_writes(db, request):
    """A store written by today's kit (a snapshot among its events), reopened by the
    later kit."""
    names = [f"Touchpoint {i}" for i in range(12)]
    with Store(db) as store:
        created = store.create_workshop("Claims")
        facilitator = Editor.facilitator(store, created.id, created.token)
        for name in names:
            facilitator.add("touchpoints", {"name": name})
        store.write_snapshot(created.id)
    request.getfixturevalue("later_kit")
    return Store(db), created, names


def test_a_snapshot_older_than_the_kit_is_folded_again(db, later_kit_after_writes):
    store, _created, names = later_kit_after_writes
    with store:  # opening it refolded the snapshot, under the later kit's schema
        with store.engine.connect() as conn:
            (schema, state), = conn.execute(sa.select(snapshots.c.schema, snapshots.c.state))
            noted = conn.execute(sa.select(meta.c.value).where(meta.c.key == "events")
                                 ).scalar_one()
        assert schema == LATER_SCHEMA and noted == str(LATER_SCHEMA)
        assert [t["name"] for t in json.loads(state)["touchpoints"].values()] == [
            n.upper() for n in names]


def test_the_short_way_forward_and_an_undo_read_upcast_events(db, later_kit_after_writes):
    store, created, _names = later_kit_after_writes
    with store:
        facilitator = Editor.facilitator(store, created.id, created.token)
        known = store.workshop_since(created.id)
        facilitator.update("touchpoints", known[0].touchpoints[0].id, description="changed")
        facilitator.undo()  # the update, then the newest add (written at version 1)
        facilitator.undo()
        moved = store.workshop_since(created.id, known)
        assert moved[0] == store.state(created.id)
        assert moved[0].touchpoints[0].name == "TOUCHPOINT 0"
        assert len(moved[0].touchpoints) == 11


def test_a_store_with_events_newer_than_the_kit_is_refused(db, store, created, facilitator):
    facilitator.add("touchpoints", {"name": "Website"})
    now, newer = payloads.VERSIONS[f.ADD], payloads.VERSIONS[f.ADD] + 1
    with store.engine.begin() as conn:
        conn.execute(sa.update(events).where(events.c.kind == f.ADD).values(version=newer))
    with pytest.raises(StoreUnavailable, match=rf"entity.add events of version {newer}.*reads "
                                               rf"up to version {now}"):
        store.state(created.id)
    with store.engine.begin() as conn:
        conn.execute(sa.update(meta).where(meta.c.key == "events").values(value="99"))
    with pytest.raises(StoreUnavailable, match=rf"schema 99.*up to schema {payloads.schema()}"
                                               r".*upgrade cxwidgets"):
        Store(db)


def test_upcasters_register_once_per_step():
    registry = upcast.Registry()
    registry.register(f.TAG, 1, lambda p: p)
    with pytest.raises(ValueError, match="already registered"):
        registry.register(f.TAG, 1, lambda p: p)
    assert registry.missing({f.TAG: 3}) == [(f.TAG, 2)]
