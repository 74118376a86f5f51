"""The Rooms screen: several rooms' maps of one journey merged into one consensus map.

The facilitator picks the workshops of the rooms from the store, checks the suggested
matches (one row per pair: the same, or not the same; a better name for the merged
element; for what only one room named, which element of the others it is), names the
consensus and builds it. The screen then shows where the rooms disagree first, the
priorities over all rooms, and the consensus map. The consensus is saved as a new
workshop; the rooms' own workshops are only read. Matching and merging are the
`cxwidgets.rooms` functions; this module only presents them and collects decisions.
"""

from __future__ import annotations

import os
from typing import TYPE_CHECKING, Any
from urllib.parse import urlencode

import ipywidgets as w

from cxwidgets import keys
from cxwidgets.exceptions import CxError
from cxwidgets.language import N_, _, format_decimal
from cxwidgets.method import words as L
from cxwidgets.method.model import Workshop
from cxwidgets.method.priorities import rank
from cxwidgets.widgets.base import StepWidget, esc, set_options, table
from cxwidgets.widgets.chart import ChartView
from cxwidgets.widgets.fields import Text
from cxwidgets.widgets.session import LiveWorkshop

if TYPE_CHECKING:  # the matching is imported when the facilitator first asks for one
    from cxwidgets.rooms.disagreements import Disagreements
    from cxwidgets.rooms.match import Decision, Group, Pair, RoomInput

SAME, APART = "accept", "split"
#: What the screen calls each kind of element and each reason for a match (said with `_`).
KIND_LABEL = {"personas": N_("Persona"), "stages": N_("Stage"), "touchpoints": N_("Touchpoint")}
REASON_WORDS = {
    "same name": N_("Same name"), "almost the same name": N_("Almost the same name"),
    "same touchpoints": N_("Holds the same touchpoints"),
    "same channel and stage": N_("Same channel and stage"),
    "similar name, same channel and stage": N_("Similar name, same channel and stage"),
    "matched by the facilitator": N_("Matched by you"),
}
NOT_MATCHED = N_("(not the same as anything: keep it as it is)")
TOP = 8
CSS = """<style>
.cx-rooms-grid { display: grid; grid-template-columns: minmax(18em, 1fr) 11em 15em;
  gap: 2px 10px; align-items: center; max-width: 68em; }
.cx-rooms-only-grid { grid-template-columns: minmax(18em, 1fr) 18em 15em; }
.cx-rooms-grid .widget-html { margin: 0; }
.cx-pair { padding: 2px 0; border-bottom: 1px solid #e4e7ec; overflow-wrap: anywhere; }
.cx-pair b { font-weight: 600; } .cx-why { color: #5b6270; font-size: 0.9em; }
.cx-rooms-disagreements h4 { margin: 0.8em 0 0.2em; }
.cx-rooms-disagreements li { margin: 0.15em 0; }
.cx-rooms-head { font-weight: 600; color: #5b6270; font-size: 0.9em; line-height: 1.3; }
</style>"""


