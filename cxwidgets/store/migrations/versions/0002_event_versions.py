"""Store version 2: every event carries its kind's payload version, every snapshot the
event schema it was folded at.

Events and snapshots already there were written at version 1 of every kind, which the
columns' default says. Release 0.1.0 refuses a store of version 2 (it reads only 1), so
no kit reads these events without knowing their versions.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from cxwidgets.store.pausing import pause

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column("cx_events", sa.Column("version", sa.Integer, nullable=False,
                                         server_default="1"))
    pause("migration 0002")
    op.add_column("cx_snapshots", sa.Column("schema", sa.Integer, nullable=False,
                                            server_default="1"))
    meta = sa.table("cx_meta", sa.column("key", sa.String), sa.column("value", sa.String))
    op.execute(meta.update().where(meta.c.key == "version").values(value="2"))


def downgrade() -> None:
    raise NotImplementedError("restore the backup taken before the upgrade instead")
