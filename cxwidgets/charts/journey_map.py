"""The journey map (step 10): one Altair chart of a workshop, lane by lane.

Stages are the columns, in timeline order. Lanes run top to bottom: the stages, the
touchpoints, the emotion curve, pain points, opportunities, what customers say, the line
of visibility and the backstage processes behind it. Every lane shares the same x scale
(one unit per stage, the same width), so the columns line up down the whole map.

Text never overlaps: labels are wrapped here to a few lines, every text mark has a pixel
`limit` inside its card, and cards sit in fixed-height rows, stacked per stage column.
The full wording is always in the tooltip. Each lane's data is one table shared by all
the marks of that lane, so the chart's JSON grows with the number of items, not with
the number of marks. A pure function of the model: no files, no store.
"""

from __future__ import annotations

import textwrap
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

import altair as alt
import pandas as pd

from cxwidgets.charts import palette as pal
from cxwidgets.exceptions import InvalidInput
from cxwidgets.method import views as journey
from cxwidgets.method import words as labels
from cxwidgets.method.model import Persona, Touchpoint, VoteKind, Workshop
from cxwidgets.method.steps import step

COLOUR_BY = ("channel", "owner", "sentiment")
#: Width of one stage column, and of the lane names at the left, in pixels.
COLUMN = 190
GUTTER = 190
#: Lane names stop this far left of the map, leaving room for the emotion scale's words.
LANE_NAME_LIMIT = 96
FONT = "Helvetica, Arial, sans-serif"
EMOTION_HEIGHT = 160
#: The emotion scale: -2..+2, with room above and, for the touchpoint numbers, below.
FEELING_DOMAIN = [-2.9, 2.4]
NUMBER_SIZE = 9
VISIBILITY_HEIGHT = 30
QUOTES_PER_STAGE = 2
EMPTY_MESSAGE = "Add stages and place touchpoints on them to draw the map"
#: Average glyph width as a share of the font size; generous, so wrapped lines fit.
GLYPH = 0.52


@dataclass(frozen=True)
class Card:
    """How one kind of card is laid out: its row height and where its text may go."""

    row: int  # height of one row, px
    lines: int  # most lines of text
    size: int  # font size, px
    left: int  # text starts this far from the column's left edge, px
    right: int  # and stops this far from its right edge, px
    bold: bool = False

    @property
    def limit(self) -> int:
        """The pixel width a line may take; always inside the column."""
        return COLUMN - self.left - self.right

    @property
    def line_height(self) -> int:
        return self.size + 3

    def wrap(self, text: str) -> list[str]:
        factor = GLYPH * (1.1 if self.bold else 1.0)
        return wrap(text, max(4, int(self.limit / (self.size * factor))), self.lines)


HEADER = Card(row=50, lines=2, size=13, left=12, right=12, bold=True)
ICON_X = 17  # the centre of a touchpoint's icon and number, from the column's left edge
TOUCHPOINT = Card(row=48, lines=2, size=11, left=32, right=10)
PAIN = Card(row=48, lines=2, size=11, left=16, right=38)
IDEA = Card(row=48, lines=2, size=11, left=16, right=10)
QUOTE = Card(row=62, lines=3, size=11, left=12, right=10)
BACKSTAGE = Card(row=60, lines=2, size=11, left=16, right=10)
#: Fields every card lane computes in Vega: a card spans s..s1 and r..r1, middle at rm.
CARD_EDGES = {"s1": "datum.s + 1", "r1": "datum.r + 1", "rm": "datum.r + 0.5"}
CARD_INSET = 4  # px between neighbouring cards, horizontally and vertically

LANE_NAMES = {
    "stages": "Stages", "touchpoints": "Touchpoints", "emotions": "Emotions",
    "pain_points": "Pain points", "opportunities": "Opportunities",
    "quotes": "What customers say", "visibility": "Line of visibility",
    "backstage": "Backstage",
}
EMPTY_LANE = {
    "touchpoints": "No touchpoints yet", "emotions": "No feelings rated yet",
    "pain_points": "No pain points yet", "opportunities": "No opportunities yet",
    "backstage": "No backstage processes yet",
}
VISIBILITY_NOTE = "Customers see what is above this line; below it, what makes it work"
VISIBILITY_NOTE_SHORT = "Customers do not see below"
FEELING_WORDS_EXPR = ("'Feeling at ' + datum.name + ': ' + format(datum.m, '+.1f') + "
                     "' (from ' + datum.lo + ' to ' + datum.hi + ', ' + datum.n + ' ratings)'")
