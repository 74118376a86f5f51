"""The HTML pages the kit writes (the poster, the bank's index), from Jinja2 templates.

Autoescape is on for every page: whatever a participant or a feedback file wrote is
escaped by default, and only what the kit itself made (its style, Vega's scripts, the
map's JSON block, already made safe for a script tag) is let through, by name, with
`| safe` in the template. The templates live in `templates/pages/` and travel in the
wheel with the kit's other templates.
"""

from __future__ import annotations

from functools import cache
from typing import Any

import jinja2

from cxwidgets.resources import TEMPLATES


@cache
def _environment() -> jinja2.Environment:
    return jinja2.Environment(
        loader=jinja2.FileSystemLoader(TEMPLATES / "pages"),
        autoescape=True, undefined=jinja2.StrictUndefined, keep_trailing_newline=True)


def render(name: str, **context: Any) -> str:
    """The page `name` (e.g. "poster.html.j2") filled with `context`, escaped."""
    return _environment().get_template(name).render(**context)
