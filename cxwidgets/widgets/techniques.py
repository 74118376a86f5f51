"""The techniques around the map: purpose, empathy maps, persona library, self-assessment
results, mindsets, moments of truth and the test-and-learn log.

Each is a screen of its own, usable alone (`EmpathyMaps(LiveWorkshop(editor))`) or in the
facilitator notebook's "Techniques" tabs, stores what it captures in the workshop, and is
printed by the report exports.
"""

from __future__ import annotations

from typing import Any

import ipywidgets as w

from cxwidgets.language import N_, _, format_decimal
from cxwidgets.method import views as J
from cxwidgets.method import words as L
from cxwidgets.method.diagnosis import STATEMENTS, by_function
from cxwidgets.method.kinds import PRIORITISABLE, speaker
from cxwidgets.method.model import (
    EmpathyMap,
    Experiment,
    ExperimentDecision,
    MomentOfTruth,
    Opportunity,
    PainPoint,
    Persona,
    Reflection,
    Workshop,
)
from cxwidgets.method.roles import ROLE_LABELS
from cxwidgets.method.techniques import MINDSETS, purpose_warning
from cxwidgets.widgets.base import StepWidget, esc, set_options, table
from cxwidgets.widgets.chart import ChartView
from cxwidgets.widgets.choices import element_choices, lines, persona_choices
from cxwidgets.widgets.entries import EntryStep
from cxwidgets.widgets.fields import Text, Textarea

#: 2.5em wider than a step's: the techniques' labels are 10em, not 7.5em (see `style`)
WIDE = {"width": "100%", "max_width": "42.5em"}
QUADRANTS = ("says", "thinks", "does", "feels", "hears", "needs", "pains", "gains")
#: The quadrants' labels on an empathy map, said with `_` where shown.
QUADRANT_LABELS = {"says": N_("Says"), "thinks": N_("Thinks"), "does": N_("Does"),
                   "feels": N_("Feels"), "hears": N_("Hears"), "needs": N_("Needs"),
                   "pains": N_("Pains"), "gains": N_("Gains")}


def _area(label: str, css: str) -> w.Textarea:
    return Textarea(description=label, rows=2, placeholder=_("One per line"),
                      layout=w.Layout(**WIDE)).add_class(css)


class CustomerPurpose(StepWidget):
    """What role the customer experience plays in the strategy, written before mapping."""

    technique = "purpose"
    what = N_("Write, in one or two sentences, what your customers get from you and why it "
            "matters to them. Every step of the map is checked against it.")
    why = N_("A shared purpose keeps the map pointed at the customer. A number to reach (a "
           "score, fewer complaints) can measure a purpose but is not one.")
    minutes = 10
    tip = N_("Ask each function to read it aloud in their own words; rewrite until all agree.")

    def build(self) -> list[w.Widget]:
        self.statement = Textarea(description=_("Purpose"), rows=3, continuous_update=False,
                                    layout=w.Layout(**WIDE)).add_class("cx-customer-purpose")
        self.warning = w.HTML().add_class("cx-purpose-warning")
        self.statement.observe(self._on_change, "value")
        return [self.statement, self.warning]

    def render(self, workshop: Workshop) -> None:
        self.statement.value = workshop.customer_purpose
        self.warning.value = self._warning(workshop.customer_purpose)

    @staticmethod
    def _warning(text: str) -> str:
        warning = purpose_warning(text)
        return f"<p class='cx-warn'>⚠ {esc(warning)}</p>" if warning else ""

    def _on_change(self, change: dict[str, Any]) -> None:
        if self._syncing:
            return
        self.warning.value = self._warning(change["new"])
        self.save(self.editor.update_workshop, customer_purpose=change["new"])


