"""ipywidgets for the workshop: the Stepper shell and one class per step.

Every widget renders from a `LiveWorkshop` and saves through it; none opens the store.
"""

from cxwidgets.widgets.base import StepWidget
from cxwidgets.widgets.frame import FrameSession
from cxwidgets.widgets.session import LiveWorkshop
from cxwidgets.widgets.stepper import Stepper
from cxwidgets.widgets.touchpoints import Touchpoints

#: The steps that exist as real screens, in order.
STEP_CLASSES: tuple[type[StepWidget], ...] = (FrameSession, Touchpoints)

__all__ = ["STEP_CLASSES", "FrameSession", "LiveWorkshop", "StepWidget", "Stepper", "Touchpoints"]
