import json
import subprocess
import sys

import pytest

from cxwidgets.cli import main
from cxwidgets.method.model import Workshop
from cxwidgets.serve import voila_command


def test_help_lists_the_commands():
    out = subprocess.run([sys.executable, "-m", "cxwidgets.cli", "--help"],
                         capture_output=True, text=True, check=True).stdout
    for command in ("serve", "new", "run", "export"):
        assert command in out


def test_new_prints_code_and_token_that_work(db, capsys):
    assert main(["new", "--db", str(db), "--title", "Onboarding"]) == 0
    out = dict(line.split(": ", 1) for line in capsys.readouterr().out.splitlines())
    from cxwidgets.store import Store

    store = Store(db)
    assert store.find_by_code(out["join code"]) == out["workshop"]
    assert store.check_token(out["workshop"], out["facilitator token"])


def test_new_without_title_is_a_clear_error(db, capsys):
    assert main(["new", "--db", str(db)]) == 2
    assert "give a --title" in capsys.readouterr().err


def test_export_json_round_trips_and_refuses_to_overwrite(db, tmp_path, capsys):
    main(["new", "--db", str(db), "--sample"])
    code = next(line for line in capsys.readouterr().out.splitlines()
            if line.startswith("join code")).split(": ")[1]
    out = tmp_path / "ws.json"
    assert main(["export", code, "--db", str(db), "-o", str(out)]) == 0
    ws = Workshop.from_json(out.read_text())
    assert len(ws.touchpoints) >= 25
    out.write_text("keep me")
    assert main(["export", code, "--db", str(db), "-o", str(out)]) == 2
    assert "already exists" in capsys.readouterr().err and out.read_text() == "keep me"
    assert main(["export", "NOPE99", "--db", str(db), "-o", str(tmp_path / "x.json")]) == 2
    assert "no workshop with id or join code 'NOPE99'" in capsys.readouterr().err


def test_export_schema(tmp_path):
    out = tmp_path / "schema.json"
    assert main(["export", "-", "--format", "schema", "-o", str(out)]) == 0
    assert json.loads(out.read_text())["title"] == "Workshop"


def test_corrupt_store_exits_with_a_message(tmp_path, capsys):
    bad = tmp_path / "bad.sqlite"
    bad.write_text("not sqlite at all " * 100)
    assert main(["list", "--db", str(bad)]) == 2
    assert "file was left untouched" in capsys.readouterr().err


def test_serve_binds_loopback_and_hides_code():
    cmd = voila_command(9999)
    assert "--Voila.ip=127.0.0.1" in cmd and "--strip_sources=True" in cmd
    assert "--show_tracebacks=False" in cmd and "--port=9999" in cmd


@pytest.mark.parametrize("argv", [["run", "--workers", "many"], ["bogus"]])
def test_bad_arguments_exit_non_zero(argv):
    with pytest.raises(SystemExit) as info:
        main(argv)
    assert info.value.code == 2


def test_export_the_map_as_an_image_for_a_named_persona(db, tmp_path, capsys):
    from cxwidgets.sample import create_sample
    from cxwidgets.store import Store

    created = create_sample(Store(db), db)
    png = tmp_path / "map.png"
    assert main(["export", created.join_code, "--db", str(db), "-o", str(png),
                 "--persona", "margaret and alan, the retired couple"]) == 0
    assert png.read_bytes().startswith(b"\x89PNG")
    svg = tmp_path / "as-is.svg"
    assert main(["export", created.id, "--db", str(db), "-o", str(svg),
                 "--version", "As-is map (3 Nov)", "--colour-by", "owner"]) == 0
    assert "Awareness" in svg.read_text()
    capsys.readouterr()
    assert main(["export", created.id, "--db", str(db), "-o", str(tmp_path / "x.html"),
                 "--persona", "Nobody"]) == 2
    err = capsys.readouterr().err
    assert "no persona 'Nobody'" in err and "Sam, the busy parent" in err
    assert not (tmp_path / "x.html").exists()


