import pytest

from cxwidgets import starters
from cxwidgets.exceptions import InvalidInput
from cxwidgets.method.views import journey_touchpoints
from cxwidgets.store import Store


def test_four_industry_journeys_are_offered():
    assert starters.names() == ["bank_account", "insurance_claim", "online_retail",
                                "saas_onboarding"]


@pytest.mark.parametrize("name", starters.names())
def test_each_template_becomes_a_valid_workshop(name):
    ws = starters.load(name).workshop()
    assert len(ws.stages) >= 5 and len(journey_touchpoints(ws)) >= 8
    assert ws.pain_points and ws.backstage and ws.customer_purpose
    assert {t.stage_id for t in ws.touchpoints} <= {s.id for s in ws.stages}


def test_a_template_loads_into_a_store_as_a_workshop_to_adapt(tmp_path):
    store = Store(tmp_path / "w.sqlite")
    created = store.import_workshop(starters.load("insurance_claim").workshop("Our claims"))
    ws = store.state(created.id)
    assert ws.title == "Our claims" and len(ws.touchpoints) == 10


@pytest.mark.parametrize(("text", "message"), [
    ("title: A: B\n", "not valid YAML"),
    ("- just\n- a list\n", "expected a mapping"),
    ("title: T\nstages: []\n", "journey template bad.yaml stages"),
    ("title: T\nstages:\n  - name: S\n    touchpoints: [{name: X, channel: pigeon}]\n"
     "  - name: S2\n    touchpoints: [{name: Y}]\n", "channel"),
    ("title: T\ncolour: red\nstages: []\n", "colour: is not a known field"),
])
def test_a_template_that_does_not_parse_is_named(tmp_path, text, message):
    bad = tmp_path / "bad.yaml"
    bad.write_text(text)
    with pytest.raises(InvalidInput, match=message):
        starters.load(str(bad))


def test_an_unknown_template_lists_the_known_ones():
    with pytest.raises(InvalidInput, match="no journey template named 'zoo'; templates: "
                                           "bank_account, insurance_claim"):
        starters.load("zoo")
