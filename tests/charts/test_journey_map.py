"""The journey map chart, asserted on its Vega-Lite spec (`chart.to_dict()`), not on pixels."""

from __future__ import annotations

import importlib
import json
import re
from collections.abc import Iterator
from typing import Any

import pytest

from cxwidgets.charts import journey_map
from cxwidgets.charts import palette as pal
from cxwidgets.exceptions import InvalidInput
from cxwidgets.method.model import (
    BackstageProcess,
    Channel,
    Emotion,
    Function,
    Opportunity,
    PainPoint,
    Stage,
    Touchpoint,
    Vote,
    VoteKind,
    Workshop,
)
from cxwidgets.synthetic import synthetic_workshop
from cxwidgets.testing import HOSTILE, small_workshop

# The package exports the function under the module's own name; reach the module itself.
jm = importlib.import_module("cxwidgets.charts.journey_map")

ALL_LANES = ["Stages", "Touchpoints", "Emotions", "Pain points", "Opportunities",
             "What customers say", "Line of visibility", "Backstage"]
CARD_LANES = {"Stages": jm.HEADER, "Touchpoints": jm.TOUCHPOINT, "Pain points": jm.PAIN,
              "Opportunities": jm.IDEA, "What customers say": jm.QUOTE,
              "Backstage": jm.BACKSTAGE}


# ------------------------------------------------------------------ helpers


def walk(node: Any) -> Iterator[dict[str, Any]]:
    """Every dict inside a spec, depth first."""
    if isinstance(node, dict):
        yield node
        for value in node.values():
            yield from walk(value)
    elif isinstance(node, list):
        for value in node:
            yield from walk(value)


def lane_name(lane: dict[str, Any]) -> str:
    for node in walk(lane):
        mark = node.get("mark")
        if isinstance(mark, dict) and mark.get("xOffset") == -jm.GUTTER:
            return " ".join(node["encoding"]["text"]["value"])
    raise AssertionError("lane without a name")


def lanes(spec: dict[str, Any]) -> dict[str, dict[str, Any]]:
    return {lane_name(lane): lane for lane in spec["vconcat"]}


def lane_data(spec: dict[str, Any], lane: str) -> list[dict[str, Any]]:
    """The rows of the one table a lane's marks share (not the stripes, not the name)."""
    names = {node["data"]["name"] for node in walk(lanes(spec)[lane])
             if isinstance(node.get("data"), dict) and "name" in node["data"]}
    tables = [spec["datasets"][n] for n in names]
    tables = [t for t in tables if t and set(t[0]) - {"s", "one"}]
    assert len(tables) <= 1, f"{lane}: expected one table, found {len(tables)}"
    return tables[0] if tables else []


def layers_with(spec: dict[str, Any], lane: str, mark_type: str) -> list[dict[str, Any]]:
    return [node for node in walk(lanes(spec)[lane])
            if isinstance(node.get("mark"), dict) and node["mark"]["type"] == mark_type]


def tooltip_fields(layer: dict[str, Any]) -> set[str]:
    return {t["field"] for t in layer["encoding"]["tooltip"]}




# ------------------------------------------------------------------ structure


def test_lanes_are_all_there_in_order():
    spec = journey_map(synthetic_workshop(3, 8)).to_dict()
    assert list(lanes(spec)) == [*ALL_LANES, "Full texts"]  # some of its texts are long
    assert spec["config"]["view"]["stroke"] is None


def test_quotes_lane_is_left_out_without_quotes_but_empty_lanes_stay():
    spec = journey_map(small_workshop()).to_dict()
    assert list(lanes(spec)) == [n for n in ALL_LANES if n != "What customers say"]
    text = json.dumps(spec)
    for note in ("No pain points yet", "No opportunities yet", "No backstage processes yet",
                 "No feelings rated yet"):
        assert note in text


def test_stages_follow_their_order_not_the_order_they_were_added():
    spec = journey_map(small_workshop()).to_dict()
    headers = sorted(lane_data(spec, "Stages"), key=lambda r: r["s"])
    assert [h["name"] for h in headers] == ["Buy", "Use"]
    cards = {r["name"]: r["s"] for r in lane_data(spec, "Touchpoints")}
    assert cards == {"Checkout page": 0, "Receipt": 0, "Shop visit": 1}  # t4 is not placed


