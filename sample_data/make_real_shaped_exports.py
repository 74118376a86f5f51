"""Write four feedback exports shaped like the public ones analysts really bring.

Not copies of any public file: every row and every sentence is made up here, with a
fixed seed, so the files are the same on every run. What is copied is the *shape*, with
the traps that made a guessed column mapping go wrong on the real thing:

* `airline_reviews.csv` (a review site's scrape of one airline): CamelCase headers, a
  1-10 `OverallRating`, a yes/no `Recommended`, seven 1-5 per-touchpoint columns with
  many blanks whose names hold no score word (`CabinStaffService` holds "service"), a
  title and a body, dates such as "19th November 2023", a verified flag, three rows
  scraped twice.
* `airline_tweets.csv` (posts about six airlines, labelled by people): a sentiment
  label column and the labellers' confidence (0.33-1) beside it, a reason for negative
  posts, the airlines' handles in the text (one, `@liberty`, is a word the text model
  reads as positive), hashtags and links, a tweet id that repeats on re-fetched posts.
* `consumer_complaints.csv` (complaints about one bank, as a regulator publishes them):
  the customer's narrative, empty on about three rows in four, beside the company's
  public response (eight canned sentences); "Submitted via" channels; the company's
  name on every row; multi-value tags ("Older American, Servicemember").
* `product_reviews.tsv` (a shop's reviews of one smart speaker): tab-separated, a 1-5
  rating, dates such as "31-Jul-18", a variant column, short texts that many customers
  write the same day ("Love it!"), a 1/0 `feedback` column that repeats the rating, a
  few rows scraped twice and no id.

Each generator returns a frame; `write_all` writes the four files. What a careful
analyst reads from them is checked in tests/evidence/test_real_shaped_exports.py.

Run: python sample_data/make_real_shaped_exports.py OUT_DIR
"""

from __future__ import annotations

import argparse
import datetime as dt
from pathlib import Path

import numpy as np
import pandas as pd

SEED = 20261124
FILES = {"airline_reviews": "airline_reviews.csv", "airline_tweets": "airline_tweets.csv",
         "consumer_complaints": "consumer_complaints.csv",
         "product_reviews": "product_reviews.tsv"}


def _pick(rng: np.random.Generator, options: list[str] | tuple[str, ...]) -> str:
    return str(options[int(rng.integers(len(options)))])


def _weighted(rng: np.random.Generator, weights: dict, size: int) -> np.ndarray:
    keys = list(weights)
    p = np.array([weights[k] for k in keys], dtype=float)
    return np.array(keys, dtype=object)[rng.choice(len(keys), size=size, p=p / p.sum())]


def _ordinal(day: int) -> str:
    suffix = "th" if 11 <= day <= 13 else {1: "st", 2: "nd", 3: "rd"}.get(day % 10, "th")
    return f"{day}{suffix}"


# -- airline reviews ---------------------------------------------------------------------

