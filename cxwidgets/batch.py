"""Run the per-segment report notebook for many segments: the analyst's bank of journeys.

Each run is a plain Papermill execution in its own process (Papermill's `cwd` is
process-wide), so the executed notebooks can be rerun with the `papermill` command.
"""

from __future__ import annotations

import os
from concurrent.futures import ProcessPoolExecutor, as_completed
from dataclasses import dataclass
from pathlib import Path

from cxwidgets.serve import NOTEBOOKS

REPORT = NOTEBOOKS / "segment_report.ipynb"
TIMEOUT_S = 300


@dataclass(frozen=True)
class RunResult:
    segment: str
    product: str
    notebook: Path
    error: str = ""

    @property
    def ok(self) -> bool:
        return not self.error


def run_one(segment: str, product: str, data_path: Path, output_dir: Path) -> RunResult:
    import papermill as pm

    out = output_dir / f"{_slug(segment)}__{_slug(product)}"
    out.mkdir(parents=True, exist_ok=True)
    notebook = out / "segment_report.ipynb"
    try:
        pm.execute_notebook(
            str(REPORT), str(notebook), kernel_name="python3", cwd=str(NOTEBOOKS),
            execution_timeout=TIMEOUT_S, progress_bar=False,
            parameters={"segment": segment, "product": product,
                        "data_path": str(data_path.resolve()), "output_dir": str(out.resolve())},
        )
    except pm.PapermillExecutionError as exc:
        return RunResult(segment, product, notebook, f"cell {exc.exec_count}: {exc.evalue}")
    return RunResult(segment, product, notebook)


def run_segments(segments: list[str], product: str, data_path: Path, output_dir: Path,
                 workers: int | None = None) -> list[RunResult]:
    """Run every segment; a failing segment is reported and does not stop the others."""
    workers = max(1, min(workers or os.cpu_count() or 1, len(segments)))
    with ProcessPoolExecutor(max_workers=workers) as pool:
        futures = [pool.submit(run_one, s, product, data_path, output_dir) for s in segments]
        return [future.result() for future in as_completed(futures)]


def _slug(text: str) -> str:
    return "".join(c if c.isalnum() or c in "-_" else "-" for c in text.lower())[:60] or "x"