class MergeRooms(StepWidget):
    """Merge several rooms' workshops of the same journey into a consensus map."""

    technique = "rooms"
    what = N_("Pick the workshops of the rooms that mapped this same journey, check which of "
            "their stages and touchpoints are the same, then build one consensus map.")
    why = N_("Each room sees part of the journey. Where the rooms agree you can act with "
           "confidence; where they disagree is where to look closer before deciding.")
    minutes = 20
    tip = N_("Walk the room through the disagreements before showing the merged map: they "
           "are where the next conversation is.")

    def build(self) -> list[w.Widget]:
        self.pick = w.SelectMultiple(description=_("Rooms"), options=[], rows=6,
                                     layout=w.Layout(width="36em")).add_class("cx-rooms-pick")
        self.suggest = w.Button(description=_("Suggest matches"), icon="link"
                                ).add_class("cx-rooms-suggest")
        self.summary = w.HTML().add_class("cx-rooms-summary")
        self.pairs = w.VBox().add_class("cx-rooms-matches")
        self.certain = w.Accordion(selected_index=None).add_class("cx-rooms-certain")
        self.only = w.VBox().add_class("cx-rooms-only")
        self.name = Text(description=_("Name"), layout=w.Layout(width="36em")
                           ).add_class("cx-rooms-name")
        self.make = w.Button(description=_("Build the consensus map"), icon="object-group",
                             button_style="primary", disabled=True).add_class("cx-rooms-build")
        self.result = w.HTML().add_class("cx-rooms-result")
        self.found = w.HTML().add_class("cx-rooms-disagreements")
        self.chart = ChartView("cx-rooms-map")
        self.suggest.on_click(lambda _: self._suggest())
        self.make.on_click(lambda _: self._build())
        self._workshops: list[Workshop] = []
        self._rooms: list[RoomInput] = []
        self._placed: dict[tuple[str, str, str], Decision] = {}
        self._renamed: dict[tuple[str, str, str], Decision] = {}
        self.matching: Any = None
        self.merged: Any = None
        if not self.editor.is_facilitator:
            self.suggest.disabled = True
        return [w.HTML(CSS), w.HBox([self.pick, self.suggest],
                                    layout=w.Layout(flex_flow="row wrap", align_items="center")),
                self.summary, self.pairs, self.certain, self.only,
                w.HBox([self.name, self.make], layout=w.Layout(flex_flow="row wrap")),
                self.result, self.found, self.chart]

    def render(self, workshop: Workshop) -> None:
        """The rooms' own workshops are read when asked for, not on every edit here."""

    def on_show(self) -> None:
        """The workshops of the store (this one chosen at first)."""
        infos = self.editor.store.list_workshops()
        set_options(self.pick, [(i.title, i.id) for i in infos])
        if not self.pick.value and self.editor.workshop_id in {i.id for i in infos}:
            self.pick.value = (self.editor.workshop_id,)

    # -- matching -------------------------------------------------------------------

    def _suggest(self) -> None:
        from cxwidgets.rooms.match import rooms_of  # heavy: numpy, only when `_suggest` runs

        try:
            store = self.editor.store
            self._workshops = [store.state(i) for i in self.pick.value]
            self._rooms = rooms_of(self._workshops)
        except CxError as exc:
            self.show_error(str(exc))
            return
        self._placed, self._renamed = {}, {}
        self.name.value = self.name.value or default_name(self._rooms)
        self.result.value, self.found.value, self.merged = "", "", None
        self.chart.message(_("The consensus map appears here once it is built."))
        self._rematch()

    def _rematch(self) -> None:
        from cxwidgets.rooms.match import match  # heavy: numpy, only when `_rematch` runs

        decisions = [*self._placed.values(), *self._renamed.values()]
        try:
            self.matching = match(self._rooms, decisions)
        except CxError as exc:
            self.show_error(str(exc))
            return
        self.notice.value = ""
        self._show_matching()
        self.make.disabled = False

    def _show_matching(self) -> None:
        for old in (*self.pairs.children, *self.certain.children, *self.only.children):
            _close(old)  # each decision redraws the rows: the old ones must not linger
        m = self.matching
        pairs = m.pairs()
        check = [p for p in pairs if not p.certain]
        same = [p for p in pairs if p.certain]
        rooms = ", ".join(f"{n}. {r.label}" for n, r in enumerate(m.rooms, start=1))
        self.summary.value = (
            "<p><b>{}</b> {}.</p><p>{}</p>".format(
                esc(_("Rooms:")), esc(rooms), esc(_(
                    "{to_check} to check below; {same} more have the very same name.").format(
                    to_check=L.count(len(check), "suggested match", "suggested matches"),
                    same=format_decimal(len(same))))))
        self.pairs.children = [w.HTML("<h4>{}</h4>".format(
            esc(_("Matches to check")))), self._grid(check)]
        self.certain.children = [self._grid(same)]
        self.certain.titles = (_("{matches} with the very same name").format(
            matches=L.count(len(same), "match", "matches")),)
        partial = [(k, g) for k in ("stages", "touchpoints", "personas") for g in m.partial(k)]
        self.only.children = [w.HTML("<h4>{}</h4>".format(esc(_("Named by only some rooms")))),
                              self._only_grid(partial)] if partial else []

    def _grid(self, pairs: list[Pair]) -> w.GridBox:
        label = {r.key: r.label for r in self.matching.rooms}
        cells: list[w.Widget] = [w.HTML(esc(_("Match"))).add_class("cx-rooms-head"),
                                 w.HTML(esc(_("Your decision"))).add_class("cx-rooms-head"),
                                 w.HTML(esc(_("Merged name"))).add_class("cx-rooms-head")]
        for p in pairs:
            cells += [
                w.HTML(f"<div class='cx-pair'>{esc(_(KIND_LABEL[p.kind]))}: "
                       f"<b>{esc(p.first.name)}</b> "
                       f"({esc(label[p.first.room])}) = <b>{esc(p.other.name)}</b> "
                       f"({esc(label[p.other.room])}) <span class='cx-why'>· "
                       f"{esc(_(REASON_WORDS.get(p.reason, p.reason)))}</span></div>"),
                self._decision(p.kind, p.other.room, p.other.id),
                self._rename(p.kind, p.other.room, p.other.id, p.title)]
        return w.GridBox(cells).add_class("cx-rooms-grid")

    def _only_grid(self, partial: list[tuple[str, Group]]) -> w.GridBox:
        label = {r.key: r.label for r in self.matching.rooms}
        cells: list[w.Widget] = [w.HTML(esc(_("Element"))).add_class("cx-rooms-head"),
                                 w.HTML(esc(_("Same as"))).add_class("cx-rooms-head"),
                                 w.HTML(esc(_("Merged name"))).add_class("cx-rooms-head")]
        for kind, g in partial:
            rooms = _and([label[r] for r in g.rooms])
            cells += [w.HTML(f"<div class='cx-pair'>{esc(_(KIND_LABEL[kind]))}: "
                             f"<b>{esc(g.title)}</b> <span class='cx-why'>· "
                             + esc(_("named only by {rooms}").format(rooms=rooms))
                             + "</span></div>"),
                      self._same_as(kind, g), self._rename(kind, g.anchor.room, g.anchor.id,
                                                           g.title)]
        return w.GridBox(cells).add_class("cx-rooms-grid").add_class("cx-rooms-only-grid")

    def _decision(self, kind: str, room: str, element: str) -> w.Dropdown:
        key = (kind, room, element)
        placed = self._placed.get(key)
        choice = w.Dropdown(options=[(_("The same"), SAME), (_("Not the same"), APART)],
                            value=APART if placed and placed.action == APART else SAME,
                            layout=w.Layout(width="10.5em")).add_class("cx-rooms-decision")

        def decide(change: dict[str, Any]) -> None:
            from cxwidgets.rooms.match import Decision  # heavy: numpy, only when `decide` runs

            self._placed[key] = Decision(change["new"], kind, room, element)
            self._rematch()

        choice.observe(decide, "value")
        return choice

    def _rename(self, kind: str, room: str, element: str, title: str) -> w.Text:
        box = Text(value=title, continuous_update=False, layout=w.Layout(width="14.5em")
                     ).add_class("cx-rooms-rename")

        def rename(change: dict[str, Any]) -> None:
            from cxwidgets.rooms.match import Decision  # heavy: numpy, only when `rename` runs

            group = self.matching.group_of(kind, room, element)
            for x in group.members if group else ():
                self._renamed.pop((kind, x.room, x.id), None)
            if change["new"].strip() and change["new"].strip() != title:
                self._renamed[(kind, room, element)] = Decision(
                    "rename", kind, room, element, name=change["new"])
            self._rematch()

        box.observe(rename, "value")
        return box

    def _same_as(self, kind: str, g: Group) -> w.Widget:
        """For what one room alone named: which element of the other rooms it is."""
        if len(g.members) != 1:
            return w.HTML("")
        me = g.anchor
        label = {r.key: r.label for r in self.matching.rooms}
        options = [(_(NOT_MATCHED), "")] + [
            (f"{other.title} ({', '.join(label[r] for r in other.rooms)})",
             f"{other.anchor.room}|{other.anchor.id}")
            for other in self.matching.groups[kind] if other is not g and me.room not in
            other.rooms]
        choice = w.Dropdown(options=options, value="", layout=w.Layout(width="17.5em")
                            ).add_class("cx-rooms-same-as")

        def join(change: dict[str, Any]) -> None:
            from cxwidgets.rooms.match import Decision  # heavy: numpy, only when `join` runs

            if change["new"]:
                with_room, with_id = change["new"].split("|", 1)
                self._placed[(kind, me.room, me.id)] = Decision(
                    "join", kind, me.room, me.id, with_room=with_room, with_id=with_id)
                self._rematch()

        choice.observe(join, "value")
        return choice

    # -- the consensus --------------------------------------------------------------

    def _build(self) -> None:
        from cxwidgets.rooms.merge import merge_workshops  # heavy: numpy, only when `_build` runs

        if not self._rooms:
            self.show_error(_("Pick the rooms and look at the suggested matches first."))
            return
        self.make.disabled = True
        self.result.value = "<p><i>{}</i></p>".format(esc(_("Building the consensus map…")))
        try:
            decisions = [*self._placed.values(), *self._renamed.values()]
            self.merged = merge_workshops(self.editor.store, self._workshops, self.name.value,
                                          decisions)
            keys.remember(self.editor.store.url, self.merged.created)
        except CxError as exc:
            self.result.value = ""
            self.show_error(str(exc))
            return
        finally:
            self.make.disabled = False
        self.show_done(_("The consensus map is saved as a new workshop."))
        self._show_consensus()

    def _show_consensus(self) -> None:
        # heavy: numpy, only when `_show_consensus` runs
        from cxwidgets.charts.journey_map import journey_map

        # heavy: numpy, only when `_show_consensus` runs
        from cxwidgets.rooms.disagreements import disagreements

        ws, created = self.merged.workshop, self.merged.created
        self.result.value = "<p>{}{}</p>".format(esc(_(
            "Saved as the workshop {title} (join code {code}). The rooms' own workshops are "
            "unchanged.")).format(title=f"<b>{esc(ws.title)}</b>",
                                  code=f"<span class='cx-code'>{esc(created.join_code)}</span>"),
            _open_link(created))
        found = disagreements(ws)
        top = [[str(r.rank), esc(r.text), esc(r.kind), str(r.dots),
                esc(", ".join(_rooms_of(ws, r.id)))] for r in rank(ws)[:TOP]]
        self.found.value = (
            "<h3>{}</h3>".format(esc(_("Where the rooms disagree ({count})").format(
                count=found.count))) + disagreements_html(found)
            + "<h4>{}</h4>".format(esc(_("Priorities over all rooms")))
            + table([_("#"), _("Item"), _("Kind"), _("Dots"), _("Raised in")], top))
        self.chart.show(journey_map(ws))


