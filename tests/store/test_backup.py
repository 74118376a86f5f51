"""Backups taken while a room writes, restored on the other backend with the same
workshops; a backup, restore or upgrade killed with SIGKILL half-way leaves everything as
it was; rolling backups keep the newest few.
"""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest
import sqlalchemy as sa

from cxwidgets import cli
from cxwidgets.exceptions import InvalidInput, StoreUnavailable
from cxwidgets.store import Editor, Store, backup, migrate, restore
from cxwidgets.store.pausing import ENV as PAUSE
from cxwidgets.store.sql_tables import STORE_VERSION
from cxwidgets.testing_pg import fresh_database

GOLDEN = Path(__file__).parent / "golden" / "0.1.0"
ROOM = 20


def other_backend(backend, tmp_path, request):
    """A new store on the backend other than `backend`."""
    if backend == "postgresql":
        return tmp_path / "restored.sqlite", None
    cm = fresh_database(request.getfixturevalue("postgres_url"))
    return cm.__enter__(), cm


@pytest.fixture
def elsewhere(backend, tmp_path, request):
    db, cm = other_backend(backend, tmp_path, request)
    yield db
    if cm is not None:
        cm.__exit__(None, None, None)


def folds(db) -> dict[str, str]:
    with Store(db) as store:
        return {i.id: store.state(i.id).to_json() for i in store.list_workshops()}


class Room:
    """Twenty people joining one workshop and adding touchpoints, each from a thread of
    their own, until stopped."""

    def __init__(self, db, created) -> None:
        self.db, self.created = db, created
        self.stop = threading.Event()
        self.errors: list[BaseException] = []
        self.edits = 0
        self.threads = [threading.Thread(target=self.person, args=(i,)) for i in range(ROOM)]

    def person(self, i: int) -> None:
        try:
            with Store(self.db) as store:
                me = Editor.join(store, self.created.join_code, f"Person {i}")
                n = 0
                while not self.stop.is_set() and n < 40:
                    me.add("touchpoints", {"name": f"Touchpoint {i}.{n}", "stage_id": self.stage})
                    n += 1
                    self.edits += 1
        except BaseException as exc:  # pragma: no cover - shown by the test
            self.errors.append(exc)

    def __enter__(self) -> Room:
        with Store(self.db) as store:
            fac = Editor.facilitator(store, self.created.id, self.created.token)
            self.stage = fac.add("stages", {"name": "Everything"})
            fac.open_step("touchpoints")
        for t in self.threads:
            t.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.stop.set()
        for t in self.threads:
            t.join(timeout=120)
        assert not self.errors, self.errors


def test_a_backup_during_a_live_room_restores_on_the_other_backend(db, store, created,
                                                                   elsewhere, tmp_path):
    file = tmp_path / "during.sqlite"
    with Room(db, created) as room:
        while room.edits < 30:  # the room is writing
            time.sleep(0.05)
        done = backup.backup(db, file)
        during = room.edits
    assert 30 <= during < ROOM * 40  # taken while the room was writing
    assert done.workshops == 1 and done.version == migrate.STORE_VERSION
    assert restore.check(db, file) == 1  # the store at the backup's sequence, exactly
    restored = restore.restore(file, elsewhere)
    assert restored.workshops == 1
    assert folds(elsewhere) == folds(file)
    with Store(elsewhere) as again:  # and it is a store like any other: the room goes on
        assert again.find_by_code(created.join_code) == created.id
        fac = Editor.facilitator(again, created.id, created.token)
        fac.add("personas", {"name": "After the restore"})
        assert again.state(created.id).personas[-1].name == "After the restore"


def test_the_old_store_restores_on_both_backends_and_back(tmp_path, request):
    """Release 0.1.0's store: backed up (as it is), restored into PostgreSQL (upgraded on
    the way), backed up from there and restored into SQLite: the same workshops."""
    old = tmp_path / "old.sqlite"
    shutil.copyfile(GOLDEN / "workshops.sqlite", old)
    backup.backup(old, tmp_path / "old-backup.sqlite")
    with fresh_database(request.getfixturevalue("postgres_url")) as url:
        restore.restore(tmp_path / "old-backup.sqlite", url)
        backup.backup(url, tmp_path / "from-pg.sqlite")
        restore.restore(tmp_path / "from-pg.sqlite", tmp_path / "back.sqlite")
        assert folds(url) == folds(tmp_path / "back.sqlite")
    migrate.upgrade(old, take_backup=False)
    assert folds(old) == folds(tmp_path / "back.sqlite")


