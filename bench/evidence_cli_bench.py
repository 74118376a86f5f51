"""`cxwidgets evidence` on an ordinary export against a Python process reading it with pandas.

The file is a 4 MB complaints export shaped like a regulator's public one (from
sample_data/make_real_shaped_exports.py, fixed seed): long narratives on about a quarter of
the rows, a company's canned responses, channels and products. The floor is a fresh
Python process that imports pandas and reads the file (`pandas.read_csv`); the kit is a
fresh `python -m cxwidgets evidence FILE` that reads, guesses and checks the mapping,
gives each row its sentiment and prints the report. Both start from nothing, so start-up
counts on both sides; runs alternate so a busy machine slows both alike. Printed: the
medians and the ratio, against the target (at most 2x), and where the kit's time goes.

Run: .venv/bin/python bench/evidence_cli_bench.py [--rows N] [--runs K]
"""

from __future__ import annotations

import argparse
import importlib.util
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TARGET = 2.0
FLOOR = "import sys, pandas as pd; pd.read_csv(sys.argv[1])"
STEPS = """
import sys, time
t = time.perf_counter()
from cxwidgets.evidence.ingest import ingest
from cxwidgets.evidence.pipeline import prepare
imported = time.perf_counter()
done = ingest(sys.argv[1])
read = time.perf_counter()
report = prepare(done, None, read=False).report  # as the command does
scored = time.perf_counter()
report.to_text()
print(f"{imported - t:.2f} {read - imported:.2f} {scored - read:.2f}")
"""


def _generator():
    spec = importlib.util.spec_from_file_location(
        "make_real_shaped_exports", ROOT / "sample_data" / "make_real_shaped_exports.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def timed(args: list[str]) -> float:
    started = time.perf_counter()
    subprocess.run(args, check=True, stdout=subprocess.DEVNULL, cwd=ROOT)
    return time.perf_counter() - started


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rows", type=int, default=13_000)
    parser.add_argument("--runs", type=int, default=5)
    opts = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "complaints.csv"
        _generator().consumer_complaints(rows=opts.rows).to_csv(path, index=False)
        floors, kits = [], []
        for _ in range(opts.runs):
            floors.append(timed([sys.executable, "-c", FLOOR, str(path)]))
            kits.append(timed([sys.executable, "-m", "cxwidgets", "evidence", str(path)]))
        steps = subprocess.run([sys.executable, "-c", STEPS, str(path)], check=True,
                               capture_output=True, text=True, cwd=ROOT).stdout.split()
        size = path.stat().st_size / 1024**2
    floor, kit = statistics.median(floors), statistics.median(kits)
    print(f"{opts.rows:,} rows, {size:.1f} MB CSV, median of {opts.runs} runs each")
    print(f"floor: python + pandas.read_csv         {floor:5.2f} s  (spread "
          f"{min(floors):.2f}-{max(floors):.2f})")
    print(f"kit:   python -m cxwidgets evidence     {kit:5.2f} s  (spread "
          f"{min(kits):.2f}-{max(kits):.2f})")
    print(f"ratio  {kit / floor:4.2f}x floor (target at most {TARGET:g}x)")
    print(f"kit's steps: imports {steps[0]} s, read + guess + check {steps[1]} s, "
          f"sentiment {steps[2]} s")


if __name__ == "__main__":
    main()
