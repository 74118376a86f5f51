"""The journey map's spec, case by case, against specs recorded from the Altair-built map.

The map used to be built as Altair objects and turned into a spec by `to_dict()`, which
cost about 100 times serialising the spec. It is now written as the Vega-Lite dict
directly (`vl`); these cases hold it to the very spec the Altair-built map produced (recorded in
`data/journey_map_specs.json.gz`, before the switch): the sample with every persona and
colouring, its as-is version, a consensus of three rooms, customers' feelings, the
synthetic maps of the benchmark, and the small workshops of the other chart tests.

A deliberate change to the map re-records the file:
``PYTHONPATH=. python tests/charts/test_map_spec.py --record`` (then look at the diff of
the map in the tests and the pictures, not just at the file).
"""

from __future__ import annotations

import gzip
import json
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import altair as alt
import jsonschema
import pytest

from cxwidgets.charts import vl
from cxwidgets.charts.journey_map import build_map, journey_map
from cxwidgets.charts.vl import Spec
from cxwidgets.method.model import (
    BackstageProcess,
    Emotion,
    Function,
    Happens,
    Opportunity,
    PainPoint,
    Stage,
    Touchpoint,
    Vote,
    VoteKind,
    Workshop,
)
from cxwidgets.method.validation import CustomerStat
from cxwidgets.rooms import build_consensus, match, rooms_of
from cxwidgets.rooms.sample_rooms import three_rooms
from cxwidgets.sample import load_sample_history, load_sample_workshop
from cxwidgets.synthetic import synthetic_workshop
from cxwidgets.testing import HOSTILE, small_workshop

RECORDED = Path(__file__).parent / "data" / "journey_map_specs.json.gz"

Case = Callable[[], tuple[Workshop, dict[str, Any]]]




def _busy_small() -> Workshop:
    """Every lane of the small workshop filled, with scores, dots, quotes and feelings."""
    return small_workshop(
        pain_points=[
            PainPoint(id="p1", touchpoint_id="t1", text="Card declined", persona_id="pa",
                      evidence=["It failed twice", "Gave up"], impact=4, effort=2),
            PainPoint(id="p2", touchpoint_id="t1", text="Too expensive", persona_id="pb"),
            PainPoint(id="p3", touchpoint_id="t3", text="Queue at the till",
                      evidence=["Long queue"]),
            PainPoint(id="p4", touchpoint_id="t4", text="Not on the map"),
        ],
        opportunities=[Opportunity(id="o1", touchpoint_id="t2", text="Send a nicer receipt",
                                   persona_id="pb"),
                       Opportunity(id="o2", touchpoint_id="t3", text="Self checkout",
                                   evidence=["Long queue", "  "])],
        backstage=[BackstageProcess(id="b", touchpoint_id="t3", name="Till staffing",
                                    owner=Function.operations)],
        votes=[Vote(id="v1", target_id="p1"), Vote(id="v2", target_id="p1", value=2),
               Vote(id="v3", target_id="p1", kind=VoteKind.accuracy, value=-1)],
        emotions=[
            Emotion(id="e1", touchpoint_id="t1", score=-2, participant="p1"),
            Emotion(id="e2", touchpoint_id="t1", score=0, participant="p2", word="meh"),
            Emotion(id="e3", touchpoint_id="t1", score=1, participant="p3", persona_id="pa"),
            Emotion(id="e4", touchpoint_id="t1", score=-1, participant="p1", word="annoyed"),
            Emotion(id="e5", touchpoint_id="t1", score=2, participant="p4", persona_id="pb"),
            Emotion(id="e6", touchpoint_id="t3", score=2, participant="p1"),
        ])


def _unscored() -> Workshop:
    """Pain points none of which is scored: their score fields hold words only."""
    return small_workshop(pain_points=[
        PainPoint(id=f"p{i}", touchpoint_id="t1", text=f"Pain {i}", evidence=[f"Quote {i}"])
        for i in range(4)])


