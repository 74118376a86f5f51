"""Step 2, Prepare the evidence: the inventory of customer input the map will rest on.

Each source (a survey, interviews, reviews, social posts, a support log) is one entry
with its size and period, so the room can see at a glance whether the map will rest on
thousands of voices or on a hunch. The facilitator can also read a feedback file here
(widgets/evidence_reader.py): check it row by row, add it as a source, and take its
suggested feelings and pain points into the later steps.
"""

from __future__ import annotations

from typing import Any

import ipywidgets as w

from cxwidgets.charts.evidence import source_volume
from cxwidgets.language import _
from cxwidgets.method import words as L
from cxwidgets.method.model import EvidenceSource, Workshop
from cxwidgets.widgets.base import esc, table
from cxwidgets.widgets.chart import ChartView
from cxwidgets.widgets.entries import EntryStep
from cxwidgets.widgets.evidence_reader import FeedbackReader
from cxwidgets.widgets.fields import Text
from cxwidgets.widgets.registry import register

UNKNOWN = "unknown"


@register
class Evidence(EntryStep[EvidenceSource]):
    """Step 2: list the feedback sources, with their size and period."""

    step_key = "evidence"

    def fields(self) -> list[w.Widget]:
        wide = w.Layout(width="100%", max_width="36em")
        self.name = Text(description=_("Source"), placeholder=_("e.g. Post-delivery survey"),
                           layout=wide).add_class("cx-source-name")
        self.source_kind = w.Dropdown(description=_("Kind"), options=[
            *L.options(L.SOURCE_KIND)]).add_class(
            "cx-source-kind")
        self.rows = Text(description=_("How many"), placeholder=_("e.g. 1200 (blank if unknown)")
                           ).add_class("cx-source-rows")
        self.period = Text(description=_("Period"), placeholder=_("e.g. Jan-Sep 2026")
                             ).add_class("cx-source-period")
        self.location = Text(description=_("Where"), placeholder=_("File path or link"),
                               layout=wide).add_class("cx-source-location")
        self.note = Text(description=_("Note"), layout=wide).add_class("cx-source-note")
        wrap = w.Layout(flex_flow="row wrap")
        return [self.name, w.HBox([self.source_kind, self.rows, self.period], layout=wrap),
                self.location, self.note]

    def extra(self) -> list[w.Widget]:
        self.chart = ChartView("cx-evidence-chart")
        if not self.editor.is_facilitator:
            return [self.chart]

        self.reader = FeedbackReader(self.live)
        return [self.chart, self.reader]

    def values(self) -> dict[str, Any] | None:
        text = self.rows.value.replace(",", "").replace(" ", "")
        if text and not text.isdigit():
            self.show_error(f"How many: {self.rows.value[:40]!r} is not a whole number; type "
                            "digits only, or leave it blank if you do not know.")
            return None
        return {"name": self.name.value, "kind": self.source_kind.value,
                "rows": int(text) if text else None, "period": self.period.value,
                "location": self.location.value, "note": self.note.value}

    def fill(self, entity: EvidenceSource) -> None:
        self.name.value = entity.name
        self.source_kind.value = entity.kind.value
        self.rows.value = "" if entity.rows is None else str(entity.rows)
        self.period.value, self.location.value = entity.period, entity.location
        self.note.value = entity.note

    def blank(self) -> None:
        for field in (self.name, self.rows, self.period, self.location, self.note):
            field.value = ""

    def listing(self, workshop: Workshop) -> str:
        sources = workshop.sources
        if not sources:
            return "<p class='cx-warn'>{}</p>".format(esc(_(
                "No customer evidence listed yet. Without it the map shows what the room "
                "believes, not what customers say.")))
        total = sum(s.rows or 0 for s in sources)
        rows = [[esc(s.name), esc(L.word(s.kind)),
                 f"{s.rows:,}" if s.rows is not None else UNKNOWN, esc(s.period or "-"),
                 esc(s.location or "-")] for s in sources]
        return (f"<p>{L.count_of(len(sources), 'sources')} · "
                f"{L.count(total, 'piece')} of customer input</p>"
                + table([_("Source"), _("Kind"), _("How many"), _("Period"), _("Where")], rows))

    def on_show(self) -> None:
        if self.live.workshop.sources:
            self.chart.show(source_volume(self.live.workshop))
        else:
            self.chart.message(_("The chart appears once a source is listed."))
