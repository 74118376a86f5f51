"""charts: pure functions of model objects; never read files or the store."""

from cxwidgets.charts.journey_map import journey_map

#: The charts, one module each (the journey map is also here by name), and the palette and
#: the Vega-Lite helpers they share.
__all__ = ["actions", "alignment", "diagnosis", "emotions", "evidence", "journey_map",
           "live_map", "palette", "priorities", "versions", "vl"]
