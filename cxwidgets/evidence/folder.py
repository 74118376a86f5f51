"""A folder of feedback exports, each beside its column mapping, read as one evidence table.

An analyst keeps `app_reviews.xlsx` next to `app_reviews.mapping.yaml`; one export may
have several mappings (`post_delivery_survey.mapping.yaml` for its per-touchpoint scores,
`post_delivery_survey.nps.mapping.yaml` for its NPS question: the second one does not
count the file's empty rows again). An export with no mapping beside it is read with the
guessed mapping, and its report says so and what the guess is unsure of. `tagging.yaml`
in the same folder gives the tagging rules. `load_folder` ingests every export, fills
each row's sentiment (from the file's labels, the score, or the text model, told the
mapping's company names) and checks the text model against the file's labels, tags the
whole table, and keeps each file's validation report. Reading the same unchanged folder
twice in one process costs nothing the second time.

Two things are counted, and every figure says which: *responses*, the rows of the export
files (a survey response, a review, a ticket, a post: what step 2 lists for a source),
and *answers*, the rows of the evidence table (one per question a response answered, so
a survey response with eight scored questions is eight answers). A file read with two
mappings is counted once in responses.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import pandas as pd

from cxwidgets.evidence.ingest import ingest
from cxwidgets.evidence.mapping import ColumnMapping
from cxwidgets.evidence.pipeline import finish, score
from cxwidgets.evidence.report import ValidationReport
from cxwidgets.evidence.schema import empty_table
from cxwidgets.evidence.tagging import Tagged, TagRules
from cxwidgets.exceptions import ParameterError

MAPPING_SUFFIX = ".mapping.yaml"
TAGGING = "tagging.yaml"
NOT_EXPORTS = (".yaml", ".yml", ".md", ".txt")


@dataclass(frozen=True)
class Export:
    """One export file read with one mapping (None: the mapping guessed from the file)."""

    file: Path
    mapping: Path | None

    @property
    def mapping_name(self) -> str:
        return self.mapping.name if self.mapping else "mapping guessed"


@dataclass(frozen=True)
class Evidence:
    table: pd.DataFrame
    reports: tuple[tuple[Export, ValidationReport], ...]
    tagged: Tagged | None
    rules: TagRules | None = None
    #: the export file each row of `table` came from (same index as `table`)
    file_of: pd.Series | None = None

    @property
    def files(self) -> dict[str, int]:
        """Each export file's name and the rows read from it (once per file, whatever
        number of mappings read it)."""
        return {e.file.name: r.rows_read for e, r in self.reports}

    def responses(self, table: pd.DataFrame | None = None) -> int:
        """Rows of the export files behind `table` (a selection of `self.table`; all of
        it by default): a survey response counts once, however many answers it gave."""
        table = self.table if table is None else table
        if self.file_of is None:
            return int(table["row"].nunique())
        return int(pd.MultiIndex.from_arrays(
            [self.file_of.loc[table.index], table["row"]]).nunique())

    @property
    def untagged(self) -> int:
        return self.tagged.untagged if self.tagged else int(self.table["touchpoint"].isna().sum())

    @property
    def rows_read(self) -> int:
        return sum(r.rows_read for _, r in self.reports)

    @property
    def rejected(self) -> int:
        return sum(r.rejected_count for _, r in self.reports)

    @property
    def doubts(self) -> list[str]:
        """What every file's report is unsure of, each with its file's name."""
        return [f"{e.file.name}: {d}" for e, r in self.reports for d in r.doubts]

    @property
    def unknown(self) -> dict[str, int]:
        """Touchpoint values the tagging table does not know -> rows."""
        return dict(self.tagged.unknown) if self.tagged else {}


def exports_in(folder: Path) -> list[Export]:
    """Every (export, mapping) pair in a folder, and every export with no mapping (to be
    read with a guessed one); a mapping with no export is an error."""
    folder = Path(folder)
    if not folder.is_dir():
        raise ParameterError(f"evidence folder {folder} does not exist or is not a folder")
    files = [p for p in sorted(folder.iterdir()) if p.is_file()
             and not p.name.endswith(NOT_EXPORTS) and not p.name.startswith(".")]
    pairs = []
    for mapping in sorted(folder.glob(f"*{MAPPING_SUFFIX}")):
        base = mapping.name[: -len(MAPPING_SUFFIX)].split(".")[0]
        match = [f for f in files if f.name.split(".")[0] == base]
        if not match:
            raise ParameterError(f"{mapping.name}: no export file named {base}.* beside it "
                                 f"in {folder}")
        pairs.append(Export(match[0], mapping))
    mapped = {e.file for e in pairs}
    pairs += [Export(f, None) for f in files if f not in mapped]
    if not pairs:
        raise ParameterError(f"no feedback exports in {folder}: put the exports there (CSV, "
                             "XLSX, JSON, JSON Lines or Parquet), each next to a "
                             f"<name>{MAPPING_SUFFIX} column mapping unless the guessed one "
                             "is right")
    return sorted(pairs, key=lambda e: (e.file.name, e.mapping is None,
                                        e.mapping.name if e.mapping else ""))


#: Each file's name, modification time and size: a new value when the folder changes.
Fingerprint = tuple[tuple[str, float, int], ...]


def _fingerprint(folder: Path) -> Fingerprint:
    return tuple((p.name, p.stat().st_mtime, p.stat().st_size)
                 for p in sorted(Path(folder).iterdir()) if p.is_file())


def load_folder(folder: str | Path, encoding: str | None = None) -> Evidence:
    """Ingest, tag and score every export in `folder` (cached while the folder is unchanged).

    `encoding` is the codec of every text export that has no `encoding` in its mapping
    (None or "auto": detected per file)."""
    folder = Path(folder).resolve()
    exports_in(folder)  # a missing or empty folder is named before anything is read
    return _load(folder, _fingerprint(folder), encoding)


@lru_cache(maxsize=4)
def _load(folder: Path, _fingerprint: Fingerprint,
          encoding: str | None = None) -> Evidence:
    rules = TagRules.from_yaml(folder / TAGGING) if (folder / TAGGING).is_file() else None
    known = list(rules.stages) if rules else None
    reports, tables, files, seen = [], [], [], set()
    for export in exports_in(folder):
        mapping = ColumnMapping.from_yaml(export.mapping) if export.mapping else None
        if export.file in seen and mapping is not None:
            # the file's first mapping counted its empty rows
            mapping = mapping.model_copy(update={"volume_only": False})
        seen.add(export.file)
        own = mapping.encoding if mapping is not None else None
        done = ingest(export.file, mapping, touchpoints=known, encoding=own or encoding)
        scored = score(done)
        tables.append(scored)
        files += [export.file.name] * len(scored)
        reports.append((export, done.report))
    table, tagged = finish(pd.concat(tables, ignore_index=True) if tables else empty_table(),
                           rules)
    file_of = pd.Series(pd.Categorical(files), index=pd.RangeIndex(len(files)), name="file")
    if not table.index.equals(file_of.index):  # tagging keeps rows in place: it must
        raise AssertionError("the evidence table's rows moved while it was tagged")
    return Evidence(table, tuple(reports), tagged, rules, file_of)
