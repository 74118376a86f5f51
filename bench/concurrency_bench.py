"""A room typing at once: 30 participants writing concurrently, on SQLite and PostgreSQL.

Each participant is its own process with its own `Store` and `Editor`, joined with the
workshop's real join code. Released together, each writes 20 pain points and places 10
dots (the workshop's budget is 10, so every dot is allowed), as fast as it can: the worst
burst a room can make. Meanwhile the facilitator's feed polls `store.events(after=N)`
every 0.2 s, as the live board does. Printed per backend:

* events lost: expected events (joins, pain points, dots) minus those stored; must be 0,
  and the sequence numbers must be gap-free;
* write latency p50/p95: one `Editor.add` as a participant waits for it (fold, rules,
  append with its re-check under the lock);
* feed lag: from the moment the last write returned until the feed showed it.

The floor, measured in the same run with the same concurrency: each process inserts
the same number of rows with the database driver alone (sqlite3 / psycopg, one
transaction per row, no store, no rules), and a bare poller reads them with the driver
every 0.2 s. Ratios are ours over the floor.

PostgreSQL is a private server this bench starts itself (durable settings, fsync on).

With --think S each participant pauses about S seconds between edits, as people do.

Run: .venv/bin/python bench/concurrency_bench.py [--participants N] [--think S]
     [--backend sqlite|postgresql]
"""

from __future__ import annotations

import argparse
import multiprocessing as mp
import random
import sqlite3
import statistics
import sys
import tempfile
import threading
import time
from collections.abc import Callable
from contextlib import ExitStack
from dataclasses import dataclass, field
from pathlib import Path

PARTICIPANTS = 30
ENTRIES, DOTS = 20, 10
POLL_S = 0.2
BODY = '{"collection": "pain_points", "data": {"text": "A pain point typed in the room"}}'


@dataclass
class Run:
    """What one side (the kit, or the floor) measured."""

    latencies: list[float] = field(default_factory=list)
    done: dict[str, float] = field(default_factory=dict)  # write key -> wall time returned
    seen: dict[str, float] = field(default_factory=dict)  # write key -> wall time in feed
    errors: list[str] = field(default_factory=list)
    expected: int = 0
    stored: int = 0
    gap_free: bool = True
    seconds: float = 0.0

    def lag_of_last_write(self) -> float:
        """From the return of the last write until the feed showed it (see `lags`)."""
        last = max(self.done, key=self.done.__getitem__)
        return max(0.0, self.seen.get(last, float("inf")) - self.done[last])

    def lags(self) -> list[float]:
        """For every write, from its return until the feed showed it (0 when a poll read
        the row before its writer's clock was read)."""
        return [max(0.0, self.seen.get(k, float("inf")) - t) for k, t in self.done.items()]


# -- the kit's participants -------------------------------------------------------------

def kit_participant(db: str, code: str, n: int, tp: str, think: float, barrier,
                    out) -> None:
    """One participant in its own process: join, wait for the others, then write."""
    from dataclasses import replace

    from cxwidgets.store import Editor, Store
    from cxwidgets.store.door import Rate

    try:
        store = Store(db)
        # the whole room joins in the same instant, faster than the door lets a real
        # room in (`Settings.join_rate`), as a facilitator expecting that would allow
        store.limits = replace(store.limits, per_workshop=Rate(10_000, 1.0))
        editor = Editor.join(store, code, f"Participant {n}")
        barrier.wait(timeout=300)
        rows, mine = [], []
        for i in range(ENTRIES + DOTS):
            started = time.perf_counter()
            if i % 3 == 2:  # every third edit is a dot on one of my pain points
                key = editor.add("votes", {"target_id": mine[i % len(mine)], "kind": "dot"})
            else:
                key = editor.add("pain_points", {"touchpoint_id": tp, "text": f"p{n} #{i}"})
                mine.append(key)
            rows.append((key, time.perf_counter() - started, time.time()))
            pause(think)
        store.close()
        out.put(("ok", rows))
    except Exception as exc:  # reported by the parent as a failed write
        out.put(("error", f"participant {n}: {type(exc).__name__}: {exc}"))


def kit_feed(db: str, workshop: str, after: int, run: Run, stop: threading.Event) -> None:
    """The facilitator's live feed: `events(after=N)` every POLL_S seconds."""
    from cxwidgets.store import Store

    with Store(db) as store:
        while not stop.is_set():
            for event in store.events(workshop, after=after):
                after = event.seq
                data = event.payload.get("data", {})
                if "id" in data:
                    run.seen.setdefault(data["id"], time.time())
            time.sleep(POLL_S)


