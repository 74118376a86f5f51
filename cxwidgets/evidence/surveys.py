"""surveys: the native exports of survey and support tools, recognised by their layout.

Analysts most often bring a survey tool's own export, not a tidy table. Each tool lays its
file out its own way, as its documentation and sample files show:

* **Qualtrics** CSV: three header rows (question ids such as `Q1`, the question text,
  ImportId JSON); `ResponseId`; `Finished`, `Progress`; `Status` marks survey previews,
  tests and spam; `Q1_NPS_GROUP` is derived from the NPS question; `Duration (in seconds)`,
  `IPAddress`, `LocationLatitude` ... describe the response, not the customer's view.
* **SurveyMonkey**: two header rows (the question, then the answer option or "Response";
  a question's other options leave the first row empty); `Respondent ID`, `Collector ID`.
* **Google Forms**: `Timestamp`, then each column named with its whole question.
* **Typeform**: `#` or `Response ID`, questions, `Start Date (UTC)`, `Submit Date (UTC)`
  (empty for a response never submitted), `Network ID`, `Tags`.
* **Zendesk** satisfaction export: `Ticket ID`, a satisfaction rating of good / bad (or
  offered: asked, never answered) and a comment. **Freshdesk**: `Ticket ID` and a rating
  in words (Extremely happy ... Extremely unhappy).

A recognised export is read with the question text as each column's label (what the
guess reads), its metadata columns listed so no guess maps them as feedback, and its
unfinished, preview, test, spam and unanswered responses set apart with their reasons:
they are counted in the report, not checked as feedback. Rows keep their numbers from
the first response (row 1). Pure: works on the table a reader returned.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, replace

import pandas as pd

from cxwidgets.evidence.rawfile import TEXT, RawTable

#: Columns that describe a response (when, from where, how long), never what the
#: customer said, in any export.
METADATA = re.compile(r"(?i)^(ip ?address|ipaddress|location ?(latitude|longitude)|latitude|"
                      r"longitude|lat|lng|lon|duration.*|user ?agent|browser.*|operating "
                      r"system|screen ?resolution|collector ?id|network ?id|recipient.*|"
                      r"external ?(data ?)?reference|distribution ?channel|user ?language|"
                      r"q_.*|.*_nps_group|.*_do_.*|start ?date.*|stage ?date.*|progress|"
                      r"finished|status|email ?address|first ?name|last ?name|"
                      r"custom ?data ?\d*|tags|ending|response ?type|device.*)$")


@dataclass(frozen=True)
class Layout:
    """One tool's export: how to recognise it and how to read it."""

    name: str
    recognise: Callable[[pd.DataFrame], bool]
    adapt: Callable[[RawTable], RawTable]


LAYOUTS: list[Layout] = []


def register(layout: Layout) -> Layout:
    LAYOUTS.append(layout)
    return layout


def recognised(raw: RawTable) -> RawTable:
    """The table read as its tool's export, when one recognises it; else as it was."""
    for layout in LAYOUTS:
        if len(raw.frame.columns) and layout.recognise(raw.frame):
            return layout.adapt(raw)
    return raw


def _has(frame: pd.DataFrame, *names: str) -> bool:
    columns = {c.casefold() for c in frame.columns}
    return all(n.casefold() in columns for n in names)


def _column(frame: pd.DataFrame, name: str) -> str | None:
    return next((c for c in frame.columns if c.casefold() == name.casefold()), None)


def _metadata(frame: pd.DataFrame, keep: tuple[str, ...] = ()) -> list[str]:
    return [c for c in frame.columns if METADATA.match(c.strip()) and c not in keep]


def _drop_header_rows(raw: RawTable, rows: int) -> pd.DataFrame:
    frame = raw.frame.iloc[rows:].copy()
    frame.index = pd.RangeIndex(1, len(frame) + 1, name="row")
    return frame


def _apart(frame: pd.DataFrame, reasons: list[tuple[pd.Series, str]]) -> pd.Series:
    """Each row's reason to be set apart (the first that applies), NA to keep it."""
    out = pd.Series(pd.NA, index=frame.index, dtype="string")
    for mask, reason in reasons:
        out = out.mask(mask.fillna(False).to_numpy() & out.isna().to_numpy(), reason)
    return out


