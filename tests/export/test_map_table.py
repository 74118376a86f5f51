"""The map in words carries every fact the drawing shows, escaped, in journey order."""

from __future__ import annotations

from cxwidgets.export.map_table import NOT_RATED, feeling_words, map_rows, map_table_html
from cxwidgets.method import views as J
from cxwidgets.sample import load_sample_workshop
from cxwidgets.testing import HOSTILE, HOSTILE_ESCAPED, small_workshop


def test_every_placed_touchpoint_is_a_row_in_journey_order_with_its_facts():
    ws = load_sample_workshop()
    rows = map_rows(ws)
    assert [r.touchpoint for r in rows] == [t.name for t in J.journey_touchpoints(ws)]
    stages = [s.name for s in J.ordered_stages(ws)]
    assert list(dict.fromkeys(r.stage for r in rows)) == stages  # every stage, in order
    pains = sum(len(r.pains) for r in rows)
    ideas = sum(len(r.opportunities) for r in rows)
    assert pains and ideas and all(r.feeling != NOT_RATED for r in rows)
    html = map_table_html(ws)
    assert html.count("<tr>") == len(rows) + 1 and "scope='col'>Feeling" in html


def test_a_feeling_is_a_number_a_word_and_what_the_room_said():
    assert feeling_words(-1.4, 5, ("annoyed", "unsure")) == \
        "-1.4, bad (5 ratings: annoyed, unsure)"
    assert feeling_words(2.0, 1) == "+2.0, very good (1 rating)"
    assert feeling_words(None) == NOT_RATED


def test_typed_text_is_shown_as_text_and_an_empty_map_says_so():
    ws = small_workshop()
    ws.touchpoints[0].name = HOSTILE
    html = map_table_html(ws)
    assert HOSTILE not in html and HOSTILE_ESCAPED in html
    assert [r.stage for r in map_rows(ws)] == ["Buy", "Buy", "Use"]  # the unplaced one not
    assert "No touchpoint is on a stage yet" in map_table_html(small_workshop(touchpoints=[]))