def run_kit(db: str, participants: int, think: float) -> Run:
    from cxwidgets.store import Editor, Store

    store = Store(db)
    # the room adds pain points and places dots: both steps kept open to all
    created = store.create_workshop("Concurrency bench", open_steps=["pains", "prioritise"])
    facilitator = Editor.facilitator(store, created.id, created.token)
    facilitator.update_workshop(dot_budget=DOTS)
    stage = facilitator.add("stages", {"name": "Use"})
    tp = facilitator.add("touchpoints", {"name": "App", "stage_id": stage})
    start_seq = store.last_seq(created.id)
    run = Run(expected=participants * (1 + ENTRIES + DOTS))

    def feed(stop: threading.Event) -> None:
        kit_feed(db, created.id, start_seq, run, stop)

    run_processes(run, participants, feed, lambda n, barrier, out: (
        kit_participant, (db, created.join_code, n, tp, think, barrier, out)))
    added = store.events(created.id, after=start_seq)
    run.stored = len(added)
    run.gap_free = [e.seq for e in added] == list(range(start_seq + 1,
                                                        start_seq + 1 + len(added)))
    store.close()
    return run


def pause(think: float) -> None:
    """A person's pause between two edits: `think` seconds give or take a half."""
    if think:
        time.sleep(random.uniform(0.5, 1.5) * think)


# -- the floor: the driver alone ----------------------------------------------------------

def floor_connect(db: str):
    if db.startswith("postgresql"):
        import psycopg
        import sqlalchemy as sa

        u = sa.engine.make_url(db)
        return psycopg.connect(host=u.host, port=u.port, user=u.username, password=u.password,
                               dbname=u.database, autocommit=True)
    conn = sqlite3.connect(db, timeout=30, isolation_level=None)
    conn.execute("PRAGMA journal_mode=WAL")
    conn.execute("PRAGMA synchronous=NORMAL")
    return conn


def floor_insert(conn, pg: bool, key: str) -> None:
    if pg:
        conn.execute("INSERT INTO bare (k, payload) VALUES (%s, %s)", (key, BODY))
        return
    conn.execute("BEGIN IMMEDIATE")
    conn.execute("INSERT INTO bare (k, payload) VALUES (?, ?)", (key, BODY))
    conn.execute("COMMIT")


def floor_participant(db: str, n: int, think: float, barrier, out) -> None:
    try:
        pg = db.startswith("postgresql")
        conn = floor_connect(db)
        floor_insert(conn, pg, f"join-{n}")
        barrier.wait(timeout=300)
        rows = []
        for i in range(ENTRIES + DOTS):
            key = f"{n}-{i}"
            started = time.perf_counter()
            floor_insert(conn, pg, key)
            rows.append((key, time.perf_counter() - started, time.time()))
            pause(think)
        conn.close()
        out.put(("ok", rows))
    except Exception as exc:  # reported by the parent as a failed write
        out.put(("error", f"floor writer {n}: {type(exc).__name__}: {exc}"))


def floor_feed(db: str, run: Run, stop: threading.Event) -> None:
    """A bare poller. Ids are read past the highest gap-free id seen, because a sequence
    (PostgreSQL's serial) hands out ids that can commit out of order."""
    conn = floor_connect(db)
    mark = "%s" if db.startswith("postgresql") else "?"
    seen_ids: set[int] = set()
    low = 0
    while not stop.is_set():
        for row_id, key in conn.execute(f"SELECT id, k FROM bare WHERE id > {mark}", (low,)):
            seen_ids.add(row_id)
            run.seen.setdefault(key, time.time())
        while low + 1 in seen_ids:
            low += 1
        time.sleep(POLL_S)
    conn.close()


def run_floor(db: str, participants: int, think: float) -> Run:
    conn = floor_connect(db)
    key = "BIGSERIAL" if db.startswith("postgresql") else "INTEGER"
    conn.execute(f"CREATE TABLE bare (id {key} PRIMARY KEY, k TEXT NOT NULL, "
                 "payload TEXT NOT NULL)")
    run = Run(expected=participants * (1 + ENTRIES + DOTS))
    run_processes(run, participants, lambda stop: floor_feed(db, run, stop),
                  lambda n, barrier, out: (floor_participant, (db, n, think, barrier, out)))
    rows = conn.execute("SELECT id FROM bare ORDER BY id").fetchall()
    run.stored = len(rows)
    run.gap_free = [r[0] for r in rows] == list(range(1, len(rows) + 1))
    conn.close()
    return run


# -- running and reporting ----------------------------------------------------------------

