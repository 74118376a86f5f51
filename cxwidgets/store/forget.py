"""Forget a person on request, and customers' answers once their retention date passes.

`forget_participant` and `forget_customer` delete the person's words held apart from the
log (`personal`), in the workshop and in every consensus map of the store that merged it:
their entries stay in place, attributed to "a participant", with no word of theirs; with
`remove_entries` their own contributions (ratings, votes, comments, reflections, offers
to help, answers) are also taken off the map, by ordinary remove events. Their seat is
deleted (they cannot come back as themselves), every snapshot of the workshop is folded
again, and on SQLite the freed bytes are overwritten and the write-ahead log emptied, so
the name is in no table and not in the file. The log is never rewritten; backups and
exports made from now on hold nothing of them (backups made before still do: delete them
as the request requires).

A workshop may carry a date until which customers' answers are kept (`keep_answers`);
`due` lists the workshops past it, and `forget_expired` forgets every customer of those.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Connection

from cxwidgets.exceptions import InvalidInput, WorkshopNotFound
from cxwidgets.method.kinds import SPEAKS_FOR
from cxwidgets.method.model import FACILITATOR, Workshop
from cxwidgets.store import backend, personal
from cxwidgets.store import fold as f
from cxwidgets.store.sql import SNAPSHOT_EVERY
from cxwidgets.store.sql_tables import forgotten, retention, seats, snapshots
from cxwidgets.store.sql_tables import personal as words

#: Collections whose entries are a person's own say, taken off the map on request.
CONTRIBUTIONS = (*SPEAKS_FOR, "comments", "diagnosis")


@dataclass
class Forgotten:
    """What forgetting did: the people forgotten, in which workshops, and how much."""

    people: list[tuple[str, str]] = field(default_factory=list)  # (workshop id, person)
    words: int = 0
    removed: int = 0

    def add(self, other: Forgotten) -> None:
        self.people += other.people
        self.words += other.words
        self.removed += other.removed


def find_workshop(store: Any, ref: str) -> str:
    """A workshop id from its id or its join code."""
    if ref in {i.id for i in store.list_workshops()}:
        return ref
    try:
        return str(store.find_by_code(ref))
    except WorkshopNotFound:
        raise WorkshopNotFound(f"no workshop with id or join code {ref!r} in "
                               f"{store.where}") from None


def participant_id(workshop: Workshop, name: str) -> str:
    """The participant called `name` (or with that id); refused when none or several."""
    wanted = " ".join(str(name).split()).casefold()
    found = [p.id for p in workshop.participants
             if p.id == name or p.name.casefold() == wanted]
    if not found:
        raise InvalidInput(f"no participant called {name!r} in {workshop.title!r} (already "
                           "forgotten, or never there)")
    if len(found) > 1:
        raise InvalidInput(f"{len(found)} participants are called {name!r} in "
                           f"{workshop.title!r}; give the one meant by id: "
                           f"{', '.join(found)}")
    return found[0]


def forget_participant(store: Any, workshop_ref: str, name: str,
                       remove_entries: bool = False) -> Forgotten:
    workshop_id = find_workshop(store, workshop_ref)
    person = participant_id(store.state(workshop_id), name)
    done = Forgotten()
    for where, who in [(workshop_id, person), *merged_into(store, workshop_id, person)]:
        done.add(_forget(store, where, who, "participant", remove_entries))
    return done


def forget_customer(store: Any, workshop_ref: str, respondent: str,
                    remove_entries: bool = False) -> Forgotten:
    workshop_id = find_workshop(store, workshop_ref)
    workshop = store.state(workshop_id)
    if not any(a.respondent == respondent for a in workshop.answers):
        raise InvalidInput(f"no customer {respondent!r} answered in {workshop.title!r}")
    return _forget(store, workshop_id, respondent, "customer", remove_entries)


def merged_into(store: Any, workshop_id: str, person: str) -> list[tuple[str, str]]:
    """(consensus map, the person's id there) for every map of the store that merged
    the workshop `workshop_id`."""
    from cxwidgets.rooms.consensus import person_id  # heavy: numpy, only when `merged_into` runs

    out = []
    for info in store.list_workshops():
        if info.id == workshop_id:
            continue
        consensus = store.state(info.id).consensus
        for room in consensus.rooms if consensus else ():
            if room.workshop_id == workshop_id:
                out.append((info.id, person_id(room.key, person)))
    return out


def _forget(store: Any, workshop_id: str, person: str, why: str,
            remove_entries: bool) -> Forgotten:
    done = Forgotten([(workshop_id, person)])
    if remove_entries:
        done.removed = _remove_entries(store, workshop_id, person)
    now = dt.datetime.now(dt.UTC).isoformat(timespec="seconds")

    def work(conn: Connection) -> int:
        if conn.dialect.name == "sqlite":  # freed bytes are overwritten, not left behind
            conn.exec_driver_sql("PRAGMA secure_delete = ON")
        gone = conn.execute(sa.delete(words).where(words.c.workshop_id == workshop_id,
                                                   words.c.person == person)).rowcount
        conn.execute(sa.delete(seats).where(seats.c.workshop_id == workshop_id,
                                            seats.c.participant_id == person))
        conn.execute(sa.delete(snapshots).where(snapshots.c.workshop_id == workshop_id))
        backend.upsert(conn, forgotten, {"workshop_id": workshop_id, "person": person,
                                         "why": why, "at": now}, ["workshop_id", "person"],
                       ["why", "at"])
        return int(gone or 0)

    done.words = store._retrying(work)
    _snapshots_again(store, workshop_id)
    _scrub(store)
    return done


def _remove_entries(store: Any, workshop_id: str, person: str) -> int:
    """The person's own contributions taken off the map (remove events, by the
    facilitator)."""
    workshop = store.state(workshop_id)
    removed = 0
    for collection in CONTRIBUTIONS:
        for entity in getattr(workshop, collection):
            data = entity.model_dump(mode="json")
            if personal.person_of(collection, data) == person:
                store.append(workshop_id, FACILITATOR, f.REMOVE,
                             {"collection": collection, "id": entity.id})
                removed += 1
    return removed


def _snapshots_again(store: Any, workshop_id: str) -> None:
    last = store.last_seq(workshop_id)
    for seq in range(SNAPSHOT_EVERY, last + 1, SNAPSHOT_EVERY):
        store.write_snapshot(workshop_id, upto=seq)


def _scrub(store: Any) -> None:
    """On SQLite, empty the write-ahead log into the file (old pages go with it)."""
    if store.engine.dialect.name == "sqlite":
        with store.engine.connect() as conn:
            conn.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")


# -- retention --------------------------------------------------------------------------


def keep_answers(store: Any, workshop_ref: str, until: dt.date | None) -> str:
    """Keep the workshop's customers' answers until `until` (None: for as long as the
    workshop lives); the workshop's id."""
    workshop_id = find_workshop(store, workshop_ref)

    def work(conn: Connection) -> None:
        if until is None:
            conn.execute(sa.delete(retention).where(retention.c.workshop_id == workshop_id))
        else:
            backend.upsert(conn, retention, {"workshop_id": workshop_id,
                                             "answers_until": until.isoformat()},
                           ["workshop_id"], ["answers_until"])

    store._retrying(work)
    return workshop_id


