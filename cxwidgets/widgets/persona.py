"""Step 3, Define the typical customer: group drafts, compared, then one agreed persona.

Each group drafts its persona; the drafts sit side by side with what differs between
them highlighted; the facilitator starts the agreed persona from the drafts (most common
answers, every list item) and edits it before saving. The drafts stay in the workshop.
A workshop may agree several personas; the map is drawn for one at a time.
"""

from __future__ import annotations

from typing import Any

import ipywidgets as w

from cxwidgets.language import _
from cxwidgets.method import views as J
from cxwidgets.method import words as L
from cxwidgets.method.model import Persona, Workshop
from cxwidgets.method.personas import ALL, FIELD_LABEL, ONLY, compare, merge
from cxwidgets.widgets.base import author_html, esc, set_options, table
from cxwidgets.widgets.choices import lines, persona_choices
from cxwidgets.widgets.entries import EntryStep
from cxwidgets.widgets.fields import Text, Textarea
from cxwidgets.widgets.registry import register

DRAFT, AGREED = "draft", "agreed"
TEXT_FIELDS = ("name", "role", "segment", "group", "quote")
LINE_FIELDS = ("goals", "needs", "frustrations")


@register
class Personas(EntryStep[Persona]):
    """Step 3: persona drafts by group, their comparison, and the agreed personas."""

    step_key = "persona"

    def fields(self) -> list[w.Widget]:
        wide = w.Layout(width="100%", max_width="40em")
        self.persona_kind = w.ToggleButtons(options=[(_("Group draft"), DRAFT),
                                                     (_("Agreed persona"), AGREED)],
                                            description=_("This is")
                                            ).add_class("cx-persona-kind")
        self.persona_kind.layout.display = "" if self.editor.is_facilitator else "none"
        self.group = Text(description=_("Group"), placeholder=_("e.g. Table 2")
                            ).add_class("cx-persona-group")
        self.segment = Text(description=_("Segment"), placeholder=_("e.g. Young families")
                              ).add_class("cx-persona-segment")
        self.name = Text(description=_("Name"), placeholder=_("e.g. Busy Bea")
                           ).add_class("cx-persona-name")
        self.role = Text(description=_("Role"), placeholder=_("e.g. Nurse, two children"),
                           layout=wide).add_class("cx-persona-role")
        self.background = Textarea(description=_("Background"), rows=2, layout=wide
                                     ).add_class("cx-persona-background")
        self.goals = self._lines(_("Goals"), "cx-persona-goals")
        self.needs = self._lines(_("Needs"), "cx-persona-needs")
        self.frustrations = self._lines(_("Frustrations"), "cx-persona-frustrations")
        self.channels = w.SelectMultiple(description=_("Channels"), rows=6,
                                         options=L.options(L.CHANNEL)
                                         ).add_class("cx-persona-channels")
        self.quote = Text(description=_("Quote"), layout=wide,
                            placeholder=_("Something they would say, in their words")
                            ).add_class("cx-persona-quote")
        self._based_on: list[str] = []
        wrap = w.Layout(flex_flow="row wrap")
        return [self.persona_kind, w.HBox([self.group, self.segment], layout=wrap),
                w.HBox([self.name], layout=wrap), self.role, self.background,
                self.goals, self.needs, self.frustrations, self.channels, self.quote]

    @staticmethod
    def _lines(label: str, css: str) -> w.Textarea:
        return Textarea(description=label, rows=2, placeholder=_("One per line"),
                          layout=w.Layout(width="100%", max_width="40em")).add_class(css)

    def extra(self) -> list[w.Widget]:
        self.compare_pick = w.SelectMultiple(description=_("Compare"), rows=5, options=[],
                                             layout=w.Layout(width="30em")
                                             ).add_class("cx-compare-pick")
        self.start_agreed = w.Button(description=_("Start the agreed persona from these"),
                                     icon="compress", layout=w.Layout(width="auto")
                                     ).add_class("cx-start-agreed")
        self.start_agreed.layout.display = "" if self.editor.is_facilitator else "none"
        self.comparison = w.HTML().add_class("cx-comparison")
        self.agreed = w.HTML().add_class("cx-agreed")
        self.map_for = w.Dropdown(description=_("Map for"), options=[]).add_class("cx-map-for")
        self.compare_pick.observe(lambda _: self._show_comparison(), "value")
        self.start_agreed.on_click(self._on_start_agreed)
        self.map_for.observe(self._on_map_for, "value")
        self.live.observe(lambda _: self._sync_map_for(), "persona_id")
        self.start_notice = self.notice_line()
        return [w.HTML("<h4>" + esc(_("Compare the drafts")) + "</h4>"), self.compare_pick,
                self.comparison, self.start_agreed, self.start_notice,
                w.HTML("<h4>" + esc(_("Agreed personas")) + "</h4>"),
                self.agreed, self.map_for]

    # -- form -----------------------------------------------------------------------

    def values(self) -> dict[str, Any]:
        agreed = self.editor.is_facilitator and self.persona_kind.value == AGREED
        data: dict[str, Any] = {f: getattr(self, f).value for f in TEXT_FIELDS}
        data.update({f: lines(getattr(self, f).value) for f in LINE_FIELDS})
        data.update(background=self.background.value, channels=list(self.channels.value),
                    agreed=agreed, based_on=self._based_on if agreed else [])
        return data

    def fill(self, entity: Persona) -> None:
        for f in TEXT_FIELDS:
            getattr(self, f).value = getattr(entity, f)
        for f in LINE_FIELDS:
            getattr(self, f).value = "\n".join(getattr(entity, f))
        self.background.value = entity.background
        self.channels.value = tuple(c.value for c in entity.channels)
        self.persona_kind.value = AGREED if entity.agreed else DRAFT
        self._based_on = list(entity.based_on)

    def blank(self) -> None:
        for f in (*TEXT_FIELDS, *LINE_FIELDS, "background"):
            if f != "group":  # the next draft usually comes from the same group
                getattr(self, f).value = ""
        self.channels.value = ()
        self.persona_kind.value = DRAFT
        self._based_on = []

    def entry_label(self, entity: Persona) -> str:
        return (_("{name} (agreed)").format(name=entity.name) if entity.agreed
                else draft_name(entity))

    # -- comparison and agreement -----------------------------------------------------

    def choices(self, workshop: Workshop) -> None:
        set_options(self.compare_pick, [(self.entry_label(d), d.id)
                                        for d in J.drafts(workshop)])
        set_options(self.map_for, persona_choices(workshop, everyone=None))
        self._sync_map_for()

    def render(self, workshop: Workshop) -> None:
        super().render(workshop)
        self._show_comparison(workshop)
        self.agreed.value = agreed_cards(workshop)

    def listing(self, workshop: Workshop) -> str:
        drafts = J.drafts(workshop)
        if not drafts:
            return ""
        rows = [[esc(d.group or "-"), esc(d.name), esc(d.segment or "-"),
                 author_html(workshop, d.created_by)] for d in drafts]
        return f"<p>{esc(L.count(len(drafts), 'draft'))}</p>" + table(
            [_("Group"), _("Draft"), _("Segment"), _("By")], rows)

    def _compared(self, workshop: Workshop) -> list[Persona]:
        drafts = J.drafts(workshop)
        picked = set(self.compare_pick.value)
        return [d for d in drafts if d.id in picked] or drafts

    def _show_comparison(self, workshop: Workshop | None = None) -> None:
        self.comparison.value = comparison_table(self._compared(workshop or self.live.workshop))

    def _on_start_agreed(self, _button: w.Button) -> None:
        drafts = self._compared(self.live.workshop)
        if not drafts:
            self.show_error(_("There are no drafts to start from yet."), self.start_notice)
            return
        proposal = merge(drafts)
        self.mine.value = ""
        with self.syncing():
            for f in ("name", "role", "segment", "quote", "background"):
                getattr(self, f).value = proposal[f]
            for f in LINE_FIELDS:
                getattr(self, f).value = "\n".join(proposal[f])
            self.channels.value = tuple(proposal["channels"])
            self.group.value = ""
            self.persona_kind.value = AGREED
        self._based_on = proposal["based_on"]
        self.show_done(_("Started from {drafts}: the form above holds it; edit it, then press "
                         "'{add}'. The drafts are kept.").format(
                             drafts=L.count(len(drafts), "draft"),
                             add=self.add.description), self.start_notice)

    def _on_map_for(self, change: dict[str, Any]) -> None:
        if not self._syncing and change["new"]:
            self.live.persona_id = change["new"]

    def _sync_map_for(self) -> None:
        with self.syncing():
            if self.live.persona_id in {v for _, v in self.map_for.options}:
                self.map_for.value = self.live.persona_id


