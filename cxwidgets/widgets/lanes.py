"""Steps 7, 8 and 9: pain points, opportunities and backstage processes.

All three hang entries on touchpoints and are listed stage by stage, like the lanes of
the map they become; they differ only in their fields. Evidence is typed one item per
line (a quote, a figure) and travels with the entry to the map's tooltips.
"""

from __future__ import annotations

from typing import Any, TypeVar

import ipywidgets as w

from cxwidgets.language import N_, _, ngettext
from cxwidgets.method import kinds as K
from cxwidgets.method import views as J
from cxwidgets.method import words as L
from cxwidgets.method.model import (
    BackstageProcess,
    Function,
    Opportunity,
    PainPoint,
    Workshop,
)
from cxwidgets.widgets.base import esc, set_options, table
from cxwidgets.widgets.choices import (
    EVERY_PERSONA,
    lines,
    persona_choices,
    touchpoint_choices,
)
from cxwidgets.widgets.entries import EntryStep
from cxwidgets.widgets.fields import Text, Textarea
from cxwidgets.widgets.registry import register

WIDE = {"width": "100%", "max_width": "40em"}

#: The entries hung on a touchpoint, and those of them that may concern one persona only.
OnTouchpoint = TypeVar("OnTouchpoint", bound=PainPoint | Opportunity | BackstageProcess)
ForPersona = TypeVar("ForPersona", bound=PainPoint | Opportunity)


class TouchpointLane(EntryStep[OnTouchpoint]):
    """Entries tied to one touchpoint each, listed by stage."""

    text_label = N_("Text")
    placeholder = ""

    def fields(self) -> list[w.Widget]:
        self.touchpoint = w.Dropdown(description=_("Touchpoint"), options=[],
                                     layout=w.Layout(width="30em")).add_class("cx-touchpoint")
        self.text = Text(description=_(self.text_label), placeholder=_(self.placeholder),
                           layout=w.Layout(**WIDE)).add_class("cx-text")
        return [self.touchpoint, self.text, *self.more_fields()]

    def more_fields(self) -> list[w.Widget]:
        return []

    def choices(self, workshop: Workshop) -> None:
        set_options(self.touchpoint, touchpoint_choices(workshop))

    def values(self) -> dict[str, Any]:
        return {"touchpoint_id": self.touchpoint.value or "", **self.more_values(),
                K.TEXT_FIELD[self.collection]: self.text.value}

    def more_values(self) -> dict[str, Any]:
        return {}

    def fill(self, entity: OnTouchpoint) -> None:
        self.touchpoint.value = entity.touchpoint_id
        self.text.value = J.label_of(entity)

    def blank(self) -> None:
        self.text.value = ""

    def columns(self) -> list[str]:
        return []

    def cells(self, entity: OnTouchpoint, workshop: Workshop) -> list[str]:
        return []

    def listing(self, workshop: Workshop) -> str:
        entries = self.entries(workshop)
        if not entries:
            return "<p><i>{}</i></p>".format(esc(_("No {entries} yet.").format(
                entries=L.noun(self.collection, 0))))
        stage_of = {tp.id: tp.stage_id for tp in workshop.touchpoints}
        tp_name = {tp.id: tp.name for tp in workshop.touchpoints}
        order = {s.id: k for k, s in enumerate(J.ordered_stages(workshop))}
        stage_name = {s.id: s.name for s in workshop.stages}
        rows = sorted(entries, key=lambda e: order.get(stage_of.get(e.touchpoint_id) or "", 99))
        body = [[esc(stage_name.get(stage_of.get(e.touchpoint_id) or "", "-")),
                 esc(tp_name.get(e.touchpoint_id, _("(removed)"))), esc(J.label_of(e)),
                 *self.cells(e, workshop)] for e in rows]
        return (f"<p>{esc(L.count_of(len(entries), self.collection))}</p>"
                + table([_("Stage"), _("Touchpoint"), _(self.text_label),
                         *map(_, self.columns())], body))


class PersonaScoped(TouchpointLane[ForPersona]):
    """Lanes whose entries may concern one persona only."""

    def persona_field(self) -> w.Dropdown:
        self.persona = w.Dropdown(description=_("For"),
                                  options=[(_("Every persona"), EVERY_PERSONA)]
                                  ).add_class("cx-persona")
        return self.persona

    def choices(self, workshop: Workshop) -> None:
        super().choices(workshop)
        set_options(self.persona, persona_choices(workshop))

    def fill(self, entity: ForPersona) -> None:
        super().fill(entity)
        self.persona.value = entity.persona_id or EVERY_PERSONA


def _evidence_area() -> w.Textarea:
    return Textarea(description=_("Evidence"), rows=3, layout=w.Layout(**WIDE),
                      placeholder=_("One per line: a customer quote, a score, a count")
                      ).add_class("cx-evidence")


def _quotes(items: list[str]) -> str:
    return "<br>".join(f"“{esc(q)}”" for q in items) or "-"


