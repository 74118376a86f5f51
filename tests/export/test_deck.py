"""The sponsor's deck: its slides say what the issue asks, its words are text, long lists
go on over continuation slides, and LibreOffice opens it and draws every slide inside
the page (turned into pictures at 1440 px, kept in test-output/ to look at)."""

from __future__ import annotations

import datetime as dt
import re
import subprocess
import zipfile
from pathlib import Path

import pypdfium2 as pdfium
import pytest
from PIL import Image
from pptx import Presentation
from pptx.util import Emu

from cxwidgets.exceptions import ExportError
from cxwidgets.export import deck_slides as D
from cxwidgets.export.deck import facts
from cxwidgets.export.map_files import Drawing, map_spec
from cxwidgets.export.workshop import Options, export_set, export_workshop
from cxwidgets.method.model import Action, Goal, PainPoint
from cxwidgets.method.moderation import visible
from cxwidgets.sample import load_sample_workshop
from cxwidgets.synthetic import synthetic_workshop
from cxwidgets.testing import HOSTILE, soffice

TODAY = dt.date(2026, 11, 25)
#: Text that some programs would make a link or a formula of.
LINKISH = ("[click me](javascript:alert(6))", "http://x.invalid/p?a=1",
           "=cmd|' /C calc'!A0", "someone@x.invalid")
LONG = ("Customers who pause in the first month come back less often than those who skip "
        "single weeks, and the pause screen does not say when the plan starts again")


def stress_workshop():
    """Long lists everywhere: 40 pain points on one touchpoint, 30 actions, 12 goals."""
    w = synthetic_workshop(4, 16)
    tp = w.touchpoints[0].id
    goals = [Goal(id=f"g{n}", title=f"Goal {n}: {LONG[:80]}", kpi="from 40% to 60%")
             for n in range(12)]
    pains = [PainPoint(id=f"pp{n}", touchpoint_id=tp, text=f"Pain {n}: {LONG[:100]}",
                       evidence=[LONG, f"Quote {n}"]) for n in range(40)]
    pains.append(PainPoint(id="pp-odd", touchpoint_id=tp, text=LINKISH[0],
                           evidence=list(LINKISH[1:])))
    actions = [Action(id=f"a{n}", title=f"Action {n}: {LONG[:105]}", owner="Someone Long-Named",
                      due=TODAY + dt.timedelta(days=n - 5), goal_ids=[f"g{n % 12}"])
               for n in range(30)]
    return w.model_copy(update={"pain_points": [*w.pain_points, *pains], "goals": goals,
                                "actions": actions, "title": f"{HOSTILE} stress \uffff"})


def company_template(path: Path) -> Path:
    """A 4:3 template with a slide of its own, as a company's file might be."""
    prs = Presentation()  # python-pptx's default: 10 x 7.5 in
    slide = prs.slides.add_slide(prs.slide_layouts[1])
    slide.shapes.title.text = "Company example slide"
    prs.save(str(path))
    return path


@pytest.fixture(scope="module")
def decks(validated, tmp_path_factory) -> dict[str, Path]:
    folder = tmp_path_factory.mktemp("decks")
    w, versions = validated
    made = {
        "sample": export_workshop(load_sample_workshop(), folder / "sample.pptx", today=TODAY),
        "validated": export_workshop(w, folder / "validated.pptx", today=TODAY,
                                     version_of=versions.__getitem__),
        "stress": export_workshop(stress_workshop(), folder / "stress.pptx", today=TODAY),
        "template": export_workshop(w, folder / "template.pptx", today=TODAY,
                                    template=company_template(folder / "company.pptx")),
    }
    return {name: paths[0] for name, paths in made.items()}


def titles(path: Path) -> list[str]:
    return [s.shapes.title.text_frame.text for s in Presentation(str(path)).slides]


def words_of(path: Path) -> str:
    """Every word on the slides, as text: titles, text boxes, tables."""
    out = []
    for slide in Presentation(str(path)).slides:
        for shape in slide.shapes:
            if shape.has_text_frame:
                out.append(shape.text_frame.text)
            if shape.has_table:
                out += [c.text for row in shape.table.rows for c in row.cells]
    return "\n".join(out)


def test_the_deck_tells_the_workshop_in_the_sponsors_order(decks):
    got = titles(decks["validated"])
    order = ["FreshBox meal kits: the first month", "Who was in the room",
             "Persona: Sam, the busy parent", "The journey map for Sam, the busy parent",
             "Stage 1 of 7: Awareness", "Stage 7 of 7: Renewal or cancellation",
             "Top priorities", "Action plan", "The goals each action serves",
             "What customers said and what the room assumed", "Diagnosis by function",
             "Next review"]
    assert [t for t in got if t in order] == order


