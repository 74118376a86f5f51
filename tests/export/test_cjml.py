"""The journey in CJML: well-formed XML that validates against the structure the module
documents (cjml.xsd), with the to-be map as the planned journey and each customer of a
validation round as an actual journey; its key facts read back from the file."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from collections import Counter

import pytest
from lxml import etree

from cxwidgets.export.cjml import COMPLIANCE, SCHEMA
from cxwidgets.export.workshop import export_workshop
from cxwidgets.method import views as J
from cxwidgets.method import words as L
from cxwidgets.method.model import Happens, Touchpoint
from cxwidgets.sample import load_sample_workshop
from cxwidgets.testing import HOSTILE

from .conftest import TO_BE, TODAY


@pytest.fixture(scope="module")
def schema() -> etree.XMLSchema:
    return etree.XMLSchema(etree.parse(str(SCHEMA)))


@pytest.fixture(scope="module")
def written(validated, tmp_path_factory):
    w, versions = validated
    path = tmp_path_factory.mktemp("cjml") / "freshbox.cjml.xml"
    export_workshop(w, path, today=TODAY, version_of=versions.__getitem__)
    return path


def valid(path, schema) -> ET.Element:
    document = etree.parse(str(path))  # well-formed, or this raises
    assert schema.validate(document), schema.error_log
    return ET.parse(path).getroot()


def test_the_file_is_cjml_2_and_validates(written, schema):
    root = valid(written, schema)
    assert root.tag == "CJML" and root.get("version") == "2.0"
    assert written.read_bytes().startswith(b'<?xml version="1.0" encoding="UTF-8"?>')


def test_the_planned_journey_is_the_to_be_map(written, validated, schema):
    planned_map = validated[1][TO_BE]
    planned = valid(written, schema).find("plannedJourney")
    assert planned.findtext("journeyID") == "PJ1" and TO_BE in planned.findtext("journeyTitle")
    assert [p.findtext("phaseName") for p in planned.iter("journeyPhase")] == [
        s.name for s in J.ordered_stages(planned_map)]
    points = planned.findall("touchpoints/plannedCommunicationPoint")
    journey = J.journey_touchpoints(planned_map)
    assert [p.findtext("touchpointID") for p in points] == [t.id for t in journey]
    assert "tp-pause" in [t.id for t in journey]  # in the to-be map, not in the map now
    by_id = {t.id: t for t in journey}
    for p in points:
        t = by_id[p.findtext("touchpointID")]
        assert p.findtext("channel/channelName") == L.label(L.CHANNEL, t.channel)
        assert p.find("belongsTo").get("phaseIDref") == t.stage_id
        assert t.name == p.findtext("initiator/initiatorLabel")
    actors = planned.find("actors")
    assert actors.find("endUser/actorName").text == "Sam, the busy parent"
    assert {a.findtext("companyName") for a in actors.findall("serviceProvider")} == {
        L.label(L.FUNCTION, t.owner) for t in journey}
    assert planned.find(".//touchpointExperience") is None  # a plan has no experience


def test_who_speaks_first_follows_the_channel(written, schema):
    planned = valid(written, schema).find("plannedJourney")
    points = {p.findtext("initiator/initiatorLabel"): p
              for p in planned.iter("plannedCommunicationPoint")}
    persona = planned.find("actors/endUser").get("actorID")
    welcome, checkout = points["Welcome email"], points["Checkout and payment"]
    assert welcome.find("receiver/refersTo").get("actorIDref") == persona
    assert checkout.find("initiator/refersTo").get("actorIDref") == persona


def test_each_customer_s_answers_are_an_actual_journey(written, validated, schema):
    w, _ = validated
    actual = valid(written, schema).findall("actualJourney")
    assert len(actual) == len({a.respondent for a in w.answers}) == 5
    assert [j.findtext("journeyID") for j in actual] == [f"AJ{n}" for n in range(1, 6)]
    assert {j.findtext("plannedReference") for j in actual} == {"PJ1"}
    said = Counter(COMPLIANCE[a.happens] for a in w.answers)
    assert Counter(p.text for p in root_iter(actual, "compliance")) == said
    feelings = sorted(a.feeling for a in w.answers if a.feeling is not None)
    assert sorted(int(r.text) for r in root_iter(actual, "experienceRating")) == feelings
    assert "Took three calls to sort out" in [
        d.text for d in root_iter(actual, "experienceDescription")]
    for j in actual:  # a touchpoint that never happened carries no experience
        for p in j.iter("actualCommunicationPoint"):
            if p.findtext("compliance") == COMPLIANCE[Happens.never]:
                assert p.find("touchpointExperience") is None
        ids = [p.findtext("touchpointID") for p in j.iter("actualCommunicationPoint")]
        order = [t.id for t in J.journey_touchpoints(w)]
        assert ids == sorted(ids, key=order.index)  # journey order
        assert j.find("actors/endUser").get("actorID").startswith("customer-r")


def root_iter(journeys, tag):
    return [e for j in journeys for e in j.iter(tag)]


def test_without_a_to_be_version_the_plan_is_the_room_s_map_and_no_one_has_answered(
        tmp_path, schema):
    w = load_sample_workshop()
    export_workshop(w, tmp_path / "x.xml")
    root = valid(tmp_path / "x.xml", schema)
    planned = root.find("plannedJourney")
    assert "the map as the room drew it" in planned.findtext("journeyTitle")
    assert len(planned.findall("touchpoints/plannedCommunicationPoint")) == len(
        J.journey_touchpoints(w))
    assert root.findall("actualJourney") == []


def test_any_text_stays_text_and_the_file_stays_xml(tmp_path, schema):
    w = load_sample_workshop()
    odd = Touchpoint(id="t-odd", name=f"{HOSTILE} & ]]> \uffff end", stage_id=w.stages[0].id)
    w = w.model_copy(update={"touchpoints": [*w.touchpoints, odd]})
    export_workshop(w, tmp_path / "odd.cjml.xml")
    root = valid(tmp_path / "odd.cjml.xml", schema)
    labels = [p.findtext("initiator/initiatorLabel") for p in root.iter(
        "plannedCommunicationPoint")]
    assert f"{HOSTILE} & ]]>  end" in labels
