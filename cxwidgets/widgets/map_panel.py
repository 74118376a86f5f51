"""The map's side panel: one element of the live map, opened by a click on it.

A stage, a touchpoint, a pain point, an opportunity, a backstage process or a feeling dot
opens here with its details, its evidence (each customer quote once, with how many times
it was given), its comments and votes, and the actions and goals linked to it. From the
panel everyone comments and judges accuracy (step 11) and places dots (step 12), and
whoever may change the element (its author, the facilitator) changes its wording. A click
on an empty cell of the map opens the panel as a short form that adds an entry of that
lane's kind on that stage.

Every change goes through `LiveWorkshop.edit`, so the Editor checks the step, the locks,
the budgets and who owns what, exactly as for the step's own form; a button is greyed out
(saying why) when the rule would refuse, but the rule, not the button, decides. What the
panel shows is decided by `resolve` and `panel_html`, pure functions of the workshop.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from typing import Any

import ipywidgets as w

from cxwidgets.charts.live_map import ADDABLE, parse_cell
from cxwidgets.exceptions import CxError
from cxwidgets.language import N_, _, format_date, format_decimal, pgettext
from cxwidgets.method import priorities
from cxwidgets.method import views as J
from cxwidgets.method import words as L
from cxwidgets.method.kinds import TEXT_FIELD, speaker
from cxwidgets.method.model import (
    BackstageProcess,
    Comment,
    Entity,
    Function,
    Stage,
    Touchpoint,
    Vote,
    VoteKind,
    Workshop,
)
from cxwidgets.method.rules import check_open, check_step
from cxwidgets.method.steps import ROOM_ADDS
from cxwidgets.store import Editor
from cxwidgets.widgets.base import allow, author_html, esc, set_options
from cxwidgets.widgets.fields import Text
from cxwidgets.widgets.session import ERROR, LiveWorkshop

#: The add form's heading, by the lane it adds to (a sentence each: the article and the
#: noun agree in German and French).
ADD_TITLE = {"touchpoints": N_("Add a touchpoint · {stage}"),
             "pain_points": N_("Add a pain point · {stage}"),
             "opportunities": N_("Add an opportunity · {stage}"),
             "backstage": N_("Add a backstage process · {stage}")}
#: What a click can open, by the collection it lives in.
OPENABLE = ("stages", "touchpoints", "pain_points", "opportunities", "backstage")
EMOTION = "emotion:"


@dataclass(frozen=True)
class Target:
    """What the panel shows: an element (`collection`, `entity`), the feelings at a
    touchpoint (`feelings`), or an empty cell to add to (`lane`, `stage`)."""

    collection: str
    entity: Entity | None = None
    feelings: bool = False
    lane: str = ""
    stage: Stage | None = None

    @property
    def id(self) -> str:
        if self.lane and self.stage is not None:
            return f"cell:{self.lane}:{self.stage.id}"
        assert self.entity is not None
        return f"{EMOTION}{self.entity.id}" if self.feelings else self.entity.id


def resolve(workshop: Workshop, picked: str) -> Target | None:
    """What a click's id names in `workshop` now; None for an id that names nothing here
    (the element was just removed, or the browser sent something else)."""
    cell = parse_cell(picked)
    if cell is not None:
        lane, stage_id = cell
        stage = next((s for s in workshop.stages if s.id == stage_id), None)
        return Target(ADDABLE[lane], lane=lane, stage=stage) if stage else None
    feelings = picked.startswith(EMOTION)
    wanted = picked.removeprefix(EMOTION)
    for collection in ("touchpoints",) if feelings else OPENABLE:
        found = next((e for e in getattr(workshop, collection) if e.id == wanted), None)
        if found is not None:
            return Target(collection, found, feelings=feelings)
    return None


def why_closed(workshop: Workshop, collection: str, is_facilitator: bool,
              vote_kind: str = "dot") -> str:
    """Why the room may not add to `collection` now ("" if it may): the step's rules,
    asked exactly as the Editor asks them."""
    probe: Entity = (Vote(id="probe", target_id="probe", kind=VoteKind(vote_kind))
                     if collection == "votes" else
                     Comment(id="probe", target_id="probe", text="probe"))
    try:
        check_open(workshop, collection, probe, is_facilitator)
        check_step(workshop, collection, probe, is_facilitator)
    except CxError as exc:
        return str(exc)
    return ""


def quote_counts(quotes: list[str]) -> list[tuple[str, int]]:
    """Each quote once, with how often it was given, most given first."""
    return Counter(" ".join(q.split()) for q in quotes if q.strip()).most_common()


def _evidence_of(workshop: Workshop, target: Target) -> list[str]:
    entity = target.entity
    if entity is None:
        return []
    if target.collection in ("pain_points", "opportunities"):
        return list(getattr(entity, "evidence", []))
    if target.collection == "touchpoints":
        at = {entity.id}
    elif target.collection == "stages":
        at = {t.id for t in workshop.touchpoints if t.stage_id == entity.id}
    else:
        at = {getattr(entity, "touchpoint_id", "")}
    return [q for c in ("pain_points", "opportunities") for e in getattr(workshop, c)
            if e.touchpoint_id in at for q in e.evidence]


def _details(workshop: Workshop, target: Target) -> list[tuple[str, str]]:
    """(label, escaped value) lines describing the element."""
    e = target.entity
    stages = {s.id: s.name for s in workshop.stages}
    tps = {t.id: t for t in workshop.touchpoints}
    if isinstance(e, Touchpoint):
        return [(_("Channel"), esc(L.label(L.CHANNEL, e.channel))),
                (_("Digital or physical"), esc(L.label(L.MEDIUM, e.medium))),
                (_("Owner"), esc(L.label(L.FUNCTION, e.owner))),
                (_("Stage"), esc(stages.get(e.stage_id or "", _("not placed yet")))),
                *([(_("Description"), esc(e.description))] if e.description else [])]
    if isinstance(e, Stage):
        here = [t.name for t in workshop.touchpoints if t.stage_id == e.id]
        return [*([(_("Description"), esc(e.description))] if e.description else []),
                (_("Touchpoints"), esc(", ".join(here) or _("none yet")))]
    lines: list[tuple[str, str]] = []
    tp = tps.get(getattr(e, "touchpoint_id", ""))
    if tp is not None:
        lines.append((pgettext("where an entry is", "At"),
                      esc(f"{tp.name} · {stages.get(tp.stage_id or '', '')}")))
    for name in ("detail", "description"):
        if getattr(e, name, ""):
            lines.append((L.field(name), esc(getattr(e, name))))
    if isinstance(e, BackstageProcess):
        lines.append((_("Owner"), esc(L.label(L.FUNCTION, e.owner))))
    for name in ("impact", "effort"):
        if hasattr(e, name):
            value = getattr(e, name)
            lines.append((L.field(name), esc(_("not scored") if value is None else
                                                 _("{score} of 5").format(score=value))))
    return lines


def _feelings(workshop: Workshop, tp: Entity, persona_id: str | None) -> str:
    stat = J.emotion_stats(workshop, persona_id).get(tp.id)
    if stat is None:
        return "<p class='cx-empty'><i>{}</i></p>".format(
            esc(_("Nobody has rated this touchpoint yet.")))
    ratings = [e for e in J.latest_ratings(workshop, persona_id) if e.touchpoint_id == tp.id]
    scores = Counter(e.score for e in ratings)
    bars = "".join("<li>{}</li>".format(esc(_("{feeling} ({score}): {ratings}").format(
        feeling=L.FEELING[s], score=f"{s:+d}" if s else "0",
        ratings=L.count(scores.get(s, 0), "rating")))) for s in (2, 1, 0, -1, -2))
    said = quote_counts([e.word for e in ratings if e.word])
    words = ", ".join(f"{esc(word)} ×{n}" if n > 1 else esc(word) for word, n in said)
    mean = ("+" if stat.mean >= 0 else "-") + format_decimal(abs(stat.mean), digits=1)
    return ("<p>{}</p>".format(esc(_("Mean feeling {mean} from {ratings}")).format(
                mean=f"<b>{mean}</b>", ratings=esc(L.count(stat.n, "rating"))))
            + f"<ul class='cx-panel-feelings'>{bars}</ul>"
            + ("<p>{}</p>".format(esc(_("Words: {words}")).format(words=words))
               if words else ""))


def _linked(workshop: Workshop, entity_id: str, goal_ids: list[str]) -> str:
    actions = [a for a in workshop.actions if entity_id in a.linked_ids]
    goals_of = {g.id: g for g in workshop.goals}
    goal_set = list(dict.fromkeys([*goal_ids, *[g for a in actions for g in a.goal_ids]]))
    parts = ["<h4>{}</h4>".format(esc(_("Actions")))]
    parts.append("<ul>" + "".join(
        f"<li>{esc(a.title)} · {esc(a.owner)} · "
        + esc(_("due {day}").format(day=format_date(a.due, "d MMM")))
        + f" · {esc(L.word(a.status))}</li>" for a in actions) + "</ul>" if actions else
        "<p class='cx-empty'><i>{}</i></p>".format(esc(_("No action is linked to this yet."))))
    goals = [goals_of[g] for g in goal_set if g in goals_of]
    parts.append("<h4>{}</h4>".format(esc(_("Goals"))))
    parts.append("<ul>" + "".join(f"<li>{esc(g.title)}</li>" for g in goals) + "</ul>"
                 if goals else "<p class='cx-empty'><i>{}</i></p>".format(
                     esc(_("No goal is linked to this yet."))))
    return "".join(parts)


def _comments(workshop: Workshop, entity_id: str) -> str:
    mine = [c for c in workshop.comments if c.target_id == entity_id]
    if not mine:
        return "<p class='cx-empty'><i>{}</i></p>".format(esc(_("No comments yet.")))
    return "<ul class='cx-panel-comments'>" + "".join(
        f"<li>{esc(c.text)}" + (" · <i>{}</i>".format(esc(_("better: {wording}").format(
            wording=c.proposed))) if c.proposed else "")
        + f" <small>{author_html(workshop, c.created_by)} · {esc(L.word(c.status))}</small>"
        "</li>" for c in mine) + "</ul>"


def _votes(workshop: Workshop, target: Target, hide_dots: bool) -> str:
    entity_id = target.entity.id if target.entity else ""
    accurate = sum(v.value > 0 for v in workshop.votes
                   if v.kind == VoteKind.accuracy and v.target_id == entity_id)
    not_accurate = sum(v.value < 0 for v in workshop.votes
                       if v.kind == VoteKind.accuracy and v.target_id == entity_id)
    line = "<p>{}</p>".format(esc(_("Accurate: {accurate} · not accurate: {not_accurate}")
                                  .format(accurate=accurate, not_accurate=not_accurate)))
    if target.collection in ("pain_points", "opportunities"):
        dots = priorities.dots(workshop).get(entity_id, 0)
        line += ("<p>{}</p>".format(esc(_("Dots are hidden until the facilitator reveals "
                                          "them."))) if hide_dots
                 else f"<p class='cx-panel-dots'>● {esc(L.count(dots, 'dot'))}</p>")
    return line


def panel_html(workshop: Workshop, target: Target, author: str, is_facilitator: bool,
               persona_id: str | None = None) -> str:
    """Everything the panel says about `target`, as escaped HTML."""
    if target.stage is not None:
        title = _(ADD_TITLE[target.lane]).format(stage=target.stage.name)
        return f"<h3 class='cx-panel-title'>{esc(title)}</h3>"
    e = target.entity
    assert e is not None
    kind = L.KIND.get(target.collection, target.collection)
    title = (_("Feelings at {touchpoint}").format(touchpoint=J.label_of(e)) if target.feelings
             else _("{kind}: {name}").format(kind=kind, name=J.label_of(e)))
    parts = [f"<h3 class='cx-panel-title'>{esc(title)}</h3>"]
    if target.feelings:  # everyone's ratings: nobody's entry in particular
        parts.append(_feelings(workshop, e, persona_id))
        return "".join(parts)
    parts.append("<p class='cx-small'>" + esc(_("Added by {name}")).format(
        name=author_html(workshop, e.created_by))
                 + (" · <b>★ {}</b>".format(esc(_("you added this")))
                    if e.created_by == author else "") + "</p>")
    details = _details(workshop, target)
    if details:
        parts.append("<dl class='cx-panel-details'>" + "".join(
            f"<dt>{esc(k)}</dt><dd>{v}</dd>" for k, v in details) + "</dl>")
    quotes = quote_counts(_evidence_of(workshop, target))
    parts.append("<h4>{}</h4>".format(esc(_("Evidence"))))
    parts.append("<ul class='cx-panel-evidence'>" + "".join(
        f"<li>“{esc(q)}”" + (f" <b class='cx-quote-count'>×{n}</b>" if n > 1 else "")
        + "</li>" for q, n in quotes) + "</ul>" if quotes else
        "<p class='cx-empty'><i>{}</i></p>".format(
            esc(_("No customer evidence recorded here yet."))))
    parts.append("<h4>{}</h4>".format(esc(_("Comments"))) + _comments(workshop, e.id))
    parts.append("<h4>{}</h4>".format(esc(_("Votes"))) + _votes(workshop, target,
                                           workshop.votes_hidden and not is_facilitator))
    parts.append(_linked(workshop, e.id, list(getattr(e, "goal_ids", []))))
    return "".join(parts)


class MapPanel(w.VBox):
    """The side panel (see the module's docstring); `open(id)` shows what a click named."""

    def __init__(self, live: LiveWorkshop) -> None:
        self.live = live
        self.target: Target | None = None
        self.opener: w.Button | None = None
        def wide() -> w.Layout:
            """A field's own layout (a shared one would hide every field sharing it)."""
            return w.Layout(width="auto")

        self.close_button = w.Button(description=_("Close"), icon="times",
                                     tooltip=_("Close the panel")).add_class("cx-panel-close")
        self.body = w.HTML().add_class("cx-panel-body")
        self.notice = w.HTML().add_class("cx-notice")
        # changing the element's wording: its author and the facilitator
        self.wording = Text(description=_("Wording"), layout=wide()).add_class("cx-panel-wording")
        self.save_wording = w.Button(description=_("Save wording"), icon="check"
                                     ).add_class("cx-panel-save")
        self.edit_row = w.VBox([self.wording, self.save_wording]).add_class("cx-panel-edit")
        # comments and accuracy (step 11), dots (step 12)
        self.comment = Text(description=_("Comment"), layout=wide(),
                              placeholder=_("What is wrong, missing or unclear?")
                              ).add_class("cx-panel-comment")
        self.proposed = Text(description=_("Better wording"), layout=wide(),
                               placeholder=_("Optional: how it should read instead")
                               ).add_class("cx-panel-proposed")
        self.post = w.Button(description=_("Add comment"), icon="comment"
                             ).add_class("cx-panel-post")
        self.accurate = w.Button(description=_("Accurate"), icon="thumbs-up"
                                 ).add_class("cx-panel-accurate")
        self.inaccurate = w.Button(description=_("Not accurate"), icon="thumbs-down"
                                   ).add_class("cx-panel-inaccurate")
        self.review_row = w.VBox([self.comment, self.proposed, w.HBox(
            [self.post, self.accurate, self.inaccurate], layout=w.Layout(flex_flow="row wrap"))]
        ).add_class("cx-panel-review")
        self.dot = w.Button(description=_("Place a dot"), icon="circle").add_class("cx-panel-dot")
        self.undot = w.Button(description=_("Take a dot back"), icon="minus-circle"
                              ).add_class("cx-panel-undot")
        self.dot_row = w.HBox([self.dot, self.undot], layout=w.Layout(flex_flow="row wrap")
                              ).add_class("cx-panel-dots-row")
        # planning an action that answers a pain point or an opportunity (step 13)
        self.action_title = Text(description=_("Action"), layout=wide(),
                                   placeholder=_("e.g. Send a delivery window by text on the "
                                                 "morning")).add_class("cx-panel-action")
        self.action_owner = Text(description=_("Owner"), placeholder=_("A person's name"),
                                   layout=wide()).add_class("cx-panel-action-owner")
        self.action_due = w.DatePicker(description=_("Due")).add_class("cx-panel-action-due")
        self.plan = w.Button(description=_("Plan this action"), icon="flag"
                             ).add_class("cx-panel-plan")
        self.action_row = w.VBox([self.action_title, self.action_owner, self.action_due,
                                  self.plan]).add_class("cx-panel-action-form")
        # the facilitator's moderation, as on the board: off the board, or merged
        self.take_off = w.Button(description=_("Take off the board"), icon="eye-slash",
                                 tooltip=_("Hidden from everyone; the board's moderation "
                                           "puts it back")).add_class("cx-panel-take-off")
        self.into = w.Dropdown(description=_("Merge into"), options=[], layout=wide()
                               ).add_class("cx-panel-into")
        self.merge = w.Button(description=_("Merge"), icon="compress"
                              ).add_class("cx-panel-merge")
        self.moderation_row = w.VBox([self.take_off, self.into, self.merge]
                                     ).add_class("cx-panel-moderation")
        # adding on an empty cell
        self.at = w.Dropdown(description=pgettext("where an entry is", "At"), options=[],
                             layout=wide()).add_class("cx-panel-at")
        self.text = Text(description=_("Text"), layout=wide()).add_class("cx-panel-text")
        self.owner = w.Dropdown(description=_("Owner"), options=L.options(L.FUNCTION),
                                value=Function.other.value).add_class("cx-panel-owner")
        self.add = w.Button(description=_("Add"), icon="plus", button_style="primary"
                            ).add_class("cx-panel-add")
        self.add_row = w.VBox([self.at, self.text, self.owner, self.add]
                              ).add_class("cx-panel-add-form")
        self.close_button.on_click(lambda _: self.hide())
        self.save_wording.on_click(lambda _: self._save_wording())
        self.post.on_click(lambda _: self._comment())
        self.accurate.on_click(lambda _: self._judge(1))
        self.inaccurate.on_click(lambda _: self._judge(-1))
        self.dot.on_click(lambda _: self._dot())
        self.undot.on_click(lambda _: self._undot())
        self.add.on_click(lambda _: self._add())
        self.plan.on_click(lambda _: self._plan())
        self.take_off.on_click(lambda _: self._take_off())
        self.merge.on_click(lambda _: self._merge())
        super().__init__([w.HBox([self.close_button], layout=w.Layout(justify_content="flex-end")),
                          self.body, self.notice, self.edit_row, self.review_row,
                          self.dot_row, self.action_row, self.moderation_row, self.add_row])
        self.add_class("cx-map-panel")
        self.layout.display = "none"
        live.observe(lambda _: self.render(), "workshop")

    @property
    def editor(self) -> Editor:
        return self.live.editor

    def show_picked(self, picked: str, opener: w.Button | None = None) -> bool:
        """Show what the click's id names; False (and nothing shown) if it names nothing.
        `opener`, the table's button that asked, gets the keyboard's focus back when the
        panel closes, so a keyboard user goes on from where they were."""
        target = resolve(self.live.workshop, picked)
        if target is None:
            return False
        self.target = target
        self.opener = opener
        self.notice.value = ""
        if target.entity is not None:
            self.wording.value = str(getattr(target.entity, TEXT_FIELD.get(
                target.collection, "name"), ""))
        else:
            self.text.value = ""
        self.layout.display = ""
        self.add_class("cx-panel-open")
        self.render()
        # keyboard users land in the panel they opened (from the map's table view)
        self.close_button.focus()
        return True

    def hide(self) -> None:
        self.target = None
        self.layout.display = "none"
        self.remove_class("cx-panel-open")
        opener, self.opener = self.opener, None
        if opener is not None and opener.comm is not None:  # still on the page
            opener.focus()

    def render(self) -> None:
        if self.target is None:
            return
        workshop = self.live.workshop
        target = resolve(workshop, self.target.id)
        if target is None:  # removed meanwhile
            self.body.value = "<p class='cx-warn'>{}</p>".format(
                esc(_("This is no longer on the map.")))
            for row in (self.edit_row, self.review_row, self.dot_row, self.action_row,
                        self.moderation_row, self.add_row):
                row.layout.display = "none"
            return
        self.target = target
        facilitator = self.editor.is_facilitator
        self.body.value = panel_html(workshop, target, self.editor.author, facilitator,
                                     self.live.persona_id or None)
        entity = target.entity
        element = entity is not None and not target.feelings
        mine = entity is not None and element and (
            facilitator or entity.created_by == self.editor.author)
        self.edit_row.layout.display = "" if mine and target.collection in TEXT_FIELD \
            else "none"
        self.review_row.layout.display = "" if element else "none"
        self.dot_row.layout.display = "" if element and target.collection in (
            "pain_points", "opportunities") else "none"
        # whoever the rules let add actions (the facilitator, unless the room may)
        self.action_row.layout.display = self.dot_row.layout.display if (
            facilitator or "actions" in ROOM_ADDS) else "none"
        self.add_row.layout.display = "" if target.stage is not None else "none"
        self._fill_moderation(workshop, target,
                              facilitator and element and target.collection != "stages")
        review = why_closed(workshop, "comments", facilitator)
        for button in (self.post, self.accurate, self.inaccurate):
            allow(button, not review, review)
        dots = why_closed(workshop, "votes", facilitator)
        allow(self.dot, not dots, dots)
        allow(self.undot, not dots, dots)
        actions = why_closed(workshop, "actions", facilitator)
        allow(self.plan, not actions, actions)
        if target.stage is not None:
            self._fill_add_form(workshop, target)

    def _fill_moderation(self, workshop: Workshop, target: Target, shown: bool) -> None:
        """The facilitator's "take off the board" and "merge into" for an element; the
        merge list holds the other entries of its kind, and is left out when there are
        none."""
        self.moderation_row.layout.display = "" if shown else "none"
        if not shown or target.entity is None:
            return
        others = [(J.label_of(e), e.id) for e in getattr(workshop, target.collection)
                  if e.id != target.entity.id]
        set_options(self.into, others)
        self.into.layout.display = self.merge.layout.display = "" if others else "none"

    def _fill_add_form(self, workshop: Workshop, target: Target) -> None:
        assert target.stage is not None
        here = [t for t in J.touchpoints_by_stage(workshop).get(target.stage.id, [])]
        self.at.layout.display = "none" if target.collection == "touchpoints" else ""
        set_options(self.at, [(t.name, t.id) for t in here])
        self.owner.layout.display = "" if target.collection == "backstage" else "none"
        closed = why_closed(workshop, target.collection, self.editor.is_facilitator)
        if target.collection != "touchpoints" and not here:
            closed = _("Place a touchpoint on this stage first.")
        allow(self.add, not closed, closed)
        if closed:
            self.notice.value = f"<span class='cx-small'>{esc(closed)}</span>"

    # -- edits, each through the Editor ----------------------------------------------

    def _said(self, done: str) -> bool:
        if self.live.status == ERROR:
            self.notice.value = (f"<span class='cx-error' role='alert'>⚠ "
                                 f"{esc(self.live.message)}</span>")
            return False
        self.notice.value = f"<span class='cx-ok' role='status'>✓ {esc(done)}</span>"
        return True

    def _entity_id(self) -> str:
        return self.target.entity.id if self.target and self.target.entity else ""

    def _save_wording(self) -> None:
        if self.target is None or self.target.entity is None:
            return
        field = TEXT_FIELD.get(self.target.collection, "name")
        self.live.edit(self.editor.update, self.target.collection, self._entity_id(),
                       **{field: self.wording.value})
        self._said(_("Saved."))

    def _comment(self) -> None:
        self.live.edit(self.editor.add, "comments", {
            "target_id": self._entity_id(), "text": self.comment.value,
            "proposed": self.proposed.value})
        if self._said(_("Your comment is on the map.")):
            self.comment.value = self.proposed.value = ""

    def _my_votes(self, kind: VoteKind) -> list[Vote]:
        return [v for v in self.live.workshop.votes if v.kind == kind
                and v.target_id == self._entity_id() and speaker("votes", v) == self.editor.author]

    def _judge(self, value: int) -> None:
        mine = self._my_votes(VoteKind.accuracy)
        if mine and mine[0].value == value:
            self.notice.value = "<span class='cx-small'>{}</span>".format(
                esc(_("That is your vote already.")))
            return
        if mine:
            self.live.edit(self.editor.update, "votes", mine[0].id, value=value)
        else:
            self.live.edit(self.editor.add, "votes", {"target_id": self._entity_id(),
                                                      "kind": "accuracy", "value": value})
        self._said(_("Your vote is counted."))

    def _dot(self) -> None:
        self.live.edit(self.editor.add, "votes", {"target_id": self._entity_id(),
                                                  "kind": "dot", "value": 1})
        self._said(_("Dot placed."))

    def _undot(self) -> None:
        mine = self._my_votes(VoteKind.dot)
        if not mine:
            self.notice.value = "<span class='cx-error' role='alert'>⚠ {}</span>".format(
                esc(_("There is no dot of yours here to take back.")))
            return
        self.live.edit(self.editor.remove, "votes", mine[-1].id)
        self._said(_("Dot taken back."))

    def _add(self) -> None:
        target = self.target
        if target is None or target.stage is None:
            return
        data: dict[str, Any] = {TEXT_FIELD.get(target.collection, "name"): self.text.value}
        if target.collection == "touchpoints":
            data["stage_id"] = target.stage.id
        else:
            data["touchpoint_id"] = self.at.value or ""
        if target.collection == "backstage":
            data["owner"] = self.owner.value
        added = self.live.edit(self.editor.add, target.collection, data)
        if self._said(_("Added to {stage}.").format(stage=target.stage.name)) and added:
            self.text.value = ""

    def _take_off(self) -> None:
        self.live.edit(self.editor.hide, self._entity_id())
        self._said(_("Taken off the board. The board's moderation puts it back."))

    def _merge(self) -> None:
        into = dict((v, k) for k, v in self.into.options).get(self.into.value or "", "")
        self.live.edit(self.editor.merge, self._entity_id(), self.into.value or "")
        self._said(_("Merged into {entry}.").format(entry=into))

    def _plan(self) -> None:
        """An action answering the pain point or opportunity the panel shows."""
        if self.action_due.value is None:
            self.notice.value = "<span class='cx-error' role='alert'>⚠ {}</span>".format(
                esc(_("Pick the date it is due.")))
            return
        self.live.edit(self.editor.add, "actions", {
            "title": self.action_title.value, "owner": self.action_owner.value,
            "due": self.action_due.value, "linked_ids": [self._entity_id()]})
        if self._said(_("Action planned; it is on the action plan.")):
            self.action_title.value = self.action_owner.value = ""
            self.action_due.value = None
