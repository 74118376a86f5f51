"""The customers' app: real customers walk the room's map, one touchpoint per screen.

Phone first. A customer who opened a round's link sees, when the round has one, the
consent text first; then each touchpoint the round asks about, in journey order, in plain
words (the stage, the touchpoint, where it happens and, for a to-be map, what the company
plans to change), with three questions: how it feels (five faces with words), whether it
happens to them like this, and an optional comment. A progress bar, Back and Next, and a
thank-you page at the end. Nothing else of the workshop is shown: no other answers, no
names, no ids. Answers are saved as they move on, so a customer who leaves half-way keeps
what they gave, and one who comes back (same browser) finds and can change their answers.
"""

from __future__ import annotations

import ipywidgets as w

from cxwidgets.language import N_, _, format_decimal
from cxwidgets.method import words as L
from cxwidgets.method.model import TEXT_MAX, CustomerAnswer, Happens, ValidationRound
from cxwidgets.method.validation import Question, answers_of, is_open
from cxwidgets.widgets.base import esc, said
from cxwidgets.widgets.fields import Textarea
from cxwidgets.widgets.session import ERROR, LiveWorkshop

#: The feeling scale as customers see it: a face and a word per value, worst first. The
#: faces are the page's own icon font, so they show on any phone and offline.
FACES = {-2: "frown-o", -1: "frown-o", 0: "meh-o", 1: "smile-o", 2: "smile-o"}
#: Comments are short: a sentence or two on a phone.
COMMENT_MAX = 500
#: Phone first: big tap targets, one column, the face before the word.
CSS = """<style>
.cx-customer { max-width: 34em; margin: 0 auto; font-size: 16px; }
.cx-customer h2 { font-size: 1.5em; margin: 0.2em 0; }
.cx-c-stage { text-transform: uppercase; letter-spacing: 0.05em; color: #5B6270;
  font-size: 0.85em; margin: 0.6em 0 0; }
.cx-c-channel { color: #5B6270; margin: 0 0 0.4em; }
.cx-c-changes { background: #E8F5EE; border-left: 4px solid #1B7F4B; padding: 0.3em 0.8em;
  margin: 0.4em 0; }
.cx-c-ask { font-weight: 600; margin: 0.9em 0 0.3em; }
.cx-customer .widget-toggle-buttons { width: 100%; }
.cx-customer .widget-toggle-buttons .btn-group { display: flex; flex-direction: column;
  width: 100%; gap: 6px; }
.cx-customer .widget-toggle-button { width: 100% !important; min-height: 44px;
  display: flex; flex-direction: row-reverse; justify-content: flex-end; align-items: center;
  gap: 0.6em; text-align: left; font-size: 1em; border-radius: 6px; }
.cx-customer .widget-toggle-button.mod-active { background: #23304A; color: #FFFFFF; }
.cx-customer .widget-toggle-button i { font-size: 1.3em; width: 1.2em; }
.cx-customer .jupyter-button { min-height: 44px; font-size: 1em; }
.cx-c-progress .progress { height: 8px; }
</style>"""
#: What a closed round says (its heading, then its words), said with `_` where shown.
CLOSED = (N_("These questions have closed"),
          N_("Thank you for your interest. The team is no longer collecting answers for this "
             "round."))


