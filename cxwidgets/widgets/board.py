"""The facilitator's room board: what the room is adding, live, and the controls to run it.

Beside the stepper the facilitator sees, for the step on screen, everyone's entries as
sticky notes with their authors, how many people have contributed to each step, which
seats are open in more than one browser (`crowded_note`), and the controls of the room:
participants follow the facilitator's screen (or not), the step's input can be closed,
dot counts hidden until revealed, an entry taken off the board or merged into its
duplicate. Nothing is deleted: hidden and merged entries stay in the
history and can be put back.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import ipywidgets as w

from cxwidgets.language import N_, _
from cxwidgets.method import views as J
from cxwidgets.method import words as L
from cxwidgets.method.kinds import BOARD_COLOURS, speaker
from cxwidgets.method.model import FACILITATOR, Entity, Workshop
from cxwidgets.method.roles import ROLE_LABELS
from cxwidgets.method.steps import ROOM_INPUT_STEPS, STEPS, step
from cxwidgets.widgets.base import author_html, esc, set_options, table
from cxwidgets.widgets.session import LiveWorkshop

NONE = ""
def step_entries(workshop: Workshop, key: str) -> list[tuple[str, Entity]]:
    """(collection, entry) for everything participants add in step `key`."""
    s = step(key)
    found = [(c, e) for c in s.fills if c != "votes" for e in getattr(workshop, c)]
    if s.vote_kind:
        found += [("votes", v) for v in workshop.votes if v.kind == s.vote_kind]
    return found


def contributors(workshop: Workshop, key: str) -> list[str]:
    """Display names of the people who added something in step `key`."""
    names = J.participant_names(workshop)
    seen = dict.fromkeys(e.created_by for _, e in step_entries(workshop, key))
    return [names.get(a) or _("someone who left") for a in seen if a and a != FACILITATOR]


def counts_table(workshop: Workshop, on_screen: str) -> str:
    rows = []
    for s in STEPS:
        if s.key not in ROOM_INPUT_STEPS:
            continue
        entries = step_entries(workshop, s.key)
        people = contributors(workshop, s.key)
        by_facilitator = sum(e.created_by == FACILITATOR for _, e in entries)
        label = f"<b>{s.number}. {esc(s.name)}</b>" if s.key == on_screen else \
            f"{s.number}. {esc(s.name)}"
        rows.append([label, f"{len(entries):,}", esc(_sources(len(people), by_facilitator)),
                     esc(", ".join(people[:6]) + (" …" if len(people) > 6 else ""))])
    return table([_("Step"), _("Entries"), _("From"), _("Who")], rows, "cx-counts")


def _sources(people: int, by_facilitator: int) -> str:
    """Who the entries came from: "4 people", "the facilitator", "the facilitator and
    2 people" (the sample's touchpoints are the facilitator's, not nobody's)."""
    room = L.count(people, "person", "people")
    if not by_facilitator:
        return room if people else _("nobody yet")
    return _("the facilitator and {people}").format(people=room) if people \
        else _("the facilitator")


def _note(collection: str, entry: Entity, workshop: Workshop, names: dict[str, str],
          where: str, new: bool) -> str:
    state = " cx-note-new" if new else ""
    badge = ""
    if entry.id in workshop.hidden:
        state, badge = " cx-note-hidden", " " + _("(hidden)")
    elif entry.id in workshop.merged:
        state, badge = " cx-note-merged", " " + _("(merged)")
    colour = BOARD_COLOURS.get(collection, "#f4f4f4")
    at = f"<span class='cx-note-where'> · {esc(where)}</span>" if where else ""
    return (f"<div class='cx-note{state}' style='background:{colour}'>"
            f"<div class='cx-note-text'>{esc(J.label_of(entry))}{badge}</div>"
            f"<div class='cx-note-meta'>{author_html(workshop, entry.created_by)}{at}</div>"
            "</div>")


def crowded_note(workshop: Workshop, crowded: dict[str, int]) -> str:
    """The seats open in two or more browsers lately, by name, and what that may mean.

    Copying another participant's saved seat makes you them (the seat is the proof), so
    the kit refuses neither browser; the facilitator is told instead, and can ask."""
    if not crowded:
        return ""
    names = J.participant_names(workshop)
    seats = sorted((names.get(seat) or _("someone who left"), n) for seat, n in crowded.items())
    listed = ", ".join(_("{name} · open in {browsers}").format(
        name=esc(name), browsers=L.count(n, "browser")) for name, n in seats)
    return ("<p class='cx-crowded' role='status'>⚠ " + _(
        "{seats}. That is the same person on two devices, or someone using another "
        "person's saved seat: ask who it is.").format(seats=listed) + "</p>")


def room_step(key: str) -> str:
    """"Step 12 · Prioritise" for the key a room is on (the key itself if unknown)."""
    try:
        s = step(key)
    except KeyError:
        return key
    return _("step {number} · {title}").format(number=s.number, title=s.name)


#: How many of the newest notes are outlined, so the room sees what just arrived.
NEWEST = 3
#: The column of entries that sit on no stage (personas, comments, unplaced touchpoints).
ELSEWHERE = N_("Not on a stage")


