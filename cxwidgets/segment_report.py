"""The analyst's segment report, run by Papermill from notebooks/segment_report.ipynb.

For one customer segment and one product ("all" for every value) it reads the evidence
folder, computes the metrics, picks the quotes, draws the journey map the segment's own
customers would draw (the workshop's map with feelings and pain points from the
evidence) and writes the exports an analyst hands on. The notebook stays a thin shell;
everything it does lives here, where it is tested.

Parameters arrive from Papermill as whatever literal the caller passed (Papermill only
warns about unknown names and checks no types), so `validate_parameters` checks each one
and raises `ParameterError` with a message an analyst can act on: an unknown segment
lists the known ones.

The report says at its top, with numbers, what the reader must know before trusting it:
how many of the evidence's touchpoints the workshop's map matches, and what each file's
guessed mapping is unsure of. When the workshop is the bundled sample and the evidence
does not fit it, the map is a draft built from the evidence itself instead of the
sample's. Rows without a segment are a segment of their own, "(no segment)".
"""

from __future__ import annotations

import json
import math
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import altair as alt
import pandas as pd

from cxwidgets import language
from cxwidgets.batch.jobs import title_of
from cxwidgets.charts.evidence import trend_chart, volume_and_score
from cxwidgets.charts.journey_map import journey_map
from cxwidgets.charts.vl import Spec
from cxwidgets.evidence.draft import (
    ALL_FEEDBACK,
    Fit,
    fit,
    on_the_map,
    workshop_from_evidence,
)
from cxwidgets.evidence.encodings import known
from cxwidgets.evidence.folder import Evidence, load_folder
from cxwidgets.evidence.metrics import NONE, metrics, overall, select, trend
from cxwidgets.evidence.quotes import representative_quotes
from cxwidgets.evidence.suggest import draft_workshop, segment_persona
from cxwidgets.exceptions import CxError, ParameterError
from cxwidgets.export import formats
from cxwidgets.export.inert import csv_bytes, md
from cxwidgets.export.map_files import Drawing, map_spec
from cxwidgets.export.workshop import Options
from cxwidgets.language import _
from cxwidgets.method import views as J
from cxwidgets.method.model import Persona, Workshop
from cxwidgets.resources import SAMPLE_WORKSHOP

ALL = "all"
#: Figures that count rows: written as whole numbers.
COUNTS = ("volume", "scored", "nps_answers", "csat_answers", "rows", "responses", "untagged",
          "volume_only")
#: Lookup values a report lists at most.
SHOWN_UNKNOWN = 20
#: A touchpoint needs this many feedback items to be named the one that hurts most.
MIN_VOLUME_FOR_WORST = 20
#: The report's files: the exports the registry keeps in the bank (by format name: the
#: map's pictures, the deck), then the report's own tables and summary.
FILES = {**{f.name: f.bank_file for f in formats.in_bank()},
         "touchpoints": "metrics_touchpoints.csv", "stages": "metrics_stages.csv",
         "quotes": "quotes.csv", "summary": "summary.json"}


@dataclass(frozen=True)
class ReportParams:
    """Checked report parameters; only `validate_parameters` should build one."""

    segment: str
    product: str
    evidence_dir: Path
    workshop_file: Path
    output_dir: Path
    #: the codec of the evidence's text exports (None: detected per file)
    encoding: str | None = None
    #: the workshop file is the sample and the evidence does not fit it: draw a draft
    draft_map: bool = False