class CustomerSurvey(w.VBox):
    """One round's questions for one customer (their answers keyed by their seat)."""

    def __init__(self, live: LiveWorkshop, round_: ValidationRound,
                 questions: list[Question]) -> None:
        self.live = live
        self.round = round_
        self.questions = questions
        self.index = -1 if round_.consent else 0
        self.progress = w.IntProgress(min=0, max=max(1, len(questions)), value=0,
                                      layout=w.Layout(width="100%")).add_class("cx-c-progress")
        self.count = w.HTML().add_class("cx-c-count")
        self.where = w.HTML().add_class("cx-c-where")
        # the scales' words in the language spoken when the survey is built
        feelings = [(text, v) for v, text in L.FEELING.items()]
        happens = [(text, code.value) for code, text in L.HAPPENS.items()]
        self.feeling = w.ToggleButtons(options=feelings, value=None, description="",
                                       icons=[FACES[v] for _, v in feelings],
                                       style={"button_width": "auto"}
                                       ).add_class("cx-c-feeling")
        self.happens = w.ToggleButtons(options=happens, value=None, description="",
                                       style={"button_width": "auto"}
                                       ).add_class("cx-c-happens")
        self.comment = Textarea(placeholder=_("Anything you want to add (optional)"), rows=2,
                                  layout=w.Layout(width="100%")).add_class("cx-c-comment")
        self.back = w.Button(description=_("Back"), icon="arrow-left").add_class("cx-c-back")
        self.next = w.Button(description=_("Next"), icon="arrow-right", button_style="primary"
                             ).add_class("cx-c-next")
        self.notice = w.HTML().add_class("cx-notice")
        self.back.on_click(lambda _: self._move(-1))
        self.next.on_click(lambda _: self._move(+1))
        self.question = w.VBox([
            self.count, self.progress, self.where,
            w.HTML("<p class='cx-c-ask'>{}</p>".format(
                esc(_("How does this feel for you?")))), self.feeling,
            w.HTML("<p class='cx-c-ask'>{}</p>".format(
                esc(_("Does this happen to you?")))), self.happens,
            self.comment, self.notice,
            w.HBox([self.back, self.next], layout=w.Layout(justify_content="space-between"))])
        super().__init__()
        self.add_class("cx-customer")
        self.style_sheet = w.HTML(CSS)
        self._start_where_left()
        self._show()

    # -- what the customer sees -----------------------------------------------------

    def _start_where_left(self) -> None:
        """A returning customer continues at their first unanswered question."""
        if self.index < 0:
            return
        self.index = self._first_unanswered()

    def _first_unanswered(self) -> int:
        done = {a.touchpoint_id for a in self._mine()}
        return next((k for k, q in enumerate(self.questions) if q.touchpoint_id not in done),
                    len(self.questions))

    def _mine(self) -> list[CustomerAnswer]:
        return answers_of(self.live.workshop, self.round.id, self.live.editor.author)

    def _show(self) -> None:
        # the facilitator may have closed the round since the page opened
        self.round = next((r for r in self.live.workshop.rounds if r.id == self.round.id),
                          self.round)
        if not is_open(self.round, self.live.today()):
            shown: w.Widget = w.HTML("<h2>{}</h2><p>{}</p>".format(
                *(esc(_(words)) for words in CLOSED))).add_class("cx-c-closed")
        elif self.index < 0:
            shown = self._consent()
        elif self.index >= len(self.questions):
            shown = self._thanks()
        else:
            self._fill(self.questions[self.index])
            shown = self.question
        self.children = [self.style_sheet, shown]

    def _consent(self) -> w.VBox:
        agree = w.Button(description=_("I agree, start"), button_style="primary",
                         icon="check").add_class("cx-c-agree")
        agree.on_click(lambda _: self._move(+1))
        return w.VBox([w.HTML(f"<h2>{esc(self.round.title)}</h2>"
                              f"<p class='cx-c-consent'>{esc(self.round.consent)}</p>"),
                       agree]).add_class("cx-c-start")

    def _thanks(self) -> w.VBox:
        again = w.Button(description=_("Change an answer"), icon="arrow-left"
                         ).add_class("cx-c-again")
        again.on_click(lambda _: self._move(-1))
        n = len({a.touchpoint_id for a in self._mine()})
        return w.VBox([w.HTML("<h2>{}</h2><p>{}</p>".format(esc(_("Thank you")), esc(_(
            "Your answers are saved ({answers}). The team will compare them with how they "
            "pictured your journey. You can close this page now.").format(
                answers=L.count(n, "answer"))))), again]
        ).add_class("cx-c-thanks")

    def _fill(self, q: Question) -> None:
        self.count.value = "<p>{}</p>".format(esc(_("Question {number} of {total}").format(
            number=q.number, total=q.of)))
        self.progress.value = q.number
        changes = "".join(f"<li>{esc(c)}</li>" for c in q.changes)
        self.where.value = (
            f"<p class='cx-c-stage'>{esc(q.stage)}</p>"
            f"<h2 class='cx-c-touchpoint'>{esc(q.touchpoint)}</h2>"
            f"<p class='cx-c-channel'>{esc(q.channel)}</p>"
            + (f"<div class='cx-c-changes'><p>{esc(_('What will change:'))}</p>"
               f"<ul>{changes}</ul></div>"
               if changes else ""))
        mine = next((a for a in self._mine() if a.touchpoint_id == q.touchpoint_id), None)
        self.feeling.value = mine.feeling if mine else None
        self.happens.value = mine.happens.value if mine else None
        self.comment.value = mine.comment if mine else ""
        self.notice.value = ""
        self.back.disabled = self.index == 0 and not self.round.consent
        self.next.description = _("Finish") if q.number == q.of else _("Next")

    # -- moving on saves ------------------------------------------------------------

    def _move(self, step: int) -> None:
        if 0 <= self.index < len(self.questions) and not self._save():
            return
        if self.index < 0 and step > 0:  # from the consent: where they left, or the start
            self.index = self._first_unanswered()
        else:
            self.index = max(-1 if self.round.consent else 0,
                             min(self.index + step, len(self.questions)))
        self._show()

    def _save(self) -> bool:
        """Save this screen's answer (nothing chosen: nothing saved); False if refused."""
        if self.feeling.value is None and self.happens.value is None and not \
                self.comment.value.strip():
            return True
        if len(self.comment.value) > COMMENT_MAX:
            self.notice.value = "<p class='cx-error'>{}</p>".format(esc(_(
                "Please keep the comment under {most} characters.").format(
                    most=format_decimal(COMMENT_MAX))))
            return False
        q = self.questions[self.index]
        happens = self.happens.value or Happens.yes.value
        feeling = None if happens == Happens.never.value else self.feeling.value
        self.live.edit(self.live.editor.answer, q.touchpoint_id, feeling, happens,
                       self.comment.value[:TEXT_MAX], today=self.live.today())
        if self.live.status == ERROR:
            self.notice.value = f"<p class='cx-error'>{esc(said(self.live.message))}</p>"
            self.live.refresh()
            if not self._still_open():
                self._show()
            return False
        return True

    def _still_open(self) -> bool:
        now = next((r for r in self.live.workshop.rounds if r.id == self.round.id), None)
        return now is not None and is_open(now, self.live.today())