def test_every_lane_shares_one_x_domain_and_width():
    w = synthetic_workshop(5, 12)
    spec = journey_map(w).to_dict()
    for lane in spec["vconcat"]:
        assert lane["width"] == 5 * jm.COLUMN
        xs = [n["encoding"]["x"] for n in walk(lane) if "x" in n.get("encoding", {})]
        assert xs and all(x["scale"]["domain"] == [0, 5] for x in xs)
        assert all(x.get("axis", "hidden") is None for x in xs)


@pytest.mark.parametrize(("colour_by", "field"), [("channel", "ch"), ("owner", "own"),
                                                  ("sentiment", "c")])
def test_touchpoints_are_coloured_by_the_chosen_field(colour_by, field):
    spec = journey_map(synthetic_workshop(4, 12), colour_by=colour_by).to_dict()
    (icon,) = layers_with(spec, "Touchpoints", "point")
    colour = icon["encoding"]["color"]
    assert colour["field"] == field
    values = {r[field] for r in lane_data(spec, "Touchpoints")}
    assert set(colour["scale"]["domain"]) >= values
    assert len(colour["scale"]["range"]) == len(colour["scale"]["domain"])
    if colour_by == "sentiment":
        assert values <= {*pal.SENTIMENT_LEVELS, pal.NOT_RATED}


def test_owner_colours_are_shared_by_touchpoints_and_backstage():
    spec = journey_map(synthetic_workshop(4, 12), colour_by="owner").to_dict()
    strips = [layer for layer in layers_with(spec, "Backstage", "rect")
              if "color" in layer["encoding"]]
    (icon,) = layers_with(spec, "Touchpoints", "point")
    assert strips[0]["encoding"]["color"]["scale"] == icon["encoding"]["color"]["scale"]
    assert spec["resolve"]["scale"]["color"] == "shared"


def test_icons_by_channel_and_dashed_borders_for_physical_touchpoints():
    spec = journey_map(small_workshop()).to_dict()
    (icon,) = layers_with(spec, "Touchpoints", "point")
    shape = icon["encoding"]["shape"]
    assert shape["field"] == "ch"
    assert dict(zip(shape["scale"]["domain"], shape["scale"]["range"], strict=True)) == {
        "Website": pal.CHANNEL_ICONS[Channel.web], "Email": pal.CHANNEL_ICONS[Channel.email],
        "Store": pal.CHANNEL_ICONS[Channel.store]}
    (card,) = layers_with(spec, "Touchpoints", "bar")
    dash = card["encoding"]["strokeDash"]
    assert dash["field"] == "med" and dash["title"] == "Digital or physical"
    assert dash.get("legend", {}) is not None
    solid, dashed = dash["scale"]["range"]
    assert dash["scale"]["domain"] == ["Digital", "Physical"] and solid != dashed
    media = {r["name"]: r["med"] for r in lane_data(spec, "Touchpoints")}
    assert media == {"Checkout page": "Digital", "Receipt": "Digital", "Shop visit": "Physical"}


def test_every_icon_is_a_small_path_in_the_unit_box():
    assert set(pal.CHANNEL_ICONS) == set(Channel) == set(pal.CHANNEL_COLOURS)
    assert set(pal.OWNER_COLOURS) == set(Function)
    for path in pal.CHANNEL_ICONS.values():
        numbers = [float(n) for n in re.findall(r"-?\d*\.?\d+", path)]
        assert path.startswith("M") and len(path) < 300
        assert all(-1.1 <= n <= 1.1 for n in numbers)


# ------------------------------------------------------------------ content


def test_title_is_the_persona_and_subtitle_its_quote():
    title = journey_map(small_workshop()).to_dict()["title"]
    assert " ".join(title["text"]) == "Ana · Nurse"
    assert title["subtitle"] == ["“Keep it simple”"]
    other = journey_map(small_workshop(), "pb").to_dict()["title"]
    assert " ".join(other["text"]) == "Ben · Student" and "subtitle" not in other
    nobody = journey_map(small_workshop(personas=[])).to_dict()["title"]
    assert "no persona yet" in " ".join(nobody["text"])


