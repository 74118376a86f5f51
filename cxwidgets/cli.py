"""The `cxwidgets` command: a thin layer over library functions.

Everything a subcommand does is one call into the package, so Python users get the same
behaviour with the same arguments. Expected failures print one clear line to stderr and
exit with status 2; nothing here prints a traceback for a user's mistake.
"""

from __future__ import annotations

import argparse
import dataclasses
import json
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from cxwidgets.evidence import command as evidence_command
from cxwidgets.exceptions import (
    BatchInterrupted,
    CxError,
    ParameterError,
    TargetExists,
    WorkshopNotFound,
)
from cxwidgets.export import formats
from cxwidgets.language import LANGUAGES

if TYPE_CHECKING:  # the commands import what they use when they run
    from cxwidgets.batch import RunResult
    from cxwidgets.links import WorkshopLinks
    from cxwidgets.method.model import Workshop
    from cxwidgets.settings import Settings
    from cxwidgets.store import Editor, Store

DEFAULT_PORT = 8866


def main(argv: Sequence[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    # `evidence` is run on file after file: build only its parser, so the command does not
    # pay for importing the store, the rooms and the rounds it never uses
    parser = _evidence_parser() if argv[:1] == ["evidence"] else _parser()
    args = parser.parse_args(argv)
    if not getattr(args, "func", None):
        parser.print_help()
        return 0
    try:
        return int(args.func(args) or 0)
    except TargetExists as exc:  # the library's words name `force=True`: say the option
        print(f"cxwidgets {args.command}: {exc.path} already exists; pass --force to "
              "overwrite it (nothing was written)", file=sys.stderr)
        return 2
    except CxError as exc:
        print(f"cxwidgets {args.command}: {exc}", file=sys.stderr)
        return 2


def _evidence_parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="cxwidgets")
    evidence_command.add_parser(p.add_subparsers(dest="command", metavar="COMMAND"))
    return p


def _parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(
        prog="cxwidgets",
        description="Customer-journey-mapping workshop kit: serve the workshop apps, create "
                    "workshops, run per-segment reports, export workshops.")
    sub = p.add_subparsers(dest="command", metavar="COMMAND")

    def db_option(sp: argparse.ArgumentParser) -> None:
        sp.add_argument("--db", default=None,
                        help="store file or database URL (default: $CXWIDGETS_DB, else "
                             "workshops.sqlite in your data folder)")

    s = sub.add_parser("serve", help="start Voila with the facilitator and participant apps")
    db_option(s)
    s.add_argument("--port", type=int, default=DEFAULT_PORT)
    s.add_argument("--host", default="127.0.0.1",
                   help="address to listen on (default: this computer only; 0.0.0.0 lets "
                        "phones and laptops on the same network join)")
    s.add_argument("--sample", action="store_true",
                   help="create the sample workshop first when the store has none")
    s.add_argument("--config", type=Path, default=None,
                   help="settings file (TOML; default: cxwidgets.toml in your configuration "
                        "folder, when there is one)")
    _setting_options(s)
    s.add_argument("--room-size", type=int, default=0, metavar="N",
                   help="participants expected: start a kernel for each of them before "
                        "they arrive, so a whole room joins at once without waiting")
    from cxwidgets import keeping  # lazy: keeps `cxwidgets evidence` from loading cxwidgets.keeping

    keeping.serve_options(s)  # --backup-every, --keep, --backup-dir
    s.set_defaults(func=_serve)

    lab = sub.add_parser("lab", help="start JupyterLab on copies of the kit's notebooks, "
                                     "for the facilitator's own screen")
    db_option(lab)
    lab.add_argument("--port", type=int, default=8888)
    lab.add_argument("--folder", type=Path, default=None,
                     help="working folder for the notebooks (default: notebooks in your "
                          "data folder); copies already there are kept")
    lab.add_argument("--no-browser", action="store_true",
                     help="do not open a browser (print the link only)")
    lab.set_defaults(func=_lab)

    n = sub.add_parser("new", help="create a workshop; prints its join code, token and its "
                                   "facilitator and participant links")
    db_option(n)
    n.add_argument("--title", help="workshop title")
    n.add_argument("--scope", default="", help="product, service or segment covered")
    n.add_argument("--language", default="en", choices=sorted(LANGUAGES),
                   help="the language the room's screens and the exports speak (participants "
                        "may pick their own when they join); default en")
    n.add_argument("--sample", action="store_true", help="start from the sample workshop")
    n.add_argument("--template", metavar="NAME",
                   help="start from an industry journey to adapt ("
                        + ", ".join(_template_names()) + ", or a YAML file of your own)")
    n.add_argument("--from-evidence", metavar="DIR", type=Path, default=None,
                   help="start from a draft built from a folder of feedback exports: its "
                        "stages, touchpoints, feelings and pain points")
    _address_options(n)
    n.set_defaults(func=_new)

    lk = sub.add_parser("link", help="print a workshop's links (facilitator, participants, "
                                     "customers of open rounds) and QR codes, for the "
                                     "workshop server running for its store")
    db_option(lk)
    lk.add_argument("workshop", help="workshop id or join code")
    _address_options(lk)
    lk.set_defaults(func=_link)

    r = sub.add_parser(
        "run", help="make the bank of journeys: the segment report for many segments",
        description="Run notebooks/segment_report.ipynb with Papermill for every segment and "
                    "product asked for, side by side (here, or on a Dask cluster), and write "
                    "an index.html of the results.")
    r.add_argument("--segment", action="append", default=[],
                   help="segment to report on (repeat for several)")
    r.add_argument("--product", action="append", default=[],
                   help="product (repeat for several; default: all products together)")
    r.add_argument("--jobs", type=Path, default=None,
                   help="YAML file listing jobs (jobs: [{segment, product}] or segments/products)")
    r.add_argument("--all", action="store_true",
                   help="every segment and product found in the evidence (and the rows "
                        "with no segment)")
    r.add_argument("--evidence", type=Path, default=None,
                   help="folder of feedback exports with their .mapping.yaml files "
                        "(default: the sample feedback)")
    r.add_argument("--workshop", type=Path, default=None,
                   help="workshop JSON the draft maps start from (default: the sample)")
    r.add_argument("-o", "--output", type=Path, default=Path("output"))
    r.add_argument("--workers", type=int, default=None,
                   help="parallel runs on this computer (default: cores)")
    r.add_argument("--cluster", default=None, metavar="ADDRESS",
                   help="make the reports on a Dask cluster: its scheduler's address "
                        "(tcp://host:8786) or scheduler file; the bank is written here")
    r.add_argument("--force", action="store_true", help="rerun jobs whose outputs are current")
    r.set_defaults(func=_run)

    e = sub.add_parser("export", help="write a workshop, or its journey map, to a file")
    db_option(e)
    e.add_argument("workshop", help="workshop id or join code")
    e.add_argument("--format", choices=["json", "schema", *formats.FORMATS], default=None,
                   help="json (the workshop, to import elsewhere), schema, " + ", ".join(
                       f"{f.name} ({f.short})" for f in formats.FORMATS.values())
                   + ". Default: from the file name, else json")
    e.add_argument("--all", action="store_true",
                   help="write every format (" + ", ".join(f.name for f in formats.in_all())
                        + ") into the folder given by -o, named after the workshop")
    e.add_argument("--template", type=Path, default=None, metavar="DECK.pptx",
                   help="a PowerPoint file whose layouts and theme the deck (pptx) uses")
    e.add_argument("--version", default=None, help="named version to export")
    e.add_argument("--persona", default=None,
                   help="persona (id or name) the map is drawn for; default: the first agreed")
    e.add_argument("--colour-by", default="channel", choices=["channel", "owner", "sentiment"],
                   help="what the touchpoint colours show on the map")
    e.add_argument("--paper", default="A3", type=str.upper, choices=["A3", "A2", "A1", "A0"],
                   help="the sheet a png or pdf map is printed on, landscape (default: A3; "
                        "a png has 300 pixels per inch of it)")
    e.add_argument("-o", "--output", type=Path, required=True)
    e.add_argument("--force", action="store_true", help="overwrite an existing file")
    e.set_defaults(func=_export)

    evidence_command.add_parser(sub)
    # lazy: `cxwidgets evidence` builds only its own parser, without the rooms
    from cxwidgets.rooms import command as rooms_command

    rooms_command.add_parser(sub)

    # lazy: `cxwidgets evidence` builds only its own parser, without the rounds
    from cxwidgets import rounds

    rounds.add_parser(sub, db_option, _seat)

    ls = sub.add_parser("list", help="list the workshops in a store")
    db_option(ls)
    ls.set_defaults(func=_list)

    b = sub.add_parser("bank", help="the bank of journey maps in a store: each map's state, "
                                    "next review, versions and open or late actions")
    db_option(b)
    b.add_argument("--json", action="store_true", help="print the bank as JSON")
    b.set_defaults(func=_bank)
    # backup, restore, db upgrade|current, forget: keeping a store for years
    keeping.add_parsers(sub, db_option)
    return p


def _template_names() -> list[str]:
    """The names `new --template` takes: the files of templates/journeys (as
    `cxwidgets.starters.names()` lists them, without importing the model to say so)."""
    # lazy: keeps `cxwidgets evidence` from loading cxwidgets.resources
    from cxwidgets.resources import JOURNEYS

    return sorted(p.stem for p in JOURNEYS.glob("*.yaml"))


def _store(args: argparse.Namespace) -> tuple[str | Path, Store]:
    # lazy: keeps `cxwidgets evidence` from loading the store and SQLAlchemy
    from cxwidgets.store import Store, resolve_db

    path = resolve_db(args.db)
    return path, Store(path)


def _setting_options(parser: argparse.ArgumentParser) -> None:
    """One option per tunable, made from its declaration (cxwidgets.settings)."""
    # lazy: keeps `cxwidgets evidence` from loading the settings (pydantic-settings)
    from cxwidgets.settings import Settings

    for name, field in Settings.model_fields.items():
        kind: type[int | float | str] = (int if field.annotation is int else
                                         float if field.annotation is float else str)
        parser.add_argument("--" + name.replace("_", "-"), dest=f"setting_{name}",
                            type=kind, default=None, metavar=kind.__name__.upper(),
                            help=f"{field.description} (default: {field.default})")


def _settings(args: argparse.Namespace) -> Settings:
    # lazy: keeps `cxwidgets evidence` from loading the settings (pydantic-settings)
    from cxwidgets.settings import Settings

    given = {k.removeprefix("setting_"): v for k, v in vars(args).items()
             if k.startswith("setting_")}
    return Settings.load(args.config, **given)


def _serve(args: argparse.Namespace) -> int:
    # lazy: keeps `cxwidgets evidence` from loading the store and SQLAlchemy
    from cxwidgets import keys

    # lazy: keeps `cxwidgets evidence` from loading cxwidgets.lab and 1 more
    from cxwidgets.lab import announce, store_name

    # lazy: keeps `cxwidgets evidence` from loading the settings (pydantic-settings)
    from cxwidgets.links import Address, workshop_links

    # lazy: keeps `cxwidgets evidence` from loading the store and SQLAlchemy
    from cxwidgets.sample import create_sample

    # lazy: keeps `cxwidgets evidence` from loading the settings (pydantic-settings)
    from cxwidgets.serve import LOOPBACK, check_port, exec_voila, link_host

    # lazy: keeps `cxwidgets evidence` from loading the store and SQLAlchemy
    from cxwidgets.store.backend import to_url, where

    settings = _settings(args)
    if args.room_size < 0:
        raise CxError("--room-size counts participants: give 0 or more")
    if args.room_size and not settings.preheat:
        raise CxError("--room-size keeps kernels warm for the room: it needs --preheat "
                      "above 0 (or left out)")
    # a port in use would make Voila listen elsewhere than every link printed below
    check_port(args.host, args.port)
    from cxwidgets import keeping  # lazy: keeps `cxwidgets evidence` from loading cxwidgets.keeping

    keeping.prepare_store(args.db, args.backup_dir)  # an older store: back up, upgrade
    path, store = _store(args)
    if args.sample and not store.list_workshops():
        create_sample(store, path)
    known = keys.recall_all(path)
    mine = [i for i in store.list_workshops() if i.id in known]
    print(f"Store: {where(to_url(path))}")
    if mine:
        info = mine[-1]
        print(f"Workshop: {info.title} (join code {info.join_code})")
        address = Address(link_host(args.host), args.port, running=True)
        _print_links(workshop_links(path, info.id, address, known[info.id]))
        if len(mine) > 1:
            print(f"Links of the other {len(mine) - 1} workshops: `cxwidgets link CODE` "
                  "(codes: `cxwidgets list`).")
    else:
        print("No workshop with a saved facilitator token: create one with `cxwidgets new`.")
    if args.host in LOOPBACK:
        print("Only this computer can open these links; to let participants join from their "
              "phones, serve with --host 0.0.0.0 on the workshop's network.")
    store.close()
    # for `cxwidgets lab`: the facilitator's page there shows the link and QR code too
    announce(store_name(path), link_host(args.host), args.port)
    keeping.start_rolling(args, path)
    exec_voila(path, args.port, args.host, settings, room_size=args.room_size)
    return 0  # pragma: no cover - exec does not return


def _lab(args: argparse.Namespace) -> int:
    # lazy: keeps `cxwidgets evidence` from loading cxwidgets.keeping
    from cxwidgets.keeping import prepare_store

    # lazy: keeps `cxwidgets evidence` from loading cxwidgets.lab and 1 more
    from cxwidgets.lab import default_folder, exec_lab, prepare, running_server, store_name

    # lazy: keeps `cxwidgets evidence` from loading the store and SQLAlchemy
    from cxwidgets.store.backend import to_url, where

    prepare_store(args.db)  # an older store: back up, upgrade
    path, store = _store(args)
    store.close()
    ready = prepare((args.folder or default_folder()).expanduser().resolve())
    print(f"Store: {where(to_url(path))}")
    print(f"Notebooks: {ready.folder}")
    for name in ready.kept:
        print(f"  kept your copy of {name} (the kit's own is untouched)")
    if running_server(store_name(path)) is None:
        print("No workshop server is running for this store: start `cxwidgets serve` too, "
              "and the facilitator's page shows the participants' link and QR code.")
    exec_lab(ready.folder, path, args.port, open_browser=not args.no_browser)
    return 0  # pragma: no cover - exec does not return


def _print_qr(url: str) -> None:
    """The QR code of `url`, drawn when a person is looking (stdout is a terminal)."""
    if sys.stdout.isatty():
        from cxwidgets.qr import qr_text  # heavy: segno, only when `_print_qr` runs

        print(qr_text(url, color=True))


def _address_options(parser: argparse.ArgumentParser) -> None:
    """--host and --port of the server the links are for (default: the one running)."""
    parser.add_argument("--host", default=None,
                        help="address of the workshop server, for the links (default: that "
                             "of the `cxwidgets serve` running for the store, else "
                             "127.0.0.1)")
    parser.add_argument("--port", type=int, default=None,
                        help="port of the workshop server, for the links (default: that of "
                             f"the `cxwidgets serve` running for the store, else "
                             f"{DEFAULT_PORT})")


def _print_links(links: WorkshopLinks) -> None:
    """A workshop's links, one a line, each QR code under its link on a terminal."""
    if links.facilitator:
        print(f"facilitator link: {links.facilitator}")
    else:
        print("facilitator link: not on this machine (the facilitator's token is saved only "
              "where the workshop was created)")
    print(f"participant link: {links.participant}")
    _print_qr(links.participant)
    for c in links.customers:
        print(f"customers' link, round {c.code} (open until {c.closes}): {c.url}")
        _print_qr(c.url)


def _link(args: argparse.Namespace) -> int:
    # lazy: keeps `cxwidgets evidence` from loading the settings (pydantic-settings)
    from cxwidgets.links import server_address, workshop_links

    path, store = _store(args)
    workshop = _workshop_to_export(argparse.Namespace(**{**vars(args), "version": None}))
    store.close()
    address = server_address(path, args.host, args.port)
    if not address.running and args.host is None and args.port is None:
        raise CxError("no workshop server is running for this store: start it with "
                      f"`cxwidgets serve --db {path}` (the links name the address it "
                      "really listens on), or give the --host and --port it will use")
    links = workshop_links(path, workshop.id, address)
    print(f"workshop: {links.title} (join code {links.join_code})")
    print(f"server: {address.url}" + ("" if address.running else " (not running)"))
    _print_links(links)
    return 0


def _new(args: argparse.Namespace) -> int:
    # lazy: keeps `cxwidgets evidence` from loading the store and SQLAlchemy
    from cxwidgets import keys

    # lazy: keeps `cxwidgets evidence` from loading the settings (pydantic-settings)
    from cxwidgets.links import server_address, workshop_links

    # lazy: keeps `cxwidgets evidence` from loading the store and SQLAlchemy
    from cxwidgets.sample import create_sample

    # lazy: keeps `cxwidgets evidence` from loading the store and SQLAlchemy
    from cxwidgets.store.backend import to_url, where

    if sum(map(bool, (args.sample, args.template, args.from_evidence))) > 1:
        raise CxError("choose one of --sample, --template and --from-evidence")
    path, store = _store(args)
    if args.sample:
        created = create_sample(store, path)
    elif args.template or args.from_evidence:
        journey = _starting_journey(args)
        if args.scope:
            journey = journey.model_copy(update={"scope": args.scope})
        created = store.import_workshop(journey)
        keys.remember(path, created)
    else:
        if not args.title:
            raise CxError("give a --title (or --sample, --template NAME to start from an "
                          "industry journey, or --from-evidence DIR)")
        created = store.create_workshop(args.title, scope=args.scope, language=args.language)
        keys.remember(path, created)
    if store.state(created.id).language != args.language:  # a sample or a template
        # lazy: keeps `cxwidgets evidence` from loading the store and SQLAlchemy
        from cxwidgets.store import Editor

        Editor.facilitator(store, created.id, created.token).update_workshop(
            language=args.language)
    print(f"workshop: {created.id}")
    print(f"join code: {created.join_code}")
    print(f"facilitator token: {created.token}")
    print(f"store: {where(to_url(path))}")
    address = server_address(path, args.host, args.port)
    _print_links(workshop_links(path, created.id, address, created.token))
    if waiting := address.waiting(path):
        print(f"server: {waiting}")
    return 0


def _starting_journey(args: argparse.Namespace) -> Workshop:
    """The journey a new workshop starts from: a template, or a draft from the evidence."""
    if args.template:
        # lazy: keeps `cxwidgets evidence` from loading the method's model (pydantic)
        from cxwidgets import starters

        journey = starters.load(args.template).workshop(args.title)
        print(f"started from the {args.template} journey: {len(journey.stages)} stages, "
              f"{len(journey.touchpoints)} touchpoints, {len(journey.pain_points)} pain "
              "points to adapt")
        return journey
    # heavy: pandas, only when `_starting_journey` runs
    from cxwidgets.evidence.draft import workshop_from_folder

    try:
        journey = workshop_from_folder(args.from_evidence, args.title)
    except ParameterError as exc:
        raise CxError(f"--from-evidence: {exc}") from exc
    print(f"drafted from the evidence in {args.from_evidence}: {len(journey.stages)} stages, "
          f"{len(journey.touchpoints)} touchpoints, feelings on "
          f"{len({e.touchpoint_id for e in journey.emotions})} of them and "
          f"{len(journey.pain_points)} pain points to check with the room")
    return journey


def _run(args: argparse.Namespace) -> int:
    from tqdm import tqdm  # heavy: tqdm, only when `_run` runs

    # lazy: keeps `cxwidgets evidence` from loading cxwidgets.batch and 6 more
    from cxwidgets.batch import FAILED, SKIPPED, Inputs, jobs_from, jobs_from_yaml, run_batch

    # lazy: keeps `cxwidgets evidence` from loading cxwidgets.resources
    from cxwidgets.resources import SAMPLE_FEEDBACK, SAMPLE_WORKSHOP

    inputs = Inputs(args.evidence or SAMPLE_FEEDBACK, args.workshop or SAMPLE_WORKSHOP)
    jobs = jobs_from(args.segment or (["all"] if args.product else []), args.product)
    if args.jobs:
        jobs += jobs_from_yaml(args.jobs)
    if args.all:  # segments only, products only, both or neither; "(no segment)" too
        # lazy: keeps `cxwidgets evidence` from loading cxwidgets.batch and 6 more
        from cxwidgets.batch import Job
        from cxwidgets.segment_report import report_jobs  # heavy: altair, only when `_run` runs

        jobs += [Job(s, p) for s, p in report_jobs(inputs.evidence_dir)]
    if jobs:  # a misspelt segment is refused here, not in its kernel after seconds of work
        from cxwidgets.segment_report import check_jobs  # heavy: altair, only when `_run` runs

        inputs.check()
        check_jobs(inputs.evidence_dir, [(j.segment, j.product) for j in jobs])
    bar = tqdm(total=len(set(jobs)), unit="report", desc="Bank of journeys", file=sys.stderr)

    def done(result: RunResult) -> None:
        bar.update()
        bar.set_postfix_str(f"{result.job.segment} / {result.job.product}: {result.status}")

    try:
        results = run_batch(jobs, inputs, args.output, workers=args.workers, force=args.force,
                            progress=done, cluster=args.cluster)
    except BatchInterrupted as exc:
        bar.close()
        print(f"cxwidgets run: {exc}", file=sys.stderr)
        return 130
    finally:
        bar.close()
    for r in results:
        word = {FAILED: "FAIL", SKIPPED: "skip"}.get(r.status, "ok  ")
        detail = r.error if r.status == FAILED else (
            "up to date" if r.status == SKIPPED else f"{r.seconds:.1f} s")
        if r.where:
            detail += f" (made on {r.where})" if r.status == FAILED else f" on {r.where}"
        if r.attempts > 1:
            detail += f", started {r.attempts} times: a worker stopped while making it"
        print(f"{word} {r.job.segment} / {r.job.product}: {detail}  ({r.folder})")
    print(f"Bank of journeys: {args.output / 'index.html'}")
    return 0 if all(r.ok for r in results) else 1


def _export(args: argparse.Namespace) -> int:
    # lazy: keeps `cxwidgets evidence` from loading the method's model (pydantic)
    from cxwidgets.method.model import json_schema

    out: Path = args.output
    if args.all:
        return _export_all(args)
    found = formats.by_suffix(out.suffix) if out.suffix else None
    fmt = args.format or (found.name if found else "json")
    if fmt in formats.FORMATS:
        # heavy: pandas, only when `_export` runs
        from cxwidgets.export.workshop import export_workshop

        store, ws = _store_and_workshop(args)
        for path in export_workshop(ws, out, fmt, persona_id=_persona_id(ws, args.persona),
                                    colour_by=args.colour_by, force=args.force,
                                    paper=args.paper,
                                    version_of=_version_of(store, ws.id),
                                    template=args.template):
            print(f"wrote {path}")
        return 0
    if out.exists() and not args.force:
        raise CxError(f"{out} already exists; pass --force to overwrite it")
    if not out.parent.is_dir():
        raise CxError(f"folder {out.parent} does not exist")
    if fmt == "schema":
        text = json.dumps(json_schema(), indent=2)
    else:
        text = _workshop_to_export(args).to_json()
    try:
        out.write_text(text + "\n", encoding="utf-8")
    except OSError as exc:
        raise CxError(f"cannot write {out}: {exc.strerror}") from exc
    print(f"wrote {out}")
    return 0


def _export_all(args: argparse.Namespace) -> int:
    """Every format of the registry's `--all` set into the folder `-o` names."""
    from cxwidgets.export.workshop import export_all  # heavy: pandas, only when `_export_all` runs

    if args.format:
        raise CxError("--all writes every format: leave out --format")
    folder: Path = args.output
    if folder.exists() and not folder.is_dir():
        raise CxError(f"{folder} is a file: --all writes a folder of files; give a folder")
    store, ws = _store_and_workshop(args)
    folder.mkdir(parents=True, exist_ok=True)
    for path in export_all(ws, folder, formats.file_base(ws.title),
                           persona_id=_persona_id(ws, args.persona), colour_by=args.colour_by,
                           force=args.force, version_of=_version_of(store, ws.id),
                           template=args.template):
        print(f"wrote {path}")
    return 0


def _version_of(store: Store, workshop_id: str) -> Callable[[str], Workshop]:
    """Loads a named version of the workshop (the to-be map, a round's version)."""
    return lambda name: store.version_state(workshop_id, name)


def _seat(args: argparse.Namespace,
          facilitator: bool = False) -> tuple[Store, Workshop, Editor | None]:
    """(store, workshop, editor) for `args.workshop`; the editor is the facilitator's,
    with the token saved on this machine, when `facilitator` (else None)."""
    # lazy: keeps `cxwidgets evidence` from loading the store and SQLAlchemy
    from cxwidgets import keys

    # lazy: keeps `cxwidgets evidence` from loading the store and SQLAlchemy
    from cxwidgets.store import Editor

    path, store = _store(args)
    workshop = _workshop_to_export(argparse.Namespace(**{**vars(args), "version": None}))
    editor = None
    if facilitator:
        token = keys.recall(path, workshop.id)
        if not token:
            raise CxError("the facilitator token of this workshop is not saved on this "
                          "machine; run this where the workshop was created")
        editor = Editor.facilitator(store, workshop.id, token)
    return store, workshop, editor


def _workshop_to_export(args: argparse.Namespace) -> Workshop:
    return _store_and_workshop(args)[1]


def _store_and_workshop(args: argparse.Namespace) -> tuple[Store, Workshop]:
    _, store = _store(args)
    ids = {i.id for i in store.list_workshops()}
    workshop_id = args.workshop if args.workshop in ids else None
    if workshop_id is None:
        try:
            workshop_id = store.find_by_code(args.workshop)
        except WorkshopNotFound:
            raise WorkshopNotFound(
                f"no workshop with id or join code {args.workshop!r}") from None
    return store, (store.version_state(workshop_id, args.version) if args.version
                   else store.state(workshop_id))


def _persona_id(workshop: Workshop, wanted: str | None) -> str | None:
    """A persona given by id, by name (case-blind) or by the start of one name ("Sam" for
    "Sam, the busy parent"); unknown or ambiguous ones are listed."""
    if not wanted:
        return None
    for p in workshop.personas:
        if wanted in (p.id,) or wanted.casefold() == p.name.casefold():
            return p.id
    starting = [p for p in workshop.personas
                if p.name.casefold().startswith(wanted.casefold().strip())]
    if len(starting) == 1:
        return starting[0].id
    known = ", ".join(repr(p.name) for p in starting or workshop.personas) or "none yet"
    which = "several personas' names start with" if starting else "no persona"
    raise CxError(f"{which} {wanted!r} in this workshop; personas: {known}")


def _list(args: argparse.Namespace) -> int:
    path, store = _store(args)
    rows = store.list_workshops()
    if not rows:
        print(f"no workshops in {path}")
    for i in rows:
        print(f"{i.id}  {i.join_code}  {i.last_seq:>6} events  {i.title}")
    return 0


def _bank(args: argparse.Namespace) -> int:
    # lazy: keeps `cxwidgets evidence` from loading the method's model (pydantic)
    from cxwidgets.bank import bank_of, bank_text

    # lazy: keeps `cxwidgets evidence` from loading cxwidgets.keeping
    from cxwidgets.keeping import due_text

    _path, store = _store(args)
    with store:
        rows = bank_of(store)
        due = due_text(store)  # customers' answers past their retention date
    if args.json:
        print(json.dumps([{**dataclasses.asdict(r), "state": r.state} for r in rows],
                         default=str, indent=2))
    else:
        print(bank_text(rows) + due)
    return 0


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
