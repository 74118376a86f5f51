"""The consensus workshop of three rooms: what it holds, exactly, and what it leaves alone."""

from __future__ import annotations

from collections import Counter

import pytest

from cxwidgets.method import rules
from cxwidgets.method.model import Workshop
from cxwidgets.method.priorities import dots, rank
from cxwidgets.rooms import build_consensus, match, rooms_of
from cxwidgets.rooms.consensus import agreement, clusters, merged_order, room_feelings
from cxwidgets.rooms.sample_rooms import ONLY_MUNICH_TOUCHPOINT, ONLY_ONE_FUNCTION_PAIN

BERLIN, HAMBURG, MUNICH = "Berlin room", "Hamburg room", "Munich room"
ALL = (BERLIN, HAMBURG, MUNICH)
STAGES = ["Awareness", "Consideration", "Sign-up", "Delivery", "Cooking", "Support",
          "Renewal or cancellation"]
RENEWAL = ["Skip a week", "Monthly invoice", "Cancellation flow", "Win-back offer"]
SAM, RETIRED = "Sam, the busy parent", "Margaret and Alan, the retired couple"


def persona(consensus, name):
    return next(p.id for p in consensus.personas if p.name == name)


def by_name(items):
    return {i.name: i for i in items}


def test_stages_in_the_rooms_order_with_the_rooms_that_named_them(consensus):
    assert [s.name for s in consensus.stages] == STAGES
    assert [s.order for s in consensus.stages] == list(range(7))
    named = {s.name: consensus.consensus.named_by[s.id] for s in consensus.stages}
    assert named["Renewal or cancellation"] == ["r1", "r2"]
    assert all(named[s] == ["r1", "r2", "r3"] for s in STAGES[:-1])


def test_each_touchpoint_has_the_number_of_rooms_that_named_it(consensus):
    rows = agreement(consensus, persona(consensus, SAM))
    assert len(rows) == 28
    assert Counter(len(r.rooms) for r in rows) == {3: 23, 2: 4, 1: 1}
    assert [(r.name, r.rooms) for r in rows if len(r.rooms) < 3] == [
        (ONLY_MUNICH_TOUCHPOINT, (MUNICH,)), *((n, (BERLIN, HAMBURG)) for n in RENEWAL)]
    delivery = [r.name for r in rows if r.stage == "Delivery"]
    assert delivery == ["Dispatch notification", "Courier's tracking page",
                        "Courier at the door", "The box and its packaging",
                        ONLY_MUNICH_TOUCHPOINT]  # where Munich put it: after the box
    assert {r.of for r in rows} == {3}


def test_feelings_pool_over_rooms_and_keep_the_spread_between_them(consensus):
    rows = by_name(agreement(consensus, persona(consensus, SAM)))
    courier = rows["Courier at the door"].feeling
    assert [(r, round(m, 6)) for r, m in courier.by_room] == [
        ("r1", -1.1), ("r2", -1.1), ("r3", 1.1)]  # Munich's ratings were negated
    assert courier.n == 30
    assert courier.pooled == pytest.approx(-11 / 30)
    assert courier.spread == 2.2
    welcome = rows["Welcome email"].feeling
    assert [(r, round(m, 6)) for r, m in welcome.by_room] == [
        ("r1", 1.8), ("r2", 0.8), ("r3", 1.8)]  # Hamburg one step lower: exactly one step
    assert welcome.spread == 1.0
    neighbour = rows[ONLY_MUNICH_TOUCHPOINT].feeling
    assert (neighbour.by_room, neighbour.n) == ((("r3", 1.0),), 3)
    assert rows["Skip a week"].feeling.n == 20  # 10 raters in each of two rooms
    retired = room_feelings(consensus, persona(consensus, RETIRED))
    tp = next(t.id for t in consensus.touchpoints if t.name == "Courier at the door")
    assert [round(m, 6) for _, m in retired[tp].by_room] == [1.75, 1.75, -1.75]


def test_every_rating_is_kept_from_a_person_of_its_room(consensus, rooms):
    assert len(consensus.emotions) == 378 + 378 + (378 - 4 * 14 + 3)
    people = consensus.consensus.people
    assert Counter(people[e.participant] for e in consensus.emotions) == {
        "r1": 378, "r2": 378, "r3": 325}
    assert len(consensus.participants) == 30
    assert Counter(p.group for p in consensus.participants) == {
        BERLIN: 10, HAMBURG: 10, MUNICH: 10}
    assert all(people[p.id] == {BERLIN: "r1", HAMBURG: "r2", MUNICH: "r3"}[p.group]
               for p in consensus.participants)


