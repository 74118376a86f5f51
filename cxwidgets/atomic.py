"""One way to write a file: whole or not at all, never seen half-written.

Every file the kit writes for people to open later (exports, the bank's reports and
index, the facilitator's keys, backups) goes through `write_atomic`: the bytes go to a
temporary file in the same folder, are flushed to disk, and the file is then renamed into
place in one step. A crash, a full disk or Ctrl-C in the middle leaves the old file (or
none) and no temporary file behind.
"""

from __future__ import annotations

import contextlib
import os
import secrets
from collections.abc import Iterator
from pathlib import Path


def write_atomic(path: str | os.PathLike[str], data: bytes | str, *, overwrite: bool = True,
                 mode: int | None = None, durable: bool = True) -> Path:
    """Write `data` (text is written as UTF-8) to `path` in one step and return the path.

    With `overwrite=False` an existing file is never replaced, even one that appears while
    writing: `FileExistsError` is raised and nothing is changed. `mode` sets the file's
    permissions before it appears (0o600 for secrets), so it is never readable by others
    even for a moment. `durable=False` does not wait for the disk (a cache, rebuilt if a
    power cut loses it): the file is still never seen half-written.
    """
    path = Path(path)
    raw = data.encode("utf-8") if isinstance(data, str) else data
    with in_place(path, overwrite=overwrite, durable=durable) as tmp:
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600 if mode else 0o666)
        with os.fdopen(fd, "wb") as out:
            out.write(raw)
        if mode is not None:
            os.chmod(tmp, mode)
    return path


def partial_files(path: str | os.PathLike[str]) -> list[Path]:
    """Temporary files a write of `path` killed half-way (kill -9, power cut) left, with
    whatever the writer kept beside them (SQLite's "-journal")."""
    path = Path(path)
    return sorted(path.parent.glob(f".{path.name}.*.part*"))


@contextlib.contextmanager
def in_place(path: str | os.PathLike[str], *, overwrite: bool = True,
             durable: bool = True) -> Iterator[Path]:
    """A temporary path beside `path` for something else to write (SQLite's backup, a
    converter); once the block ends without an error it is flushed to disk (unless not
    `durable`) and renamed to `path` in one step. On an error, `path` is as it was and the
    temporary file is gone."""
    path = Path(path)
    tmp = path.with_name(f".{path.name}.{secrets.token_hex(4)}.part")
    try:
        yield tmp
        if durable:
            _flush(tmp)
        _place(tmp, path, overwrite)
        if durable:
            with contextlib.suppress(OSError):  # the rename itself on disk (not everywhere)
                _flush(path.parent)
    finally:
        with contextlib.suppress(FileNotFoundError):
            tmp.unlink()


def _flush(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _place(tmp: Path, path: Path, overwrite: bool) -> None:
    if overwrite:
        os.replace(tmp, path)
        return
    try:
        os.link(tmp, path)  # refuses, atomically, a file that appeared meanwhile
    except FileExistsError:
        raise
    except OSError:  # no hard links on this file system: check, then rename
        if path.exists():
            raise FileExistsError(path) from None
        os.replace(tmp, path)
