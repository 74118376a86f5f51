"""Rooms merged from where they live, into a new workshop: the one call behind `cxwidgets
merge` and the facilitator's Rooms screen.

Rooms come from a store (SQLite file or PostgreSQL, by id or join code) or from JSON
exports made elsewhere (`cxwidgets export CODE -o room.json`). The consensus is checked
whole before anything is written, then saved as a new workshop with its own join code
and facilitator token; the rooms' workshops are only read.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from cxwidgets.exceptions import InvalidInput, WorkshopNotFound
from cxwidgets.method.model import NAME_MAX, Workshop
from cxwidgets.rooms.consensus import build_consensus
from cxwidgets.rooms.match import Decision, Matching, match, rooms_of
from cxwidgets.store import Created, Store

#: The largest workshop file read: a real workshop is well under a megabyte.
MAX_FILE_BYTES = 50 * 1024 * 1024


@dataclass(frozen=True)
class Merged:
    """A saved consensus: its keys, the workshop as stored, and the matches it rests on."""

    created: Created
    workshop: Workshop
    matching: Matching


def find_workshop(store: Store, ref: str) -> str:
    """A workshop id from its id or its join code."""
    if ref in {i.id for i in store.list_workshops()}:
        return ref
    try:
        return store.find_by_code(ref)
    except WorkshopNotFound:
        raise WorkshopNotFound(f"no workshop with id or join code {ref!r} in "
                               f"{store.where}") from None


def read_workshop_file(path: str | Path) -> Workshop:
    """A workshop exported as JSON; a missing, huge or broken file says which and why."""
    path = Path(path)
    try:
        size = path.stat().st_size
        if size > MAX_FILE_BYTES:
            raise InvalidInput(f"{path} is {size // 1024**2} MB: too big for a workshop file")
        text = path.read_bytes()
    except FileNotFoundError:
        raise InvalidInput(f"{path} does not exist") from None
    except IsADirectoryError:
        raise InvalidInput(f"{path} is a folder, not a workshop file") from None
    except OSError as exc:
        raise InvalidInput(f"cannot read {path}: {exc.strerror}") from exc
    try:
        return Workshop.from_json(text)
    except InvalidInput as exc:
        raise InvalidInput(f"{path} is not a workshop export ({str(exc)[:300]})") from None


def load_workshops(store: Store | None, refs: Sequence[str] = (),
                   files: Sequence[str | Path] = ()) -> list[Workshop]:
    """The rooms: workshops of `store` by id or join code, then workshop JSON files."""
    if refs and store is None:
        raise InvalidInput("workshops named by id or join code need a store to read them from")
    rooms = [store.state(find_workshop(store, r)) for r in refs] if store else []
    return rooms + [read_workshop_file(f) for f in files]


def check_title(title: str) -> str:
    title = " ".join(str(title).split())
    if not title:
        raise InvalidInput("give the consensus map a name")
    if len(title) > NAME_MAX:
        raise InvalidInput(f"the consensus map's name is too long ({len(title)} characters; "
                           f"at most {NAME_MAX})")
    return title


def merge_workshops(store: Store, workshops: Sequence[Workshop], title: str,
                    decisions: Sequence[Decision] = (), author: str = "facilitator") -> Merged:
    """Match the rooms, apply the decisions, build the consensus and save it in `store`
    as a new workshop named `title`. Nothing is written when any of that fails."""
    title = check_title(title)
    matching = match(rooms_of(workshops), decisions)
    consensus = build_consensus(matching, title)
    created = store.import_workshop(consensus, author=author)
    return Merged(created, store.state(created.id), matching)
