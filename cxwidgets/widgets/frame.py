"""Step 1, Frame the session: title, scope, purpose, dates and who is in the room.

Each field saves on its own as soon as it is left (autosave), through the facilitator's
Editor; a field that fails validation keeps the typed text and shows why, while the
store keeps the last good value.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import ipywidgets as w

from cxwidgets.language import LANGUAGES, _, format_date, use
from cxwidgets.method import words as L
from cxwidgets.method.model import Function, Workshop
from cxwidgets.widgets.base import StepWidget, esc, table
from cxwidgets.widgets.fields import Text, Textarea
from cxwidgets.widgets.registry import register


@register
class FrameSession(StepWidget):
    """Step 1: what the workshop is about and who takes part."""

    step_key = "frame"

    def build(self) -> list[w.Widget]:
        wide = w.Layout(width="100%", max_width="40em")
        self.title = Text(description=_("Title"), continuous_update=False, layout=wide,
                            placeholder=_("e.g. Home insurance claim journey")
                            ).add_class("cx-title")
        self.scope = Text(description=_("Scope"), continuous_update=False, layout=wide,
                            placeholder=_("Product, service or segment")).add_class("cx-scope")
        self.purpose_kind = w.Dropdown(options=L.options(L.PURPOSE),
                                       description=_("Purpose")).add_class("cx-purpose-kind")
        self.purpose_text = Textarea(description=_("Aim"), continuous_update=False,
                                       placeholder=_("In a sentence: what the day should achieve"),
                                       layout=wide, rows=3).add_class("cx-purpose-text")
        #: The room's language: its screens, its join form and its exports speak it.
        self.language = w.Dropdown(options=[(name, code) for code, name in LANGUAGES.items()],
                                   value=self.live.workshop.language
                                   if self.live.workshop.language in LANGUAGES else "en",
                                   description=_("Language")).add_class("cx-language")
        self.language_note = w.HTML().add_class("cx-hint")
        for field in (self.title, self.scope, self.purpose_kind, self.purpose_text,
                      self.language):
            field.observe(self._on_field, "value")

        self.day = w.DatePicker(description=_("Add a day")).add_class("cx-day")
        self.add_day = w.Button(description=_("Add day"), icon="plus").add_class("cx-add-day")
        self.clear_days = w.Button(description=_("Clear days")).add_class("cx-clear-days")
        self.days = w.HTML().add_class("cx-days")
        self.add_day.on_click(self._on_add_day)
        self.clear_days.on_click(lambda _: self.save(self.editor.update_workshop, dates=[]))

        self.who_name = Text(description=_("Name"), placeholder=_("Participant's name")
                               ).add_class("cx-participant-name")
        self.who_function = w.Dropdown(options=L.options_not_sure(L.FUNCTION), value="",
                                       description=_("Function")
                                       ).add_class("cx-participant-function")
        self.add_who = w.Button(description=_("Add participant"), icon="user-plus"
                                ).add_class("cx-add-participant")
        self.add_who.on_click(self._on_add_participant)
        # the facilitator's page learns of seats open in several browsers between edits
        self.live.observe(lambda _: self._render_now(self.live.workshop), "crowded")
        self.who = w.HTML().add_class("cx-participants")
        self.who_notice = self.notice_line()
        self.day_notice = self.notice_line()
        return [
            self.title, self.scope, self.purpose_kind, self.purpose_text, self.language,
            self.language_note, self.notice,
            w.HBox([self.day, self.add_day, self.clear_days]), self.day_notice, self.days,
            w.HTML("<h4>{}</h4>".format(esc(_("Who is in the room")))),
            w.HBox([self.who_name, self.who_function, self.add_who]), self.who_notice,
            self.who,
        ]

    def render(self, workshop: Workshop) -> None:
        self.title.value = workshop.title
        self.scope.value = workshop.scope
        self.purpose_kind.value = workshop.purpose.kind.value
        self.purpose_text.value = workshop.purpose.statement
        if workshop.language in LANGUAGES:
            self.language.value = workshop.language
        self.days.value = (esc(_("Days: {days}").format(days=", ".join(
            format_date(d, "EEE dd MMM y") for d in workshop.dates)))
                           if workshop.dates else "<i>{}</i>".format(esc(_("No date set yet."))))
        self.who.value = _participants_table(workshop, self.live.crowded)

    # -- saving ---------------------------------------------------------------------

    def _on_field(self, change: dict[str, Any]) -> None:
        if self._syncing:
            return
        owner = change["owner"]
        if owner is self.title:
            self.save(self.editor.update_workshop, title=change["new"])
        elif owner is self.scope:
            self.save(self.editor.update_workshop, scope=change["new"])
        elif owner is self.language:
            if self.save(self.editor.update_workshop, language=change["new"]) is not None:
                use(change["new"])
                self.language_note.value = "<p class='cx-hint'>{}</p>".format(esc(_(
                    "The room now speaks this language: participants' screens from their "
                    "next step, the join form and the exports at once; this page when it "
                    "is opened again.")))
        else:
            purpose = {"kind": self.purpose_kind.value, "statement": self.purpose_text.value}
            self.save(self.editor.update_workshop, purpose=purpose)

    def _on_add_day(self, _button: w.Button) -> None:
        day = self.day.value
        if not isinstance(day, dt.date):
            self.show_error(_("Pick a day in the calendar first."), self.day_notice)
            return
        dates = sorted({*self.live.workshop.dates, day})
        self.save(self.editor.update_workshop, dates=[d.isoformat() for d in dates],
                  at=self.day_notice)

    def _on_add_participant(self, _button: w.Button) -> None:
        added = self.save(self.editor.add, "participants",
                          {"name": self.who_name.value,
                           "function": self.who_function.value or Function.other.value},
                          at=self.who_notice)
        if added:
            self.who_name.value = ""


def _participants_table(workshop: Workshop, crowded: dict[str, int]) -> str:
    """Who is in the room, by function; a seat open in two or more browsers lately is
    marked (`LiveWorkshop.crowded`, the facilitator's page only)."""
    if not workshop.participants:
        return "<i>{}</i>".format(esc(_("Nobody listed yet.")))
    counts: dict[str, int] = {}
    rows: list[list[str]] = []
    for p in workshop.participants:
        name = L.label(L.FUNCTION, p.function)
        counts[name] = counts.get(name, 0) + 1
        who = esc(p.name)
        if p.id in crowded:
            who = (f"<span class='cx-crowded-seat'>{who} · open in "
                   f"{L.count(crowded[p.id], 'browser')}</span>")
        rows.append([who, esc(name)])
    mix = " · ".join(f"{esc(k)} {v}" for k, v in sorted(counts.items()))
    return (f"<p>{L.count(len(workshop.participants), 'person', 'people')}: {mix}</p>"
            + table([_("Name"), _("Function")], rows))
