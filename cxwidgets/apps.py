"""The apps the notebooks show: one call each, so notebooks stay one line thin.

`facilitator_app` (JupyterLab or Voila with the token) and `participant_app` (Voila)
resolve the store, read the page's query string when served by Voila, and turn every
expected failure into a message on the page rather than a traceback.
"""

from __future__ import annotations

import json
import logging
import os
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urlencode

# jsonschema (under Altair) builds an IRI grammar when it is imported if the optional
# rfc3987_syntax is installed (Jupyter's server brings it in): 4-5 s of CPU in every kernel
# that draws a chart, for a string format that neither Altair nor the kit checks. Kernels
# importing this module skip it; a process that already loaded jsonschema keeps it.
if "jsonschema" not in sys.modules:
    sys.modules.setdefault("rfc3987_syntax", None)  # type: ignore[arg-type]

import ipywidgets as w

from cxwidgets import language, settings
from cxwidgets.exceptions import CxError, NotAllowed, WorkshopNotFound
from cxwidgets.lab import served_link, store_name
from cxwidgets.language import _
from cxwidgets.method.views import language_of
from cxwidgets.serve import served_by_voila, urls
from cxwidgets.store import Editor, Store, resolve_db
from cxwidgets.store.door import Page
from cxwidgets.widgets.base import StepWidget, esc, said
from cxwidgets.widgets.board import RoomBoard
from cxwidgets.widgets.connection import connection_notice
from cxwidgets.widgets.join import JoinForm
from cxwidgets.widgets.memory import NOTHING, BrowserMemory
from cxwidgets.widgets.registry import screen_class
from cxwidgets.widgets.room import Room
from cxwidgets.widgets.session import LiveWorkshop
from cxwidgets.widgets.stepper import Stepper
from cxwidgets.widgets.style import stylesheet


class _StoppedMidCell(logging.Filter):
    """A kernel the server stops while it still runs the app's cell (a pool being refilled
    when the facilitator stops the server) cannot send its last reply: its sockets are
    closed. ipykernel logs that as a traceback in the server's terminal, which reads like
    a crash but is only the stop; this drops exactly that record."""

    def filter(self, record: logging.LogRecord) -> bool:
        error = record.exc_info[1] if record.exc_info else None
        return not (error is not None and type(error).__name__ == "ZMQError"
                    and "non-socket" in str(error))


if served_by_voila():
    logging.getLogger("IPKernelApp").addFilter(_StoppedMidCell())


def query_params() -> dict[str, str]:
    """The page's query string under Voila (it arrives in $QUERY_STRING); empty elsewhere.

    A pre-heated kernel ran the notebook before anyone asked for the page: it waits here
    for its request first (once; a second wait would never end), so the join code and the
    facilitator's token are there, and a waiting kernel counts as busy, never culled.
    """
    if os.environ.get("VOILA_PREHEAT") == "True":
        # heavy: Voila's server modules, only when the page asks for its request
        from voila.utils import wait_for_request

        os.environ.pop("SERVER_SOFTWARE", None)  # the visitor's request brings it back
        wait_for_request()
        if "SERVER_SOFTWARE" not in os.environ:
            # no visitor came: the server is stopping. This kernel's sockets are closed
            # already, so finishing the cell would only print a traceback on the way out.
            os._exit(0)
        os.environ["VOILA_PREHEAT"] = "False"
    parsed = parse_qs(os.environ.get("QUERY_STRING", ""), max_num_fields=20)
    return {key: values[0] for key, values in parsed.items() if values}


def error_panel(message: str) -> w.HTML:
    return w.HTML(f"<div class='cx-error' role='alert'>⚠ {esc(said(message))}</div>"
                  ).add_class("cx-app-error")



