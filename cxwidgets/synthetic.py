"""Made-up workshops of any size, for tests and benchmarks: valid, varied and repeatable.

`synthetic_workshop(stages, touchpoints, seed)` returns the same workshop for the same
arguments. It holds everything a drawn map shows (an agreed persona, ratings from several
raters, pain points and ideas with customer quotes, backstage processes, dot votes), and
mixes short names with long ones, some over 100 characters, to stress every label. It
never reads or writes files.
"""

from __future__ import annotations

import random

from cxwidgets.method.model import (
    NAME_MAX,
    BackstageProcess,
    Channel,
    Emotion,
    Function,
    Medium,
    Opportunity,
    PainPoint,
    Participant,
    Persona,
    Stage,
    Touchpoint,
    Vote,
    Workshop,
    default_medium,
)

#: The functions a synthetic owner is drawn from (an unnamed owner is not made up).
KNOWN_FUNCTIONS = [f for f in Function if f is not Function.unknown]

STAGE_NAMES = ("Awareness", "Consideration", "Sign-up", "First order", "Delivery",
               "Cooking", "Support", "Billing", "Renewal", "Referral")
THINGS = ("advert", "plan page", "price table", "sign-up form", "welcome email",
          "delivery slot", "box at the door", "recipe card", "help chat", "invoice",
          "app reminder", "phone call", "store pick-up", "courier visit", "review request")
ADJECTIVES = ("Confusing", "Quick", "Friendly", "Late", "Missing", "Clear", "Long",
              "Surprise", "Broken", "Personal")
LONG_TAIL = (" that customers reach from the comparison site after reading three reviews"
             " and asking a friend whether the weekly plan can be paused at any time")
PAINS = ("Cannot find how to pause the plan", "Delivery window too wide",
         "Charged twice in the first week", "Recipe needs tools I do not own",
         "Nobody answers the chat in the evening", "Box arrived warm")
IDEAS = ("Pause with one tap", "Text a one-hour delivery window", "Refund before they ask",
         "Show the tools on the recipe page", "Evening chat cover", "Cool-bag check photo")
QUOTES = ("I gave up after ten minutes looking for the pause button.",
          "The courier came while I was out, again.",
          "Honestly the first dinner was lovely.",
          "Why am I paying for two boxes?",
          "I would tell my sister about it if delivery were reliable.",
          "Three emails in one day is too many.")
PROCESSES = ("Stock check", "Route planning", "Payment capture", "Quality control",
             "Recipe testing", "Ticket triage", "Cold-chain audit", "Refund approval")
WORDS = ("annoyed", "relieved", "confused", "happy", "anxious", "delighted", "bored")
RATERS = 5


def _name(rng: random.Random, i: int) -> str:
    """Mostly short names, one in five long, one in nine past 100 characters."""
    base = f"{rng.choice(ADJECTIVES)} {rng.choice(THINGS)}"
    if i % 9 == 4:
        return (base + LONG_TAIL)[:NAME_MAX]
    if i % 5 == 2:
        return base + " after the first week, on a busy weekday evening"
    return base if i % 3 else rng.choice(THINGS).capitalize()


def _stages(n: int) -> list[Stage]:
    stages = []
    for i in range(n):
        name = STAGE_NAMES[i % len(STAGE_NAMES)]
        if i >= len(STAGE_NAMES):
            name = f"{name} {i // len(STAGE_NAMES) + 1}"
        if i % 7 == 5:
            name = f"{name}: getting the most out of the plan in the weeks after"
        stages.append(Stage(id=f"s{i}", name=name, order=i, created_by="facilitator"))
    # Added out of timeline order, as real rooms do: the map must sort by `order`.
    return stages[1::2] + stages[::2]


def _touchpoints(rng: random.Random, stages: int, n: int) -> list[Touchpoint]:
    channels = list(Channel)
    tps = []
    for i in range(n):
        channel = channels[i % len(channels)]
        # Every stage gets one before any gets a second; the rest land unevenly.
        stage = i if i < stages else rng.randrange(stages)
        medium = default_medium(channel) if i % 6 else (
            Medium.physical if default_medium(channel) is Medium.digital else Medium.digital)
        tps.append(Touchpoint(
            id=f"t{i}", name=_name(rng, i), channel=channel, medium=medium,
            owner=rng.choice(KNOWN_FUNCTIONS), stage_id=f"s{stage}", created_by="facilitator"))
    return tps