def test_pain_points_of_another_persona_are_left_out():
    w = small_workshop(pain_points=[
        PainPoint(id="mine", touchpoint_id="t1", text="Card declined", persona_id="pa"),
        PainPoint(id="theirs", touchpoint_id="t1", text="Too expensive", persona_id="pb"),
        PainPoint(id="everyone", touchpoint_id="t3", text="Queue at the till"),
        PainPoint(id="unplaced", touchpoint_id="t4", text="Not on the map"),
    ], opportunities=[
        Opportunity(id="o1", touchpoint_id="t2", text="Send a nicer receipt", persona_id="pb"),
    ])
    pains = {r["text"]: r["s"] for r in lane_data(journey_map(w).to_dict(), "Pain points")}
    assert pains == {"Card declined": 0, "Queue at the till": 1}
    spec_b = journey_map(w, "pb").to_dict()
    assert {r["text"] for r in lane_data(spec_b, "Pain points")} == {
        "Too expensive", "Queue at the till"}
    assert [r["text"] for r in lane_data(spec_b, "Opportunities")] == ["Send a nicer receipt"]
    assert "Send a nicer receipt" not in json.dumps(journey_map(w).to_dict())


def test_pain_point_tooltip_carries_evidence_scores_and_dots():
    w = small_workshop(
        pain_points=[PainPoint(id="p1", touchpoint_id="t1", text="Card declined",
                               evidence=["It failed twice", "Gave up"], impact=4, effort=2)],
        votes=[Vote(id="v1", target_id="p1"), Vote(id="v2", target_id="p1", value=2),
               Vote(id="v3", target_id="p1", kind=VoteKind.accuracy, value=-1)])
    spec = journey_map(w).to_dict()
    (row,) = lane_data(spec, "Pain points")
    assert row["ev"] == "It failed twice | Gave up"
    assert (row["imp"], row["eff"], row["dots"], row["tp"]) == (4, 2, 3, "Checkout page")
    texts = [layer for layer in layers_with(spec, "Pain points", "text")
             if "field" in layer["encoding"]["text"]]
    assert len(texts) == 2  # the wording and the dots
    for layer in texts:
        assert {"text", "tp", "ev", "imp", "eff", "dots"} <= tooltip_fields(layer)
    quotes = lane_data(spec, "What customers say")
    assert [q["q"] for q in quotes] == ["It failed twice", "Gave up"]
    assert all(" ".join(q["t"]).startswith("“") for q in quotes)


def test_touchpoint_opportunity_and_backstage_tooltips():
    w = small_workshop(
        opportunities=[Opportunity(id="o", touchpoint_id="t3", text="Self checkout",
                                   evidence=["Long queue"])],
        backstage=[BackstageProcess(id="b", touchpoint_id="t3", name="Till staffing",
                                    owner=Function.operations)])
    spec = journey_map(w).to_dict()
    (card,) = layers_with(spec, "Touchpoints", "bar")
    assert tooltip_fields(card) == {"name", "ch", "med", "own", "stage", "feel", "n"}
    (opp,) = lane_data(spec, "Opportunities")
    assert (opp["tp"], opp["ev"]) == ("Shop visit", "Long queue")
    (proc,) = lane_data(spec, "Backstage")
    assert (proc["own"], proc["tp"], proc["s"]) == ("Operations", "Shop visit", 1)
    assert {t["title"] for t in card["encoding"]["tooltip"]} >= {"Channel", "Owner", "Stage"}


def test_at_most_two_quotes_per_stage():
    w = small_workshop(pain_points=[
        PainPoint(id=f"p{i}", touchpoint_id="t1", text=f"Pain {i}", evidence=[f"Quote {i}"])
        for i in range(4)])
    quotes = lane_data(journey_map(w).to_dict(), "What customers say")
    assert [q["q"] for q in quotes] == ["Quote 0", "Quote 1"]


