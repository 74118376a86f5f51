"""What every step screen shares: tables that become cards, buttons that say why they are
greyed out, and messages under the control that caused them."""

from cxwidgets.testing import HOSTILE, HOSTILE_ESCAPED
from cxwidgets.widgets import LiveWorkshop, Timeline, Touchpoints
from cxwidgets.widgets.base import esc, table


def test_each_cell_carries_its_column_for_the_phone_cards():
    html = table(["Stage", f"<b>{esc(HOSTILE)}</b>", 'Say "hi"'], [["Delivery", "x", "y"]])
    assert '<td data-label="Stage">Delivery</td>' in html
    assert f'data-label="{HOSTILE_ESCAPED}"' in html  # the heading's words, still escaped
    assert 'data-label="Say &quot;hi&quot;"' in html
    assert "<thead>" in html and html.startswith("<div class='cx-table-box'>")


def test_a_greyed_out_button_says_why(store, created, journey, facilitator):
    step = Timeline(LiveWorkshop(facilitator))
    for button in (step.remove, step.save_changes, step.earlier, step.later):
        assert button.disabled and "Pick" in button.tooltip
    assert "pick it under 'Edit'" in step.edit_hint.value
    step.mine.value = journey.stages[0]
    assert not step.earlier.disabled and step.earlier.tooltip == ""
    assert step.add.disabled and "(new stage)" in step.add.tooltip
    assert step.edit_hint.value == ""


def test_a_refusal_shows_under_the_button_that_was_pressed(store, created, facilitator):
    step = Touchpoints(LiveWorkshop(facilitator))
    step.add.click()  # nothing typed
    parts = list(step.children)
    row = next(i for i, p in enumerate(parts) if step.add in getattr(p, "children", ()))
    assert parts[row + 1] is step.notice and "cx-error" in step.notice.value
    assert step.listing_html in parts[row + 2:]  # the message sits above the long list
