"""The append-only event store: one interface, SQLite by default or PostgreSQL by URL.

`Store` keeps the log; `Editor` is the seat edits come from (and the permission check);
`fold` turns events into a `Workshop`, and `forward` moves a known one on by new events
only (`Store.workshop_since`); `feed` wakes a waiting kernel when its workshop's log grows
(`Store.wait_for_change`). Nothing else in the kit touches the database.
A store is a SQLite file (give a path) or a PostgreSQL database (give a URL such as
``postgresql://user:password@host/db``); `backend` holds what differs between the two.

Kept for years: each event carries its kind's version and older ones are read through
`upcast` (`kinds` pins each kind's shape); the tables move between versions only through
`migrate` (Alembic); `backup` copies a store to one file and restores it on either
backend; people's names and words are held apart from the log (`personal`) so `forget`
can remove them without rewriting history.
"""

from cxwidgets.method.model import FACILITATOR
from cxwidgets.store.backend import is_url, resolve_db, to_url
from cxwidgets.store.editor import Editor
from cxwidgets.store.fold import Event
from cxwidgets.store.sql import Created, Guard, Store, WorkshopInfo

#: Modules the rest of the kit uses: the two backends, the door (pages of a workshop's
#: log), and keeping a store for years.
_MODULES = ("backend", "backup", "door", "forget", "migrate", "restore")
__all__ = ["FACILITATOR", "Created", "Editor", "Event", "Guard", "Store", "WorkshopInfo", "is_url",
           "resolve_db", "to_url", *_MODULES]
