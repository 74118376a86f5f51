"""Store version 3: people's names and words held apart from the log, so they can be
forgotten; who was forgotten; how long customers' answers are kept.

Events already in the log carry their people's words inline. Each is split once, here, as
the kit writes events from now on (`cxwidgets.store.personal`): the log keeps the entry's
shape, `cx_personal` the words, and every workshop folds exactly as before (the tests of
the stores of earlier releases hold that). A store upgraded from an older version is
therefore a store in which anyone can be forgotten without touching the log again.
"""

from __future__ import annotations

import json

import sqlalchemy as sa
from alembic import op

from cxwidgets.store import personal as p
from cxwidgets.store.pausing import pause

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def _ws_key() -> sa.Column[str]:
    return sa.Column("workshop_id", sa.String(40), sa.ForeignKey("cx_workshops.id"),
                     primary_key=True)


def upgrade() -> None:
    op.create_table("cx_personal", _ws_key(),
                    sa.Column("seq", sa.Integer, primary_key=True, autoincrement=False),
                    sa.Column("person", sa.String(80), nullable=False, index=True),
                    sa.Column("body", sa.Text, nullable=False))
    op.create_table("cx_forgotten", _ws_key(),
                    sa.Column("person", sa.String(80), primary_key=True),
                    sa.Column("why", sa.String(20), nullable=False),
                    sa.Column("at", sa.String(40), nullable=False))
    op.create_table("cx_retention", _ws_key(),
                    sa.Column("answers_until", sa.String(10), nullable=False))
    pause("migration 0003")
    _split_the_log()
    meta = sa.table("cx_meta", sa.column("key", sa.String), sa.column("value", sa.String))
    op.execute(meta.update().where(meta.c.key == "version").values(value="3"))


def _split_the_log() -> None:
    conn = op.get_bind()
    events = sa.table("cx_events", *(sa.column(c) for c in (
        "workshop_id", "seq", "author", "kind", "payload")))
    personal = sa.table("cx_personal", *(sa.column(c) for c in (
        "workshop_id", "seq", "person", "body")))
    workshops = conn.execute(sa.text("SELECT id FROM cx_workshops ORDER BY id")).scalars()
    for workshop_id in list(workshops):
        owners = p.Owners()
        rows = conn.execute(sa.select(events.c.seq, events.c.author, events.c.kind,
                                      events.c.payload)
                            .where(events.c.workshop_id == workshop_id)
                            .order_by(events.c.seq)).all()
        for seq, author, kind, body in rows:
            payload = json.loads(body)
            person = owners.person(kind, payload, author)
            kept, held = p.split(kind, payload, person)
            if held is None:
                continue
            conn.execute(events.update().where(events.c.workshop_id == workshop_id,
                                               events.c.seq == seq)
                         .values(payload=json.dumps(kept, ensure_ascii=False,
                                                    sort_keys=True)))
            conn.execute(personal.insert().values(
                workshop_id=workshop_id, seq=seq, person=person,
                body=json.dumps(held, ensure_ascii=False, sort_keys=True)))


def downgrade() -> None:
    raise NotImplementedError("restore the backup taken before the upgrade instead")
