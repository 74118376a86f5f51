"""The segment report's logic, without a kernel: parameters, figures, exports."""

from __future__ import annotations

import json
from pathlib import Path

import pandas as pd
import pytest
from pptx import Presentation

from cxwidgets.evidence.folder import load_folder
from cxwidgets.exceptions import ParameterError
from cxwidgets.resources import SAMPLE_DATA, SAMPLE_WORKSHOP
from cxwidgets.segment_report import (
    build_report,
    report_jobs,
    segments_and_products,
    summary_markdown,
    validate_parameters,
)
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
        "'Retired couples', 'Students', 'Young professionals', '(no segment)'")
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
    # social posts and unmatched app reviews name no customer: a segment of their own
    assert segments == ["Busy parents", "Retired couples", "Students", "Young professionals",
                        "(no segment)"]
    assert products == ["Classic box", "Family box", "Veggie box", "(no product)"]


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
    deck = Presentation(str(tmp_path / "out" / "deck.pptx"))  # the segment's own deck
    titles = [slide.shapes.title.text_frame.text for slide in deck.slides]
    assert "The journey map for Margaret and Alan, the retired couple" in titles
    assert next(sh.image.blob for slide in deck.slides for sh in slide.shapes
                if sh.shape_type == 13) == (tmp_path / "out" / "map.png").read_bytes()
    text = summary_markdown(result)
    assert f"(**{len(mine):,}** answers: one per question answered)" in text
    assert f"**{summary['responses']:,}** responses" in text and "Hurts most" in text
    assert summary["responses"] < summary["rows"]  # the survey answers several questions


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
    from cxwidgets.segment_report import ReportParams

    empty = ReportParams("Students", "No such box", EVIDENCE, SAMPLE_WORKSHOP,
                         tmp_path / "out")
    (tmp_path / "out").mkdir()
    with pytest.raises(ParameterError, match="no feedback for segment 'Students' and "
                                             "product 'No such box'"):
        build_report(empty)
    assert not (tmp_path / "out" / "summary.json").exists()


# -- the right map for the data ----------------------------------------------------------

@pytest.fixture(scope="module")
def airline(generator, tmp_path_factory) -> Path:
    """Airline reviews alone in a folder, with no mapping file: the guess is used."""
    folder = tmp_path_factory.mktemp("airline")
    generator.airline_reviews().to_csv(folder / "airline_reviews.csv", index=False)
    return folder


