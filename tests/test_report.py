"""Unit tests of cxwidgets.report: parameter checks, metrics, chart spec, exports.

Everything runs on tiny tables built here, so expected numbers are worked out by hand;
the real-notebook run lives in test_segment_report_notebook.py.
"""

from __future__ import annotations

import dataclasses
import re
from pathlib import Path

import pandas as pd
import pytest

from cxwidgets.exceptions import ParameterError
from cxwidgets.report import (
    MIN_VOLUME_FOR_WORST,
    ReportParams,
    build_report,
    load_feedback,
    summary_markdown,
    touchpoint_metrics,
    validate_parameters,
    volume_chart,
)

TINY = pd.DataFrame(
    {
        "stage": [
            "renewal",
            "renewal",
            "awareness",
            "awareness",
            "awareness",
            "use",
            "awareness",
            "moon",
        ],
        "touchpoint": [
            "renewal offer",
            "renewal offer",
            "social media ad",
            "social media ad",
            "social media ad",
            "mobile app",
            "comparison website",
            "teleport",
        ],
        "score": [2, 4, 5, 1, 3, 1, 4, 3],
    }
)


def _feedback_rows() -> pd.DataFrame:
    """A small but complete feedback table: segments a/b, products x/y, no (b, y) rows."""
    rows = []
    for i in range(MIN_VOLUME_FOR_WORST):
        rows.append(("awareness", "social media ad", "a", "x", 4 if i % 2 else 3))
        rows.append(("use", "monthly bill", "a", "x", 2))
    rows.append(("support", "help line", "a", "y", 1))  # lowest mean, but too few items
    rows.append(("use", "mobile app", "b", "x", 5))
    df = pd.DataFrame(rows, columns=["stage", "touchpoint", "segment", "product", "score"])
    df.insert(0, "date", "2025-03-01")
    df["text"] = "fine"
    return df


@pytest.fixture
def csv_path(tmp_path: Path) -> Path:
    path = tmp_path / "feedback.csv"
    _feedback_rows().to_csv(path, index=False)
    return path


@pytest.fixture
def out_dir(tmp_path: Path) -> Path:
    return tmp_path / "out"


# --- validate_parameters -------------------------------------------------------------


@pytest.mark.parametrize("name", ["segment", "product", "data_path", "output_dir"])
def test_wrong_type_names_parameter_type_and_value(name: str, csv_path: Path, out_dir: Path):
    args = {
        "segment": "all",
        "product": "all",
        "data_path": str(csv_path),
        "output_dir": str(out_dir),
    }
    args[name] = 5
    with pytest.raises(ParameterError) as info:
        validate_parameters(**args)
    assert str(info.value) == f"parameter '{name}' must be text, got int 5"


def test_none_is_not_text(csv_path: Path, out_dir: Path):
    with pytest.raises(ParameterError, match="parameter 'product' must be text, got NoneType"):
        validate_parameters("all", None, str(csv_path), str(out_dir))


def test_path_object_is_not_text(csv_path: Path, out_dir: Path):
    # Papermill can only inject literals; a Path means someone called this from code.
    with pytest.raises(ParameterError, match="parameter 'data_path' must be text, got PosixPath"):
        validate_parameters("all", "all", csv_path, str(out_dir))


def test_unknown_segment_lists_known_ones(csv_path: Path, out_dir: Path):
    with pytest.raises(ParameterError) as info:
        validate_parameters("pirates", "all", str(csv_path), str(out_dir))
    assert str(info.value) == (
        "parameter 'segment': unknown segment 'pirates'; known: 'all', 'a', 'b'"
    )


def test_unknown_product_lists_known_ones(csv_path: Path, out_dir: Path):
    with pytest.raises(ParameterError) as info:
        validate_parameters("a", "z", str(csv_path), str(out_dir))
    assert str(info.value) == "parameter 'product': unknown product 'z'; known: 'all', 'x', 'y'"


def test_segment_is_case_sensitive(csv_path: Path, out_dir: Path):
    with pytest.raises(ParameterError, match="unknown segment 'A'"):
        validate_parameters("A", "all", str(csv_path), str(out_dir))


def test_missing_file_names_the_path(tmp_path: Path, out_dir: Path):
    missing = tmp_path / "nope" / "feedback.csv"
    with pytest.raises(ParameterError) as info:
        validate_parameters("all", "all", str(missing), str(out_dir))
    message = str(info.value)
    assert message.startswith("parameter 'data_path': ")
    assert f"{missing} does not exist" in message
    assert not out_dir.exists(), "nothing is created when the data is missing"


