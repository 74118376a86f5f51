"""The sponsor's deck as a PowerPoint file (python-pptx): `deck_slides` says, this draws.

Every slide's words are real text (titles in title placeholders, lists in text boxes,
tables as tables), so they can be selected, searched, read aloud and translated; the one
picture is the journey map, with its stages as alternative text. Speaker notes carry
what does not fit. Colours are the map's own (`charts.palette`): the stage headers' navy
for titles, the pain points' orange, the opportunities' green, the owners' colours.

Without a template the deck is 16:9 in Arial. With a company template
(`--template deck.pptx`) its slide size, masters, layouts and theme fonts are used: the
title slide is its first layout, every other slide its "Title Only" layout (or the
closest one), its own slides are dropped, and the kit's titles keep the template's look.
The map's PNG is the one the export set already drew (`map_files.Drawing`): a deck costs
no second drawing of the map.
"""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

# This module is imported only when a deck is written (the export registry names its
# writer), so python-pptx (and lxml under it) load here and nowhere else.
from PIL import Image
from pptx import Presentation
from pptx.dml.color import RGBColor
from pptx.enum.shapes import MSO_SHAPE
from pptx.enum.text import MSO_ANCHOR, PP_ALIGN
from pptx.oxml.xmlchemy import OxmlElement
from pptx.util import Emu, Inches, Pt

from cxwidgets.charts import palette as pal
from cxwidgets.exceptions import ExportError
from cxwidgets.export import deck_slides as D
from cxwidgets.export.inert import xml_text
from cxwidgets.export.map_files import check_target, write_atomically
from cxwidgets.method import views as J
from cxwidgets.method.model import Workshop

if TYPE_CHECKING:
    from cxwidgets.export.workshop import Options

FONT = "Arial"
#: Heights of a slide's title bar and of the map slide's slimmer one, in inches.
TITLE, MAP_TITLE = 1.15, 0.7
#: A table row's height before its text grows it, and the width of a row's colour chip,
#: in inches.
ROW, CHIP = 0.3, 0.14
#: Layout names a template may give its title-only layout, best first.
TITLE_ONLY = ("title only", "nur titel", "titre seul", "solo titolo", "alleen titel")


def write_deck(workshop: Workshop, path: Path, fmt: str, o: Options) -> list[Path]:
    check_target(path, o.force)
    write_atomically(path, deck_bytes(workshop, o), o.force)
    return [path]


def facts(workshop: Workshop, o: Options) -> D.Facts:
    png = o.map_drawing(workshop).png() if J.journey_touchpoints(workshop) else b""
    return D.Facts(workshop, J.map_persona(workshop, o.persona_id),
                   o.today or dt.date.today(), lambda name: o.version(workshop, name), png)


def deck_bytes(workshop: Workshop, o: Options) -> bytes:
    """The deck of `workshop` as the bytes of a .pptx file."""
    slides = D.slides(facts(workshop, o))
    prs = _presentation(o.template)
    looks = Looks(prs, plain=o.template is None)
    for n, spec in enumerate(slides, start=1):
        looks.draw(spec, n, len(slides), workshop)
    out = io.BytesIO()
    prs.save(out)
    return out.getvalue()


def _presentation(template: Path | None) -> Any:
    if template is None:
        prs = Presentation()
        prs.slide_width, prs.slide_height = Inches(D.WIDTH), Inches(D.HEIGHT)
        return prs
    try:
        prs = Presentation(str(template))
    except Exception as exc:  # python-pptx raises plain errors for a file it cannot read
        raise ExportError(f"cannot use {template} as the deck's template: {exc}. Give a "
                          "PowerPoint file saved as .pptx") from exc
    _drop_slides(prs)
    return prs


def _drop_slides(prs: Any) -> None:
    """A template's own slides (examples, a cover) are not the workshop's: drop them."""
    ids = prs.slides._sldIdLst
    for sld in list(ids):
        prs.part.drop_rel(sld.rId)
        ids.remove(sld)


def rgb(colour: str) -> RGBColor:
    value: RGBColor = RGBColor.from_string(colour.lstrip("#").upper())
    return value