def _hostile() -> Workshop:
    w = _busy_small()
    w.touchpoints[0].name = HOSTILE
    w.pain_points[0].text = HOSTILE
    w.stages[0].name = HOSTILE[:100]
    return w


def _customers(workshop: Workshop) -> dict[str, CustomerStat]:
    """Made-up customers' feelings for every other placed touchpoint (one never used)."""
    stats = {}
    for i, tp in enumerate(t for t in workshop.touchpoints if t.stage_id):
        if i % 2:
            continue
        happens = {h: 0 for h in Happens}
        happens[Happens.yes] = 5
        happens[Happens.never if i % 4 else Happens.not_like_this] = 2
        mean = None if i % 6 == 4 else round(((i % 5) - 2) * 0.7, 2)
        stats[tp.id] = CustomerStat(tp.id, 7, 0 if mean is None else 5, mean,
                                    None if mean is None else -2,
                                    None if mean is None else 1, 0.5, happens, ())
    return stats


def _consensus() -> Workshop:
    return build_consensus(match(rooms_of(three_rooms(load_sample_workshop()))), "All rooms")


def cases() -> dict[str, Case]:
    """Every case: a name and how to make its workshop and the map's other arguments."""
    out: dict[str, Case] = {}
    sample = load_sample_workshop
    for colour in ("channel", "owner", "sentiment"):
        out[f"sample-{colour}"] = lambda c=colour: (sample(), {"colour_by": c})
    for persona in load_sample_workshop().personas:
        out[f"sample-persona-{persona.id}"] = lambda p=persona.id: (sample(), {"persona_id": p})
    out["sample-as-is"] = lambda: (load_sample_history()[0], {})
    out["sample-customers"] = lambda: (sample(), {"customers": _customers(sample())})
    out["sample-customers-sentiment"] = lambda: (
        sample(), {"customers": _customers(sample()), "colour_by": "sentiment"})
    out["consensus"] = lambda: (_consensus(), {})
    out["consensus-owner"] = lambda: (_consensus(), {"colour_by": "owner"})
    for stages, tps, seed in ((1, 1, 0), (2, 5, 0), (3, 8, 1), (5, 12, 2), (8, 40, 0),
                              (8, 40, 7), (20, 200, 0)):
        out[f"synthetic-{stages}x{tps}-{seed}"] = lambda s=stages, t=tps, r=seed: (
            synthetic_workshop(s, t, seed=r), {})
    out["synthetic-4x12-sentiment"] = lambda: (synthetic_workshop(4, 12), {"colour_by":
                                                                            "sentiment"})
    out["synthetic-4x12-owner"] = lambda: (synthetic_workshop(4, 12), {"colour_by": "owner"})
    out["small"] = lambda: (small_workshop(), {})
    out["small-ben"] = lambda: (small_workshop(), {"persona_id": "pb"})
    out["small-nobody"] = lambda: (small_workshop(personas=[]), {})
    out["small-busy"] = lambda: (_busy_small(), {})
    out["small-busy-ben-owner"] = lambda: (_busy_small(), {"persona_id": "pb",
                                                           "colour_by": "owner"})
    out["small-busy-sentiment"] = lambda: (_busy_small(), {"colour_by": "sentiment"})
    out["small-unscored"] = lambda: (_unscored(), {})
    out["small-hostile"] = lambda: (_hostile(), {})
    out["small-customers"] = lambda: (_busy_small(), {"customers": _customers(_busy_small())})
    out["empty"] = lambda: (Workshop(id="e", title="Empty"), {})
    out["no-places"] = lambda: (Workshop(id="e", title="No places", stages=[
        Stage(id="s", name="Buy")], touchpoints=[Touchpoint(id="t", name="Loose")]), {})
    return out


def spec_of(case: Case) -> dict[str, Any]:
    """The case's map drawn afresh (as `to_dict` gives it: tuples are lists)."""
    workshop, kwargs = case()
    persona = kwargs.pop("persona_id", None)
    return build_map(workshop, persona, **kwargs).to_dict()


