"""The journey map (step 10): one Vega-Lite chart of a workshop, lane by lane.

Stages are the columns, in timeline order. Lanes run top to bottom: the stages, the
touchpoints, the emotion curve, pain points, opportunities, what customers say, the line
of visibility and the backstage processes behind it. Every lane shares the same x scale
(one unit per stage, the same width), so the columns line up down the whole map.

Text never overlaps: labels are wrapped here to a few lines, every text mark has a pixel
`limit` inside its card, and cards sit in fixed-height rows, stacked per stage column.
The full wording is always in the tooltip, and a card whose text had to be shortened ends
in "…[n]": the key under the map gives text n whole, so a printed map (where nothing can
be hovered) still says everything. Card text is drawn at 14 px or more, so the whole map
fitted to a 1440-px projector keeps it at 12 px or more. Each lane's data is one table shared by all
the marks of that lane, so the chart's JSON grows with the number of items, not with
the number of marks. The spec is written as plain dicts (see `vl`): every kernel showing
the map redraws it after every edit, and Altair's objects cost a hundred times the spec.
A pure function of the model: no files, no store.
"""

from __future__ import annotations

import functools
import hashlib
import textwrap
from collections import OrderedDict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from cxwidgets.charts import consensus as cx
from cxwidgets.charts import palette as pal
from cxwidgets.charts import vl
from cxwidgets.charts.vl import Json
from cxwidgets.exceptions import InvalidInput
from cxwidgets.language import N_, _, current
from cxwidgets.method import priorities
from cxwidgets.method import views as journey
from cxwidgets.method import words as labels
from cxwidgets.method.model import Opportunity, PainPoint, Persona, Touchpoint, Workshop
from cxwidgets.method.steps import step
from cxwidgets.method.validation import CustomerStat

COLOUR_BY = ("channel", "owner", "sentiment")
#: Width of one stage column, and of the lane names at the left, in pixels.
COLUMN = 190
GUTTER = 190
#: Lane names stop this far left of the map, leaving room for the emotion scale's words.
LANE_NAME_LIMIT = 150
FONT = "Helvetica, Arial, sans-serif"
EMOTION_HEIGHT = 190
#: The emotion scale: -2..+2, with room above (for the lane's name, over the scale's
#: words) and, for the touchpoint numbers, below.
FEELING_DOMAIN = [-2.9, 3.0]
#: The smallest text on a card (and in the key), px: a map drawn at 1552 px (seven
#: stages) and fitted to a 1440-px screen keeps it at 12 px or more.
TEXT_SIZE = 14
NUMBER_SIZE = 14
VISIBILITY_HEIGHT = 34
QUOTES_PER_STAGE = 2
EMPTY_MESSAGE = N_("Add stages and place touchpoints on them to draw the map")
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

    @property
    def chars(self) -> int:
        """About how many characters a line of the card holds."""
        factor = GLYPH * (1.1 if self.bold else 1.0)
        return max(4, int(self.limit / (self.size * factor)))

    def wrap(self, text: str, tag: str = "") -> list[str]:
        return wrap(text, self.chars, self.lines, tag)


HEADER = Card(row=56, lines=2, size=15, left=12, right=12, bold=True)
ICON_X = 17  # the centre of a touchpoint's icon and number, from the column's left edge
TOUCHPOINT = Card(row=54, lines=2, size=TEXT_SIZE, left=32, right=10)
PAIN = Card(row=68, lines=3, size=TEXT_SIZE, left=16, right=44)
IDEA = Card(row=68, lines=3, size=TEXT_SIZE, left=16, right=44)
QUOTE = Card(row=86, lines=4, size=TEXT_SIZE, left=12, right=10)
BACKSTAGE = Card(row=74, lines=2, size=TEXT_SIZE, left=16, right=10)
#: The key under the map: one column of full texts per this many pixels of map.
KEY_COLUMN = 440
KEY_LINE = TEXT_SIZE + 5
#: Fields every card lane computes in Vega: a card spans s..s1 and r..r1, middle at rm.
CARD_EDGES = {"s1": "datum.s + 1", "r1": "datum.r + 1", "rm": "datum.r + 0.5"}
CARD_INSET = 4  # px between neighbouring cards, horizontally and vertically

LANE_NAMES = {
    "stages": N_("Stages"), "touchpoints": N_("Touchpoints"), "emotions": N_("Emotions"),
    "pain_points": N_("Pain points"), "opportunities": N_("Opportunities"),
    "quotes": N_("What customers say"), "visibility": N_("Line of visibility"),
    "backstage": N_("Backstage"), "key": N_("Full texts"),
}
EMPTY_LANE = {
    "touchpoints": N_("No touchpoints yet"), "emotions": N_("No feelings rated yet"),
    "pain_points": N_("No pain points yet"), "opportunities": N_("No opportunities yet"),
    "backstage": N_("No backstage processes yet"),
}
VISIBILITY_NOTE = N_("Customers see what is above this line; below it, what makes it work")
VISIBILITY_NOTE_SHORT = N_("Customers do not see below")
FEELING_WORDS = {-2: N_("Very negative"), 0: N_("Neutral"), 2: N_("Very positive")}
#: The table of marks placed by datum rather than by data.
ONE_ROW = [{"one": 1}]


def wrap(text: str, width: int, lines: int, tag: str = "") -> list[str]:
    """`text` in at most `lines` lines of about `width` characters; "…" marks a cut,
    followed by `tag` (the cut text's number in the key) when there is one."""
    return list(_wrapped(text, width, lines, tag)[0])


def is_cut(text: str, width: int, lines: int) -> bool:
    """Whether `text` needs more than `lines` lines of `width` characters."""
    return _wrapped(text, width, lines, "")[1]