def test_data_path_that_is_a_folder(tmp_path: Path, out_dir: Path):
    with pytest.raises(ParameterError, match="is a folder, not a file"):
        validate_parameters("all", "all", str(tmp_path), str(out_dir))


def test_csv_without_required_columns(tmp_path: Path, out_dir: Path):
    path = tmp_path / "other.csv"
    path.write_text("name,age\nada,36\n")
    with pytest.raises(ParameterError) as info:
        validate_parameters("all", "all", str(path), str(out_dir))
    message = str(info.value)
    assert f"cannot read {path} as a feedback CSV" in message
    assert "missing column(s) date, stage, touchpoint, segment, product, score" in message


def test_empty_file_is_not_a_csv(tmp_path: Path, out_dir: Path):
    path = tmp_path / "empty.csv"
    path.write_text("")
    with pytest.raises(ParameterError, match=re.escape(f"cannot read {path} as a feedback CSV")):
        validate_parameters("all", "all", str(path), str(out_dir))


def test_bad_date_is_reported(tmp_path: Path, out_dir: Path):
    df = _feedback_rows()
    df.loc[0, "date"] = "last tuesday"
    path = tmp_path / "bad_date.csv"
    df.to_csv(path, index=False)
    with pytest.raises(ParameterError, match=r"as a feedback CSV: .*last tuesday"):
        validate_parameters("all", "all", str(path), str(out_dir))


def test_output_dir_that_is_a_file(csv_path: Path, tmp_path: Path):
    blocker = tmp_path / "report.txt"
    blocker.write_text("not a folder")
    with pytest.raises(ParameterError) as info:
        validate_parameters("all", "all", str(csv_path), str(blocker))
    assert str(info.value) == (
        f"parameter 'output_dir': {blocker} exists and is a file, not a folder"
    )


def test_output_dir_below_a_file(csv_path: Path, tmp_path: Path):
    blocker = tmp_path / "report.txt"
    blocker.write_text("not a folder")
    with pytest.raises(ParameterError, match="parameter 'output_dir': cannot create folder"):
        validate_parameters("all", "all", str(csv_path), str(blocker / "sub"))


def test_valid_parameters_create_output_dir(csv_path: Path, tmp_path: Path):
    out = tmp_path / "deep" / "er" / "out"
    params = validate_parameters("b", "x", str(csv_path), str(out))
    assert params == ReportParams("b", "x", csv_path, out)
    assert out.is_dir()
    with pytest.raises(dataclasses.FrozenInstanceError):
        params.segment = "a"  # type: ignore[misc]


def test_existing_output_dir_is_fine(csv_path: Path, tmp_path: Path):
    params = validate_parameters("all", "all", str(csv_path), str(tmp_path))
    assert params.output_dir == tmp_path


# --- load_feedback ---------------------------------------------------------------------


def test_load_feedback_parses_dates_and_scores(csv_path: Path):
    df = load_feedback(csv_path)
    assert pd.api.types.is_datetime64_any_dtype(df["date"])
    assert df["date"].iloc[0] == pd.Timestamp("2025-03-01")
    assert pd.api.types.is_integer_dtype(df["score"])
    assert len(df) == 2 * MIN_VOLUME_FOR_WORST + 2


def test_load_feedback_rejects_non_numeric_score(tmp_path: Path):
    df = _feedback_rows()
    df["score"] = df["score"].astype(str)
    df.loc[3, "score"] = "great"
    path = tmp_path / "words.csv"
    df.to_csv(path, index=False)
    with pytest.raises(ValueError, match="great"):
        load_feedback(path)


# --- touchpoint_metrics ----------------------------------------------------------------


def test_metrics_in_journey_order_with_computed_values():
    metrics = touchpoint_metrics(TINY)
    assert list(metrics.columns) == [
        "stage",
        "touchpoint",
        "volume",
        "mean_score",
        "share_negative",
    ]
    # Journey order, then touchpoint name; the unknown stage "moon" sorts last.
    assert list(zip(metrics["stage"], metrics["touchpoint"], strict=True)) == [
        ("awareness", "comparison website"),
        ("awareness", "social media ad"),
        ("use", "mobile app"),
        ("renewal", "renewal offer"),
        ("moon", "teleport"),
    ]
    assert list(metrics["volume"]) == [1, 3, 1, 2, 1]
    assert list(metrics["mean_score"]) == pytest.approx([4.0, 3.0, 1.0, 3.0, 3.0])
    # Score 2 counts as negative (renewal offer: one of two), score 3 does not.
    assert list(metrics["share_negative"]) == pytest.approx([0.0, 1 / 3, 1.0, 0.5, 0.0])


