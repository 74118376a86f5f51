"""Every store test runs twice: on a SQLite file and on a real PostgreSQL database.

`db` (which tests/conftest.py's `store`, `created`, `facilitator` and `participant` build
on) is a file path for "sqlite" and the URL of a fresh database on a private PostgreSQL
server for "postgresql". A test that is about SQLite itself (WAL, the file's bytes) pins
the backend with ``@pytest.mark.parametrize("backend", ["sqlite"])``.

The server is started once per session. Outside CI a machine without PostgreSQL skips
the PostgreSQL half with the reason shown; in CI it is an error, never a skip.
"""

from __future__ import annotations

import pytest

from cxwidgets.testing_pg import fresh_database

BACKENDS = ("sqlite", "postgresql")


@pytest.fixture(params=BACKENDS)
def backend(request) -> str:
    return request.param


@pytest.fixture
def db(backend, tmp_path, request):
    if backend == "sqlite":
        yield tmp_path / "workshops.sqlite"
        return
    with fresh_database(request.getfixturevalue("postgres_url")) as url:
        yield url