@functools.lru_cache(maxsize=8192)
def _wrapped(text: str, width: int, lines: int, tag: str) -> tuple[tuple[str, ...], bool]:
    """`wrap` and whether it cut, kept for the texts seen lately: a map redrawn after an
    edit wraps again only what the edit changed (textwrap is the slowest part of drawing
    the map)."""
    flat = " ".join(text.split())
    if len(flat) <= width:  # what textwrap gives for a line that fits, only faster
        return (flat,), False
    out = textwrap.wrap(flat, width, break_long_words=True) or [""]
    if len(out) <= lines:
        return tuple(out), False
    out = out[:lines]
    out[-1] = out[-1][: max(1, width - 1 - len(tag))].rstrip() + "…" + tag
    return tuple(out), True


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
    #: What customers said in a validation round, drawn beside the room's curve.
    customers: dict[str, CustomerStat] | None = None
    #: The tables of the spec being built, each stored once.
    datasets: vl.Datasets = field(default_factory=vl.Datasets)
    #: The texts shortened on their cards, in full, for the key under the map.
    notes: list[dict[str, Any]] = field(default_factory=list)
    #: The seat a live map is drawn for (`cxwidgets.charts.live_map`): each card then
    #: carries the id of what it shows and whether that seat added it; None: the map as
    #: exported, with no ids in it.
    live: str | None = None

    def tag(self, row: dict[str, Any], entity_id: str, author: str = "") -> dict[str, Any]:
        """On a live map, `row` with the id of the entity it shows (`id`) and "★" in
        `mine` when the seat the map is for added it; unchanged otherwise."""
        if self.live is not None:
            row["id"] = entity_id
            row["mine"] = "★" if author and author == self.live else ""
        return row

    def card_text(self, card: Card, text: str, what: str, s: int) -> list[str]:
        """`text` wrapped for `card`; if it must be cut, it is numbered and kept whole
        for the key ("…[3]" on the card, text 3 in full under the map)."""
        if not is_cut(text, card.chars, card.lines):
            return card.wrap(text)
        ref = len(self.notes) + 1
        self.notes.append({"ref": ref, "what": what, "stage": self.stage_names[s],
                           "text": " ".join(text.split())})
        return card.wrap(text, f"[{ref}]")

    def data(self, rows: Sequence[dict[str, Any]]) -> Json:
        """A mark's `data`: the table `rows`, stored in the spec's datasets."""
        return self.datasets.ref(rows)

    def one(self) -> Json:
        """The one-row table of marks placed by datum, not by data."""
        return self.datasets.ref(ONE_ROW)

    @functools.cached_property
    def stripes(self) -> list[dict[str, int]]:
        """The table of the light bands behind every other stage column."""
        return [{"s": s} for s in range(0, self.n, 2)]

    def number(self, tp_id: str) -> int:
        """A touchpoint's place in the journey, shown on its card and under its point."""
        return self.numbers[tp_id]

    @property
    def persona_id(self) -> str | None:
        return self.persona.id if self.persona else None

    @property
    def n(self) -> int:
        return len(self.stage_names)


def _prepare(workshop: Workshop, persona_id: str | None, colour_by: str,
             customers: dict[str, CustomerStat] | None = None) -> _Map:
    persona = journey.map_persona(workshop, persona_id)
    by_stage = journey.touchpoints_by_stage(workshop)
    column = {tp.id: i for i, tps in enumerate(by_stage.values()) for tp in tps}
    placed = {tp.id: tp for tps in by_stage.values() for tp in tps}
    stats = journey.emotion_stats(workshop, persona.id if persona else None)
    names = [s.name for s in journey.ordered_stages(workshop)]
    numbers = {tp_id: i for i, tp_id in enumerate(placed, start=1)}
    return _Map(workshop, persona, names, column, placed, stats, colour_by, numbers,
                customers)


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
    needed: int = max([r["r"] + 1 for r in rows] or [1])
    return needed


def _colour(m: _Map, tp: Touchpoint) -> str:
    if m.colour_by == "channel":
        return labels.label(labels.CHANNEL, tp.channel)
    if m.colour_by == "owner":
        return labels.label(labels.FUNCTION, tp.owner)
    stat = m.stats.get(tp.id)
    return _(pal.sentiment_level(stat.mean if stat else None))


def _feeling(stat: journey.EmotionStat | None) -> str:
    if stat is None:
        return _("not rated yet")
    return f"{stat.mean:+.1f} ({_(pal.sentiment_level(stat.mean)).lower()})"


def touchpoint_rows(m: _Map) -> list[dict[str, Any]]:
    rows = []
    for tp_id, tp in m.placed.items():
        stat = m.stats.get(tp_id)
        s = m.column[tp_id]
        rows.append({
            "s": s, "k": m.number(tp_id), "name": tp.name,
            "t": m.card_text(TOUCHPOINT, tp.name, _("Touchpoint"), s),
            "ch": labels.label(labels.CHANNEL, tp.channel),
            "med": labels.label(labels.MEDIUM, tp.medium),
            "own": labels.label(labels.FUNCTION, tp.owner),
            "stage": m.stage_names[s], "feel": _feeling(stat), "n": stat.n if stat else 0,
        })
        m.tag(rows[-1], tp_id, tp.created_by)
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
            m.tag(rows[-1], f"emotion:{tp.id}")
    return rows


def customer_rows(m: _Map) -> list[dict[str, Any]]:
    """One point per touchpoint customers rated, at the same x as the room's point."""
    if not m.customers:
        return []
    per_stage: dict[int, list[Touchpoint]] = {}
    for tp_id, tp in m.placed.items():
        per_stage.setdefault(m.column[tp_id], []).append(tp)
    rows = []
    for s, tps in per_stage.items():
        for k, tp in enumerate(tps):
            c = m.customers.get(tp.id)
            if c is None or c.mean is None:
                continue
            rows.append({"x": round(s + (k + 0.5) / len(tps), 4), "cm": round(c.mean, 3),
                         "clo": c.low, "chi": c.high, "cn": c.rated, "name": tp.name,
                         "stage": m.stage_names[s],
                         "never": f"{c.share_never:.0%}",
                         "unlike": f"{c.share_not_like_this:.0%}"})
    return rows


