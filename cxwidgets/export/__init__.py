"""export: writes what the kit draws to files people can share (PNG, SVG, HTML)."""

from cxwidgets.export.map_files import WRITERS, export_map, map_spec

__all__ = ["WRITERS", "export_map", "map_spec"]
