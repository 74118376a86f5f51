"""`cxwidgets merge` on a SQLite file, on PostgreSQL, and from JSON exports."""

from __future__ import annotations

import subprocess
import sys

import pytest

from cxwidgets import keys
from cxwidgets.cli import main
from cxwidgets.export.tables import DISAGREEMENT_COLUMNS, read_back
from cxwidgets.store import Store

from .conftest import TITLE

CHECKS = [
    "Matches to check (7; 60 more with the same name):",
    "  persona: Berlin room: 'Sam, the busy parent' = Hamburg room: 'Sam, a busy parent' "
    "(almost the same name)",
    "  stage: Berlin room: 'Cooking' = Hamburg room: 'Cooking and eating' (same touchpoints)",
    "  touchpoint: Berlin room: 'Pre-sales chat' = Munich room: 'Chat before buying' "
    "(same channel and stage)",
    "  touchpoint: Berlin room: 'Checkout and payment' = Hamburg room: 'Payment and checkout' "
    "(almost the same name)",
    "  touchpoint: Berlin room: \"Courier's tracking page\" = Hamburg room: 'Delivery tracking "
    "in the app' (same channel and stage)",
    "  touchpoint: Berlin room: 'Help centre articles' = Hamburg room: 'Help center articles' "
    "(almost the same name)",
    "  touchpoint: Berlin room: 'Support phone line' = Munich room: 'Phone line for support' "
    "(almost the same name)",
]


@pytest.fixture
def codes(room_db, rooms) -> list[str]:
    with Store(room_db) as store:
        return [store.import_workshop(w).join_code for w in rooms]


def printed(out: str) -> dict[str, str]:
    return dict(line.split(": ", 1) for line in out.splitlines()
                if line.split(": ", 1)[0] in {"workshop", "join code", "facilitator token"})


def test_merge_from_the_store(room_db, codes, capsys, tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path))  # a server's keys go here
    assert main(["merge", *codes, "--db", room_db, "-o", TITLE]) == 0
    out = capsys.readouterr().out
    lines = out.splitlines()
    start = lines.index(CHECKS[0])
    assert lines[start:start + len(CHECKS)] == CHECKS
    assert "Where the rooms disagree (8):" in lines
    assert ("    - Courier at the door (Delivery): Berlin room -1.1, Hamburg room -1.1, "
            "Munich room +1.1; 2.2 steps apart") in lines
    keys_ = printed(out)
    with Store(room_db) as store:
        saved = store.state(keys_["workshop"])
        assert store.find_by_code(keys_["join code"]) == keys_["workshop"]
        assert store.check_token(keys_["workshop"], keys_["facilitator token"])
    assert saved.title == TITLE
    assert [len(saved.consensus.named_by[t.id]) for t in saved.touchpoints].count(3) == 23
    assert keys.recall(room_db, keys_["workshop"]) == keys_["facilitator token"]


def test_the_consensus_tables_list_the_disagreements(room_db, codes, tmp_path, monkeypatch,
                                                     capsys):
    """The workbook and the CSV folder of a merged map carry the rooms' disagreements,
    one row each, as the report words them; a single room's tables have no such sheet."""
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path))
    assert main(["merge", *codes, "--db", room_db, "-o", TITLE]) == 0
    merged = printed(capsys.readouterr().out)["join code"]
    book, folder, single = tmp_path / "all.xlsx", tmp_path / "all-csv", tmp_path / "one.xlsx"
    assert main(["export", merged, "--db", room_db, "-o", str(book)]) == 0
    assert main(["export", merged, "--db", room_db, "-o", str(folder), "--format", "csv"]) == 0
    assert main(["export", codes[0], "--db", room_db, "-o", str(single)]) == 0
    for found in (read_back(book)["disagreements"], read_back(folder)["disagreements"]):
        assert list(found.columns) == DISAGREEMENT_COLUMNS
        assert found["Disagreement"].value_counts().to_dict() == {
            "Named by only some rooms": 6, "Feelings apart": 1, "One function only": 1}
        felt = found[found["Disagreement"] == "Feelings apart"].iloc[0]
        assert (felt["Item"], felt["Where"], felt["Spread"]) == (
            "Courier at the door", "Delivery", 2.2)
        assert felt["Rooms"] == "Berlin room -1.1, Hamburg room -1.1, Munich room +1.1"
        stage = found.iloc[0]
        assert (stage["Item"], stage["Where"], stage["Not named by"]) == (
            "Renewal or cancellation", "(a stage)", "Munich room")
        lone = found[found["Disagreement"] == "One function only"].iloc[0]
        assert lone["In words"] == ("Allergen labels missing on the ingredient bags (at "
                                    "Ingredients and freshness): only Legal raised it, in "
                                    "Munich room")
    assert "disagreements" not in read_back(single)


