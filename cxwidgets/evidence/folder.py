"""A folder of feedback exports, each beside its column mapping, read as one evidence table.

An analyst keeps `app_reviews.xlsx` next to `app_reviews.mapping.yaml`; one export may
have several mappings (`post_delivery_survey.mapping.yaml` for its per-touchpoint scores,
`post_delivery_survey.nps.mapping.yaml` for its NPS question). `tagging.yaml` in the same
folder gives the tagging rules. `load_folder` ingests every pair, tags and scores the
sentiment of the whole table, and keeps each file's validation report. Reading the same
unchanged folder twice in one process costs nothing the second time.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import pandas as pd

from cxwidgets.evidence.ingest import ingest
from cxwidgets.evidence.report import ValidationReport
from cxwidgets.evidence.schema import empty_table
from cxwidgets.evidence.sentiment import fill_sentiment
from cxwidgets.evidence.tagging import Tagged, TagRules, tag
from cxwidgets.evidence.tidy import tidy_labels
from cxwidgets.exceptions import ParameterError

MAPPING_SUFFIX = ".mapping.yaml"
TAGGING = "tagging.yaml"
NOT_EXPORTS = (".yaml", ".yml", ".md", ".txt")


@dataclass(frozen=True)
class Export:
    """One export file read with one mapping."""

    file: Path
    mapping: Path


@dataclass(frozen=True)
class Evidence:
    table: pd.DataFrame
    reports: tuple[tuple[Export, ValidationReport], ...]
    tagged: Tagged | None

    @property
    def untagged(self) -> int:
        return self.tagged.untagged if self.tagged else int(self.table["touchpoint"].isna().sum())

    @property
    def rows_read(self) -> int:
        return sum(r.rows_read for _, r in self.reports)

    @property
    def rejected(self) -> int:
        return sum(r.rejected_count for _, r in self.reports)


def exports_in(folder: Path) -> list[Export]:
    """Every (export, mapping) pair in a folder; a mapping with no export is an error."""
    folder = Path(folder)
    if not folder.is_dir():
        raise ParameterError(f"evidence folder {folder} does not exist or is not a folder")
    files = [p for p in sorted(folder.iterdir()) if p.is_file()
             and not p.name.endswith(NOT_EXPORTS)]
    pairs = []
    for mapping in sorted(folder.glob(f"*{MAPPING_SUFFIX}")):
        base = mapping.name[: -len(MAPPING_SUFFIX)].split(".")[0]
        match = [f for f in files if f.name.split(".")[0] == base]
        if not match:
            raise ParameterError(f"{mapping.name}: no export file named {base}.* beside it "
                                 f"in {folder}")
        pairs.append(Export(match[0], mapping))
    if not pairs:
        raise ParameterError(f"no feedback exports in {folder}: put each export next to a "
                             f"<name>{MAPPING_SUFFIX} column mapping")
    return pairs


def _fingerprint(folder: Path) -> tuple[tuple[str, float, int], ...]:
    return tuple((p.name, p.stat().st_mtime, p.stat().st_size)
                 for p in sorted(Path(folder).iterdir()) if p.is_file())


def load_folder(folder: str | Path) -> Evidence:
    """Ingest, tag and score every export in `folder` (cached while the folder is unchanged)."""
    folder = Path(folder).resolve()
    exports_in(folder)  # a missing or empty folder is named before anything is read
    return _load(folder, _fingerprint(folder))


@lru_cache(maxsize=4)
def _load(folder: Path, _fingerprint: tuple) -> Evidence:
    reports, tables = [], []
    for export in exports_in(folder):
        done = ingest(export.file, export.mapping)
        reports.append((export, done.report))
        tables.append(done.table)
    table = pd.concat(tables, ignore_index=True) if tables else empty_table()
    tagged = None
    if (folder / TAGGING).is_file():
        tagged = tag(table, TagRules.from_yaml(folder / TAGGING))
        table = tagged.table
    return Evidence(fill_sentiment(tidy_labels(table)), tuple(reports), tagged)
