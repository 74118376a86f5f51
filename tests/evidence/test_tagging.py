from pathlib import Path

import pandas as pd
import pytest

from cxwidgets.evidence.schema import empty_table, typed
from cxwidgets.evidence.tagging import LOOKUP, TagRules, tag
from cxwidgets.exceptions import InvalidInput

STAGES = {"Courier at the door": "Delivery", "Courier's tracking page": "Delivery",
          "Support phone line": "Support", "Skip a week": "Renewal or cancellation",
          "Sign-up in the mobile app": "Sign-up"}


def table(rows: list[dict]) -> pd.DataFrame:
    base = {c: None for c in empty_table().columns}
    return typed(pd.DataFrame([{**base, "row": k + 1, **r} for k, r in enumerate(rows)]))


def rules(**extra) -> TagRules:
    data = {
        "stages": STAGES,
        "stage_lookup": {"signup": "Sign-up"},
        "lookup": {"Delivery > Courier behaviour": "Courier at the door",
                   "General > Other": None},
        "rules": [
            {"name": "courier", "keywords": ["courier", "left outside"],
             "touchpoint": "Courier at the door"},
            {"name": "tracking", "regex": r"\btrack(ing|er)?\b|where is my box",
             "touchpoint": "Courier's tracking page"},
            {"name": "phone", "regex": r"on hold|phone (line|queue)",
             "touchpoint": "Support phone line"},
            {"name": "app", "keywords": ["app"], "touchpoint": "Sign-up in the mobile app"},
            {"name": "delivery words", "regex": r"\bdeliver\w*", "stage": "Delivery"},
        ]}
    data.update(extra)
    return TagRules.from_data(data)


def test_lookup_matches_raw_values_whatever_their_case_and_spaces():
    t = table([{"touchpoint": "Delivery > Courier behaviour", "text": "rude"},
               {"touchpoint": "  delivery >   COURIER behaviour ", "text": None},
               {"touchpoint": "support PHONE line", "text": "x"}])  # a touchpoint's own name
    result = tag(t, rules())
    assert list(result.table["touchpoint"]) == ["Courier at the door"] * 2 + [
        "Support phone line"]
    assert list(result.table["stage"]) == ["Delivery", "Delivery", "Support"]
    assert result.by_rule[LOOKUP] == 3 and result.untagged == 0 and result.unknown == {}


def test_keyword_rule_matches_whole_words_and_phrases_only():
    t = table([{"text": "The COURIER was rude"},
               {"text": "box was left   outside in the rain"},
               {"text": "A very happy customer"},       # 'app' inside 'happy': no match
               {"text": "The app froze"}])
    result = tag(t, rules())
    assert list(result.table["touchpoint"].astype("string").fillna("-")) == [
        "Courier at the door", "Courier at the door", "-", "Sign-up in the mobile app"]
    assert result.by_rule["courier"] == 2 and result.by_rule["app"] == 1


def test_regex_rule_and_the_first_matching_rule_wins():
    t = table([{"text": "Where is my box? Tracking is stuck"},
               {"text": "The courier's tracking is useless"},   # courier rule comes first
               {"text": "45 minutes on hold"}])
    result = tag(t, rules())
    assert list(result.table["touchpoint"]) == [
        "Courier's tracking page", "Courier at the door", "Support phone line"]
    assert result.by_rule == {LOOKUP: 0, "courier": 1, "tracking": 1, "phone": 1, "app": 0,
                              "delivery words": 0}


def test_rows_matching_nothing_stay_untagged_and_are_counted_not_dropped():
    t = table([{"text": "Lovely food"}, {"text": None}, {"text": ""},
               {"text": "The courier was late"}])
    t.index = [10, 20, 30, 40]
    result = tag(t, rules())
    assert len(result.table) == 4 and list(result.table.index) == [10, 20, 30, 40]
    assert result.untagged == 3
    assert result.table["touchpoint"].isna().tolist() == [True, True, True, False]
    assert list(result.table["text"].fillna("-")) == ["Lovely food", "-", "", "The courier "
                                                                              "was late"]


