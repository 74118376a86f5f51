"""The commands that keep a store for years: `backup`, `restore`, `db upgrade|current`,
`forget`, and the rolling backups and upgrade that `serve` and `lab` run first.

`cxwidgets.cli` registers these with `add_parsers`, gives `serve` its backup options with
`serve_options`, and calls `prepare_store` before `serve` or `lab` opens a store. Each
command is one call into `cxwidgets.store` (`backup`, `migrate`, `forget`).
"""

from __future__ import annotations

import argparse
from collections.abc import Callable
from pathlib import Path
from typing import Any

from cxwidgets.exceptions import CxError

DbOption = Callable[[argparse.ArgumentParser], None]


def add_parsers(sub: Any, db_option: DbOption) -> None:
    b = sub.add_parser(
        "backup", help="copy a store to one file, consistently, even while a room writes",
        description="Copy the store DB (a SQLite file or a postgresql:// URL) to FILE, a "
                    "SQLite store file: SQLite's online backup, or one snapshot of every "
                    "table on PostgreSQL (no pg_dump needed). Restore it with `cxwidgets "
                    "restore`, on either kind of store.")
    b.add_argument("db", metavar="DB", help="the store: a file path or a database URL")
    b.add_argument("file", metavar="FILE", type=Path, help="the backup file to write")
    b.add_argument("--force", action="store_true", help="replace FILE if it exists")
    b.set_defaults(func=_backup)

    r = sub.add_parser(
        "restore", help="copy a backup into a new store (SQLite or PostgreSQL) and check it",
        description="Copy the backup FILE into DB, which must hold no workshop yet (a new "
                    "file, an empty PostgreSQL database), upgrading it first if it was made "
                    "by an older cxwidgets; then check every workshop folds the same.")
    r.add_argument("file", metavar="FILE", type=Path, help="a backup made by `cxwidgets "
                                                           "backup` (or any store file)")
    r.add_argument("db", metavar="DB", help="the store to restore into")
    r.set_defaults(func=_restore)

    d = sub.add_parser("db", help="the store's version: see it, upgrade it")
    actions = d.add_subparsers(dest="action", metavar="ACTION", required=True)
    up = actions.add_parser("upgrade", help="upgrade the store to this cxwidgets' version, "
                                            "after taking a backup")
    db_option(up)
    up.add_argument("--backup", type=Path, default=None, metavar="FILE",
                    help="where the backup goes (default: the store's backup folder)")
    cur = actions.add_parser("current", help="say which version the store is at")
    db_option(cur)
    d.set_defaults(func=_db)


def serve_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--backup-every", default=None, metavar="TIME",
                        help="back the store up every TIME (10m, 90s, 1h) while serving")
    parser.add_argument("--keep", type=int, default=12, metavar="N",
                        help="rolling backups kept, the newest (default: 12)")
    parser.add_argument("--backup-dir", type=Path, default=None, metavar="FOLDER",
                        help="where backups go (default: beside a store file, NAME.backups; "
                             "for a database server, in your data folder)")


def prepare_store(db: str | Path | None, backup_dir: Path | None = None) -> None:
    """Upgrade the store `serve` or `lab` is about to open when it is older than the kit,
    after backing it up (a newer store is refused, a new one left to be created)."""
    from cxwidgets.store import backup, migrate, resolve_db

    path = resolve_db(db)
    status = migrate.current(path)
    if not status.needs_upgrade:
        return
    target = None
    if backup_dir is not None:
        backup_dir.mkdir(parents=True, exist_ok=True)
        target = backup_dir / backup.stamped_name(f"before-upgrade-v{status.version}")
    done = migrate.upgrade(path, backup_to=target)
    print(f"Upgraded the store from version {done.before} to {done.after}; the store as it "
          f"was is backed up in {done.backup}")


def start_rolling(args: argparse.Namespace, db: str | Path) -> None:
    """`serve --backup-every`: rolling backups in a process of their own, which ends with
    the server."""
    if not getattr(args, "backup_every", None):
        return
    from cxwidgets.store import backup

    every = backup.parse_every(args.backup_every)
    if args.keep < 1:
        raise CxError("--keep counts the backups kept: give 1 or more")
    folder = (args.backup_dir or backup.default_folder(db)).expanduser().resolve()
    folder.mkdir(parents=True, exist_ok=True)
    backup.start_beside(db, folder, every, args.keep)
    print(f"Backups: every {args.backup_every} into {folder}, the newest {args.keep} kept")


def _backup(args: argparse.Namespace) -> int:
    from cxwidgets.store import backup, resolve_db

    done = backup.backup(resolve_db(args.db), args.file, force=args.force)
    print(f"backed up {done.workshops} workshops ({done.events} events, store version "
          f"{done.version}) to {done.path}")
    return 0


def _restore(args: argparse.Namespace) -> int:
    from cxwidgets.store import backup, resolve_db

    done = backup.restore(args.file, resolve_db(args.db))
    print(f"restored {done.workshops} workshops ({done.events} events) into {done.path}; "
          "every workshop folds the same as in the backup")
    return 0


def _db(args: argparse.Namespace) -> int:
    from cxwidgets.store import migrate, resolve_db

    path = resolve_db(args.db)
    if args.action == "current":
        status = migrate.current(path)
        print(status.text())
        return 0 if not (status.found.is_newer or status.needs_upgrade) else 1
    done = migrate.upgrade(path, backup_to=args.backup)
    if not done.after:
        print(f"{done.where} holds no store yet; nothing to upgrade")
    elif not done.changed:
        print(f"{done.where} is already at version {done.after}; nothing to do")
    else:
        print(f"upgraded {done.where} from version {done.before} to {done.after}; the "
              f"store as it was is backed up in {done.backup}")
    return 0
