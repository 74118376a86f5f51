"""`cxwidgets merge`: several rooms' maps of one journey into a consensus map.

A thin layer over `merge.merge_workshops`: it reads the rooms (from the store, from JSON
exports, or both), prints the suggested matches a person should check and where the
rooms disagree, and saves the consensus as a new workshop. `--decisions` takes the
facilitator's corrections from a YAML file; `--dry-run` saves nothing.
"""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

import yaml

from cxwidgets.exceptions import InvalidInput
from cxwidgets.rooms.consensus import build_consensus
from cxwidgets.rooms.disagreements import disagreements
from cxwidgets.rooms.match import KIND_WORD, KINDS, decisions_from, match, rooms_of
from cxwidgets.store import Store, resolve_db

HELP = "merge several rooms' maps of one journey into a consensus map"
DESCRIPTION = (
    "Match the stages, touchpoints and personas of several workshops of the same journey "
    "(by name, by almost the same name, by channel and stage), build one consensus map "
    "from them as a new workshop in the store, and list where the rooms disagree. The "
    "rooms' own workshops are not changed. Rooms are numbered in the order given: first "
    "the workshops of the store, then the JSON files.")
DECISIONS_HELP = (
    "YAML file of corrections to the suggested matches, e.g. 'split: [{room: 2, "
    "touchpoint: Delivery tracking in the app}]', 'rename: [{room: 1, touchpoint: Pre-sales "
    "chat, to: Chat before buying}]', 'join: [{room: 3, touchpoint: X, with_room: 1, "
    "with: Y}]'")


def add_parser(sub: Any) -> None:
    p = sub.add_parser("merge", help=HELP, description=DESCRIPTION)
    p.add_argument("workshops", nargs="*", metavar="WORKSHOP",
                   help="workshop id or join code in the store (two or more rooms in all)")
    p.add_argument("--db", default=None,
                   help="store file or PostgreSQL URL the rooms are read from and the "
                        "consensus saved to (default: $CXWIDGETS_DB or ./cxwidgets.sqlite)")
    p.add_argument("--from-json", nargs="+", action="extend", type=Path, default=[],
                   metavar="FILE", help="workshop exported elsewhere with `cxwidgets export "
                                        "CODE -o room.json`")
    p.add_argument("--decisions", type=Path, default=None, metavar="FILE", help=DECISIONS_HELP)
    p.add_argument("--dry-run", action="store_true",
                   help="show the matches and the disagreements; save nothing")
    p.add_argument("-o", "--output", required=True, metavar="NAME",
                   help="name of the consensus map (a new workshop in the store)")
    p.set_defaults(func=run)


def read_decisions(path: Path) -> dict[str, Any]:
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise InvalidInput(f"{path} does not exist") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise InvalidInput(f"cannot read {path}: {exc}") from exc
    except yaml.YAMLError as exc:
        raise InvalidInput(f"{path} is not valid YAML: {str(exc)[:300]}") from None
    if data is None:
        return {}
    if not isinstance(data, dict):
        raise InvalidInput(f"{path} must hold split:, rename: and join: lists")
    return data


def run(args: argparse.Namespace) -> int:
    # lazy: keeps `cxwidgets --help` from loading cxwidgets.keys and 1 more
    from cxwidgets import keys

    # lazy: keeps `cxwidgets --help` from loading cxwidgets.rooms.merge
    from cxwidgets.rooms.merge import check_title, load_workshops, merge_workshops

    title = check_title(args.output)
    written = read_decisions(args.decisions) if args.decisions else {}
    path = resolve_db(args.db)
    with Store(path) as store:
        workshops = load_workshops(store, args.workshops, args.from_json)
        rooms = rooms_of(workshops)
        decisions = decisions_from(rooms, written)
        matching = match(rooms, decisions)
        for line in match_lines(matching):
            print(line)
        if args.dry_run:
            found = disagreements(build_consensus(matching, title))
            print_disagreements(found)
            print("Nothing was saved (--dry-run).")
            return 0
        merged = merge_workshops(store, workshops, title, decisions)
        keys.remember(path, merged.created)
        print_disagreements(disagreements(merged.workshop))
        print(f"consensus map: {merged.workshop.title}")
        print(f"workshop: {merged.created.id}")
        print(f"join code: {merged.created.join_code}")
        print(f"facilitator token: {merged.created.token}")
        print(f"store: {store.where}")
    return 0


def match_lines(matching: Any) -> list[str]:
    """The rooms, then the suggested matches worth a look (not those of the very same
    name), then what only some rooms named."""
    lines = ["Rooms:"] + [f"  {n}. {r.label}" for n, r in
                          enumerate(matching.rooms, start=1)]
    label = {r.key: r.label for r in matching.rooms}
    pairs = matching.pairs()
    check = [p for p in pairs if not p.certain]
    lines.append(f"Matches to check ({len(check)}; {len(pairs) - len(check)} more with the "
                 "same name):")
    lines += [f"  {KIND_WORD[p.kind]}: {label[p.first.room]}: {p.first.name!r} = "
              f"{label[p.other.room]}: {p.other.name!r} ({p.reason})" for p in check]
    for kind in KINDS:
        partial = matching.partial(kind)
        if partial:
            lines.append(f"{kind.capitalize()} only some rooms named ({len(partial)}):")
            lines += [f"  {g.title!r}: {', '.join(label[r] for r in g.rooms)}"
                      for g in partial]
    return lines


def print_disagreements(found: Any) -> None:
    print(f"Where the rooms disagree ({found.count}):")
    for heading, sentences in found.sections():
        print(f"  {heading}:")
        for s in sentences or ["none"]:
            print(f"    - {s}")
