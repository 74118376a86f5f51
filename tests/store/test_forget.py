"""Forgetting a person on request: their name and words are in no table, no snapshot, no
file of the store, no backup and no export made after, while the map keeps its shape.
Customers' answers past their retention date are forgotten the same way.
"""

from __future__ import annotations

import datetime as dt
import io
import shutil
import zipfile
from pathlib import Path

import pytest
import sqlalchemy as sa

from cxwidgets import cli
from cxwidgets.exceptions import InvalidInput
from cxwidgets.method.kinds import COLLECTIONS, SPEAKS_FOR
from cxwidgets.store import Editor, Store, backup, forget, migrate, personal
from cxwidgets.store.backend import is_sqlite, to_url

NAME = "Zofia Kettlewhistle"
WORDS = "Quillfeather forms ask for the policy number twice"
CUSTOMER_WORDS = "Marmaduke never got a callback"
GOLDEN = Path(__file__).parent / "golden" / "0.1.0"


def every_row(db) -> str:
    """Every value of every table of the store, as one text."""
    engine = sa.create_engine(to_url(db))
    try:
        with engine.connect() as conn:
            return "\n".join(str(tuple(row)) for table in sa.inspect(conn).get_table_names()
                             for row in conn.execute(sa.text(f'SELECT * FROM "{table}"')))
    finally:
        engine.dispose()


def file_bytes(db) -> bytes:
    """The store's files as they lie on disk (SQLite: the file and its write-ahead log)."""
    path = Path(str(db))
    return b"".join(p.read_bytes() for p in (path, path.with_name(path.name + "-wal"))
                    if p.exists())


@pytest.fixture
def room(store, created, facilitator):
    """Zofia and Ben in a room; Zofia writes a touchpoint, a pain point, a rating, a
    comment and a vote; a customer answers a round with words of their own."""
    zofia = Editor.join(store, created.join_code, NAME, "support", "Blue table")
    ben = Editor.join(store, created.join_code, "Ben Ortega", "it")
    stage = facilitator.add("stages", {"name": "Report"})
    facilitator.open_step("touchpoints")
    form = zofia.add("touchpoints", {"name": "Kettlewhistle claim form", "stage_id": stage})
    ben.add("touchpoints", {"name": "Call centre", "stage_id": stage})
    facilitator.open_step("emotions")
    zofia.add("emotions", {"touchpoint_id": form, "score": -2, "word": "Kettlewhistle-mad"})
    facilitator.open_step("pains")
    pain = zofia.add("pain_points", {"touchpoint_id": form, "text": WORDS})
    facilitator.open_step("review")
    zofia.add("comments", {"target_id": form, "text": "Zofia thinks so too"})
    facilitator.open_step("prioritise")
    zofia.add("votes", {"target_id": pain})
    facilitator.open_step("versions")
    round_id = facilitator.open_round("Is it so?", [form], closes=dt.date.today()
                                      + dt.timedelta(days=9))
    code = store.state(created.id).rounds[0].code
    customer = Editor.customer(store, created.id, code)
    customer.answer(form, -1, "yes", CUSTOMER_WORDS)
    facilitator.open_step("touchpoints")
    zofia.update("touchpoints", form, description="Kettlewhistle again")
    store.write_snapshot(created.id)
    return {"zofia": zofia, "ben": ben, "form": form, "pain": pain, "round": round_id,
            "customer": customer.author}