FEELING_WORDS = {-2: "Very negative", 0: "Neutral", 2: "Very positive"}


def wrap(text: str, width: int, lines: int) -> list[str]:
    """`text` in at most `lines` lines of about `width` characters; "…" marks a cut."""
    out = textwrap.wrap(" ".join(text.split()), width, break_long_words=True) or [""]
    if len(out) > lines:
        out = out[:lines]
        out[-1] = out[-1][: max(1, width - 1)].rstrip() + "…"
    return out


# ---------------------------------------------------------------------------- data


@dataclass
class _Map:
    """Everything the lanes need, computed once from the workshop."""

    workshop: Workshop
    persona: Persona | None
    stage_names: list[str]
    column: dict[str, int]  # touchpoint id -> stage column
    placed: dict[str, Touchpoint]  # touchpoint id -> touchpoint, placed ones only
    stats: dict[str, journey.EmotionStat]
    colour_by: str
    numbers: dict[str, int]  # touchpoint id -> its place in the journey, 1, 2, ...

    def number(self, tp_id: str) -> int:
        """A touchpoint's place in the journey, shown on its card and under its point."""
        return self.numbers[tp_id]

    @property
    def persona_id(self) -> str | None:
        return self.persona.id if self.persona else None

    @property
    def n(self) -> int:
        return len(self.stage_names)


def _prepare(workshop: Workshop, persona_id: str | None, colour_by: str) -> _Map:
    persona = journey.map_persona(workshop, persona_id)
    by_stage = journey.touchpoints_by_stage(workshop)
    column = {tp.id: i for i, tps in enumerate(by_stage.values()) for tp in tps}
    placed = {tp.id: tp for tps in by_stage.values() for tp in tps}
    stats = journey.emotion_stats(workshop, persona.id if persona else None)
    names = [s.name for s in journey.ordered_stages(workshop)]
    numbers = {tp_id: i for i, tp_id in enumerate(placed, start=1)}
    return _Map(workshop, persona, names, column, placed, stats, colour_by, numbers)


def _stack(rows: Iterable[dict[str, Any]]) -> list[dict[str, Any]]:
    """Give each card its row within its stage column, in the order given."""
    used: dict[int, int] = {}
    out = []
    for row in rows:
        row["r"] = used.get(row["s"], 0)
        used[row["s"]] = row["r"] + 1
        out.append(row)
    return out


def lane_rows(rows: Sequence[dict[str, Any]]) -> int:
    """How many card rows a lane needs: the fullest stage column (at least one)."""
    return max([r["r"] + 1 for r in rows] or [1])


def _colour(m: _Map, tp: Touchpoint) -> str:
    if m.colour_by == "channel":
        return labels.label(labels.CHANNEL, tp.channel)
    if m.colour_by == "owner":
        return labels.label(labels.FUNCTION, tp.owner)
    stat = m.stats.get(tp.id)
    return pal.sentiment_level(stat.mean if stat else None)


def _feeling(stat: journey.EmotionStat | None) -> str:
    if stat is None:
        return "not rated yet"
    return f"{stat.mean:+.1f} ({pal.sentiment_level(stat.mean).lower()})"


def touchpoint_rows(m: _Map) -> list[dict[str, Any]]:
    rows = []
    for tp_id, tp in m.placed.items():
        stat = m.stats.get(tp_id)
        s = m.column[tp_id]
        rows.append({
            "s": s, "k": m.number(tp_id), "t": TOUCHPOINT.wrap(tp.name), "name": tp.name,
            "ch": labels.label(labels.CHANNEL, tp.channel),
            "med": labels.label(labels.MEDIUM, tp.medium),
            "own": labels.label(labels.FUNCTION, tp.owner),
            "stage": m.stage_names[s], "feel": _feeling(stat), "n": stat.n if stat else 0,
        })
        if m.colour_by == "sentiment":
            rows[-1]["c"] = _colour(m, tp)
    return _stack(rows)


def emotion_rows(m: _Map) -> list[dict[str, Any]]:
    """One point per rated touchpoint, spread across its stage column in journey order."""
    per_stage: dict[int, list[Touchpoint]] = {}
    for tp_id, tp in m.placed.items():
        per_stage.setdefault(m.column[tp_id], []).append(tp)
    rows = []
    for s, tps in per_stage.items():
        for k, tp in enumerate(tps):
            stat = m.stats.get(tp.id)
            if stat is None:
                continue  # not rated: skipped, never drawn as neutral
            number = m.number(tp.id)
            rows.append({
                "x": round(s + (k + 0.5) / len(tps), 4), "m": round(stat.mean, 3),
                "lo": stat.low, "hi": stat.high, "n": stat.n, "name": tp.name,
                "stage": m.stage_names[s], "words": ", ".join(stat.words) or "none given",
                "k": str(number) if _number_fits(number, len(tps)) else "",
            })
    return rows


