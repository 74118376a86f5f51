"""The store's tables, in SQLAlchemy Core so SQLite and PostgreSQL share one definition.

Events are append-only: rows are inserted, never updated or deleted. Seats hold a hash of
each participant's secret, so a returning browser can take its seat again; the secret is
never in the events, which everyone's screens read. `workshops.last_seq`
is the counter that hands out gap-free sequence numbers; bumping it is the first write
of every append, so it is also the lock that orders concurrent writers.

Two tables sit beside the log and are not part of any workshop's history: `cx_joins`
records when each seat was made and from which page (the door's limits count it, under
the same lock: `door`), and `cx_presence` when each participant page was last seen open
(`presence`).

The tables change only through the migrations in `cxwidgets/store/migrations` (Alembic),
one per store version: `REVISIONS` names them in order, the newest is `HEAD`, and a store
records the one it is at in `cx_alembic_version`. A store of an older version is
upgraded by `cxwidgets db upgrade` (and by `serve` and `lab`, after a backup); opening
one is refused until then, and so is a store of a newer version than the kit knows.
Each event row carries the version of its kind's payload (`payloads`), each snapshot the
event schema it was folded at.
"""

from __future__ import annotations

import sqlalchemy as sa

STORE_FORMAT = "cxwidgets-store"
#: The migrations, oldest first; a store's version is the number of its revision.
REVISIONS = ("0001", "0002", "0003")
HEAD = REVISIONS[-1]
STORE_VERSION = int(HEAD)
#: Where Alembic keeps the revision a store is at.
VERSION_TABLE = "cx_alembic_version"

metadata = sa.MetaData()

meta = sa.Table(
    "cx_meta",
    metadata,
    sa.Column("key", sa.String(40), primary_key=True),
    sa.Column("value", sa.String(200), nullable=False),
)

workshops = sa.Table(
    "cx_workshops",
    metadata,
    sa.Column("id", sa.String(40), primary_key=True),
    sa.Column("join_code", sa.String(12), nullable=False, unique=True),
    sa.Column("token_hash", sa.String(64), nullable=False),
    sa.Column("title", sa.String(200), nullable=False),
    sa.Column("created_at", sa.String(40), nullable=False),
    sa.Column("last_seq", sa.Integer, nullable=False, server_default="0"),
)

events = sa.Table(
    "cx_events",
    metadata,
    sa.Column("workshop_id", sa.String(40), sa.ForeignKey("cx_workshops.id"), primary_key=True),
    sa.Column("seq", sa.Integer, primary_key=True, autoincrement=False),
    sa.Column("ts", sa.String(40), nullable=False),
    sa.Column("author", sa.String(80), nullable=False),
    sa.Column("kind", sa.String(40), nullable=False),
    sa.Column("payload", sa.Text, nullable=False),
    #: the version of its kind's payload it was written at (`payloads.VERSIONS`)
    sa.Column("version", sa.Integer, nullable=False, server_default="1"),
)

snapshots = sa.Table(
    "cx_snapshots",
    metadata,
    sa.Column("workshop_id", sa.String(40), sa.ForeignKey("cx_workshops.id"), primary_key=True),
    sa.Column("seq", sa.Integer, primary_key=True, autoincrement=False),
    sa.Column("state", sa.Text, nullable=False),
    #: the event schema it was folded at (`payloads.schema()`): an older one is folded again
    sa.Column("schema", sa.Integer, nullable=False, server_default="1"),
)

seats = sa.Table(
    "cx_seats",
    metadata,
    sa.Column("workshop_id", sa.String(40), sa.ForeignKey("cx_workshops.id"), primary_key=True),
    sa.Column("participant_id", sa.String(40), primary_key=True),
    sa.Column("secret_hash", sa.String(64), nullable=False),
)

joins = sa.Table(
    "cx_joins",
    metadata,
    sa.Column("workshop_id", sa.String(40), sa.ForeignKey("cx_workshops.id"), primary_key=True),
    sa.Column("participant_id", sa.String(40), primary_key=True),
    #: the participant page (one kernel) the seat was made from; "" for a script's seat
    sa.Column("page", sa.String(40), nullable=False, index=True),
    #: seconds since the epoch, by the clock of the kernel that made the seat
    sa.Column("at", sa.Float, nullable=False),
)

presence = sa.Table(
    "cx_presence",
    metadata,
    sa.Column("workshop_id", sa.String(40), sa.ForeignKey("cx_workshops.id"), primary_key=True),
    sa.Column("participant_id", sa.String(40), primary_key=True),
    sa.Column("page", sa.String(40), primary_key=True),
    #: seconds since the epoch when the page last said it was open
    sa.Column("seen", sa.Float, nullable=False),
)

personal = sa.Table(
    "cx_personal",
    metadata,
    sa.Column("workshop_id", sa.String(40), sa.ForeignKey("cx_workshops.id"), primary_key=True),
    #: the event whose words these are (`personal`)
    sa.Column("seq", sa.Integer, primary_key=True, autoincrement=False),
    #: whose words: a participant's or customer's id; forgetting them deletes the row
    sa.Column("person", sa.String(80), nullable=False, index=True),
    sa.Column("body", sa.Text, nullable=False),
)

forgotten = sa.Table(
    "cx_forgotten",
    metadata,
    sa.Column("workshop_id", sa.String(40), sa.ForeignKey("cx_workshops.id"), primary_key=True),
    #: the id of the person forgotten (never a name)
    sa.Column("person", sa.String(80), primary_key=True),
    #: "participant", "customer", or "expired" (customers' answers past retention)
    sa.Column("why", sa.String(20), nullable=False),
    sa.Column("at", sa.String(40), nullable=False),
)

retention = sa.Table(
    "cx_retention",
    metadata,
    sa.Column("workshop_id", sa.String(40), sa.ForeignKey("cx_workshops.id"), primary_key=True),
    #: customers' answers are kept until this day (ISO date), then forgotten
    sa.Column("answers_until", sa.String(10), nullable=False),
)

alembic_version = sa.Table(
    VERSION_TABLE,
    metadata,
    sa.Column("version_num", sa.String(32), nullable=False),
    sa.PrimaryKeyConstraint("version_num", name=f"{VERSION_TABLE}_pkc"),
)
