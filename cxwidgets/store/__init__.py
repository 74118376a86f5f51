"""The append-only event store: one interface, SQLite by default or PostgreSQL by URL.

`Store` keeps the log; `Editor` is the seat edits come from (and the permission check);
`fold` turns events into a `Workshop`. Nothing else in the kit touches the database.
"""

from cxwidgets.store.editor import FACILITATOR, Editor
from cxwidgets.store.fold import Event
from cxwidgets.store.sql import Created, Store, WorkshopInfo

__all__ = ["FACILITATOR", "Created", "Editor", "Event", "Store", "WorkshopInfo"]
