"""Write twenty-five feedback exports shaped like the files survey tools, app stores, review
sites and spreadsheets really produce, each with its truth beside it.

Not copies of any public file: every row and sentence is made up here with a fixed seed.
What is copied is the *layout*, as the tools' own documentation and public sample files
show it: Qualtrics' three header rows, SurveyMonkey's two, Google Forms' whole questions,
Typeform's submit dates, Zendesk's good / bad / offered, Freshdesk's rating in words, an
app store's scrape of four banks' apps in three languages, a marketplace's Portuguese
reviews, a German NPS survey in Windows-1252 with semicolons, a French one in Latin-1
with DOS bytes mixed in, reviews that went through Excel ("#NAME?" ids), app reviews with
two model outputs, reviews whose quoted text runs over several lines, clothing reviews
with a 0/1 recommend flag and counts that look like scores; and the ten of
make_more_exports.py (reports with lines above the header or under the data, a workbook
whose data is on its second sheet, a Spanish NPS, answers in words in four languages, a
review export of short titles and ISO times, nested JSON from an app store's API, Google
Play Console's UTF-16 download).

`EXPORTS` maps each name to a generator returning (file name, bytes, truth). The truth
says what a careful analyst reads from the file: data rows (set-apart responses
included), the score column and its scale, the text column(s), the id, the product or
segment, the texts' language, the encoding, rows set apart, and the traps.
tests/evidence/test_tool_exports.py checks the guess against it.

Run: python sample_data/make_tool_exports.py OUT_DIR
"""

from __future__ import annotations

import argparse
import importlib.util
import io
import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

SEED = 20261207
Export = tuple[str, bytes, dict[str, Any]]

EN_GOOD = ["Friendly staff and everything arrived on time", "Quick answer from support, "
           "problem solved the same day", "Easy to use and the price is fair",
           "The courier was polite and careful with the parcel"]
EN_BAD = ["Nobody called me back after three days of waiting", "The app logged me out "
          "every time I opened it", "Charged twice and still no refund after a month",
          "The parcel arrived damaged and the box was wet"]
FR = ["Très bon accueil et des conseils utiles au rayon plantes", "Trop cher pour la "
      "qualité des arbustes", "Caissière aimable mais longue attente en caisse",
      "Plantes abîmées à la livraison, très déçu"]
DE = ["Die Lieferung kam pünktlich und der Fahrer war freundlich", "Leider keine "
      "Antwort vom Kundendienst seit zwei Wochen", "Die App stürzt seit dem letzten "
      "Update ständig ab", "Überweisungen gehen schnell und die Bedienung ist einfach"]
NL = ["De app werkt niet meer sinds de laatste update", "Prima bank, ik word altijd snel "
      "geholpen", "Inloggen lukt niet met mijn nieuwe telefoon", "Fijne app, overzichtelijk "
      "en snel"]
PT = ["O produto chegou antes do prazo e muito bem embalado", "Não recebi o produto até "
      "agora e ninguém responde", "Produto de ótima qualidade, recomendo a loja",
      "Veio com defeito e a troca demorou mais de um mês"]


def _rng(k: int) -> np.random.Generator:
    return np.random.default_rng(SEED + k)


def _csv(frame: pd.DataFrame, **kw: Any) -> bytes:
    buffer = io.StringIO()
    frame.to_csv(buffer, index=False, **kw)
    return buffer.getvalue().encode(kw.pop("encoding", "utf-8"))


def _dates(rng: np.random.Generator, n: int, fmt: str = "%Y-%m-%d %H:%M:%S") -> list[str]:
    start = pd.Timestamp("2026-03-01")
    return [(start + pd.Timedelta(minutes=int(m))).strftime(fmt)
            for m in rng.integers(0, 60 * 24 * 120, n)]


def _nps_answers(rng: np.random.Generator, n: int) -> np.ndarray:
    return rng.choice(11, n, p=[.02, .01, .02, .03, .03, .06, .07, .13, .18, .2, .25])


