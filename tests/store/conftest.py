"""Every store test runs twice: on a SQLite file and on a real PostgreSQL database.

`db` (which tests/conftest.py's `store`, `created`, `facilitator` and `participant` build
on) is a file path for "sqlite" and the URL of a fresh database on a private PostgreSQL
server for "postgresql". A test that is about SQLite itself (WAL, the file's bytes) pins
the backend with ``@pytest.mark.parametrize("backend", ["sqlite"])``.

The server is started once per session. Outside CI a machine without PostgreSQL skips
the PostgreSQL half with the reason shown; in CI it is an error, never a skip.
"""

from __future__ import annotations

import shutil
from contextlib import contextmanager
from pathlib import Path

import pytest

from cxwidgets.testing_pg import fresh_database

#: Stores written by earlier releases (tests/store/golden/<release>).
GOLDEN = Path(__file__).parent / "golden"

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


def load_sql(url: str, sql: str) -> None:
    """Run a plain-SQL dump against the PostgreSQL database at `url`, in one transaction."""
    import psycopg
    import sqlalchemy as sa

    u = sa.engine.make_url(url)
    with psycopg.connect(host=u.host, port=u.port, user=u.username, password=u.password,
                         dbname=u.database, autocommit=False) as conn:
        conn.execute(sql)


@contextmanager
def _release_store(release: Path, backend: str, folder: Path, request):
    """A copy of the store `release` wrote, on `backend`, as that release left it."""
    if backend == "sqlite":
        db = folder / "workshops.sqlite"
        shutil.copyfile(release / "workshops.sqlite", db)
        yield db
        return
    with fresh_database(request.getfixturevalue("postgres_url")) as url:
        load_sql(url, (release / "workshops.pg.sql").read_text(encoding="utf-8"))
        yield url


@pytest.fixture
def first_release_store(backend, tmp_path, request):
    """Release 0.1.0's store (before the kit had migrations), on `backend`."""
    with _release_store(GOLDEN / "0.1.0", backend, tmp_path, request) as db:
        yield db


@pytest.fixture
def release_store():
    """`_release_store`, for a test that picks the release."""
    return _release_store
