"""Write the sample workshop the kit opens on: FreshBox meal kits, before and after review.

Two files come out of this script:

* `sample_workshop.as_is.json`: the map at the end of day 1 (steps 1-10): the frame,
  the evidence, persona drafts and agreed personas, stages, touchpoints, everyone's
  emotion ratings, pain points, opportunities and backstage processes.
* `sample_workshop.json`: the same workshop at the end of day 2 (steps 11-16): review
  comments (some accepted, so the map's wording changed), accuracy votes, dot votes,
  impact and effort, two new opportunities, a few ratings changed after the review,
  goals, actions and the two named versions.

Run `python sample_data/make_sample_workshop.py`. The output is identical on every run
(fixed ids, no clock, a fixed seed for the spread of ratings), and both workshops are
checked against the model and against the kit's cross-entity rules before anything is
written.
"""

from __future__ import annotations

import copy
import random
from pathlib import Path
from typing import Any

import yaml

from cxwidgets.method import rules
from cxwidgets.method.kinds import COLLECTIONS, TEXT_FIELD
from cxwidgets.method.model import Workshop

HERE = Path(__file__).resolve().parent
AS_IS_FILE = HERE / "sample_workshop.as_is.json"
FINAL_FILE = HERE / "sample_workshop.json"

FAC = "facilitator"
SEED = 20261103
DOT_BUDGET = 5
P1 = "per-busy-parent"
P2 = "per-retired"

STAGES = [
    ("s-aware", "Awareness", "Hears about the meal kit from a friend, an ad or a search."),
    ("s-consider", "Consideration", "Compares plans, prices and recipes."),
    ("s-signup", "Sign-up", "Chooses a plan and pays for the first box."),
    ("s-delivery", "Delivery", "Waits for and receives the box."),
    ("s-cook", "Cooking", "Unpacks, follows the recipe cards, eats."),
    ("s-support", "Support", "Gets help when something is missing or wrong."),
    ("s-renew", "Renewal", "Skips, pauses, changes plan or cancels."),
]

# (id, name, channel, medium, owner, stage, description)
TOUCHPOINTS = [
    ("t-ad", "Social media advert", "social", "digital", "marketing", "s-aware",
     "Short recipe videos with a first-box discount code."),
    ("t-referral", "Friend's referral code", "other", "digital", "marketing", "s-aware",
     "A code shared by an existing customer; both get a discount."),
    ("t-search", "Search result and landing page", "web", "digital", "marketing", "s-aware",
     "Paid and organic results for 'meal kit delivery' and the page they lead to."),
    ("t-flyer", "Flyer in a neighbour's box", "mail", "physical", "marketing", "s-aware",
     "A printed voucher customers are asked to pass on."),
    ("t-plans", "Plans and prices page", "web", "digital", "product", "s-consider",
     "Two to five recipes a week, for two or four people; prices shown per serving."),
    ("t-menu", "Weekly menu preview", "web", "digital", "product", "s-consider",
     "The next four weeks of recipes, with photos and cooking times."),
    ("t-reviews", "Reviews on comparison sites", "partner", "digital", "marketing",
     "s-consider", "Star ratings and written reviews on two comparison sites."),
    ("t-chatpre", "Pre-sales chat", "chat", "digital", "sales", "s-consider",
     "Chat window on the plans page, staffed 9:00-17:00 on weekdays."),
    ("t-checkout", "Checkout and payment", "web", "digital", "it", "s-signup",
     "Address, card details and the first delivery date on one page."),
    ("t-appsignup", "Sign-up in the mobile app", "mobile_app", "digital", "it", "s-signup",
     "The same sign-up in the app, with card scanning and Apple or Google Pay."),
    ("t-welcome", "Welcome email", "email", "digital", "marketing", "s-signup",
     "Sent right after payment: what happens next and how to pick recipes."),
    ("t-slot", "Delivery slot choice", "web", "digital", "operations", "s-signup",
     "Morning, afternoon or evening slots, fixed for every week of the plan."),
    ("t-dispatch", "Dispatch notification", "email", "digital", "operations", "s-delivery",
     "Email and push message when the box leaves the packing centre."),
    ("t-tracking", "Live tracking in the app", "mobile_app", "digital", "it", "s-delivery",
     "The courier's position and an estimated arrival time."),
    ("t-courier", "Courier at the door", "in_person", "physical", "operations", "s-delivery",
     "Partner couriers hand over the box or leave it in a safe place."),
    ("t-box", "The box and its packaging", "in_person", "physical", "operations",
     "s-delivery", "Insulated box with ice packs; one bag per recipe."),
    ("t-cards", "Recipe cards", "mail", "physical", "product", "s-cook",
     "One printed card per recipe, steps with photos."),
    ("t-ingredients", "Ingredients and freshness", "in_person", "physical", "operations",
     "s-cook", "Everything the recipes need except oil, salt and pepper."),
    ("t-video", "Cooking videos in the app", "mobile_app", "digital", "product", "s-cook",
     "A short video for the trickier steps of each recipe."),
    ("t-rate", "Rate your meal prompt", "mobile_app", "digital", "product", "s-cook",
     "A push message the evening after cooking asking for one to five stars."),
    ("t-help", "Help centre articles", "web", "digital", "support", "s-support",
     "About 120 articles; searchable, linked from the app's menu."),
    ("t-phone", "Support phone line", "phone", "digital", "support", "s-support",
     "Open 8:00-20:00 every day; the busiest hours are 17:00-19:00."),
    ("t-refund", "Credit for a missing item", "email", "digital", "finance", "s-support",
     "Credit added to the account after a complaint, confirmed by email."),
    ("t-skip", "Skip a week", "mobile_app", "digital", "product", "s-renew",
     "Skipping is possible until Wednesday midnight for the next week's box."),
    ("t-invoice", "Monthly invoice", "email", "digital", "finance", "s-renew",
     "A PDF invoice listing every box charged and every credit given."),
    ("t-cancel", "Cancellation flow", "web", "digital", "it", "s-renew",
     "Account settings, then a reason survey, then a discount offer, then confirmation."),
    ("t-winback", "Win-back offer", "email", "digital", "marketing", "s-renew",
     "A discount email sent two, four and eight weeks after cancelling."),
]

