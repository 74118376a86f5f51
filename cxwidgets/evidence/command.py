"""The `cxwidgets evidence` command: check a feedback file and print its validation report.

A thin layer over `ingest`: what to check before trusting the figures, rows read, accepted
(volume-only among them), rejected (with reasons and row numbers), untagged (and the
touchpoint values the tagging table does not know), where the sentiment came from and how
far the text model agrees with the file's labels, warnings and the column mapping used
with the decisions behind a guess, as text or JSON. Exits 0 whenever some rows of the file
could be used, even with rejected rows. A file that cannot be read at all, or a mapping
that does not fit it, raises a CxError that `cxwidgets.cli.main` prints as one line on
stderr with exit status 2; so does a file read whole with no row accepted (after its
report, which says why each row was rejected).
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path

from cxwidgets.exceptions import EvidenceError

#: The default of --max-mb; the same limit as `readers.DEFAULT_MAX_BYTES` (a test keeps them
#: equal), written out so that building the `cxwidgets` parser does not import pandas.
DEFAULT_MAX_MB = 512


def add_parser(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]
               ) -> argparse.ArgumentParser:
    """Add `evidence` to the `cxwidgets` command's subcommands."""
    p = subparsers.add_parser(
        "evidence", help="check a customer-feedback file (CSV, XLSX, JSON, JSON Lines, "
                         "Parquet): rows accepted and rejected, and the column mapping used",
        description="Read a feedback export, map its columns (guessed unless --mapping is "
                    "given) and check every row. Prints how many rows were read, accepted "
                    "and rejected (with row numbers and reasons) and the mapping used, which "
                    "you can save as YAML, correct, and pass back with --mapping.")
    p.add_argument("file", type=Path, help="the feedback file")
    p.add_argument("--mapping", type=Path, default=None,
                   help="column mapping YAML file (default: guessed from the column names)")
    p.add_argument("--sheet", default=None, help="worksheet of an XLSX file (default: first)")
    p.add_argument("--format", default=None, dest="file_format",
                   choices=["csv", "xlsx", "json", "jsonl", "parquet"],
                   help="read the file as this format (default: from its name and content)")
    p.add_argument("--encoding", default=None,
                   help="the file's encoding (utf-8, cp1252, latin-1 ...; default: detected "
                        "on the whole file, and named in the report)")
    p.add_argument("--max-mb", type=float, default=DEFAULT_MAX_MB,
                   help="refuse files bigger than this many megabytes (default: %(default)g)")
    p.add_argument("--tagging", type=Path, default=None,
                   help="tagging rules YAML (default: tagging.yaml beside the file, if any); "
                        "counts the rows no touchpoint could be found for")
    p.add_argument("--json", action="store_true", help="print the report as JSON")
    p.set_defaults(func=run)
    return p


def run(args: argparse.Namespace) -> int:
    """Ingest the file and print its report; CxError propagates to the caller."""
    from cxwidgets.evidence.ingest import ingest  # heavy: pandas, only when `run` runs
    from cxwidgets.evidence.pipeline import prepare  # heavy: pandas, only when `run` runs

    rules = args.tagging or args.file.parent / "tagging.yaml"
    tagging = None
    if args.tagging or rules.is_file():
        from cxwidgets.evidence.tagging import TagRules  # heavy: pandas, only when `run` runs

        tagging = TagRules.from_yaml(rules)
    result = ingest(args.file, args.mapping, sheet=args.sheet, format=args.file_format,
                    max_bytes=int(args.max_mb * 1024**2), encoding=args.encoding,
                    touchpoints=list(tagging.stages) if tagging else None)
    # only the report is printed: the text model reads just the rows it is checked on
    report = prepare(result, tagging, read=False).report
    if args.json:
        print(json.dumps(report.to_dict(), indent=2, ensure_ascii=False))
    else:
        print(report.to_text(), end="")
    if report.accepted == 0:
        why = ("it has no rows under its header" if report.rows_read == 0 else
               "its only row was rejected" if report.rows_read == 1 else
               f"all {report.rows_read:,} of its rows were rejected")
        why += " (the report says why)" if report.rows_read else ""
        fix = ("" if report.mapping else "; no column was recognised: write a column mapping "
               "and pass it with --mapping")
        raise EvidenceError(f"nothing in {report.file} can be used: {why}{fix}")
    return 0