def _customer_layer(m: _Map, rows: list[dict[str, Any]], y_scale: Json, axis: Json) -> Json:
    """Customers' feelings: a dashed line of hollow diamonds with their spread, offset a
    little to the right of the room's points so both stay readable."""
    tip = vl.tooltip(rows, ("name", _("Touchpoint")), ("stage", _("Stage")),
                     ("cm", _("Customers' mean feeling"), "+.2f"),
                     ("cn", _("Customers who rated")),
                     ("clo", _("Lowest")), ("chi", _("Highest")),
                     ("unlike", _("Say it does not happen like this")),
                     ("never", _("Never used it")))
    x = _x(m.n, "x")
    y = _q("cm", y_scale, axis)
    key = _unit(m.one(), {"type": "text", "align": "right", "baseline": "top", "font": FONT,
                          "fontSize": TEXT_SIZE, "color": pal.CUSTOMERS, "xOffset": -6,
                          "yOffset": 4},
                x=_datum(m.n, _x_scale(m.n)), y=_datum(FEELING_DOMAIN[1], y_scale, axis),
                text={"value": _("Solid line: the room · dashed: what customers said")})
    return {"data": m.data(rows), "layer": [
        _unit(None, {"type": "rule", "color": pal.CUSTOMERS, "strokeWidth": 1.5, "opacity": 0.5,
                     "xOffset": 6, "aria": False},
              x=x, y=_q("clo", y_scale, axis), y2={"field": "chi"}, tooltip=tip),
        _unit(None, {"type": "line", "color": pal.CUSTOMERS, "strokeWidth": 2,
                     "strokeDash": [6, 4], "interpolate": "monotone", "aria": False,
                     "xOffset": 6}, x=x, y=y),
        _unit(None, {"type": "point", "shape": "diamond", "filled": False, "size": 110,
                     "strokeWidth": 2, "color": pal.CUSTOMERS, "xOffset": 6},
              x=x, y=y, tooltip=tip),
        key]}


def _number_fits(number: int, in_column: int) -> bool:
    """Whether a point's number fits under it beside its neighbours' numbers."""
    return COLUMN / in_column >= NUMBER_SIZE * GLYPH * len(str(number)) + 6


def dot_counts(workshop: Workshop) -> dict[str, int]:
    """Dots per pain point or opportunity: the sum of its dot votes (as step 11 counts)."""
    return priorities.dots(workshop)


def _evidence(items: Sequence[str]) -> str:
    return " | ".join(items) if items else "none recorded"


def pain_rows(m: _Map) -> list[dict[str, Any]]:
    dots = dot_counts(m.workshop)
    rows = []
    for p in journey.for_persona(m.workshop.pain_points, m.persona_id):
        if p.touchpoint_id not in m.placed:
            continue
        s = m.column[p.touchpoint_id]
        rows.append({
            "s": s, "t": m.card_text(PAIN, p.text, _("Pain point"), s), "text": p.text,
            "tp": m.placed[p.touchpoint_id].name, "ev": _evidence(p.evidence),
            "imp": p.impact if p.impact is not None else "not scored",
            "eff": p.effort if p.effort is not None else "not scored",
            "dots": dots.get(p.id, 0),
        })
        m.tag(rows[-1], p.id, p.created_by)
    return _stack(rows)


def opportunity_rows(m: _Map) -> list[dict[str, Any]]:
    dots = dot_counts(m.workshop)
    rows = []
    for o in journey.for_persona(m.workshop.opportunities, m.persona_id):
        if o.touchpoint_id in m.placed:
            s = m.column[o.touchpoint_id]
            rows.append({
                "s": s, "t": m.card_text(IDEA, o.text, _("Opportunity"), s), "text": o.text,
                "tp": m.placed[o.touchpoint_id].name, "ev": _evidence(o.evidence),
                "dots": dots.get(o.id, 0),
            })
            m.tag(rows[-1], o.id, o.created_by)
    return _stack(rows)


def quote_rows(m: _Map) -> list[dict[str, Any]]:
    """Up to two customer quotes per stage, from the evidence of its pains and ideas."""
    seen: dict[int, list[str]] = {}
    rows = []
    items: list[PainPoint | Opportunity] = [
        *journey.for_persona(m.workshop.pain_points, m.persona_id),
        *journey.for_persona(m.workshop.opportunities, m.persona_id)]
    for item in items:
        s = m.column.get(item.touchpoint_id)
        if s is None:
            continue
        for quote in item.evidence:
            said = seen.setdefault(s, [])
            if len(said) >= QUOTES_PER_STAGE or quote in said or not quote.strip():
                continue
            said.append(quote)
            rows.append({"s": s, "t": m.card_text(QUOTE, f"“{quote.strip()}”",
                                                  _("Customer said"), s), "q": quote,
                         "src": journey.label_of(item)})
            m.tag(rows[-1], item.id)
    return _stack(sorted(rows, key=lambda r: r["s"]))


def backstage_rows(m: _Map) -> list[dict[str, Any]]:
    rows = []
    for b in m.workshop.backstage:
        if b.touchpoint_id in m.placed:
            owner = labels.label(labels.FUNCTION, b.owner)
            s = m.column[b.touchpoint_id]
            rows.append({
                "s": s, "t": m.card_text(BACKSTAGE, b.name, _("Backstage"), s), "name": b.name,
                "own": owner, "o": _("Owner: {owner}").format(owner=owner),
                "tp": m.placed[b.touchpoint_id].name,
            })
            m.tag(rows[-1], b.id, b.created_by)
    return _stack(rows)


# ---------------------------------------------------------------------------- marks
# Each mark is the Vega-Lite dict itself (see `vl`): a unit is data, mark, encoding and
# transforms; a layer stacks units (and layers) on shared scales.


def _unit(data: Json | None, mark: Json, transform: list[Json] | None = None,
          **encoding: Any) -> Json:
    unit: Json = {"mark": mark, "encoding": encoding}
    if data is not None:
        unit["data"] = data
    if transform:
        unit["transform"] = transform
    return unit


def _x_scale(n: int) -> Json:
    return vl.scale([0, n])


