"""The workshop's lists as tables, one per step the room fills: evidence, personas,
touchpoints (with their feelings), pain points, opportunities, backstage, review,
priorities, actions and goals; the companion techniques the room used (empathy maps,
mindsets, moments of truth, customer orientation, experiments); and for a consensus of
several rooms where they disagree. Written as CSV files (one per table, in a folder) or
one XLSX workbook (one sheet per table), for the people who will carry the work on in
their own tools. Every text goes through `inert`, so a name or entry that reads like a
formula stays text in whatever program opens the file.

Feelings are the room's for one persona, the one the map is drawn for (the persona asked
for, else the first agreed one, `views.map_persona`): the same numbers as the map, the
emotion curve and the share step, whichever of them wrote the file; the table names the
persona.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

import pandas as pd

from cxwidgets.export import inert
from cxwidgets.language import LANGUAGES, N_, NC_, _, pgettext, translations
from cxwidgets.method import kinds as K
from cxwidgets.method import views as J
from cxwidgets.method import words as L
from cxwidgets.method.diagnosis import by_function
from cxwidgets.method.model import Workshop
from cxwidgets.method.plan import is_overdue
from cxwidgets.method.priorities import rank
from cxwidgets.method.roles import ROLE_LABELS
from cxwidgets.rooms.disagreements import disagreements as find_disagreements

#: The tables of every workshop, in the order of the steps that fill them; the techniques
#: the room used follow (`TECHNIQUES`), and a consensus of several rooms adds
#: "disagreements".
SHEETS = ("touchpoints", "pain_points", "opportunities", "priorities", "actions",
          "sources", "personas", "backstage", "review", "goals")
#: What a person reads as each sheet's name (CSV files keep the plain key as file name),
#: in English; a workbook's sheets are named in the language spoken (`sheet_titles`).
SHEET_TITLES = {"touchpoints": N_("Touchpoints"), "pain_points": N_("Pain points"),
                "opportunities": N_("Opportunities"), "priorities": N_("Priorities"),
                "actions": N_("Actions"), "sources": N_("Evidence"), "personas": N_("Personas"),
                "backstage": N_("Backstage"), "review": N_("Review comments"),
                "goals": N_("Goals"), "empathy_maps": N_("Empathy maps"),
                "mindsets": N_("Mindsets"), "moments": N_("Moments of truth"),
                "orientation": N_("Customer orientation"), "experiments": N_("Experiments"),
                "disagreements": N_("Disagreements")}
DISAGREEMENT_COLUMNS = [N_("Disagreement"), N_("Item"), N_("Where"), N_("Rooms"),
                        N_("Not named by"), N_("Spread"), N_("In words")]
#: Every column header of the tables, as written in English below; a table's headers are
#: read in the language spoken when it is made (`all_tables`), its values keep their
#: machine-readable form (numbers, ISO dates, true/false).
HEADERS = (
    N_("Touchpoint"), N_("Stage"), N_("Channel"), N_("Kind"), N_("Owner"), N_("Feeling"),
    N_("Ratings"), N_("Persona"), N_("Added by"), N_("Role"), N_("Detail"), N_("Evidence"),
    N_("Impact"), N_("Effort"), N_("Rank"), N_("Item"), N_("Dots"), N_("Quadrant"),
    N_("Tie broken by"), N_("Action"), N_("Answers"), N_("Function"), N_("Start"), N_("Due"),
    N_("Status"), N_("Overdue"), N_("Goals"), N_("Volunteers"), N_("Experiment"),
    N_("Hypothesis"), N_("Measured by"), N_("Result"), N_("Decision"), N_("Source"),
    N_("Responses"), N_("Period"), N_("Where"), N_("Note"), N_("Agreed"), N_("Segment"),
    N_("Background"), N_("Needs"), N_("Frustrations"), N_("Channels"), N_("Quote"),
    N_("Drafted by"), N_("Process"), N_("Description"), N_("Comment"), N_("On"),
    N_("Proposed wording"), N_("Goal"), N_("The vision"), N_("Says"), N_("Thinks"),
    N_("Does"), N_("Feels"), N_("Hears"), N_("Pains"), N_("Gains"), N_("Mindset"),
    N_("Where it is seen"), N_("What would help instead"), N_("Customer's task"),
    N_("How long"), N_("What decides it"), N_("Functions involved"), N_("Area"),
    N_("Score (1-5)"), *DISAGREEMENT_COLUMNS)
#: Headers that mean something else as a column than as a word elsewhere ("Start" the
#: date, not the button): read in the catalogue's context "column".
IN_CONTEXT = (NC_("column", "Start"), NC_("column", "Note"))


def header(name: str) -> str:
    """A column's header in the language spoken."""
    return pgettext("column", name) if name in IN_CONTEXT else _(name)