def test_priorities_plan_goals_customers_and_review_are_on_the_slides(decks):
    text = words_of(decks["validated"])
    for said in ("One-tap credit for a missing item in the app", "Dots", "Jonas Weber (IT)",
                 "Feb 26, 2027", "Overdue", "Problems solved in one contact",
                 "5 customers answered", "Room assumed", "Customers said",
                 "Customer orientation", "Next review: Wednesday, February 10, 2027",
                 "10 people", "Operations"):
        assert said in text, said


def test_every_word_is_text_and_the_map_is_the_one_picture(decks, validated):
    prs = Presentation(str(decks["validated"]))
    pictures = [(n, sh) for n, slide in enumerate(prs.slides)
                for sh in slide.shapes if sh.shape_type == 13]
    assert len(pictures) == 1
    n, picture = pictures[0]
    assert titles(decks["validated"])[n].startswith("The journey map")
    assert "Awareness" in picture._element.nvPicPr.cNvPr.get("descr")
    for slide in prs.slides:  # no slide is only a picture: each has words to select
        assert any(sh.has_text_frame and sh.text_frame.text.strip() for sh in slide.shapes)
    png = Drawing(map_spec(visible(validated[0]))).png()
    assert picture.image.blob == png  # the map's PNG, byte for byte


def test_the_deck_reuses_the_set_s_map_png(tmp_path):
    """The deck's map slide and the report's picture are the one map-alone PNG of the
    set's one layout (the PNG file itself is the printable sheet)."""
    written = export_set(load_sample_workshop(), tmp_path, "w", ["md", "png", "pptx"])
    prs = Presentation(str(tmp_path / "w.pptx"))
    blob = next(sh.image.blob for s in prs.slides for sh in s.shapes if sh.shape_type == 13)
    assert blob == (tmp_path / "w.map.png").read_bytes()
    assert blob != (tmp_path / "w.png").read_bytes() and len(written) == 4


def test_speaker_notes_carry_the_evidence_and_what_is_left_out(decks, validated):
    prs = Presentation(str(decks["validated"]))
    notes = {s.shapes.title.text_frame.text: s.notes_slide.notes_text_frame.text
             for s in prs.slides if s.has_notes_slide}
    cooking = notes["Stage 5 of 7: Cooking"]
    pain = next(p for p in validated[0].pain_points if p.text == "Chilled items missing from "
                "the box")
    assert all(e in cooking for e in pain.evidence) and "Backstage: " in cooking
    sample_notes = Presentation(str(decks["sample"])).slides[0].notes_slide
    assert "Not done yet, so not in this deck: the diagnosis by function" in \
        sample_notes.notes_text_frame.text


def test_a_stage_without_a_validation_round_says_the_map_is_an_assumption(decks):
    assert "still the room's assumption" in words_of(decks["sample"])


def test_long_lists_go_on_over_continuation_slides(decks):
    got = titles(decks["stress"])
    assert sum(t.startswith("Action plan") for t in got) >= 3
    assert any(t.endswith("(continued)") and t.startswith("Stage") for t in got)
    text = words_of(decks["stress"])
    for n in range(40):
        assert f"Pain {n}: " in text
    for n in range(30):
        assert f"Action {n}: " in text
    assert "\uffff" not in text and HOSTILE in text  # kept as words, the bad character gone


def test_no_text_becomes_a_link(decks):
    with zipfile.ZipFile(decks["stress"]) as deck:
        parts = [n for n in deck.namelist() if n.endswith(".xml")]
        assert not any(b"hlinkClick" in deck.read(n) or b"hlinkHover" in deck.read(n)
                       for n in parts)
    text = words_of(decks["stress"])
    notes = " ".join(s.notes_slide.notes_text_frame.text
                     for s in Presentation(str(decks["stress"])).slides if s.has_notes_slide)
    assert LINKISH[0] in text and LINKISH[1] in text  # the pain point and its first quote
    assert all(x in notes for x in LINKISH)


def test_pagination_never_fills_more_than_the_body():
    w = stress_workshop()
    o = Options(today=TODAY)
    for s in D.slides(facts(w, o)):
        width = (D.WIDTH - 2 * D.MARGIN - 0.4 * (len(s.columns) - 1)) / max(1, len(s.columns))
        for column in s.columns:
            assert sum(p.height(width) for p in column) <= D.body_height() + 1e-6, s.title


def test_a_company_template_gives_its_size_and_layouts_and_loses_its_own_slides(decks):
    prs = Presentation(str(decks["template"]))
    assert (Emu(prs.slide_width).inches, Emu(prs.slide_height).inches) == (10, 7.5)
    got = titles(decks["template"])
    assert "Company example slide" not in got and "Top priorities" in got
    assert all(s.slide_layout.name in ("Title Slide", "Title Only") for s in prs.slides)