class EmpathyMaps(EntryStep[EmpathyMap]):
    """Per persona: says, thinks, does, feels, hears, needs, pains, gains, with evidence."""

    technique = "empathy"
    collection = "empathy_maps"
    what = N_("For a persona, write what they say, think, do, feel and hear, what they need, "
            "what hurts and what they gain. Back it with customers' own words.")
    why = N_("An empathy map built only from what employees believe repeats their blind spots; "
           "quotes from real customers keep it honest.")
    minutes = 20
    tip = N_("Pin customer quotes first, then let the room fill the quadrants around them.")

    def fields(self) -> list[w.Widget]:
        self.persona = w.Dropdown(description=_("Persona"), options=[]).add_class("cx-em-persona")
        self.areas = {q: _area(_(QUADRANT_LABELS[q]), f"cx-em-{q}") for q in QUADRANTS}
        self.evidence = _area(_("Evidence"), "cx-em-evidence")
        self.quote = w.Dropdown(description=_("Add a quote"), options=[], layout=w.Layout(
            **WIDE)).add_class("cx-em-quote")
        self.take = w.Button(description=_("Add to the evidence")).add_class("cx-em-take")
        self.take.on_click(lambda _: self._take_quote())
        return [self.persona, *self.areas.values(), self.evidence,
                w.HBox([self.quote, self.take], layout=w.Layout(flex_flow="row wrap"))]

    def choices(self, workshop: Workshop) -> None:
        set_options(self.persona, persona_choices(workshop, everyone=None))
        backed: list[PainPoint | Opportunity] = [*workshop.pain_points, *workshop.opportunities]
        quotes = [q for e in backed for q in e.evidence]
        set_options(self.quote, [(q[:90], q) for q in dict.fromkeys(quotes)])

    def values(self) -> dict[str, Any]:
        return {"persona_id": self.persona.value or "",
                **{q: lines(a.value) for q, a in self.areas.items()},
                "evidence": lines(self.evidence.value)}

    def fill(self, entity: EmpathyMap) -> None:
        self.persona.value = entity.persona_id
        for q, area in self.areas.items():
            area.value = "\n".join(getattr(entity, q))
        self.evidence.value = "\n".join(entity.evidence)

    def blank(self) -> None:
        for area in (*self.areas.values(), self.evidence):
            area.value = ""

    def entry_label(self, entity: EmpathyMap) -> str:
        names = {p.id: p.name for p in self.live.workshop.personas}
        return _("Empathy map: {persona}").format(
            persona=names.get(entity.persona_id) or _("(removed persona)"))

    def _take_quote(self) -> None:
        if self.quote.value and self.quote.value not in self.evidence.value:
            self.evidence.value = "\n".join(filter(None, [self.evidence.value, self.quote.value]))

    def listing(self, workshop: Workshop) -> str:
        names = {p.id: p.name for p in workshop.personas}
        cards = []
        for m in workshop.empathy_maps:
            badge = ("<span class='cx-ok'>" + esc(_("backed by {quotes}").format(
                quotes=L.count(len(m.evidence), "customer quote"))) + "</span>"
                     if m.evidence else "<span class='cx-warn'>"
                     + esc(_("assumption: no customer evidence yet")) + "</span>")
            cells = "".join(f"<div><b>{esc(_(QUADRANT_LABELS[q]))}</b><ul>"
                            + "".join(f"<li>{esc(x)}</li>" for x in getattr(m, q))
                            + "</ul></div>" for q in QUADRANTS)
            cards.append(f"<div class='cx-empathy'><h4>{esc(names.get(m.persona_id, '?'))}"
                         f"</h4><p>{badge}</p><div class='cx-quadrants'>{cells}</div></div>")
        return "".join(cards) or "<p><i>{}</i></p>".format(esc(_("No empathy map yet.")))


