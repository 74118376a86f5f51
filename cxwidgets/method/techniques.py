"""Words and checks for the techniques around the map (customer purpose, mindsets).

Pure functions and constants: the widgets in widgets/techniques.py show them, exports
print them, tests check them.
"""

from __future__ import annotations

import re

from cxwidgets.language import N_
from cxwidgets.method.model import Mindset

#: What each mindset looks like at work (its name is `words.MINDSET`); marked for the
#: catalogue, said with `_` where shown.
MINDSETS: dict[Mindset, str] = {
    Mindset.fixed: N_(
        "'We have always done it this way': ideas from customers or other teams are "
        "measured against how things work today and lose."),
    Mindset.organisational: N_(
        "The org chart decides: each team optimises its own part, and nobody owns what the "
        "customer lives through between the parts."),
    Mindset.compliance: N_(
        "Following the process matters more than the outcome: the rule was kept, even if "
        "the customer was not helped."),
    Mindset.technical: N_(
        "What the system can do sets the limits: the customer's need is trimmed to fit the "
        "tool instead of the tool to fit the need."),
}

#: Words that name internal measures of success rather than what the customer gets.
METRIC_WORDS = re.compile(
    r"\b(nps|csat|ces|net promoter|kpis?|scores?|complaints?|churn|retention rate|revenue|"
    r"profit|margin|costs?|conversion|aht|handling time|sla|targets?|tickets?)\b|%|\bpoints?\b",
    re.IGNORECASE)
#: Words that show the sentence is about the customer's side of things.
CUSTOMER_WORDS = re.compile(
    r"\b(customers?|clients?|members?|patients?|guests?|users?|people|they|their|them|"
    r"families|you|your)\b", re.IGNORECASE)


def purpose_warning(statement: str) -> str:
    """A warning when a 'customer purpose' is really an internal metric; '' when it is fine."""
    text = statement.strip()
    if not text:
        return ""
    metrics = {m.group(0).lower() for m in METRIC_WORDS.finditer(text)}
    if metrics and not CUSTOMER_WORDS.search(text):
        named = ", ".join(sorted(metrics))
        return (f"This reads like an internal target ({named}), not a purpose. Say what "
                "customers get from you and why it matters to them; a metric can then show "
                "whether you deliver it.")
    return ""
