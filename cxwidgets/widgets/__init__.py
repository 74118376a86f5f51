"""ipywidgets for the workshop: the Stepper shell and one class per step.

Every widget renders from a `LiveWorkshop` and saves through it; none opens the store.
Each step class works on its own (`Touchpoints(LiveWorkshop(editor))`), so a short
session can run one step without the rest. Importing this package imports every step
screen, which registers it by step key (`registry.screen_class("touchpoints")`).
"""

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
from cxwidgets.widgets.registry import screen_classes
from cxwidgets.widgets.review import Review
from cxwidgets.widgets.session import LiveWorkshop
from cxwidgets.widgets.share import Share
from cxwidgets.widgets.stepper import Stepper
from cxwidgets.widgets.timeline import Timeline
from cxwidgets.widgets.timer import TimerBar
from cxwidgets.widgets.touchpoints import Touchpoints
from cxwidgets.widgets.versions import Versions

#: The 16 steps as screens, in the order of the exercise.
STEP_CLASSES: tuple[type[StepWidget], ...] = screen_classes()

__all__ = [
    "STEP_CLASSES", "Actions", "Backstage", "DrawMap", "Emotions", "Evidence",
    "FrameSession", "Goals", "LiveWorkshop", "Opportunities", "PainPoints", "Personas",
    "Prioritise", "Review", "Share", "StepWidget", "Stepper", "Timeline", "TimerBar",
    "Touchpoints", "Versions",
]
