"""The 16 steps of the journey-mapping exercise: one record per step, the kit's spine.

A `Step` holds every fact about a step: its number, key and title, what it captures, how
long it usually takes, the instructions on its screen (what to do, why, the facilitator's
tip, and what participants are asked where that differs), which collections of the
workshop it fills, and what the room (participants) adds there. Everything else that
needs a step fact derives it from here: the rules (which step an entry belongs to, what a
participant may add), the participants' room (which screens it shows), the facilitator's
board (which steps it counts), the instructions on every screen and every "step 5" or
"of 16" a person reads. Screens are found by key through `cxwidgets.widgets.registry`;
this module holds data only and imports nothing of the kit but the language, which
reads its words in the language spoken.
"""

from __future__ import annotations

from dataclasses import dataclass

from cxwidgets.language import _


@dataclass(frozen=True)
class Step:
    """One screen of the wizard and one section of the saved map."""

    number: int
    key: str
    title: str
    #: What the step records, in a few words (docs, reports).
    captures: str
    #: About how long the step takes in a room: the countdown's default.
    minutes: int
    #: What to do, why it matters, and a tip only the facilitator sees.
    what: str
    why: str
    tip: str
    #: What participants are asked to do, where part of `what` is the facilitator's alone.
    what_for_participants: str = ""
    #: Collections of the workshop the step's screen fills (entries belong to this step:
    #: locking the step closes them to participants).
    fills: tuple[str, ...] = ()
    #: Collections participants add to at this step, on their own screen.
    room_adds: tuple[str, ...] = ()
    #: Votes of this kind belong to this step (accuracy votes to the review, dots to
    #: prioritising).
    vote_kind: str = ""
    #: Participants see this step's screen although they add nothing there (the map).
    room_sees: bool = False

    @property
    def label(self) -> str:
        """"Step 4 of 16 · Touchpoints": how a person is told where the room is (in the
        language spoken, as every word of a step: `cxwidgets.language`)."""
        return _("Step {number} of {total} · {title}").format(
            number=self.number, total=TOTAL_STEPS, title=_(self.title))

    @property
    def ref(self) -> str:
        """"step 4 (Touchpoints)": how a sentence points at a step."""
        return _("step {number} ({title})").format(number=self.number, title=_(self.title))

    @property
    def name(self) -> str:
        """The step's title in the language spoken."""
        return _(self.title)

    @property
    def for_room(self) -> bool:
        """Participants have a screen of this step (to add to, or to look at)."""
        return bool(self.room_adds) or self.room_sees


