"""A feedback export written in the room's language: the guess reads its headers in German,
French, Spanish, Dutch, Portuguese and Italian as it reads English ones, and keeps each
quote in the language it was written in."""

from __future__ import annotations

import pandas as pd
import pytest

from cxwidgets.evidence.guess import guess_mapping

FIELDS = ("id", "timestamp", "source", "channel", "touchpoint", "stage", "segment",
          "product", "score", "text")
#: Each language's headers, in the order of FIELDS, as survey tools and spreadsheets
#: write them (accents, hyphens and capitals included).
HEADERS = {
    "de": ("Antwort-ID", "Datum", "Quelle", "Kanal", "Kontaktpunkt", "Phase",
           "Kundensegment", "Produkt", "Bewertung (1-5)", "Kommentar"),
    "fr": ("ID de réponse", "Date", "Source", "Canal", "Point de contact", "Étape",
           "Segment client", "Produit", "Note", "Commentaire"),
    "es": ("ID de respuesta", "Fecha", "Fuente", "Canal", "Punto de contacto", "Etapa",
           "Segmento de cliente", "Producto", "Puntuación", "Comentario"),
    "nl": ("Respons-ID", "Datum", "Bron", "Kanaal", "Contactmoment", "Fase",
           "Klantsegment", "Product", "Cijfer", "Opmerking"),
    "pt": ("ID da resposta", "Data", "Fonte", "Canal", "Ponto de contato", "Etapa",
           "Segmento de cliente", "Produto", "Nota", "Comentário"),
    "it": ("ID risposta", "Data", "Fonte", "Canale", "Punto di contatto", "Fase",
           "Segmento cliente", "Prodotto", "Voto", "Commento"),
}
COMMENTS = ["Die Bezahlung ist zweimal abgebrochen.", "Livraison rapide, parfait !",
            "Nadie me devolvió la llamada.", "Het retourneren duurt veel te lang.",
            "Entrega atrasada e sem aviso.", "Il pacco è arrivato danneggiato."]


def export(headers: tuple[str, ...], rows: int = 24) -> pd.DataFrame:
    """A small export: distinct ids and texts, a few channels, touchpoints, stages,
    segments and products, scores 1-5 and real dates."""
    values = {
        "id": [f"R{1000 + i}" for i in range(rows)],
        "timestamp": [f"2025-02-{1 + i % 28:02d}" for i in range(rows)],
        "source": [("Survey", "Reviews")[i % 2] for i in range(rows)],
        "channel": [("Web", "App", "Telefon")[i % 3] for i in range(rows)],
        "touchpoint": [("Checkout", "Delivery", "Returns", "Support")[i % 4]
                       for i in range(rows)],
        "stage": [("Buy", "Receive", "Return")[i % 3] for i in range(rows)],
        "segment": [("Private", "Business")[i % 2] for i in range(rows)],
        "product": [("Box S", "Box L", "Box XL")[i % 3] for i in range(rows)],
        "score": [1 + i % 5 for i in range(rows)],
        "text": [f"{COMMENTS[i % len(COMMENTS)]} ({i})" for i in range(rows)],
    }
    return pd.DataFrame({h: values[f] for f, h in zip(FIELDS, headers, strict=True)})


@pytest.mark.parametrize("language", sorted(HEADERS))
def test_every_field_is_found_by_its_header_in_the_rooms_language(language):
    headers = HEADERS[language]
    guess = guess_mapping(export(headers))
    found = {f: guess.mapping.columns.get(f) for f in FIELDS}
    assert found == dict(zip(FIELDS, headers, strict=True)), guess.notes
