"""Every word a participant reads comes from the catalogue.

The participant's screens are built in a pseudo-language whose catalogue is the kit's own
template (`cxwidgets/locale/cxwidgets.pot`) with every translation wrapped in ⟦ ⟧. The
widget trees are walked as a browser would show them (descriptions, placeholders,
tooltips, option labels, tab titles, the text of every HTML widget, the titles and notes
of the charts): once the marked words and the test's own data (every name and text typed
here starts with "Xqz") are taken out, no word may be left. A word that is left was
written in the code without going through the catalogue, or is missing from the
template; the failure names it and the widget it was on. Dates are the locale's (their
month names come from Babel).
"""

from __future__ import annotations

import gettext
import html
import re
from pathlib import Path

import ipywidgets as w
import pytest
from babel.dates import get_day_names, get_month_names
from babel.messages.pofile import read_po

from cxwidgets import language
from cxwidgets.charts.live_map import cell_id
from cxwidgets.method.steps import STEPS
from cxwidgets.store import Editor
from cxwidgets.widgets import LiveWorkshop
from cxwidgets.widgets.chart import ChartView
from cxwidgets.widgets.join import JoinForm
from cxwidgets.widgets.live_map import LiveMap, facilitator_map, participant_map
from cxwidgets.widgets.room import Room

TEMPLATE = Path(language.__file__).parent / "locale" / "cxwidgets.pot"
PSEUDO = "xx"
MARKED = re.compile(r"⟦[^⟦⟧]*⟧")
#: What the test typed itself (names, texts, a wrong join code), and the names of the
#: languages, which a language list gives each in itself ("Deutsch", "Français").
OURS = re.compile(r"xqz[\w-]*|" + "|".join(map(re.escape, language.LANGUAGES.values())),
                  re.IGNORECASE)
#: Month and day names, which dates take from the locale (Babel), not from the catalogue.
CALENDAR = re.compile(r"\b(" + "|".join(
    [*get_month_names("abbreviated", locale="en").values(),
     *get_day_names("abbreviated", locale="en").values()]) + r")\b")
#: A word: two letters or more (a lone letter is a unit or a list mark).
WORD = re.compile(r"[^\W\d_]{2,}")


class Marked(gettext.NullTranslations):
    """The template's msgids, each read as itself between ⟦ ⟧; anything else unmarked."""

    def __init__(self, template: Path) -> None:
        super().__init__()
        with template.open("rb") as f:
            catalogue = read_po(f)
        self.plain: set[str] = set()
        self.plural: set[str] = set()
        self.in_context: set[tuple[str, str]] = set()
        for message in catalogue:
            if not message.id:
                continue
            if message.context:
                self.in_context.add((message.context, message.id))
            elif isinstance(message.id, tuple):
                self.plural.add(message.id[0])
            else:
                self.plain.add(message.id)

    def gettext(self, message: str) -> str:
        return f"⟦{message}⟧" if message in self.plain else message

    def ngettext(self, msgid1: str, msgid2: str, n: int) -> str:
        chosen = msgid1 if n == 1 else msgid2
        return f"⟦{chosen}⟧" if msgid1 in self.plural else chosen

    def pgettext(self, context: str, message: str) -> str:
        return f"⟦{message}⟧" if (context, message) in self.in_context else message


@pytest.fixture
def pseudo():
    language.install(PSEUDO, Marked(TEMPLATE))
    try:
        with language.speaking(PSEUDO):
            yield PSEUDO
    finally:
        language.install(PSEUDO, None)


def _text_of(markup: str) -> list[str]:
    """What a browser shows of `markup`, and the labels it reads out (title, aria-label)."""
    markup = re.sub(r"<(style|script)\b.*?</\1>", " ", markup, flags=re.S | re.I)
    said = re.findall(r"""(?:title|aria-label)=(?:'([^']*)'|"([^"]*)")""", markup)
    shown = re.sub(r"<[^>]+>", " ", markup)
    return [html.unescape(shown), *(html.unescape(a or b) for a, b in said)]