def test_a_forgotten_participant_is_in_no_table_snapshot_or_file(db, store, created, room):
    before = store.state(created.id)
    assert NAME in every_row(db)  # the test can see them while they are there
    done = forget.forget_participant(store, created.join_code, NAME)
    assert done.people == [(created.id, room["zofia"].author)] and done.words >= 5
    after = store.state(created.id)
    for name in COLLECTIONS:  # the map keeps its shape: every entry, in its place
        assert [e.id for e in getattr(after, name)] == [e.id for e in getattr(before, name)]
    zofia = next(p for p in after.participants if p.id == room["zofia"].author)
    assert (zofia.name, zofia.group) == ("a participant", "")
    form = next(t for t in after.touchpoints if t.id == room["form"])
    assert (form.name, form.description, form.created_by) == (
        "(withdrawn)", "", room["zofia"].author)
    assert after.emotions[0].word == "" and after.emotions[0].score == -2
    assert next(p for p in after.pain_points if p.id == room["pain"]).text == "(withdrawn)"
    assert [t.name for t in after.touchpoints][1] == "Call centre"  # Ben's words stay
    assert after.answers[0].comment == CUSTOMER_WORDS  # and the customer's
    text = every_row(db)
    for word in ("Zofia", "Kettlewhistle", "Quillfeather", "Blue table"):
        assert word not in text
    if is_sqlite(to_url(db)):
        raw = file_bytes(db)
        assert b"Zofia" not in raw and b"Kettlewhistle" not in raw
    assert not store.check_seat(created.id, room["zofia"].author, room["zofia"].secret)
    assert store.state(created.id) == Store(db).state(created.id)  # a fresh fold agrees


def test_a_backup_made_after_holds_nothing_of_them(db, store, created, room, tmp_path):
    backup.backup(db, tmp_path / "before.sqlite")
    forget.forget_participant(store, created.id, NAME)
    backup.backup(db, tmp_path / "after.sqlite")
    assert b"Kettlewhistle" in (tmp_path / "before.sqlite").read_bytes()  # as it was
    raw = (tmp_path / "after.sqlite").read_bytes()
    assert b"Zofia" not in raw and b"Kettlewhistle" not in raw


@pytest.mark.parametrize("backend", ["sqlite"])
def test_no_export_made_after_names_them(db, store, created, room, tmp_path):
    from cxwidgets.export.workshop import export_workshop

    forget.forget_participant(store, created.id, NAME)
    workshop = store.state(created.id)
    for fmt in ("json", "html", "md", "xlsx", "csv", "svg", "pdf", "png"):
        (tmp_path / fmt).mkdir()
        out = tmp_path / fmt / f"export.{fmt}"
        if fmt == "json":
            out.write_text(workshop.to_json(), encoding="utf-8")
            written = [out]
        else:
            written = export_workshop(workshop, out, fmt)
        for path in [*written, *(tmp_path / fmt).rglob("*")]:
            for text in readable(path):
                assert "Zofia" not in text and "Kettlewhistle" not in text, (fmt, path)


def readable(path: Path) -> list[str]:
    """What a person could read in an export file: its text, the text of each part of a
    zipped workbook, the text of each page of a PDF, the files of a folder."""
    if path.is_dir():
        return [t for p in sorted(path.rglob("*")) if p.is_file() for t in readable(p)]
    data = path.read_bytes()
    if path.suffix == ".xlsx":
        with zipfile.ZipFile(io.BytesIO(data)) as book:
            return [book.read(n).decode("utf-8", "replace") for n in book.namelist()]
    if path.suffix == ".pdf":
        from pypdf import PdfReader

        return [page.extract_text() for page in PdfReader(io.BytesIO(data)).pages] + [
            data.decode("latin-1")]
    return [data.decode("utf-8", "replace")]


def test_removing_their_entries_takes_their_say_off_the_map(store, created, room):
    done = forget.forget_participant(store, created.id, NAME, remove_entries=True)
    assert done.removed == 3  # the rating, the comment, the vote
    after = store.state(created.id)
    assert after.emotions == [] and after.comments == [] and after.votes == []
    assert room["form"] in {t.id for t in after.touchpoints}  # the map's shape stays


def test_a_forgotten_customer_leaves_their_answers_without_their_words(db, store, created,
                                                                      room):
    forget.forget_customer(store, created.id, room["customer"])
    answer = store.state(created.id).answers[0]
    assert (answer.comment, answer.feeling, answer.respondent) == ("", -1, room["customer"])
    assert "Marmaduke" not in every_row(db)
    with pytest.raises(InvalidInput, match="no customer"):
        forget.forget_customer(store, created.id, "c-nobody")