def sheet_titles() -> dict[str, str]:
    """Each sheet's name in the language spoken."""
    return {key: _(title) for key, title in SHEET_TITLES.items()}


def _stage_of(workshop: Workshop) -> dict[str, str]:
    stages = {s.id: s.name for s in workshop.stages}
    return {t.id: stages.get(t.stage_id or "", "") for t in workshop.touchpoints}


def _frame(rows: Sequence[Mapping[str, object]], columns: list[str]) -> pd.DataFrame:
    return pd.DataFrame(rows, columns=columns)


#: Who added an entry: the name, and beside it the role, drawn from the author's id (a
#: participant's name can never fill "Role"; names that read as roles are refused).
ADDED_BY = ["Added by", "Role"]


def _added_by(workshop: Workshop, author: str) -> dict[str, str]:
    who = J.author_of(workshop, author)
    # a role stands in for a name ("Facilitator"): said in the language spoken
    name = _(who.name) if who.name in ROLE_LABELS.values() else who.name
    return {"Added by": name, "Role": who.role_word}


def touchpoints(workshop: Workshop, persona_id: str | None) -> pd.DataFrame:
    """Every touchpoint, placed ones in journey order, with the room's average feeling
    and how many people rated it, for the persona the map is drawn for."""
    persona = J.map_persona(workshop, persona_id)
    stats = J.emotion_stats(workshop, persona.id if persona else None)
    stage = _stage_of(workshop)
    rows = [{"Touchpoint": t.name, "Stage": stage[t.id],
             "Channel": L.label(L.CHANNEL, t.channel), "Kind": L.label(L.MEDIUM, t.medium),
             "Owner": L.label(L.FUNCTION, t.owner),
             "Feeling": round(stats[t.id].mean, 2) if t.id in stats else None,
             "Ratings": stats[t.id].n if t.id in stats else 0,
             "Persona": persona.name if persona else "",
             **_added_by(workshop, t.created_by)}
            for t in [*J.journey_touchpoints(workshop), *J.unplaced(workshop)]]
    return _frame(rows, ["Touchpoint", "Stage", "Channel", "Kind", "Owner", "Feeling",
                         "Ratings", "Persona", *ADDED_BY])


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


def _lines(items: list[str]) -> str:
    """Several entries of one field in one cell, one a line (the workbook wraps them)."""
    return "\n".join(items)


def sources(workshop: Workshop) -> pd.DataFrame:
    """Step 2: the evidence the map rests on, with how many responses each holds."""
    rows = [{"Source": s.name, "Kind": L.word(s.kind), "Responses": s.rows,
             "Period": s.period, "Where": s.location, "Note": s.note}
            for s in workshop.sources]
    return _frame(rows, ["Source", "Kind", "Responses", "Period", "Where", "Note"])


def personas(workshop: Workshop) -> pd.DataFrame:
    """Step 3: agreed personas first, then the groups' drafts they were built from."""
    ordered = [*J.agreed_personas(workshop), *J.drafts(workshop)]
    rows = [{"Persona": p.name, "Agreed": p.agreed, "Segment": p.segment, "Role": p.role,
             "Background": p.background, "Goals": _lines(p.goals), "Needs": _lines(p.needs),
             "Frustrations": _lines(p.frustrations),
             "Channels": ", ".join(L.label(L.CHANNEL, c) for c in p.channels),
             "Quote": p.quote, "Drafted by": p.group}
            for p in ordered]
    return _frame(rows, ["Persona", "Agreed", "Segment", "Role", "Background", "Goals",
                         "Needs", "Frustrations", "Channels", "Quote", "Drafted by"])


