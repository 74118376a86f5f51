"""export: writes what the kit draws to files people can share; `formats` lists them all.

The registry (`formats`) loads alone, so the CLI's choices and the share step's tick boxes
cost no drawing library; the map's writers load when first asked for.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

from cxwidgets.export.formats import FORMATS, Format

if TYPE_CHECKING:
    from cxwidgets.export.map_files import export_map, map_spec

#: Modules the rest of the kit uses: the registry, the guard against formulas in cells,
#: the map's files and table, and the workshop's exports behind the registry.
_MODULES = ("formats", "inert", "map_files", "map_table", "workshop")
__all__ = ["FORMATS", "Format", "export_map", "map_spec", *_MODULES]


def __getattr__(name: str) -> Any:
    if name in ("export_map", "map_spec"):
        return getattr(importlib.import_module("cxwidgets.export.map_files"), name)
    if name in _MODULES:
        return importlib.import_module(f"{__name__}.{name}")
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