AIRLINE = "Skyward Airways"
#: Per-touchpoint columns: (header, share of blanks, what a low/mid/high score sounds like).
ASPECTS = {
    "SeatComfort": (0.04, ("The seat was cramped and the legroom was a joke.",
                           "The seat was fine for a short hop.",
                           "Seat was comfortable with plenty of legroom.")),
    "CabinStaffService": (0.04, ("Cabin crew were rude and disappeared after take-off.",
                                 "Crew did their job, nothing more.",
                                 "The cabin crew were warm, attentive and professional.")),
    "GroundService": (0.18, ("Check-in took over an hour with two desks open.",
                             "Boarding was the usual scrum.",
                             "Check-in and boarding were quick and well organised.")),
    "ValueForMoney": (0.01, ("Far too expensive for what you get.",
                             "The fare was about what others charge.",
                             "Good value for the price we paid.")),
    "Food&Beverages": (0.27, ("The meal was inedible and they ran out of drinks.",
                              "Food was edible, drinks were limited.",
                              "The food was tasty and the wine list surprisingly good.")),
    "InflightEntertainment": (0.42, ("The screen did not work for the whole flight.",
                                     "A small choice of films on a small screen.",
                                     "Great selection of films and a big, sharp screen.")),
    "Wifi&Connectivity": (0.78, ("Wifi was paid for and never connected.",
                                 "Wifi worked on and off.",
                                 "Wifi was fast enough to work the whole way.")),
}
TITLES = {
    "low": ("Never again", "Service was mediocre", "Avoid if you can", "Shambolic from start "
            "to finish", "Not worth the money", "A really poor experience", "Disappointing",
            "Worst flight in years", "Chaotic and rude"),
    "mid": ("Average at best", "Decent but overpriced", "OK flight, poor food", "Mixed bag",
            "Nothing special", "Fine for the price"),
    "high": ("Excellent service", "Great flight", "Very pleasant experience", "Would fly "
             "again", "Superb crew", "Smooth and comfortable", "Faultless"),
}
CLOSINGS = {
    "low": ("I will not fly Skyward again.", "Avoid this airline.", "Complete waste of money.",
            "Shocking service from a so-called premium airline."),
    "mid": ("Not bad, not great.", "It got us there, that is all.",
            "Some things good, some bad."),
    "high": ("Would happily fly with them again.", "Highly recommended.",
             "Well done Skyward, a lovely trip."),
}
ROUTES = ("London to Madrid", "Heathrow to New York", "London to Singapore", "Gatwick to "
          "Rome", "Manchester to London", "London to Cape Town", "Edinburgh to London",
          "London to Dubai", "Heathrow to Boston", "London to Geneva", "Glasgow to London")
FIRST = ("James", "Anna", "Peter", "Maria", "David", "Sophie", "Robert", "Laura", "Michael",
         "Helen", "Tom", "Priya", "Omar", "Grace", "Ken", "Ingrid", "Luis", "Chloe")
LAST = ("Smith", "Jones", "Taylor", "Brown", "Wilson", "Evans", "Patel", "Khan", "Murphy",
        "Clarke", "Lee", "Martin", "Garcia", "Novak", "Berg", "Okafor", "Rossi")


def _mood(rating: float) -> str:
    if rating != rating or 4 <= rating <= 7:
        return "mid"
    return "low" if rating <= 3 else "high"


def _aspect_score(rng: np.random.Generator, rating: float) -> int:
    base = 3.0 if rating != rating else 1 + (rating - 1) / 9 * 4
    return int(np.clip(round(base + rng.normal(0, 0.8)), 1, 5))


