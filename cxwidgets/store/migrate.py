"""Upgrade a store's tables to the kit's version, with Alembic, on SQLite and PostgreSQL.

`current(db)` says which version a store is at and whether this kit can use it;
`upgrade(db)` takes a store of an older version to the kit's: it backs the store up
first (`backup`, unless told not to), then runs every pending migration of
`cxwidgets/store/migrations` in one transaction under the store's creation lock, so a
crash or `kill -9` half-way leaves the store exactly as it was, and two kits upgrading at
once take turns (the second finds nothing left to do). A store newer than the kit is
refused, never touched. The migrations travel inside the package.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import sqlalchemy as sa

from cxwidgets.exceptions import StoreUnavailable
from cxwidgets.store import backend, backup, revision
from cxwidgets.store.revision import Status, current
from cxwidgets.store.sql import Store
from cxwidgets.store.sql_tables import HEAD, REVISIONS, STORE_VERSION

#: The migrations' folder, inside the installed package.
SCRIPTS = Path(__file__).resolve().parent / "migrations"


@dataclass(frozen=True)
class Upgraded:
    """What `upgrade` did: the versions before and after, and the backup it took."""

    where: str
    before: int
    after: int
    backup: Path | None = None

    @property
    def changed(self) -> bool:
        return self.after != self.before


def upgrade(db: str | Path, backup_to: Path | None = None, take_backup: bool = True,
            ) -> Upgraded:
    """Bring the store to the kit's version; a no-op for one already there (or empty).

    Before changing anything the store is backed up to `backup_to` (default: a file named
    after the versions in the store's backup folder, `backup.default_folder`).
    """
    url = backend.to_url(db)
    status = current(db)
    where = backend.where(url)
    if status.empty or status.found.is_current:
        return Upgraded(where, status.version, status.version)
    why = revision.refusal(where, status.found)
    if status.found.is_newer or status.found.meta.get("format") is None:
        raise StoreUnavailable(why or f"{where} cannot be upgraded")
    saved = None
    if take_backup:
        saved = backup_to or backup.default_folder(db) / backup.stamped_name(
            f"before-upgrade-v{status.version}-to-v{STORE_VERSION}")
        saved.parent.mkdir(parents=True, exist_ok=True)
        backup.backup(db, saved)
    before = _run(url, where)

    with Store(db):  # snapshots folded from older payloads are folded again
        pass
    return Upgraded(where, before, STORE_VERSION, saved)


def _run(url: str, where: str) -> int:
    """Run the pending migrations in one transaction; the version the store was at."""
    from alembic import command  # heavy: alembic, only when `_run` runs
    from alembic.config import Config  # heavy: alembic, only when `_run` runs

    engine = backend.make_engine(url)
    try:
        with engine.begin() as conn:
            backend.lock_for_creation(conn)
            found = revision.look(conn, revision.tables_of(conn))
            if found.is_current:  # another kit upgraded it while this one waited
                return found.version
            config = Config()
            config.set_main_option("script_location", str(SCRIPTS))
            config.attributes["connection"] = conn
            command.upgrade(config, HEAD)
            after = revision.look(conn, revision.tables_of(conn))
            if not after.is_current:
                raise StoreUnavailable(f"upgrading {where} stopped at revision "
                                       f"{after.revision}, not {HEAD}; nothing was changed")
            return found.version
    except sa.exc.DBAPIError as exc:
        raise StoreUnavailable(f"could not upgrade {where}: {backend.reason(exc)}. "
                               "Nothing was changed") from exc
    finally:
        engine.dispose()


def script_revisions() -> list[str]:
    """The revisions of the migrations' folder, oldest first (a test holds them equal to
    `tables.REVISIONS`)."""
    from alembic.config import Config  # heavy: alembic, only when `script_revisions` runs
    from alembic.script import ScriptDirectory  # heavy: alembic, only when `script_revisions` runs

    config = Config()
    config.set_main_option("script_location", str(SCRIPTS))
    scripts = ScriptDirectory.from_config(config)
    return [s.revision for s in reversed(list(scripts.walk_revisions()))]


__all__ = ["HEAD", "REVISIONS", "Status", "Upgraded", "current", "script_revisions",
           "upgrade"]