# (id, name, function, group)
PARTICIPANTS = [
    ("p-amara", "Amara Okafor", "support", "Table 1"),
    ("p-jonas", "Jonas Weber", "it", "Table 1"),
    ("p-lucia", "Lucía Fernández", "marketing", "Table 1"),
    ("p-tom", "Tom Becker", "operations", "Table 2"),
    ("p-mei", "Mei Chen", "product", "Table 2"),
    ("p-rahul", "Rahul Mehta", "finance", "Table 2"),
    ("p-sofia", "Sofia Rossi", "sales", "Table 3"),
    ("p-ines", "Inês Carvalho", "support", "Table 3"),
    ("p-noah", "Noah Schmidt", "operations", "Table 3"),
    ("p-eva", "Eva Lindqvist", "leadership", "Table 2"),
]
NAMES = {pid: name for pid, name, _, _ in PARTICIPANTS}

FEEDBACK = HERE / "feedback"


def _source(sid: str, name: str, kind: str, rows: int, period: str, file: str, note: str,
            mapping: str | None = None) -> dict[str, Any]:
    """An evidence source pointing at one of the sample exports, with its column mapping."""
    mapping_file = FEEDBACK / (mapping or f"{file.split('.')[0]}.mapping.yaml")
    return {"id": sid, "name": name, "kind": kind, "rows": rows, "period": period,
            "location": f"sample_data/feedback/{file}", "note": note,
            "mapping": yaml.safe_load(mapping_file.read_text(encoding="utf-8"))}


SOURCES = [
    _source("src-survey", "Post-delivery survey", "survey", 6024, "June-October 2026",
            "post_delivery_survey.csv",
            "Eight 1-5 questions, one per touchpoint, plus NPS; semicolon CSV from the "
            "survey tool."),
    _source("src-nps", "NPS follow-up", "survey", 2210, "June-October 2026",
            "nps_followup.parquet", "Would you recommend us, and why."),
    _source("src-interviews", "Kitchen-table interviews", "interview", 36,
            "September-October 2026", "interviews.json",
            "Busy parents and retired customers, one hour each, at home."),
    _source("src-appstore", "App store reviews", "review", 2415, "June-October 2026",
            "app_reviews.xlsx", "Both stores; star ratings with the review text."),
    _source("src-social", "Social media posts", "social", 3630, "June-October 2026",
            "social_posts.jsonl", "Posts naming FreshBox; no score, sentiment read from the "
                                  "text."),
    _source("src-tickets", "Support ticket log", "support_log", 8540, "June-October 2026",
            "support_tickets.csv", "Every phone, chat and email ticket with its category "
                                   "and CSAT."),
]

PERSONA_DRAFTS_1 = [
    {"id": "per-d1-t1", "created_by": "p-amara", "group": "Table 1", "segment": "Busy parents",
     "name": "Busy Bea", "role": "Nurse on rotating shifts, two children aged 6 and 9",
     "background": "Shops on the way home from a late shift; dinner is often the last "
                   "thing she has energy for.",
     "goals": ["A healthy dinner on the table in 30 minutes",
               "No more 'what's for dinner?' every evening"],
     "needs": ["Boxes that arrive on the days she is home",
               "Portions and flavours children will eat"],
     "frustrations": ["Finding out at 6 pm that an ingredient is missing",
                      "Phone queues in the one free hour she has"],
     "channels": ["mobile_app", "phone"],
     "quote": "If one thing is missing, the whole meal falls apart."},
    {"id": "per-d1-t2", "created_by": "p-tom", "group": "Table 2", "segment": "Busy parents",
     "name": "Daniel, the juggling dad",
     "role": "Project manager, works from home two days a week, three children",
     "background": "Does most of the cooking and keeps a tight household budget in a "
                   "spreadsheet.",
     "goals": ["Know the weekly food bill in advance", "Cook together with the kids "
               "at weekends"],
     "needs": ["Prices with no surprises on the invoice",
               "Skip weeks easily around school holidays"],
     "frustrations": ["Being charged for a week he thought he had skipped",
                      "A cancel button that is hard to find"],
     "channels": ["web", "email"],
     "quote": "I signed up to save time, not to manage another subscription."},
    {"id": "per-d1-t3", "created_by": "p-sofia", "group": "Table 3", "segment": "Busy parents",
     "name": "Priya, working mum", "role": "Accountant, commutes by train, one toddler",
     "background": "Ordered takeaway three times a week before trying meal kits; found "
                   "FreshBox through an Instagram advert.",
     "goals": ["Eat less takeaway", "Try new recipes without planning or shopping"],
     "needs": ["Help in the app or by chat, never by phone",
               "Clear delivery times she can plan the evening around"],
     "frustrations": ["Tracking that says 'today' and nothing more",
                      "Having to phone to get money back"],
     "channels": ["mobile_app", "chat", "social"],
     "quote": "I don't have time to call anyone. Just sort it out in the app."},
]