class Looks:
    """Draws `deck_slides.Slide`s onto a presentation, in the kit's look or a template's.

    `deck_slides` lays every slide out on the kit's 13.333 x 7.5 in grid. On the kit's own
    deck that grid is the slide. On a template's slide the body of the grid is mapped
    onto the room below the template's title, and every font is scaled as much as the
    narrower of the two directions, so what `deck_slides` measured to fit still fits.
    """

    def __init__(self, prs: Any, plain: bool) -> None:
        self.prs, self.plain = prs, plain
        layouts = list(prs.slide_layouts)
        self.title_layout = layouts[0]
        self.content_layout = _title_only(layouts)
        self.width = Emu(prs.slide_width).inches
        self.height = Emu(prs.slide_height).inches
        self.sx = self.width / D.WIDTH
        if plain:
            self.top, self.bottom = D.BODY_TOP, D.BODY_BOTTOM
        else:
            title = _title_of(self.content_layout)
            below = Emu(title.top + title.height).inches if title is not None else 1.2
            self.top, self.bottom = below + 0.15, self.height - 0.5
        self.sy = (self.bottom - self.top) / (D.BODY_BOTTOM - D.BODY_TOP)
        #: how much the template's slide shrinks the kit's fonts
        self.scale = min(1.0, self.sx, self.sy)
        self.title_size = _title_size(prs)

    def box(self, left: float, top: float, width: float, height: float) -> tuple[Any, ...]:
        """A box given on the kit's grid, on this presentation's slide."""
        y = self.top + (top - D.BODY_TOP) * self.sy
        return (Inches(left * self.sx), Inches(y), Inches(width * self.sx),
                Inches(height * self.sy))

    def draw(self, spec: D.Slide, n: int, count: int, workshop: Workshop) -> None:
        if spec.kind == "title":
            slide = self.prs.slides.add_slide(self.title_layout)
            self._title_slide(slide, spec)
        else:
            slide = self.prs.slides.add_slide(self.content_layout)
            if spec.kind == "picture":  # the map takes the whole slide below a slim title
                self._title(slide, spec.title, MAP_TITLE)
                self._picture(slide, spec)
            else:
                self._title(slide, spec.title, TITLE)
                if spec.kind == "table" and spec.table is not None:
                    self._table(slide, spec)
                else:
                    self._columns(slide, spec.columns, D.BODY_TOP)
                self._footer(slide, workshop, n, count)
        if spec.notes:
            slide.notes_slide.notes_text_frame.text = xml_text(spec.notes)

    # -- parts of a slide

    def _title(self, slide: Any, text: str, height: float) -> None:
        shape = slide.shapes.title
        if shape is None:  # a template layout without a title: a text box stands in
            shape = slide.shapes.add_textbox(Inches(0.4), Inches(0.3),
                                             Inches(self.width - 0.8), Inches(0.9))
        frame = shape.text_frame
        frame.text = xml_text(text)
        frame.word_wrap = True
        p = frame.paragraphs[0]
        if not self.plain:  # the template's look; smaller only where it would not fit
            size = _fit(text, Emu(shape.width).inches, Emu(shape.height).inches,
                        self.title_size)
            if size < self.title_size:
                p.runs[0].font.size = Pt(size)
            return
        shape.left, shape.top = Inches(0), Inches(0)
        shape.width, shape.height = Inches(self.width), Inches(height)
        shape.fill.solid()
        shape.fill.fore_color.rgb = rgb(pal.HEADER)
        frame.margin_left = frame.margin_right = Inches(D.MARGIN)
        frame.vertical_anchor = MSO_ANCHOR.MIDDLE
        p.alignment = PP_ALIGN.LEFT
        size = int(_fit(text, self.width - 2 * D.MARGIN, height - 0.1,
                        28 if height >= TITLE else 20, bold=True))
        self._font(p.runs[0], D.Run(text, bold=True, colour="#FFFFFF", size=size))

    def _title_slide(self, slide: Any, spec: D.Slide) -> None:
        title = slide.shapes.title
        title.text_frame.text = xml_text(spec.title)
        title.text_frame.word_wrap = True
        subtitle = next((p for p in slide.placeholders if p.placeholder_format.idx == 1), None)
        if not self.plain:
            size = _fit(spec.title, Emu(title.width).inches, Emu(title.height).inches,
                        self.title_size)
            if size < self.title_size:
                title.text_frame.paragraphs[0].runs[0].font.size = Pt(size)
            if subtitle is not None:  # the purpose goes where the template puts subtitles
                self._fill_frame(subtitle.text_frame, spec.columns[0])
                return
            below = Emu(title.top + title.height).inches + 0.2
            frame = slide.shapes.add_textbox(Inches(Emu(title.left).inches), Inches(below),
                                             title.width, Inches(self.height - below - 0.4))
            self._fill_frame(frame.text_frame, spec.columns[0])
            return
        if subtitle is not None:
            subtitle.element.getparent().remove(subtitle.element)  # the kit's own box below
        band = slide.shapes.add_shape(MSO_SHAPE.RECTANGLE, 0, 0, Inches(0.35),
                                      Inches(self.height))
        band.fill.solid()
        band.fill.fore_color.rgb = rgb(pal.HEADER)
        band.line.fill.background()
        title.left, title.top, title.width, title.height = (Inches(0.9), Inches(1.6),
                                                            Inches(11.6), Inches(1.9))
        frame = title.text_frame
        frame.vertical_anchor = MSO_ANCHOR.BOTTOM
        frame.paragraphs[0].alignment = PP_ALIGN.LEFT
        self._font(frame.paragraphs[0].runs[0], D.Run(spec.title, bold=True, colour=pal.HEADER,
                   size=int(_fit(spec.title, 11.6, 1.8, 40, bold=True))))
        self._paragraphs(slide, spec.columns[0], 0.9, 3.8, 11.6, 3.2)

    def _columns(self, slide: Any, columns: Sequence[list[D.Para]], top: float) -> None:
        gap = 0.4
        total = D.WIDTH - 2 * D.MARGIN
        each = (total - gap * (len(columns) - 1)) / max(1, len(columns))
        for k, column in enumerate(columns):
            if column:
                self._paragraphs(slide, column, D.MARGIN + k * (each + gap), top, each,
                                 D.BODY_BOTTOM - top)

    def _paragraphs(self, slide: Any, column: list[D.Para], left: float, top: float,
                    width: float, height: float) -> None:
        frame = slide.shapes.add_textbox(*self.box(left, top, width, height)).text_frame
        self._fill_frame(frame, column)

    def _fill_frame(self, frame: Any, column: list[D.Para]) -> None:
        frame.word_wrap = True
        for k, p in enumerate(column):
            out = frame.paragraphs[0] if k == 0 else frame.add_paragraph()
            if p.space_before:
                out.space_before = Pt(p.space_before * self.scale)
            if p.level:
                _bullet(out, p, Inches(0.3 * p.level * self.sx), Inches(0.22 * self.sx))
            for r in p.runs:
                run = out.add_run()
                run.text = xml_text(r.text)
                self._font(run, r, p.size)

    def _table(self, slide: Any, spec: D.Slide) -> None:
        assert spec.table is not None
        t = spec.table
        top = D.BODY_TOP
        full = D.WIDTH - 2 * D.MARGIN
        if spec.lead:
            lead_height = sum(p.height(full) for p in spec.lead)
            self._paragraphs(slide, spec.lead, D.MARGIN, top, full, lead_height + 0.1)
            top += lead_height + 0.15
        chip = CHIP if t.marks else 0.0
        width = full * t.width - chip
        rows = (t.headers, *t.rows)
        shape = slide.shapes.add_table(len(rows), len(t.headers) + bool(chip), *self.box(
            D.MARGIN, top, width + chip, ROW * len(rows)))
        shape.name = "Table"
        table = shape.table
        if chip:
            table.columns[0].width = Inches(chip * self.sx)
        for k, share in enumerate(t.widths):
            table.columns[k + bool(chip)].width = Inches(width * share * self.sx)
        for k, row in enumerate(rows):
            # one line each: rows grow to fit their text as the slide is drawn
            table.rows[k].height = Inches(ROW * self.scale)
            if chip:
                mark = t.marks[k - 1] if k else None
                _fill(table.cell(k, 0), mark or (pal.HEADER if k == 0 else _stripe(k)))
            for c, text in enumerate(row):
                self._cell(table.cell(k, c + bool(chip)), text, k, t.size)

    def _cell(self, cell: Any, text: str, k: int, size: int) -> None:
        _fill(cell, pal.HEADER if k == 0 else _stripe(k))
        cell.margin_top = cell.margin_bottom = Inches(0.05 * self.scale)
        frame = cell.text_frame
        frame.word_wrap = True
        frame.text = xml_text(text)
        if frame.paragraphs[0].runs:
            self._font(frame.paragraphs[0].runs[0], D.Run(
                text, bold=k == 0, colour="#FFFFFF" if k == 0 else pal.INK), size)

    def _picture(self, slide: Any, spec: D.Slide) -> None:
        with Image.open(io.BytesIO(spec.picture)) as image:
            w, h = image.size
        title = slide.shapes.title
        top = (Emu(title.top + title.height).inches if title is not None else MAP_TITLE) + 0.08
        room_w, room_h = self.width - 0.3, self.height - top - 0.08
        scale = min(room_w / w, room_h / h)
        width, height = w * scale, h * scale
        pic = slide.shapes.add_picture(io.BytesIO(spec.picture), Inches((self.width - width) / 2),
                                       Inches(top + (room_h - height) / 2), Inches(width),
                                       Inches(height))
        pic._element.nvPicPr.cNvPr.set("descr", xml_text(spec.alt))
        pic.name = "Journey map"

    def _footer(self, slide: Any, workshop: Workshop, n: int, count: int) -> None:
        frame = slide.shapes.add_textbox(Inches(D.MARGIN * self.sx), Inches(self.height - 0.42),
                                         Inches(self.width - 2 * D.MARGIN * self.sx),
                                         Inches(0.32)).text_frame
        frame.word_wrap = True
        p = frame.paragraphs[0]
        p.alignment = PP_ALIGN.RIGHT
        run = p.add_run()
        run.text = xml_text(f"{workshop.title}   ·   {n} / {count}")
        self._font(run, D.Run(run.text, colour=pal.FAINT), 10)

    def _font(self, run: Any, r: D.Run, size: int = D.BODY) -> None:
        font = run.font
        font.size = Pt(round((r.size or size) * self.scale, 1))
        font.bold = r.bold
        font.italic = r.italic
        if self.plain:
            font.name = FONT
        if r.colour or self.plain:
            font.color.rgb = rgb(r.colour or pal.INK)


