"""The two databases a store can live in, and what differs between them.

A store is a SQLite file (a plain path, the default) or a PostgreSQL database (a URL,
for several Voila servers behind one address). Everything else in `cxwidgets.store` is
written once in SQLAlchemy Core; this module holds the few places where the two differ:
making the engine, naming the store in messages (never with its password), writing a
row or updating the one already there (`upsert`), telling a lock conflict worth retrying
from a real failure, and turning a failure into a `StoreUnavailable` that says what went
wrong and where.
"""

from __future__ import annotations

import os
import re
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Connection, Engine

from cxwidgets.exceptions import StoreUnavailable
from cxwidgets.resources import default_store
from cxwidgets.settings import current

#: How long a writer waits for the lock before SQLite reports "database is locked".
#: How long opening a PostgreSQL store waits for an unreachable server.
CONNECT_TIMEOUT_S = 10
#: Bare PostgreSQL URLs get the driver the kit installs (psycopg 3).
PG_DRIVER = "postgresql+psycopg"
#: PostgreSQL conditions that a new try of the same transaction can clear:
#: serialization_failure, deadlock_detected, lock_not_available.
PG_RETRY_STATES = frozenset({"40001", "40P01", "55P03"})
#: Key of the advisory lock held while a new PostgreSQL store creates its tables.
CREATE_LOCK_KEY = 0x63787769  # "cxwi"


def is_url(path_or_url: str | Path) -> bool:
    """True for a database URL (``postgresql://...``, ``sqlite:///...``), not a file path."""
    return "://" in str(path_or_url)


def resolve_db(db: str | Path | None = None) -> str | Path:
    """The store: the argument, else $CXWIDGETS_DB, else `workshops.sqlite` in the user's
    data folder (made when first needed). A database URL (postgresql://...) stays a URL;
    anything else is a file path."""
    given = db or os.environ.get("CXWIDGETS_DB")
    if not given:
        path = default_store()
        path.parent.mkdir(parents=True, exist_ok=True)
        return path
    text = str(given)
    if is_url(text):
        return text
    return Path(text).expanduser().resolve()


def to_url(path_or_url: str | Path) -> str:
    """Accept a plain file path (the common case) or a full SQLAlchemy URL.

    `postgresql://` and `postgres://` (what hosting providers print) are read as
    PostgreSQL through psycopg 3, the driver cxwidgets depends on.
    """
    text = str(path_or_url).strip()
    if not is_url(text):
        return f"sqlite:///{Path(text).expanduser().resolve()}"
    scheme, rest = text.split("://", 1)
    if scheme.lower() in ("postgres", "postgresql"):
        return f"{PG_DRIVER}://{rest}"
    return text


def is_sqlite(url: str) -> bool:
    return url.startswith("sqlite")


def where(url: str) -> str:
    """The store as a person should read it: the file, or the database and server (no
    password)."""
    if is_sqlite(url):
        return url.replace("sqlite:///", "", 1)
    try:
        u = sa.engine.make_url(url)
    except (sa.exc.ArgumentError, ValueError):
        return "the store URL given (it is not a valid database URL)"
    server = f"{u.host or 'localhost'}:{u.port or 5432}"
    user = f" as user {u.username}" if u.username else ""
    return f"PostgreSQL database {u.database or '(none named)'!r} on {server}{user}"


def make_engine(url: str) -> Engine:
    """An engine for `url`, or a `StoreUnavailable` naming what is wrong with it."""
    if is_sqlite(url):
        return _sqlite_engine(url)
    try:
        backend = sa.engine.make_url(url).get_backend_name()
    except (sa.exc.ArgumentError, ValueError):
        raise StoreUnavailable(
            "the store URL is not a valid database URL; give a file path or a URL like "
            "postgresql://user:password@host:5432/database") from None
    if backend != "postgresql":
        raise StoreUnavailable(f"a cxwidgets store is a SQLite file or a PostgreSQL database, "
                               f"not {backend}; give a file path or a postgresql:// URL")
    try:
        return sa.create_engine(url, pool_pre_ping=True, connect_args={
            "connect_timeout": CONNECT_TIMEOUT_S, "application_name": "cxwidgets"})
    except ImportError as exc:
        raise StoreUnavailable(f"cannot use the {where(url)}: the database driver the URL "
                               f"asks for is not installed ({exc}); write postgresql://... "
                               "without a driver to use psycopg, which cxwidgets "
                               "installs") from None


def _sqlite_engine(url: str) -> Engine:
    path = Path(sa.engine.make_url(url).database or "")
    if not path.parent.is_dir():
        raise StoreUnavailable(f"cannot create the store {path}: folder {path.parent} "
                               "does not exist")
    busy = current().busy_timeout
    engine = sa.create_engine(url, connect_args={"timeout": busy})

    @sa.event.listens_for(engine, "connect")
    def _pragmas(dbapi_conn: Any, _record: Any) -> None:
        cur = dbapi_conn.cursor()
        cur.execute("PRAGMA journal_mode=WAL")
        cur.execute(f"PRAGMA busy_timeout={int(busy * 1000)}")
        cur.execute("PRAGMA synchronous=NORMAL")
        cur.execute("PRAGMA foreign_keys=ON")
        cur.close()

    return engine