def _chart_words(node: object, key: str = "") -> list[str]:
    """The titles, subtitles and fixed texts of a Vega-Lite spec (its data is the room's)."""
    found: list[str] = []
    if isinstance(node, dict):
        for k, v in node.items():
            if k == "datasets":
                continue
            # a text drawn on several lines is a list of its lines: read as one
            if k in ("title", "subtitle") and isinstance(v, str | list):
                found.append(" ".join(map(str, v)) if isinstance(v, list) else v)
            elif k in ("text", "tooltip") and isinstance(v, dict) \
                    and isinstance(v.get("value"), str | list):
                value = v["value"]
                found.append(" ".join(map(str, value)) if isinstance(value, list) else value)
            else:
                found += _chart_words(v, k)
    elif isinstance(node, list):
        for v in node:
            found += _chart_words(v, key)
    return [t for t in found if isinstance(t, str)]


def _data_words(spec: dict) -> list[str]:
    """The texts of a chart's rows a person reads as the chart's own words: the hover
    notes the live map writes into its empty cells ("tip"). The rest of a chart's data
    is the room's."""
    return [str(row["tip"]) for rows in spec.get("datasets", {}).values() for row in rows
            if isinstance(row, dict) and row.get("tip")]


def visible(widget: w.Widget) -> list[tuple[str, str]]:
    """(where, text) for every text of `widget` and its children a person can see."""
    found: list[tuple[str, str]] = []
    where = f"{type(widget).__name__}{list(getattr(widget, '_dom_classes', ()))}"
    layout = getattr(widget, "layout", None)
    if layout is not None and getattr(layout, "display", None) == "none":
        return found
    for attr in ("description", "placeholder", "tooltip"):
        value = getattr(widget, attr, None) if widget.has_trait(attr) else None
        if isinstance(value, str) and value:
            found.append((f"{where}.{attr}", value))
    if isinstance(widget, w.HTML | w.Label | w.HTMLMath):
        found += [(f"{where}.value", t) for t in _text_of(widget.value)]
    labels = getattr(widget, "_options_labels", None)
    if labels:
        found += [(f"{where}.options", str(label)) for label in labels]
    for attr in ("tooltips", "titles"):
        value = getattr(widget, attr, None)
        if value:
            found += [(f"{where}.{attr}", str(t)) for t in value if t]
    if isinstance(widget, ChartView) and widget.spec:
        found += [(f"{where}.chart", t) for t in _chart_words(widget.spec)]
        found += [(f"{where}.chart-data", t) for t in _data_words(widget.spec)]
    for child in getattr(widget, "children", ()):
        found += visible(child)
    return found


def unmarked(widget: w.Widget) -> list[str]:
    """Each text of `widget` still holding a word outside the catalogue, with its place."""
    wrong = []
    for where, text in visible(widget):
        rest = text
        while MARKED.search(rest):
            rest = MARKED.sub(" ", rest)
        rest = CALENDAR.sub(" ", OURS.sub(" ", rest))
        if WORD.search(rest):
            wrong.append(f"{where}: {' '.join(WORD.findall(rest))!r} in {text[:160]!r}")
    return wrong


@pytest.fixture
def room_data(store, facilitator):
    """A journey whose every name and text is the test's own ("Xqz…")."""
    s1 = facilitator.add("stages", {"name": "Xqz-stage-one", "order": 0})
    s2 = facilitator.add("stages", {"name": "Xqz-stage-two", "order": 1})
    t1 = facilitator.add("touchpoints", {"name": "Xqz-hotline", "channel": "phone",
                                         "stage_id": s1})
    t2 = facilitator.add("touchpoints", {"name": "Xqz-letter", "channel": "mail",
                                         "medium": "physical", "stage_id": s2})
    facilitator.add("personas", {"name": "Xqz-Carla", "agreed": True, "quote": "Xqz-quote",
                                 "role": "Xqz-role", "goals": ["Xqz-goal"]})
    facilitator.add("personas", {"name": "Xqz-draft", "group": "Xqz-table"})
    facilitator.add("emotions", {"touchpoint_id": t1, "score": -1, "word": "Xqz-slow"})
    pain = facilitator.add("pain_points", {"touchpoint_id": t1, "text": "Xqz-wait",
                                           "impact": 4, "effort": 2})
    facilitator.add("pain_points", {"touchpoint_id": t2, "text": "Xqz-unclear",
                                    "evidence": ["Xqz-said-so"]})
    facilitator.add("opportunities", {"touchpoint_id": t1, "text": "Xqz-call-back",
                                      "pain_id": pain})
    facilitator.add("backstage", {"touchpoint_id": t1, "name": "Xqz-triage"})
    facilitator.add("comments", {"target_id": pain, "text": "Xqz-comment"})
    facilitator.add("actions", {"title": "Xqz-action", "owner": "Xqz-owner",
                                "due": "2026-12-24", "linked_ids": [pain]})
    return {"touchpoint": t1, "pain": pain, "stage": s1, "stage_two": s2}


