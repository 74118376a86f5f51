"""Generate sample_data/feedback.csv: fictional customer feedback for workshops and reports.

The company is "Kestrel Connect", a made-up provider of mobile plans, home broadband and a
TV bundle. Every sentence is invented. The four segments are given deliberately different
habits (which touchpoints they use, what they think of them) so that per-segment reports
built from this file tell different stories.

Run `python sample_data/make_feedback.py`; the fixed seed makes the CSV identical byte for
byte on every run, so the committed file can be checked against this script.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd

SEED = 20251123
N_ROWS = 3000
OUT = Path(__file__).with_name("feedback.csv")

SEGMENTS = ("students", "families", "small_business", "retirees")
SEGMENT_SHARE = (0.36, 0.30, 0.14, 0.20)
PRODUCTS = ("mobile_plan", "home_broadband", "tv_bundle")
PRODUCT_SHARE = {
    "students": (0.70, 0.25, 0.05),
    "families": (0.30, 0.40, 0.30),
    "small_business": (0.45, 0.50, 0.05),
    "retirees": (0.30, 0.35, 0.35),
}
PRODUCT_OFFSET = {"mobile_plan": 0.15, "home_broadband": -0.1, "tv_bundle": 0.0}
DEVICE = {"mobile_plan": "SIM card", "home_broadband": "router", "tv_bundle": "TV box"}

SOURCES = ("survey", "interview", "review", "social", "support_log")
SOURCE_SHARE = {
    "students": (0.30, 0.05, 0.25, 0.30, 0.10),
    "families": (0.35, 0.10, 0.25, 0.10, 0.20),
    "small_business": (0.30, 0.15, 0.15, 0.05, 0.35),
    "retirees": (0.40, 0.25, 0.10, 0.02, 0.23),
}

# touchpoint -> (stage, channels it is met through, base score on a 1-5 scale)
TOUCHPOINTS: dict[str, tuple[str, tuple[str, ...], float]] = {
    "social media ad": ("awareness", ("social",), 3.4),
    "comparison website": ("awareness", ("web",), 3.6),
    "plan pages": ("consideration", ("web", "mobile_app"), 3.5),
    "store advice": ("consideration", ("store",), 3.9),
    "online checkout": ("purchase", ("web", "mobile_app"), 3.8),
    "credit check": ("purchase", ("web", "phone", "store"), 3.0),
    "device delivery": ("delivery", ("courier", "email"), 3.7),
    "engineer visit": ("delivery", ("home_visit", "phone"), 3.1),
    "mobile app": ("use", ("mobile_app",), 3.7),
    "monthly bill": ("use", ("email", "web", "mobile_app"), 3.0),
    "help line": ("support", ("phone",), 2.8),
    "live chat": ("support", ("chat", "mobile_app"), 3.4),
    "renewal offer": ("renewal", ("email", "phone"), 3.1),
    "cancellation": ("renewal", ("phone", "chat", "store"), 2.6),
}
NAMES = tuple(TOUCHPOINTS)

# How often each segment meets each touchpoint (relative weights, 1.0 = typical).
USAGE = {
    "students": {
        "social media ad": 2.5,
        "mobile app": 2.5,
        "live chat": 2.0,
        "store advice": 0.3,
        "help line": 0.4,
        "engineer visit": 0.3,
    },
    "families": {
        "monthly bill": 2.0,
        "engineer visit": 1.5,
        "device delivery": 1.5,
        "renewal offer": 1.5,
        "social media ad": 0.6,
    },
    "small_business": {
        "help line": 2.5,
        "engineer visit": 2.0,
        "renewal offer": 1.8,
        "credit check": 1.5,
        "social media ad": 0.3,
        "mobile app": 0.6,
    },
    "retirees": {
        "store advice": 3.0,
        "help line": 2.0,
        "monthly bill": 1.5,
        "mobile app": 0.4,
        "social media ad": 0.2,
        "live chat": 0.3,
        "online checkout": 0.5,
    },
}
# How much better (+) or worse (-) each segment rates a touchpoint than the base score.
OPINION = {
    "students": {
        "mobile app": 0.9,
        "online checkout": 0.6,
        "credit check": -1.3,
        "monthly bill": -0.5,
        "social media ad": 0.4,
        "live chat": 0.5,
    },
    "families": {
        "monthly bill": -1.0,
        "engineer visit": -0.6,
        "device delivery": -0.7,
        "renewal offer": 0.6,
        "store advice": 0.3,
    },
    "small_business": {
        "help line": -0.9,
        "engineer visit": -1.2,
        "renewal offer": -0.8,
        "credit check": -0.4,
        "live chat": 0.4,
        "monthly bill": 0.5,
    },
    "retirees": {
        "mobile app": -1.4,
        "online checkout": -1.0,
        "store advice": 0.9,
        "help line": 0.8,
        "plan pages": -0.6,
        "cancellation": -0.4,
    },
}

# touchpoint -> (negative, mixed, positive) sentences; {device} names the product's kit.
PHRASES: dict[str, tuple[tuple[str, ...], tuple[str, ...], tuple[str, ...]]] = {
    "social media ad": (
        (
            "The ad promised a price I could never find on the site.",
            "Saw the same ad twenty times a day, it got irritating.",
            "The offer in the ad had small print that changed everything.",
        ),
        (
            "The ad was fine, nothing that stood out.",
            "Noticed the ad but it did not say much about coverage.",
        ),
        (
            "Funny ad, it is the reason I looked you up.",
            "The ad was clear about the price, which I liked.",
        ),
    ),
    "comparison website": (
        (
            "The comparison site listed a deal that no longer existed.",
            "Your price on the comparison site left out the setup fee.",
        ),
        (
            "You were in the middle of the list, hard to tell apart.",
            "Comparison site was okay but details were thin.",
        ),
        (
            "Came out cheapest on the comparison site for my area.",
            "The comparison site showed your speeds honestly.",
        ),
    ),
    "plan pages": (
        (
            "Could not work out which plan I needed from the pages.",
            "Too many plans with tiny differences, very confusing.",
            "The plan page hid the contract length at the bottom.",
        ),
        ("Plan pages were readable but long.", "Found what I needed after some scrolling."),
        ("The plan pages made the choice easy.", "Liked the simple table comparing the plans."),
    ),
    "store advice": (
        (
            "The store staff pushed the most expensive plan.",
            "Waited forty minutes in the shop to talk to someone.",
        ),
        (
            "The shop was busy but the advice was okay.",
            "Staff were friendly but unsure about the business plans.",
        ),
        (
            "The lady in the store took her time and explained everything.",
            "Great advice in store, I left knowing exactly what I bought.",
            "Staff in the shop set everything up for me.",
        ),
    ),
    "online checkout": (
        (
            "Checkout crashed twice before the order went through.",
            "The payment page rejected my card for no reason.",
            "Too many forms at checkout, I nearly gave up.",
        ),
        ("Checkout worked, if a bit slow.", "Ordering online was fine once I made an account."),
        (
            "Ordered in two minutes, very smooth.",
            "Checkout was quick and the confirmation came straight away.",
        ),
    ),
    "credit check": (
        (
            "Failed the credit check with no explanation.",
            "The credit check asked for documents I do not have.",
            "Had to wait three days for the credit check result.",
        ),
        (
            "The credit check took a while but passed.",
            "Not sure why a credit check is needed, but it was quick.",
        ),
        ("Credit check was instant, no fuss.", "They explained the credit check clearly up front."),
    ),
    "device delivery": (
        (
            "My {device} arrived a week late.",
            "The courier left my {device} at the wrong address.",
            "The {device} came in a damaged box and did not work.",
        ),
        (
            "The {device} arrived on the second attempt.",
            "Delivery was fine but nobody told me when it would come.",
        ),
        (
            "The {device} arrived the next day.",
            "Tracking for the {device} was accurate to the hour.",
        ),
    ),
    "engineer visit": (
        (
            "The engineer never showed up and nobody called.",
            "Took a day off work for an engineer who came at 6pm.",
            "The engineer visit was rebooked three times.",
        ),
        (
            "The engineer came late but fixed it.",
            "Installation worked, though the cables are a mess.",
        ),
        (
            "The engineer was on time and tidy.",
            "Installer explained the setup and tested every room.",
        ),
    ),
    "mobile app": (
        (
            "The app keeps logging me out.",
            "Text in the app is far too small to read.",
            "Cannot find my usage anywhere in the app.",
        ),
        ("The app does the basics.", "App is okay but slow to load."),
        (
            "The app is great, I can see my data use at a glance.",
            "Love that I can top up in the app in seconds.",
            "The app makes changing my plan easy.",
        ),
    ),
    "monthly bill": (
        (
            "The bill went up without any warning.",
            "I was charged for extras I never ordered.",
            "The bill is impossible to understand.",
        ),
        (
            "The bill is correct but hard to read.",
            "Bill is fine, would like it a few days earlier.",
        ),
        (
            "The bill is clear and always the same amount.",
            "Easy to download the invoices for my accounts.",
        ),
    ),
    "help line": (
        (
            "Waited over an hour on the help line.",
            "Got passed between four departments on the phone.",
            "The help line hung up on me after thirty minutes.",
        ),
        (
            "Got through eventually and they sorted it.",
            "The agent was polite but the wait was long.",
        ),
        (
            "The agent on the phone was patient and fixed it first time.",
            "Someone answered quickly and spoke clearly.",
            "Very helpful person on the help line.",
        ),
    ),
    "live chat": (
        ("The chat bot went round in circles.", "Chat closed before my problem was solved."),
        ("Chat helped, but I had to repeat myself.", "The chat agent was slow to reply."),
        ("Sorted my problem on chat in five minutes.", "The chat agent knew exactly what to do."),
    ),
    "renewal offer": (
        (
            "The renewal price was much higher than for new customers.",
            "No renewal offer at all, just a price rise.",
            "Loyal for years and the renewal deal was an insult.",
        ),
        ("The renewal offer was average.", "Had to ask twice before I got a decent renewal price."),
        (
            "Got a fair renewal offer without having to haggle.",
            "The renewal email was clear and the price went down.",
        ),
    ),
    "cancellation": (
        (
            "Cancelling took five calls and a complaint.",
            "They kept trying to sell me things while I was cancelling.",
            "Still billed two months after I cancelled.",
        ),
        (
            "Cancelling was possible but slow.",
            "Got a retention offer I did not want, then it was done.",
        ),
        (
            "Cancellation was quick and the final bill was right.",
            "Moving abroad, they cancelled with no fee.",
        ),
    ),
}
OPENERS = {
    "students": ("As a student, ", "On a student budget, ", "", "", ""),
    "families": ("With kids at home, ", "For our family, ", "", "", ""),
    "small_business": ("For my shop, ", "Running a small business, ", "", "", ""),
    "retirees": ("At my age, ", "As a pensioner, ", "", "", ""),
}
CLOSERS = (
    (" Thinking of switching.", " Very disappointed.", " Please fix this.", "", ""),
    (" Could be better.", "", "", ""),
    (" Would recommend.", " Thank you!", " Keep it up.", "", ""),
)
SOURCE_PREFIX = {"social": "@KestrelConnect ", "support_log": "Customer said: "}


def _weights(segment: str, product: str) -> np.ndarray:
    """Touchpoint probabilities for one segment and product (no engineer for mobile)."""
    usage = USAGE[segment]
    w = np.array([usage.get(name, 1.0) for name in NAMES])
    if product == "mobile_plan":
        w[NAMES.index("engineer visit")] = 0.0
    return w / w.sum()


def _dates(rng: np.random.Generator, segments: np.ndarray) -> list[str]:
    """ISO dates across 2025; students cluster around the start of the academic year."""
    day = rng.integers(0, 365, size=len(segments))
    term = rng.integers(220, 290, size=len(segments))  # mid-August to mid-October
    use_term = (segments == "students") & (rng.random(len(segments)) < 0.4)
    day = np.where(use_term, term, day)
    start = pd.Timestamp("2025-01-01")
    return [(start + pd.Timedelta(days=int(d))).date().isoformat() for d in day]


def _text(
    rng: np.random.Generator, segment: str, source: str, touchpoint: str, product: str, score: int
) -> str:
    """One short feedback sentence whose tone follows the score."""
    tone = 0 if score <= 2 else (1 if score == 3 else 2)
    options = PHRASES[touchpoint][tone]
    body = options[rng.integers(len(options))].format(device=DEVICE[product])
    opener = OPENERS[segment][rng.integers(len(OPENERS[segment]))]
    if opener:
        keep_capital = body.startswith(("I ", "I'"))
        body = opener + (body if keep_capital else body[0].lower() + body[1:])
    closer = CLOSERS[tone][rng.integers(len(CLOSERS[tone]))]
    return SOURCE_PREFIX.get(source, "") + body + closer


def make_feedback(seed: int = SEED, n_rows: int = N_ROWS) -> pd.DataFrame:
    """Build the feedback table; pure function of the seed."""
    rng = np.random.default_rng(seed)
    segments = rng.choice(SEGMENTS, size=n_rows, p=SEGMENT_SHARE)
    rows = []
    for segment in segments:
        product = PRODUCTS[rng.choice(3, p=PRODUCT_SHARE[segment])]
        source = SOURCES[rng.choice(5, p=SOURCE_SHARE[segment])]
        touchpoint = NAMES[rng.choice(len(NAMES), p=_weights(segment, product))]
        stage, channels, base = TOUCHPOINTS[touchpoint]
        channel = channels[rng.integers(len(channels))]
        latent = base + OPINION[segment].get(touchpoint, 0.0) + PRODUCT_OFFSET[product]
        score = int(np.clip(np.rint(latent + rng.normal(0.0, 0.9)), 1, 5))
        text = _text(rng, segment, source, touchpoint, product, score)
        rows.append((source, channel, stage, touchpoint, segment, product, score, text))
    df = pd.DataFrame(
        rows,
        columns=["source", "channel", "stage", "touchpoint", "segment", "product", "score", "text"],
    )
    df.insert(0, "date", _dates(rng, segments))
    df = df.sort_values(["date"], kind="stable").reset_index(drop=True)
    df.insert(0, "id", np.arange(1, n_rows + 1))
    return df


def main() -> None:
    """Write the CSV next to this script with fixed formatting (LF line ends, UTF-8)."""
    df = make_feedback()
    df.to_csv(OUT, index=False, lineterminator="\n", encoding="utf-8")
    print(f"wrote {len(df)} rows to {OUT} ({OUT.stat().st_size / 1024:.0f} KB)")


if __name__ == "__main__":
    main()