def _x(n: int, field: str = "s") -> Json:
    return {"field": field, "type": "quantitative", "scale": _x_scale(n), "axis": None}


def _q(field: str, scale: Json, axis: Json | None = None) -> Json:
    """A quantitative position channel on a given scale."""
    return {"field": field, "type": "quantitative", "scale": scale, "axis": axis}


def _datum(value: Any, scale: Json, axis: Json | None = None) -> Json:
    """A position fixed at one value of a scale (for lines and notes, not data)."""
    return {"datum": value, "scale": scale, "axis": axis}


def _rows_scale(rows: int) -> Json:
    """Card rows top to bottom: row r spans r..r+1."""
    return vl.scale([0, rows], reverse=True)


def _card_y(rows: int) -> Json:
    return _q("r", _rows_scale(rows))


def _stripes(m: _Map) -> Json:
    """Light bands behind every other stage column, the same in every lane."""
    return _unit(m.data(m.stripes), {"type": "rect", "fill": pal.STRIPE, "aria": False},
                 vl.calculate(s1="datum.s + 1"), x=_x(m.n), x2={"field": "s1"})


def _lane_name(lane: str, m: _Map, y_scale: Json, top: float,
               axis: Json | None = None) -> Json:
    """The lane's name, in the gutter left of the map, level with the lane's top."""
    return _unit(m.one(), {
        "type": "text", "align": "left", "baseline": "top", "font": FONT, "fontSize": 14,
        "fontWeight": "bold", "color": pal.MUTED, "xOffset": -GUTTER, "yOffset": 4,
        "limit": LANE_NAME_LIMIT, "lineHeight": 17},
        x=_datum(0, _x_scale(m.n)), y=_datum(top, y_scale, axis),
        text={"value": wrap(_(LANE_NAMES[lane]), 16, 2)})


def _text(card: Card, **kw: Any) -> Json:
    return {"type": "text", "aria": False, "align": "left", "baseline": "middle", "font": FONT,
            "fontSize": card.size, "lineHeight": card.line_height, "limit": card.limit,
            "color": pal.INK, "xOffset": card.left, **kw}


def _card_rect(**kw: Any) -> Json:
    return {"type": "rect", "fill": pal.CARD, "stroke": pal.CARD_EDGE, "strokeWidth": 1,
            "cornerRadius": 5, "xOffset": CARD_INSET, "x2Offset": -CARD_INSET,
            "yOffset": CARD_INSET / 2, "y2Offset": -CARD_INSET / 2, **kw}


def _strip(colour: str | None) -> Json:
    """The coloured edge at a card's left (no fill of its own when a scale colours it)."""
    mark = {"type": "rect", "fill": colour, "aria": False, "cornerRadius": 2,
            "xOffset": CARD_INSET + 1, "x2Offset": CARD_INSET + 6,
            "yOffset": CARD_INSET / 2 + 1, "y2Offset": -CARD_INSET / 2 - 1}
    if colour is None:
        del mark["fill"]
    return mark


def _placeholder(lane: str, m: _Map, rows: int) -> Json:
    """A quiet "nothing yet" note in the first column of an empty lane."""
    return _unit(m.one(), {
        "type": "text", "align": "left", "baseline": "middle", "font": FONT,
        "fontSize": TEXT_SIZE, "fontStyle": "italic", "color": pal.FAINT,
        "limit": COLUMN - 24, "xOffset": 12},
        x=_datum(0, _x_scale(m.n)), y=_datum(0.5, _rows_scale(rows)),
        text={"value": _(EMPTY_LANE[lane])})


def _lane(lane: str, m: _Map, rows: list[dict[str, Any]], layers: list[Json],
          card: Card) -> Json:
    """Stripes, then the lane's own marks over one shared table, sized to fit its cards."""
    n_rows = lane_rows(rows)
    parts = [_stripes(m), _lane_name(lane, m, _rows_scale(n_rows), 0)]
    if rows:
        parts.append({"layer": layers, "data": m.data(rows),
                      "transform": vl.calculate(**CARD_EDGES)})
    elif lane in EMPTY_LANE:
        parts.append(_placeholder(lane, m, 1))
    return {"layer": parts, "width": m.n * COLUMN, "height": n_rows * card.row}


def _rect(m: _Map, rows: int, mark: Json, x2: str = "s1", describe: str = "",
          **enc: Any) -> Json:
    """A card (or a part of one) filling its row of its stage column.

    `describe` is a Vega expression for the words a screen reader says for the card; the
    card's texts and icons are then left silent, so each card is read once.
    """
    unit = _unit(None, mark, x=_x(m.n), x2={"field": x2}, y=_card_y(rows),
                 y2={"field": "r1"}, **enc)
    if describe:
        unit["transform"] = vl.calculate(desc=describe)
        unit["encoding"]["description"] = {"field": "desc", "type": "nominal"}
    return unit


def _label(m: _Map, rows: int, mark: Json, text: str = "t", y: str = "rm",
           x: str = "s", **enc: Any) -> Json:
    """Text (or an icon) at a card's left, by default at the middle of its row."""
    unit = _unit(None, mark, x=_x(m.n, x), y=_q(y, _rows_scale(rows)), **enc)
    if mark["type"] == "text":
        unit["encoding"]["text"] = {"field": text, "type": "nominal"}
    return unit


def _card_text(m: _Map, rows: int, card: Card, tip: list[Json], **style: Any) -> Json:
    """A card's wrapped label, its lines centred as a block on the card's middle."""
    shift = card.line_height / (2 * card.row)
    unit = _label(m, rows, _text(card, baseline="top", yOffset=1.5, **style), y="ty",
                  tooltip=tip)
    unit["transform"] = vl.calculate(ty=f"datum.r + 0.5 - length(datum.t) * {shift:.4f}")
    return unit