def _said(raw: RawTable, name: str, what: str) -> list[str]:
    return [*raw.notes, f"{raw.name} is read as a {name} export: {what}"]


# -- Qualtrics ---------------------------------------------------------------------------

_QUALTRICS = ("ResponseId", "Finished")
_PREVIEW = re.compile(r"(?i)preview|test|spam|^(?:1|2|8|9|16)$")


def _is_qualtrics(frame: pd.DataFrame) -> bool:
    id_ = _column(frame, "ResponseId") or _column(frame, "ResponseID")
    return bool(id_) and (_has(frame, "Finished") or _has(frame, "Progress")) and len(
        frame) >= 1


def _qualtrics(raw: RawTable) -> RawTable:
    frame = raw.frame
    id_ = _column(frame, "ResponseId") or _column(frame, "ResponseID") or ""
    first = frame.iloc[0] if len(frame) else pd.Series(dtype="string")
    texts = str(first.get(id_, "")).casefold() in ("response id", "responseid")
    skip = 1 if texts else 0
    if len(frame) > skip and str(frame.iloc[skip].get(id_, "")).startswith('{"ImportId"'):
        skip += 1
    labels = {c: str(first[c]) for c in frame.columns
              if texts and pd.notna(first[c]) and str(first[c]) != c}
    body = _drop_header_rows(raw, skip)
    reasons = []
    status = _column(body, "Status") or _column(body, "ResponseType")
    if status:
        reasons.append((body[status].str.contains(_PREVIEW), "survey preview, test or spam "
                                                             f"({status})"))
    finished = _column(body, "Finished")
    if finished:
        reasons.append((body[finished].str.casefold().isin(["false", "0"]),
                        f"unfinished response ({finished})"))
    elif _column(body, "Progress"):
        progress = pd.to_numeric(body[_column(body, "Progress")], errors="coerce")
        reasons.append((progress < 100, "unfinished response (Progress)"))
    keep = (id_, _column(body, "RecordedDate") or "", _column(body, "EndDate") or "")
    return replace(raw, frame=body, layout="Qualtrics", labels=labels,
                   metadata=_metadata(body, keep), set_apart=_apart(body, reasons),
                   notes=_said(raw, "Qualtrics", f"{skip} header row(s) under the first "
                               "hold the question text and import ids; row 1 is the first "
                               "response"))


# -- SurveyMonkey ------------------------------------------------------------------------


def _is_surveymonkey(frame: pd.DataFrame) -> bool:
    return _has(frame, "Respondent ID") and len(frame) >= 1


def _surveymonkey(raw: RawTable) -> RawTable:
    frame = raw.frame
    options = frame.iloc[0]
    names: list[str] = []
    labels: dict[str, str] = {}
    question = ""
    for column in frame.columns:
        blank = re.fullmatch(r"column \d+", column) is not None
        question = question if blank else column
        option = options[column] if pd.notna(options[column]) else ""
        plain = option in ("", "Response", "Open-Ended Response")
        name = question if plain else f"{question} - {option}"
        if name in names:
            name = f"{name} ({len(names) + 1})"
        names.append(name)
        labels[name] = question if plain else f"{question} {option}"
    body = _drop_header_rows(raw, 1)
    body.columns = names
    return replace(raw, frame=body, layout="SurveyMonkey", labels=labels,
                   metadata=_metadata(body, ("End Date",)), set_apart=_apart(body, []),
                   notes=_said(raw, "SurveyMonkey", "the row under the header holds the "
                               "answer options; row 1 is the first response"))


# -- Google Forms and Typeform -------------------------------------------------------------


def _is_google_forms(frame: pd.DataFrame) -> bool:
    return frame.columns[0] == "Timestamp" and any(
        c.endswith("?") or len(c) > 30 for c in frame.columns[1:])


