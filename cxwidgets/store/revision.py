"""Which version a store is at, and what to say when it is not the kit's.

Light on purpose: every kernel checks its store's version when it opens it, without
loading Alembic (`migrate` does the upgrading). A store made before the kit used
migrations (release 0.1.0) has no `cx_alembic_version` table and is at revision "0001",
the baseline.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import sqlalchemy as sa
from sqlalchemy.engine import Connection

from cxwidgets import __version__
from cxwidgets.exceptions import StoreUnavailable
from cxwidgets.store import backend
from cxwidgets.store.sql_tables import (
    HEAD,
    REVISIONS,
    STORE_FORMAT,
    STORE_VERSION,
    VERSION_TABLE,
    alembic_version,
    meta,
)

#: The revision of a store made before the kit used migrations.
BASELINE = REVISIONS[0]


@dataclass(frozen=True)
class Found:
    """What a store says about itself: its meta rows and its revision ("" when empty)."""

    meta: dict[str, str]
    revision: str

    @property
    def version(self) -> int:
        """The store's version: its revision's number (0 for an empty database)."""
        return int(self.revision) if self.revision.isdigit() else 0

    @property
    def is_current(self) -> bool:
        return self.revision == HEAD

    @property
    def is_older(self) -> bool:
        return self.revision in REVISIONS[:-1] and self.version < STORE_VERSION

    @property
    def is_newer(self) -> bool:
        return (bool(self.revision) and not (self.is_current or self.is_older)) or int(
            self.meta.get("version", 0) or 0) > STORE_VERSION


def meta_rows(conn: Connection) -> dict[str, str]:
    return {str(k): str(v) for k, v in conn.execute(sa.select(meta.c.key, meta.c.value))}


def revision_of(conn: Connection, names: set[str]) -> str:
    """The store's revision; "" for a database without a store in it."""
    if "cx_meta" not in names:
        return ""
    if VERSION_TABLE not in names:
        return BASELINE
    found = conn.execute(sa.select(alembic_version.c.version_num)).scalars().all()
    return str(found[0]) if found else BASELINE


def look(conn: Connection, names: set[str]) -> Found:
    return Found(meta_rows(conn) if "cx_meta" in names else {}, revision_of(conn, names))


def refusal(where: str, found: Found, db: str = "") -> str | None:
    """Why the kit cannot use this store as it is, in words that say what to do; None when
    it can."""
    if found.meta.get("format") != STORE_FORMAT:
        return (f"{where} holds {found.meta or 'no store'}, which is not a cxwidgets store "
                "this version can read; nothing was changed")
    if found.is_newer:
        return (f"{where} is a store of version {found.meta.get('version', found.revision)} "
                f"(revision {found.revision}), made by a newer cxwidgets; this cxwidgets "
                f"({__version__}) reads stores up to version {STORE_VERSION}. Nothing was "
                "changed: upgrade cxwidgets (pip install --upgrade cxwidgets) to open it, "
                "or open a backup made before the newer version wrote to it")
    if found.is_older:
        option = f" --db {db}" if db else ""
        return (f"{where} is a store of version {found.version}, made by an older "
                f"cxwidgets; this cxwidgets ({__version__}) uses store version "
                f"{STORE_VERSION}. Nothing was changed: upgrade the store with `cxwidgets "
                f"db upgrade{option}`, which backs it up first (`cxwidgets serve` and "
                "`cxwidgets lab` do this themselves)")
    return None


@dataclass(frozen=True)
class Status:
    """Where a store stands: its version, the kit's, and what to do."""

    where: str
    found: Found

    @property
    def version(self) -> int:
        return self.found.version

    @property
    def empty(self) -> bool:
        return not self.found.revision

    @property
    def needs_upgrade(self) -> bool:
        return self.found.is_older

    def text(self) -> str:
        if self.empty:
            return (f"{self.where} holds no store yet; the kit creates one of version "
                    f"{STORE_VERSION} when it first opens it")
        why = refusal(self.where, self.found)
        if why:
            return why
        return f"{self.where} is a store of version {self.version}: up to date"


def tables_of(conn: Connection) -> set[str]:
    return set(sa.inspect(conn).get_table_names())


def current(db: str | Path) -> Status:
    """The store's version, read without writing anything."""
    url = backend.to_url(db)
    engine = backend.make_engine(url)
    try:
        with engine.connect() as conn:
            names = tables_of(conn)
            if names and "cx_meta" not in names:
                raise StoreUnavailable(f"{backend.where(url)} is a database but not a "
                                       "cxwidgets store; nothing was changed")
            return Status(backend.where(url), look(conn, names))
    except sa.exc.DBAPIError as exc:
        raise backend.cannot_open(url, exc) from exc
    finally:
        engine.dispose()