def backstage(workshop: Workshop) -> pd.DataFrame:
    """Step 9: the processes below the line of visibility, with their owners."""
    names = {t.id: t.name for t in workshop.touchpoints}
    stage = _stage_of(workshop)
    rows = [{"Process": b.name, "Touchpoint": names.get(b.touchpoint_id, ""),
             "Stage": stage.get(b.touchpoint_id, ""), "Owner": L.label(L.FUNCTION, b.owner),
             "Description": b.description, **_added_by(workshop, b.created_by)}
            for b in workshop.backstage]
    return _frame(rows, ["Process", "Touchpoint", "Stage", "Owner", "Description",
                         *ADDED_BY])


def review(workshop: Workshop) -> pd.DataFrame:
    """Step 11: the review's comments, on which element, with proposed wording."""
    elements = J.element_index(workshop)
    rows = [{"Comment": c.text, "On": elements[c.target_id].title
             if c.target_id in elements else _("(an element since removed)"),
             "Proposed wording": c.proposed, "Status": L.word(c.status),
             **_added_by(workshop, c.created_by)}
            for c in workshop.comments]
    return _frame(rows, ["Comment", "On", "Proposed wording", "Status", *ADDED_BY])


def goals(workshop: Workshop) -> pd.DataFrame:
    """Step 15: the vision first, then the goals, each with how it is measured."""
    ordered = sorted(workshop.goals, key=lambda g: not g.is_vision)
    rows = [{"Goal": g.title, "The vision": g.is_vision, "Measured by": g.kpi}
            for g in ordered]
    return _frame(rows, ["Goal", "The vision", "Measured by"])


def empathy_maps(workshop: Workshop) -> pd.DataFrame:
    names = {p.id: p.name for p in workshop.personas}
    fields = ("says", "thinks", "does", "feels", "hears", "needs", "pains", "gains",
              "evidence")
    rows = [{"Persona": names.get(m.persona_id, ""),
             **{f.capitalize(): _lines(getattr(m, f)) for f in fields}}
            for m in workshop.empathy_maps]
    return _frame(rows, ["Persona", *(f.capitalize() for f in fields)])


def mindsets(workshop: Workshop) -> pd.DataFrame:
    rows = [{"Mindset": L.word(r.mindset), "Where it is seen": r.seen,
             "What would help instead": r.instead} for r in workshop.reflections]
    return _frame(rows, ["Mindset", "Where it is seen", "What would help instead"])


def moments(workshop: Workshop) -> pd.DataFrame:
    stage = {s.id: s.name for s in workshop.stages}
    rows = [{"Stage": stage.get(m.stage_id, ""), "Customer's task": m.task,
             "Channels": ", ".join(L.label(L.CHANNEL, c) for c in m.channels),
             "How long": m.duration, "What decides it": m.decides,
             "Functions involved": ", ".join(L.label(L.FUNCTION, f) for f in m.involved)}
            for m in workshop.moments]
    return _frame(rows, ["Stage", "Customer's task", "Channels", "How long",
                         "What decides it", "Functions involved"])


def orientation(workshop: Workshop) -> pd.DataFrame:
    """The customer-orientation diagnosis per function and area, weakest first."""
    answers = pgettext("count", "Answers")  # how many, not what an action answers
    rows = [{"Function": L.label(L.FUNCTION, x.function), "Area": _(x.area),
             "Score (1-5)": round(x.mean, 2), answers: x.answers}
            for x in by_function(list(workshop.diagnosis))]
    return _frame(rows, ["Function", "Area", "Score (1-5)", answers])