def _placing(workshop: Workshop) -> tuple[dict[str, str], dict[str, str]]:
    """Stage name and touchpoint name of every entry that hangs on the journey."""
    stage_name = {s.id: s.name for s in workshop.stages}
    tp_stage = {t.id: stage_name.get(t.stage_id or "", "") for t in workshop.touchpoints}
    tp_name = {t.id: t.name for t in workshop.touchpoints}
    stage_of = dict(tp_stage)
    for c in ("pain_points", "opportunities", "backstage"):
        for e in getattr(workshop, c):
            stage_of[e.id] = tp_stage.get(e.touchpoint_id, "")
    for cm in workshop.comments:
        stage_of[cm.id] = stage_of.get(cm.target_id, "")
    where = {e.id: tp_name.get(e.touchpoint_id, "") for c in ("pain_points", "opportunities",
                                                             "backstage")
             for e in getattr(workshop, c)}
    return stage_of, where


def sticky_notes(workshop: Workshop, key: str) -> str:
    """Everyone's entries for step `key` as notes in one column per stage, in journey
    order, newest on top (the newest few outlined); ratings and votes as a tally."""
    names = J.participant_names(workshop)
    entries = step_entries(workshop, key)
    stage_of, where = _placing(workshop)
    notes = [(c, e) for c, e in entries if c not in ("emotions", "votes")]
    newest = {e.id for _, e in notes[-NEWEST:]} if len(notes) > NEWEST else set()
    columns: dict[str, list[str]] = {s.name: [] for s in J.ordered_stages(workshop)}
    for c, e in reversed(notes):
        columns.setdefault(stage_of.get(e.id) or ELSEWHERE, []).append(
            _note(c, e, workshop, names, where.get(e.id, ""), e.id in newest))
    tallies = []
    for c, label in (("emotions", "rating"), ("votes", "vote")):
        mine = [e for cc, e in entries if cc == c]
        if mine:
            people = {speaker(c, e) for e in mine}
            tallies.append("<p class='cx-tally'>" + _("{entries} from {people}").format(
                entries=L.count(len(mine), label),
                people=L.count(len(people), "person", "people")) + "</p>")
    if not notes and not tallies:
        return "<p><i>{}</i></p>".format(esc(_("Nothing added in this step yet.")))
    filled = [(name, items) for name, items in columns.items() if items]
    only = len(filled) == 1 and filled[0][0] == ELSEWHERE  # personas: no stages to show
    blocks = "".join(
        "<div class='cx-note-column'>"
        + ("" if only else f"<h5 class='cx-note-group'>"
                           f"{esc(_(name) if name == ELSEWHERE else name)} "
                           f"<span class='cx-count'>· {len(items)}</span></h5>")
        + "".join(items) + "</div>" for name, items in filled)
    return "".join(tallies) + (f"<div class='cx-note-columns'>{blocks}</div>" if blocks else "")


