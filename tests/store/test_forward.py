"""`Store.workshop_since`: a known workshop moved on by the new events only is always the
workshop the full fold gives, over the sample's real history and random rooms of edits
(adds, updates, removes, undos of new and of old events, hides, merges, steps, versions),
on SQLite and PostgreSQL alike."""

from __future__ import annotations

import contextlib
import random
from collections.abc import Callable
from typing import Any

import pytest

from cxwidgets.exceptions import CxError
from cxwidgets.method.model import Workshop
from cxwidgets.sample import create_sample
from cxwidgets.store import Editor, Store
from cxwidgets.store import fold as f


def same(a: Workshop, b: Workshop) -> bool:
    """Equal as models and to the character as JSON (so the lists' order counts too)."""
    return a == b and a.model_dump_json() == b.model_dump_json()


def short_way(store: Store, workshop_id: str, known: tuple[Workshop, int],
              at: int | None = None) -> tuple[Workshop, int]:
    """`workshop_since`, failing if it folded the whole log instead of moving on."""
    def whole_log(*args: Any) -> None:
        raise AssertionError("the whole log was folded")

    original, store._fold_on = store._fold_on, whole_log
    try:
        return store.workshop_since(workshop_id, known, at=at)
    finally:
        store._fold_on = original


def check_chain(store: Store, workshop_id: str, steps: list[int]) -> Workshop:
    """Move one workshop along `steps` (sequences), checking each against the full fold."""
    known = store.workshop_since(workshop_id, None, at=steps[0])
    for seq in steps[1:]:
        before = known[0].model_dump_json()
        known = short_way(store, workshop_id, known, at=seq)
        assert known[1] == seq
        assert same(known[0], store.state(workshop_id, at=seq)), f"differs at {seq}"
    assert known[0].model_dump_json() != before or len(steps) < 2
    return known[0]


@pytest.fixture
def sample(store: Store):
    """The sample imported as its real history: both days, both named versions."""
    created = create_sample(store)
    return created.id, store.last_seq(created.id), created.token


def test_along_the_samples_history_in_steps_of_every_size(store, sample):
    workshop_id, last, _ = sample
    rng = random.Random(4)
    steps, seq = [1], 1
    while seq < last:
        seq = min(last, seq + rng.choice([1, 1, 1, 2, 3, 7, 20, 60]))
        steps.append(seq)
    check_chain(store, workshop_id, steps)


def test_from_any_point_of_the_samples_history_to_any_later_one(store, sample):
    workshop_id, last, _ = sample
    rng = random.Random(5)
    for _ in range(25):
        start = rng.randrange(1, last)
        check_chain(store, workshop_id, [start, rng.randrange(start + 1, last + 1)])


def test_nothing_new_is_one_query_and_the_same_workshop(store, sample):
    workshop_id, last, _ = sample
    known = store.workshop_since(workshop_id)
    assert known[1] == last
    assert store.workshop_since(workshop_id, known) is known


def test_only_what_the_events_touch_is_new(store, sample):
    workshop_id, _, token = sample
    seat = Editor.facilitator(store, workshop_id, token)
    known = store.workshop_since(workshop_id)
    old = known[0]
    frozen = old.model_dump_json()
    target = old.touchpoints[3]
    seat.update("touchpoints", target.id, name="Box left at the wrong door")
    new, _ = short_way(store, workshop_id, known)
    assert new.touchpoints[3].name == "Box left at the wrong door"
    assert new.touchpoints[3] is not target
    assert all(a is b for i, (a, b) in enumerate(zip(old.touchpoints, new.touchpoints,
                                                     strict=True)) if i != 3)
    assert new.emotions is old.emotions and new.personas is old.personas
    assert old.model_dump_json() == frozen  # the known workshop was not changed


# ------------------------------------------------------------------ random rooms


class Room:
    """A facilitator and a few participants making random edits, some of them wrong."""

    def __init__(self, store: Store, facilitator: Editor, created: Any, rng: random.Random,
                 people: int = 4) -> None:
        self.store, self.rng, self.boss = store, rng, facilitator
        self.people = [Editor.join(store, created.join_code, f"Person {i}", "support")
                       for i in range(people)]
        self.versions = 0

    def ids(self, collection: str, editor: Editor | None = None) -> list[str]:
        items = getattr(self.boss.state(), collection)
        return [e.id for e in items if editor is None or e.created_by == editor.author]

    def pick(self, items: list[str]) -> str:
        return self.rng.choice(items) if items else "nothing-there"

    def anyone(self) -> Editor:
        return self.rng.choice([self.boss, *self.people])

    def owned(self, *kinds: str) -> tuple[Editor, str, str]:
        """Someone's own entry (seat, collection, id), or a seat and an id that is none."""
        seats = {e.author: e for e in [self.boss, *self.people]}
        state = self.boss.state()
        own = [(seats[i.created_by], kind, i.id) for kind in kinds
               for i in getattr(state, kind) if i.created_by in seats]
        return self.rng.choice(own) if own else (self.anyone(), kinds[0], "nothing-there")

    def moves(self) -> list[Callable[[], Any]]:
        r = self.rng
        stages = self.ids("stages")
        tps = self.ids("touchpoints")

        def rename() -> None:
            e, kind, i = self.owned("touchpoints")
            e.update(kind, i, name=f"Renamed {r.randrange(999)}")

        def rescore() -> None:
            e, kind, i = self.owned("pain_points")
            e.update(kind, i, impact=r.randrange(1, 6))

        def remove() -> None:
            e, kind, i = self.owned("pain_points", "emotions", "touchpoints")
            e.remove(kind, i)

        return [
            lambda: self.boss.add("stages", {"name": f"Stage {r.randrange(99)}",
                                             "order": r.randrange(9)}),
            lambda: self.anyone().add("touchpoints", {"name": f"Touch {r.randrange(999)}",
                                                      "stage_id": self.pick(stages)}),
            lambda: self.anyone().add("emotions", {"touchpoint_id": self.pick(tps),
                                                   "score": r.randrange(-2, 3)}),
            lambda: self.anyone().add("pain_points", {"touchpoint_id": self.pick(tps),
                                                      "text": f"Pain {r.randrange(999)}"}),
            rename, rescore, remove, remove,
            lambda: self.anyone().undo(),
            lambda: self.anyone().undo(),
            lambda: self.boss.hide(self.pick(tps), r.random() < 0.7),
            lambda: self.boss.merge(self.pick(tps), self.pick(tps)),
            lambda: self.boss.open_step(r.choice(["stages", "touchpoints", "emotions", "map"])),
            lambda: self.boss.lock_step("touchpoints", r.random() < 0.3),
            lambda: self.boss.update_workshop(title=f"Claims journey {r.randrange(99)}"),
            lambda: self.tag(),
        ]

    def tag(self) -> None:
        self.versions += 1
        self.boss.tag_version(f"Version {self.versions}")

    def edit(self) -> None:
        # a refused edit (not one's own, a locked step, nothing to undo) appends nothing
        with contextlib.suppress(CxError):
            self.rng.choice(self.moves())()


