"""Store version 1, as release 0.1.0 made it (before the kit used migrations).

A store of that release has these tables and no `cx_alembic_version`; upgrading it starts
here, which only adds the tables an even older store lacks (seats, joins, presence were
added beside the log over time) and the meta rows. The tables are written out as they
were then: `cxwidgets.store.sql_tables` describes the newest version, not this one.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


def _tables() -> list[tuple[str, list[sa.schema.SchemaItem]]]:
    def ws_key() -> sa.Column[str]:
        return sa.Column("workshop_id", sa.String(40), sa.ForeignKey("cx_workshops.id"),
                         primary_key=True)

    return [
        ("cx_meta", [sa.Column("key", sa.String(40), primary_key=True),
                     sa.Column("value", sa.String(200), nullable=False)]),
        ("cx_workshops", [
            sa.Column("id", sa.String(40), primary_key=True),
            sa.Column("join_code", sa.String(12), nullable=False, unique=True),
            sa.Column("token_hash", sa.String(64), nullable=False),
            sa.Column("title", sa.String(200), nullable=False),
            sa.Column("created_at", sa.String(40), nullable=False),
            sa.Column("last_seq", sa.Integer, nullable=False, server_default="0")]),
        ("cx_events", [
            ws_key(), sa.Column("seq", sa.Integer, primary_key=True, autoincrement=False),
            sa.Column("ts", sa.String(40), nullable=False),
            sa.Column("author", sa.String(80), nullable=False),
            sa.Column("kind", sa.String(40), nullable=False),
            sa.Column("payload", sa.Text, nullable=False)]),
        ("cx_snapshots", [
            ws_key(), sa.Column("seq", sa.Integer, primary_key=True, autoincrement=False),
            sa.Column("state", sa.Text, nullable=False)]),
        ("cx_seats", [
            ws_key(), sa.Column("participant_id", sa.String(40), primary_key=True),
            sa.Column("secret_hash", sa.String(64), nullable=False)]),
        ("cx_joins", [
            ws_key(), sa.Column("participant_id", sa.String(40), primary_key=True),
            sa.Column("page", sa.String(40), nullable=False, index=True),
            sa.Column("at", sa.Float, nullable=False)]),
        ("cx_presence", [
            ws_key(), sa.Column("participant_id", sa.String(40), primary_key=True),
            sa.Column("page", sa.String(40), primary_key=True),
            sa.Column("seen", sa.Float, nullable=False)]),
    ]


def upgrade() -> None:
    there = set(sa.inspect(op.get_bind()).get_table_names())
    for name, columns in _tables():
        if name not in there:
            op.create_table(name, *columns)
    meta = sa.table("cx_meta", sa.column("key", sa.String), sa.column("value", sa.String))
    rows = dict(op.get_bind().execute(sa.select(meta.c.key, meta.c.value)).all())
    for key, value in (("format", "cxwidgets-store"), ("version", "1")):
        if key not in rows:
            op.bulk_insert(meta, [{"key": key, "value": value}])


def downgrade() -> None:
    raise NotImplementedError("a store is never taken below its first version")
