"""`cxwidgets validate`: open a round, follow it, read its gaps, close it, export it as
evidence that the kit's own feedback reader accepts like any other export."""

import datetime as dt

import pytest

from cxwidgets.cli import main
from cxwidgets.evidence.ingest import ingest
from cxwidgets.sample import create_sample
from cxwidgets.store import Editor, Store


@pytest.fixture
def sample(db):
    store = Store(db)
    created = create_sample(store, db)
    yield store, created
    store.close()


def lines(capsys) -> list[str]:
    return capsys.readouterr().out.splitlines()


def test_open_answer_read_close_and_export(db, sample, tmp_path, capsys):
    store, created = sample
    code = created.join_code
    assert main(["validate", "new", code, "--db", str(db), "--version", "After review (4 Nov)",
                 "--touchpoint", "Courier at the door", "--touchpoint", "Support phone line",
                 "--closes", "2099-01-31", "--consent", "Anonymous."]) == 0
    out = lines(capsys)
    round_code = out[0].split()[1]
    assert out[0] == f"round: {round_code} (2 touchpoints, closes 2099-01-31)"
    assert f"validate.ipynb?w={created.id}&round={round_code}" in out[1]
    assert "code=" not in out[1]  # the customers' link admits nobody to the room

    ws = store.state(created.id)
    found = ws.rounds[0]
    courier, phone = found.touchpoint_ids
    for feeling in (-2, -1, -1):
        Editor.customer(store, created.id, round_code).answer(courier, feeling, "yes", "late")
    Editor.customer(store, created.id, round_code).answer(phone, None, "never",
                                                          "Never had to call")

    assert main(["validate", "list", code, "--db", str(db)]) == 0
    assert lines(capsys)[0].startswith(f"{round_code}  open    closes 2099-01-31     4 "
                                       "customers")
    assert main(["validate", "results", code, round_code.lower(), "--db", str(db)]) == 0
    said = lines(capsys)
    assert said[0] == "How does your journey feel?: 4 customers"
    assert said[1].startswith("- At Courier at the door, the room said ")
    assert said[1].endswith("; 3 customers said -1.3.")
    assert said[2] == "- At Support phone line, the room said -2.0; 1 customer answered, " \
                      "none rated it."

    assert main(["validate", "evidence", code, round_code, "--db", str(db), "-o",
                 str(tmp_path / "ev")]) == 0
    data, mapping = sorted((tmp_path / "ev").iterdir())
    done = ingest(data, mapping)
    assert done.report.rows_read == 4 and done.report.accepted == 4
    table = done.table
    assert set(table["source"]) == {"validation"}
    assert sorted(table["touchpoint"].dropna()) == ["Courier at the door"] * 3 + [
        "Support phone line"]
    assert table["sentiment"].min() == -1.0 and (table["text"] == "late").sum() == 3
    assert "Never had to call" in set(table["text"])

    assert main(["validate", "close", code, round_code, "--db", str(db)]) == 0
    assert store.state(created.id).rounds[0].closed


def test_clear_errors_for_wrong_input(db, sample, capsys):
    _, created = sample
    code = created.join_code
    assert main(["validate", "new", code, "--db", str(db), "--touchpoint", "Nope"]) == 2
    assert "no touchpoint 'Nope' in the map now" in capsys.readouterr().err
    assert main(["validate", "new", code, "--db", str(db), "--persona", "Zed"]) == 2
    err = capsys.readouterr().err
    assert "no persona 'Zed'; personas: " in err and "'Sam, the busy parent'" in err
    assert main(["validate", "results", code, "ZZZZ", "--db", str(db)]) == 2
    assert "no round 'ZZZZ' in this workshop; rounds: none yet" in capsys.readouterr().err
    with pytest.raises(SystemExit):
        main(["validate", "new", code, "--db", str(db), "--closes", "31/12/2026"])
    assert main(["validate", "new", code, "--db", str(db)]) == 0
    round_code = lines(capsys)[0].split()[1]
    assert main(["validate", "evidence", code, round_code, "--db", str(db), "-o", "x"]) == 2
    assert "has no answers yet" in capsys.readouterr().err


def test_a_round_needs_the_facilitator_token_on_this_machine(db, sample, capsys):
    _, created = sample
    db.with_name(db.name + ".keys.json").unlink()
    assert main(["validate", "new", created.join_code, "--db", str(db)]) == 2
    assert "facilitator token of this workshop is not saved" in capsys.readouterr().err
    assert dt.date.today()  # reading stays possible without the token:
    assert main(["validate", "list", created.join_code, "--db", str(db)]) == 0
