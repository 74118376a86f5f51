"""The self-contained HTML poster: the journey map and the workshop report on one page.

It opens anywhere without a network (Vega's scripts and the map are inside the file; the
Content-Security-Policy forbids fetching anything) and prints on one A3 landscape sheet
per part. It shows no menu of Vega's own ("⋯"): it is a page to read and print. A card
the map had to shorten ends in "…[n]" and the key under the map gives its text whole.
Every text people typed is escaped; the map's data sits in a JSON block no text can break
out of.
"""

from __future__ import annotations

import html
import json
from typing import Any

from cxwidgets.export.map_files import CSP, EMBED_OPTIONS, script_json, vega_scripts
from cxwidgets.export.summary import Summary

STYLE = """
@page { size: A3 landscape; margin: 10mm; }
body { font-family: Helvetica, Arial, sans-serif; color: #1f2933; margin: 0; padding: 20px; }
header h1 { margin: 0 0 4px; font-size: 26px; } header p { margin: 2px 0; color: #52606d; }
.purpose { font-size: 15px; margin: 8px 0 12px; }
#journey-map { margin: 8px 0 16px; }
/* the map as wide as the page (never wider): the poster is read whole, not scrolled */
#journey-map .vega-embed { display: block; }
#journey-map svg { max-width: 100%; height: auto; }
.columns { display: grid; grid-template-columns: 1fr 1.4fr 1fr; gap: 18px; }
.columns > section { min-width: 0; }
@media (max-width: 900px) { .columns { grid-template-columns: 1fr; } }
section h2 { font-size: 16px; border-bottom: 2px solid #23304a; padding-bottom: 3px; }
.map-words { margin: 0 0 16px; } .map-words summary { cursor: pointer; font-weight: 600; }
.map-words caption { text-align: left; margin: 6px 0; }
.map-words ul { margin: 0; padding-left: 1.1em; }
table { border-collapse: collapse; width: 100%; font-size: 12px; }
th, td { text-align: left; border-bottom: 1px solid #e0e4e8; padding: 3px 5px;
  vertical-align: top; overflow-wrap: break-word; }
.overdue { color: #b00020; font-weight: 600; }
.persona blockquote { font-style: italic; color: #3e4c59; margin: 6px 0; }
ul { padding-left: 18px; margin: 4px 0; } li { margin: 2px 0; font-size: 13px; }
.muted { color: #7b8794; font-style: italic; }
@media print { body { padding: 0; } .map-part { page-break-after: always; }
  #journey-map { overflow: visible; }
  #journey-map svg { width: auto; height: auto; max-width: 100%; max-height: 235mm; } }
"""


def e(text: object) -> str:
    return html.escape(str(text), quote=True)


def _list(items: tuple[str, ...], empty: str) -> str:
    if not items:
        return f"<p class='muted'>{e(empty)}</p>"
    return "<ul>" + "".join(f"<li>{e(i)}</li>" for i in items) + "</ul>"


def _persona(s: Summary) -> str:
    p = s.persona
    if p is None:
        return "<section class='persona'><h2>Persona</h2><p class='muted'>No persona was " \
               "agreed.</p></section>"
    quote = f"<blockquote>“{e(p.quote)}”</blockquote>" if p.quote else ""
    parts = "".join(f"<h3>{label}</h3>{_list(tuple(items), '-')}" for label, items in
                    (("Goals", p.goals), ("Frustrations", p.frustrations)) if items)
    return (f"<section class='persona'><h2>{e(p.name)}</h2><p>{e(p.role)}"
            f"{' · ' + e(p.segment) if p.segment else ''}</p>{quote}{parts}</section>")