AGREED_1 = {
    "id": P1, "created_by": FAC, "group": "", "segment": "Busy parents", "agreed": True,
    "based_on": ["per-d1-t1", "per-d1-t2", "per-d1-t3"],
    "name": "Sam, the busy parent",
    "role": "Works full time, two school-age children, cooks most weeknights",
    "background": "Came to FreshBox to stop the nightly dinner scramble. Plans the week "
                  "on a phone in spare minutes and watches the family budget closely.",
    "goals": ["A healthy dinner on the table in 30 minutes",
              "Know the weekly bill in advance",
              "Eat less takeaway without extra planning"],
    "needs": ["A complete box on a delivery day that fits the family's week",
              "Help in the app when something goes wrong",
              "Skipping and pausing without penalties"],
    "frustrations": ["Missing ingredients discovered at cooking time",
                     "Waiting on the phone to get a refund",
                     "Charges for weeks meant to be skipped"],
    "channels": ["mobile_app", "email", "chat"],
    "quote": "I signed up so dinner would be one less thing to think about.",
}

PERSONA_DRAFTS_2 = [
    {"id": "per-d2-t1", "created_by": "p-jonas", "group": "Table 1", "segment": "Retired couples",
     "name": "Margaret, recently retired teacher",
     "role": "Lives with her husband; cooks every day and enjoys it",
     "background": "Her daughter signed her up as a birthday present; she kept the "
                   "subscription for the variety.",
     "goals": ["Try dishes she would not find at the local shop",
               "Keep cooking for two without leftovers"],
     "needs": ["A person to speak to when there is a problem",
               "Recipe cards she can read without glasses"],
     "frustrations": ["Apps that assume she knows where to tap",
                      "Packaging she cannot recycle"],
     "channels": ["phone", "mail", "email"],
     "quote": "I like the food. I don't like being told to download something."},
    {"id": "per-d2-t2", "created_by": "p-mei", "group": "Table 2", "segment": "Retired couples",
     "name": "Alan and Joyce", "role": "Retired couple in their seventies, no car",
     "background": "Gave up the weekly supermarket trip after Alan's knee operation; "
                   "value a delivery they can rely on.",
     "goals": ["Eat well without carrying shopping home", "Keep to a fixed pension budget"],
     "needs": ["Delivery at a time someone is sure to be in",
               "A plain monthly bill"],
     "frustrations": ["Boxes left on the doorstep in the rain",
                      "Discount emails they did not ask for"],
     "channels": ["phone", "email"],
     "quote": "We just want it to turn up, and to know what we are paying."},
]

AGREED_2 = {
    "id": P2, "created_by": FAC, "group": "", "segment": "Retired couples", "agreed": True,
    "based_on": ["per-d2-t1", "per-d2-t2"],
    "name": "Margaret and Alan, the retired couple",
    "role": "Retired, cook for two every day, prefer the phone to the app",
    "background": "Started with a gift subscription from family and stayed for the "
                  "variety and for not having to carry shopping home.",
    "goals": ["Try new dishes without waste", "Keep to a fixed monthly budget"],
    "needs": ["A person to talk to when something is wrong",
              "Large, clear recipe cards", "A delivery they can be home for"],
    "frustrations": ["Sign-up and changes that only work in the app",
                     "Boxes left outside without a word"],
    "channels": ["phone", "mail", "email"],
    "quote": "We just want it to turn up, and to know what we are paying.",
}

EMPATHY_MAP = {
    "id": "emp-busy-parent", "created_by": FAC, "persona_id": P1,
    "says": ["Dinner has to be on the table by half six", "Why do I have to phone you?"],
    "thinks": ["Is this actually cheaper than the supermarket?",
               "If this box is wrong too, I'm cancelling"],
    "does": ["Picks recipes on the phone during the commute",
             "Checks the box the moment it arrives"],
    "feels": ["Relieved when a week runs smoothly", "Let down when an item is missing"],
    "hears": ["Friends recommending other meal kits", "Children asking what's for dinner"],
    "needs": ["A complete box", "Quick help without a call"],
    "pains": ["Missing items", "Surprise charges", "Phone queues"],
    "gains": ["Evenings without planning", "New recipes the family likes"],
    "evidence": ["Kitchen-table interviews, families 1-8",
                 "Survey after box 4: free-text answers on 'what nearly made you stop'"],
}

# Mean feeling at each touchpoint for each agreed persona (-2..+2), and the word the
# room used most for it. Persona 1's curve: curiosity, delight at sign-up, a dip at
# delivery and missing items, the low point at support and cancellation.
CURVE = {
    #                 persona 1         persona 2
    "t-ad": ((0, "curious"), (0, "indifferent")),
    "t-referral": ((1, "intrigued"), (1, "trusting")),
    "t-search": ((0, "comparing"), (0, "unsure")),
    "t-flyer": ((0, "indifferent"), (1, "interested")),
    "t-plans": ((-1, "confused"), (-1, "confused")),
    "t-menu": ((1, "tempted"), (1, "tempted")),
    "t-reviews": ((1, "reassured"), (0, "unsure")),
    "t-chatpre": ((1, "helped"), (-1, "lost")),
    "t-checkout": ((1, "easy"), (-1, "wary")),
    "t-appsignup": ((2, "delighted"), (-2, "lost")),
    "t-welcome": ((2, "excited"), (0, "neutral")),
    "t-slot": ((-1, "boxed in"), (1, "fine")),
    "t-dispatch": ((1, "expectant"), (0, "neutral")),
    "t-tracking": ((-1, "anxious"), (-1, "confused")),
    "t-courier": ((-1, "rushed"), (2, "grateful")),
    "t-box": ((0, "guilty"), (-1, "wasteful")),
    "t-cards": ((1, "capable"), (-1, "squinting")),
    "t-ingredients": ((-2, "let down"), (-1, "disappointed")),
    "t-video": ((1, "confident"), (-1, "irrelevant")),
    "t-rate": ((0, "indifferent"), (0, "indifferent")),
    "t-help": ((-1, "frustrated"), (-1, "lost")),
    "t-phone": ((-2, "stuck"), (1, "listened to")),
    "t-refund": ((-1, "short-changed"), (0, "fair")),
    "t-skip": ((0, "wary"), (-1, "confused")),
    "t-invoice": ((-1, "surprised"), (0, "neutral")),
    "t-cancel": ((-2, "trapped"), (-1, "tired")),
    "t-winback": ((-1, "pestered"), (-1, "pestered")),
}