class PersonaLibrary(StepWidget):
    """Agreed personas from every workshop in the store, to reuse here (by segment)."""

    technique = "library"
    what = N_("Reuse a persona another workshop already agreed: pick one from the library and "
            "bring a copy into this workshop, then adapt it.")
    why = N_("Segments are who you target; personas say how they behave. Reusing agreed "
           "personas across journeys keeps the whole company talking about the same people.")
    minutes = 5
    tip = N_("Prefer personas built on evidence; check the segment still matches this journey.")

    def build(self) -> list[w.Widget]:
        self.pick = w.Dropdown(description=_("Persona"), options=[], layout=w.Layout(**WIDE)
                               ).add_class("cx-library-pick")
        self.use = w.Button(description=_("Use in this workshop"), icon="copy",
                            button_style="primary").add_class("cx-library-use")
        self.shelf = w.HTML().add_class("cx-library")
        self.use.on_click(lambda _: self._use())
        self._library: dict[str, tuple[str, Persona]] = {}
        return [w.HBox([self.pick, self.use], layout=w.Layout(flex_flow="row wrap")),
                self.shelf]

    def library(self) -> list[tuple[str, Persona]]:
        """(workshop title, persona) for the agreed personas of the other workshops."""
        store = self.editor.store
        found = []
        for info in store.list_workshops():
            if info.id != self.editor.workshop_id:
                found += [(info.title, p) for p in J.agreed_personas(store.state(info.id))]
        return found

    def on_show(self) -> None:
        shelf = self.library()
        self._library = {f"{title}/{p.id}": (title, p) for title, p in shelf}
        set_options(self.pick, [(_("{persona} · {segment} ({workshop})").format(
            persona=p.name, segment=p.segment or _("no segment"), workshop=title), key)
                                for key, (title, p) in self._library.items()])
        self.use.disabled = not self._library
        rows = [[esc(p.segment or "-"), esc(p.name), esc(p.role), esc(title)]
                for title, p in sorted(shelf, key=lambda x: (x[1].segment, x[1].name))]
        self.shelf.value = table([_("Segment"), _("Persona"), _("Role"), _("From")], rows) \
            if rows else \
            "<p><i>{}</i></p>".format(
                esc(_("No other workshop in this store has an agreed persona yet.")))

    def render(self, workshop: Workshop) -> None:
        self.use.disabled = not self._library

    def _use(self) -> None:
        title, persona = self._library.get(self.pick.value, ("", None))
        if persona is None:
            self.show_error(_("Pick a persona from the library first."))
            return
        data = persona.model_dump(mode="json", exclude={"id", "created_by", "based_on"})
        data["background"] = (data["background"] + " " + _(
            "(from the workshop '{title}')").format(title=title))[:2000]
        if self.save(self.editor.add, "personas", data):
            self.show_done(_("{persona} is now a persona of this workshop too.").format(
                persona=persona.name))


class AssessmentResults(StepWidget):
    """The customer-orientation self-assessment, per function and area, weakest first."""

    technique = "diagnosis"
    what = N_("Ask everyone to answer the twenty statements of the self-assessment on their "
            "own screen; then look at the results per function together.")
    why = N_("How customer-oriented a company is differs by function; the weakest areas show "
           "where the map's actions will meet resistance.")
    minutes = 15
    tip = N_("Discuss the weakest area first; do not single out people, only functions.")

    def build(self) -> list[w.Widget]:
        self.summary = w.HTML().add_class("cx-diagnosis-summary")
        self.chart = ChartView("cx-diagnosis-chart")
        return [self.summary, self.chart]

    def render(self, workshop: Workshop) -> None:
        people = {a.created_by for a in workshop.diagnosis}
        scores = by_function(list(workshop.diagnosis))
        weakest = [_("{function} · {area} ({score} of 5)").format(
            function=L.label(L.FUNCTION, s.function), area=_(s.area),
            score=format_decimal(s.mean, digits=1)) for s in scores[:3]]
        answered = _("{people} answered {answers} of their {statements}.").format(
            people=L.count(len(people), "person", "people"),
            answers=format_decimal(len(workshop.diagnosis)),
            statements=L.count(len(people) * len(STATEMENTS), "statement"))
        self.summary.value = (f"<p>{esc(answered)}</p>"
                              + ("<p class='cx-warn'>" + esc(_("Weakest: {areas}").format(
                                  areas="; ".join(weakest))) + "</p>" if weakest else ""))

    def on_show(self) -> None:
        # heavy: altair, only when `on_show` runs
        from cxwidgets.charts.diagnosis import orientation_chart

        scores = by_function(list(self.live.workshop.diagnosis))
        if scores:
            self.chart.show(orientation_chart(scores))
        else:
            self.chart.message(_("The chart appears with the first answers."))