def test_the_pseudo_language_marks_what_the_catalogue_holds(pseudo):
    assert language._("Join the workshop") == "⟦Join the workshop⟧"
    assert language._("A sentence no screen says") == "A sentence no screen says"
    assert unmarked(w.HTML("<p>⟦Join the workshop⟧ Xqz</p>")) == []
    assert unmarked(w.Button(description="Join now")) == [
        "Button[].description: 'Join now' in 'Join now'"]


def test_the_join_form_speaks_only_the_catalogues_words(store, created, pseudo):
    form = JoinForm(store, lambda editor: None, code="XQZ999", lang=PSEUDO)
    assert unmarked(form) == []
    form.button.click()  # a code that opens nothing, then a name left empty
    assert "cx-error" in form.notice.value
    assert unmarked(form) == []
    form.code.value = created.join_code
    form.button.click()
    assert "cx-error" in form.notice.value
    assert unmarked(form) == []


def test_every_step_of_the_participants_room_speaks_only_the_catalogues_words(
        store, created, facilitator, room_data, pseudo):
    seat = Editor.join(store, created.join_code, "Xqz-Ana", "support", language=PSEUDO)
    room = Room(LiveWorkshop(seat))
    seat.add("touchpoints", {"name": "Xqz-own", "channel": "web",  # a list to edit
                             "stage_id": room_data["stage"]})
    wrong: dict[str, list[str]] = {}
    for s in STEPS:
        facilitator.open_step(s.key)
        room.live.refresh()
        screen = room.body.children[0]
        if hasattr(screen, "add"):  # an empty entry: the refusal is in words too
            screen.add.click()
        wrong[s.key] = unmarked(room)
    facilitator.lock_step("touchpoints")
    facilitator.open_step("touchpoints")
    room.live.refresh()
    wrong["locked"] = unmarked(room)
    room.toggle.value = True
    wrong["self-assessment"] = unmarked(room)
    left = [f"{key}: {found}" for key, found in wrong.items() for found in found]
    assert not left, "words outside the catalogue:\n" + "\n".join(left)


def test_every_step_screen_of_the_facilitator_speaks_only_the_catalogues_words(
        store, created, facilitator, room_data, pseudo):
    from cxwidgets.widgets import STEP_CLASSES

    live = LiveWorkshop(facilitator)
    left = []
    for cls in STEP_CLASSES:
        screen = cls(live)
        screen.show()
        left += [f"{cls.step_key}: {found}" for found in unmarked(screen)]
    assert not left, "words outside the catalogue:\n" + "\n".join(left)


def _walk_the_live_map(found: LiveMap, box: w.Widget, room_data: dict[str, str],
                       label: str) -> list[str]:
    """The map as shown beside a step, then with its table unfolded and its side panel
    opened on a touchpoint, its feelings, a pain point and an empty cell's add form."""
    assert found.shown, "the live map is not shown on this step"
    # the map is read in the language it is drawn in: its empty cells are there to add to
    assert any(where.endswith(".chart-data") for where, _ in visible(found.chart))
    wrong = [f"{label} map: {x}" for x in unmarked(box)]
    found.table.selected_index = 0
    wrong += [f"{label} table: {x}" for x in unmarked(box)]
    for name, picked in (("touchpoint", room_data["touchpoint"]),
                         ("feelings", f"emotion:{room_data['touchpoint']}"),
                         ("pain point", room_data["pain"]),
                         ("add form", cell_id("pain_points", room_data["stage"])),
                         ("second stage's add form", cell_id("opportunities",
                                                            room_data["stage_two"]))):
        assert found.panel.show_picked(picked), picked
        wrong += [f"{label} panel on a {name}: {x}" for x in unmarked(box)]
    found.panel.show_picked(room_data["pain"])  # what the panel's buttons say back
    for button in (found.panel.post, found.panel.accurate, found.panel.accurate,
                   found.panel.undot, found.panel.save_wording):
        button.click()
        wrong += [f"{label} panel after {button.description!r}: {x}" for x in unmarked(box)]
    found.panel.show_picked(cell_id("touchpoints", room_data["stage"]))
    found.panel.add.click()
    wrong += [f"{label} add form after adding: {x}" for x in unmarked(box)]
    found.panel.hide()
    return wrong


