"""guess: propose a column mapping from an export's column names, then check it on the values.

Header names are split into words (CamelCase, snake_case, punctuation) and compared with
synonyms per canonical field ("Customer comment" -> text, "Submitted via" -> channel,
"TypeOfTraveller" -> segment, "negativereason" -> touchpoint). Every candidate is then
checked against its column's values (`profile.misfit`): a column that does not fit is
demoted and the next candidate tried, and the decision is kept with its numbers ("text:
'Consumer complaint narrative' (1,532 distinct of 6,623); not 'Company public response' (8
distinct values)"). Scales come from the values (a column running 1 to 10 is a 1-10
rating), NPS only from a name that says so. Groups of numeric columns on one small scale,
with blanks, are read as one score per touchpoint (a wide export) even without a score
word in their names. A customer's words split over a title and a body (or what was good
and what was bad) are read as one text. Names of the company found in the file (its
@handles, a company column) are proposed for the text model to ignore.

A guess is a proposal: the report lists what was decided and why, what was not found,
and what the guess is unsure of. Pure: reads only the frame it is given.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field

import pandas as pd

from cxwidgets.evidence.mapping import ColumnMapping
from cxwidgets.evidence.ownscore import averaged, individual, zero_to_ten
from cxwidgets.evidence.profile import (
    MAX_SCORE_REJECTS,
    Profile,
    another_scale_than_nps,
    computed,
    fits_as,
    misfit,
    nps_shaped,
    profiles,
    score_misfit,
)
from cxwidgets.evidence.questions import asks_likelihood, asks_recommend, normalise
from cxwidgets.evidence.scales import NPS, RATING, TWO, Scale, infer_scale, parse_scale
from cxwidgets.evidence.schema import MAPPABLE, ScoreType

#: A column as a candidate for a field by its name: a sort key (strength, rank, length,
#: the field's place), then the field and the column.
Candidate = tuple[float, int, float, int, str, str]

#: Header words per canonical field, best first; compared after `normalise_name`. Some are
#: common French, German, Spanish and Dutch headers.
SYNONYMS: dict[str, tuple[str, ...]] = {
    "id": ("id", "response id", "respondent id", "review id", "ticket id", "ticket number",
           "case id", "case number", "record id", "feedback id", "comment id", "uuid",
           "reference", "tweet id", "post id", "complaint id", "message id",
           "response number", "response no", "respondent no", "respondent number",
           "submission id", "entry id", "no", "nr", "n", "numero", "nummer"),
    "timestamp": ("timestamp", "date", "created at", "created", "submitted at", "submitted",
                  "submission date", "date submitted", "response date", "review date",
                  "datetime", "date time", "time", "recorded date", "end date", "start date",
                  "opened", "posted", "when", "date received", "posted at", "published",
                  "datum", "fecha", "date de creation", "data", "erstellt am", "zeitstempel",
                  "date de reponse", "fecha de respuesta", "data da resposta",
                  "data risposta", "aangemaakt"),
    "source": ("source", "feedback source", "data source", "origin", "quelle", "herkunft",
               "provenance", "origine", "fuente", "origen", "fonte", "bron", "herkomst"),
    "channel": ("channel", "platform", "medium", "via", "contact channel", "submitted via",
                "received via", "kanal", "kontaktkanal", "canal", "canal de contact",
                "canal de contacto", "canale", "kanaal", "contactkanaal"),
    "touchpoint": ("touchpoint", "touch point", "category", "topic", "question", "subject",
                   "area", "theme", "feature", "aspect", "issue", "reason", "negative reason",
                   "complaint type", "kontaktpunkt", "beruhrungspunkt", "thema", "kategorie",
                   "point de contact", "categorie", "sujet", "punto de contacto",
                   "punto de contato", "ponto de contato", "ponto de contacto",
                   "punto di contatto", "categoria", "tema", "assunto", "argomento",
                   "contactmoment", "contactpunt", "onderwerp"),
    "stage": ("stage", "journey stage", "phase", "step", "etape", "etapa", "fase", "stufe",
              "reisephase", "etape du parcours", "etapa del viaje", "fase del percorso"),
    "segment": ("segment", "customer type", "customer segment", "persona", "customer group",
                "customer tier", "tier", "audience", "traveller type", "traveler type",
                "type of traveller", "type of traveler", "reviewer type", "user type",
                "member type", "membership", "loyalty tier", "kundentyp", "type de client",
                "kundengruppe", "segment client", "segmento", "segmento de cliente",
                "segmento cliente", "klantsegment", "klanttype", "tipo de cliente",
                "tipo cliente"),
    "product": ("product", "plan", "box", "service", "product name", "subscription", "sku",
                "seat type", "cabin class", "class", "cabin", "travel class", "variation",
                "variant", "model", "airline", "airline name", "brand", "item", "item name",
                "hotel", "hotel name", "produit", "produkt", "producto", "abonnement",
                # the thing reviewed: an app, a bank, a store, a restaurant, a product line
                "app", "app name", "app id", "application", "bank", "bank name", "store",
                "store name", "shop", "branch", "outlet", "company", "company name",
                "merchant", "seller", "restaurant", "restaurant name", "venue", "property",
                "property name", "business", "business name", "product line", "line",
                "brand name", "site", "magasin", "jardinerie", "filiale", "tienda", "loja",
                "winkel", "marke", "marca", "marque", "banque", "banco", "prodotto", "produto",
                "artikel", "article", "articulo", "articolo"),
    "score": ("score", "rating", "stars", "star rating", "csat", "nps", "satisfaction",
              "satisfied", "likely recommend", "likelihood recommend", "recommend",
              "overall rating", "overall score", "review score", "reviewer score", "grade",
              "recommended", "would recommend", "thumbs", "note", "bewertung", "sterne",
              "etoiles", "puntuacion", "valoracion", "cijfer", "ltr", "likelihood",
              "how likely", "recommander", "recommandation", "empfehlen",
              "weiterempfehlung", "recomendaria", "recomendar", "aanbevelen", "effort",
              "ces", "customer effort", "zufriedenheit", "satisfaction score", "nota",
              "avaliacao", "review score", "voto", "valutazione", "punteggio", "beoordeling",
              "waardering", "classificacao", "calificacion", "evaluation"),
    "score_type": ("score type", "rating type", "metric", "scale"),
    "sentiment": ("sentiment", "sentiment score", "polarity", "sentiment label", "label",
                  "feeling", "tone", "mood"),
    "text": ("text", "comment", "comments", "review", "review text", "feedback", "message",
             "verbatim", "body", "content", "response", "answer", "description", "remarks",
             "notes", "what could we do better", "anything else", "tell us", "why",
             "narrative", "complaint narrative", "review body", "reviews", "tweet", "post",
             "opinion", "commentaire", "avis", "kommentar", "bemerkung", "comentario",
             "opmerking", "commentaires", "kommentare", "bemerkungen", "comentarios",
             "opmerkingen", "toelichting", "commento", "commenti", "komentarz", "uwagi",
             "opinia", "resena", "resenas", "rezension", "anmerkungen", "observaciones",
             "observacoes", "remarques"),
}
#: Words that match only at the start or end of a header (or as the end of a word glued
#: to another, "negativereason"), never in the middle: "reason" in "What is the main
#: reason for your score?" asks for the text, not a touchpoint.
EDGE_ONLY = frozenset({"reason", "issue", "class", "model", "airline", "brand", "item",
                       "hotel", "tier", "cabin", "label", "tone", "mood", "post", "tweet",
                       "variant", "narrative", "overall score", "thumbs", "recommended"})
#: Headers that name something about the review, never the thing reviewed ("App version",
#: "Store rating", "Company response").
_NOT_THE_THING = re.compile(r"\b(version|build|os|device|language|lang|country|locale|reply|"
                            r"replied|response|date|time|count|url|link|image|avatar|user|"
                            r"reviewer|author|rating|score|id number|code)\b")
#: Product words that name the thing reviewed: such a column becomes the segment when the
#: file names a product already.
THING_REVIEWED = ("app", "app name", "app id", "application", "bank", "bank name", "brand",
                  "store", "store name", "shop", "branch", "company", "merchant", "seller",
                  "restaurant", "hotel", "hotel name", "airline", "venue", "business")
#: Header words that say what kind of score a column holds (NPS: `questions`, by the
#: stems of "recommend" and "how likely" in many languages).
SCORE_TYPE_WORDS: tuple[tuple[str, str], ...] = (
    (r"\bces\b|customer effort|\beffort|\beasy\b|\bease\b|\bfacile|\beinfach|\bfacil|"
     r"\bgemak", "ces"),
    (r"\bcsat\b|satisf|zufrieden|tevreden|soddisf", ScoreType.csat.value),
    (r"\bstars?\b|rating|rated", ScoreType.rating.value),
)
#: Words of headers whose two values are a customer's verdict (a yes/no score).
VERDICT = re.compile(r"recommend|satisf|thumbs|helpful|happy|\bliked?\b|would you")
#: A header that names a per-question score: "Q3 Delivery (1-5)", "Delivery score".
_WIDE_HEADER = re.compile(r"^q ?\d+\b|\b\d+ ?(?:-|to) ?\d+\b|\b(?:score|rating|rated|stars)\b")
_SCALE = re.compile(r"\(?\b(\d+) ?(?:-|to|–) ?(\d+)\b\)?")
#: Numeric columns that are counts or codes, never per-touchpoint scores.
_NOT_A_SCORE = re.compile(r"\b(count|counts|number|no|id|age|year|zip|code|votes?|helpful|"
                          r"total|days?|nights?|visits?|quantity|qty|guests?|adults?|"
                          r"children|kids|people|persons|"
                          r"lat|lng|lon|latitude|longitude|retweet|likes)\b")
#: Times of what happened after the feedback: a reply, an edit, an update.
_LATER = re.compile(r"\b(reply|replied|developer|company|merchant|seller|updated?|"
                    r"modified|edited|last)\b")
#: A title that goes before the body, and pairs of texts that go together.
_TITLE = re.compile(r"\b(title|header|headline|summary)\b")
_PAIRS = (("positive", "negative"), ("good", "bad"), ("liked", "disliked"), ("pros", "cons"),
          ("like", "dislike"), ("best", "worst"))
_PLACEHOLDER = re.compile(r"(?i)^(no|nothing|none|n/?a|nil|-+)\b")
#: Names of the company in a column holding one value: its header says so.
_COMPANY = re.compile(r"\b(company|brand|airline|merchant|hotel|business|bank|store|shop|"
                      r"app|organisation|organization|firm)\b")
_HANDLE = re.compile(r"(?<![\w@])@(\w{2,30})")
#: Fewer words than this on average make a text column titles or labels, said aloud.
SHORT_WORDS = 4
#: A @handle in at least this share of texts names the company.
HANDLE_SHARE = 0.01
_NUMBERS = ("score", "sentiment")


def normalise_name(name: str) -> str:
    """'Customer_Comment (free text)' -> 'customer comment free text'; 'createdAt' ->
    'created at'; 'TypeOfTraveller' -> 'type of traveller'; 'Date de création' -> 'date de
    creation'."""
    return normalise(name)


