"""What one edit costs each kernel that shows the workshop, in a room of forty.

The workshop is the sample (its real history, both days, ten people) with 40 more
participants who have each rated every touchpoint, named a pain point and placed their
dots: about 1,500 ratings. After each kind of edit, a kernel that knew the workshop one
sequence earlier catches up in two ways, timed as the best of a few runs in CPU time:
- "refold": what LiveWorkshop does today: `last_seq`, then `state(at=seq)` (fold from
  the newest snapshot, then validate the whole workshop);
- "move on": `workshop_since(known)`: read the new events, apply them to the workshop
  it holds, validate only what they touch.
The floor is reading the new event alone (`events(after=seq - 1)`): the least any kernel
must do to learn of an edit. Each cost is printed as a ratio to that floor, and for the
room: forty kernels each paying it for every edit anyone makes.

Run: .venv/bin/python bench/update_bench.py [sqlite|postgresql]
"""

from __future__ import annotations

import contextlib
import dataclasses
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from pathlib import Path

from cxwidgets.exceptions import CxError
from cxwidgets.sample import create_sample
from cxwidgets.store import Editor, Store
from cxwidgets.store.door import Rate

ROOM = 40
REPEAT = 7


def cpu_best(fn: Callable[[], object], repeat: int = REPEAT) -> float:
    best = float("inf")
    for _ in range(repeat):
        start = time.process_time()
        fn()
        best = min(best, time.process_time() - start)
    return best


@contextlib.contextmanager
def a_store(backend: str) -> Iterator[Store]:
    if backend == "postgresql":
        from cxwidgets.testing_pg import fresh_database, postgres_server

        with postgres_server() as server, fresh_database(server) as url:
            store = Store(url)
            yield store
            store.close()
        return
    with tempfile.TemporaryDirectory() as tmp:
        store = Store(Path(tmp) / "room.sqlite")
        yield store
        store.close()


def fill_the_room(store: Store) -> tuple[Editor, list[Editor]]:
    """The sample and forty participants who rated everything and voted."""
    created = create_sample(store)
    boss = Editor.facilitator(store, created.id, created.token)
    # the whole room is seated at once here, faster than the door lets a real room in
    # (`Settings.join_rate`), as a facilitator expecting that burst would allow
    store.limits = dataclasses.replace(store.limits, per_workshop=Rate(ROOM, 1.0))
    for key in ("emotions", "pains", "prioritise"):  # the room rates, adds pains, votes
        boss.keep_open(key)
    workshop = boss.state()
    tps = [t.id for t in workshop.touchpoints if t.stage_id]
    people = []
    for i in range(ROOM):
        person = Editor.join(store, created.join_code, f"Participant {i}", "support")
        for k, tp in enumerate(tps):
            person.add("emotions", {"touchpoint_id": tp, "score": (i + k) % 5 - 2})
        pain = person.add("pain_points", {"touchpoint_id": tps[i % len(tps)],
                                          "text": f"Waited {i + 2} days for a refund"})
        with contextlib.suppress(CxError):  # a budget smaller than three refuses a dot
            for _ in range(3):
                person.add("votes", {"target_id": pain})
        people.append(person)
    return boss, people


def edits(boss: Editor, people: list[Editor]) -> list[tuple[str, Callable[[], object]]]:
    """One edit of each kind a room makes, in order (the undo takes back the update)."""
    ana, ben = people[0], people[1]
    tp = next(t.id for t in boss.state().touchpoints if t.stage_id)
    mine = next(p.id for p in boss.state().pain_points if p.created_by == ana.author)
    rated = next(e.id for e in boss.state().emotions if e.participant == ben.author)
    return [
        ("a participant adds a pain point", lambda: ben.add("pain_points", {
            "touchpoint_id": tp, "text": "Box left in the rain"})),
        ("a participant changes a rating", lambda: ben.update("emotions", rated, score=2)),
        ("a participant rewords their entry", lambda: ana.update(
            "pain_points", mine, text="Waited a week for a refund")),
        ("they undo that", ana.undo),
        ("the facilitator opens a step", lambda: boss.open_step("map")),
    ]


def main() -> None:
    backend = sys.argv[1] if len(sys.argv) > 1 else "sqlite"
    with a_store(backend) as store:
        start = time.perf_counter()
        boss, people = fill_the_room(store)
        wid = boss.workshop_id
        size = store.state(wid)
        print(f"{backend}: the sample with {len(size.participants)} participants, "
              f"{len(size.emotions)} ratings, {store.last_seq(wid)} events "
              f"(made in {time.perf_counter() - start:.0f} s)")
        for what, edit in edits(boss, people):
            known = store.workshop_since(wid)
            edit()
            seq = store.last_seq(wid)
            moved, _ = store.workshop_since(wid, known)
            assert moved == store.state(wid, at=seq), what
            floor = cpu_best(lambda s=seq: store.events(wid, after=s - 1))
            refold = cpu_best(lambda s=seq: (store.last_seq(wid), store.state(wid, at=s)))
            move_on = cpu_best(lambda k=known: store.workshop_since(wid, k))
            print(f"{what:<36} floor {floor * 1000:6.2f} ms | refold {refold * 1000:7.2f} ms "
                  f"({refold / floor:5.1f}x) | move on {move_on * 1000:6.2f} ms "
                  f"({move_on / floor:4.1f}x) | room of {ROOM}: {refold * ROOM:5.2f} s -> "
                  f"{move_on * ROOM:5.2f} s of CPU")


if __name__ == "__main__":
    main()