def _google_forms(raw: RawTable) -> RawTable:
    frame = raw.frame
    metadata = [c for c in frame.columns if c in ("Email Address", "Score")]
    return replace(raw, layout="Google Forms", labels={}, metadata=metadata,
                   set_apart=_apart(frame, []),
                   notes=_said(raw, "Google Forms", "each column is named with its whole "
                               "question"))


def _is_typeform(frame: pd.DataFrame) -> bool:
    return _has(frame, "Submit Date (UTC)") and (_has(frame, "Network ID")
                                                 or _has(frame, "#"))


def _typeform(raw: RawTable) -> RawTable:
    frame = raw.frame
    reasons = [(frame["Submit Date (UTC)"].isna() if "Submit Date (UTC)" in frame
                else pd.Series(False, index=frame.index),
                "unfinished response (no Submit Date)")]
    return replace(raw, layout="Typeform", labels={"#": "Response id"},
                   metadata=_metadata(frame, ("#", "Submit Date (UTC)")),
                   set_apart=_apart(frame, reasons),
                   notes=_said(raw, "Typeform", "responses without a Submit Date were "
                               "never submitted"))


# -- Zendesk and Freshdesk -----------------------------------------------------------------

_ZENDESK_VALUES = {"good", "bad", "offered", "unoffered", "good with comment",
                   "bad with comment"}
_UNANSWERED = {"offered", "unoffered", "not offered", "not rated"}
#: Freshdesk's satisfaction answers, on a 1-5 (or 1-3) scale.
FRESHDESK = {"extremely happy": "5", "very happy": "4", "happy": "4", "neutral": "3",
             "unhappy": "2", "very unhappy": "2", "extremely unhappy": "1"}


def _rating_column(frame: pd.DataFrame, values: set[str]) -> str | None:
    column: str
    for column in frame.columns:
        if not re.search(r"(?i)satisf|rating|score", column):
            continue
        seen = set(frame[column].dropna().str.casefold().str.strip().unique()[:50])
        if seen and seen <= values:
            return column
    return None


def _is_zendesk(frame: pd.DataFrame) -> bool:
    return _has(frame, "Ticket ID") and _rating_column(frame, _ZENDESK_VALUES) is not None


def _zendesk(raw: RawTable) -> RawTable:
    frame = raw.frame.copy()
    rating = _rating_column(frame, _ZENDESK_VALUES) or ""
    said = frame[rating].str.casefold().str.strip()
    frame[rating] = said.str.replace(" with comment", "", regex=False).astype(TEXT)
    reasons = [(said.isin(_UNANSWERED), f"survey offered, not answered ({rating})")]
    return replace(raw, frame=frame, layout="Zendesk", labels={},
                   metadata=_metadata(frame), set_apart=_apart(frame, reasons),
                   notes=_said(raw, "Zendesk satisfaction", f"'{rating}' is good or bad; "
                               "surveys offered and never answered are set apart"))


def _is_freshdesk(frame: pd.DataFrame) -> bool:
    return _has(frame, "Ticket ID") and _rating_column(frame, set(FRESHDESK)) is not None


def _freshdesk(raw: RawTable) -> RawTable:
    frame = raw.frame.copy()
    rating = _rating_column(frame, set(FRESHDESK)) or ""
    frame[rating] = frame[rating].str.casefold().str.strip().map(FRESHDESK).astype(TEXT)
    return replace(raw, frame=frame, layout="Freshdesk", labels={rating: "satisfaction"},
                   metadata=_metadata(frame), set_apart=_apart(frame, []),
                   notes=_said(raw, "Freshdesk satisfaction", f"'{rating}' in words is read "
                               "on a 1-5 scale (extremely unhappy 1 ... extremely happy 5)"))


register(Layout("Qualtrics", _is_qualtrics, _qualtrics))
register(Layout("SurveyMonkey", _is_surveymonkey, _surveymonkey))
register(Layout("Typeform", _is_typeform, _typeform))
register(Layout("Zendesk", _is_zendesk, _zendesk))
register(Layout("Freshdesk", _is_freshdesk, _freshdesk))
register(Layout("Google Forms", _is_google_forms, _google_forms))