SCORE_WORDS = {
    -2: ("furious", "fed up", "let down"),
    -1: ("annoyed", "impatient", "unsure"),
    0: ("neutral", "unsure", "fine"),
    1: ("pleased", "reassured", "relieved"),
    2: ("delighted", "impressed", "happy"),
}

#: Who leans which way: support staff hear the complaints, operations defend delivery.
BIAS = {
    ("p-amara", "s-support"): -1, ("p-ines", "s-support"): -1,
    ("p-tom", "s-delivery"): 1, ("p-noah", "s-delivery"): 1,
    ("p-lucia", "s-aware"): 1, ("p-rahul", "s-renew"): 1,
}
RATERS_P2 = ("p-jonas", "p-mei", "p-noah", "p-eva")

# (id, touchpoint, author, persona, text, detail, evidence)
PAINS = [
    ("pp-plans-price", "t-plans", "p-lucia", None,
     "Price per serving is hard to turn into a weekly cost",
     "The page leads with the price per serving; the weekly total appears only at "
     "checkout.",
     ["38% of survey respondents guessed their weekly price wrong by more than 10%",
      "Review: 'Looked cheap until I multiplied it out.'"]),
    ("pp-slot", "t-slot", "p-noah", P1, "Evening slots are full days ahead",
     "Working parents want 17:00-21:00; those slots sell out by Monday in most postcodes.",
     ["Evening slots sold out in 71% of postcodes by Monday noon (slot report, October)"]),
    ("pp-app-signup", "t-appsignup", "p-jonas", P2,
     "Sign-up in the app assumes a smartphone habit",
     "Card scanning and wallet payments confuse customers who mainly phone us.",
     ["Interview: 'It wanted a photo of my card. I rang my daughter.'"]),
    ("pp-tracking", "t-tracking", "p-amara", None,
     "Tracking stalls at 'out for delivery' for hours",
     "The estimate is the courier's whole route window, often six hours long.",
     ["'Where is my box?' is the third most common ticket reason (11% of tickets)"]),
    ("pp-courier", "t-courier", "p-sofia", None, "Box left outside without a message",
     "Some couriers leave the box by the door and send nothing, so it sits in the sun "
     "or the rain.",
     ["Social post: 'Came home to a soggy box on the step. No text, no photo.'",
      "64 tickets in September mention a box found outside"]),
    ("pp-packaging", "t-box", "p-lucia", None, "Too much insulation and plastic to throw away",
     "Each recipe is in its own bag and the liners cannot go in household recycling.",
     ["Packaging is the top theme in three-star reviews (19%)"]),
    ("pp-cards", "t-cards", "p-mei", P2, "Recipe cards are printed too small to read",
     "Steps are in 8-point type over photos.",
     ["Interview: 'I read the card with a magnifying glass.'"]),
    ("pp-missing", "t-ingredients", "p-ines", None, "Ingredients missing from the box",
     "An item is left out at packing or swapped without a note; customers find out "
     "when they start cooking.",
     ["1 box in 14 had at least one missing item in September (ticket log)",
      "Review: 'Opened the box at six and there was no chicken. Dinner for four, gone.'"]),
    ("pp-help", "t-help", "p-amara", None, "Help articles do not cover missing items",
     "Searching 'missing' returns articles about missed deliveries, not missing items.",
     ["42% of help-centre searches for 'missing' end in a phone call within an hour"]),
    ("pp-phone", "t-phone", "p-ines", None, "Long waits on the phone at dinner time",
     "Most problems are noticed while cooking, exactly when the queue is longest.",
     ["Median wait 14 minutes between 17:00 and 19:00, 2 minutes at other times",
      "Survey: 'I hung up after twenty minutes with a hungry toddler.'"]),
    ("pp-refund", "t-refund", "p-rahul", None,
     "Credit for a missing item arrives days later, and never as cash",
     "Credits above 10 EUR wait for a supervisor; they come as account credit, never cash.",
     ["Median three days from ticket to credit (finance report, Q3)"]),
    ("pp-invoice", "t-invoice", "p-rahul", None, "Charged for a week skipped after the cutoff",
     "A skip made on Thursday still charges that week, and the app does not say so.",
     ["Billing disputes doubled in August after the cutoff moved to Wednesday"]),
    ("pp-cancel", "t-cancel", "p-jonas", P1, "Cancelling takes five screens and feels like a trap",
     "A reason survey and two discount offers stand before the confirmation.",
     ["Median 4 minutes 40 seconds to cancel (app analytics)",
      "App review: 'Cancelling was harder than signing up. Never again.'"]),
    ("pp-winback", "t-winback", "p-sofia", None, "Win-back emails keep coming after cancelling",
     "Three discount emails in eight weeks, whatever the reason given for leaving.",
     ["Unsubscribe rate on win-back emails is 31%"]),
]