def _bullet(paragraph: Any, p: D.Para, indent: Any, hang: Any) -> None:
    """A real bullet (not a typed character) with a hanging indent; python-pptx has no
    API for either, so the paragraph's properties are written as the format says. A
    coloured marker (a feeling's colour) is a round bullet in that colour."""
    ppr = paragraph._p.get_or_add_pPr()
    ppr.set("lvl", str(min(p.level - 1, 8)))
    ppr.set("marL", str(int(indent)))
    ppr.set("indent", str(-int(hang)))
    colour = _child(_child(ppr, "a:buClr"), "a:srgbClr")
    colour.set("val", (p.marker or pal.MUTED).lstrip("#"))
    if p.marker:
        _child(ppr, "a:buSzPct").set("val", "140000")
    _child(ppr, "a:buFont").set("typeface", FONT)
    _child(ppr, "a:buChar").set("char", "●" if p.marker else ("•" if p.level == 1 else "–"))


def _child(parent: Any, tag: str) -> Any:
    element = OxmlElement(tag)
    parent.append(element)
    return element


def _fill(cell: Any, colour: str) -> None:
    cell.fill.solid()
    cell.fill.fore_color.rgb = rgb(colour)


def _stripe(k: int) -> str:
    return pal.STRIPE if k % 2 == 0 else pal.CARD


