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
import html
import math
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

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


def _figures(summary: dict[str, Any]) -> str:
    """The headline figures, each with what it counts (on hover, the whole sentence)."""
    scored = _number(summary.get("scored"), ",")
    items = [
        ("Responses", _number(summary.get("responses"), ","), "",
         "Rows of the feedback files behind this report: a survey response, a review, a "
         "support ticket, a post (what step 2 lists for a source)"),
        ("Answers", _number(summary.get("rows"), ","), "",
         "One per question a response answered, and per comment: what the shares below "
         "are counted over"),
        ("Score index", _number(summary.get("score_index"), ".0f"), "/100",
         f"Every score, star rating and NPS answer put on one scale, 0 the worst answer "
         f"and 100 the best, averaged over {scored} scored answers"),
        ("NPS", _number(summary.get("nps"), "+.0f"), "",
         f"Promoters minus detractors, in points, of "
         f"{_number(summary.get('nps_answers'), ',')} answers to the recommend question"),
        ("Negative", _number(summary.get("negative_share"), ".0%"), " of answers",
         "Answers whose sentiment is negative (from the file's labels, the score or the "
         "text)"),
        ("Hurts most", html.escape(str(summary.get("worst_touchpoint") or "-")), "",
         "The touchpoint with the lowest score index among those with enough answers")]
    return "<div class='figures'>" + "".join(
        f"<div title='{html.escape(why)}'><span class='label'>{k}</span><br><b>{v}</b>"
        f"<span class='unit'>{unit}</span></div>" for k, v, unit, why in items) + "</div>"


#: The score index in words, once at the top of the page (each card's figure repeats it on
#: hover with the number of answers behind it).
SCORE_INDEX = ("Score index: every score, star rating and NPS answer put on one scale from 0 "
               "(the worst answer) to 100 (the best), averaged. NPS: promoters minus "
               "detractors, in points.")


def _evidence_line(results: Sequence[RunResult]) -> str:
    """What the evidence folder holds, in step 2's units, when every report read the same."""
    read = [r.summary["evidence"] for r in results if r.summary.get("evidence")]
    if not read or any(ev != read[0] for ev in read):
        return ""
    ev = read[0]
    rejected = ev["rows_read"] - ev["responses"]
    return (f"<p class='evidence'>Evidence: {ev['rows_read']:,} rows in {ev['files']} files "
            f"(as step 2 lists them): {ev['responses']:,} responses accepted, {rejected:,} "
            "rejected. Each card counts the responses of its segment and product, and the "
            "answers in them.</p>")


def _doubts(summary: dict[str, Any], width: int = 160) -> str:
    """What the report says to check before trusting it, shown on its card: the first
    sentence of each point (the whole of it on hover)."""
    said = [str(w) for w in summary.get("warnings") or []]
    if not said:
        return ""
    firsts = [w.split(". ", 1)[0].rstrip(".") + "." for w in said]
    short = [f if len(f) <= width else f[: f.rfind(" ", 0, width)] + " …" for f in firsts]
    items = "".join(f"<li title='{html.escape(w)}'>{html.escape(s)}</li>"
                    for w, s in zip(said, short, strict=True))
    return (f"<div class='doubts' role='note'><b>Check before you trust this report "
            f"({len(said)})</b><ul>{items}</ul></div>")


def _card(result: RunResult, root: Path) -> str:
    rel = result.folder.relative_to(root).as_posix()
    title = html.escape(result.job.title)
    links = [(NOTEBOOK, "Notebook")] + [e for e in EXPORTS if (result.folder / e[0]).exists()]
    links.append((LOG, "Log"))
    anchors = " ".join(f"<a href='{html.escape(rel)}/{name}'>{label}</a>"
                       for name, label in links if (result.folder / name).exists())
    badge = {FAILED: "failed", SKIPPED: "up to date"}.get(result.status,
                                                          f"{result.seconds:.0f} s")
    if result.status == FAILED:
        body = f"<p class='error'>{html.escape(result.error)}</p>"
    else:
        picture = formats.FORMATS["png"].bank_file
        thumb = (f"<img src='{html.escape(rel)}/{picture}' alt='Journey map for {title}'>"
                 if (result.folder / picture).exists() else "")
        body = _doubts(result.summary) + thumb + _figures(result.summary)
    css = "card failed" if result.status == FAILED else "card"
    return (f"<section class='{css}'><h2>{title} <span class='badge'>{badge}</span></h2>"
            f"{body}<p class='links'>{anchors}</p></section>")


def write_index(output_dir: Path, results: Sequence[RunResult]) -> Path:
    """Write `output_dir/index.html` for `results` and return its path."""
    done = sum(r.status != FAILED for r in results)
    when = dt.datetime.now().strftime("%d %b %Y %H:%M")
    cards = "".join(_card(r, output_dir) for r in results)
    page = (
        "<!DOCTYPE html><html lang='en'><head><meta charset='utf-8'>"
        "<meta name='viewport' content='width=device-width, initial-scale=1'>"
        f"<title>Bank of journeys</title><style>{CSS}</style></head><body>"
        "<h1>Bank of journeys</h1>"
        f"<p class='when'>{done} of {len(results)} reports ready · made {when}</p>"
        f"{_evidence_line(results)}<p class='evidence'>{SCORE_INDEX}</p>"
        f"<div class='cards'>{cards}</div></body></html>\n")
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
