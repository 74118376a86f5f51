"""20 processes x 50 edits on one SQLite workshop: every event kept, no gaps, no errors."""

import multiprocessing as mp

from cxwidgets.store import Editor, Store

WRITERS = 20
EDITS = 50


def _writer(db: str, code: str, n: int, errors) -> None:  # runs in a child process
    try:
        store = Store(db)
        editor = Editor.join(store, code, f"Writer {n}")
        for i in range(EDITS - 1):  # joining was the first edit
            editor.add("touchpoints", {"name": f"w{n} touchpoint {i}"})
        store.close()
    except Exception as exc:  # any error reaching a caller fails the test
        errors.put(f"writer {n}: {type(exc).__name__}: {exc}")


def test_twenty_concurrent_writers_lose_nothing(db, store, created, facilitator):
    facilitator.open_step("touchpoints")
    start = store.last_seq(created.id)
    ctx = mp.get_context("spawn")
    errors = ctx.Queue()
    procs = [ctx.Process(target=_writer, args=(str(db), created.join_code, n, errors))
             for n in range(WRITERS)]
    for p in procs:
        p.start()
    for p in procs:
        p.join(timeout=240)
    problems = []
    while not errors.empty():
        problems.append(errors.get())
    assert problems == []
    assert [p.exitcode for p in procs] == [0] * WRITERS

    added = store.events(created.id, after=start)
    assert len(added) == WRITERS * EDITS
    assert [e.seq for e in added] == list(range(start + 1, start + 1 + WRITERS * EDITS))
    ws = store.state(created.id)
    assert len(ws.participants) == WRITERS
    assert len(ws.touchpoints) == WRITERS * (EDITS - 1)
