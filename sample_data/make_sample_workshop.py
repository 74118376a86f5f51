"""Write sample_data/sample_workshop.json: the workshop the kit opens on by default.

Run `python sample_data/make_sample_workshop.py`; the output is the same on every run
(fixed ids, no clock), and it validates against the kit's model before it is written.
"""

from __future__ import annotations

from pathlib import Path

from cxwidgets.model import Workshop

HERE = Path(__file__).resolve().parent

STAGES = [
    ("s-aware", "Awareness", "Hears about the meal kit from a friend, an ad or a search."),
    ("s-consider", "Consideration", "Compares plans, prices and recipes."),
    ("s-signup", "Sign-up", "Chooses a plan and pays for the first box."),
    ("s-delivery", "Delivery", "Waits for and receives the box."),
    ("s-cook", "Cooking", "Unpacks, follows the recipe cards, eats."),
    ("s-support", "Support", "Gets help when something is missing or wrong."),
    ("s-renew", "Renewal", "Skips, pauses, changes plan or cancels."),
]

# (id, name, channel, medium, owner, stage)
TOUCHPOINTS = [
    ("t-ad", "Social media advert", "social", "digital", "marketing", "s-aware"),
    ("t-referral", "Friend's referral code", "other", "digital", "marketing", "s-aware"),
    ("t-search", "Search result and landing page", "web", "digital", "marketing", "s-aware"),
    ("t-flyer", "Flyer in a neighbour's box", "mail", "physical", "marketing", "s-aware"),
    ("t-plans", "Plans and prices page", "web", "digital", "product", "s-consider"),
    ("t-menu", "Weekly menu preview", "web", "digital", "product", "s-consider"),
    ("t-reviews", "Reviews on comparison sites", "partner", "digital", "marketing",
     "s-consider"),
    ("t-chatpre", "Pre-sales chat", "chat", "digital", "sales", "s-consider"),
    ("t-checkout", "Checkout and payment", "web", "digital", "it", "s-signup"),
    ("t-appsignup", "Sign-up in the mobile app", "mobile_app", "digital", "it", "s-signup"),
    ("t-welcome", "Welcome email", "email", "digital", "marketing", "s-signup"),
    ("t-slot", "Delivery slot choice", "web", "digital", "operations", "s-signup"),
    ("t-dispatch", "Dispatch notification", "email", "digital", "operations", "s-delivery"),
    ("t-tracking", "Live tracking in the app", "mobile_app", "digital", "it", "s-delivery"),
    ("t-courier", "Courier at the door", "in_person", "physical", "operations", "s-delivery"),
    ("t-box", "The box and its packaging", "in_person", "physical", "operations",
     "s-delivery"),
    ("t-cards", "Recipe cards", "mail", "physical", "product", "s-cook"),
    ("t-ingredients", "Ingredients and freshness", "in_person", "physical", "operations",
     "s-cook"),
    ("t-video", "Cooking videos in the app", "mobile_app", "digital", "product", "s-cook"),
    ("t-rate", "Rate your meal prompt", "mobile_app", "digital", "product", "s-cook"),
    ("t-help", "Help centre articles", "web", "digital", "support", "s-support"),
    ("t-phone", "Support phone line", "phone", "digital", "support", "s-support"),
    ("t-refund", "Credit for a missing item", "email", "digital", "finance", "s-support"),
    ("t-skip", "Skip a week", "mobile_app", "digital", "product", "s-renew"),
    ("t-invoice", "Monthly invoice", "email", "digital", "finance", "s-renew"),
    ("t-cancel", "Cancellation flow", "web", "digital", "it", "s-renew"),
    ("t-winback", "Win-back offer", "email", "digital", "marketing", "s-renew"),
]

PARTICIPANTS = [
    ("p-amara", "Amara Okafor", "support"), ("p-jonas", "Jonas Weber", "it"),
    ("p-lucia", "Lucía Fernández", "marketing"), ("p-tom", "Tom Becker", "operations"),
    ("p-mei", "Mei Chen", "product"), ("p-rahul", "Rahul Mehta", "finance"),
    ("p-sofia", "Sofia Rossi", "sales"), ("p-ines", "Inês Carvalho", "support"),
    ("p-noah", "Noah Schmidt", "operations"), ("p-eva", "Eva Lindqvist", "leadership"),
]


def build() -> Workshop:
    return Workshop.model_validate({
        "id": "w-sample",
        "title": "FreshBox meal kits: the first month",
        "scope": "FreshBox weekly meal-kit subscription, new customers in their first month",
        "purpose": {"kind": "pain_points", "statement": (
            "Find where new subscribers give up in their first four boxes, so that more "
            "of them are still cooking with us after a month.")},
        "customer_purpose": ("Customers come back because dinner is easy, fresh and "
                             "never a chore to organise."),
        "dates": ["2026-12-01", "2026-12-02"],
        "participants": [{"id": i, "name": n, "function": f, "created_by": "facilitator"}
                         for i, n, f in PARTICIPANTS],
        "stages": [{"id": i, "name": n, "order": k, "description": d,
                    "created_by": "facilitator"} for k, (i, n, d) in enumerate(STAGES)],
        "touchpoints": [{"id": i, "name": n, "channel": c, "medium": m, "owner": o,
                         "stage_id": s, "created_by": "facilitator"}
                        for i, n, c, m, o, s in TOUCHPOINTS],
    })


def main() -> None:
    out = HERE / "sample_workshop.json"
    out.write_text(build().to_json() + "\n", encoding="utf-8")
    print(f"wrote {out}")


if __name__ == "__main__":
    main()
