"""Write the journey map to a PNG, PDF, SVG or self-contained HTML file (step 16).

Drawing goes through vl-convert, so it works offline and needs no browser. PNG and PDF
are sheets to print (`paper`): A3 landscape by default, or A2, A1, A0, with the workshop's
name and purpose above the map; a PNG has 300 pixels per inch of paper. `paper=None`
draws the map alone at its own size (the Markdown report's picture, the deck's map slide).
The map is laid out once per `Drawing` (Vega-Lite to SVG, the costly part); the PNG and
the PDF are made from that SVG, so a set of exports pays for one layout however many
pictures it writes. Which formats are pictures of the map is the export registry's to say
(`formats.pictures`); an HTML file here is a page of the map alone.
A file is first written beside its target under a temporary name and then renamed over
it, so a failed export never leaves half a file nor destroys the one already there.

The HTML page carries Vega's scripts and the map inline, opens with no network, and its
Content-Security-Policy forbids fetching anything. The map's JSON sits in a JSON script
block with `<`, `>` and `&` escaped, so no text in a workshop can end that block early.
"""

from __future__ import annotations

import functools
import html
import json
import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from cxwidgets.atomic import write_atomic
from cxwidgets.charts import journey_map
from cxwidgets.exceptions import CxError, ExportError, TargetExists
from cxwidgets.export import paper as sheets
from cxwidgets.export.formats import by_suffix, pictures
from cxwidgets.export.paper import DEFAULT_PAPER, Heading
from cxwidgets.language import _, current, format_date, speaking
from cxwidgets.method import words as L
from cxwidgets.method.model import Persona, Workshop
from cxwidgets.method.validation import latest_customer_stats
from cxwidgets.method.views import map_persona

MAX_SCALE = 10.0


def map_spec(workshop: Workshop, persona_id: str | None = None, *,
             colour_by: str = "channel") -> dict[str, Any]:
    """The Vega-Lite specification of the journey map, as a plain dict."""
    return journey_map(workshop, persona_id, colour_by=colour_by,
                       customers=latest_customer_stats(workshop)).to_dict()


def _vl() -> Any:
    import vl_convert  # lazy: only where a map is drawn to a file

    return vl_convert


@dataclass(frozen=True)
class Page:
    """How a map file is laid out: its title, and for PNG and PDF the paper it is printed
    on (None: the map alone, enlarged by `scale`)."""

    title: str
    heading: Heading
    paper: str | None = DEFAULT_PAPER
    scale: float = 1.0


def heading(workshop: Workshop) -> Heading:
    """The top of a printed sheet: name, scope and dates, and the purpose (its kind in
    brackets, so "Find the pain points" is never read as the start of the statement)."""
    dates = ", ".join(format_date(d) for d in workshop.dates)
    kind = L.label(L.PURPOSE, workshop.purpose.kind)
    statement = workshop.purpose.statement.strip()
    purpose = (_("Purpose ({kind}): {statement}").format(kind=kind[:1].lower() + kind[1:],
                                                       statement=statement)
               if statement else _("Purpose: {kind}").format(kind=kind))
    return Heading(workshop.title, " · ".join(x for x in (workshop.scope, dates) if x),
                   purpose)


def map_title(workshop: Workshop, persona: Persona | None) -> str:
    """What a file of the map is called: "Freshbox: journey map for Busy Parent"."""
    if persona is None:
        return _("{title}: journey map").format(title=workshop.title)
    return _("{title}: journey map for {persona}").format(title=workshop.title,
                                                          persona=persona.name)


@functools.lru_cache(maxsize=1)
def vega_scripts() -> str:
    """Vega, Vega-Lite and vega-embed in one script (built once per process)."""
    return str(_vl().javascript_bundle())


#: Nothing may be fetched; Vega compiles its expressions, hence 'unsafe-eval'.
CSP = ("default-src 'none'; script-src 'unsafe-inline' 'unsafe-eval'; "
       "style-src 'unsafe-inline'; img-src data: blob:")
#: No "⋯" menu of Vega's own: a poster is read (and printed), and the kit exports files.
EMBED_OPTIONS = {"renderer": "svg", "actions": False}

PAGE = """<!DOCTYPE html>
<html lang="{lang}">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="{csp}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{title}</title>
<style>
  body {{ margin: 0; padding: 24px; background: #ffffff; font-family: Helvetica, Arial,
         sans-serif; }}
  #journey-map {{ overflow-x: auto; }}
</style>
<script>{scripts}</script>
</head>
<body>
<div id="journey-map" role="img" aria-label="{title}"></div>
<script type="application/json" id="journey-map-spec">{spec}</script>
<script>
  const spec = JSON.parse(document.getElementById("journey-map-spec").textContent);
  vegaEmbed("#journey-map", spec, {options}).catch(function (error) {{
    document.getElementById("journey-map").textContent =
      {failed} + error.message;
  }});
</script>
</body>
</html>
"""


def script_json(value: Any) -> str:
    """JSON that is safe inside a <script> element: no text can close the element."""
    text = json.dumps(value, ensure_ascii=False, separators=(",", ":"))
    for char, escape in (("<", "\\u003c"), (">", "\\u003e"), ("&", "\\u0026"),
                         ("\u2028", "\\u2028"), ("\u2029", "\\u2029")):
        text = text.replace(char, escape)
    return text


def map_page(spec: dict[str, Any], title: str) -> bytes:
    """A web page of the map alone, that opens offline."""
    page = PAGE.format(lang=current(), failed=script_json(_("The map could not be drawn: ")),
                       csp=CSP, title=html.escape(title), scripts=vega_scripts(),
                       spec=script_json(spec), options=json.dumps(EMBED_OPTIONS))
    return page.encode("utf-8")