def test_emotion_curve_from_known_ratings():
    w = small_workshop(emotions=[
        Emotion(id="e1", touchpoint_id="t1", score=-2, participant="p1"),
        Emotion(id="e2", touchpoint_id="t1", score=0, participant="p2", word="meh"),
        Emotion(id="e3", touchpoint_id="t1", score=1, participant="p3", persona_id="pa"),
        Emotion(id="e4", touchpoint_id="t1", score=-1, participant="p1", word="annoyed"),
        Emotion(id="e5", touchpoint_id="t1", score=2, participant="p4", persona_id="pb"),
        Emotion(id="e6", touchpoint_id="t3", score=2, participant="p1"),
    ])
    spec = journey_map(w).to_dict()
    points = {r["name"]: r for r in lane_data(spec, "Emotions")}
    assert set(points) == {"Checkout page", "Shop visit"}  # the receipt is not rated: skipped
    checkout = points["Checkout page"]
    # p1's newer -1 replaces their -2; Ben's rating (persona pb) is not Ana's
    assert (checkout["m"], checkout["lo"], checkout["hi"], checkout["n"]) == (0, -1, 1, 3)
    assert checkout["words"] == "annoyed, meh"
    assert checkout["x"] == 0.25  # first of two touchpoints in stage 0
    assert points["Shop visit"]["x"] == 1.5
    rule = next(layer for layer in layers_with(spec, "Emotions", "rule")
                if layer["encoding"].get("y2"))
    assert (rule["encoding"]["y"]["field"], rule["encoding"]["y2"]["field"]) == ("lo", "hi")
    (point,) = layers_with(spec, "Emotions", "point")
    assert point["encoding"]["fill"]["scale"]["range"] == list(pal.SENTIMENT_COLOURS)
    assert {"name", "m", "lo", "hi", "n", "words"} <= tooltip_fields(point)
    card_feel = {r["name"]: r["feel"] for r in lane_data(spec, "Touchpoints")}
    assert card_feel["Receipt"] == "not rated yet" and card_feel["Shop visit"].startswith("+2.0")


def test_emotion_scale_is_minus_two_to_two_with_words_and_a_zero_rule():
    spec = journey_map(synthetic_workshop(2, 5)).to_dict()
    axes = [n["encoding"]["y"]["axis"] for n in walk(lanes(spec)["Emotions"])
            if n.get("encoding", {}).get("y", {}).get("axis")]
    assert axes and axes[0]["values"] == [-2, -1, 0, 1, 2]
    assert "Very negative" in axes[0]["labelExpr"] and "Very positive" in axes[0]["labelExpr"]
    zero = [n for n in layers_with(spec, "Emotions", "rule")
            if n["encoding"]["y"].get("datum") == 0]
    assert len(zero) == 1
    other_lanes = [lane for name, lane in lanes(spec).items() if name != "Emotions"]
    assert not [n for n in walk(other_lanes) if n.get("axis") not in (None, "hidden")
                and "axis" in n]


# ------------------------------------------------------------------ edge cases and size


def test_empty_workshop_gets_a_friendly_message():
    for w in (Workshop(id="e", title="Empty"),
              Workshop(id="e", title="No places", stages=[Stage(id="s", name="Buy")],
                       touchpoints=[Touchpoint(id="t", name="Loose")])):
        spec = journey_map(w).to_dict()
        assert spec["encoding"]["text"]["value"] == jm.EMPTY_MESSAGE
        assert len(json.dumps(spec)) < 2000


def test_unknown_colour_by_names_the_allowed_values():
    with pytest.raises(InvalidInput) as err:
        journey_map(small_workshop(), colour_by="mood")
    for allowed in ("'channel'", "'owner'", "'sentiment'", "'mood'"):
        assert allowed in str(err.value)


@pytest.mark.parametrize(("stages", "touchpoints"), [(1, 1), (8, 40), (20, 200)])
def test_maps_of_every_size_build(stages, touchpoints):
    spec = journey_map(synthetic_workshop(stages, touchpoints)).to_dict()
    assert len(lane_data(spec, "Stages")) == stages
    assert len(lane_data(spec, "Touchpoints")) == touchpoints
    assert spec["vconcat"][0]["width"] == stages * jm.COLUMN


