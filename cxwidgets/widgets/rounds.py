"""Ask customers: the facilitator opens a validation round and reads what customers said.

Shown under step 14 (versions) because a round asks about one version of the map (the
as-is map, or the to-be design to validate). The facilitator names the round, picks the
version, the persona, the touchpoints (all placed ones by default, at most about twelve so
a customer finishes in five minutes), a closing date and an optional consent text, and
gets the customers' link and its QR code. Every round is listed with how many customers
answered; a round can be closed early, and its largest gaps between the room and the
customers are shown in plain sentences.
"""

from __future__ import annotations

import datetime as dt
import os

import ipywidgets as w

from cxwidgets.language import _, format_date, format_decimal
from cxwidgets.method import views as J
from cxwidgets.method import words as L
from cxwidgets.method.model import Workshop
from cxwidgets.method.validation import (
    DEFAULT_QUESTIONS,
    Gap,
    default_touchpoints,
    gaps,
    is_open,
    respondents,
)
from cxwidgets.serve import customer_url, served_by_voila
from cxwidgets.widgets.base import esc, said, set_options, table
from cxwidgets.widgets.fields import Text, Textarea
from cxwidgets.widgets.session import SAVED, LiveWorkshop

NOW = ""
#: A round stays open two weeks unless the facilitator picks another date.
DEFAULT_DAYS = 14
SHOWN_GAPS = 8


def customer_link(workshop_id: str, code: str) -> str | None:
    """The customers' link as served to this page (None outside `cxwidgets serve`)."""
    host = os.environ.get("CXWIDGETS_LINK_HOST") or os.environ.get("SERVER_NAME", "")
    port = os.environ.get("SERVER_PORT", "")
    if not (served_by_voila() and host and port.isdigit()):
        return None
    return customer_url(host, int(port), workshop_id, code)


