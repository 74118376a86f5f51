from cxwidgets.store import fold as f
from cxwidgets.widgets import Evidence, LiveWorkshop


def test_a_source_is_stored_and_shown_after_reload(store, created, live):
    step = Evidence(live)
    before = store.last_seq(created.id)
    step.name.value = "Post-claim survey"
    step.source_kind.value = "survey"
    step.rows.value = "1,240"
    step.period.value = "Jan-Sep 2026"
    step.add.click()
    (event,) = store.events(created.id, after=before)
    assert event.kind == f.ADD and event.payload["collection"] == "sources"
    assert (event.payload["data"]["name"], event.payload["data"]["rows"]) == (
        "Post-claim survey", 1240)
    again = Evidence(LiveWorkshop(live.editor))
    assert "Post-claim survey" in again.listing_html.value
    assert "1,240 pieces of customer input" in again.listing_html.value


def test_bad_counts_and_names_are_refused_and_nothing_is_stored(store, created, live):
    step = Evidence(live)
    before = store.last_seq(created.id)
    step.name.value = "Interviews"
    step.rows.value = "about forty"
    step.add.click()
    assert "not a whole number" in step.notice.value
    step.rows.value = ""
    step.name.value = "   "
    step.add.click()
    assert "source name: must not be empty" in step.notice.value
    assert store.last_seq(created.id) == before
    assert step.rows.value == "" and "No customer evidence" in step.listing_html.value


def test_the_volume_chart_is_drawn_when_shown(live):
    live.editor.add("sources", {"name": "Support tickets", "kind": "support_log",
                                "rows": 18450})
    live.editor.add("sources", {"name": "App reviews", "kind": "review", "rows": 860})
    live.refresh()
    step = Evidence(live)
    assert step.chart.spec == {}  # nothing drawn while off screen
    step.show()
    spec = step.chart.spec
    assert spec["mark"]["type"] == "bar"
    values = spec["datasets"][spec["data"]["name"]]
    assert {v["source"]: v["rows"] for v in values} == {"Support tickets": 18450,
                                                      "App reviews": 860}
