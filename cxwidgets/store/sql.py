"""The event-log store on SQLAlchemy Core: SQLite file by default, PostgreSQL by URL.

Every edit is one appended row in `cx_events`; the current workshop is the fold of its
events, started from the newest usable snapshot. This module owns transactions, locking
and snapshots; it does not decide who may edit what (that is `editor.py`).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import hmac
import json
import random
import secrets
import time
import uuid
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager, suppress
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TypeVar

import sqlalchemy as sa
from sqlalchemy.engine import Connection, Engine

from cxwidgets.exceptions import InvalidInput, NothingToUndo, StoreUnavailable, WorkshopNotFound
from cxwidgets.model import COLLECTIONS, WORKSHOP_FIELDS, MapVersion, Workshop, validate_entity
from cxwidgets.store import fold as f
from cxwidgets.store.tables import (
    STORE_FORMAT,
    STORE_VERSION,
    events,
    meta,
    metadata,
    seats,
    snapshots,
)
from cxwidgets.store.tables import workshops as ws_table

#: A snapshot is written every this many events, so loading never folds more than that.
SNAPSHOT_EVERY = 200
#: How long a writer waits for the lock before SQLite reports "database is locked".
BUSY_TIMEOUT_S = 30.0
#: Characters of a join code: no 0/O or 1/I/L, which people misread off a projector.
CODE_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"

T = TypeVar("T")


@dataclass(frozen=True)
class WorkshopInfo:
    """What a store knows about a workshop without folding it."""

    id: str
    join_code: str
    title: str
    created_at: str
    last_seq: int


@dataclass(frozen=True)
class Created:
    """A new workshop's keys. The token is shown once; the store keeps only its hash."""

    id: str
    join_code: str
    token: str


def _now() -> str:
    return dt.datetime.now(dt.timezone.utc).isoformat(timespec="microseconds")


