"""The store's tables move from version to version only through its migrations.

A store upgraded from release 0.1.0 ends up with exactly the tables a new store gets;
upgrades running at once take turns; a store newer than the kit is refused, by `Store`
and by the upgrade alike, with both versions named and what to do.
"""

from __future__ import annotations

import threading

import pytest
import sqlalchemy as sa

from cxwidgets.exceptions import StoreUnavailable
from cxwidgets.store import Store, migrate
from cxwidgets.store.backend import to_url
from cxwidgets.store.sql_tables import HEAD, REVISIONS, STORE_VERSION, VERSION_TABLE


def layout(db) -> dict:
    """Every table's columns (name, type family, nullable), primary key, unique
    constraints and indexes, as the database reports them."""
    engine = sa.create_engine(to_url(db))
    try:
        with engine.connect() as conn:
            inspector = sa.inspect(conn)
            out = {}
            for table in sorted(inspector.get_table_names()):
                out[table] = {
                    "columns": sorted((c["name"], c["type"].as_generic().__class__.__name__,
                                       c["nullable"]) for c in inspector.get_columns(table)),
                    "key": sorted(inspector.get_pk_constraint(table)["constrained_columns"]),
                    "unique": sorted(tuple(u["column_names"])
                                     for u in inspector.get_unique_constraints(table)),
                    "indexes": sorted((tuple(i["column_names"]), bool(i["unique"]))
                                      for i in inspector.get_indexes(table)),
                }
            return out
    finally:
        engine.dispose()


def test_the_migrations_are_the_kits_revisions():
    assert migrate.script_revisions() == list(REVISIONS)
    assert STORE_VERSION == int(HEAD) == len(REVISIONS)
    assert (migrate.SCRIPTS / "env.py").exists()


def test_an_upgraded_store_has_the_tables_a_new_one_has(first_release_store, db):
    migrate.upgrade(first_release_store, take_backup=False)
    Store(db).close()
    assert layout(first_release_store) == layout(db)


def test_upgrades_at_once_take_turns(first_release_store):
    results, errors = [], []

    def upgrade() -> None:
        try:
            results.append(migrate.upgrade(first_release_store, take_backup=False))
        except BaseException as exc:  # pragma: no cover - shown by the test
            errors.append(exc)

    threads = [threading.Thread(target=upgrade) for _ in range(3)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=120)
    assert not errors and len(results) == 3
    assert migrate.current(first_release_store).found.is_current
    with Store(first_release_store) as store:
        assert len(store.list_workshops()) == 5


def test_a_store_newer_than_the_kit_is_refused_and_never_touched(db):
    Store(db).close()
    engine = sa.create_engine(to_url(db))
    with engine.begin() as conn:
        conn.execute(sa.text(f"UPDATE {VERSION_TABLE} SET version_num = '0099'"))
        conn.execute(sa.text("UPDATE cx_meta SET value = '99' WHERE key = 'version'"))
    engine.dispose()
    before = layout(db)
    words = (rf"store of version 99 \(revision 0099\), made by a newer cxwidgets; this "
             rf"cxwidgets \(\S+\) reads stores up to version {STORE_VERSION}. Nothing was "
             r"changed: upgrade cxwidgets")
    with pytest.raises(StoreUnavailable, match=words):
        Store(db)
    with pytest.raises(StoreUnavailable, match=words):
        migrate.upgrade(db)
    assert "newer cxwidgets" in migrate.current(db).text()
    assert layout(db) == before


def test_an_older_store_is_refused_until_upgraded(first_release_store):
    with pytest.raises(StoreUnavailable, match=rf"store of version 1, made by an older "
                                               rf"cxwidgets; this cxwidgets \(\S+\) uses store "
                                               rf"version {STORE_VERSION}.*cxwidgets db upgrade"):
        Store(first_release_store)
    status = migrate.current(first_release_store)
    assert status.needs_upgrade and status.version == 1
    done = migrate.upgrade(first_release_store, take_backup=False)
    assert (done.before, done.after, done.backup) == (1, STORE_VERSION, None)
    assert not migrate.upgrade(first_release_store).changed  # nothing left, no backup


def test_an_empty_database_is_left_for_the_kit_to_create(db):
    status = migrate.current(db)
    assert status.empty and "holds no store yet" in status.text()
    assert not migrate.upgrade(db).changed
