"""The smaller charts of steps 2, 6, 12, 13, 14 and 15: checked as values (their specs)."""

import datetime as dt

from cxwidgets.charts.actions import action_timeline
from cxwidgets.charts.alignment import UNALIGNED, alignment_matrix
from cxwidgets.charts.emotions import emotion_curve, emotion_table
from cxwidgets.charts.evidence import source_volume
from cxwidgets.charts.priorities import priority_matrix
from cxwidgets.charts.versions import emotion_shift
from cxwidgets.method.diff import diff
from cxwidgets.method.plan import alignment
from cxwidgets.method.priorities import rank
from cxwidgets.sample import load_sample_history, load_sample_workshop

TODAY = dt.date(2026, 11, 25)


def rows(spec, field):
    return [r for data in spec["datasets"].values() for r in data if field in r]


def test_every_chart_of_the_sample_is_a_valid_spec():
    ws = load_sample_workshop()
    charts = [source_volume(ws), emotion_curve(ws), priority_matrix(rank(ws)),
              action_timeline(ws, TODAY), alignment_matrix(alignment(ws))]
    for chart in charts:
        spec = chart.to_dict()  # validates against the Vega-Lite schema
        assert spec["datasets"], chart


def test_emotion_curve_follows_the_journey_and_shows_the_spread():
    ws = load_sample_workshop()
    table = emotion_table(ws, None)
    spec = emotion_curve(ws).to_dict()
    layers = spec["layer"]
    assert [layer["mark"]["type"] for layer in layers] == ["rule", "rule", "line", "circle"]
    assert layers[1]["encoding"]["y2"]["field"] == "high"  # the spread bar
    x = layers[2]["encoding"]["x"]
    assert x["sort"] == list(table["touchpoint"])
    assert (table["low"] <= table["mean"]).all() and (table["mean"] <= table["high"]).all()


def test_priority_matrix_spreads_items_sharing_a_cell():
    ws = load_sample_workshop()
    ranked = rank(ws)
    spec = priority_matrix(ranked).to_dict()
    points = rows(spec, "rank")
    assert len(points) == sum(1 for r in ranked if r.quadrant)
    places = {(round(p["x"], 3), round(p["y"], 3)) for p in points}
    assert len(places) == len(points)  # no two labels on the same spot


def test_action_timeline_marks_overdue_and_today():
    ws = load_sample_workshop()
    spec = action_timeline(ws, TODAY).to_dict()
    shown = {r["action"]: r["shown"] for r in rows(spec, "shown")}
    overdue = {a.title for a in ws.actions if a.status.value not in ("done", "dropped")
               and a.due < TODAY}
    assert {a for a, s in shown.items() if s == "Overdue"} == overdue and overdue
    assert rows(spec, "today")[0]["today"] == "2026-11-25"
    # the status is written after each bar too, not only shown by its colour
    words = [layer for layer in spec["layer"] if layer["mark"]["type"] == "text"
             and layer["encoding"].get("text", {}).get("field") == "shown"]
    assert len(words) == 1 and words[0]["encoding"]["x"]["field"] == "due"


def test_alignment_matrix_marks_unaligned_rows():
    ws = load_sample_workshop()
    result = alignment(ws)
    spec = alignment_matrix(result).to_dict()
    unaligned = {r["item"] for r in rows(spec, "state") if r["state"] == UNALIGNED}
    assert unaligned == {f"{i.kind}: {i.text}" for i in result.unaligned} and unaligned


def test_emotion_shift_between_the_sample_versions():
    as_is, final = load_sample_history()
    d = diff(as_is, final)
    moved = [e for e in d.emotions if e.delta is not None]
    spec = emotion_shift(moved, "As-is", "After review").to_dict()
    assert {r["touchpoint"] for r in rows(spec, "delta")} == {e.label for e in moved}