def _fields(out: str) -> dict[str, str]:
    return dict(line.split(": ", 1) for line in out.splitlines() if ": " in line)


def test_new_from_a_template_makes_a_workshop_to_adapt(db, capsys):
    from cxwidgets import keys, starters
    from cxwidgets.store import Store

    assert main(["new", "--db", str(db), "--template", "insurance_claim",
                 "--title", "Motor claims 2027"]) == 0
    out = _fields(capsys.readouterr().out)
    template = starters.load("insurance_claim")
    with Store(db) as store:
        ws = store.state(out["workshop"])
    assert ws.title == "Motor claims 2027"
    assert [s.name for s in ws.stages] == [s.name for s in template.stages]
    assert {t.name for t in ws.touchpoints} == {
        t.name for s in template.stages for t in s.touchpoints}
    assert keys.recall(db, out["workshop"]) == out["facilitator token"]


def test_new_from_an_unknown_or_broken_template_is_refused(db, tmp_path, capsys):
    from cxwidgets.store import Store

    assert main(["new", "--db", str(db), "--template", "car_rental"]) == 2
    err = capsys.readouterr().err
    assert "no journey template named 'car_rental'" in err and "online_retail" in err
    broken = tmp_path / "mine.yaml"
    broken.write_text("title: Mine\nstages:\n  - name: Only one\n    touchpoints: [\n")
    assert main(["new", "--db", str(db), "--template", str(broken)]) == 2
    assert "mine.yaml" in capsys.readouterr().err
    assert main(["new", "--db", str(db), "--template", "online_retail", "--sample"]) == 2
    with Store(db) as store:
        assert store.list_workshops() == []  # nothing half-made


def test_bank_lists_every_map_with_overdue_reviews_first(db, capsys):
    import datetime as dt

    from cxwidgets.store import Editor, Store

    assert main(["bank", "--db", str(db)]) == 0
    assert "No maps in this store yet" in capsys.readouterr().out
    main(["new", "--db", str(db), "--template", "online_retail", "--title", "Web shop"])
    shop = _fields(capsys.readouterr().out)
    main(["new", "--db", str(db), "--title", "Blank wall"])
    with Store(db) as store:
        Editor.facilitator(store, shop["workshop"], shop["facilitator token"]).update_workshop(
            next_review=dt.date.today() - dt.timedelta(days=9))
    capsys.readouterr()
    assert main(["bank", "--db", str(db), "--json"]) == 0
    rows = json.loads(capsys.readouterr().out)
    assert [(r["title"], r["state"], r["review_overdue_days"]) for r in rows] == [
        ("Web shop", "review overdue", 9), ("Blank wall", "not mapped yet", 0)]
    assert main(["bank", "--db", str(db)]) == 0
    table = capsys.readouterr().out.splitlines()
    assert table[1].startswith("Web shop") and "(+9d)" in table[1]
    assert table[2].startswith("Blank wall")


def test_new_help_lists_the_templates_that_exist():
    from cxwidgets import starters

    out = subprocess.run([sys.executable, "-m", "cxwidgets.cli", "new", "--help"],
                         capture_output=True, text=True, check=True).stdout
    flat = " ".join(out.split())
    assert ", ".join(starters.names()) + ", or a YAML file of your own" in flat
    assert "bank_account_opening" not in flat and "--from-evidence DIR" in flat


def test_new_from_evidence_drafts_a_workshop_from_a_folder_of_exports(db, tmp_path, capsys):
    from cxwidgets.evidence.draft import workshop_from_folder
    from cxwidgets.resources import SAMPLE_DATA
    from cxwidgets.store import Store

    folder = SAMPLE_DATA / "feedback"
    assert main(["new", "--db", str(db), "--from-evidence", str(folder), "--title",
                 "FreshBox from its feedback"]) == 0
    out = capsys.readouterr().out
    assert out.startswith(f"drafted from the evidence in {folder}: ")
    fields = _fields(out)
    with Store(db) as store:
        ws = store.state(fields["workshop"])
    draft = workshop_from_folder(folder)
    assert ws.title == "FreshBox from its feedback"
    assert [t.name for t in ws.touchpoints] == [t.name for t in draft.touchpoints]
    assert len(ws.emotions) == len(draft.emotions) > 0 and ws.pain_points
    assert main(["new", "--db", str(db), "--from-evidence", str(tmp_path / "none")]) == 2
    assert "--from-evidence: evidence folder" in capsys.readouterr().err
    assert main(["new", "--db", str(db), "--from-evidence", str(folder), "--sample"]) == 2


