"""Colours and icons of the journey map: colour-blind-safe, one place for every chart.

Channel and owner colours start from the Okabe-Ito palette and go on with Paul Tol's
muted and dark colours, which stay apart for the common kinds of colour blindness; the
map also tells channels apart by icon, so no reading depends on colour alone. The
sentiment scheme is diverging (red-orange for bad moments, blue for good ones) with a grey
middle. Icons are SVG paths drawn in a -1..1 box, the form Vega-Lite's `shape` scale takes
in its range; they are drawn as outlines (the map sets `filled=False`).
"""

from __future__ import annotations

from cxwidgets.language import N_
from cxwidgets.method.model import Channel, Function

#: Okabe-Ito and Tol colours, without pale yellow (too faint for thin lines on white).
#: Every two stay at least `MIN_APART` apart (CAM02-UCS) for normal sight and for full
#: protanopia, deuteranopia and tritanopia (tests/charts/test_palette.py simulates them):
#: Tol's rose and a dark brown replaced a purple and an olive that protanopes could not
#: tell from the vermillion.
CHANNEL_COLOURS: dict[Channel, str] = {
    Channel.web: "#0072B2",
    Channel.mobile_app: "#56B4E9",
    Channel.email: "#009E73",
    Channel.chat: "#CC79A7",
    Channel.social: "#994455",
    Channel.phone: "#E69F00",
    Channel.store: "#D55E00",
    Channel.in_person: "#882255",
    Channel.mail: "#663333",
    Channel.partner: "#332288",
    Channel.other: "#777777",
}

#: The least distance (CAM02-UCS, about 1 is just noticeable) between any two colours of
#: a categorical scale, for every kind of sight checked.
MIN_APART = 8.0

OWNER_COLOURS: dict[Function, str] = {
    Function.sales: "#E69F00",
    Function.support: "#56B4E9",
    Function.it: "#0072B2",
    Function.operations: "#009E73",
    Function.finance: "#663333",
    Function.product: "#CC79A7",
    Function.marketing: "#D55E00",
    Function.hr: "#882255",
    Function.legal: "#332288",
    Function.leadership: "#994455",
    Function.unknown: "#BBBBBB",
    Function.other: "#777777",
}

#: Feeling bands from very negative (-2) to very positive (+2), and their colours.
SENTIMENT_LEVELS = (N_("Very negative"), N_("Negative"), N_("Neutral"), N_("Positive"),
                    N_("Very positive"))
SENTIMENT_COLOURS = ("#B2182B", "#EF8A62", "#9A9A9A", "#67A9CF", "#2166AC")
#: Scores at the middle of each band, for a continuous scale through the same colours.
SENTIMENT_STOPS = (-2, -1, 0, 1, 2)
NOT_RATED = N_("Not rated yet")
NOT_RATED_COLOUR = "#C8CCD2"


def sentiment_level(mean: float | None) -> str:
    """The band a mean feeling falls in (the nearest whole score), or "not rated yet"."""
    if mean is None:
        return NOT_RATED
    strength = 0 if abs(mean) < 0.5 else (1 if abs(mean) < 1.5 else 2)  # halves round out
    return SENTIMENT_LEVELS[2 + strength if mean > 0 else 2 - strength]


# Icons: outlines in a -1..1 box (y grows downwards, as in SVG). Shapes are closed with an
# explicit line back to their start: Vega drops a "Z" that a new "M" follows.
_CIRCLE = "M-1,0A1,1 0 1,0 1,0A1,1 0 1,0 -1,0Z"

CHANNEL_ICONS: dict[Channel, str] = {
    # a globe: outline, one meridian, the equator
    Channel.web: _CIRCLE + "M-0.42,0A0.42,1 0 1,0 0.42,0A0.42,1 0 1,0 -0.42,0ZM-1,0L1,0",
    # a smartphone with its home bar
    Channel.mobile_app: "M-0.55,-1L0.55,-1L0.55,1L-0.55,1L-0.55,-1M-0.2,0.72L0.2,0.72",
    # an envelope with its flap
    Channel.email: "M-1,-0.7L1,-0.7L1,0.7L-1,0.7L-1,-0.7M-1,-0.7L0,0.15L1,-0.7",
    # a speech bubble
    Channel.chat: ("M-1,-0.85L1,-0.85L1,0.45L-0.2,0.45L-0.75,0.95L-0.75,0.45"
                   "L-1,0.45L-1,-0.85"),
    # a hash sign
    Channel.social: ("M-0.3,-1L-0.55,1M0.5,-1L0.25,1M-0.95,-0.35L0.95,-0.35"
                     "M-0.95,0.35L0.95,0.35"),
    # a telephone handset
    Channel.phone: ("M-0.62,-0.95L-0.28,-0.55Q-0.18,-0.38 -0.33,-0.22L-0.42,-0.12"
                    "Q-0.2,0.25 0.12,0.42L0.22,0.33Q0.38,0.18 0.55,0.28L0.95,0.62"
                    "Q0.72,1 0.4,0.95Q-0.3,0.8 -0.8,0.1Q-1.1,-0.5 -0.62,-0.95Z"),
    # a shop front: awning, walls, door
    Channel.store: "M-1,-0.25L-0.8,-0.95L0.8,-0.95L1,-0.25L-1,-0.25M-0.85,-0.25L-0.85,0.95"
                   "L0.85,0.95L0.85,-0.25M-0.25,0.95L-0.25,0.3L0.25,0.3L0.25,0.95",
    # a person: head and shoulders
    Channel.in_person: "M0,-1A0.42,0.42 0 1,0 0,-0.16A0.42,0.42 0 1,0 0,-1Z"
                       "M-0.9,1Q-0.9,0.05 0,0.05Q0.9,0.05 0.9,1L-0.9,1",
    # a parcel
    Channel.mail: "M-0.9,-0.5L0,-0.95L0.9,-0.5L0.9,0.5L0,0.95L-0.9,0.5L-0.9,-0.5"
                  "M-0.9,-0.5L0,-0.05L0.9,-0.5M0,-0.05L0,0.95",
    # two linked rings
    Channel.partner: "M-1,0A0.55,0.55 0 1,0 0.1,0A0.55,0.55 0 1,0 -1,0Z"
                     "M-0.1,0A0.55,0.55 0 1,0 1,0A0.55,0.55 0 1,0 -0.1,0Z",
    # a diamond
    Channel.other: "M0,-1L1,0L0,1L-1,0L0,-1",
}

#: Fixed colours of the lanes that are not colour-coded.
#: What customers said (validation rounds): orange, apart from the room's ink and the
#: sentiment scale's reds and blues.
CUSTOMERS = "#D55E00"
INK = "#1F2430"
MUTED = "#5B6270"
FAINT = "#8A919E"
CARD = "#FFFFFF"
CARD_EDGE = "#C9CED6"
STRIPE = "#F1F3F6"
HEADER = "#26324A"
PAIN = "#D55E00"
PAIN_TINT = "#FCEBE1"
OPPORTUNITY = "#009E73"
#: Words on an opportunity card (its dots): the green, dark enough to read on the tint.
OPPORTUNITY_INK = "#00684C"
OPPORTUNITY_TINT = "#E1F4EE"
QUOTE_TINT = "#FFF7DB"
QUOTE_EDGE = "#E6C35C"
BACKSTAGE_TINT = "#EEF0F4"