@dataclass(frozen=True, eq=False)
class ReportResult:
    params: ReportParams
    evidence: Evidence
    table: pd.DataFrame
    by_touchpoint: pd.DataFrame
    by_stage: pd.DataFrame
    quotes: pd.DataFrame
    draft: Workshop
    persona: Persona | None
    figures: dict[str, Any]
    files: dict[str, Path] = field(default_factory=dict)
    #: what the reader must know before trusting the report, with numbers (shown first)
    warnings: list[str] = field(default_factory=list)

    def map_chart(self) -> Spec:
        """The draft's map, drawn in the language of its workshop."""
        with language.speaking(self.draft.language):
            return journey_map(self.draft, self.persona.id if self.persona else None)

    def touchpoint_chart(self) -> alt.HConcatChart:
        return volume_and_score(self.by_touchpoint, "touchpoint",
                                order=list(self.by_touchpoint["touchpoint"]))

    def stage_chart(self) -> alt.HConcatChart:
        return volume_and_score(self.by_stage, "stage", order=list(self.by_stage["stage"]))

    def trend_chart(self) -> alt.Chart:
        return trend_chart(trend(self.table, "stage"), "stage")

    def evidence_summary(self) -> str:
        """Per export: rows read, accepted (volume only among them), rejected by reason,
        what the guess is unsure of; untagged rows and unknown lookup values overall."""
        lines = []
        for export, report in self.evidence.reports:
            volume = f" ({report.volume_only:,} volume only)" if report.volume_only else ""
            lines.append(f"{export.file.name} ({export.mapping_name}): {report.rows_read:,} "
                         f"rows read, {report.accepted:,} accepted{volume}, "
                         f"{report.rejected_count:,} rejected")
            for reason, count in report.counts_by_reason().items():
                lines.append(f"    {count:>6,}  {reason}")
            lines += [f"    check: {d}" for d in report.doubts]
        lines.append(f"answers with no touchpoint found (untagged), all segments: "
                     f"{self.evidence.untagged:,} of {len(self.evidence.table):,}")
        unknown = self.evidence.unknown
        if unknown:
            shown = ", ".join(f"{k} ({v:,})" for k, v in list(unknown.items())[:SHOWN_UNKNOWN])
            more = f", and {len(unknown) - SHOWN_UNKNOWN:,} more" if len(
                unknown) > SHOWN_UNKNOWN else ""
            lines.append(f"touchpoint values the tagging table does not know (rows): "
                         f"{shown}{more}")
        return "\n".join(lines)


def _text(name: str, value: object) -> str:
    """Papermill injects any literal (`-p segment 5` arrives as int): insist on text."""
    if not isinstance(value, str) or not value.strip():
        raise ParameterError(f"parameter {name!r} must be non-empty text, got "
                             f"{type(value).__name__} {value!r}")
    return value.strip()


def _choice(name: str, value: str, known: list[str]) -> str:
    """"all", or a value of the data (case-blind); otherwise list what would work."""
    if value.casefold() == ALL:
        return ALL
    if value.casefold() == NONE[name] and NONE[name] in known:
        return NONE[name]
    for k in known:
        if k.casefold() == value.casefold():
            return k
    choices = ", ".join(repr(k) for k in [ALL, *known])
    raise ParameterError(f"parameter {name!r}: unknown {name} {value!r}; known: {choices}")


def _evidence(folder: Path, encoding: str | None = None) -> Evidence:
    try:
        return load_folder(folder, encoding)
    except CxError as exc:
        raise ParameterError(f"parameter 'evidence_dir': {exc}") from exc


def _workshop(path: Path) -> Workshop:
    try:
        return Workshop.from_json(path.read_bytes())
    except OSError as exc:
        raise ParameterError(f"parameter 'workshop_file': cannot read {path}: "
                             f"{exc.strerror}") from exc
    except CxError as exc:
        raise ParameterError(f"parameter 'workshop_file': {path} is not a saved workshop "
                             f"({exc})") from exc


def _output_dir(path: Path) -> Path:
    """Create the export folder up front, so a bad path fails before any work is done."""
    if path.exists() and not path.is_dir():
        raise ParameterError(f"parameter 'output_dir': {path} is a file, not a folder")
    try:
        path.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise ParameterError(f"parameter 'output_dir': cannot create {path}: "
                             f"{exc.strerror}") from exc
    return path


def labels(table: pd.DataFrame, field_name: str) -> list[str]:
    """The values of a field, and "(no segment)" when some rows have none besides."""
    named = sorted(str(v) for v in table[field_name].dropna().unique())
    if named and table[field_name].isna().any() and field_name in NONE:
        named.append(NONE[field_name])
    return named


