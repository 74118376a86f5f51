from cxwidgets.widgets import DrawMap, LiveWorkshop


def test_the_map_is_drawn_for_the_chosen_persona_when_shown(store, created, journey,
                                                            facilitator):
    other = facilitator.add("personas", {"name": "Hasty Hal", "agreed": True})
    live = LiveWorkshop(facilitator)
    step = DrawMap(live)
    assert step.chart.spec == {}  # off screen: nothing drawn
    step.show()
    spec = step.chart.spec
    assert "Careful Carla" in str(spec["title"])
    step.persona.value = other
    assert live.persona_id == other and "Hasty Hal" in str(step.chart.spec["title"])
    step.colour_by.value = "owner"
    assert step.chart.spec != spec


def test_checks_say_what_the_map_is_missing(store, created, journey, facilitator):
    facilitator.add("touchpoints", {"name": "Loose end", "stage_id": journey.stages[0]})
    facilitator.add("pain_points", {"touchpoint_id": journey.touchpoints[0], "text": "Slow"})
    step = DrawMap(LiveWorkshop(facilitator))
    checks = step.checks.value
    assert "4 touchpoints have no rating for this persona" in checks
    assert "1 pain point rests on no evidence" in checks


def test_others_edits_redraw_the_map_on_screen(store, created, journey, facilitator,
                                               participant):
    live = LiveWorkshop(facilitator)
    step = DrawMap(live)
    step.show()
    before = step.chart.spec
    participant.add("pain_points", {"touchpoint_id": journey.touchpoints[2],
                                    "text": "Cheque arrives crumpled"})
    live.refresh()
    assert step.chart.spec != before
    assert "Cheque arrives crumpled" in str(step.chart.spec["datasets"])


def test_the_map_fits_the_screen_until_asked_for_full_size(store, created, journey,
                                                          facilitator):
    """Fit / 100% / 150%: one size at a time, as a class the style sheet sizes the map by,
    and a line on moving around once the map is larger than the screen."""
    from cxwidgets.widgets.chart import ZOOMS

    step = DrawMap(LiveWorkshop(facilitator))
    (zoom,) = [c for c in step.children if "cx-zoom-controls" in c._dom_classes]
    buttons, hint = zoom.children
    assert "cx-zoom-fit" in step.chart._dom_classes and hint.layout.display == "none"
    for mode in ("full", "large", "fit"):
        buttons.value = mode
        shown = {c for c in step.chart._dom_classes if c.startswith("cx-zoom-")}
        assert shown == {f"cx-zoom-{mode}"}
        assert (hint.layout.display == "none") == (mode == "fit")
    assert list(ZOOMS) == ["Fit to screen", "100%", "150%"]
