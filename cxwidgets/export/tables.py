"""The workshop's lists as tables: touchpoints, pain points, opportunities, priorities,
actions, and for a consensus of several rooms where they disagree. Written as CSV files
(one per table, in a folder) or one XLSX workbook (one sheet per table), for the people
who will carry the work on in their own tools. Every text goes through `inert`, so a
name or entry that reads like a formula stays text in whatever program opens the file.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pandas as pd

from cxwidgets.export import inert
from cxwidgets.method import kinds as K
from cxwidgets.method import views as J
from cxwidgets.method import words as L
from cxwidgets.method.model import Workshop
from cxwidgets.method.plan import is_overdue
from cxwidgets.method.priorities import rank
from cxwidgets.rooms.disagreements import disagreements as find_disagreements

#: The tables of every workshop; a consensus of several rooms adds "disagreements".
SHEETS = ("touchpoints", "pain_points", "opportunities", "priorities", "actions",
          "experiments")
#: What a person reads as each sheet's name (CSV files keep the plain key as file name).
SHEET_TITLES = {"touchpoints": "Touchpoints", "pain_points": "Pain points",
                "opportunities": "Opportunities", "priorities": "Priorities",
                "actions": "Actions", "experiments": "Experiments",
                "disagreements": "Disagreements"}
DISAGREEMENT_COLUMNS = ["Disagreement", "Item", "Where", "Rooms", "Not named by",
                        "Spread", "In words"]


def _stage_of(workshop: Workshop) -> dict[str, str]:
    stages = {s.id: s.name for s in workshop.stages}
    return {t.id: stages.get(t.stage_id or "", "") for t in workshop.touchpoints}


def _frame(rows: list[dict], columns: list[str]) -> pd.DataFrame:
    return pd.DataFrame(rows, columns=columns)


#: Who added an entry: the name, and beside it the role, drawn from the author's id (a
#: participant's name can never fill "Role"; names that read as roles are refused).
ADDED_BY = ["Added by", "Role"]


def _added_by(workshop: Workshop, author: str) -> dict[str, str]:
    who = J.author_of(workshop, author)
    return {"Added by": who.name, "Role": who.role_word}


def touchpoints(workshop: Workshop, persona_id: str | None) -> pd.DataFrame:
    stats = J.emotion_stats(workshop, persona_id)
    stage = _stage_of(workshop)
    rows = [{"Touchpoint": t.name, "Stage": stage[t.id],
             "Channel": L.label(L.CHANNEL, t.channel), "Kind": L.label(L.MEDIUM, t.medium),
             "Owner": L.label(L.FUNCTION, t.owner),
             "Feeling": round(stats[t.id].mean, 2) if t.id in stats else None,
             "Ratings": stats[t.id].n if t.id in stats else 0,
             **_added_by(workshop, t.created_by)}
            for t in [*J.journey_touchpoints(workshop), *J.unplaced(workshop)]]
    return _frame(rows, ["Touchpoint", "Stage", "Channel", "Kind", "Owner", "Feeling",
                         "Ratings", *ADDED_BY])


def _items(workshop: Workshop, collection: str) -> pd.DataFrame:
    names = {t.id: t.name for t in workshop.touchpoints}
    stage = _stage_of(workshop)
    heading = L.KIND[collection]
    rows = [{heading: e.text, "Touchpoint": names.get(e.touchpoint_id, ""),
             "Stage": stage.get(e.touchpoint_id, ""), "Detail": e.detail,
             "Evidence": " | ".join(e.evidence), "Impact": e.impact, "Effort": e.effort,
             **_added_by(workshop, e.created_by)}
            for e in getattr(workshop, collection)]
    return _frame(rows, [heading, "Touchpoint", "Stage", "Detail", "Evidence", "Impact",
                         "Effort", *ADDED_BY])


def priorities(workshop: Workshop) -> pd.DataFrame:
    rows = [{"Rank": r.rank, "Item": r.text, "Kind": r.kind,
             "Touchpoint": r.touchpoint, "Dots": r.dots, "Impact": r.impact,
             "Effort": r.effort, "Quadrant": r.quadrant, "Tie broken by": r.why}
            for r in rank(workshop)]
    return _frame(rows, ["Rank", "Item", "Kind", "Touchpoint", "Dots", "Impact", "Effort",
                         "Quadrant", "Tie broken by"])


def actions(workshop: Workshop, today: dt.date) -> pd.DataFrame:
    items = {e.id: J.label_of(e) for c in K.PRIORITISABLE for e in getattr(workshop, c)}
    goals = {g.id: g.title for g in workshop.goals}
    names = {p.id: p.name for p in workshop.participants}
    rows = [{"Action": a.title, "Answers": " | ".join(items.get(i, "") for i in a.linked_ids),
             "Owner": a.owner, "Function": L.label(L.FUNCTION, a.function),
             "Start": a.start, "Due": a.due, "Status": L.word(a.status),
             "Overdue": is_overdue(a, today),
             "Goals": " | ".join(goals.get(g, "") for g in a.goal_ids),
             "Volunteers": ", ".join(names.get(v.participant, "") for v in workshop.volunteers
                                     if v.action_id == a.id)}
            for a in sorted(workshop.actions, key=lambda a: a.due)]
    return _frame(rows, ["Action", "Answers", "Owner", "Function", "Start", "Due", "Status",
                         "Overdue", "Goals", "Volunteers"])


def experiments(workshop: Workshop) -> pd.DataFrame:
    items = {e.id: J.label_of(e) for c in K.PRIORITISABLE for e in getattr(workshop, c)}
    rows = [{"Experiment": x.title, "Hypothesis": x.hypothesis,
             "Answers": " | ".join(items.get(i, "") for i in x.linked_ids),
             "Measured by": x.kpi, "Result": x.result, "Decision": L.word(x.decision)}
            for x in workshop.experiments]
    return _frame(rows, ["Experiment", "Hypothesis", "Answers", "Measured by", "Result",
                         "Decision"])


def disagreements(workshop: Workshop, persona_id: str | None) -> pd.DataFrame:
    """Where the rooms of a consensus disagree, one row each, in the order the report
    lists them: named by only some rooms, feelings more than a step apart, pain points
    one function raised. "In words" is the report's own sentence for the row."""
    found = find_disagreements(workshop, persona_id)
    words = dict(found.sections())
    named, felt, lone = (words[h] for h in list(words)[:3])
    rows: list[dict[str, Any]] = [{"Disagreement": "Named by only some rooms", "Item": p.name,
             "Where": p.stage or "(a stage)", "Rooms": ", ".join(p.named_by),
             "Not named by": ", ".join(p.missing), "Spread": None, "In words": line}
            for p, line in zip(found.partial, named, strict=True)]
    rows += [{"Disagreement": "Feelings apart", "Item": d.name, "Where": d.stage,
              "Rooms": ", ".join(f"{room} {mean:+.1f}" for room, mean in d.by_room),
              "Not named by": "", "Spread": d.spread, "In words": line}
             for d, line in zip(found.disputed, felt, strict=True)]
    rows += [{"Disagreement": "One function only", "Item": p.text, "Where": p.touchpoint,
              "Rooms": ", ".join(p.rooms), "Not named by": "", "Spread": None,
              "In words": line}
             for p, line in zip(found.lone, lone, strict=True)]
    return _frame(rows, DISAGREEMENT_COLUMNS)