@register
class PainPoints(PersonaScoped[PainPoint]):
    """Step 7: what goes wrong for the customer, and the evidence that it does."""

    step_key = "pains"
    text_label = N_("Pain point")
    placeholder = N_("e.g. No idea when the courier will come")

    def more_fields(self) -> list[w.Widget]:
        self.detail = Textarea(description=_("Detail"), rows=2, layout=w.Layout(**WIDE)
                                 ).add_class("cx-detail")
        self.evidence = _evidence_area()
        return [self.detail, self.evidence, self.persona_field()]

    def more_values(self) -> dict[str, Any]:
        return {"detail": self.detail.value, "evidence": lines(self.evidence.value),
                "persona_id": self.persona.value or None}

    def fill(self, entity: PainPoint) -> None:
        super().fill(entity)
        self.detail.value = entity.detail
        self.evidence.value = "\n".join(entity.evidence)

    def blank(self) -> None:
        super().blank()
        self.detail.value = self.evidence.value = ""

    def columns(self) -> list[str]:
        return [N_("Evidence")]

    def cells(self, entity: PainPoint, workshop: Workshop) -> list[str]:
        if entity.evidence:
            return [_quotes(entity.evidence)]
        return ["<span class='cx-warn'>{}</span>".format(esc(_("assumption: no evidence yet")))]


@register
class Opportunities(PersonaScoped[Opportunity]):
    """Step 8: moments to surprise and delight, or to add value."""

    step_key = "opportunities"
    text_label = N_("Opportunity")
    placeholder = N_("e.g. Text a 30-minute delivery window on the morning")

    def more_fields(self) -> list[w.Widget]:
        self.pain = w.Dropdown(description=_("Answers"), options=[(_("(no pain point)"), "")],
                               layout=w.Layout(width="30em")).add_class("cx-answers")
        self.detail = Textarea(description=_("Detail"), rows=2, layout=w.Layout(**WIDE)
                                 ).add_class("cx-detail")
        self.evidence = _evidence_area()
        return [self.pain, self.detail, self.evidence, self.persona_field()]

    def choices(self, workshop: Workshop) -> None:
        super().choices(workshop)
        set_options(self.pain, [(_("(no pain point)"), "")]
                    + [(p.text, p.id) for p in workshop.pain_points])

    def more_values(self) -> dict[str, Any]:
        return {"pain_id": self.pain.value or None, "detail": self.detail.value,
                "evidence": lines(self.evidence.value), "persona_id": self.persona.value or None}

    def fill(self, entity: Opportunity) -> None:
        super().fill(entity)
        self.pain.value = entity.pain_id or ""
        self.detail.value = entity.detail
        self.evidence.value = "\n".join(entity.evidence)

    def blank(self) -> None:
        super().blank()
        self.detail.value = self.evidence.value = ""
        self.pain.value = ""

    def columns(self) -> list[str]:
        return [N_("Answers"), N_("Evidence")]

    def cells(self, entity: Opportunity, workshop: Workshop) -> list[str]:
        pains = {p.id: p.text for p in workshop.pain_points}
        return [esc(pains.get(entity.pain_id or "", "-")), _quotes(entity.evidence)]


@register
class Backstage(TouchpointLane[BackstageProcess]):
    """Step 9: the internal processes behind each touchpoint, below the line of visibility."""

    step_key = "backstage"
    text_label = N_("Process")
    placeholder = N_("e.g. Picking and packing in the warehouse")

    def more_fields(self) -> list[w.Widget]:
        self.owner = w.Dropdown(options=L.options_not_sure(L.FUNCTION), value="",
                                description=_("Owner")
                                ).add_class("cx-owner")
        self.description = Textarea(description=_("How it works"), rows=2,
                                      layout=w.Layout(**WIDE)).add_class("cx-description")
        self.uncovered = w.HTML().add_class("cx-uncovered")
        return [self.owner, self.description, self.uncovered]

    def more_values(self) -> dict[str, Any]:
        return {"owner": self.owner.value or Function.unknown.value,
                "description": self.description.value}

    def fill(self, entity: BackstageProcess) -> None:
        super().fill(entity)
        self.owner.value = "" if entity.owner is Function.unknown else entity.owner.value
        self.description.value = entity.description

    def blank(self) -> None:
        super().blank()
        self.description.value = ""

    def choices(self, workshop: Workshop) -> None:
        super().choices(workshop)
        covered = {b.touchpoint_id for b in workshop.backstage}
        bare = [t.name for t in J.journey_touchpoints(workshop) if t.id not in covered]
        self.uncovered.value = ("<p class='cx-warn'>{}{}</p>".format(esc(ngettext(
            "{touchpoints} has no process behind it yet: {names}",
            "{touchpoints} have no process behind them yet: {names}", len(bare)).format(
                touchpoints=L.count_of(len(bare), "touchpoints"),
                names=", ".join(bare[:8]))), " …" if len(bare) > 8 else "")
            if bare else "")

    def columns(self) -> list[str]:
        return [N_("Owner")]

    def cells(self, entity: BackstageProcess, workshop: Workshop) -> list[str]:
        return [esc(L.label(L.FUNCTION, entity.owner))]