def airline_reviews(seed: int = SEED, rows: int = 3_698, twice: int = 3) -> pd.DataFrame:
    """One airline's reviews from a review site; `twice` rows appear a second time."""
    rng = np.random.default_rng(seed)
    ratings = _weighted(rng, {1: .22, 2: .13, 3: .08, 4: .06, 5: .06, 6: .05, 7: .08,
                              8: .11, 9: .10, 10: .11}, rows).astype(float)
    ratings[rng.choice(rows, 6, replace=False)] = np.nan  # a few reviews without a rating
    start = dt.date(2016, 1, 1)
    records = []
    for k in range(rows):
        r = ratings[k]
        mood = _mood(r)
        written = start + dt.timedelta(days=int(rng.integers(0, 2900)))
        flown = written - dt.timedelta(days=int(rng.integers(3, 60)))
        scores = {c: (np.nan if rng.random() < blank else _aspect_score(rng, r))
                  for c, (blank, _) in ASPECTS.items()}
        said = [c for c in ASPECTS if scores[c] == scores[c]]
        talk = [said[i] for i in rng.permutation(len(said))[: int(rng.integers(2, 5))]]
        seat = _pick(rng, ("Economy Class",) * 5 + ("Business Class",) * 3
                     + ("Premium Economy",) + ("First Class",))
        route = _pick(rng, ROUTES)
        body = [f"{route} in {seat.lower()}."]
        body += [ASPECTS[c][1][0 if scores[c] <= 2 else 1 if scores[c] == 3 else 2]
                 for c in talk]
        body.append(_pick(rng, CLOSINGS[mood]))
        verified = rng.random() < 0.75
        recommended = (rng.random() < 0.93) if r >= 6 else (rng.random() < 0.05)
        records.append({
            "OverallRating": "" if r != r else str(int(r)),
            "ReviewTitle": f'"{_pick(rng, TITLES[mood])}"',
            "Reviewer": f"{_pick(rng, FIRST)} {_pick(rng, LAST)}",
            "ReviewDate": f"{_ordinal(written.day)} {written:%B %Y}",
            "Verified": "True" if verified else "False",
            "ReviewText": ("✅ Trip Verified | " if verified else "Not Verified | ")
            + " ".join(body),
            "TravellerType": "" if rng.random() < 0.08 else _pick(
                rng, ("Solo Leisure", "Couple Leisure", "Family Leisure", "Business")),
            "SeatType": seat,
            "Route": route,
            "DateFlown": f"{flown:%B %Y}",
            **{c: "" if v != v else str(v) for c, v in scores.items()},
            "Recommended": "yes" if recommended else "no",
            "Aircraft": "" if rng.random() < 0.4 else _pick(
                rng, ("A320", "A321", "A350", "Boeing 777-200", "Boeing 787-9", "A380")),
        })
    frame = pd.DataFrame.from_records(records)
    again = frame.iloc[rng.choice(rows, twice, replace=False)]
    return pd.concat([frame, again], ignore_index=True)


# -- airline tweets ----------------------------------------------------------------------

#: airline -> (handle, share of posts, share of negative labels among them)
AIRLINES = {"Liberty": ("@liberty", .26, .69), "Pacific Jet": ("@PacificJet", .20, .49),
            "Coastal": ("@CoastalAirways", .19, .71), "Northwind": ("@NorthwindAir", .17, .78),
            "Bluebird": ("@flybluebird", .15, .43), "Harmony": ("@HarmonyAir", .03, .36)}
REASONS = {
    "Late Flight": ("{h} my flight was delayed {n} hours",
                    "{h} {n} hour delay and not a single update. thanks a lot",
                    "{h} still sitting at the gate in {c}, great start to the weekend",
                    "{h} {f} late again. every single time #fail",
                    "{h} why is {f} showing delayed AGAIN?"),
    "Customer Service Issue": ("{h} been on hold for {n}0 minutes",
                               "{h} your agents could not care less",
                               "{h} nobody at the desk in {c} can help me. #customerservice",
                               "{h} thanks for nothing, best customer service ever",
                               "{h} please call me back, I have been waiting since yesterday"),
    "Lost Luggage": ("{h} lost my bag again", "{h} where is my luggage? {n} days now",
                     "{h} my bag went to {c} and I did not",
                     "{h} love how my suitcase is still missing {url}"),
    "Cancelled Flight": ("{h} cancelled my flight and rebooked me for tomorrow",
                         "{h} {f} cancelled with no reason given",
                         "{h} cancelled AGAIN. great job guys"),
    "Bad Flight": ("{h} seat would not recline and the cabin was freezing",
                   "{h} worst flight ever, broken seats and no water"),
    "Flight Booking Problems": ("{h} your website will not let me pay {url}",
                                "{h} booked twice and charged twice, help please"),
    "Flight Attendant Complaints": ("{h} the flight attendant on {f} was so rude",),
    "Damaged Luggage": ("{h} my suitcase came back with a broken handle",),
    "longlines": ("{h} {n}0 people in the check-in line at {c} and one desk open",),
    "Can't Tell": ("{h} really?", "{h} unbelievable. just unbelievable"),
}
REASON_WEIGHTS = {"Customer Service Issue": .32, "Late Flight": .2, "Can't Tell": .13,
                  "Cancelled Flight": .09, "Lost Luggage": .08, "Bad Flight": .06,
                  "Flight Booking Problems": .06, "longlines": .02,
                  "Flight Attendant Complaints": .03, "Damaged Luggage": .01}
