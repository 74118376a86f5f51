"""QR codes of the participant link: an SVG for the projector, text for the terminal.

Made with segno (pure Python, no image library). The URL is only data: it is encoded in
the modules, and where it also appears as words (the SVG's <title>, read out by screen
readers) it is escaped.
"""

from __future__ import annotations

import html

import segno

#: Modules of light margin around the code; the QR standard asks for 4.
QUIET_ZONE = 4
#: ANSI colours for the terminal: pure black on pure white, whatever the terminal's theme
#: (a code drawn light-on-dark is not read by every phone camera).
_BLACK_ON_WHITE = "\x1b[38;5;16;48;5;231m"
_RESET = "\x1b[0m"
# Half blocks: one character shows two rows of modules (top, bottom); True is dark.
_HALVES = {(False, False): " ", (True, False): "▀", (False, True): "▄", (True, True): "█"}


def _code(url: str) -> segno.QRCode:
    if not isinstance(url, str) or not url.strip():
        raise ValueError("a QR code needs a non-empty URL")
    return segno.make(url, error="m", micro=False)


def qr_svg(url: str, scale: int = 6) -> str:
    """An inline <svg> of the QR code of `url`, `scale` pixels per module.

    It has a viewBox, so CSS may resize it (`.cx-qr { width: 40vh; height: auto }`) and it
    stays sharp on a projector. The URL is the SVG's (escaped) title.
    """
    if scale < 1:
        raise ValueError("scale must be at least 1 pixel per module")
    code = _code(url)
    side = code.symbol_size(scale=scale, border=QUIET_ZONE)[0]
    svg = code.svg_inline(scale=1, border=QUIET_ZONE, dark="#000", light="#fff",
                          svgclass="cx-qr", lineclass=None, omitsize=True)
    # segno leaves the size to the page when it writes a viewBox: give it a default one,
    # and the URL as the title (escaped here, quotes too)
    head, rest = svg.split(">", 1)
    return (f'{head} width="{side}" height="{side}" role="img">'
            f"<title>{html.escape(url, quote=True)}</title>{rest}")


def qr_text(url: str, color: bool = False) -> str:
    """The QR code of `url` drawn with Unicode half blocks, two module rows per line.

    Plain text draws dark modules as blocks, right for dark-on-light (paper, light
    terminals). With `color=True` every line is set black on white with ANSI codes, so
    the code reads the same in a terminal of any colour scheme.
    """
    rows = [[bool(m) for m in row] for row in _code(url).matrix_iter(scale=1,
                                                                     border=QUIET_ZONE)]
    if len(rows) % 2:
        rows.append([False] * len(rows[0]))
    lines = []
    for top, bottom in zip(rows[::2], rows[1::2], strict=True):
        line = "".join(_HALVES[pair] for pair in zip(top, bottom, strict=True))
        lines.append(f"{_BLACK_ON_WHITE}{line}{_RESET}" if color else line)
    return "\n".join(lines)
