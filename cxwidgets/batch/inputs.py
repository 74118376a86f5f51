"""What every report of a bank reads: the evidence folder, the workshop and the notebook.

On this machine they are paths. For a cluster they become one `Bundle` of bytes that the
client scatters once to every worker; each worker writes it to its own scratch folder once
(keyed by the bundle's digest) and every report it runs reads from there, so workers need
no disk shared with the client and only the installed package (the notebook travels too).
"""

from __future__ import annotations

import hashlib
import os
import shutil
import threading
import uuid
from dataclasses import dataclass
from pathlib import Path

from cxwidgets.batch.jobs import Job
from cxwidgets.exceptions import ParameterError
from cxwidgets.resources import SEGMENT_REPORT as REPORT

_MATERIALISING = threading.Lock()


@dataclass(frozen=True)
class Sources:
    """Where one run finds the notebook and its inputs, and where its files go."""

    notebook: Path
    evidence_dir: Path
    workshop_file: Path
    output_dir: Path

    def parameters(self, job: Job) -> dict[str, str]:
        """The notebook's parameters for `job` with these paths (absolute, as Papermill
        records them in the executed notebook)."""
        return {"segment": job.segment, "product": job.product,
                "evidence_dir": str(self.evidence_dir), "workshop_file": str(self.workshop_file),
                "output_dir": str(self.output_dir)}


@dataclass(frozen=True)
class Inputs:
    """What every job reads: where the evidence and the workshop are, and the notebook."""

    evidence_dir: Path
    workshop_file: Path
    notebook: Path = REPORT

    def evidence_files(self) -> list[Path]:
        if not self.evidence_dir.is_dir():
            return []
        return sorted(p for p in self.evidence_dir.rglob("*") if p.is_file())

    def files(self) -> list[Path]:
        return [self.notebook, self.workshop_file, *self.evidence_files()]

    def newest(self) -> float:
        """The latest modification time of any input: a report older than this is stale."""
        return max((p.stat().st_mtime for p in self.files() if p.exists()), default=0.0)

    def sources(self, folder: Path) -> Sources:
        """The paths as the analyst knows them, with `folder` as the report's output."""
        return Sources(self.notebook.resolve(), self.evidence_dir.resolve(),
                       self.workshop_file.resolve(), folder.resolve())

    def parameters(self, job: Job, folder: Path) -> dict[str, str]:
        return self.sources(folder).parameters(job)

    def check(self) -> None:
        """Refuse, before anything runs, inputs that every report would fail on."""
        if not self.evidence_dir.is_dir():
            raise ParameterError(f"the evidence folder {self.evidence_dir} does not exist")
        for what, path in (("workshop file", self.workshop_file), ("notebook", self.notebook)):
            if not path.is_file():
                raise ParameterError(f"the {what} {path} does not exist")

    def bundle(self) -> Bundle:
        """Every input read into memory once, to be sent to the workers of a cluster."""
        self.check()
        evidence = {p.relative_to(self.evidence_dir).as_posix(): p.read_bytes()
                    for p in self.evidence_files()}
        return Bundle.of(evidence, self.workshop_file.name, self.workshop_file.read_bytes(),
                         self.notebook.read_bytes())


@dataclass(frozen=True)
class Bundle:
    """The inputs as bytes: scattered once to the workers, written once per worker."""

    digest: str
    evidence: dict[str, bytes]
    workshop_name: str
    workshop: bytes
    notebook: bytes

    @classmethod
    def of(cls, evidence: dict[str, bytes], workshop_name: str, workshop: bytes,
           notebook: bytes) -> Bundle:
        h = hashlib.sha256()
        for name in sorted(evidence):
            h.update(f"{name}\0{len(evidence[name])}\0".encode())
            h.update(evidence[name])
        for part in (workshop_name.encode(), workshop, notebook):
            h.update(len(part).to_bytes(8, "big"))
            h.update(part)
        return cls(h.hexdigest()[:20], evidence, workshop_name, workshop, notebook)

    @property
    def size(self) -> int:
        return sum(map(len, self.evidence.values())) + len(self.workshop) + len(self.notebook)

    def materialise(self, root: Path) -> tuple[Path, Path, Path]:
        """Write the inputs under `root/<digest>/` unless a finished copy is there already;
        return the notebook, evidence folder and workshop file. Safe for the threads of one
        worker: the copy is made in a private folder and renamed into place."""
        final = root / self.digest
        paths = (final / "segment_report.ipynb", final / "evidence",
                 final / "workshop" / self.workshop_name)
        with _MATERIALISING:
            if final.is_dir():
                return paths
            work = root / f".{self.digest}.{uuid.uuid4().hex[:8]}"
            try:
                self._write(work)
                os.rename(work, final)
            finally:
                shutil.rmtree(work, ignore_errors=True)
        return paths

    def _write(self, folder: Path) -> None:
        (folder / "evidence").mkdir(parents=True)
        (folder / "workshop").mkdir()
        (folder / "segment_report.ipynb").write_bytes(self.notebook)
        (folder / "workshop" / self.workshop_name).write_bytes(self.workshop)
        for name, data in self.evidence.items():
            path = folder / "evidence" / name
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(data)