def test_merge_from_json_exports_made_by_the_cli(tmp_path, rooms, capsys):
    """Rooms exported from one store with `cxwidgets export`, merged into another."""
    there = tmp_path / "elsewhere.sqlite"
    with Store(there) as store:
        codes = [store.import_workshop(w).join_code for w in rooms]
    files = []
    for code in codes:
        files.append(str(tmp_path / f"{code}.json"))
        assert main(["export", code, "--db", str(there), "-o", files[-1]]) == 0
    here = tmp_path / "here.sqlite"
    assert main(["merge", "--from-json", *files, "--db", str(here), "-o", TITLE]) == 0
    out = capsys.readouterr().out
    assert all(line in out.splitlines() for line in CHECKS)
    with Store(here) as store:
        [info] = store.list_workshops()  # only the consensus: the rooms stay in their files
        assert store.state(info.id).consensus.rooms[2].name == "Munich room"


def test_rooms_from_the_store_and_a_file_together(tmp_path, rooms, capsys):
    db = tmp_path / "bank.sqlite"
    with Store(db) as store:
        codes = [store.import_workshop(w).join_code for w in rooms[:2]]
    munich = tmp_path / "munich.json"
    munich.write_text(rooms[2].to_json(), encoding="utf-8")
    assert main(["merge", *codes, "--from-json", str(munich), "--db", str(db), "-o", TITLE]
                ) == 0
    out = capsys.readouterr().out.splitlines()
    assert all(line in out for line in CHECKS)


def test_dry_run_saves_nothing_and_decisions_correct_the_matches(tmp_path, rooms, capsys):
    db = tmp_path / "bank.sqlite"
    with Store(db) as store:
        codes = [store.import_workshop(w).join_code for w in rooms]
    decisions = tmp_path / "decisions.yaml"
    decisions.write_text("split:\n  - {room: 2, touchpoint: Delivery tracking in the app}\n"
                         "rename:\n  - {room: 1, stage: Cooking, to: Cooking at home}\n",
                         encoding="utf-8")
    assert main(["merge", *codes, "--db", str(db), "--decisions", str(decisions), "--dry-run",
                 "-o", TITLE]) == 0
    out = capsys.readouterr().out.splitlines()
    assert "Matches to check (6; 60 more with the same name):" in out
    assert "Touchpoints only some rooms named (7):" in out
    assert "  'Delivery tracking in the app': Hamburg room" in out
    assert "  stage: Berlin room: 'Cooking' = Hamburg room: 'Cooking and eating' " \
           "(same touchpoints)" in out
    assert "Nothing was saved (--dry-run)." in out
    with Store(db) as store:
        assert len(store.list_workshops()) == 3


@pytest.mark.parametrize(("args", "words"), [
    (["ONLY1"], "no workshop with id or join code 'ONLY1'"),
    ([], "choose at least two workshops"),
    (["--decisions", "missing.yaml"], "missing.yaml does not exist"),
    (["-o", " "], "give the consensus map a name"),
])
def test_mistakes_are_one_clear_line(tmp_path, rooms, args, words, capsys, monkeypatch):
    monkeypatch.chdir(tmp_path)
    db = tmp_path / "bank.sqlite"
    with Store(db) as store:
        code = store.import_workshop(rooms[0]).join_code
    base = [code] if "-o" in args or "--decisions" in args else []
    named = [] if "-o" in args else ["-o", TITLE]
    assert main(["merge", *base, *args, "--db", str(db), *named]) == 2
    err = capsys.readouterr().err
    assert err.startswith("cxwidgets merge: ") and words in err
    assert "Traceback" not in err
    with Store(db) as store:
        assert len(store.list_workshops()) == 1


def test_a_broken_decisions_file_is_named(tmp_path, rooms, capsys):
    db = tmp_path / "bank.sqlite"
    with Store(db) as store:
        codes = [store.import_workshop(w).join_code for w in rooms[:2]]
    bad = tmp_path / "decisions.yaml"
    bad.write_text("split: [unclosed\n", encoding="utf-8")
    assert main(["merge", *codes, "--db", str(db), "--decisions", str(bad), "-o", TITLE]) == 2
    assert f"{bad} is not valid YAML" in capsys.readouterr().err


def test_the_command_is_listed_with_its_help():
    out = subprocess.run([sys.executable, "-m", "cxwidgets.cli", "merge", "--help"],
                         capture_output=True, text=True, check=True).stdout
    for words in ("--from-json", "--decisions", "--dry-run", "consensus map"):
        assert words in out


def test_a_room_nobody_joined_says_so(tmp_path, capsys):
    """A room drawn from a template, with no participant, used to print "0 people ()"."""
    db = str(tmp_path / "w.sqlite")
    from cxwidgets.sample import create_sample

    with Store(db) as store:
        sample = create_sample(store, db).join_code
    assert main(["new", "--db", db, "--template", "online_retail", "--title", "Web shop"]) == 0
    template = printed(capsys.readouterr().out)["join code"]
    assert main(["merge", template, sample, "--db", db, "-o", "Both", "--dry-run"]) == 0
    out = capsys.readouterr().out
    assert "people ()" not in out
    assert ("    - Web shop: no participants joined (the map came from the facilitator, a "
            "template or the evidence)") in out.splitlines()
    assert any(line.startswith("    - FreshBox meal kits: the first month: 10 people (")
               for line in out.splitlines())