def test_the_live_map_its_panel_and_its_table_speak_only_the_catalogues_words(
        store, created, facilitator, room_data, pseudo):
    """The participant's room as the page builds it, with the live map beside it."""
    seat = Editor.join(store, created.join_code, "Xqz-Ana", "support", language=PSEUDO)
    live = LiveWorkshop(seat)
    box = participant_map(live, Room(live))
    seat.add("touchpoints", {"name": "Xqz-own", "channel": "web",  # a "★" of the seat's
                             "stage_id": room_data["stage"]})
    wrong: list[str] = []
    for key in ("review", "prioritise"):  # comments and accuracy, then dots
        facilitator.open_step(key)
        live.refresh()
        wrong += _walk_the_live_map(box.live_map, box, room_data, key)
    facilitator.lock_step("pains")  # an add refused: the reason is in words too
    facilitator.open_step("pains")
    live.refresh()
    wrong += _walk_the_live_map(box.live_map, box, room_data, "pains, locked")
    assert not wrong, "words outside the catalogue:\n" + "\n".join(wrong)


def test_the_facilitators_live_map_speaks_only_the_catalogues_words(
        store, created, facilitator, room_data, pseudo):
    from cxwidgets.widgets import STEP_CLASSES
    from cxwidgets.widgets.stepper import Stepper

    live = LiveWorkshop(facilitator)
    stepper = Stepper(live, list(STEP_CLASSES))
    box = facilitator_map(live, stepper)
    stepper.go(6)  # step 7, pain points
    wrong = _walk_the_live_map(box.live_map, box.live_map, room_data, "facilitator")
    assert not wrong, "words outside the catalogue:\n" + "\n".join(wrong)


def test_the_board_beside_every_step_speaks_only_the_catalogues_words(
        store, created, facilitator, room_data, pseudo):
    from cxwidgets.widgets.board import RoomBoard

    Editor.join(store, created.join_code, "Xqz-Ana", "support", language=PSEUDO)
    live = LiveWorkshop(facilitator)
    left = []
    for s in STEPS:
        board = RoomBoard(live, s.key)
        left += [f"{s.key}: {found}" for found in unmarked(board)]
    assert not left, "words outside the catalogue:\n" + "\n".join(left)


def test_the_techniques_around_the_map_speak_only_the_catalogues_words(
        store, created, facilitator, room_data, pseudo):
    from cxwidgets.widgets.techniques import TECHNIQUES

    Editor.join(store, created.join_code, "Xqz-Ana", "support", language=PSEUDO)
    live = LiveWorkshop(facilitator)
    left = []
    for cls in TECHNIQUES:
        screen = cls(live)
        screen.show()
        if hasattr(screen, "add"):  # an empty entry: the refusal is in words too
            screen.add.click()
        left += [f"{cls.__name__}: {found}" for found in unmarked(screen)]
    assert not left, "words outside the catalogue:\n" + "\n".join(left)


