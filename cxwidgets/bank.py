"""The bank of journeys as a web page: one card per segment and product.

`write_index` writes `index.html` beside the run folders: each card has the draft map's
thumbnail, the headline figures, and links to the executed notebook, the exports and the
run's log; a failed run shows what failed instead. The page is static, offline and safe
to open from disk or any file share; every value on it is escaped.
"""

from __future__ import annotations

import datetime as dt
import html
import math
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from cxwidgets.batch import FAILED, LOG, NOTEBOOK, SKIPPED, RunResult

#: Exports a run may leave, in the order their links are shown.
EXPORTS = (("map.png", "Map (PNG)"), ("map.svg", "Map (SVG)"),
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
"""


def _number(value: Any, fmt: str) -> str:
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return "-"
    return format(value, fmt)


def _figures(summary: dict[str, Any]) -> str:
    items = [("Feedback", _number(summary.get("rows"), ",")),
             ("Score index", _number(summary.get("score_index"), ".0f")),
             ("NPS", _number(summary.get("nps"), "+.0f")),
             ("Negative", _number(summary.get("negative_share"), ".0%")),
             ("Hurts most", html.escape(str(summary.get("worst_touchpoint") or "-")))]
    return "<div class='figures'>" + "".join(
        f"<div><span class='label'>{k}</span><br><b>{v}</b></div>" for k, v in items) + "</div>"


def _card(result: RunResult, root: Path) -> str:
    rel = result.folder.relative_to(root).as_posix()
    title = (f"{html.escape(result.job.segment)} · {html.escape(result.job.product)}")
    links = [(NOTEBOOK, "Notebook")] + [e for e in EXPORTS if (result.folder / e[0]).exists()]
    links.append((LOG, "Log"))
    anchors = " ".join(f"<a href='{html.escape(rel)}/{name}'>{label}</a>"
                       for name, label in links if (result.folder / name).exists())
    badge = {FAILED: "failed", SKIPPED: "up to date"}.get(result.status,
                                                          f"{result.seconds:.0f} s")
    if result.status == FAILED:
        body = f"<p class='error'>{html.escape(result.error)}</p>"
    else:
        thumb = (f"<img src='{html.escape(rel)}/map.png' alt='Journey map for {title}'>"
                 if (result.folder / "map.png").exists() else "")
        body = thumb + _figures(result.summary)
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
        f"<div class='cards'>{cards}</div></body></html>\n")
    path = output_dir / "index.html"
    tmp = path.with_suffix(".tmp")
    tmp.write_text(page, encoding="utf-8")
    tmp.replace(path)
    return path