class AskCustomers(w.VBox):
    """Open, follow and close validation rounds (facilitator only)."""

    def __init__(self, live: LiveWorkshop) -> None:
        self.live = live
        full = w.Layout(width="100%", max_width="40em")
        self.title = Text(description=_("Title"), value="How does your journey feel?",
                            layout=full).add_class("cx-round-title")
        self.version = w.Dropdown(description=_("Version"), options=[], layout=full
                                  ).add_class("cx-round-version")
        self.persona = w.Dropdown(description=_("Persona"), options=[], layout=full
                                  ).add_class("cx-round-persona")
        self.touchpoints = w.SelectMultiple(description=_("Ask about"), options=[], rows=8,
                                            layout=full).add_class("cx-round-touchpoints")
        self.closes = w.DatePicker(description=_("Closes on")).add_class("cx-round-closes")
        self.consent = Textarea(
            description=_("Consent"), rows=3, layout=full,
            placeholder=_("Shown first, e.g. Your answers are anonymous and used only to "
                        "improve our service.")).add_class("cx-round-consent")
        self.launch = w.Button(description=_("Open the round"), icon="paper-plane",
                             button_style="primary").add_class("cx-round-open")
        self.notice = w.HTML().add_class("cx-notice")
        self.link = w.HTML().add_class("cx-round-link")
        self.rounds = w.HTML().add_class("cx-rounds")
        self.pick = w.Dropdown(description=_("Round"), options=[]).add_class("cx-round-pick")
        self.end = w.Button(description=_("Close this round"), icon="lock"
                              ).add_class("cx-round-close")
        self.result = w.HTML().add_class("cx-round-gaps")
        self.launch.on_click(lambda _: self._open())
        self.end.on_click(lambda _: self._close())
        self.pick.observe(lambda _: self._show_round(), "value")
        self._suggested: tuple[str, ...] = ()
        super().__init__([
            w.HTML("<h4>{}</h4><p>{}</p>".format(esc(_("Ask customers")), esc(_(
                "Let real customers walk this map on their phones, one step at a time, and "
                "see where the room's picture holds.")))),
            self.title, self.version, self.persona, self.touchpoints, self.closes,
            self.consent, self.launch, self.notice, self.link, self.rounds,
            w.HBox([self.pick, self.end], layout=w.Layout(flex_flow="row wrap")),
            self.result])
        self.add_class("cx-ask-customers")
        live.observe(lambda change: self.render(change["new"]), "workshop")
        self.render(live.workshop)

    def render(self, workshop: Workshop) -> None:
        set_options(self.version, [(_("The map as it is now"), NOW)] + [
            (f"{v.name} ({L.word(v.kind)})", v.name) for v in workshop.versions])
        people = J.agreed_personas(workshop) or workshop.personas
        set_options(self.persona, [(p.name, p.id) for p in people]
                    or [(_("(no persona yet)"), "")])
        set_options(self.touchpoints, [(t.name, t.id)
                                       for t in J.journey_touchpoints(workshop)])
        suggested = tuple(default_touchpoints(workshop, DEFAULT_QUESTIONS))
        if suggested != self._suggested:  # keep what the facilitator chose by hand
            self._suggested = suggested
            self.touchpoints.value = suggested
        if self.closes.value is None:
            self.closes.value = self.live.today() + dt.timedelta(days=DEFAULT_DAYS)
        today = self.live.today()
        rows = [[esc(r.title), esc(r.version or _("the map now")), format_date(r.closes),
                 format_decimal(respondents(workshop, r.id)),
                 _("open") if is_open(r, today) else _("closed")] for r in workshop.rounds]
        self.rounds.value = table([_("Round"), _("Version"), _("Closes"), _("Customers"),
                                   _("State")], rows) if rows else "<p><i>{}</i></p>".format(
                                       esc(_("No round yet.")))
        set_options(self.pick, [(r.title, r.id) for r in workshop.rounds])
        self.end.disabled = not workshop.rounds
        self._show_round()

    def _open(self) -> None:
        if not self.touchpoints.value:
            self.notice.value = "<p class='cx-error'>{}</p>".format(
                esc(_("Pick at least one touchpoint.")))
            return
        rid = self.live.edit(self.live.editor.open_round, self.title.value,
                             list(self.touchpoints.value), self.closes.value,
                             self.version.value, self.persona.value or None,
                             self.consent.value)
        if self.live.status != SAVED or rid is None:
            self.notice.value = "<p class='cx-error'>{}</p>".format(esc(_(
                "Not opened: {reason}").format(reason=said(self.live.message))))
            return
        found = next(r for r in self.live.workshop.rounds if r.id == rid)
        self.notice.value = "<p class='cx-ok'>{}</p>".format(esc(_(
            "The round is open until {day}.").format(day=format_date(found.closes))))
        self.pick.value = rid
        self._show_link(found.code)

    def _show_link(self, code: str) -> None:
        from cxwidgets.qr import qr_svg  # heavy: segno, only when `_show_link` runs

        link = customer_link(self.live.editor.workshop_id, code)
        if link is None:
            self.link.value = "<p>{}</p>".format(esc(_(
                "Round code {code}. Its link appears here when the kit is served.")).format(
                    code=f"<span class='cx-code'>{esc(code)}</span>"))
            return
        self.link.value = (f"<div class='cx-join'>{qr_svg(link, scale=4)}<div><p>"
                           f"{esc(_('Send customers this link:'))}</p><p>"
                           f"<span class='cx-link'>{esc(link)}</span></p></div></div>")

    def _close(self) -> None:
        if self.pick.value and self.live.edit(self.live.editor.close_round, self.pick.value):
            self.notice.value = "<p class='cx-ok'>{}</p>".format(
                esc(_("Round closed; its answers stay.")))
        elif self.live.status != SAVED:
            self.notice.value = f"<p class='cx-error'>{esc(said(self.live.message))}</p>"

    def _show_round(self) -> None:
        workshop = self.live.workshop
        found = next((r for r in workshop.rounds if r.id == self.pick.value), None)
        if found is None:
            self.result.value = ""
            return
        shown = self.live.version(found.version) if found.version else workshop
        rows = gaps(found, shown, workshop)[:SHOWN_GAPS]
        people = respondents(workshop, found.id)
        self.result.value = (f"<p><b>{esc(found.title)}</b>: " + esc(_(
            "{customers} answered. The largest gaps between the room and its customers "
            "first:").format(customers=L.count(people, "customer"))) + "</p>"
            + gap_table(rows))


def _signed(value: float | None) -> str:
    return "-" if value is None else ("+" if value >= 0 else "") + format_decimal(value, digits=1)


def gap_table(rows: list[Gap]) -> str:
    """The room's feeling beside the customers', per touchpoint, with the sentence."""
    body = []
    for g in rows:
        c = g.customers
        heard = "-" if c is None or c.mean is None else \
            _("{mean} ({low} to {high}, {ratings})").format(
                mean=_signed(c.mean), low=f"{c.low:+d}", high=f"{c.high:+d}",
                ratings=L.count(c.rated, "rating"))
        unlike = f"{c.share_not_like_this:.0%}" if c and c.answered else "-"
        body.append([esc(g.touchpoint), esc(g.stage), _signed(g.room), heard,
                     _signed(g.difference), unlike, esc(g.sentence())])
    return table([_("Touchpoint"), _("Stage"), _("The room"), _("Customers"), _("Gap"),
                  _("Not like this"), _("In words")], body, "cx-gaps")