@dataclass
class Guess:
    """A proposed mapping and how it was arrived at, for the report."""

    mapping: ColumnMapping
    guessed: dict[str, str] = field(default_factory=dict)   # field -> where it came from
    not_found: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    #: per field: the column taken and the columns turned down, with numbers
    decisions: list[str] = field(default_factory=list)
    #: what the guess is unsure of, with numbers
    doubts: list[str] = field(default_factory=list)
    #: per field, every column named like it, best first (the chosen one among them):
    #: the alternatives a guess that checks itself tries next
    candidates: dict[str, list[str]] = field(default_factory=dict)


#: Columns that describe a response in any export (where, how long, on what), never
#: feedback; a survey tool's export lists more of its own (`surveys`).
RESPONSE_METADATA = re.compile(r"(?i)^(ip ?address|ipaddress|location ?(latitude|longitude)|"
                               r"latitude|longitude|user ?agent|duration.*|collector ?id|"
                               r"network ?id|screen ?resolution|browser.*|.*_nps_group)$")


def guess_mapping(frame: pd.DataFrame, touchpoints: Iterable[str] | None = None,
                  labels: dict[str, str] | None = None,
                  metadata: Iterable[str] = ()) -> Guess:
    """Propose a ColumnMapping for a frame of text cells (as the readers return).

    `labels` gives the question a column asks, where the export says it (read instead
    of an opaque name such as 'Q3'); `metadata` columns are never proposed."""
    skip = set(metadata) | {c for c in frame.columns if RESPONSE_METADATA.match(str(c))}
    kept = frame.drop(columns=[c for c in frame.columns if c in skip])
    return _Guesser(kept, list(touchpoints or ()), labels or {}).run()


