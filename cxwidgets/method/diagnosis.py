"""The customer-orientation self-assessment: twenty statements, answered 1-5 by each person.

Ten statements describe habits of a customer-oriented company and ten describe habits that
pull it away from the customer. Agreeing with a positive statement is good; agreeing with
a negative one is not, so negative answers are reversed before averaging. Results are
aggregated per function, so the room sees which parts of the company feel furthest from
the customer. Words only and pure functions: no widgets, no store.
"""

from __future__ import annotations

from dataclasses import dataclass

from cxwidgets.method.model import DiagnosisAnswer, Function


@dataclass(frozen=True)
class Statement:
    id: str
    text: str
    positive: bool
    area: str


STATEMENTS: tuple[Statement, ...] = (
    Statement("lead-needs", "Our leaders talk regularly about what customers need.", True,
              "Leadership"),
    Statement("all-insight", "People from every team take part in sessions about customer "
              "insight.", True, "Insight"),
    Statement("channels", "Customers can reach us through the channels they prefer.", True,
              "Channels"),
    Statement("long-term", "Our leaders value long-term customer results over this "
              "quarter's numbers.", True, "Leadership"),
    Statement("empathy", "We deliberately build empathy for customers in our teams.", True,
              "Culture"),
    Statement("advocates", "People who speak up for customers are respected here.", True,
              "Culture"),
    Statement("empowered", "Staff may solve a customer's problem without asking for "
              "permission.", True, "Empowerment"),
    Statement("together", "Teams work across functions to improve what customers "
              "experience.", True, "Collaboration"),
    Statement("feedback-ways", "Customers have easy ways to tell us what they think.", True,
              "Feedback"),
    Statement("learning", "We keep learning from customers and change how we work.", True,
              "Feedback"),
    Statement("feedback-ignored", "Customer feedback is rarely looked at in decisions.",
              False, "Feedback"),
    Statement("internal-first", "Internal priorities usually win over what customers "
              "need.", False, "Leadership"),
    Statement("no-personal", "There is no room to adapt our service to the individual "
              "customer.", False, "Empowerment"),
    Statement("no-churn", "We do not track which customers stay and which leave.", False,
              "Insight"),
    Statement("uneven", "The quality customers get depends on who they happen to reach.",
              False, "Collaboration"),
    Statement("little-contact", "Most of us rarely talk to or hear from customers.", False,
              "Insight"),
    Statement("silos", "Nobody looks at the experience across functions as a whole.", False,
              "Collaboration"),
    Statement("short-profit", "Short-term profit comes first, even at customers' expense.",
              False, "Leadership"),
    Statement("untrained", "Staff get little training in serving customers well.", False,
              "Culture"),
    Statement("nothing-changes", "When customers complain, nothing really changes.", False,
              "Feedback"),
)
BY_ID = {s.id: s for s in STATEMENTS}
SCALE = {1: "disagree strongly", 2: "disagree", 3: "neither", 4: "agree", 5: "agree strongly"}


def orientation(answer: DiagnosisAnswer) -> int:
    """The answer on one scale where 5 always means customer-oriented."""
    statement = BY_ID.get(answer.statement_id)
    if statement is None:
        return answer.score
    return answer.score if statement.positive else 6 - answer.score


@dataclass(frozen=True)
class AreaScore:
    function: Function
    area: str
    mean: float
    answers: int


def by_function(answers: list[DiagnosisAnswer]) -> list[AreaScore]:
    """Mean orientation per function and area, weakest first."""
    groups: dict[tuple[Function, str], list[int]] = {}
    for a in answers:
        statement = BY_ID.get(a.statement_id)
        if statement is not None:
            groups.setdefault((a.function, statement.area), []).append(orientation(a))
    scores = [AreaScore(f, area, sum(v) / len(v), len(v)) for (f, area), v in groups.items()]
    return sorted(scores, key=lambda s: (s.mean, s.function.value, s.area))