STEPS: tuple[Step, ...] = (
    Step(
        1, 'frame', 'Frame the session',
        captures='title, scope, purpose, participants, dates',
        minutes=10,
        what=('Name the session, say which product or part of the business it covers, pick what '
              'the day is for, and list who is taking part.'),
        why=('A clear frame keeps the room on one journey; people from every function see the same '
             'customer from different sides.'),
        tip=('Read the purpose out loud and leave it on screen: later steps refer back to it. '
             'Check that sales, support, IT, operations and finance are all represented.'),
    ),
    Step(
        2, 'evidence', 'Prepare the evidence',
        captures='feedback sources and their column mapping',
        minutes=10,
        what=('List every body of customer input you have: surveys, interviews, reviews, social '
              'posts, support tickets. Say how many responses each holds and which period it '
              'covers.'),
        why=('A map drawn from what employees believe repeats their blind spots. Real customer '
             'voices tell the room where the journey actually hurts.'),
        tip=('Collect the sources before the day. If a team has no data at all for a stage, note '
             'it: that gap is a finding in itself.'),
        fills=('sources',),
    ),
    Step(
        3, 'persona', 'Define the typical customer',
        captures='persona drafts and the agreed persona',
        minutes=30,
        what=('Each group drafts the typical customer for this journey: who they are, what they '
              'want, what annoys them, which channels they use, something they would say. Then '
              'compare the drafts and agree one persona together.'),
        why=("Walking the journey in one named customer's shoes stops the room from mapping "
             "'everyone', which ends up helping no one. Differences between the drafts show where "
             'the room does not yet share a picture of the customer.'),
        tip=('Give groups 10 minutes to draft, then put the comparison on screen and talk about '
             'the highlighted differences before agreeing. Keep personas grounded in the evidence '
             'from step 2, not in stereotypes.'),
        fills=('personas',),
        room_adds=('personas',),
    ),
    Step(
        4, 'touchpoints', 'Touchpoints',
        captures='every touchpoint with channel and owner',
        minutes=20,
        what=('Add every point where the customer meets the company, digital or physical: say '
              'which channel it uses and which function owns it.'),
        why=('The map is drawn from these. A touchpoint nobody owns is often where the customer '
             'gets stuck.'),
        tip=('Go round the functions one by one; support and operations usually know the '
             'touchpoints nobody else remembers (letters, call-backs, technician visits).'),
        fills=('touchpoints',),
        room_adds=('touchpoints',),
    ),
    Step(
        5, 'timeline', 'Timeline',
        captures='ordered stages with touchpoints placed on them',
        minutes=15,
        what=('Lay out the stages of the journey from first contact to the end (for example '
              'awareness, consideration, purchase, delivery, use, support, renewal), then put each '
              'touchpoint on the stage where it happens.'),
        why=("The timeline is the map's horizontal axis: it shows what comes before what, and "
             'where in the journey the trouble piles up.'),
        tip=("Agree the stages from the customer's side ('I wait for my box'), not from the "
             "company's org chart. Five to eight stages is usually right."),
        fills=('stages',),
    ),
    Step(
        6, 'emotions', 'Emotions',
        captures='how the customer feels at each touchpoint',
        minutes=15,
        what=('For each touchpoint, rate how the customer feels there, from -2 (very bad) to +2 '
              '(very good), and add a word for the feeling (relieved, annoyed, unsure).'),
        why=('The emotion curve shows the highs worth protecting and the lows worth fixing. Where '
             'ratings spread widely, the room sees the journey differently: talk it through.'),
        tip=('Let everyone rate on their own first, then show the curve. Ask the people with the '
             'highest and lowest rating on a wide-spread touchpoint to explain why.'),
        fills=('emotions',),
        room_adds=('emotions',),
    ),
    Step(
        7, 'pains', 'Pain points',
        captures='frustrations tied to touchpoints, with evidence',
        minutes=25,
        what=('Name what frustrates, confuses or slows the customer down, on the touchpoint where '
              'it happens, and add the evidence: a quote, a score, a count.'),
        why=('Pain points are where the map pays off. Evidence keeps the room honest about which '
             'ones are real and how big they are.'),
        tip=('Ask for one pain per sticky note. When nobody can point to evidence, keep the pain '
             'but say it is an assumption to check.'),
        fills=('pain_points',),
        room_adds=('pain_points',),
    ),
    Step(
        8, 'opportunities', 'Opportunities',
        captures='moments to surprise and delight',
        minutes=20,
        what=('Look along the journey for moments where the company could surprise the customer, '
              'take away a pain, or add something they would value.'),
        why=('Fixing pains makes the journey bearable; opportunities make it worth telling friends '
             'about.'),
        tip=("Start from the worst pain points and ask 'what would great look like here?'; then "
             'look at the high points and ask how to make more of them.'),
        fills=('opportunities',),
        room_adds=('opportunities',),
    ),
    Step(
        9, 'backstage', 'Backstage',
        captures='internal processes behind each touchpoint',
        minutes=20,
        what=('For each touchpoint, list the work behind the scenes that makes it happen (billing, '
              'quality checks, stock, IT systems) and the function that owns it.'),
        why=('Customers never see these processes, but most pain points start here. Knowing the '
             'owner tells you who to bring into the fix.'),
        tip=('Let operations, IT and finance lead this step: it is where their knowledge shows. '
             'Look for touchpoints with no process behind them.'),
        fills=('backstage',),
        room_adds=('backstage',),
    ),
    Step(
        10, 'map', 'Draw the map',
        captures='the assembled journey map',
        minutes=10,
        what=('Look at the whole journey at once: stages across, and for each one the touchpoints, '
              'the feeling, the pain points, the opportunities and the work behind the scenes. '
              'Hover over anything to see its evidence.'),
        why=('Seen together, the pieces tell a story no single team sees: where feelings drop, '
             'which pains cluster, which hidden processes sit under the worst moments.'),
        tip=("Give the room two silent minutes with the map before anyone speaks. Then ask 'what "
             "surprises you?' before 'what should we fix?'."),
        room_sees=True,
    ),
    Step(
        11, 'review', 'Review together',
        captures='comments, accuracy votes, accepted changes',
        minutes=20,
        what=('Walk the whole map together. Comment on anything that looks wrong or missing, '
              'propose better wording, and vote whether each element is accurate.'),
        why=('A map the room does not trust will not be used. Reviewing it together turns it from '
             "one group's picture into everyone's."),
        tip=("Walk the map stage by stage from the customer's side. Settle the comments on the "
             'spot: accept, or reject with a reason said out loud.'),
        fills=('comments',),
        room_adds=('comments', 'votes'),
        vote_kind='accuracy',
    ),
    Step(
        12, 'prioritise', 'Prioritise',
        captures='impact, effort and votes per item',
        minutes=20,
        what=('Score each pain point and opportunity for impact on the customer and effort for the '
              'company (1-5), then place your dots on the ones that matter most.'),
        why=('There is never time to fix everything. Dots show what the room cares about; impact '
             'and effort show what is worth doing first.'),
        tip=('Score impact and effort together before the vote, so people vote with the same facts '
             'in mind. Vote silently, then reveal the ranking.'),
        what_for_participants=('Place your dots on the pain points and opportunities that matter '
                               'most to the customer; the ranking updates as the room votes.'),
        room_adds=('votes',),
        vote_kind='dot',
    ),
    Step(
        13, 'actions', 'Action plan',
        captures='actions with owner, due date and status',
        minutes=30,
        what=('Turn the top priorities into actions. Each one answers a pain point or an '
              'opportunity and has one named owner, the function doing the work, a start and a due '
              'date.'),
        why=('Without owners and dates the map stays a poster on a wall. The plan is how the '
             'workshop changes what customers live through.'),
        tip=('Ask for volunteers rather than assigning owners. Keep the first due dates close: '
             'early visible progress keeps the energy of the day alive.'),
        what_for_participants=('Look at the actions the room agreed. Offer to take one on or to '
                               'help with it; the facilitator confirms owners.'),
        fills=('actions', 'volunteers'),
        room_adds=('volunteers',),
    ),
    Step(
        14, 'versions', 'Keep it alive',
        captures='versions of the map over time',
        minutes=10,
        what=('Save the map as a named version: the as-is map of today, a to-be map of how it '
              'should become, a dated review. Then compare any two versions.'),
        why=('Journeys change as the company changes. A map revisited on a rhythm stays true; '
             'comparing versions shows whether the actions made a difference.'),
        tip=('Save an as-is version before the room starts redesigning. Agree today when the next '
             'review is and who calls it.'),
        fills=('rounds',),
    ),
    Step(
        15, 'goals', 'Align with goals',
        captures='company goals linked to actions',
        minutes=15,
        what=("Write down the company's vision and goals, each with the number that shows "
              'progress, then link every action and opportunity to the goals it serves.'),
        why=('Work that serves no goal loses its budget at the first squeeze; a goal nobody works '
             'on is only a slogan. Linking them shows both gaps.'),
        tip=('Bring the goals from the strategy document rather than inventing new ones in the '
             'room. Challenge any action that cannot be linked to a goal.'),
        fills=('goals',),
    ),
    Step(
        16, 'share', 'Make it readable and share it',
        captures='exports of the map',
        minutes=5,
        what=('Export the map as an image for slides, a drawing for print, or a web page that '
              'opens anywhere without internet, and send it to everyone who took part.'),
        why=('A map only changes things when people see it. Put it where the teams work, not in a '
             'folder nobody opens.'),
        tip=('Print the web page on A3 for the team rooms. Send the action plan with it, and the '
             'date of the next review.'),
    ),
)