def _emotions(rng: random.Random, tps: list[Touchpoint], persona: str) -> list[Emotion]:
    emotions = []
    for i, tp in enumerate(tps):
        if i % 7 == 3:  # some touchpoints are not rated yet
            continue
        centre = rng.choice((-2, -1, 0, 1, 1, 2))
        for r in range(rng.randint(2, RATERS)):
            score = max(-2, min(2, centre + rng.choice((-1, 0, 0, 1))))
            emotions.append(Emotion(
                id=f"e{i}-{r}", touchpoint_id=tp.id, score=score, word=rng.choice(WORDS),
                participant=f"p{r}", persona_id=persona if r % 2 else None))
    return emotions


def _pains_and_ideas(rng: random.Random, tps: list[Touchpoint], persona: str,
                     other: str) -> tuple[list[PainPoint], list[Opportunity]]:
    pains, ideas = [], []
    for i, tp in enumerate(tps):
        if i % 2 == 0:
            text = rng.choice(PAINS) + (LONG_TAIL if i % 10 == 4 else "")
            pains.append(PainPoint(
                id=f"pp{i}", touchpoint_id=tp.id, text=text[:NAME_MAX],
                evidence=rng.sample(QUOTES, k=i % 3), impact=rng.randint(1, 5),
                effort=rng.randint(1, 5), persona_id=other if i % 8 == 6 else persona))
        if i % 3 == 1:
            ideas.append(Opportunity(
                id=f"op{i}", touchpoint_id=tp.id, text=rng.choice(IDEAS),
                evidence=rng.sample(QUOTES, k=1 if i % 4 == 1 else 0),
                pain_id=f"pp{i - 1}" if i % 2 else None,
                persona_id=other if i % 9 == 7 else None))
    return pains, ideas


def synthetic_workshop(stages: int, touchpoints: int, seed: int = 0) -> Workshop:
    """A workshop with `stages` stages and `touchpoints` placed touchpoints, always the same.

    Stages are added out of timeline order; the draft persona of a second group owns a few
    pain points and ideas, which a map of the agreed persona must leave out.
    """
    if stages < 1 or touchpoints < 0:
        raise ValueError("a synthetic workshop needs at least one stage")
    rng = random.Random(seed)
    persona = Persona(
        id="persona-agreed", name="Maya Okafor", role="Busy parent of two, works shifts",
        quote="I want dinner sorted without having to think about it.", agreed=True,
        channels=[Channel.mobile_app, Channel.email], goals=["Cook in under 30 minutes"])
    draft = Persona(id="persona-draft", name="Sam Lee", role="Student", group="Group B",
                    quote="Cheap and quick, please.")
    tps = _touchpoints(rng, stages, touchpoints)
    pains, ideas = _pains_and_ideas(rng, tps, persona.id, draft.id)
    dotted = [p for i, p in enumerate(pains) for _ in range(i % 4)]
    votes = [Vote(id=f"v{i}", target_id=p.id, voter=f"p{i % RATERS}")
             for i, p in enumerate(dotted)]
    backstage = [BackstageProcess(
        id=f"b{i}", touchpoint_id=tp.id, owner=rng.choice(KNOWN_FUNCTIONS),
        name=(rng.choice(PROCESSES) + (LONG_TAIL if i % 11 == 5 else ""))[:NAME_MAX])
        for i, tp in enumerate(tps) if i % 4 != 3]
    return Workshop(
        id=f"synthetic-{stages}x{touchpoints}", title=f"Synthetic journey {stages}x{touchpoints}",
        scope="Meal-kit subscription, first month",
        participants=[Participant(id=f"p{r}", name=f"Rater {r + 1}",
                                  function=list(Function)[r]) for r in range(RATERS)],
        personas=[draft, persona], stages=_stages(stages), touchpoints=tps,
        emotions=_emotions(rng, tps, persona.id), pain_points=pains, opportunities=ideas,
        backstage=backstage, votes=votes)
