from cxwidgets.widgets import LiveWorkshop, Stepper, Touchpoints
from cxwidgets.widgets.timer import TimerBar, clock_text


def bar_for(live, key="touchpoints", minutes=20):
    bar = TimerBar(live)
    bar.for_step(key, minutes)
    return bar


def test_clock_text():
    assert clock_text(600) == "10:00"
    assert clock_text(59.2) == "1:00"  # rounds up while counting down
    assert clock_text(0) == "0:00"
    assert clock_text(-90) == "+1:30"


def test_start_counts_down_pause_holds_reset_restores(store, created, live, clock):
    bar = bar_for(live)
    assert "20:00 left" in bar.display.value and "not started" in bar.display.value
    bar.minutes.value = 5
    bar.start.click()
    timer = store.state(created.id).timers["touchpoints"]
    assert timer.minutes == 5 and timer.running
    clock.advance(90)
    live.tick()
    assert "3:30 left" in bar.display.value and "(running)" in bar.display.value
    assert bar.start.disabled and not bar.pause.disabled
    bar.pause.click()
    clock.advance(600)
    live.tick()
    assert "3:30 left" in bar.display.value and "(paused)" in bar.display.value
    bar.start.click()
    clock.advance(240)
    live.tick()
    assert "+0:30 over time" in bar.display.value and "cx-timer-over" in bar.display.value
    bar.reset.click()
    assert "5:00 left" in bar.display.value
    assert not store.state(created.id).timers["touchpoints"].running


def test_the_timer_is_saved_so_every_screen_sees_it(store, created, live, clock,
                                                     participant):
    bar_for(live).start.click()
    seen = bar_for(LiveWorkshop(participant, clock=clock))
    clock.advance(60)
    seen.live.tick()
    assert "19:00 left" in seen.display.value
    assert seen.minutes not in seen.children  # a participant sees it, cannot set it


def test_timers_are_per_step(store, created, live, clock):
    stepper = Stepper(live, [Touchpoints(live), *[]])
    stepper.timer.minutes.value = 7
    stepper.timer.start.click()
    bar = bar_for(live, "emotions", 15)
    assert "15:00 left" in bar.display.value and "not started" in bar.display.value
    assert set(store.state(created.id).timers) == {"touchpoints"}
