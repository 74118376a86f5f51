"""Exports are written in the workshop's language, whoever asks for them and whatever the
asker's own screens speak: a German room's tables and map table say "Telefon", never
"Phone"; the same workshop in English says "Phone"."""

from __future__ import annotations

import datetime as dt

import pandas as pd

from cxwidgets import language
from cxwidgets.export.workshop import export_workshop
from cxwidgets.method import words as L
from cxwidgets.sample import load_sample_workshop

TODAY = dt.date(2026, 11, 25)


def _phone_channel(folder) -> set[str]:
    tables = pd.read_csv(next(folder.glob("**/*touchpoints*.csv")), dtype=str)
    column = next(c for c in tables.columns if c in ("Channel", "Kanal"))
    return set(tables[column])


def test_the_tables_speak_the_workshops_language_not_the_askers(tmp_path):
    sample = load_sample_workshop()
    german = sample.model_copy(update={"language": "de"})
    with language.speaking("fr"):  # the facilitator's own screens speak French
        export_workshop(german, tmp_path / "de", "csv", today=TODAY)
        export_workshop(sample, tmp_path / "en", "csv", today=TODAY)
        assert language.current() == "fr"  # left as it was
    with language.speaking("de"):
        german_channels = set(L.CHANNEL.values())
    english_channels = set(L.CHANNEL.source().values())
    in_german, in_english = _phone_channel(tmp_path / "de"), _phone_channel(tmp_path / "en")
    assert len(in_german) >= 3 and in_german <= german_channels
    assert in_german - english_channels  # not the English words that happen to be German
    assert in_english <= english_channels and len(in_english) == len(in_german)


def test_the_map_in_words_speaks_the_workshops_language(tmp_path):
    sample = load_sample_workshop().model_copy(update={"language": "fr"})
    (page,) = [p for p in export_workshop(sample, tmp_path / "poster.html", "html",
                                          today=TODAY) if p.suffix == ".html"]
    text = page.read_text(encoding="utf-8")
    assert "La carte du parcours client" in text and "points de contact" in text