def _said(rng: np.random.Generator, good: bool, pool_good: list[str], pool_bad: list[str],
          k: int) -> str:
    pool = pool_good if good else pool_bad
    return f"{pool[int(rng.integers(len(pool)))]} (#{k})"


# -- survey tools ------------------------------------------------------------------------


def qualtrics() -> Export:
    rng, n = _rng(1), 640
    nps = _nps_answers(rng, n)
    status = np.where(rng.random(n) < 0.03, "Survey Preview", "IP Address")
    finished = np.where(rng.random(n) < 0.06, "False", "True")
    body = pd.DataFrame({
        "StartDate": _dates(rng, n), "EndDate": _dates(rng, n), "Status": status,
        "IPAddress": [f"10.{k % 250}.{k % 7}.{k % 200}" for k in range(n)],
        "Progress": np.where(finished == "True", "100", "40"),
        "Duration (in seconds)": rng.integers(30, 900, n).astype(str), "Finished": finished,
        "RecordedDate": _dates(rng, n), "ResponseId": [f"R_{k:015d}" for k in range(n)],
        "LocationLatitude": [f"{rng.uniform(40, 50):.4f}" for _ in range(n)],
        "LocationLongitude": [f"{rng.uniform(-5, 10):.4f}" for _ in range(n)],
        "DistributionChannel": "anonymous", "UserLanguage": "EN",
        "Q1": nps.astype(str),
        "Q2": [_said(rng, a >= 7, EN_GOOD, EN_BAD, k) for k, a in enumerate(nps)],
        "Q1_NPS_GROUP": np.where(nps >= 9, "3", np.where(nps >= 7, "2", "1")),
    })
    questions = {c: c for c in body.columns}
    questions.update({"StartDate": "Start Date", "EndDate": "End Date", "Status":
                      "Response Type", "IPAddress": "IP Address", "Duration (in seconds)":
                      "Duration (in seconds)", "RecordedDate": "Recorded Date",
                      "ResponseId": "Response ID", "Q1": "How likely are you to recommend "
                      "us to a friend or colleague?", "Q2": "What is the main reason for "
                      "your score?", "Q1_NPS_GROUP": "How likely are you to recommend us "
                      "- Group"})
    imports = {c: json.dumps({"ImportId": c.lower()}) for c in body.columns}
    frame = pd.concat([pd.DataFrame([questions, imports]), body], ignore_index=True)
    apart = int(((status == "Survey Preview") | (finished == "False")).sum())
    return "qualtrics_nps.csv", _csv(frame), {
        "rows": n, "score": "Q1", "scale": "nps", "text": "Q2", "id": "ResponseId",
        "set_apart": apart, "layout": "Qualtrics", "language": "en",
        "traps": "three header rows; previews and unfinished responses; Q1_NPS_GROUP "
                 "and coordinates are no scores"}


def surveymonkey() -> Export:
    rng, n = _rng(2), 380
    csat = rng.choice([1, 2, 3, 4, 5], n, p=[.05, .08, .17, .35, .35])
    head = ["Respondent ID", "Collector ID", "Start Date", "End Date", "IP Address",
            "Email Address", "First Name", "Last Name", "Custom Data 1",
            "How satisfied were you with your visit?", "Any other comments?"]
    sub = ["", "", "", "", "", "", "", "", "", "Response", "Open-Ended Response"]
    rows = [[str(114_000_000 + k * 13), "431208775", d, d, f"192.168.{k % 255}.1", "", "",
             "", "", str(c), _said(rng, c >= 4, EN_GOOD, EN_BAD, k)]
            for k, (c, d) in enumerate(zip(csat, _dates(rng, n, "%m/%d/%Y %I:%M:%S %p"),
                                           strict=True))]
    frame = pd.DataFrame([sub, *rows], columns=head)
    return "surveymonkey_csat.csv", _csv(frame), {
        "rows": n, "score": "How satisfied were you with your visit?", "scale": "csat",
        "text": "Any other comments?", "id": "Respondent ID", "set_apart": 0,
        "layout": "SurveyMonkey", "language": "en",
        "traps": "two header rows; collector id and IP address are no feedback"}


