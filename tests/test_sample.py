"""The FreshBox sample: reproducible from its script, complete for all 16 steps, valid
under every cross-entity rule, and loaded into a store as two versions that differ."""

from __future__ import annotations

import datetime as dt
import importlib.util
import json
import subprocess
import sys
from collections import Counter
from pathlib import Path

import pytest

from cxwidgets import keys
from cxwidgets.exceptions import InvalidInput
from cxwidgets.method import rules
from cxwidgets.method.diff import diff
from cxwidgets.method.kinds import COLLECTIONS, PRIORITISABLE, TEXT_FIELD
from cxwidgets.method.model import Action, ActionStatus, Vote, VoteKind, Workshop
from cxwidgets.method.views import (
    agreed_personas,
    drafts,
    emotion_stats,
    journey_touchpoints,
    unplaced,
)
from cxwidgets.sample import (
    SAMPLE_AS_IS,
    SAMPLE_WORKSHOP,
    create_sample,
    load_sample_history,
    load_sample_workshop,
)

ROOT = Path(__file__).resolve().parent.parent
SCRIPT = ROOT / "sample_data" / "make_sample_workshop.py"
#: The day the overdue actions are judged on: three weeks after the workshop.
TODAY = dt.date(2026, 11, 25)
OPEN_STATUSES = {ActionStatus.todo, ActionStatus.doing}


@pytest.fixture(scope="module")
def script():
    spec = importlib.util.spec_from_file_location("make_sample_workshop", SCRIPT)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def as_is() -> Workshop:
    return load_sample_history()[0]


@pytest.fixture(scope="module")
def final() -> Workshop:
    return load_sample_workshop()


def collection_of(workshop: Workshop, entity_id: str) -> str:
    return next(c for c in COLLECTIONS if any(e.id == entity_id for e in getattr(workshop, c)))


def entity(workshop: Workshop, entity_id: str):
    return next(e for c in COLLECTIONS for e in getattr(workshop, c) if e.id == entity_id)


def overdue(workshop: Workshop, today: dt.date = TODAY) -> list[str]:
    return [a.id for a in workshop.actions if a.status in OPEN_STATUSES and a.due < today]


# -- reproducible ------------------------------------------------------------------

def test_the_script_reproduces_the_committed_files(script):
    outputs = script.outputs()
    assert {p.resolve() for p in outputs} == {SAMPLE_AS_IS.resolve(), SAMPLE_WORKSHOP.resolve()}
    for path, text in outputs.items():
        assert path.read_text(encoding="utf-8") == text, f"{path.name} is out of date"
    assert script.outputs() == outputs  # no clock, no unseeded randomness


def test_history_is_as_is_then_final(script, as_is, final):
    assert load_sample_history() == [as_is, final]
    assert [w.model_dump() for w in script.build_history()] == [
        as_is.model_dump(), final.model_dump()]