def _plan(s: Summary) -> str:
    prio = "".join(f"<tr><td>{r.rank}</td><td>{e(r.text)}</td><td>{r.dots}</td>"
                   f"<td>{e(r.quadrant or '-')}</td></tr>" for r in s.priorities)
    acts = "".join(f"<tr class='{'overdue' if a.overdue else ''}'><td>{e(a.title)}</td>"
                   f"<td>{e(a.owner)}</td><td>{a.due:%d %b %Y}"
                   f"{' · overdue' if a.overdue else ''}</td><td>{e(a.status)}</td></tr>"
                   for a in s.actions)
    return ("<section><h2>Top priorities</h2>"
            + (f"<table><tr><th>#</th><th>Item</th><th>Dots</th><th>Quadrant</th></tr>{prio}"
               "</table>" if prio else "<p class='muted'>Nothing was prioritised.</p>")
            + "<h2>Action plan</h2>"
            + (f"<table><tr><th>Action</th><th>Owner</th><th>Due</th><th>Status</th></tr>"
               f"{acts}</table>" if acts else "<p class='muted'>No actions yet.</p>")
            + "</section>")


def _alignment(s: Summary) -> str:
    return ("<section><h2>Goals</h2>" + _list(s.vision, "No vision written down.")
            + _list(s.goals, "No goals yet.") + "<h3>Serving no goal</h3>"
            + _list(s.unaligned, "Every action and opportunity serves a goal.")
            + "<h3>Open questions</h3>" + _list(s.questions, "None.") + "</section>")


def _sections(parts: tuple[tuple[str, tuple[str, ...]], ...], title: str = "") -> str:
    if not parts:
        return ""
    return (f"<h2>{e(title)}</h2>" if title else "") + "<div class='columns'>" + "".join(
        f"<section><h2>{e(heading)}</h2>{_list(items, '-')}</section>"
        for heading, items in parts) + "</div>"


def _purpose(s: Summary) -> str:
    """The room's purpose, its kind in brackets: "Purpose (find the pain points): Find
    where…", never the kind run into the statement ("Find the pain points: Find where…")."""
    if not s.statement:
        return f"<b>Purpose:</b> {e(s.purpose_kind or s.purpose)}"
    kind = f" ({e(s.purpose_kind.lower())})" if s.purpose_kind else ""
    return f"<b>Purpose</b>{kind}: {e(s.statement)}"


def _in_words(table: str) -> str:
    """The map's table, folded under its title (opened by a click or Enter; printed
    folded, so the map's sheet stays the map)."""
    if not table:
        return ""
    return ("<details class='map-words'><summary>The journey map in words: every stage "
            "and touchpoint, as a table</summary>" + table + "</details>")


def poster_html(s: Summary, spec: dict[str, Any], map_table: str = "") -> str:
    """The poster page for a summary and the map's Vega-Lite spec; `map_table` is the map
    in words (`map_table.map_table_html`), right under the drawing, for screen readers
    and for anyone who cannot tell its colours apart."""
    subtitle = " · ".join(x for x in (s.scope, s.dates) if x)
    purpose = _purpose(s) + (f"<br><b>Customer purpose:</b> {e(s.customer_purpose)}"
                             if s.customer_purpose else "")
    return f"""<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="{CSP}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{e(s.title)}: journey map</title><style>{STYLE}</style>
<script>{vega_scripts()}</script></head>
<body>
<div class="map-part">
<header><h1>{e(s.title)}</h1><p>{e(subtitle)}</p></header>
<p class="purpose">{purpose}</p>
<div id="journey-map" role="img" aria-label="{e(s.title)} journey map; the same map in words
 follows it as a table"></div>
</div>
{_in_words(map_table)}
{_sections(s.rooms, "Where the rooms disagree")}
<div class="columns">{_persona(s)}{_plan(s)}{_alignment(s)}</div>
{_sections(s.techniques)}
<script type="application/json" id="journey-map-spec">{script_json(spec)}</script>
<script>
  const spec = JSON.parse(document.getElementById("journey-map-spec").textContent);
  vegaEmbed("#journey-map", spec, {json.dumps(EMBED_OPTIONS)}).catch(function (error) {{
    document.getElementById("journey-map").textContent =
      "The map could not be drawn: " + error.message;
  }});
</script>
</body></html>
"""
