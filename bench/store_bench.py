"""Store benchmark: appends per second (1 and 20 writers) and folding 10,000 events.

Each number is printed with its floor, measured in the same run on the same disk:
- appends: a bare sqlite3 INSERT + COMMIT per row, same pragmas (WAL, synchronous=NORMAL);
- folding: a bare SELECT of the same 10,000 event rows.
A ratio of 1.0x means "as fast as the floor"; the store does more (validation, sequence
lock, JSON), so its ratios sit above 1 for time and below 1 for throughput.

Run: .venv/bin/python bench/store_bench.py
"""

from __future__ import annotations

import multiprocessing as mp
import sqlite3
import sys
import tempfile
import time
from pathlib import Path

from cxwidgets.store import Editor, Store
from cxwidgets.store import fold as f

APPENDS_ONE = 2000
WRITERS, APPENDS_EACH = 20, 100
FOLD_EVENTS = 10_000


def bare_writer(db: str, n: int, count: int) -> None:
    conn = sqlite3.connect(db, timeout=30, isolation_level=None)
    conn.execute("PRAGMA journal_mode=WAL")
    conn.execute("PRAGMA synchronous=NORMAL")
    for i in range(count):
        conn.execute("BEGIN IMMEDIATE")
        conn.execute("INSERT INTO t (writer, i, payload) VALUES (?, ?, ?)",
                     (n, i, '{"collection": "touchpoints", "data": {"name": "x"}}'))
        conn.execute("COMMIT")
    conn.close()


def kit_writer(db: str, code: str, n: int, count: int) -> None:
    store = Store(db)
    editor = Editor.join(store, code, f"Writer {n}")
    for i in range(count - 1):
        editor.add("touchpoints", {"name": f"w{n} t{i}"})
    store.close()


def bare_db(folder: Path) -> str:
    path = folder / "bare.sqlite"
    conn = sqlite3.connect(path)
    conn.execute("PRAGMA journal_mode=WAL")
    conn.execute("CREATE TABLE t (writer INT, i INT, payload TEXT)")
    conn.commit()
    conn.close()
    return str(path)


def run_parallel(target, args_list) -> float:
    ctx = mp.get_context("spawn")
    procs = [ctx.Process(target=target, args=a) for a in args_list]
    start = time.perf_counter()
    for p in procs:
        p.start()
    for p in procs:
        p.join()
    elapsed = time.perf_counter() - start
    if any(p.exitcode for p in procs):
        sys.exit("a writer failed")
    return elapsed


def bench_single(folder: Path) -> tuple[float, float]:
    db = bare_db(folder)
    start = time.perf_counter()
    bare_writer(db, 0, APPENDS_ONE)
    floor = APPENDS_ONE / (time.perf_counter() - start)
    store = Store(folder / "one.sqlite")
    created = store.create_workshop("bench")
    editor = Editor.facilitator(store, created.id, created.token)
    start = time.perf_counter()
    for i in range(APPENDS_ONE):
        editor.add("touchpoints", {"name": f"t{i}"})
    ours = APPENDS_ONE / (time.perf_counter() - start)
    store.close()
    return ours, floor


def bench_concurrent(folder: Path) -> tuple[float, float, int]:
    (folder / "c").mkdir()
    db = bare_db(folder / "c")
    total = WRITERS * APPENDS_EACH
    floor = total / run_parallel(bare_writer, [(db, n, APPENDS_EACH) for n in range(WRITERS)])
    path = folder / "many.sqlite"
    store = Store(path)
    created = store.create_workshop("bench", current_step="touchpoints")  # the room adds
    start_seq = store.last_seq(created.id)
    elapsed = run_parallel(kit_writer, [(str(path), created.join_code, n, APPENDS_EACH)
                                        for n in range(WRITERS)])
    written = store.last_seq(created.id) - start_seq
    store.close()
    return total / elapsed, floor, written


def bench_fold(folder: Path) -> dict[str, float]:
    path = folder / "fold.sqlite"
    store = Store(path)
    created = store.create_workshop("bench")
    editor = Editor.facilitator(store, created.id, created.token)
    for i in range(FOLD_EVENTS - 1):
        editor.add("touchpoints", {"name": f"t{i}", "channel": "web"})
    assert store.last_seq(created.id) == FOLD_EVENTS

    def bare() -> None:
        conn = sqlite3.connect(path)
        conn.execute("SELECT seq, ts, author, kind, payload FROM cx_events WHERE "
                     "workshop_id = ? ORDER BY seq", (created.id,)).fetchall()
        conn.close()

    def full_fold() -> None:
        f.to_workshop(f.fold(store.events(created.id)))

    def with_snapshots() -> None:
        store.state(created.id)

    timings = {name: best_of(fn) for name, fn in
               (("bare SELECT", bare), ("full fold", full_fold), ("fold from snapshot",
                                                                    with_snapshots))}
    store.close()
    return timings


def best_of(fn, repeat: int = 5) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return min(times)


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        ours, floor = bench_single(folder)
        print(f"appends, 1 writer:   {ours:8.0f}/s   floor (bare sqlite3) {floor:8.0f}/s   "
              f"ratio {ours / floor:.2f}x of floor")
        ours, floor, written = bench_concurrent(folder)
        print(f"appends, {WRITERS} writers: {ours:8.0f}/s   floor (bare sqlite3) {floor:8.0f}/s   "
              f"ratio {ours / floor:.2f}x of floor   events written {written}/"
              f"{WRITERS * APPENDS_EACH}")
        t = bench_fold(folder)
        base = t["bare SELECT"]
        for name, seconds in t.items():
            print(f"{FOLD_EVENTS} events, {name:<20} {seconds * 1000:8.1f} ms   "
                  f"ratio {seconds / base:6.2f}x floor")


if __name__ == "__main__":
    main()
