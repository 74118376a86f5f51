"""The poster that prints: the map as a PDF page of real paper sizes with its fonts inside,
a PNG at 300 dpi for that paper, no Vega menu on the HTML poster, no doubled purpose, and
no text shortened on a printed card without the whole of it somewhere on the same page.

Found on the code before this work (issue 23): a PDF page of 1554 x 1299 pt, a PNG at
72 dpi, Vega's "⋯" menu on the poster, "Find the pain points: Find where…", and pain
points ending in "…" with nothing anywhere to read the rest.
"""

from __future__ import annotations

import datetime as dt
import html
import re

import pytest
from PIL import Image
from pypdf import PdfReader

from cxwidgets.cli import main
from cxwidgets.exceptions import ExportError
from cxwidgets.export.map_files import export_map
from cxwidgets.export.workshop import export_workshop
from cxwidgets.method.model import NAME_MAX
from cxwidgets.method.views import for_persona, journey_touchpoints, map_persona
from cxwidgets.sample import create_sample, load_sample_workshop
from cxwidgets.store import Store
from cxwidgets.synthetic import synthetic_workshop

#: Landscape sizes in points, rounded: ISO 216.
SIZES = {"A3": (1191, 842), "A2": (1684, 1191), "A1": (2384, 1684), "A0": (3370, 2384)}
#: A3 at 300 pixels per inch.
A3_PIXELS = (4961, 3508)


@pytest.fixture(scope="module")
def sample():
    return load_sample_workshop()


def page_size(path) -> tuple[int, int]:
    box = PdfReader(path).pages[0].mediabox
    return round(float(box.width)), round(float(box.height))


def unembedded_fonts(path) -> list[str]:
    """Every font of every page that the PDF does not carry inside itself."""
    missing = []
    for page in PdfReader(path).pages:
        fonts = page["/Resources"].get("/Font", {})
        for font in fonts.values():
            font = font.get_object()
            faces = [d.get_object() for d in font.get("/DescendantFonts", [font])]
            for face in faces:
                descriptor = face.get("/FontDescriptor")
                files = descriptor.get_object().keys() if descriptor else set()
                if not {"/FontFile", "/FontFile2", "/FontFile3"} & set(files):
                    missing.append(str(font.get("/BaseFont")))
    return missing


def flat(text: str) -> str:
    return " ".join(text.split())


def test_the_pdf_is_one_a3_page_with_its_fonts_inside(sample, tmp_path):
    pdf = export_workshop(sample, tmp_path / "map.pdf")[0]
    reader = PdfReader(pdf)
    assert len(reader.pages) == 1
    assert page_size(pdf) == SIZES["A3"]  # was 1554 x 1299: no printer's paper
    assert reader.pages[0]["/Resources"]["/Font"]  # text is text, not outlines
    assert unembedded_fonts(pdf) == []


@pytest.mark.parametrize("paper", ["A1", "A0", "a2"])
def test_a_larger_paper_is_an_option(sample, tmp_path, paper):
    pdf = export_map(sample, tmp_path / "map.pdf", paper=paper)
    assert page_size(pdf) == SIZES[paper.upper()]
    assert unembedded_fonts(pdf) == []


def test_an_unknown_paper_is_refused_before_drawing(sample, tmp_path):
    with pytest.raises(ExportError, match=r"unknown paper size 'Letter'.*A3, A2, A1, A0"):
        export_map(sample, tmp_path / "map.pdf", paper="Letter")
    assert not list(tmp_path.iterdir())


def test_the_png_has_300_pixels_to_the_inch_of_a3(sample, tmp_path):
    png = export_workshop(sample, tmp_path / "map.png")[0]
    with Image.open(png) as image:
        width, height = image.size
        dpi = image.info["dpi"]
    assert abs(width - A3_PIXELS[0]) <= 1 and abs(height - A3_PIXELS[1]) <= 1  # was 1554 wide
    assert round(dpi[0]) == round(dpi[1]) == 300  # was 72


def test_the_sheet_says_the_purpose_once_and_the_workshop_above_the_map(sample, tmp_path):
    pdf = export_workshop(sample, tmp_path / "map.pdf")[0]
    text = flat(PdfReader(pdf).pages[0].extract_text())
    assert text.startswith(sample.title)
    assert "Purpose (find the pain points): Find where new subscribers" in text
    assert "Find the pain points: Find" not in text


def test_no_printed_card_is_cut_without_its_whole_text_on_the_page(sample, tmp_path):
    """Every pain point, opportunity and touchpoint of the sample is on the sheet whole:
    on its card, or in the key under the map when the card shows "…[n]"."""
    pdf = export_workshop(sample, tmp_path / "map.pdf")[0]
    text = flat(PdfReader(pdf).pages[0].extract_text())
    cut = re.findall(r"…\[(\d+)\]", text)
    assert cut, "the sample has long pain points: some cards are shortened"
    for ref in cut:
        assert f"[{ref}] " in text.split("Full texts", 1)[1], ref
    persona = map_persona(sample, None)
    placed = {t.id for t in journey_touchpoints(sample)}
    drawn = [i for i in [*for_persona(sample.pain_points, persona.id),
                         *for_persona(sample.opportunities, persona.id)]
             if i.touchpoint_id in placed]
    assert len(drawn) > 20
    for item in drawn:
        assert flat(item.text) in text, item.text


def test_the_key_holds_every_shortened_text_of_a_map_of_long_names(tmp_path):
    workshop = synthetic_workshop(4, 10, seed=2)
    for item in [*workshop.pain_points, *workshop.opportunities]:
        item.text = (item.text + " because the customer waits for a reply" * 9)[:NAME_MAX]
    svg = export_map(workshop, tmp_path / "map.svg").read_text(encoding="utf-8")
    drawn = flat(html.unescape(re.sub(r"<[^>]+>", " ", svg)))
    assert "…[" in drawn
    placed = {t.id for t in journey_touchpoints(workshop)}
    persona = map_persona(workshop, None)
    items = [i for i in [*for_persona(workshop.pain_points, persona.id if persona else None),
                         *for_persona(workshop.opportunities, persona.id if persona else None)]
             if i.touchpoint_id in placed]
    assert items
    for item in items:
        assert flat(item.text) in drawn, item.text


def test_the_html_poster_has_no_vega_menu_and_one_purpose(sample, tmp_path):
    page = export_workshop(sample, tmp_path / "poster.html",
                           today=dt.date(2026, 11, 25))[0].read_text(encoding="utf-8")
    assert '"actions": false' in page  # no "⋯" menu with its export and source links
    assert "Find the pain points: Find" not in page
    assert "<b>Purpose</b> (find the pain points): Find where new subscribers" in page


def test_the_cli_prints_on_the_paper_asked_for(tmp_path, capsys):
    db = tmp_path / "w.sqlite"
    created = create_sample(Store(db), db)
    pdf = tmp_path / "wall.pdf"
    assert main(["export", created.id, "--db", str(db), "-o", str(pdf), "--paper", "a1"]) == 0
    assert page_size(pdf) == SIZES["A1"]
    with pytest.raises(SystemExit) as refused:
        main(["export", created.id, "--db", str(db), "-o", str(tmp_path / "x.pdf"),
              "--paper", "letter"])
    assert refused.value.code == 2
    assert "invalid choice: 'LETTER' (choose from 'A3', 'A2', 'A1', 'A0')" in \
        capsys.readouterr().err
