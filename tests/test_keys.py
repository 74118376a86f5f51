from cxwidgets import keys
from cxwidgets.store import Created


def test_tokens_for_a_store_file_sit_beside_it(tmp_path):
    db = tmp_path / "w.sqlite"
    keys.remember(db, Created("w1", "ABC234", "tok"))
    assert keys.keys_path(db) == tmp_path / "w.sqlite.keys.json"
    assert keys.recall(db, "w1") == "tok"
    assert keys.keys_path(db).stat().st_mode & 0o777 == 0o600


def test_tokens_for_a_database_server_sit_in_the_users_folder(tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "config"))
    url = "postgresql://cx:s3cret-pass@127.0.0.1:5544/cxwidgets"
    keys.remember(url, Created("w1", "ABC234", "tok"))
    path = keys.keys_path(url)
    assert path.parent == tmp_path / "config" / "cxwidgets" / "keys"
    assert "s3cret" not in str(path) and keys.recall(url, "w1") == "tok"
    other = keys.keys_path("postgresql://cx:other-pass@127.0.0.1:5544/cxwidgets")
    assert other == path  # the same database, whatever password reaches it
    assert keys.keys_path("postgresql://cx:p@127.0.0.1:5544/elsewhere") != path
