"""Back a store up to one file, restore it anywhere, and keep rolling backups.

A backup is always a SQLite store file, whatever the store lives in: the kit opens it
like any store (`cxwidgets list --db FILE`), and it restores into SQLite or PostgreSQL.

- From SQLite, `backup` uses SQLite's online backup (one step: a consistent copy of the
  file as it was at one instant, while the room goes on writing; readers and writers are
  never blocked for long in WAL mode).
- From PostgreSQL it reads every table in one REPEATABLE READ transaction (one snapshot
  of the whole store, the room writing on) through the store's own connection; no
  pg_dump is needed.

Either way the copy is written to a hidden partial file beside the target, flushed to
disk and only then renamed into place: a backup killed half-way (kill -9, power cut)
leaves no half a file under the backup's name, and never touches the store (a backup
only reads it).

`restore` copies a backup into a store that holds no workshop yet (a new file, an empty
PostgreSQL database): the backup is copied to a working file and upgraded there if it is
older than the kit (the backup itself is never changed), then every row is written to
the target in one transaction (so a restore killed half-way leaves the target as it was),
then every workshop is folded in both and must give the same JSON.

`Rolling` takes a backup every so often into a folder and keeps the newest few: what
`cxwidgets serve --backup-every 10m --keep 12` runs beside the server.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import os
import re
import sqlite3
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager, suppress
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Connection

from cxwidgets.exceptions import InvalidInput, StoreUnavailable
from cxwidgets.store import backend, revision
from cxwidgets.store.pausing import pause
from cxwidgets.store.tables import VERSION_TABLE, metadata

#: Rows read and written at a time when copying a table.
BATCH = 2000
#: What a backup file's name starts with when the kit names it.
PREFIX = "backup"
SUFFIX = ".sqlite"
#: Tables a restore does not copy: the target has its own.
OWN_TABLES = frozenset({"cx_meta", VERSION_TABLE})


@dataclass(frozen=True)
class Copied:
    """A backup or restore done: where to, and how many workshops and events it holds."""

    path: str
    workshops: int
    events: int
    version: int


# -- names and folders ------------------------------------------------------------------


def default_folder(db: str | Path) -> Path:
    """Where the kit keeps a store's backups: beside a SQLite file (``NAME.backups``), in
    the user's data folder for a database server (named after server and database, never
    the password)."""
    if backend.is_url(db) and not str(db).startswith("sqlite"):
        from cxwidgets.resources import default_store

        name = hashlib.sha256(backend.where(backend.to_url(db)).encode()).hexdigest()[:16]
        return default_store().parent / "backups" / name
    path = Path(str(db).removeprefix("sqlite:///")).expanduser().resolve()
    return path.with_name(path.name + ".backups")


def stamped_name(prefix: str = PREFIX, now: dt.datetime | None = None) -> str:
    """A backup's file name with the time it was taken (UTC), sorting oldest first."""
    when = (now or dt.datetime.now(dt.UTC)).strftime("%Y%m%d-%H%M%S-%f")
    return f"{prefix}-{when}{SUFFIX}"


def _sqlite_path(url: str) -> Path:
    return Path(sa.engine.make_url(url).database or "")


def _partial(target: Path) -> Path:
    return target.with_name(f".{target.name}.partial-{os.getpid()}")