#: Each companion technique's table, and the collection whose entries fill it: written
#: when the room used the technique, as the report lists them (`summary.techniques`).
TECHNIQUES = {"empathy_maps": (empathy_maps, "empathy_maps"),
              "mindsets": (mindsets, "reflections"), "moments": (moments, "moments"),
              "orientation": (orientation, "diagnosis"),
              "experiments": (experiments, "experiments")}


def disagreements(workshop: Workshop, persona_id: str | None) -> pd.DataFrame:
    """Where the rooms of a consensus disagree, one row each, in the order the report
    lists them: named by only some rooms, feelings more than a step apart, pain points
    one function raised. "In words" is the report's own sentence for the row."""
    found = find_disagreements(workshop, persona_id)
    words = dict(found.sections())
    named, felt, lone = (words[h] for h in list(words)[:3])
    rows: list[dict[str, Any]] = [{"Disagreement": _("Named by only some rooms"),
             "Item": p.name, "Where": p.stage or _("(a stage)"), "Rooms": ", ".join(p.named_by),
             "Not named by": ", ".join(p.missing), "Spread": None, "In words": line}
            for p, line in zip(found.partial, named, strict=True)]
    rows += [{"Disagreement": _("Feelings apart"), "Item": d.name, "Where": d.stage,
              "Rooms": ", ".join(f"{room} {mean:+.1f}" for room, mean in d.by_room),
              "Not named by": "", "Spread": d.spread, "In words": line}
             for d, line in zip(found.disputed, felt, strict=True)]
    rows += [{"Disagreement": _("One function only"), "Item": p.text, "Where": p.touchpoint,
              "Rooms": ", ".join(p.rooms), "Not named by": "", "Spread": None,
              "In words": line}
             for p, line in zip(found.lone, lone, strict=True)]
    return _frame(rows, DISAGREEMENT_COLUMNS)


def all_tables(workshop: Workshop, persona_id: str | None = None,
               today: dt.date | None = None) -> dict[str, pd.DataFrame]:
    """Every table of the export, by sheet key, in the order they are written: the
    steps' tables always, a technique's only when the room used it, the rooms'
    disagreements only for a consensus of several rooms."""
    today = today or dt.date.today()
    tables = {"touchpoints": touchpoints(workshop, persona_id),
              "pain_points": _items(workshop, "pain_points"),
              "opportunities": _items(workshop, "opportunities"),
              "priorities": priorities(workshop), "actions": actions(workshop, today),
              "sources": sources(workshop), "personas": personas(workshop),
              "backstage": backstage(workshop), "review": review(workshop),
              "goals": goals(workshop)}
    for key, (table, collection) in TECHNIQUES.items():
        if getattr(workshop, collection):
            tables[key] = table(workshop)
    if workshop.consensus is not None:
        tables["disagreements"] = disagreements(workshop, persona_id)
    return {key: frame.rename(columns=header) for key, frame in tables.items()}


def xlsx_bytes(tables: dict[str, pd.DataFrame]) -> bytes:
    """One workbook, one sheet per table, laid out to be read (`inert.xlsx_bytes`): the
    header row frozen, columns as wide as their contents (up to a limit), long texts
    wrapped; every text a string cell, never a formula."""
    return inert.xlsx_bytes(tables, sheet_titles())


def csv_files(tables: dict[str, pd.DataFrame]) -> dict[str, bytes]:
    """File name -> CSV bytes (UTF-8 with BOM, so spreadsheet programs read accents),
    text that a spreadsheet would run guarded with a leading `'` (`inert.csv_bytes`)."""
    return {f"{name}.csv": inert.csv_bytes(frame) for name, frame in tables.items()}


def read_back(path: Path) -> dict[str, pd.DataFrame]:
    """The tables of a written XLSX (or CSV folder) by sheet key, as pandas reads them."""
    if path.is_dir():
        return {p.stem: pd.read_csv(p, encoding="utf-8-sig") for p in sorted(path.glob("*.csv"))}
    keys = {translations(code).gettext(title): key for code in LANGUAGES
            for key, title in SHEET_TITLES.items()}
    return {keys.get(name, name): frame
            for name, frame in pd.read_excel(path, sheet_name=None).items()}