def _close(widget: w.Widget) -> None:
    """Close a widget and everything inside it (a closed box leaves its children, its
    layout and its style open)."""
    for child in getattr(widget, "children", ()):
        _close(child)
    for part in ("layout", "style"):  # widgets of their own, left open by close()
        if isinstance(getattr(widget, part, None), w.Widget):
            getattr(widget, part).close()
    widget.close()


def _and(names: list[str]) -> str:
    if len(names) == 1:
        return names[0]
    return _("{names} and {last}").format(names=", ".join(names[:-1]), last=names[-1])


def default_name(rooms: list[RoomInput]) -> str:
    return _("Consensus of {rooms}").format(rooms=", ".join(r.label for r in rooms))[:120]


def _rooms_of(ws: Workshop, element: str) -> list[str]:
    c = ws.consensus
    names = {r.key: r.name for r in c.rooms} if c else {}
    return [names[r] for r in (c.named_by.get(element, ()) if c else ()) if r in names]


def disagreements_html(found: Disagreements) -> str:
    """The disagreements' sections as headed lists (every word escaped)."""
    parts = []
    for heading, sentences in found.sections():
        items = "".join(f"<li>{esc(s)}</li>" for s in sentences) \
            or "<li><i>{}</i></li>".format(esc(_("None.")))
        parts.append(f"<h4>{esc(heading)}</h4><ul>{items}</ul>")
    return "".join(parts)


def _open_link(created: Any) -> str:
    """A link that opens the consensus in the facilitator's app, where Voila serves this
    page (it is relative: the same server, the same app, the new workshop)."""
    if not os.environ.get("SERVER_SOFTWARE", "").startswith("voila"):
        return ""

    query = urlencode({"workshop": created.id, "token": created.token})
    return (f" <a class='cx-rooms-open' href='facilitator.ipynb?{esc(query)}' "
            "target='_blank'>{}</a>".format(esc(_("Open it in a new tab"))))


def rooms_panel(live: LiveWorkshop) -> w.Accordion:
    """The Rooms screen folded away under the facilitator's wizard until needed."""
    screen = MergeRooms(live)
    screen.hide()
    panel = w.Accordion(children=[screen], titles=[_("Many rooms, one journey")],
                        selected_index=None).add_class("cx-rooms")

    def show(_: object = None) -> None:
        if panel.selected_index == 0:
            screen.show()
        else:
            screen.hide()

    panel.observe(show, "selected_index")
    return panel