@pytest.fixture(scope="module")
def recorded() -> dict[str, Any]:
    return json.loads(gzip.decompress(RECORDED.read_bytes()))


def test_every_case_was_recorded(recorded):
    assert sorted(recorded) == sorted(cases())


@pytest.mark.parametrize("name", list(cases()))
def test_the_map_is_the_spec_recorded(recorded, name):
    spec = spec_of(cases()[name])
    assert spec == recorded[name]
    # to the character: a whole number is not written as a float, nor the other way
    assert json.dumps(spec, sort_keys=True) == json.dumps(recorded[name], sort_keys=True)


@pytest.mark.parametrize("name", ["sample-customers", "consensus-owner", "small-busy",
                                  "small-unscored", "empty"])
def test_the_map_keeps_to_the_vega_lite_schema(name):
    workshop, kwargs = cases()[name]()
    persona = kwargs.pop("persona_id", None)
    journey_map(workshop, persona, **kwargs).validate()  # raises when a spec breaks it
    broken = journey_map(workshop, persona, **kwargs).to_dict()
    broken["mark" if "mark" in broken else "vconcat"] = {"type": "no such mark"}
    with pytest.raises(jsonschema.ValidationError):
        Spec(broken).validate()


def test_the_spec_names_the_vega_lite_of_the_altair_installed():
    assert vl.SCHEMA_URL == alt.SCHEMA_URL


def record() -> None:
    """Write every case's spec to the recorded file (see the module's docstring)."""
    specs = {name: json.loads(json.dumps(spec_of(case))) for name, case in cases().items()}
    RECORDED.parent.mkdir(exist_ok=True)
    body = json.dumps(specs, sort_keys=True, ensure_ascii=False).encode("utf-8")
    RECORDED.write_bytes(gzip.compress(body, mtime=0))
    print(f"recorded {len(specs)} maps in {RECORDED} ({RECORDED.stat().st_size // 1024} KB)")


if __name__ == "__main__":
    if "--record" in sys.argv:
        record()


def test_scores_beside_not_scored_are_shown_as_written():
    """Impact and effort hold numbers and "not scored": as numbers, Vega would show the
    words as "NaN" in the tooltip."""
    import vl_convert

    def strings(node: Any) -> list[str]:
        if isinstance(node, dict):
            return [s for v in node.values() for s in strings(v)]
        if isinstance(node, list):
            return [s for v in node for s in strings(v)]
        return [node] if isinstance(node, str) else []

    vega = vl_convert.vegalite_to_vega(spec_of(cases()["small-busy"]))
    tooltips = [s for s in strings(vega) if "Impact (1-5)" in s]
    assert tooltips
    for tooltip in tooltips:
        assert '"Impact (1-5)": isValid(datum["imp"])' in tooltip
        assert 'format(datum["imp"]' not in tooltip and 'format(datum["eff"]' not in tooltip
        assert 'format(datum["dots"]' in tooltip  # a count is still a number


def test_a_table_already_whole_is_taken_as_it_is_and_a_gappy_one_is_filled_in_a_copy():
    whole = [{"a": 1, "b": "x"}, {"a": 2, "b": "y"}]
    taken = vl.records(whole)
    assert taken == whole and all(t is r for t, r in zip(taken, whole, strict=True))
    gappy = [{"a": 1, "b": "x"}, {"a": None}, {"a": 2.5, "b": "z"}]
    filled = vl.records(gappy)
    assert filled == [{"a": 1.0, "b": "x"}, {"a": None, "b": None}, {"a": 2.5, "b": "z"}]
    assert isinstance(filled[0]["a"], float)
    assert gappy[0] == {"a": 1, "b": "x"} and isinstance(gappy[0]["a"], int)  # untouched
    # whole, but an int beside a float: the ints become floats, in a copy
    mixed = [{"a": 1}, {"a": 0.5}]
    assert vl.records(mixed) == [{"a": 1.0}, {"a": 0.5}] and isinstance(mixed[0]["a"], int)