def test_personas_are_merged_by_name_with_their_lists_pooled(consensus, rooms):
    assert [p.name for p in consensus.personas] == [SAM, RETIRED]
    assert all(p.agreed for p in consensus.personas)
    assert consensus.consensus.named_by[persona(consensus, SAM)] == ["r1", "r2", "r3"]
    sam = next(p for p in rooms[0].personas if p.name == SAM)
    assert consensus.personas[0].goals == sam.goals


def test_pain_points_cluster_by_touchpoint_with_rooms_dots_and_functions(consensus):
    pains = {c.text: c for c in clusters(consensus) if c.collection == "pain_points"}
    assert len(pains) == 15
    allergens = pains[ONLY_ONE_FUNCTION_PAIN]
    assert (allergens.touchpoint, allergens.rooms, allergens.functions, allergens.dots) == (
        "Ingredients and freshness", (MUNICH,), ("Legal",), 0)
    chilled = pains["Chilled items missing from the box"]
    assert (chilled.rooms, chilled.dots) == (ALL, 21)
    assert chilled.functions == ("Customer support", "Operations")  # Ines in each room
    assert pains["Charged for a week skipped after the Wednesday cutoff"].rooms == (
        BERLIN, HAMBURG)
    assert Counter(len(c.rooms) for c in pains.values()) == {3: 11, 2: 3, 1: 1}
    ideas = [c for c in clusters(consensus) if c.collection == "opportunities"]
    assert Counter(len(c.rooms) for c in ideas) == {3: 10, 2: 2}
    assert len(consensus.backstage) == 13
    paused = next(o for o in consensus.opportunities if o.text.startswith("Offer a pause"))
    answered = next(p for p in consensus.pain_points if p.id == paused.pain_id)
    assert answered.text.startswith("Cancelling takes five screens")


def test_priorities_rerank_over_all_rooms(consensus, sample):
    top = [(r.text, r.dots) for r in rank(consensus)[:7]]
    assert top == [
        ("One-tap credit for a missing item in the app", 21),
        ("Chilled items missing from the box", 21),
        ("Long waits on the phone at dinner time", 15),
        ("Offer a pause first, cancel in two taps", 10),
        ("Show the weekly total beside the price per serving", 9),
        ("Thirty-minute arrival window by text", 9),
        ("Cancelling takes five screens and feels like a trap", 8)]
    # every item keeps each room's dots: three times the sample's, twice on renewal items
    own = dots(sample)
    texts = {e.text: e.id for c in ("pain_points", "opportunities")
             for e in getattr(sample, c)}
    named = consensus.consensus.named_by
    for item in rank(consensus):
        if item.text in texts:
            assert item.dots == own.get(texts[item.text], 0) * len(named[item.id])
    assert rank(sample)[2].text == "Offer a pause first, cancel in two taps"  # was third


def test_the_consensus_keeps_the_kits_rules(consensus):
    rules.check_whole(consensus)


def test_the_rooms_are_left_as_they_were(rooms):
    before = [w.model_dump() for w in rooms]
    build_consensus(match(rooms_of(rooms)), "Again")
    assert [w.model_dump() for w in rooms] == before


def test_the_consensus_round_trips_through_json_and_old_files_still_load(consensus, sample):
    assert Workshop.from_json(consensus.to_json()) == consensus
    old = sample.model_dump(mode="json")
    del old["consensus"]  # a workshop saved before consensus maps existed
    assert Workshop.model_validate(old).consensus is None
    rooms = consensus.consensus.rooms
    assert [(r.key, r.name, r.title) for r in rooms] == [
        ("r1", BERLIN, "FreshBox meal kits: Berlin room"),
        ("r2", HAMBURG, "FreshBox meal kits: Hamburg room"),
        ("r3", MUNICH, "FreshBox meal kits: Munich room")]
    assert rooms[2].functions["legal"] == 1


def test_an_ordinary_workshop_reads_as_no_consensus(sample):
    assert agreement(sample, None) == [] and clusters(sample) == []
    assert room_feelings(sample, None) == {}


def test_merged_order_places_what_one_room_adds_after_its_neighbour():
    assert merged_order([["a", "b", "d"], ["a", "c", "d"], ["x", "a"]]) == [
        "x", "a", "b", "c", "d"]
    assert merged_order([["a", "b"], ["b", "a"]]) == ["a", "b"]  # the first room decides
    assert merged_order([["a"], ["p", "q", "a", "r"]]) == ["p", "q", "a", "r"]
