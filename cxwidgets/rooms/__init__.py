"""Many rooms, one journey: several workshops of the same journey merged into one consensus map.

A large company maps one journey in several rooms (regions, branches, one room per
function). `match` suggests which stages, touchpoints and personas of the rooms are the
same (and applies the facilitator's accept / split / rename / join decisions),
`consensus` builds the merged workshop from the matches, `disagreements` lists where the
rooms do not agree. These three are pure functions of the model and the method's pure
modules (model, journey, moderation, priorities): no store, widgets, charts or exports, and
they return data, never HTML. `merge` (stores and JSON files) and `command` (the
`cxwidgets merge` command) sit on top of them.
"""

from cxwidgets.rooms.consensus import build_consensus
from cxwidgets.rooms.disagreements import Disagreements, disagreements
from cxwidgets.rooms.match import Decision, Matching, match, rooms_of

#: Modules: the three pure ones above, and what sits on top of them.
_MODULES = ("command", "consensus", "merge")
__all__ = ["Decision", "Disagreements", "Matching", "build_consensus", "disagreements",
           "match", "rooms_of", *_MODULES]