def stage_lane(m: _Map) -> Json:
    rows = [m.tag({"s": i, "r": 0, "t": m.card_text(HEADER, name, _("Stage"), i), "name": name},
                  stage.id)
            for i, (name, stage) in enumerate(zip(m.stage_names,
                                                  journey.ordered_stages(m.workshop),
                                                  strict=True))]
    tip = vl.tooltip(rows, ("name", _("Stage")))
    layers = [
        _rect(m, 1, _card_rect(fill=pal.HEADER, stroke=None), tooltip=tip,
              describe=vl.words(_("Stage {number}: {name}"), number="(datum.s + 1)",
                                name="datum.name")),
        _card_text(m, 1, HEADER, tip, color="#FFFFFF", fontWeight="bold"),
    ]
    return _lane("stages", m, rows, layers, HEADER)


def _colour_scale(m: _Map) -> Json:
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
        pairs = [*((_(k), c) for k, c in zip(pal.SENTIMENT_LEVELS, pal.SENTIMENT_COLOURS,
                                             strict=True)),
                 (_(pal.NOT_RATED), pal.NOT_RATED_COLOUR)]
    pairs = [(k, v) for k, v in pairs if k in present]
    return {"domain": [k for k, _ in pairs], "range": [v for _, v in pairs]}


LEGEND_TITLE = {"channel": N_("Channel"), "owner": N_("Owner"), "sentiment": N_("Feeling")}
#: The touchpoint field each colouring reads (channel shares its field with the icons,
#: so the two legends merge into one).
COLOUR_FIELD = {"channel": "ch", "owner": "own", "sentiment": "c"}


def touchpoint_lane(m: _Map) -> Json:
    rows = touchpoint_rows(m)
    n_rows = lane_rows(rows)
    weight: dict[str, Any] = {}
    if m.workshop.consensus:  # a map merged from several rooms: how many rooms saw each
        rows, weight = cx.with_rooms(m.workshop, list(m.placed), rows), cx.card_weight(
            m.workshop)
    tip = vl.tooltip(rows, ("name", _("Touchpoint")), ("ch", _("Channel")),
                     ("med", _("Digital or physical")), ("own", _("Owner")),
                     ("stage", _("Stage")),
                     ("feel", _("Mean feeling")), ("n", _("Ratings")))
    if weight:
        tip.append(cx.tooltip())
    present = {r["ch"] for r in rows}
    icons = [(labels.label(labels.CHANNEL, c), path) for c, path in pal.CHANNEL_ICONS.items()]
    icons = [(name, path) for name, path in icons if name in present]
    shape = {"field": "ch", "type": "nominal", "title": _("Channel"), "scale": {
        "domain": [n for n, _ in icons], "range": [p for _, p in icons]}}
    colour = {"field": COLOUR_FIELD[m.colour_by], "type": "nominal",
              "title": _(LEGEND_TITLE[m.colour_by]), "scale": _colour_scale(m)}
    dash = {"field": "med", "type": "nominal", "title": _("Digital or physical"),
            "scale": {"domain": [_("Digital"), _("Physical")], "range": [[1, 0], [5, 3]]}}
    icon = {"type": "point", "aria": False, "filled": False, "strokeWidth": 1.6, "size": 150,
            "opacity": 1, "strokeJoin": "round", "strokeCap": "round", "xOffset": ICON_X,
            "yOffset": -6}
    number = {"type": "text", "aria": False, "align": "center", "baseline": "middle",
              "font": FONT, "fontSize": NUMBER_SIZE, "color": pal.FAINT, "xOffset": ICON_X,
              "yOffset": 11, "limit": TOUCHPOINT.left - 4}
    layers = [
        # a bar, not a rect: Vega-Lite draws strokeDash encodings on bars only
        _rect(m, n_rows, _card_rect(type="bar", strokeWidth=1.4, stroke=pal.MUTED),
              describe=vl.words(
                  _("Touchpoint {key}: {name}; {channel}, {medium}, owned by {owner}; feeling "
                    "{feeling}"), key="datum.k", name="datum.name", channel="datum.ch",
                  medium="lower(datum.med)", owner="datum.own", feeling="datum.feel"),
              strokeDash=dash,
              tooltip=tip, **weight),
        _label(m, n_rows, icon, color=colour, shape=shape, tooltip=tip),
        _label(m, n_rows, number, text="k", tooltip=tip),
        _card_text(m, n_rows, TOUCHPOINT, tip),
    ]
    return _lane("touchpoints", m, rows, layers, TOUCHPOINT)


def pain_lane(m: _Map) -> Json:
    rows = pain_rows(m)
    n_rows = lane_rows(rows)
    tip = vl.tooltip(rows, ("text", _("Pain point")), ("tp", _("Touchpoint")),
                     ("ev", _("Evidence")),
                     # scores beside "not scored": shown as written (as numbers: "NaN")
                     ("imp:N", _("Impact (1-5)")), ("eff:N", _("Effort (1-5)")),
                     ("dots", _("Dots")))
    layers = [
        _rect(m, n_rows, _card_rect(fill=pal.PAIN_TINT, stroke=None), tooltip=tip,
              describe=vl.words(_("Pain point: {text} (at {touchpoint}); dots: {dots}"),
                                text="datum.text", touchpoint="datum.tp", dots="datum.dots")),
        _rect(m, n_rows, _strip(pal.PAIN), x2="s", tooltip=tip),
        _card_text(m, n_rows, PAIN, tip),
        _dots(m, n_rows, pal.PAIN, tip),
    ]
    return _lane("pain_points", m, rows, layers, PAIN)


def _dots(m: _Map, n_rows: int, colour: str, tip: list[Json]) -> Json:
    """The room's dots on a card ("● 3" at its right edge), on cards that have any."""
    badge = {"type": "text", "aria": False, "align": "right", "baseline": "middle",
             "font": FONT, "fontSize": TEXT_SIZE, "fontWeight": "bold", "color": colour,
             "xOffset": -8, "limit": PAIN.right - 8}
    dots = _label(m, n_rows, badge, text="dl", x="s1", tooltip=tip)
    dots["transform"] = [{"filter": "datum.dots > 0"}, *vl.calculate(dl="'● ' + datum.dots")]
    return dots