_SHARE_CLASS = {ALL: "cx-same", ONLY: "cx-only"}


def comparison_table(drafts: list[Persona]) -> str:
    """Drafts side by side; values only one draft has are highlighted strongest."""
    if not drafts:
        return "<p><i>{}</i></p>".format(esc(_(
            "No drafts yet. Each group adds one with 'Group draft' above.")))
    rows = []
    for row in compare(drafts):
        cells = []
        for marks in row.cells:
            shown = [esc(L.label(L.CHANNEL, m.text)) if row.field == "channels" else esc(m.text)
                     for m in marks]
            cells.append("<br>".join(
                f"<span class='{_SHARE_CLASS.get(m.shared, 'cx-some')}'>{text}</span>"
                for m, text in zip(marks, shown, strict=True)) or "<i>-</i>")
        label = esc(_(FIELD_LABEL[row.field])) + (" <b class='cx-differs'>≠</b>"
                                                  if row.differs else "")
        rows.append([label, *cells])
    heads = ["", *(esc(draft_name(d)) for d in drafts)]
    legend = ("<p class='cx-legend'><span class='cx-same'>" + esc(_("in every draft"))
              + "</span> · <span class='cx-some'>" + esc(_("in some drafts"))
              + "</span> · <span class='cx-only'>" + esc(_("in one draft only"))
              + "</span> · ≠ " + esc(_("the drafts differ")) + "</p>")
    return legend + table(heads, rows, "cx-compare")


