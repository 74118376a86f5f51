"""The change feed: wake a kernel when its workshop's log grows, instead of it polling.

On PostgreSQL every append NOTIFYs the workshop's channel in its own transaction (so the
note arrives when the event is committed, and never for one rolled back), and a
`ChangeFeed` LISTENs on one connection of its own for all the workshops its kernel
follows. A waiter then sleeps until a note says its workshop moved past the sequence it
knows. On SQLite, and on PostgreSQL whenever the listening connection is lost (a
restarted server, a dropped network), waiters poll instead: one query of the workshop's
`last_seq` per poll. The listener keeps trying to connect again, and once it listens
again `last_seq` is read once per workshop, so a note missed while it was away is never
a change missed. While it listens, waiting costs no query and no CPU: a kernel may wait
in short turns (to tick its timers) as often as it likes.

A feed belongs to one asyncio event loop (the kernel's); `Store.change_feed` keeps one
per loop. Waiting never blocks the loop: the polling query runs in a worker thread.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from typing import TYPE_CHECKING

import sqlalchemy as sa

if TYPE_CHECKING:
    from cxwidgets.store.sql import Store

log = logging.getLogger(__name__)

#: Seconds between polls of `last_seq` when no listening connection serves a workshop.
POLL_S = 1.0
#: Seconds before a lost listening connection is tried again.
RETRY_S = 2.0
#: Seconds the idle listener sleeps at most (a new workshop to follow wakes it at once).
TICK_S = 30.0
#: How the listening connection names itself to the server (pg_stat_activity).
APPLICATION_NAME = "cxwidgets change feed"
CHANNEL_PREFIX = "cx_"


def channel(workshop_id: str) -> str:
    """The NOTIFY channel of one workshop (ids are letters, digits, '-' and '_')."""
    return CHANNEL_PREFIX + workshop_id


def notify_clause(workshop_id: sa.ColumnElement[str],
                  seq: sa.ColumnElement[int]) -> sa.ColumnElement[None]:
    """`pg_notify(channel, seq)`, for the RETURNING of the append's sequence bump."""
    return sa.func.pg_notify(sa.literal(CHANNEL_PREFIX) + workshop_id,
                             sa.cast(seq, sa.Text))