def lock_for_creation(conn: Connection) -> None:
    """Make concurrent first openings of one new store take turns creating its tables.

    Two kernels (or two servers) opening an empty store at once would otherwise both see
    no tables and both create them; one would fail. This must be the transaction's first
    statement. On SQLite it takes the write lock at once: Python's sqlite3 runs DDL
    outside any transaction of its own, so looking and creating would not be atomic.
    """
    if conn.dialect.name == "postgresql":
        conn.execute(sa.select(sa.func.pg_advisory_xact_lock(CREATE_LOCK_KEY)))
    elif conn.dialect.name == "sqlite":
        conn.exec_driver_sql("BEGIN IMMEDIATE")


def upsert(conn: Connection, table: sa.Table, row: dict[str, Any], keys: Sequence[str],
           changes: Sequence[str]) -> None:
    """Insert `row`, or, where a row with the same `keys` is there, set its `changes`:
    one statement (``INSERT ... ON CONFLICT DO UPDATE``), which both databases spell the
    same but SQLAlchemy builds from each one's own dialect."""
    if conn.dialect.name == "postgresql":
        # lazy: SQLAlchemy's PostgreSQL dialect, only for a PostgreSQL store
        from sqlalchemy.dialects.postgresql import insert as pg_insert

        statement: Any = pg_insert(table).values(**row)
    else:
        # lazy: keeps `cxwidgets --help` from loading SQLAlchemy's SQLite dialect
        from sqlalchemy.dialects.sqlite import insert as sqlite_insert

        statement = sqlite_insert(table).values(**row)
    conn.execute(statement.on_conflict_do_update(
        index_elements=[table.c[k] for k in keys],
        set_={c: statement.excluded[c] for c in changes}))


def is_retryable(exc: sa.exc.DBAPIError) -> bool:
    """A lock conflict that trying the transaction again can clear."""
    if getattr(exc.orig, "sqlstate", None) in PG_RETRY_STATES:
        return True
    text = str(exc.orig).lower()
    return "database is locked" in text or "database table is locked" in text or (
        "busy" in text and "sqlite" in type(exc.orig).__module__)


def is_unreachable(exc: sa.exc.DBAPIError) -> bool:
    """The database could not be reached or used at all (as opposed to a refused row)."""
    return isinstance(exc, sa.exc.OperationalError | sa.exc.InterfaceError) or bool(
        exc.connection_invalidated)


def reason(exc: BaseException) -> str:
    """The driver's own words for a failure, on one line and short."""
    orig = getattr(exc, "orig", None) or exc
    text = re.sub(r"\s+", " ", str(orig)).strip()[:300].rstrip(" .?!")
    return text or type(orig).__name__


def cannot_open(url: str, exc: sa.exc.DBAPIError) -> StoreUnavailable:
    if is_sqlite(url):
        path = Path(where(url))
        if path.is_file() and not (os.access(path, os.W_OK)
                                   and os.access(path.parent, os.W_OK)):
            return StoreUnavailable(
                f"cannot open the store {path}: the file or its folder is read-only (the "
                "store also writes small files beside it while open). Nothing in it was "
                "changed; make the folder writable again, or copy the file somewhere "
                "writable and open that")
        return StoreUnavailable(
            f"cannot open the store {where(url)}: {reason(exc)}. The file was left "
            "untouched; restore it from a backup or point the kit at another file")
    return StoreUnavailable(
        f"cannot open the store, the {where(url)}: {reason(exc)}. Check that the server "
        "is running and reachable from here, and that the database and user exist")


def lost(url: str, exc: sa.exc.DBAPIError) -> StoreUnavailable:
    """A store that opened fine stopped answering (server restarted, disk gone), or can
    no longer be written (its disk is full, its file or folder became read-only)."""
    text = reason(exc)
    low = text.lower()
    if "disk is full" in low or "no space left" in low or "disk full" in low:
        return StoreUnavailable(
            f"the disk holding the store ({where(url)}) is full, so this change was not "
            "saved. Nothing saved before is lost; free some space on that disk (or ask "
            "whoever runs the kit to) and make the change again")
    if "readonly" in low or "read-only" in low or "read only" in low:
        return StoreUnavailable(
            f"the store ({where(url)}) can be read but not written: the file or its disk "
            "became read-only, so this change was not saved. Nothing saved before is "
            "lost; make the file writable again (or ask whoever runs the kit to)")
    return StoreUnavailable(
        f"the store ({where(url)}) is not answering: {text}. Nothing saved before "
        "is lost; try again in a moment, and tell the facilitator if it keeps happening")
