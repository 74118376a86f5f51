"""The journey in CJML, SINTEF's Customer Journey Modelling Language, in its XML form.

CJML (cjml.no) tells the *planned* journey (how the service is meant to go) from the
*actual* journeys (what happened to one person), and models a journey as touchpoints
between actors: communication points (one actor sends, another receives, over a channel)
and actions (one actor does something alone). Touchpoints are grouped into journey
phases. Only an actual journey may carry an experience: the planned one is a hypothesis.

What the kit writes, following CJML 2.0's data format (the example on cjml.no for the
core elements; the element names of SINTEF's CJML tools for phases, the reference from
an actual journey to its plan and a touchpoint's compliance and experience). The whole
structure is `cjml.xsd`, beside this module, and a test validates every file against it:

    <CJML version="2.0">
      <plannedJourney>                     the to-be map (else the map as the room drew it)
        <journeyID>PJ1</journeyID>
        <journeyTitle/> <journeyShortSummary/>        the workshop's title and purpose
        <journeyPhases>
          <journeyPhase phaseID="stage id"><phaseName/><phaseDescription/></journeyPhase>
        </journeyPhases>
        <actors>
          <endUser actorID="persona id"><actorName/></endUser>          the persona
          <serviceProvider actorID="provider-sales"><companyName/></serviceProvider>
        </actors>              one provider per function owning touchpoints, named after it
        <touchpoints>
          <plannedCommunicationPoint>          one per placed touchpoint, in journey order
            <touchpointID/> <belongsTo phaseIDref=""/>
            <initiator><refersTo actorIDref=""/><initiatorLabel/></initiator>
            <receiver><refersTo actorIDref=""/><receiverLabel/></receiver>
            <channel><channelName/></channel>
          </plannedCommunicationPoint>
        </touchpoints>
      </plannedJourney>
      <actualJourney>                      one per customer who answered a validation round
        <journeyID>AJ1</journeyID> <journeyTitle/> <plannedReference>PJ1</plannedReference>
        <journeyPhases> as planned
        <actors> the customer (by the round's random id, never a name) and the providers
        <touchpoints>
          <actualCommunicationPoint>           each touchpoint the customer answered about
            ... as planned ..., then
            <compliance>conforms | failure | missing</compliance>
            <touchpointExperience><experienceRating/><experienceDescription/></...>
          </actualCommunicationPoint>

The room's map records no direction for a touchpoint, so the channel gives it: what the
company sends (email, post, social media, a partner) starts with the service provider,
everything else with the customer. A customer's answer is the touchpoint's compliance,
in the deviation types of CJML's customer journey analysis (Halvorsrud et al., 2016): it
happens as drawn ("conforms"), it happens but not like this ("failure"), or it never
happened to them ("missing": kept, with no experience, so the deviation is in the file).
Their feeling (-2..+2) is the experience's rating and their comment its description.
The room's own feelings, pain points and ideas are assumptions, not CJML's to carry.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from pathlib import Path
from typing import TYPE_CHECKING

from cxwidgets.export.inert import xml_text
from cxwidgets.export.map_files import check_target, write_atomically
from cxwidgets.language import _
from cxwidgets.method import views as J
from cxwidgets.method import words as L
from cxwidgets.method.model import (
    Channel,
    CustomerAnswer,
    Function,
    Happens,
    Touchpoint,
    VersionKind,
    Workshop,
)
from cxwidgets.method.validation import answers_of

if TYPE_CHECKING:
    from cxwidgets.export.workshop import Options

VERSION = "2.0"
PLANNED_ID = "PJ1"
#: The schema of what this module writes (see the docstring).
SCHEMA = Path(__file__).with_name("cjml.xsd")
#: Channels over which the company speaks first.
COMPANY_SENDS = frozenset({Channel.email, Channel.mail, Channel.social, Channel.partner})
#: A customer's answer as a CJML deviation type.
COMPLIANCE = {Happens.yes: "conforms", Happens.not_like_this: "failure",
              Happens.never: "missing"}


def write_cjml(workshop: Workshop, path: Path, fmt: str, o: Options) -> list[Path]:
    check_target(path, o.force)
    write_atomically(path, cjml_bytes(workshop, o), o.force)
    return [path]


def to_be_version(workshop: Workshop) -> str:
    """The newest to-be version's name ("": the workshop has none)."""
    return next((v.name for v in reversed(workshop.versions) if v.kind == VersionKind.to_be),
                "")


def cjml_bytes(workshop: Workshop, o: Options) -> bytes:
    """The workshop as a CJML document: its planned journey and every customer's actual
    journey from its validation rounds."""
    planned_name = to_be_version(workshop)
    planned = o.version(workshop, planned_name)
    root = ET.Element("CJML", version=VERSION)
    root.append(planned_journey(planned, planned_name, o.persona_id))
    root.extend(actual_journeys(workshop, o))
    ET.indent(root)
    return (b'<?xml version="1.0" encoding="UTF-8"?>\n'
            + ET.tostring(root, encoding="unicode").encode("utf-8") + b"\n")


