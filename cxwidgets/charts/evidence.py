"""Evidence charts for step 2: how much customer input each kind of source brings.

Pure functions of the model; never read files or the store.
"""

from __future__ import annotations

import altair as alt
import pandas as pd

from cxwidgets.model import SourceKind, Workshop

SOURCE_KIND = {
    SourceKind.survey: "Survey", SourceKind.interview: "Interviews",
    SourceKind.review: "Reviews", SourceKind.social: "Social posts",
    SourceKind.support_log: "Support log", SourceKind.analytics: "Analytics",
    SourceKind.other: "Other",
}


def source_volume(workshop: Workshop) -> alt.Chart:
    """One bar per source, grouped by kind: where the map's evidence comes from."""
    rows = [{"source": s.name, "kind": SOURCE_KIND[s.kind], "rows": s.rows or 0,
             "period": s.period or "-"} for s in workshop.sources]
    data = pd.DataFrame(rows, columns=["source", "kind", "rows", "period"])
    return alt.Chart(data, title="Customer evidence by source").mark_bar().encode(
        x=alt.X("rows:Q", title="Responses, reviews or tickets"),
        y=alt.Y("source:N", title=None, sort="-x", axis=alt.Axis(labelLimit=220)),
        color=alt.Color("kind:N", title="Kind", scale=alt.Scale(scheme="tableau10")),
        tooltip=[alt.Tooltip("source:N", title="Source"), alt.Tooltip("kind:N", title="Kind"),
                 alt.Tooltip("rows:Q", title="Rows", format=","),
                 alt.Tooltip("period:N", title="Period")],
    ).properties(width=420, height=alt.Step(22))
