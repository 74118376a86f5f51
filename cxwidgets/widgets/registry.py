"""The step screens, found by step key.

Each screen module registers its class with `@register`, as papermill's engines register
themselves: adding a screen never means editing a list elsewhere. A lookup first imports
`cxwidgets.widgets`, which imports every screen module, so asking for a screen by key or
number always finds it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, TypeVar

from cxwidgets.method.steps import STEPS, step

if TYPE_CHECKING:
    from cxwidgets.widgets.base import StepWidget

S = TypeVar("S", bound="type[StepWidget]")
_SCREENS: dict[str, type[StepWidget]] = {}


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
    import cxwidgets.widgets  # noqa: F401 - imports, and so registers, every screen

    return _SCREENS[step(key_or_number).key]


def screen_classes() -> tuple[type[StepWidget], ...]:
    """Every step's screen, in the order of the exercise."""
    return tuple(screen_class(s.key) for s in STEPS)