def run_processes(run: Run, participants: int, feed: Callable[[threading.Event], None],
                  target: Callable) -> None:
    """Start the feed and the participants, release them together, collect what they saw."""
    ctx = mp.get_context("spawn")
    barrier, out = ctx.Barrier(participants + 1), ctx.Queue()
    procs = [ctx.Process(target=fn, args=args)
             for fn, args in (target(n, barrier, out) for n in range(participants))]
    stop = threading.Event()
    poller = threading.Thread(target=feed, args=(stop,), daemon=True)
    poller.start()
    for p in procs:
        p.start()
    barrier.wait(timeout=300)
    started = time.perf_counter()
    for _ in procs:
        status, rows = out.get(timeout=600)
        if status == "error":
            run.errors.append(rows)
            continue
        for key, latency, done in rows:
            run.latencies.append(latency)
            run.done[key] = done
    run.seconds = time.perf_counter() - started
    deadline = time.time() + 30
    while time.time() < deadline and not set(run.done) <= set(run.seen):
        time.sleep(0.05)
    stop.set()
    poller.join()
    for p in procs:
        p.join()


def pct(values: list[float], q: int) -> float:
    return statistics.quantiles(values, n=100)[q - 1] if len(values) > 1 else values[0]


def report(name: str, ours: Run, floor: Run, participants: int, think: float) -> None:
    writes = participants * (ENTRIES + DOTS)
    lost = ours.expected - ours.stored
    print(f"{name}: {participants} participants x ({ENTRIES} pain points + {DOTS} dots), "
          f"released together, {f'about {think} s between edits' if think else 'flat out'}")
    print(f"  events lost        {lost}   ({ours.stored}/{ours.expected} stored, "
          f"{'gap-free' if ours.gap_free else 'GAPS IN SEQUENCE'}, "
          f"{len(ours.errors)} failed participants)   floor lost "
          f"{floor.expected - floor.stored}")
    for label, q in (("p50", 50), ("p95", 95)):
        a, b = pct(ours.latencies, q) * 1000, pct(floor.latencies, q) * 1000
        print(f"  write latency {label} {a:8.2f} ms   floor {b:7.2f} ms   ratio {a / b:6.1f}x")
    a, b = writes / ours.seconds, writes / floor.seconds
    print(f"  throughput       {a:8.0f} writes/s   floor {b:7.0f}/s   ratio {a / b:6.2f}x")
    a, b = ours.lag_of_last_write(), floor.lag_of_last_write()
    print(f"  feed lag, last write {a:6.2f} s   floor {b:5.2f} s   ratio {a / b:6.2f}x"
          f"   (poll every {POLL_S} s)")
    for label, q in (("p50", 50), ("p95", 95)):
        a, b = pct(ours.lags(), q), pct(floor.lags(), q)
        print(f"  feed lag, all writes {label} {a:5.2f} s   floor {b:5.2f} s   "
              f"ratio {a / b:6.2f}x")
    for error in ours.errors + floor.errors:
        print(f"  ERROR {error}")


def bench(name: str, kit_db: str, floor_db: str, participants: int, think: float) -> bool:
    floor = run_floor(floor_db, participants, think)
    ours = run_kit(kit_db, participants, think)
    report(name, ours, floor, participants, think)
    return ours.stored == ours.expected and ours.gap_free and not ours.errors


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--participants", type=int, default=PARTICIPANTS)
    parser.add_argument("--backend", choices=["sqlite", "postgresql"], action="append")
    parser.add_argument("--think", type=float, default=0.0,
                        help="seconds each participant pauses between edits, on average "
                             "(default 0: flat out, the worst burst)")
    args = parser.parse_args()
    backends = args.backend or ["sqlite", "postgresql"]
    ok = True
    with ExitStack() as stack:
        folder = Path(stack.enter_context(tempfile.TemporaryDirectory(prefix="cx-bench-")))
        if "sqlite" in backends:
            ok &= bench("SQLite", str(folder / "kit.sqlite"), str(folder / "floor.sqlite"),
                        args.participants, args.think)
        if "postgresql" in backends:
            from cxwidgets.testing_pg import fresh_database, postgres_server

            server = stack.enter_context(postgres_server())
            kit_db = stack.enter_context(fresh_database(server, prefix="cx_bench"))
            floor_db = stack.enter_context(fresh_database(server, prefix="cx_floor"))
            ok &= bench("PostgreSQL", kit_db, floor_db, args.participants, args.think)
    if not ok:
        sys.exit("events were lost or a participant failed")


if __name__ == "__main__":
    main()
