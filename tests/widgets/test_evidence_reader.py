import datetime as dt

import pytest

from cxwidgets.resources import SAMPLE_DATA
from cxwidgets.sample import create_sample
from cxwidgets.store import Editor
from cxwidgets.widgets import Evidence, LiveWorkshop
from cxwidgets.widgets.evidence_reader import MAX_UPLOAD, NONE, FeedbackReader

TICKETS = SAMPLE_DATA / "feedback" / "support_tickets.csv"


@pytest.fixture
def sample(store, db):
    created = create_sample(store, db)
    return LiveWorkshop(Editor.facilitator(store, created.id, created.token))


def upload(reader, name: str, content: bytes, size: int | None = None) -> None:
    reader.upload.value = ({"name": name, "type": "", "size": size or len(content),
                            "content": memoryview(content),
                            "last_modified": dt.datetime(2026, 11, 1)},)


def test_a_file_read_by_path_is_mapped_checked_and_added(store, sample):
    reader = Evidence(sample).reader
    sources_before = len(sample.workshop.sources)
    seq = store.last_seq(sample.editor.workshop_id)
    reader.path.value = str(TICKETS)
    assert reader.load()
    assert reader.fields["text"].value == "Description"  # guessed from the header
    assert reader.fields["score"].value == "CSAT (1-5)"
    assert store.last_seq(sample.editor.workshop_id) == seq  # reading saves nothing
    reader.kind.value = "support_log"
    reader.date_order.value = "monthfirst"
    assert reader.run_check()
    _, report = reader.checked
    assert report.rows_read == report.accepted + report.rejected_count == 8540
    assert "duplicate of an earlier row" in reader.report.value
    assert reader.touchpoint_chart.spec and reader.stage_chart.spec
    assert reader.add_source()
    source = sample.workshop.sources[-1]
    assert len(sample.workshop.sources) == sources_before + 1
    assert (source.name, source.kind.value, source.rows) == (
        "support_tickets.csv", "support_log", report.accepted)
    assert source.mapping["columns"]["text"] == "Description"  # kept to read it again
    assert "rows rejected" in source.note


def test_suggestions_become_ratings_and_pain_points(store, sample):
    reader = FeedbackReader(sample)
    reader.path.value = str(TICKETS)
    reader.load()
    reader.date_order.value = "monthfirst"
    reader.run_check()
    assert "Suggested feeling" in reader.suggestions.value
    rated = reader.add_suggested_ratings()
    assert rated > 3
    mine = [e for e in sample.workshop.emotions if e.participant == "evidence"]
    assert len(mine) == rated and {e.persona_id for e in mine} == {sample.persona_id}
    assert reader.add_suggested_ratings() == rated  # again: updated, not doubled
    assert len([e for e in sample.workshop.emotions if e.participant == "evidence"]) == rated
    added = reader.add_suggested_pains()
    pains = [p for p in sample.workshop.pain_points if p.text.endswith("is negative")]
    assert added == len(pains) > 0 and all(p.evidence for p in pains)
    assert reader.add_suggested_pains() == 0  # nothing twice


@pytest.mark.parametrize(("name", "content", "message"), [
    ("empty.csv", b"", "empty.csv is empty (0 bytes)"),
    ("garbage.csv", bytes(range(256)) * 40, "garbage.csv"),
    ("picture.csv", b"\x89PNG\r\n\x1a\n" + bytes(300), "picture.csv"),
])
def test_unreadable_uploads_are_explained_and_nothing_is_saved(store, sample, name, content,
                                                               message):
    reader = FeedbackReader(sample)
    seq = store.last_seq(sample.editor.workshop_id)
    upload(reader, name, content)
    assert reader.raw is None and reader.check.disabled
    assert "cx-error" in reader.notice.value and message in reader.notice.value
    assert reader.add_source() is None
    assert store.last_seq(sample.editor.workshop_id) == seq