@pytest.fixture(scope="module")
def tweets(generator, tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("tweets")
    generator.airline_tweets(rows=1500, refetched=5).to_csv(folder / "airline_tweets.csv",
                                                            index=False)
    return folder


def test_evidence_that_does_not_fit_the_sample_gets_a_map_drafted_from_itself(airline,
                                                                               tmp_path):
    result = build_report(params(tmp_path / "out", evidence_dir=str(airline)))
    assert result.params.draft_map
    assert sorted(t.name for t in result.draft.touchpoints)[:2] == ["Cabin staff service",
                                                                    "Food & beverages"]
    assert "Seat comfort" in (tmp_path / "out" / "map.svg").read_text()
    assert "Courier at the door" not in (tmp_path / "out" / "map.svg").read_text()
    summary = json.loads((tmp_path / "out" / "summary.json").read_text())
    assert summary["map"] == "drafted from the evidence" and summary["uncertain"] is True
    assert summary["warnings"][0].startswith("The evidence does not fit the sample workshop")
    assert any("read as one score per touchpoint" in w for w in summary["warnings"])
    for key in ("rows", "scored", "untagged", "volume_only", "nps_answers", "csat_answers"):
        assert isinstance(summary[key], int), key  # counts are whole numbers
    text = summary_markdown(result)
    assert text.splitlines()[2].startswith("> ⚠ **Check before you trust this report:** The "
                                           "evidence does not fit the sample workshop")
    assert f"**{summary['rows']:,}** answers" in text


def test_a_workshop_that_does_not_fit_is_used_but_the_report_says_so(airline, tmp_path):
    from cxwidgets import starters

    bank = tmp_path / "bank.json"
    bank.write_text(starters.load("bank_account").workshop().to_json())
    result = build_report(params(tmp_path / "out", evidence_dir=str(airline),
                                 workshop_file=str(bank)))
    assert not result.params.draft_map
    assert result.warnings[0].startswith("The map may be the wrong one for this evidence: 0 "
                                         "of the evidence's 7 touchpoints (0 of ")


def test_the_sample_evidence_on_the_sample_workshop_warns_of_nothing_about_the_map(tmp_path):
    result = build_report(params(tmp_path / "out", segment="Students"))
    assert not result.params.draft_map
    assert not any("map" in w for w in result.warnings)


def test_rows_without_a_segment_have_a_report_of_their_own(tmp_path):
    result = build_report(params(tmp_path / "out", segment="(no segment)"))
    table = load_folder(EVIDENCE).table
    assert len(result.table) == int(table["segment"].isna().sum()) > 3000
    assert result.table["segment"].isna().all()


def test_all_runs_segments_only_products_only_both_or_neither(tweets, airline, tmp_path):
    freshbox = report_jobs(EVIDENCE)
    assert ("Students", "Veggie box") in freshbox and ("(no segment)", "all") in freshbox
    assert len(freshbox) == 13  # every segment x product pair with feedback, and the rest
    assert report_jobs(tweets) == [("all", a) for a in (
        "Bluebird", "Coastal", "Harmony", "Liberty", "Northwind", "Pacific Jet")]
    flights = report_jobs(airline)  # traveller types x seat types; 8% give no type
    assert len(flights) == 4 * 4 + 1 and flights[-1] == ("(no segment)", "all")
    segments_only = tmp_path / "segments"
    segments_only.mkdir()
    (segments_only / "s.csv").write_text("who,said\n" + "".join(
        f"{'Early birds' if k % 2 else ''},words number {k}\n" for k in range(30)))
    (segments_only / "s.mapping.yaml").write_text("columns: {segment: who, text: said}\n")
    assert report_jobs(segments_only) == [("Early birds", "all"), ("(no segment)", "all")]
    nothing = tmp_path / "nothing"
    nothing.mkdir()
    (nothing / "n.csv").write_text("said\n" + "".join(f"words {k}\n" for k in range(30)))
    assert report_jobs(nothing) == [("all", "all")]


def test_unknown_lookup_values_are_listed_with_their_counts(tmp_path):
    folder = tmp_path / "ev"
    folder.mkdir()
    (folder / "t.csv").write_text("id,category,text\n1,Billing,a\n2,Billing,b\n3,Courier,c\n")
    (folder / "t.mapping.yaml").write_text("columns: {id: id, touchpoint: category, "
                                           "text: text}\n")
    (folder / "tagging.yaml").write_text("stages: {Courier: Delivery}\n")
    result = build_report(params(tmp_path / "out", evidence_dir=str(folder)))
    assert "touchpoint values the tagging table does not know (rows): Billing (2)" in \
        result.evidence_summary()
    summary = json.loads((tmp_path / "out" / "summary.json").read_text())
    assert summary["unknown_lookup_values"] == {"Billing": 2}


def test_the_encoding_parameter_is_checked(tmp_path):
    from cxwidgets.segment_report import validate_parameters

    with pytest.raises(ParameterError, match="parameter 'encoding': unknown encoding 'nope'"):
        validate_parameters("all", "all", str(EVIDENCE), str(SAMPLE_WORKSHOP),
                            str(tmp_path / "out"), "nope")
    params = validate_parameters("all", "all", str(EVIDENCE), str(SAMPLE_WORKSHOP),
                                 str(tmp_path / "out"), "Latin-1")
    assert params.encoding == "latin_1"


def test_the_counts_say_what_they_count_and_agree_with_step_2(tmp_path):
    """The bank said 59,250 pieces of feedback where step 2 says 22,855 for the same data:
    the first counted answers (a survey response answers up to eight questions), the
    second rows of the files. Both are given now, each with its unit."""
    from cxwidgets.sample import load_sample_workshop

    build_report(params(tmp_path / "out"))
    summary = json.loads((tmp_path / "out" / "summary.json").read_text())
    step_2 = sum(s.rows or 0 for s in load_sample_workshop().sources)
    assert summary["evidence"]["rows_read"] == step_2 == 22_855
    evidence = load_folder(EVIDENCE)
    rejected = sum(r.rejected_count for _, r in evidence.reports)
    assert summary["responses"] == summary["evidence"]["responses"] == evidence.responses()
    assert step_2 - summary["responses"] <= rejected  # a row rejected by one mapping only
    assert summary["rows"] == len(evidence.table) > 2 * summary["responses"]  # answers


def test_a_wrong_segment_or_product_is_refused_before_any_report(tmp_path):
    from cxwidgets.segment_report import check_jobs

    check_jobs(EVIDENCE, [("Students", "all"), ("all", "Veggie box"), ("STUDENTS", "all")])
    with pytest.raises(ParameterError) as info:
        check_jobs(EVIDENCE, [("Studnets", "all"), ("Students", "Fish box"),
                              ("Studnets", "Veggie box")])
    said = str(info.value)
    assert said.count("Studnets") == 1 and "segments: 'all', 'Busy parents'" in said
    assert "no product 'Fish box' in the evidence" in said and "Nothing was run" in said


def test_a_german_workshops_report_draws_its_map_in_german(tmp_path):
    """The bank's map of the report is the workshop's: drawn in its language, titled in it,
    whatever the kernel that runs the report speaks."""
    german = json.loads(SAMPLE_WORKSHOP.read_text())
    german["language"] = "de"
    workshop = tmp_path / "workshop.json"
    workshop.write_text(json.dumps(german))
    result = build_report(params(tmp_path / "out", segment="Retired couples",
                                 product="Veggie box", workshop_file=str(workshop)))
    assert result.draft.language == "de"
    deck = Presentation(str(tmp_path / "out" / "deck.pptx"))
    titles = [slide.shapes.title.text_frame.text for slide in deck.slides]
    assert "Die Customer Journey Map für Margaret and Alan, the retired couple" in titles
    assert "The journey map for" not in " ".join(titles)
    assert "Kontaktpunkt" in result.map_chart().to_json()
