"""The participant's room: whatever step the facilitator has opened, on any screen size.

A participant never chooses a step: the room follows `Workshop.current_step`, and may
also go back to a step the facilitator keeps open to all (`Workshop.open_steps`). Where the
method wants the room's input (persona drafts, touchpoints, feelings, pain points,
opportunities, backstage, review, dots, volunteering) the step's own screen is shown, with
the facilitator-only parts hidden; other steps show what the room is looking at. The
self-assessment can be opened at any time. Everything shown is the shared board, redrawn
as anyone's change arrives.
"""

from __future__ import annotations

from typing import Any

import ipywidgets as w

from cxwidgets import language
from cxwidgets.language import _, format_date
from cxwidgets.method.diagnosis import SCALE, STATEMENTS
from cxwidgets.method.model import Volunteer, Workshop
from cxwidgets.method.steps import TOTAL_STEPS, step
from cxwidgets.method.views import language_of
from cxwidgets.widgets.announce import Announcer
from cxwidgets.widgets.base import StepWidget, esc, said, set_options, table
from cxwidgets.widgets.fields import Text
from cxwidgets.widgets.registry import screen_class
from cxwidgets.widgets.session import LiveWorkshop
from cxwidgets.widgets.timer import TimerBar


class Volunteering(StepWidget):
    """Step 13 for participants: offer to take on or help with an action."""

    step_key = "actions"

    def build(self) -> list[w.Widget]:
        self.action = w.Dropdown(description=_("Action"), options=[],
                                 layout=w.Layout(width="100%", max_width="34em")
                                 ).add_class("cx-volunteer-action")
        self.note = Text(description=_("How"), placeholder=_("e.g. I can test it with customers"),
                           layout=w.Layout(width="100%", max_width="34em")
                           ).add_class("cx-volunteer-note")
        self.offer = w.Button(description=_("I'll help with this"), icon="hand-paper-o",
                              button_style="primary").add_class("cx-volunteer")
        self.withdraw = w.Button(description=_("Take my offer back")).add_class("cx-withdraw")
        self.board = w.HTML().add_class("cx-volunteers")
        self.offer.on_click(lambda _: self._offer())
        self.withdraw.on_click(lambda _: self._withdraw())
        return [self.action, self.note, w.HBox([self.offer, self.withdraw],
                                               layout=w.Layout(flex_flow="row wrap")),
                self.board]

    def render(self, workshop: Workshop) -> None:
        set_options(self.action, [(a.title, a.id) for a in workshop.actions])
        names = {p.id: p.name for p in workshop.participants}
        rows = []
        for a in workshop.actions:
            helpers = [names.get(v.participant, _("someone")) for v in workshop.volunteers
                       if v.action_id == a.id]
            rows.append([esc(a.title), esc(a.owner), esc(format_date(a.due, "d MMM")),
                         esc(", ".join(helpers) or "-")])
        self.board.value = table([_("Action"), _("Owner"), _("Due"), _("Volunteers")], rows) \
            if rows else "<p><i>{}</i></p>".format(
                esc(_("No actions yet: they appear here as the room agrees them.")))

    def _mine(self) -> list[Volunteer]:
        return [v for v in self.live.workshop.volunteers
                if v.action_id == self.action.value and v.participant == self.editor.author]

    def _offer(self) -> None:
        if not self.action.value:
            self.show_error(_("There is no action to help with yet."))
        elif self._mine():
            self.show_error(_("You have already offered to help with this one."))
        elif self.save(self.editor.add, "volunteers", {"action_id": self.action.value,
                                                      "note": self.note.value}):
            self.note.value = ""
            self.show_done(_("Thank you: the facilitator sees your offer."))

    def _withdraw(self) -> None:
        mine = self._mine()
        if not mine:
            self.show_error(_("You have not offered to help with this action."))
        else:
            self.save(self.editor.remove, "volunteers", mine[0].id)


class SelfAssessment(w.VBox):
    """The customer-orientation self-assessment: twenty statements, one answer each (1-5)."""

    def __init__(self, live: LiveWorkshop) -> None:
        self.live = live
        self.notice = w.HTML().add_class("cx-notice")
        self.answers: dict[str, w.ToggleButtons] = {}
        rows = []
        for s in STATEMENTS:
            choice = w.ToggleButtons(options=[(str(k), k) for k in SCALE], value=None,
                                     tooltips=[_(t) for t in SCALE.values()],
                                     style={"button_width": "2.6em"}
                                     ).add_class("cx-answer")
            choice.observe(lambda change, sid=s.id: self._answer(sid, change["new"]), "value")
            self.answers[s.id] = choice
            rows.append(w.VBox([w.HTML(f"<p class='cx-statement'>{esc(_(s.text))}</p>"),
                                choice]))
        self.progress = w.HTML().add_class("cx-progress-note")
        super().__init__([
            w.HTML("<h3>{}</h3><p>{}</p>".format(
                esc(_("How customer-oriented are we?")),
                esc(_("For each statement: 1 disagree strongly … 5 agree strongly. Answer for "
                      "the company as you see it; the room sees only averages per "
                      "function.")))), self.progress, *rows,
            self.notice])
        self.add_class("cx-self-assessment")
        live.observe(lambda _: self.render(), "workshop")
        self.render()

    def _mine(self) -> dict[str, Any]:
        return {a.statement_id: a for a in self.live.workshop.diagnosis
                if a.created_by == self.live.editor.author}

    def render(self) -> None:
        mine = self._mine()
        for sid, control in self.answers.items():
            if sid in mine and control.value != mine[sid].score:
                control.value = mine[sid].score
        self.progress.value = "<p>{}</p>".format(esc(_("{done} of {total} answered.").format(
            done=len(mine), total=len(STATEMENTS))))

    def _answer(self, statement_id: str, score: int | None) -> None:
        if score is None:
            return
        current = self._mine().get(statement_id)
        if current is not None and current.score == score:
            return
        editor = self.live.editor
        if current is not None:
            self.live.edit(editor.update, "diagnosis", current.id, score=score)
        else:
            person = next((p for p in self.live.workshop.participants
                           if p.id == editor.author), None)
            self.live.edit(editor.add, "diagnosis", {
                "statement_id": statement_id, "participant": editor.display_name,
                "function": person.function.value if person else "other", "score": score})
        self.notice.value = (f"<span class='cx-error'>⚠ {esc(said(self.live.message))}</span>"
                             if self.live.status == "error" else "")