class ChangeFeed:
    """Waiters for new events of workshops in one store, woken by the server's notes
    (PostgreSQL) or by polling (SQLite, or while the notes are not reaching us)."""

    def __init__(self, store: Store, poll: float = POLL_S, retry: float = RETRY_S) -> None:
        self.store = store
        self.poll = poll
        self.retry = retry
        self.listens = store.engine.dialect.name == "postgresql"
        #: The newest sequence a note announced, per workshop.
        self.latest: dict[str, int] = {}
        #: How often waiters were woken by a note, polled, and the listener connected.
        self.notes = self.polls = self.connections = 0
        self._wanted: set[str] = set()
        self._listening: set[str] = set()
        self._generation = 0  # grows each time the listener (re)connects or listens anew
        #: The generation in which each workshop's `latest` was last read from the store.
        self._checked: dict[str, int] = {}
        self._changed = asyncio.Condition()
        self._stir = asyncio.Event()  # the listener's socket is readable, or work came
        self._task: asyncio.Task[None] | None = None
        self._closed = False

    def listening(self, workshop_id: str) -> bool:
        """Whether notes of this workshop reach us now (else its waiters poll)."""
        return workshop_id in self._listening

    async def wait(self, workshop_id: str, after_seq: int, timeout: float) -> int:
        """The workshop's newest sequence once it is past `after_seq`, or `after_seq`
        when `timeout` seconds pass first. Raises `StoreUnavailable` when the store
        cannot be asked, and `WorkshopNotFound` for a workshop it does not hold."""
        loop = asyncio.get_running_loop()
        deadline = loop.time() + timeout
        self._follow(workshop_id)
        while True:
            if self.latest.get(workshop_id, 0) > after_seq:
                return self.latest[workshop_id]
            generation, listening = self._generation, self.listening(workshop_id)
            if not listening or self._checked.get(workshop_id) != generation:
                # polling, or the first look since notes reach us (an event may have come
                # before the LISTEN): ask the store itself; then the notes keep `latest`
                seq = await self._ask(workshop_id)
                self.latest[workshop_id] = max(self.latest.get(workshop_id, 0), seq)
                if listening:
                    self._checked[workshop_id] = generation
                if seq > after_seq:
                    return seq
            remaining = deadline - loop.time()
            if remaining <= 0:
                return after_seq
            await self._sleep(remaining if listening else min(remaining, self.poll),
                              workshop_id, after_seq, (generation, listening))

    async def _ask(self, workshop_id: str) -> int:
        self.polls += 1
        return await asyncio.to_thread(self.store.last_seq, workshop_id)

    async def _sleep(self, seconds: float, workshop_id: str, after_seq: int,
                     seen: tuple[int, bool]) -> None:
        """Until a note moves the workshop past `after_seq`, the listener comes or goes
        (`seen` is what the waiter last saw of it), or `seconds` pass."""
        async with self._changed:
            if self.latest.get(workshop_id, 0) > after_seq or seen != (
                    self._generation, self.listening(workshop_id)):
                return
            with contextlib.suppress(TimeoutError):  # asyncio.timeout: see `_serve`
                async with asyncio.timeout(seconds):
                    await self._changed.wait()

    async def _wake(self) -> None:
        async with self._changed:
            self._changed.notify_all()

    def _follow(self, workshop_id: str) -> None:
        if workshop_id not in self._wanted:
            self._wanted.add(workshop_id)
            self._stir.set()  # the listener LISTENs for it at once
        if self.listens and not self._closed and (self._task is None or self._task.done()):
            self._task = asyncio.get_running_loop().create_task(self._listen())

    # -- the listener (PostgreSQL) --------------------------------------------------

    def _conninfo(self) -> str:
        url = sa.engine.make_url(self.store.url).set(drivername="postgresql")
        return url.render_as_string(hide_password=False)

    async def _listen(self) -> None:
        """Listen for notes for as long as the feed is open, connecting again after a
        pause whenever the connection is lost."""
        import psycopg  # heavy: psycopg, only when `_listen` runs

        while not self._closed:
            try:
                conn = await psycopg.AsyncConnection.connect(
                    self._conninfo(), autocommit=True, connect_timeout=10,
                    application_name=APPLICATION_NAME, keepalives=1, keepalives_idle=10,
                    keepalives_interval=5, keepalives_count=3)
            except psycopg.Error as exc:
                log.info("change feed: cannot listen (%s); polling meanwhile", exc)
            except Exception:  # the listener must outlive any one failure; waiters poll
                log.exception("change feed: cannot listen; polling meanwhile")
            else:
                await self._serve(conn)
            if not self._closed:
                await asyncio.sleep(self.retry)

    async def _serve(self, conn: object) -> None:
        """Listen on `conn` until it is lost or the feed closes.

        While idle the listener sleeps on the connection's socket (the event loop's
        reader): psycopg's own `notifies()` wakes ten times a second to look, which in a
        room of forty kernels would cost more than polling.
        """
        import psycopg  # heavy: psycopg, only when `_serve` runs
        from psycopg import sql  # heavy: psycopg, only when `_serve` runs

        assert isinstance(conn, psycopg.AsyncConnection)
        self.connections += 1
        loop = asyncio.get_running_loop()
        pg = conn.pgconn
        conn.add_notify_handler(lambda note: self._heard(note.channel, note.payload))
        try:
            async with conn:
                while not self._closed:
                    new = self._wanted - self._listening
                    for workshop_id in new:
                        await conn.execute(sql.SQL("LISTEN {}").format(
                            sql.Identifier(channel(workshop_id))))
                    if new:
                        self._listening |= new
                        self._generation += 1
                    await self._wake()
                    self._stir.clear()
                    loop.add_reader(pg.socket, self._stir.set)
                    try:
                        # asyncio.timeout, not wait_for: wait_for can swallow the task's
                        # cancellation when the wait ends at the same moment, and a
                        # loop being shut down would then wait for this task forever
                        with contextlib.suppress(TimeoutError):
                            async with asyncio.timeout(TICK_S):
                                await self._stir.wait()
                    finally:
                        loop.remove_reader(pg.socket)
                    pg.consume_input()  # raises once the server is gone
                    if pg.status != psycopg.pq.ConnStatus.OK:
                        raise psycopg.OperationalError("the connection is no longer open")
                    while (note := pg.notifies()) is not None:
                        self._heard(note.relname.decode(), note.extra.decode())
        except psycopg.Error as exc:
            if not self._closed:
                log.warning("change feed: the listening connection was lost (%s); polling "
                            "until it is back", exc)
        finally:
            self._listening.clear()
            await self._wake()

    def _heard(self, name: str, payload: str) -> None:
        workshop_id = name.removeprefix(CHANNEL_PREFIX)
        with contextlib.suppress(ValueError):
            self.latest[workshop_id] = max(self.latest.get(workshop_id, 0), int(payload))
            self.notes += 1

    def close(self) -> None:
        """Stop listening; waiters left poll until they time out."""
        self._closed = True
        if self._task is not None:
            self._task.cancel()
