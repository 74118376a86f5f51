"""The analyst's per-segment insight report, run by Papermill from notebooks/segment_report.ipynb.

An analyst reruns one notebook per customer segment and product to build a *bank of
journeys*; this module holds everything that notebook does, so that the notebook stays a
thin shell and the logic is unit-tested here. It reads a feedback CSV (columns as in
`sample_data/feedback.csv`), computes per-touchpoint metrics in journey order, draws one
chart and writes `metrics.csv`, `scores.svg` and `scores.png`.

It never touches the workshop store or any widget: a scheduled report must not depend on
a live workshop, and importing it must not pull in ipywidgets.

Parameters arrive from Papermill as whatever Python literal the caller passed (Papermill
only warns about unknown names and checks no types), so `validate_parameters` checks each
one and raises `ParameterError` with a message an analyst can act on.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import altair as alt
import pandas as pd

from cxwidgets.exceptions import ParameterError

ALL = "all"
"""Parameter value meaning "do not filter on this column"."""

JOURNEY_STAGES: tuple[str, ...] = (
    "awareness",
    "consideration",
    "purchase",
    "delivery",
    "use",
    "support",
    "renewal",
)
"""Stages from first contact to end of journey; reports and charts follow this order."""

REQUIRED_COLUMNS: tuple[str, ...] = ("date", "stage", "touchpoint", "segment", "product", "score")
"""Columns the report needs; other columns (text, source, channel ...) are carried along."""

NEGATIVE_MAX_SCORE = 2
"""Scores at or below this (on 1-5) count as negative feedback."""

MIN_VOLUME_FOR_WORST = 10
"""A touchpoint needs this many rows to be named the worst: one angry review is no trend."""

METRICS_FILE = "metrics.csv"
SVG_FILE = "scores.svg"
PNG_FILE = "scores.png"


@dataclass(frozen=True)
class ReportParams:
    """Checked report parameters; only `validate_parameters` should build one."""

    segment: str
    product: str
    data_path: Path
    output_dir: Path


@dataclass(frozen=True, eq=False)
class ReportResult:
    """What one report run produced: the files, the figures quoted in the summary, the chart."""

    params: ReportParams
    metrics: pd.DataFrame
    chart: alt.Chart
    metrics_csv: Path
    chart_svg: Path
    chart_png: Path
    rows: int
    mean_score: float
    worst_touchpoint: str
    worst_mean_score: float


def _require_text(name: str, value: object) -> str:
    """Papermill injects any literal (`-p segment 5` arrives as int): insist on str."""
    if not isinstance(value, str):
        raise ParameterError(
            f"parameter {name!r} must be text, got {type(value).__name__} {value!r}"
        )
    return value


def _check_choice(name: str, value: str, known: list[str]) -> None:
    """Accept "all" or a value present in the data; otherwise list what would work."""
    if value != ALL and value not in known:
        choices = ", ".join(repr(k) for k in [ALL, *known])
        raise ParameterError(f"parameter {name!r}: unknown {name} {value!r}; known: {choices}")


def _prepare_output_dir(output_dir: Path) -> None:
    """Create the export folder up front so a bad path fails before any work is done."""
    if output_dir.exists() and not output_dir.is_dir():
        raise ParameterError(
            f"parameter 'output_dir': {output_dir} exists and is a file, not a folder"
        )
    try:
        output_dir.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise ParameterError(
            f"parameter 'output_dir': cannot create folder {output_dir}: {exc}"
        ) from exc


def _read_checked(data_path: Path) -> pd.DataFrame:
    """Load the CSV, turning every way it can be unusable into one clear ParameterError."""
    if not data_path.is_file():
        what = "is a folder, not a file" if data_path.is_dir() else "does not exist"
        raise ParameterError(
            f"parameter 'data_path': {data_path} {what} (resolved: {data_path.resolve()})"
        )
    try:
        return load_feedback(data_path)
    except (OSError, ValueError) as exc:  # ValueError covers parser, empty and decode errors
        raise ParameterError(
            f"parameter 'data_path': cannot read {data_path} as a feedback CSV: {exc}"
        ) from exc


def validate_parameters(
    segment: object, product: object, data_path: object, output_dir: object
) -> ReportParams:
    """Check the notebook's parameters and return them typed, or raise `ParameterError`.

    Arguments are typed `object` on purpose: this is the boundary where untrusted values
    from Papermill enter. Side effect: `output_dir` is created if missing.
    """
    texts = {
        name: _require_text(name, value)
        for name, value in (
            ("segment", segment),
            ("product", product),
            ("data_path", data_path),
            ("output_dir", output_dir),
        )
    }
    path = Path(texts["data_path"])
    df = _read_checked(path)
    _check_choice("segment", texts["segment"], sorted(df["segment"].unique()))
    _check_choice("product", texts["product"], sorted(df["product"].unique()))
    out = Path(texts["output_dir"])
    _prepare_output_dir(out)
    return ReportParams(texts["segment"], texts["product"], path, out)


def load_feedback(path: str | Path) -> pd.DataFrame:
    """Read a feedback CSV with `date` as datetimes and `score` as numbers.

    Raises `ValueError` if a required column is missing or a date or score does not
    parse, so bad data fails here rather than as a confusing error in a chart.
    """
    df = pd.read_csv(path)
    missing = [c for c in REQUIRED_COLUMNS if c not in df.columns]
    if missing:
        raise ValueError(f"missing column(s) {', '.join(missing)} in {path}")
    df["date"] = pd.to_datetime(df["date"], format="ISO8601")
    df["score"] = pd.to_numeric(df["score"])
    return df


def _stage_rank(stages: pd.Series) -> pd.Series:
    """Journey position of each stage; stages outside the standard list sort last."""
    order = {stage: i for i, stage in enumerate(JOURNEY_STAGES)}
    return stages.map(lambda s: order.get(s, len(JOURNEY_STAGES)))


def touchpoint_metrics(df: pd.DataFrame) -> pd.DataFrame:
    """Per stage and touchpoint: volume, mean score and share of negative scores.

    Rows come in journey order (then by touchpoint name within a stage), the order every
    journey map is read in. Columns: stage, touchpoint, volume, mean_score, share_negative.
    """
    columns = ["stage", "touchpoint", "volume", "mean_score", "share_negative"]
    if df.empty:
        return pd.DataFrame(columns=columns)
    grouped = (
        df.assign(negative=df["score"].le(NEGATIVE_MAX_SCORE).astype(float))
        .groupby(["stage", "touchpoint"], sort=False)
        .agg(
            volume=("score", "size"),
            mean_score=("score", "mean"),
            share_negative=("negative", "mean"),
        )
        .reset_index()
    )
    grouped = grouped.assign(_rank=_stage_rank(grouped["stage"]))
    grouped = grouped.sort_values(["_rank", "stage", "touchpoint"], kind="stable")
    return grouped[columns].reset_index(drop=True)


def volume_chart(metrics: pd.DataFrame) -> alt.Chart:
    """Bar chart of mean score per touchpoint, coloured by stage, in journey order.

    Pure: reads `metrics` (as from `touchpoint_metrics`) and returns a chart spec without
    rendering or saving it, so tests can inspect `chart.to_dict()`.
    """
    touchpoint_order = list(metrics["touchpoint"])
    present = set(metrics["stage"])
    stage_order = [s for s in JOURNEY_STAGES if s in present]
    stage_order += sorted(present - set(stage_order))
    return (
        alt.Chart(metrics, title="Mean score per touchpoint (1 = very negative, 5 = very positive)")
        .mark_bar()
        .encode(
            x=alt.X("touchpoint:N", sort=touchpoint_order, title="Touchpoint"),
            y=alt.Y("mean_score:Q", scale=alt.Scale(domain=[0, 5]), title="Mean score"),
            color=alt.Color("stage:N", sort=stage_order, title="Stage"),
            tooltip=[
                alt.Tooltip("stage:N", title="Stage"),
                alt.Tooltip("touchpoint:N", title="Touchpoint"),
                alt.Tooltip("volume:Q", title="Feedback items"),
                alt.Tooltip("mean_score:Q", title="Mean score", format=".2f"),
                alt.Tooltip("share_negative:Q", title="Negative", format=".0%"),
            ],
        )
        .properties(width=alt.Step(36), height=260)
    )


def _select(df: pd.DataFrame, params: ReportParams) -> pd.DataFrame:
    """Rows for the requested segment and product ("all" keeps every value)."""
    keep = pd.Series(True, index=df.index)
    if params.segment != ALL:
        keep &= df["segment"].eq(params.segment)
    if params.product != ALL:
        keep &= df["product"].eq(params.product)
    return df.loc[keep]


def _worst(metrics: pd.DataFrame) -> pd.Series:
    """Lowest-scoring touchpoint with enough volume (or overall, if none has enough)."""
    candidates = metrics[metrics["volume"] >= MIN_VOLUME_FOR_WORST]
    if candidates.empty:
        candidates = metrics
    return candidates.sort_values(["mean_score", "volume"], ascending=[True, False]).iloc[0]


def build_report(params: ReportParams) -> ReportResult:
    """Filter, compute and export one report into `params.output_dir`.

    Charts are saved through vl-convert, which works offline (no CDN). Raises
    `ParameterError` if the segment/product combination has no feedback at all, since an
    empty report would look like a finished one.
    """
    selected = _select(load_feedback(params.data_path), params)
    if selected.empty:
        raise ParameterError(
            f"no feedback for segment {params.segment!r} and product {params.product!r} "
            f"in {params.data_path}"
        )
    metrics = touchpoint_metrics(selected)
    chart = volume_chart(metrics)
    out = params.output_dir
    metrics.to_csv(out / METRICS_FILE, index=False, lineterminator="\n")
    chart.save(out / SVG_FILE)
    chart.save(out / PNG_FILE)
    worst = _worst(metrics)
    return ReportResult(
        params=params,
        metrics=metrics,
        chart=chart,
        metrics_csv=out / METRICS_FILE,
        chart_svg=out / SVG_FILE,
        chart_png=out / PNG_FILE,
        rows=len(selected),
        mean_score=float(selected["score"].mean()),
        worst_touchpoint=str(worst["touchpoint"]),
        worst_mean_score=float(worst["mean_score"]),
    )


def summary_markdown(result: ReportResult) -> str:
    """A few lines of Markdown an analyst can paste into a mail or a slide."""
    p = result.params
    return "\n".join(
        [
            f"### Segment: {p.segment} | product: {p.product}",
            "",
            f"- **{result.rows:,}** feedback items, mean score **{result.mean_score:.2f}** / 5",
            f"- Worst touchpoint: **{result.worst_touchpoint}** "
            f"(mean {result.worst_mean_score:.2f}; at least {MIN_VOLUME_FOR_WORST} items "
            "where possible)",
            f"- Exports in `{p.output_dir}`: `{result.metrics_csv.name}`, "
            f"`{result.chart_svg.name}`, `{result.chart_png.name}`",
        ]
    )
