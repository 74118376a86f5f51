"""Change feed benchmark: how soon a waiting kernel learns of another process's edit, and
what waiting costs it while nothing happens.

Another process appends 20 events, 0.2-0.6 s apart, and notes the time each append
returned; a waiter (`ChangeFeed.wait`, as a kernel's polling task would call it) notes
when it learned of each. Three ways are measured in the same run:
- PostgreSQL, woken by the append's NOTIFY;
- PostgreSQL, polling `last_seq` every second (what the feed does while its listening
  connection is lost);
- SQLite, polling `last_seq` every second.
Polling is the floor the notes are held to: the ratio is how many times sooner a kernel
woken by a note learns of an edit than one that polls. The idle cost is the waiter's CPU
time and queries over 10 s with no edits, per minute: a room of forty pays it forty
times.

Run: .venv/bin/python bench/feed_bench.py
"""

from __future__ import annotations

import asyncio
import statistics
import subprocess
import sys
import tempfile
import textwrap
import time
from pathlib import Path

from cxwidgets.store import Store
from cxwidgets.store.feed import ChangeFeed
from cxwidgets.testing_pg import fresh_database, postgres_server

EDITS = 20
IDLE_S = 10.0
POLL_S = 1.0
WRITER = textwrap.dedent("""
    import random, sys, time
    from cxwidgets.store import Store
    store = Store(sys.argv[1])
    rng = random.Random(3)
    time.sleep(1.0)
    for i in range(int(sys.argv[3])):
        time.sleep(rng.uniform(0.2, 0.6))
        event = store.append(sys.argv[2], "writer", "workshop.update", {"scope": str(i)})
        print(event.seq, time.time(), flush=True)
    store.close()
""")


async def latencies(store: Store, workshop_id: str, listen: bool) -> list[float]:
    """Seconds from each append returning in the writer to the waiter knowing of it."""
    feed = ChangeFeed(store, poll=POLL_S)
    feed.listens = feed.listens and listen
    known = start = store.last_seq(workshop_id)
    learned: dict[int, float] = {}
    if feed.listens:  # start listening before the writer does anything
        await feed.wait(workshop_id, known, timeout=0.5)
    proc = subprocess.Popen([sys.executable, "-c", WRITER, store.url, workshop_id,
                             str(EDITS)], stdout=subprocess.PIPE, text=True)
    while known < start + EDITS:
        seq = await feed.wait(workshop_id, known, timeout=60)
        now = time.time()
        for s in range(known + 1, seq + 1):
            learned[s] = now
        known = seq
    out, _ = await asyncio.to_thread(proc.communicate)
    feed.close()
    appended = {int(s): float(t) for s, t in (line.split() for line in out.split("\n") if line)}
    return [max(0.0, learned[s] - t) for s, t in appended.items()]


async def idle(store: Store, workshop_id: str, listen: bool) -> tuple[float, int]:
    """CPU seconds and queries of one waiter over IDLE_S seconds with nothing new."""
    feed = ChangeFeed(store, poll=POLL_S)
    feed.listens = feed.listens and listen
    known = store.last_seq(workshop_id)
    await feed.wait(workshop_id, known, timeout=1.0)  # settle: connected and listening
    polls, cpu = feed.polls, time.process_time()
    await feed.wait(workshop_id, known, timeout=IDLE_S)
    used = time.process_time() - cpu
    feed.close()
    return used, feed.polls - polls


def report(name: str, lat: list[float], cpu: float, queries: int, floor: float) -> None:
    p50, p95 = statistics.median(lat), statistics.quantiles(lat, n=20)[-1]
    per_min = 60 / IDLE_S
    print(f"{name:<28} learns of an edit p50 {p50 * 1000:7.1f} ms  p95 {p95 * 1000:7.1f} ms  "
          f"max {max(lat) * 1000:7.1f} ms  ({floor / p50:5.1f}x sooner than polling) | "
          f"idle: {cpu * per_min * 1000:6.1f} ms CPU and {queries * per_min:4.0f} queries "
          "a minute")


def main() -> None:
    rows = []
    with postgres_server(fsync=False) as server, fresh_database(server) as url:
        store = Store(url)
        wid = store.create_workshop("Feed bench").id
        for name, listen in (("PostgreSQL, woken by NOTIFY", True),
                             ("PostgreSQL, polling", False)):
            lat = asyncio.run(latencies(store, wid, listen))
            cpu, queries = asyncio.run(idle(store, wid, listen))
            rows.append((name, lat, cpu, queries))
        store.close()
    with tempfile.TemporaryDirectory() as tmp:
        store = Store(Path(tmp) / "feed.sqlite")
        wid = store.create_workshop("Feed bench").id
        lat = asyncio.run(latencies(store, wid, True))
        cpu, queries = asyncio.run(idle(store, wid, True))
        rows.append(("SQLite, polling", lat, cpu, queries))
        store.close()
    floor = statistics.median(rows[1][1])  # PostgreSQL polling: what the notes replace
    for row in rows:
        report(*row, floor=floor)


if __name__ == "__main__":
    main()
