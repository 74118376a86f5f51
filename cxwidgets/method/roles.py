"""Who wrote an entry: the kit's roles, and participants' names that cannot pass for them.

Entries come from the facilitator, from customer evidence the facilitator brought in,
from customers answering a validation round, or from participants, who each choose the
name the room sees. A role is known from the author's id (`kind_of`), never from a
name; screens and exports show it as a mark of its own (`ROLE_LABELS`), and no
participant may take a name that reads as a role (`check_participant_name`): not in
another case, not with extra or invisible characters, not with look-alike letters from
another script (Cyrillic `а`, Greek `Ι`, full-width `Ｆ`, mathematical `𝐅`, `1` for `l`,
`rn` for `m`).

Look-alikes are compared by a skeleton (after Unicode TR39): compatibility forms folded
(NFKC), invisible format characters and accents dropped, each character replaced by one
representative of its class of confusable characters (from the Unicode confusables data
that `confusable_homoglyphs` ships), case folded both before and after the look-alikes.
Two names with the same skeleton look the same to a person. The data is read on the
first check (a joining participant), not on import.
"""

from __future__ import annotations

import functools
import re
import unicodedata

from cxwidgets.exceptions import InvalidInput
from cxwidgets.language import N_
from cxwidgets.method.model import EVIDENCE, FACILITATOR

#: Customers answering a validation round get ids with this prefix (never a name).
CUSTOMER_PREFIX = "c-"
#: How screens and exports name each role (participants are named by their own name).
ROLE_LABELS = {"facilitator": N_("Facilitator"), "evidence": N_("Customer evidence"),
               "customer": N_("Customer")}
#: Names no participant may take, compared by skeleton as a whole name: the roles' own
#: labels and the other words the kit uses in place of a person.
RESERVED_NAMES = (*ROLE_LABELS.values(), "Customers", "Evidence", "Facilitator (for the room)",
                  "The facilitator", "The customer", "The room", "Someone who left",
                  "Organiser", "Organizer", "Admin", "Administrator")
#: Words no participant's name may contain anywhere (with or without spaces around):
#: "Facilitator Anna" and "co-facilitator" read as the facilitator on the board.
RESERVED_WORDS = ("Facilitator", "Facilitatrice", "Moderator")
#: Characters a skeleton drops: accents, invisible format characters, controls.
_DROPPED = frozenset({"Mn", "Me", "Cf", "Cc"})


def kind_of(author: str, participants: set[str] | frozenset[str] = frozenset()) -> str:
    """The role of an author id: "facilitator", "evidence", "customer", "participant"
    (one of `participants`, the workshop's participant ids) or "gone" (someone who left)."""
    if author == FACILITATOR:
        return "facilitator"
    if author == EVIDENCE:
        return "evidence"
    if author.startswith(CUSTOMER_PREFIX):
        return "customer"
    return "participant" if author in participants else "gone"


@functools.cache
def _confusables() -> tuple[dict[str, str], dict[str, str]]:
    """(character -> representative of its class, character -> ASCII letters it reads as
    when it reads as several, e.g. `ﬁ` -> `fi`), built once from the confusables data."""
    # heavy: confusable_homoglyphs, only when `_confusables` runs
    from confusable_homoglyphs.confusables import confusables_data

    parent: dict[str, str] = {}

    def find(c: str) -> str:
        parent.setdefault(c, c)
        while parent[c] != c:
            parent[c] = parent[parent[c]]
            c = parent[c]
        return c

    def union(a: str, b: str) -> None:
        parent[find(a)] = find(b)

    expand: dict[str, str] = {}
    for key, glyphs in confusables_data.items():
        k = key.strip("\u200e\u200f")
        for glyph in glyphs:
            g = glyph["c"].strip("\u200e\u200f")
            if len(k) == 1 and len(g) == 1:
                union(k, g)
            elif len(k) == 1 and len(g) > 1 and g.isascii() and g.isalpha():
                expand[k] = g.casefold()
    members: dict[str, list[str]] = {}
    for c in list(parent):
        members.setdefault(find(c), []).append(c)

    def best(group: list[str]) -> str:
        ascii_alnum = sorted(c for c in group if c.isascii() and c.isalnum())
        lower = [c for c in ascii_alnum if c.islower()]
        return (lower or ascii_alnum or sorted(group))[0]

    rep = {c: best(group) for group in members.values() for c in group}
    return rep, expand


def skeleton(text: str) -> str:
    """What `text` looks like, as words of class representatives separated by single
    spaces, case folded: two texts with the same skeleton read the same to a person.
    Case counts before the look-alikes do (`I` reads as `l`, its lower case `i` does not):
    `looks` compares both orders."""
    rep, expand = _confusables()
    decomposed = unicodedata.normalize("NFD", unicodedata.normalize("NFKC", text))
    out = []
    for ch in decomposed:
        if unicodedata.category(ch) in _DROPPED:
            continue
        out += [rep.get(x, x) for x in expand.get(ch, ch)]
    folded = "".join(out).casefold()
    folded = folded.replace(rep.get("r", "r") + rep.get("n", "n"), rep.get("m", "m"))
    return " ".join(w for w in re.split(r"[\W_]+", folded) if w)


def looks(text: str) -> frozenset[str]:
    """The skeletons `text` may read as, spaces left out: of the text as written and of
    its lower case (`FACILITATOR` and `FaciIitator` both read as `Facilitator`)."""
    plain = unicodedata.normalize("NFKC", text)  # `𝐅` has no lower case; `F` has
    return frozenset(skeleton(t).replace(" ", "") for t in (plain, plain.casefold()))


@functools.cache
def _reserved() -> tuple[dict[str, str], dict[str, str]]:
    whole = {form: n for n in RESERVED_NAMES for form in looks(n)}
    words = {form: w for w in RESERVED_WORDS for form in looks(w)}
    return whole, words


def reserved_role(name: str) -> str | None:
    """The role name `name` reads as, if any (None for an ordinary name)."""
    whole, words = _reserved()
    forms = looks(name)
    found = next((whole[f] for f in forms if f in whole), None)
    if found is None:
        found = next((word for f in forms for k, word in words.items() if k in f), None)
    return found


def check_participant_name(name: str) -> None:
    """Refuse a participant's name that reads as one of the kit's roles, saying why."""
    role = reserved_role(name)
    if role is not None:
        raise InvalidInput(f"participant name: {name.strip()[:60]!r} reads as {role!r}, "
                           "which the kit keeps for its own roles so nobody can be taken "
                           "for them; please join with your own name")
