"""Three rooms of the sample's journey (Berlin, Hamburg, Munich) that differ in known ways
(see `cxwidgets.rooms.sample_rooms`), matched and merged once per module."""

from __future__ import annotations

import pytest

from cxwidgets.method.model import Workshop
from cxwidgets.rooms import build_consensus, match, rooms_of
from cxwidgets.rooms.sample_rooms import three_rooms
from cxwidgets.sample import load_sample_workshop

TITLE = "FreshBox: all rooms"


@pytest.fixture(scope="module")
def sample() -> Workshop:
    return load_sample_workshop()


@pytest.fixture(scope="module")
def rooms(sample) -> list[Workshop]:
    return three_rooms(sample)


@pytest.fixture(scope="module")
def matching(rooms):
    return match(rooms_of(rooms))


@pytest.fixture(scope="module")
def consensus(matching) -> Workshop:
    return build_consensus(matching, TITLE)


@pytest.fixture(params=["sqlite", "postgresql"])
def room_db(request, tmp_path):
    """Where the rooms live and the consensus is saved: a SQLite file or a fresh PostgreSQL
    database."""
    if request.param == "sqlite":
        yield str(tmp_path / "rooms.sqlite")
        return
    from cxwidgets.testing_pg import fresh_database

    with fresh_database(request.getfixturevalue("postgres_url")) as url:
        yield url
