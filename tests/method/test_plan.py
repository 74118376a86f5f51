import datetime as dt

from cxwidgets.method.model import Workshop
from cxwidgets.method.plan import alignment, is_overdue, overdue

TODAY = dt.date(2026, 11, 25)


def ws(**data):
    return Workshop.model_validate({"id": "w", "title": "T", **data})


def action(i, due, status="todo", goals=()):
    return {"id": i, "title": i, "owner": "O", "due": due, "status": status,
            "linked_ids": ["p"], "goal_ids": list(goals)}


def test_overdue_means_past_due_and_still_open():
    w = ws(actions=[action("late", "2026-11-24"), action("today", "2026-11-25"),
                    action("done", "2026-01-01", "done"),
                    action("dropped", "2026-01-01", "dropped"),
                    action("doing", "2026-11-01", "doing")])
    assert [a.id for a in overdue(w, TODAY)] == ["late", "doing"]
    assert not is_overdue(w.actions[1], TODAY)


def test_alignment_lists_unaligned_work_and_unserved_goals():
    w = ws(goals=[{"id": "g1", "title": "Grow"}, {"id": "v", "title": "Vision",
                                                   "is_vision": True},
                  {"id": "g2", "title": "Unused"}],
           actions=[action("a1", "2027-01-01", goals=["g1"]), action("a2", "2027-01-01"),
                    action("a3", "2027-01-01", goals=["removed-goal"])],
           opportunities=[{"id": "o1", "touchpoint_id": "t", "text": "Idea",
                           "goal_ids": ["v"]}])
    result = alignment(w)
    assert result.goals[0] == ("v", "Vision")  # the vision first
    assert [i.id for i in result.unaligned] == ["a2", "a3"]
    assert result.unserved_goals == [("g2", "Unused")]