def google_forms_fr() -> Export:
    rng, n = _rng(3), 420
    nps = _nps_answers(rng, n)
    frame = pd.DataFrame({
        "Timestamp": _dates(rng, n, "%d/%m/%Y %H:%M:%S"),
        "Recommanderiez-vous notre jardinerie à un ami ?": nps.astype(str),
        "Pourquoi avez-vous donné cette note ?": [_said(rng, a >= 7, FR[:1] + FR[2:3],
                                                        FR[1:2] + FR[3:], k)
                                                  for k, a in enumerate(nps)]})
    return "google_forms_nps_fr.csv", _csv(frame), {
        "rows": n, "score": "Recommanderiez-vous notre jardinerie à un ami ?",
        "scale": "nps", "text": "Pourquoi avez-vous donné cette note ?", "id": None,
        "set_apart": 0, "layout": "Google Forms", "language": "fr",
        "traps": "whole French questions as column names; day-first dates"}


def typeform_ces() -> Export:
    rng, n = _rng(4), 300
    effort = rng.choice(np.arange(1, 8), n, p=[.05, .05, .1, .1, .2, .25, .25])
    submitted = rng.random(n) >= 0.08
    frame = pd.DataFrame({
        "#": [f"{k:032x}"[-12:] for k in rng.integers(0, 2**60, n)],
        "How easy was it to change your plan today?": effort.astype(str),
        "What made it hard, if anything?": [_said(rng, e >= 5, EN_GOOD, EN_BAD, k)
                                            for k, e in enumerate(effort)],
        "Start Date (UTC)": _dates(rng, n),
        "Submit Date (UTC)": np.where(submitted, _dates(rng, n), ""),
        "Network ID": [f"{k:010x}" for k in rng.integers(0, 2**40, n)], "Tags": ""})
    return "typeform_ces.csv", _csv(frame), {
        "rows": n, "score": "How easy was it to change your plan today?", "scale": "ces",
        "text": "What made it hard, if anything?", "id": "#",
        "set_apart": int((~submitted).sum()), "layout": "Typeform", "language": "en",
        "traps": "responses never submitted; a network id of hex digits"}


def zendesk_csat() -> Export:
    rng, n = _rng(5), 500
    said = rng.choice(["good", "bad", "offered"], n, p=[.55, .15, .3])
    frame = pd.DataFrame({
        "Ticket ID": (48_000 + np.arange(n)).astype(str), "Created at": _dates(rng, n),
        "Group": rng.choice(["Billing", "Delivery", "Accounts"], n),
        "Assignee": rng.choice(["Ana", "Tom", "Lee"], n),
        "Satisfaction Score": np.where(said == "good", np.where(rng.random(n) < .3,
                                                                "Good with comment", "good"),
                                       said),
        "Satisfaction Comment": [_said(rng, s == "good", EN_GOOD, EN_BAD, k)
                                 if s != "offered" and rng.random() < .7 else ""
                                 for k, s in enumerate(said)]})
    return "zendesk_satisfaction.csv", _csv(frame), {
        "rows": n, "score": "Satisfaction Score", "scale": "yes/no",
        "text": "Satisfaction Comment", "id": "Ticket ID",
        "set_apart": int((said == "offered").sum()), "layout": "Zendesk", "language": "en",
        "traps": "good / bad / offered words; offered means never answered"}


def freshdesk_csat() -> Export:
    rng, n = _rng(6), 260
    words = ["Extremely Happy", "Happy", "Neutral", "Unhappy", "Extremely Unhappy"]
    rating = rng.choice(words, n, p=[.35, .3, .15, .1, .1])
    frame = pd.DataFrame({
        "Ticket ID": (900 + np.arange(n)).astype(str), "Rating": rating,
        "Feedback": [_said(rng, "Happy" in r and "Un" not in r, EN_GOOD, EN_BAD, k)
                     for k, r in enumerate(rating)],
        "Agent": rng.choice(["Mia", "Raj"], n), "Created Time": _dates(rng, n)})
    return "freshdesk_satisfaction.csv", _csv(frame), {
        "rows": n, "score": "Rating", "scale": "csat", "text": "Feedback",
        "id": "Ticket ID", "set_apart": 0, "layout": "Freshdesk", "language": "en",
        "traps": "the rating in words"}


