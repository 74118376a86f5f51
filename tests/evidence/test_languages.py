"""Languages: the English text model reads only English; other languages take their
sentiment from the row's label or score, or are counted as having none."""

from __future__ import annotations

import pandas as pd
import pytest

from cxwidgets.evidence.folder import load_folder
from cxwidgets.evidence.languages import detect
from cxwidgets.evidence.quotes import representative_quotes

PT = ["O produto chegou antes do prazo e muito bem embalado, recomendo a loja",
      "Não recebi o produto até agora e ninguém responde às minhas mensagens",
      "Produto de ótima qualidade, exatamente como na descrição do anúncio",
      "Veio com defeito e a troca demorou mais de um mês, péssimo atendimento"]
EN = ["The delivery was late and the box was crushed when it arrived",
      "Great app, easy to use and the support team answered within minutes"]
DE = ["Die App stürzt seit dem letzten Update ständig ab, sehr ärgerlich",
      "Überweisungen gehen schnell und die Bedienung ist einfach"]
NL = ["De app werkt niet meer sinds de laatste update, inloggen lukt niet",
      "Prima bank, ik word altijd snel geholpen door de klantenservice"]


def test_each_text_gets_its_language():
    texts = pd.Series([*PT, *EN, *DE, *NL, "ok", None], dtype="string")
    found = detect(texts).astype("string").tolist()
    assert found[:4] == ["pt"] * 4 and found[4:6] == ["en"] * 2
    assert found[6:8] == ["de"] * 2 and found[8:10] == ["nl"] * 2
    assert found[10] is pd.NA and found[11] is pd.NA  # too short to tell; no text


def test_portuguese_reviews_are_never_read_by_the_english_model(tmp_path):
    rows = 400
    frame = pd.DataFrame({"review_id": [f"r{k}" for k in range(rows)],
                          "review_comment_message": [f"{PT[k % 4]} (pedido {k})"
                                                     for k in range(rows)],
                          "review_creation_date": [f"2026-02-{k % 28 + 1:02d} 10:00:00"
                                                   for k in range(rows)]})
    folder = tmp_path / "ev"
    folder.mkdir()
    frame.to_csv(folder / "marketplace_reviews.csv", index=False)
    evidence = load_folder(folder)
    table = evidence.table
    assert table["language"].astype("string").eq("pt").all()
    assert table["sentiment"].isna().all() and table["sentiment_from"].isna().all()
    (_, report), = evidence.reports
    assert report.sentiment["no_sentiment"] == {"Portuguese": rows}
    assert report.doubts[0].startswith(f"No sentiment: Portuguese ({rows:,} rows)")


def test_other_languages_take_their_sentiment_from_the_score(tmp_path):
    texts = [*PT, *EN, *DE, *NL]
    frame = pd.DataFrame({"content": [f"{texts[k % len(texts)]} {k}" for k in range(300)],
                          "score": [str(k % 5 + 1) for k in range(300)],
                          "appId": [["nl.bunq", "de.n26", "com.ing", "pt.nubank"][k % 4]
                                    for k in range(300)]})
    folder = tmp_path / "ev"
    folder.mkdir()
    frame.to_csv(folder / "app_reviews.csv", index=False)
    evidence = load_folder(folder)
    table = evidence.table
    assert table["sentiment_from"].eq("score").all()
    quotes = representative_quotes(table, "product")
    assert set(quotes["language"]) >= {"pt", "en"}
    for q in quotes.itertuples():
        assert q.text in set(table["text"])  # a quote keeps its own words and language


@pytest.mark.parametrize("text", ["ok", "Great!", "Love it", "meh"])
def test_a_short_english_text_in_an_english_file_is_still_read(tmp_path, text):
    rows = [*(f"{EN[k % 2]} {k}" for k in range(30)), text]
    folder = tmp_path / "ev"
    folder.mkdir()
    pd.DataFrame({"comment": rows}).to_csv(folder / "f.csv", index=False)
    table = load_folder(folder).table
    assert table["sentiment_from"].eq("text").all()
