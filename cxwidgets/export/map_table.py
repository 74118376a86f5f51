"""The journey map in words: one table row per touchpoint, for whoever cannot see the drawing.

A screen reader reads nothing useful from a chart of a hundred marks, and a person who
cannot tell the colours apart, or who reads a printout in black and white, needs the
same facts in another form. This table carries every fact the drawing shows: each stage
in journey order, its touchpoints with their channel and owner, how the room felt there
(the score and the words it gave), and the pain points and opportunities tied to them.
Shown beside the map on the map step and on the poster; pure (no files, no store), and
every value escaped.
"""

from __future__ import annotations

import html
from dataclasses import dataclass

from cxwidgets.language import N_, _
from cxwidgets.method import views as J
from cxwidgets.method import words as L
from cxwidgets.method.model import Workshop
from cxwidgets.method.moderation import visible

#: Feeling bands, as the map's legend names them, from the mean score.
NOT_RATED = N_("not rated yet")


@dataclass(frozen=True)
class MapRow:
    """One touchpoint of the map, with everything the drawing shows about it."""

    stage: str
    touchpoint: str
    channel: str
    owner: str
    feeling: str
    pains: tuple[str, ...]
    opportunities: tuple[str, ...]


def feeling_words(mean: float | None, n: int = 0, words: tuple[str, ...] = ()) -> str:
    """"-1.4, bad (5 ratings: annoyed, unsure)": the number, its band and the words."""
    if mean is None:
        return _(NOT_RATED)
    band = L.FEELING[max(-2, min(2, round(mean)))].lower()
    said = f": {', '.join(words)}" if words else ""
    return f"{L.signed(mean)}, {band} ({L.count(n, 'rating')}{said})"


def map_rows(workshop: Workshop, persona_id: str | None = None) -> list[MapRow]:
    """Every placed touchpoint, stage by stage in journey order, as the map draws them
    (entries taken off the board or merged into another are left out, as on the map)."""
    workshop = visible(workshop)
    pid = J.map_persona(workshop, persona_id)
    pid_id = pid.id if pid else None
    stats = J.emotion_stats(workshop, pid_id)
    pains = J.for_persona(workshop.pain_points, pid_id)
    ideas = J.for_persona(workshop.opportunities, pid_id)
    names = {s.id: s.name for s in workshop.stages}
    rows = []
    for stage_id, touchpoints in J.touchpoints_by_stage(workshop).items():
        for tp in touchpoints:
            st = stats.get(tp.id)
            rows.append(MapRow(
                names[stage_id], tp.name, L.label(L.CHANNEL, tp.channel),
                L.label(L.FUNCTION, tp.owner),
                feeling_words(st.mean, st.n, st.words) if st else _(NOT_RATED),
                tuple(p.text for p in pains if p.touchpoint_id == tp.id),
                tuple(o.text for o in ideas if o.touchpoint_id == tp.id)))
    return rows


COLUMNS = (N_("Stage"), N_("Touchpoint"), N_("Channel"), N_("Owner"), N_("Feeling"),
           N_("Pain points"), N_("Opportunities"))


def _cell(column: str, items: tuple[str, ...]) -> str:
    """One cell, labelled with its column: on a phone the kit's screens show each row as
    a card, and the label says what the cell is."""
    if not items:
        inside = html.escape(_("none"))
    elif len(items) == 1:
        inside = html.escape(items[0])
    else:
        inside = "<ul>" + "".join(f"<li>{html.escape(i)}</li>" for i in items) + "</ul>"
    return f'<td data-label="{html.escape(_(column))}">{inside}</td>'


def map_table_html(workshop: Workshop, persona_id: str | None = None) -> str:
    """The table (with its caption and column headers for screen readers)."""
    rows = map_rows(workshop, persona_id)
    persona = J.map_persona(workshop, persona_id)
    head = "".join(f"<th scope='col'>{html.escape(_(h))}</th>" for h in COLUMNS)
    body = "".join(
        "<tr>" + "".join(_cell(c, v) for c, v in zip(COLUMNS, (
            (r.stage,), (r.touchpoint,), (r.channel,), (r.owner,), (r.feeling,),
            r.pains, r.opportunities), strict=True)) + "</tr>"
        for r in rows)
    if not rows:
        body = "<tr><td colspan='7'>{}</td></tr>".format(
            html.escape(_("No touchpoint is on a stage yet.")))
    count = L.count(len(rows), "touchpoint")
    caption = (_("The journey map for {persona} in words: {touchpoints}, stage by stage").format(
        persona=persona.name, touchpoints=count) if persona else
        _("The journey map in words: {touchpoints}, stage by stage").format(touchpoints=count))
    return (f"<div class='cx-table-box'><table class='cx-table cx-map-table'><caption>"
            f"{html.escape(caption)}</caption><thead><tr>{head}</tr></thead><tbody>{body}"
            "</tbody></table></div>")