# -- app stores, marketplaces and review sites -----------------------------------------------


def app_store_banks() -> Export:
    rng, n = _rng(7), 900
    apps = rng.choice(["de.bank.mobile", "nl.bankapp", "com.bigbank.app", "com.neo.bank"],
                      n)
    lang = np.where(apps == "de.bank.mobile", "de", np.where(apps == "nl.bankapp", "nl",
                                                             "en"))
    score = rng.integers(1, 6, n)
    pools = {"de": DE, "nl": NL, "en": EN_GOOD + EN_BAD}
    frame = pd.DataFrame({
        "reviewId": [f"gp:AOqpTO{k:08d}" for k in range(n)],
        "userName": [f"user{k % 300}" for k in range(n)],
        "content": [f"{pools[g][int(rng.integers(4))]} ({k})" for k, g in enumerate(lang)],
        "score": score.astype(str), "thumbsUpCount": rng.integers(0, 40, n).astype(str),
        "reviewCreatedVersion": [f"8.{k % 12}.{k % 3}" for k in range(n)],
        "at": _dates(rng, n), "replyContent": "", "appVersion": [f"8.{k % 12}.{k % 3}"
                                                                for k in range(n)],
        "appId": apps})
    return "app_store_banks.csv", _csv(frame), {
        "rows": n, "score": "score", "scale": "rating", "text": "content", "id": "reviewId",
        "product": "appId", "set_apart": 0, "language": "de+nl+en",
        "traps": "four apps to compare; three languages; thumbs-up counts look like scores"}


def marketplace_pt() -> Export:
    rng, n = _rng(8), 700
    score = rng.choice([1, 2, 3, 4, 5], n, p=[.12, .03, .08, .19, .58])
    message = [_said(rng, s >= 4, PT[:1] + PT[2:3], PT[1:2] + PT[3:], k)
               if rng.random() < .45 else "" for k, s in enumerate(score)]
    frame = pd.DataFrame({
        "review_id": [f"{k:032x}" for k in rng.integers(0, 2**62, n)],
        "order_id": [f"{k:032x}" for k in rng.integers(0, 2**62, n)],
        "review_score": score.astype(str), "review_comment_title": "",
        "review_comment_message": message,
        "review_creation_date": _dates(rng, n, "%Y-%m-%d 00:00:00"),
        "review_answer_timestamp": _dates(rng, n)})
    return "marketplace_reviews_pt.csv", _csv(frame), {
        "rows": n, "score": "review_score", "scale": "rating",
        "text": "review_comment_message", "id": "review_id", "set_apart": 0,
        "language": "pt", "traps": "Portuguese; most rows have no text; an empty title"}


def review_site() -> Export:
    rng, n = _rng(9), 450
    stars = rng.choice([1, 2, 3, 4, 5], n, p=[.3, .1, .05, .15, .4])
    frame = pd.DataFrame({
        "Date": _dates(rng, n, "%d %b %Y"), "Stars": stars.astype(str),
        "Title": [["Terrible", "Poor", "OK", "Good", "Excellent"][s - 1] for s in stars],
        "Review": [_said(rng, s >= 4, EN_GOOD, EN_BAD, k) for k, s in enumerate(stars)],
        "Company reply": np.where(rng.random(n) < .5, "Thank you for your feedback, we "
                                  "are sorry to hear this.", ""),
        "Country": rng.choice(["GB", "IE", "US", "DE"], n)})
    return "review_site.csv", _csv(frame), {
        "rows": n, "score": "Stars", "scale": "rating", "text": "Review", "id": None,
        "set_apart": 0, "language": "en",
        "traps": "the company's canned reply beside the customer's words"}


