"""Validation rounds from the command line and Python: open, list, close, read, export.

`cxwidgets validate new WORKSHOP` opens a round and prints the customers' link (and its QR
code in a terminal); `list` shows every round with its answers; `results` prints the
largest gaps between the room's feelings and the customers'; `close` ends a round early;
`evidence` writes a round's answers as a feedback export (CSV and its column mapping, with
source "validation") that step 2 and the segment report read like any other export. Each
is one library function here; the CLI is a thin layer over them.
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import io
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Protocol

import yaml

from cxwidgets.exceptions import CxError
from cxwidgets.method.model import ValidationRound, Workshop
from cxwidgets.method.validation import (
    DEFAULT_QUESTIONS,
    EVIDENCE_MAPPING,
    Gap,
    as_evidence,
    default_touchpoints,
    find_round,
    gaps,
    is_open,
    respondents,
)
from cxwidgets.store import Editor, Store, resolve_db

DEFAULT_DAYS = 14


def _round(workshop: Workshop, code: str) -> ValidationRound:
    found = find_round(workshop, code.upper())
    if found is None:
        known = ", ".join(r.code for r in workshop.rounds) or "none yet"
        raise CxError(f"no round {code!r} in this workshop; rounds: {known}")
    return found


def _shown(store: Store, workshop: Workshop, round_: ValidationRound) -> Workshop:
    return store.version_state(workshop.id, round_.version) if round_.version else workshop


def open_round(editor: Editor, title: str, *, version: str = "", persona: str = "",
               touchpoints: list[str] | None = None, closes: dt.date | None = None,
               consent: str = "") -> ValidationRound:
    """Open a round on `editor`'s workshop (facilitator); touchpoints by name or id,
    default: every placed one, up to twelve."""
    workshop = editor.state()
    shown = editor.store.version_state(workshop.id, version) if version else workshop
    persona_id = None
    if persona:
        persona_id = next((p.id for p in shown.personas
                           if persona in (p.id,) or persona.casefold() == p.name.casefold()),
                          None)
        if persona_id is None:
            names = ", ".join(repr(p.name) for p in shown.personas) or "none yet"
            raise CxError(f"no persona {persona!r}; personas: {names}")
    ids = default_touchpoints(shown, DEFAULT_QUESTIONS)
    if touchpoints:
        by_name = {t.name.casefold(): t.id for t in shown.touchpoints}
        known_ids = {t.id for t in shown.touchpoints}
        ids = []
        for t in touchpoints:
            tid = t if t in known_ids else by_name.get(t.casefold())
            if tid is None:
                raise CxError(f"no touchpoint {t!r} in {version or 'the map now'}")
            ids.append(tid)
    rid = editor.open_round(title, ids, closes or dt.date.today() + dt.timedelta(
        days=DEFAULT_DAYS), version, persona_id, consent)
    return next(r for r in editor.state().rounds if r.id == rid)


def results(store: Store, workshop: Workshop, code: str) -> tuple[ValidationRound, list[Gap]]:
    found = _round(workshop, code)
    return found, gaps(found, _shown(store, workshop, found), workshop)


def write_evidence(store: Store, workshop: Workshop, code: str, folder: Path) -> list[Path]:
    """The round's answers as `<code>.validation.csv` and its `.mapping.yaml` in `folder`."""
    from cxwidgets.export.inert import csv_rows  # the export package draws maps: load late

    found = _round(workshop, code)
    rows = as_evidence(found, _shown(store, workshop, found), workshop)
    if not rows:
        raise CxError(f"round {found.code} has no answers yet")
    folder.mkdir(parents=True, exist_ok=True)
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=list(rows[0]), lineterminator="\n")
    writer.writeheader()
    writer.writerows(csv_rows(rows))  # customers' words stay text in a spreadsheet
    data = folder / f"{found.code.lower()}.validation.csv"
    mapping = folder / f"{found.code.lower()}.validation.mapping.yaml"
    data.write_text(out.getvalue(), encoding="utf-8")
    mapping.write_text(yaml.safe_dump(EVIDENCE_MAPPING, sort_keys=False), encoding="utf-8")
    return [data, mapping]


# -- the command --------------------------------------------------------------------

class SeatOf(Protocol):
    """Opens the store and finds `args.workshop`: (store, workshop, the facilitator's
    editor when `facilitator`, else None). `cli._seat`."""

    def __call__(self, args: argparse.Namespace,
                 facilitator: bool = False) -> tuple[Store, Workshop, Editor | None]: ...