def _strength(norm: str, word: str) -> int:
    """3: the header is the word; 2: it starts or ends with it (or a word of it ends with
    it); 1: it holds it; 0: no."""
    if norm == word:
        return 3
    if norm.startswith(word + " ") or norm.endswith(" " + word):
        return 2
    if len(word) >= 5 and " " not in word and any(
            w.endswith(word) and w != word for w in norm.split()):
        return 2
    if word in EDGE_ONLY:
        return 0
    return 1 if _holds(norm.split(), word.split()) else 0


def _holds(tokens: list[str], parts: list[str]) -> bool:
    """The header's words hold the word's words, whole and in order ('date of the visit'
    holds 'date visit'). Headers are normalised, so words are split by spaces alone."""
    found = iter(tokens)
    return all(part in found for part in parts)


def readable(column: str) -> str:
    """A touchpoint name from a header: 'Q3 Delivery (1-5)' -> 'Delivery';
    'CabinStaffService' -> 'Cabin staff service'; 'Food&Beverages' -> 'Food & beverages'."""
    text = _SCALE.sub(" ", str(column))
    text = re.sub(r"^\s*[Qq] ?\d+[a-z]?\b[.:)\-]*", " ", text)
    text = re.sub(r"(?i)\b(score|rating|rated|stars|satisfaction with|satisfaction|how "
                  r"satisfied were you with|csat|nps)\b", " ", text)
    if re.search(r"[a-z]&?[A-Z]", text) and " " not in text.strip():
        words = re.sub(r"(?<=[a-z])(?=[A-Z])", " ", text).replace("&", " & ").split()
        return " ".join([words[0], *(w.lower() for w in words[1:])])
    return " ".join(re.sub(r"[^\w&' -]+", " ", text).split()).strip(" -")


def header_scale(header: str) -> tuple[str | None, str]:
    """The scale a header names ('NPS', 'Stars') or gives ('(0-10)'), and why."""
    norm = normalise_name(header)
    if asks_recommend(header) or asks_likelihood(header):
        return NPS, f"from the header '{header}'"
    for pattern, kind in SCORE_TYPE_WORDS:
        if re.search(pattern, norm):
            return kind, f"from the header '{header}'"
    scale = _SCALE.search(str(header))
    if scale and int(scale.group(1)) < int(scale.group(2)):
        return parse_scale(f"{scale.group(1)}-{scale.group(2)}").name, \
            f"from the scale in '{header}'"
    return None, ""


