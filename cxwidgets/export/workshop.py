"""Every export of a workshop behind one call: `export_workshop(workshop, path, fmt)`.

The formats are the export registry's (`formats.FORMATS`): the poster, the map as a
picture, the sponsor's deck, the Markdown report, the workbook, the CSV tables and the
journey in CJML. PNG and PDF print the map on a sheet (A3 landscape, or `paper` A2, A1,
A0; PNG at 300 dpi); the Markdown report shows the map alone beside it under the report's
own name (`journey.md` shows `journey.map.png`, never `journey.png`, the map's own
export). This module holds the writers of the formats it draws itself and the
calls that write one format (`export_workshop`), several into one folder (`export_set`)
or all of them (`export_all`).

Files are written whole or not at all (through a temporary file and a rename); an
existing file is kept unless `force`. A workshop with nothing on its map cannot be
exported as a picture: the error says which steps fill it. A set lays the map out once
(`map_files.Drawing`) and every format that shows it reuses that drawing.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from cxwidgets.exceptions import ExportError
from cxwidgets.export import formats, tables
from cxwidgets.export.map_files import (
    Drawing,
    check_target,
    export_map,
    map_spec,
    map_title,
    write_atomically,
)
from cxwidgets.export.map_table import map_table_html
from cxwidgets.export.markdown import report_markdown
from cxwidgets.export.paper import DEFAULT_PAPER
from cxwidgets.export.poster import poster_html
from cxwidgets.export.summary import summarise
from cxwidgets.language import speaking
from cxwidgets.method import views as J
from cxwidgets.method.model import Workshop
from cxwidgets.method.moderation import visible

#: Every format's name, in the registry's order (read from `formats`, never listed here).
FORMATS = tuple(formats.FORMATS)
#: A loader of the workshop as a named version was saved (`Store.version_state`).
VersionOf = Callable[[str], Workshop]


@dataclass(frozen=True)
class Options:
    persona_id: str | None = None
    colour_by: str = "channel"
    force: bool = False
    today: dt.date | None = None
    #: the map laid out once, when several formats are written
    drawing: Drawing | None = None
    #: loads a named version (the to-be map, the version a validation round showed);
    #: None: every version is taken to be the workshop as it is now
    version_of: VersionOf | None = None
    #: the company's PowerPoint template the deck is built on
    template: Path | None = None
    #: files the set being written has written so far
    written: tuple[Path, ...] = ()
    #: the paper a PNG or PDF is printed on (None: the map alone)
    paper: str | None = DEFAULT_PAPER

    def map_drawing(self, workshop: Workshop) -> Drawing:
        return self.drawing or Drawing(
            map_spec(workshop, self.persona_id, colour_by=self.colour_by))

    def version(self, workshop: Workshop, name: str) -> Workshop:
        """The workshop as version `name` was saved; the workshop itself without a loader
        or a name. Shown as the room sees it (hidden entries left out)."""
        if not name or self.version_of is None:
            return workshop
        return visible(self.version_of(name))


def format_of(path: Path, fmt: str | None) -> str:
    """The format asked for, else the one the file name implies (no suffix: a folder of
    CSV tables)."""
    if fmt:
        return formats.find(fmt, path).name
    if not path.suffix:
        return next(f.name for f in formats.FORMATS.values() if f.folder)
    found = formats.by_suffix(path.suffix)
    if found is None:
        raise ExportError(f"unknown format {path.suffix.lstrip('.')!r} for {path}; known "
                          f"formats: {', '.join(formats.FORMATS)}")
    return found.name


def _has_map(workshop: Workshop) -> bool:
    return bool(J.journey_touchpoints(workshop))


def write_picture(workshop: Workshop, path: Path, fmt: str, o: Options) -> list[Path]:
    """The map as a PNG or PDF sheet to print (on `o.paper`), or an SVG of the map alone."""
    return [export_map(workshop, path, persona_id=o.persona_id, colour_by=o.colour_by,
                       fmt=fmt, force=o.force, drawing=o.map_drawing(workshop),
                       paper=o.paper)]


def write_poster(workshop: Workshop, path: Path, fmt: str, o: Options) -> list[Path]:
    check_target(path, o.force)
    page = poster_html(summarise(workshop, o.persona_id, o.today),
                       o.map_drawing(workshop).spec, map_table_html(workshop, o.persona_id))
    write_atomically(path, page.encode("utf-8"), o.force)
    return [path]


def report_picture(path: Path) -> Path:
    """Where the Markdown report `path` puts its map: beside it, named after it."""
    return path.with_suffix(".map.png")


def write_markdown(workshop: Workshop, path: Path, fmt: str, o: Options) -> list[Path]:
    """The report, with the map alone as a PNG beside it (from the set's one layout)."""
    check_target(path, o.force)
    image = None
    written: list[Path] = []
    if _has_map(workshop):
        png = report_picture(path)
        written += write_picture(workshop, png, "png", replace(o, paper=None))
        image = png.name
    text = report_markdown(summarise(workshop, o.persona_id, o.today), image)
    write_atomically(path, text.encode("utf-8"), o.force)
    return [path, *written]


def write_xlsx(workshop: Workshop, path: Path, fmt: str, o: Options) -> list[Path]:
    check_target(path, o.force)
    data = tables.xlsx_bytes(tables.all_tables(workshop, o.persona_id, o.today))
    write_atomically(path, data, o.force)
    return [path]


def write_csv(workshop: Workshop, path: Path, fmt: str, o: Options) -> list[Path]:
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


def export_workshop(workshop: Workshop, path: str | Path, fmt: str | None = None, *,
                    persona_id: str | None = None, colour_by: str = "channel",
                    force: bool = False, today: dt.date | None = None,
                    drawing: Drawing | None = None, version_of: VersionOf | None = None,
                    template: str | Path | None = None, paper: str = DEFAULT_PAPER
                    ) -> list[Path]:
    """Write one export of the workshop as the room sees it; return the files written.

    PNG and PDF print the map on `paper` (A3 landscape unless A2, A1 or A0 is asked).
    `version_of` loads a named version (the to-be map the CJML file plans, the version a
    validation round showed); `template` is a PowerPoint file the deck is built on.
    """
    path = Path(path)
    found = formats.find(format_of(path, fmt), path)
    shown = visible(workshop)
    if found.draws_map and not _has_map(shown):
        raise ExportError(f"the journey map of {workshop.title!r} is empty: add stages and "
                          "place touchpoints on them (steps 4 and 5) before exporting it as "
                          f"{found.name}; nothing was written")
    return found.write(shown, path, Options(
        persona_id, colour_by, force, today, drawing, version_of,
        Path(template) if template is not None else None, paper=paper))


def export_set(workshop: Workshop, folder: str | Path, base: str,
               names: Sequence[str] | None = None, *, persona_id: str | None = None,
               colour_by: str = "channel", force: bool = False, today: dt.date | None = None,
               progress: Callable[[str], None] | None = None,
               version_of: VersionOf | None = None, template: str | Path | None = None,
               paper: str = DEFAULT_PAPER) -> list[Path]:
    """Several formats into one folder, named after `base`, in the registry's order.

    The map is laid out once and every format that shows it reuses the drawing: one PNG
    serves the PNG file, the report's picture and the deck. `names` defaults to every
    format `export --all` writes. A format that draws the map is left out while the map
    is empty (the tables and the report are still worth having). `progress` hears each
    format as it is done.
    """
    wanted = {formats.find(n).name for n in (names if names is not None else
                                             [f.name for f in formats.in_all()])}
    folder = Path(folder)
    shown = visible(workshop)
    with speaking(shown.language):  # the map's words too, laid out once for every format
        drawing = None
        if _has_map(shown):
            drawing = Drawing(map_spec(shown, persona_id, colour_by=colour_by),
                              map_title(shown, J.map_persona(shown, persona_id)))
        options = Options(persona_id, colour_by, force, today, drawing, version_of,
                          Path(template) if template is not None else None, paper=paper)
        written: list[Path] = []
        for found in formats.FORMATS.values():
            if found.name not in wanted:
                continue
            target = found.target(folder, base)
            if not (found.draws_map and drawing is None) and target not in written:
                written += found.write(shown, target, replace(options, written=tuple(written)))
            if progress is not None:
                progress(found.name)
    return written


def export_all(workshop: Workshop, folder: str | Path, base: str, **options: Any
               ) -> list[Path]:
    """The full set into one folder: every format of the registry `export --all` writes."""
    return export_set(workshop, folder, base, None, **options)
