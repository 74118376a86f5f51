"""The report of a consensus map lists where the rooms disagree, before anything else."""

from __future__ import annotations

import datetime as dt

from cxwidgets.export.markdown import report_markdown
from cxwidgets.export.summary import summarise
from cxwidgets.export.workshop import export_workshop
from cxwidgets.rooms import build_consensus, match, rooms_of
from cxwidgets.rooms.sample_rooms import three_rooms
from cxwidgets.sample import load_sample_workshop

TODAY = dt.date(2026, 11, 20)


def consensus_of(rooms):
    return build_consensus(match(rooms_of(rooms)), "FreshBox: all rooms")


def test_the_disagreements_come_right_after_the_purpose(tmp_path):
    consensus = consensus_of(three_rooms(load_sample_workshop()))
    text = report_markdown(summarise(consensus, today=TODAY))
    section = text[text.index("## Where the rooms disagree"):text.index("## Persona")]
    assert text.index("## Purpose") < text.index("## Where the rooms disagree")
    assert section.splitlines()[:6] == [
        "## Where the rooms disagree", "", "### Named by only some rooms", "",
        "- Stage Renewal or cancellation: named by Berlin room and Hamburg room, not by "
        "Munich room",
        "- Touchpoint Neighbour takes the box in (Delivery): only Munich room named it"]
    for line in (
            "### Feelings more than one step apart between rooms (Sam, the busy parent)",
            "- Courier at the door (Delivery): Berlin room -1.1, Hamburg room -1.1, Munich "
            "room +1.1; 2.2 steps apart",
            "### Pain points only one function raised",
            "- Allergen labels missing on the ingredient bags (at Ingredients and freshness): "
            "only Legal raised it, in Munich room",
            "### Who was in which room"):
        assert line in section.splitlines()
    written = export_workshop(consensus, tmp_path / "report.md", today=TODAY)
    assert "## Where the rooms disagree" in written[0].read_text(encoding="utf-8")


def test_a_room_workshop_has_no_such_section():
    text = report_markdown(summarise(load_sample_workshop(), today=TODAY))
    assert "rooms disagree" not in text


def test_hostile_room_and_touchpoint_names_stay_words():
    rooms = three_rooms(load_sample_workshop())
    rooms[2] = rooms[2].model_copy(update={"title": "<img src=x onerror=alert(1)> | Munich"})
    for t in rooms[2].touchpoints:
        if t.name == "Neighbour takes the box in":
            t.name = "<script>alert('x')</script>"
    text = report_markdown(summarise(consensus_of(rooms), today=TODAY))
    assert "<img" not in text and "<script>" not in text
    assert "&lt;script&gt;alert('x')&lt;/script&gt;" in text
    assert "&lt;img src=x onerror=alert(1)&gt; \\| Munich" in text


def test_the_poster_lists_the_disagreements_too(tmp_path):
    consensus = consensus_of(three_rooms(load_sample_workshop()))
    (poster,) = export_workshop(consensus, tmp_path / "poster.html", today=TODAY)
    page = poster.read_text(encoding="utf-8")
    top = page.index("Where the rooms disagree")
    assert top < page.index("Top priorities")
    assert "Courier at the door (Delivery): Berlin room -1.1" in page[top:]
    plain = export_workshop(load_sample_workshop(), tmp_path / "one.html", today=TODAY)[0]
    assert "rooms disagree" not in plain.read_text(encoding="utf-8")
