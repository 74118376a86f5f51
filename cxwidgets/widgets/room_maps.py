"""The room's live map, kept in files that every kernel on this computer reads.

Each person in the room has a kernel of their own, and each redraws its live map when
the room adds something. The map is the same for every seat but for the stars on the
seat's own cards (`charts.live_map.for_seat`), so the first kernel to need a version of
the room's map builds it and writes it here, and the others read it: in a room of forty,
an edit costs one build of the map, not forty.

The files are a cache and nothing more. They sit in the user's cache folder, readable by
this user only; each is written whole or not at all (`write_atomic`, without waiting for
the disk: a cache lost in a power cut is built again), and named by everything the map
is drawn from (`room_key`), so a file is never out of date, only unused. Two kernels
that build the same map at the same moment each write it; either file is right. Old
files are cleared as new ones come. A file that cannot be read or written changes
nothing but the cost: the map is built in the kernel, as it would be without the cache.
"""

from __future__ import annotations

import contextlib
import logging
import os
import time
from pathlib import Path

import orjson
import platformdirs

from cxwidgets.atomic import write_atomic
from cxwidgets.charts.vl import Json
from cxwidgets.resources import APP_NAME

log = logging.getLogger(__name__)

#: Files kept before the oldest are cleared (each a map, about 150 KB for a grown one).
KEEP = 200
#: Files younger than this (s) are never cleared: a kernel may be about to read them.
YOUNG = 60.0


def folder() -> Path:
    """Where the room's maps are kept (e.g. ~/.cache/cxwidgets/room-maps on Linux)."""
    return platformdirs.user_cache_path(APP_NAME) / "room-maps"


class FileRoomMaps:
    """`charts.live_map.RoomMaps` in files: one per version of a room's map."""

    def __init__(self, where: Path | None = None) -> None:
        self.where = where or folder()
        self.read = self.written = 0

    def _path(self, key: str) -> Path:
        return self.where / f"{key}.json"

    def get(self, key: str) -> Json | None:
        try:
            spec = orjson.loads(self._path(key).read_bytes())
        except FileNotFoundError:
            return None
        except (OSError, orjson.JSONDecodeError) as exc:
            log.warning("a kept room map could not be read (%s): built again", exc)
            return None
        self.read += 1
        return spec if isinstance(spec, dict) else None

    def put(self, key: str, spec: Json) -> None:
        try:
            self.where.mkdir(parents=True, exist_ok=True, mode=0o700)
            write_atomic(self._path(key), orjson.dumps(spec), mode=0o600, durable=False)
        except (OSError, TypeError) as exc:  # TypeError: orjson's, for what JSON cannot hold
            log.warning("a room map could not be kept for the room (%s)", exc)
            return
        self.written += 1
        if self.written % 20 == 1:
            clear_old(self.where)


def clear_old(where: Path, keep: int = KEEP, young: float = YOUNG) -> int:
    """Remove the oldest maps beyond `keep`, never one younger than `young` seconds;
    returns how many went."""
    with contextlib.suppress(OSError):
        # maps, and the pieces a writer killed half-way left (`.part`)
        entries = sorted((e for e in os.scandir(where) if e.is_file()),
                         key=lambda e: e.stat().st_mtime)
        now, gone = time.time(), 0
        for entry in entries[:max(0, len(entries) - keep)]:
            if now - entry.stat().st_mtime < young:
                break
            with contextlib.suppress(FileNotFoundError):
                os.unlink(entry.path)
                gone += 1
        return gone
    return 0


_shared: FileRoomMaps | None = None


def room_maps() -> FileRoomMaps:
    """The room maps of this kernel (one reader and writer per kernel)."""
    global _shared
    if _shared is None:
        _shared = FileRoomMaps()
    return _shared