class _Guesser:
    """One guess: the frame's profiles, the fields taken so far and what was said."""

    def __init__(self, frame: pd.DataFrame, touchpoints: list[str],
                 labels: dict[str, str] | None = None) -> None:
        self.frame = frame
        self.rows = len(frame)
        self.touchpoints = touchpoints
        self.labels = labels or {}
        # a header in a script normalising erases (Cyrillic, Japanese ...) is kept as
        # written, so its question can still be read
        self.norms = {c: normalise_name(self.labels.get(c) or c) or str(
            self.labels.get(c) or c).casefold() for c in frame.columns}
        self.p = profiles(frame, self.norms)
        self.columns: dict[str, str] = {}
        self.turned_down: dict[str, list[tuple[str, str]]] = {}
        self.guessed: dict[str, str] = {}
        self.notes: list[str] = []
        self.decisions: list[str] = []
        self.doubts: list[str] = []
        self._wide_columns: set[str] = set()
        self._scale_why: dict[str, str] = {}
        self.candidates: dict[str, list[str]] = {}

    def run(self) -> Guess:
        wide, odd, by_shape = self._wide()
        self._by_name(exclude=set(wide) | set(odd))
        self._individual_score()
        self._thing_reviewed()
        self._by_values()
        self._model_sentiment(wide)
        text_parts, placeholders = self._text_parts()
        score_type, scales = self._scales(wide, odd)
        self._unnamed_nps()
        names = self._company_names()
        self._decide(wide, by_shape, text_parts, names)
        columns = dict(sorted(self.columns.items(), key=lambda i: MAPPABLE.index(i[0])))
        mapping = ColumnMapping(columns=columns, score_type=score_type, scales=scales,
                                wide=wide, text_parts=text_parts, placeholders=placeholders,
                                company_names=names)
        not_found = self._not_found(wide, score_type)
        return Guess(mapping, self._ordered_guessed(), not_found, self.notes, self.decisions,
                     self.doubts, self.candidates)

    # -- fields by name, checked on the values -------------------------------------------

    def _candidates(self, exclude: set[str]) -> list[Candidate]:
        out: list[Candidate] = []
        for column, norm in self.norms.items():
            if column in exclude or not norm:
                continue
            p = self.p[column]
            for f, words in SYNONYMS.items():
                numeric = p.numeric >= 0.8 or (f == "score" and p.two_valued) or (
                    f == "sentiment" and p.labels)
                if (f in _NUMBERS) != numeric and f in (*_NUMBERS, "text"):
                    continue
                if f in ("product", "segment") and _NOT_THE_THING.search(norm):
                    continue
                if f == "score" and numeric:
                    named = self._asked(column)
                    if named is not None:
                        out.append((*named, 0.0, MAPPABLE.index(f), f, column))
                out += self._named_like(column, f, words)
        return sorted(out)

    def _named_like(self, column: str, f: str, words: tuple[str, ...]) -> list[Candidate]:
        """(sort key ..., field, column) for each of a field's words the header holds
        (answers in words are scored by what they are, not by their header's words)."""
        p = self.p[column]
        out: list[Candidate] = []
        if f == "score" and p.worded is not None:
            return out
        for rank, word in enumerate(words):
            strength = float(_strength(self.norms[column], word))
            if not strength:
                continue
            if f == "score" and p.two_valued:
                strength -= 1.5  # a yes/no verdict only when no fuller score
            if f == "timestamp" and _LATER.search(self.norms[column]):
                strength -= 0.5  # when someone replied or edited, not when the customer said
            longer = -p.mean_length if f == "text" else 0.0
            out.append((-strength, rank, longer, MAPPABLE.index(f), f, column))
        return out

    def _asked(self, column: str) -> tuple[float, int] | None:
        """(strength, rank) of a column as a score by the question its header asks: a
        recommend question answered 0 to 10 as strongly as a column named 'score' (and
        first of all), any other whole question that names its kind ('How satisfied
        ...?', 'Recommanderiez-vous ...?') and answers in words a little less, NPS before
        CSAT before CES."""
        worded = self.p[column].worded
        kind = worded.scale if worded else header_scale(self._header(column))[0]
        if kind is None:
            return None
        if kind == NPS and nps_shaped(self.p[column]):
            return -3.0, -1
        order = (NPS, "csat", "ces", RATING)
        return -1.5, len(SYNONYMS["score"]) + (order.index(kind) if kind in order else 4)

    def _by_name(self, exclude: set[str]) -> None:
        """Best column per field by name whose values fit; each column serves one field."""
        used: set[str] = set()
        for *_, f, column in self._candidates(exclude):
            named = self.candidates.setdefault(f, [])
            if column not in named:
                named.append(column)
            if column in used:
                continue
            p = self.p[column]
            why = misfit(f, p, self._named_scale(column) if f == "score" else None)
            if why is None and f == "score" and p.two_valued and not VERDICT.search(p.norm):
                why = "two values that are no customer's verdict"
            downs = self.turned_down.setdefault(f, [])
            if why is not None:
                if len(downs) < 3:  # the best few runners-up say enough
                    downs.append((column, why))
                continue
            if f in self.columns:
                continue
            self.columns[f] = column
            self.guessed[f] = f"column '{column}'"
            used.add(column)

    def _individual_score(self) -> None:
        """An average is never a customer's own score when a column of individual
        answers can be the score (`ownscore`): that column is taken."""
        score = self.columns.get("score")
        if score is None:
            return
        other = individual(score, self.candidates.get("score", []), self.p,
                           lambda c: c not in self.columns.values() and misfit(
                               "score", self.p[c], self._named_scale(c)) is None)
        if other is None:
            return
        self.columns["score"] = other
        self.guessed["score"] = f"column '{other}'"
        self.turned_down.setdefault("score", []).insert(0, (score, (
            f"an average ({averaged(self.p[score], self._header(score))}), not one "
            "customer's own score")))

    def _unnamed_nps(self) -> None:
        """Whole numbers 0 to 10 under a header that does not say what it asks may be the
        recommend question: said out loud (`ownscore.zero_to_ten`)."""
        score = self.columns.get("score")
        for column, p in self.p.items():
            if (header_scale(self._header(column))[0] == NPS or _NOT_A_SCORE.search(p.norm)
                    or column in self._wide_columns
                    or (column in self.columns.values() and column != score)):
                continue
            said = zero_to_ten(column, p, column == score)
            if said:
                self.doubts.append(said)

    def _header(self, column: str) -> str:
        """The question a column asks, where the export says it; else its name."""
        return self.labels.get(column) or column

    def _names_the_thing(self, column: str) -> bool:
        norm = self.norms[column]
        return not _NOT_THE_THING.search(norm) and any(
            _strength(norm, w) >= 2 for w in THING_REVIEWED)

    def _thing_reviewed(self) -> None:
        """A column naming which app, bank, store or brand was reviewed is what the
        reports compare: the product, or the segment when the file has a product."""
        product = self.columns.get("product")
        if product and self._names_the_thing(product):
            self.notes.append(f"'{product}' names the thing reviewed "
                              f"({self.p[product].distinct:,} values): it is the product, so "
                              "the segment reports and `cxwidgets run --all` compare them")
        if not product or "segment" in self.columns:
            return
        for column in self._free():
            if self._names_the_thing(column) and misfit("segment", self.p[column]) is None:
                self.columns["segment"] = column
                self.guessed["segment"] = f"column '{column}' (names the thing reviewed)"
                self.notes.append(f"'{column}' names the thing reviewed "
                                  f"({self.p[column].distinct:,} values) and the file has a "
                                  f"product ('{product}') already: it is the segment, so "
                                  "the segment reports compare them")
                return

    def _free(self) -> list[str]:
        return [c for c in self.frame.columns if c not in self.columns.values()
                and c not in self._wide_columns]

    def _by_values(self) -> None:
        """Text, timestamp and sentiment labels from the values when no header named them."""
        free = self._free()
        if "text" not in self.columns:
            fit = [c for c in free if misfit("text", self.p[c]) is None
                   and self.p[c].mean_length >= 20]
            if fit:
                best = max(fit, key=lambda c: self.p[c].mean_length)
                self.columns["text"] = best
                self.guessed["text"] = f"column '{best}' (the longest free text)"
                self.doubts.append(f"No column is named like the customer's words: '{best}' "
                                   "was taken as the text because its values are the longest "
                                   f"({self.p[best].mean_length:.0f} characters on average).")
                free.remove(best)
        if "timestamp" not in self.columns:
            for c in free:
                p = self.p[c]
                if p.filled and not p.one_value and p.dates >= 0.8:
                    self.columns["timestamp"] = c
                    self.guessed["timestamp"] = f"column '{c}' (its values are dates)"
                    free.remove(c)
                    break
        if "sentiment" not in self.columns:
            labelled = [c for c in free if self.p[c].labels and not self.p[c].one_value]
            if labelled:
                self.columns["sentiment"] = labelled[0]
                self.guessed["sentiment"] = f"column '{labelled[0]}' (its values are " \
                                            "sentiment labels)"

    def _model_sentiment(self, wide: dict[str, str]) -> None:
        """A sentiment column a model wrote stands in for the customers only when they
        gave no score of their own; either way the report says it is a model's."""
        column = self.columns.get("sentiment")
        if column is None or not self.p[column].made_by_model:
            return
        if "score" in self.columns or wide:
            del self.columns["sentiment"]
            self.guessed.pop("sentiment", None)
            self.turned_down.setdefault("sentiment", []).insert(0, (
                column, "a model's output: the customers' own scores say how they feel"))
            return
        self.doubts.append(f"The sentiment comes from '{column}', which a model wrote, not "
                           "the customers: the file has no score of their own. Treat it as "
                           "one more model's reading.")

    # -- wide exports ------------------------------------------------------------------

    def _wide(self) -> tuple[dict[str, str], dict[str, str], bool]:
        """Numeric columns that hold one score per touchpoint -> their touchpoint.

        Found by header (a known touchpoint's name, "Q3 Delivery (1-5)") or by shape (at
        least three numeric columns on one small scale, with blanks). Columns whose header
        names another kind of score than the rest (an NPS question among 1-5 ratings) are
        left out and returned with their kind; columns on another scale by their values
        (a 1-10 overall rating) just stay out, free to be the row's overall score.
        """
        wide = self._wide_by_header()
        by_shape = False
        if len(wide) < 2:
            shaped = self._wide_by_shape()
            if shaped:
                wide, by_shape = shaped, True
        kinds = {c: header_scale(self._header(c))[0] for c in wide}
        named = [k for k in kinds.values() if k is not None]
        usual = max(set(named), key=named.count) if named else None
        odd = {c: k for c, k in kinds.items() if k is not None and k != usual}
        wide = {c: t for c, t in wide.items() if c not in odd}
        scales = {c: self.p[c].scale for c in wide}
        common = pd.Series([s.name for s in scales.values() if s]).value_counts()
        if len(common) > 1:
            wide = {c: t for c, t in wide.items()
                    if (scale := scales[c]) is not None and scale.name == common.index[0]}
        single = [c for c in wide if self.norms[c] in SYNONYMS["score"]]
        if len(wide) - len(single) < 2:
            return {}, {}, False
        self._wide_columns = set(wide) | set(odd)
        for c, k in odd.items():
            self.notes.append(f"column '{c}' holds another kind of score ({k}) than the other "
                              "per-touchpoint columns, so it was left out: map it in a second "
                              f"pass with columns: {{score: '{c}'}} and score_type: {k}")
        return wide, odd, by_shape

    def _wide_by_header(self) -> dict[str, str]:
        known = {normalise_name(t): t for t in self.touchpoints if normalise_name(t)}
        wide: dict[str, str] = {}
        for column, norm in self.norms.items():
            if self.p[column].numeric < 0.8 or not norm or self.p[column].made_by_model:
                continue
            match = next((t for k, t in known.items()
                          if re.search(rf"\b{re.escape(k)}\b", norm)), None)
            if match is None and _WIDE_HEADER.search(norm) and readable(column):
                match = readable(column)
            if match is not None:
                wide[column] = match
        return wide

    def _wide_by_shape(self) -> dict[str, str]:
        """The largest group (three or more) of numeric columns sharing a scale of at most
        ten points, with blanks in some of them."""
        groups: dict[tuple[str, str | None], list[str]] = {}
        for column, p in self.p.items():
            if (p.numeric < 0.95 or p.scale is None or p.scale.high > 10 or p.two_valued
                    or p.made_by_model or _NOT_A_SCORE.search(p.norm) or p.one_value
                    or (p.number_values % 1 != 0).any()):
                continue
            # answers in words group by what they ask (satisfaction, agreement ...)
            family = p.worded.family if p.worded else None
            groups.setdefault((p.scale.name, family), []).append(column)
        best = max(groups.values(), key=len, default=[])
        blanks = [1 - self.p[c].filled_share() for c in best]
        if len(best) < 3 or max(blanks, default=0) < 0.1:
            return {}
        return {c: readable(c) for c in best}

    # -- text, scales and names --------------------------------------------------------

    def _text_parts(self) -> tuple[list[str], list[str]]:
        """A title before the text, or the other half of a pair (good/bad); placeholders
        such as 'No Negative' in them."""
        text = self.columns.get("text")
        if not text:
            return [], []
        parts = self._pair(text) or self._titled(text)
        if not parts:
            return [], []
        holders = [h for c in parts for h in self._placeholders(self.p[c])]
        self.guessed["text_parts"] = " + ".join(f"'{c}'" for c in parts)
        self.decisions.append("text: " + " and ".join(f"'{c}'" for c in parts)
                              + " are read as one text, in this order"
                              + (f", without the placeholders {holders}" if holders else ""))
        return parts, holders

    def _wordy(self, column: str) -> bool:
        return self.p[column].numeric < 0.8 and self.p[column].filled > 0

    def _pair(self, text: str) -> list[str]:
        """[good, bad]: the text and its twin ('Positive_Review' and 'Negative_Review')."""
        norm = self.norms[text]
        for first, second in _PAIRS:
            for mine, other in ((first, second), (second, first)):
                if not re.search(rf"\b{mine}\b", norm):
                    continue
                twin = next((c for c in self._free() if self._wordy(c) and re.search(
                    rf"\b{other}\b", self.norms[c])), None)
                if twin:
                    return [text, twin] if mine == first else [twin, text]
        return []

    def _titled(self, text: str) -> list[str]:
        """[title, text] when a short, mostly filled title column goes with the text."""
        title = next((c for c in self._free() if _TITLE.search(self.norms[c])
                      and self._wordy(c) and self.p[c].filled_share() > 0.5
                      and self.p[c].mean_words <= 20), None)
        return [title, text] if title else []

    @staticmethod
    def _placeholders(p: Profile) -> list[str]:
        """Frequent short cells that say nothing was said ('No Negative', 'Nothing')."""
        return [str(v) for v, rows in p.counts.head(5).items()
                if rows >= 0.02 * p.filled and len(str(v).split()) <= 4
                and _PLACEHOLDER.match(str(v))]

    def _scales(self, wide: dict[str, str], odd: dict[str, str]
                ) -> tuple[str | None, dict[str, str]]:
        """The scale of the score column and of the wide columns, from headers and values."""
        score = self.columns.get("score")
        main = self._score_scale(score) if score else None
        wide_scale = self._wide_scale(list(wide)) if wide else None
        scales = {}
        if main and wide_scale and wide_scale != main:
            scales = {c: wide_scale for c in wide}
        score_type = main or wide_scale
        if score_type and "score_type" not in self.columns:
            why = self._scale_why.get(score or next(iter(wide), ""), "")
            self.guessed["score_type"] = f"{score_type}, {why}" if why else score_type
        self._also_scores(odd)
        return score_type, scales

    def _named_scale(self, column: str) -> Scale | None:
        """The scale a score header states and its values bear out: NPS or a range the
        header gives, CSAT or a 1-5 rating only when the values stay within 1 to 5 (a
        'rating' running to 10 is a 1-10 rating)."""
        named, _ = header_scale(self._header(column))
        if named is None or self.p[column].two_valued or self.p[column].worded:
            return None  # two answers, or words: the values say their own scale
        if named == NPS and another_scale_than_nps(self.p[column]):
            return None  # NPS is answered 0 to 10: '1-5' or words are their own scale
        scale = parse_scale(named)
        if named in ("csat", RATING, "ces"):
            values = self.p[column].number_values
            outside = values[(values < scale.low) | (values > scale.high)]
            if len(outside) > MAX_SCORE_REJECTS * max(len(values), 1) or \
                    outside.nunique() > 2:
                return None  # the values run past 1-5: their own scale says more
        return scale

    def _score_scale(self, column: str) -> str | None:
        p = self.p[column]
        if p.two_valued:
            self._scale_why[column] = "from the values (two answers: yes/no)"
            return TWO
        if p.worded is not None:
            shown = sorted(p.worded.numbers, key=p.worded.numbers.__getitem__)
            self._scale_why[column] = (f"from its answers in words ({shown[-1]} ... "
                                       f"{shown[0]})")
            return p.worded.scale
        named = self._named_scale(column)
        if named is not None:
            self._scale_why[column] = header_scale(self._header(column))[1]
            return named.name
        values = p.scale
        if values is None:
            return None
        self._scale_why[column] = (f"from the values ({p.low:g} to {p.high:g}: a "
                                   f"{values.label} scale)")
        if asks_recommend(self._header(column)):
            self.doubts.append(f"'{column}' asks about recommending, but its answers run "
                               f"{p.low:g} to {p.high:g}, not 0 to 10: it is read as a "
                               f"{values.label} scale, not as NPS.")
        return values.name

    def _wide_scale(self, columns: list[str]) -> str | None:
        worded = {r.scale for c in columns if (r := self.p[c].worded) is not None}
        if len(worded) == 1 and all(self.p[c].worded for c in columns):
            scale = worded.pop()  # a grid of answers in words: the scale the words say
            self._scale_why[columns[0]] = "from their answers in words"
            return scale
        named = [header_scale(self._header(c))[0] for c in columns]
        named = [n for n in named if n]
        values = pd.concat([self.p[c].number_values for c in columns])
        inferred: Scale | None = infer_scale(values)
        choice = max(set(named), key=named.count) if named else None
        if choice and inferred and parse_scale(choice).high >= inferred.high:
            self._scale_why[columns[0]] = header_scale(columns[0])[1] or "from the headers"
            return choice
        if inferred is None:
            return None
        self._scale_why[columns[0]] = (f"from the values ({values.min():g} to "
                                       f"{values.max():g}: a {inferred.label} scale)")
        return inferred.name

    def _also_scores(self, odd: dict[str, str]) -> None:
        """Say which other columns look like a score, to map in a second pass."""
        taken = self.columns.get("score")
        for column, norm in self.norms.items():
            if column in self.columns.values() or column in self._wide_columns:
                continue
            p = self.p[column]
            strong = max((_strength(norm, w) for w in SYNONYMS["score"]), default=0)
            if p.worded is not None and p.scale is not None:
                self.notes.append(f"column '{column}' holds answers in words (read on the "
                                  f"{p.scale.label} scale) and was left out: map it in a "
                                  f"second pass with columns: {{score: '{column}'}}")
                continue
            if strong < 2 or score_misfit(p) is not None or p.one_value:
                continue
            if p.two_valued and not VERDICT.search(norm):
                continue
            if taken and computed(p):
                self.notes.append(f"column '{column}' is an average ("
                                  f"{averaged(p, self._header(column))}), not one customer's "
                                  f"own score: '{taken}' is the score")
                continue
            kind = TWO if p.two_valued else (p.scale.name if p.scale else "")
            against = f" than '{taken}'" if taken else ""
            self.notes.append(f"column '{column}' holds another score{against} ({kind} "
                              "answers) and was left out: map it in a second pass with "
                              f"columns: {{score: '{column}'}} and score_type: {kind}")

    def _company_names(self) -> list[str]:
        """Names the text model should not read: @handles found in many texts, a column
        naming the company on every row, the values of an airline or brand column."""
        found: list[str] = []
        text = self.columns.get("text")
        why = []
        if text:
            p = self.p[text]
            handles = p.values.str.findall(_HANDLE.pattern).explode().dropna()
            if len(handles):
                counts = handles.str.casefold().value_counts()
                common = counts[counts >= HANDLE_SHARE * p.filled].head(10)
                spelled = handles.groupby(handles.str.casefold()).agg(
                    lambda s: s.value_counts().index[0])
                found += [spelled[k] for k in common.index]
                if len(common):
                    why.append(f"{len(common)} @handles in {self._share_with(text, common)} "
                               "of the texts")
        for column, p in self.p.items():
            # "appVersion" holding '4.2.1' on every row names a version, not the company
            if p.one_value and _COMPANY.search(p.norm) and not _NOT_THE_THING.search(
                    p.norm) and p.codes is None:
                found.append(str(p.counts.index[0]))
                why.append(f"'{column}', one value on every row")
        product = self.columns.get("product")
        if product and _COMPANY.search(self.norms[product]) and self.p[product].distinct <= 30:
            found += [str(v) for v in self.p[product].counts.index]
            why.append(f"the values of '{product}'")
        names = list({n.casefold(): n for n in reversed(found)}.values())[::-1]
        if names:
            self.guessed["company_names"] = ", ".join(why)
            self.decisions.append(f"company_names: {', '.join(names[:8])}"
                                  f"{' ...' if len(names) > 8 else ''} (from "
                                  f"{'; '.join(why)}): left out of the text before the text "
                                  "model reads it")
        return names

    def _share_with(self, column: str, handles: pd.Series) -> str:
        values = self.p[column].values.str.casefold()
        pattern = "|".join(re.escape("@" + h) for h in handles.index)
        return f"{values.str.contains(pattern, regex=True).mean():.0%}"

    # -- what the report says ----------------------------------------------------------

    def _decide(self, wide: dict[str, str], by_shape: bool, text_parts: list[str],
                names: list[str]) -> None:
        lines = []
        for f in MAPPABLE:
            column = self.columns.get(f)
            downs = [f"not '{c}' ({why})" for c, why in self.turned_down.get(f, [])]
            if column is None and not downs:
                continue
            head = (f"{f}: '{column}' ({fits_as(f, self.p[column])})" if column
                    else f"{f}: none")
            lines.append("; ".join([head, *downs]))
        if wide:
            lines.append(f"wide: {len(wide)} columns read as one score per touchpoint "
                         + ("(by their shape: numbers on one small scale, with blanks)"
                            if by_shape else "(by their headers)"))
        constant = [c for c, p in self.p.items() if p.one_value
                    and c not in self.columns.values()]
        for c in constant:
            lines.append(f"'{c}' holds one value on every row "
                         f"({str(self.p[c].counts.index[0])[:40]}): not a score, a date, a "
                         "segment or a product")
        self.decisions[:0] = lines
        if wide and by_shape:
            shown = ", ".join(f"{c} → {t}" for c, t in wide.items())
            blanks = [1 - self.p[c].filled_share() for c in wide]
            self.doubts.append(f"{len(wide)} columns of answers with no score word in their "
                               f"names share one small scale and have {min(blanks):.0%} to "
                               f"{max(blanks):.0%} blanks, so they are read as one score per "
                               f"touchpoint: {shown}. Check the touchpoint names.")
        self._short_words(text_parts)
        if not ("text" in self.columns or "score" in self.columns or wide):
            self.notes.append("found no column for the feedback text or a score: say which "
                              "columns hold them in a column mapping")
            self.doubts.append("No column holds the customer's words or a score: only "
                               "volumes can be counted until a mapping says which columns "
                               "hold them.")

    def _short_words(self, text_parts: list[str]) -> None:
        """Say so when the customer's words are only a few per row (titles, labels)."""
        text = self.columns.get("text")
        if not text or text_parts or self.p[text].mean_length > 12 * SHORT_WORDS or \
                self.p[text].mean_words >= SHORT_WORDS:
            return  # (a long text is not counted word by word)
        p = self.p[text]
        shown = ", ".join(f"'{v}'" for v in p.counts.index[:3])
        self.doubts.append(f"The customer's words are short: '{text}' holds "
                           f"{p.mean_words:.1f} words on average (such as {shown}), titles "
                           "or labels more than comments, so the text model and the quotes "
                           "have little to go on.")

    def _ordered_guessed(self) -> dict[str, str]:
        order = [*MAPPABLE, "wide", "text_parts", "company_names"]
        guessed = dict(self.guessed)
        return dict(sorted(guessed.items(), key=lambda item: order.index(item[0])))

    def _not_found(self, wide: dict[str, str], score_type: str | None) -> list[str]:
        wanted = [f for f in MAPPABLE if f not in self.columns and f != "sentiment"]
        if wide:
            wanted = [f for f in wanted if f not in ("score", "touchpoint")]
            self.guessed["wide"] = f"{len(wide)} score columns, one per touchpoint"
        if score_type:
            wanted = [f for f in wanted if f != "score_type"]
        return wanted