def through_excel() -> Export:
    rng, n = _rng(10), 600
    stars = rng.integers(1, 6, n)
    ids = [f"-{k:05d}qZ" if k % 21 == 0 else f"Xq{k:07d}" for k in range(n)]
    frame = pd.DataFrame({
        "review_id": ["#NAME?" if i.startswith("-") else i for i in ids],
        "business": rng.choice(["Thai Orchid", "Pizza Roma", "Sushi Go"], n),
        "stars": [str(s) if k % 97 else "#N/A" for k, s in enumerate(stars)],
        "useful": rng.integers(0, 5, n).astype(str),
        "funny": rng.integers(0, 3, n).astype(str), "cool": rng.integers(0, 4, n).astype(str),
        "text": [_said(rng, s >= 4, EN_GOOD, EN_BAD, k) for k, s in enumerate(stars)],
        "date": _dates(rng, n)})
    return "restaurant_reviews_excel.csv", _csv(frame), {
        "rows": n, "score": "stars", "scale": "rating", "text": "text", "id": "review_id",
        "product": "business", "set_apart": 0, "language": "en", "missing_ids":
            sum(i.startswith("-") for i in ids),
        "traps": "#NAME? ids that must not be duplicates; #N/A scores; vote counts"}


def model_columns() -> Export:
    rng, n = _rng(11), 730
    score = rng.integers(1, 6, n)
    frame = pd.DataFrame({
        "content": [_said(rng, s >= 4, EN_GOOD, EN_BAD, k) for k, s in enumerate(score)],
        "score": score.astype(str), "at": _dates(rng, n),
        "sentiment_score_vader": [f"{v:.4f}" for v in np.clip((score - 3) / 2
                                                                + rng.normal(0, .3, n), -1, 1)],
        "positive_probability": [f"{v:.4f}" for v in rng.uniform(0, 1, n)]})
    return "app_reviews_with_model_outputs.csv", _csv(frame), {
        "rows": n, "score": "score", "scale": "rating", "text": "content", "id": None,
        "set_apart": 0, "language": "en",
        "traps": "a compound score and a probability that are no customer's rating"}


def multiline() -> Export:
    rng, n = _rng(12), 200
    rows = []
    for k in range(n):
        text = _said(rng, k % 2 == 0, EN_GOOD, EN_BAD, k)
        if k % 25 == 0:
            text = f"Order {k},2026-03-0{k % 9 + 1},late,2\n{text},\nsigned, a customer"
        rows.append({"id": f"T{k}", "date": f"2026-03-{k % 28 + 1:02d}",
                     "comment": text, "rating": str(k % 5 + 1)})
    frame = pd.DataFrame(rows)
    return "multiline_reviews.csv", _csv(frame, lineterminator="\r\n"), {
        "rows": n, "score": "rating", "scale": "rating", "text": "comment", "id": "id",
        "set_apart": 0, "language": "en",
        "traps": "quoted texts over several lines whose lines look like rows; CRLF"}


def clothing() -> Export:
    rng, n = _rng(13), 800
    rating = rng.choice([1, 2, 3, 4, 5], n, p=[.04, .07, .12, .22, .55])
    frame = pd.DataFrame({
        "Clothing ID": rng.integers(800, 1200, n).astype(str),
        "Age": rng.integers(18, 80, n).astype(str),
        "Title": np.where(rng.random(n) < .8, ["Love it", "Runs small", "Gorgeous",
                                               "Disappointed"][0], ""),
        "Review Text": [_said(rng, r >= 4, EN_GOOD, EN_BAD, k) for k, r in enumerate(rating)],
        "Rating": rating.astype(str), "Recommended IND": (rating >= 4).astype(int).astype(str),
        "Positive Feedback Count": rng.integers(0, 30, n).astype(str),
        "Division Name": rng.choice(["General", "General Petite"], n),
        "Department Name": rng.choice(["Tops", "Dresses", "Bottoms"], n),
        "Class Name": rng.choice(["Knits", "Blouses", "Dresses", "Pants"], n)})
    return "clothing_reviews.csv", _csv(frame), {
        "rows": n, "score": "Rating", "scale": "rating", "text": "Review Text",
        "id": None, "set_apart": 0, "language": "en",
        "traps": "a 0/1 recommend flag; feedback counts; ages"}