def facilitator_app(db: str | Path | None = None, workshop: str = "", token: str = "",
                    steps: Sequence[str | int] = ()) -> w.Widget:
    """The facilitator's stepper for one workshop (the newest one, or the sample, by default).

    `steps` picks a subset (keys or numbers, e.g. ``("emotions", 7)``) for a short session;
    by default all 16 steps are there.
    """
    # the facilitator's screens and their charts are loaded first: in a kernel kept warm
    # for the facilitator, before the link arrives
    import cxwidgets.qr  # heavy: segno, only when `facilitator_app` runs

    # lazy: keeps the participant's kernel from loading cxwidgets.widgets.techniques and 4 more
    import cxwidgets.widgets.techniques  # noqa: F401

    # lazy: keeps the participant's kernel from loading cxwidgets.keys and 1 more
    from cxwidgets import keys
    from cxwidgets.widgets import STEP_CLASSES  # heavy: altair, only when `facilitator_app` runs

    # lazy: keeps the participant's kernel from loading cxwidgets.widgets.chart
    from cxwidgets.widgets.chart import load_vega

    load_vega()

    q = query_params()
    try:
        classes = [screen_class(s) for s in steps] if steps else list(STEP_CLASSES)
        workshop = workshop or q.get("workshop", "")
        token = token or q.get("token", "")
        if served_by_voila() and not (workshop and token):
            # on the web, only the facilitator's own link opens this page: never the
            # token saved on the machine that serves it
            raise NotAllowed("this page opens only with the facilitator's own link, which "
                             "carries the workshop and its key. The computer that runs the "
                             "workshop shows that link when the workshop server starts.")
        path = resolve_db(db)
        store = Store(path)
        if not workshop:
            workshop, token = _default_workshop(store, path, token)
        token = token or keys.recall(path, workshop) or ""
        editor = Editor.facilitator(store, workshop, token)
        live = LiveWorkshop(editor)
        language.use(live.workshop.language)
    except KeyError as exc:
        return w.VBox([stylesheet(), error_panel(str(exc.args[0]))])
    except CxError as exc:
        return w.VBox([stylesheet(), error_panel(str(exc))])
    live.start_polling(settings.current().poll_interval)
    return facilitator_screen(live, store, classes, path)


def facilitator_screen(live: LiveWorkshop, store: Store, classes: Sequence[type[StepWidget]],
                       path: str | Path) -> w.VBox:
    """The join banner, the stepper on the room's step, the techniques and the board."""
    info = store.info(live.editor.workshop_id)
    link = participant_link(info.join_code) or served_link(store_name(path), info.join_code)
    banner = join_banner(info.join_code, in_language(link, live.workshop.language))
    # a reloaded facilitator page opens where the room is, instead of pulling it back;
    # each step's screen is built when it first comes on screen
    keys = [cls.step_key for cls in classes]
    room_on = live.workshop.current_step
    stepper = Stepper(live, classes, start=keys.index(room_on) if room_on in keys else 0)
    board = RoomBoard(live, stepper.current.step_key)
    stepper.jump.observe(lambda _: board.show_step(stepper.current.step_key), "value")
    board.show_step(stepper.current.step_key)
    # heavy: the map (numpy, rapidfuzz); keeps the participant's kernel from loading it
    from cxwidgets.widgets.live_map import facilitator_map

    # lazy: keeps the participant's kernel from loading cxwidgets.widgets.rooms_panel and 1 more
    from cxwidgets.widgets.rooms_panel import rooms_panel

    app = w.VBox([stylesheet(), banner, connection_notice(live), facilitator_map(live, stepper),
                  techniques_panel(live), rooms_panel(live), board]
                 ).add_class("cx-facilitator-app")
    banner.tools.children = [*banner.tools.children, projector_toggle(app, live)]
    return app


def projector_toggle(app: w.Widget, live: LiveWorkshop | None = None) -> w.ToggleButton:
    """Larger type for the back of the room, the facilitator's tips kept off the wall;
    the map and charts enlarged too (the map a stage at a time: `live.projector`)."""
    toggle = w.ToggleButton(description=_("Projector: larger type"), icon="desktop",
                            tooltip=_("Larger type for the room; hides the facilitator's tips"),
                            layout=w.Layout(width="auto")).add_class("cx-projector-toggle")

    def switch(change: dict[str, Any]) -> None:
        (app.add_class if change["new"] else app.remove_class)("cx-projector")
        if live is not None:
            live.projector = change["new"]
        toggle.description = _("Normal type") if change["new"] else _("Projector: larger type")

    toggle.observe(switch, "value")
    return toggle


def in_language(link: str | None, code: str) -> str | None:
    """The participant's link asking for the room's language, so the join form speaks it
    (English, the kit's own, needs no asking)."""
    if link is None or language.known(code) == language.SOURCE:
        return link
    return f"{link}&{urlencode({'lang': language.known(code)})}"


