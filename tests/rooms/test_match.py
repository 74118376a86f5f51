"""Suggested matches across three rooms, and the facilitator's decisions on them."""

from __future__ import annotations

import pytest

from cxwidgets.exceptions import InvalidInput
from cxwidgets.rooms.match import (
    CHANNEL_STAGE,
    JOINED,
    NEAR_NAME,
    SAME_NAME,
    SAME_TOUCHPOINTS,
    Decision,
    decisions_from,
    match,
    normalise,
    room_names,
    rooms_of,
)

BERLIN, HAMBURG, MUNICH = "Berlin room", "Hamburg room", "Munich room"
#: Every match that is not by the very same name, as the three rooms were made to differ.
TO_CHECK = {
    ("personas", "Sam, the busy parent", BERLIN, "Sam, a busy parent", HAMBURG, NEAR_NAME),
    ("stages", "Cooking", BERLIN, "Cooking and eating", HAMBURG, SAME_TOUCHPOINTS),
    ("touchpoints", "Pre-sales chat", BERLIN, "Chat before buying", MUNICH, CHANNEL_STAGE),
    ("touchpoints", "Checkout and payment", BERLIN, "Payment and checkout", HAMBURG,
     NEAR_NAME),
    ("touchpoints", "Courier's tracking page", BERLIN, "Delivery tracking in the app",
     HAMBURG, CHANNEL_STAGE),
    ("touchpoints", "Help centre articles", BERLIN, "Help center articles", HAMBURG,
     NEAR_NAME),
    ("touchpoints", "Support phone line", BERLIN, "Phone line for support", MUNICH,
     NEAR_NAME),
}
RENEWAL = ["Skip a week", "Monthly invoice", "Cancellation flow", "Win-back offer"]


def described(m, pairs):
    label = {r.key: r.label for r in m.rooms}
    return {(p.kind, p.first.name, label[p.first.room], p.other.name, label[p.other.room],
             p.reason) for p in pairs}


def partial(m, kind):
    label = {r.key: r.label for r in m.rooms}
    return [(g.title, [label[r] for r in g.rooms]) for g in m.partial(kind)]


def element(rooms, n, collection, name):
    """The id of `name` in room n (1-based): rooms have ids of their own."""
    return next(e.id for e in getattr(rooms[n - 1], collection) if e.name == name)


def test_rooms_are_named_without_the_words_their_titles_share(matching):
    assert [r.label for r in matching.rooms] == [BERLIN, HAMBURG, MUNICH]
    assert [r.key for r in matching.rooms] == ["r1", "r2", "r3"]


def test_the_suggested_matches_are_exactly_the_known_differences(matching):
    assert described(matching, [p for p in matching.pairs() if not p.certain]) == TO_CHECK
    same = [p for p in matching.pairs() if p.certain]
    # 2 personas, 7 stages, 28 touchpoints; pairs per group = rooms - 1; less the 7 above
    assert len(same) == 60
    assert all(p.first.name == p.other.name and p.reason == SAME_NAME for p in same)


def test_what_only_some_rooms_named_stays_marked_with_its_rooms(matching):
    assert partial(matching, "stages") == [("Renewal or cancellation", [BERLIN, HAMBURG])]
    assert partial(matching, "touchpoints") == [
        *((name, [BERLIN, HAMBURG]) for name in RENEWAL),
        ("Neighbour takes the box in", [MUNICH])]
    assert partial(matching, "personas") == []
    assert [len(matching.groups[k]) for k in ("personas", "stages", "touchpoints")] == [2, 7, 28]


def test_the_merged_name_is_the_one_most_rooms_used(matching):
    titles = {g.title for g in matching.groups["touchpoints"] if len(g.members) == 3}
    assert {"Courier's tracking page", "Pre-sales chat", "Support phone line",
            "Help centre articles", "Checkout and payment"} <= titles
    assert "Cooking" in {g.title for g in matching.groups["stages"]}


def test_split_keeps_an_element_apart_even_from_a_later_pass(rooms):
    tracking = element(rooms, 2, "touchpoints", "Delivery tracking in the app")
    m = match(rooms_of(rooms), [Decision("split", "touchpoints", "r2", tracking)])
    assert ("touchpoints", "Courier's tracking page", BERLIN, "Delivery tracking in the app",
            HAMBURG, CHANNEL_STAGE) not in described(m, m.pairs())
    assert ("Courier's tracking page", [BERLIN, MUNICH]) in partial(m, "touchpoints")
    assert ("Delivery tracking in the app", [HAMBURG]) in partial(m, "touchpoints")


def test_rename_names_the_merged_element(rooms):
    courier = element(rooms, 3, "touchpoints", "Courier's tracking page")
    m = match(rooms_of(rooms), [Decision("rename", "touchpoints", "r3", courier,
                                         name="  Where is my box?  ")])
    group = m.group_of("touchpoints", "r3", courier)
    assert group.title == "Where is my box?"
    assert group.rooms == ("r1", "r3", "r2")  # Hamburg joined last, by channel and stage


