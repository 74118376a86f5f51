"""Step 14, Keep it alive: named versions of the map, and what changed between two of them.

A version names the map as it is now (the as-is map, a to-be design, a dated review).
Any two versions, or a version and the map now, can be put side by side: both maps, the
elements added and removed, every changed field, and how feelings moved.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import ipywidgets as w

from cxwidgets.charts.journey_map import journey_map
from cxwidgets.charts.versions import emotion_shift
from cxwidgets.exceptions import CxError
from cxwidgets.language import _, format_date
from cxwidgets.method import checks
from cxwidgets.method import views as J
from cxwidgets.method import words as L
from cxwidgets.method.diff import WorkshopDiff, diff
from cxwidgets.method.kinds import COMPARED
from cxwidgets.method.model import Workshop
from cxwidgets.widgets.base import StepWidget, allow, esc, set_options, table
from cxwidgets.widgets.chart import ChartView
from cxwidgets.widgets.fields import Text
from cxwidgets.widgets.registry import register
from cxwidgets.widgets.rounds import AskCustomers

NOW = ""


@register
class Versions(StepWidget):
    """Step 14: save versions; compare any two."""

    step_key = "versions"

    def build(self) -> list[w.Widget]:
        wrap = w.Layout(flex_flow="row wrap")
        self.name = Text(description=_("Version"), placeholder=_("e.g. As-is, Nov 2026")
                           ).add_class("cx-version-name")
        self.kind = w.Dropdown(description=_("Kind"), options=[
            *L.options(L.VERSION_KIND)]).add_class("cx-version-kind")
        self.note = Text(description=_("Note"), layout=w.Layout(width="30em")
                           ).add_class("cx-version-note")
        self.tag = w.Button(description=_("Save this version"), icon="bookmark",
                            button_style="primary").add_class("cx-tag")
        self.review_on = w.DatePicker(description=_("Next review")).add_class("cx-next-review")
        self.set_review = w.Button(description=_("Plan the review"), icon="calendar"
                                   ).add_class("cx-set-review")
        self.review = w.HTML().add_class("cx-review-due")
        self.set_review.on_click(lambda _: self._on_review())
        saving = w.VBox([w.HBox([self.name, self.kind], layout=wrap),
                         w.HBox([self.note, self.tag], layout=wrap), self.notice,
                         w.HBox([self.review_on, self.set_review], layout=wrap)])
        saving.layout.display = "" if self.editor.is_facilitator else "none"
        self.history = w.HTML().add_class("cx-versions")
        self.left = w.Dropdown(description=_("Compare"), options=[]).add_class("cx-left")
        self.right = w.Dropdown(description=_("with"), options=[]).add_class("cx-right")
        self.compare = w.Button(description=_("Compare"), icon="columns").add_class("cx-compare")
        self.summary = w.HTML().add_class("cx-diff-summary")
        self.left_map = ChartView("cx-left-map")
        self.right_map = ChartView("cx-right-map")
        box = w.Layout(overflow="auto", width="50%", border="1px solid #ddd")
        self.side_by_side = w.HBox([w.Box([self.left_map], layout=box),
                                    w.Box([self.right_map], layout=box)]
                                   ).add_class("cx-side-by-side")
        self.shift = ChartView("cx-shift-chart")
        self.details = w.HTML().add_class("cx-diff")
        self.tag.on_click(self._on_tag)
        self.compare.on_click(lambda _: self.run_compare())
        self.compare_notice = self.notice_line()
        shown = [saving, self.review, self.history, w.HTML("<h4>{}</h4>".format(
            esc(_("Compare two versions")))),
                 w.HBox([self.left, self.right, self.compare], layout=wrap),
                 self.compare_notice, self.summary, self.side_by_side, self.shift,
                 self.details]
        if self.editor.is_facilitator:
            shown.append(AskCustomers(self.live))
        return shown

    def render(self, workshop: Workshop) -> None:
        names = [(f"{v.name} ({L.word(v.kind)})", v.name) for v in workshop.versions]
        set_options(self.left, names)
        set_options(self.right, [*names, (_("The map now"), NOW)])
        if names and self.left.value == self.right.value:
            self.right.value = NOW
        allow(self.compare, bool(names), _("Save a version first: there is nothing to "
                                           "compare yet"))
        self.history.value = version_table(workshop)
        self.review.value = review_note(checks.review(workshop, self.live.today()))
        if workshop.next_review and self.review_on.value != workshop.next_review:
            self.review_on.value = workshop.next_review

    def state_of(self, name: str) -> Workshop:
        return self.live.workshop if name == NOW else self.live.version(name)

    def run_compare(self) -> WorkshopDiff | None:
        """Show the two versions side by side with everything that changed."""
        if not self.left.value:
            self.show_error(_("Save a version first: there is nothing to compare yet."),
                            self.compare_notice)
            return None
        try:
            before, after = self.state_of(self.left.value), self.state_of(self.right.value)
        except CxError as exc:
            self.show_error(str(exc), self.compare_notice)
            return None
        persona = self.live.persona_id or None
        result = diff(before, after, persona)
        names = (self.left.value, self.right.value or "the map now")
        self.summary.value = f"<p><b>{esc(names[0])} → {esc(names[1])}:</b> " \
                             f"{esc(result.summary())}</p>"
        self.details.value = diff_tables(result, names_in(before, after))
        self.left_map.show(journey_map(before, persona))
        self.right_map.show(journey_map(after, persona))
        if result.emotions and any(d.delta is not None for d in result.emotions):
            self.shift.show(emotion_shift([d for d in result.emotions if d.delta is not None],
                                          *names))
        else:
            self.shift.message(_("Feelings did not move between these versions."))
        self.clear_notices()
        return result

    def _on_review(self) -> None:
        if self.review_on.value is None:
            self.show_error(_("Pick the day of the next review in the calendar."))
            return
        self.save(self.editor.update_workshop, next_review=self.review_on.value.isoformat())

    def _on_tag(self, _button: w.Button) -> None:
        if self.save(self.editor.tag_version, self.name.value, self.kind.value,
                     self.note.value):
            self.show_done(f"Saved version {self.name.value!r}.")
            self.name.value = self.note.value = ""


def review_note(review: checks.Review) -> str:
    """When the map is next reviewed (`checks.review`); an overdue review stands out."""
    if review.due is None:  # not `planned`
        return "<p class='cx-warn'>{}</p>".format(esc(_(
            "No review is planned: a map nobody revisits goes stale. Pick a date with the "
            "room.")))
    due = format_date(review.due, "dd MMM y")
    if review.overdue:
        return "<p class='cx-overdue'>{}</p>".format(esc(_(
            "The review planned for {day} is overdue by {days}.").format(
                day=due, days=L.count(review.days_overdue, "day"))))
    return "<p>{}</p>".format(_("Next review: {day} (in {days}).").format(
        day=f"<b>{esc(due)}</b>", days=esc(L.count(review.days_left, "day"))))


def version_table(workshop: Workshop) -> str:
    if not workshop.versions:
        return "<p><i>{}</i></p>".format(esc(_("No version saved yet.")))
    rows = [[esc(v.name), L.word(v.kind),
             v.created_at.strftime("%d %b %Y %H:%M") if v.created_at else "-",
             esc(v.note or "-")] for v in workshop.versions]
    return table([_("Version"), _("Kind"), _("Saved"), _("Note")], rows)


#: Fields holding the id of another element, or a list of them.
_REFERENCES = frozenset({"touchpoint_id", "stage_id", "pain_id", "persona_id", "goal_ids",
                         "linked_ids", "based_on"})


def names_in(*workshops: Workshop) -> dict[str, str]:
    """What every element of either version is called, by id (to show links as names)."""
    found: dict[str, str] = {}
    for ws in workshops:
        for collection in COMPARED:
            found.update({e.id: J.label_of(e) for e in getattr(ws, collection)})
    return found


def in_words(field: str, value: Any, names: dict[str, str]) -> str:
    """A field's value as a person reads it: names for links, labels for codes, dates as
    dates, "-" for nothing; never an id, `null` or a list in brackets."""
    if value is None or value == "" or value == [] or value == {}:
        return "-"
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, list):
        return "; ".join(in_words(field, v, names) for v in value) or "-"
    if isinstance(value, dict):  # the session's purpose: its kind and its statement
        kind = L.label(L.PURPOSE, value.get("kind", ""))
        return ": ".join(x for x in (kind, str(value.get("statement") or "")) if x) or "-"
    if field in _REFERENCES:
        return names.get(str(value), "an element since removed")
    if field in L.FIELD_CODES:
        return L.label(L.FIELD_CODES[field], str(value))
    if field in ("start", "due", "dates") and isinstance(value, str):
        try:
            return dt.date.fromisoformat(value).strftime("%d %b %Y")
        except ValueError:
            return value
    return str(value)


def _short(text: str) -> str:
    return esc(text if len(text) <= 80 else text[:77] + "…")


def diff_tables(result: WorkshopDiff, names: dict[str, str] | None = None) -> str:
    """Added, removed and changed elements and moved feelings, in words (`names`: what
    each element of the two versions is called, for fields that link to others)."""
    names = names or {}
    if result.empty:
        return "<p>{}</p>".format(esc(_("The two versions are the same.")))
    parts = []
    for title, items, cls in (("Added", result.added, "cx-added"),
                              ("Removed", result.removed, "cx-removed")):
        if items:
            parts.append(f"<h5>{title}</h5>" + table(
                ["Kind", "Element"], [[esc(i.kind), f"<span class='{cls}'>{esc(i.label)}</span>"]
                                      for i in items]))
    changes = [*result.frame, *result.changed]
    if changes:
        by_element: dict[tuple[str, str], list[str]] = {}
        for c in changes:  # one row per element, each changed field a line of it
            by_element.setdefault((c.collection, c.id), [esc(c.kind), esc(c.label)]).append(
                f"<b>{esc(L.field(c.field))}:</b> {_short(in_words(c.field, c.before, names))}"
                f" → {_short(in_words(c.field, c.after, names))}")
        parts.append("<h5>{}</h5>".format(esc(_("Changed"))) + table(
            ["Kind", "Element", "What changed"],
            [[kind, label, "<br>".join(lines)] for kind, label, *lines in by_element.values()]))
    if result.emotions:
        rows = []
        for d in result.emotions:
            before = "-" if d.before is None else f"{d.before:+.1f}"
            after = "-" if d.after is None else f"{d.after:+.1f}"
            move = "" if d.delta is None else (f"▲ {d.delta:+.1f}" if d.delta > 0
                                               else f"▼ {d.delta:+.1f}")
            rows.append([esc(d.label), before, after, move])
        parts.append("<h5>{}</h5>".format(
            esc(_("Feelings"))) + table([_("Touchpoint"), _("Before"), _("After"),
                                                  _("Moved")], rows))
    return "".join(parts)