def segments_and_products(evidence_dir: str | Path) -> tuple[list[str], list[str]]:
    """The segments and products the evidence knows, "(no segment)" included when some
    rows have none."""
    table = _evidence(Path(evidence_dir)).table
    return labels(table, "segment"), labels(table, "product")


def check_jobs(evidence_dir: str | Path, jobs: list[tuple[str, str]]) -> None:
    """Refuse, before any report is started, every (segment, product) the evidence has no
    feedback for: a misspelt segment is named with the ones that exist, instead of
    failing in its own report's kernel after the notebook has started."""
    folder = Path(evidence_dir)
    table = _evidence(folder).table
    known = {"segment": labels(table, "segment"), "product": labels(table, "product")}

    def found(field: str, value: str) -> str | None:
        try:
            return _choice(field, value, known[field])
        except ParameterError:
            return None

    wrong = []
    for name, position in (("segment", 0), ("product", 1)):
        unknown = [v for v in dict.fromkeys(j[position] for j in jobs) if not found(name, v)]
        if unknown:
            wrong.append(f"no {name} {', '.join(map(repr, unknown))} in the evidence; "
                         f"{name}s: {', '.join(map(repr, [ALL, *known[name]]))}")
    for segment, product in dict.fromkeys(jobs):
        seg, prod = found("segment", segment), found("product", product)
        if seg and prod and select(table, segment=seg, product=prod).empty:
            wrong.append(f"no feedback for segment {seg!r} with product {prod!r}")
    if wrong:
        raise ParameterError(f"{'; '.join(wrong)} (evidence: {folder}). Nothing was run.")


def report_jobs(evidence_dir: str | Path) -> list[tuple[str, str]]:
    """(segment, product) for every report `cxwidgets run --all` makes: each pair the
    evidence holds rows for, with segments only, products only, both or neither. Rows
    without a segment (or, with products only, without a product) get a report of their
    own: "(no segment)" for all products."""
    table = _evidence(Path(evidence_dir)).table
    segments, products = labels(table, "segment"), labels(table, "product")
    if not segments:
        return [(ALL, p) for p in products] or [(ALL, ALL)]
    if not products:
        return [(s, ALL) for s in segments]
    named = table.dropna(subset=["segment", "product"])
    pairs = sorted({(str(s), str(p)) for s, p in named[["segment", "product"]]
                    .drop_duplicates().itertuples(index=False)})
    if NONE["segment"] in segments:
        pairs.append((NONE["segment"], ALL))
    return pairs


def _encoding(value: object) -> str | None:
    """"auto" (or None): detect each file's encoding; else a codec Python knows."""
    if value is None:
        return None
    text = _text("encoding", value)
    if text.casefold() == "auto":
        return None

    try:
        return known(text)
    except CxError as exc:
        raise ParameterError(f"parameter 'encoding': {exc}") from exc


def validate_parameters(segment: object, product: object, evidence_dir: object,
                        workshop_file: object, output_dir: object,
                        encoding: object = "auto") -> ReportParams:
    """Check the notebook's parameters and return them typed, or raise `ParameterError`.

    Typed `object` on purpose: this is where untrusted values from Papermill come in.
    Side effect: `output_dir` is created if missing.
    """
    folder = Path(_text("evidence_dir", evidence_dir))
    codec = _encoding(encoding)
    table = _evidence(folder, codec).table
    seg = _choice("segment", _text("segment", segment), labels(table, "segment"))
    prod = _choice("product", _text("product", product), labels(table, "product"))
    ws_path = Path(_text("workshop_file", workshop_file))
    workshop = _workshop(ws_path)
    draft = is_sample(ws_path) and not fit(table, workshop).fits
    out = _output_dir(Path(_text("output_dir", output_dir)))
    return ReportParams(seg, prod, folder, ws_path, out, encoding=codec, draft_map=draft)


def is_sample(path: Path) -> bool:
    """True for the bundled sample workshop (the notebook's default)."""
    try:
        return path.resolve() == SAMPLE_WORKSHOP.resolve()
    except OSError:
        return False