# -- legacy encodings ----------------------------------------------------------------------


def german_nps_cp1252() -> Export:
    rng, n = _rng(14), 520
    nps = _nps_answers(rng, n)
    frame = pd.DataFrame({
        "Datum": _dates(rng, n, "%d.%m.%Y"),
        "Wie wahrscheinlich ist es, dass Sie uns weiterempfehlen?": nps.astype(str),
        "Kommentar": [_said(rng, a >= 7, DE[::3], DE[1:3], k) for k, a in enumerate(nps)],
        "Filiale": rng.choice(["München", "Köln", "Düsseldorf"], n)})
    data = frame.to_csv(index=False, sep=";", lineterminator="\r\n").encode("cp1252")
    return "kundenumfrage_nps.csv", data, {
        "rows": n, "score": "Wie wahrscheinlich ist es, dass Sie uns weiterempfehlen?",
        "scale": "nps", "text": "Kommentar", "id": None, "product": "Filiale",
        "set_apart": 0, "language": "de", "encoding": "Windows-1252",
        "traps": "Windows-1252; semicolons; CRLF; day-first dotted dates"}


def french_mixed_codepages() -> Export:
    rng, n = _rng(15), 2_400
    nps = _nps_answers(rng, n)
    frame = pd.DataFrame({
        "id": [str(k + 1) for k in range(n)], "date": _dates(rng, n, "%d/%m/%Y"),
        "recommandation": nps.astype(str),
        "commentaire": [_said(rng, a >= 7, FR[:1] + FR[2:3], FR[1:2] + FR[3:], k)
                        for k, a in enumerate(nps)]})
    data = frame.to_csv(index=False, sep=";", lineterminator="\r\n").encode("latin_1")
    at = data.index(b"\r\n", len(data) * 2 // 3) + 2
    end = data.index(b"\r\n", at)
    data = data[:end] + b" (re\x87u, \x82t\x82 \x81)" + data[end:]  # DOS code page 850 bytes
    return "enquete_jardinerie.csv", data, {
        "rows": n, "score": "recommandation", "scale": "nps", "text": "commentaire",
        "id": "id", "set_apart": 0, "language": "fr", "encoding": "Latin-1",
        "traps": "Latin-1 with DOS bytes two thirds in; semicolons"}


def _more() -> dict[str, Callable[[], Export]]:
    """The exports of make_more_exports.py, beside this file (loaded by path: the sample
    scripts are not a package)."""
    path = Path(__file__).with_name("make_more_exports.py")
    spec = importlib.util.spec_from_file_location("make_more_exports", path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module.EXPORTS


EXPORTS: dict[str, Callable[[], Export]] = {
    "qualtrics": qualtrics, "surveymonkey": surveymonkey, "google_forms_fr": google_forms_fr,
    "typeform_ces": typeform_ces, "zendesk_csat": zendesk_csat,
    "freshdesk_csat": freshdesk_csat, "app_store_banks": app_store_banks,
    "marketplace_pt": marketplace_pt, "review_site": review_site,
    "through_excel": through_excel, "model_columns": model_columns,
    "multiline": multiline, "clothing": clothing, "german_nps_cp1252": german_nps_cp1252,
    "french_mixed_codepages": french_mixed_codepages, **_more()}


def write_all(folder: Path) -> dict[str, Path]:
    """Write every export and its truth (`<file>.truth.json`) into `folder`."""
    folder.mkdir(parents=True, exist_ok=True)
    out = {}
    for name, make in EXPORTS.items():
        file, data, truth = make()
        (folder / file).write_bytes(data)
        (folder / f"{file}.truth.json").write_text(json.dumps(truth, indent=1,
                                                              ensure_ascii=False) + "\n",
                                                   encoding="utf-8")
        out[name] = folder / file
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folder", type=Path, help="where to write the exports")
    for path in write_all(parser.parse_args().folder).values():
        print(f"wrote {path} ({path.stat().st_size / 1024:,.0f} KB)")


if __name__ == "__main__":
    main()
