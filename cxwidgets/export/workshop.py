"""Every export of a workshop behind one call: `export_workshop(workshop, path, fmt)`.

html  the self-contained poster (map and report)   svg  the map alone
png / pdf  the map on a sheet to print (A3 landscape, or `paper` A2, A1, A0; PNG at 300 dpi)
md    the Markdown report, with the map as a PNG beside it under the report's own name
      (`journey.md` shows `journey.map.png`, never `journey.png`: that name is the map's
      own export, which a report must not collide with)
xlsx  one workbook of the workshop's tables         csv  a folder with one CSV per table

Files are written whole or not at all (through a temporary file and a rename); an
existing file is kept unless `force`. A workshop with nothing on its map cannot be
exported as a picture: the error says which steps fill it.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from cxwidgets.exceptions import ExportError
from cxwidgets.export import tables
from cxwidgets.export.map_files import check_target, export_map, map_spec, write_atomically
from cxwidgets.export.map_table import map_table_html
from cxwidgets.export.markdown import report_markdown
from cxwidgets.export.paper import DEFAULT_PAPER
from cxwidgets.export.poster import poster_html
from cxwidgets.export.summary import summarise
from cxwidgets.method import views as J
from cxwidgets.method.model import Workshop
from cxwidgets.method.moderation import visible

FORMATS = ("html", "png", "svg", "pdf", "md", "xlsx", "csv")
MAP_FORMATS = frozenset({"html", "png", "svg", "pdf"})


@dataclass(frozen=True)
class Options:
    persona_id: str | None = None
    colour_by: str = "channel"
    force: bool = False
    today: dt.date | None = None
    #: the map's Vega-Lite spec, drawn once when several formats are written
    spec: dict[str, Any] | None = None
    #: the paper a PNG or PDF is printed on
    paper: str = DEFAULT_PAPER

    def map_spec(self, workshop: Workshop) -> dict[str, Any]:
        return self.spec or map_spec(workshop, self.persona_id, colour_by=self.colour_by)


def format_of(path: Path, fmt: str | None) -> str:
    name = (fmt or path.suffix.lstrip(".") or ("csv" if not path.suffix else "")).lower()
    name = {"htm": "html", "markdown": "md"}.get(name, name)
    if name not in FORMATS:
        raise ExportError(f"unknown format {name!r} for {path}; known formats: "
                          f"{', '.join(FORMATS)}")
    return name


def _has_map(workshop: Workshop) -> bool:
    return bool(J.journey_touchpoints(workshop))


def _map(workshop: Workshop, path: Path, fmt: str, o: Options, paper: str | None = ""
         ) -> list[Path]:
    return [export_map(workshop, path, persona_id=o.persona_id, colour_by=o.colour_by,
                       fmt=fmt, force=o.force, spec=o.map_spec(workshop),
                       paper=o.paper if paper == "" else paper)]


def _poster(workshop: Workshop, path: Path, fmt: str, o: Options) -> list[Path]:
    check_target(path, o.force)
    page = poster_html(summarise(workshop, o.persona_id, o.today), o.map_spec(workshop),
                       map_table_html(workshop, o.persona_id))
    write_atomically(path, page.encode("utf-8"), o.force)
    return [path]


def report_picture(path: Path) -> Path:
    """Where the Markdown report `path` puts its map: beside it, named after it."""
    return path.with_suffix(".map.png")


def _markdown(workshop: Workshop, path: Path, fmt: str, o: Options) -> list[Path]:
    check_target(path, o.force)
    image = None
    written = []
    if _has_map(workshop):
        png = report_picture(path)
        written += _map(workshop, png, "png", o, paper=None)  # the map alone, on screen size
        image = png.name
    text = report_markdown(summarise(workshop, o.persona_id, o.today), image)
    write_atomically(path, text.encode("utf-8"), o.force)
    return [path, *written]


def _xlsx(workshop: Workshop, path: Path, fmt: str, o: Options) -> list[Path]:
    check_target(path, o.force)
    data = tables.xlsx_bytes(tables.all_tables(workshop, o.persona_id, o.today))
    write_atomically(path, data, o.force)
    return [path]


def _csv(workshop: Workshop, path: Path, fmt: str, o: Options) -> list[Path]:
    """CSV files go into a folder (created if missing), one per table."""
    if path.exists() and not path.is_dir():
        raise ExportError(f"{path} is a file: CSV exports go into a folder, one file per "
                          "table; give a folder name")
    try:
        path.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise ExportError(f"cannot create the folder {path}: {exc.strerror}") from exc
    files = tables.csv_files(tables.all_tables(workshop, o.persona_id, o.today))
    for name in files:
        check_target(path / name, o.force)  # all refused before any is written
    for name, data in files.items():
        write_atomically(path / name, data, o.force)
    return [path / name for name in files]


WRITERS: dict[str, Callable[[Workshop, Path, str, Options], list[Path]]] = {
    "html": _poster, "png": _map, "svg": _map, "pdf": _map, "md": _markdown,
    "xlsx": _xlsx, "csv": _csv}


def export_workshop(workshop: Workshop, path: str | Path, fmt: str | None = None, *,
                    persona_id: str | None = None, colour_by: str = "channel",
                    force: bool = False, today: dt.date | None = None,
                    spec: dict[str, Any] | None = None, paper: str = DEFAULT_PAPER
                    ) -> list[Path]:
    """Write one export of the workshop as the room sees it; return the files written.

    PNG and PDF print the map on `paper` (A3 landscape unless A2, A1 or A0 is asked)."""
    path = Path(path)
    name = format_of(path, fmt)
    shown = visible(workshop)
    if name in MAP_FORMATS and not _has_map(shown):
        raise ExportError(f"the journey map of {workshop.title!r} is empty: add stages and "
                          "place touchpoints on them (steps 4 and 5) before exporting it as "
                          f"{name}; nothing was written")
    return WRITERS[name](shown, path, name,
                         Options(persona_id, colour_by, force, today, spec, paper))


def export_set(workshop: Workshop, folder: str | Path, base: str,
               formats: Sequence[str] = FORMATS, *, persona_id: str | None = None,
               colour_by: str = "channel", force: bool = False, today: dt.date | None = None,
               progress: Callable[[str], None] | None = None, paper: str = DEFAULT_PAPER
               ) -> list[Path]:
    """Several formats into one folder, named after `base`; the map is drawn once for all.

    The Markdown report goes first (it writes the map's PNG beside itself, under its own
    name). A format whose map would be empty is left out (the tables and the report are
    still worth having). `progress` hears each format as it is done.
    """
    unknown = [f for f in formats if f not in FORMATS]
    if unknown:
        raise ExportError(f"unknown format(s) {', '.join(unknown)}; known formats: "
                          f"{', '.join(FORMATS)}")
    folder = Path(folder)
    shown = visible(workshop)
    spec = map_spec(shown, persona_id, colour_by=colour_by) if _has_map(shown) else None
    written: list[Path] = []
    for name in sorted(formats, key=lambda f: f != "md"):
        target = folder / (f"{base}-tables" if name == "csv" else f"{base}.{name}")
        if not (name in MAP_FORMATS and spec is None) and target not in written:
            written += export_workshop(workshop, target, name, persona_id=persona_id,
                                       colour_by=colour_by, force=force, today=today,
                                       spec=spec, paper=paper)
        if progress is not None:
            progress(name)
    return written


def export_all(workshop: Workshop, folder: str | Path, base: str, **options: Any
               ) -> list[Path]:
    """The full set into one folder: poster, map pictures, report, workbook and CSVs."""
    return export_set(workshop, folder, base, FORMATS, **options)
