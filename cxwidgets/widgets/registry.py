"""The step screens, found by step key.

Each screen module registers its class with `@register`, as papermill's engines register
themselves. A lookup imports only the module the screen lives in (`SCREEN_MODULES`), so a
participant's kernel loads the two or three screens its room shows, not all sixteen and
the chart libraries behind them; a test checks that each module registers the screen it
is listed for.
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING, TypeVar

from cxwidgets.method.steps import STEPS, step

if TYPE_CHECKING:
    from cxwidgets.widgets.base import StepWidget

S = TypeVar("S", bound="type[StepWidget]")
_SCREENS: dict[str, type[StepWidget]] = {}
#: The module under cxwidgets.widgets each step's screen lives in.
SCREEN_MODULES: dict[str, str] = {
    "frame": "frame", "evidence": "evidence", "persona": "persona",
    "touchpoints": "touchpoints", "timeline": "timeline", "emotions": "emotions",
    "pains": "lanes", "opportunities": "lanes", "backstage": "lanes", "map": "journey_map",
    "review": "review", "prioritise": "prioritise", "actions": "actions",
    "versions": "versions", "goals": "goals", "share": "share"}


def register(cls: S) -> S:
    """Make `cls` the screen of the step named by its `step_key`."""
    key = step(cls.step_key).key  # an unknown key is refused here, at import
    if key in _SCREENS and _SCREENS[key] is not cls:
        raise ValueError(f"step {key!r} has two screens: {_SCREENS[key].__name__} and "
                         f"{cls.__name__}")
    _SCREENS[key] = cls
    return cls


def screen_class(key_or_number: str | int) -> type[StepWidget]:
    """The screen (widget class) of a step, by key or number."""
    key = step(key_or_number).key
    if key not in _SCREENS:
        import_module(f"cxwidgets.widgets.{SCREEN_MODULES[key]}")  # registers it
    return _SCREENS[key]


def screen_classes() -> tuple[type[StepWidget], ...]:
    """Every step's screen, in the order of the exercise."""
    return tuple(screen_class(s.key) for s in STEPS)
