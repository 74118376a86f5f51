"""The segment report's logic, without a kernel: parameters, figures, exports."""

from __future__ import annotations

import json
from pathlib import Path

import pandas as pd
import pytest

from cxwidgets.evidence.folder import load_folder
from cxwidgets.exceptions import ParameterError
from cxwidgets.report import (
    build_report,
    segments_and_products,
    summary_markdown,
    validate_parameters,
)
from cxwidgets.resources import SAMPLE_DATA, SAMPLE_WORKSHOP
from cxwidgets.testing import look_at

EVIDENCE = SAMPLE_DATA / "feedback"


def params(out: Path, **given):
    args = {"segment": "all", "product": "all", "evidence_dir": str(EVIDENCE),
            "workshop_file": str(SAMPLE_WORKSHOP), "output_dir": str(out), **given}
    return validate_parameters(**args)


@pytest.mark.parametrize("name", ["segment", "product", "evidence_dir", "workshop_file",
                                  "output_dir"])
def test_a_parameter_that_is_not_text_is_named(tmp_path, name):
    with pytest.raises(ParameterError, match=f"parameter '{name}' must be non-empty text, "
                                             "got int 5"):
        params(tmp_path / "out", **{name: 5})


def test_unknown_segment_and_product_list_the_known_ones(tmp_path):
    with pytest.raises(ParameterError) as info:
        params(tmp_path / "out", segment="Pirates")
    assert str(info.value) == (
        "parameter 'segment': unknown segment 'Pirates'; known: 'all', 'Busy parents', "
        "'Retired couples', 'Students', 'Young professionals'")
    with pytest.raises(ParameterError, match="known: 'all', 'Classic box', 'Family box'"):
        params(tmp_path / "out", product="Fish box")
    assert params(tmp_path / "out", segment="STUDENTS").segment == "Students"  # case-blind


def test_bad_folders_and_files_are_named(tmp_path):
    with pytest.raises(ParameterError, match=r"parameter 'evidence_dir': evidence folder .* "
                                             r"does not exist"):
        params(tmp_path / "out", evidence_dir=str(tmp_path / "nowhere"))
    lonely = tmp_path / "lonely"
    lonely.mkdir()
    (lonely / "reviews.mapping.yaml").write_text("columns: {text: Review}\n")
    with pytest.raises(ParameterError, match=r"reviews.mapping.yaml: no export file named "
                                             r"reviews\.\*"):
        params(tmp_path / "out", evidence_dir=str(lonely))
    not_a_workshop = tmp_path / "w.json"
    not_a_workshop.write_text('{"hello": 1}')
    with pytest.raises(ParameterError, match=r"parameter 'workshop_file': .* is not a saved "
                                             r"workshop"):
        params(tmp_path / "out", workshop_file=str(not_a_workshop))
    blocker = tmp_path / "file"
    blocker.write_text("x")
    with pytest.raises(ParameterError, match=r"parameter 'output_dir': .* is a file"):
        params(blocker)
    assert not (tmp_path / "out").exists()  # nothing created before every check passed


def test_segments_and_products_come_from_the_evidence():
    segments, products = segments_and_products(EVIDENCE)
    assert segments == ["Busy parents", "Retired couples", "Students", "Young professionals"]
    assert products == ["Classic box", "Family box", "Veggie box"]


def test_a_report_matches_the_evidence_and_writes_every_export(tmp_path):
    result = build_report(params(tmp_path / "out", segment="Retired couples",
                                 product="Veggie box"))
    table = load_folder(EVIDENCE).table
    mine = table[(table["segment"] == "Retired couples") & (table["product"] == "Veggie box")]
    summary = json.loads((tmp_path / "out" / "summary.json").read_text())
    assert summary["rows"] == len(mine) > 500
    nps = mine[mine["score_type"] == "nps"]["score"]
    expected_nps = ((nps >= 9).mean() - (nps <= 6).mean()) * 100
    assert summary["nps"] == pytest.approx(expected_nps)
    assert summary["persona"] == "Margaret and Alan, the retired couple"  # their own persona
    per_tp = pd.read_csv(tmp_path / "out" / "metrics_touchpoints.csv")
    assert per_tp["volume"].sum() == mine["touchpoint"].notna().sum()
    assert set(pd.read_csv(tmp_path / "out" / "quotes.csv")["polarity"]) == {"negative",
                                                                           "positive"}
    picture = look_at(tmp_path / "out" / "map.png")
    assert picture.width > 1000 and picture.colours > 100 and picture.inked > 0.2
    assert "Margaret and Alan" in (tmp_path / "out" / "map.svg").read_text()
    text = summary_markdown(result)
    assert f"**{len(mine):,}** pieces of feedback" in text and "Hurts most" in text


def test_a_segment_without_a_persona_gets_one_from_its_feedback(tmp_path):
    result = build_report(params(tmp_path / "out", segment="Students"))
    assert result.persona.name == "Students (from feedback)"
    assert result.persona.quote  # voiced by the most telling complaint
    assert "Students (from feedback)" in (tmp_path / "out" / "map.svg").read_text()


def test_segments_tell_different_stories(tmp_path):
    worst = {}
    for seg in ("Students", "Retired couples"):
        out = tmp_path / seg
        build_report(params(out, segment=seg))
        worst[seg] = json.loads((out / "summary.json").read_text())
    assert worst["Students"]["score_index"] != worst["Retired couples"]["score_index"]


def test_no_feedback_for_a_combination_is_an_error_not_an_empty_report(tmp_path):
    from cxwidgets.report import ReportParams

    empty = ReportParams("Students", "No such box", EVIDENCE, SAMPLE_WORKSHOP,
                         tmp_path / "out")
    (tmp_path / "out").mkdir()
    with pytest.raises(ParameterError, match="no feedback for segment 'Students' and "
                                             "product 'No such box'"):
        build_report(empty)
    assert not (tmp_path / "out" / "summary.json").exists()