class Mindsets(EntryStep[Reflection]):
    """Reflection: where the room sees the four mindsets that pull away from customers."""

    technique = "mindsets"
    collection = "reflections"
    what = N_("Read the four mindsets below. Note where you see one at work in your own part "
            "of the company, and what would help instead.")
    why = N_("Maps fail less on missing ideas than on habits of thought. Naming them makes them "
           "easier to change.")
    minutes = 15
    tip = N_("Start with your own team's example, so others feel safe to name theirs.")

    def fields(self) -> list[w.Widget]:
        self.mindset = w.Dropdown(description=_("Mindset"), options=[
            (L.MINDSET[m], m.value) for m in MINDSETS]).add_class("cx-mindset")
        self.seen = Textarea(description=_("Where I see it"), rows=2,
                               layout=w.Layout(**WIDE)).add_class("cx-seen")
        self.instead = Textarea(description=_("What would help"), rows=2,
                                  layout=w.Layout(**WIDE)).add_class("cx-instead")
        text = "".join(f"<p><b>{esc(title)}.</b> {esc(_(words))}</p>"
                       for title, words in zip(L.MINDSET.values(), MINDSETS.values(),
                                               strict=True))
        return [w.HTML(f"<div class='cx-mindset-guide'>{text}</div>"), self.mindset,
                self.seen, self.instead]

    def values(self) -> dict[str, Any]:
        return {"mindset": self.mindset.value, "seen": self.seen.value,
                "instead": self.instead.value}

    def fill(self, entity: Reflection) -> None:
        self.mindset.value = entity.mindset.value
        self.seen.value, self.instead.value = entity.seen, entity.instead

    def blank(self) -> None:
        self.seen.value = self.instead.value = ""

    def entry_label(self, entity: Reflection) -> str:
        return f"{L.word(entity.mindset)}: {entity.seen[:40]}"

    def listing(self, workshop: Workshop) -> str:
        names = J.participant_names(workshop)
        parts = []
        for m, title in L.MINDSET.items():
            notes = [r for r in workshop.reflections if r.mindset == m]
            rows = [[esc(r.seen), esc(r.instead or "-"),
                     esc(_(name) if (name := names.get(speaker("reflections", r), "-"))
                         in ROLE_LABELS.values() else name)] for r in notes]
            parts.append(f"<h5>{esc(title)} ({len(notes)})</h5>"
                         + (table([_("Seen"), _("What would help"), _("By")], rows)
                            if rows else ""))
        return "".join(parts)


class MomentsOfTruth(EntryStep[MomentOfTruth]):
    """Per stage: the customer's task, the channels they combine, how long it takes, the
    moment that decides success, and who inside is involved."""

    technique = "moments"
    collection = "moments"
    what = N_("For each stage, say what the customer is trying to get done, which channels "
            "they combine, how long it takes, which moment decides whether it goes well, and "
            "who inside the company is involved.")
    why = N_("Customers judge a journey by a few decisive moments. Knowing them, and who "
           "shapes them, tells you where effort pays off most.")
    minutes = 20
    tip = N_("Ask support for the moments that generate the most calls.")

    def fields(self) -> list[w.Widget]:
        self.stage = w.Dropdown(description=_("Stage"), options=[]).add_class("cx-mot-stage")
        self.task = Text(description=_("Customer's task"), layout=w.Layout(**WIDE)
                           ).add_class("cx-mot-task")
        self.channels = w.SelectMultiple(description=_("Channels"), rows=5,
                                         options=L.options(L.CHANNEL)).add_class("cx-mot-ch")
        self.duration = Text(description=_("How long"), placeholder=_("e.g. 2 days")
                               ).add_class("cx-mot-duration")
        self.decides = Text(description=_("Decisive moment"), layout=w.Layout(**WIDE)
                              ).add_class("cx-mot-decides")
        self.involved = w.SelectMultiple(description=_("Involved"), rows=5,
                                         options=L.options(L.FUNCTION)).add_class("cx-mot-inv")
        return [self.stage, self.task, w.HBox([self.channels, self.involved],
                                              layout=w.Layout(flex_flow="row wrap")),
                self.duration, self.decides]

    def choices(self, workshop: Workshop) -> None:
        set_options(self.stage, [(s.name, s.id) for s in J.ordered_stages(workshop)])

    def values(self) -> dict[str, Any]:
        return {"stage_id": self.stage.value or "", "task": self.task.value,
                "channels": list(self.channels.value), "duration": self.duration.value,
                "decides": self.decides.value, "involved": list(self.involved.value)}

    def fill(self, entity: MomentOfTruth) -> None:
        self.stage.value, self.task.value = entity.stage_id, entity.task
        self.channels.value = tuple(c.value for c in entity.channels)
        self.involved.value = tuple(f.value for f in entity.involved)
        self.duration.value, self.decides.value = entity.duration, entity.decides

    def blank(self) -> None:
        self.task.value = self.duration.value = self.decides.value = ""
        self.channels.value = self.involved.value = ()

    def entry_label(self, entity: MomentOfTruth) -> str:
        names = {s.id: s.name for s in self.live.workshop.stages}
        return f"{names.get(entity.stage_id, '?')}: {entity.task[:40]}"

    def listing(self, workshop: Workshop) -> str:
        order = {s.id: k for k, s in enumerate(J.ordered_stages(workshop))}
        names = {s.id: s.name for s in workshop.stages}
        rows = [[esc(names.get(m.stage_id, "?")), esc(m.task), esc(", ".join(
            L.label(L.CHANNEL, c) for c in m.channels)), esc(m.duration or "-"),
                 esc(m.decides or "-"), esc(", ".join(L.label(L.FUNCTION, f)
                                                      for f in m.involved))]
                for m in sorted(workshop.moments, key=lambda m: order.get(m.stage_id, 99))]
        return table([_("Stage"), _("Task"), _("Channels"), _("How long"), _("Decisive moment"),
                      _("Involved")], rows) if rows else "<p><i>{}</i></p>".format(
                          esc(_("No moments yet.")))


