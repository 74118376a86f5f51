"""nbval over every notebook in notebooks/, each cell executed in a real kernel.

The notebooks are saved without outputs, so `--nbval-lax` is the honest check: every
cell must run without error. nbval runs in its own pytest process so that the kernels
start with a store of this test's own and the notebooks' output stays in tmp_path.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import nbformat
import pytest

ROOT = Path(__file__).resolve().parent.parent
NOTEBOOKS = sorted((ROOT / "notebooks").glob("*.ipynb"))

pytestmark = pytest.mark.notebook


def test_every_notebook_is_found():
    names = {p.name for p in NOTEBOOKS}
    assert {"facilitator.ipynb", "participant.ipynb", "segment_report.ipynb"} <= names


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_notebooks_are_saved_without_outputs(path):
    nb = nbformat.read(path, as_version=4)
    assert all(not c.get("outputs") for c in nb.cells if c.cell_type == "code")
    assert nb.metadata["kernelspec"]["name"] == "python3"


def test_nbval_runs_every_notebook(tmp_path):
    work = tmp_path / "notebooks"
    shutil.copytree(ROOT / "notebooks", work, ignore=shutil.ignore_patterns("output"))
    shutil.copytree(ROOT / "sample_data", tmp_path / "sample_data")
    env = {**os.environ, "CXWIDGETS_DB": str(tmp_path / "nbval.sqlite")}
    result = subprocess.run(
        [sys.executable, "-m", "pytest", "--nbval-lax", "-p", "no:cacheprovider", "-q",
         "-o", "addopts=", "-o", "filterwarnings=", "--rootdir", str(tmp_path), str(work)],
        capture_output=True, text=True, env=env, cwd=tmp_path, timeout=600,
    )
    summary = result.stdout.strip().splitlines()[-1] if result.stdout.strip() else ""
    assert result.returncode == 0, result.stdout[-4000:] + result.stderr[-2000:]
    code_cells = sum(
        sum(c.cell_type == "code" for c in nbformat.read(p, as_version=4).cells)
        for p in NOTEBOOKS)
    passed = int(re.search(r"(\d+) passed", summary).group(1))
    assert passed == code_cells, summary
    # the facilitator notebook really opened a workshop in the store it was given
    assert (tmp_path / "nbval.sqlite").exists()
