"""charts: pure functions of model objects; never read files or the store."""

from cxwidgets.charts.journey_map import journey_map

__all__ = ["journey_map"]