def draft_name(draft: Persona) -> str:
    """"Table 2 · Busy Bea": a draft by its group and its name (two groups may share a
    table number, two drafts a name)."""
    return f"{draft.group} · {draft.name}" if draft.group else draft.name


def agreed_cards(workshop: Workshop) -> str:
    agreed = J.agreed_personas(workshop)
    if not agreed:
        return "<p><i>{}</i></p>".format(esc(_("No agreed persona yet.")))
    names = {p.id: draft_name(p) for p in workshop.personas}
    cards = []
    for p in agreed:
        goals = "".join(f"<li>{esc(g)}</li>" for g in p.goals)
        pains = "".join(f"<li>{esc(g)}</li>" for g in p.frustrations)
        chans = ", ".join(L.label(L.CHANNEL, c) for c in p.channels)
        drafts = ", ".join(names.get(d, _("a removed draft")) for d in p.based_on)
        cards.append(
            f"<div class='cx-persona-card'><h4>{esc(p.name)}</h4><p>{esc(p.role)}"
            f"{' · ' + esc(p.segment) if p.segment else ''}</p>"
            f"{f'<blockquote>“{esc(p.quote)}”</blockquote>' if p.quote else ''}"
            f"<p><b>" + esc(_("Goals")) + f"</b></p><ul>{goals}</ul>"
            f"<p><b>" + esc(_("Frustrations")) + f"</b></p><ul>{pains}</ul>"
            f"<p><b>" + esc(_("Channels")) + f"</b> {esc(chans or '-')}</p><p class='cx-small'>"
            + esc(_("Built from: {drafts}").format(drafts=drafts or _("no drafts")))
            + "</p></div>")
    return f"<div class='cx-cards'>{''.join(cards)}</div>"