def opportunity_lane(m: _Map) -> Json:
    rows = opportunity_rows(m)
    n_rows = lane_rows(rows)
    tip = vl.tooltip(rows, ("text", _("Opportunity")), ("tp", _("Touchpoint")),
                     ("ev", _("Evidence")),
                     ("dots", _("Dots")))
    layers = [
        _rect(m, n_rows, _card_rect(fill=pal.OPPORTUNITY_TINT, stroke=None), tooltip=tip,
              describe=vl.words(_("Opportunity: {text} (at {touchpoint}); dots: {dots}"),
                                text="datum.text", touchpoint="datum.tp", dots="datum.dots")),
        _rect(m, n_rows, _strip(pal.OPPORTUNITY), x2="s", tooltip=tip),
        _card_text(m, n_rows, IDEA, tip),
        _dots(m, n_rows, pal.OPPORTUNITY_INK, tip),
    ]
    return _lane("opportunities", m, rows, layers, IDEA)


def quote_lane(m: _Map) -> Json | None:
    rows = quote_rows(m)
    if not rows:
        return None
    n_rows = lane_rows(rows)
    tip = vl.tooltip(rows, ("q", _("Customer said")), ("src", _("Evidence for")))
    layers = [
        _rect(m, n_rows, _card_rect(fill=pal.QUOTE_TINT, stroke=pal.QUOTE_EDGE), tooltip=tip,
              describe=vl.words(_("A customer said: {quote}"), quote="datum.q")),
        _card_text(m, n_rows, QUOTE, tip, fontStyle="italic", color="#3D3A2E"),
    ]
    return _lane("quotes", m, rows, layers, QUOTE)


def backstage_lane(m: _Map) -> Json:
    rows = backstage_rows(m)
    n_rows = lane_rows(rows)
    tip = vl.tooltip(rows, ("name", _("Backstage process")), ("own", _("Owner")),
                     ("tp", _("Touchpoint")))
    strip_enc: dict[str, Any] = {"tooltip": tip}
    strip = _strip(pal.FAINT)
    if m.colour_by == "owner":
        strip = _strip(None)
        strip_enc["color"] = {"field": "own", "type": "nominal", "title": _("Owner"),
                              "scale": _colour_scale(m)}
    layers = [
        _rect(m, n_rows, _card_rect(fill=pal.BACKSTAGE_TINT, stroke=None), tooltip=tip,
              describe=vl.words(_("Backstage: {name}, owned by {owner} (behind {touchpoint})"),
                                name="datum.name", owner="datum.own", touchpoint="datum.tp")),
        _rect(m, n_rows, strip, x2="s", **strip_enc),
        _label(m, n_rows, _text(BACKSTAGE, baseline="top", yOffset=8), y="r", tooltip=tip),
        _label(m, n_rows, _text(BACKSTAGE, baseline="bottom", yOffset=-8, color=pal.MUTED,
                                fontSize=TEXT_SIZE), text="o", y="r1", tooltip=tip),
    ]
    return _lane("backstage", m, rows, layers, BACKSTAGE)


def _feeling_axis() -> Json:
    return {"values": [-2, -1, 0, 1, 2], "title": None, "domain": False, "ticks": False,
            "labelExpr": _feeling_label_expr(), "labelFont": FONT, "labelFontSize": TEXT_SIZE,
            "labelColor": pal.MUTED, "labelPadding": 8, "grid": False,
            "labelLimit": GUTTER - 16,
            "description": _("Feeling, from very negative (-2) to very positive (+2)")}


def _room_curve(m: _Map, rows: list[dict[str, Any]], y_scale: Json, axis: Json) -> Json:
    """The room's feelings: a point per rated touchpoint on a line, with its spread."""
    tip = vl.tooltip(rows, ("name", _("Touchpoint")), ("stage", _("Stage")),
                     ("m", _("Mean feeling"), "+.2f"), ("lo", _("Lowest")), ("hi", _("Highest")),
                     ("n", _("Ratings")), ("words", _("Words")))
    x, y = _x(m.n, "x"), _q("m", y_scale, axis)
    fill = {"field": "m", "type": "quantitative", "legend": None, "scale": {
        "domain": list(pal.SENTIMENT_STOPS), "range": list(pal.SENTIMENT_COLOURS)}}
    return {"data": m.data(rows), "layer": [
        _unit(None, {"type": "rule", "color": "#9AA3B2", "strokeWidth": 2, "opacity": 0.6,
                     "aria": False},
              x=x, y=_q("lo", y_scale, axis), y2={"field": "hi"}, tooltip=tip),
        _unit(None, {"type": "line", "color": pal.INK, "strokeWidth": 2,
                     "interpolate": "monotone", "aria": False}, x=x, y=y),
        _unit(None, {"type": "point", "filled": True, "size": 90, "stroke": "#FFFFFF",
                     "strokeWidth": 1.5, "opacity": 1}, vl.calculate(desc=vl.words(
                         _("Feeling at {name}: {mean} (from {low} to {high}, {n} ratings)"),
                         name="datum.name", mean="format(datum.m, '+.1f')", low="datum.lo",
                         high="datum.hi", n="datum.n")),
              x=x, y=y, fill=fill, tooltip=tip,
              description={"field": "desc", "type": "nominal"}),
        _unit(None, {"type": "text", "aria": False, "baseline": "bottom", "font": FONT,
                     "fontSize": NUMBER_SIZE, "color": pal.FAINT, "yOffset": -2,
                     "limit": COLUMN - 8},
              x=x, y=_datum(FEELING_DOMAIN[0], y_scale, axis),
              text={"field": "k", "type": "nominal"}, tooltip=tip),
    ]}


