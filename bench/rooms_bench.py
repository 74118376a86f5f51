"""Merging rooms benchmark: match, build the consensus and list the disagreements.

Rooms are copies of one synthetic workshop with a tenth of their touchpoints renamed in
each, so every pass of the matching has work to do: 3 rooms of 7x27 (a real day) and 10
rooms of 10x200 (a large company's day). Each time is the median of a few runs and is
printed with its floor, measured in the same run: validating the same rooms from their
dumps (`Workshop.model_validate`), the least any tool that reads them must spend.
Saving the consensus in a store is the store's own benchmark (one event per element).

Run: .venv/bin/python bench/rooms_bench.py
"""

from __future__ import annotations

import random
import statistics
import time
from collections.abc import Callable

from cxwidgets.method.model import Workshop
from cxwidgets.rooms import build_consensus, disagreements, match, rooms_of
from cxwidgets.synthetic import synthetic_workshop

SIZES = ((3, 7, 27, 5), (10, 10, 200, 3))  # rooms, stages, touchpoints, repetitions


def median_of(fn: Callable[[], object], repeat: int) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def rooms(n: int, stages: int, touchpoints: int) -> list[Workshop]:
    base = synthetic_workshop(stages, touchpoints, seed=1)
    out = []
    for k in range(n):
        room = base.model_copy(deep=True, update={"id": f"w-room-{k}",
                                                  "title": f"Room {k + 1}"})
        for t in random.Random(k).sample(room.touchpoints, max(1, touchpoints // 10)):
            t.name = (t.name + " (as this room says it)")[:120]
        out.append(room)
    return out


def merge(workshops: list[Workshop]) -> int:
    consensus = build_consensus(match(rooms_of(workshops)), "All rooms")
    return disagreements(consensus).count


def main() -> None:
    for n, stages, touchpoints, repeat in SIZES:
        workshops = rooms(n, stages, touchpoints)
        dumps = [w.model_dump() for w in workshops]
        floor = median_of(lambda d=dumps: [Workshop.model_validate(x) for x in d], repeat)
        took = median_of(lambda w=workshops: merge(w), repeat)
        label = f"{n} rooms of {stages}x{touchpoints}"
        print(f"{label:>22} floor: validate the rooms {floor * 1000:8.1f} ms")
        print(f"{label:>22} match + consensus + disagreements {took * 1000:8.1f} ms   "
              f"ratio {took / floor:6.1f}x floor   ({merge(workshops)} disagreements)")


if __name__ == "__main__":
    main()
