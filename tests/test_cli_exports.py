"""`cxwidgets export` writes what the share step writes: the same tables, number for number,
feelings included; the Markdown report's picture beside it under its own name; a
workbook laid out to be read, with a sheet for every step the room filled; and refusals
in the command's own words."""

from __future__ import annotations

from pathlib import Path

import openpyxl
import pandas as pd
import pytest

from cxwidgets.cli import main
from cxwidgets.export import tables
from cxwidgets.sample import create_sample
from cxwidgets.store import Editor, Store
from cxwidgets.widgets import LiveWorkshop, Share


@pytest.fixture
def sample(db):
    with Store(db) as store:
        return create_sample(store, db)


def share_step(db, sample, folder, formats):
    """The share step's files, exported as a facilitator would on the screen."""
    store = Store(db)
    share = Share(LiveWorkshop(Editor.facilitator(store, sample.id, sample.token)))
    share.folder.value = str(folder)
    share.formats.value = formats
    written = share.run_export()
    store.close()
    return written


def test_cli_tables_carry_the_feelings_the_screen_shows(db, sample, tmp_path):
    """Without --persona the CLI wrote every touchpoint with no feeling and 0 ratings;
    the share step's files had them."""
    book, folder = tmp_path / "cli.xlsx", tmp_path / "cli-tables"
    assert main(["export", sample.join_code, "--db", str(db), "-o", str(book)]) == 0
    assert main(["export", sample.join_code, "--db", str(db), "--format", "csv", "-o",
                 str(folder)]) == 0
    share_step(db, sample, tmp_path / "screen", ("xlsx", "csv"))
    base = tmp_path / "screen" / "freshbox-meal-kits-the-first-month"
    for cli, screen in ((book, base.with_suffix(".xlsx")), (folder, Path(f"{base}-tables"))):
        mine, theirs = tables.read_back(cli), tables.read_back(screen)
        assert sorted(mine) == sorted(theirs)
        for name, frame in theirs.items():
            pd.testing.assert_frame_equal(mine[name], frame, obj=name)
    felt = tables.read_back(book)["touchpoints"]
    placed = felt[felt["Stage"].notna()]
    assert placed["Feeling"].notna().all() and (placed["Ratings"] > 0).all()
    assert set(felt["Persona"]) == {"Sam, the busy parent"}  # says whose feelings


def test_a_named_persona_gets_its_own_feelings(db, sample, tmp_path):
    sam, couple = tmp_path / "sam.csv", tmp_path / "couple.csv"
    for out, who in ((sam, "Sam"), (couple, "Margaret and Alan")):
        assert main(["export", sample.id, "--db", str(db), "--format", "csv", "-o", str(out),
                     "--persona", who]) == 0
    one, other = (pd.read_csv(f / "touchpoints.csv", encoding="utf-8-sig")
                  for f in (sam, couple))
    assert one["Persona"].iloc[0] == "Sam, the busy parent"
    assert other["Persona"].iloc[0].startswith("Margaret and Alan")
    assert not one["Feeling"].equals(other["Feeling"])


def test_the_report_writes_its_picture_under_its_own_name(db, sample, tmp_path, capsys):
    """`-o journey.md` failed when journey.png existed: it wrote its picture there."""
    mine = tmp_path / "journey.png"
    mine.write_bytes(b"the facilitator's own picture")
    report = tmp_path / "journey.md"
    assert main(["export", sample.join_code, "--db", str(db), "-o", str(report)]) == 0
    assert mine.read_bytes() == b"the facilitator's own picture"
    picture = tmp_path / "journey.map.png"
    assert picture.read_bytes().startswith(b"\x89PNG")
    assert "![Journey map](journey.map.png)" in report.read_text()
    assert set(capsys.readouterr().out.split()) >= {str(report), str(picture)}


def test_a_refusal_names_the_commands_option(db, sample, tmp_path, capsys):
    """The message used to say "pass force=True", which no command-line user can."""
    for name in ("x.xlsx", "r.map.png"):
        (tmp_path / name).write_text("keep me")
    for target in ("x.xlsx", "r.md"):
        assert main(["export", sample.id, "--db", str(db), "-o", str(tmp_path / target)]) == 2
        err = capsys.readouterr().err
        assert "already exists; pass --force to overwrite it" in err, err
        assert "force=True" not in err
    assert not (tmp_path / "r.md").exists()
    assert main(["export", sample.id, "--db", str(db), "-o", str(tmp_path / "r.md"),
                 "--force"]) == 0


def test_the_workbook_is_laid_out_to_be_read(db, sample, tmp_path):
    book = tmp_path / "w.xlsx"
    assert main(["export", sample.id, "--db", str(db), "-o", str(book)]) == 0
    workbook = openpyxl.load_workbook(book)
    for sheet in workbook.worksheets:
        assert sheet.freeze_panes == "A2", sheet.title
        assert all(cell.font.bold for cell in sheet[1]), sheet.title
        assert sheet.auto_filter.ref == sheet.dimensions, sheet.title
        for column in sheet.iter_cols(min_row=1, max_row=1):
            letter = column[0].column_letter
            width = sheet.column_dimensions[letter].width
            assert 8 <= width <= 60, (sheet.title, letter, width)
    pains = workbook["Pain points"]
    texts = [c for row in pains.iter_rows(min_row=2) for c in row
             if isinstance(c.value, str) and len(c.value) > 60]
    assert texts and all(c.alignment.wrap_text for c in texts)  # long texts wrap
    headers = [c.value for c in pains[1]]
    assert pains.column_dimensions["A"].width > pains.column_dimensions[
        openpyxl.utils.get_column_letter(headers.index("Impact") + 1)].width


def test_every_step_the_room_filled_has_its_sheet(db, sample, tmp_path):
    """Personas, backstage, review, goals and evidence had no sheet; the techniques the
    room used (empathy map, mindsets, moments of truth, orientation, experiments) each
    get theirs."""
    with Store(db) as store:
        editor = Editor.facilitator(store, sample.id, sample.token)
        ws = editor.state()
        editor.add("reflections", {"mindset": "fixed", "seen": "We know what customers want",
                                   "instead": "Ask three customers first"})
        editor.add("moments", {"stage_id": ws.stages[3].id, "task": "Open the first box",
                               "decides": "Everything is there and cold"})
        editor.add("experiments", {"title": "Text the delivery slot", "kpi": "Missed boxes"})
        editor.add("diagnosis", {"statement_id": "channels", "participant": "Amara",
                                 "function": "support", "score": 4})
    book = tmp_path / "w.xlsx"
    assert main(["export", sample.id, "--db", str(db), "-o", str(book)]) == 0
    read = tables.read_back(book)
    counts = {name: len(frame) for name, frame in read.items()}
    assert counts["personas"] == len(ws.personas) and counts["backstage"] == len(ws.backstage)
    assert counts["review"] == len(ws.comments) and counts["goals"] == len(ws.goals)
    assert counts["sources"] == len(ws.sources) == 6
    assert counts["empathy_maps"] == 1 and counts["mindsets"] == 1
    assert counts["moments"] == 1 and counts["experiments"] == 1
    assert counts["orientation"] == 1
    assert read["moments"]["Stage"].iloc[0] == ws.stages[3].name
    assert read["mindsets"]["Mindset"].iloc[0] == "Fixed mindset"
