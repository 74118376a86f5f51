import pytest

from cxwidgets.widgets.entries import EntryStep
from cxwidgets.widgets.registry import screen_classes
from cxwidgets.widgets.techniques import TECHNIQUES

ENTRY_SCREENS = [c for c in (*screen_classes(), *TECHNIQUES) if issubclass(c, EntryStep)]


@pytest.mark.parametrize("screen", ENTRY_SCREENS, ids=lambda c: c.__name__)
def test_a_screen_keeps_the_kind_of_entry_it_adds(live, screen):
    # a control of the screen's own named `kind` (a persona's draft/agreed toggle, a
    # source's kind) once hid the kind of entry the screen adds
    built = screen(live)
    assert built.kind is screen.kind
    assert built.kind.collection == screen.collection