def participant_link(join_code: str) -> str | None:
    """The link participants open, as served to this page; None outside Voila.

    `cxwidgets serve` names the host phones can reach ($CXWIDGETS_LINK_HOST: the machine's
    network address when it listens on every interface); otherwise the host this page
    was asked for.
    """
    host = os.environ.get("CXWIDGETS_LINK_HOST") or os.environ.get("SERVER_NAME", "")
    port = os.environ.get("SERVER_PORT", "")
    if not (served_by_voila() and host and port.isdigit()):
        return None
    return urls(host, int(port), join_code, "", "").participant


def join_banner(join_code: str, link: str | None) -> w.VBox:
    """How the room joins: the code, and on the web the link with its QR code, which a
    button enlarges for the projector."""
    from cxwidgets.qr import qr_svg  # heavy: segno, only when `join_banner` runs

    text = ("<p>" + esc(_("Participants join with code")) + " <span class='cx-code "
            f"cx-join-code-shown'>{esc(join_code)}</span></p>")
    tools = w.HBox(layout=w.Layout(flex_flow="row wrap")).add_class("cx-banner-tools")
    if link is None:
        banner = w.VBox([w.HTML(text), tools]).add_class("cx-banner")
        banner.tools = tools
        return banner
    shown = w.HTML(f"<div class='cx-join'>{qr_svg(link, scale=4)}<div>{text}"
                   "<p>" + esc(_("or open")) + f" <span class='cx-link'>{esc(link)}</span></p>"
                   "</div></div>")
    big = w.ToggleButton(description=_("Show the QR code big"), icon="qrcode",
                         tooltip=_("Enlarge the code and the QR code for the projector"),
                         layout=w.Layout(width="auto")).add_class("cx-qr-toggle")
    tools.children = [big]
    banner = w.VBox([shown, tools], layout=w.Layout(align_items="flex-start")
                    ).add_class("cx-banner")
    banner.tools = tools

    def enlarge(change: dict[str, Any]) -> None:
        if change["new"]:
            banner.add_class("cx-qr-big")
            big.description = _("Make the QR code small again")
        else:
            banner.remove_class("cx-qr-big")
            big.description = _("Show the QR code big")

    big.observe(enlarge, "value")
    return banner


def techniques_panel(live: LiveWorkshop) -> w.Accordion:
    """The techniques around the map, one tab each, folded away until needed: a tab's
    screen is built the first time it is opened, so the facilitator's page opens without
    making (and drawing) eight screens nobody looks at yet."""
    # lazy: keeps the participant's kernel from loading cxwidgets.widgets.techniques and 4 more
    from cxwidgets.widgets.techniques import TECHNIQUES, TITLES

    screens: list[StepWidget | None] = [None] * len(TECHNIQUES)
    tabs = w.Tab(children=[w.VBox() for _ in TECHNIQUES],
                 titles=[_(TITLES[cls.technique]) for cls in TECHNIQUES], selected_index=None)

    def show(_: object = None) -> None:
        opened = tabs.selected_index if panel.selected_index == 0 else None
        if opened is not None and screens[opened] is None:
            screens[opened] = TECHNIQUES[opened](live)
            # into its tab's place holder: a browser redrawing tabs whose children
            # changed would show the first tab
            tabs.children[opened].children = [screens[opened]]
        for k, screen in enumerate(screens):
            if screen is None:
                continue
            if k == opened:
                screen.show()
            else:
                screen.hide()

    panel = w.Accordion(children=[tabs], titles=[_("Techniques around the map")],
                        selected_index=None).add_class("cx-techniques")
    tabs.observe(show, "selected_index")
    panel.observe(show, "selected_index")
    tabs.selected_index = 0
    return panel


def _default_workshop(store: Store, path: str | Path, token: str) -> tuple[str, str]:
    """Newest workshop whose token this machine knows; the sample if the store is empty."""
    # lazy: keeps the participant's kernel from loading cxwidgets.keys and 1 more
    from cxwidgets import keys

    known = keys.recall_all(path)
    for info in reversed(store.list_workshops()):
        if info.id in known:
            return info.id, token or known[info.id]
    if store.list_workshops():
        raise CxError("this store has workshops but none whose facilitator token is saved on "
                      "this machine: pass workshop= and token=")
    # lazy: keeps the participant's kernel from loading cxwidgets.sample and 2 more
    from cxwidgets.sample import create_sample

    created = create_sample(store, path)
    return created.id, created.token