def test_the_rooms_panel_speaks_only_the_catalogues_words(store, created, facilitator,
                                                         room_data, pseudo):
    from cxwidgets.widgets.rooms_panel import rooms_panel

    facilitator.update_workshop(title="Xqz-claims")
    other = store.create_workshop("Xqz-other-room", scope="Xqz-scope")
    theirs = Editor.facilitator(store, other.id, other.token)
    stage = theirs.add("stages", {"name": "Xqz-stage-one", "order": 0})
    theirs.add("stages", {"name": "Xqz-stage-only", "order": 1})
    theirs.add("touchpoints", {"name": "Xqz-hotline", "channel": "phone", "stage_id": stage})
    panel = rooms_panel(LiveWorkshop(facilitator))
    panel.selected_index = 0
    wrong = [f"opened: {x}" for x in unmarked(panel)]
    screen = panel.children[0]
    screen.pick.value = (created.id, other.id)
    screen._suggest()
    wrong += [f"matches: {x}" for x in unmarked(panel)]
    screen.name.value = "Xqz-consensus"
    screen._build()
    # (what the rooms disagree on, and the consensus map's title, are still English)
    wrong += [f"built: {x}" for part in (screen.notice, screen.result)
              for x in unmarked(part)]
    assert not wrong, "words outside the catalogue:\n" + "\n".join(wrong)


def test_the_feedback_reader_speaks_only_the_catalogues_words(
        store, created, facilitator, room_data, pseudo, monkeypatch):
    """The reader's own words: its form, its notices, the report's counts and its
    suggestions. The file's column names are the file's; what the evidence package
    writes of a file (its doubts, the reasons rows were rejected, the figures of its
    scores) is still English, and is left out."""
    import sys

    from cxwidgets.resources import SAMPLE_DATA
    from cxwidgets.widgets.evidence import Evidence

    tickets = SAMPLE_DATA / "feedback" / "support_tickets.csv"
    header = tickets.read_text(encoding="utf-8-sig").splitlines()[0].split(",")
    here = sys.modules[__name__]
    monkeypatch.setattr(here, "OURS", re.compile(
        OURS.pattern + "|" + "|".join(re.escape(c) for c in header), re.IGNORECASE))
    screen = Evidence(LiveWorkshop(facilitator))
    screen.show()
    reader = screen.reader
    wrong = [f"opened: {x}" for x in unmarked(screen)]
    reader.path.value = str(tickets)
    reader.load()
    wrong += [f"read: {x}" for x in unmarked(reader)]
    reader.date_order.value = "monthfirst"
    reader.run_check()
    # the report's counts; how the file was read (its format, its encoding) is the file's
    report = reader.checked[1]
    monkeypatch.setattr(here, "OURS", re.compile("|".join(
        [here.OURS.pattern, *(re.escape(x) for x in (report.format, report.encoding) if x)]),
        re.IGNORECASE))
    counts = w.HTML("<table" + reader.report.value.split("<table", 1)[1].split("</table>")[0])
    wrong += [f"checked: {x}" for part in (reader.notice, reader.suggestions, counts)
              for x in unmarked(part)]
    assert not wrong, "words outside the catalogue:\n" + "\n".join(wrong)


def test_the_customers_app_and_its_rounds_speak_only_the_catalogues_words(
        store, created, facilitator, room_data, pseudo):
    import datetime as dt

    from cxwidgets.method.validation import questions
    from cxwidgets.widgets.customers import CustomerSurvey
    from cxwidgets.widgets.rounds import AskCustomers

    asking = AskCustomers(LiveWorkshop(facilitator))
    wrong = [f"rounds: {x}" for x in unmarked(asking)]
    rid = facilitator.open_round("Xqz-round", [room_data["touchpoint"]],
                                 dt.date(2099, 12, 20), consent="Xqz-consent")
    code = next(r.code for r in facilitator.state().rounds if r.id == rid)
    asking = AskCustomers(LiveWorkshop(facilitator))
    wrong += [f"rounds, one open: {x}" for x in unmarked(asking)]
    live = LiveWorkshop(Editor.customer(store, created.id, code, ""))
    found = live.workshop.rounds[0]
    survey = CustomerSurvey(live, found, questions(found, live.workshop))
    wrong += [f"consent: {x}" for x in unmarked(survey)]
    survey.children[1].children[1].click()
    wrong += [f"question: {x}" for x in unmarked(survey)]
    survey.feeling.value = -1
    survey.next.click()
    wrong += [f"thanks: {x}" for x in unmarked(survey)]
    assert not wrong, "words outside the catalogue:\n" + "\n".join(wrong)