NEUTRAL = ("{h} what time does the {c} lounge open?", "{h} is there wifi on {f}?",
           "{h} can I bring my dog on board", "{h} is {f} to {c} on time today?",
           "{h} do you fly to {c} in the summer?", "{h} DM sent about my booking",
           "{h} how do I add my frequent flyer number {url}",
           "{h} please follow back so I can DM you")
POSITIVE = ("{h} thanks for the upgrade!", "{h} great crew on the flight to {c} today",
            "{h} love the new seats", "{h} you guys rock #happytraveler",
            "{h} landed early in {c}, nice job", "{h} thank you for finding my bag so fast",
            "{h} best flight I have had in ages {url}")
CITIES = ("Denver", "Boston", "Chicago", "Newark", "Dallas", "Houston", "LAX", "SFO",
          "Atlanta", "Miami", "Phoenix", "Seattle")
ZONES = ("Eastern Time (US & Canada)", "Central Time (US & Canada)",
         "Pacific Time (US & Canada)", "Quito", "Atlantic Time (Canada)", "")


OPENERS = ("", "", "", "hey ", "so ", "wow ", "seriously ", "ok ", "um ", "just saying ")
ENDINGS = ("", "", "", " #fail", " :(", " smh", " ugh", " !!", " #travel", " again",
           " #neveragain", " :)", " lol", " ...", " today", " this morning", " #avgeek")


def _tweet(rng: np.random.Generator, template: str, handle: str) -> str:
    url = f"http://t.co/{''.join(rng.choice(list('abcdefghkmnpqrstuvwxyzABCDEFGH23456789'), 10))}"
    body = template.replace("{h} ", "", 1)
    text = body.format(h=handle, n=int(rng.integers(2, 9)), c=_pick(rng, CITIES),
                       f=f"flight {int(rng.integers(100, 2999))}", url=url)
    return f"{handle} {_pick(rng, OPENERS)}{text}{_pick(rng, ENDINGS)}"


def airline_tweets(seed: int = SEED, rows: int = 9_000, refetched: int = 30) -> pd.DataFrame:
    """Posts about six airlines with people's sentiment labels; `refetched` posts twice."""
    rng = np.random.default_rng(seed + 1)
    airline = _weighted(rng, {a: v[1] for a, v in AIRLINES.items()}, rows)
    start = dt.datetime(2026, 2, 16, 0, 0, 0)
    records = []
    for k in range(rows):
        name = str(airline[k])
        handle, _, negative = AIRLINES[name]
        roll = rng.random()
        label = "negative" if roll < negative else (
            "neutral" if roll < negative + (1 - negative) * 0.57 else "positive")
        reason = str(_weighted(rng, REASON_WEIGHTS, 1)[0]) if label == "negative" else ""
        bank = REASONS[reason] if reason else NEUTRAL if label == "neutral" else POSITIVE
        text = _tweet(rng, _pick(rng, bank), handle)
        if name == "Liberty" and rng.random() < 0.25:
            text = text.replace("@liberty", "Liberty Airlines")  # named, not tagged
        sure = 1.0 if rng.random() < 0.7 else round(float(rng.uniform(0.33, 0.99)), 4)
        when = start + dt.timedelta(seconds=int(rng.integers(0, 9 * 86400)))
        records.append({
            "tweet_id": str(570306133677760513 - k * 4051),
            "airline_sentiment": label,
            "airline_sentiment_confidence": f"{sure:g}",
            "negativereason": reason,
            "negativereason_confidence": f"{round(float(rng.uniform(0.3, 1)), 4):g}"
            if reason else "",
            "airline": name,
            "airline_sentiment_gold": label if rng.random() < 0.003 else "",
            "name": f"{_pick(rng, FIRST).lower()}{int(rng.integers(1, 999))}",
            "retweet_count": "0" if rng.random() < 0.95 else str(int(rng.integers(1, 4))),
            "text": text,
            "tweet_coord": "" if rng.random() < 0.93 else
            f"[{rng.uniform(25, 48):.7f}, {rng.uniform(-122, -71):.7f}]",
            "tweet_created": f"{when:%Y-%m-%d %H:%M:%S} -0800",
            "tweet_location": "" if rng.random() < 0.35 else _pick(rng, CITIES),
            "user_timezone": _pick(rng, ZONES),
        })
    frame = pd.DataFrame.from_records(records)
    again = frame.iloc[rng.choice(rows, refetched, replace=False)]
    return pd.concat([frame, again], ignore_index=True)


