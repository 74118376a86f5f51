"""The kit's text fields: what a person types reaches the kernel once, when they leave
the field or press Enter, not at every key.

A page sends typed keys as the field's state, and holds state back while an earlier
state message of that field still awaits the kernel's answer; a button's click is sent
at once. On a busy server the click could therefore overtake the last keys: a name typed
quickly and "Join" pressed reached the kernel as the click, then the last letters, and the
participant joined as "Ke", not "Keyla" (a pain point would be saved cut short the same
way). Sent once, as the person leaves the field for the button, the words arrive before
the click. Nothing in the kit reacts to a field while it is typed in, so nothing is lost
by it, and the room's kernels get one message per field, not one per key.
"""

from __future__ import annotations

from typing import Any

import ipywidgets as w

__all__ = ["Text", "Textarea"]


class Text(w.Text):
    """`ipywidgets.Text`, sent when left (`continuous_update=False` unless said)."""

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("continuous_update", False)
        super().__init__(**kwargs)


class Textarea(w.Textarea):
    """`ipywidgets.Textarea`, sent when left (`continuous_update=False` unless said)."""

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("continuous_update", False)
        super().__init__(**kwargs)