# (id, touchpoint, author, persona, text, detail, pain)
OPPORTUNITIES = [
    ("op-price-total", "t-plans", "p-mei", None, "Show the weekly total beside the price "
     "per serving", "One number a family can hold the budget against.", "pp-plans-price"),
    ("op-welcome-plan", "t-welcome", "p-lucia", P1, "Welcome email with a first-week "
     "cooking plan", "Which recipe to cook on which night, quickest first.", None),
    ("op-slot-waitlist", "t-slot", "p-noah", P1, "Waitlist for full evening slots",
     "Offer the next free evening slot automatically when one opens.", "pp-slot"),
    ("op-eta", "t-tracking", "p-jonas", None, "Thirty-minute arrival window by text",
     "Send a narrow window once the courier is two stops away.", "pp-tracking"),
    ("op-packaging-return", "t-box", "p-tom", None, "Courier takes back last week's liners",
     "Collect insulation and ice packs at the next delivery for reuse.", "pp-packaging"),
    ("op-large-print", "t-cards", "p-mei", P2, "Large-print recipe cards on request",
     "A setting in the account, also available by phone.", "pp-cards"),
    ("op-kids-card", "t-cards", "p-amara", P1, "A children's cooking card in family boxes",
     "One step of each recipe a child can do, with a sticker.", None),
    ("op-packing-check", "t-ingredients", "p-tom", None, "Scan every item at packing",
     "Each bag is scanned against the order before the box is closed.", "pp-missing"),
    ("op-instant-credit", "t-refund", "p-rahul", None, "One-tap credit for a missing item "
     "in the app", "Credit at once, no ticket, for customers with a good history.",
     "pp-refund"),
    ("op-pause", "t-cancel", "p-sofia", P1, "Offer a pause first, cancel in two taps",
     "Pausing for up to eight weeks; cancelling in two taps if that is still the wish.",
     "pp-cancel"),
]

# Added during the review on day 2.
NEW_OPPORTUNITIES = [
    ("op-callback", "t-phone", "p-ines", None, "Call-back at a chosen time instead of "
     "a queue", "At dinner time the line offers a call-back slot instead of hold music.",
     "pp-phone"),
    ("op-skip-reminder", "t-skip", "p-rahul", None, "Reminder the day before the skip "
     "cutoff", "A push message on Tuesday evening: skip, change or keep next week's box.",
     "pp-invoice"),
]

# (id, touchpoint, owner, author, name, description)
BACKSTAGE = [
    ("bs-menu", "t-menu", "product", "p-mei", "Weekly menu planning",
     "Chefs and buyers fix the menu five weeks ahead from supplier prices and ratings."),
    ("bs-payment", "t-checkout", "finance", "p-rahul", "Card authorisation and fraud check",
     "First payments above 80 EUR are held for a fraud check of up to one hour."),
    ("bs-app-release", "t-appsignup", "it", "p-jonas", "App releases and sign-up analytics",
     "Fortnightly releases; sign-up drop-off is measured per screen."),
    ("bs-crm", "t-welcome", "marketing", "p-lucia", "Lifecycle email journeys",
     "Welcome, reminder and win-back emails built in the marketing platform."),
    ("bs-slots", "t-slot", "operations", "p-noah", "Slot capacity planning",
     "Van capacity per postcode and slot, set weekly with the courier partner."),
    ("bs-routing", "t-tracking", "operations", "p-noah", "Route planning with the courier "
     "partner", "Routes are built overnight; the partner's app feeds the tracking page."),
    ("bs-packing", "t-ingredients", "operations", "p-tom", "Packing line quality check",
     "One box in fifty is opened and checked against its order at the end of the line."),
    ("bs-sourcing", "t-ingredients", "operations", "p-tom", "Supplier freshness checks",
     "Fresh deliveries are temperature-checked and dated on arrival."),
    ("bs-recipes", "t-cards", "product", "p-mei", "Recipe development and card printing",
     "Recipes are tested in the test kitchen; cards are printed in batches six weeks "
     "ahead."),
    ("bs-triage", "t-phone", "support", "p-amara", "Ticket triage and call routing",
     "Calls are routed by reason code; missing-item calls go to the general queue."),
    ("bs-credit", "t-refund", "finance", "p-rahul", "Credit approval",
     "Credits above 10 EUR need a supervisor's approval in the billing system."),
    ("bs-billing", "t-invoice", "finance", "p-rahul", "Weekly billing run",
     "Cards are charged every Wednesday at midnight for the following week's box."),
    ("bs-retention", "t-cancel", "sales", "p-sofia", "Retention offers",
     "The sales team sets the discounts shown in the cancellation flow each quarter."),
]

# --- day 2 -------------------------------------------------------------------------

