"""Dropdown choices every step offers the same way: touchpoints in journey order, personas,
people, items to prioritise. One place, so a touchpoint reads identically on every screen.
"""

from __future__ import annotations

from collections.abc import Sequence

from cxwidgets.language import N_, _
from cxwidgets.method import kinds as K
from cxwidgets.method import views as J
from cxwidgets.method.model import Workshop

Choices = list[tuple[str, str]]
EVERY_PERSONA = ""


def touchpoint_choices(workshop: Workshop) -> Choices:
    """"Stage · touchpoint" in journey order; unplaced touchpoints last."""
    names = {s.id: s.name for s in workshop.stages}
    placed = [(f"{names[stage_id]} · {tp.name}", tp.id)
              for stage_id, tps in J.touchpoints_by_stage(workshop).items() for tp in tps]
    return placed + [(_("(not placed) · {name}").format(name=tp.name), tp.id)
                     for tp in J.unplaced(workshop)]


def persona_choices(workshop: Workshop, everyone: str | None = N_("Every persona")) -> Choices:
    """Agreed personas (all personas while none is agreed), optionally with "every persona"."""
    personas = J.agreed_personas(workshop) or workshop.personas
    head = [(_(everyone), EVERY_PERSONA)] if everyone is not None else []
    return head + [(p.name, p.id) for p in personas]


def people_choices(workshop: Workshop) -> Choices:
    return [(_("Facilitator (for the room)"), "facilitator")] + [
        (p.name, p.id) for p in workshop.participants]


def element_choices(workshop: Workshop,
                    collections: Sequence[str] = K.MAP_ELEMENTS) -> Choices:
    return [(e.title, e.id) for e in J.elements(workshop, collections)]


def lines(text: str) -> list[str]:
    """One entry per non-empty line of a text area."""
    return [line.strip() for line in text.splitlines() if line.strip()]