# -- consumer complaints -----------------------------------------------------------------

BANK = "Harbor Trust Bank, N.A."
RESPONSES = (
    "Company has responded to the consumer and the regulator and chooses not to provide a "
    "public response",
    "Company believes it acted appropriately as authorized by contract or law",
    "Company believes the complaint is the result of a misunderstanding",
    "Company disputes the facts presented in the complaint",
    "Company believes complaint caused principally by actions of third party outside the "
    "control or direction of the company",
    "Company can't verify or dispute the facts in the complaint",
    "Company believes complaint represents an opportunity for improvement to better serve "
    "consumers",
    "Company chooses not to provide a public response")
#: product -> issues
PRODUCTS = {
    "Checking or savings account": ("Managing an account", "Closing an account",
                                    "Opening an account", "Problem caused by your funds "
                                    "being low"),
    "Credit card": ("Problem with a purchase shown on your statement", "Fees or interest",
                    "Getting a credit card", "Closing your account"),
    "Mortgage": ("Trouble during payment process", "Struggling to pay mortgage",
                 "Applying for a mortgage or refinancing an existing mortgage"),
    "Credit reporting": ("Incorrect information on your report",
                         "Problem with a company's investigation into an existing problem"),
    "Debt collection": ("Attempts to collect debt not owed", "Written notification about "
                        "debt"),
    "Money transfer, virtual currency, or money service": ("Fraud or scam",
                                                           "Money was not available when "
                                                           "promised"),
}
PRODUCT_WEIGHTS = {"Checking or savings account": .3, "Credit card": .25, "Mortgage": .14,
                   "Credit reporting": .16, "Debt collection": .08,
                   "Money transfer, virtual currency, or money service": .07}
OPENINGS = ("On XX/XX/XXXX I noticed {what} on my {product} with Harbor Trust.",
            "I have been a customer of Harbor Trust Bank for {n} years.",
            "In XXXX XXXX I contacted Harbor Trust about {what}.",
            "I am writing because Harbor Trust Bank has ignored my requests about {what}.")
MIDDLES = ("I called customer service {n} times and each time I was told someone would "
           "call me back. Nobody ever did.",
           "The representative was polite but could not explain the charge.",
           "They closed my account without notice and kept my money for {n} weeks.",
           "I sent the documents by mail twice and they say they never received them.",
           "Thank you for looking into this, I have run out of options.",
           "The branch manager promised to fix it but nothing has changed.",
           "I was charged a {n}5 dollar fee that I was told would be refunded.",
           "Their letter says the matter is resolved, but it is not.",
           "This has damaged my credit score and caused a lot of stress for my family.",
           "I would appreciate your help in getting this corrected.")
CLOSES = ("Please help me get my money back.", "I want this fixed and the fees refunded.",
          "I feel cheated and I want an explanation.",
          "I hope the bank will finally take this seriously.", "")
WHATS = ("an unauthorized charge", "a late fee", "a hold on my deposit",
         "a payment that was never applied", "an error on my statement",
         "a transfer that never arrived")
STATES = ("CA", "TX", "FL", "NY", "GA", "IL", "PA", "OH", "NC", "NJ", "VA", "WA")