#: What `export_map` writes besides the registry's pictures: a web page of the map alone.
MAP_PAGE = "html"


class Drawing:
    """The journey map laid out once: its SVG, and the PNG and PDF made from that SVG.

    Each file is made when first asked for and kept, so the formats of one set share
    one layout and one PNG (the Markdown report's picture, the deck's map slide and the
    PNG file are the same bytes). A PNG made this way is byte for byte the one
    `vegalite_to_png` gives.
    """

    def __init__(self, spec: dict[str, Any], title: str = "Journey map",
                 scale: float = 1.0) -> None:
        self.spec, self.title, self.scale = spec, title, scale

    @functools.cached_property
    def svg_text(self) -> str:
        return str(_vl().vegalite_to_svg(self.spec))

    def svg(self) -> bytes:
        return self.svg_text.encode("utf-8")

    @functools.cached_property
    def png_bytes(self) -> bytes:
        return bytes(_vl().svg_to_png(self.svg_text, scale=self.scale))

    def png(self) -> bytes:
        return self.png_bytes

    def pdf(self) -> bytes:
        return bytes(_vl().svg_to_pdf(self.svg_text, scale=self.scale))

    def html(self) -> bytes:
        return map_page(self.spec, self.title)

    def render(self, name: str, page: Page | None = None) -> bytes:
        """The map as a file of format `name`: a registry picture, or the map's page. With
        a `page` whose paper is set, PNG and PDF are that sheet, from the same layout."""
        if name not in (*pictures(), MAP_PAGE):
            raise ExportError(f"the map cannot be drawn as {name!r}; it can be: "
                              f"{', '.join((*pictures(), MAP_PAGE))}")
        if page is not None and page.paper is not None and name == "png":
            return sheets.sheet_png(self.svg_text, page.heading, page.paper)
        if page is not None and page.paper is not None and name == "pdf":
            return sheets.sheet_pdf(self.svg_text, page.heading, page.paper)
        data: bytes = getattr(self, name)()
        return data


def resolve_format(path: Path, fmt: str | None) -> str:
    """The format asked for, else the one the file name implies; refuse anything unknown."""
    known = ", ".join(sorted((*pictures(), MAP_PAGE)))
    name = (fmt if fmt is not None else path.suffix).lower().lstrip(".")
    if not name:
        raise ExportError(f"cannot tell which format to write for {path}: give the file a "
                          f".png, .svg or .html name, or choose a format ({known})")
    found = by_suffix(name)
    name = found.name if found is not None else name
    if name not in (*pictures(), MAP_PAGE):
        raise ExportError(f"unknown format {name!r} for {path}; known formats: {known}")
    return name


def check_target(path: Path, force: bool) -> None:
    folder = path.parent
    if not folder.is_dir():
        what = "is a file, not a folder" if folder.exists() else "does not exist"
        raise ExportError(f"cannot write {path.name}: the folder {folder} {what}")
    if not os.access(folder, os.W_OK | os.X_OK):
        raise ExportError(f"cannot write {path.name}: the folder {folder} is not writable")
    if path.is_dir():
        raise ExportError(f"cannot write {path}: it is a folder")
    if path.exists() and not force:
        raise TargetExists(path)


def _check_scale(scale: float) -> float:
    if isinstance(scale, bool) or not isinstance(scale, (int, float)) or not (
            0 < scale <= MAX_SCALE):
        raise ExportError(f"scale must be a number above 0 and at most {MAX_SCALE:g}, "
                          f"not {scale!r}")
    return float(scale)


def write_atomically(path: Path, data: bytes, force: bool) -> None:
    """Write `data` to `path` through a temporary file in the same folder, then rename."""
    try:
        write_atomic(path, data, overwrite=force)
    except FileExistsError:
        raise TargetExists(path) from None
    except OSError as exc:
        raise ExportError(f"cannot write {path}: {exc.strerror or exc}") from exc


def export_map(workshop: Workshop, path: str | os.PathLike[str], *,
               persona_id: str | None = None, colour_by: str = "channel",
               fmt: str | None = None, force: bool = False, scale: float = 1.0,
               spec: dict[str, Any] | None = None, paper: str | None = DEFAULT_PAPER,
               drawing: Drawing | None = None) -> Path:
    """Draw the journey map and write it as PNG, SVG, PDF or HTML; return the path written.

    The format comes from `fmt`, else from the file name. An existing file is kept unless
    `force` is true. PNG and PDF are printed on `paper` ("A3" landscape by default; "A2",
    "A1", "A0"), a PNG at 300 pixels per inch; `paper=None` draws the map alone, enlarged
    by `scale`. SVG and HTML are the map alone, at its own size. `spec` is the map's
    specification (`map_spec`) and `drawing` the map already laid out, when several formats
    are written at once.
    """
    path = Path(path)
    name = resolve_format(path, fmt)
    scale = _check_scale(scale)
    if paper is not None:
        sheets.paper_size(paper)  # an unknown size is refused before any drawing
        paper = paper.upper()
    check_target(path, force)
    with speaking(workshop.language):  # the map's words, whoever asks for it
        title = map_title(workshop, map_persona(workshop, persona_id))
        if drawing is None or drawing.scale != scale:
            drawing = Drawing(spec or map_spec(workshop, persona_id, colour_by=colour_by),
                              title, scale)
        try:
            data = drawing.render(name, Page(title, heading(workshop), paper, scale))
        except CxError:
            raise
        except Exception as exc:  # vl-convert raises plain ValueError/RuntimeError
            raise ExportError(f"could not draw the map as {name.upper()}: {exc}") from exc
    write_atomically(path, data, force)
    return path
