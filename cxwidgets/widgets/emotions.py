"""Step 6, Emotions: how the customer feels at each touchpoint, rated by everyone.

Each person gives one rating per touchpoint (for the persona the room is working on),
from -2 to +2 with a word; rating again changes that person's rating. The curve shows the
average and, behind it, how far the room's ratings spread: a wide spread is a question to
discuss, not noise to hide.
"""

from __future__ import annotations

from typing import Any

import ipywidgets as w

from cxwidgets.charts.emotions import emotion_curve, emotion_table
from cxwidgets.language import _
from cxwidgets.method import views as J
from cxwidgets.method import words as L
from cxwidgets.method.model import Emotion, Workshop
from cxwidgets.method.steps import step
from cxwidgets.widgets.base import StepWidget, esc, set_options, table
from cxwidgets.widgets.chart import ChartView
from cxwidgets.widgets.choices import people_choices, persona_choices, touchpoint_choices
from cxwidgets.widgets.fields import Text
from cxwidgets.widgets.registry import register


def scores() -> list[tuple[str, int]]:
    """The feeling scale's buttons, "-2 very bad" … "+2 very good", in the language spoken."""
    return [(f"{s:+d} {word.lower()}" if s else f"0 {word.lower()}", s)
            for s, word in L.FEELING.items()]


#: A spread at least this wide (lowest to highest) is flagged for discussion.
WIDE_SPREAD = 3


@register
class Emotions(StepWidget):
    """Step 6: rate the feeling at each touchpoint; see the curve and its spread."""

    step_key = "emotions"

    def build(self) -> list[w.Widget]:
        self.persona = w.Dropdown(description=_("Persona"), options=[]).add_class("cx-persona")
        self.rater = w.Dropdown(description=_("Rating by"), options=[]).add_class("cx-rater")
        self.rater.layout.display = "" if self.editor.is_facilitator else "none"
        self.touchpoint = w.Dropdown(description=_("Touchpoint"), options=[],
                                     layout=w.Layout(width="30em")).add_class("cx-touchpoint")
        self.score = w.ToggleButtons(options=scores(), value=0, description=_("Feeling"),
                                     style={"button_width": "auto"}).add_class("cx-score")
        self.word = Text(description=_("In a word"), placeholder=_("e.g. relieved")
                           ).add_class("cx-word")
        self.rate = w.Button(description=_("Save rating"), icon="check", button_style="primary"
                             ).add_class("cx-rate")
        self.progress = w.HTML().add_class("cx-rated")
        self._loaded_for: tuple[str, str, str] | None = None
        self.chart = ChartView("cx-emotion-chart")
        self.summary = w.HTML().add_class("cx-emotion-table")
        self.rate.on_click(self._on_rate)
        self.persona.observe(self._on_persona, "value")
        self.rater.observe(lambda _: self._load_mine(), "value")
        self.touchpoint.observe(lambda _: self._load_mine(), "value")
        self.live.observe(lambda _: self._render_now(self.live.workshop), "persona_id")
        return [self.persona, self.rater, self.touchpoint, self.score, self.word, self.rate,
                self.notice, self.progress, self.chart, self.summary]

    @property
    def who(self) -> str:
        return self.rater.value if self.editor.is_facilitator else self.editor.author

    def render(self, workshop: Workshop) -> None:
        set_options(self.persona, persona_choices(workshop, everyone=None)
                    or [(_("(no persona yet)"), "")])
        if self.live.persona_id in {v for _, v in self.persona.options}:
            self.persona.value = self.live.persona_id
        set_options(self.rater, people_choices(workshop))
        set_options(self.touchpoint, touchpoint_choices(workshop))
        pid = self.live.persona_id or None
        mine = {e.touchpoint_id for e in J.latest_ratings(workshop, pid) if J.rater(e) == self.who}
        total = len(J.journey_touchpoints(workshop))
        done = len(mine & {t.id for t in J.journey_touchpoints(workshop)})
        self.progress.value = "<p>{}</p>".format(esc(_(
            "{done} of {total} touchpoints rated by this person.").format(done=done,
                                                                           total=total)))
        self.summary.value = _summary(workshop, pid)
        if self._loaded_for != self._selection():
            self._load_mine(force=True)

    def on_show(self) -> None:
        data = emotion_table(self.live.workshop, self.live.persona_id or None)
        if data.empty:
            self.chart.message(_("The curve appears with the first rating."))
        else:
            self.chart.show(emotion_curve(self.live.workshop, self.live.persona_id or None))

    def mine(self, workshop: Workshop) -> Emotion | None:
        """This person's rating of the selected touchpoint, if any."""
        return J.own_rating(workshop, self.who, self.touchpoint.value or "",
                            self.live.persona_id or None)

    def _selection(self) -> tuple[str, str, str]:
        return self.touchpoint.value or "", self.live.persona_id, self.who or ""

    def _load_mine(self, force: bool = False) -> None:
        """Show this person's own rating of the chosen touchpoint, ready to change."""
        if self._syncing and not force:
            return
        self._loaded_for = self._selection()
        current = self.mine(self.live.workshop)
        with self.syncing():
            self.score.value = current.score if current else 0
            self.word.value = current.word if current else ""

    def _on_persona(self, change: dict[str, Any]) -> None:
        if not self._syncing and change["new"]:
            self.live.persona_id = change["new"]

    def _on_rate(self, _button: w.Button) -> None:
        if not self.touchpoint.value:
            self.show_error(_("Pick a touchpoint to rate (add touchpoints in {step}).").format(
                step=step("touchpoints").ref))
            return
        current = self.mine(self.live.workshop)
        values = {"score": self.score.value, "word": self.word.value}
        if current is not None:
            done = self.save(self.editor.update, "emotions", current.id, **values) is not None
        else:
            done = self.save(self.editor.add, "emotions", {
                **values, "touchpoint_id": self.touchpoint.value, "participant": self.who,
                "persona_id": self.live.persona_id or None}) is not None
        if done:
            self._next_unrated()

    def _next_unrated(self) -> None:
        """Move to the next touchpoint this person has not rated, to keep the pace up."""
        pid = self.live.persona_id or None
        rated = {e.touchpoint_id for e in J.latest_ratings(self.live.workshop, pid)
                 if J.rater(e) == self.who}
        ids = [v for _, v in self.touchpoint.options]
        start = ids.index(self.touchpoint.value) if self.touchpoint.value in ids else -1
        for tp in ids[start + 1:] + ids[:start + 1]:
            if tp not in rated:
                self.touchpoint.value = tp
                return


def _summary(workshop: Workshop, persona_id: str | None) -> str:
    data = emotion_table(workshop, persona_id)
    if data.empty:
        return "<p><i>{}</i></p>".format(esc(_("No ratings yet for this persona.")))
    rows = []
    for r in data.itertuples():
        spread = f"{r.low:+d} … {r.high:+d}"
        if r.high - r.low >= WIDE_SPREAD:
            spread = f"<span class='cx-warn'>{spread} · " + esc(_("talk it through")) + "</span>"
        rows.append([esc(r.stage), esc(r.touchpoint), L.signed(r.mean), spread,
                     str(r.ratings), esc(r.words)])
    return table([_("Stage"), _("Touchpoint"), _("Average"), _("Spread"), _("Ratings"),
                  _("Words")], rows)