def test_metrics_match_a_direct_groupby():
    metrics = touchpoint_metrics(TINY).set_index("touchpoint")
    direct = TINY.groupby("touchpoint")["score"]
    assert metrics["volume"].to_dict() == direct.size().to_dict()
    pd.testing.assert_series_equal(
        metrics["mean_score"].sort_index(), direct.mean().sort_index(), check_names=False
    )


def test_metrics_of_empty_frame():
    metrics = touchpoint_metrics(TINY.iloc[0:0])
    assert metrics.empty
    assert list(metrics.columns) == [
        "stage",
        "touchpoint",
        "volume",
        "mean_score",
        "share_negative",
    ]


def test_metrics_do_not_modify_input():
    before = TINY.copy()
    touchpoint_metrics(TINY)
    pd.testing.assert_frame_equal(TINY, before)


# --- volume_chart ----------------------------------------------------------------------


def test_chart_spec():
    metrics = touchpoint_metrics(TINY)
    before = metrics.copy()
    spec = volume_chart(metrics).to_dict()
    pd.testing.assert_frame_equal(metrics, before)  # pure: the input is untouched

    assert spec["mark"]["type"] == "bar"
    enc = spec["encoding"]
    assert enc["x"]["field"] == "touchpoint"
    assert enc["x"]["type"] == "nominal"
    assert enc["x"]["sort"] == [
        "comparison website",
        "social media ad",
        "mobile app",
        "renewal offer",
        "teleport",
    ]
    assert enc["y"]["field"] == "mean_score"
    assert enc["y"]["type"] == "quantitative"
    assert enc["y"]["scale"]["domain"] == [0, 5]
    assert enc["color"]["field"] == "stage"
    assert enc["color"]["sort"] == ["awareness", "use", "renewal", "moon"]
    assert {t["field"] for t in enc["tooltip"]} == {
        "stage",
        "touchpoint",
        "volume",
        "mean_score",
        "share_negative",
    }
    values = spec["datasets"][spec["data"]["name"]]
    assert [v["touchpoint"] for v in values] == enc["x"]["sort"]
    assert [v["volume"] for v in values] == [1, 3, 1, 2, 1]


# --- build_report ----------------------------------------------------------------------


def test_build_report_writes_exports_and_summary(csv_path: Path, out_dir: Path):
    params = validate_parameters("a", "all", str(csv_path), str(out_dir))
    result = build_report(params)

    assert result.metrics_csv == out_dir / "metrics.csv"
    written = pd.read_csv(result.metrics_csv)
    assert list(written["touchpoint"]) == ["social media ad", "monthly bill", "help line"]
    assert list(written["volume"]) == [MIN_VOLUME_FOR_WORST, MIN_VOLUME_FOR_WORST, 1]
    assert result.chart_svg.read_text().lstrip().startswith("<svg")
    assert result.chart_png.read_bytes().startswith(b"\x89PNG\r\n\x1a\n")

    assert result.rows == 2 * MIN_VOLUME_FOR_WORST + 1
    expected_mean = _feedback_rows().query("segment == 'a'")["score"].mean()
    assert result.mean_score == pytest.approx(expected_mean)
    # help line scores lower (1.0) but has one item: monthly bill (2.0) is the worst trend.
    assert result.worst_touchpoint == "monthly bill"
    assert result.worst_mean_score == pytest.approx(2.0)

    text = summary_markdown(result)
    assert "Segment: a | product: all" in text
    assert f"**{result.rows:,}** feedback items" in text
    assert "**monthly bill**" in text


def test_build_report_with_too_few_items_names_lowest(csv_path: Path, out_dir: Path):
    result = build_report(validate_parameters("a", "y", str(csv_path), str(out_dir)))
    assert result.rows == 1
    assert result.worst_touchpoint == "help line"


def test_build_report_refuses_empty_selection(csv_path: Path, out_dir: Path):
    params = validate_parameters("b", "y", str(csv_path), str(out_dir))
    with pytest.raises(ParameterError, match="no feedback for segment 'b' and product 'y'"):
        build_report(params)
    assert not (out_dir / "metrics.csv").exists()
