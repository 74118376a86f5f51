"""Evidence at scale: ingest + tagging + sentiment + metrics for 1,000,000 CSV rows.

The floor is a bare `pandas.read_csv(path, engine="pyarrow")` of the same file, in the
same run. Each side runs in a fresh process, so its peak memory (max RSS) is its own; the
runs alternate floor and kit, so a busy machine slows both alike. The file is generated
with a fixed seed: realistic columns, free text drawn from a few thousand sentences
(feedback repeats a lot), a few percent of messy rows. Printed: the kit's median time and
its peak memory as ratios of the floor's, against the targets (time at most 4x, peak
memory at most 2x).

Run: .venv/bin/python bench/evidence_bench.py [--rows N] [--runs K]
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

import numpy as np
import pandas as pd

#: Peak memory of the process image itself (ru_maxrss would carry the parent's peak
#: across fork and exec).
PEAK = """
def peak_mb():
    for line in open("/proc/self/status"):
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
"""

FLOOR = PEAK + """
import sys, time, json
import pandas as pd
t, cpu = time.perf_counter(), time.process_time()
frame = pd.read_csv(sys.argv[1], engine="pyarrow")
took = time.perf_counter() - t
print(json.dumps({"seconds": took, "cpu": time.process_time() - cpu, "rows": len(frame),
                  "rss_mb": peak_mb()}))
"""

KIT = PEAK + """
import sys, time, json
t0 = time.perf_counter()
from cxwidgets.evidence.ingest import ingest
from cxwidgets.evidence.metrics import metrics
from cxwidgets.evidence.sentiment import fill_sentiment
from cxwidgets.evidence.tagging import TagRules, tag
imported = time.perf_counter() - t0
t, cpu = time.perf_counter(), time.process_time()
done = ingest(sys.argv[1], sys.argv[2])
tagged = tag(done.table, TagRules.from_yaml(sys.argv[3]))
table = fill_sentiment(tagged.table)
for by in ("touchpoint", "stage", "segment", "product"):
    metrics(table, by)
took = time.perf_counter() - t
print(json.dumps({"seconds": took, "cpu": time.process_time() - cpu,
                  "rows": done.report.rows_read,
                  "accepted": done.report.accepted, "untagged": tagged.untagged,
                  "rss_mb": peak_mb()}))
"""

#: What the kit may cost against the bare read of the same file (issue 11).
TIME_TARGET, MEMORY_TARGET = 4.0, 2.0

TOUCHPOINTS = ["Courier at the door", "Ingredients and freshness", "Support phone line",
               "Checkout and payment", "Recipe cards", "Cancellation flow",
               "Delivery slot choice", "The box and its packaging"]
WORDS = ["late", "fresh", "missing", "friendly", "slow", "easy", "broken", "great",
         "confusing", "cold", "quick", "expensive", "helpful", "soggy", "tasty", "rude"]


def make_file(path: Path, rows: int, seed: int = 7) -> None:
    rng = np.random.default_rng(seed)
    sentences = [" ".join(rng.choice(WORDS, 6)) + f" about the box, week {k}"
                 for k in range(3000)]
    days = pd.Timestamp("2026-01-01") + pd.to_timedelta(rng.integers(0, 300, rows), "D")
    frame = pd.DataFrame({
        "ResponseId": np.arange(rows),
        "Date": days.strftime("%Y-%m-%d"),
        "Segment": rng.choice(["Busy parents", "Students", "Retired couples",
                               "Young professionals"], rows),
        "Product": rng.choice(["Classic box", "Family box", "Veggie box"], rows),
        "Topic": rng.choice(TOUCHPOINTS, rows),
        "Rating": rng.integers(1, 6, rows),
        "Comment": rng.choice(sentences, rows),
    })
    frame.loc[rng.random(rows) < 0.02, "Rating"] = 9  # out of range
    frame.loc[rng.random(rows) < 0.02, "Comment"] = ""
    frame.to_csv(path, index=False)


def run(code: str, *args: str) -> dict:
    done = subprocess.run([sys.executable, "-c", code, *args], capture_output=True,
                          text=True, check=True)
    return json.loads(done.stdout.strip().splitlines()[-1])


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument("--runs", type=int, default=3)
    opts = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        data = folder / "feedback.csv"
        make_file(data, opts.rows)
        mapping = folder / "feedback.mapping.yaml"
        mapping.write_text("columns: {id: ResponseId, timestamp: Date, segment: Segment, "
                           "product: Product, touchpoint: Topic, score: Rating, "
                           "text: Comment}\nconstants: {source: survey}\n"
                           "score_type: rating\n")
        rules = folder / "tagging.yaml"
        rules.write_text("stages:\n" + "".join(f"  {t}: Stage {k % 4}\n"
                                               for k, t in enumerate(TOUCHPOINTS)))
        floors, kits = [], []
        for _ in range(opts.runs):
            floors.append(run(FLOOR, str(data)))
            kits.append(run(KIT, str(data), str(mapping), str(rules)))
        size_mb = data.stat().st_size / 1024**2
    floor = statistics.median(f["seconds"] for f in floors)
    kit = statistics.median(k["seconds"] for k in kits)
    floor_mb = statistics.median(f["rss_mb"] for f in floors)
    kit_mb = statistics.median(k["rss_mb"] for k in kits)
    print(f"{opts.rows:,} rows, {size_mb:.0f} MB CSV, median of {opts.runs} runs")
    print(f"floor: pandas.read_csv(engine='pyarrow')   {floor:6.2f} s   peak {floor_mb:6.0f} MB")
    print(f"kit: ingest + tag + sentiment + metrics    {kit:6.2f} s   peak {kit_mb:6.0f} MB")
    cpu = statistics.median(k["cpu"] for k in kits) / statistics.median(
        f["cpu"] for f in floors)
    print(f"time   {kit / floor:5.2f}x floor (target at most {TIME_TARGET:g}x); processor "
          f"time {cpu:4.2f}x, which a busy machine disturbs less")
    print(f"memory {kit_mb / floor_mb:5.2f}x floor (target at most {MEMORY_TARGET:g}x)")
    last = kits[-1]
    print(f"     accepted {last['accepted']:,} of {last['rows']:,}; untagged {last['untagged']:,}")


if __name__ == "__main__":
    main()
