"""Three rooms of the sample's journey that differ in known ways: for tests and demonstrations.

FreshBox mapped its meal-kit journey in Berlin, Hamburg and Munich on the same day. All
three start from the sample workshop (pass it in: this module reads no files), with other
people in the room and their own ids for everything, and then differ like real rooms do:

Berlin   the sample as it is.
Hamburg  other people, every one in another function than their Berlin counterpart;
         renamed "Courier's tracking page" (to "Delivery tracking in the app"), "Help
         centre articles" ("Help center articles"), "Checkout and payment" ("Payment and
         checkout"), the stage "Cooking" ("Cooking and eating") and the persona "Sam, the
         busy parent" ("Sam, a busy parent"); every rating of the welcome email one step
         lower (exactly one step apart from Berlin: not a disagreement).
Munich   no "Renewal or cancellation" stage (nor anything on it); "Pre-sales chat" called
         "Chat before buying", "Support phone line" called "Phone line for support"; a
         touchpoint only Munich saw ("Neighbour takes the box in"); the opposite feeling at
         "Courier at the door" (every rating negated); a pain point only Munich's lawyer
         raised ("Allergen labels missing on the ingredient bags").

Pure functions of the model.
"""

from __future__ import annotations

from typing import Any

from cxwidgets.method.kinds import COLLECTIONS, REFERENCES
from cxwidgets.method.model import Workshop

BERLIN, HAMBURG, MUNICH = "Berlin", "Hamburg", "Munich"

HAMBURG_PEOPLE = {  # sample participant -> (name, function): never the Berlin function
    "p-amara": ("Jana Krüger", "it"), "p-jonas": ("Lukas Braun", "marketing"),
    "p-lucia": ("Hannah Vogel", "operations"), "p-tom": ("Felix Wagner", "product"),
    "p-mei": ("Aylin Demir", "finance"), "p-rahul": ("Jonas Petersen", "sales"),
    "p-sofia": ("Marie Schulz", "support"), "p-ines": ("Paul Hoffmann", "operations"),
    "p-noah": ("Lea Schröder", "leadership"), "p-eva": ("Tim Hartmann", "support"),
}
MUNICH_PEOPLE = {
    "p-amara": ("Sophie Huber", "operations"), "p-jonas": ("Maximilian Bauer", "support"),
    "p-lucia": ("Anna Maier", "sales"), "p-tom": ("Elias Gruber", "finance"),
    "p-mei": ("Laura Pichler", "it"), "p-rahul": ("David Moser", "marketing"),
    "p-sofia": ("Julia Steiner", "product"), "p-ines": ("Nina Wolf", "support"),
    "p-noah": ("Moritz Berger", "operations"), "p-eva": ("Clara Lang", "legal"),
}
HAMBURG_NAMES = {
    "t-tracking": "Delivery tracking in the app", "t-help": "Help center articles",
    "t-checkout": "Payment and checkout", "s-cook": "Cooking and eating",
    "per-busy-parent": "Sam, a busy parent",
}
MUNICH_NAMES = {"t-chatpre": "Chat before buying", "t-phone": "Phone line for support"}
MISSING_STAGE = "s-renew"
OPPOSITE_AT = "t-courier"
LOWER_AT = "t-welcome"
ONLY_MUNICH_TOUCHPOINT = "Neighbour takes the box in"
ONLY_ONE_FUNCTION_PAIN = "Allergen labels missing on the ingredient bags"
LAWYER = "p-eva"


def three_rooms(sample: Workshop) -> list[Workshop]:
    """[Berlin, Hamburg, Munich], each a whole workshop as its room left it."""
    return [berlin(sample), hamburg(sample), munich(sample)]


def _base(sample: Workshop, city: str) -> dict[str, Any]:
    data = sample.model_dump(mode="json")
    data["title"] = f"FreshBox meal kits: {city} room"
    data["versions"] = []
    return data


