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
"""

from __future__ import annotations

import json
import math
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import altair as alt
import pandas as pd

from cxwidgets.charts.evidence import trend_chart, volume_and_score
from cxwidgets.charts.journey_map import journey_map
from cxwidgets.charts.vl import Spec
from cxwidgets.evidence.folder import Evidence, load_folder
from cxwidgets.evidence.metrics import metrics, overall, select, trend
from cxwidgets.evidence.quotes import representative_quotes
from cxwidgets.evidence.suggest import draft_workshop, segment_persona
from cxwidgets.exceptions import CxError, ParameterError
from cxwidgets.export.map_files import export_map
from cxwidgets.method import views as J
from cxwidgets.method.model import Persona, Workshop

ALL = "all"
#: A touchpoint needs this many feedback items to be named the one that hurts most.
MIN_VOLUME_FOR_WORST = 20
FILES = {"map_png": "map.png", "map_svg": "map.svg",
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

    def map_chart(self) -> Spec:
        return journey_map(self.draft, self.persona.id if self.persona else None)

    def touchpoint_chart(self) -> alt.HConcatChart:
        return volume_and_score(self.by_touchpoint, "touchpoint",
                                order=list(self.by_touchpoint["touchpoint"]))

    def stage_chart(self) -> alt.HConcatChart:
        return volume_and_score(self.by_stage, "stage", order=list(self.by_stage["stage"]))

    def trend_chart(self) -> alt.Chart:
        return trend_chart(trend(self.table, "stage"), "stage")

    def evidence_summary(self) -> str:
        """Per export: rows read, accepted, rejected by reason; untagged rows overall."""
        lines = []
        for export, report in self.evidence.reports:
            lines.append(f"{export.file.name} ({export.mapping.name}): {report.rows_read:,} "
                         f"rows read, {report.accepted:,} accepted, "
                         f"{report.rejected_count:,} rejected")
            for reason, count in report.counts_by_reason().items():
                lines.append(f"    {count:>6,}  {reason}")
        lines.append(f"untagged (no touchpoint found), all segments: "
                     f"{self.evidence.untagged:,}")
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
    for k in known:
        if k.casefold() == value.casefold():
            return k
    choices = ", ".join(repr(k) for k in [ALL, *known])
    raise ParameterError(f"parameter {name!r}: unknown {name} {value!r}; known: {choices}")


def _evidence(folder: Path) -> Evidence:
    try:
        return load_folder(folder)
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
    return sorted(str(v) for v in table[field_name].dropna().unique())


def segments_and_products(evidence_dir: str | Path) -> tuple[list[str], list[str]]:
    """The segments and products the evidence knows (what `cxwidgets run --all` runs)."""
    table = _evidence(Path(evidence_dir)).table
    return labels(table, "segment"), labels(table, "product")


def validate_parameters(segment: object, product: object, evidence_dir: object,
                        workshop_file: object, output_dir: object) -> ReportParams:
    """Check the notebook's parameters and return them typed, or raise `ParameterError`.

    Typed `object` on purpose: this is where untrusted values from Papermill come in.
    Side effect: `output_dir` is created if missing.
    """
    folder = Path(_text("evidence_dir", evidence_dir))
    table = _evidence(folder).table
    seg = _choice("segment", _text("segment", segment), labels(table, "segment"))
    prod = _choice("product", _text("product", product), labels(table, "product"))
    ws_path = Path(_text("workshop_file", workshop_file))
    _workshop(ws_path)
    out = _output_dir(Path(_text("output_dir", output_dir)))
    return ReportParams(seg, prod, folder, ws_path, out)


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


def build_report(params: ReportParams) -> ReportResult:
    """Compute and write one report into `params.output_dir`.

    Raises `ParameterError` when the segment and product have no feedback at all: an
    empty report would look like a finished one.
    """
    evidence = load_folder(params.evidence_dir)
    table = select(evidence.table, segment=params.segment, product=params.product)
    if table.empty:
        raise ParameterError(f"no feedback for segment {params.segment!r} and product "
                             f"{params.product!r} in {params.evidence_dir}")
    workshop = _workshop(params.workshop_file)
    draft, persona = persona_for(draft_workshop(workshop, table), table, params.segment,
                                 params.product)
    by_tp = _in_journey_order(metrics(table, "touchpoint"), "touchpoint",
                              [t.name for t in J.journey_touchpoints(workshop)])
    by_stage = _in_journey_order(metrics(table, "stage"), "stage",
                                 [s.name for s in J.ordered_stages(workshop)])
    figures = {**overall(table), "rows": len(table), "untagged":
               int(table["touchpoint"].isna().sum()), "worst_touchpoint": _worst(by_tp)}
    result = ReportResult(params, evidence, table, by_tp, by_stage,
                          representative_quotes(table, "touchpoint"), draft, persona,
                          figures)
    return _write(result)


def _write(result: ReportResult) -> ReportResult:
    out = result.params.output_dir
    files = {k: out / name for k, name in FILES.items()}
    pid = result.persona.id if result.persona else None
    for kind in ("png", "svg"):
        export_map(result.draft, files[f"map_{kind}"], persona_id=pid, force=True)
    result.by_touchpoint.to_csv(files["touchpoints"], index=False, lineterminator="\n")
    result.by_stage.to_csv(files["stages"], index=False, lineterminator="\n")
    result.quotes.to_csv(files["quotes"], index=False, lineterminator="\n")
    p = result.params
    summary = {"parameters": {"segment": p.segment, "product": p.product},
               "persona": result.persona.name if result.persona else None,
               **{k: _json_safe(v) for k, v in result.figures.items()}}
    summary["rows"] = summary.pop("volume", result.figures["rows"])
    # written last: its presence tells `cxwidgets run` the report is complete
    files["summary"].write_text(json.dumps(summary, indent=2) + "\n", encoding="utf-8")
    result.files.update(files)
    return result


def summary_markdown(result: ReportResult) -> str:
    """A few lines of Markdown an analyst can paste into a mail or a slide."""
    p, f = result.params, result.figures
    nps = "-" if math.isnan(f["nps"]) else f"{f['nps']:+.0f}"
    worst = f["worst_touchpoint"] or "(no touchpoint has enough feedback to say)"
    return "\n".join([
        f"### {p.segment} · {p.product}",
        "",
        f"- **{f['rows']:,}** pieces of feedback · score index **{f['score_index']:.0f}**/100 "
        f"· NPS **{nps}** · **{f['negative_share']:.0%}** negative",
        f"- Hurts most: **{worst}**",
        f"- Map drawn for: **{result.persona.name if result.persona else 'no persona'}**",
        f"- Untagged feedback (no touchpoint found): {f['untagged']:,}",
        f"- Exports in `{p.output_dir}`: " + ", ".join(
            f"`{path.name}`" for path in result.files.values()),
    ])