def test_stage_from_touchpoint_then_own_stage_then_stage_rules():
    t = table([
        {"text": "courier left it outside", "stage": "Cooking"},   # touchpoint's stage wins
        {"text": "nothing to say", "stage": " SIGNUP "},           # own stage, canonical
        {"text": "nothing to say", "stage": "Somewhere else"},     # unknown stage kept
        {"text": "Delivery was late again"},                        # stage-only rule
        {"text": "nothing at all"}])
    result = tag(t, rules())
    assert list(result.table["stage"].astype("string").fillna("-")) == [
        "Delivery", "Sign-up", "Somewhere else", "Delivery", "-"]
    assert list(result.table["touchpoint"].isna()) == [False, True, True, True, True]
    assert result.by_rule["delivery words"] == 1 and result.untagged == 4


def test_a_category_naming_no_touchpoint_and_an_unknown_one_fall_back_to_the_text():
    t = table([{"touchpoint": "General > Other", "text": "on hold for an hour"},
               {"touchpoint": "Weird category", "text": "the courier threw it"},
               {"touchpoint": "Weird category", "text": "hello"}])
    result = tag(t, rules())
    assert list(result.table["touchpoint"].astype("string").fillna("-")) == [
        "Support phone line", "Courier at the door", "-"]
    assert result.unknown == {"Weird category": 2}
    assert result.by_rule[LOOKUP] == 0 and result.untagged == 1


def test_tagging_leaves_the_input_alone_and_handles_an_empty_table():
    t = table([{"touchpoint": "delivery > courier behaviour", "text": "x"}])
    tag(t, rules())
    assert t.loc[0, "touchpoint"] == "delivery > courier behaviour"
    empty = tag(empty_table(), rules())
    assert empty.untagged == 0 and empty.table.empty and empty.by_rule[LOOKUP] == 0


def test_repeated_texts_give_the_same_tag_on_every_row():
    texts = ["the courier", "on hold", "nothing", None] * 2500
    result = tag(table([{"text": x} for x in texts]), rules())
    got = result.table["touchpoint"].astype("string").fillna("-").tolist()
    assert got == ["Courier at the door", "Support phone line", "-", "-"] * 2500
    assert result.untagged == 5000 and result.by_rule["courier"] == 2500


def test_rules_load_from_yaml(tmp_path: Path):
    path = tmp_path / "tagging.yaml"
    path.write_text(
        "stages: {Courier at the door: Delivery}\n"
        "lookup: {'Delivery > Courier': Courier at the door, 'General': null}\n"
        "rules:\n"
        "  - {keywords: [driver], touchpoint: Courier at the door}\n"
        "  - {regex: 'late|early', stage: Delivery}\n", encoding="utf-8")
    loaded = TagRules.from_yaml(path)
    assert loaded.lookup["General"] is None
    assert [r.name for r in loaded.rules] == ["rule 1: Courier at the door", "rule 2: Delivery"]


@pytest.mark.parametrize(("rule", "words"), [
    ({"name": "tracking", "regex": "track(ing", "touchpoint": "Courier at the door"},
     ["rule 'tracking'", "invalid regex 'track(ing'", "missing )"]),
    ({"name": "both", "regex": "x", "keywords": ["y"], "touchpoint": "Courier at the door"},
     ["rule 'both'", "either keywords or a regex"]),
    ({"name": "aimless", "regex": "x"}, ["rule 'aimless'", "a touchpoint, a stage or both"]),
    ({"name": "typo", "regex": "x", "touchpoint": "Courrier at the door"},
     ["rule 'typo'", "'Courrier at the door' is not in the touchpoint -> stage table"]),
    ({"name": "wrong stage", "regex": "x", "touchpoint": "Courier at the door",
      "stage": "Cooking"}, ["rule 'wrong stage'", "'Cooking' differs", "'Delivery'"]),
    ({"name": "blank", "keywords": ["ok", " "], "touchpoint": "Courier at the door"},
     ["rule 'blank'", "a keyword is empty"]),
])
def test_a_bad_rule_is_named_in_the_error(tmp_path: Path, rule: dict, words: list[str]):
    import yaml

    path = tmp_path / "rules.yaml"
    path.write_text(yaml.safe_dump({"stages": STAGES, "rules": [rule]}), encoding="utf-8")
    with pytest.raises(InvalidInput) as err:
        TagRules.from_yaml(path)
    message = str(err.value)
    assert "rules.yaml" in message
    for word in words:
        assert word in message