def test_restore_refuses_a_store_that_holds_workshops(db, store, created, tmp_path):
    backup.backup(db, tmp_path / "b.sqlite")
    with pytest.raises(InvalidInput, match="already holds workshops"):
        restore.restore(tmp_path / "b.sqlite", db)
    with pytest.raises(InvalidInput, match="already exists"):
        backup.backup(db, tmp_path / "b.sqlite")
    backup.backup(db, tmp_path / "b.sqlite", force=True)


def test_a_backup_of_an_empty_or_foreign_database_says_so(tmp_path):
    with pytest.raises(InvalidInput, match="no store to back up"):
        backup.backup(tmp_path / "nothing.sqlite", tmp_path / "b.sqlite")
    with pytest.raises(InvalidInput, match="does not exist"):
        restore.restore(tmp_path / "missing.sqlite", tmp_path / "x.sqlite")


# -- killed half-way ------------------------------------------------------------------


def run_until_paused(point: str, *args: str) -> subprocess.Popen:
    """`cxwidgets ARGS` in a process of its own, stopped at `point` (then killed)."""
    env = {**os.environ, PAUSE: point}
    process = subprocess.Popen([sys.executable, "-m", "cxwidgets", *args], env=env,
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    line = process.stderr.readline()
    if f"paused at {point}" not in line:
        process.kill()
        out, err = process.communicate()
        raise AssertionError(f"never paused at {point}: {line}{out}{err}")
    return process


def kill(process: subprocess.Popen) -> None:
    os.kill(process.pid, signal.SIGKILL)
    process.wait(timeout=30)
    assert process.returncode == -signal.SIGKILL


def test_a_backup_killed_half_way_leaves_the_store_and_no_backup(db, store, created,
                                                                 facilitator, tmp_path):
    facilitator.add("personas", {"name": "Priya"})
    before = folds(db)
    file = tmp_path / "killed.sqlite"
    point = "backup cx_events" if str(db).startswith("postgresql") else "backup copied"
    kill(run_until_paused(point, "backup", str(db), str(file)))
    assert not file.exists()  # no half a backup under its name
    assert folds(db) == before
    facilitator.add("personas", {"name": "Sam"})  # the store goes on as before
    backup.backup(db, file)  # and the next backup clears what the killed one left
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".killed")] == []
    assert folds(file) == folds(db)


def test_a_restore_killed_half_way_writes_nothing(db, store, created, facilitator,
                                                  elsewhere, tmp_path):
    facilitator.add("personas", {"name": "Priya"})
    backup.backup(db, tmp_path / "b.sqlite")
    kill(run_until_paused("restore cx_events", "restore", str(tmp_path / "b.sqlite"),
                          str(elsewhere)))
    with Store(elsewhere) as target:
        assert target.list_workshops() == []
    restore.restore(tmp_path / "b.sqlite", elsewhere)
    assert folds(elsewhere) == folds(db)


def test_an_upgrade_killed_half_way_leaves_the_old_store(first_release_store):
    db = first_release_store
    before = migrate.current(db)
    kill(run_until_paused("migration 0002", "db", "upgrade", "--db", str(db)))
    after = migrate.current(db)
    assert (after.version, after.found.meta) == (before.version, before.found.meta) == (
        1, {"format": "cxwidgets-store", "version": "1"})
    engine = sa.create_engine(backup.backend.to_url(db))
    with engine.connect() as conn:  # not one column of the new version
        columns = {c["name"] for c in sa.inspect(conn).get_columns("cx_events")}
    engine.dispose()
    assert "version" not in columns
    with pytest.raises(StoreUnavailable, match="version 1, made by an older"):
        Store(db)
    migrate.upgrade(db, take_backup=False)
    assert migrate.current(db).found.is_current


# -- rolling backups ---------------------------------------------------------------------


def test_rolling_backups_keep_the_newest(db, store, created, tmp_path):
    folder = tmp_path / "rolling"
    rolling = backup.Rolling(db, folder, every=10, keep=2, log=lambda line: None)
    made = [rolling.once() for _ in range(3)]
    assert all(made) and backup.kept(folder) == made[1:]