def _number_fits(number: int, in_column: int) -> bool:
    """Whether a point's number fits under it beside its neighbours' numbers."""
    return COLUMN / in_column >= NUMBER_SIZE * GLYPH * len(str(number)) + 6


def dot_counts(workshop: Workshop) -> dict[str, int]:
    """Dots per pain point or opportunity: the sum of its dot votes."""
    dots: dict[str, int] = {}
    for v in workshop.votes:
        if v.kind is VoteKind.dot:
            dots[v.target_id] = dots.get(v.target_id, 0) + v.value
    return dots


def _evidence(items: Sequence[str]) -> str:
    return " | ".join(items) if items else "none recorded"


def pain_rows(m: _Map) -> list[dict[str, Any]]:
    dots = dot_counts(m.workshop)
    rows = []
    for p in journey.for_persona(m.workshop.pain_points, m.persona_id):
        if p.touchpoint_id not in m.placed:
            continue
        rows.append({
            "s": m.column[p.touchpoint_id], "t": PAIN.wrap(p.text), "text": p.text,
            "tp": m.placed[p.touchpoint_id].name, "ev": _evidence(p.evidence),
            "imp": p.impact if p.impact is not None else "not scored",
            "eff": p.effort if p.effort is not None else "not scored",
            "dots": dots.get(p.id, 0),
        })
    return _stack(rows)


def opportunity_rows(m: _Map) -> list[dict[str, Any]]:
    rows = []
    for o in journey.for_persona(m.workshop.opportunities, m.persona_id):
        if o.touchpoint_id in m.placed:
            rows.append({
                "s": m.column[o.touchpoint_id], "t": IDEA.wrap(o.text), "text": o.text,
                "tp": m.placed[o.touchpoint_id].name, "ev": _evidence(o.evidence),
            })
    return _stack(rows)


def quote_rows(m: _Map) -> list[dict[str, Any]]:
    """Up to two customer quotes per stage, from the evidence of its pains and ideas."""
    seen: dict[int, list[str]] = {}
    rows = []
    items = [*journey.for_persona(m.workshop.pain_points, m.persona_id),
             *journey.for_persona(m.workshop.opportunities, m.persona_id)]
    for item in items:
        s = m.column.get(item.touchpoint_id)
        for quote in item.evidence if s is not None else ():
            said = seen.setdefault(s, [])
            if len(said) >= QUOTES_PER_STAGE or quote in said or not quote.strip():
                continue
            said.append(quote)
            rows.append({"s": s, "t": QUOTE.wrap(f"“{quote.strip()}”"), "q": quote,
                         "src": journey.label_of(item)})
    return _stack(sorted(rows, key=lambda r: r["s"]))


def backstage_rows(m: _Map) -> list[dict[str, Any]]:
    rows = []
    for b in m.workshop.backstage:
        if b.touchpoint_id in m.placed:
            owner = labels.label(labels.FUNCTION, b.owner)
            rows.append({
                "s": m.column[b.touchpoint_id], "t": BACKSTAGE.wrap(b.name), "name": b.name,
                "own": owner, "o": f"Owner: {owner}", "tp": m.placed[b.touchpoint_id].name,
            })
    return _stack(rows)


# ---------------------------------------------------------------------------- marks


def _x(n: int, field: str = "s") -> alt.X:
    return alt.X(f"{field}:Q", scale=alt.Scale(domain=[0, n], nice=False, zero=False),
                 axis=None)


def _rows_scale(rows: int) -> alt.Scale:
    """Card rows top to bottom: row r spans r..r+1."""
    return alt.Scale(domain=[0, rows], reverse=True, nice=False, zero=False)


def _card_y(rows: int) -> alt.Y:
    return alt.Y("r:Q", scale=_rows_scale(rows), axis=None)


def _stripes(n: int) -> alt.Chart:
    """Light bands behind every other stage column, the same in every lane."""
    data = pd.DataFrame({"s": range(0, n, 2)})
    return alt.Chart(data).transform_calculate(s1="datum.s + 1").mark_rect(
        fill=pal.STRIPE, aria=False).encode(x=_x(n), x2="s1:Q")