def test_join_matches_what_the_passes_missed_and_refuses_a_second_of_one_room(rooms):
    munich = rooms[2].model_copy(deep=True)
    clips = next(t for t in munich.touchpoints if t.name == "Cooking videos in the app")
    clips.name, clips.channel = "Recipe clips", "web"  # no name, channel or stage in common
    three = [rooms[0], rooms[1], munich]
    m = match(rooms_of(three))
    assert ("Recipe clips", [MUNICH]) in partial(m, "touchpoints")
    videos = element(rooms, 1, "touchpoints", "Cooking videos in the app")
    join = Decision("join", "touchpoints", "r3", clips.id, with_room="r1", with_id=videos)
    m = match(rooms_of(three), [join])
    group = m.group_of("touchpoints", "r1", videos)
    assert [(x.room, x.name, x.reason) for x in group.members] == [
        ("r1", "Cooking videos in the app", ""), ("r2", "Cooking videos in the app", SAME_NAME),
        ("r3", "Recipe clips", JOINED)]
    assert "Recipe clips" not in [t for t, _ in partial(m, "touchpoints")]
    neighbour = element(rooms, 3, "touchpoints", "Neighbour takes the box in")
    courier = element(rooms, 1, "touchpoints", "Courier at the door")
    with pytest.raises(InvalidInput, match="Munich room already has 'Courier at the door'"):
        match(rooms_of(rooms), [Decision("join", "touchpoints", "r3", neighbour,
                                         with_room="r1", with_id=courier)])


def test_a_later_decision_on_an_element_replaces_an_earlier_one(rooms):
    tracking = element(rooms, 2, "touchpoints", "Delivery tracking in the app")
    m = match(rooms_of(rooms), [Decision("split", "touchpoints", "r2", tracking),
                                Decision("accept", "touchpoints", "r2", tracking)])
    assert m.group_of("touchpoints", "r2", tracking).rooms == ("r1", "r3", "r2")


@pytest.mark.parametrize(("decision", "words"), [
    (Decision("merge", "touchpoints", "r1", "t-ad"), "unknown decision 'merge'"),
    (Decision("split", "goals", "r1", "t-ad"), "not 'goals'"),
    (Decision("split", "touchpoints", "r1", "nope"), "no touchpoint 'nope' in room 'r1'"),
    (Decision("split", "touchpoints", "r9", "t-ad"), "in room 'r9'"),
    (Decision("rename", "touchpoints", "r1", "t-ad", name="   "), "1 to 120 characters"),
    (Decision("join", "touchpoints", "r1", "t-ad", with_room="r1", with_id="t-ad"),
     "in another room"),
])
def test_a_decision_about_nothing_real_is_refused(rooms, decision, words):
    with pytest.raises(InvalidInput, match=words):
        match(rooms_of(rooms), [decision])


def test_decisions_can_be_written_by_room_number_or_title_and_name(rooms):
    r = rooms_of(rooms)
    got = decisions_from(r, {
        "split": [{"room": 2, "touchpoint": "delivery tracking in the app"}],
        "rename": [{"room": "Berlin room", "stage": "Cooking", "to": "Cooking at home"}],
        "join": [{"room": 2, "touchpoint": "Delivery tracking in the app",
                  "with_room": "FreshBox meal kits: Munich room",
                  "with": "Courier's tracking page"}]})
    assert got == [
        Decision("split", "touchpoints", "r2", element(rooms, 2, "touchpoints",
                                                       "Delivery tracking in the app")),
        Decision("rename", "stages", "r1", "s-cook", name="Cooking at home"),
        Decision("join", "touchpoints", "r2", element(rooms, 2, "touchpoints",
                                                      "Delivery tracking in the app"),
                 with_room="r3", with_id=element(rooms, 3, "touchpoints",
                                                 "Courier's tracking page"))]
    assert match(r, got).group_of("stages", "r2", element(rooms, 2, "stages",
                                                          "Cooking and eating")
                                  ).title == "Cooking at home"


@pytest.mark.parametrize(("data", "words"), [
    ({"merge": []}, "unknown decision"),
    ({"split": [{"room": 7, "touchpoint": "Skip a week"}]}, "no room 7"),
    ({"split": [{"room": 3, "touchpoint": "Skip a week"}]}, "Munich room has no touchpoint"),
    ({"split": [{"room": 1}]}, "must name one touchpoint, stage or persona"),
    ({"split": ["Skip a week"]}, "split entry 1 is not a list of fields"),
])
def test_decisions_by_name_say_what_is_wrong(rooms, data, words):
    with pytest.raises(InvalidInput, match=words):
        decisions_from(rooms_of(rooms), data)


def test_two_touchpoints_of_one_name_in_a_room_are_ambiguous_by_name(rooms):
    twice = rooms[0].model_copy(deep=True)
    twice.touchpoints[1].name = twice.touchpoints[0].name
    with pytest.raises(InvalidInput, match="more than one touchpoint named"):
        decisions_from(rooms_of([twice, rooms[1]]), {
            "split": [{"room": 1, "touchpoint": twice.touchpoints[0].name}]})


def test_a_merge_needs_two_different_workshops(rooms):
    with pytest.raises(InvalidInput, match="at least two"):
        rooms_of(rooms[:1])
    with pytest.raises(InvalidInput, match="chosen twice"):
        rooms_of([rooms[0], rooms[0]])
    with pytest.raises(InvalidInput, match="too many"):
        rooms_of([rooms[0].model_copy(update={"id": f"w{k}"}) for k in range(21)])


def test_room_names():
    assert room_names(["Claims: North", "Claims: South"]) == ["North", "South"]
    assert room_names(["Claims", "Claims"]) == ["Claims (1)", "Claims (2)"]
    assert room_names(["Sales day", "Support day"]) == ["Sales day", "Support day"]


def test_names_are_compared_without_case_punctuation_or_articles():
    assert normalise("Sam, the  Busy-Parent") == "sam busyparent"
    assert normalise("Friend's referral & code") == "friends referral and code"


def test_the_first_room_need_not_be_the_fullest(rooms):
    """Munich (no renewal stage) first: the same groups, the same stage order."""
    m = match(rooms_of([rooms[2], rooms[0], rooms[1]]))
    assert [len(m.groups[k]) for k in ("personas", "stages", "touchpoints")] == [2, 7, 28]
    assert sorted(g.title for g in m.partial("touchpoints")) == sorted(
        [*RENEWAL, "Neighbour takes the box in"])
