"""Participant app start-up: navigation to first interactive widget, in a real Chromium.

The floor is a bare Voila notebook holding one `Text` widget, served the same way and
measured in the same run. Both servers run the same Voila flags as `cxwidgets serve`.

Run: .venv/bin/python bench/startup_bench.py [--runs N]
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

import nbformat

from cxwidgets.sample import create_sample
from cxwidgets.serve import voila_command
from cxwidgets.store import Store
from cxwidgets.testing import chromium, free_port, kit_server_command, voila_server


def time_to_widget(context, url: str, selector: str) -> float:
    page = context.new_page()
    start = time.perf_counter()
    page.goto(url)
    page.locator(selector).wait_for(state="visible", timeout=120_000)
    elapsed = time.perf_counter() - start
    if not page.locator(selector).is_enabled():
        sys.exit(f"{selector} appeared but is not interactive")
    page.close()
    return elapsed


def bare_notebook(folder: Path) -> Path:
    nb = nbformat.v4.new_notebook()
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3",
                                 "language": "python"}
    nb.cells = [nbformat.v4.new_code_cell("import ipywidgets as w\nw.Text(description='x')")]
    path = folder / "bare.ipynb"
    nbformat.write(nb, path)
    return path


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=5)
    runs = parser.parse_args().runs
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        db = folder / "w.sqlite"
        store = Store(db)
        code = create_sample(store, db).join_code
        store.close()
        bare_dir = folder / "bare"
        bare_dir.mkdir()
        bare_notebook(bare_dir)
        kit_port, bare_port = free_port(), free_port()
        with voila_server(kit_server_command(db, kit_port), kit_port, folder / "kit.log") as kit, \
             voila_server(voila_command(bare_port, notebooks=bare_dir), bare_port,
                          folder / "bare.log") as bare, chromium() as context:
            kit_url = f"{kit.url}/voila/render/participant.ipynb?code={code}"
            bare_url = f"{bare.url}/voila/render/bare.ipynb"
            time_to_widget(context, bare_url, ".widget-text input")  # warm both servers
            time_to_widget(context, kit_url, ".cx-join-code input")
            ours, floor = [], []
            for _ in range(runs):  # interleaved so drift hits both alike
                floor.append(time_to_widget(context, bare_url, ".widget-text input"))
                ours.append(time_to_widget(context, kit_url, ".cx-join-code input"))
    o, fl = statistics.median(ours), statistics.median(floor)
    print(f"participant app, first interactive widget: median {o:.2f} s over {runs} runs")
    print(f"floor (bare Voila notebook, one Text):     median {fl:.2f} s")
    print(f"ratio {o / fl:.2f}x floor")


if __name__ == "__main__":
    main()