def _lane_name(lane: str, n: int, y_scale: alt.Scale, top: float,
               axis: alt.Axis | None = None) -> alt.Chart:
    """The lane's name, in the gutter left of the map, level with the lane's top."""
    return alt.Chart(_ONE).mark_text(
        align="left", baseline="top", font=FONT, fontSize=12, fontWeight="bold",
        color=pal.MUTED, xOffset=-GUTTER, yOffset=4, limit=LANE_NAME_LIMIT,
        lineHeight=15).encode(
        x=alt.XDatum(0, scale=alt.Scale(domain=[0, n], nice=False, zero=False), axis=None),
        y=alt.YDatum(top, scale=y_scale, axis=axis),
        text=alt.value(wrap(LANE_NAMES[lane], 14, 2)))


def _text(card: Card, **kw: Any) -> alt.MarkDef:
    defaults = {"aria": False, "align": "left", "baseline": "middle", "font": FONT,
                "fontSize": card.size,
                "lineHeight": card.line_height, "limit": card.limit, "color": pal.INK,
                "xOffset": card.left}
    return alt.MarkDef(type="text", **{**defaults, **kw})


def _card_rect(**kw: Any) -> alt.MarkDef:
    defaults = {"fill": pal.CARD, "stroke": pal.CARD_EDGE, "strokeWidth": 1,
                "cornerRadius": 5, "xOffset": CARD_INSET, "x2Offset": -CARD_INSET,
                "yOffset": CARD_INSET / 2, "y2Offset": -CARD_INSET / 2}
    return alt.MarkDef(**{"type": "rect", **defaults, **kw})


def _strip(colour: Any) -> alt.MarkDef:
    """The coloured edge at a card's left."""
    return alt.MarkDef(type="rect", fill=colour, aria=False, cornerRadius=2, xOffset=CARD_INSET + 1,
                       x2Offset=CARD_INSET + 6, yOffset=CARD_INSET / 2 + 1,
                       y2Offset=-CARD_INSET / 2 - 1)


def _tooltip(*fields: tuple[str, ...]) -> list[alt.Tooltip]:
    """(field, title) or (field, title, number format) for each line of a tooltip."""
    return [alt.Tooltip(f[0], title=f[1], format=f[2] if len(f) > 2 else alt.Undefined)
            for f in fields]


def _placeholder(lane: str, n: int, rows: int) -> alt.Chart:
    """A quiet "nothing yet" note in the first column of an empty lane."""
    return alt.Chart(_ONE).mark_text(
        align="left", baseline="middle", font=FONT, fontSize=11, fontStyle="italic",
        color=pal.FAINT, limit=COLUMN - 24, xOffset=12).encode(
        x=alt.XDatum(0, scale=alt.Scale(domain=[0, n], nice=False, zero=False), axis=None),
        y=alt.YDatum(0.5, scale=_rows_scale(rows), axis=None),
        text=alt.value(EMPTY_LANE[lane]))


_ONE = pd.DataFrame({"one": [1]})


def _lane(lane: str, m: _Map, rows: list[dict[str, Any]], layers: list[alt.Chart],
          card: Card) -> alt.LayerChart:
    """Stripes, then the lane's own marks over one shared table, sized to fit its cards."""
    n_rows = lane_rows(rows)
    parts: list[alt.Chart | alt.LayerChart] = [
        _stripes(m.n), _lane_name(lane, m.n, _rows_scale(n_rows), 0)]
    if rows:
        parts.append(_layer(layers, data=pd.DataFrame(rows), transform=[
            alt.CalculateTransform(calculate=expr, **{"as": field})
            for field, expr in CARD_EDGES.items()]))
    elif lane in EMPTY_LANE:
        parts.append(_placeholder(lane, m.n, 1))
    return _layer(parts, width=m.n * COLUMN, height=n_rows * card.row)


def _layer(parts: list[Any], **props: Any) -> alt.LayerChart:
    """Layer charts built here, without Altair's defensive copies.

    Altair's constructors deep-copy every sub-chart (to merge selection parameters, which
    the map has none of); at three levels of nesting that was most of the build time.
    The parts are fresh objects made for this chart alone, so sharing them is safe.
    """
    chart = alt.LayerChart(**props)
    chart.layer = parts
    return chart


