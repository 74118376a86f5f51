"""The commands that keep a store for years: `backup`, `restore`, `db upgrade|current`,
`forget`, and the rolling backups and upgrade that `serve` and `lab` run first.

`cxwidgets.cli` registers these with `add_parsers`, gives `serve` its backup options with
`serve_options`, and calls `prepare_store` before `serve` or `lab` opens a store. Each
command is one call into `cxwidgets.store` (`backup`, `migrate`, `forget`).
"""

from __future__ import annotations

import argparse
import datetime as dt
from collections.abc import Callable
from pathlib import Path
from typing import Any

from cxwidgets.exceptions import CxError
from cxwidgets.store import Store, resolve_db

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

    fg = sub.add_parser(
        "forget", help="forget a participant or a customer on request, or customers' "
                       "answers past their retention date",
        description="Remove a person's name and words from the store, its snapshots, and "
                    "every backup and export made from now on (backups made before keep "
                    "them: delete those as the request requires). Their entries stay on "
                    "the map, attributed to 'a participant', unless --remove-entries.")
    db_option(fg)
    fg.add_argument("workshop", nargs="?", help="workshop id or join code")
    who = fg.add_mutually_exclusive_group(required=True)
    who.add_argument("--participant", metavar="NAME", help="the participant's name (or id)")
    who.add_argument("--customer", metavar="ID", help="the customer's respondent id (c-...)")
    who.add_argument("--expired", action="store_true",
                     help="every customer of every workshop past its retention date")
    fg.add_argument("--remove-entries", action="store_true",
                    help="also take the person's ratings, votes, comments, reflections, "
                         "offers and answers off the map")
    fg.set_defaults(func=_forget)

    rt = sub.add_parser("retain", help="keep a workshop's customer answers until a date "
                                       "(`cxwidgets bank` lists what is due, `forget "
                                       "--expired` forgets it)")
    db_option(rt)
    rt.add_argument("workshop", help="workshop id or join code")
    rt.add_argument("--answers-until", required=True, metavar="DATE",
                    help="YYYY-MM-DD, or 'always' to keep them for as long as the workshop")
    rt.set_defaults(func=_retain)


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
    # lazy: keeps `cxwidgets --help` from loading cxwidgets.store.backup and 3 more
    from cxwidgets.store import backup, migrate

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
    # lazy: keeps `cxwidgets --help` from loading cxwidgets.store.backup and 2 more
    from cxwidgets.store import backup

    every = backup.parse_every(args.backup_every)
    if args.keep < 1:
        raise CxError("--keep counts the backups kept: give 1 or more")
    folder = (args.backup_dir or backup.default_folder(db)).expanduser().resolve()
    folder.mkdir(parents=True, exist_ok=True)
    backup.start_beside(db, folder, every, args.keep)
    print(f"Backups: every {args.backup_every} into {folder}, the newest {args.keep} kept")


def _backup(args: argparse.Namespace) -> int:
    # lazy: keeps `cxwidgets --help` from loading cxwidgets.store.backup and 2 more
    from cxwidgets.store import backup

    done = backup.backup(resolve_db(args.db), args.file, force=args.force)
    print(f"backed up {done.workshops} workshops ({done.events} events, store version "
          f"{done.version}) to {done.path}")
    return 0


def _restore(args: argparse.Namespace) -> int:
    # lazy: keeps `cxwidgets --help` from loading cxwidgets.store.restore and 4 more
    from cxwidgets.store import restore

    done = restore.restore(args.file, resolve_db(args.db))
    print(f"restored {done.workshops} workshops ({done.events} events) into {done.path}; "
          "every workshop folds the same as in the backup")
    return 0


def _db(args: argparse.Namespace) -> int:
    # lazy: keeps `cxwidgets --help` from loading cxwidgets.store.migrate
    from cxwidgets.store import migrate

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


def _store(args: argparse.Namespace) -> Any:
    return Store(resolve_db(args.db))


def _forget(args: argparse.Namespace) -> int:
    # lazy: keeps `cxwidgets --help` from loading cxwidgets.store.forget
    from cxwidgets.store import forget

    with _store(args) as store:
        if args.expired:
            if args.workshop:
                raise CxError("--expired forgets across the whole store: give no workshop")
            done = forget.forget_expired(store)
            print(f"forgot {len(done.people)} customers past their retention date "
                  f"({done.words} answers' words)")
            return 0
        if not args.workshop:
            raise CxError("name the workshop (its id or join code)")
        if args.participant:
            done = forget.forget_participant(store, args.workshop, args.participant,
                                             args.remove_entries)
            what = "the participant"
        else:
            done = forget.forget_customer(store, args.workshop, args.customer,
                                          args.remove_entries)
            what = "the customer"
    maps = len({w for w, _ in done.people})
    print(f"forgot {what} in {maps} workshop{'s' if maps > 1 else ''}: {done.words} "
          f"entries' words withdrawn, {done.removed} entries removed; their entries now "
          "read 'a participant'. Backups made before today still hold them")
    return 0


def _retain(args: argparse.Namespace) -> int:
    # lazy: keeps `cxwidgets --help` from loading cxwidgets.store.forget
    from cxwidgets.store import forget

    text = args.answers_until.strip().lower()
    try:
        until = None if text == "always" else dt.date.fromisoformat(text)
    except ValueError:
        raise CxError(f"--answers-until {args.answers_until!r}: give a date as YYYY-MM-DD, "
                      "or 'always'") from None
    with _store(args) as store:
        workshop_id = forget.keep_answers(store, args.workshop, until)
    print(f"customers' answers in {workshop_id} are kept "
          f"{'for as long as the workshop' if until is None else f'until {until}'}")
    return 0


def due_text(store: Any) -> str:
    """The bank's lines on customers' answers past their retention date ("" for none)."""
    # lazy: keeps `cxwidgets --help` from loading cxwidgets.store.forget
    from cxwidgets.store import forget

    items = forget.due(store)
    if not items:
        return ""
    lines = ["", "Customers' answers past their retention date (`cxwidgets forget "
                 "--expired` forgets them):"]
    for item in items:
        lines.append(f"  {item.title[:40]:<40} kept until {item.until}: {item.customers} "
                     "customers")
    return "\n".join(lines)
