"""A small evidence folder cut from the sample feedback, so each report takes seconds.

It keeps the real shape of one export (the help desk's tickets: UTF-8 with BOM, quoted
multi-line descriptions, the help desk's own categories) with its mapping and the tagging
rules, and every segment and product of the sample, but only a few hundred rows.
"""

from __future__ import annotations

import csv
import io
import shutil
from pathlib import Path

import pytest

from cxwidgets.resources import SAMPLE_DATA

FEEDBACK = SAMPLE_DATA / "feedback"
ROWS = 400


def small_evidence(folder: Path, rows: int = ROWS) -> Path:
    folder.mkdir(parents=True)
    for name in ("tagging.yaml", "support_tickets.mapping.yaml"):
        shutil.copy(FEEDBACK / name, folder / name)
    with (FEEDBACK / "support_tickets.csv").open(encoding="utf-8-sig", newline="") as f:
        records = list(csv.reader(f))[: rows + 1]
    text = io.StringIO()
    csv.writer(text, lineterminator="\r\n").writerows(records)
    (folder / "support_tickets.csv").write_bytes(b"\xef\xbb\xbf" + text.getvalue().encode())
    return folder


@pytest.fixture(scope="module")
def evidence(tmp_path_factory) -> Path:
    return small_evidence(tmp_path_factory.mktemp("evidence") / "feedback")
