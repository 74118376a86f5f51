"""`ChartView`: a chart is sent to the page only when it changed."""

from __future__ import annotations

import altair as alt
import ipywidgets.widgets.widget as widget_module

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


def messages(view: ChartView) -> list[dict]:
    """Every message the chart's widget sends to the page from now on."""
    out: list[dict] = []
    real = view._view._send

    def keep(msg, buffers=None):
        out.append(msg)
        return real(msg, buffers)

    view._view._send = keep
    return out


def test_a_new_map_reaches_the_page_whole_as_one_update_without_buffers(monkeypatch):
    sample = load_sample_workshop()
    view = ChartView()
    view.show(journey_map(sample))
    out = messages(view)
    searched = []
    real = widget_module._remove_buffers
    monkeypatch.setattr(widget_module, "_remove_buffers",
                        lambda state: searched.append(list(state)) or real(state))
    view.show(journey_map(sample, colour_by="owner"))
    assert searched == []  # a spec is JSON: not searched for binary buffers
    updates = [m for m in out if "spec" in m.get("state", {})]
    assert len(updates) == 1
    assert updates[0] == {"method": "update", "buffer_paths": [],
                          "state": {"spec": in_words_spoken(view.spec, "Chart")[0]}}
    # any other trait still goes the way ipywidgets sends it
    view._view.debounce_wait = 35
    assert out[-1]["state"] == {"debounce_wait": 35} and searched == [["debounce_wait"]]


def test_a_keyed_map_is_drawn_from_its_own_spec_and_never_changed_by_drawing():
    sample = load_sample_workshop()
    chart = journey_map(sample)
    before = chart.to_json(indent=None, sort_keys=True)
    view = ChartView()
    view.show(chart)
    assert view._view.spec is not chart.shared()  # the drawn one is the page's own dict
    assert chart.to_json(indent=None, sort_keys=True) == before
    view.spec["title"] = "changed by a reader"  # what the view hands out is a copy
    assert chart.to_json(indent=None, sort_keys=True) == before
