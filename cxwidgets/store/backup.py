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
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager, suppress
from dataclasses import dataclass
from pathlib import Path

import sqlalchemy as sa
from sqlalchemy.engine import Connection

from cxwidgets.atomic import in_place, partial_files
from cxwidgets.exceptions import InvalidInput, StoreUnavailable
from cxwidgets.resources import default_store
from cxwidgets.store import backend, revision
from cxwidgets.store.pausing import pause
from cxwidgets.store.sql_tables import VERSION_TABLE, metadata

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
        name = hashlib.sha256(backend.where(backend.to_url(db)).encode()).hexdigest()[:16]
        return default_store().parent / "backups" / name
    path = Path(str(db).removeprefix("sqlite:///")).expanduser().resolve()
    return path.with_name(path.name + ".backups")


def stamped_name(prefix: str = PREFIX, now: dt.datetime | None = None) -> str:
    """A backup's file name with the time it was taken (UTC), sorting oldest first."""
    when = (now or dt.datetime.now(dt.UTC)).strftime("%Y%m%d-%H%M%S-%f")
    return f"{prefix}-{when}{SUFFIX}"


def sqlite_path(url: str) -> Path:
    return Path(sa.engine.make_url(url).database or "")


@contextmanager
def _written_as(target: Path, force: bool) -> Iterator[Path]:
    """A partial file to write; renamed to `target` once complete and on disk."""
    if target.exists() and not force:
        raise InvalidInput(f"{target} already exists; give another file name (or --force "
                           "to replace it)")
    if not target.parent.is_dir():
        raise InvalidInput(f"folder {target.parent} does not exist")
    for stale in partial_files(target):  # left by a killed backup
        with suppress(OSError):
            stale.unlink()
    with in_place(target) as partial:
        yield partial


# -- backup -----------------------------------------------------------------------------


def backup(db: str | Path, file: str | Path, force: bool = False) -> Copied:
    """Copy the store `db` (a SQLite file or a PostgreSQL URL) to the SQLite file `file`,
    consistently, while others may be writing to it."""
    url = backend.to_url(db)
    target = Path(file).expanduser().resolve()
    found = _status(url)
    with _written_as(target, force) as partial:
        if backend.is_sqlite(url):
            copy_sqlite(sqlite_path(url), partial)
        else:
            _backup_tables(url, partial, found)
        pause("backup copied")
    return summary_of(target)


def _status(url: str) -> revision.Found:
    status = revision.current(url)
    if status.empty:
        raise InvalidInput(f"{status.where} holds no store to back up")
    if status.found.is_newer:
        raise StoreUnavailable(revision.refusal(status.where, status.found) or "")
    return status.found


def copy_sqlite(source: Path, partial: Path) -> None:
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
                        copy_rows(src_conn, dst_conn, table)
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


def copy_rows(src: Connection, dst: Connection, table: sa.Table,
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


def summary_of(file: Path) -> Copied:
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


def start_beside(db: str | Path, folder: Path, every: float,
                 keep: int) -> subprocess.Popen[bytes]:
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


