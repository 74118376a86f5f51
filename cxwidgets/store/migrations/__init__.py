"""The store's migrations (Alembic): `versions/` holds one file per store version.

They run only through `cxwidgets.store.migrate`, which backs the store up first and runs
them all in one transaction.
"""