def _text(parent: ET.Element, tag: str, text: str, **attrs: str) -> ET.Element:
    element = ET.SubElement(parent, tag, attrs)
    element.text = xml_text(text)
    return element


def _owner_id(owner: Function) -> str:
    return f"provider-{owner.value}"


def _actors(parent: ET.Element, user_id: str, user_name: str, owners: list[Function]
            ) -> None:
    actors = ET.SubElement(parent, "actors")
    _text(ET.SubElement(actors, "endUser", actorID=user_id), "actorName", user_name)
    for owner in owners:
        provider = ET.SubElement(actors, "serviceProvider", actorID=_owner_id(owner))
        _text(provider, "companyName", L.label(L.FUNCTION, owner))


def _owners(touchpoints: list[Touchpoint]) -> list[Function]:
    return list(dict.fromkeys(t.owner for t in touchpoints))


def _phases(parent: ET.Element, workshop: Workshop) -> None:
    phases = ET.SubElement(parent, "journeyPhases")
    for s in J.ordered_stages(workshop):
        phase = ET.SubElement(phases, "journeyPhase", phaseID=s.id)
        _text(phase, "phaseName", s.name)
        _text(phase, "phaseDescription", s.description)


def _communication(parent: ET.Element, tag: str, t: Touchpoint, user_id: str) -> ET.Element:
    point = ET.SubElement(parent, tag)
    _text(point, "touchpointID", t.id)
    ET.SubElement(point, "belongsTo", phaseIDref=t.stage_id or "")
    company_first = t.channel in COMPANY_SENDS
    sender, receiver = ((_owner_id(t.owner), user_id) if company_first
                        else (user_id, _owner_id(t.owner)))
    for role, actor in (("initiator", sender), ("receiver", receiver)):
        side = ET.SubElement(point, role)
        ET.SubElement(side, "refersTo", actorIDref=actor)
        _text(side, f"{role}Label", t.name)
    _text(ET.SubElement(point, "channel"), "channelName", L.label(L.CHANNEL, t.channel))
    return point


def planned_journey(workshop: Workshop, version: str, persona_id: str | None) -> ET.Element:
    """The planned journey: every placed touchpoint of `workshop`, in journey order."""
    persona = J.map_persona(workshop, persona_id)
    user_id, user_name = (persona.id, persona.name) if persona else ("customer", _("Customer"))
    touchpoints = J.journey_touchpoints(workshop)
    journey = ET.Element("plannedJourney")
    _text(journey, "journeyID", PLANNED_ID)
    what = (_("the to-be map “{version}”").format(version=version) if version
            else _("the map as the room drew it"))
    _text(journey, "journeyTitle", _("{title}: planned journey ({what})").format(
        title=workshop.title, what=what))
    _phases(journey, workshop)
    _text(journey, "journeyShortSummary", workshop.purpose.statement)
    _actors(journey, user_id, user_name, _owners(touchpoints))
    points = ET.SubElement(journey, "touchpoints")
    for t in touchpoints:
        _communication(points, "plannedCommunicationPoint", t, user_id)
    return journey


def actual_journeys(workshop: Workshop, o: Options) -> list[ET.Element]:
    """One actual journey per customer of each validation round, in journey order."""
    journeys: list[ET.Element] = []
    for r in workshop.rounds:
        shown = o.version(workshop, r.version)
        order = {t.id: t for t in J.journey_touchpoints(shown)}
        by_customer: dict[str, dict[str, CustomerAnswer]] = {}
        for a in answers_of(workshop, r.id):
            by_customer.setdefault(a.respondent, {})[a.touchpoint_id] = a  # newest wins
        for respondent, answers in by_customer.items():
            answered = [t for tid, t in order.items() if tid in answers]
            if answered:
                journeys.append(_actual(f"AJ{len(journeys) + 1}", shown, r.title, respondent,
                                        answered, answers))
    return journeys


def _actual(journey_id: str, shown: Workshop, round_title: str, respondent: str,
            touchpoints: list[Touchpoint], answers: dict[str, CustomerAnswer]) -> ET.Element:
    user_id = f"customer-{respondent}"
    journey = ET.Element("actualJourney")
    _text(journey, "journeyID", journey_id)
    _text(journey, "journeyTitle", _("{round}: one customer's answers").format(
        round=round_title))
    _text(journey, "plannedReference", PLANNED_ID)
    _phases(journey, shown)
    _actors(journey, user_id, _("Customer (anonymous)"), _owners(touchpoints))
    points = ET.SubElement(journey, "touchpoints")
    for t in touchpoints:
        a = answers[t.id]
        point = _communication(points, "actualCommunicationPoint", t, user_id)
        _text(point, "compliance", COMPLIANCE[a.happens])
        if a.happens != Happens.never and (a.feeling is not None or a.comment):
            experience = ET.SubElement(point, "touchpointExperience")
            if a.feeling is not None:
                _text(experience, "experienceRating", str(a.feeling))
            if a.comment:
                _text(experience, "experienceDescription", a.comment)
    return journey