def test_rolling_backups_run_beside_a_process_and_end_with_it(tmp_path):
    db = tmp_path / "w.sqlite"
    with Store(db) as store:
        store.create_workshop("Claims")
    folder = tmp_path / "rolling"
    parent = subprocess.Popen([sys.executable, "-c", (
        "import sys, time; from pathlib import Path; from cxwidgets.store import backup; "
        f"child = backup.start_beside({str(db)!r}, Path({str(folder)!r}), 0.3, 2); "
        "print(child.pid, flush=True); time.sleep(3)")], stdout=subprocess.PIPE, text=True)
    child = int(parent.stdout.readline())
    parent.wait(timeout=30)
    parent.stdout.close()
    for _ in range(50):  # the child sees its parent gone within a second or two
        try:
            os.kill(child, 0)
        except ProcessLookupError:
            break
        time.sleep(0.1)
    else:
        os.kill(child, signal.SIGKILL)
        raise AssertionError("the rolling backups outlived the process they ran beside")
    assert 1 <= len(backup.kept(folder)) <= 2
    for file in backup.kept(folder):
        assert folds(file).keys() == folds(db).keys()


@pytest.mark.parametrize(("text", "seconds"), [("10m", 600), ("90s", 90), ("1h", 3600),
                                                ("45", 45), ("2 min", 120)])
def test_backup_intervals_read_as_people_write_them(text, seconds):
    assert backup.parse_every(text) == seconds


@pytest.mark.parametrize("text", ["often", "1s", "-5m"])
def test_a_bad_backup_interval_says_what_to_give(text):
    with pytest.raises(InvalidInput, match="--backup-every"):
        backup.parse_every(text)


# -- the commands ----------------------------------------------------------------------


def test_the_commands_back_up_restore_and_upgrade(tmp_path, capsys):
    old = tmp_path / "old.sqlite"
    shutil.copyfile(GOLDEN / "workshops.sqlite", old)
    assert cli.main(["db", "current", "--db", str(old)]) == 1
    assert "version 1, made by an older" in capsys.readouterr().out
    assert cli.main(["list", "--db", str(old)]) == 2
    assert "cxwidgets db upgrade" in capsys.readouterr().err
    assert cli.main(["backup", str(old), str(tmp_path / "b.sqlite")]) == 0
    assert "backed up 5 workshops" in capsys.readouterr().out
    assert cli.main(["db", "upgrade", "--db", str(old)]) == 0
    out = capsys.readouterr().out
    assert f"from version 1 to {STORE_VERSION}" in out and ".backups" in out
    assert cli.main(["db", "upgrade", "--db", str(old)]) == 0
    assert "nothing to do" in capsys.readouterr().out
    assert cli.main(["db", "current", "--db", str(old)]) == 0
    assert cli.main(["restore", str(tmp_path / "b.sqlite"), str(tmp_path / "new.sqlite")]) == 0
    assert "restored 5 workshops" in capsys.readouterr().out
    assert folds(tmp_path / "new.sqlite") == folds(old)


def test_serve_upgrades_an_old_store_after_a_backup_and_keeps_rolling_ones(tmp_path,
                                                                          monkeypatch, capsys):
    old = tmp_path / "old.sqlite"
    shutil.copyfile(GOLDEN / "workshops.sqlite", old)
    started = {}
    monkeypatch.setattr("cxwidgets.serve.exec_voila", lambda *a, **k: None)
    monkeypatch.setattr(backup, "start_beside",
                        lambda db, folder, every, keep: started.update(
                            db=db, folder=folder, every=every, keep=keep))
    assert cli.main(["serve", "--db", str(old), "--backup-every", "10m", "--keep", "12"]) == 0
    out = capsys.readouterr().out
    assert f"Upgraded the store from version 1 to {STORE_VERSION}" in out
    assert "every 10m" in out
    assert (started["every"], started["keep"]) == (600, 12)
    assert started["folder"] == tmp_path / "old.sqlite.backups"
    saved = list(started["folder"].glob("before-upgrade-v1-*.sqlite"))
    assert len(saved) == 1 and migrate.current(saved[0]).version == 1
    assert migrate.current(old).found.is_current
    assert cli.main(["serve", "--db", str(old), "--backup-every", "often"]) == 2
    assert "--backup-every 'often'" in capsys.readouterr().err