def _rect(m: _Map, rows: int, mark: alt.MarkDef, x2: str = "s1", describe: str = "",
          **enc: Any) -> alt.Chart:
    """A card (or a part of one) filling its row of its stage column.

    `describe` is a Vega expression for the words a screen reader says for the card; the
    card's texts and icons are then left silent, so each card is read once.
    """
    chart = alt.Chart(mark=mark).encode(
        x=_x(m.n), x2=f"{x2}:Q", y=_card_y(rows), y2="r1:Q", **enc)
    if describe:
        chart = chart.transform_calculate(desc=describe).encode(description="desc:N")
    return chart


def _label(m: _Map, rows: int, mark: alt.MarkDef, text: str = "t", y: str = "rm",
           x: str = "s", **enc: Any) -> alt.Chart:
    """Text (or an icon) at a card's left, by default at the middle of its row."""
    chart = alt.Chart(mark=mark).encode(
        x=_x(m.n, x), y=alt.Y(f"{y}:Q", scale=_rows_scale(rows), axis=None), **enc)
    return chart.encode(text=f"{text}:N") if mark.type == "text" else chart


def _card_text(m: _Map, rows: int, card: Card, tip: list[alt.Tooltip],
               **style: Any) -> alt.Chart:
    """A card's wrapped label, its lines centred as a block on the card's middle."""
    shift = card.line_height / (2 * card.row)
    mark = _text(card, baseline="top", yOffset=1.5, **style)
    return _label(m, rows, mark, y="ty", tooltip=tip).transform_calculate(
        ty=f"datum.r + 0.5 - length(datum.t) * {shift:.4f}")


def stage_lane(m: _Map) -> alt.LayerChart:
    rows = [{"s": i, "r": 0, "t": HEADER.wrap(name), "name": name}
            for i, name in enumerate(m.stage_names)]
    tip = _tooltip(("name", "Stage"))
    layers = [
        _rect(m, 1, _card_rect(fill=pal.HEADER, stroke=None), tooltip=tip,
              describe="'Stage ' + (datum.s + 1) + ': ' + datum.name"),
        _card_text(m, 1, HEADER, tip, color="#FFFFFF", fontWeight="bold"),
    ]
    return _lane("stages", m, rows, layers, HEADER)


def _colour_scale(m: _Map) -> alt.Scale:
    """Colours for the values on this map only, so the legend lists nothing absent.

    With `colour_by="owner"` the touchpoints and backstage processes share this scale.
    """
    present = {_colour(m, tp) for tp in m.placed.values()}
    if m.colour_by == "channel":
        pairs = [(labels.label(labels.CHANNEL, c), col) for c, col in pal.CHANNEL_COLOURS.items()]
    elif m.colour_by == "owner":
        present |= {labels.label(labels.FUNCTION, b.owner) for b in m.workshop.backstage
                    if b.touchpoint_id in m.placed}
        pairs = [(labels.label(labels.FUNCTION, f), col) for f, col in pal.OWNER_COLOURS.items()]
    else:
        pairs = [*zip(pal.SENTIMENT_LEVELS, pal.SENTIMENT_COLOURS, strict=True),
                 (pal.NOT_RATED, pal.NOT_RATED_COLOUR)]
    pairs = [(k, v) for k, v in pairs if k in present]
    return alt.Scale(domain=[k for k, _ in pairs], range=[v for _, v in pairs])


LEGEND_TITLE = {"channel": "Channel", "owner": "Owner", "sentiment": "Feeling"}
#: The touchpoint field each colouring reads (channel shares its field with the icons,
#: so the two legends merge into one).
COLOUR_FIELD = {"channel": "ch", "owner": "own", "sentiment": "c"}


