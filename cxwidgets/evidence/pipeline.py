"""The one way an ingested export becomes the evidence people look at.

After a file is read and its rows checked (`ingest`), the same steps follow wherever it
is read: in step 2 of the room, by `cxwidgets evidence`, and for the segment reports
(`folder.load_folder`). Each row gets its sentiment (the file's labels first, then its
score, then the text model) and the text model is checked against the labels; rows are
tagged with touchpoints and stages when there are tagging rules; and labels spelled
several ways are folded to one spelling. Doing this in one place is what makes the same
file give the same table in the room as in the analyst's report.
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from cxwidgets.evidence.figures import headline
from cxwidgets.evidence.ingest import Ingested
from cxwidgets.evidence.report import ValidationReport
from cxwidgets.evidence.sentiment import check_text_model, doubts, fill_sentiment
from cxwidgets.evidence.tagging import Tagged, TagRules, tag
from cxwidgets.evidence.tidy import tidy_labels


def score(done: Ingested, read: bool = True) -> pd.DataFrame:
    """The ingested table with every row's sentiment; the report learns how far the text
    model can be trusted on this file, and says so when it cannot. `read=False`: the text
    model reads only the rows the report checks it on (the table's text-model rows keep
    no sentiment), for callers that need only the report."""
    names = done.report.mapping.get("company_names", [])
    table = fill_sentiment(done.table, names, read)
    done.report.scores = headline(table)
    done.report.sentiment = check_text_model(table, names)
    done.report.doubts += doubts(done.report.sentiment)
    return table


def finish(table: pd.DataFrame, rules: TagRules | None,
           report: ValidationReport | None = None) -> tuple[pd.DataFrame, Tagged | None]:
    """Tag (when there are rules) and fold labels to one spelling; the report, if given,
    counts what stayed untagged and which lookup values the rules do not know."""
    tagged = tag(table, rules) if rules is not None else None
    if tagged is not None:
        table = tagged.table
        if report is not None:
            report.untagged, report.unknown = tagged.untagged, tagged.unknown
    return tidy_labels(table), tagged


@dataclass(frozen=True)
class Prepared:
    """One export, ready to look at: the table, its report and how it was tagged."""

    table: pd.DataFrame
    report: ValidationReport
    tagged: Tagged | None


def prepare(done: Ingested, rules: TagRules | None, read: bool = True) -> Prepared:
    """`score` then `finish`: one export from its ingested rows to the evidence table."""
    table, tagged = finish(score(done, read), rules, done.report)
    return Prepared(table, done.report, tagged)