def persona_for(workshop: Workshop, table: pd.DataFrame, segment: str,
                product: str) -> tuple[Workshop, Persona]:
    """The agreed persona the workshop made for this segment; else one standing for the
    segment's feedback, added to the (draft) workshop so the map can be drawn for it."""
    for p in J.agreed_personas(workshop):
        if segment != ALL and p.segment.casefold() == segment.casefold():
            return workshop, p
    made = segment_persona(table, segment if segment != ALL else "All customers", product)
    return workshop.model_copy(update={"personas": [*workshop.personas, made]}), made


def _in_journey_order(per: pd.DataFrame, key: str, order: list[str]) -> pd.DataFrame:
    rank = {name.casefold(): n for n, name in enumerate(order)}
    return per.assign(_r=per[key].str.casefold().map(rank).fillna(len(rank))).sort_values(
        ["_r", "volume"], ascending=[True, False]).drop(columns="_r").reset_index(drop=True)


def _worst(per_tp: pd.DataFrame) -> str:
    enough = per_tp[per_tp["volume"] >= MIN_VOLUME_FOR_WORST].dropna(subset=["score_index"])
    if enough.empty:
        return ""
    return str(enough.sort_values(["score_index", "volume"], ascending=[True, False])
               .iloc[0]["touchpoint"])


def _json_safe(value: Any) -> Any:
    return None if isinstance(value, float) and math.isnan(value) else value


def _map_workshop(params: ReportParams, evidence: Evidence) -> Workshop:
    """The workshop the map starts from: the file, or a draft from the evidence."""
    if not params.draft_map:
        return _workshop(params.workshop_file)
    return workshop_from_evidence(evidence.table, evidence.rules,
                                  f"{params.evidence_dir.resolve().name}: drafted from the "
                                  "evidence", suggestions=False)


def map_warnings(params: ReportParams, workshop: Workshop, matched: Fit,
                 evidence: Evidence) -> list[str]:
    """What the reader must know before trusting the map and the figures."""
    said = []
    if params.draft_map:
        stages, touchpoints = len(workshop.stages), len(workshop.touchpoints)
        said.append("The evidence does not fit the sample workshop, so the map is a draft "
                    f"built from the evidence itself: {stages} stage{'s' * (stages != 1)} "
                    f"and {touchpoints} touchpoint{'s' * (touchpoints != 1)}. Start a "
                    "workshop from the evidence, correct it with the room, and draw the "
                    "report on it.")
    elif not matched.fits:
        said.append(f"The map may be the wrong one for this evidence: "
                    f"{matched.describe(workshop.title)} Feelings and pain points from the "
                    "evidence appear only on matched touchpoints.")
    if [t.name for t in workshop.touchpoints] == [ALL_FEEDBACK]:
        said.append("The evidence names no touchpoint, so the draft map has one touchpoint "
                    "standing for all feedback: add a touchpoint column or tagging rules.")
    return said + evidence.doubts


def build_report(params: ReportParams) -> ReportResult:
    """Compute and write one report into `params.output_dir`.

    Raises `ParameterError` when the segment and product have no feedback at all: an
    empty report would look like a finished one.
    """
    evidence = load_folder(params.evidence_dir, params.encoding)
    table = select(evidence.table, segment=params.segment, product=params.product)
    if table.empty:
        raise ParameterError(f"no feedback for segment {params.segment!r} and product "
                             f"{params.product!r} in {params.evidence_dir}")
    workshop = _map_workshop(params, evidence)
    drawn = on_the_map(table, workshop)
    draft, persona = persona_for(draft_workshop(workshop, drawn), table, params.segment,
                                 params.product)
    by_tp = _in_journey_order(metrics(table, "touchpoint"), "touchpoint",
                              [t.name for t in J.journey_touchpoints(workshop)])
    by_stage = _in_journey_order(metrics(table, "stage"), "stage",
                                 [s.name for s in J.ordered_stages(workshop)])
    matched = fit(drawn, workshop)
    # answers (rows of the evidence table) and responses (rows of the files: what step 2
    # lists for a source): a survey response with eight scored questions is eight answers
    figures = {**overall(table), "rows": len(table), "responses": evidence.responses(table),
               "untagged": int(table["touchpoint"].isna().sum()),
               "volume_only": int((table["text"].isna() & table["score"].isna()
                                   & table["sentiment"].isna()).sum()),
               "worst_touchpoint": _worst(by_tp),
               "touchpoints_matched": f"{matched.matched} of {matched.touchpoints}"}
    figures = {k: int(v) if k in COUNTS and v == v else v for k, v in figures.items()}
    result = ReportResult(params, evidence, table, by_tp, by_stage,
                          representative_quotes(table, "touchpoint"), draft, persona,
                          figures, warnings=map_warnings(params, workshop, matched, evidence))
    return _write(result)