class Room(w.VBox):
    """What a participant sees: the open step, a countdown, and the self-assessment."""

    def __init__(self, live: LiveWorkshop) -> None:
        self.live = live
        self.heading = w.HTML().add_class("cx-room-heading")
        self.timer = TimerBar(live)
        #: says the room's moves, the last minute and others' new entries to screen readers
        self.announcer = Announcer(live)
        self.timer.announcer = self.announcer
        self.body = w.VBox().add_class("cx-room-body")
        self.toggle = w.ToggleButton(description=_("Self-assessment"), icon="list-ol",
                                     value=False).add_class("cx-toggle-assessment")
        #: The steps open to the room besides the one it is on, to switch between.
        self.open_now = w.ToggleButtons(options=[], value=None, layout=w.Layout(
            display="none")).add_class("cx-open-steps")
        self._room_on = ""
        self._spoken = ""
        self.assessment: SelfAssessment | None = None
        self.screens: dict[str, w.Widget] = {}
        self.shown_key = ""
        self.toggle.observe(lambda _: self._follow(), "value")
        self.open_now.observe(lambda _: self._follow(), "value")
        live.observe(lambda _: self._follow(), "workshop")
        super().__init__([self.heading, w.HBox([self.timer, self.toggle], layout=w.Layout(
            flex_flow="row wrap", justify_content="space-between")), self.open_now,
            self.body, self.announcer])
        self.add_class("cx-room")
        self._follow()

    def screen(self, key: str) -> w.Widget:
        """The screen for step `key` (made once, kept while the workshop runs)."""
        if key not in self.screens:
            if key == "actions":
                self.screens[key] = Volunteering(self.live)
            elif step(key).for_room:
                self.screens[key] = screen_class(key)(self.live)
            else:
                self.screens[key] = watching(key)
        return self.screens[key]

    def _offer_open_steps(self, room_on: str, open_steps: list[str]) -> str:
        """Show the steps open to all beside the room's own; the key of the one to show."""
        keys = [room_on, *[k for k in open_steps if k != room_on and step(k).room_adds]]
        options = [(_("Step {number} · {title}").format(number=step(k).number,
                                                         title=step(k).name), k) for k in keys]
        if room_on != self._room_on or self.open_now.value not in keys:
            self._room_on = room_on  # the room moved on: follow it
            self.open_now.options, self.open_now.value = options, room_on
        elif list(self.open_now.options) != options:
            chosen = self.open_now.value
            self.open_now.options, self.open_now.value = options, chosen
        self.open_now.layout.display = "" if len(keys) > 1 else "none"
        return str(self.open_now.value)

    def _speak(self) -> None:
        """Speak this person's language; when it changed (the room's language changed and
        they follow it), the screens are made again in it."""
        spoken = language.use(language_of(self.live.workshop, self.live.editor.author))
        if spoken == self._spoken:
            return
        if self._spoken:
            old = self.screens.get(self.shown_key)
            if isinstance(old, StepWidget):
                old.hide()
            self.screens.clear()
            self.assessment = None
            self.shown_key = ""
            self.toggle.description = _("Self-assessment")
        self._spoken = spoken

    def _follow(self) -> None:
        self._speak()
        ws = self.live.workshop
        room_on = step(ws.current_step if ws.current_step else "frame").key
        current = step(self._offer_open_steps(room_on, ws.open_steps))
        locked = current.key in ws.locked_steps
        closed = " · <span class=cx-warn>" + esc(_("input closed")) + "</span>" if locked else ""
        self.heading.value = (
            "<p class='cx-room-step'>{}".format(esc(_("Step {number} of {total}").format(
                number=current.number, total=TOTAL_STEPS)))
            + f" · <b>{esc(current.name)}</b>{closed}</p>")
        self.timer.for_step(current.key, current.minutes)
        self.announcer.moved_to(current.key)
        if self.toggle.value:
            if self.assessment is None:
                self.assessment = SelfAssessment(self.live)
            self._swap("assessment", self.assessment)
            return
        self._swap(current.key, self.screen(current.key))

    def _swap(self, key: str, screen: w.Widget) -> None:
        if key == self.shown_key:
            return
        old = self.screens.get(self.shown_key)
        if isinstance(old, StepWidget):
            old.hide()
        self.shown_key = key
        self.body.children = [screen]
        if isinstance(screen, StepWidget):
            screen.show()


def watching(key: str) -> w.HTML:
    s = step(key)
    return w.HTML(f"<div class='cx-watch'><h3>{esc(s.name)}</h3><p>" + esc(_(
        "The room is working on this step together: follow the facilitator's screen. Your "
        "screen changes by itself when the next step opens.")) + "</p></div>"
    ).add_class("cx-watching")
