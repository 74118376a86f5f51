"""Reading a feedback file inside step 2: upload or path, confirm the mapping, check, add.

The file is read once; its columns are offered for each canonical field with the kit's
guess already chosen, and the room confirms or changes it. "Check the file" turns the
export into the canonical table and shows the validation report (every row accepted or
rejected, with row numbers) and the evidence charts. Only then can it be added to the
workshop as an evidence source, so a bad file never leaves anything half-saved. What the
evidence suggests for later steps (feelings per touchpoint, pain points with quotes) can
then be added by the facilitator with one click each.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

import ipywidgets as w
import pandas as pd

from cxwidgets.evidence.figures import describe
from cxwidgets.evidence.mapping import ColumnMapping
from cxwidgets.evidence.metrics import metrics, trend
from cxwidgets.evidence.scales import label
from cxwidgets.evidence.worker import read_in_worker
from cxwidgets.exceptions import CxError
from cxwidgets.language import N_, _, format_decimal
from cxwidgets.method import views as J
from cxwidgets.method import words as L
from cxwidgets.method.model import EVIDENCE, SourceKind, Workshop
from cxwidgets.resources import DATA
from cxwidgets.settings import current
from cxwidgets.widgets.base import esc, said, set_options, table
from cxwidgets.widgets.chart import ChartView
from cxwidgets.widgets.fields import Text
from cxwidgets.widgets.session import LiveWorkshop

if TYPE_CHECKING:
    from cxwidgets.evidence.rawfile import Source
    from cxwidgets.evidence.report import ValidationReport
    from cxwidgets.evidence.suggest import EmotionSuggestion, PainSuggestion
    from cxwidgets.evidence.tagging import TagRules

#: Uploads travel through the page's connection; bigger files are read from a path.
MAX_UPLOAD = int(current().upload_mb * 1024**2)
ACCEPT = ".csv,.tsv,.txt,.xlsx,.json,.jsonl,.ndjson,.parquet"
NONE = ""
#: The canonical fields offered in the form, with the words shown for them.
FIELDS = (("text", N_("Feedback text")), ("timestamp", N_("Date")), ("score", N_("Score")),
          ("score_type", N_("Score type column")), ("segment", N_("Segment")),
          ("product", N_("Product")), ("touchpoint", N_("Touchpoint")), ("stage", N_("Stage")),
          ("source", N_("Source column")), ("channel", N_("Channel")), ("id", N_("Row id")),
          ("sentiment", N_("Sentiment")))
#: Rejections shown on screen; the full list is in the report's CSV download.
SHOWN_REJECTIONS = 25


def where(location: str) -> Path | None:
    """A source's file on this machine: as written, else from the kit's own folder (the
    sample's sources name files inside the kit)."""
    if not location or location.startswith("uploaded:"):
        return None
    for candidate in (Path(location).expanduser(), DATA / location):
        if candidate.is_file():
            return candidate
    return None


def tagging_rules(workshop: Workshop, source: Source | None = None) -> TagRules:
    """Tagging for a file: the workshop's touchpoints and their stages, plus the rules of a
    `tagging.yaml` kept beside the file (how an analyst keeps an export's tagging)."""
    from cxwidgets.evidence.folder import TAGGING  # heavy: pyarrow, only when `tagging_rules` runs
    from cxwidgets.evidence.tagging import (
        TagRules,  # heavy: pyarrow, only when `tagging_rules` runs
    )

    stage = {s.id: s.name for s in workshop.stages}
    own = TagRules(stages={t.name: stage[stage_id] for stage_id, placed in
                           J.touchpoints_by_stage(workshop).items() for t in placed})
    beside = source.parent / TAGGING if isinstance(source, Path) else None
    if beside is not None and beside.is_file():
        return TagRules.from_yaml(beside).merged(own)
    return own


class FeedbackReader(w.VBox):
    """Upload or path -> mapping -> check -> add; then the evidence's suggestions."""

    #: a read that takes longer is stopped, so the page stays responsive
    read_seconds: float = 60.0

    def __init__(self, live: LiveWorkshop, saved: Callable[[], None] = lambda: None) -> None:
        self.live = live
        self.saved = saved
        self.raw: Any = None
        self._extra: dict[str, Any] = {}
        self.source: Any = None
        #: (canonical table, report) after a successful check
        self.checked: tuple[pd.DataFrame, ValidationReport] | None = None
        self._wide: dict[str, str] = {}
        # the page refuses a file over the limit before sending it (see the kit's Voila
        # template): a message that big would be dropped on the way, with no word
        self.upload = w.FileUpload(accept=ACCEPT, multiple=False, description=_("Upload")
                                   ).add_class("cx-upload").add_class(
                                       f"cx-upload-max-{max(1, MAX_UPLOAD // 1024)}kb")
        self.path = Text(description=_("or a path"), placeholder=_("/data/exports/reviews.csv"),
                           layout=w.Layout(width="32em")).add_class("cx-path")
        self.read = w.Button(description=_("Read the file"), icon="folder-open"
                             ).add_class("cx-read")
        self.listed = w.Dropdown(description=_("or again"), options=[("(a listed source)", NONE)],
                                 layout=w.Layout(width="26em")).add_class("cx-listed")
        self.listed.observe(lambda _: self.reread(), "value")
        live.observe(lambda _: self._list_sources(), "workshop")
        self._list_sources()
        self.notice = w.HTML().add_class("cx-notice")
        self.fields = {f: w.Dropdown(description=_(label),
                                     options=[(_("(not in this file)"), NONE)],
                                     style={"description_width": "10em"},
                                     layout=w.Layout(width="26em")).add_class(f"cx-map-{f}")
                       for f, label in FIELDS}
        self.kind = w.Dropdown(description=_("Whole file is"), options=[
            (_("(say per row)"), NONE), *[(L.word(k), k.value) for k in SourceKind]],
            style={"description_width": "10em"}).add_class("cx-map-kind")
        self.product = Text(description=_("Product, if one"), style={"description_width": "10em"}
                              ).add_class("cx-map-product")
        self.score_type = w.Dropdown(description=_("Scores are"), options=[
            (_("(from the file)"), NONE), (_("CSAT 1-5"), "csat"), (_("NPS 0-10"), "nps"),
            (_("Rating 1-5"), "rating")], style={"description_width": "10em"}
        ).add_class("cx-map-score-type")
        self.date_order = w.Dropdown(description=_("Dates like 03/04"), options=[
            (_("decide from the file"), "auto"), (_("day first (3 April)"), "dayfirst"),
            (_("month first (4 March)"), "monthfirst")], style={"description_width": "10em"}
        ).add_class("cx-map-date-order")
        self.wide_note = w.HTML().add_class("cx-wide")
        self.check = w.Button(description=_("Check the file"), icon="check-square",
                              button_style="primary", disabled=True).add_class("cx-check")
        self.add = w.Button(description=_("Add to the workshop's evidence"), icon="plus",
                            disabled=True).add_class("cx-add-source")
        self.report = w.HTML().add_class("cx-evidence-report")
        self.touchpoint_chart = ChartView("cx-evidence-touchpoints")
        self.stage_chart = ChartView("cx-evidence-stages")
        self.trend = ChartView("cx-evidence-trend")
        self.suggestions = w.HTML().add_class("cx-suggestions")
        self.add_ratings = w.Button(description=_("Add the suggested feelings as ratings"),
                                    disabled=True).add_class("cx-add-ratings")
        self.add_pains = w.Button(description=_("Add the suggested pain points"), disabled=True
                                  ).add_class("cx-add-pains")
        self.read.on_click(lambda _: self.load())
        self.upload.observe(lambda _: self.load(), "value")
        self.upload.observe(self._upload_failed, "error")
        self.check.on_click(lambda _: self.run_check())
        self.add.on_click(lambda _: self.add_source())
        self.add_ratings.on_click(lambda _: self.add_suggested_ratings())
        self.add_pains.on_click(lambda _: self.add_suggested_pains())
        facilitator = live.editor.is_facilitator
        mapping = w.VBox([*self.fields.values(), self.kind, self.product, self.score_type,
                          self.date_order, self.wide_note]).add_class("cx-mapping")
        offers = w.HBox([self.add_ratings, self.add_pains], layout=w.Layout(
            flex_flow="row wrap", display="" if facilitator else "none"))
        super().__init__([
            w.HTML("<h4>{}</h4><p class='cx-small'>{}</p>".format(
                esc(_("Read a feedback file")),
                esc(_("CSV (any delimiter), Excel, JSON, JSON Lines or Parquet. Uploads up to "
                      "8 MB; type the path of bigger files.")))),
            w.HBox([self.upload, self.path, self.read, self.listed],
                   layout=w.Layout(flex_flow="row wrap")),
            self.notice, mapping, w.HBox([self.check, self.add]), self.report,
            self.touchpoint_chart, self.stage_chart, self.trend,
            w.HTML("<h4>{}</h4>".format(
                esc(_("What the evidence suggests")))), self.suggestions, offers])
        self.add_class("cx-feedback-reader")

    # -- reading -----------------------------------------------------------------------

    def error(self, message: str) -> None:
        self.notice.value = f"<span class='cx-error' role='alert'>⚠ {esc(said(message))}</span>"

    def done(self, message: str) -> None:
        self.notice.value = f"<span class='cx-ok' role='status'>✓ {esc(said(message))}</span>"

    def _upload_failed(self, change: dict[str, Any]) -> None:
        """The browser could not send the file (too big for the page's connection, or
        unreadable): say so instead of nothing happening."""
        if change["new"]:
            self.error(_("The upload did not arrive ({reason}). Uploads stop at {most} MB: "
                         "type the file's path instead.").format(
                reason=change["new"], most=format_decimal(MAX_UPLOAD / 1024**2)))

    def _chosen_source(self) -> Path | tuple[str, bytes]:
        if self.upload.value:
            item = self.upload.value[0]
            size = int(item["size"])
            if size > MAX_UPLOAD:
                raise CxError(_("{name} is {size} MB; uploads stop at {most} MB. Type the "
                                "file's path instead.").format(
                    name=item["name"], size=format_decimal(size / 1024**2, digits=1),
                    most=format_decimal(MAX_UPLOAD / 1024**2)))
            return item["name"], bytes(item["content"])
        if self.path.value.strip():
            return Path(self.path.value.strip()).expanduser()
        raise CxError(_("Upload a file or type the path of one first."))

    def load(self) -> bool:
        """Read the chosen file and propose a mapping; nothing is saved yet."""
        from cxwidgets.evidence.ingest import checked_guess  # heavy: pyarrow, only when `load` runs

        self.checked, self.add.disabled = None, True
        try:
            source = self._chosen_source()
            raw = read_in_worker(source, seconds=self.read_seconds)
        except CxError as exc:
            self.error(str(exc))
            self.check.disabled = True
            return False
        names = [t.name for t in self.live.workshop.touchpoints]
        self.source, self.raw = source, raw
        guess = checked_guess(raw, names)[0]  # tried again if it loses rows
        self.show_mapping(guess.mapping)
        self.check.disabled = False
        self.done(_("Read {name}: {rows}, {columns}. Check the columns below, then press "
                    "'Check the file'.").format(
            name=raw.name, rows=L.count(raw.rows_read, "row"),
            columns=L.count(len(raw.frame.columns), "column")))
        return True

    def _list_sources(self) -> None:
        readable = [(s.name, s.id) for s in self.live.workshop.sources
                    if s.mapping and where(s.location) is not None]
        set_options(self.listed, [(_("(a listed source)"), NONE), *readable])

    def reread(self) -> bool:
        """Read a source listed in the workshop again, with the mapping it was added with."""
        source = next((s for s in self.live.workshop.sources if s.id == self.listed.value),
                      None)
        if source is None:
            return False
        self.upload.value = ()
        self.path.value = str(where(source.location))
        if not self.load():
            return False
        try:
            self.show_mapping(ColumnMapping.from_data(source.mapping, source.name))
        except CxError as exc:
            self.error(str(exc))
            return False
        return True

    def show_mapping(self, mapping: ColumnMapping) -> None:
        columns = [(c, c) for c in self.raw.frame.columns]
        for f, control in self.fields.items():
            set_options(control, [(_("(not in this file)"), NONE), *columns])
            control.value = mapping.columns.get(f, NONE)
        self.kind.value = mapping.constants.get("source", NONE) if mapping.constants.get(
            "source") in {k.value for k in SourceKind} else NONE
        self.product.value = mapping.constants.get("product", "")
        kind = mapping.score_type or NONE
        if kind not in {v for _, v in self.score_type.options}:  # 1-10, yes/no ...

            set_options(self.score_type, [*self.score_type.options, (label(kind), kind)])
        self.score_type.value = kind
        self.date_order.value = mapping.date_order
        self._wide = dict(mapping.wide)
        # what the form has no control for, kept from the guess (or the saved mapping)
        self._extra = mapping.model_dump(include={"scales", "text_parts", "placeholders",
                                                  "company_names", "duplicates"})
        self.wide_note.value = (
            "<p>" + esc(_("{columns} read as one score per touchpoint:").format(
                columns=L.count(len(self._wide), "column"))) + " "
            + ", ".join(f"{esc(c)} → <b>{esc(t)}</b>" for c, t in self._wide.items())
            + "</p>") if self._wide else ""

    def mapping(self) -> ColumnMapping:
        """The mapping as the form now says it."""
        constants = {}
        if self.kind.value:
            constants["source"] = self.kind.value
        if self.product.value.strip():
            constants["product"] = self.product.value.strip()
        columns = {f: c.value for f, c in self.fields.items() if c.value}
        extra = dict(self._extra)
        if columns.get("text") not in extra.get("text_parts", []):
            extra.pop("text_parts", None)  # the text column was changed: read it alone
        scored = {columns.get("score"), *self._wide}
        extra["scales"] = {c: k for c, k in extra.get("scales", {}).items() if c in scored}
        return ColumnMapping.from_data({
            "columns": columns, "constants": constants,
            "score_type": self.score_type.value or None,
            "date_order": self.date_order.value, "wide": self._wide, **extra})

    # -- checking ----------------------------------------------------------------------

    def run_check(self) -> bool:
        """Turn the file into the canonical table with this mapping; report every row."""
        # heavy: pyarrow, only when `run_check` runs
        from cxwidgets.evidence.ingest import ingest_raw
        from cxwidgets.evidence.pipeline import (
            prepare,  # heavy: pyarrow, only when `run_check` runs
        )

        if self.raw is None:
            self.error(_("Read a file first."))
            return False
        try:
            done = ingest_raw(self.raw, self.mapping(),
                              [t.name for t in self.live.workshop.touchpoints])
            ready = prepare(done, tagging_rules(self.live.workshop, self.source))
        except CxError as exc:
            self.error(str(exc))
            self.checked, self.add.disabled = None, True
            return False
        table = ready.table
        self.checked = (table, done.report)
        self.report.value = report_html(done.report)
        self.add.disabled = done.report.accepted == done.report.volume_only
        self._charts(table)
        self._suggest(table)
        self.done(_("{accepted} of {rows} accepted.").format(
            accepted=format_decimal(done.report.accepted),
            rows=L.count(done.report.rows_read, "row")))
        return True

    def _charts(self, table: pd.DataFrame) -> None:
        # heavy: altair, only when `_charts` runs
        from cxwidgets.charts.evidence import trend_chart, volume_and_score

        per_tp = metrics(table, "touchpoint")
        order = [t.name for t in J.journey_touchpoints(self.live.workshop)]
        if per_tp.empty:
            self.touchpoint_chart.message(_("No row could be tied to a touchpoint."))
        else:
            known = [n for n in order if n in set(per_tp["touchpoint"])]
            self.touchpoint_chart.show(volume_and_score(per_tp, "touchpoint", known or None))
        per_stage = metrics(table, "stage")
        if not per_stage.empty:
            self.stage_chart.show(volume_and_score(per_stage, "stage"))
        monthly = trend(table, None)
        if len(monthly) > 1:
            self.trend.show(trend_chart(monthly))

    # -- adding ------------------------------------------------------------------------

    def add_source(self) -> str | None:
        """Add the checked file to the workshop as an evidence source (with its mapping)."""
        if self.checked is None:
            self.error(_("Check the file first: only a checked file can be added."))
            return None
        table, report = self.checked
        if report.accepted == report.volume_only:
            self.error(_("Nothing to add: no row of this file was accepted with a text or "
                         "a score."))
            return None
        stamps = table["timestamp"].dropna()
        period = (f"{stamps.min():%d %b %Y} - {stamps.max():%d %b %Y}"
                  if len(stamps) else "")
        location = str(self.source) if isinstance(self.source, Path) else \
            f"uploaded: {self.source[0]}"
        added = self.live.edit(self.live.editor.add, "sources", {
            "name": report.file[:120], "kind": self.kind.value or "other",
            "rows": report.accepted, "period": period, "location": location[:2000],
            "note": f"{report.rejected_count:,} rows rejected; {report.untagged or 0:,} "
                    "without a touchpoint", "mapping": self.mapping().model_dump(mode="json")})
        if added:
            self.done(_("Added {file} to the workshop's evidence.").format(file=report.file))
            self.saved()
        else:
            self.error(self.live.message)
        return added

    def _suggest(self, table: pd.DataFrame) -> None:
        # lazy: rapidfuzz (cxwidgets.evidence.suggest), only when suggestions are asked for
        from cxwidgets.evidence.suggest import suggested_emotions, suggested_pains

        ws = self.live.workshop
        self._emotions = suggested_emotions(table, ws)
        self._pains = suggested_pains(table, ws)
        self.suggestions.value = suggestions_html(self._emotions, self._pains)
        self.add_ratings.disabled = not self._emotions
        self.add_pains.disabled = not self._pains

    def add_suggested_ratings(self) -> int:
        """One evidence rating per touchpoint for the persona being mapped (kept current)."""
        persona = self.live.persona_id or None
        mine = {e.touchpoint_id: e for e in self.live.workshop.emotions
                if e.participant == EVIDENCE and e.persona_id == persona}
        count = 0
        for s in self._emotions:
            nps = (f", NPS {s.nps:+.0f} of {s.nps_answers:,} answers"
                   if s.nps_answers else "")
            word = f"evidence: score index {s.score_index:.0f}{nps} ({s.volume} pieces)"
            if s.touchpoint_id in mine:
                done = self.live.edit(self.live.editor.update, "emotions",
                                      mine[s.touchpoint_id].id, score=s.score,
                                      word=word) is not None
            else:
                done = self.live.edit(self.live.editor.add, "emotions", {
                    "touchpoint_id": s.touchpoint_id, "score": s.score, "word": word,
                    "participant": EVIDENCE, "persona_id": persona}) is not None
            count += done
        self.done(_("{touchpoints} rated from the evidence.").format(
            touchpoints=L.count(count, "touchpoint")))
        return count

    def add_suggested_pains(self) -> int:
        """The suggested pain points, with their quotes, unless one is already there."""
        have = {(p.touchpoint_id, p.text) for p in self.live.workshop.pain_points}
        count = 0
        for s in self._pains:
            if (s.touchpoint_id, s.text) in have:
                continue
            count += bool(self.live.edit(self.live.editor.add, "pain_points", {
                "touchpoint_id": s.touchpoint_id, "text": s.text,
                "evidence": list(s.evidence)}))
        self.done(_("{pains} added from the evidence.").format(
            pains=L.count(count, "pain point")))
        return count


def report_html(report: ValidationReport) -> str:
    """The validation report, counts first, rejections grouped, then warnings."""
    # rows of the file, then the answers they became (one per touchpoint score): the
    # untagged count is of answers, and says so
    answers = report.table_rows if report.table_rows is not None else report.accepted
    per_answer = answers != report.accepted
    rows = [[esc(_("Rows read")), format_decimal(report.rows_read)],
            [esc(_("Accepted")), format_decimal(report.accepted)],
            *([[esc(_("Of them volume only (no text and no score)")),
                format_decimal(report.volume_only)]] if report.volume_only else []),
            [esc(_("Rejected")), format_decimal(report.rejected_count)],
            *([[esc(_("Answers (one per touchpoint score of the accepted rows)")),
                format_decimal(answers)]] if per_answer else []),
            [esc(_("Without a touchpoint")), esc(_("{untagged} of {all}").format(
                untagged=format_decimal(report.untagged or 0),
                all=L.count(answers, "answer") if per_answer else L.count(answers, "row")))],
            [esc(_("Read as")), esc(", ".join(x for x in (
                report.format, report.encoding, report.delimiter and repr(report.delimiter),
                report.sheet) if x))]]

    parts = [f"<p class='cx-warn'>⚠ {esc(d)}</p>" for d in report.doubts]
    parts.append(table(["", ""], rows, "cx-report-counts"))
    parts += [f"<p class='cx-score-figure'>{esc(line)}</p>" for line in describe(
        report.scores)]
    for column, found in report.missing.items():
        shown = ", ".join(f"'{v}' {n:,}" for v, n in list(found.items())[:6])
        parts.append("<p class='cx-small'>" + esc(_("Read as missing in {column}: {values}")
                                                  .format(column=column, values=shown))
                     + "</p>")
    if report.rejected_count:
        reasons = [[esc(reason), f"{n:,}"] for reason, n in report.counts_by_reason().items()]
        parts.append("<h5>{}</h5>".format(
            esc(_("Why rows were rejected"))) + table([_("Reason"), _("Rows")], reasons))
        frame = report.rejections_frame().head(SHOWN_REJECTIONS)
        parts.append(table([esc(c) for c in frame.columns],
                           [[esc(v) for v in r] for r in frame.astype(str).itertuples(
                               index=False)], "cx-rejections"))
    for note in [*report.warnings, *report.dates]:
        parts.append(f"<p class='cx-warn'>{esc(note)}</p>")
    return "".join(parts)


def suggestions_html(emotions: list[EmotionSuggestion],
                     pains: list[PainSuggestion]) -> str:
    if not emotions and not pains:
        return "<p><i>{}</i></p>".format(esc(_(
            "The checked file says too little about the workshop's touchpoints to suggest "
            "anything.")))
    feel = [[esc(s.touchpoint), f"{s.score_index:.0f}", f"{s.volume:,}", f"{s.score:+d}"]
            for s in emotions]
    pain = [[esc(s.touchpoint), esc(s.text), "<br>".join(f"“{esc(q)}”" for q in s.evidence)]
            for s in pains]
    return (table([_("Touchpoint"), _("Score index"), _("Feedback"), _("Suggested feeling")], feel)
            + (table([_("Touchpoint"), _("Suggested pain point"), _("Customers said")], pain)
               if pain else ""))
