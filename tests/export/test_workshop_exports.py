"""Every export format, from the sample workshop, checked for what it must contain."""

from __future__ import annotations

import datetime as dt
import re

import pandas as pd
import pytest
import vl_convert
from pypdf import PdfReader

from cxwidgets.exceptions import ExportError
from cxwidgets.export import formats, tables
from cxwidgets.export.map_files import map_spec
from cxwidgets.export.workshop import export_all, export_workshop
from cxwidgets.sample import load_sample_workshop
from cxwidgets.testing import HOSTILE, SCRIPT, look_at

TODAY = dt.date(2026, 11, 25)


@pytest.fixture(scope="module")
def workshop():
    return load_sample_workshop()


@pytest.fixture(scope="module")
def full_set(workshop, tmp_path_factory):
    folder = tmp_path_factory.mktemp("exports")
    return folder, export_all(workshop, folder, "freshbox", today=TODAY)


def test_the_full_set_has_every_format(full_set):
    folder, written = full_set
    names = {p.name for p in written}
    assert {f.target(folder, "freshbox").name for f in formats.in_all()
            if not f.folder} <= names
    # every step's table, and of the techniques the one the sample used
    assert {p.name for p in (folder / "freshbox-tables").iterdir()} == {
        f"{t}.csv" for t in (*tables.SHEETS, "empathy_maps")}


def test_png_is_an_a3_sheet_and_the_reports_picture_the_map_at_its_own_size(full_set,
                                                                            workshop):
    folder, _ = full_set
    sheet = look_at(folder / "freshbox.png")
    assert (sheet.width, sheet.height) == (4960, 3507)  # A3 landscape at 300 dpi
    assert sheet.colours > 200 and sheet.inked > 0.05
    svg = vl_convert.vegalite_to_svg(map_spec(workshop))
    width, height = (int(x) for x in re.search(r'width="(\d+)" height="(\d+)"', svg).groups())
    picture = look_at(folder / "freshbox.map.png")
    assert (picture.width, picture.height) == (width, height)
    assert picture.colours > 200 and 0.15 < picture.inked < 0.9


def test_pdf_has_a_page_with_the_map(full_set):
    reader = PdfReader(full_set[0] / "freshbox.pdf")
    assert len(reader.pages) == 1
    assert "Awareness" in reader.pages[0].extract_text()


def test_svg_holds_the_stages_and_a_quote(full_set):
    text = (full_set[0] / "freshbox.svg").read_text()
    assert "Awareness" in text and "Renewal" in text and "1 box in 14" in text


def test_xlsx_and_csv_read_back_to_the_same_rows(full_set, workshop):
    expected = tables.all_tables(workshop, today=TODAY)
    for read in (tables.read_back(full_set[0] / "freshbox.xlsx"),
                 tables.read_back(full_set[0] / "freshbox-tables")):
        assert sorted(read) == sorted(expected)
        for name, frame in expected.items():
            got = read[name]
            assert len(got) == len(frame) and list(got.columns) == list(frame.columns)
            key = frame.columns[0] if name != "priorities" else "Item"
            assert list(got[key].astype(str)) == list(frame[key].astype(str))
    actions = tables.read_back(full_set[0] / "freshbox.xlsx")["actions"]
    assert actions["Overdue"].sum() == 3  # as on 25 Nov 2026


def test_markdown_report_has_every_section_and_the_map(full_set):
    text = (full_set[0] / "freshbox.md").read_text()
    for heading in ("## Purpose", "## Persona: Sam, the busy parent", "## The journey map",
                    "## Top priorities", "## Action plan", "## Alignment with goals",
                    "## Open questions"):
        assert heading in text
    assert "![Journey map](freshbox.map.png)" in text and "**3** overdue on Nov 25, 2026." in text
    assert (full_set[0] / "freshbox.map.png").read_bytes().startswith(b"\x89PNG")
    assert "| 1 | One-tap credit for a missing item in the app |" in text
    assert "## Empathy maps" in text  # the techniques the room used come along


