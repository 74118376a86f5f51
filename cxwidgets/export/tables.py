"""The workshop's lists as tables: touchpoints, pain points, opportunities, priorities,
actions. Written as CSV files (one per table, in a folder) or one XLSX workbook (one sheet
per table), for the people who will carry the work on in their own tools.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pandas as pd

from cxwidgets.method import views as J
from cxwidgets.method import words as L
from cxwidgets.method.model import Workshop
from cxwidgets.method.plan import is_overdue
from cxwidgets.method.priorities import rank

SHEETS = ("touchpoints", "pain_points", "opportunities", "priorities", "actions",
          "experiments")


def _stage_of(workshop: Workshop) -> dict[str, str]:
    stages = {s.id: s.name for s in workshop.stages}
    return {t.id: stages.get(t.stage_id or "", "") for t in workshop.touchpoints}


def touchpoints(workshop: Workshop, persona_id: str | None) -> pd.DataFrame:
    stats = J.emotion_stats(workshop, persona_id)
    stage = _stage_of(workshop)
    rows = [{"touchpoint": t.name, "stage": stage[t.id],
             "channel": L.label(L.CHANNEL, t.channel), "kind": L.label(L.MEDIUM, t.medium),
             "owner": L.label(L.FUNCTION, t.owner),
             "feeling": round(stats[t.id].mean, 2) if t.id in stats else None,
             "ratings": stats[t.id].n if t.id in stats else 0}
            for t in [*J.journey_touchpoints(workshop), *J.unplaced(workshop)]]
    return pd.DataFrame(rows, columns=["touchpoint", "stage", "channel", "kind", "owner",
                                       "feeling", "ratings"])


def _items(workshop: Workshop, collection: str) -> pd.DataFrame:
    names = {t.id: t.name for t in workshop.touchpoints}
    stage = _stage_of(workshop)
    rows = [{"text": e.text, "touchpoint": names.get(e.touchpoint_id, ""),
             "stage": stage.get(e.touchpoint_id, ""), "detail": e.detail,
             "evidence": " | ".join(e.evidence), "impact": e.impact, "effort": e.effort}
            for e in getattr(workshop, collection)]
    return pd.DataFrame(rows, columns=["text", "touchpoint", "stage", "detail", "evidence",
                                       "impact", "effort"])


def priorities(workshop: Workshop) -> pd.DataFrame:
    rows = [{"rank": r.rank, "item": r.text, "kind": r.kind, "touchpoint": r.touchpoint,
             "dots": r.dots, "impact": r.impact, "effort": r.effort, "quadrant": r.quadrant,
             "tie_broken_by": r.why} for r in rank(workshop)]
    return pd.DataFrame(rows, columns=["rank", "item", "kind", "touchpoint", "dots", "impact",
                                       "effort", "quadrant", "tie_broken_by"])


def actions(workshop: Workshop, today: dt.date) -> pd.DataFrame:
    items = {e.id: J.label_of(e) for c in J.PRIORITISABLE for e in getattr(workshop, c)}
    goals = {g.id: g.title for g in workshop.goals}
    names = {p.id: p.name for p in workshop.participants}
    rows = [{"action": a.title, "answers": " | ".join(items.get(i, "") for i in a.linked_ids),
             "owner": a.owner, "function": L.label(L.FUNCTION, a.function),
             "start": a.start, "due": a.due, "status": a.status.value,
             "overdue": is_overdue(a, today),
             "goals": " | ".join(goals.get(g, "") for g in a.goal_ids),
             "volunteers": ", ".join(names.get(v.participant, "") for v in workshop.volunteers
                                     if v.action_id == a.id)}
            for a in sorted(workshop.actions, key=lambda a: a.due)]
    return pd.DataFrame(rows, columns=["action", "answers", "owner", "function", "start",
                                       "due", "status", "overdue", "goals", "volunteers"])


def experiments(workshop: Workshop) -> pd.DataFrame:
    items = {e.id: J.label_of(e) for c in J.PRIORITISABLE for e in getattr(workshop, c)}
    rows = [{"experiment": x.title, "hypothesis": x.hypothesis,
             "answers": " | ".join(items.get(i, "") for i in x.linked_ids), "kpi": x.kpi,
             "result": x.result, "decision": x.decision.value} for x in workshop.experiments]
    return pd.DataFrame(rows, columns=["experiment", "hypothesis", "answers", "kpi", "result",
                                       "decision"])


def all_tables(workshop: Workshop, persona_id: str | None = None,
               today: dt.date | None = None) -> dict[str, pd.DataFrame]:
    """Every table of the export, by sheet name, in the order they are written."""
    today = today or dt.date.today()
    return {"touchpoints": touchpoints(workshop, persona_id),
            "pain_points": _items(workshop, "pain_points"),
            "opportunities": _items(workshop, "opportunities"),
            "priorities": priorities(workshop), "actions": actions(workshop, today),
            "experiments": experiments(workshop)}


def xlsx_bytes(tables: dict[str, pd.DataFrame]) -> bytes:
    """One workbook, one sheet per table, the header row frozen."""
    import io

    buffer = io.BytesIO()
    with pd.ExcelWriter(buffer, engine="openpyxl") as writer:
        for name, frame in tables.items():
            frame.to_excel(writer, sheet_name=name, index=False, freeze_panes=(1, 0))
    return buffer.getvalue()


def csv_files(tables: dict[str, pd.DataFrame]) -> dict[str, bytes]:
    """File name -> CSV bytes (UTF-8 with BOM, so spreadsheet programs read accents)."""
    return {f"{name}.csv": frame.to_csv(index=False, lineterminator="\n").encode("utf-8-sig")
            for name, frame in tables.items()}


def read_back(path: Path) -> dict[str, pd.DataFrame]:
    """The tables of a written XLSX (or CSV folder), as pandas reads them."""
    if path.is_dir():
        return {p.stem: pd.read_csv(p, encoding="utf-8-sig") for p in sorted(path.glob("*.csv"))}
    return pd.read_excel(path, sheet_name=None)