def touchpoint_lane(m: _Map) -> alt.LayerChart:
    rows = touchpoint_rows(m)
    n_rows = lane_rows(rows)
    tip = _tooltip(("name", "Touchpoint"), ("ch", "Channel"), ("med", "Digital or physical"),
                   ("own", "Owner"), ("stage", "Stage"), ("feel", "Mean feeling"),
                   ("n", "Ratings"))
    present = {r["ch"] for r in rows}
    icons = [(labels.label(labels.CHANNEL, c), path) for c, path in pal.CHANNEL_ICONS.items()]
    icons = [(name, path) for name, path in icons if name in present]
    shape_scale = alt.Scale(domain=[n for n, _ in icons], range=[p for _, p in icons])
    colour = alt.Color(f"{COLOUR_FIELD[m.colour_by]}:N", title=LEGEND_TITLE[m.colour_by],
                       scale=_colour_scale(m))
    dash = alt.StrokeDash("med:N", title="Digital or physical", scale=alt.Scale(
        domain=["Digital", "Physical"], range=[[1, 0], [5, 3]]))
    icon = alt.MarkDef(type="point", aria=False, filled=False, strokeWidth=1.6, size=150,
                       opacity=1,
                       strokeJoin="round", strokeCap="round", xOffset=ICON_X, yOffset=-6)
    number = alt.MarkDef(type="text", aria=False, align="center", baseline="middle", font=FONT,
                         fontSize=NUMBER_SIZE, color=pal.FAINT, xOffset=ICON_X, yOffset=11,
                         limit=TOUCHPOINT.left - 4)
    layers = [
        # a bar, not a rect: Vega-Lite draws strokeDash encodings on bars only
        _rect(m, n_rows, _card_rect(type="bar", strokeWidth=1.4, stroke=pal.MUTED),
              describe=("'Touchpoint ' + datum.k + ': ' + datum.name + '; ' + datum.ch + ', '"
                        " + lower(datum.med) + ', owned by ' + datum.own + '; feeling '"
                        " + datum.feel"), strokeDash=dash,
              tooltip=tip),
        _label(m, n_rows, icon, color=colour,
               shape=alt.Shape("ch:N", title="Channel", scale=shape_scale), tooltip=tip),
        _label(m, n_rows, number, text="k", tooltip=tip),
        _card_text(m, n_rows, TOUCHPOINT, tip),
    ]
    return _lane("touchpoints", m, rows, layers, TOUCHPOINT)


def pain_lane(m: _Map) -> alt.LayerChart:
    rows = pain_rows(m)
    n_rows = lane_rows(rows)
    tip = _tooltip(("text", "Pain point"), ("tp", "Touchpoint"), ("ev", "Evidence"),
                   ("imp", "Impact (1-5)"), ("eff", "Effort (1-5)"), ("dots", "Dots"))
    badge = alt.MarkDef(type="text", aria=False, align="right", baseline="middle", font=FONT,
                        fontSize=10, fontWeight="bold", color=pal.PAIN, xOffset=-10,
                        limit=PAIN.right - 12)
    layers = [
        _rect(m, n_rows, _card_rect(fill=pal.PAIN_TINT, stroke=None), tooltip=tip,
              describe="'Pain point: ' + datum.text + ' (at ' + datum.tp + '); dots: ' + "
                       "datum.dots"),
        _rect(m, n_rows, _strip(pal.PAIN), x2="s", tooltip=tip),
        _card_text(m, n_rows, PAIN, tip),
        _label(m, n_rows, badge, text="dl", x="s1", tooltip=tip).transform_filter(
            "datum.dots > 0").transform_calculate(dl="'● ' + datum.dots"),
    ]
    return _lane("pain_points", m, rows, layers, PAIN)


def opportunity_lane(m: _Map) -> alt.LayerChart:
    rows = opportunity_rows(m)
    n_rows = lane_rows(rows)
    tip = _tooltip(("text", "Opportunity"), ("tp", "Touchpoint"), ("ev", "Evidence"))
    layers = [
        _rect(m, n_rows, _card_rect(fill=pal.OPPORTUNITY_TINT, stroke=None), tooltip=tip,
              describe="'Opportunity: ' + datum.text + ' (at ' + datum.tp + ')'"),
        _rect(m, n_rows, _strip(pal.OPPORTUNITY), x2="s", tooltip=tip),
        _card_text(m, n_rows, IDEA, tip),
    ]
    return _lane("opportunities", m, rows, layers, IDEA)


def quote_lane(m: _Map) -> alt.LayerChart | None:
    rows = quote_rows(m)
    if not rows:
        return None
    n_rows = lane_rows(rows)
    tip = _tooltip(("q", "Customer said"), ("src", "Evidence for"))
    layers = [
        _rect(m, n_rows, _card_rect(fill=pal.QUOTE_TINT, stroke=pal.QUOTE_EDGE), tooltip=tip,
              describe="'A customer said: ' + datum.q"),
        _card_text(m, n_rows, QUOTE, tip, fontStyle="italic", color="#3D3A2E"),
    ]
    return _lane("quotes", m, rows, layers, QUOTE)