def _title_of(layout: Any) -> Any:
    return next((p for p in layout.placeholders if p.placeholder_format.idx == 0), None)


def _title_size(prs: Any) -> float:
    """The size, in points, the template's master gives titles (44 when it says none)."""
    found = prs.slide_master.element.xpath(
        "./p:txStyles/p:titleStyle/a:lvl1pPr/a:defRPr/@sz")
    return int(found[0]) / 100 if found else 44.0


def _fit(text: str, width: float, height: float, size: float, bold: bool = False) -> float:
    """The largest size up to `size` (points) at which `text` fits a box of `width` x
    `height` inches, by the same measure `deck_slides` paginates with."""
    em = 1.08 if bold else 1.0
    while size > 12:
        rows = D.lines(text, width / em - 0.2, round(size))
        if rows * size * 1.2 / 72 <= height:
            break
        size -= 2
    return size


def _title_only(layouts: list[Any]) -> Any:
    """The template's layout for a slide with a title and nothing else, or the closest."""
    for wanted in TITLE_ONLY:
        found = next((x for x in layouts if x.name.strip().lower() == wanted), None)
        if found is not None:
            return found
    with_title = [x for x in layouts if any(p.placeholder_format.type is not None and
                                            p.placeholder_format.idx == 0
                                            for p in x.placeholders)]
    return min(with_title or layouts, key=lambda x: len(x.placeholders))
