"""Stores written by earlier releases open, upgraded, with the very same workshops.

Each folder of tests/store/golden (named after the release that wrote it, by
`make_golden_store.py`) holds a SQLite store, the same rows as PostgreSQL SQL, the keys
and seats handed out, and every workshop folded by that release, now and at each named
version. Here the current code upgrades a copy of each store (SQLite, and the SQL loaded
into a fresh PostgreSQL database), folds every workshop and compares: a later change to
the model must come with the upcaster (or migration) that keeps this green.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from cxwidgets.method.model import Workshop
from cxwidgets.store import Editor, Store, migrate, payloads
from cxwidgets.store import fold as f
from cxwidgets.store.sql_tables import STORE_VERSION

GOLDEN = Path(__file__).parent / "golden"
RELEASES = sorted(p.name for p in GOLDEN.iterdir() if (p / "workshops.sqlite").exists())


def slug(name: str) -> str:
    import re

    return re.sub(r"[^A-Za-z0-9]+", "-", name).strip("-")


@pytest.fixture(params=RELEASES)
def release(request) -> Path:
    return GOLDEN / request.param


@pytest.fixture
def old_store(release, backend, tmp_path, request, release_store):
    """A copy of the release's store on `backend`, as that release left it."""
    with release_store(release, backend, tmp_path, request) as db:
        yield db


def test_every_release_left_a_store_here():
    assert RELEASES, "tests/store/golden holds no release's store"
    for name in RELEASES:
        folder = GOLDEN / name
        assert (folder / "workshops.pg.sql").exists() and list((folder / "folded").iterdir())


def test_an_old_store_opens_upgraded_with_the_same_workshops(release, old_store, tmp_path):
    upgraded = migrate.upgrade(old_store, backup_to=tmp_path / "before.sqlite")
    assert upgraded.after == STORE_VERSION
    with Store(old_store) as store:
        infos = store.list_workshops()
        assert {i.id for i in infos} == {p.stem for p in (release / "folded").glob("*.json")
                                         if "@" not in p.stem}
        for info in infos:
            workshop = store.state(info.id)
            kept = (release / "folded" / f"{info.id}.json").read_text(encoding="utf-8")
            assert workshop == Workshop.model_validate_json(kept), info.title
            for version in workshop.versions:
                kept = (release / "folded" / f"{info.id}@{slug(version.name)}.json")
                assert store.version_state(info.id, version.name) == \
                    Workshop.model_validate_json(kept.read_text(encoding="utf-8"))


def test_what_the_old_store_holds_is_all_there(release, old_store):
    migrate.upgrade(old_store, take_backup=False)
    with Store(old_store) as store:
        workshops = [store.state(i.id) for i in store.list_workshops()]
        seen = {e.kind for w in workshops for e in store.events(w.id)}
        assert seen >= set(f.KINDS), "the store covers every event kind"
        assert any(len(w.versions) >= 2 for w in workshops)
        assert any(w.rounds and w.answers for w in workshops)
        assert any(w.consensus for w in workshops)
        # its facilitators' tokens and participants' seats still let them in
        tokens = json.loads((release / "workshops.sqlite.keys.json").read_text())
        assert tokens and all(store.check_token(w, t) for w, t in tokens.items())
        seats = json.loads((release / "seats.json").read_text())
        live = next(w for w in workshops if w.rounds)
        assert seats and all(store.check_seat(live.id, p, s[0]) for p, s in seats.items())
        # every event, upcast, has the shape its kind has today
        for w in workshops:
            for event in store.events(w.id):
                payloads.PAYLOADS[event.kind].model_validate(event.payload)


def test_an_upgraded_store_takes_new_edits_and_seats(old_store):
    migrate.upgrade(old_store, take_backup=False)
    with Store(old_store) as store:
        info = next(i for i in store.list_workshops() if i.title == "Claims journey")
        before = store.state(info.id)
        newcomer = Editor.join(store, info.join_code, "Dana", "sales")
        assert store.check_seat(info.id, newcomer.author, newcomer.secret)
        after = store.state(info.id)
        assert [p.name for p in after.participants] == [
            *(p.name for p in before.participants), "Dana"]
        assert Editor.resume(store, info.join_code, newcomer.author, newcomer.secret)