def _write(result: ReportResult) -> ReportResult:
    out = result.params.output_dir
    files = {k: out / name for k, name in FILES.items()}
    pid = result.persona.id if result.persona else None
    # the registry's bank formats of the draft map, drawn once for all of them; the map
    # alone, not a sheet to print: the bank shows it as a picture on the report's card,
    # in the workshop's language like every export of it
    with language.speaking(result.draft.language):
        options = Options(persona_id=pid, force=True, drawing=Drawing(
            map_spec(result.draft, pid),
            _("{title}: journey map").format(title=result.draft.title)), paper=None)
        for f in formats.in_bank():
            f.write(result.draft, files[f.name], options)
    # names and quotes come from feedback files: guarded, so they stay text in a spreadsheet
    for key, frame in (("touchpoints", result.by_touchpoint), ("stages", result.by_stage),
                       ("quotes", result.quotes)):
        files[key].write_bytes(csv_bytes(frame, encoding="utf-8"))
    p = result.params
    summary = {"parameters": {"segment": p.segment, "product": p.product},
               "persona": result.persona.name if result.persona else None,
               "map": "drafted from the evidence" if p.draft_map else "the workshop file",
               **{k: _json_safe(v) for k, v in result.figures.items()},
               "uncertain": bool(result.warnings), "warnings": result.warnings,
               # the whole evidence folder, as step 2 lists it: each file's rows
               "evidence": {"files": len(result.evidence.files),
                            "rows_read": sum(result.evidence.files.values()),
                            "responses": result.evidence.responses()},
               "unknown_lookup_values": dict(list(result.evidence.unknown.items())[
                   :SHOWN_UNKNOWN])}
    summary["rows"] = summary.pop("volume", result.figures["rows"])
    # written last: its presence tells `cxwidgets run` the report is complete
    files["summary"].write_text(json.dumps(summary, indent=2) + "\n", encoding="utf-8")
    result.files.update(files)
    return result


def summary_markdown(result: ReportResult) -> str:
    """A few lines of Markdown an analyst can paste into a mail or a slide. Names from the
    parameters and the feedback files go through `md`: shown as words, never as links."""
    p, f = result.params, result.figures
    nps = "-" if math.isnan(f["nps"]) else f"{f['nps']:+.0f}"
    worst = md(f["worst_touchpoint"]) if f["worst_touchpoint"] else \
        "(no touchpoint has enough feedback to say)"
    scales = f"(from scores on {md(f['scales'])}) " if f.get("scales") else ""
    warned = [f"> ⚠ **Check before you trust this report:** {md(w)}" for w in result.warnings]
    persona = md(result.persona.name) if result.persona else "no persona"
    return "\n".join([
        f"### {md(title_of(p.segment, p.product))}",
        "",
        *[line for w in warned for line in (w, ">")][:-1],
        *([""] if warned else []),
        f"- **{f['responses']:,}** responses (**{f['rows']:,}** answers: one per question "
        f"answered) · score index **{f['score_index']:.0f}**/100 {scales}(0 the worst "
        f"answer, 100 the best) · NPS **{nps}** · **{f['negative_share']:.0%}** negative",
        f"- Hurts most: **{worst}**",
        f"- Map drawn for: **{persona}**",
        f"- Answers with no touchpoint found (untagged): {f['untagged']:,} of {f['rows']:,}",
        f"- Exports in `{p.output_dir}`: " + ", ".join(
            f"`{path.name}`" for path in result.files.values()),
    ])
