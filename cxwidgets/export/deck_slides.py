"""What the sponsor's deck says, slide by slide, as plain data (`deck.py` lays it out).

A workshop ends in a meeting with the people who fund the changes. Their deck says, in
this order: the title and purpose; who was in the room, by function; the persona(s); the
journey map; one slide per stage (touchpoints and how they feel, pain points with their
evidence and counts, opportunities); the top priorities and the dots behind them; the
action plan and the goals each action serves; what customers said against what the room
assumed; the diagnosis by function; the next review. What does not fit on a slide goes
into its speaker notes; a list longer than a slide holds goes on over continuation
slides, never off the slide's edge.

Sizes are estimated from the text (characters per line for a font size and a column
width), so pagination needs no renderer; `deck.py` uses the same sizes when it draws.
Pure functions of the model: no files, no slide library.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field, replace

from cxwidgets.charts import palette as pal
from cxwidgets.language import (
    LANGUAGES,
    N_,
    _,
    current,
    format_date,
    format_decimal,
    pgettext,
)
from cxwidgets.method import checks
from cxwidgets.method import views as J
from cxwidgets.method import words as L
from cxwidgets.method.diagnosis import AreaScore, by_function
from cxwidgets.method.model import Function, Persona, Stage, VoteKind, Workshop
from cxwidgets.method.plan import CLOSED, alignment, is_overdue
from cxwidgets.method.priorities import dots, rank
from cxwidgets.method.steps import step_of
from cxwidgets.method.validation import (
    CustomerStat,
    gaps,
    latest_customer_stats,
    respondents,
)

#: The slide, in inches (16:9); a company template brings its own size.
WIDTH, HEIGHT = 13.333, 7.5
#: Where the body of a content slide sits below its title, in inches.
MARGIN, BODY_TOP, BODY_BOTTOM = 0.5, 1.45, 7.0
#: Font sizes, in points.
BODY, SMALL, HEADING = 14, 11, 16
#: Average width of a character of Arial (and Liberation Sans) in running text, in ems,
#: a little generous so a line estimated to fit does fit; bold text is this much wider.
CHAR_EM, BOLD = 0.5, 1.1
#: Line height, in font sizes.
LEADING = 1.25
#: What a table cell adds to its lines, in points (measured on LibreOffice's rendering).
CELL_PADDING = 14
#: Ranked items the priorities slide lists, and characters a quote keeps on a slide.
TOP, QUOTE_MAX = 10, 180


@dataclass(frozen=True)
class Run:
    """A piece of text in one style."""

    text: str
    bold: bool = False
    italic: bool = False
    colour: str | None = None
    size: int | None = None


@dataclass(frozen=True)
class Para:
    """A paragraph: runs of text, a bullet level (0: none) and a font size."""

    runs: tuple[Run, ...]
    level: int = 0
    size: int = BODY
    space_before: int = 0
    #: the bullet's colour (a feeling's colour); None: the kit's muted grey
    marker: str | None = None

    @property
    def text(self) -> str:
        return "".join(r.text for r in self.runs)

    def height(self, width: float) -> float:
        """Inches this paragraph takes in a column `width` inches wide (bold and larger
        runs counted as the room they take)."""
        text = self.text
        weight = sum(len(r.text) * (BOLD if r.bold else 1.0) * (r.size or self.size)
                     for r in self.runs) / self.size
        wider = weight / len(text) if text else 1.0
        return (lines(text, width - 0.3 * self.level, self.size, wider) * self.size * LEADING
                + self.space_before) / 72


def para(*parts: str | Run, level: int = 0, size: int = BODY, space_before: int = 0,
         marker: str | None = None) -> Para:
    return Para(tuple(Run(p) if isinstance(p, str) else p for p in parts), level, size,
                space_before, marker)


def heading(text: str, colour: str = pal.HEADER) -> Para:
    return Para((Run(text, bold=True, colour=colour, size=HEADING),), 0, HEADING, 8)


def is_heading(p: Para) -> bool:
    return p.level == 0 and p.runs[0].size == HEADING


def lines(text: str, width: float, size: int, wider: float = 1.0) -> int:
    """Lines `text` wraps to, word by word, in a column `width` inches wide at `size`
    points; `wider` for text wider than running text (bold: `BOLD`)."""
    per_line = max(8, int(width * 72 / (size * CHAR_EM * wider)))
    count = 0
    for part in text.split("\n"):
        count += 1
        used = 0
        for word in part.split(" "):
            while len(word) > per_line:  # a word longer than a line breaks anywhere
                count += used > 0
                word, used = word[per_line:], 0
                count += 1 if word else 0
            if used and used + 1 + len(word) > per_line:
                count, used = count + 1, len(word)
            else:
                used += (1 if used else 0) + len(word)
    return count


@dataclass(frozen=True)
class Table:
    headers: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]
    #: share of the width each column takes
    widths: tuple[float, ...]
    #: per row, the colour of a chip in front of it (what kind of row it is); None: none
    marks: tuple[str | None, ...] = ()
    size: int = 12
    #: share of the body's width the table takes
    width: float = 1.0

    def row_height(self, row: Sequence[str], width: float, header: bool = False) -> float:
        wider = BOLD if header else 1.0
        tallest = max(lines(c, width * w - 0.2, self.size, wider) for c, w in
                      zip(row, self.widths, strict=True))
        return (tallest * self.size * LEADING + CELL_PADDING) / 72


@dataclass
class Slide:
    """One slide: a title and one of a picture, a table or columns of paragraphs."""

    title: str
    kind: str = "text"  # "title", "text", "table" or "picture"
    columns: list[list[Para]] = field(default_factory=list)
    table: Table | None = None
    #: paragraphs above a table (what it shows, how many)
    lead: list[Para] = field(default_factory=list)
    picture: bytes = b""
    alt: str = ""
    notes: str = ""


@dataclass(frozen=True)
class Facts:
    """What the slides are built from, gathered once."""

    workshop: Workshop
    persona: Persona | None
    today: dt.date
    #: loads the workshop as a named version was saved (a validation round's version)
    version: Callable[[str], Workshop]
    map_png: bytes = b""


def body_height() -> float:
    return BODY_BOTTOM - BODY_TOP


def paginate(column: list[Para], width: float, height: float) -> list[list[Para]]:
    """Split a column into pages that each fit `height` inches. A heading is never left
    alone at the foot of a page, and a list split over two pages has its heading again,
    "(continued)", on the second."""
    pages: list[list[Para]] = [[]]
    used = 0.0
    last: Para | None = None
    for p in column:
        need = p.height(width)
        if pages[-1] and used + need > height:
            if is_heading(pages[-1][-1]):
                carry = [pages[-1].pop()]
            elif last is not None and not is_heading(p):
                carry = [Para((replace(last.runs[0], text=continued(last.text, 1)),),
                              0, HEADING, 0)]
            else:
                carry = []
            pages.append(carry)
            used = sum(c.height(width) for c in carry)
        if is_heading(p):
            last = p
        pages[-1].append(p)
        used += need
    return pages


def continued(title: str, n: int) -> str:
    return title if n == 0 else _("{title} (continued)").format(title=title)


def text_slides(title: str, columns: Sequence[list[Para]], notes: str = "",
                height: float | None = None) -> list[Slide]:
    """Columns of paragraphs over as many slides as they need, side by side."""
    width = (WIDTH - 2 * MARGIN - 0.4 * (len(columns) - 1)) / len(columns)
    paged = [paginate(c, width, height or body_height()) for c in columns]
    count = max(len(p) for p in paged)
    return [Slide(continued(title, n), columns=[p[n] if n < len(p) else [] for p in paged],
                  notes=notes) for n in range(count)]


def table_slides(title: str, table: Table, lead: list[Para] | None = None,
                 notes: str = "") -> list[Slide]:
    """A table over as many slides as its rows need; each slide repeats the header."""
    lead = lead or []
    width = (WIDTH - 2 * MARGIN) * table.width
    # the lead goes on the first slide only, with the gap the drawing leaves below it
    room = body_height() - sum(p.height(WIDTH - 2 * MARGIN) for p in lead) - 0.15 * bool(lead)
    header = table.row_height(table.headers, width, header=True)
    slides: list[Slide] = []
    rows: list[int] = []
    used = header
    for n, row in enumerate(table.rows):
        need = table.row_height(row, width)
        if rows and used + need > room:
            slides.append(_table_page(title, table, rows, lead, notes, len(slides)))
            rows, used, room = [], header, body_height()
        rows.append(n)
        used += need
    slides.append(_table_page(title, table, rows, lead, notes, len(slides)))
    return slides


def _table_page(title: str, table: Table, rows: list[int], lead: list[Para], notes: str,
                n: int) -> Slide:
    page = replace(table, rows=tuple(table.rows[i] for i in rows),
                   marks=tuple(table.marks[i] for i in rows) if table.marks else ())
    return Slide(continued(title, n), kind="table", table=page, lead=lead if n == 0 else [],
                 notes=notes)


#: The title of the slides that set customers' answers against the room's feelings.
SAID = N_("What customers said and what the room assumed")


def of_five(mean: float) -> str:
    """A score of the diagnosis: "3.4 of 5", "3,4 von 5"."""
    return _("{score} of 5").format(score=format_decimal(mean, digits=1))


def percent(share: float) -> str:
    """A share as the locale writes a percentage ("40%", "40 %")."""
    from babel.numbers import format_percent  # lazy: Babel, at the first share written

    return str(format_percent(share, locale=current() if current() in LANGUAGES else "en"))


def muted(text: str, size: int = SMALL) -> Run:
    return Run(text, colour=pal.MUTED, size=size)


def quote(text: str) -> str:
    text = " ".join(text.split())
    return f"“{text[:QUOTE_MAX].rstrip()}…”" if len(text) > QUOTE_MAX else f"“{text}”"


def feeling_colour(mean: float | None) -> str:
    level = pal.sentiment_level(mean)
    if level == pal.NOT_RATED:
        return pal.NOT_RATED_COLOUR
    return pal.SENTIMENT_COLOURS[pal.SENTIMENT_LEVELS.index(level)]


# ---------------------------------------------------------------------- the slides


def title_slide(f: Facts, covered: list[str], missing: list[str]) -> Slide:
    w = f.workshop
    dates = ", ".join(format_date(d) for d in w.dates)
    lines_ = [para(Run(f"{L.label(L.PURPOSE, w.purpose.kind)}: ", bold=True),
                   w.purpose.statement or _("no purpose written down yet"), size=18)]
    if w.scope or dates:
        lines_.append(para(muted(" · ".join(x for x in (w.scope, dates) if x), 14),
                           space_before=10))
    notes = [_("Customer purpose: {purpose}").format(purpose=w.customer_purpose)
             if w.customer_purpose else "",
             _("In this deck: {sections}.").format(sections="; ".join(covered)),
             _("Not done yet, so not in this deck: {sections}.").format(
                 sections="; ".join(missing)) if missing else ""]
    return Slide(w.title, kind="title", columns=[lines_],
                 notes="\n".join(n for n in notes if n))


def room_slides(f: Facts) -> list[Slide]:
    """Who was in the room, by function (a consensus map: every room's people)."""
    w = f.workshop
    counts: dict[Function, int] = {}
    if w.consensus is not None:
        for room in w.consensus.rooms:
            for fn, n in room.functions.items():
                counts[fn] = counts.get(fn, 0) + n
    else:
        for p in w.participants:
            counts[p.function] = counts.get(p.function, 0) + 1
    if not counts:
        return []
    total = sum(counts.values())
    rows = sorted(counts.items(), key=lambda kv: (-kv[1], L.label(L.FUNCTION, kv[0])))
    table = Table((_("Function"), _("People")), tuple(
        (L.label(L.FUNCTION, fn), format_decimal(n)) for fn, n in rows), (0.75, 0.25),
        tuple(pal.OWNER_COLOURS[fn] for fn, _ in rows), size=14, width=0.45)
    functions = L.count(len(counts), "function")
    lead = [para(Run(L.count(total, "person", "people"), bold=True), " " + (
        _("from {functions} in {rooms}.").format(functions=functions,
                                                 rooms=L.count(len(w.consensus.rooms), "room"))
        if w.consensus is not None else _("from {functions}.").format(functions=functions)))]
    names: dict[str, list[str]] = {}
    for p in w.participants:
        names.setdefault(L.label(L.FUNCTION, p.function), []).append(p.name)
    notes = "\n".join(_("{function}: {people}").format(function=fn, people=", ".join(ns))
                      for fn, ns in sorted(names.items()))
    return table_slides(_("Who was in the room"), table, lead, notes)


def persona_slides(f: Facts) -> list[Slide]:
    people = J.agreed_personas(f.workshop) or ([f.persona] if f.persona else [])
    slides: list[Slide] = []
    for p in people:
        who = " · ".join(x for x in (p.role, p.segment) if x)
        left = [para(Run(who, bold=True))] if who else []
        if p.quote:
            left.append(para(Run(quote(p.quote), italic=True, colour=pal.INK), size=16,
                             space_before=8))
        if p.channels:
            left.append(para(muted(_("Channels: {channels}").format(channels=", ".join(
                L.label(L.CHANNEL, c) for c in p.channels)), 12), space_before=8))
        right: list[Para] = []
        for label, items in ((_("Goals"), p.goals), (_("Needs"), p.needs),
                             (_("Frustrations"), p.frustrations)):
            if items:
                right += [heading(label), *[para(i, level=1) for i in items]]
        notes = "\n".join(x for x in (p.background, "" if p.agreed else
                                      _("A draft persona: the room has not agreed it yet."))
                          if x)
        slides += text_slides(_("Persona: {name}").format(name=p.name), [left, right], notes)
    return slides


def map_slide(f: Facts) -> list[Slide]:
    if not f.map_png:
        return []
    w = f.workshop
    stages = "; ".join(f"{s.name} ({L.count(len(tps), 'touchpoint')})" for s, tps in zip(
        J.ordered_stages(w), J.touchpoints_by_stage(w).values(), strict=True))
    if f.persona:
        title = _("The journey map for {persona}").format(persona=f.persona.name)
        alt = _("Journey map of {title} for {persona}: stages {stages}").format(
            title=w.title, persona=f.persona.name, stages=stages)
    else:
        title = _("The journey map")
        alt = _("Journey map of {title}: stages {stages}").format(title=w.title, stages=stages)
    return [Slide(title, kind="picture", picture=f.map_png, alt=alt,
                  notes=_("Stages, in order: {stages}. Read each column top to bottom: "
                          "touchpoints, how they feel, pain points, opportunities, what "
                          "customers say, and the backstage work that makes it "
                          "happen.").format(stages=stages))]


def _touchpoint_paras(f: Facts, stage: Stage) -> list[Para]:
    w = f.workshop
    pid = f.persona.id if f.persona else None
    rated = J.emotion_stats(w, pid)
    customers = latest_customer_stats(w) or {}
    out = [heading(_("Touchpoints and how they feel"))]
    for t in J.touchpoints_by_stage(w).get(stage.id, []):
        out.append(para(Run(t.name, bold=True), muted(
            f"   {L.label(L.CHANNEL, t.channel)} · {L.label(L.FUNCTION, t.owner)}"),
            space_before=4))
        stat = rated.get(t.id)
        if stat is None:
            out.append(para(muted(_("Not rated yet"), 12), level=1, size=12))
        else:
            said = f" ({', '.join(stat.words[:3])})" if stat.words else ""
            out.append(para(_("{feeling}: {mean} from {ratings}").format(
                feeling=_(pal.sentiment_level(stat.mean)), mean=L.signed(stat.mean),
                ratings=L.count(stat.n, "rating")) + said, level=1, size=12,
                marker=feeling_colour(stat.mean)))
        c = customers.get(t.id)
        if c is not None and c.mean is not None:
            out.append(para(_("Customers said {mean} from {answers}").format(
                mean=L.signed(c.mean), answers=L.count(c.rated, "answer")), level=1, size=12,
                marker=feeling_colour(c.mean)))
    return out


def _pain_paras(f: Facts, stage: Stage) -> tuple[list[Para], list[str]]:
    w = f.workshop
    pid = f.persona.id if f.persona else None
    here = {t.id: t.name for t in J.touchpoints_by_stage(w).get(stage.id, [])}
    totals = dots(w)
    pains = sorted((p for p in J.for_persona(w.pain_points, pid) if p.touchpoint_id in here),
                   key=lambda p: -totals.get(p.id, 0))
    ideas = sorted((o for o in J.for_persona(w.opportunities, pid) if o.touchpoint_id in here),
                   key=lambda o: -totals.get(o.id, 0))
    out: list[Para] = [heading(f"{_('Pain points')} ({len(pains)})", pal.PAIN)] if pains else []
    notes: list[str] = []
    for p in pains:
        counts = "   " + _("{dots} · {evidence} · at {touchpoint}").format(
            dots=L.count(totals.get(p.id, 0), "dot"),
            evidence=L.count(len(p.evidence), "piece of evidence", "pieces of evidence"),
            touchpoint=here[p.touchpoint_id])
        out.append(para(Run(p.text, bold=True), muted(counts), level=1, space_before=4))
        if p.evidence:
            out.append(para(Run(quote(p.evidence[0]), italic=True), level=2, size=12))
        notes.append(_("Pain point: {text}").format(text=p.text)
                     + (f". {p.detail}" if p.detail else "")
                     + "".join(f"\n  - {e}" for e in p.evidence))
    if ideas:
        out.append(heading(f"{_('Opportunities')} ({len(ideas)})", pal.OPPORTUNITY))
    for o in ideas:
        scored = (" · " + _("impact {impact}, effort {effort}").format(
            impact=o.impact, effort=o.effort)
            if o.impact is not None and o.effort is not None else "")
        out.append(para(Run(o.text, bold=True), muted(
            f"   {L.count(totals.get(o.id, 0), 'dot')}{scored}"), level=1, space_before=4))
        if o.detail or o.evidence:
            notes.append(_("Opportunity: {text}").format(text=o.text)
                         + (f". {o.detail}" if o.detail else "")
                         + "".join(f"\n  - {e}" for e in o.evidence))
    if not out:
        out = [para(muted(_("No pain points or opportunities here yet."), BODY))]
    return out, notes


def stage_slides(f: Facts) -> list[Slide]:
    w = f.workshop
    stages = J.ordered_stages(w)
    slides: list[Slide] = []
    for n, s in enumerate(stages, start=1):
        left = _touchpoint_paras(f, s)
        right, notes = _pain_paras(f, s)
        backstage = [_("Backstage: {process} ({owner})").format(
                         process=b.name, owner=L.label(L.FUNCTION, b.owner))
                     for t in J.touchpoints_by_stage(w).get(s.id, [])
                     for b in w.backstage if b.touchpoint_id == t.id]
        about = [s.description] if s.description else []
        slides += text_slides(_("Stage {n} of {count}: {stage}").format(
                                  n=n, count=len(stages), stage=s.name), [left, right],
                              "\n".join([*about, *notes, *backstage]))
    return slides


def priority_slides(f: Facts) -> list[Slide]:
    ranked = rank(f.workshop)[:TOP]
    if not ranked:
        return []
    table = Table(("#", _("Priority"), _("Kind"), _("Touchpoint"), _("Dots"), _("Impact"),
                   _("Effort")), tuple(
        (str(r.rank), r.text, r.kind, r.touchpoint, str(r.dots), _num(r.impact),
         _num(r.effort)) for r in ranked), (0.05, 0.42, 0.12, 0.22, 0.07, 0.06, 0.06),
        tuple(pal.PAIN if r.collection == "pain_points" else pal.OPPORTUNITY for r in ranked))
    voters = {v.voter or v.created_by for v in f.workshop.votes if v.kind == VoteKind.dot}
    spent = sum(dots(f.workshop).values())
    lead = [para(_("The room's {dots} from {people}: most dots first; equal dots, higher "
                   "impact first, then less effort.").format(
        dots=L.count(spent, "dot"), people=L.count(len(voters), "person", "people")))]
    notes = "\n".join(f"#{r.rank} {r.text}: {r.why}" for r in ranked if r.why)
    return table_slides(_("Top priorities"), table, lead, notes)


def _num(value: int | None) -> str:
    return "-" if value is None else str(value)


def action_slides(f: Facts) -> list[Slide]:
    w = f.workshop
    if not w.actions:
        return []
    goals = {g.id: g.title for g in w.goals}
    actions = sorted(w.actions, key=lambda a: a.due)
    late = [is_overdue(a, f.today) for a in actions]
    table = Table((_("Action"), _("Owner"), _("Due"), _("Status"), _("Serves")), tuple(
        (a.title, f"{a.owner} ({L.label(L.FUNCTION, a.function)})", format_date(a.due),
         _("Overdue") if overdue else L.word(a.status),
         "; ".join(goals[g] for g in a.goal_ids if g in goals) or _("no goal yet"))
        for a, overdue in zip(actions, late, strict=True)),
        (0.34, 0.2, 0.1, 0.1, 0.26), tuple("#B00020" if x else None for x in late))
    lead = [para(_("{actions}, {late} overdue on {date}.").format(
        actions=L.count(len(actions), "action"), late=format_decimal(sum(late)),
        date=format_date(f.today)))] if any(late) else []
    index = J.element_index(w)
    notes = "\n".join(_("{action}: answers {items}").format(action=a.title, items="; ".join(
        index[i].title for i in a.linked_ids if i in index))
        for a in actions if any(i in index for i in a.linked_ids))
    return table_slides(_("Action plan"), table, lead, notes) + _goal_slides(f)


def _goal_slides(f: Facts) -> list[Slide]:
    w = f.workshop
    if not w.goals:
        return []
    aligned = alignment(w)
    column: list[Para] = []
    for g in sorted(w.goals, key=lambda g: not g.is_vision):
        label = (_("Vision: {title}").format(title=g.title) if g.is_vision else g.title) + (
            f" ({g.kpi})" if g.kpi else "")
        serving = [i for i in aligned.items if g.id in i.goal_ids]
        column.append(heading(label))
        column += [para(f"{i.kind}: {i.text}", level=1, size=12) for i in serving] or [
            para(muted(_("Nothing serves this goal yet."), 12), level=1, size=12)]
    if aligned.unaligned:
        column.append(heading(_("Serving no goal yet"), pal.PAIN))
        column += [para(f"{i.kind}: {i.text}", level=1, size=12) for i in aligned.unaligned]
    return text_slides(_("The goals each action serves"), [column])


def customer_slides(f: Facts) -> list[Slide]:
    """What customers said against what the room assumed, per answered round."""
    w = f.workshop
    answered = [r for r in w.rounds if respondents(w, r.id)]
    if not answered:
        return text_slides(_(SAID), [[para(_(
            "No customer has answered a validation round yet: every feeling on the map is "
            "still the room's assumption.")), para(muted(_(
                "Open a round at {step} and send customers its link before the next "
                "review.").format(step=_rounds_step()), BODY), space_before=8)]])
    slides: list[Slide] = []
    for r in answered:
        shown = f.version(r.version)
        rows = gaps(r, shown, w)
        table = Table((_("Touchpoint"), _("Stage"), _("Room assumed"), _("Customers said"),
                       _("Gap"), _("Not like this")), tuple(
            (g.touchpoint, g.stage,
             "-" if g.room is None else f"{L.signed(g.room)} ({format_decimal(g.room_n)})",
             _customers(g.customers), "-" if g.difference is None else L.signed(g.difference),
             percent(g.customers.share_not_like_this) if g.customers and g.customers.answered
             else "-") for g in rows), (0.3, 0.18, 0.14, 0.16, 0.08, 0.14),
            tuple(pal.CUSTOMERS if g.difference is not None and abs(g.difference) >= 1
                  else None for g in rows))
        lead = [para((_("{customers} answered “{round}” about the version “{version}”.")
                      if r.version else _("{customers} answered “{round}”.")).format(
            customers=L.count(respondents(w, r.id), "customer"), round=r.title,
            version=r.version) + " " + _("Largest gaps first; feelings from -2 to +2."))]
        notes = "\n".join(f"{g.touchpoint}: " + " | ".join(g.customers.comments)
                          for g in rows if g.customers and g.customers.comments)
        slides += table_slides(_(SAID), table, lead, notes)
    return slides


def _rounds_step() -> str:
    found = step_of("rounds")
    return found.ref if found is not None else _("step 14")


def _customers(stat: CustomerStat | None) -> str:
    if stat is None or not stat.answered:
        return _("no answers")
    if stat.mean is None:
        return _("not rated ({answers})").format(answers=format_decimal(stat.answered))
    return f"{L.signed(stat.mean)} ({format_decimal(stat.rated)})"


def diagnosis_slides(f: Facts) -> list[Slide]:
    scores = by_function(list(f.workshop.diagnosis))
    if not scores:
        return []
    by_fn: dict[Function, list[AreaScore]] = {}
    for s in scores:
        by_fn.setdefault(s.function, []).append(s)
    rows = []
    for fn, areas in by_fn.items():
        answers = sum(a.answers for a in areas)
        mean = sum(a.mean * a.answers for a in areas) / answers
        weakest, strongest = areas[0], areas[-1]  # `by_function` sorts weakest first
        rows.append((mean, fn, (L.label(L.FUNCTION, fn), of_five(mean),
                                f"{_(weakest.area)} ({format_decimal(weakest.mean, digits=1)})",
                                f"{_(strongest.area)} ({format_decimal(strongest.mean, digits=1)})",
                                format_decimal(answers))))
    rows.sort(key=lambda r: (r[0], r[1].value))
    table = Table((_("Function"), _("Customer orientation"), _("Weakest area"),
                   _("Strongest area"), pgettext("count", "Answers")), tuple(r[2] for r in rows),
                  (0.24, 0.2, 0.22, 0.22, 0.12),
                  tuple(pal.OWNER_COLOURS[r[1]] for r in rows))
    lead = [para(_("How customer-oriented each function says the company is (5: most), "
                   "the function furthest from the customer first."))]
    notes = "\n".join(f"{L.label(L.FUNCTION, s.function)} · {_(s.area)}: {of_five(s.mean)} "
                      f"({L.count(s.answers, 'answer')})" for s in scores)
    return table_slides(_("Diagnosis by function"), table, lead, notes)


def review_slides(f: Facts) -> list[Slide]:
    w = f.workshop
    when = checks.review(w, f.today)
    if when.due is None:
        first = para(Run(_("No review date set yet:") + " ", bold=True),
                     _("agree one before this meeting ends."), size=20)
    else:
        status = (_("{days} overdue").format(days=L.count(when.days_overdue, "day"))
                  if when.overdue else _("in {days}").format(days=L.count(when.days_left, "day")))
        first = para(Run(_("Next review: {date}").format(date=format_date(when.due, "full")),
                         bold=True, size=24),
                     muted(f"   {status}", 16), size=24)
    open_actions = [a for a in w.actions if a.status not in CLOSED]
    late = [a for a in w.actions if is_overdue(a, f.today)]
    column = [first, para(_("Until then: {actions} open, {late} of them overdue.").format(
        actions=L.count(len(open_actions), "action"), late=format_decimal(len(late))),
        space_before=12)]
    questions = checks.open_questions(w)
    if questions:
        column.append(heading(f"{_('Open questions')} ({len(questions)})"))
        column += [para(q, level=1, size=12) for q in questions]
    return text_slides(_("Next review"), [column])


#: The deck's sections in order: (name for the title slide's notes, builder).
SECTIONS: tuple[tuple[str, Callable[[Facts], list[Slide]]], ...] = (
    (N_("who was in the room"), room_slides),
    (N_("the persona"), persona_slides),
    (N_("the journey map"), map_slide),
    (N_("each stage"), stage_slides),
    (N_("the top priorities"), priority_slides),
    (N_("the action plan and its goals"), action_slides),
    (N_("what customers said"), customer_slides),
    (N_("the diagnosis by function"), diagnosis_slides),
    (N_("the next review"), review_slides),
)


def slides(f: Facts) -> list[Slide]:
    """Every slide of the deck, in order: the title slide first."""
    built = [(name, make(f)) for name, make in SECTIONS]
    covered = [_(name) for name, got in built if got]
    missing = [_(name) for name, got in built if not got]
    return [title_slide(f, covered, missing), *[s for _, got in built for s in got]]


def all_text(deck: Iterable[Slide]) -> str:
    """The words of the deck as a person reads them (tests compare the file against it)."""
    out = []
    for s in deck:
        out.append(s.title)
        for column in [*s.columns, s.lead]:
            out += [p.text for p in column]
        if s.table is not None:
            out += [*s.table.headers, *[c for row in s.table.rows for c in row]]
    return "\n".join(out)