def test_chart_json_is_small_and_each_table_is_stored_once():
    small = json.dumps(journey_map(synthetic_workshop(8, 40)).to_dict())
    spec = journey_map(synthetic_workshop(20, 200)).to_dict()
    big = json.dumps(spec)
    assert len(big) < 300_000
    assert len(big) < 5 * len(small) * 1.3  # grows with the items (5x), not faster
    tables = [json.dumps(t, sort_keys=True) for t in spec["datasets"].values()]
    assert len(tables) == len(set(tables))
    # one table per card lane and the emotions, the stripes and a one-row helper
    assert len(tables) <= len(spec["vconcat"]) + 2
    inline = [n for n in walk(spec["vconcat"]) if isinstance(n.get("values"), list)
              and any(isinstance(v, dict) for v in n["values"])]
    assert not inline


def test_hostile_text_stays_plain_data():
    w = small_workshop()
    w.touchpoints[0].name = HOSTILE
    rows = lane_data(journey_map(w).to_dict(), "Touchpoints")
    assert rows[0]["name"] == HOSTILE


# ------------------------------------------------------------------ layout: nothing overlaps


def test_wrap_keeps_to_its_lines_and_marks_a_cut():
    assert jm.wrap("a short one", 20, 2) == ["a short one"]
    long = jm.wrap("word " * 40, 12, 2)
    assert len(long) == 2 and long[-1].endswith("…") and all(len(x) <= 12 for x in long)
    assert jm.wrap("x" * 50, 10, 3) == ["x" * 10, "x" * 10, "x" * 9 + "…"]
    assert jm.wrap("", 10, 2) == [""]


@pytest.mark.parametrize(("stages", "touchpoints"), [(1, 1), (8, 40), (20, 200)])
def test_cards_never_overlap_and_text_stays_inside_its_card(stages, touchpoints):
    spec = journey_map(synthetic_workshop(stages, touchpoints)).to_dict()
    for name, lane in lanes(spec).items():
        if name not in CARD_LANES:
            continue
        card = CARD_LANES[name]
        rows = lane_data(spec, name)
        cells = [(r["s"], r["r"]) for r in rows]
        assert len(cells) == len(set(cells)), f"{name}: two cards in one cell"
        n_rows = max((r for _, r in cells), default=0) + 1
        assert lane["height"] == n_rows * card.row
        # cards in one column: row r spans [r*h + inset, (r+1)*h - inset]
        inset = jm.CARD_INSET / 2
        assert card.row - 2 * inset > card.lines * card.line_height
        for r in rows:
            assert 0 <= r["s"] < stages and len(r["t"]) <= card.lines
        for mark in (n["mark"] for n in walk(lane) if isinstance(n.get("mark"), dict)):
            if mark["type"] == "text" and mark.get("xOffset", 0) >= 0:
                assert mark["limit"] + mark.get("xOffset", 0) < jm.COLUMN, name
    for mark in (n["mark"] for n in walk(spec) if isinstance(n.get("mark"), dict)):
        if mark["type"] == "text":
            assert 0 < mark["limit"] < max(jm.COLUMN, stages * jm.COLUMN)


def test_sentiment_bands_are_symmetric_and_round_halves_outwards():
    means = (-2, -1.5, -1.49, -0.5, -0.49, 0, 0.49, 0.5, 1.49, 1.5, 2)
    assert [pal.sentiment_level(v) for v in means] == [
        "Very negative", "Very negative", "Negative", "Negative", "Neutral", "Neutral",
        "Neutral", "Positive", "Positive", "Very positive", "Very positive"]
    assert pal.sentiment_level(None) == pal.NOT_RATED


def test_screen_readers_hear_each_card_once_in_words():
    spec = journey_map(synthetic_workshop(3, 8)).to_dict()
    for name in CARD_LANES:
        marks = [n for n in walk(lanes(spec)[name]) if isinstance(n.get("mark"), dict)
                 and n["mark"].get("xOffset") != -jm.GUTTER]
        described = [n for n in marks if "description" in n.get("encoding", {})]
        assert len(described) == 1, name
        expr = next(t["calculate"] for t in described[0]["transform"] if t["as"] == "desc")
        assert expr.startswith("'") and "datum." in expr
        silent = [n for n in marks if n is not described[0]]
        assert all(n["mark"].get("aria") is False for n in silent), name