def test_the_sample_module_stays_light():
    code = ("import sys, cxwidgets.sample; "
            "print(sorted(m for m in ('pandas', 'altair', 'numpy') if m in sys.modules))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         check=True, cwd=ROOT)
    assert out.stdout.strip() == "[]"


# -- day 1: steps 1-10 -------------------------------------------------------------

def test_day_one_frames_the_session(as_is):
    assert as_is.title.startswith("FreshBox")
    assert as_is.scope and as_is.purpose.statement and as_is.customer_purpose
    assert as_is.dates == [dt.date(2026, 11, 3), dt.date(2026, 11, 4)]
    assert len(as_is.participants) == 10
    assert {p.group for p in as_is.participants} == {"Table 1", "Table 2", "Table 3"}
    kinds = {s.kind.value for s in as_is.sources}
    assert kinds == {"survey", "interview", "review", "social", "support_log"}
    assert all(s.rows and s.period for s in as_is.sources)


def test_day_one_has_two_agreed_personas_built_from_group_drafts(as_is):
    agreed = agreed_personas(as_is)
    assert len(agreed) == 2 and all(p.created_by == "facilitator" for p in agreed)
    by_id = {p.id: p for p in as_is.personas}
    sizes = []
    for persona in agreed:
        built_from = [by_id[i] for i in persona.based_on]
        assert built_from and all(not d.agreed for d in built_from)
        assert {d.segment for d in built_from} == {persona.segment}
        sizes.append(len(built_from))
    assert sizes == [3, 2]
    first = [by_id[i] for i in agreed[0].based_on]
    assert [d.group for d in first] == ["Table 1", "Table 2", "Table 3"]
    for field in ("name", "role", "goals", "needs", "frustrations", "channels", "quote"):
        values = [json.dumps(getattr(d, field), default=str) for d in first]
        assert len(set(values)) == 3, f"the three drafts agree on {field}"
    assert len(drafts(as_is)) == 5


def test_day_one_places_every_touchpoint_on_seven_stages(as_is):
    assert len(as_is.stages) == 7 and len(as_is.touchpoints) >= 25
    assert unplaced(as_is) == []
    assert {t.stage_id for t in as_is.touchpoints} == {s.id for s in as_is.stages}


def test_everyone_rated_every_touchpoint_for_the_first_persona(as_is):
    p1, p2 = (p.id for p in agreed_personas(as_is))
    people = {p.id for p in as_is.participants}
    touchpoints = {t.id for t in as_is.touchpoints}
    for e in as_is.emotions:
        assert e.participant == e.created_by and e.participant in people
    given = Counter((e.persona_id, e.touchpoint_id) for e in as_is.emotions)
    assert {tp for (pid, tp), n in given.items() if pid == p1 and n == 10} == touchpoints
    assert {tp for (pid, tp), n in given.items() if pid == p2 and n == 4} == touchpoints
    assert len({e.participant for e in as_is.emotions if e.persona_id == p2}) == 4


def test_the_emotion_curve_tells_a_story(as_is):
    persona = agreed_personas(as_is)[0].id
    stats = emotion_stats(as_is, persona)
    stage_of = {t.id: t.stage_id for t in as_is.touchpoints}

    def stage_mean(stage: str, pick=min) -> float:
        return pick(s.mean for tp, s in stats.items() if stage_of[tp] == stage)

    assert stage_mean("s-signup", max) >= 1.5  # delight at sign-up
    assert stage_mean("s-delivery") <= -0.5 and stats["t-ingredients"].mean <= -1.5
    low = min(stats.values(), key=lambda s: s.mean)
    assert stage_of[low.touchpoint_id] in {"s-support", "s-renew"}
    assert stage_mean("s-renew") <= -1.5
    assert any(s.high - s.low >= 2 for s in stats.values())  # the room did not all agree


def test_day_one_has_pains_opportunities_and_backstage(as_is):
    touchpoints = {t.id for t in as_is.touchpoints}
    assert 12 <= len(as_is.pain_points) <= 16
    assert all(p.evidence and p.touchpoint_id in touchpoints for p in as_is.pain_points)
    assert {p.persona_id for p in as_is.pain_points} == {None, *(
        p.id for p in agreed_personas(as_is))}
    assert 8 <= len(as_is.opportunities) <= 12
    assert sum(o.pain_id is not None for o in as_is.opportunities) >= 5
    assert sum(o.pain_id is None for o in as_is.opportunities) >= 1
    assert len(as_is.backstage) >= 12
    assert len({b.owner for b in as_is.backstage}) >= 5
    assert all(b.description for b in as_is.backstage)
    assert not (as_is.comments or as_is.votes or as_is.actions or as_is.goals)
    assert all(p.impact is None for p in (*as_is.pain_points, *as_is.opportunities))


# -- day 2: steps 11-16 ------------------------------------------------------------

def test_review_comments_have_all_three_outcomes(as_is, final):
    statuses = Counter(c.status.value for c in final.comments)
    assert set(statuses) == {"open", "accepted", "rejected"}
    accepted = [c for c in final.comments if c.status.value == "accepted" and c.proposed]
    assert len(accepted) >= 3
    for c in accepted:
        field = TEXT_FIELD[collection_of(final, c.target_id)]
        assert getattr(entity(final, c.target_id), field) == c.proposed
        assert getattr(entity(as_is, c.target_id), field) != c.proposed
    for c in final.comments:
        if c.status.value == "rejected" and c.proposed:
            field = TEXT_FIELD[collection_of(final, c.target_id)]
            assert getattr(entity(final, c.target_id), field) != c.proposed
    assert any(c.proposed for c in final.comments if c.status.value == "open")


def test_votes_keep_the_budget_and_one_judgement_per_element(final):
    people = {p.id for p in final.participants}
    prioritisable = {e.id for c in PRIORITISABLE for e in getattr(final, c)}
    dots = [v for v in final.votes if v.kind == VoteKind.dot]
    accuracy = [v for v in final.votes if v.kind == VoteKind.accuracy]
    assert dots and accuracy
    for v in final.votes:
        assert v.voter in people and v.created_by == v.voter
    assert all(v.value == 1 and v.target_id in prioritisable for v in dots)
    spent = Counter(v.voter for v in dots)
    assert max(spent.values()) <= final.dot_budget
    assert len(spent) == len(people)
    assert all(v.value in (1, -1) for v in accuracy)
    judged = Counter((v.voter, v.target_id) for v in accuracy)
    assert max(judged.values()) == 1
    assert {v.value for v in accuracy} == {1, -1}


def test_the_dot_ranking_has_ties(final):
    dots = Counter(v.target_id for v in final.votes if v.kind == VoteKind.dot)
    top = dots.most_common()
    assert top[0][1] == top[1][1]  # a tie at the very top
    tied = [n for n, k in Counter(dots.values()).items() if k > 1]
    assert len(tied) >= 2


def test_everything_prioritisable_has_impact_and_effort(final):
    for item in (*final.pain_points, *final.opportunities):
        assert item.impact is not None and item.effort is not None


def test_goals_one_vision_and_unaligned_items(final):
    visions = [g for g in final.goals if g.is_vision]
    assert len(visions) == 1
    company = [g for g in final.goals if not g.is_vision]
    assert len(company) == 3 and all(g.kpi for g in company)
    assert any(o.goal_ids for o in final.opportunities)
    assert 1 <= sum(not o.goal_ids for o in final.opportunities) <= 2
    assert sum(not a.goal_ids for a in final.actions) == 1


def test_actions_have_owners_dates_and_some_are_overdue(final):
    names = {p.name for p in final.participants}
    assert 8 <= len(final.actions) <= 12
    for a in final.actions:
        assert a.owner in names and a.linked_ids
        assert dt.date(2026, 11, 5) <= a.start <= a.due <= dt.date(2027, 3, 31)
    assert {a.status.value for a in final.actions} == {"todo", "doing", "done"}
    late = overdue(final)
    assert late and len(late) < len([a for a in final.actions if a.status in OPEN_STATUSES])
    assert any(a.status == ActionStatus.done and a.due < TODAY for a in final.actions)
    assert overdue(final, dt.date(2026, 11, 4)) == []


def test_day_two_adds_opportunities_and_versions(as_is, final):
    new = [o for o in final.opportunities if o.id not in {x.id for x in as_is.opportunities}]
    assert len(new) == 2
    assert [o.id for o in final.opportunities][:len(as_is.opportunities)] == [
        o.id for o in as_is.opportunities]
    assert [(v.kind.value, v.seq) for v in final.versions] == [("as_is", 0), ("review", 0)]


def test_every_entity_passes_the_rules(as_is, final):
    for workshop in (as_is, final):
        rules.check_whole(workshop)


def test_the_rule_check_would_catch_a_broken_sample(final):
    action = dict(final.actions[0].model_dump(mode="json"), linked_ids=["pp-gone"])
    with pytest.raises(InvalidInput, match="no pain point or opportunity"):
        rules.check_references(final, "actions", Action.model_validate(action))
    voter = next(v for v in final.votes if v.kind == VoteKind.dot).voter
    extra = {"id": "dot-extra", "target_id": "pp-missing", "kind": "dot", "value": 1,
             "voter": voter, "created_by": voter}
    spare = final.dot_budget - sum(1 for v in final.votes
                                   if v.kind == VoteKind.dot and v.voter == voter)
    target = next(v.target_id for v in final.votes if v.voter == voter)
    full = final.model_copy(update={"votes": [*final.votes, *(
        Vote(id=f"dot-spare-{k}", target_id=target, voter=voter, created_by=voter)
        for k in range(spare))]})
    with pytest.raises(InvalidInput, match="no dots left"):
        rules.check_votes(full, Vote.model_validate(extra))


# -- into a store ------------------------------------------------------------------

def test_create_sample_stores_two_versions_that_differ(store, db, as_is, final):
    created = create_sample(store, db)
    assert keys.recall(db, created.id) == created.token
    current = store.state(created.id)
    assert [(v.name, v.kind) for v in current.versions] == [
        (v.name, v.kind) for v in final.versions]
    old, new = (store.version_state(created.id, v.name) for v in final.versions)
    assert 0 < current.versions[0].seq < current.versions[1].seq

    changes = diff(old, new)
    added = {(i.collection, i.id) for i in changes.added}
    assert {("opportunities", "op-callback"), ("opportunities", "op-skip-reminder")} <= added
    assert {c for c, _ in added} >= {"opportunities", "actions", "goals"}
    proposals = {(c.target_id, c.proposed) for c in final.comments
                 if c.status.value == "accepted" and c.proposed}
    reworded = {(ch.id, ch.after) for ch in changes.changed
                if ch.field == TEXT_FIELD.get(ch.collection)}
    assert reworded == proposals
    moved = [d for d in changes.emotions if d.delta]
    assert moved and all(d.delta < 0 for d in moved)
    assert {d.touchpoint_id for d in moved} <= {t.id for t in journey_touchpoints(new)}


def test_the_store_holds_exactly_the_sample_files(store, as_is, final):
    created = store.import_history(load_sample_history())
    names = [v.name for v in final.versions]
    skip = {"id", "versions"}
    assert store.state(created.id).model_dump(exclude=skip) == final.model_dump(exclude=skip)
    assert store.version_state(created.id, names[0]).model_dump(exclude=skip) == \
        as_is.model_dump(exclude=skip)

    def described(versions):
        return [(v.name, v.kind, v.note) for v in versions]

    assert described(store.state(created.id).versions) == described(final.versions)