TOTAL_STEPS = len(STEPS)
#: What participants may add at any step, outside the 16 steps' own screens: their
#: self-assessment (the customer-orientation diagnosis) and mindset reflections.
ANY_TIME_ROOM_ADDS = ("diagnosis", "reflections")
#: Everything a participant may add somewhere; anything else is the facilitator's.
ROOM_ADDS = frozenset({c for s in STEPS for c in s.room_adds} | set(ANY_TIME_ROOM_ADDS))
#: The steps where participants add something (the board counts their entries).
ROOM_INPUT_STEPS = tuple(s.key for s in STEPS if s.room_adds)


def step(key_or_number: str | int) -> Step:
    """Look a step up by key ("touchpoints") or number (4, or "4" as typed)."""
    if isinstance(key_or_number, str) and key_or_number.strip().isdigit():
        key_or_number = int(key_or_number)
    for s in STEPS:
        if key_or_number in (s.key, s.number):
            return s
    known = ", ".join(s.key for s in STEPS)
    raise KeyError(f"no step {key_or_number!r}; known steps: {known}")


def step_of(collection: str, vote_kind: str = "dot") -> Step | None:
    """The step an entry belongs to: the one whose screen fills its collection (votes by
    their kind). None for entries no step owns (participants, diagnosis answers ...)."""
    if collection == "votes":
        return next((s for s in STEPS if s.vote_kind == vote_kind), None)
    return next((s for s in STEPS if collection in s.fills), None)
