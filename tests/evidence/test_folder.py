"""An evidence folder: exports with or without a mapping file, read as one table."""

from __future__ import annotations

from pathlib import Path

from cxwidgets.evidence.folder import exports_in, load_folder
from cxwidgets.evidence.ingest import COUNTED_ELSEWHERE
from cxwidgets.resources import SAMPLE_DATA

FRESHBOX = SAMPLE_DATA / "feedback"


def write(folder: Path, name: str, text: str) -> Path:
    folder.mkdir(exist_ok=True)
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return path


def test_an_export_without_a_mapping_file_is_read_with_the_guessed_mapping(tmp_path):
    rows = "\n".join(f"2026-10-{k % 28 + 1:02d},{'@freshbox ' if k % 2 else ''}the box "
                     f"number {k} came,{k % 5 + 1},{'Web' if k % 3 else 'Phone'}"
                     for k in range(40))
    write(tmp_path, "reviews.csv", "date,comment,stars,channel\n" + rows + "\n")
    write(tmp_path, "notes.md", "not an export")
    (export,) = exports_in(tmp_path)
    assert export.mapping is None and export.mapping_name == "mapping guessed"
    evidence = load_folder(tmp_path)
    (_, report), = evidence.reports
    assert report.guessed is not None and report.mapping["columns"]["text"] == "comment"
    assert report.sentiment["from"] == {"label": 0, "score": 40, "text": 0}
    assert set(evidence.table["sentiment_from"]) == {"score"}
    assert report.mapping["company_names"] == ["freshbox"]


def test_a_second_mapping_of_one_file_does_not_count_its_empty_rows_again():
    evidence = load_folder(FRESHBOX)
    reports = {e.mapping_name: r for e, r in evidence.reports}
    wide = reports["post_delivery_survey.mapping.yaml"]
    nps = reports["post_delivery_survey.nps.mapping.yaml"]
    assert nps.volume_only == 0 and nps.counts_by_reason()[COUNTED_ELSEWHERE] == 217
    assert wide.accepted == 5927
    tickets = reports["support_tickets.mapping.yaml"]
    assert tickets.volume_only == 94  # tickets without a description still count
    assert tickets.accepted + tickets.rejected_count == tickets.rows_read


def test_touchpoint_values_the_tagging_table_does_not_know_are_listed(tmp_path):
    write(tmp_path, "tickets.csv", "id,category,text\n1,Billing,charged twice\n"
          "2,Billing,again\n3,Courier,late\n4,Weather,rain\n")
    write(tmp_path, "tickets.mapping.yaml",
          "columns: {id: id, touchpoint: category, text: text}\n")
    write(tmp_path, "tagging.yaml", "stages: {Courier: Delivery}\n")
    evidence = load_folder(tmp_path)
    assert evidence.unknown == {"Billing": 2, "Weather": 1}