def _narrative(rng: np.random.Generator, product: str) -> str:
    parts = [_pick(rng, OPENINGS)]
    parts += [_pick(rng, MIDDLES) for _ in range(int(rng.integers(1, 5)))]
    parts.append(_pick(rng, CLOSES))
    return " ".join(p for p in parts if p).format(
        what=_pick(rng, WHATS), product=product.lower(), n=int(rng.integers(2, 9)))


def consumer_complaints(seed: int = SEED, rows: int = 6_623,
                        narrated: float = 0.231) -> pd.DataFrame:
    """One bank's complaints as the regulator publishes them, most without a narrative."""
    rng = np.random.default_rng(seed + 2)
    product = _weighted(rng, PRODUCT_WEIGHTS, rows)
    start = dt.date(2023, 1, 2)
    records = []
    for k in range(rows):
        prod = str(product[k])
        told = rng.random() < narrated
        via = "Web" if told else str(_weighted(rng, {
            "Web": .44, "Referral": .25, "Phone": .15, "Postal mail": .1, "Fax": .03,
            "Email": .03}, 1)[0])
        received = start + dt.timedelta(days=int(rng.integers(0, 540)))
        sent = received + dt.timedelta(days=int(rng.integers(0, 4)))
        tag = str(_weighted(rng, {"": .83, "Older American": .12, "Servicemember": .035,
                                  "Older American, Servicemember": .015}, 1)[0])
        records.append({
            "Date received": f"{received:%m/%d/%Y}",
            "Product": prod,
            "Sub-product": "" if rng.random() < 0.3 else _pick(
                rng, ("Checking account", "Savings account", "General-purpose credit card",
                      "Conventional home mortgage", "Other debt")),
            "Issue": _pick(rng, PRODUCTS[prod]),
            "Sub-issue": "" if rng.random() < 0.5 else _pick(
                rng, ("Deposits and withdrawals", "Banking errors", "Company closed your "
                      "account", "Card was charged for something you did not purchase")),
            "Consumer complaint narrative": _narrative(rng, prod) if told else "",
            "Company public response": "" if rng.random() < 0.4 else _pick(rng, RESPONSES),
            "Company": BANK,
            "State": _pick(rng, STATES),
            "ZIP code": f"{int(rng.integers(10, 99))}{int(rng.integers(100, 999))}"
            if rng.random() < 0.8 else f"{int(rng.integers(100, 999))}XX",
            "Tags": tag,
            "Consumer consent provided?": "Consent provided" if told else _pick(
                rng, ("Consent not provided", "N/A", "Other", "")),
            "Submitted via": via,
            "Date sent to company": f"{sent:%m/%d/%Y}",
            "Company response to consumer": str(_weighted(rng, {
                "Closed with explanation": .8, "Closed with monetary relief": .08,
                "Closed with non-monetary relief": .08, "In progress": .03,
                "Untimely response": .01}, 1)[0]),
            "Timely response?": "Yes" if rng.random() < 0.98 else "No",
            "Consumer disputed?": "N/A",
            "Complaint ID": str(6_400_000 + k * 37 + int(rng.integers(0, 30))),
        })
    return pd.DataFrame.from_records(records)


# -- product reviews ---------------------------------------------------------------------

VARIANTS = {"Black Mini": .26, "Charcoal Fabric": .14, "White Mini": .1,
            "Configuration: Sound Bar": .11, "Black Plus": .09, "Heather Gray Fabric": .05,
            "Sandstone Fabric": .03, "Oak Finish": .005, "Walnut Finish": .004,
            "Black Screen": .05, "White Screen": .03, "Black Round": .03,
            "White Round": .02, "White Plus": .02, "Black": .02, "White": .02}
SHORT = {"high": ("Love it!", "Love it", "Great product", "Works great", "Excellent",
                  "Great", "Awesome", "I love it", "Very good", "Love my Aura!", "Good",
                  "Great speaker", "Perfect", "love it!!", "Love it.", "Great device",
                  "Works as advertised", "Very happy", "Best purchase this year"),
         "mid": ("Ok", "It's ok", "Works", "Fine", "Not bad", "Meh", "Average"),
         "low": ("Doesn't work", "Returned it", "Junk", "Stopped working", "Waste of money",
                 "Useless")}
