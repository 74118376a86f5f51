"""What a person reads in the report, the poster and the tables: words, never codes.

The sample workshop is exported in every format people read, and the text they see is
searched for raw codes of the model (`todo`, `as_is`, `pain_points` ...), `null`/`None`/
`nan`, internal ids, and broken plurals ("1 pain points", "12 opportunitys").
"""

from __future__ import annotations

import datetime as dt
import re
from enum import Enum
from html.parser import HTMLParser

import pandas as pd
import pytest

from cxwidgets.export.workshop import export_all
from cxwidgets.method import model
from cxwidgets.method.kinds import COLLECTIONS
from cxwidgets.sample import load_sample_workshop

TODAY = dt.date(2026, 11, 25)
#: Codes that are also ordinary words or labels ("open", "review", "other") are not codes
#: a reader would notice; the ones that give themselves away are these.
CODES = sorted({m.value for cls in vars(model).values()
                if isinstance(cls, type) and issubclass(cls, Enum) and cls is not Enum
                for m in cls if "_" in m.value or m.value in {"todo", "doing"}}
               | set(COLLECTIONS) - {"personas", "stages", "touchpoints", "emotions",
                                     "comments", "votes", "actions", "volunteers", "goals",
                                     "experiments", "reflections", "participants",
                                     "opportunities", "sources", "moments", "backstage",
                                     "diagnosis", "answers"})
BROKEN = re.compile(r"\b(?:\w+itys|\w+processs|\w+ys\b(?<!days)(?<!ways)(?<![Ss]ays)(?<!keys)"
                    r"(?<!stays)(?<!journeys)(?<!holidays)(?<!surveys)(?<!delays)"
                    r"(?<!enjoys))\b"
                    r"|\b1 (?!of\b)(?:pain points|touchpoints|opportunities|people|ratings|"
                    r"votes|entries|actions|stages|comments|days|goals)\b")
EMPTY = re.compile(r"\b(?:null|None|nan|NaN|undefined)\b")


class _Text(HTMLParser):
    """The text of a page as a reader sees it: no scripts, styles or JSON blocks."""

    def __init__(self) -> None:
        super().__init__()
        self.parts: list[str] = []
        self._skip = 0

    def handle_starttag(self, tag, attrs):
        if tag in {"script", "style", "template"}:
            self._skip += 1

    def handle_endtag(self, tag):
        if tag in {"script", "style", "template"}:
            self._skip -= 1

    def handle_data(self, data):
        if not self._skip:
            self.parts.append(data)


def visible(html: str) -> str:
    parser = _Text()
    parser.feed(html)
    return " ".join(parser.parts)


@pytest.fixture(scope="module")
def workshop():
    return load_sample_workshop()


@pytest.fixture(scope="module")
def texts(workshop, tmp_path_factory) -> dict[str, str]:
    folder = tmp_path_factory.mktemp("words")
    export_all(workshop, folder, "freshbox", today=TODAY)
    read = pd.read_excel(folder / "freshbox.xlsx", sheet_name=None)  # as a person opens it
    return {
        "report": (folder / "freshbox.md").read_text(encoding="utf-8"),
        "poster": visible((folder / "freshbox.html").read_text(encoding="utf-8")),
        "workbook": "\n".join(f"{name}\n{frame.to_csv(index=False)}"
                              for name, frame in read.items()).replace(",,", ", ,"),
    }


def ids_of(workshop) -> set[str]:
    return {e.id for c in COLLECTIONS for e in getattr(workshop, c)} | {workshop.id}


@pytest.mark.parametrize("name", ["report", "poster", "workbook"])
def test_no_raw_code_null_or_id_is_shown(texts, workshop, name):
    text = texts[name]
    assert len(text) > 2000
    codes = [c for c in CODES if re.search(rf"(?<![\w/.-]){re.escape(c)}(?![\w/.-])", text)]
    assert not codes, f"{name} shows raw codes: {codes}"
    assert not EMPTY.findall(text), f"{name} shows empty markers: {EMPTY.findall(text)}"
    ids = [i for i in ids_of(workshop) if len(i) > 3 and re.search(rf"\b{re.escape(i)}\b",
                                                                     text)]
    assert not ids, f"{name} shows internal ids: {ids[:5]}"


@pytest.mark.parametrize("name", ["report", "poster", "workbook"])
def test_no_broken_plural(texts, name):
    assert not BROKEN.findall(texts[name]), BROKEN.findall(texts[name])


def test_the_checker_finds_what_it_looks_for():
    assert BROKEN.findall("12 opportunitys and 13 backstage processs; 1 pain points")
    assert not BROKEN.findall("3 days, 2 surveys, 1 of 2 says")
    assert visible("<p>a</p><script>null</script>") == "a"
