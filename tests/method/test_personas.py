from cxwidgets.method.model import Persona
from cxwidgets.method.personas import ALL, ONLY, SOME, compare, merge


def drafts():
    return [
        Persona(id="a", name="Bea", role="Nurse", goals=["Quick dinners", "Healthy kids"],
                channels=["mobile_app"]),
        Persona(id="b", name="Bea", role="Teacher", goals=["quick  dinners", "Less waste"],
                channels=["mobile_app", "phone"]),
        Persona(id="c", name="Bo", role="Nurse", goals=["Healthy kids"],
                channels=["mobile_app"]),
    ]


def test_compare_marks_shared_and_unique_values():
    rows = {r.field: r for r in compare(drafts())}
    assert [m.shared for m in rows["goals"].cells[0]] == [SOME, SOME]
    assert [m.shared for m in rows["goals"].cells[1]] == [SOME, ONLY]
    assert [m.shared for m in rows["channels"].cells[2]] == [ALL]
    assert rows["name"].differs and rows["channels"].differs
    assert not rows["quote"].differs  # nobody wrote one


def test_compare_flags_a_field_only_some_drafts_filled():
    rows = {r.field: r for r in compare([Persona(id="a", name="X", quote="Hi"),
                                         Persona(id="b", name="X")])}
    assert rows["quote"].differs and not rows["name"].differs


def test_merge_takes_the_most_common_value_and_every_list_item_most_shared_first():
    merged = merge(drafts())
    assert merged["name"] == "Bea" and merged["role"] == "Nurse"
    assert merged["goals"] == ["Quick dinners", "Healthy kids", "Less waste"]
    assert merged["channels"] == ["mobile_app", "phone"]
    assert merged["based_on"] == ["a", "b", "c"]