def participant_app(db: str | Path | None = None, code: str = "") -> w.Widget:
    """The participant's click-through app: join (or come back), then follow the room."""
    try:
        store = Store(resolve_db(db))
    except CxError as exc:
        return w.VBox([stylesheet(), error_panel(str(exc))])
    q = query_params()
    code = code or q.get("code", "")
    memory = BrowserMemory(key=f"cxwidgets-seat-{code.upper()[:12]}")
    app = w.VBox([stylesheet()]).add_class("cx-participant-app")
    # this page, one per kernel: the door counts its joins and wrong codes, and the seat
    # it opens (joined or come back to) notes the page's presence for the facilitator
    page = Page()

    def joined(editor: Editor) -> None:
        memory.value = json.dumps({"participant": editor.author, "secret": editor.secret})
        live = LiveWorkshop(editor)
        language.use(language_of(live.workshop, editor.author))
        live.start_polling(settings.current().poll_interval)
        hello = w.HTML(f"<h2>{esc(live.workshop.title)}</h2><p>" + esc(_(
            "Welcome, {name}. What you add is saved at once and shown to the room.").format(
                name=editor.display_name)) + "</p>").add_class("cx-welcome")
        # heavy: the map (numpy, rapidfuzz), loaded once the participant has joined
        from cxwidgets.widgets.live_map import participant_map

        app.children = [stylesheet(), memory, hello, connection_notice(live),
                        participant_map(live, Room(live))]

    def returning(change: dict[str, Any]) -> None:
        seat = _seat(change["new"])
        if seat and isinstance(app.children[-1], JoinForm):
            try:
                joined(Editor.resume(store, code, seat["participant"], seat["secret"],
                                     page=page))
            except CxError:
                memory.value = ""  # a stale seat: forget it, the form stays

    memory.observe(returning, "loaded")
    form = JoinForm(store, joined, code=code, page=page, lang=language.known(q.get("lang")))
    app.children = [*app.children, memory, form]
    return app


def _seat(stored: str) -> dict[str, str] | None:
    """The seat a browser kept, if it holds a well-formed one."""
    try:
        seat = json.loads(stored)
    except ValueError:
        return None
    if isinstance(seat, dict) and all(isinstance(seat.get(k), str) and seat.get(k)
                                      for k in ("participant", "secret")):
        return seat
    return None


def validate_app(db: str | Path | None = None, workshop: str = "",
                 round_code: str = "") -> w.Widget:
    """The customers' app for one validation round: the link carries the workshop and the
    round's code. The customer's random id is kept in their browser, so coming back
    (same browser) continues where they left and lets them change their answers."""
    # lazy: keeps the participant's kernel from loading cxwidgets.method.validation
    from cxwidgets.method.validation import find_round, is_to_be, questions

    # lazy: keeps the participant's kernel from loading cxwidgets.widgets.customers and 1 more
    from cxwidgets.widgets.customers import CustomerSurvey

    q = query_params()
    workshop = (workshop or q.get("w", ""))[:40]
    round_code = (round_code or q.get("round", "")).upper()[:8]
    memory = BrowserMemory(key=f"cxwidgets-answers-{round_code}")
    app = w.VBox([stylesheet(), w.HTML("<p>{}</p>".format(esc(_("Opening the questions…"))))]
                 ).add_class("cx-customer-app")

    def start(change: dict[str, Any]) -> None:
        stored = change["new"]
        try:
            store = Store(resolve_db(db))
            editor = Editor.customer(store, workshop, round_code,
                                     "" if stored == NOTHING else stored)
            live = LiveWorkshop(editor)
            round_ = find_round(live.full, round_code)
            if round_ is None:  # the seat was made for it; were it gone, the link leads nowhere
                raise WorkshopNotFound(f"no round {round_code!r}")
            shown = live.version(round_.version) if round_.version else live.full
        except CxError:
            app.children = [stylesheet(), error_panel(
                _("This link does not lead to any questions. Check it with whoever sent it."))]
            return
        memory.value = editor.author
        asked = questions(round_, shown, is_to_be(live.full, round_.version))
        app.children = [stylesheet(), memory, CustomerSurvey(live, round_, asked)]

    memory.observe(start, "loaded")
    app.children = [*app.children, memory]
    return app