def add_parser(sub: argparse._SubParsersAction[argparse.ArgumentParser],
               db_option: Callable[[argparse.ArgumentParser], None], store_of: SeatOf) -> None:
    """`cxwidgets validate ...`; `store_of(args)` opens the store and finds the workshop."""
    p = sub.add_parser("validate", help="ask real customers: open a validation round, see "
                                        "what they said, close it, export it as evidence")
    vs = p.add_subparsers(dest="action", metavar="ACTION", required=True)
    n = vs.add_parser("new", help="open a round and print the customers' link")
    db_option(n)
    n.add_argument("workshop", help="workshop id or join code")
    n.add_argument("--title", default="How does your journey feel?")
    n.add_argument("--version", default="", help="named version customers see (default: "
                                                 "the map as it is now)")
    n.add_argument("--persona", default="", help="persona the round is for (name or id)")
    n.add_argument("--touchpoint", action="append", default=[],
                   help="touchpoint to ask about (repeat; default: all placed, up to 12)")
    n.add_argument("--closes", type=dt.date.fromisoformat, default=None,
                   help="closing date, YYYY-MM-DD (default: in two weeks)")
    n.add_argument("--consent", default="", help="text customers read and accept first")
    n.add_argument("--host", default=None, help="address of the workshop server, for the "
                                                "link (default: that of the `cxwidgets "
                                                "serve` running for the store)")
    n.add_argument("--port", type=int, default=None, help="port of the workshop server, for "
                                                          "the link (default: as --host)")
    for name, text in (("list", "every round of a workshop with its answers"),
                       ("results", "the largest gaps between the room and the customers"),
                       ("close", "close a round early (its answers stay)"),
                       ("evidence", "write a round's answers as a feedback export")):
        s = vs.add_parser(name, help=text)
        db_option(s)
        s.add_argument("workshop", help="workshop id or join code")
        if name != "list":
            s.add_argument("round", help="the round's code (see `cxwidgets validate list`)")
        if name == "evidence":
            s.add_argument("-o", "--output", type=Path, required=True, help="folder")
    p.set_defaults(func=lambda args: _command(args, store_of))


def _command(args: argparse.Namespace, store_of: SeatOf) -> int:
    store, workshop, editor = store_of(args, facilitator=args.action in ("new", "close"))
    if args.action == "new":
        assert editor is not None  # asked for as the facilitator, just above
        found = open_round(editor, args.title, version=args.version, persona=args.persona,
                           touchpoints=args.touchpoint, closes=args.closes,
                           consent=args.consent)
        _print_new(found, workshop.id, args)
    elif args.action == "list":
        today = dt.date.today()
        for r in workshop.rounds:
            print(f"{r.code}  {'open  ' if is_open(r, today) else 'closed'}  closes "
                  f"{r.closes}  {respondents(workshop, r.id):>4} customers  {r.title}")
        if not workshop.rounds:
            print("no rounds yet: `cxwidgets validate new` opens one")
    elif args.action == "results":
        found, rows = results(store, workshop, args.round)
        print(f"{found.title}: {respondents(workshop, found.id)} customers")
        for g in rows:
            print(f"- {g.sentence()}")
    elif args.action == "close":
        assert editor is not None  # asked for as the facilitator, just above
        editor.close_round(_round(workshop, args.round).id)
        print(f"closed round {args.round.upper()}; its answers stay")
    else:
        for path in write_evidence(store, workshop, args.round, args.output):
            print(f"wrote {path}")
    return 0


def _print_new(found: ValidationRound, workshop_id: str, args: argparse.Namespace) -> None:
    """The round and its customers' link, for the server running for the store (asked
    for its address: `cxwidgets.links`), with its QR code on a terminal."""
    # lazy: keeps `cxwidgets --help` from loading cxwidgets.links and 1 more
    from cxwidgets.links import server_address

    # lazy: keeps `cxwidgets --help` from loading cxwidgets.serve
    from cxwidgets.serve import customer_url

    address = server_address(resolve_db(args.db), args.host, args.port)
    link = customer_url(address.host, address.port, workshop_id, found.code)
    print(f"round: {found.code} ({len(found.touchpoint_ids)} touchpoints, closes "
          f"{found.closes})")
    print(f"customers' link: {link}")
    if sys.stdout.isatty():
        from cxwidgets.qr import qr_text  # heavy: segno, only when `_print_new` runs

        print(qr_text(link, color=True))
    if waiting := address.waiting(resolve_db(args.db)):
        print(f"server: {waiting}")
