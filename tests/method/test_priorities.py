from cxwidgets.method.model import Workshop
from cxwidgets.method.priorities import FILL_IN, MAJOR, QUICK_WIN, THANKLESS, dots_spent, rank


def ws(pains, votes=()):
    return Workshop.model_validate({
        "id": "w", "title": "T",
        "touchpoints": [{"id": "t", "name": "Checkout"}],
        "pain_points": [{"id": i, "touchpoint_id": "t", "text": i, **s} for i, s in pains],
        "votes": [{"id": f"v{k}", "target_id": t, "voter": who}
                  for k, (t, who) in enumerate(votes)]})


def test_most_dots_first_then_impact_then_effort_then_order():
    w = ws([("a", {"impact": 3, "effort": 3}), ("b", {"impact": 5, "effort": 3}),
            ("c", {"impact": 5, "effort": 1}), ("d", {"impact": 5, "effort": 1}),
            ("e", {})],
           votes=[("e", "x"), ("e", "y"), ("a", "x")])
    ranked = rank(w)
    assert [r.id for r in ranked] == ["e", "a", "c", "d", "b"]
    why = {r.id: r.why for r in ranked}
    assert why["e"] == "" and why["a"] == ""
    assert why["d"] == "same dots, impact and effort as #3; added later"
    assert why["b"] == "same dots and impact as #4; more effort (3 vs 1)"
    assert [r.rank for r in ranked] == [1, 2, 3, 4, 5]


def test_quadrants():
    w = ws([("q", {"impact": 4, "effort": 2}), ("m", {"impact": 4, "effort": 4}),
            ("f", {"impact": 1, "effort": 1}), ("t", {"impact": 2, "effort": 5}),
            ("n", {"impact": 4})])
    quad = {r.id: r.quadrant for r in rank(w)}
    assert quad == {"q": QUICK_WIN, "m": MAJOR, "f": FILL_IN, "t": THANKLESS, "n": ""}


def test_dots_spent_ignores_dots_on_removed_items():
    w = ws([("a", {})], votes=[("a", "x"), ("gone", "x"), ("a", "y")])
    assert dots_spent(w, "x") == 1
