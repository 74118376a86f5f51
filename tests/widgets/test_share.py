import pytest
from pptx import Presentation

from cxwidgets.export import formats
from cxwidgets.widgets import LiveWorkshop, Share
from cxwidgets.widgets.share import default_folder


@pytest.fixture
def step(jlive, tmp_path):
    share = Share(jlive)
    share.folder.value = str(tmp_path / "out")
    return share


def test_the_default_set_is_the_poster_the_picture_and_the_workbook(step, tmp_path):
    written = step.run_export()
    assert sorted(p.name for p in written) == [
        "claims-journey.html", "claims-journey.png", "claims-journey.xlsx"]
    png = (tmp_path / "out" / "claims-journey.png").read_bytes()
    assert png.startswith(b"\x89PNG") and step.preview.value == png
    assert step.files.value.count("download=") == 3 and "Exported 3 files" in step.notice.value


def test_every_format_can_be_chosen(step, tmp_path):
    step.formats.value = tuple(code for _, code in step.formats.options)
    written = step.run_export()
    names = {p.name for p in written}
    assert {"claims-journey.svg", "claims-journey.pdf", "claims-journey.md",
            "actions.csv"} <= names
    assert "Report the claim" in (tmp_path / "out" / "claims-journey.svg").read_text()
    assert (tmp_path / "out" / "claims-journey-tables" / "touchpoints.csv").exists()
    assert {"claims-journey.pptx", "claims-journey.cjml.xml"} <= names


def test_the_tick_boxes_are_the_registry_s_formats(step):
    assert step.formats.options == tuple((f.label, f.name) for f in formats.FORMATS.values())
    assert step.formats.value == tuple(formats.ticked())
    ticks = {box.description: box for box in step.formats.children}
    assert any(label.startswith("Deck") for label in ticks)


def test_ticking_deck_gives_a_deck_with_the_map_and_a_link(step, tmp_path):
    deck = next(box for box in step.formats.children if box.description.startswith("Deck"))
    step.formats.value = ()
    deck.value = True
    assert step.formats.value == ("pptx",)
    written = step.run_export()
    assert [p.name for p in written] == ["claims-journey.pptx"]
    titles = [s.shapes.title.text_frame.text for s in Presentation(str(written[0])).slides]
    assert titles[0] == "Claims journey" and any(t.startswith("The journey map") for t in titles)
    assert "data:application/vnd.openxmlformats-officedocument.presentationml.presentation" \
        in step.files.value


def test_an_existing_file_is_kept_unless_overwrite_is_ticked(step, tmp_path, said):
    step.formats.value = ("svg",)
    (tmp_path / "out").mkdir()
    old = tmp_path / "out" / "claims-journey.svg"
    old.write_text("the facilitator's own file")
    assert step.run_export() == []
    assert "already in" in said(step) and "Overwrite" in said(step)
    assert "--force" not in said(step) and old.read_text() == "the facilitator's own file"
    step.overwrite.value = True
    assert [p.name for p in step.run_export()] == ["claims-journey.svg"]
    assert old.read_text().startswith("<svg")


def test_a_file_in_place_of_the_folder_is_a_clear_error(step, tmp_path, said):
    blocker = tmp_path / "blocker"
    blocker.write_text("x")
    step.folder.value = str(blocker / "inner")
    assert step.run_export() == []
    assert f"Cannot use the folder {blocker / 'inner'}" in said(step)
    assert blocker.read_text() == "x"


def test_nothing_chosen_is_refused(step):
    step.formats.value = ()
    assert step.run_export() == [] and "at least one format" in step.notice.value


def test_default_folder_sits_beside_the_store(db, facilitator):
    assert default_folder(f"sqlite:///{db}") == db.parent / "exports"
    assert Share(LiveWorkshop(facilitator)).folder.value == str(db.parent / "exports")