class ExperimentLog(EntryStep[Experiment]):
    """The log of experiments: what was tried, measured how, with what result and decision."""

    technique = "experiments"
    collection = "experiments"
    what = N_("Record each experiment that tests a fix: the hypothesis, the pain point or "
            "opportunity it answers, the KPI that will show it, the result, and the decision.")
    why = N_("A map is a set of assumptions until real customers confirm them. Small tests, "
           "measured and decided, keep the journey improving.")
    minutes = 10
    tip = N_("Decide before the test what result would make you keep, change or stop it.")

    def fields(self) -> list[w.Widget]:
        self.title = Text(description=_("Experiment"), layout=w.Layout(**WIDE)
                            ).add_class("cx-exp-title")
        self.hypothesis = Textarea(description=_("We believe"), rows=2,
                                     layout=w.Layout(**WIDE)).add_class("cx-exp-hypothesis")
        self.linked = w.SelectMultiple(description=_("Answers"), rows=4, options=[],
                                       layout=w.Layout(**WIDE)).add_class("cx-exp-linked")
        self.kpi = Text(description=_("Measured by")).add_class("cx-exp-kpi")
        self.result = Textarea(description=_("Result"), rows=2, layout=w.Layout(**WIDE)
                                 ).add_class("cx-exp-result")
        self.decision = w.Dropdown(description=_("Decision"), options=L.options(L.DECISION)
                                   ).add_class("cx-exp-decision")
        return [self.title, self.hypothesis, self.linked, self.kpi, self.result, self.decision]

    def choices(self, workshop: Workshop) -> None:
        set_options(self.linked, element_choices(workshop, PRIORITISABLE))

    def values(self) -> dict[str, Any]:
        return {"title": self.title.value, "hypothesis": self.hypothesis.value,
                "linked_ids": list(self.linked.value), "kpi": self.kpi.value,
                "result": self.result.value, "decision": self.decision.value}

    def fill(self, entity: Experiment) -> None:
        self.title.value, self.hypothesis.value = entity.title, entity.hypothesis
        self.linked.value = tuple(i for i in entity.linked_ids
                                  if i in {v for _, v in self.linked.options})
        self.kpi.value, self.result.value = entity.kpi, entity.result
        self.decision.value = entity.decision.value

    def blank(self) -> None:
        for field in (self.title, self.hypothesis, self.kpi, self.result):
            field.value = ""
        self.linked.value = ()
        self.decision.value = ExperimentDecision.open.value

    def listing(self, workshop: Workshop) -> str:
        index = J.element_index(workshop, PRIORITISABLE)
        rows = [[esc(x.title), esc(x.hypothesis or "-"),
                 "<br>".join(esc(index[i].label) for i in x.linked_ids if i in index) or "-",
                 esc(x.kpi or "-"), esc(x.result or "-"), esc(L.word(x.decision))]
                for x in workshop.experiments]
        return table([_("Experiment"), _("Hypothesis"), _("Answers"), _("KPI"), _("Result"),
                      _("Decision")], rows) if rows else "<p><i>{}</i></p>".format(
                          esc(_("No experiment logged yet.")))


#: The techniques, in the order the facilitator notebook shows them.
TECHNIQUES: tuple[type[StepWidget], ...] = (
    CustomerPurpose, EmpathyMaps, PersonaLibrary, AssessmentResults, Mindsets,
    MomentsOfTruth, ExperimentLog)
TITLES = {"purpose": N_("Customer purpose"), "empathy": N_("Empathy maps"),
          "library": N_("Persona library"), "diagnosis": N_("Self-assessment"),
          "mindsets": N_("Mindsets"), "moments": N_("Moments of truth"),
          "experiments": N_("Test and learn")}
