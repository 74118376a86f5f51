"""Every export format of the kit, in one registry: the only place the formats are listed.

A format is one `Format` entry: its name (what `cxwidgets export --format` takes), the
label the share step shows beside its tick box, its file suffix and MIME type, the
function that writes it, whether `export --all` writes it, whether step 16 ticks it to
begin with, and the file it is kept as in each report of `cxwidgets run`'s bank. The CLI,
the share step, the bank and `export_set` read their lists from here; a test fails when a
list of formats appears anywhere else in the package (`tests/export/test_formats.py`).

Writers are named as "module:function" and imported when a file of that format is
written, so reading the registry (the share step's tick boxes, the CLI's choices) loads
no drawing, spreadsheet or slide library. A writer takes (workshop, path, format name,
`workshop.Options`) and returns the files it wrote. Adding a format is one entry here
and its writer; nothing else changes.
"""

from __future__ import annotations

import importlib
import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, cast

from cxwidgets.exceptions import ExportError
from cxwidgets.language import N_, speaking

if TYPE_CHECKING:
    from cxwidgets.export.workshop import Options
    from cxwidgets.method.model import Workshop

    Writer = Callable[[Workshop, Path, str, Options], list[Path]]


@dataclass(frozen=True)
class Format:
    """One export format and everything the kit needs to know to offer and write it."""

    #: what `--format` takes and files are grouped by
    name: str
    #: what the share step shows beside its tick box
    label: str
    #: a short name for links and lists ("Map (PNG)")
    short: str
    #: the file suffix; a format written as a folder names the suffix of its files
    suffix: str
    mime: str
    #: "module:function" of the writer, imported on first use
    writer: str
    #: written by `export --all`, `export_all` and the share step's "everything"
    in_all: bool = True
    #: ticked at step 16 before the facilitator chooses
    ticked: bool = False
    #: the file each report of `cxwidgets run`'s bank keeps it as ("" : not in the bank)
    bank_file: str = ""
    #: a picture of the journey map, refused while the map is empty; `export_map` writes it
    picture: bool = False
    #: needs a drawn map (pictures, the poster); left out of a set while the map is empty
    draws_map: bool = False
    #: written as a folder of files, named after the set and this ("-tables"), not a file
    folder: str = ""
    #: other names and suffixes that mean this format ("htm", "markdown")
    aliases: tuple[str, ...] = ()

    def target(self, folder: Path, base: str) -> Path:
        """Where a set of exports named `base` puts this format in `folder`."""
        return folder / f"{base}{self.folder or self.suffix}"

    def writer_function(self) -> Writer:
        module, _, function = self.writer.partition(":")
        return cast("Writer", getattr(importlib.import_module(module), function))

    def write(self, workshop: Workshop, path: Path, options: Options) -> list[Path]:
        """Write `workshop` in this format, in the workshop's language (whoever asks)."""
        with speaking(workshop.language):
            return self.writer_function()(workshop, path, self.name, options)


_WORKSHOP = "cxwidgets.export.workshop"

#: The registry, in the order the share step lists the formats and a set writes them.
FORMATS: dict[str, Format] = {f.name: f for f in (
    Format("html", N_("Poster: map and report, a web page that works offline"), "Poster (HTML)",
           ".html", "text/html", f"{_WORKSHOP}:write_poster", ticked=True, draws_map=True,
           aliases=("htm",)),
    Format("png", N_("Map as a PNG image"), "Map (PNG)", ".png", "image/png",
           f"{_WORKSHOP}:write_picture", ticked=True, bank_file="map.png", picture=True,
           draws_map=True),
    Format("svg", N_("Map as an SVG drawing"), "Map (SVG)", ".svg", "image/svg+xml",
           f"{_WORKSHOP}:write_picture", bank_file="map.svg", picture=True, draws_map=True),
    Format("pdf", N_("Map as a PDF"), "Map (PDF)", ".pdf", "application/pdf",
           f"{_WORKSHOP}:write_picture", picture=True, draws_map=True),
    Format("pptx", N_("Deck for the sponsor: slides of the map, priorities and plan "
           "(PowerPoint)"), "Deck (PowerPoint)", ".pptx",
           "application/vnd.openxmlformats-officedocument.presentationml.presentation",
           "cxwidgets.export.deck:write_deck", bank_file="deck.pptx"),
    Format("md", N_("Report in Markdown"), "Report (Markdown)", ".md", "text/markdown",
           f"{_WORKSHOP}:write_markdown", aliases=("markdown",)),
    Format("xlsx", N_("Tables as an Excel workbook"), "Tables (Excel)", ".xlsx",
           "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
           f"{_WORKSHOP}:write_xlsx", ticked=True),
    Format("csv", N_("Tables as CSV files"), "Tables (CSV)", ".csv", "text/csv",
           f"{_WORKSHOP}:write_csv", folder="-tables"),
    Format("cjml", N_("Journey in CJML: planned and actual journeys for research tools (XML)"),
           "Journey (CJML)", ".cjml.xml", "application/xml",
           "cxwidgets.export.cjml:write_cjml"),
)}


def names() -> list[str]:
    return list(FORMATS)


def in_all() -> list[Format]:
    """What `export --all` writes."""
    return [f for f in FORMATS.values() if f.in_all]


def ticked() -> list[str]:
    """The formats step 16 ticks before the facilitator chooses."""
    return [f.name for f in FORMATS.values() if f.ticked]


def in_bank() -> list[Format]:
    """What each report of `cxwidgets run`'s bank keeps, in the order its links show."""
    return [f for f in FORMATS.values() if f.bank_file]


def pictures() -> list[str]:
    """The formats `export_map` writes the map alone in."""
    return [f.name for f in FORMATS.values() if f.picture]


def by_suffix(suffix: str) -> Format | None:
    """The format a file suffix (".png", "png") stands for, if any."""
    wanted = suffix.lower().lstrip(".")
    return next((f for f in FORMATS.values()
                 if wanted in (f.name, f.suffix.rpartition(".")[2], *f.aliases)), None)


def file_base(title: str) -> str:
    """The name a set of exports of a workshop titled `title` goes by ("freshbox-meal-kits")."""
    return re.sub(r"[^a-z0-9]+", "-", title.lower()).strip("-")[:60] or "journey-map"


def find(name: str, path: Path | None = None) -> Format:
    """The format called `name` (any case, or one of its aliases); refuse anything else."""
    found = FORMATS.get(name.lower()) or next(
        (f for f in FORMATS.values() if name.lower() in f.aliases), None)
    if found is None:
        where = f" for {path}" if path is not None else ""
        raise ExportError(f"unknown format {name!r}{where}; known formats: "
                          f"{', '.join(FORMATS)}")
    return found