LONG = {"high": ("We bought this for the kitchen and use it every day for timers and music.",
                 "Easy to set up and the sound is much better than I expected.",
                 "My kids love asking it for jokes.", "Setup took five minutes.",
                 "Great for controlling the lights, and the alarm works perfectly.",
                 "I have one in every room now.", "My mother uses it to call us every day.",
                 "The sound fills the whole living room.", "It understands my accent.",
                 "Love the weather and news in the morning.", "Works with all my plugs.",
                 "Bought a second one for the bedroom."),
        "mid": ("Sound is fine but it often does not understand what I ask.",
                "Does what it should, but the app is confusing to set up.",
                "Good speaker, but it drops the wifi connection now and then.",
                "The bass is weak for music.", "It is fine for the price.",
                "Setup was harder than it should be.", "It mishears names a lot."),
        "low": ("It stopped responding after two weeks and support was no help.",
                "The sound is tinny and it keeps disconnecting from the wifi.",
                "Returned it.", "It could not connect to my network no matter what I tried.",
                "Worked for a month, then it would not turn on at all.",
                "It wakes up by itself in the middle of the night.",
                "Support kept me on hold for an hour.")}


def _long(rng: np.random.Generator, mood: str) -> str:
    pool = LONG[mood]
    picks = rng.permutation(len(pool))[: int(rng.integers(1, 4))]
    return " ".join(pool[int(k)] for k in picks)


def product_reviews(seed: int = SEED, rows: int = 3_136, twice: int = 14) -> pd.DataFrame:
    """A shop's reviews of one smart speaker, TSV-shaped; `twice` rows scraped twice."""
    rng = np.random.default_rng(seed + 3)
    ratings = _weighted(rng, {5: .725, 4: .144, 3: .048, 2: .03, 1: .052}, rows)
    variants = _weighted(rng, VARIANTS, rows)
    late_july = dt.date(2026, 7, 10)
    records = []
    for k in range(rows):
        r = int(ratings[k])
        mood = "high" if r >= 4 else "mid" if r == 3 else "low"
        day = late_july + dt.timedelta(days=int(rng.integers(0, 22))) if rng.random() < 0.8 \
            else dt.date(2026, 5, 16) + dt.timedelta(days=int(rng.integers(0, 55)))
        roll = rng.random()
        text = "" if roll < 0.025 else _pick(rng, SHORT[mood]) if roll < 0.4 else \
            _long(rng, mood)
        records.append({"rating": str(r), "date": f"{day.day}-{day:%b-%y}",
                        "variation": str(variants[k]), "verified_reviews": text,
                        "feedback": "1" if r >= 3 else "0"})
    frame = pd.DataFrame.from_records(records)
    worded = np.flatnonzero(frame["verified_reviews"].str.len() >= 40)
    again = frame.iloc[rng.choice(worded, twice, replace=False)]
    return pd.concat([frame, again], ignore_index=True)


def write_all(folder: Path, seed: int = SEED) -> dict[str, Path]:
    """Write the four exports into `folder`; returns their paths by name."""
    folder.mkdir(parents=True, exist_ok=True)
    paths = {name: folder / file for name, file in FILES.items()}
    airline_reviews(seed).to_csv(paths["airline_reviews"], index=False, lineterminator="\n")
    airline_tweets(seed).to_csv(paths["airline_tweets"], index=False, lineterminator="\n")
    consumer_complaints(seed).to_csv(paths["consumer_complaints"], index=False,
                                     lineterminator="\n")
    product_reviews(seed).to_csv(paths["product_reviews"], sep="\t", index=False,
                                 lineterminator="\n")
    return paths


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folder", type=Path, help="where to write the four exports")
    opts = parser.parse_args()
    for path in write_all(opts.folder).values():
        print(f"wrote {path} ({path.stat().st_size / 1024:,.0f} KB)")


if __name__ == "__main__":
    main()
