"""What only a PostgreSQL store can get wrong: its URL, the server, the database in it.

Each failure must reach the person as one `StoreUnavailable` that says what is wrong and
where (server, database, user), never with the password in it.
"""

from __future__ import annotations

import time

import pytest
import sqlalchemy as sa

from cxwidgets.exceptions import StoreUnavailable
from cxwidgets.store import Editor, Store, is_url, to_url
from cxwidgets.testing import free_port
from cxwidgets.testing_pg import fresh_database, running_postgres


def _with(url: str, **parts) -> str:
    return sa.engine.make_url(url).set(**parts).render_as_string(hide_password=False)


def test_a_url_is_a_url_and_a_path_is_a_file(tmp_path):
    assert is_url("postgresql://u@h/db") and not is_url(tmp_path / "w.sqlite")
    assert to_url("postgresql://u:p@h:5/db") == "postgresql+psycopg://u:p@h:5/db"
    assert to_url("postgres://u@h/db") == "postgresql+psycopg://u@h/db"
    assert to_url("postgresql+psycopg://u@h/db") == "postgresql+psycopg://u@h/db"
    assert to_url(tmp_path / "w.sqlite") == f"sqlite:///{tmp_path / 'w.sqlite'}"


def test_bare_postgresql_urls_open_the_same_store(postgres_url):
    with fresh_database(postgres_url) as url:
        bare = url.replace("postgresql+psycopg://", "postgresql://", 1)
        with Store(bare) as store:
            created = store.create_workshop("Bare URL")
        with Store(url.replace("postgresql+psycopg://", "postgres://", 1)) as store:
            assert store.state(created.id).title == "Bare URL"


def test_unreachable_server_is_a_clear_error(postgres_url):
    port = free_port()  # nothing listens there
    url = _with(postgres_url, port=port)
    password = sa.engine.make_url(url).password
    started = time.monotonic()
    with pytest.raises(StoreUnavailable) as err:
        Store(url)
    message = str(err.value)
    assert f"127.0.0.1:{port}" in message and "'cxwidgets'" in message
    assert "Check that the server is running" in message and "refused" in message.lower()
    assert password not in message
    assert time.monotonic() - started < 15


def test_missing_database_and_wrong_password_are_clear_errors(postgres_url):
    with pytest.raises(StoreUnavailable, match='database "no_such_db" does not exist'):
        Store(_with(postgres_url, database="no_such_db"))
    with pytest.raises(StoreUnavailable, match="password authentication failed") as err:
        Store(_with(postgres_url, password="wrong-secret"))
    assert "wrong-secret" not in str(err.value)


def test_other_databases_are_refused(tmp_path):
    for url, word in (("mysql://u@127.0.0.1/db", "not mysql"),
                      ("postgresql://[::1:bad", "not a valid database URL")):
        with pytest.raises(StoreUnavailable, match=word):
            Store(url)


def test_a_foreign_postgresql_database_is_refused_and_left_alone(postgres_url):
    with fresh_database(postgres_url) as url:
        engine = sa.create_engine(url)
        with engine.begin() as conn:
            conn.execute(sa.text("CREATE TABLE invoices (id integer)"))
        with pytest.raises(StoreUnavailable, match=r"'cx_test_\w+' on 127\.0\.0\.1:\d+ as "
                                                   r"user cx is a database but not a cxwidgets"):
            Store(url)
        assert sa.inspect(engine).get_table_names() == ["invoices"]
        engine.dispose()


def test_a_server_that_goes_away_gives_a_clear_error_and_the_store_recovers():
    with running_postgres(fsync=False) as server:
        store = Store(server.url)
        created = store.create_workshop("Outage")
        editor = Editor.facilitator(store, created.id, created.token)
        editor.add("touchpoints", {"name": "Before"})
        server.stop()
        with pytest.raises(StoreUnavailable, match=r"is not answering: .*Nothing saved "
                                                   "before is lost") as err:
            editor.add("touchpoints", {"name": "During"})
        assert sa.engine.make_url(server.url).password not in str(err.value)
        with pytest.raises(StoreUnavailable, match="is not answering"):
            store.last_seq(created.id)
        server.start()
        editor.add("touchpoints", {"name": "After"})  # the same Store, no reopening
        assert [t.name for t in store.state(created.id).touchpoints] == ["Before", "After"]
        store.close()
