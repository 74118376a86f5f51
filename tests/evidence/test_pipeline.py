"""One evidence pipeline: the room, `cxwidgets evidence` and the analyst's report turn the
same file into the same table (the room once skipped folding label spellings)."""

import shutil

import pandas as pd

from cxwidgets.cli import main
from cxwidgets.evidence.folder import load_folder
from cxwidgets.evidence.ingest import ingest
from cxwidgets.evidence.pipeline import prepare
from cxwidgets.evidence.tagging import TagRules
from cxwidgets.resources import SAMPLE_FEEDBACK
from cxwidgets.sample import create_sample
from cxwidgets.store import Editor
from cxwidgets.widgets import Evidence, LiveWorkshop


def one_export(tmp_path, name="support_tickets"):
    folder = tmp_path / "one"
    folder.mkdir()
    for f in (f"{name}.csv", f"{name}.mapping.yaml", "tagging.yaml"):
        shutil.copy(SAMPLE_FEEDBACK / f, folder / f)
    return folder


def test_the_report_and_the_pipeline_give_the_same_table(tmp_path, capsys):
    folder = one_export(tmp_path)
    rules = TagRules.from_yaml(folder / "tagging.yaml")
    alone = prepare(ingest(folder / "support_tickets.csv",
                           folder / "support_tickets.mapping.yaml"), rules)
    pd.testing.assert_frame_equal(load_folder(folder).table, alone.table)
    assert main(["evidence", str(folder / "support_tickets.csv"), "--mapping",
                 str(folder / "support_tickets.mapping.yaml")]) == 0
    said = capsys.readouterr().out
    assert alone.report.untagged and f"Untagged:   {alone.report.untagged:,}" in said


def test_the_room_folds_label_spellings_like_the_report(store, db, tmp_path):
    created = create_sample(store, db)
    live = LiveWorkshop(Editor.facilitator(store, created.id, created.token))
    data = tmp_path / "mixed.csv"
    data.write_text("date,segment,comment,rating\n"
                    "2026-11-01,BUSY PARENTS,Box came late,2\n"
                    "2026-11-02,Busy  parents,Lovely recipes,5\n"
                    "2026-11-03,busy parents,Missing yoghurt,1\n")
    reader = Evidence(live).reader
    reader.path.value = str(data)
    assert reader.load() and reader.run_check()
    table, _ = reader.checked
    assert table["segment"].astype(str).nunique() == 1
