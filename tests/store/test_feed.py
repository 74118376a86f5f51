"""The change feed: a kernel waiting for its workshop is woken by another process's append
(NOTIFY on PostgreSQL, one small query per poll on SQLite), falls back to polling when
the listening connection is lost or the server restarts, listens again when it can, and
never misses an event when many land at once."""

from __future__ import annotations

import asyncio
import subprocess
import sys
import textwrap
import time
from collections.abc import Callable

import pytest
import sqlalchemy as sa

from cxwidgets.exceptions import InvalidInput, StoreUnavailable, WorkshopNotFound
from cxwidgets.method.model import Workshop
from cxwidgets.store import Guard, Store
from cxwidgets.store import fold as f
from cxwidgets.store.feed import APPLICATION_NAME, ChangeFeed
from cxwidgets.testing import in_ci, run_async

#: Another process appending `n` events to a workshop after `delay` seconds.
WRITER = textwrap.dedent("""
    import sys, time
    from cxwidgets.store import Store
    url, workshop, n, delay = sys.argv[1], sys.argv[2], int(sys.argv[3]), float(sys.argv[4])
    time.sleep(delay)
    store = Store(url)
    for i in range(n):
        store.append(workshop, "writer", "workshop.update", {"scope": f"edit {i}"})
    store.close()
""")


def writer(store: Store, workshop_id: str, n: int = 1, delay: float = 0.0) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, "-c", WRITER, store.url, workshop_id, str(n),
                             str(delay)])


async def until(condition: Callable[[], bool], seconds: float = 60) -> None:
    """Wait (without blocking the loop) until `condition` holds; fail after `seconds`."""
    deadline = time.monotonic() + seconds
    while not condition():
        if time.monotonic() > deadline:
            raise AssertionError("the condition never came true")
        await asyncio.sleep(0.05)


def finished(proc: subprocess.Popen) -> None:
    assert proc.wait(timeout=120) == 0


def test_a_waiter_wakes_when_another_process_appends(store, created, backend):
    after = store.last_seq(created.id)

    async def run() -> tuple[int, ChangeFeed]:
        # polling every minute could not answer within the timeout: only a note can
        feed = ChangeFeed(store, poll=60 if backend == "postgresql" else 0.1)
        waiting = asyncio.create_task(feed.wait(created.id, after, timeout=30))
        if backend == "postgresql":
            await until(lambda: feed.listening(created.id))
        proc = writer(store, created.id, delay=0.3)
        seq = await waiting
        finished(proc)
        feed.close()
        return seq, feed

    seq, feed = run_async(run())
    assert seq == after + 1
    if backend == "postgresql":
        assert feed.notes == 1 and feed.polls <= 2  # a look before and one as it listens
    else:
        assert feed.polls >= 2 and feed.notes == 0


def test_with_nothing_new_the_waiter_returns_what_it_knew(store, created):
    after = store.last_seq(created.id)

    async def run() -> int:
        return await store.wait_for_change(created.id, after, timeout=0.5)

    assert run_async(run()) == after


def test_nothing_is_missed_when_many_appends_land_at_once(store, created, backend):
    start = store.last_seq(created.id)
    seen: list[int] = []

    async def run() -> ChangeFeed:
        feed = ChangeFeed(store, poll=0.2)
        procs = [writer(store, created.id, n=25) for _ in range(4)]
        known = start
        while known < start + 100:
            known = await feed.wait(created.id, known, timeout=60)
            fresh = store.events(created.id, after=seen[-1] if seen else start)
            seen.extend(e.seq for e in fresh)
            known = max(known, seen[-1] if seen else start)
        for proc in procs:
            finished(proc)
        feed.close()
        return feed

    feed = run_async(run())
    assert seen == list(range(start + 1, start + 101))  # each once, in order, no gap
    if backend == "postgresql":
        assert feed.notes >= 1


@pytest.mark.parametrize("backend", ["sqlite"])
def test_a_poll_is_one_small_query(store, created):
    statements: list[str] = []
    sa.event.listen(store.engine, "before_cursor_execute",
                    lambda conn, cursor, text, *args: statements.append(text))
    after = store.last_seq(created.id)
    statements.clear()

    async def run() -> ChangeFeed:
        feed = ChangeFeed(store, poll=0.1)
        assert await feed.wait(created.id, after, timeout=1.0) == after
        return feed

    feed = run_async(run())
    assert feed.polls >= 3 and len(statements) == feed.polls
    assert all(s.split() == ["SELECT", "cx_workshops.last_seq", "FROM", "cx_workshops",
                             "WHERE", "cx_workshops.id", "=", "?"] for s in statements)


def test_an_unknown_workshop_is_named(store):
    async def run() -> int:
        return await store.wait_for_change("w-nobody", 0, timeout=1)

    with pytest.raises(WorkshopNotFound):
        run_async(run())


def test_one_feed_per_event_loop_and_closing_the_store_stops_it(store, created):
    async def run() -> ChangeFeed:
        feed = store.change_feed()
        assert store.change_feed() is feed
        await store.wait_for_change(created.id, store.last_seq(created.id), timeout=0.2)
        return feed

    first, second = run_async(run()), run_async(run())
    assert first is not second
    store.close()
    assert first._closed and second._closed


