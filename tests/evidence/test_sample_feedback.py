"""The FreshBox feedback exports: reproducible, big, messy on purpose, and telling stories."""

import codecs
import csv
import importlib.util
import io
import json
import re
import zipfile
from pathlib import Path

import openpyxl
import pandas as pd
import pyarrow.parquet as pq
import pytest

from cxwidgets.evidence.mapping import ColumnMapping
from cxwidgets.evidence.schema import empty_table, typed
from cxwidgets.evidence.tagging import TagRules, tag

ROOT = Path(__file__).resolve().parents[2]
SAMPLE = ROOT / "sample_data"
FEEDBACK = SAMPLE / "feedback"
SURVEY = FEEDBACK / "post_delivery_survey.csv"
TICKETS = FEEDBACK / "support_tickets.csv"
REVIEWS = FEEDBACK / "app_reviews.xlsx"
SOCIAL = FEEDBACK / "social_posts.jsonl"
INTERVIEWS = FEEDBACK / "interviews.json"
NPS = FEEDBACK / "nps_followup.parquet"
EXPORTS = (SURVEY, TICKETS, REVIEWS, SOCIAL, INTERVIEWS, NPS)
SEGMENTS = {"Busy parents", "Retired couples", "Students", "Young professionals"}
PRODUCTS = {"Classic box", "Family box", "Veggie box"}