def backstage_lane(m: _Map) -> alt.LayerChart:
    rows = backstage_rows(m)
    n_rows = lane_rows(rows)
    tip = _tooltip(("name", "Backstage process"), ("own", "Owner"), ("tp", "Touchpoint"))
    strip_enc: dict[str, Any] = {"tooltip": tip}
    strip = _strip(pal.FAINT)
    if m.colour_by == "owner":
        strip = _strip(alt.Undefined)
        strip_enc["color"] = alt.Color("own:N", title="Owner", scale=_colour_scale(m))
    layers = [
        _rect(m, n_rows, _card_rect(fill=pal.BACKSTAGE_TINT, stroke=None), tooltip=tip,
              describe="'Backstage: ' + datum.name + ', owned by ' + datum.own + ' (behind '"
                       " + datum.tp + ')'"),
        _rect(m, n_rows, strip, x2="s", **strip_enc),
        _label(m, n_rows, _text(BACKSTAGE, baseline="top", yOffset=8), y="r", tooltip=tip),
        _label(m, n_rows, _text(BACKSTAGE, baseline="bottom", yOffset=-8, color=pal.MUTED,
                                fontSize=10), text="o", y="r1", tooltip=tip),
    ]
    return _lane("backstage", m, rows, layers, BACKSTAGE)


def emotion_lane(m: _Map) -> alt.LayerChart:
    rows = emotion_rows(m)
    y_scale = alt.Scale(domain=FEELING_DOMAIN, nice=False, zero=False)
    axis = alt.Axis(values=[-2, -1, 0, 1, 2], title=None, domain=False, ticks=False,
                    labelExpr=_feeling_label_expr(), labelFont=FONT, labelFontSize=11,
                    labelColor=pal.MUTED, labelPadding=8, grid=False,
                    labelLimit=GUTTER - LANE_NAME_LIMIT - 16,
                    description="Feeling, from very negative (-2) to very positive (+2)")
    tip = _tooltip(("name", "Touchpoint"), ("stage", "Stage"), ("m", "Mean feeling", "+.2f"),
                   ("lo", "Lowest"), ("hi", "Highest"), ("n", "Ratings"), ("words", "Words"))
    x = _x(m.n, "x")
    fill = alt.Fill("m:Q", legend=None, scale=alt.Scale(
        domain=list(pal.SENTIMENT_STOPS), range=list(pal.SENTIMENT_COLOURS)))
    zero = alt.Chart(_ONE).mark_rule(color=pal.FAINT, strokeWidth=1).encode(
        y=alt.YDatum(0, scale=y_scale, axis=axis))
    name = _lane_name("emotions", m.n, y_scale, FEELING_DOMAIN[1], axis)
    parts: list[Any] = [_stripes(m.n), zero, name]
    if rows:
        base = alt.Chart().encode(x=x, y=alt.Y("m:Q", scale=y_scale, axis=axis))
        parts.append(_layer([
            base.mark_rule(color="#9AA3B2", strokeWidth=2, opacity=0.6, aria=False).encode(
                y=alt.Y("lo:Q", scale=y_scale, axis=axis), y2="hi:Q", tooltip=tip),
            base.mark_line(color=pal.INK, strokeWidth=2, interpolate="monotone", aria=False),
            base.mark_point(filled=True, size=90, stroke="#FFFFFF", strokeWidth=1.5,
                            opacity=1).encode(fill=fill, tooltip=tip, description="desc:N"
                                              ).transform_calculate(desc=FEELING_WORDS_EXPR),
            base.mark_text(aria=False, baseline="bottom", font=FONT, fontSize=NUMBER_SIZE,
                           color=pal.FAINT, yOffset=-2, limit=COLUMN - 8).encode(
                y=alt.YDatum(FEELING_DOMAIN[0], scale=y_scale, axis=axis), text="k:N",
                tooltip=tip),
        ], data=pd.DataFrame(rows)))
    else:
        parts.append(_placeholder("emotions", m.n, 1).encode(
            y=alt.YDatum(1.6, scale=y_scale, axis=axis)))
    return _layer(parts, width=m.n * COLUMN, height=EMOTION_HEIGHT)


def _feeling_label_expr() -> str:
    parts = [f"datum.value == {v} ? '{w}'" for v, w in FEELING_WORDS.items()]
    return " : ".join(parts) + " : ''"