# ------------------------------------------------------------------ PostgreSQL only


@pytest.mark.parametrize("backend", ["postgresql"])
def test_a_refused_edit_sends_no_note(store, created):
    after = store.last_seq(created.id)

    def refuse(workshop: Workshop) -> None:
        raise InvalidInput("no more dots")

    async def run() -> tuple[int, ChangeFeed]:
        feed = ChangeFeed(store, poll=60)
        waiting = asyncio.create_task(feed.wait(created.id, after, timeout=2))
        await until(lambda: feed.listening(created.id))
        workshop, seen = store.workshop_since(created.id)
        with pytest.raises(InvalidInput):  # the check runs again under the lock, and fails
            await asyncio.to_thread(store.append, created.id, "p", f.ADD, {
                "collection": "stages", "data": {"id": "s1", "name": "Buy"}},
                guard=Guard(workshop, seen - 1, refuse))
        seq = await waiting
        feed.close()
        return seq, feed

    seq, feed = run_async(run())
    assert seq == after == store.last_seq(created.id) and feed.notes == 0


@pytest.mark.parametrize("backend", ["postgresql"])
def test_a_listening_feed_asks_the_store_only_once(store, created):
    """A kernel waking every second for its timers costs no query while it listens."""
    after = store.last_seq(created.id)

    async def run() -> ChangeFeed:
        feed = ChangeFeed(store, poll=0.1)
        await feed.wait(created.id, after, timeout=0.1)
        await until(lambda: feed.listening(created.id))
        await feed.wait(created.id, after, timeout=0.1)
        asked = feed.polls
        for _ in range(10):
            assert await feed.wait(created.id, after, timeout=0.1) == after
        assert feed.polls == asked
        proc = writer(store, created.id)
        assert await feed.wait(created.id, after, timeout=30) == after + 1
        finished(proc)
        feed.close()
        return feed

    assert run_async(run()).notes == 1


def kill_listeners(store: Store) -> int:
    """End the feed's listening connections to this database, as a failing network or
    an administrator would."""
    with store.engine.begin() as conn:
        return len(conn.execute(sa.text(
            "SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
            "WHERE application_name = :name AND datname = current_database()"),
            {"name": APPLICATION_NAME}).all())


@pytest.mark.parametrize("backend", ["postgresql"])
def test_a_lost_connection_falls_back_to_polling_and_recovers(store, created):
    after = store.last_seq(created.id)

    async def run() -> None:
        feed = ChangeFeed(store, poll=0.2, retry=0.3)
        waiting = asyncio.create_task(feed.wait(created.id, after, timeout=60))
        await until(lambda: feed.listening(created.id))
        # the listener loses its connection and cannot get a new one for a while (the
        # kit's other connections still reach the server)
        reachable, feed._conninfo = feed._conninfo, lambda: "postgresql://cx@127.0.0.1:1/x"
        assert kill_listeners(store) == 1
        await until(lambda: not feed.listening(created.id))
        polls = feed.polls
        proc = writer(store, created.id)
        assert await waiting == after + 1  # found by polling: no note came
        finished(proc)
        assert feed.notes == 0 and feed.polls > polls
        feed._conninfo = reachable
        await until(lambda: feed.listening(created.id) and feed.connections == 2)
        feed.poll = 60  # from now on only a note can wake it in time
        waiting = asyncio.create_task(feed.wait(created.id, after + 1, timeout=30))
        await asyncio.sleep(0.2)
        proc = writer(store, created.id)
        assert await waiting == after + 2
        finished(proc)
        assert feed.notes == 1
        feed.close()

    run_async(run())


@pytest.mark.skipif(sys.platform != "linux", reason="starts a private PostgreSQL server")
def test_a_restarted_server_is_polled_through_and_listened_to_again():
    from cxwidgets.testing_pg import missing, running_postgres

    if missing():
        if in_ci():
            pytest.fail(f"CI needs PostgreSQL: {missing()}", pytrace=False)
        pytest.skip(missing())
    with running_postgres(fsync=False) as server:
        store = Store(server.url)
        created = store.create_workshop("Claims journey")
        after = store.last_seq(created.id)

        async def run() -> ChangeFeed:
            feed = ChangeFeed(store, poll=0.2, retry=0.3)
            waiting = asyncio.create_task(feed.wait(created.id, after, timeout=120))
            await until(lambda: feed.listening(created.id))
            await asyncio.to_thread(server.stop)
            with pytest.raises(StoreUnavailable):  # the waiter polls, and is told
                await waiting
            await asyncio.to_thread(server.start)
            await until(lambda: feed.listening(created.id) and feed.connections >= 2)
            feed.poll = 60
            waiting = asyncio.create_task(feed.wait(created.id, after, timeout=60))
            await asyncio.sleep(0.2)
            proc = writer(store, created.id)
            assert await waiting == after + 1
            finished(proc)
            feed.close()
            return feed

        feed = run_async(run())
        store.close()
    assert feed.notes == 1