def test_export_all_writes_every_format_of_the_registry_into_a_folder(db, tmp_path, capsys):
    from pptx import Presentation

    from cxwidgets.export import formats
    from cxwidgets.sample import create_sample
    from cxwidgets.store import Editor, Store

    store = Store(db)
    created = create_sample(store, db)
    editor = Editor.facilitator(store, created.id, created.token)
    renewal = next(s.id for s in editor.state().stages if s.name.startswith("Renewal"))
    pause = editor.add("touchpoints", {"name": "Pause in two taps", "channel": "mobile_app",
                                       "stage_id": renewal})
    editor.tag_version("To-be", kind="to_be")
    editor.remove("touchpoints", pause)  # planned, not there yet
    folder = tmp_path / "out"
    template = tmp_path / "company.pptx"
    Presentation().save(str(template))
    assert main(["export", created.join_code, "--db", str(db), "--all", "-o", str(folder),
                 "--template", str(template)]) == 0
    wrote = capsys.readouterr().out
    for f in formats.in_all():
        assert f"wrote {f.target(folder, 'freshbox-meal-kits-the-first-month')}" in wrote \
            or f.folder, f.name
    deck = Presentation(str(folder / "freshbox-meal-kits-the-first-month.pptx"))
    assert deck.slide_width == Presentation(str(template)).slide_width
    planned = (folder / "freshbox-meal-kits-the-first-month.cjml.xml").read_text()
    assert "the to-be map “To-be”" in planned and "Pause in two taps" in planned
    assert main(["export", created.join_code, "--db", str(db), "--all", "-o", str(folder),
                 "--format", "png"]) == 2
    assert "leave out --format" in capsys.readouterr().err


def test_export_a_deck_or_cjml_by_name_or_suffix(db, tmp_path, capsys):
    from cxwidgets.sample import create_sample
    from cxwidgets.store import Store

    created = create_sample(Store(db), db)
    assert main(["export", created.id, "--db", str(db), "-o", str(tmp_path / "d.pptx")]) == 0
    assert (tmp_path / "d.pptx").read_bytes().startswith(b"PK")
    assert main(["export", created.id, "--db", str(db), "--format", "cjml",
                 "-o", str(tmp_path / "journey.xml")]) == 0
    assert (tmp_path / "journey.xml").read_text().count("<plannedJourney>") == 1
    assert "pptx (Deck (PowerPoint))" in " ".join(
        subprocess.run([sys.executable, "-m", "cxwidgets.cli", "export", "--help"],
                       capture_output=True, text=True, check=True).stdout.split())


def test_new_sets_the_rooms_language_and_its_link_asks_for_it(db, capsys):
    from cxwidgets.store import Store

    assert main(["new", "--db", str(db), "--title", "Schadensmeldung", "--language", "de"]) == 0
    out = capsys.readouterr().out
    with Store(db) as store:
        (info,) = store.list_workshops()
        assert store.state(info.id).language == "de"
    link = next(line for line in out.splitlines() if "participant.ipynb?" in line)
    assert "lang=de" in link
    # the facilitator's page, too, says its loading words in the room's language
    link = next(line for line in out.splitlines() if "facilitator.ipynb?" in line)
    assert "lang=de" in link
    assert main(["new", "--db", str(db), "--sample", "--language", "fr"]) == 0
    with Store(db) as store:
        assert [store.state(i.id).language for i in store.list_workshops()] == ["de", "fr"]
    with pytest.raises(SystemExit):
        main(["new", "--db", str(db), "--title", "X", "--language", "xx"])
