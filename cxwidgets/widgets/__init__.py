"""ipywidgets for the workshop: the Stepper shell and one class per step.

Every widget renders from a `LiveWorkshop` and saves through it; none opens the store.
Each step class works on its own (`Touchpoints(LiveWorkshop(editor))`), so a short
session can run one step without the rest.

Names are loaded on first use (`from cxwidgets.widgets import Touchpoints` works as
usual): a participant's kernel imports only the screens its room shows, so the join form
is up before any chart library (Altair, pandas) is loaded. Step screens are found by step
key through `registry.screen_class`.
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING, Any

from cxwidgets.widgets.registry import SCREEN_MODULES, screen_classes

#: The other names this package offers, by module.
OTHERS: dict[str, str] = {"StepWidget": "base", "LiveWorkshop": "session",
                          "Stepper": "stepper", "TimerBar": "timer"}
#: Modules the apps and other parts of the kit build on (the step screens' own modules are
#: reached through the registry and the class names).
_MODULES = ("base", "board", "chart", "connection", "customers", "join", "live_map", "memory",
            "registry", "room", "rooms_panel", "session", "stepper", "style", "techniques")
#: Step screens by class name, by module (the class names callers import).
_SCREEN_NAMES: dict[str, str] = {
    "FrameSession": "frame", "Evidence": "evidence", "Personas": "persona",
    "Touchpoints": "touchpoints", "Timeline": "timeline", "Emotions": "emotions",
    "PainPoints": "lanes", "Opportunities": "lanes", "Backstage": "lanes",
    "DrawMap": "journey_map", "Review": "review", "Prioritise": "prioritise",
    "Actions": "actions", "Versions": "versions", "Goals": "goals", "Share": "share"}


def __getattr__(name: str) -> Any:
    """`STEP_CLASSES` and the classes of `__all__`, imported when first asked for."""
    if name == "STEP_CLASSES":
        #: The 16 steps as screens, in the order of the exercise.
        value: Any = screen_classes()
    elif name in _MODULES:
        value = import_module(f"{__name__}.{name}")
    else:
        module = OTHERS.get(name) or _SCREEN_NAMES.get(name)
        if module is None:
            raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
        value = getattr(import_module(f"{__name__}.{module}"), name)
    globals()[name] = value
    return value


if TYPE_CHECKING:
    from cxwidgets.widgets.actions import Actions
    from cxwidgets.widgets.base import StepWidget
    from cxwidgets.widgets.emotions import Emotions
    from cxwidgets.widgets.evidence import Evidence
    from cxwidgets.widgets.frame import FrameSession
    from cxwidgets.widgets.goals import Goals
    from cxwidgets.widgets.journey_map import DrawMap
    from cxwidgets.widgets.lanes import Backstage, Opportunities, PainPoints
    from cxwidgets.widgets.persona import Personas
    from cxwidgets.widgets.prioritise import Prioritise
    from cxwidgets.widgets.review import Review
    from cxwidgets.widgets.session import LiveWorkshop
    from cxwidgets.widgets.share import Share
    from cxwidgets.widgets.stepper import Stepper
    from cxwidgets.widgets.timeline import Timeline
    from cxwidgets.widgets.timer import TimerBar
    from cxwidgets.widgets.touchpoints import Touchpoints
    from cxwidgets.widgets.versions import Versions

    STEP_CLASSES: tuple[type[StepWidget], ...]

__all__ = [
    "SCREEN_MODULES", "STEP_CLASSES", "Actions", "Backstage", "DrawMap", "Emotions",
    "Evidence", "FrameSession", "Goals", "LiveWorkshop", "Opportunities", "PainPoints",
    "Personas", "Prioritise", "Review", "Share", "StepWidget", "Stepper", "Timeline",
    "TimerBar", "Touchpoints", "Versions", *_MODULES,
]
