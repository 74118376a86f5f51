"""Whatever anyone types, every screen shows it as text: no markup of theirs reaches a page."""

import ipywidgets as w

from cxwidgets.store import Editor
from cxwidgets.testing import HOSTILE, HOSTILE_ESCAPED, SCRIPT
from cxwidgets.widgets import STEP_CLASSES, LiveWorkshop, Stepper


def html_values(widget) -> list[str]:
    found = [widget.value] if isinstance(widget, w.HTML) else []
    for child in getattr(widget, "children", ()):
        found += html_values(child)
    return found


def test_hostile_text_is_escaped_on_all_sixteen_screens(store, created, facilitator):
    bad = f"{HOSTILE}{SCRIPT}"
    mallory = Editor.join(store, created.join_code, bad)
    f = facilitator
    f.update_workshop(title=bad, scope=bad)
    f.add("sources", {"name": bad, "period": bad, "location": bad})
    d = mallory.add("personas", {"name": bad, "role": bad, "goals": [bad], "group": bad,
                                 "quote": bad})
    p = f.add("personas", {"name": bad, "quote": bad, "agreed": True, "based_on": [d]})
    s = f.add("stages", {"name": bad, "description": bad})
    t = mallory.add("touchpoints", {"name": bad, "stage_id": s})
    mallory.add("emotions", {"touchpoint_id": t, "score": -2, "word": bad, "persona_id": p})
    pain = mallory.add("pain_points", {"touchpoint_id": t, "text": bad, "evidence": [bad]})
    opp = mallory.add("opportunities", {"touchpoint_id": t, "text": bad, "pain_id": pain})
    mallory.add("backstage", {"touchpoint_id": t, "name": bad})
    mallory.add("comments", {"target_id": t, "text": bad, "proposed": bad})
    mallory.add("votes", {"target_id": pain, "kind": "dot"})
    g = f.add("goals", {"title": bad, "kpi": bad})
    f.add("actions", {"title": bad, "owner": bad, "linked_ids": [pain, opp], "goal_ids": [g],
                      "due": "2026-12-01"})
    f.tag_version("v1", note=bad)
    live = LiveWorkshop(f)
    stepper = Stepper(live, [cls(live) for cls in STEP_CLASSES])
    for k in range(len(STEP_CLASSES)):
        stepper.go(k)
    stepper.steps[13].run_compare()
    values = html_values(stepper)
    shown = "".join(values)
    assert HOSTILE_ESCAPED in shown  # it is there, as text
    for value in values:
        assert HOSTILE not in value and "<script" not in value, value[:300]
