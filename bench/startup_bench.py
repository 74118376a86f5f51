"""Participant app start-up: navigation to first interactive widget, in a real Chromium.

Four servers run side by side, all with the flags and template of `cxwidgets serve`:

* floor: a bare Voila notebook holding one `Text` widget, a fresh kernel per visit;
* floor, pre-heated: the same notebook served from a pool of ready kernels;
* the kit (`cxwidgets serve --preheat 0`): participant.ipynb, a fresh kernel per visit;
* the kit pre-heated (`cxwidgets serve --preheat N`; the default serves with 2).

Visits are interleaved so drift hits all alike; before a visit to a pre-heated server
the bench waits until its pool is full again, as it would be between arrivals. Each
time is also given as a ratio against the floor of the same run. Then the memory of one
participant kernel: resident (RSS) and unique to it (USS, what one more participant
costs), before and after joining.

Run: .venv/bin/python bench/startup_bench.py [--runs N] [--pool N]
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from contextlib import ExitStack
from pathlib import Path

import nbformat
import psutil

from cxwidgets.sample import create_sample
from cxwidgets.serve import voila_command, voila_env
from cxwidgets.store import Store
from cxwidgets.testing import chromium, free_port, kit_server_command, voila_server

KIT_WIDGET = ".cx-join-code input"
BARE_WIDGET = ".widget-text input"
MB = 1024 * 1024


def kernels(server) -> list[psutil.Process]:
    """The ipykernel processes a Voila server has started, oldest first."""
    found = []
    for process in psutil.Process(server.process.pid).children(recursive=True):
        try:
            if "ipykernel" in " ".join(process.cmdline()):
                found.append((process.create_time(), process))
        except (psutil.ZombieProcess, psutil.NoSuchProcess):  # ended, or ending
            continue
    return [process for _, process in sorted(found, key=lambda pair: pair[0])]


def wait_for_pool(server, size: int, timeout: float = 120.0) -> None:
    """Until `size` pooled kernels exist and have been idle long enough to be ready."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            ready = [k for k in kernels(server) if time.time() - k.create_time() > 8]
            if len(ready) >= size and all(k.cpu_percent(interval=0.2) < 5 for k in ready):
                return
        except (psutil.NoSuchProcess, psutil.ZombieProcess):  # a left page's kernel ended
            pass
        time.sleep(0.5)
    sys.exit("the kernel pool did not fill up in time")


def forget_the_visit(context, page) -> None:
    """Leave no trace of this visit, so the next one arrives as a new person: the kit
    gives a browser that comes back its own kernel again (its lobby ticket is a cookie
    and a local-storage entry), which would time a reload, not an arrival."""
    page.evaluate("() => { try { localStorage.clear(); sessionStorage.clear(); } catch (e) {} }")
    context.clear_cookies()


def time_to_widget(context, url: str, selector: str) -> float:
    page = context.new_page()
    start = time.perf_counter()
    page.goto(url, wait_until="commit")
    page.locator(selector).wait_for(state="visible", timeout=120_000)
    elapsed = time.perf_counter() - start
    if not page.locator(selector).is_enabled():
        sys.exit(f"{selector} appeared but is not interactive")
    forget_the_visit(context, page)
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


def kernel_memory(context, server, url: str) -> tuple[psutil.Process, dict[str, float]]:
    """Open the participant app, join, and read its kernel's memory before and after."""
    page = context.new_page()
    before = {k.pid for k in kernels(server)}
    page.goto(url)
    page.locator(KIT_WIDGET).wait_for(timeout=120_000)
    kernel = next(k for k in kernels(server) if k.pid not in before)
    time.sleep(1)
    opened = kernel.memory_full_info()
    page.fill(".cx-join-name input", "Bench")
    page.click("button.cx-join")
    page.locator(".cx-welcome").wait_for(timeout=60_000)
    time.sleep(2)
    joined = kernel.memory_full_info()
    forget_the_visit(context, page)
    page.close()
    return kernel, {"rss": opened.rss / MB, "uss": opened.uss / MB,
                    "rss joined": joined.rss / MB, "uss joined": joined.uss / MB}


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--pool", type=int, default=2, help="pre-heated kernels per notebook")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp, ExitStack() as stack:
        folder = Path(tmp)
        db = folder / "w.sqlite"
        with Store(db) as store:
            code = create_sample(store, db).join_code
        bare_dir = folder / "bare"
        bare_dir.mkdir()
        bare_notebook(bare_dir)

        def start(name: str, cmd_for_port):
            port = free_port()
            return stack.enter_context(voila_server(cmd_for_port(port), port,
                                                    folder / f"{name}.log", env=voila_env()))

        pool = ["--preheat", str(args.pool)]
        servers = {
            "floor": start("bare", lambda p: voila_command(p, notebooks=bare_dir)),
            "floor, pre-heated": start("bare-pool", lambda p: voila_command(
                p, notebooks=bare_dir, preheat=args.pool)),
            "kit": start("kit", lambda p: [*kit_server_command(db, p), "--preheat", "0"]),
            "kit, pre-heated": start("kit-pool", lambda p: kit_server_command(db, p) + pool),
        }
        context = stack.enter_context(chromium())
        urls = {name: (f"{s.url}/voila/render/bare.ipynb", BARE_WIDGET)
                if name.startswith("floor")
                else (f"{s.url}/voila/render/participant.ipynb?code={code}", KIT_WIDGET)
                for name, s in servers.items()}
        times: dict[str, list[float]] = {name: [] for name in servers}
        for run in range(args.runs + 1):  # the first round warms up servers and browser
            for name, server in servers.items():
                if "pre-heated" in name:
                    wait_for_pool(server, args.pool)
                elapsed = time_to_widget(context, *urls[name])
                if run:
                    times[name].append(elapsed)
        _, memory = kernel_memory(context, servers["kit"], urls["kit"][0])
    report(times, memory, args)


def report(times: dict[str, list[float]], memory: dict[str, float], args) -> None:
    floor = statistics.median(times["floor"])
    print(f"Time from navigation to the first interactive widget, median of {args.runs} "
          f"runs (pool of {args.pool} where pre-heated):")
    for name, values in times.items():
        median = statistics.median(values)
        print(f"  {name:<20} {median:5.2f} s  ({min(values):.2f}-{max(values):.2f})  "
              f"{median / floor:4.2f}x floor")
    print("One participant kernel (fresh, not pre-heated):")
    print(f"  app open:   RSS {memory['rss']:.0f} MB, USS {memory['uss']:.0f} MB")
    print(f"  joined:     RSS {memory['rss joined']:.0f} MB, USS {memory['uss joined']:.0f} MB")


if __name__ == "__main__":
    main()
