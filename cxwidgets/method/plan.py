"""Steps 13 and 15: the action plan and its alignment with the company's goals.

`overdue` says which actions are late on a given day (the day is always passed in, so a
report and a test agree about "today"). `alignment` links every action and opportunity
to the goals it serves and lists what serves no goal, and the goals nothing serves.
Pure functions of the model.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from cxwidgets.language import _
from cxwidgets.method.model import Action, ActionStatus, Workshop

CLOSED = frozenset({ActionStatus.done, ActionStatus.dropped})


def is_overdue(action: Action, today: dt.date) -> bool:
    return action.status not in CLOSED and action.due < today


def overdue(workshop: Workshop, today: dt.date) -> list[Action]:
    return [a for a in workshop.actions if is_overdue(a, today)]


@dataclass(frozen=True)
class Aligned:
    """One action or opportunity and the goals it serves."""

    id: str
    kind: str  # "Action" or "Opportunity"
    text: str
    goal_ids: tuple[str, ...]


@dataclass(frozen=True)
class Alignment:
    items: tuple[Aligned, ...]
    goals: tuple[tuple[str, str], ...]  # (id, title), the vision first

    @property
    def unaligned(self) -> list[Aligned]:
        """Work that serves no goal: either a goal is missing or the work is."""
        return [i for i in self.items if not i.goal_ids]

    @property
    def unserved_goals(self) -> list[tuple[str, str]]:
        """Goals no action or opportunity serves yet."""
        served = {g for i in self.items for g in i.goal_ids}
        return [g for g in self.goals if g[0] not in served]


def alignment(workshop: Workshop) -> Alignment:
    goal_ids = {g.id for g in workshop.goals}
    items = [Aligned(a.id, _("Action"), a.title,
                     tuple(g for g in a.goal_ids if g in goal_ids)) for a in workshop.actions]
    items += [Aligned(o.id, _("Opportunity"), o.text,
                      tuple(g for g in o.goal_ids if g in goal_ids))
              for o in workshop.opportunities]
    goals = sorted(workshop.goals, key=lambda g: not g.is_vision)
    return Alignment(tuple(items), tuple((g.id, g.title) for g in goals))