def _fsync(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


@contextmanager
def _written_as(target: Path, force: bool) -> Iterator[Path]:
    """A partial file to write; renamed to `target` once complete and on disk."""
    if target.exists() and not force:
        raise InvalidInput(f"{target} already exists; give another file name (or --force "
                           "to replace it)")
    if not target.parent.is_dir():
        raise InvalidInput(f"folder {target.parent} does not exist")
    for stale in target.parent.glob(f".{target.name}.partial-*"):  # left by a killed backup
        with suppress(OSError):
            stale.unlink()
    partial = _partial(target)
    try:
        yield partial
        _fsync(partial)
        os.replace(partial, target)
        with suppress(OSError):  # the rename itself on disk (not on every system)
            _fsync(target.parent)
    finally:
        with suppress(FileNotFoundError):
            partial.unlink()


# -- backup -----------------------------------------------------------------------------


def backup(db: str | Path, file: str | Path, force: bool = False) -> Copied:
    """Copy the store `db` (a SQLite file or a PostgreSQL URL) to the SQLite file `file`,
    consistently, while others may be writing to it."""
    url = backend.to_url(db)
    target = Path(file).expanduser().resolve()
    found = _status(url)
    with _written_as(target, force) as partial:
        if backend.is_sqlite(url):
            _backup_sqlite(_sqlite_path(url), partial)
        else:
            _backup_tables(url, partial, found)
        pause("backup copied")
    return _summary(target)


def _status(url: str) -> revision.Found:
    from cxwidgets.store import migrate

    status = migrate.current(url)
    if status.empty:
        raise InvalidInput(f"{status.where} holds no store to back up")
    if status.found.is_newer:
        raise StoreUnavailable(revision.refusal(status.where, status.found) or "")
    return status.found


def _backup_sqlite(source: Path, partial: Path) -> None:
    """SQLite's online backup, in one step: the file as it was at one instant."""
    src = sqlite3.connect(f"file:{source}?mode=ro", uri=True, timeout=60)
    dst = sqlite3.connect(partial)
    try:
        src.backup(dst)
        dst.execute("PRAGMA journal_mode=DELETE")  # one self-contained file
        dst.commit()
    finally:
        dst.close()
        src.close()


def _backup_tables(url: str, partial: Path, found: revision.Found) -> None:
    """Every table of the store, read in one snapshot, into a new SQLite file."""
    source = backend.make_engine(url)
    target = sa.create_engine(f"sqlite:///{partial}")
    try:
        with source.connect() as src_conn:
            src_conn = src_conn.execution_options(isolation_level="REPEATABLE READ")
            with src_conn.begin():
                tables = (list(metadata.sorted_tables) if found.is_current
                          else _reflected(src_conn))
                with target.begin() as dst_conn:
                    _create(dst_conn, tables)
                    for table in tables:
                        _copy_rows(src_conn, dst_conn, table)
                        pause(f"backup {table.name}")
    except sa.exc.DBAPIError as exc:
        raise backend.lost(url, exc) from exc
    finally:
        source.dispose()
        target.dispose()


def _reflected(conn: Connection) -> list[sa.Table]:
    """The store's own tables as they are (a store of an older version), with portable
    column types, for a SQLite copy."""
    found = sa.MetaData()
    found.reflect(conn)
    portable = sa.MetaData()
    for table in found.sorted_tables:
        columns = [sa.Column(c.name, c.type.as_generic(), primary_key=c.primary_key,
                             nullable=c.nullable, autoincrement=False) for c in table.columns]
        sa.Table(table.name, portable, *columns)
    return list(portable.sorted_tables)


def _create(conn: Connection, tables: list[sa.Table]) -> None:
    for table in tables:
        table.create(conn)


def _copy_rows(src: Connection, dst: Connection, table: sa.Table,
               columns: list[str] | None = None) -> int:
    names = columns or [c.name for c in table.columns]
    source_table = sa.table(table.name, *(sa.column(n) for n in names))
    keys = [source_table.c[c.name] for c in table.primary_key.columns if c.name in names]
    result = src.execution_options(stream_results=True, yield_per=BATCH).execute(
        sa.select(*source_table.c).order_by(*keys))
    copied = 0
    for rows in result.partitions(BATCH):
        dst.execute(sa.insert(table), [dict(zip(names, row, strict=True)) for row in rows])
        copied += len(rows)
    return copied


def _summary(file: Path) -> Copied:
    engine = sa.create_engine(f"sqlite:///{file}")
    try:
        with engine.connect() as conn:
            names = set(sa.inspect(conn).get_table_names())
            found = revision.look(conn, names)
            workshops = conn.execute(sa.text("SELECT count(*) FROM cx_workshops")).scalar()
            events = conn.execute(sa.text("SELECT count(*) FROM cx_events")).scalar()
    finally:
        engine.dispose()
    return Copied(str(file), int(workshops or 0), int(events or 0), found.version)


# -- restore ----------------------------------------------------------------------------


def restore(file: str | Path, db: str | Path) -> Copied:
    """Copy the backup `file` into the store `db`, which must hold no workshop yet, and
    check that every workshop folds to the same JSON in both."""
    from cxwidgets.store import migrate
    from cxwidgets.store.sql import Store

    source = Path(file).expanduser().resolve()
    if not source.is_file():
        raise InvalidInput(f"{source} does not exist")
    url = backend.to_url(db)
    with tempfile.TemporaryDirectory(prefix="cx-restore-") as work_dir:
        work = Path(work_dir) / "work.sqlite"
        _backup_sqlite(source, work)  # the backup itself is never changed
        status = migrate.current(work)
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
        summary = _summary(work)
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
                    _copy_rows(src_conn, dst_conn, table)
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
    from cxwidgets.store.sql import Store

    with Store(file) as copy, Store(db) as live:
        infos = copy.list_workshops()
        for info in infos:
            if copy.state(info.id).to_json() != live.state(info.id, at=info.last_seq).to_json():
                raise StoreUnavailable(f"workshop {info.id} in {file} differs from the store "
                                       f"at event {info.last_seq}")
    return len(infos)


# -- rolling backups --------------------------------------------------------------------


def parse_every(text: str) -> float:
    """"10m", "90s", "2h" or plain seconds, as seconds (at least 10)."""
    found = re.fullmatch(r"\s*(\d+(?:\.\d+)?)\s*(s|sec|m|min|h|hour)?s?\s*", str(text))
    if not found:
        raise InvalidInput(f"--backup-every {text!r}: give a time such as 10m, 90s or 1h")
    value = float(found.group(1)) * {"s": 1, "sec": 1, "m": 60, "min": 60, "h": 3600,
                                     "hour": 3600, None: 1}[found.group(2)]
    if value < 10:
        raise InvalidInput(f"--backup-every {text}: at least 10 seconds between backups")
    return value


def kept(folder: Path) -> list[Path]:
    """The kit's backups in `folder`, oldest first."""
    return sorted(folder.glob(f"{PREFIX}-*{SUFFIX}"))


def prune(folder: Path, keep: int) -> list[Path]:
    """Delete all but the newest `keep` backups in `folder`; the deleted ones."""
    gone = kept(folder)[:-keep] if keep > 0 else []
    for path in gone:
        with suppress(FileNotFoundError):
            path.unlink()
    return gone


@dataclass
class Rolling:
    """A backup of `db` into `folder` every `every` seconds, keeping the newest `keep`."""

    db: str | Path
    folder: Path
    every: float
    keep: int
    log: Callable[[str], None] = print

    def once(self) -> Path | None:
        self.folder.mkdir(parents=True, exist_ok=True)
        target = self.folder / stamped_name()
        try:
            done = backup(self.db, target)
        except (StoreUnavailable, InvalidInput, OSError, sa.exc.SQLAlchemyError) as exc:
            self.log(f"cxwidgets backup: could not back up the store: {exc}")
            return None
        prune(self.folder, self.keep)
        self.log(f"cxwidgets backup: {done.workshops} workshops, {done.events} events "
                 f"-> {target}")
        return target

    def run(self, stop: threading.Event, alive: Callable[[], bool] = lambda: True,
            look_every: float = 1.0) -> None:
        """Back up every `every` seconds until `stop` is set or `alive()` says no (asked
        every `look_every` seconds)."""
        due = time.monotonic() + self.every
        while alive() and not stop.wait(min(look_every, max(0.0, due - time.monotonic()))):
            if time.monotonic() >= due and alive():
                self.once()
                due = time.monotonic() + self.every


def start_beside(db: str | Path, folder: Path, every: float, keep: int) -> subprocess.Popen:
    """Start rolling backups in their own process, which ends when this process (or the
    program it becomes by exec, such as the server) ends."""
    return subprocess.Popen(
        [sys.executable, "-m", "cxwidgets.store.backup", str(db), str(folder), str(every),
         str(keep), str(os.getpid())], stdin=subprocess.DEVNULL, start_new_session=True)


def main(argv: list[str]) -> int:  # pragma: no cover - run by start_beside
    db, folder, every, keep, watched = argv
    pid = int(watched)
    rolling = Rolling(db, Path(folder), float(every), int(keep),
                      log=lambda line: print(line, file=sys.stderr, flush=True))
    rolling.run(threading.Event(), alive=lambda: os.getppid() == pid)
    return 0


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main(sys.argv[1:]))