def test_a_name_is_matched_whole_and_never_guessed(store, created, room):
    Editor.join(store, created.join_code, "Ben Ortega", "sales")
    with pytest.raises(InvalidInput, match="2 participants are called 'Ben Ortega'"):
        forget.forget_participant(store, created.id, "Ben Ortega")
    with pytest.raises(InvalidInput, match="no participant called 'Zofia'"):
        forget.forget_participant(store, created.id, "Zofia")
    forget.forget_participant(store, created.id, room["ben"].author)  # by id


def test_a_participant_forgotten_in_a_room_is_forgotten_in_its_merged_map(
        first_release_store):
    migrate.upgrade(first_release_store, take_backup=False)
    with Store(first_release_store) as store:
        hamburg = next(i for i in store.list_workshops() if "Hamburg" in i.title)
        name = "Jana Krüger"
        assert name in every_row(first_release_store)
        done = forget.forget_participant(store, hamburg.id, name)
        assert len(done.people) == 2  # the room, and the consensus map that merged it
        assert name not in every_row(first_release_store)
        merged = next(store.state(i.id) for i in store.list_workshops()
                      if store.state(i.id).consensus)
        assert "a participant" in [p.name for p in merged.participants]


def test_answers_past_their_retention_date_are_due_then_forgotten(db, store, created, room,
                                                                   capsys):
    assert forget.due(store) == []
    assert cli.main(["retain", created.join_code, "--answers-until", "2020-01-31",
                     "--db", str(db)]) == 0
    assert "until 2020-01-31" in capsys.readouterr().out
    (item,) = forget.due(store)
    assert (item.workshop_id, item.customers) == (created.id, 1)
    assert cli.main(["bank", "--db", str(db)]) == 0
    assert "kept until 2020-01-31: 1 customers" in capsys.readouterr().out
    assert cli.main(["forget", "--expired", "--db", str(db)]) == 0
    assert "forgot 1 customers" in capsys.readouterr().out
    assert forget.due(store) == [] and "Marmaduke" not in every_row(db)
    assert store.state(created.id).answers[0].comment == ""
    assert cli.main(["retain", created.id, "--answers-until", "soon", "--db", str(db)]) == 2
    assert cli.main(["retain", created.id, "--answers-until", "always", "--db", str(db)]) == 0
    assert forget.retention_dates(store) == {}


def test_the_forget_command_says_what_it_did(db, store, created, room, capsys):
    assert cli.main(["forget", created.join_code, "--participant", NAME, "--db",
                     str(db)]) == 0
    out = capsys.readouterr().out
    assert "forgot the participant in 1 workshop" in out and "a participant" in out
    assert cli.main(["forget", created.id, "--participant", NAME, "--db", str(db)]) == 2
    assert "no participant called" in capsys.readouterr().err
    assert cli.main(["forget", "--participant", "x", "--db", str(db)]) == 2


def test_every_text_field_of_the_model_is_placed():
    """A new text field must be said to be words (held apart) or not (an id, a date, a
    choice): a field that could hold a name never slips into the log."""
    not_words = {"created_by", "id"}
    for collection, model in COLLECTIONS.items():
        texts = set()
        for field, schema in model.model_json_schema()["properties"].items():
            kinds = [schema, *schema.get("anyOf", []), schema.get("items", {})]
            if any(k.get("type") == "string" and not ({"pattern", "format", "enum"} & set(k))
                   for k in kinds):
                texts.add(field)
        placed = set(personal.WORDS[collection]) | not_words
        placed.add(SPEAKS_FOR.get(collection, ""))
        assert texts - placed <= {"version"}, (collection, texts - placed)
    assert set(personal.WORDS) == set(COLLECTIONS)


def test_the_store_of_the_first_release_holds_words_apart_once_upgraded(tmp_path):
    db = tmp_path / "old.sqlite"
    shutil.copyfile(GOLDEN / "workshops.sqlite", db)
    migrate.upgrade(db, take_backup=False)
    engine = sa.create_engine(to_url(db))
    with engine.connect() as conn:
        log = " ".join(conn.execute(sa.text("SELECT payload FROM cx_events")).scalars())
        held = conn.execute(sa.text("SELECT count(*) FROM cx_personal")).scalar()
    engine.dispose()
    assert held > 100 and "Łukasiewicz" not in log and "a participant" in log
