"""Export benchmark: the full set of formats for the sample workshop against its map PNG alone.

The floor, measured in the same run, is `export_workshop(..., "map.png")`: drawing the
journey map and writing it as a PNG, the one export every share needs. The full set is
`export_all`: every format of the registry `export --all` writes (the poster with Vega
inlined, the map as PNG, SVG and PDF, the sponsor's deck, the Markdown report, the
workbook, the CSV tables and the CJML journey), with the map laid out once for all of
them and its one PNG reused by the report and the deck. The target is a full set at most
2x the floor. Each time is the median of a few runs after one warm-up (vl-convert starts
its engine on first use); the deck alone, given the set's drawing, is timed too. The size
of the self-contained HTML poster is printed, with the share of it that is the inlined
Vega scripts.

Run: .venv/bin/python bench/export_bench.py
"""

from __future__ import annotations

import datetime as dt
import tempfile
from pathlib import Path

from map_bench import median_of  # bench/ is on the path when a bench runs

from cxwidgets.export import formats
from cxwidgets.export.map_files import Drawing, map_spec, vega_scripts
from cxwidgets.export.workshop import export_all, export_workshop
from cxwidgets.sample import load_sample_workshop

REPEAT = 5
TODAY = dt.date(2026, 11, 25)


def main() -> None:
    workshop = load_sample_workshop()
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)

        def png_alone() -> None:
            export_workshop(workshop, folder / "alone.png", force=True, today=TODAY)

        def full_set() -> list[Path]:
            return export_all(workshop, folder, "full", force=True, today=TODAY)

        drawing = Drawing(map_spec(workshop))
        drawing.png()

        def deck_alone() -> None:
            export_workshop(workshop, folder / "alone.pptx", force=True, today=TODAY,
                            drawing=drawing)

        png_alone()
        written = full_set()  # warm-up: vl-convert's engine and Vega scripts loaded
        deck_alone()
        floor = median_of(png_alone, REPEAT)
        full = median_of(full_set, REPEAT)
        deck = median_of(deck_alone, REPEAT)
        count = len(formats.in_all())
        poster = (folder / "full.html").stat().st_size
        scripts = len(vega_scripts().encode("utf-8"))
        files = sum(1 for p in written for _ in (p.iterdir() if p.is_dir() else [p]))
        print(f"floor: map PNG alone                  {floor * 1000:8.1f} ms")
        print(f"full set ({files} files, {count} formats)     {full * 1000:8.1f} ms   "
              f"ratio {full / floor:5.2f}x floor (target 2x)")
        print(f"the deck alone, map already drawn    {deck * 1000:8.1f} ms")
        print(f"HTML poster, self-contained          {poster / 1024:8.1f} KB   "
              f"(Vega scripts {scripts / 1024:.0f} KB of it)")


if __name__ == "__main__":
    main()