def all_tables(workshop: Workshop, persona_id: str | None = None,
               today: dt.date | None = None) -> dict[str, pd.DataFrame]:
    """Every table of the export, by sheet key, in the order they are written (the rooms'
    disagreements only for a consensus of several rooms)."""
    today = today or dt.date.today()
    tables = {"touchpoints": touchpoints(workshop, persona_id),
              "pain_points": _items(workshop, "pain_points"),
              "opportunities": _items(workshop, "opportunities"),
              "priorities": priorities(workshop), "actions": actions(workshop, today),
              "experiments": experiments(workshop)}
    if workshop.consensus is not None:
        tables["disagreements"] = disagreements(workshop, persona_id)
    return tables


def xlsx_bytes(tables: dict[str, pd.DataFrame]) -> bytes:
    """One workbook, one sheet per table, the header row frozen; every text a string
    cell, never a formula (`inert.xlsx_bytes`)."""
    return inert.xlsx_bytes(tables, SHEET_TITLES)


def csv_files(tables: dict[str, pd.DataFrame]) -> dict[str, bytes]:
    """File name -> CSV bytes (UTF-8 with BOM, so spreadsheet programs read accents),
    text that a spreadsheet would run guarded with a leading `'` (`inert.csv_bytes`)."""
    return {f"{name}.csv": inert.csv_bytes(frame) for name, frame in tables.items()}


def read_back(path: Path) -> dict[str, pd.DataFrame]:
    """The tables of a written XLSX (or CSV folder) by sheet key, as pandas reads them."""
    if path.is_dir():
        return {p.stem: pd.read_csv(p, encoding="utf-8-sig") for p in sorted(path.glob("*.csv"))}
    keys = {title: key for key, title in SHEET_TITLES.items()}
    return {keys.get(name, name): frame
            for name, frame in pd.read_excel(path, sheet_name=None).items()}