def _hash(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


def new_id(prefix: str = "") -> str:
    return f"{prefix}{uuid.uuid4().hex[:12]}"


def _is_lock_error(exc: sa.exc.OperationalError) -> bool:
    text = str(exc.orig).lower()
    return "locked" in text or "busy" in text


def to_url(path_or_url: str | Path) -> str:
    """Accept a plain file path (the common case) or a full SQLAlchemy URL."""
    text = str(path_or_url)
    if "://" in text:
        return text
    return f"sqlite:///{Path(text).expanduser().resolve()}"


class Store:
    """One store (a database) holding any number of workshops."""

    def __init__(self, path_or_url: str | Path) -> None:
        self.url = to_url(path_or_url)
        self.engine = self._make_engine(self.url)
        self._check_or_create()

    # -- set-up ---------------------------------------------------------------------

    @staticmethod
    def _make_engine(url: str) -> Engine:
        if not url.startswith("sqlite"):
            return sa.create_engine(url, pool_pre_ping=True)
        path = Path(sa.engine.make_url(url).database or "")
        if not path.parent.is_dir():
            raise StoreUnavailable(f"cannot create the store {path}: folder {path.parent} "
                                   "does not exist")
        engine = sa.create_engine(url, connect_args={"timeout": BUSY_TIMEOUT_S})

        @sa.event.listens_for(engine, "connect")
        def _pragmas(dbapi_conn: Any, _record: Any) -> None:
            cur = dbapi_conn.cursor()
            cur.execute("PRAGMA journal_mode=WAL")
            cur.execute(f"PRAGMA busy_timeout={int(BUSY_TIMEOUT_S * 1000)}")
            cur.execute("PRAGMA synchronous=NORMAL")
            cur.execute("PRAGMA foreign_keys=ON")
            cur.close()

        return engine

    def _check_or_create(self) -> None:
        """Create the tables in a new store; refuse, without writing, a foreign or broken one."""
        where = self.url.replace("sqlite:///", "")
        try:
            inspector = sa.inspect(self.engine)
            names = set(inspector.get_table_names())
            if names and "cx_meta" not in names:
                raise StoreUnavailable(
                    f"{where} is a database but not a cxwidgets store (its tables: "
                    f"{', '.join(sorted(names))[:200]}); nothing was changed"
                )
            if not names:
                with self.engine.begin() as conn:
                    metadata.create_all(conn)
                    conn.execute(sa.insert(meta), [
                        {"key": "format", "value": STORE_FORMAT},
                        {"key": "version", "value": str(STORE_VERSION)},
                    ])
            else:  # a store made by an older version gets the tables added since
                with self.engine.begin() as conn:
                    metadata.create_all(conn, checkfirst=True)
            with self.engine.connect() as conn:
                rows = dict(conn.execute(sa.select(meta.c.key, meta.c.value)).all())
        except sa.exc.DatabaseError as exc:
            self.engine.dispose()
            raise StoreUnavailable(
                f"cannot open the store {where}: {exc.orig}. The file was left untouched; "
                "restore it from a backup or point the kit at another file"
            ) from exc
        if rows.get("format") != STORE_FORMAT or int(rows.get("version", 0)) > STORE_VERSION:
            raise StoreUnavailable(f"{where} holds store format {rows} which this version "
                                   f"of cxwidgets (store version {STORE_VERSION}) cannot read")

    def close(self) -> None:
        self.engine.dispose()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- transactions ---------------------------------------------------------------

    def _retrying(self, work: Callable[[Connection], T]) -> T:
        """Run `work` in one write transaction, retrying the rare lock error SQLite still
        reports after its busy timeout, so no caller ever sees one."""
        for attempt in range(8):
            try:
                with self.engine.begin() as conn:
                    return work(conn)
            except sa.exc.OperationalError as exc:
                if not _is_lock_error(exc) or attempt == 7:
                    raise
                time.sleep(random.uniform(0.01, 0.05) * (attempt + 1))
        raise AssertionError("unreachable")

    @contextmanager
    def _read(self) -> Iterator[Connection]:
        with self.engine.connect() as conn:
            yield conn

    # -- workshops ------------------------------------------------------------------

    def create_workshop(self, title: str, author: str = "facilitator",
                        **fields: Any) -> Created:
        """Create a workshop; its first event holds the validated title and fields."""
        workshop_id = new_id("w")
        data = Workshop.model_validate({"id": workshop_id, "title": title, **fields})
        first = data.model_dump(mode="json", include={"id", "title", *WORKSHOP_FIELDS})
        token = secrets.token_urlsafe(18)
        for _ in range(20):
            code = "".join(secrets.choice(CODE_ALPHABET) for _ in range(6))
            try:
                self._retrying(lambda conn, code=code: conn.execute(sa.insert(ws_table).values(
                    id=workshop_id, join_code=code, token_hash=_hash(token),
                    title=data.title, created_at=_now(), last_seq=0)))
                break
            except sa.exc.IntegrityError:
                continue
        else:  # pragma: no cover - 31**6 codes make this practically unreachable
            raise StoreUnavailable("could not find a free join code after 20 tries")
        self.append(workshop_id, author, f.CREATE, first)
        return Created(workshop_id, code, token)

    def list_workshops(self) -> list[WorkshopInfo]:
        with self._read() as conn:
            rows = conn.execute(sa.select(
                ws_table.c.id, ws_table.c.join_code, ws_table.c.title,
                ws_table.c.created_at, ws_table.c.last_seq).order_by(ws_table.c.created_at)).all()
        return [WorkshopInfo(*row) for row in rows]

    def info(self, workshop_id: str) -> WorkshopInfo:
        for info in self.list_workshops():
            if info.id == workshop_id:
                return info
        raise WorkshopNotFound(f"no workshop with id {workshop_id!r} in this store")

    def find_by_code(self, join_code: str) -> str:
        """The workshop id for a join code; codes are matched case- and space-insensitively."""
        code = "".join(str(join_code).split()).upper()
        with self._read() as conn:
            found = conn.execute(sa.select(ws_table.c.id).where(
                ws_table.c.join_code == code)).scalar_one_or_none()
        if found is None:
            raise WorkshopNotFound(
                f"no workshop has the join code {code[:20]!r}; check the code on the "
                "facilitator's screen")
        return found

    def check_token(self, workshop_id: str, token: str) -> bool:
        with self._read() as conn:
            stored = conn.execute(sa.select(ws_table.c.token_hash).where(
                ws_table.c.id == workshop_id)).scalar_one_or_none()
        return stored is not None and hmac.compare_digest(stored, _hash(str(token)))

    # -- seats ----------------------------------------------------------------------

    def add_seat(self, workshop_id: str, participant_id: str) -> str:
        """A secret for a participant's browser to keep, so it can come back as them."""
        secret = secrets.token_urlsafe(18)
        self._retrying(lambda conn: conn.execute(sa.insert(seats).values(
            workshop_id=workshop_id, participant_id=participant_id,
            secret_hash=_hash(secret))))
        return secret

    def check_seat(self, workshop_id: str, participant_id: str, secret: str) -> bool:
        with self._read() as conn:
            stored = conn.execute(sa.select(seats.c.secret_hash).where(
                seats.c.workshop_id == workshop_id,
                seats.c.participant_id == participant_id)).scalar_one_or_none()
        return stored is not None and hmac.compare_digest(stored, _hash(str(secret)))

    # -- events ---------------------------------------------------------------------

    def append(self, workshop_id: str, author: str, kind: str,
               payload: dict[str, Any]) -> f.Event:
        """Append one event and return it with its sequence number.

        The sequence counter is bumped first, inside the same transaction as the insert:
        the bump takes the write lock, so sequence numbers stay gap-free under any number
        of concurrent writers, on SQLite and PostgreSQL alike.
        """
        if kind not in f.KINDS:
            raise InvalidInput(f"unknown event kind {kind!r}")
        body = json.dumps(payload, ensure_ascii=False, sort_keys=True)
        ts = _now()

        def work(conn: Connection) -> int:
            bumped = conn.execute(sa.update(ws_table).where(ws_table.c.id == workshop_id)
                                  .values(last_seq=ws_table.c.last_seq + 1))
            if bumped.rowcount != 1:
                raise WorkshopNotFound(f"no workshop with id {workshop_id!r} in this store")
            seq = conn.execute(sa.select(ws_table.c.last_seq)
                               .where(ws_table.c.id == workshop_id)).scalar_one()
            conn.execute(sa.insert(events).values(workshop_id=workshop_id, seq=seq, ts=ts,
                                                  author=author, kind=kind, payload=body))
            if kind == f.UPDATE_WORKSHOP and "title" in payload:  # keep lists in step
                conn.execute(sa.update(ws_table).where(ws_table.c.id == workshop_id)
                             .values(title=payload["title"]))
            return seq

        seq = self._retrying(work)
        if seq % SNAPSHOT_EVERY == 0:
            self.write_snapshot(workshop_id, upto=seq)
        return f.Event(workshop_id, seq, ts, author, kind, payload)

    def events(self, workshop_id: str, after: int = 0, upto: int | None = None) -> list[f.Event]:
        """Events with `after < seq <= upto`, in order: the live feed is `events(w, after=N)`."""
        query = sa.select(events.c.seq, events.c.ts, events.c.author, events.c.kind,
                          events.c.payload).where(events.c.workshop_id == workshop_id,
                                                  events.c.seq > after)
        if upto is not None:
            query = query.where(events.c.seq <= upto)
        with self._read() as conn:
            rows = conn.execute(query.order_by(events.c.seq)).all()
        return [f.Event(workshop_id, s, ts, a, k, json.loads(p)) for s, ts, a, k, p in rows]

    def last_seq(self, workshop_id: str) -> int:
        with self._read() as conn:
            seq = conn.execute(sa.select(ws_table.c.last_seq)
                               .where(ws_table.c.id == workshop_id)).scalar_one_or_none()
        if seq is None:
            raise WorkshopNotFound(f"no workshop with id {workshop_id!r} in this store")
        return seq

    # -- state ----------------------------------------------------------------------

    def fold_state(self, workshop_id: str, at: int | None = None) -> tuple[f.State, int]:
        """The folded state (as dicts) at sequence `at` (default: now) and its sequence."""
        upto = self.last_seq(workshop_id) if at is None else at
        base_seq, base = self._usable_snapshot(workshop_id, upto)
        tail = self.events(workshop_id, after=base_seq, upto=upto)
        if base_seq == 0 and not tail:
            raise WorkshopNotFound(f"workshop {workshop_id!r} has no events up to {upto}")
        return f.fold(tail, base), upto

    def state(self, workshop_id: str, at: int | None = None) -> Workshop:
        """The workshop as of sequence `at` (default: now)."""
        return f.to_workshop(self.fold_state(workshop_id, at)[0])

    def _usable_snapshot(self, workshop_id: str, upto: int) -> tuple[int, f.State | None]:
        """The newest snapshot at or before `upto` that no later undo reaches behind."""
        with self._read() as conn:
            snap_seqs = conn.execute(sa.select(snapshots.c.seq).where(
                snapshots.c.workshop_id == workshop_id, snapshots.c.seq <= upto)
                .order_by(snapshots.c.seq.desc())).scalars().all()
            if not snap_seqs:
                return 0, None
            undo_rows = conn.execute(sa.select(events.c.seq, events.c.payload).where(
                events.c.workshop_id == workshop_id, events.c.kind == f.UNDO,
                events.c.seq > snap_seqs[-1], events.c.seq <= upto)).all()
            undos = [(s, json.loads(p)["seq"]) for s, p in undo_rows]
            for snap in snap_seqs:
                if all(target > snap for seq, target in undos if seq > snap):
                    state = conn.execute(sa.select(snapshots.c.state).where(
                        snapshots.c.workshop_id == workshop_id, snapshots.c.seq == snap)
                    ).scalar_one()
                    return snap, json.loads(state)
        return 0, None

    def write_snapshot(self, workshop_id: str, upto: int | None = None) -> int:
        """Store the folded state at `upto` so later loads start there."""
        state, seq = self.fold_state(workshop_id, upto)
        body = json.dumps(state, ensure_ascii=False)
        with suppress(sa.exc.IntegrityError):  # another writer made the same snapshot first
            self._retrying(lambda conn: conn.execute(sa.insert(snapshots).values(
                workshop_id=workshop_id, seq=seq, state=body)))
        return seq

    # -- undo and versions ----------------------------------------------------------

    def undo(self, workshop_id: str, author: str) -> f.Event:
        """Take back `author`'s newest edit that is not yet undone."""
        with self._read() as conn:
            undo_payloads = conn.execute(sa.select(events.c.payload).where(
                events.c.workshop_id == workshop_id, events.c.kind == f.UNDO)).scalars().all()
            done = {json.loads(p)["seq"] for p in undo_payloads}
            candidates = conn.execute(sa.select(events.c.seq).where(
                events.c.workshop_id == workshop_id, events.c.author == author,
                events.c.kind.in_(f.UNDOABLE)).order_by(events.c.seq.desc())).scalars()
            target = next((s for s in candidates if s not in done), None)
        if target is None:
            raise NothingToUndo(f"{author} has no edit left to undo in this workshop")
        return self.append(workshop_id, author, f.UNDO, {"seq": target})

    def tag_version(self, workshop_id: str, author: str, name: str, kind: str = "review",
                    note: str = "") -> f.Event:
        """Name the current state (as-is, to-be, a dated review) so it can be reopened."""
        version = MapVersion.model_validate({"name": name, "kind": kind, "note": note, "seq": 0})
        existing = {v.name for v in self.state(workshop_id).versions}
        if version.name in existing:
            raise InvalidInput(f"version name: {version.name!r} is already used in this workshop")
        return self.append(workshop_id, author, f.TAG, version.model_dump(
            mode="json", include={"name", "kind", "note"}))

    def version_state(self, workshop_id: str, name: str) -> Workshop:
        versions = {v.name: v for v in self.state(workshop_id).versions}
        if name not in versions:
            known = ", ".join(versions) or "none yet"
            raise WorkshopNotFound(f"no version named {name!r}; versions: {known}")
        return self.state(workshop_id, at=versions[name].seq)

    # -- import ---------------------------------------------------------------------

    def import_workshop(self, workshop: Workshop, author: str = "facilitator") -> Created:
        """Load a whole workshop (e.g. the sample) as ordinary events, so it has history."""
        fields = workshop.model_dump(mode="json", include=set(WORKSHOP_FIELDS) - {"title"})
        created = self.create_workshop(workshop.title, author=author, **fields)
        for name in COLLECTIONS:
            for entity in getattr(workshop, name):
                data = entity.model_dump(mode="json")
                validate_entity(name, data)
                self.append(created.id, data.get("created_by") or author, f.ADD,
                            {"collection": name, "data": data})
        for version in workshop.versions:
            self.tag_version(created.id, author, version.name, version.kind.value, version.note)
        return created

    def import_history(self, states: Sequence[Workshop], author: str = "facilitator") -> Created:
        """Load successive versions of one workshop (oldest first) so each is a named version.

        The first state is imported entity by entity; every later one is reached by the
        adds, updates and removes that lead to it, as its authors' events. After reaching
        state k the k-th version named in the newest state's `versions` is tagged, so
        "as-is" and "after review" really differ in the history.
        """
        if not states:
            raise InvalidInput("a workshop history needs at least one state")
        names = list(states[-1].versions)
        first = states[0].model_copy(update={"versions": []})
        created = self.import_workshop(first, author=author)
        for k, state in enumerate(states):
            if k:
                self._replay(created.id, author, self.state(created.id), state)
            if k < len(names):
                v = names[k]
                self.tag_version(created.id, author, v.name, v.kind.value, v.note)
        return created

    def _replay(self, workshop_id: str, author: str, before: Workshop, after: Workshop) -> None:
        from cxwidgets.diff import entity_changes

        changes = entity_changes(before, after)
        if changes.workshop_fields:
            self.append(workshop_id, author, f.UPDATE_WORKSHOP, changes.workshop_fields)
        for collection, data in changes.adds:
            self.append(workshop_id, data.get("created_by") or author, f.ADD,
                        {"collection": collection, "data": data})
        # a change is made by the entity's owner, so each person's undo stays their own
        owner = {(c, e.id): e.created_by or author for c in COLLECTIONS
                 for e in getattr(before, c)}
        for collection, entity_id, delta in changes.updates:
            self.append(workshop_id, owner[(collection, entity_id)], f.UPDATE,
                        {"collection": collection, "id": entity_id, "changes": delta})
        for collection, entity_id in changes.removes:
            self.append(workshop_id, owner[(collection, entity_id)], f.REMOVE,
                        {"collection": collection, "id": entity_id})