def emotion_lane(m: _Map) -> Json:
    rows = emotion_rows(m)
    y_scale = vl.scale(FEELING_DOMAIN)
    axis = _feeling_axis()
    zero = _unit(m.one(), {"type": "rule", "color": pal.FAINT, "strokeWidth": 1,
                                   "aria": False},
                 y=_datum(0, y_scale, axis))
    parts: list[Json] = [_stripes(m), zero, _lane_name("emotions", m, y_scale,
                                                       FEELING_DOMAIN[1], axis)]
    if rows and m.workshop.consensus:  # a map merged from several rooms: where they disagree
        rated = [i for i in m.placed if i in m.stats]
        bars = cx.between_rooms(m.workshop, m.persona_id, rated, rows, y_scale, axis,
                                _x(m.n, "x"), m.data)
        parts += [bars] if bars is not None else []
    if rows:
        parts.append(_room_curve(m, rows, y_scale, axis))
    else:
        empty = _placeholder("emotions", m, 1)
        empty["encoding"]["y"] = _datum(1.6, y_scale, axis)
        parts.append(empty)
    if said := customer_rows(m):
        parts.append(_customer_layer(m, said, y_scale, axis))
    return {"layer": parts, "width": m.n * COLUMN, "height": EMOTION_HEIGHT}


def _feeling_label_expr() -> str:
    parts = [f"datum.value == {v} ? {vl.quoted(_(w))}" for v, w in FEELING_WORDS.items()]
    return " : ".join(parts) + " : ''"


def visibility_lane(m: _Map) -> Json:
    """The dashed line of visibility; its three marks share the one-row table, which
    therefore sits on the lane (as Altair puts a table every layer shares)."""
    x_scale, y_scale = _x_scale(m.n), vl.scale([0, 1])
    line = _unit(None, {"type": "rule", "color": pal.MUTED, "strokeDash": [8, 5],
                        "strokeWidth": 1.5, "aria": False},
                 x=_datum(0, x_scale), x2={"datum": m.n}, y=_datum(0.5, y_scale))
    note = _unit(None, {"type": "text", "align": "left", "baseline": "bottom", "font": FONT,
                        "fontSize": TEXT_SIZE, "fontStyle": "italic", "color": pal.MUTED,
                        "xOffset": 8, "yOffset": -3, "limit": m.n * COLUMN - 16},
                 x=_datum(0, x_scale), y=_datum(0.5, y_scale),
                 text={"value": _(VISIBILITY_NOTE) if m.n > 1 else _(VISIBILITY_NOTE_SHORT)})
    name = _lane_name("visibility", m, y_scale, 0.85)
    del name["data"]
    return {"layer": [line, note, name], "data": m.one(), "width": m.n * COLUMN,
            "height": VISIBILITY_HEIGHT}


def key_lines(notes: Sequence[dict[str, Any]], chars: int) -> list[list[str]]:
    """Each shortened text as lines of about `chars` characters: "[3] Pain point,
    Delivery: the whole text"."""
    return [textwrap.wrap(f"[{n['ref']}] {n['what']}" + (
        f", {n['stage']}" if n["what"] != "Stage" else "") + f": {n['text']}", chars,
        break_long_words=True, subsequent_indent="    ") for n in notes]