@dataclass(frozen=True)
class Due:
    """A workshop whose customers' answers are past the date they were kept until."""

    workshop_id: str
    title: str
    until: dt.date
    customers: int


def retention_dates(store: Any) -> dict[str, dt.date]:
    with store._read() as conn:
        rows = conn.execute(sa.select(retention.c.workshop_id, retention.c.answers_until))
        return {w: dt.date.fromisoformat(d) for w, d in rows}


def due(store: Any, today: dt.date | None = None) -> list[Due]:
    """Workshops whose customers' answers are kept until before `today`, with customers
    not yet forgotten."""
    today = today or dt.date.today()
    out = []
    for workshop_id, until in sorted(retention_dates(store).items()):
        if until >= today:
            continue
        left = _customers_left(store, workshop_id)
        if left:
            out.append(Due(workshop_id, store.info(workshop_id).title, until, len(left)))
    return out


def _customers_left(store: Any, workshop_id: str) -> list[str]:
    with store._read() as conn:
        gone = set(conn.execute(sa.select(forgotten.c.person).where(
            forgotten.c.workshop_id == workshop_id)).scalars())
    return sorted({a.respondent for a in store.state(workshop_id).answers} - gone)


def forget_expired(store: Any, today: dt.date | None = None) -> Forgotten:
    """Forget every customer of every workshop past its retention date."""
    done = Forgotten()
    for item in due(store, today):
        for respondent in _customers_left(store, item.workshop_id):
            done.add(_forget(store, item.workshop_id, respondent, "expired", False))
    return done