@pytest.mark.parametrize(("data", "words"), [
    ({"lookup": {"Courier": "Courier at the door", " COURIER ": "Skip a week"}},
     ["'Courier' and ' COURIER '", "same value"]),
    ({"stages": STAGES, "lookup": {"Late": "Late delivery"}},
     ["lookup 'Late'", "'Late delivery' is not in the touchpoint -> stage table"]),
    ({"rules": [{"name": "a", "regex": "x", "stage": "S"},
                {"name": "a", "regex": "y", "stage": "S"}]}, ["unique", "'a'"]),
    ({"rulez": []}, ["rulez", "not a known field"]),
    (["not", "a", "mapping"], ["expected a mapping"]),
])
def test_other_bad_rules_are_refused_with_a_clear_message(data, words: list[str]):
    with pytest.raises(InvalidInput) as err:
        TagRules.from_data(data)
    for word in words:
        assert word in str(err.value)


def test_unreadable_or_invalid_yaml_is_refused(tmp_path: Path):
    with pytest.raises(InvalidInput, match="cannot read the tagging rules"):
        TagRules.from_yaml(tmp_path / "missing.yaml")
    bad = tmp_path / "bad.yaml"
    bad.write_text("rules: [unclosed\n", encoding="utf-8")
    with pytest.raises(InvalidInput, match="not valid YAML"):
        TagRules.from_yaml(bad)


def test_lookup_table_from_csv_with_stages(tmp_path: Path):
    path = tmp_path / "categories.csv"
    path.write_bytes("raw,touchpoint,stage\n"
                     "Delivery > Courier,Courier at the door,Delivery\n"
                     "Skip or pause,Skip a week,Renewal or cancellation\n"
                     "General,,\n".encode("utf-8-sig"))
    loaded = TagRules.from_lookup_csv(path)
    assert loaded.lookup == {"Delivery > Courier": "Courier at the door",
                             "Skip or pause": "Skip a week", "General": None}
    assert loaded.stages == {"Courier at the door": "Delivery",
                             "Skip a week": "Renewal or cancellation"}
    result = tag(table([{"touchpoint": "skip OR pause"}, {"touchpoint": "General"}]), loaded)
    assert list(result.table["touchpoint"].astype("string").fillna("-")) == ["Skip a week", "-"]
    assert list(result.table["stage"].astype("string").fillna("-")) == [
        "Renewal or cancellation", "-"]
    both = loaded.merged(rules())
    assert both.lookup["Delivery > Courier behaviour"] == "Courier at the door"
    assert [r.name for r in both.rules] == [r.name for r in rules().rules]
    twice = rules().merged(rules())
    assert [r.name for r in twice.rules][5:7] == ["courier (added)", "tracking (added)"]


def test_lookup_csv_problems_name_the_column_or_line(tmp_path: Path):
    path = tmp_path / "categories.csv"
    path.write_text("category,touchpoint\nA,Skip a week\n", encoding="utf-8")
    with pytest.raises(InvalidInput, match="no column 'raw'"):
        TagRules.from_lookup_csv(path)
    assert TagRules.from_lookup_csv(path, raw="category").lookup == {"A": "Skip a week"}
    path.write_text("raw,touchpoint\nA,Skip a week\n ,Skip a week\n", encoding="utf-8")
    with pytest.raises(InvalidInput, match="line 3: the 'raw' cell is empty"):
        TagRules.from_lookup_csv(path)
