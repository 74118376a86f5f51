"""`ChartView`: a chart is sent to the page only when it changed."""

from __future__ import annotations

import altair as alt

from cxwidgets.charts.journey_map import journey_map
from cxwidgets.sample import load_sample_workshop
from cxwidgets.widgets.chart import ChartView, in_words_spoken


def sent(view: ChartView) -> list[dict]:
    """Every spec the view sends to the page from now on."""
    specs: list[dict] = []
    view._view.observe(lambda change: specs.append(change["new"]), "spec")
    return specs


def test_a_map_with_the_same_key_is_not_sent_again():
    sample = load_sample_workshop()
    view = ChartView()
    view.show(journey_map(sample))
    specs = sent(view)
    view.show(journey_map(sample.model_copy(update={"title": "Edited elsewhere"})))
    assert specs == []
    view.show(journey_map(sample, colour_by="owner"))
    # what is drawn is the map as shown, its title taken out as a heading of the page
    assert len(specs) == 1 and specs[0] == in_words_spoken(view.spec, "Chart")[0]
    assert "title" not in specs[0] and specs[0]["description"] == "Chart"
    assert view.spec["title"]["text"][0] in view.children[1].value
    assert view.spec["vconcat"][1]["layer"][2]["layer"][1]["encoding"]["color"]["field"] == "own"


def test_an_altair_chart_is_sent_when_its_spec_changes():
    view = ChartView()
    chart = alt.Chart(alt.Data(values=[{"a": 1}])).mark_point().encode(x="a:Q")
    view.show(chart)
    specs = sent(view)
    view.show(chart.copy())
    assert specs == []
    view.show(chart.mark_bar())
    assert len(specs) == 1 and view.spec["mark"]["type"] == "bar"


def test_a_message_in_between_lets_the_same_map_be_drawn_again():
    sample = load_sample_workshop()
    view = ChartView()
    view.show(journey_map(sample))
    view.message("Nothing to draw")
    assert view.spec == {}
    view.show(journey_map(sample))
    assert view.spec["title"]["text"]
