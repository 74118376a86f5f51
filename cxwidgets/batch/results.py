"""What one report run gives back, and what the bank records of it.

An `Outcome` is what a worker (a local process or a Dask worker on another machine) sends
back: the report's files as bytes, never paths, so nothing needs a disk shared with the
client. A `RunResult` is what the bank keeps after the client has written those files into
the job's folder; `index.html` and the command's summary are drawn from it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from cxwidgets.batch.jobs import Job
from cxwidgets.export import formats

#: Files a finished run leaves in its folder: the exports the registry keeps in the bank
#: (the map's pictures, the deck), the report's tables and summary, the notebook and log.
SUMMARY, NOTEBOOK, LOG = "summary.json", "segment_report.ipynb", "run.log"
TABLES = ("metrics_touchpoints.csv", "metrics_stages.csv", "quotes.csv")
OUTPUTS = (*(f.bank_file for f in formats.in_bank()), *TABLES, SUMMARY, NOTEBOOK, LOG)
#: How a run ended. CANCELLED never reaches the bank: the client drops those outcomes.
OK, FAILED, SKIPPED, CANCELLED = "ok", "failed", "skipped", "cancelled"


@dataclass(frozen=True)
class Outcome:
    """One report as its worker made it: status, timing and every output file's bytes."""

    job: Job
    status: str
    seconds: float
    error: str = ""
    files: dict[str, bytes] = field(default_factory=dict)
    #: Which machine (and Dask worker, on a cluster) made it, for the log and the summary.
    where: str = ""


@dataclass(frozen=True)
class RunResult:
    """One report in the bank: where its files are and how its last run went."""

    job: Job
    folder: Path
    status: str
    seconds: float = 0.0
    error: str = ""
    summary: dict[str, Any] = field(default_factory=dict)
    where: str = ""
    #: How many times it was started: more than 1 when a worker stopped while making it.
    attempts: int = 1

    @property
    def ok(self) -> bool:
        return self.status != FAILED