# (id, author, target, text, proposed, status)
COMMENTS = [
    ("cm-missing-dairy", "p-ines", "pp-missing", "It is mostly dairy and meat that go "
     "missing, not dry goods", "Chilled items missing from the box", "accepted"),
    ("cm-tracking-partner", "p-jonas", "t-tracking", "This page belongs to the courier "
     "partner, not to our app", "Courier's tracking page", "accepted"),
    ("cm-invoice-wording", "p-rahul", "pp-invoice", "The cutoff is Wednesday; the card "
     "should say so", "Charged for a week skipped after the Wednesday cutoff", "accepted"),
    ("cm-renewal-name", "p-sofia", "s-renew", "Most people in this stage are leaving; "
     "say it", "Renewal or cancellation", "accepted"),
    ("cm-packing-weight", "p-noah", "bs-packing", "We also weigh every box",
     "Packing line weight and spot check", "rejected"),
    ("cm-cancel-phone", "p-eva", "pp-cancel", "Customers must phone to cancel",
     "Cancelling needs a phone call", "rejected"),
    ("cm-courier-region", "p-tom", "pp-courier", "Only one courier partner does this, "
     "in the north", "", "open"),
    ("cm-price-first", "p-mei", "op-price-total", "Lead with the weekly total, not "
     "the serving price", "Show the weekly total first, price per serving second", "open"),
    ("cm-kids-card", "p-lucia", "op-kids-card", "Families in the interviews loved "
     "this idea", "", "open"),
    ("cm-persona-topup", "p-amara", P1, "Sam still tops up at the supermarket on "
     "Saturdays", "", "open"),
    ("cm-phone-evidence", "p-amara", "pp-phone", "The wait figure comes from the "
     "October report; please keep it", "", "open"),
]

# (voter, element, +1 accurate / -1 not)
ACCURACY = [
    ("p-amara", "pp-missing", 1), ("p-amara", "pp-phone", 1), ("p-amara", "t-tracking", -1),
    ("p-jonas", "pp-missing", 1), ("p-jonas", "t-tracking", -1), ("p-jonas", "pp-cancel", 1),
    ("p-lucia", "pp-winback", 1), ("p-lucia", "pp-packaging", 1), ("p-lucia", P1, 1),
    ("p-tom", "pp-missing", 1), ("p-tom", "pp-courier", -1), ("p-tom", "bs-packing", 1),
    ("p-mei", "pp-cards", 1), ("p-mei", "pp-plans-price", 1), ("p-mei", P1, 1),
    ("p-rahul", "pp-invoice", -1), ("p-rahul", "pp-refund", 1), ("p-rahul", "bs-billing", 1),
    ("p-sofia", "pp-cancel", 1), ("p-sofia", "s-renew", -1), ("p-sofia", "pp-courier", 1),
    ("p-ines", "pp-missing", 1), ("p-ines", "pp-phone", 1), ("p-ines", "bs-triage", 1),
    ("p-noah", "bs-packing", -1), ("p-noah", "pp-slot", 1), ("p-noah", "pp-courier", -1),
    ("p-eva", "pp-cancel", -1), ("p-eva", P2, 1), ("p-eva", "pp-missing", 1),
]

# Each person's dots (at most DOT_BUDGET); a target twice means two dots on it.
DOTS = {
    "p-amara": ["pp-missing", "pp-phone", "op-callback", "op-instant-credit", "pp-help"],
    "p-jonas": ["op-instant-credit", "op-eta", "pp-cancel", "op-pause", "pp-missing"],
    "p-lucia": ["op-kids-card", "op-price-total", "op-pause", "pp-missing"],
    "p-tom": ["op-packing-check", "pp-missing", "pp-missing", "op-eta", "pp-slot"],
    "p-mei": ["op-price-total", "op-large-print", "op-instant-credit", "pp-cancel"],
    "p-rahul": ["op-instant-credit", "op-instant-credit", "op-skip-reminder",
                "op-price-total"],
    "p-sofia": ["op-pause", "op-pause", "pp-cancel", "pp-phone", "op-kids-card"],
    "p-ines": ["pp-phone", "pp-phone", "op-callback", "op-instant-credit", "pp-missing"],
    "p-noah": ["op-eta", "pp-slot", "op-packaging-return"],
    "p-eva": ["pp-missing", "op-instant-credit", "op-pause", "pp-cancel", "pp-phone"],
}

# Set in step 12: (impact, effort), both 1-5.
PRIORITY = {
    "pp-plans-price": (3, 2), "pp-slot": (3, 4), "pp-app-signup": (2, 3),
    "pp-tracking": (3, 3), "pp-courier": (3, 2), "pp-packaging": (2, 4), "pp-cards": (2, 1),
    "pp-missing": (5, 4), "pp-help": (3, 1), "pp-phone": (4, 3), "pp-refund": (4, 2),
    "pp-invoice": (3, 2), "pp-cancel": (4, 2), "pp-winback": (2, 1),
    "op-price-total": (3, 1), "op-welcome-plan": (2, 1), "op-slot-waitlist": (3, 3),
    "op-eta": (3, 3), "op-packaging-return": (2, 4), "op-large-print": (2, 1),
    "op-kids-card": (2, 2), "op-packing-check": (5, 4), "op-instant-credit": (5, 3),
    "op-pause": (4, 2), "op-callback": (4, 3), "op-skip-reminder": (3, 1),
}

# Ratings for persona 1 changed after the review: (rater, touchpoint, score, word).
CHANGED_RATINGS = [
    ("p-sofia", "t-phone", -2, "stuck"),
    ("p-jonas", "t-refund", -1, "short-changed"),
    ("p-amara", "t-ingredients", -2, "let down"),
    ("p-tom", "t-courier", -1, "rushed"),
    ("p-rahul", "t-invoice", -1, "surprised"),
    ("p-lucia", "t-winback", -2, "pestered"),
]

