"""The journey map as a printed sheet: A3 (or A2, A1, A0) landscape, for PDF and PNG.

A sheet is one SVG page the size of the paper (1 unit = 1 pt): the workshop's name, scope,
dates and purpose at the top, then the map (drawn by vl-convert, the key of shortened
texts included) scaled to fill the rest. vl-convert turns the page into a PDF with its
fonts embedded, or into a PNG of 300 pixels per inch of paper (4961 x 3508 for A3), with
that resolution written in the file so a print shop prints it at the right size.

Pure drawing: no files, no store; the caller writes the bytes.
"""

from __future__ import annotations

import re
import textwrap
from dataclasses import dataclass
from html import escape
from typing import Any

from cxwidgets.charts import palette as pal
from cxwidgets.exceptions import ExportError

#: Paper sizes, landscape, in points (1/72 inch): ISO 216.
PAPERS: dict[str, tuple[float, float]] = {
    "A3": (1190.55, 841.89), "A2": (1683.78, 1190.55), "A1": (2383.94, 1683.78),
    "A0": (3370.39, 2383.94)}
DEFAULT_PAPER = "A3"
#: Pixels per inch of a PNG sheet.
DPI = 300
FONT = "Helvetica, Arial, sans-serif"
#: Average glyph width as a share of the font size (generous, so wrapped lines fit).
GLYPH = 0.55


@dataclass(frozen=True)
class Heading:
    """What the top of a sheet says: the workshop, its scope and dates, its purpose."""

    title: str
    subtitle: str = ""
    purpose: str = ""


def paper_size(paper: str) -> tuple[float, float]:
    """(width, height) in points of a paper named A3, A2, A1 or A0 (any case)."""
    size = PAPERS.get(str(paper).upper())
    if size is None:
        raise ExportError(f"unknown paper size {paper!r}; known sizes: "
                          f"{', '.join(PAPERS)} (landscape)")
    return size


_ROOT = re.compile(r"<svg\b[^>]*>", re.S)
_SIZE = re.compile(r'\bwidth="([\d.]+)"[^>]*\bheight="([\d.]+)"')


def _inner(svg: str) -> tuple[str, float, float]:
    """The drawing inside vl-convert's root <svg> element, and its width and height."""
    root = _ROOT.search(svg)
    size = _SIZE.search(root.group(0)) if root else None
    if root is None or size is None:
        raise ExportError("the map could not be placed on the sheet: its drawing has no size")
    body = svg[root.end():svg.rindex("</svg>")]
    return body, float(size.group(1)), float(size.group(2))


def _lines(text: str, size: float, width: float, most: int) -> list[str]:
    """`text` wrapped to `width` points at `size`; never cut (`most` only widens lines)."""
    chars = max(20, int(width / (size * GLYPH)))
    lines = textwrap.wrap(" ".join(text.split()), chars) or []
    while len(lines) > most and chars < 400:
        chars = int(chars * 1.15)
        lines = textwrap.wrap(" ".join(text.split()), chars)
    return lines


def _text(x: float, y: float, size: float, text: str, **style: Any) -> str:
    attrs = "".join(f' {k.replace("_", "-")}="{escape(str(v))}"' for k, v in style.items())
    return (f'<text x="{x:.2f}" y="{y:.2f}" font-family="{FONT}" font-size="{size:.2f}"'
            f'{attrs}>{escape(text, quote=False)}</text>')


def sheet_svg(map_svg: str, heading: Heading, paper: str = DEFAULT_PAPER) -> str:
    """One page of `paper`: the heading, then the map as large as the page allows."""
    width, height = paper_size(paper)
    k = width / PAPERS["A3"][0]  # type and margins grow with the paper
    margin = 28 * k
    inner = width - 2 * margin
    parts: list[str] = []
    y = margin + 22 * k
    for line in _lines(heading.title, 22 * k, inner, 2):
        parts.append(_text(margin, y, 22 * k, line, font_weight="bold", fill=pal.INK))
        y += 27 * k
    for text, size, colour in ((heading.subtitle, 12 * k, pal.MUTED),
                               (heading.purpose, 12 * k, pal.INK)):
        for line in _lines(text, size, inner, 3) if text else []:
            parts.append(_text(margin, y, size, line, fill=colour))
            y += size * 1.3
    y += 4 * k
    parts.append(f'<line x1="{margin:.2f}" y1="{y:.2f}" x2="{width - margin:.2f}" '
                 f'y2="{y:.2f}" stroke="#23304A" stroke-width="{1.5 * k:.2f}"/>')
    y += 8 * k
    body, map_w, map_h = _inner(map_svg)
    scale = min(inner / map_w, (height - margin - y) / map_h)
    left = margin + (inner - map_w * scale) / 2  # a map narrower than the page: centred
    parts.append(f'<svg x="{left:.2f}" y="{y:.2f}" width="{map_w * scale:.2f}" '
                 f'height="{map_h * scale:.2f}" viewBox="0 0 {map_w:g} {map_h:g}">{body}</svg>')
    return (f'<svg xmlns="http://www.w3.org/2000/svg" '
            f'xmlns:xlink="http://www.w3.org/1999/xlink" version="1.1" '
            f'width="{width:.2f}" height="{height:.2f}" viewBox="0 0 {width:.2f} {height:.2f}">'
            f'<rect width="100%" height="100%" fill="#FFFFFF"/>{"".join(parts)}</svg>')


def _vl() -> Any:
    import vl_convert  # lazy: only where a map is drawn to a file

    return vl_convert


def sheet_pdf(map_svg: str, heading: Heading, paper: str = DEFAULT_PAPER) -> bytes:
    """The sheet as a one-page PDF of exactly `paper`, fonts embedded."""
    return bytes(_vl().svg_to_pdf(sheet_svg(map_svg, heading, paper)))


def sheet_png(map_svg: str, heading: Heading, paper: str = DEFAULT_PAPER) -> bytes:
    """The sheet as a PNG of `DPI` pixels per inch of `paper` (4961 x 3508 for A3)."""
    # the page is in points (72 to the inch): vl-convert enlarges it by ppi / 72
    return bytes(_vl().svg_to_png(sheet_svg(map_svg, heading, paper), ppi=DPI))