@pytest.fixture(scope="module")
def generator():
    spec = importlib.util.spec_from_file_location(
        "make_feedback_exports", SAMPLE / "make_feedback_exports.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def workshop() -> dict:
    return json.loads((SAMPLE / "sample_workshop.json").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def rules() -> TagRules:
    return TagRules.from_yaml(FEEDBACK / "tagging.yaml")


# -- reading the raw exports the way a person would, straight with pandas ----------------

def survey() -> pd.DataFrame:
    return pd.read_csv(SURVEY, sep=";", encoding="cp1252", dtype="string",
                       keep_default_na=False, on_bad_lines="skip")


def tickets() -> pd.DataFrame:
    return pd.read_csv(TICKETS, encoding="utf-8-sig", dtype="string", keep_default_na=False,
                       on_bad_lines="skip")


def reviews() -> pd.DataFrame:
    return pd.read_excel(REVIEWS, dtype={"Date": object})


def social() -> pd.DataFrame:
    return pd.read_json(SOCIAL, lines=True, dtype=False)


def interviews() -> pd.DataFrame:
    return pd.DataFrame(json.loads(INTERVIEWS.read_text(encoding="utf-8")))


def nps() -> pd.DataFrame:
    return pq.read_table(NPS).to_pandas()


def labels(values: pd.Series) -> pd.Series:
    """Labels without case or stray spaces; blanks left out."""
    tidy = values.dropna().astype("string").str.split().str.join(" ").str.casefold()
    return tidy[tidy != ""]


def canonical(text: pd.Series, touchpoint: pd.Series | None = None,
              stage: pd.Series | None = None) -> pd.DataFrame:
    n = len(text)
    data = {c: [None] * n for c in empty_table().columns}
    data.update(row=range(1, n + 1), text=list(text))
    if touchpoint is not None:
        data["touchpoint"] = list(touchpoint)
    if stage is not None:
        data["stage"] = list(stage)
    return typed(pd.DataFrame(data))


def raw_rows(path: Path, encoding: str, delimiter: str) -> list[list[str]]:
    text = path.read_bytes().decode(encoding).removeprefix("\ufeff")
    return list(csv.reader(io.StringIO(text, newline=""), delimiter=delimiter))


# -- reproducible -------------------------------------------------------------------------

def test_the_generator_reproduces_every_committed_file_byte_for_byte(generator, tmp_path):
    written = generator.write_all(tmp_path)
    committed = sorted(p.name for p in FEEDBACK.iterdir() if p.name != "README.md")
    assert sorted(p.name for p in written) == committed
    for path in written:
        assert path.read_bytes() == (FEEDBACK / path.name).read_bytes(), path.name


def test_the_xlsx_package_carries_no_clock(generator, tmp_path):
    generator.write_reviews(tmp_path)
    with zipfile.ZipFile(tmp_path / "app_reviews.xlsx") as package:
        stamps = {info.date_time for info in package.infolist()}
        core = package.read("docProps/core.xml").decode()
    assert stamps == {(2026, 11, 1, 8, 0, 0)}
    assert re.findall(r"W3CDTF\">([^<]+)<", core) == ["2026-11-01T08:00:00Z"] * 2


# -- size and coverage --------------------------------------------------------------------

def test_rows_products_segments_and_sources():
    counts = {SURVEY: len(raw_rows(SURVEY, "cp1252", ";")) - 1,
              TICKETS: len(raw_rows(TICKETS, "utf-8", ",")) - 1,
              REVIEWS: openpyxl.load_workbook(REVIEWS, read_only=True).active.max_row - 1,
              SOCIAL: len(SOCIAL.read_text(encoding="utf-8").splitlines()),
              INTERVIEWS: len(interviews()), NPS: pq.read_metadata(NPS).num_rows}
    assert sum(counts.values()) >= 20_000
    assert counts[INTERVIEWS] >= 24 and min(counts.values()) >= 24
    assert len(EXPORTS) == 6 and all(p.exists() for p in EXPORTS)
    products = pd.concat([labels(survey()["Box"]), labels(tickets()["Plan"]),
                          labels(reviews()["Matched box"]), labels(interviews()["box"]),
                          labels(nps()["plan"])])
    segments = pd.concat([labels(survey()["Customer segment"]),
                          labels(tickets()["Customer segment"]),
                          labels(reviews()["Matched segment"]), labels(interviews()["segment"]),
                          labels(nps()["segment"])])
    assert set(products) == {p.casefold() for p in PRODUCTS}
    assert set(segments) == {s.casefold() for s in SEGMENTS}


def test_feedback_covers_the_workshops_stages_and_touchpoints(rules, workshop):
    stages = {s["name"] for s in workshop["stages"]}
    names = {t["name"] for t in workshop["touchpoints"]}
    t = tickets()
    tables = [canonical(social()["text"]), canonical(reviews()["Review"]),
              canonical(t["Description"], t["Category"]), canonical(nps()["reason"]),
              canonical(survey().iloc[:, -1]),
              canonical(interviews()["quote"], stage=interviews()["stage"])]
    tagged = pd.concat([tag(x, rules).table for x in tables])
    wide = set(ColumnMapping.from_yaml(FEEDBACK / "post_delivery_survey.mapping.yaml")
               .wide.values())
    found = set(tagged["touchpoint"].dropna()) | wide
    assert found <= names and len(found) >= 12
    assert set(tagged["stage"].dropna()) == stages


# -- mappings and tagging rules -----------------------------------------------------------

def headers(path: Path) -> set[str]:
    if path.suffix == ".csv":
        sep, encoding = (";", "cp1252") if path == SURVEY else (",", "utf-8-sig")
        return set(pd.read_csv(path, sep=sep, encoding=encoding, nrows=0).columns)
    if path.suffix == ".xlsx":
        sheet = openpyxl.load_workbook(path, read_only=True).active
        return {c.value for c in next(sheet.iter_rows(max_row=1))}
    if path.suffix == ".jsonl":
        return set().union(*(json.loads(line) for line in path.read_text("utf-8").splitlines()))
    if path.suffix == ".json":
        return set().union(*json.loads(path.read_text("utf-8")))
    return set(pq.read_schema(path).names)


MAPPINGS = sorted(FEEDBACK.glob("*.mapping.yaml"))


def test_every_export_has_a_mapping():
    stems = {m.name.split(".")[0] for m in MAPPINGS}
    assert stems == {p.name.split(".")[0] for p in EXPORTS}
    assert len(MAPPINGS) == 7     # the survey has two: 1-5 questions, and NPS with comment


@pytest.mark.parametrize("mapping", MAPPINGS, ids=lambda p: p.name)
def test_each_mapping_loads_and_names_only_columns_of_its_export(mapping: Path, workshop):
    loaded = ColumnMapping.from_yaml(mapping)
    export = next(p for p in EXPORTS if p.name.split(".")[0] == mapping.name.split(".")[0])
    columns = headers(export)
    assert loaded.sources() <= columns, loaded.sources() - columns
    assert loaded.sources() and loaded.constants["source"] in {
        "survey", "review", "support_log", "social", "interview"}
    scored = "score" in loaded.columns or bool(loaded.wide)
    assert scored == (loaded.score_type is not None)
    assert set(loaded.wide.values()) <= {t["name"] for t in workshop["touchpoints"]}


def test_tagging_rules_use_the_workshops_names(rules, workshop):
    stages = {s["id"]: s["name"] for s in workshop["stages"]}
    assert rules.stages == {t["name"]: stages[t["stage_id"]] for t in workshop["touchpoints"]}
    categories = set(labels(tickets()["Category"]))
    assert categories == {k.casefold() for k in rules.lookup}
    assert set(rules.stage_lookup.values()) <= set(stages.values())


def test_every_sentence_of_the_generator_is_tagged_with_its_own_touchpoint(generator, rules):
    names, _ = generator.workshop_names()
    fill = {"item": "crème fraîche", "mins": 40, "days": 5, "box": "Veggie box",
            "price": 55}
    pools = [*generator.PHRASES.items(),
             *((tp, tones) for (tp, _), tones in generator.SEGMENT_PHRASES.items()),
             ("ingredients", {"pos": generator.IMPROVED}), ("appsignup",
                                                            {"neg": generator.APP_CRASH})]
    pairs = [(names[tp], p.format_map(fill)) for tp, tones in pools
             for phrases in tones.values() for p in phrases]
    pairs += [(None, p) for phrases in generator.GENERIC.values() for p in phrases]
    got = tag(canonical(pd.Series([p for _, p in pairs])), rules).table["touchpoint"]
    wrong = [(want, have, text) for (want, text), have in zip(pairs, got, strict=True)
             if (None if pd.isna(have) else have) != want]
    assert len(pairs) > 200 and wrong == []


def test_texts_without_a_touchpoint_column_are_mostly_tagged(rules):
    shares = {}
    for name, text in (("social", social()["text"]), ("reviews", reviews()["Review"]),
                       ("nps", nps()["reason"]), ("interviews", interviews()["quote"])):
        tagged = tag(canonical(text), rules)
        written = tagged.table["text"].fillna("").str.strip() != ""
        shares[name] = tagged.table.loc[written, "touchpoint"].notna().mean()
    assert min(shares.values()) >= 0.8, shares
    assert shares["social"] < 1 and shares["reviews"] < 1   # "Love it!" names no touchpoint


# -- the mess is really there -------------------------------------------------------------

def test_encodings_delimiters_and_broken_rows():
    raw = SURVEY.read_bytes()
    with pytest.raises(UnicodeDecodeError):
        raw.decode("utf-8")
    text = raw.decode("cp1252")
    assert "crème fraîche" in text and "Inês" in text and "€" in text
    assert text.splitlines()[0].count(";") == 14 and "\r\n" in text
    assert TICKETS.read_bytes().startswith(codecs.BOM_UTF8)
    assert not SURVEY.read_bytes().startswith(codecs.BOM_UTF8)
    for path, encoding, sep, width in ((SURVEY, "cp1252", ";", 15),
                                       (TICKETS, "utf-8", ",", 11)):
        rows = raw_rows(path, encoding, sep)
        assert len(rows[0]) == width
        assert [len(r) for r in rows if len(r) != width] == [width + 1] * 2


def test_exact_duplicate_rows_in_every_bulk_export():
    dup = {"survey": survey().duplicated().sum(), "tickets": tickets().duplicated().sum(),
           "reviews": reviews().duplicated().sum(),
           "social": social().astype("string").duplicated().sum(),
           "nps": nps().astype("string").duplicated().sum()}
    assert dup == {"survey": 24, "tickets": 40, "reviews": 15, "social": 30, "nps": 10}
    assert not interviews()["id"].duplicated().any()


def test_scores_out_of_range_and_unreadable():
    s = survey()
    fives = s[[c for c in s.columns if c.endswith("(1-5)")]].stack()
    assert {"6", "0", "n/a"} <= set(fives)
    assert "11" in set(s.iloc[:, 13])
    assert {"6", "0"} <= set(tickets()["CSAT (1-5)"])
    assert (tickets()["CSAT (1-5)"] == "").mean() > 0.5      # most tickets have no CSAT
    assert (reviews()["Stars"] == 0).any() and (nps()["nps"] == 11).any()
    assert nps()["nps"].isna().any()


def test_dates_come_in_mixed_formats():
    def shapes(values: pd.Series) -> set[str]:
        return set(values.astype("string").fillna("").str.replace(r"\d", "9", regex=True))

    assert {"99/99/9999 99:99", "9999-99-99 99:99", ""} <= shapes(survey()["Submitted"])
    assert any(re.fullmatch(r"9{1,2}\.9{1,2}\.99", x) for x in shapes(survey()["Submitted"]))
    assert {"99/99/9999 99:99", "9999-99-99T99:99:99"} <= shapes(tickets()["Created"])
    day_first = survey()["Submitted"].str.extract(r"^(\d\d)/(\d\d)/")
    month_first = tickets()["Created"].str.extract(r"^(\d\d)/(\d\d)/")
    assert (day_first[0].astype(float) > 12).any() and (month_first[1].astype(float) > 12).any()
    kinds = reviews()["Date"].map(lambda d: type(d).__name__).value_counts().to_dict()
    assert kinds["datetime"] > 2000 and kinds["str"] >= 5 and kinds["float"] >= 1  # NaN
    posted = shapes(social()["posted_at"])
    assert {"9999-99-99T99:99:99+99:99", "9999-99-99T99:99:99Z", "9999-99-99 99:99"} <= posted
    assert {"+02:00", "+01:00"} <= set(social()["posted_at"].dropna().str[-6:])
    assert interviews()["date"].str.fullmatch(r"\d{1,2} [A-Z][a-z]+ 2026").all()


def test_empty_texts_and_untidy_labels():
    assert (social()["text"] == "").sum() > 20
    assert reviews()["Review"].isna().sum() > 10
    assert (tickets()["Description"] == "").sum() > 20
    assert (nps()["reason"] == "").any() and nps()["reason"].isna().any()
    assert (survey().iloc[:, -1] == "").mean() > 0.3
    raw = pd.concat([survey()["Customer segment"], tickets()["Category"], nps()["plan"]])
    raw = raw.dropna().astype("string")
    assert (raw != raw.str.strip()).sum() > 50
    assert (raw.str.contains("  ")).sum() > 20
    assert raw.str.isupper().sum() > 20 and raw.str.islower().sum() > 20
    assert {"signup", "renewal / cancel"} <= set(interviews()["stage"])


# -- the stories ----------------------------------------------------------------------------

def survey_scores() -> pd.DataFrame:
    s = survey()
    scores = s[[c for c in s.columns if c.endswith("(1-5)")]].apply(
        pd.to_numeric, errors="coerce")
    scores = scores.where((scores >= 1) & (scores <= 5))
    scores.columns = [c.split(" ", 1)[0] for c in scores.columns]
    scores["segment"] = labels(s["Customer segment"])
    scores["month"] = pd.to_datetime(s["Submitted"], format="%d/%m/%Y %H:%M",
                                     errors="coerce").dt.month
    scores["nps"] = pd.to_numeric(s.iloc[:, 13], errors="coerce").where(lambda x: x <= 10)
    return scores


def net_promoters(x: pd.Series) -> float:
    x = x.dropna()
    return float(((x >= 9).mean() - (x <= 6).mean()) * 100)


def test_each_segment_has_its_own_pain():
    by = survey_scores().groupby("segment")
    mean = by[["Q1", "Q2", "Q3", "Q6", "Q8"]].mean()

    def others(q: str, segment: str) -> float:
        return mean.loc[mean.index != segment, q].mean()

    assert mean.loc["retired couples", "Q2"] < others("Q2", "retired couples") - 1.5
    assert mean.loc["retired couples", "Q8"] < others("Q8", "retired couples") - 0.8
    assert mean["Q3"].idxmin() == "busy parents"          # delivery slots
    assert mean["Q6"].idxmin() == "young professionals"   # packaging
    assert by["nps"].apply(net_promoters).idxmin() == "students"
    assert nps().assign(s=labels(nps()["segment"])).groupby("s")["nps"].apply(
        lambda x: net_promoters(x.where(x <= 10).astype(float))).idxmin() == "students"
    assert (mean["Q1"] > 4).all()                          # signing up delights


def test_missing_items_and_phone_waits_hurt_and_change_over_time():
    scores = survey_scores()
    assert scores["Q7"].mean() < scores[["Q1", "Q8"]].mean().min() - 1
    by_month = scores.groupby("month")[["Q7", "Q2"]].mean()
    assert by_month.loc[10, "Q7"] > by_month.loc[7, "Q7"] + 0.5     # packing-line fix
    assert by_month.loc[10, "Q2"] > by_month.loc[7, "Q2"] + 0.3     # app 4.2
    t = tickets()
    created = pd.to_datetime(t["Created"], format="%m/%d/%Y %H:%M", errors="coerce").fillna(
        pd.to_datetime(t["Created"], format="%Y-%m-%dT%H:%M:%S", errors="coerce"))
    missing = labels(t["Category"]).reindex(t.index) == "box > missing item"
    share = missing.groupby(created.dt.month).mean()
    assert share[7] > 2 * share[10]
    csat = pd.to_numeric(t["CSAT (1-5)"], errors="coerce").where(lambda x: x.between(1, 5))
    phone = csat[t["Channel"] == "Phone"].groupby(created.dt.month).mean()
    assert phone[10] < phone[9] - 0.2
    assert csat[t["Channel"] == "Phone"].mean() < csat[t["Channel"] == "Chat"].mean()
