"""The journey map's cache: a map is kept by exactly what it is drawn from (`map_key`), so
an edit elsewhere in the workshop costs a screen showing the map only the key, and a
cached map is never stale nor changed by whoever drew it."""

from __future__ import annotations

import importlib
import random
from typing import Any

import pytest

from cxwidgets.method.model import Workshop
from cxwidgets.rooms import build_consensus, match, rooms_of
from cxwidgets.rooms.sample_rooms import three_rooms
from cxwidgets.sample import create_sample, load_sample_workshop
from cxwidgets.store import Store

jm = importlib.import_module("cxwidgets.charts.journey_map")


@pytest.fixture(scope="module")
def sample() -> Workshop:
    return load_sample_workshop()


@pytest.fixture(scope="module")
def consensus(sample) -> Workshop:
    return build_consensus(match(rooms_of(three_rooms(sample))), "All rooms")


def fresh(workshop: Workshop, persona_id: str | None = None, **kw: Any) -> dict[str, Any]:
    return jm.build_map(workshop, persona_id, **kw).to_dict()


def _changed(workshop: Workshop, name: str) -> Any:
    """Another value for a workshop field the map does not read."""
    info = Workshop.model_fields[name]
    if name in ("id", "title"):
        return f"other{getattr(workshop, name)}"[:40]
    if name == "versions":
        return []
    return info.get_default(call_default_factory=True)


def test_the_same_inputs_give_the_same_map_without_drawing_it_again(sample):
    first = jm.journey_map(sample, colour_by="owner")
    assert jm.journey_map(sample.model_copy(deep=True), colour_by="owner") is first
    assert first.key == jm.map_key(sample, None, "owner", None)
    assert jm.journey_map(sample, colour_by="channel") is not first
    assert first.to_dict() == fresh(sample, colour_by="owner")


@pytest.mark.parametrize("which", ["sample", "consensus"])
def test_what_the_map_does_not_read_never_changes_it(request, which):
    workshop = request.getfixturevalue(which)
    others = set(Workshop.model_fields) - jm.MAP_INPUTS
    assert set(Workshop.model_fields) >= jm.MAP_INPUTS  # every input is a real field
    assert {"participants", "comments", "actions", "goals", "answers"} <= others
    emptied = workshop.model_copy(update={name: _changed(workshop, name) for name in others})
    assert emptied.participants == [] and emptied.title != workshop.title
    assert fresh(emptied) == fresh(workshop)
    assert jm.map_key(emptied, None, "channel", None) == jm.map_key(workshop, None, "channel",
                                                                     None)


@pytest.mark.parametrize("name", sorted(jm.MAP_INPUTS - {"consensus"}))
def test_each_input_of_the_sample_shows_on_its_map(sample, name):
    other = sample.model_copy(update={name: getattr(sample, name)[:1]})
    assert fresh(other) != fresh(sample)
    assert jm.map_key(other, None, "channel", None) != jm.map_key(sample, None, "channel", None)


def test_a_consensus_record_shows_on_its_map(consensus):
    plain = consensus.model_copy(update={"consensus": None})
    assert fresh(plain) != fresh(consensus)
    assert jm.journey_map(plain).to_dict() == fresh(plain)


def test_along_the_samples_real_history_the_cached_map_is_always_the_fresh_one(tmp_path):
    """Every tenth state of the sample's event history (both days, both named versions),
    drawn for a random persona and colouring: the cached map is the map drawn afresh, and
    two states with one key have one map."""
    store = Store(tmp_path / "history.sqlite")
    created = create_sample(store)
    rng = random.Random(10)
    by_key: dict[str, dict[str, Any]] = {}
    last = store.last_seq(created.id)
    for seq in [*range(1, last, 10), last]:
        state = store.state(created.id, at=seq)
        persona = rng.choice([None, *[p.id for p in state.personas]])
        colour = rng.choice(jm.COLOUR_BY)
        shown = jm.journey_map(state, persona, colour_by=colour)
        spec = fresh(state, persona, colour_by=colour)
        assert shown.to_dict() == spec, f"stale map at sequence {seq}"
        assert by_key.setdefault(shown.key, spec) == spec
    store.close()
    assert len(by_key) > 20


def test_a_map_handed_out_cannot_change_the_cache(sample):
    spec = jm.journey_map(sample).to_dict()
    spec["title"]["text"] = ["Changed by a caller"]
    spec["datasets"].clear()
    again = jm.journey_map(sample).to_dict()
    assert again == fresh(sample) and again["datasets"]


def test_a_workshop_changed_in_place_gets_a_new_map(sample):
    workshop = sample.model_copy(deep=True)
    before = jm.journey_map(workshop)
    workshop.touchpoints[0].name = "Renamed on the spot"
    after = jm.journey_map(workshop)
    assert after is not before and "Renamed on the spot" in after.to_json()


def test_customers_feelings_are_part_of_the_key(sample):
    from cxwidgets.method.validation import CustomerStat

    tp = sample.touchpoints[0].id
    said = {tp: CustomerStat(tp, 3, 3, -1.0, -2, 0, 0.8)}
    plain, with_customers = jm.journey_map(sample), jm.journey_map(sample, customers=said)
    assert plain.key != with_customers.key
    assert with_customers.to_dict() == fresh(sample, customers=said) != plain.to_dict()


def test_the_cache_stays_small(sample):
    for i in range(jm.CACHE_SIZE * 2):
        jm.journey_map(sample.model_copy(update={"title": f"t{i}", "stages":
                                                 sample.stages[: 1 + i % 6]}))
    assert len(jm._cache) <= jm.CACHE_SIZE