def berlin(sample: Workshop) -> Workshop:
    return Workshop.model_validate(_base(sample, BERLIN))


def hamburg(sample: Workshop) -> Workshop:
    data = _base(sample, HAMBURG)
    _people(data, HAMBURG_PEOPLE)
    _rename(data, HAMBURG_NAMES)
    for e in data["emotions"]:
        if e["touchpoint_id"] == LOWER_AT:
            e["score"] -= 1  # the sample's welcome ratings are -1..2: never below -2
    return Workshop.model_validate(_with_ids(data, "hh-"))


def munich(sample: Workshop) -> Workshop:
    data = _base(sample, MUNICH)
    _people(data, MUNICH_PEOPLE)
    _rename(data, MUNICH_NAMES)
    _remove(data, "stages", {MISSING_STAGE})
    for e in data["emotions"]:
        if e["touchpoint_id"] == OPPOSITE_AT:
            e["score"] = -e["score"]
    data["touchpoints"].append({
        "id": "t-neighbour", "created_by": "p-tom", "name": ONLY_MUNICH_TOUCHPOINT,
        "channel": "in_person", "medium": "physical", "owner": "operations",
        "stage_id": "s-delivery", "description": "A neighbour signs for the box."})
    data["emotions"] += [
        {"id": f"em-neighbour-{who}", "created_by": who, "participant": who,
         "touchpoint_id": "t-neighbour", "score": 1, "word": "relieved",
         "persona_id": "per-busy-parent"} for who in ("p-tom", "p-noah", "p-ines")]
    data["pain_points"].append({
        "id": "pp-allergens", "created_by": LAWYER, "touchpoint_id": "t-ingredients",
        "text": ONLY_ONE_FUNCTION_PAIN, "evidence": ["Two complaints to the food authority"],
        "impact": 4, "effort": 2})
    return Workshop.model_validate(_with_ids(data, "mu-"))


def _people(data: dict[str, Any], people: dict[str, tuple[str, str]]) -> None:
    for p in data["participants"]:
        p["name"], p["function"] = people[p["id"]]


def _rename(data: dict[str, Any], names: dict[str, str]) -> None:
    for collection in ("touchpoints", "stages", "personas"):
        for e in data[collection]:
            e["name"] = names.get(e["id"], e["name"])


def _remove(data: dict[str, Any], collection: str, ids: set[str]) -> None:
    """Remove entities and, in turn, everything that rests on them."""
    gone: dict[str, set[str]] = {c: set() for c in COLLECTIONS}
    gone[collection] |= ids
    changed = True
    while changed:
        changed = False
        every = set().union(*gone.values())
        for c in COLLECTIONS:
            for e in data[c]:
                if e["id"] not in gone[c] and _rests_on(c, e, every):
                    gone[c].add(e["id"])
                    changed = True
    for c in COLLECTIONS:
        data[c] = [e for e in data[c] if e["id"] not in gone[c]]


def _rests_on(collection: str, entity: dict[str, Any], gone: set[str]) -> bool:
    for ref in REFERENCES.get(collection, ()):
        value = entity.get(ref.field)
        if ref.many:
            entity[ref.field] = [v for v in value or [] if v not in gone]
            if value and ref.required and not entity[ref.field]:
                return True
        elif value in gone:
            return True
    return False


def _with_ids(data: dict[str, Any], prefix: str) -> dict[str, Any]:
    """The same workshop with every entity id (and every reference to one) prefixed:
    rooms never share ids, so matching must go by what things are called."""
    ids = {e["id"] for c in COLLECTIONS for e in data[c]}

    def walk(value: Any) -> Any:
        if isinstance(value, dict):
            return {k: walk(v) for k, v in value.items()}
        if isinstance(value, list):
            return [walk(v) for v in value]
        return f"{prefix}{value}" if isinstance(value, str) and value in ids else value

    return {**walk(data), "id": f"{prefix}{data['id']}"}
