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
    (zoom,) = [c for c in step.whole.children if "cx-zoom-controls" in c._dom_classes]
    buttons, hint, fit = zoom.children
    assert "cx-zoom-fit" in step.chart._dom_classes and hint.layout.display == "none"
    for mode in ("full", "large", "fit"):
        buttons.value = mode
        shown = {c for c in step.chart._dom_classes if c.startswith("cx-zoom-")}
        assert shown == {f"cx-zoom-{mode}"}
        assert (hint.layout.display == "none") == (mode == "fit")
        assert (fit.layout.display == "none") == (mode != "fit")
    assert list(ZOOMS) == ["Fit to screen", "100%", "150%"]


def test_at_fit_the_map_is_never_drawn_smaller_than_its_text_allows(store, created, journey,
                                                                    facilitator):
    """Card text is 14 px; "fit" may shrink the map to 12/14 of its size, no further (a
    narrower screen scrolls sideways)."""
    from cxwidgets.charts.journey_map import natural_width

    step = DrawMap(LiveWorkshop(facilitator))
    step.show()
    rule = step.chart._fit.value
    least = round(natural_width(step.chart.spec) * 12 / 14)
    assert f"min-width: {least}px" in rule and ".cx-zoom-fit svg.marks" in rule


def test_one_stage_at_a_time_with_previous_and_next(store, created, journey, facilitator):
    facilitator.add("opportunities", {"touchpoint_id": journey.touchpoints[0],
                                      "text": "Call back <b>at</b> a time the customer picks"})
    step = DrawMap(LiveWorkshop(facilitator))
    step.show()
    assert step.stages.layout.display == "none"  # the whole map first, on a laptop
    step.view.value = "stage"
    assert step.whole.layout.display == "none" and step.stages.layout.display == ""
    stages = step.stages
    assert "stage 1 of" in stages.where.value and stages.previous.disabled
    body = stages.body.value
    assert "Call back &lt;b&gt;at&lt;/b&gt; a time the customer picks" in body  # whole, escaped
    for lane in ("Touchpoints", "Pain points", "Opportunities", "Backstage"):
        assert f"<h4>{lane}</h4>" in body
    first = stages.where.value
    stages.next.click()
    assert "stage 2 of" in stages.where.value and stages.where.value != first
    assert not stages.previous.disabled
    for _ in range(20):
        stages.next.click()
    assert stages.next.disabled


def test_the_projector_shows_the_map_a_stage_at_a_time(store, created, journey, facilitator):
    live = LiveWorkshop(facilitator)
    step = DrawMap(live)
    live.projector = True
    assert step.view.value == "stage" and step.whole.layout.display == "none"
    live.projector = False
    assert step.view.value == "whole"


def test_dots_show_on_opportunities_in_the_stage_view(store, created, journey, facilitator):
    idea = facilitator.add("opportunities", {"touchpoint_id": journey.touchpoints[0],
                                             "text": "Text when the courier is near"})
    for _ in range(3):
        facilitator.add("votes", {"target_id": idea, "kind": "dot"})
    step = DrawMap(LiveWorkshop(facilitator))
    step.show()
    step.view.value = "stage"
    body = step.stages.body.value
    card = body[body.index("Text when the courier is near"):]
    assert "● 3" in card[:200]


def test_an_owner_not_known_yet_prints_as_not_sure_yet(store, created, journey, facilitator):
    """The backstage form's "Not sure yet" was stored as Other and printed "Owner: Other"."""
    from cxwidgets.charts.journey_map import stage_lanes
    from cxwidgets.widgets import Backstage

    live = LiveWorkshop(facilitator)
    form = Backstage(live)
    form.show()
    form.text.value = "Refund approval"
    assert form.owner.value == ""  # "Not sure yet", as the form opens
    form.add.click()
    lanes = [lane for lane in stage_lanes(live.workshop) if lane.backstage]
    owners = [row["o"] for lane in lanes for row in lane.backstage
              if row["name"] == "Refund approval"]
    assert owners == ["Owner: Not sure yet"]
    live.persona_id = ""
    step = DrawMap(live)
    step.show()
    assert "Owner: Not sure yet" in str(step.chart.spec["datasets"])
