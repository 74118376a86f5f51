"""The event-log store on SQLAlchemy Core: SQLite file by default, PostgreSQL by URL.

Every edit is one appended row in `cx_events`; the current workshop is the fold of its
events, started from the newest usable snapshot. This module owns transactions, locking
and snapshots; it does not decide who may edit what (that is `editor.py`), but it runs
the editor's check again, inside the append's transaction, when others wrote in between
(`Guard`), so a rule checked is a rule kept.

Both backends lock the same way: an append first bumps its workshop's `last_seq`, which
takes a write lock on that row (PostgreSQL) or on the file (SQLite) until the commit.
Appends to one workshop are therefore serialised, appends to different workshops are not
(on PostgreSQL), and readers never wait. A join takes the same lock: under it the door
counts the seats made lately (`door`), then the participant's entry, their seat and the
count's new row are written in that one transaction. Pages noting that they are open
(`presence`) write beside the log and leave `last_seq` alone.

Every event is written at its kind's version (`payloads`) and read through `upcast`; the
words of the person an entry belongs to go to `cx_personal` beside it (`personal`), and
are laid back over the event on every read.
"""

from __future__ import annotations

import asyncio
import datetime as dt
import hashlib
import hmac
import json
import random
import secrets
import time
import uuid
import weakref
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager, suppress
from dataclasses import dataclass
from functools import partial
from pathlib import Path
from typing import Any, TypeVar

import sqlalchemy as sa
from pydantic import ValidationError
from sqlalchemy.engine import Connection

from cxwidgets.exceptions import (
    InvalidInput,
    NothingToUndo,
    StoreUnavailable,
    WorkshopNotFound,
)
from cxwidgets.language import _
from cxwidgets.method.kinds import COLLECTIONS, validate_entity
from cxwidgets.method.model import WORKSHOP_FIELDS, MapVersion, Workshop
from cxwidgets.method.views import find_version
from cxwidgets.method.words import VERSION_KIND
from cxwidgets.settings import current
from cxwidgets.store import (
    backend,
    door,
    feed,
    forward,
    history,
    payloads,
    personal,
    presence,
    revision,
)
from cxwidgets.store import fold as f
from cxwidgets.store.sql_tables import (
    HEAD,
    STORE_FORMAT,
    STORE_VERSION,
    alembic_version,
    events,
    meta,
    metadata,
    seats,
    snapshots,
)
from cxwidgets.store.sql_tables import personal as words
from cxwidgets.store.sql_tables import workshops as ws_table
from cxwidgets.store.upcast import event_of, payload_of
from cxwidgets.store.upcast import select as select_events

#: A snapshot is written every this many events, so loading never folds more than that.
#: Events between snapshots of a workshop (`Settings.snapshot_every`).
SNAPSHOT_EVERY = current().snapshot_every
#: Characters of a join code: no 0/O or 1/I/L, which people misread off a projector.
CODE_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"
#: Tries of one write transaction that keeps meeting a lock conflict.
WRITE_TRIES = 8

T = TypeVar("T")
#: Re-exported: callers have always imported it from here.
to_url = backend.to_url


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


@dataclass(frozen=True)
class Guard:
    """What an edit was checked against, so the check can be run again at the append.

    `workshop` is the workshop at sequence `seen`, on which `check` passed (it raises
    `InvalidInput` or `NotAllowed` to refuse). If other events were appended after
    `seen` by the time this edit holds the workshop's lock, `append` moves `workshop` on
    by just those and runs `check` once more: two clicks by one person at the same
    instant can then never both spend the last dot.
    """

    workshop: Workshop
    seen: int
    check: Callable[[Workshop], None]


#: What `Store.undo` runs under the write lock: (workshop before the undo, workshop
#: after it, the event being undone); raises to refuse, and nothing is appended then.
UndoCheck = Callable[[Workshop, Workshop, f.Event], None]


def _execute(statement: sa.Executable, conn: Connection) -> None:
    conn.execute(statement)


def _now() -> str:
    return dt.datetime.now(dt.UTC).isoformat(timespec="microseconds")