def test_poster_is_self_contained(full_set):
    page = (full_set[0] / "freshbox.html").read_text()
    assert "@page { size: A3 landscape" in page
    assert not re.search(r"<script[^>]+src=|<link[^>]+href=|https?://cdn", page)
    assert "vegaEmbed" in page and "Top priorities" in page and "Sam, the busy parent" in page


def test_hostile_text_is_inert_in_every_text_format(tmp_path, workshop):
    bad = f"{HOSTILE} | </script>{SCRIPT}"
    ws = workshop.model_copy(deep=True)
    ws.pain_points[0].text = bad[:120]
    ws.actions[0].title = bad[:120]
    md = export_workshop(ws, tmp_path / "r.md", today=TODAY)[0].read_text()
    assert "<img" not in md and "&lt;img src=x onerror=alert(1)&gt; \\|" in md
    page = export_workshop(ws, tmp_path / "p.html", today=TODAY)[0].read_text()
    assert "<img src=x" not in page and page.count("<script") == 3  # the kit's own


def test_an_existing_file_is_kept_and_force_replaces_it(tmp_path, workshop):
    target = tmp_path / "mine.xlsx"
    target.write_bytes(b"the facilitator's own workbook")
    with pytest.raises(ExportError, match="already exists; pass force=True"):
        export_workshop(workshop, target)
    assert target.read_bytes() == b"the facilitator's own workbook"
    export_workshop(workshop, target, force=True)
    assert len(pd.read_excel(target, sheet_name=None)) == len(tables.SHEETS) + 1


def test_csv_refuses_to_overwrite_any_table_before_writing_one(tmp_path, workshop):
    folder = tmp_path / "tables"
    folder.mkdir()
    (folder / "actions.csv").write_text("keep me")
    with pytest.raises(ExportError, match=r"actions\.csv already exists"):
        export_workshop(workshop, folder, "csv")
    assert [p.name for p in folder.iterdir()] == ["actions.csv"]
    blocker = tmp_path / "file"
    blocker.write_text("x")
    with pytest.raises(ExportError, match="is a file: CSV exports go into a folder"):
        export_workshop(workshop, blocker, "csv")


def test_an_empty_map_is_not_exported_as_a_picture(tmp_path):
    from cxwidgets.method.model import Workshop

    empty = Workshop(id="w", title="Nothing yet")
    for fmt in ("png", "svg", "pdf", "html"):
        with pytest.raises(ExportError, match="journey map of 'Nothing yet' is empty: add "
                                              "stages and place touchpoints"):
            export_workshop(empty, tmp_path / f"e.{fmt}")
    assert list(tmp_path.iterdir()) == []
    written = export_all(empty, tmp_path, "empty")  # the report and tables still come
    # the deck and the CJML file need no picture of the map either
    assert {p.suffix for p in written} == {".md", ".xlsx", ".csv", ".pptx", ".xml"}
    assert "No actions yet" in (tmp_path / "empty.md").read_text()


def test_unknown_formats_and_missing_folders(tmp_path, workshop):
    with pytest.raises(ExportError, match=r"unknown format 'docx'.*known formats: html, png"):
        export_workshop(workshop, tmp_path / "r.docx")
    with pytest.raises(ExportError, match=r"the folder .* does not exist"):
        export_workshop(workshop, tmp_path / "nowhere" / "r.md")


def test_text_with_pasted_control_characters_exports_to_a_workbook(workshop, tmp_path):
    from cxwidgets.method.model import Workshop

    data = workshop.model_dump(mode="json")
    data["touchpoints"][0]["name"] = "Social\x01 media\x00 advert\x0b"
    data["pain_points"][0]["text"] = "Price per \x1bserving"
    pasted = Workshop.model_validate(data)
    sheets = tables.read_back(export_workshop(pasted, tmp_path / "w.xlsx", today=TODAY)[0])
    assert "Social media advert" in sheets["touchpoints"]["Touchpoint"].tolist()
    assert any(str(t).startswith("Price per serving") for t in sheets["pain_points"]["Pain point"])
