"""The workshop report in Markdown: readable as text, renders in any wiki or repository.

Everything people typed goes through `inert.md` (HTML, links, images, bare addresses,
table pipes), so a touchpoint named `<img onerror=...>` or `[click](javascript:...)` shows
as words wherever the report is rendered. The map is an image beside the report, linked
by name: the only link or image the report holds is the kit's own. Its words are the
catalogue's, in the language spoken (the workshop's, as the export's writer sets it),
and dates are written as that language writes them.
"""

from __future__ import annotations

from cxwidgets.export.inert import md
from cxwidgets.export.summary import Summary
from cxwidgets.language import _, format_date

__all__ = ["md", "report_markdown"]


class Ours(str):
    """A cell the kit wrote itself (a date in the locale's form): shown as it is, since
    escaping a line's start would turn "12.11.2026" into "12\\.11.2026" in the file."""


def _table(headers: list[str], rows: list[list[object]]) -> list[str]:
    out = ["| " + " | ".join(headers) + " |", "|" + "---|" * len(headers)]
    out += ["| " + " | ".join(str(c) if isinstance(c, Ours) else md(c) for c in row) + " |"
            for row in rows]
    return out


def _persona(s: Summary) -> list[str]:
    p = s.persona
    if p is None:
        return [f"## {_('Persona')}", "", f"_{_('No persona was agreed.')}_", ""]
    lines = ["## " + _("Persona: {name}").format(name=md(p.name)), "",
             md(" · ".join(x for x in (p.role, p.segment) if x))]
    if p.quote:
        lines += ["", f"> {md(p.quote)}"]
    for label, items in ((_("Goals"), p.goals), (_("Needs"), p.needs),
                         (_("Frustrations"), p.frustrations)):
        if items:
            lines += ["", f"**{label}**", *[f"- {md(i)}" for i in items]]
    return [*lines, ""]


def _plan(s: Summary) -> list[str]:
    lines = [f"## {_('Top priorities')}", ""]
    if s.priorities:
        lines += _table(["#", _("Item"), _("Kind"), _("Dots"), _("Impact"), _("Effort"),
                         _("Quadrant")], [
            [r.rank, r.text, r.kind, r.dots, r.impact or "-", r.effort or "-",
             r.quadrant or "-"] for r in s.priorities])
    else:
        lines.append(f"_{_('Nothing was prioritised.')}_")
    lines += ["", f"## {_('Action plan')}", ""]
    if s.actions:
        late = sum(a.overdue for a in s.actions)
        if late:
            lines += [_("{late} overdue on {date}.").format(
                late=f"**{late}**", date=format_date(s.today)), ""]
        lines += _table([_("Action"), _("Owner"), _("Function"), _("Due"), _("Status")], [
            [a.title, a.owner, a.function,
             Ours(format_date(a.due) + (f" ({_('overdue')})" if a.overdue else "")),
             a.status]
            for a in s.actions])
    else:
        lines.append(f"_{_('No actions yet.')}_")
    return [*lines, ""]


def _bullets(title: str, items: tuple[str, ...], empty: str) -> list[str]:
    return [f"**{title}**", "", *([f"- {md(i)}" for i in items] or [f"_{empty}_"]), ""]


def _rooms(s: Summary) -> list[str]:
    """A consensus map's disagreements, first thing after its purpose."""
    if not s.rooms:
        return []
    lines = [f"## {_('Where the rooms disagree')}", ""]
    for heading, items in s.rooms:
        lines += [f"### {md(heading)}", "",
                  *([f"- {md(i)}" for i in items] or [f"_{_('None.')}_"]), ""]
    return lines


def report_markdown(s: Summary, map_image: str | None = None) -> str:
    """The whole report; `map_image` is the file name of the map picture beside it."""
    lines = [f"# {md(s.title)}", ""]
    if s.scope or s.dates:
        lines += [f"_{md(' · '.join(x for x in (s.scope, s.dates) if x))}_", ""]
    lines += [f"## {_('Purpose')}", "", md(s.purpose), ""]
    if s.customer_purpose:
        lines += [f"**{_('Customer purpose:')}** {md(s.customer_purpose)}", ""]
    lines += _rooms(s)
    lines += _persona(s)
    if map_image:
        lines += [f"## {_('The journey map')}", "", f"![{_('Journey map')}]({map_image})", ""]
    lines += _plan(s)
    lines += [f"## {_('Alignment with goals')}", ""]
    lines += _bullets(_("Vision"), s.vision, _("No vision was written down."))
    lines += _bullets(_("Goals"), s.goals, _("No goals yet."))
    lines += _bullets(_("Serving no goal"), s.unaligned,
                      _("Every action and opportunity serves a goal."))
    lines += _bullets(_("Goals nothing serves"), s.unserved,
                      _("Every goal has work towards it."))
    settled = _("None: the room settled everything.")
    lines += [f"## {_('Open questions')}", "", *([f"- {md(q)}" for q in s.questions]
                                                or [f"_{settled}_"]), ""]
    for heading, items in s.techniques:
        lines += [f"## {md(heading)}", "", *[f"- {md(i)}" for i in items], ""]
    return "\n".join(lines)
