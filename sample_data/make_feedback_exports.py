"""Write sample_data/feedback/: six customer-feedback exports about FreshBox, as delivered.

The business is the one in the sample workshop (sample_workshop.json): FreshBox meal kits,
with three products (Classic, Family and Veggie box), four customer segments and the
workshop's seven stages and touchpoints. Every text is invented. Each export has the shape
and the faults of the system it pretends to come from (see feedback/README.md), and each
comes with the column mapping that turns it into the canonical feedback table
(`<export>.mapping.yaml`), plus one `tagging.yaml` for the touchpoints and stages.

What the data says, on purpose:

* missing ingredients and phone waits hurt most; signing up (checkout, welcome email)
  delights;
* busy parents fight the delivery slots and the tracking window; retired couples
  struggle with signing up in the app and with the small print on the recipe cards;
  students with the price; young professionals with packaging, skipping and invoices;
* missing items fall from mid-August (a second check on the packing line); signing up in
  the app gets better with app version 4.2 (1 September), except for retired couples;
  the phone queue gets longer in October.

Run `python sample_data/make_feedback_exports.py`. Every random choice comes from fixed
seeds and no clock is read, so the files are identical byte for byte on every run. The
workbook's bytes depend on how openpyxl writes XML: with lxml, which the kit always has
(python-pptx, for the sponsor's deck, needs it), as the committed file was written.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import random
import re
import zipfile
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import openpyxl
import pyarrow as pa
import pyarrow.parquet as pq
import yaml

HERE = Path(__file__).resolve().parent
OUT = HERE / "feedback"
WORKSHOP = HERE / "sample_workshop.json"

SEED = 20261104
START = dt.date(2026, 6, 1)
END = dt.date(2026, 10, 31)
PACKING_FIX = dt.date(2026, 8, 10)     # second check on the packing line
APP_42 = dt.date(2026, 9, 1)           # app 4.2: card scanning fixed
HELPDESK_MOVE = dt.date(2026, 9, 15)   # new help desk writes ISO dates
LOCAL = ZoneInfo("Europe/Amsterdam")
#: Fixed time stamp written into the XLSX package, so its bytes never change.
PACKAGE_TIME = dt.datetime(2026, 11, 1, 8, 0, 0)

PARENTS, RETIRED, STUDENTS, YOUNG = (
    "Busy parents", "Retired couples", "Students", "Young professionals")
SEGMENTS = (PARENTS, RETIRED, STUDENTS, YOUNG)
CLASSIC, FAMILY, VEGGIE = "Classic box", "Family box", "Veggie box"
PRODUCTS = (CLASSIC, FAMILY, VEGGIE)
PRODUCT_SHARE = {
    PARENTS: (0.20, 0.75, 0.05), RETIRED: (0.80, 0.05, 0.15),
    STUDENTS: (0.45, 0.10, 0.45), YOUNG: (0.50, 0.05, 0.45)}

# --------------------------------------------------------------------------------------
# How customers feel about each touchpoint: 0 (furious) .. 1 (delighted)
# --------------------------------------------------------------------------------------

BASE = {
    "ad": 0.62, "referral": 0.82, "flyer": 0.70, "plans": 0.50, "menu": 0.76,
    "chatpre": 0.72, "checkout": 0.84, "appsignup": 0.66, "welcome": 0.80, "slot": 0.50,
    "dispatch": 0.72, "tracking": 0.36, "courier": 0.56, "box": 0.48, "cards": 0.74,
    "ingredients": 0.50, "video": 0.74, "rate": 0.52, "help": 0.42, "phone": 0.30,
    "refund": 0.40, "skip": 0.60, "invoice": 0.52, "cancel": 0.30, "winback": 0.36}
SEGMENT_EFFECT = {
    PARENTS: {"slot": -0.28, "tracking": -0.10, "ingredients": -0.08, "phone": -0.10,
              "cards": 0.08, "cancel": -0.05, "skip": -0.05},
    RETIRED: {"appsignup": -0.42, "cards": -0.30, "courier": -0.18, "phone": 0.12,
              "checkout": -0.08, "invoice": 0.12, "winback": -0.10, "welcome": 0.05},
    STUDENTS: {"plans": -0.30, "referral": 0.10, "winback": 0.15, "menu": 0.05,
               "cancel": -0.05, "video": 0.08, "invoice": -0.05},
    YOUNG: {"tracking": -0.08, "box": -0.20, "skip": -0.15, "invoice": -0.12,
            "appsignup": 0.12, "checkout": 0.05}}
PRODUCT_EFFECT = {FAMILY: {"ingredients": -0.06}, VEGGIE: {"box": -0.08, "ingredients": 0.04},
                  CLASSIC: {}}
#: What each segment talks about when it is free to choose (reasons, posts).
SEGMENT_TOPICS = {
    PARENTS: {"slot": 3, "ingredients": 4, "tracking": 2, "phone": 2, "cards": 1, "menu": 1,
              "checkout": 1, "cancel": 1, "refund": 1, "welcome": 1},
    RETIRED: {"appsignup": 3, "cards": 2, "courier": 2, "phone": 2, "ingredients": 2,
              "invoice": 1, "box": 1, "winback": 1, "checkout": 1},
    STUDENTS: {"plans": 6, "referral": 2, "winback": 2, "menu": 2, "video": 1,
               "ingredients": 2, "cancel": 1, "ad": 1},
    YOUNG: {"tracking": 2, "box": 2, "skip": 2, "invoice": 2, "appsignup": 1, "menu": 2,
            "video": 1, "ingredients": 2, "checkout": 1}}


def ramp(day: dt.date, start: dt.date, days: int, before: float, after: float) -> float:
    """`before` until `start`, then a straight line to `after` over `days` days."""
    share = min(max((day - start).days / days, 0.0), 1.0)
    return before + (after - before) * share


def trend(tp: str, segment: str, day: dt.date) -> float:
    if tp in ("ingredients", "refund"):
        return ramp(day, PACKING_FIX, 30, -0.14, 0.08)
    if tp == "appsignup" and day >= APP_42:
        return 0.05 if segment == RETIRED else 0.18
    if tp == "phone" and day.month == 10:
        return -0.12
    return 0.0


def mood(rng: random.Random, tp: str, segment: str, product: str, day: dt.date) -> float:
    p = (BASE[tp] + SEGMENT_EFFECT[segment].get(tp, 0.0) + PRODUCT_EFFECT[product].get(tp, 0.0)
         + trend(tp, segment, day) + rng.gauss(0, 0.16))
    return min(max(p, 0.0), 1.0)


def band(p: float) -> str:
    return "neg" if p < 0.4 else "pos" if p > 0.68 else "mid"


def five(p: float) -> int:
    return 1 + round(4 * p)


# --------------------------------------------------------------------------------------
# What customers say. Placeholders: {item} {mins} {days} {box} {price}
# --------------------------------------------------------------------------------------

PHRASES: dict[str, dict[str, list[str]]] = {
    "ad": {
        "neg": ["Your ads follow me everywhere, please stop.",
                "The advert promised 60% off but that was only for the first box.",
                "Saw the same FreshBox advert ten times today on Instagram."],
        "mid": ["Saw an advert for FreshBox, the recipes looked nice enough.",
                "Keep seeing FreshBox ads, might give it a try.",
                "The advert made it look quicker than it is, but ok."],
        "pos": ["Saw the advert on Instagram and the recipe video looked amazing.",
                "That sponsored recipe video got me, ordered straight away."]},
    "referral": {
        "neg": ["My friend's referral code didn't work, so no discount for either of us."],
        "mid": ["Used a referral code, the discount was smaller than I expected.",
                "The referral code only works on the first box, shame."],
        "pos": ["Got my first box half price with a friend's referral code.",
                "Shared my referral code with three friends, we all got a discount.",
                "The referral code from my sister made trying it a no-brainer."]},
    "flyer": {
        "mid": ["Found a flyer in my neighbour's box and thought I would give it a go."],
        "pos": ["The flyer my neighbour passed on had a great first-box voucher."]},
    "plans": {
        "neg": ["The price per serving looks cheap until you see the weekly total.",
                "Too expensive once the introductory discount ends.",
                "Hard to work out what I will actually pay each week, the prices are "
                "all per serving.",
                "€{price} a week for the {box} is more than my weekly shop.",
                "The price went up and I only noticed on my bank statement."],
        "mid": ["The prices are ok but I had to do the maths per serving myself.",
                "Decent food, but the price is on the high side."],
        "pos": ["Good value compared to takeaway, honestly.",
                "Prices are fair for the quality you get.",
                "Cheaper than eating out and no food waste, worth the price."]},
    "menu": {
        "neg": ["The menu repeats the same chicken dishes every week.",
                "Not enough variety on the weekly menu lately.",
                "Weekly menu has too few options without meat."],
        "mid": ["The weekly menu is fine, some weeks better than others.",
                "The menu is good but the photos oversell the portions."],
        "pos": ["Great variety on the weekly menu.",
                "Love picking from the menu four weeks ahead.",
                "The weekly menu always has something new to try."]},
    "chatpre": {
        "neg": ["Asked the pre-sales chat a question about allergens and nobody answered."],
        "pos": ["The pre-sales chat answered my allergen question in minutes."]},
    "checkout": {
        "neg": ["The payment failed three times at checkout.",
                "Checkout kept asking for my card details again and again.",
                "My first payment was held for an hour before the order went through."],
        "mid": ["Checkout was ok, a bit long for one page."],
        "pos": ["Signing up on the website took two minutes, checkout was really smooth.",
                "Checkout was quick and simple, well done.",
                "Paid with Apple Pay in seconds, easiest checkout ever.",
                "Signed up on the website in no time, the payment page is very clear."]},
    "appsignup": {
        "neg": ["Signing up in the app was a nightmare.",
                "Couldn't sign up in the app, gave up and used the website.",
                "Too many screens to sign up in the app."],
        "mid": ["Signing up in the app worked in the end, but it took a while."],
        "pos": ["Signed up in the app in a few minutes, very easy.",
                "Card scanning made signing up in the app effortless.",
                "Signed up in the app with Google Pay, super easy."]},
    "welcome": {
        "neg": ["Never got the welcome email, so I didn't know what happens next."],
        "mid": ["The welcome email was long, but it had what I needed."],
        "pos": ["The welcome email explained everything clearly.",
                "Nice welcome email with tips for the first week."]},
    "slot": {
        "neg": ["Evening delivery slots are always full by Monday.",
                "The only slot left was 8 to 12, and I'm at work then.",
                "Can't change my delivery slot for just one week.",
                "No evening slot available in my area for three weeks now."],
        "mid": ["Slot choice is ok, though evenings fill up fast.",
                "Got a slot in the end, just not the one I wanted."],
        "pos": ["Easy to pick a delivery slot that suits me.",
                "Moved my delivery day in two taps, great."]},
    "dispatch": {
        "neg": ["The dispatch notification came after the box had already arrived."],
        "mid": ["Dispatch notification arrived, nothing more to say."],
        "pos": ["Handy dispatch notification the night before."]},
    "tracking": {
        "neg": ["Tracking said 'out for delivery' from 8 am until 7 pm.",
                "The tracking page is useless, no arrival time at all.",
                "Where is my box? Tracking hasn't updated since this morning.",
                "The arrival time on the tracking page changed four times.",
                "Tracking showed the van on the other side of town for hours."],
        "mid": ["Tracking works, but the six-hour window is far too wide.",
                "The tracking page updates, just not very often."],
        "pos": ["Tracking was spot on, the box arrived when it said.",
                "Love being able to follow the van on the tracking map."]},
    "courier": {
        "neg": ["The courier left the box outside in the rain without ringing the bell.",
                "Driver left it on the doorstep, no note, no message.",
                "The courier left the box with a neighbour I have never met.",
                "Courier threw the box over the gate."],
        "mid": ["The courier was fine, a bit rushed.",
                "Driver dropped the box and ran, but at least it came.",
                "The courier came at the right time, left without a word."],
        "pos": ["Friendly driver, even carried the box to the kitchen.",
                "The courier rang the bell and waited, very polite."]},
    "box": {
        "neg": ["So much plastic and insulation for one box of food.",
                "The ice packs and liners pile up and I can't recycle them.",
                "Too much packaging, every ingredient in its own plastic bag.",
                "The box arrived crushed and one ice pack had burst."],
        "mid": ["The packaging keeps things cold, but there is a lot of it.",
                "The insulation works, I just wish it took up less space.",
                "Not sure which bin the liners go in."],
        "pos": ["The insulation kept everything cold even after hours outside.",
                "Great that most of the packaging can be recycled now."]},
    "cards": {
        "neg": ["The recipe cards are printed far too small.",
                "Steps on the recipe card were in the wrong order.",
                "Recipe card said 20 minutes, it took an hour."],
        "mid": ["Recipe cards are ok, the photos could be bigger.",
                "The recipe cards are fine once you've done a few."],
        "pos": ["The recipe cards are clear and the photos help a lot.",
                "Keeping all the recipe cards in a folder, great recipes.",
                "Recipe cards are easy to follow, even for a beginner."]},
    "ingredients": {
        "neg": ["The {item} was missing from the box again.",
                "The {item} wasn't in the bag, so half the recipe was useless.",
                "Opened the box at 6 pm and the {item} wasn't there.",
                "Second week in a row with a missing ingredient.",
                "The {item} was already wilted when it arrived.",
                "Missing {item}, had to run to the shop before dinner.",
                "The {item} had gone off before the use-by date."],
        "mid": ["Ingredients mostly fresh, but the {item} was a bit tired.",
                "One small thing missing this week, not the end of the world.",
                "The {item} was a bit small for the recipe, everything else fresh."],
        "pos": ["Every ingredient was there and really fresh.",
                "The {item} was lovely and fresh, better than the supermarket.",
                "Fresh ingredients, perfectly portioned, no waste."]},
    "video": {
        "neg": ["The cooking videos won't load in the app.",
                "The cooking video leaves out half the steps."],
        "mid": ["The cooking videos are fine but a bit slow."],
        "pos": ["The short cooking videos saved my risotto.",
                "Cooking videos are brilliant for the tricky steps."]},
    "rate": {
        "neg": ["The rate your meal notification at 10 pm is annoying.",
                "Stop asking me to rate every single meal."],
        "mid": ["Rate your meal prompt is ok, I ignore it mostly."],
        "pos": ["I like the rate your meal prompt, feels like someone listens."]},
    "help": {
        "neg": ["The help centre has nothing about missing items.",
                "Searched the help articles for ages and found nothing useful."],
        "mid": ["Help centre is ok for simple questions."],
        "pos": ["Found the answer in the help centre straight away."]},
    "phone": {
        "neg": ["Waited {mins} minutes on the phone at dinner time.",
                "On hold for {mins} minutes, then cut off.",
                "The phone line is impossible between 5 and 7.",
                "{mins} minutes of hold music to report one problem."],
        "mid": ["Got through on the phone eventually, the agent was nice.",
                "Phone support fixed it, after a long wait."],
        "pos": ["Lovely person on the phone sorted it in minutes.",
                "Called and got through straight away, very helpful."]},
    "refund": {
        "neg": ["Took {days} days to get a credit for the missing {item}.",
                "They gave me credit, not my money back.",
                "Still waiting for the refund for last week's {item}."],
        "mid": ["Got a credit for the {item}, took a few days."],
        "pos": ["Credit for the missing {item} was on my account the same day.",
                "Refund was quick and painless, thank you."]},
    "skip": {
        "neg": ["Skipped a week in the app but the box came anyway.",
                "The Wednesday deadline to skip a week is far too early.",
                "Pausing for the holidays is more complicated than it should be."],
        "mid": ["Skipping a week works, once you find the button."],
        "pos": ["Skipping a week is easy in the app.",
                "Paused for two weeks while travelling, no problem at all."]},
    "invoice": {
        "neg": ["Charged for a week I skipped.",
                "The invoice doesn't show the credits I was promised.",
                "Double charged this month, and nobody noticed but me."],
        "mid": ["The invoice is ok, hard to match to my bank statement though."],
        "pos": ["Clear monthly invoice, no surprises.",
                "The invoice lists every box and every discount, very clear."]},
    "cancel": {
        "neg": ["Cancelling took five screens and a survey.",
                "Tried to cancel and got three discount offers before it let me.",
                "Couldn't find how to cancel anywhere in the app."],
        "mid": ["Cancelled for now, the process was ok."],
        "pos": ["Cancelled in a couple of clicks, no fuss."]},
    "winback": {
        "neg": ["Cancelled a month ago and still getting discount emails every week.",
                "Please stop sending me win-back offers.",
                "Three come-back offers in one month is too much."],
        "mid": ["Got a win-back offer, might try again."],
        "pos": ["The 50% win-back offer was tempting, so I'm back.",
                "Came back for the win-back discount, can't say no to half price."]},
}
SEGMENT_PHRASES: dict[tuple[str, str], dict[str, list[str]]] = {
    ("ingredients", PARENTS): {"neg": [
        "Nothing worse than finding the {item} missing with two hungry kids waiting.",
        "Missing {item} on a school night means takeaway again.",
        "The kids' meal fell apart because the {item} was missing."]},
    ("ingredients", RETIRED): {"neg": [
        "We can't just pop to the shop when the {item} is missing."]},
    ("slot", PARENTS): {"neg": [
        "With the kids' clubs I need an evening slot, and they are never free.",
        "Morning slots are no use to working parents.",
        "I need a delivery window after 5 pm, and there never is one."]},
    ("tracking", PARENTS): {"neg": [
        "I can't plan the school run around a six-hour tracking estimate.",
        "Tracking just says 'today'. Today is long with two kids."]},
    ("phone", PARENTS): {"neg": [
        "I don't have {mins} minutes to sit on hold while cooking for the kids.",
        "Called at 6 pm with the kids screaming and waited {mins} minutes."]},
    ("appsignup", RETIRED): {
        "neg": ["The app wanted a photo of my card, I had to ring my daughter.",
                "I'm 74 and signing up in the app defeated me.",
                "Signing up in the app assumes you know where to tap. I don't.",
                "Why must I sign up in the app? We don't use smartphones much."],
        "mid": ["Signing up in the app took us an hour, but we got there."]},
    ("cards", RETIRED): {"neg": [
        "I need a magnifying glass for the recipe cards.",
        "The print on the recipe cards is far too small and pale.",
        "My husband can't read the recipe cards without his reading glasses."]},
    ("courier", RETIRED): {"neg": [
        "The driver left the box outside and my husband can't lift it.",
        "Courier didn't ring the bell, we were home all day."]},
    ("phone", RETIRED): {"pos": [
        "So nice to speak to a real person on the phone.",
        "Phoned in the morning and a kind lady sorted everything."]},
    ("plans", STUDENTS): {"neg": [
        "As a student I can't afford it without a discount code.",
        "The price per serving is fine, but the weekly total eats my food budget.",
        "€{price} a week is half my food budget as a student.",
        "Cheaper to cook from the supermarket, sadly. Too expensive for students."]},
    ("box", YOUNG): {"neg": [
        "For a company selling a Veggie box, the plastic is embarrassing.",
        "My tiny flat is full of insulated liners."]},
    ("skip", YOUNG): {"neg": [
        "I travel for work and skipping weeks is fiddly.",
        "Forgot to skip before Wednesday again while on a work trip."]},
    ("invoice", YOUNG): {"neg": [
        "Charged for a week I had skipped, while I was abroad.",
        "The invoice says I owe for a box I paused."]},
}
#: Said after the packing line got its second check.
IMPROVED = ["Nothing missing for weeks now, whatever you changed is working.",
            "The boxes have been complete lately, every ingredient there.",
            "Much better recently, all ingredients present and fresh."]
#: Said before app 4.2 fixed card scanning.
APP_CRASH = ["The app crashed at the card scanning step when signing up.",
             "Signing up in the app froze every time I tried to scan my card."]
#: Texts that name no touchpoint at all.
GENERIC = {
    "neg": ["Not impressed.", "Disappointed overall.", "Won't be ordering again.", "Meh."],
    "mid": ["It's ok.", "Fine, nothing special.", "Average.", "Could be better."],
    "pos": ["Love it!", "Great service.", "Brilliant, thank you!", "Five stars.",
            "Really happy with FreshBox.", "Dinner sorted!", "Best meal kit we tried."]}
ITEMS = ["crème fraîche", "chicken", "feta", "halloumi", "coconut milk", "lime",
         "fresh ginger", "pak choi", "gnocchi", "jalapeño", "mozzarella", "salmon fillet",
         "double cream", "basil", "chorizo", "tomato purée", "Gruyère", "minced beef"]


def say(rng: random.Random, tp: str, tone: str, segment: str, product: str,
        day: dt.date) -> str:
    """One sentence a customer of this segment might say about this touchpoint."""
    pool = PHRASES[tp].get(tone) or PHRASES[tp]["mid"]
    special = SEGMENT_PHRASES.get((tp, segment), {}).get(tone)
    if special and rng.random() < 0.6:
        pool = special
    if tp == "ingredients" and tone == "pos" and day >= PACKING_FIX and rng.random() < 0.4:
        pool = IMPROVED
    if tp == "appsignup" and tone == "neg" and day < APP_42 and rng.random() < 0.5:
        pool = APP_CRASH
    return rng.choice(pool).format_map(fill(rng, product))


def fill(rng: random.Random, product: str) -> dict[str, Any]:
    return {"item": rng.choice(ITEMS), "mins": rng.randrange(20, 80, 5),
            "days": rng.randint(3, 12), "box": product or "box",
            "price": rng.choice([49, 52, 55, 59, 62, 68])}


def generic(rng: random.Random, tone: str) -> str:
    return rng.choice(GENERIC[tone])


# --------------------------------------------------------------------------------------
# Shared helpers: who, when, and the mess
# --------------------------------------------------------------------------------------

DAYS = [START + dt.timedelta(days=k) for k in range((END - START).days + 1)]
DAY_WEIGHTS = [1.3 if d.month == 10 else 1.0 for d in DAYS]   # autumn sign-ups


def customer(rng: random.Random, shares: Sequence[float]) -> tuple[str, str]:
    segment = rng.choices(SEGMENTS, shares)[0]
    return segment, rng.choices(PRODUCTS, PRODUCT_SHARE[segment])[0]


def moment(rng: random.Random, hours: Sequence[int], weights: Sequence[float]) -> dt.datetime:
    day = rng.choices(DAYS, DAY_WEIGHTS)[0]
    hour = rng.choices(hours, weights)[0]
    return dt.datetime(day.year, day.month, day.day, hour, rng.randrange(60), rng.randrange(60))


def messy(rng: random.Random, label: str, rate: float = 0.05) -> str:
    """A label as people and systems really type it now and then."""
    if not label or rng.random() >= rate:
        return label
    return rng.choice([label.lower(), label.upper(), f" {label}", f"{label}  ",
                       label.replace(" ", "  ")])


def pick(rng: random.Random, weights: dict[str, float]) -> str:
    return rng.choices(list(weights), list(weights.values()))[0]


def duplicate(rng: random.Random, rows: list[Any], count: int) -> list[Any]:
    """The rows with `count` exact copies: some right after the original, some at the end."""
    out = list(rows)
    for k in sorted(rng.sample(range(len(rows)), count), reverse=True):
        if k % 2:
            out.insert(k + 1, rows[k])
        else:
            out.append(rows[k])
    return out


def rid(rng: random.Random, prefix: str, length: int) -> str:
    alphabet = "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789"
    return prefix + "".join(rng.choice(alphabet) for _ in range(length))


# --------------------------------------------------------------------------------------
# 1. post_delivery_survey.csv: a survey tool's export for Excel in western Europe
# --------------------------------------------------------------------------------------

SURVEY_QUESTIONS = [
    ("Q1 Signing up on our website (1-5)", "checkout"),
    ("Q2 Signing up in the app (1-5)", "appsignup"),
    ("Q3 Choosing your delivery slot (1-5)", "slot"),
    ("Q4 Tracking your box (1-5)", "tracking"),
    ("Q5 Courier at the door (1-5)", "courier"),
    ("Q6 The box and its packaging (1-5)", "box"),
    ("Q7 Freshness and completeness of the ingredients (1-5)", "ingredients"),
    ("Q8 Recipe cards (1-5)", "cards")]
SURVEY_NPS = "Q9 How likely are you to recommend FreshBox to a friend or colleague? (0-10)"
SURVEY_COMMENT = "Q10 Anything else you would like to tell us?"
SURVEY_HEADER = ["Response ID", "Submitted", "First name", "Customer segment", "Box",
                 *(q for q, _ in SURVEY_QUESTIONS), SURVEY_NPS, SURVEY_COMMENT]
SURVEY_ROWS = 6000
APP_SIGNUP_SHARE = {PARENTS: 0.55, RETIRED: 0.25, STUDENTS: 0.6, YOUNG: 0.7}
NPS_LEAN = {PARENTS: 0.0, RETIRED: 0.3, STUDENTS: -1.0, YOUNG: 0.3}
FIRST_NAMES = ["Inês", "José", "Zoë", "Björn", "François", "Chloé", "Jürgen", "Siobhán",
               "Renée", "Noël", "Zoltán", "Anaïs", "Søren", "Åsa", "Mónica", "Léa", "Emma",
               "Oliver", "Priya", "Mohammed", "Grace", "Tom", "Aisha", "Liam", "Chen",
               "Sophie", "Daniel", "Fatima", "Lucas", "Hannah", "Mateo", "Ines", "Jan"]


def survey_answers(rng: random.Random, segment: str, product: str,
                   day: dt.date) -> dict[str, float]:
    """Touchpoint -> mood for the questions this respondent answered."""
    signup = "appsignup" if rng.random() < APP_SIGNUP_SHARE[segment] else "checkout"
    answers = {}
    for _, tp in SURVEY_QUESTIONS:
        if tp in ("checkout", "appsignup"):
            if tp == signup and rng.random() < 0.95:
                answers[tp] = mood(rng, tp, segment, product, day)
        elif rng.random() < 0.88:
            answers[tp] = mood(rng, tp, segment, product, day)
    return answers


def survey_comment(rng: random.Random, answers: dict[str, float], segment: str,
                   product: str, day: dt.date) -> str:
    if rng.random() > 0.48:
        return ""
    if not answers or rng.random() < 0.2:
        tp = pick(rng, SEGMENT_TOPICS[segment])
        p = mood(rng, tp, segment, product, day)
        return say(rng, tp, band(p), segment, product, day)
    worst = min(answers, key=answers.__getitem__)
    best = max(answers, key=answers.__getitem__)
    tp = worst if answers[worst] < 0.42 or rng.random() < 0.4 else best
    tone = band(answers[tp])
    text = say(rng, tp, tone, segment, product, day)
    if tp == "ingredients" and tone == "neg" and rng.random() < 0.4:
        follow = pick(rng, {"phone": 2, "refund": 1, "help": 1})
        text += " " + say(rng, follow, "neg", segment, product, day)
    return text


def survey_score(rng: random.Random, p: float | None) -> str:
    if p is None:
        return ""
    roll = rng.random()
    if roll < 0.0012:
        return "6"             # out of range on a 1-5 scale
    if roll < 0.0018:
        return "0"
    if roll < 0.0035:
        return "n/a"
    return str(five(p))


def survey_nps(rng: random.Random, answers: dict[str, float], segment: str) -> str:
    if rng.random() < 0.07:
        return ""
    if rng.random() < 0.002:
        return "11"
    mean = sum(answers.values()) / len(answers) if answers else 0.6
    value = 3.5 + 8.0 * mean + NPS_LEAN[segment] + rng.gauss(0, 1.3)
    return str(round(min(max(value, 0), 10)))


def survey_date(rng: random.Random, when: dt.datetime) -> str:
    roll = rng.random()
    if roll < 0.003:
        return ""
    if roll < 0.013:
        return when.strftime("%Y-%m-%d %H:%M")      # a re-imported batch
    if roll < 0.018:
        return f"{when.day}.{when.month}.{when:%y}"  # typed in by hand
    return when.strftime("%d/%m/%Y %H:%M")


def survey_row(rng: random.Random) -> tuple[dt.datetime, list[str]]:
    segment, product = customer(rng, (0.35, 0.25, 0.15, 0.25))
    when = moment(rng, range(7, 24), [1] * 10 + [2, 3, 3, 3, 2, 2, 1])
    answers = survey_answers(rng, segment, product, when.date())
    name = rng.choice(FIRST_NAMES) if rng.random() < 0.85 else ""
    return when, [rid(rng, "R_", 12), survey_date(rng, when), name,
            messy(rng, segment) if rng.random() > 0.02 else "",
            messy(rng, product) if rng.random() > 0.01 else "",
            *(survey_score(rng, answers.get(tp)) for _, tp in SURVEY_QUESTIONS),
            survey_nps(rng, answers, segment),
            survey_comment(rng, answers, segment, product, when.date())]


def write_survey(folder: Path) -> None:
    rng = random.Random(SEED + 1)
    made = sorted((survey_row(rng) for _ in range(SURVEY_ROWS)), key=lambda t: t[0])
    rows = duplicate(rng, [row for _, row in made], 24)
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";", lineterminator="\r\n")
    writer.writerow(SURVEY_HEADER)
    broken = set(rng.sample(range(100, len(rows)), 2))
    for k, row in enumerate(rows):
        if k in broken:   # a comment with a semicolon the tool forgot to quote
            row = [*row[:-1], "Box was fine; the courier was late again"]
            buffer.write(";".join(row) + "\r\n")
        else:
            writer.writerow(row)
    (folder / "post_delivery_survey.csv").write_bytes(buffer.getvalue().encode("cp1252"))


# --------------------------------------------------------------------------------------
# 2. app_reviews.xlsx: a review-monitoring tool's export of both app stores
# --------------------------------------------------------------------------------------

REVIEW_HEADER = ["Review ID", "Store", "Date", "Stars", "Title", "Review", "App version",
                 "Reviewer", "Matched box", "Matched segment"]
REVIEW_ROWS = 2400
REVIEW_TOPICS = {"appsignup": 20, "tracking": 15, "video": 10, "skip": 10, "rate": 6,
                 "menu": 8, "ingredients": 8, "refund": 5, "cancel": 5, "checkout": 3,
                 "generic": 13}
VERSIONS = [(dt.date(2026, 6, 1), "4.0.3"), (dt.date(2026, 6, 20), "4.0.5"),
            (dt.date(2026, 7, 15), "4.1.0"), (dt.date(2026, 8, 12), "4.1.2"),
            (APP_42, "4.2.0"), (dt.date(2026, 9, 22), "4.2.1"), (dt.date(2026, 10, 15), "4.3.0")]
TITLES = {
    "neg": ["Frustrating", "Needs work", "Disappointed", "Not good enough", "Annoying",
            "Fix this please", "Terrible experience"],
    "mid": ["Ok", "Could be better", "Decent", "Mixed feelings", "Nearly there"],
    "pos": ["Great app", "Love it", "Brilliant", "So easy", "Dinner sorted", "Excellent"]}
HANDLES = ["foodie", "mum_of_3", "jk", "cook", "london_lad", "anna", "the_real_tom", "mx",
           "veggie_girl", "dad_cooks", "sunny", "grandpa_joe", "student_life", "bea"]


def app_version(rng: random.Random, day: dt.date) -> str:
    live = [v for since, v in VERSIONS if since <= day]
    if len(live) > 1 and rng.random() < 0.15:
        return live[-2]        # not everyone updates at once
    return live[-1]


def stars(rng: random.Random, p: float) -> int:
    value = five(p)
    if rng.random() < 0.3:     # store reviews are more extreme than surveys
        value = 1 if value <= 2 else 5 if value >= 4 else value
    return value


def review_row(rng: random.Random, n: int) -> list[Any]:
    segment, product = customer(rng, (0.28, 0.07, 0.30, 0.35))
    when = moment(rng, range(6, 24), [1] * 18)
    tp = pick(rng, REVIEW_TOPICS)
    p = mood(rng, "menu" if tp == "generic" else tp, segment, product, when.date())
    tone = band(p)
    text = generic(rng, tone) if tp == "generic" else say(rng, tp, tone, segment, product,
                                                           when.date())
    if tp != "generic" and rng.random() < 0.3:
        text += " " + generic(rng, tone)
    matched = rng.random() < 0.6
    return [f"REV-{n:05d}", rng.choice(["App Store", "Google Play"]), when, stars(rng, p),
            rng.choice(TITLES[tone]), text if rng.random() > 0.015 else None,
            app_version(rng, when.date()), f"{rng.choice(HANDLES)}{rng.randrange(10, 999)}",
            messy(rng, product) if matched else None,
            messy(rng, segment) if matched else None]


def review_oddities(rng: random.Random, rows: list[list[Any]]) -> None:
    """Dates typed as text or lost, and a few star values no store can give."""
    for k in rng.sample(range(len(rows)), 14):
        when = rows[k][2]
        rows[k][2] = when.strftime("%b %d, %Y") if k % 3 else None
    for k in rng.sample(range(len(rows)), 3):
        rows[k][3] = 0


def xlsx_bytes(book: openpyxl.Workbook) -> bytes:
    """The workbook as XLSX bytes with fixed time stamps, so equal content means equal bytes."""
    book.properties.created = PACKAGE_TIME
    raw = io.BytesIO()
    book.save(raw)
    stamp = PACKAGE_TIME.strftime("%Y-%m-%dT%H:%M:%SZ").encode()
    out = io.BytesIO()
    with zipfile.ZipFile(raw) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            data = src.read(info.filename)
            if info.filename == "docProps/core.xml":
                data = re.sub(rb"(<dcterms:modified[^>]*>)[^<]*", rb"\g<1>" + stamp, data)
            entry = zipfile.ZipInfo(info.filename, date_time=PACKAGE_TIME.timetuple()[:6])
            entry.compress_type = zipfile.ZIP_DEFLATED
            dst.writestr(entry, data)
    return out.getvalue()


def write_reviews(folder: Path) -> None:
    rng = random.Random(SEED + 2)
    rows = [review_row(rng, n) for n in range(1, REVIEW_ROWS + 1)]
    rows.sort(key=lambda r: r[2])
    review_oddities(rng, rows)
    rows = duplicate(rng, rows, 15)
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "Reviews"
    sheet.append(REVIEW_HEADER)
    for row in rows:
        sheet.append(row)
    for cell in sheet["C"][1:]:
        if isinstance(cell.value, dt.datetime):
            cell.number_format = "yyyy-mm-dd hh:mm"
    book.properties.creator = "Review monitor"
    (folder / "app_reviews.xlsx").write_bytes(xlsx_bytes(book))


# --------------------------------------------------------------------------------------
# 3. support_tickets.csv: the help desk's ticket export (UTF-8 with BOM)
# --------------------------------------------------------------------------------------

TICKET_HEADER = ["Ticket ID", "Created", "Channel", "Category", "Subject", "Description",
                 "Customer segment", "Plan", "Status", "Handling time (min)", "CSAT (1-5)"]
TICKET_ROWS = 8500
#: The help desk's own categories: (category, touchpoint key or None, weight, subjects)
CATEGORIES: list[tuple[str, str | None, float, list[str]]] = [
    ("Delivery > Where is my box", "tracking", 14, ["Where is my box?", "Box not here yet",
                                                    "Tracking not updating"]),
    ("Delivery > Late or missed slot", "slot", 8, ["Delivery slot", "Box came late",
                                                   "Change delivery day"]),
    ("Delivery > Courier behaviour", "courier", 6, ["Courier complaint", "Box left outside"]),
    ("Box > Missing item", "ingredients", 0, ["Missing item", "Item missing from box",
                                              "Incomplete box"]),
    ("Box > Quality or freshness", "ingredients", 6, ["Ingredient not fresh",
                                                      "Quality issue"]),
    ("Box > Damaged or warm", "box", 5, ["Damaged box", "Box arrived warm"]),
    ("Billing > Refund or credit", "refund", 8, ["Refund", "Credit not received"]),
    ("Billing > Invoice query", "invoice", 7, ["Invoice question", "Wrong charge"]),
    ("Billing > Payment failed", "checkout", 3, ["Payment failed", "Card declined"]),
    ("Account > Skip or pause", "skip", 5, ["Skip a week", "Pause my plan"]),
    ("Account > Cancel subscription", "cancel", 7, ["Cancel", "Cancel my subscription"]),
    ("Account > App sign-up or login", "appsignup", 5, ["Can't sign up", "App problem"]),
    ("Marketing > Unsubscribe", "winback", 2, ["Unsubscribe", "Too many emails"]),
    ("Contact > Complaint about waiting", "phone", 3, ["Complaint", "Waiting time"]),
    ("Recipes > Recipe card question", "cards", 2, ["Recipe question", "Recipe card"]),
    ("General > Other", None, 6, ["Question", "Other", "Hello"]),
]
OTHER_TOPICS = {"phone": 3, "help": 2, "welcome": 1, "menu": 1, "plans": 2, "dispatch": 1,
                "video": 1, "generic": 3}
CHANNELS = {PARENTS: (0.35, 0.40, 0.25), RETIRED: (0.75, 0.05, 0.20),
            STUDENTS: (0.20, 0.55, 0.25), YOUNG: (0.25, 0.50, 0.25)}
OPENERS = {"Phone": ["Caller says: ", "Customer called. ", "Cust on phone: ", ""],
           "Chat": ["", "Chat: ", "hi, "], "Email": ["Hello, ", "Hi, ", "Dear FreshBox, ", ""]}


def missing_weight(day: dt.date) -> float:
    """Share of 'missing item' tickets: high in summer, down after the packing-line fix."""
    return ramp(day, PACKING_FIX, 30, 26.0, 9.0)


def ticket_category(rng: random.Random, day: dt.date) -> tuple[str, str | None, list[str]]:
    weights = [missing_weight(day) if c[0] == "Box > Missing item" else c[2]
               for c in CATEGORIES]
    name, tp, _, subjects = rng.choices(CATEGORIES, weights)[0]
    return name, tp, subjects


def ticket_text(rng: random.Random, tp: str | None, channel: str, segment: str,
                product: str, day: dt.date) -> str:
    if rng.random() < 0.015:
        return ""
    topic = tp or pick(rng, OTHER_TOPICS)
    if topic == "generic":
        return rng.choice(["Can I change the email address on my account?",
                           f"Question about allergens in the {product}.",
                           "Do you deliver on bank holidays?"])
    p = mood(rng, topic, segment, product, day)
    said = say(rng, topic, "neg" if p < 0.6 else "mid", segment, product, day)
    opener = rng.choice(OPENERS[channel])
    text = opener + (said[0].lower() + said[1:] if opener.endswith(", ") else said)
    if channel == "Phone" and rng.random() < 0.25:
        text += " " + say(rng, "phone", "neg", segment, product, day)
    return text


def csat(rng: random.Random, tp: str | None, channel: str, when: dt.datetime,
         segment: str, product: str) -> str:
    if rng.random() < 0.65:
        return ""              # most customers never answer the closing survey
    roll = rng.random()
    if roll < 0.004:
        return "6"
    if roll < 0.006:
        return "0"
    p = mood(rng, tp or "help", segment, product, when.date())
    helped = 0.62
    if channel == "Phone":
        helped = mood(rng, "phone", segment, product, when.date()) + 0.2
        helped -= 0.15 if 17 <= when.hour < 20 else 0.0
    return str(five(min(max(0.4 * p + 0.6 * helped, 0.0), 1.0)))


def ticket_created(rng: random.Random, when: dt.datetime) -> str:
    if rng.random() < 0.002:
        return ""
    if when.date() >= HELPDESK_MOVE:
        return when.strftime("%Y-%m-%dT%H:%M:%S")
    return when.strftime("%m/%d/%Y %H:%M")


def ticket_row(rng: random.Random) -> tuple[dt.datetime, list[str]]:
    segment, product = customer(rng, (0.36, 0.24, 0.15, 0.25))
    channel = rng.choices(["Phone", "Chat", "Email"], CHANNELS[segment])[0]
    when = moment(rng, range(8, 20), [1, 2, 2, 2, 1, 1, 1, 1, 1, 3, 3, 2])
    category, tp, subjects = ticket_category(rng, when.date())
    status = rng.choices(["Solved", "Closed", "Open"], [0.6, 0.33, 0.07])[0]
    score = "" if status == "Open" else csat(rng, tp, channel, when, segment, product)
    handling = rng.randint(3, 25) if channel == "Phone" else rng.randint(4, 90)
    return when, ["", ticket_created(rng, when), channel, messy(rng, category, 0.08),
                  rng.choice(subjects), ticket_text(rng, tp, channel, segment, product,
                                                    when.date()),
                  messy(rng, segment) if rng.random() > 0.03 else "",
                  messy(rng, product) if rng.random() > 0.02 else "",
                  status, str(handling), score]


def write_tickets(folder: Path) -> None:
    rng = random.Random(SEED + 3)
    made = sorted((ticket_row(rng) for _ in range(TICKET_ROWS)), key=lambda t: t[0])
    rows = []
    for n, (_, row) in enumerate(made, start=40211):
        rows.append([f"FB-{n}", *row[1:]])
    rows = duplicate(rng, rows, 40)
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(TICKET_HEADER)
    broken = set(rng.sample(range(100, len(rows)), 2))
    for k, row in enumerate(rows):
        if k in broken:        # pasted from an email with a comma, and never quoted
            row = [*row[:5], "Box was late, again", *row[6:]]
            buffer.write(",".join(row) + "\n")
        else:
            writer.writerow(row)
    (folder / "support_tickets.csv").write_bytes(buffer.getvalue().encode("utf-8-sig"))


# --------------------------------------------------------------------------------------
# 4. social_posts.jsonl: a social-listening tool's API dump, one JSON object per line
# --------------------------------------------------------------------------------------

SOCIAL_ROWS = 3600
SOCIAL_TOPICS = {"ad": 12, "referral": 8, "plans": 13, "menu": 8, "ingredients": 14,
                 "tracking": 7, "courier": 6, "box": 8, "phone": 6, "cancel": 4, "winback": 5,
                 "cards": 2, "video": 2, "generic": 5}
PLATFORMS = {"instagram": 4, "x": 3, "facebook": 2, "tiktok": 2, "reddit": 1}
TAGS = {"neg": [" #fail", " 🙄", " 😡", " @FreshBox sort it out", ""],
        "mid": [" #mealkit", " 🤷", ""],
        "pos": [" #dinnersorted", " 😍", " 👍", " #FreshBox", " 🥗", ""]}


def social_text(rng: random.Random, day: dt.date) -> str:
    segment, product = customer(rng, (0.25, 0.05, 0.40, 0.30))
    tp = pick(rng, SOCIAL_TOPICS)
    p = mood(rng, "menu" if tp == "generic" else tp, segment, product, day)
    tone = band(p)
    if tone == "mid" and rng.random() < 0.5:    # people post when they feel strongly
        tone = "pos" if p > 0.55 else "neg"
    text = generic(rng, tone) if tp == "generic" else say(rng, tp, tone, segment, product,
                                                           day)
    text += rng.choice(TAGS[tone])
    return text.lower() if rng.random() < 0.25 else text


def posted_at(rng: random.Random, when: dt.datetime) -> str | None:
    roll = rng.random()
    if roll < 0.001:
        return None
    if roll < 0.01:
        return when.replace(tzinfo=LOCAL).astimezone(dt.UTC).strftime(
            "%Y-%m-%dT%H:%M:%SZ")
    if roll < 0.015:
        return when.strftime("%Y-%m-%d %H:%M")
    return when.replace(tzinfo=LOCAL).isoformat()


def social_post(rng: random.Random) -> tuple[dt.datetime, dict[str, Any]]:
    when = moment(rng, range(24), [1] * 7 + [2] * 10 + [3] * 7)
    text = "" if rng.random() < 0.02 else social_text(rng, when.date())
    platform = pick(rng, PLATFORMS)
    return when, {"post_id": "", "platform": messy(rng, platform, 0.1),
                  "posted_at": posted_at(rng, when),
                  "author": f"@{rng.choice(HANDLES)}{rng.randrange(100)}",
                  "text": text, "likes": int(rng.paretovariate(1.5)) - 1,
                  "lang": "en"}


def write_social(folder: Path) -> None:
    rng = random.Random(SEED + 4)
    made = sorted((social_post(rng) for _ in range(SOCIAL_ROWS)), key=lambda t: t[0])
    posts = []
    for when, post in made:
        stamp = int(when.replace(tzinfo=LOCAL).timestamp())
        posts.append({**post, "post_id": f"{stamp}{rng.randrange(1000):03d}"})
    posts = duplicate(rng, posts, 30)   # the API pages overlapped
    lines = [json.dumps(p, ensure_ascii=False) for p in posts]
    (folder / "social_posts.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")


# --------------------------------------------------------------------------------------
# 5. interviews.json: snippets typed up from kitchen-table interviews
# --------------------------------------------------------------------------------------

#: (interview, date, segment, box, stage as the interviewer wrote it, what was said)
INTERVIEWS: list[tuple[int, str, str, str, str, str]] = [
    (1, "7 September 2026", PARENTS, FAMILY, "Awareness",
     "I saw one of your recipe videos on Instagram at the school gate, and the discount "
     "code did the rest."),
    (1, "7 September 2026", PARENTS, FAMILY, "Delivery",
     "We need evening delivery. The slots after five are gone by Monday, so the box sits "
     "outside until I'm home."),
    (2, "8 September 2026", PARENTS, FAMILY, "delivery",
     "The tracking says 'today'. Today is fourteen hours long when you have two kids and "
     "a job."),
    (2, "8 September 2026", PARENTS, FAMILY, "Cooking",
     "Twice now the cream was missing, and I only found out when the onions were already "
     "in the pan."),
    (3, "9 September 2026", PARENTS, CLASSIC, "cooking",
     "My daughter reads the recipe cards out loud; that is the best part of our week."),
    (3, "9 September 2026", PARENTS, CLASSIC, "Support",
     "I rang to say the chicken never came and waited forty minutes on hold while the "
     "kids were asking for dinner."),
    (4, "10 September 2026", PARENTS, FAMILY, "Support",
     "The credit came four days later. I didn't want credit, I wanted dinner that night."),
    (5, "11 September 2026", PARENTS, FAMILY, "Renewal",
     "We skip a week in the school holidays, but the cutoff is Wednesday and I always "
     "remember on Thursday."),
    (6, "14 September 2026", PARENTS, FAMILY, "renewal / cancel",
     "When I tried to cancel there were five screens of offers. I felt like I was being "
     "kept in."),
    (7, "15 September 2026", PARENTS, FAMILY, "Cooking",
     "Since the summer the boxes have been complete, I think. I stopped checking every "
     "bag for missing things."),
    (8, "16 September 2026", PARENTS, CLASSIC, "Consideration",
     "I compared three meal kits by the price per serving, but your weekly total only "
     "showed up at the very end."),
    (8, "16 September 2026", PARENTS, CLASSIC, "signup",
     "Signing up on the website was the easy part, honestly; checkout took two minutes."),
    (9, "17 September 2026", RETIRED, CLASSIC, "Sign up",
     "The app wanted a photo of my card. I rang my daughter and she signed us up in the "
     "end."),
    (9, "17 September 2026", RETIRED, CLASSIC, "Delivery",
     "The driver left the box by the gate in the rain. Alan can't carry it up the steps."),
    (10, "18 September 2026", RETIRED, CLASSIC, "Cooking",
     "The recipe cards are lovely, but the print is so small I need my magnifying glass."),
    (10, "18 September 2026", RETIRED, CLASSIC, "Cooking",
     "The ingredients are very fresh; the fish was better than what our local shop sells."),
    (11, "21 September 2026", RETIRED, VEGGIE, "Support",
     "I like that I can phone and speak to a real person. The wait is long in the "
     "evening, so I call in the morning."),
    (11, "21 September 2026", RETIRED, VEGGIE, "Delivery",
     "Too much packaging for two of us; the bin is full of ice packs and liners."),
    (12, "22 September 2026", RETIRED, CLASSIC, "Renewal",
     "The monthly invoice is clear, we always know what we are paying."),
    (12, "22 September 2026", RETIRED, CLASSIC, "Awareness",
     "A flyer came in our neighbour's box, and she brought it round with a cake."),
    (13, "23 September 2026", RETIRED, CLASSIC, "Sign up",
     "We don't really use the app. Signing up in the app was impossible for us, so the "
     "grandchildren did it on the computer."),
    (14, "25 September 2026", RETIRED, CLASSIC, "cancellation",
     "After we stopped for a month the discount emails kept coming every week. It felt a "
     "bit pushy."),
    (15, "5 October 2026", STUDENTS, VEGGIE, "Consideration",
     "On a student budget the price per serving looks fine until you see it's nearly "
     "sixty euros a week."),
    (15, "5 October 2026", STUDENTS, VEGGIE, "Awareness",
     "My flatmate gave me her referral code, so the first box was half price. That's the "
     "only reason I tried it."),
    (16, "6 October 2026", STUDENTS, CLASSIC, "Renewal",
     "I cancel at the end of every term and come back for the win-back offer. Everyone in "
     "my flat does it."),
    (16, "6 October 2026", STUDENTS, CLASSIC, "Cooking",
     "I learned to cook from the cooking videos, and the Veggie box recipes are really "
     "good."),
    (17, "7 October 2026", STUDENTS, VEGGIE, "Renewal",
     "Skipping a week in the app is easy, I do it before every exam."),
    (17, "7 October 2026", STUDENTS, VEGGIE, "Support",
     "The help centre had nothing about a missing item, so I gave up and ate pasta."),
    (17, "7 October 2026", STUDENTS, VEGGIE, "consideration",
     "The weekly menu is great, I look at it on the bus every Sunday."),
    (18, "12 October 2026", YOUNG, CLASSIC, "Sign-up",
     "Signed up in the app in three minutes with Google Pay. Easiest sign-up I've done."),
    (18, "12 October 2026", YOUNG, CLASSIC, "Delivery",
     "I'm at the office three days a week, so I need to know when the box comes. Tracking "
     "gives me a six-hour window."),
    (19, "13 October 2026", YOUNG, VEGGIE, "Delivery",
     "I hate the amount of plastic. For a company with a Veggie box it looks bad."),
    (19, "13 October 2026", YOUNG, VEGGIE, "Renewal",
     "I travel for work and skip a lot. Once I got charged for a week I had skipped, and "
     "the invoice even said so."),
    (20, "14 October 2026", YOUNG, VEGGIE, "Cooking",
     "The rate your meal notification comes at ten at night; I just swipe it away."),
    (20, "14 October 2026", YOUNG, VEGGIE, "Consideration",
     "I used the pre-sales chat to ask about allergens and got an answer within minutes."),
    (20, "14 October 2026", YOUNG, VEGGIE, "Support",
     "Chat support sorted my missing item in five minutes with a credit. Better than "
     "phoning."),
]
INTERVIEWERS = ["Inês Carvalho", "Amara Okafor", "Mei Chen"]


def write_interviews(folder: Path) -> None:
    snippets = []
    seen: dict[int, int] = {}
    for number, date, segment, product, stage, quote in INTERVIEWS:
        seen[number] = seen.get(number, 0) + 1
        snippets.append({
            "id": f"INT-{number:02d}-{seen[number]}", "interview": f"INT-{number:02d}",
            "date": date, "interviewer": INTERVIEWERS[number % 3], "segment": segment,
            "box": product, "stage": stage, "quote": quote})
    text = json.dumps(snippets, ensure_ascii=False, indent=2)
    (folder / "interviews.json").write_text(text + "\n", encoding="utf-8")


# --------------------------------------------------------------------------------------
# 6. nps_followup.parquet: the data team's table of NPS answers with a reason
# --------------------------------------------------------------------------------------

NPS_ROWS = 2200


def nps_row(rng: random.Random, n: int) -> dict[str, Any]:
    segment, product = customer(rng, (0.3, 0.25, 0.2, 0.25))
    when = moment(rng, range(8, 23), [1] * 15)
    tp = pick(rng, SEGMENT_TOPICS[segment])
    p = mood(rng, tp, segment, product, when.date())
    value = 4.3 + 6.5 * p + NPS_LEAN[segment] + rng.gauss(0, 1.2)
    score: int | None = round(min(max(value, 0), 10))
    tone = "neg" if score <= 6 else "mid" if score <= 8 else "pos"
    reason: str | None = say(rng, tp, tone, segment, product, when.date())
    roll = rng.random()
    if roll < 0.02:
        score = None
    elif roll < 0.023:
        score = 11
    if rng.random() < 0.04:
        reason = None if rng.random() < 0.5 else ""
    return {"respondent_id": 700000 + n, "answered_at": when.replace(tzinfo=LOCAL),
            "nps": score, "reason": reason, "plan": messy(rng, product),
            "segment": messy(rng, segment), "weeks_subscribed": rng.randint(1, 80)}


def write_nps(folder: Path) -> None:
    rng = random.Random(SEED + 6)
    rows = sorted((nps_row(rng, n) for n in range(NPS_ROWS)), key=lambda r: r["answered_at"])
    rows = duplicate(rng, rows, 10)
    schema = pa.schema([("respondent_id", pa.int64()),
                        ("answered_at", pa.timestamp("us", tz="UTC")),
                        ("nps", pa.int8()), ("reason", pa.string()), ("plan", pa.string()),
                        ("segment", pa.string()), ("weeks_subscribed", pa.int16())])
    table = pa.Table.from_pylist(rows, schema=schema)
    pq.write_table(table, folder / "nps_followup.parquet", compression="zstd")


# --------------------------------------------------------------------------------------
# Mappings and tagging rules
# --------------------------------------------------------------------------------------

def workshop_names() -> tuple[dict[str, str], dict[str, str]]:
    """Touchpoint key -> workshop name, and touchpoint name -> stage name, from the sample."""
    workshop = json.loads(WORKSHOP.read_text(encoding="utf-8"))
    stages = {s["id"]: s["name"] for s in workshop["stages"]}
    names = {t["id"].removeprefix("t-"): t["name"] for t in workshop["touchpoints"]}
    table = {t["name"]: stages[t["stage_id"]] for t in workshop["touchpoints"]}
    missing = sorted(set(BASE) - set(names))
    if missing:
        raise SystemExit(f"touchpoints not in the sample workshop: {missing}")
    return names, table


def mappings(names: dict[str, str]) -> dict[str, dict[str, Any]]:
    """Export file stem (plus a suffix when one file needs two) -> its column mapping."""
    survey_common = {"id": "Response ID", "timestamp": "Submitted",
                     "segment": "Customer segment", "product": "Box"}
    return {
        "post_delivery_survey": {
            "columns": survey_common,
            "constants": {"source": "survey", "channel": "email"},
            "score_type": "csat", "date_order": "dayfirst",
            "wide": {q: names[tp] for q, tp in SURVEY_QUESTIONS}},
        "post_delivery_survey.nps": {
            "columns": {**survey_common, "score": SURVEY_NPS, "text": SURVEY_COMMENT},
            "constants": {"source": "survey", "channel": "email"},
            "score_type": "nps", "date_order": "dayfirst"},
        "app_reviews": {
            "columns": {"id": "Review ID", "timestamp": "Date", "score": "Stars",
                        "text": "Review", "product": "Matched box",
                        "segment": "Matched segment"},
            "constants": {"source": "review", "channel": "mobile_app"},
            "score_type": "rating"},
        "support_tickets": {
            "columns": {"id": "Ticket ID", "timestamp": "Created", "channel": "Channel",
                        "touchpoint": "Category", "text": "Description",
                        "segment": "Customer segment", "product": "Plan",
                        "score": "CSAT (1-5)"},
            "constants": {"source": "support_log"},
            "score_type": "csat", "date_order": "monthfirst"},
        "social_posts": {
            "columns": {"id": "post_id", "timestamp": "posted_at", "text": "text"},
            "constants": {"source": "social", "channel": "social"}},
        "interviews": {
            "columns": {"id": "id", "timestamp": "date", "segment": "segment",
                        "product": "box", "stage": "stage", "text": "quote"},
            "constants": {"source": "interview", "channel": "in_person"},
            "date_order": "dayfirst"},
        "nps_followup": {
            "columns": {"id": "respondent_id", "timestamp": "answered_at", "score": "nps",
                        "text": "reason", "segment": "segment", "product": "plan"},
            "constants": {"source": "survey", "channel": "email"},
            "score_type": "nps"},
    }


#: Keyword and regex rules, most specific first: the first rule that matches wins.
RULES: list[tuple[str, str, str | list[str]]] = [
    ("referral code", "referral", ["referral", "refer a friend", "invite code"]),
    ("flyer", "flyer", ["flyer", "leaflet"]),
    ("pre-sales chat", "chatpre", ["pre-sales chat", "presales chat", "sales chat"]),
    ("win-back offers", "winback",
     r"win-?back|come-?back offers?|discount e-?mails|stop sending me"),
    ("credit or refund", "refund", r"\brefund\w*|money back|\bcredit(ed)?\b(?! card)"),
    ("invoice and charges", "invoice", r"invoice|\bcharged\b|double[- ]charged|\bowe\b"),
    ("cancelling", "cancel", r"\bcancel\w*"),
    ("skipping and pausing", "skip", r"\bskip\w*|\bpaus(e|ed|ing)\b"),
    ("signing up in the app", "appsignup",
     r"sign(ing|ed)?[ -]?up\b[^.!?]{0,25}\bapp\b|\bapp\b[^.!?]{0,25}\bsign(ing|ed)?[ -]?up"
     r"|scan(ning)? (my|the) card|card scanning|photo of my card"),
    ("checkout", "checkout",
     r"check-?out|payment|card details|apple pay|google pay"
     r"|sign(ing|ed)?[ -]?up on the website"),
    ("welcome email", "welcome", r"welcome e-?mail"),
    ("delivery slots", "slot",
     r"\bslots?\b|delivery (window|day)|evening deliver\w*|window after"),
    ("dispatch notification", "dispatch", r"dispatch\w*"),
    ("tracking", "tracking", r"\btrack\w*|where is my box|out for delivery|arrival time"),
    ("courier", "courier",
     r"courier|driver|doorstep|rang the bell|ring(ing)? the bell|over the gate|by the gate"),
    ("packaging", "box",
     r"packag\w*|plastic|insulat\w*|ice packs?|\bliners?\b|recycl\w*|box arrived crushed"),
    ("recipe cards", "cards", r"recipe cards?|magnifying glass"),
    ("adverts", "ad", r"\bads?\b|advert\w*|sponsored|instagram"),
    ("cooking videos", "video", r"\bvideos?\b"),
    ("rate your meal", "rate", r"\brate (your|my|every)( single)? meal"),
    ("help centre", "help", r"help (centre|center|articles?)"),
    ("menu", "menu", r"\bmenu\b"),
    ("prices", "plans",
     r"\bpric(e|es|ed|ey)\b|per serving|expensive|\bafford|budget|€ ?\d+|euros|value"),
    ("missing or not fresh", "ingredients",
     r"\bmissing\b|ingredients?|\bfresh(ness)?\b|wilted|gone off|wasn't (there|in the bag)"),
    ("phone", "phone", r"\bphon\w*|on hold|hold music|\bcall(ed|ing)?\b"),
]
#: A text about delivery in general, with no touchpoint named: at least the stage is known.
STAGE_RULES = [("delivery in general", "Delivery", r"\bdeliver\w*|\bbox came late")]
STAGE_LOOKUP = {"signup": "Sign-up", "sign up": "Sign-up", "renewal": "Renewal or cancellation",
                "cancellation": "Renewal or cancellation",
                "renewal / cancel": "Renewal or cancellation"}


def tagging(names: dict[str, str], stages: dict[str, str]) -> dict[str, Any]:
    lookup: dict[str, str | None] = {c: (names[tp] if tp else None)
                                     for c, tp, _, _ in CATEGORIES}
    rules: list[dict[str, Any]] = []
    for name, tp, match in RULES:
        rule: dict[str, Any] = {"name": name}
        rule["keywords" if isinstance(match, list) else "regex"] = match
        rules.append({**rule, "touchpoint": names[tp]})
    rules += [{"name": n, "regex": r, "stage": s} for n, s, r in STAGE_RULES]
    return {"stages": stages, "stage_lookup": STAGE_LOOKUP, "lookup": lookup, "rules": rules}


TAGGING_HEADER = """\
# Tagging rules for the FreshBox sample exports (see README.md).
# stages: every touchpoint of the sample workshop and the stage it sits on.
# stage_lookup: stage names as the interviewers wrote them.
# lookup: the help desk's ticket categories; null means "names no touchpoint, read the text".
# rules: tried in order on the text of rows the lookup did not settle; the first match wins.
"""


def dump_yaml(data: dict[str, Any]) -> str:
    return yaml.safe_dump(data, sort_keys=False, allow_unicode=True, width=100)


def write_config(folder: Path) -> None:
    names, stages = workshop_names()
    for stem, mapping in mappings(names).items():
        (folder / f"{stem}.mapping.yaml").write_text(dump_yaml(mapping), encoding="utf-8")
    text = TAGGING_HEADER + dump_yaml(tagging(names, stages))
    (folder / "tagging.yaml").write_text(text, encoding="utf-8")


WRITERS: list[Callable[[Path], None]] = [
    write_survey, write_reviews, write_tickets, write_social, write_interviews, write_nps,
    write_config]


def write_all(folder: Path = OUT) -> list[Path]:
    """Write every export, mapping and the tagging rules into `folder`; return the files."""
    folder.mkdir(parents=True, exist_ok=True)
    for writer in WRITERS:
        writer(folder)
    return sorted(p for p in folder.iterdir() if p.name != "README.md")


if __name__ == "__main__":
    for path in write_all():
        print(path.relative_to(HERE))