def _hash(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


def new_id(prefix: str = "") -> str:
    return f"{prefix}{uuid.uuid4().hex[:12]}"


class Store:
    """One store (a database) holding any number of workshops."""

    def __init__(self, path_or_url: str | Path) -> None:
        #: Seconds since the epoch, for the door's windows and pages' presence: a wall
        #: clock, because every kernel (and every server of a PostgreSQL store) shares it.
        self.clock: Callable[[], float] = time.time
        #: How fast people may join (`door`): the settings in force.
        self.limits = door.Limits.of(current())
        self.url = to_url(path_or_url)
        #: The store in words for messages: the file, or database and server (no password).
        self.where = backend.where(self.url)
        self.engine = backend.make_engine(self.url)
        #: Change feeds by event loop (`change_feed`).
        self._feeds: weakref.WeakKeyDictionary[asyncio.AbstractEventLoop, feed.ChangeFeed] = (
            weakref.WeakKeyDictionary())
        try:
            self._check_or_create()
        except BaseException:
            self.engine.dispose()
            raise

    # -- set-up ---------------------------------------------------------------------

    def _check_or_create(self) -> None:
        """Create the tables in a new store; refuse, without writing, a foreign or broken
        one, or one of another version than the kit's (`revision`).

        A complete store is only read (so opening one takes no lock); only a new store, or
        one of this version missing a table, is written to, in one transaction under
        `lock_for_creation`. Snapshots folded from older payloads are folded again.
        """
        try:
            found = self._retrying(self._look, opening=True)  # SQLite may be busy turning WAL on
            if found is None:
                found = self._retrying(self._prepare, opening=True)
        except sa.exc.DBAPIError as exc:
            raise backend.cannot_open(self.url, exc) from exc
        why = revision.refusal(self.where, found, self._as_given)
        if why:
            raise StoreUnavailable(why)
        written = int(found.meta.get("events", 1))
        if written > payloads.schema():
            raise StoreUnavailable(
                f"{self.where} holds events of schema {written}, written by a newer "
                f"cxwidgets; this one reads up to schema {payloads.schema()}. Nothing was "
                "changed: upgrade cxwidgets (pip install --upgrade cxwidgets) to open it")
        if written < payloads.schema():
            self.refold_snapshots()

    def _look(self, conn: Connection) -> revision.Found | None:
        """What the store says about itself when it needs no writing, else None."""
        names = self._tables(conn)
        if not names:
            return None
        found = revision.look(conn, names)
        if found.is_current and not names >= set(metadata.tables):
            return None  # a table of this version is missing: `_prepare` adds it
        return found

    def _tables(self, conn: Connection) -> set[str]:
        """The tables there are; a database with tables but none of ours is refused."""
        names = set(sa.inspect(conn).get_table_names())
        if names and "cx_meta" not in names:
            raise StoreUnavailable(
                f"{self.where} is a database but not a cxwidgets store (its tables: "
                f"{', '.join(sorted(names))[:200]}); nothing was changed")
        return names

    def _prepare(self, conn: Connection) -> revision.Found:
        """In one transaction: look at the tables again, create what is missing (in a new
        store, or one of this version), read what the store says."""
        backend.lock_for_creation(conn)
        names = self._tables(conn)
        if not names:
            metadata.create_all(conn)
            conn.execute(sa.insert(meta), [
                {"key": "format", "value": STORE_FORMAT},
                {"key": "version", "value": str(STORE_VERSION)},
                {"key": "events", "value": str(payloads.schema())},
            ])
            conn.execute(sa.insert(alembic_version).values(version_num=HEAD))
        elif revision.look(conn, names).is_current:
            metadata.create_all(conn, checkfirst=True)
        return revision.look(conn, set(sa.inspect(conn).get_table_names()))

    @property
    def _as_given(self) -> str:
        """The store as a command line would name it (no password)."""
        if backend.is_sqlite(self.url):
            return self.where
        return sa.engine.make_url(self.url).render_as_string(hide_password=True)

    def refold_snapshots(self) -> int:
        """Fold again every snapshot folded from payloads older than the kit's (at the
        same sequence), and note the kit's event schema in the store; how many."""
        current = payloads.schema()
        with self._read() as conn:
            stale = conn.execute(sa.select(snapshots.c.workshop_id, snapshots.c.seq).where(
                snapshots.c.schema != current)).all()
        for workshop_id, seq in stale:
            body = json.dumps(self._fold_from_log(workshop_id, seq), ensure_ascii=False)
            update = (sa.update(snapshots).where(snapshots.c.workshop_id == workshop_id,
                                                 snapshots.c.seq == seq)
                      .values(state=body, schema=current))
            self._retrying(partial(_execute, update))

        def note(conn: Connection) -> None:
            backend.upsert(conn, meta, {"key": "events", "value": str(current)}, ["key"],
                           ["value"])

        self._retrying(note)
        return len(stale)

    def _fold_from_log(self, workshop_id: str, upto: int) -> f.State:
        """The state at `upto` folded from the first event, no snapshot used."""
        with self._read() as conn:
            return f.fold(self._events_on(conn, workshop_id, 0, upto))

    def close(self) -> None:
        for listener in list(self._feeds.values()):
            listener.close()
        self.engine.dispose()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- transactions ---------------------------------------------------------------

    def _retrying(self, work: Callable[[Connection], T], opening: bool = False) -> T:
        """Run `work` in one write transaction, retrying the rare lock conflict (SQLite's
        "database is locked" after its busy timeout, a PostgreSQL deadlock), so no caller
        ever sees one. A database that cannot be reached is a `StoreUnavailable`."""
        for attempt in range(WRITE_TRIES):
            try:
                with self.engine.begin() as conn:
                    return work(conn)
            except sa.exc.DBAPIError as exc:
                if backend.is_retryable(exc) and attempt < WRITE_TRIES - 1:
                    time.sleep(random.uniform(0.01, 0.05) * (attempt + 1))
                    continue
                if opening or not backend.is_unreachable(exc):
                    raise
                raise backend.lost(self.url, exc) from exc
        raise AssertionError("unreachable")

    @contextmanager
    def _read(self) -> Iterator[Connection]:
        try:
            with self.engine.connect() as conn:
                yield conn
        except sa.exc.DBAPIError as exc:
            if not backend.is_unreachable(exc):
                raise
            raise backend.lost(self.url, exc) from exc

    # -- workshops ------------------------------------------------------------------

    def create_workshop(self, title: str, author: str = "facilitator",
                        **fields: Any) -> Created:
        """Create a workshop; its first event holds the validated title and fields."""
        workshop_id = new_id("w")
        data = Workshop.model_validate({"id": workshop_id, "title": title, **fields})
        first = data.model_dump(mode="json", include={"id", "title", *WORKSHOP_FIELDS})
        token = secrets.token_urlsafe(18)
        for _attempt in range(20):
            code = "".join(secrets.choice(CODE_ALPHABET) for _ in range(6))
            row = sa.insert(ws_table).values(
                id=workshop_id, join_code=code, token_hash=_hash(token), title=data.title,
                created_at=_now(), last_seq=0)

            def insert(conn: Connection, row: sa.Insert = row) -> None:
                conn.execute(row)

            try:
                self._retrying(insert)
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
            found: str | None = conn.execute(sa.select(ws_table.c.id).where(
                ws_table.c.join_code == code)).scalar_one_or_none()
        if found is None:
            raise WorkshopNotFound(_(
                "no workshop has the join code {code}; check the code on the "
                "facilitator's screen").format(code=repr(code[:20])))
        return found

    def check_token(self, workshop_id: str, token: str) -> bool:
        with self._read() as conn:
            stored = conn.execute(sa.select(ws_table.c.token_hash).where(
                ws_table.c.id == workshop_id)).scalar_one_or_none()
        return stored is not None and hmac.compare_digest(stored, _hash(str(token)))

    # -- seats ----------------------------------------------------------------------

    def join(self, workshop_id: str, participant: dict[str, Any], page: str = "") -> str:
        """Seat a participant (`participant`: their validated entry, its id theirs) if the
        door lets them in; the secret their browser keeps to come back as them.

        Under the workshop's write lock the door counts the seats made lately, by the
        workshop and by `page` (`door.check_arrival`, which raises `Throttled`); then the
        participant's entry, their seat and the door's new row are written in that same
        transaction, so a join is all there or not at all, and no number of kernels
        joining at once can get past the count.
        """
        author = str(participant["id"])
        body = {"collection": "participants", "data": participant}
        secret = secrets.token_urlsafe(18)
        ts = _now()

        def work(conn: Connection) -> int:
            seq = self._bump(conn, workshop_id)
            now = self.clock()  # read under the lock: the window ends where it is taken
            door.check_arrival(conn, workshop_id, page, now, self.limits)
            self._insert(conn, workshop_id, seq, ts, author, f.ADD, body, person=author)
            conn.execute(sa.insert(seats).values(workshop_id=workshop_id,
                                                 participant_id=author,
                                                 secret_hash=_hash(secret)))
            door.record_arrival(conn, workshop_id, author, page, now)
            return seq

        self._after_append(workshop_id, self._retrying(work))
        return secret

    def check_seat(self, workshop_id: str, participant_id: str, secret: str) -> bool:
        with self._read() as conn:
            stored = conn.execute(sa.select(seats.c.secret_hash).where(
                seats.c.workshop_id == workshop_id,
                seats.c.participant_id == participant_id)).scalar_one_or_none()
        return stored is not None and hmac.compare_digest(stored, _hash(str(secret)))

    # -- presence -------------------------------------------------------------------

    def note_presence(self, workshop_id: str, participant_id: str, page: str) -> None:
        """Page `page` of this seat is open now (`presence`): one small write, no event."""
        now = self.clock()
        self._retrying(lambda conn: presence.note(conn, workshop_id, participant_id, page,
                                                  now))

    def crowded_seats(self, workshop_id: str, within: float) -> dict[str, int]:
        """Seats with two or more pages seen in the last `within` seconds: participant id
        -> how many."""
        with self._read() as conn:
            return presence.crowded(conn, workshop_id, self.clock() - within)

    # -- events ---------------------------------------------------------------------

    def append(self, workshop_id: str, author: str, kind: str, payload: dict[str, Any], *,
               guard: Guard | None = None, person: str | None = None) -> f.Event:
        """Append one event and return it with its sequence number.

        The sequence counter is bumped first, inside the same transaction as the insert:
        the bump takes the write lock, so sequence numbers stay gap-free under any number
        of concurrent writers, on SQLite and PostgreSQL alike. With a `guard`, the edit's
        check is run again under that lock if anything was appended since it was checked;
        if it fails now, its error is raised and nothing is appended.
        """
        if kind not in f.KINDS:
            raise InvalidInput(f"unknown event kind {kind!r}")
        if person is None:
            person = self._person(kind, payload, author, guard)
        ts = _now()

        def work(conn: Connection) -> int:
            seq = self._bump(conn, workshop_id)
            if guard is not None and seq - 1 > guard.seen:
                guard.check(self._catch_up(conn, workshop_id, guard, upto=seq - 1))
            self._insert(conn, workshop_id, seq, ts, author, kind, payload, person=person)
            if kind == f.UPDATE_WORKSHOP and "title" in payload:  # keep lists in step
                conn.execute(sa.update(ws_table).where(ws_table.c.id == workshop_id)
                             .values(title=payload["title"]))
            return seq

        seq = self._retrying(work)
        self._after_append(workshop_id, seq)
        return f.Event(workshop_id, seq, ts, author, kind, payload)

    @staticmethod
    def _bump(conn: Connection, workshop_id: str) -> int:
        """Take the workshop's next sequence number; this holds its write lock to the commit.

        On PostgreSQL the same statement NOTIFYs the workshop's channel (`feed`), which
        the server delivers when this transaction commits, and never if it rolls back.
        """
        returning: list[Any] = [ws_table.c.last_seq]
        if conn.dialect.name == "postgresql":
            returning.append(feed.notify_clause(ws_table.c.id, ws_table.c.last_seq))
        seq = conn.execute(sa.update(ws_table).where(ws_table.c.id == workshop_id)
                           .values(last_seq=ws_table.c.last_seq + 1)
                           .returning(*returning)).scalar_one_or_none()
        if seq is None:
            raise WorkshopNotFound(f"no workshop with id {workshop_id!r} in this store")
        return int(seq)

    @staticmethod
    def _person(kind: str, payload: dict[str, Any], author: str,
                guard: Guard | None) -> str:
        """Whose words an event carries (`personal`): an added entry's own person; an
        updated entry's owner in the guard's workshop, else the author."""
        if kind == f.ADD:
            return personal.person_of(payload.get("collection", ""), payload.get("data", {}))
        if kind == f.UPDATE:
            owner = None
            if guard is not None:
                owner = personal.entity_person(guard.workshop, payload.get("collection", ""),
                                               str(payload.get("id", "")))
            return owner or author
        return ""

    @staticmethod
    def _insert(conn: Connection, workshop_id: str, seq: int, ts: str, author: str,
                kind: str, payload: dict[str, Any], person: str = "") -> None:
        """One event into the log, and the words of `person` it carries beside it."""
        kept, held = personal.split(kind, payload, person)
        conn.execute(sa.insert(events).values(
            workshop_id=workshop_id, seq=seq, ts=ts, author=author, kind=kind,
            payload=json.dumps(kept, ensure_ascii=False, sort_keys=True),
            version=payloads.VERSIONS[kind]))
        if held is not None:
            conn.execute(sa.insert(words).values(
                workshop_id=workshop_id, seq=seq, person=person,
                body=json.dumps(held, ensure_ascii=False, sort_keys=True)))

    def _catch_up(self, conn: Connection, workshop_id: str, guard: Guard,
                  upto: int) -> Workshop:
        """The guard's workshop moved on to `upto` by the events after it."""
        return self._moved_to(conn, workshop_id, guard.workshop, guard.seen, upto=upto)

    def _moved_to(self, conn: Connection, workshop_id: str, workshop: Workshop, seen: int,
                  upto: int) -> Workshop:
        """`workshop` (at `seen`) moved on to `upto` by the events after it."""
        newer = self._events_on(conn, workshop_id, after=seen, upto=upto)
        if not newer:
            return workshop
        return self._moved_on(conn, workshop_id, workshop, seen, newer)

    def _after_append(self, workshop_id: str, seq: int) -> None:
        if seq % SNAPSHOT_EVERY == 0:
            self.write_snapshot(workshop_id, upto=seq)

    def events(self, workshop_id: str, after: int = 0, upto: int | None = None) -> list[f.Event]:
        """Events with `after < seq <= upto`, in order: the live feed is `events(w, after=N)`."""
        with self._read() as conn:
            return self._events_on(conn, workshop_id, after, upto)

    @staticmethod
    def _events_on(conn: Connection, workshop_id: str, after: int = 0,
                   upto: int | None = None) -> list[f.Event]:
        query = select_events(events.c.workshop_id == workshop_id, events.c.seq > after)
        if upto is not None:
            query = query.where(events.c.seq <= upto)
        rows = conn.execute(query).all()
        return [event_of(workshop_id, row) for row in rows]

    def change_feed(self) -> feed.ChangeFeed:
        """This store's change feed in the running event loop (one per loop, made on
        first use): see `wait_for_change`."""
        loop = asyncio.get_running_loop()
        found = self._feeds.get(loop)
        if found is None:
            found = self._feeds[loop] = feed.ChangeFeed(self)
        return found

    async def wait_for_change(self, workshop_id: str, after_seq: int,
                              timeout: float = 30.0) -> int:
        """Wait until the workshop has events after `after_seq`; its newest sequence, or
        `after_seq` when `timeout` seconds pass with nothing new.

        For a kernel's polling task: on PostgreSQL it sleeps until the append's NOTIFY
        wakes it; on SQLite, and on PostgreSQL while notes cannot reach it, it polls
        `last_seq` (one small query per `feed.POLL_S`). Never blocks the event loop.
        Raises `StoreUnavailable` when the store does not answer (try again later) and
        `WorkshopNotFound` for a workshop this store does not hold.
        """
        return await self.change_feed().wait(workshop_id, after_seq, timeout)

    def last_seq(self, workshop_id: str) -> int:
        with self._read() as conn:
            return self._last_seq_on(conn, workshop_id)

    @staticmethod
    def _last_seq_on(conn: Connection, workshop_id: str) -> int:
        seq = conn.execute(sa.select(ws_table.c.last_seq)
                           .where(ws_table.c.id == workshop_id)).scalar_one_or_none()
        if seq is None:
            raise WorkshopNotFound(f"no workshop with id {workshop_id!r} in this store")
        return int(seq)

    # -- state ----------------------------------------------------------------------

    def fold_state(self, workshop_id: str, at: int | None = None) -> tuple[f.State, int]:
        """The folded state (as dicts) at sequence `at` (default: now) and its sequence."""
        with self._read() as conn:
            upto = self._last_seq_on(conn, workshop_id) if at is None else at
            return self._fold_on(conn, workshop_id, upto), upto

    def workshop_since(self, workshop_id: str, known: tuple[Workshop, int] | None = None,
                       at: int | None = None) -> tuple[Workshop, int]:
        """The workshop now (or at sequence `at`) and its sequence, moved on from one
        known earlier.

        `known` is a workshop and the sequence it was read at (from `state`, or from this
        method). Only the events after it are read (one query when nothing is new) and
        applied to it (`forward.advance`): unchanged entities are shared, not validated
        again. An undo of an event `known` already holds reads that entity's own history
        (`history.rebuild`). Whatever that cannot apply exactly as the fold would, the
        whole log is folded instead, so the result always equals `state(workshop_id)`
        at the sequence returned. Treat `known` and the result as read-only.
        """
        if known is None or (at is not None and at < known[1]):  # nothing to move on from
            state, seq = self.fold_state(workshop_id, at)
            return f.to_workshop(state), seq
        workshop, seen = known
        with self._read() as conn:
            newer = self._events_on(conn, workshop_id, after=seen, upto=at)
            if not newer:
                return known
            return self._moved_on(conn, workshop_id, workshop, seen, newer), newer[-1].seq

    def _moved_on(self, conn: Connection, workshop_id: str, workshop: Workshop, seen: int,
                  newer: list[f.Event]) -> Workshop:
        """`workshop` (at `seen`) moved on by `newer`, the events after it."""
        try:
            return self._forward_on(conn, workshop_id, workshop, seen, newer)
        except (ValidationError, forward.Unsupported, KeyError, TypeError, ValueError):
            # not for the short way (see `forward`): the full fold decides, and raises
            # what is really wrong, if anything is
            return f.to_workshop(self._fold_on(conn, workshop_id, newer[-1].seq))

    def _forward_on(self, conn: Connection, workshop_id: str, workshop: Workshop, seen: int,
                    newer: list[f.Event]) -> Workshop:
        behind = [e.payload["seq"] for e in newer if e.kind == f.UNDO
                  and e.payload["seq"] <= seen]
        rebuilt: list[forward.Rebuilt] | None = []
        if behind:
            targets = conn.execute(select_events(
                events.c.workshop_id == workshop_id, events.c.seq.in_(behind))).all()
            rebuilt = history.rebuild(conn, workshop_id, workshop, [
                event_of(workshop_id, row) for row in targets], upto=newer[-1].seq)
        if rebuilt is None:
            raise forward.Unsupported("an undo only a full fold can apply")
        return forward.advance(workshop, newer, rebuilt)

    def _fold_on(self, conn: Connection, workshop_id: str, upto: int) -> f.State:
        base_seq, base = self._usable_snapshot_on(conn, workshop_id, upto)
        tail = self._events_on(conn, workshop_id, after=base_seq, upto=upto)
        if base_seq == 0 and not tail:
            raise WorkshopNotFound(f"workshop {workshop_id!r} has no events up to {upto}")
        return f.fold(tail, base, in_place=True)  # `base` was just parsed: nobody else has it

    def state(self, workshop_id: str, at: int | None = None) -> Workshop:
        """The workshop as of sequence `at` (default: now)."""
        return f.to_workshop(self.fold_state(workshop_id, at)[0])

    def _usable_snapshot(self, workshop_id: str, upto: int) -> tuple[int, f.State | None]:
        with self._read() as conn:
            return self._usable_snapshot_on(conn, workshop_id, upto)

    @staticmethod
    def _usable_snapshot_on(conn: Connection, workshop_id: str,
                            upto: int) -> tuple[int, f.State | None]:
        """The newest snapshot at or before `upto` that no later undo reaches behind."""
        snap_seqs = conn.execute(sa.select(snapshots.c.seq).where(
            snapshots.c.workshop_id == workshop_id, snapshots.c.seq <= upto,
            snapshots.c.schema == payloads.schema())  # an older fold is no start
            .order_by(snapshots.c.seq.desc())).scalars().all()
        if not snap_seqs:
            return 0, None
        undo_rows = conn.execute(sa.select(events.c.seq, events.c.version, events.c.payload)
                                 .where(events.c.workshop_id == workshop_id,
                                        events.c.kind == f.UNDO,
                                        events.c.seq > snap_seqs[-1],
                                        events.c.seq <= upto)).all()
        undos = [(s, payload_of(f.UNDO, v, p)["seq"]) for s, v, p in undo_rows]
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
                workshop_id=workshop_id, seq=seq, state=body, schema=payloads.schema())))
        return seq

    # -- undo and versions ----------------------------------------------------------

    def undo(self, workshop_id: str, author: str, known: tuple[Workshop, int],
             check: UndoCheck) -> f.Event:
        """Take back `author`'s newest edit that is not yet undone, if `check` allows it.

        The target is chosen under the workshop's write lock, so a double click (or the
        same person in two tabs) undoes two edits, never one edit twice. Under the same
        lock the undo is written, the workshop folded with and without it (moved on from
        `known`, a workshop and its sequence the caller read), and `check(before, after,
        target)` run on the two: if it raises, the transaction is rolled back and nothing
        was appended. An undo is a change like any other: the editor's gate decides
        whether the seat may make it (`gate.check_undo`).
        """
        ts = _now()

        def work(conn: Connection) -> tuple[int, int]:
            seq = self._bump(conn, workshop_id)
            target = self._undo_target(conn, workshop_id, author)
            if target is None:
                raise NothingToUndo("you have no change left to undo in this workshop")
            self._insert(conn, workshop_id, seq, ts, author, f.UNDO, {"seq": target})
            before = self._moved_to(conn, workshop_id, *known, upto=seq - 1)
            undo = f.Event(workshop_id, seq, ts, author, f.UNDO, {"seq": target})
            after = self._moved_on(conn, workshop_id, before, seq - 1, [undo])
            check(before, after, self._events_on(conn, workshop_id, target - 1, target)[0])
            return seq, target

        seq, target = self._retrying(work)
        self._after_append(workshop_id, seq)
        return f.Event(workshop_id, seq, ts, author, f.UNDO, {"seq": target})

    @staticmethod
    def _undo_target(conn: Connection, workshop_id: str, author: str) -> int | None:
        undo_rows = conn.execute(sa.select(events.c.version, events.c.payload).where(
            events.c.workshop_id == workshop_id, events.c.kind == f.UNDO)).all()
        done = {payload_of(f.UNDO, v, p)["seq"] for v, p in undo_rows}
        candidates = conn.execute(sa.select(events.c.seq).where(
            events.c.workshop_id == workshop_id, events.c.author == author,
            events.c.kind.in_(f.UNDOABLE)).order_by(events.c.seq.desc())).scalars()
        return next((s for s in candidates if s not in done), None)

    def tag_version(self, workshop_id: str, author: str, name: str, kind: str = "review",
                    note: str = "") -> f.Event:
        """Name the current state (as-is, to-be, a dated review) so it can be reopened."""
        version = MapVersion.model_validate({"name": name, "kind": kind, "note": note, "seq": 0})

        def unused(workshop: Workshop) -> None:
            if any(v.name == version.name for v in workshop.versions):
                raise InvalidInput(f"version name: {version.name!r} is already used in this "
                                   "workshop")

        workshop, seen = self.workshop_since(workshop_id)
        unused(workshop)
        return self.append(workshop_id, author, f.TAG, version.model_dump(
            mode="json", include={"name", "kind", "note"}), guard=Guard(workshop, seen, unused))

    def version_state(self, workshop_id: str, name: str) -> Workshop:
        """The workshop as it was at the version named `name`, or at the newest version
        of the kind `name` says ("as-is", "to-be", "review": `views.find_version`)."""
        now = self.state(workshop_id)
        found = find_version(now, name)
        if found is None:
            known = ", ".join(f"{v.name} ({VERSION_KIND[v.kind].lower()})"
                              for v in now.versions) or "none yet"
            raise WorkshopNotFound(f"no version named {name!r}; versions: {known}; or "
                                   "the newest of a kind: as-is, to-be, review")
        return self.state(workshop_id, at=found.seq)

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
        # lazy: keeps the participant's kernel from loading cxwidgets.method.diff
        from cxwidgets.method.diff import entity_changes

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