def key_lane(m: _Map) -> Json | None:
    """The full text of every card that had to be shortened, in columns under the map,
    each entry numbered as its card ("…[3]"). Nothing when no card was shortened."""
    if not m.notes:
        return None
    width = m.n * COLUMN
    columns = max(1, width // KEY_COLUMN)
    entries = key_lines(m.notes, int(width / columns / (TEXT_SIZE * GLYPH)) - 2)
    per_column = -(-sum(len(e) for e in entries) // columns)
    rows: list[dict[str, Any]] = []
    column, line = 0, 0
    for entry in entries:
        if line and line + len(entry) > per_column and column < columns - 1:
            column, line = column + 1, 0
        rows += [{"c": round(column * m.n / columns, 4), "y": line + i, "t": text}
                 for i, text in enumerate(entry)]
        line += len(entry)
    height = max(r["y"] for r in rows) + 1
    y_scale = vl.scale([0, height], reverse=True)
    text = _unit(m.data(rows), {"type": "text", "align": "left", "baseline": "top",
                                "font": FONT, "fontSize": TEXT_SIZE, "color": pal.INK,
                                "limit": width / columns - 12, "aria": False},
                 x=_x(m.n, "c"),
                 y=_q("y", y_scale), text={"field": "t", "type": "nominal"})
    name = _lane_name("key", m, y_scale, 0)
    return {"layer": [name, text], "width": width, "height": height * KEY_LINE}


def cut_texts(spec: Json) -> list[str]:
    """The key's lines in a drawn map spec (empty when no card was shortened)."""
    return [row["t"] for name, rows in spec.get("datasets", {}).items()
            for row in rows if isinstance(row, dict) and set(row) == {"c", "y", "t"}]


# ---------------------------------------------------------------------------- the map


def _title(persona: Persona | None, width: int) -> Json:
    chars = max(20, int(width / (22 * GLYPH)))
    if persona is None:
        text, subtitle = [_("Journey map: no persona yet")], wrap(
            _("Agree on a persona in {step} to see whose journey this is.").format(
                step=step("persona").ref), chars * 2, 2)
    else:
        # "Sam, the busy parent · Works full time": the role is a sentence of its own
        who = f"{persona.name} · {persona.role}" if persona.role else persona.name
        text = wrap(who, chars, 2)
        subtitle = wrap(f"“{persona.quote}”", int(chars * 1.5), 3) if persona.quote else []
    title = {"text": text, "anchor": "start", "font": FONT, "fontSize": 22, "color": pal.INK,
             "subtitleFont": FONT, "subtitleFontSize": 14, "subtitleFontStyle": "italic",
             "subtitleColor": pal.MUTED, "offset": 14, "limit": width, "subtitlePadding": 6}
    if subtitle:
        title["subtitle"] = subtitle
    return title


def _check_colour_by(colour_by: str) -> None:
    if colour_by not in COLOUR_BY:
        allowed = ", ".join(repr(c) for c in COLOUR_BY)
        raise InvalidInput(f"colour_by must be one of {allowed}, not {colour_by!r}")


def empty_map(message: str = EMPTY_MESSAGE) -> vl.Spec:
    """The small chart shown before there is anything to draw."""
    data = vl.Datasets()
    spec = {"data": data.ref(ONE_ROW), "mark": {
        "type": "text", "font": FONT, "fontSize": 15, "color": pal.MUTED, "limit": 400},
        "encoding": {"text": {"value": _(message)}}, "width": 420, "height": 80,
        "title": {"text": _("Journey map"), "anchor": "start", "font": FONT, "fontSize": 20,
                  "color": pal.INK},
        "config": {"view": {"stroke": None}}}
    return vl.Spec(vl.top_level(spec, data), key=f"empty:{current()}:{message}")


#: Workshop fields the map reads; nothing else of a workshop changes it (a test holds
#: every other field to that), so they, the persona, the colouring and the customers'
#: feelings are the key a map is cached under.
MAP_INPUTS = frozenset({"personas", "stages", "touchpoints", "emotions", "pain_points",
                        "opportunities", "backstage", "votes", "consensus"})
CACHE_SIZE = 4  # a few colourings and personas; a sample-sized map is ~0.2 MB
_cache: OrderedDict[str, vl.Spec] = OrderedDict()


def map_key(workshop: Workshop, persona_id: str | None, colour_by: str,
            customers: dict[str, CustomerStat] | None) -> str:
    """A digest of exactly what the map is drawn from (and the language it speaks)."""
    digest = hashlib.blake2b(workshop.model_dump_json(include=set(MAP_INPUTS)).encode(),
                             digest_size=16)
    digest.update(repr((persona_id, colour_by, customers, current())).encode())
    return digest.hexdigest()


def journey_map(workshop: Workshop, persona_id: str | None = None, *,
                colour_by: str = "channel",
                customers: dict[str, CustomerStat] | None = None) -> vl.Spec:
    """The journey map of `workshop`, drawn for one persona (the agreed one by default).

    `colour_by` colours the touchpoints by "channel", "owner" or "sentiment" (the mean
    feeling). `customers` (from `validation.customer_stats`) adds what customers said in a
    validation round as a second, dashed curve. A workshop with no stages or no placed
    touchpoint gets a short note instead. The last few maps are kept by what they were
    drawn from (`map_key`), so a screen redrawn after an edit elsewhere gets the same map
    back for the cost of the key.
    """
    _check_colour_by(colour_by)
    key = map_key(workshop, persona_id, colour_by, customers)
    if key in _cache:
        _cache.move_to_end(key)
        return _cache[key]
    chart = build_map(workshop, persona_id, colour_by=colour_by, customers=customers)
    chart.key = key
    _cache[key] = chart
    while len(_cache) > CACHE_SIZE:
        _cache.popitem(last=False)
    return chart


def build_map(workshop: Workshop, persona_id: str | None = None, *,
              colour_by: str = "channel",
              customers: dict[str, CustomerStat] | None = None,
              live: str | None = None) -> vl.Spec:
    """`journey_map` without its cache: the map drawn afresh. `live` (a seat's author
    id) gives every card the id of what it shows (`_Map.tag`), for the live map."""
    _check_colour_by(colour_by)
    m = _prepare(workshop, persona_id, colour_by, customers)
    m.live = live
    if not m.n or not m.placed:
        return empty_map()
    lanes = [stage_lane(m), touchpoint_lane(m), emotion_lane(m), pain_lane(m),
             opportunity_lane(m), quote_lane(m), visibility_lane(m), backstage_lane(m)]
    lanes.append(key_lane(m))  # last: it lists what the lanes above had to shorten
    title = _title(m.persona, GUTTER + m.n * COLUMN)
    if workshop.consensus:
        title = cx.titled(title, workshop, int((GUTTER + m.n * COLUMN) / 8))
    spec = {
        "config": _config(m.n), "vconcat": [lane for lane in lanes if lane is not None],
        "resolve": {"scale": {"x": "independent", "y": "independent", "color": "shared",
                              "shape": "shared", "strokeDash": "shared",
                              "fill": "independent"}},
        "spacing": 8, "title": title}
    return vl.Spec(vl.top_level(spec, m.datasets))


def natural_width(spec: Json) -> int:
    """How wide a drawn map is at 100%, px (its stage columns, the lane names, padding)."""
    lanes = spec.get("vconcat") or [spec]
    return int(max(lane.get("width", 0) for lane in lanes)) + GUTTER + 32


@dataclass(frozen=True)
class StageLanes:
    """One stage of the map, lane by lane, its texts whole: the map of a phone or a
    projector, one stage at a time. The same rows as the map's, so the numbers, dots and
    owners are the map's own."""

    index: int
    name: str
    touchpoints: list[dict[str, Any]]
    pain_points: list[dict[str, Any]]
    opportunities: list[dict[str, Any]]
    quotes: list[dict[str, Any]]
    backstage: list[dict[str, Any]]


def stage_lanes(workshop: Workshop, persona_id: str | None = None,
                live: str | None = None) -> list[StageLanes]:
    """Every stage of the map of `workshop` (for one persona), in journey order; for the
    live map of seat `live`, each row also carries its id and whether that seat added it."""
    m = _prepare(workshop, persona_id, "channel")
    m.live = live
    if not m.n:
        return []
    lanes = {"touchpoints": touchpoint_rows(m), "pain_points": pain_rows(m),
             "opportunities": opportunity_rows(m), "quotes": quote_rows(m),
             "backstage": backstage_rows(m)}
    return [StageLanes(s, name, **{lane: [r for r in rows if r["s"] == s]
                                   for lane, rows in lanes.items()})
            for s, name in enumerate(m.stage_names)]


def _config(n: int) -> Json:
    legend = {"orient": "bottom", "direction": "horizontal", "titleFont": FONT,
              "labelFont": FONT, "titleFontSize": 14, "labelFontSize": TEXT_SIZE,
              "titleColor": pal.INK, "labelColor": pal.MUTED, "symbolStrokeWidth": 1.6,
              "columns": max(2, n * COLUMN // 170), "labelLimit": 140}
    return {"padding": 16, "background": "#FFFFFF", "font": FONT, "legend": legend,
            "view": {"stroke": None}, "concat": {"spacing": 8}}
