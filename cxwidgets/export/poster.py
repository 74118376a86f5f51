"""The self-contained HTML poster: the journey map and the workshop report on one page.

It opens anywhere without a network (Vega's scripts and the map are inside the file; the
Content-Security-Policy forbids fetching anything) and prints on one A3 landscape sheet
per part. It shows no menu of Vega's own ("⋯"): it is a page to read and print. A card
the map had to shorten ends in "…[n]" and the key under the map gives its text whole.
Every text people typed is escaped; the map's data sits in a JSON block no text can break
out of.
"""

from __future__ import annotations

import json
from typing import Any

from cxwidgets.export.map_files import CSP, EMBED_OPTIONS, script_json, vega_scripts
from cxwidgets.export.summary import Summary
from cxwidgets.language import _, current, format_date
from cxwidgets.pages import render

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


def words() -> dict[str, str]:
    """The poster's own words, in the language spoken (the workshop's, as the export's
    writer sets it): the template says nothing in any language of its own."""
    return {
        "journey_map": _("journey map"), "purpose": _("Purpose"),
        "customer_purpose": _("Customer purpose:"),
        "map_label": _("the same map in words follows it as a table"),
        "map_in_words": _("The journey map in words: every stage and touchpoint, as a table"),
        "rooms_disagree": _("Where the rooms disagree"), "persona": _("Persona"),
        "no_persona": _("No persona was agreed."), "goals": _("Goals"),
        "frustrations": _("Frustrations"), "top_priorities": _("Top priorities"),
        "item": _("Item"), "dots": _("Dots"), "quadrant": _("Quadrant"),
        "nothing_prioritised": _("Nothing was prioritised."), "action_plan": _("Action plan"),
        "action": _("Action"), "owner": _("Owner"), "due": _("Due"), "status": _("Status"),
        "overdue": _("overdue"), "no_actions": _("No actions yet."),
        "no_vision": _("No vision was written down."), "no_goals": _("No goals yet."),
        "serving_no_goal": _("Serving no goal"),
        "all_aligned": _("Every action and opportunity serves a goal."),
        "open_questions": _("Open questions"), "none": _("None."),
        "not_drawn": script_json(_("The map could not be drawn: ")),
    }


def poster_html(s: Summary, spec: dict[str, Any], map_table: str = "") -> str:
    """The poster page for a summary and the map's Vega-Lite spec (templates/pages/
    poster.html.j2); `map_table` is the map in words (`map_table.map_table_html`, which
    escapes every value), right under the drawing, for screen readers and for anyone who
    cannot tell its colours apart. The purpose reads "Purpose (find the pain points):
    Find where…", never the kind run into the statement. Words, dates and the page's
    `lang` are the language spoken's."""
    return render("poster.html.j2", s=s, csp=CSP, style=STYLE, vega_scripts=vega_scripts(),
                  spec_json=script_json(spec), embed_options=json.dumps(EMBED_OPTIONS),
                  map_table=map_table, w=words(), lang=current(), date=format_date)
