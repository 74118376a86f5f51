"""Alembic's entry point for the store's migrations, run by `cxwidgets.store.migrate`.

The kit hands Alembic a connection already inside the one transaction the whole upgrade
runs in (`migrate.upgrade`), so a migration stopped half-way (a crash, kill -9) leaves the
store as it was. Run on its own (`alembic` with an ini naming this folder), it opens
`sqlalchemy.url` itself.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import context

from cxwidgets.store.sql_tables import VERSION_TABLE, metadata

config = context.config


def run(connection: sa.engine.Connection) -> None:
    context.configure(connection=connection, target_metadata=metadata,
                      version_table=VERSION_TABLE, render_as_batch=True,
                      transactional_ddl=True)
    with context.begin_transaction():
        context.run_migrations()


given = config.attributes.get("connection")
if given is not None:
    run(given)
else:  # pragma: no cover - the alembic command line
    engine = sa.create_engine(config.get_main_option("sqlalchemy.url") or "")
    with engine.begin() as conn:
        run(conn)
