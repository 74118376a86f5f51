"""Which participant pages are open on which seat, so the facilitator sees two browsers
on one seat.

Copying another participant's saved seat makes you them: the seat's secret is the proof,
by design, so the store cannot tell the copy from the person and refuses neither. What
it can do is show it. Each participant page notes itself here (its seat, its random page
id, when it was last seen) from the polling it already does, every
`Settings.presence_every` seconds; the facilitator's page asks which seats had two or
more pages seen lately (`crowded`).

A note is one small upsert in a table of its own, never an event: an event would wake
every page in the room and stay in the workshop's history for good. Nor does it bump the
workshop's `last_seq`: on PostgreSQL it never waits for, or holds up, an edit; on SQLite
it is one short write among the others. The seat's pages not seen for `FORGET_S` are
deleted in the same transaction, so the table stays the size of the room.
"""

from __future__ import annotations

import sqlalchemy as sa
from sqlalchemy.engine import Connection

from cxwidgets.store import backend
from cxwidgets.store.sql_tables import presence

#: Seconds after which a page that stopped noting itself is forgotten.
FORGET_S = 3600.0


def note(conn: Connection, workshop_id: str, participant_id: str, page: str,
         now: float) -> None:
    """Page `page` of this seat is open at `now`."""
    backend.upsert(conn, presence, {"workshop_id": workshop_id,
                                    "participant_id": participant_id, "page": page,
                                    "seen": now},
                   keys=("workshop_id", "participant_id", "page"), changes=("seen",))
    conn.execute(sa.delete(presence).where(
        presence.c.workshop_id == workshop_id, presence.c.participant_id == participant_id,
        presence.c.seen < now - FORGET_S))


def crowded(conn: Connection, workshop_id: str, since: float) -> dict[str, int]:
    """Seats with two or more pages seen after `since`: participant id -> pages."""
    pages = sa.func.count().label("pages")
    rows = conn.execute(sa.select(presence.c.participant_id, pages).where(
        presence.c.workshop_id == workshop_id, presence.c.seen > since)
        .group_by(presence.c.participant_id).having(sa.func.count() > 1)).all()
    return {str(seat): int(n) for seat, n in rows}