GOALS = [
    {"id": "g-vision", "created_by": FAC, "is_vision": True,
     "title": "Dinner sorted every week, without a second thought", "kpi": ""},
    {"id": "g-retention", "created_by": FAC, "title": "Keep new subscribers past their "
     "fourth box", "kpi": "Share still subscribed after box 4: from 58% to 70% by June 2027"},
    {"id": "g-complete", "created_by": FAC, "title": "Every box complete and on time",
     "kpi": "Boxes with a missing item below 1 in 50; on-time deliveries above 97%"},
    {"id": "g-one-contact", "created_by": FAC, "title": "Problems solved in one contact",
     "kpi": "First-contact resolution above 85%; median phone wait under 3 minutes"},
]

# Opportunities in step 15; op-kids-card and op-packaging-return stay unaligned.
OPPORTUNITY_GOALS = {
    "op-price-total": ["g-retention"], "op-welcome-plan": ["g-retention"],
    "op-slot-waitlist": ["g-complete"], "op-eta": ["g-complete"],
    "op-large-print": ["g-retention"], "op-packing-check": ["g-complete"],
    "op-instant-credit": ["g-one-contact", "g-retention"], "op-pause": ["g-retention"],
    "op-callback": ["g-one-contact"], "op-skip-reminder": ["g-retention"],
}

# (id, title, linked, owner, function, start, due, status, goals)
ACTIONS = [
    ("a-packing-scan", "Pilot item scanning on packing line 2", ["op-packing-check",
     "pp-missing"], "p-tom", "operations", "2026-11-09", "2026-12-18", "doing",
     ["g-complete"]),
    ("a-credit-limit", "Raise the credit limit that needs no approval to 15 EUR",
     ["pp-refund"], "p-rahul", "finance", "2026-11-05", "2026-11-20", "done",
     ["g-one-contact"]),
    ("a-instant-credit", "Build one-tap credit for missing items in the app",
     ["op-instant-credit", "pp-refund"], "p-jonas", "it", "2026-11-16", "2027-02-26",
     "todo", ["g-one-contact", "g-retention"]),
    ("a-help-missing", "Write a help article on missing items and link it in the app",
     ["pp-help", "pp-missing"], "p-ines", "support", "2026-11-05", "2026-11-13", "doing",
     ["g-one-contact"]),
    ("a-weekly-total", "Show the weekly total on the plans page", ["op-price-total",
     "pp-plans-price"], "p-mei", "product", "2026-11-09", "2026-11-20", "todo",
     ["g-retention"]),
    ("a-courier-note", "Agree a photo-and-text rule for boxes left outside",
     ["pp-courier", "op-eta"], "p-noah", "operations", "2026-11-05", "2026-11-24", "doing",
     ["g-complete"]),
    ("a-callback", "Trial dinner-time call-backs on the support line", ["op-callback",
     "pp-phone"], "p-amara", "support", "2026-11-23", "2027-01-29", "todo",
     ["g-one-contact"]),
    ("a-pause-flow", "Add a pause option and a two-tap cancel", ["op-pause", "pp-cancel"],
     "p-sofia", "sales", "2026-12-01", "2027-03-31", "todo", ["g-retention"]),
    ("a-winback-stop", "Stop win-back emails for customers who left over a missing box",
     ["pp-winback"], "p-lucia", "marketing", "2026-11-05", "2026-11-12", "done", []),
    ("a-rereview", "Review the map again with the January survey", ["pp-missing",
     "op-instant-credit", "pp-cancel"], "p-eva", "leadership", "2027-03-01", "2027-03-31",
     "todo", ["g-retention", "g-vision"]),
]

VERSIONS = [
    {"name": "As-is map (3 Nov)", "seq": 0, "kind": "as_is",
     "note": "End of day 1: the map as the room drew it."},
    {"name": "After review (4 Nov)", "seq": 0, "kind": "review",
     "note": "End of day 2: accepted corrections, priorities, goals and actions."},
]


# --- building ----------------------------------------------------------------------

def _frame() -> dict[str, Any]:
    return {
        "id": "w-sample",
        "title": "FreshBox meal kits: the first month",
        "scope": "FreshBox weekly meal-kit subscription, new customers in their first month",
        "purpose": {"kind": "pain_points", "statement": (
            "Find where new subscribers give up in their first four boxes, so that more "
            "of them are still cooking with us after a month.")},
        "customer_purpose": ("Customers come back because dinner is easy, fresh and "
                             "never a chore to organise."),
        "dates": ["2026-11-03", "2026-11-04"],
        "dot_budget": DOT_BUDGET,
        "participants": [{"id": i, "name": n, "function": f, "group": g, "created_by": FAC}
                         for i, n, f, g in PARTICIPANTS],
        "sources": [{**s, "created_by": FAC} for s in SOURCES],
    }


def _map() -> dict[str, Any]:
    return {
        "personas": [*PERSONA_DRAFTS_1, AGREED_1, *PERSONA_DRAFTS_2, AGREED_2],
        "empathy_maps": [EMPATHY_MAP],
        "stages": [{"id": i, "name": n, "order": k, "description": d, "created_by": FAC}
                   for k, (i, n, d) in enumerate(STAGES)],
        "touchpoints": [{"id": i, "name": n, "channel": c, "medium": m, "owner": o,
                         "stage_id": s, "description": d, "created_by": FAC}
                        for i, n, c, m, o, s, d in TOUCHPOINTS],
        "pain_points": [{"id": i, "touchpoint_id": t, "created_by": a, "persona_id": p,
                         "text": x, "detail": d, "evidence": e}
                        for i, t, a, p, x, d, e in PAINS],
        "opportunities": [_opportunity(o) for o in OPPORTUNITIES],
        "backstage": [{"id": i, "touchpoint_id": t, "owner": o, "created_by": a, "name": n,
                       "description": d} for i, t, o, a, n, d in BACKSTAGE],
    }