def visibility_lane(m: _Map) -> alt.LayerChart:
    x_scale = alt.Scale(domain=[0, m.n], nice=False, zero=False)
    y_scale = alt.Scale(domain=[0, 1], nice=False, zero=False)
    line = alt.Chart(_ONE).mark_rule(color=pal.MUTED, strokeDash=[8, 5], strokeWidth=1.5).encode(
        x=alt.XDatum(0, scale=x_scale, axis=None), x2=alt.X2Datum(m.n),
        y=alt.YDatum(0.5, scale=y_scale, axis=None))
    note = alt.Chart(_ONE).mark_text(
        align="left", baseline="bottom", font=FONT, fontSize=10, fontStyle="italic",
        color=pal.MUTED, xOffset=8, yOffset=-3, limit=m.n * COLUMN - 16).encode(
        x=alt.XDatum(0, scale=x_scale, axis=None), y=alt.YDatum(0.5, scale=y_scale, axis=None),
        text=alt.value(VISIBILITY_NOTE if m.n > 1 else VISIBILITY_NOTE_SHORT))
    name = _lane_name("visibility", m.n, y_scale, 0.85)
    return _layer([line, note, name], width=m.n * COLUMN, height=VISIBILITY_HEIGHT)


# ---------------------------------------------------------------------------- the map


def _title(persona: Persona | None, width: int) -> alt.TitleParams:
    chars = max(20, int(width / (22 * GLYPH)))
    if persona is None:
        text, subtitle = ["Journey map: no persona yet"], wrap(
            f"Agree on a persona in {step('persona').ref} to see whose journey this is.",
            chars * 2, 2)
    else:
        # "Sam, the busy parent · Works full time": the role is a sentence of its own
        who = f"{persona.name} · {persona.role}" if persona.role else persona.name
        text = wrap(who, chars, 2)
        subtitle = wrap(f"“{persona.quote}”", int(chars * 1.5), 3) if persona.quote else []
    return alt.TitleParams(
        text, subtitle=subtitle or alt.Undefined, anchor="start", font=FONT, fontSize=22,
        color=pal.INK, subtitleFont=FONT, subtitleFontSize=14, subtitleFontStyle="italic",
        subtitleColor=pal.MUTED, offset=14, limit=width, subtitlePadding=6)


def _check_colour_by(colour_by: str) -> None:
    if colour_by not in COLOUR_BY:
        allowed = ", ".join(repr(c) for c in COLOUR_BY)
        raise InvalidInput(f"colour_by must be one of {allowed}, not {colour_by!r}")


def empty_map(message: str = EMPTY_MESSAGE) -> alt.Chart:
    """The small chart shown before there is anything to draw."""
    return alt.Chart(_ONE).mark_text(
        font=FONT, fontSize=15, color=pal.MUTED, limit=400).encode(
        text=alt.value(message)).properties(
        width=420, height=80, title=alt.TitleParams("Journey map", anchor="start", font=FONT,
                                                    fontSize=20, color=pal.INK)
    ).configure_view(stroke=None)


def journey_map(workshop: Workshop, persona_id: str | None = None, *,
                colour_by: str = "channel") -> alt.VConcatChart | alt.Chart:
    """The journey map of `workshop`, drawn for one persona (the agreed one by default).

    `colour_by` colours the touchpoints by "channel", "owner" or "sentiment" (the mean
    feeling). A workshop with no stages or no placed touchpoint gets a short note instead.
    """
    _check_colour_by(colour_by)
    m = _prepare(workshop, persona_id, colour_by)
    if not m.n or not m.placed:
        return empty_map()
    lanes = [stage_lane(m), touchpoint_lane(m), emotion_lane(m), pain_lane(m),
             opportunity_lane(m), quote_lane(m), visibility_lane(m), backstage_lane(m)]
    chart = alt.VConcatChart(
        spacing=8,
        resolve=alt.Resolve(scale=alt.ScaleResolveMap(
            x="independent", y="independent", color="shared", shape="shared",
            strokeDash="shared", fill="independent")),
        title=_title(m.persona, GUTTER + m.n * COLUMN), config=_config(m.n))
    chart.vconcat = [lane for lane in lanes if lane is not None]  # see _layer
    return chart


def _config(n: int) -> alt.Config:
    legend = alt.LegendConfig(
        orient="bottom", direction="horizontal", titleFont=FONT, labelFont=FONT,
        titleFontSize=12, labelFontSize=11, titleColor=pal.INK, labelColor=pal.MUTED,
        symbolStrokeWidth=1.6, columns=max(2, n * COLUMN // 150), labelLimit=120)
    return alt.Config(padding=16, background="#FFFFFF", font=FONT, legend=legend,
                      view=alt.ViewConfig(stroke=None), concat=alt.CompositionConfig(spacing=8))
