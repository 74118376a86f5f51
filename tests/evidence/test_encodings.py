"""Encodings: judged on the whole file, never a refusal, and the report names the codec."""

from __future__ import annotations

import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from cxwidgets.evidence.encodings import decide, first_failure, known
from cxwidgets.evidence.ingest import ingest
from cxwidgets.evidence.readers import read_table
from cxwidgets.exceptions import UnreadableFile

FRENCH = ["Très bon accueil, personnel compétent", "Trop cher pour la qualité",
          "Je recommande à tous", "Caissière très aimable, rayon très propre",
          "Plantes abîmées à la livraison", "Un peu déçu par le choix"]


def survey(rows: int = 3_000) -> bytes:
    """A garden centre's NPS survey saved by a Windows tool: Latin-1, with a few bytes of
    the DOS code page (0x81 'ü', 0x90 'É') far past the first 64 KB."""
    lines = ["id;date;recommend;comment"]
    for k in range(1, rows + 1):
        lines.append(f"{k};0{k % 9 + 1}/03/2026;{k % 11};{FRENCH[k % len(FRENCH)]} {k}")
    data = ("\r\n".join(lines) + "\r\n").encode("latin_1")
    cut = len(data) * 3 // 4
    at = data.index(b"\r\n", cut) + 2
    end = data.index(b"\r\n", at)
    row = data[at:end]
    return data[:at] + row + b" Gr\x81n \x90t\xe9" + data[end:]


def test_a_file_that_mixes_code_pages_is_read_whole_as_latin1(tmp_path):
    data = survey()
    assert first_failure("cp1252", None, data) is not None  # cp1252 fails deep in it
    assert first_failure("cp1252", None, data[:64 * 1024]) is None  # not on its start
    path = tmp_path / "enquete.csv"
    path.write_bytes(data)
    result = ingest(path)
    report = result.report
    assert report.encoding == "Latin-1"
    assert report.rows_read == 3_000 == report.accepted + report.rejected_count
    assert report.rejected_count == 0
    said = " ".join(report.warnings)
    assert "read as Latin-1, which reads every byte" in said
    assert "Windows-1252 fails at byte" in said and "0x81" in said
    expected = pd.read_csv(path, sep=";", encoding="latin_1", dtype=str)["comment"]
    assert result.table["text"].tolist() == expected.tolist()
    assert "Feedback file: enquete.csv (CSV, " in report.to_text()
    assert "Latin-1" in report.to_text().splitlines()[0]


def test_the_encoding_can_be_given_and_is_checked_on_every_byte(tmp_path):
    path = tmp_path / "enquete.csv"
    path.write_bytes(survey())
    assert ingest(path, encoding="cp850").report.encoding.startswith("DOS")
    assert ingest(path, {"columns": {"text": "comment"}, "encoding": "latin-1"}
                  ).report.encoding == "Latin-1"
    with pytest.raises(UnreadableFile, match=r"not UTF-8 text: it fails at byte [\d,]+ "
                                             r"\(line [\d,]+, byte 0x"):
        read_table(path, encoding="utf-8")
    with pytest.raises(UnreadableFile, match="unknown encoding 'klingon'"):
        read_table(path, encoding="klingon")
    assert known("Latin-1") == "latin_1" and known("CP1252") == "cp1252"


@pytest.mark.parametrize(("codec", "text", "name"), [
    ("cp1251", "Доставка опоздала и коробка была мокрой", "Windows-1251"),
    ("cp1250", "Zamówienie dotarło późno, a pudełko było mokre", "Windows-1250"),
    ("utf-16", "Livraison à l'heure; merci", "UTF-16"),
    ("utf-8-sig", "Entrega rápida e ótimo", "UTF-8 with BOM"),
])
def test_other_encodings_are_found_on_the_whole_file(codec, text, name):
    body = "id,comment\n" + "".join(f'{k},"{text} {k}"\n' for k in range(400))
    t = read_table(("export.csv", body.encode(codec)))
    assert t.frame["comment"].iloc[7] == f"{text} 7"
    assert name.split()[0] in (t.encoding or "")


def printable(cell: bytes) -> bytes:
    """Any bytes, but none of the control characters no text file holds."""
    return bytes(b if b >= 0x20 else b + 0x41 for b in cell)


CODECS = ["utf-8", "cp1252", "latin_1", "cp850", "cp1251", "mac_roman"]


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.binary(min_size=1, max_size=60).map(printable), min_size=1, max_size=30),
       st.sampled_from(CODECS))
def test_no_file_is_refused_for_its_encoding(cells, codec):
    """Any bytes at all in the cells, with a header in any codec: read, every row kept."""
    clean = [c.replace(b"\n", b" ").replace(b"\r", b" ").replace(b",", b" ")
             .replace(b'"', b" ").replace(b"\x00", b" ") for c in cells]
    body = "id,comment\n".encode(codec) + b"".join(
        str(k).encode() + b"," + c + b"\n" for k, c in enumerate(clean))
    decision = decide("x.csv", body[:65536], len(body), data=body)
    assert first_failure(decision.codec, None, body) is None
    t = read_table(("x.csv", body))
    assert t.rows_read == len(cells)