def _opportunity(row: tuple[Any, ...]) -> dict[str, Any]:
    i, t, a, p, x, d, pain = row
    return {"id": i, "touchpoint_id": t, "created_by": a, "persona_id": p, "text": x,
            "detail": d, "pain_id": pain}


def _emotions() -> list[dict[str, Any]]:
    """Every participant rates every touchpoint for persona 1; four do so for persona 2."""
    rng = random.Random(SEED)
    stage_of = {t[0]: t[5] for t in TOUCHPOINTS}
    out = []
    for n, (persona, raters) in enumerate(((P1, [p[0] for p in PARTICIPANTS]),
                                          (P2, list(RATERS_P2)))):
        for tp, curve in CURVE.items():
            base, word = curve[n]
            for who in raters:
                spread = rng.choice((-1, 0, 0, 0, 1)) + BIAS.get((who, stage_of[tp]), 0)
                score = max(-2, min(2, base + spread))
                out.append({
                    "id": f"em-{n + 1}-{tp}-{who}", "created_by": who, "participant": who,
                    "persona_id": persona, "touchpoint_id": tp, "score": score,
                    "word": word if score == base else rng.choice(SCORE_WORDS[score])})
    return out


def as_is_data() -> dict[str, Any]:
    """The workshop as a plain dict at the end of day 1 (steps 1-10)."""
    return {**_frame(), **_map(), "emotions": _emotions(), "versions": [VERSIONS[0]]}


def final_data() -> dict[str, Any]:
    """The workshop as a plain dict at the end of day 2: day 1 plus steps 11-16.

    New entities go after the existing ones in each list, which is where the store puts
    them when it replays day 2 on top of day 1.
    """
    data = copy.deepcopy(as_is_data())
    data["opportunities"] += [_opportunity(o) for o in NEW_OPPORTUNITIES]
    _review(data)
    _prioritise(data)
    _rerate(data)
    data["goals"] = copy.deepcopy(GOALS)
    for opp in data["opportunities"]:
        opp["goal_ids"] = list(OPPORTUNITY_GOALS.get(opp["id"], []))
    data["actions"] = [
        {"id": i, "title": t, "linked_ids": links, "owner": NAMES[who], "function": f,
         "start": start, "due": due, "status": status, "goal_ids": goals, "created_by": FAC}
        for i, t, links, who, f, start, due, status, goals in ACTIONS]
    data["versions"] = copy.deepcopy(VERSIONS)
    return data


def _entities(data: dict[str, Any]) -> dict[str, dict[str, Any]]:
    """Every entity by id, whatever its collection."""
    return {e["id"]: e for c in COLLECTIONS for e in data.get(c, [])}


def _review(data: dict[str, Any]) -> None:
    """Step 11: comments (accepted proposals change the element's wording), accuracy votes."""
    by_id = _entities(data)
    collection_of = {e["id"]: c for c in COLLECTIONS for e in data.get(c, [])}
    data["comments"] = []
    for i, who, target, text, proposed, status in COMMENTS:
        data["comments"].append({"id": i, "created_by": who, "target_id": target,
                                 "text": text, "proposed": proposed, "status": status})
        if status == "accepted" and proposed:
            by_id[target][TEXT_FIELD[collection_of[target]]] = proposed
    data["votes"] = [{"id": f"acc-{who}-{target}", "created_by": who, "voter": who,
                      "target_id": target, "kind": "accuracy", "value": value}
                     for who, target, value in ACCURACY]


def _prioritise(data: dict[str, Any]) -> None:
    """Step 12: dots from everyone, impact and effort on every pain point and opportunity."""
    for who, targets in DOTS.items():
        data["votes"] += [{"id": f"dot-{who}-{k + 1}", "created_by": who, "voter": who,
                           "target_id": target, "kind": "dot", "value": 1}
                          for k, target in enumerate(targets)]
    for item in (*data["pain_points"], *data["opportunities"]):
        item["impact"], item["effort"] = PRIORITY[item["id"]]


def _rerate(data: dict[str, Any]) -> None:
    """A few people changed their rating of a touchpoint once the review had shown them
    the evidence."""
    by_id = {e["id"]: e for e in data["emotions"]}
    for who, tp, score, word in CHANGED_RATINGS:
        rating = by_id[f"em-1-{tp}-{who}"]
        if rating["score"] == score:
            raise ValueError(f"{who} already rated {tp} {score}; pick a real change")
        rating["score"], rating["word"] = score, word


# --- checking ----------------------------------------------------------------------

def build_as_is() -> Workshop:
    workshop = Workshop.model_validate(as_is_data())
    rules.check_whole(workshop)
    return workshop


def build() -> Workshop:
    """The final state, after day 2: what `sample_workshop.json` holds."""
    workshop = Workshop.model_validate(final_data())
    rules.check_whole(workshop)
    return workshop


def build_history() -> list[Workshop]:
    """[as-is, final]: the two states the store's history is made from."""
    return [build_as_is(), build()]


def outputs() -> dict[Path, str]:
    """Each file and the exact text this script writes to it."""
    as_is, final = build_history()
    return {AS_IS_FILE: as_is.to_json() + "\n", FINAL_FILE: final.to_json() + "\n"}


def main() -> None:
    for path, text in outputs().items():
        path.write_text(text, encoding="utf-8")
        print(f"wrote {path}")


if __name__ == "__main__":
    main()
