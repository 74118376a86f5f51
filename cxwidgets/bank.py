"""The bank of journeys: the maps a company keeps, and the reports made from them.

`bank_of` lists every workshop (every map) in a store with its state: how far the map
got, its named versions, when it is next to be reviewed (flagged when overdue), and the
actions still open or late - what `cxwidgets bank` prints. `write_index` writes the
`index.html` of a batch of segment reports: one card per segment and product with the
draft map's thumbnail, the headline figures and links to the executed notebook, exports
and log. Both are read-only views; the page is static, offline and escapes every value.

Every figure says what it counts, in the units of step 2: *responses* are rows of the
feedback files (a survey response, a review, a ticket: what step 2 lists for a source),
*answers* are what the scores and shares are counted over (one per question a response
answered). The page's head gives the evidence folder's own count, file rows read, which
for the sample is step 2's total.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from cxwidgets import pages
from cxwidgets.atomic import write_atomic
from cxwidgets.batch.results import FAILED, LOG, NOTEBOOK, SKIPPED, RunResult
from cxwidgets.export import formats
from cxwidgets.method import checks
from cxwidgets.method import views as J
from cxwidgets.method.model import Workshop
from cxwidgets.method.plan import CLOSED, is_overdue

#: Exports a run may leave, in the order their links are shown: the registry's bank
#: formats (the map's pictures, the deck), then the report's tables.
EXPORTS = (*((f.bank_file, f.short) for f in formats.in_bank()),
           ("metrics_touchpoints.csv", "Metrics by touchpoint"),
           ("metrics_stages.csv", "Metrics by stage"), ("quotes.csv", "Quotes"))

CSS = """
body { font-family: system-ui, sans-serif; margin: 2em; color: #1f2933; background: #f6f7f9; }
h1 { margin-bottom: 0.2em; } .when { color: #66717d; margin-top: 0; }
.cards { display: grid; grid-template-columns: repeat(auto-fill, minmax(320px, 1fr));
  gap: 1.2em; }
.card { background: white; border-radius: 10px; box-shadow: 0 1px 4px rgba(0,0,0,.12);
  padding: 1em; overflow-wrap: anywhere; }
.card img { width: 100%; border: 1px solid #e3e6ea; border-radius: 6px; }
.card h2 { font-size: 1.1em; margin: 0 0 0.4em; }
.figures { display: grid; grid-template-columns: 1fr 1fr; gap: 0.2em 1em; margin: 0.6em 0; }
.figures b { font-size: 1.2em; } .label { color: #66717d; font-size: 0.85em; }
.badge { font-size: 0.75em; padding: 0.1em 0.5em; border-radius: 8px; background: #e8eef5; }
.failed { border-left: 5px solid #c0392b; } .failed .badge { background: #fbe3e0; }
.error { color: #b00020; white-space: pre-wrap; font-family: monospace; font-size: 0.85em; }
.links a { margin-right: 0.8em; }
.unit { color: #66717d; font-size: 0.8em; font-weight: normal; }
.evidence { color: #3e4c59; margin-top: 0; }
.doubts { background: #fff6e0; border-left: 4px solid #d48a00; padding: 0.4em 0.7em;
  margin-bottom: 0.6em; font-size: 0.85em; } .doubts ul { margin: 0.3em 0 0; padding-left: 1.2em; }
"""


def _number(value: Any, fmt: str) -> str:
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return "-"
    return format(value, fmt)


@dataclass(frozen=True)
class Figure:
    """One headline figure of a card, with the sentence saying what it counts."""

    label: str
    value: str
    unit: str
    why: str


def _figures(summary: dict[str, Any]) -> list[Figure]:
    """The headline figures, each with what it counts (on hover, the whole sentence)."""
    scored = _number(summary.get("scored"), ",")
    return [
        Figure("Responses", _number(summary.get("responses"), ","), "",
               "Rows of the feedback files behind this report: a survey response, a "
               "review, a support ticket, a post (what step 2 lists for a source)"),
        Figure("Answers", _number(summary.get("rows"), ","), "",
               "One per question a response answered, and per comment: what the shares "
               "below are counted over"),
        Figure("Score index", _number(summary.get("score_index"), ".0f"), "/100",
               f"Every score, star rating and NPS answer put on one scale, 0 the worst "
               f"answer and 100 the best, averaged over {scored} scored answers"),
        Figure("NPS", _number(summary.get("nps"), "+.0f"), "",
               f"Promoters minus detractors, in points, of "
               f"{_number(summary.get('nps_answers'), ',')} answers to the recommend "
               f"question"),
        Figure("Negative", _number(summary.get("negative_share"), ".0%"), " of answers",
               "Answers whose sentiment is negative (from the file's labels, the score or "
               "the text)"),
        Figure("Hurts most", str(summary.get("worst_touchpoint") or "-"), "",
               "The touchpoint with the lowest score index among those with enough "
               "answers")]


#: The score index in words, once at the top of the page (each card's figure repeats it on
#: hover with the number of answers behind it).
SCORE_INDEX = ("Score index: every score, star rating and NPS answer put on one scale from 0 "
               "(the worst answer) to 100 (the best), averaged. NPS: promoters minus "
               "detractors, in points.")


def _evidence(results: Sequence[RunResult]) -> dict[str, int] | None:
    """What the evidence folder holds, in step 2's units, when every report read the same."""
    read = [r.summary["evidence"] for r in results if r.summary.get("evidence")]
    if not read or any(ev != read[0] for ev in read):
        return None
    ev = read[0]
    return {"rows_read": ev["rows_read"], "files": ev["files"],
            "responses": ev["responses"], "rejected": ev["rows_read"] - ev["responses"]}


def _doubts(summary: dict[str, Any], width: int = 160) -> list[tuple[str, str]]:
    """What the report says to check before trusting it, shown on its card: the first
    sentence of each point, with the whole of it (shown on hover)."""
    said = [str(w) for w in summary.get("warnings") or []]
    firsts = [w.split(". ", 1)[0].rstrip(".") + "." for w in said]
    short = [f if len(f) <= width else f[: f.rfind(" ", 0, width)] + " …" for f in firsts]
    return list(zip(said, short, strict=True))


@dataclass(frozen=True)
class Card:
    """One segment report as its card shows it."""

    title: str
    badge: str
    failed: bool
    error: str
    doubts: list[tuple[str, str]]
    picture: str
    figures: list[Figure]
    links: list[tuple[str, str]]


def _card(result: RunResult, root: Path) -> Card:
    rel = result.folder.relative_to(root).as_posix()
    named = [(NOTEBOOK, "Notebook"), *(e for e in EXPORTS), (LOG, "Log")]
    links = [(f"{rel}/{name}", label) for name, label in named
             if (result.folder / name).exists()]
    badge = {FAILED: "failed", SKIPPED: "up to date"}.get(result.status,
                                                          f"{result.seconds:.0f} s")
    failed = result.status == FAILED
    picture = formats.FORMATS["png"].bank_file
    return Card(
        title=result.job.title, badge=badge, failed=failed, error=result.error or "",
        doubts=[] if failed else _doubts(result.summary),
        picture=f"{rel}/{picture}" if not failed and (result.folder / picture).exists()
        else "",
        figures=[] if failed else _figures(result.summary), links=links)


def write_index(output_dir: Path, results: Sequence[RunResult]) -> Path:
    """Write `output_dir/index.html` for `results` and return its path."""
    page = pages.render(
        "bank_index.html.j2", style=CSS, score_index=SCORE_INDEX,
        done=sum(r.status != FAILED for r in results), total=len(results),
        when=dt.datetime.now().strftime("%d %b %Y %H:%M"), evidence=_evidence(results),
        cards=[_card(r, output_dir) for r in results])
    return write_atomic(output_dir / "index.html", page)


@dataclass(frozen=True)
class MapStatus:
    """One map of the bank and how alive it is."""

    id: str
    title: str
    join_code: str
    touchpoints: int
    versions: tuple[str, ...]
    next_review: dt.date | None
    review_overdue_days: int
    open_actions: int
    late_actions: int

    @property
    def state(self) -> str:
        if self.review_overdue_days > 0:
            return "review overdue"
        if not self.touchpoints:
            return "not mapped yet"
        return "kept up to date" if self.next_review else "no review planned"


def map_status(workshop: Workshop, join_code: str, today: dt.date) -> MapStatus:
    review = checks.review(workshop, today)
    return MapStatus(
        workshop.id, workshop.title, join_code, len(J.journey_touchpoints(workshop)),
        tuple(v.name for v in workshop.versions), review.due, review.days_overdue,
        sum(a.status not in CLOSED for a in workshop.actions),
        sum(is_overdue(a, today) for a in workshop.actions))


def bank_of(store: Any, today: dt.date | None = None) -> list[MapStatus]:
    """Every map in the store, overdue reviews first, then by title."""
    today = today or dt.date.today()
    rows = [map_status(store.state(info.id), info.join_code, today)
            for info in store.list_workshops()]
    return sorted(rows, key=lambda r: (-r.review_overdue_days, r.title.casefold()))


def bank_text(rows: Sequence[MapStatus]) -> str:
    """The bank as a plain-text table for the terminal."""
    if not rows:
        return "No maps in this store yet: create one with `cxwidgets new`."
    lines = [f"{'Map':<40} {'Code':<7} {'State':<18} {'Next review':<12} {'Versions':>8} "
             f"{'Open':>5} {'Late':>5}"]
    for r in rows:
        review = r.next_review.isoformat() if r.next_review else "-"
        if r.review_overdue_days:
            review += f" (+{r.review_overdue_days}d)"
        lines.append(f"{r.title[:40]:<40} {r.join_code:<7} {r.state:<18} {review:<12} "
                     f"{len(r.versions):>8} {r.open_actions:>5} {r.late_actions:>5}")
    return "\n".join(lines)