class RoomBoard(w.VBox):
    """Live counts, sticky notes and the room's controls for the step on screen."""

    def __init__(self, live: LiveWorkshop, step_key: str = "frame") -> None:
        self.live = live
        self.step_key = step_key
        self.follow = w.Checkbox(value=True, description=_("Participants follow my screen"),
                                 indent=False).add_class("cx-follow")
        self.lock = w.ToggleButton(description=_("Close input for this step"), icon="lock"
                                   ).add_class("cx-lock")
        self.keep_open = w.ToggleButton(
            description=_("Keep open to the room"), icon="unlock",
            tooltip=_("Participants may still add to this step after the room moves on")
        ).add_class("cx-keep-open")
        self.hide_votes = w.ToggleButton(description=_("Hide dot counts"), icon="eye-slash"
                                         ).add_class("cx-hide-votes")
        self.people = w.HTML().add_class("cx-people")
        self.counts = w.HTML().add_class("cx-counts-box")
        self.notes = w.HTML().add_class("cx-board-notes")
        self.entry = w.Dropdown(description=_("Entry"), options=[], layout=w.Layout(
            width="30em")).add_class("cx-board-entry")
        self.hide = w.Button(description=_("Take off the board"), icon="eye-slash"
                             ).add_class("cx-hide-entry")
        self.unhide = w.Button(description=_("Put back"), icon="eye").add_class("cx-unhide-entry")
        self.into = w.Dropdown(description=_("Merge into"), options=[], layout=w.Layout(
            width="30em")).add_class("cx-merge-into")
        self.merge = w.Button(description=_("Merge"), icon="compress").add_class("cx-merge")
        self.notice = w.HTML().add_class("cx-notice")
        self._entries: list[tuple[str, Entity]] = []
        self.entry.observe(lambda _: self._refresh_into(), "value")
        self.lock.observe(self._on_lock, "value")
        self.keep_open.observe(self._on_keep_open, "value")
        self.hide_votes.observe(self._on_votes, "value")
        self.hide.on_click(lambda _: self._moderate(self.live.editor.hide, self.entry.value))
        self.unhide.on_click(lambda _: self._moderate(self.live.editor.hide, self.entry.value,
                                                      False))
        self.merge.on_click(lambda _: self._moderate(self.live.editor.merge, self.entry.value,
                                                     self.into.value))
        live.observe(lambda _: self.render(), "workshop")
        live.observe(lambda _: self.render_people(), "crowded")
        def row() -> w.Layout:
            """A row's own layout: a layout is shared by every box given it, so hiding one
            row (the merge row) through a shared one would hide the room's controls too."""
            return w.Layout(flex_flow="row wrap", align_items="center")

        # moderation only where there is something to moderate: a step whose input is
        # votes or ratings (12, 6) has no entries to take off the board or merge
        self.merge_row = w.HBox([self.into, self.merge], layout=row()).add_class("cx-merge-row")
        self.moderation = w.VBox([w.HBox([self.entry, self.hide, self.unhide], layout=row()),
                                  self.merge_row]).add_class("cx-moderation")
        super().__init__([
            w.HTML("<h3>{}</h3>".format(
                esc(_("The room")))), w.HBox([self.follow, self.lock, self.keep_open,
                                                 self.hide_votes], layout=row()),
            self.people, self.notes, self.moderation, self.notice,
            w.HTML("<h4>{}</h4>".format(esc(_("Contributions per step")))), self.counts])
        self.add_class("cx-room-board")
        self.render()

    def show_step(self, step_key: str) -> None:
        """The stepper moved: show that step, and open it for the room when following."""
        self.step_key = step_key
        if self.follow.value and self.live.workshop.current_step != step_key:
            self.live.edit(self.live.editor.open_step, step_key)
        self.render()

    def render_people(self) -> None:
        """Who is in the room: how many joined and added something here, where the room
        is, and the seats open in more than one browser."""
        full = getattr(self.live, "full", self.live.workshop)
        joined = len(full.participants)
        helping = contributors(full, self.step_key)
        people = _("{people} joined").format(people=L.count(joined, "person", "people"))
        added = _("{count} added something in this step").format(count=len(helping))
        self.people.value = (f"<p>{esc(people)} · {esc(added)} · {esc(_('the room is on'))} "
                             f"<b>{esc(room_step(full.current_step))}</b></p>"
                             + crowded_note(full, self.live.crowded))

    def render(self) -> None:
        full = getattr(self.live, "full", self.live.workshop)
        key = self.step_key
        self.render_people()
        self.notes.value = sticky_notes(full, key)
        self.counts.value = counts_table(full, key)
        entries = [(c, e) for c, e in step_entries(full, key) if c not in ("emotions", "votes")]
        names = J.participant_names(full)
        names = {**names, **{role: _(word) for role, word in ROLE_LABELS.items()}}
        set_options(self.entry, [(f"{J.label_of(e)} ({names.get(e.created_by, '?')})", e.id)
                                 for _, e in entries])
        self._entries = entries
        self._refresh_into()
        self.hide.disabled = self.unhide.disabled = not entries
        self.moderation.layout.display = "" if entries else "none"
        self.lock.value = key in full.locked_steps  # the observer sees no change to make
        self.lock.description = (_("Input closed: open it again") if self.lock.value
                                 else _("Close input for this step"))
        self.keep_open.value = key in full.open_steps
        self.keep_open.description = (_("Kept open to the room") if self.keep_open.value
                                      else _("Keep open to the room"))
        self.keep_open.disabled = key not in ROOM_INPUT_STEPS
        self.hide_votes.value = full.votes_hidden
        self.hide_votes.description = (_("Reveal dot counts") if full.votes_hidden
                                       else _("Hide dot counts"))

    def _refresh_into(self) -> None:
        """Entries the chosen one can be merged into: the others of its kind."""
        kind = next((c for c, e in self._entries if e.id == self.entry.value), None)
        set_options(self.into, [(J.label_of(e), e.id) for c, e in self._entries
                                if c == kind and e.id != self.entry.value])
        self.merge.disabled = not self.into.options
        # nothing of the same kind to merge into: no empty list to puzzle over
        self.merge_row.layout.display = "" if self.into.options else "none"

    def _on_lock(self, change: dict[str, Any]) -> None:
        if change["new"] != (self.step_key in self.live.workshop.locked_steps):
            self.live.edit(self.live.editor.lock_step, self.step_key, change["new"])

    def _on_keep_open(self, change: dict[str, Any]) -> None:
        if change["new"] != (self.step_key in self.live.workshop.open_steps):
            self.live.edit(self.live.editor.keep_open, self.step_key, change["new"])

    def _on_votes(self, change: dict[str, Any]) -> None:
        if change["new"] != self.live.workshop.votes_hidden:
            self.live.edit(self.live.editor.hide_votes, change["new"])

    def _moderate(self, action: Callable[..., object], *args: Any) -> None:
        if not args[0]:
            self.notice.value = "<span class='cx-error'>{}</span>".format(
                esc(_("⚠ Pick an entry first.")))
            return
        if self.live.edit(action, *args) is None and self.live.status == "error":
            self.notice.value = f"<span class='cx-error'>⚠ {esc(self.live.message)}</span>"
        else:
            self.notice.value = "<span class='cx-ok'>{}</span>".format(
                esc(_("✓ Done; it stays in the history.")))
