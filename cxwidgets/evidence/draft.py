"""draft: a workshop built from the evidence itself, and how well a workshop fits it.

An analyst who brings airline reviews has no meal-kit workshop to start from. `fit`
measures how many of the evidence's touchpoints (and of its tagged rows) a workshop's
touchpoints match; `workshop_from_evidence` drafts one instead: stages and touchpoints
from the tagging table and the touchpoint column (in the tagging table's order, else by
stage and name), each touchpoint's channel from its name or its rows, and the feelings and pain
points the evidence suggests (`suggest.draft_workshop`). A draft is a start for a room
to correct, not a finished map. Pure: builds model objects, never touches a store.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pandas as pd

from cxwidgets.evidence.folder import load_folder
from cxwidgets.evidence.schema import with_label
from cxwidgets.evidence.suggest import draft_workshop, match_touchpoints
from cxwidgets.evidence.tagging import TagRules
from cxwidgets.method.model import Channel, Workshop, default_medium

#: A touchpoint needs this many rows to be drawn on a draft map.
MIN_ROWS = 5
#: At most this many touchpoints on a draft map (the most talked-about).
MAX_TOUCHPOINTS = 40
#: The stage of touchpoints whose stage the evidence does not say.
UNPLACED = "From the feedback"
#: The one touchpoint of a draft whose evidence names none.
ALL_FEEDBACK = "All feedback"
#: Below this share of matched touchpoints (or rows), a workshop does not fit the evidence.
FITS = 0.5
_CHANNELS = ((r"web|site|online|internet|portal", Channel.web),
             (r"app|mobile", Channel.mobile_app), (r"e-?mail", Channel.email),
             (r"chat|messag", Channel.chat),
             (r"social|twitter|facebook|instagram|tweet|\bposts?\b", Channel.social),
             (r"phone|call|telephone", Channel.phone), (r"store|shop|branch", Channel.store),
             (r"in person|face|visit|counter", Channel.in_person),
             (r"mail|post|letter|fax", Channel.mail), (r"referr|partner|agent", Channel.partner))


@dataclass(frozen=True)
class Fit:
    """How much of the evidence a workshop's touchpoints cover."""

    touchpoints: int        # distinct touchpoints in the evidence
    matched: int            # of them, matched to one of the workshop's
    rows: int               # rows with a touchpoint
    matched_rows: int       # of them, on a matched touchpoint
    workshop_touchpoints: int

    @property
    def fits(self) -> bool:
        if not self.touchpoints:
            return False
        return self.matched >= FITS * self.touchpoints or \
            self.matched_rows >= FITS * self.rows

    def describe(self, title: str) -> str:
        if not self.touchpoints:
            return (f"The evidence names no touchpoint (no touchpoint column, no tagging "
                    f"rule matched), so none of it lands on the {self.workshop_touchpoints} "
                    f"touchpoints of '{title}'.")
        return (f"{self.matched} of the evidence's {self.touchpoints} touchpoints "
                f"({self.matched_rows:,} of {self.rows:,} rows with a touchpoint) match the "
                f"{self.workshop_touchpoints} touchpoints of '{title}'.")


def fit(table: pd.DataFrame, workshop: Workshop) -> Fit:
    """How well `workshop` fits the evidence in `table`."""
    counts = table["touchpoint"].value_counts()
    counts = counts[counts > 0]
    found = match_touchpoints([str(n) for n in counts.index], workshop)
    matched = counts[[str(n) in found for n in counts.index]]
    return Fit(len(counts), len(matched), int(counts.sum()), int(matched.sum()),
               len(workshop.touchpoints))


def channel_of(values: pd.Series, name: str = "") -> Channel:
    """A touchpoint's channel: the one its name says ("Support phone line"), else the one
    most of its rows came through, read from free words."""
    for value in [name, *values.dropna().astype(str).value_counts().index]:
        for pattern, channel in _CHANNELS:
            if re.search(pattern, value.casefold()):
                return channel
    return Channel.other


def _order(table: pd.DataFrame, rules: TagRules | None) -> list[tuple[str, str]]:
    """(touchpoint, stage) to draw, in journey order."""
    tagged = table.dropna(subset=["touchpoint"])
    counts = tagged["touchpoint"].value_counts()
    counts = counts[counts > 0]
    keep = counts[counts >= max(MIN_ROWS, 0.005 * counts.sum())].head(MAX_TOUCHPOINTS)
    stages = dict(rules.stages) if rules else {}
    own = tagged.dropna(subset=["stage"]).groupby("touchpoint", observed=True)["stage"].agg(
        lambda s: s.astype("string").value_counts().index[0])
    placed = [(str(t), str(stages.get(t) or own.get(t) or UNPLACED)) for t in keep.index]
    table_order = {t: k for k, t in enumerate(stages)}
    stage_order = list(dict.fromkeys(stages.values()))
    seen = sorted({s for _, s in placed if s not in stage_order and s != UNPLACED})
    stage_order += [*seen, UNPLACED]
    return sorted(placed, key=lambda ts: (stage_order.index(ts[1]),
                                          table_order.get(ts[0], len(table_order)),
                                          ts[0].casefold()))


def on_the_map(table: pd.DataFrame, workshop: Workshop) -> pd.DataFrame:
    """The table as a draft map reads it: when the draft's one touchpoint stands for all
    feedback, every row without a touchpoint is on it."""
    if [t.name for t in workshop.touchpoints] == [ALL_FEEDBACK]:
        return table.assign(touchpoint=with_label(table["touchpoint"], ALL_FEEDBACK))
    return table


def workshop_from_evidence(table: pd.DataFrame, rules: TagRules | None = None,
                           title: str = "Journey drafted from the evidence",
                           suggestions: bool = True) -> Workshop:
    """A draft workshop: the evidence's stages and touchpoints and, with `suggestions`,
    the feelings and pain points it suggests. Evidence that names no touchpoint gets one,
    standing for all feedback."""
    placed = _order(table, rules)
    if not placed:
        placed = [(ALL_FEEDBACK, UNPLACED)]
    stages = list(dict.fromkeys(s for _, s in placed))
    data: dict[str, Any] = {"id": "w-evidence", "title": title[:120],
                  "scope": f"Drafted from {len(table):,} pieces of feedback",
                  "stages": [{"id": f"s{k}", "name": s[:120], "order": k}
                             for k, s in enumerate(stages)],
                  "touchpoints": []}
    for k, (name, stage) in enumerate(placed):
        channel = channel_of(table.loc[table["touchpoint"] == name, "channel"], name)
        data["touchpoints"].append({"id": f"t{k}", "name": name[:120],
                                    "channel": channel.value,
                                    "medium": default_medium(channel).value,
                                    "stage_id": f"s{stages.index(stage)}"})
    workshop = Workshop.model_validate(data)
    return draft_workshop(workshop, on_the_map(table, workshop)) if suggestions else workshop


def workshop_from_folder(folder: str | Path, title: str | None = None) -> Workshop:
    """A draft workshop from an evidence folder (`cxwidgets new --from-evidence`)."""
    evidence = load_folder(folder)
    return workshop_from_evidence(evidence.table, evidence.rules,
                                  title or f"{Path(folder).resolve().name}: drafted from the "
                                  "evidence")
