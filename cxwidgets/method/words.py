"""The words people see for the model's codes (channels, functions, purposes).

Kept beside `steps.py` as the kit's one vocabulary: widgets, charts and exports all
label codes through here, so a channel is called the same thing everywhere.
"""

from __future__ import annotations

from enum import Enum

from cxwidgets.method.model import Channel, Function, Medium, PurposeKind

CHANNEL = {
    Channel.web: "Website", Channel.mobile_app: "Mobile app", Channel.email: "Email",
    Channel.chat: "Chat", Channel.social: "Social media", Channel.phone: "Phone",
    Channel.store: "Store", Channel.in_person: "In person", Channel.mail: "Post",
    Channel.partner: "Partner", Channel.other: "Other",
}
FUNCTION = {
    Function.sales: "Sales", Function.support: "Customer support", Function.it: "IT",
    Function.operations: "Operations", Function.finance: "Finance",
    Function.product: "Product", Function.marketing: "Marketing", Function.hr: "People / HR",
    Function.legal: "Legal", Function.leadership: "Leadership", Function.other: "Other",
}
MEDIUM = {Medium.digital: "Digital", Medium.physical: "Physical"}
PURPOSE = {
    PurposeKind.pain_points: "Find the pain points",
    PurposeKind.touchpoints: "Improve the touchpoints",
    PurposeKind.innovation: "Find room to innovate",
}


def options(labels: dict[Enum, str]) -> list[tuple[str, str]]:
    """(label, code) pairs for a Dropdown, in the order the labels are written."""
    return [(label, code.value) for code, label in labels.items()]


def label(labels: dict[Enum, str], code: Enum | str) -> str:
    for key, text in labels.items():
        if code in (key, key.value):
            return text
    return str(code)
