"""Restore: a backup file copied into an empty store of either kind, then checked.

The backup is never changed: it is copied to a working file, upgraded there if an older
kit wrote it, and its rows copied into the target in one transaction; every workshop must
then fold to the same JSON in both, or the restore says not to use the result.
"""

from __future__ import annotations

import tempfile
from pathlib import Path
from typing import Any

import sqlalchemy as sa

from cxwidgets.exceptions import InvalidInput, StoreUnavailable
from cxwidgets.store import backend, migrate, revision
from cxwidgets.store.backup import OWN_TABLES, Copied, copy_rows, copy_sqlite, summary_of
from cxwidgets.store.pausing import pause
from cxwidgets.store.sql import Store
from cxwidgets.store.sql_tables import metadata


def restore(file: str | Path, db: str | Path) -> Copied:
    """Copy the backup `file` into the store `db`, which must hold no workshop yet, and
    check that every workshop folds to the same JSON in both."""
    source = Path(file).expanduser().resolve()
    if not source.is_file():
        raise InvalidInput(f"{source} does not exist")
    url = backend.to_url(db)
    with tempfile.TemporaryDirectory(prefix="cx-restore-") as work_dir:
        work = Path(work_dir) / "work.sqlite"
        copy_sqlite(source, work)  # the backup itself is never changed
        status = revision.current(work)
        if status.empty or status.found.meta.get("format") is None:
            raise InvalidInput(f"{source} is not a cxwidgets backup")
        if status.needs_upgrade:
            migrate.upgrade(work, take_backup=False)
        with Store(work) as backup_store, Store(db) as target:
            if target.list_workshops():
                raise InvalidInput(
                    f"{target.where} already holds workshops; restore into a new file or an "
                    "empty database, so nothing there is mixed with the backup")
            _copy_into(work, url)
            target.refold_snapshots()
            _same_workshops(backup_store, target)
        summary = summary_of(work)
    return Copied(backend.where(url), summary.workshops, summary.events, summary.version)


def _copy_into(work: Path, url: str) -> None:
    """Every row of the working copy into the target, in one transaction."""
    source = sa.create_engine(f"sqlite:///{work}")
    target = backend.make_engine(url)
    try:
        with source.connect() as src_conn, target.begin() as dst_conn:
            backend.lock_for_creation(dst_conn)
            for table in metadata.sorted_tables:
                if table.name not in OWN_TABLES:
                    copy_rows(src_conn, dst_conn, table)
                    pause(f"restore {table.name}")
    except sa.exc.DBAPIError as exc:
        raise StoreUnavailable(f"could not restore into {backend.where(url)}: "
                               f"{backend.reason(exc)}. Nothing was written") from exc
    finally:
        source.dispose()
        target.dispose()


def _same_workshops(a: Any, b: Any) -> None:
    """Every workshop of store `a` folds to the same JSON in store `b`."""
    ours = [i.id for i in a.list_workshops()]
    theirs = [i.id for i in b.list_workshops()]
    if sorted(ours) != sorted(theirs):
        raise StoreUnavailable(f"the restored store holds {len(theirs)} workshops, the "
                               f"backup {len(ours)}")
    for workshop_id in ours:
        if a.state(workshop_id).to_json() != b.state(workshop_id).to_json():
            raise StoreUnavailable(f"workshop {workshop_id} folds differently after the "
                                   "restore; do not use the restored store")


def check(db: str | Path, file: str | Path) -> int:
    """Every workshop of the backup `file` folds, in the store `db`, to the same JSON at
    the sequence the backup holds (the store may have moved on); how many."""
    with Store(file) as copy, Store(db) as live:
        infos = copy.list_workshops()
        for info in infos:
            if copy.state(info.id).to_json() != live.state(info.id, at=info.last_seq).to_json():
                raise StoreUnavailable(f"workshop {info.id} in {file} differs from the store "
                                       f"at event {info.last_seq}")
    return len(infos)
