"""Journey map benchmark: build the map's spec, and export it as PNG, at 8x40 and 20x200.

Building is held to the cost of serialising the spec it builds (`json.dumps` of
`to_dict()`), measured in the same run on the same map: the target is at most 10x.
Three builds are timed, each the best of a few runs in CPU time of this process (so other
work on the machine does not count):
- "fresh": the map drawn from nothing, every cache emptied first (`build_map`, then
  `to_dict()`, the copy every caller gets);
- "after an edit": `journey_map` after a new pain point (the texts seen before are
  wrapped already, as in a kernel that has shown the map);
- "unchanged": `journey_map` after an edit elsewhere (a new participant): the map comes
  from the cache, for the cost of its key.
"export" is `export_map(..., "map.png")`, which builds, draws and writes the file, held
to vl-convert turning a one-mark chart into a PNG. The chart's JSON size is printed too:
it should grow with the number of items on the map, not faster.

Run: .venv/bin/python bench/map_bench.py
"""

from __future__ import annotations

import importlib
import json
import statistics
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

import vl_convert

from cxwidgets.export import export_map
from cxwidgets.method.model import PainPoint, Participant, Workshop
from cxwidgets.synthetic import synthetic_workshop

# the package exports the function under the module's own name; reach the module itself
jm = importlib.import_module("cxwidgets.charts.journey_map")

SIZES = ((8, 40, 9), (20, 200, 5))  # stages, touchpoints, repetitions
FLOOR_REPEAT = 7
TARGET = 10.0
MINIMAL = {"data": {"values": [{"a": 1}]}, "mark": "point",
           "encoding": {"x": {"field": "a", "type": "quantitative"}}}


def cpu_best(fn: Callable[[], object], repeat: int,
             before: Callable[[], object] = lambda: None) -> float:
    """The least CPU time of `repeat` runs of `fn`, `before` run (untimed) before each."""
    best = float("inf")
    for _ in range(repeat):
        before()
        start = time.process_time()
        fn()
        best = min(best, time.process_time() - start)
    return best


def median_of(fn: Callable[[], object], repeat: int) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def forget() -> None:
    jm._cache.clear()
    jm._wrapped.cache_clear()


def edited(workshop: Workshop, i: int) -> Workshop:
    """The workshop after someone added a pain point to its first placed touchpoint."""
    tp = next(t for t in workshop.touchpoints if t.stage_id)
    pain = PainPoint(id=f"bench-{i}", touchpoint_id=tp.id,
                     text=f"Waited on hold for {i + 3} minutes before anyone answered")
    return workshop.model_copy(update={"pain_points": [*workshop.pain_points, pain]})


def elsewhere(workshop: Workshop, i: int) -> Workshop:
    """The workshop after someone joined: nothing the map shows changed."""
    who = Participant(id=f"bench-{i}", name=f"Late arrival {i}")
    return workshop.model_copy(update={"participants": [*workshop.participants, who]})


def build_ratios(label: str, workshop: Workshop, repeat: int) -> float:
    spec = jm.build_map(workshop).to_dict()
    dumps = cpu_best(lambda: json.dumps(spec), repeat * 3)
    fresh = cpu_best(lambda: jm.build_map(workshop).to_dict(), repeat, before=forget)
    jm.journey_map(workshop)
    edits = iter(range(10_000))
    after_edit = cpu_best(lambda: jm.journey_map(edited(workshop, next(edits))), repeat)
    same = cpu_best(lambda: jm.journey_map(elsewhere(workshop, next(edits))), repeat)
    print(f"{label:>7} json.dumps of the spec     {dumps * 1000:8.2f} ms   (the floor)")
    for name, seconds in (("build fresh", fresh), ("build after an edit", after_edit),
                          ("unchanged (cached)", same)):
        print(f"{label:>7} {name:<25} {seconds * 1000:8.2f} ms   ratio {seconds / dumps:6.1f}x "
              f"floor")
    return fresh / dumps


def main() -> None:
    vl_convert.vegalite_to_png(MINIMAL)  # start vl-convert's engine before any clock runs
    floor = median_of(lambda: vl_convert.vegalite_to_png(MINIMAL), FLOOR_REPEAT)
    worst = 0.0
    with tempfile.TemporaryDirectory() as tmp:
        for stages, touchpoints, repeat in SIZES:
            workshop = synthetic_workshop(stages, touchpoints)
            label = f"{stages}x{touchpoints}"
            worst = max(worst, build_ratios(label, workshop, repeat))
            path = Path(tmp) / f"map-{label}.png"
            export = median_of(lambda w=workshop, p=path: export_map(w, p, force=True), 1)
            print(f"{label:>7} build + export PNG        {export * 1000:8.1f} ms   "
                  f"ratio {export / floor:6.1f}x a one-mark PNG ({floor * 1000:.1f} ms, "
                  f"{path.stat().st_size / 1024:.0f} KB PNG)")
        spec = jm.build_map(synthetic_workshop(20, 200)).to_json(indent=None)
        print(f" 20x200 chart JSON          {len(spec) / 1024:8.1f} KB")
    verdict = "meets" if worst <= TARGET else "MISSES"
    print(f"fresh build, worst ratio {worst:.1f}x: {verdict} the target of {TARGET:.0f}x")


if __name__ == "__main__":
    main()