def test_a_template_that_is_not_a_deck_is_refused(tmp_path):
    bad = tmp_path / "notes.pptx"
    bad.write_text("not a presentation")
    with pytest.raises(ExportError, match=r"cannot use .*notes\.pptx as the deck's template"):
        export_workshop(load_sample_workshop(), tmp_path / "d.pptx", template=bad)
    assert not (tmp_path / "d.pptx").exists()


def test_bullets_are_written_in_the_order_the_format_requires(decks):
    """PowerPoint repairs a file whose paragraph properties are out of schema order."""
    order = ["lnSpc", "spcBef", "spcAft", "buClr", "buSzPct", "buFont", "buChar", "defRPr"]
    prs = Presentation(str(decks["validated"]))
    for slide in prs.slides:
        for ppr in slide.shapes._spTree.iter(
                "{http://schemas.openxmlformats.org/drawingml/2006/main}pPr"):
            tags = [c.tag.rpartition("}")[2] for c in ppr]
            known = [t for t in tags if t in order]
            assert known == sorted(known, key=order.index), tags


# ---------------------------------------------------------------- LibreOffice


@pytest.fixture(scope="module")
def pdfs(decks, tmp_path_factory) -> dict[str, Path]:
    """Every deck converted by LibreOffice, headless, in one run."""
    office = soffice()
    out = tmp_path_factory.mktemp("pdf")
    profile = tmp_path_factory.mktemp("soffice-profile")
    done = subprocess.run(
        [office, f"-env:UserInstallation={profile.as_uri()}", "--headless", "--convert-to",
         "pdf", "--outdir", str(out), *map(str, decks.values())],
        capture_output=True, text=True, timeout=600)
    converted = {name: out / f"{path.stem}.pdf" for name, path in decks.items()}
    if not all(p.exists() for p in converted.values()):
        pytest.fail(f"LibreOffice could not convert the decks (is Impress installed? `make "
                    f"libreoffice`): {done.stdout} {done.stderr}")
    return converted


def pages_as_pictures(pdf: Path, folder: Path) -> list[Path]:
    document = pdfium.PdfDocument(str(pdf))
    paths = []
    for n in range(len(document)):
        page = document[n]
        width, _ = page.get_size()
        path = folder / f"{pdf.stem}-{n + 1:02d}.png"
        page.render(scale=1440 / width).to_pil().save(path)
        paths.append(path)
    return paths


def seen(path: Path) -> tuple[int, int, float]:
    """(width, colours, share of the page inked) of a page's picture."""
    with Image.open(path) as image:
        grey = image.convert("L").histogram()
        colours = len(image.convert("RGB").getcolors(maxcolors=1 << 24) or ())
        return image.width, colours, sum(grey[:245]) / sum(grey)


def test_libreoffice_draws_every_slide_of_the_sample_s_deck(decks, pdfs, artefacts):
    for name in ("sample", "validated"):
        pictures = pages_as_pictures(pdfs[name], artefacts)
        assert len(pictures) == len(titles(decks[name]))
        for path in pictures:
            width, _, inked = seen(path)
            assert width == 1440 and 0.02 < inked < 0.9, path.name
        _, colours, inked = seen(pictures[titles(decks[name]).index(
            "The journey map for Sam, the busy parent")])
        assert colours > 500 and inked > 0.2  # a drawn map, not a blank or a stub


def test_in_libreoffice_every_word_stays_on_its_slide(decks, pdfs):
    """Text is inside the page, and nothing but the footer sits in the footer's band."""
    for name in ("validated", "stress", "template"):
        document = pdfium.PdfDocument(str(pdfs[name]))
        shown = titles(decks[name])
        for n in range(len(document)):
            page = document[n]
            width, height = page.get_size()
            text = page.get_textpage()
            for k in range(text.count_chars()):
                left, bottom, right, top = text.get_charbox(k)
                assert left >= -1 and right <= width + 1 and bottom >= -1 and top <= height + 1
            band = " ".join(text.get_text_bounded(0, 0, width, height * 0.055).split())
            if name != "template" and not shown[n].startswith("The journey map") and n:
                assert re.fullmatch(r".* · \d+ / \d+", band), (name, shown[n], band)


def test_libreoffice_reads_the_words_back(pdfs):
    document = pdfium.PdfDocument(str(pdfs["validated"]))
    text = " ".join(document[n].get_textpage().get_text_range() for n in range(len(document)))
    text = " ".join(text.split())
    for said in ("Top priorities", "Action plan", "Chilled items missing from the box",
                 "What customers said and what the room assumed"):
        assert said in text