@pytest.mark.parametrize("seed", [1, 2])
def test_random_rooms_of_edits_with_undos_removes_merges_and_versions(store, created,
                                                                      facilitator, seed):
    rng = random.Random(seed)
    room = Room(store, facilitator, created, rng)
    for key in ("touchpoints", "emotions", "pains"):  # the room adds to these throughout
        facilitator.keep_open(key)
    for _ in range(6):
        room.boss.add("stages", {"name": f"Stage {_}", "order": _})
    known = store.workshop_since(created.id)
    kinds: set[str] = set()
    for _ in range(140):
        room.edit()
        if rng.random() < 0.45:
            newer = store.events(created.id, after=known[1])
            kinds |= {e.kind for e in newer}
            behind = [e for e in newer if e.kind == f.UNDO and e.payload["seq"] <= known[1]]
            known = short_way(store, created.id, known)
            assert same(known[0], store.state(created.id)), f"after {[e.kind for e in newer]}"
            kinds |= {"undo behind"} if behind else set()
    assert {f.ADD, f.UPDATE, f.REMOVE, f.UNDO, f.TAG, f.UPDATE_WORKSHOP,
            "undo behind"} <= kinds


# ------------------------------------------------------------------ undo, case by case


def kernel(store: Store, created: Any) -> tuple[Workshop, int]:
    return store.workshop_since(created.id)


def moved(store: Store, created: Any, known: tuple[Workshop, int]) -> Workshop:
    new, _ = short_way(store, created.id, known)
    assert same(new, store.state(created.id))
    return new


def test_undoing_a_remove_puts_the_entry_back_in_its_place(store, created, facilitator):
    ids = [facilitator.add("stages", {"name": n}) for n in ("Search", "Buy", "Use", "Leave")]
    facilitator.remove("stages", ids[1])
    known = kernel(store, created)
    facilitator.add("stages", {"name": "Return"})
    facilitator.undo()  # takes back the newest: the add of Return (a new event)
    facilitator.undo()  # the remove of Buy, which the kernel holds
    assert [s.name for s in moved(store, created, known).stages] == [
        "Search", "Buy", "Use", "Leave"]


def test_undoing_an_old_change_brings_back_what_was_before(store, created, facilitator,
                                                            participant):
    stage = facilitator.add("stages", {"name": "Buy"})
    facilitator.open_step("touchpoints")
    tp = participant.add("touchpoints", {"name": "Checkout", "stage_id": stage})
    participant.update("touchpoints", tp, name="Checkout page")
    facilitator.update_workshop(title="Claims, second day")
    known = kernel(store, created)
    participant.undo()
    facilitator.undo()
    new = moved(store, created, known)
    assert new.touchpoints[0].name == "Checkout" and new.title == "Claims journey"


def test_undoing_an_old_add_and_an_old_merge(store, created, facilitator, participant):
    stage = facilitator.add("stages", {"name": "Buy"})
    facilitator.open_step("touchpoints")
    one = participant.add("touchpoints", {"name": "Checkout", "stage_id": stage})
    two = participant.add("touchpoints", {"name": "Check-out", "stage_id": stage})
    facilitator.merge(two, one)
    known = kernel(store, created)
    assert known[0].merged == {two: one}
    facilitator.undo()
    participant.undo()
    new = moved(store, created, known)
    assert new.merged == {} and [t.id for t in new.touchpoints] == [one]


def test_an_undone_version_tag_is_folded_in_full(store, created, facilitator):
    facilitator.add("stages", {"name": "Buy"})
    tag = facilitator.tag_version("As is")
    known = kernel(store, created)
    store.append(created.id, "facilitator", f.UNDO, {"seq": tag.seq})
    with pytest.raises(AssertionError, match="whole log"):
        short_way(store, created.id, known)
    new, _ = store.workshop_since(created.id, known)
    assert new.versions == [] and same(new, store.state(created.id))


def test_a_broken_event_is_refused_as_the_full_fold_refuses_it(store, created, facilitator):
    facilitator.add("stages", {"name": "Buy"})
    known = kernel(store, created)
    store.append(created.id, "facilitator", f.ADD, {"collection": "stages", "data": {
        "id": "broken", "name": ""}})
    with pytest.raises(ValueError) as full:
        store.state(created.id)
    with pytest.raises(ValueError) as short:
        store.workshop_since(created.id, known)
    assert str(short.value) == str(full.value)
