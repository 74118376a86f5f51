"""`write_atomic`: the one way the kit writes a file people open later."""

from __future__ import annotations

import os
import stat

import pytest

from cxwidgets import atomic
from cxwidgets.atomic import write_atomic


def test_text_is_written_as_utf8_and_replaces_the_old_file(tmp_path):
    path = tmp_path / "index.html"
    write_atomic(path, b"old")
    assert write_atomic(path, "Café ☕") == path
    assert path.read_bytes() == "Café ☕".encode()
    assert [p.name for p in tmp_path.iterdir()] == ["index.html"]


def test_without_overwrite_an_existing_file_is_left_alone(tmp_path):
    path = tmp_path / "map.png"
    path.write_bytes(b"someone else's")
    with pytest.raises(FileExistsError):
        write_atomic(path, b"mine", overwrite=False)
    assert path.read_bytes() == b"someone else's"
    assert [p.name for p in tmp_path.iterdir()] == ["map.png"]
    write_atomic(tmp_path / "new.png", b"mine", overwrite=False)
    assert (tmp_path / "new.png").read_bytes() == b"mine"


def test_a_secret_is_never_readable_by_others(tmp_path):
    path = write_atomic(tmp_path / "keys.json", "{}", mode=0o600)
    assert stat.S_IMODE(path.stat().st_mode) == 0o600


def test_an_interruption_leaves_the_old_file_and_no_temporary_one(tmp_path, monkeypatch):
    path = tmp_path / "report.md"
    write_atomic(path, "old")

    def interrupted(fd: int) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(atomic.os, "fsync", interrupted)
    with pytest.raises(KeyboardInterrupt):
        write_atomic(path, "new")
    assert path.read_text() == "old"
    assert os.listdir(tmp_path) == ["report.md"]


def test_every_file_the_kit_writes_for_later_goes_through_it():
    """No second copy of the temporary-file-and-rename dance in the package."""
    from pathlib import Path

    package = Path(atomic.__file__).parent
    copies = [str(p.relative_to(package)) for p in package.rglob("*.py")
              if p.name != "atomic.py" and "_data" not in p.parts
              and ("os.replace(" in (text := p.read_text(encoding="utf-8"))
                   or ".part\"" in text or "tmp.replace(" in text)]
    assert copies == []


def test_what_a_killed_write_left_is_found_and_nothing_else(tmp_path):
    path = tmp_path / "backup.sqlite"
    left = [tmp_path / ".backup.sqlite.1a2b3c4d.part",
            tmp_path / ".backup.sqlite.1a2b3c4d.part-journal"]
    for p in [*left, tmp_path / ".other.sqlite.1a2b3c4d.part", path]:
        p.write_bytes(b"x")
    assert atomic.partial_files(path) == left


def test_in_place_renames_what_another_writer_made_only_when_it_succeeds(tmp_path):
    path = tmp_path / "copy.sqlite"
    with atomic.in_place(path) as tmp:
        tmp.write_bytes(b"whole")
        assert not path.exists()
    assert path.read_bytes() == b"whole"
    with pytest.raises(RuntimeError), atomic.in_place(path) as tmp:
        tmp.write_bytes(b"half")
        raise RuntimeError("the writer failed")
    assert path.read_bytes() == b"whole" and os.listdir(tmp_path) == ["copy.sqlite"]
