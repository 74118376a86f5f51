"""Journey map benchmark: build the chart and export it as PNG, at 8x40 and 20x200.

Each time is the median of a few runs and is printed with its floor, measured in the same
run: vl-convert turning a minimal one-mark chart into a PNG, the least any PNG export of a
chart costs here. "Build" is `journey_map(...).to_dict()` (Altair, with its schema check);
"export" is `export_map(..., "map.png")`, which builds, draws and writes the file. The
workshop itself is made before the clock starts. The chart's JSON size is printed too: it
should grow with the number of items on the map, not faster.

Run: .venv/bin/python bench/map_bench.py
"""

from __future__ import annotations

import json
import statistics
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

import vl_convert

from cxwidgets.charts import journey_map
from cxwidgets.export import export_map
from cxwidgets.synthetic import synthetic_workshop

SIZES = ((8, 40, 5), (20, 200, 3))  # stages, touchpoints, repetitions
FLOOR_REPEAT = 7
MINIMAL = {"data": {"values": [{"a": 1}]}, "mark": "point",
           "encoding": {"x": {"field": "a", "type": "quantitative"}}}


def median_of(fn: Callable[[], object], repeat: int) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def main() -> None:
    vl_convert.vegalite_to_png(MINIMAL)  # start vl-convert's engine before any clock runs
    floor = median_of(lambda: vl_convert.vegalite_to_png(MINIMAL), FLOOR_REPEAT)
    print(f"floor: minimal one-mark chart to PNG   {floor * 1000:8.1f} ms")
    with tempfile.TemporaryDirectory() as tmp:
        for stages, touchpoints, repeat in SIZES:
            workshop = synthetic_workshop(stages, touchpoints)
            label = f"{stages}x{touchpoints}"
            build = median_of(lambda w=workshop: journey_map(w).to_dict(), repeat)
            path = Path(tmp) / f"map-{label}.png"
            export = median_of(lambda w=workshop, p=path: export_map(w, p, force=True), repeat)
            print(f"{label:>7} build chart              {build * 1000:8.1f} ms   "
                  f"ratio {build / floor:6.1f}x floor")
            print(f"{label:>7} build + export PNG       {export * 1000:8.1f} ms   "
                  f"ratio {export / floor:6.1f}x floor   "
                  f"({path.stat().st_size / 1024:.0f} KB PNG)")
        spec = json.dumps(journey_map(synthetic_workshop(20, 200)).to_dict())
        print(f" 20x200 chart JSON          {len(spec) / 1024:8.1f} KB")


if __name__ == "__main__":
    main()