def test_a_file_with_no_usable_row_cannot_be_added(store, sample):
    reader = FeedbackReader(sample)
    seq = store.last_seq(sample.editor.workshop_id)
    upload(reader, "header.csv", b"date,comment,rating\n")
    assert reader.run_check() and reader.add.disabled
    assert reader.add_source() is None and "no row of this file was accepted" in \
        reader.notice.value
    upload(reader, "blank.csv", b"date,comment,rating\n2026-11-01,,\n")
    assert reader.run_check() and "no text and no score" in reader.report.value
    assert reader.add_source() is None
    assert store.last_seq(sample.editor.workshop_id) == seq


def test_an_upload_that_is_too_big_is_refused_before_reading(store, sample):
    reader = FeedbackReader(sample)
    upload(reader, "huge.csv", b"a,b\n1,2\n", size=MAX_UPLOAD + 1)
    assert "uploads stop at 8 MB" in reader.notice.value and reader.raw is None


def test_a_latin1_semicolon_upload_keeps_its_accents(store, sample):
    reader = FeedbackReader(sample)
    text = "Date;Commentaire;Note\n03/11/2026;Crème fraîche manquante, très déçue;1\n" \
           "04/11/2026;Livreur très aimable;5\n"
    upload(reader, "avis.csv", text.encode("cp1252"))
    assert reader.raw is not None and reader.fields["text"].value == "Commentaire"
    reader.score_type.value = "rating"
    assert reader.run_check()
    table, report = reader.checked
    assert "Crème fraîche manquante, très déçue" in set(table["text"])
    assert report.encoding and report.delimiter == ";"


def test_participants_do_not_get_the_reader(participant):
    assert not hasattr(Evidence(LiveWorkshop(participant)), "reader")


def test_a_listed_source_is_read_again_with_its_own_mapping(store, sample):
    reader = FeedbackReader(sample)
    survey = next(s for s in sample.workshop.sources if s.id == "src-survey")
    assert survey.id in [v for _, v in reader.listed.options]
    reader.listed.value = survey.id
    assert reader.raw is not None and reader.raw.delimiter == ";"
    assert reader.mapping().wide == survey.mapping["wide"]  # not the guess: the saved one
    assert reader.run_check()
    _, report = reader.checked
    assert report.rows_read == survey.rows == 6024


def test_what_the_form_has_no_control_for_is_kept_from_the_guess(store, sample, tmp_path):
    rows = ["OverallRating,ReviewTitle,ReviewText,SeatComfort,CabinStaffService,Food"]
    rows += [f"{k % 10 + 1},Title {k},The flight number {k} was long,{k % 5 + 1},"
             f"{'' if k % 4 else k % 5 + 1},{'' if k % 3 else k % 4 + 1}" for k in range(40)]
    path = tmp_path / "flights.csv"
    path.write_text("\n".join(rows) + "\n")
    reader = FeedbackReader(sample)
    reader.path.value = str(path)
    assert reader.load() and reader.score_type.value == "1-10"
    mapping = reader.mapping()
    assert mapping.text_parts == ["ReviewTitle", "ReviewText"]
    assert mapping.scale_for("SeatComfort") == "rating"
    assert reader.run_check()
    table, _ = reader.checked
    assert set(table["score_type"].dropna()) == {"1-10", "rating"}
    reader.fields["text"].value = NONE  # no text any more: no parts of it either
    assert reader.mapping().text_parts == []


def test_an_upload_the_page_could_not_send_says_so(store, sample):
    reader = FeedbackReader(sample)
    reader.upload.error = "the connection closed while sending"
    assert "The upload did not arrive (the connection closed while sending)" in \
        reader.notice.value
    assert "Uploads stop at 8 MB: type the file&#x27;s path instead." in reader.notice.value


def test_a_workbook_bomb_upload_is_refused_on_the_page(store, sample, tmp_path):
    import zipfile

    path = tmp_path / "bomb.xlsx"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as book:
        book.writestr("[Content_Types].xml", "<Types/>")
        book.writestr("xl/workbook.xml", "<workbook/>")
        book.writestr("xl/worksheets/sheet1.xml", "<row/>" * 30_000_000)
    assert path.stat().st_size < MAX_UPLOAD
    reader = FeedbackReader(sample)
    upload(reader, "bomb.xlsx", path.read_bytes())
    assert "bomb.xlsx unpacks to" in reader.notice.value and reader.raw is None
