"""What the live map costs a participant's kernel: per edit, and in memory.

The room is the one of `update_bench.py` (the sample, forty participants who rated every
touchpoint, added a pain point and voted), on the step where the room adds pain points.
Two real kernels (ipykernel, as Voila starts them) each seat one more participant and
build that participant's screen as the app does: the floor shows the room's screen
alone (`Room`), the other the room's screen with the live map beside it
(`participant_map`). Then, for each kind of edit another seat makes, each kernel takes
it in the way the poller does (`LiveWorkshop.refresh()`, which redraws every screen that
shows the workshop, the map's spec sent over the kernel's comm included), timed inside
the kernel. Last, the memory unique to each kernel (USS, what one more participant
costs), measured from outside after a collection.

Every figure is printed with its ratio to the floor of the same run.

Run: .venv/bin/python bench/live_map_bench.py [--rounds N]
"""

from __future__ import annotations

import argparse
import gc
import json
import statistics
import sys
import tempfile
import time
from pathlib import Path

import psutil
from jupyter_client.manager import KernelManager

sys.path.insert(0, str(Path(__file__).resolve().parent))
from update_bench import fill_the_room

from cxwidgets.store import Editor, Store

MB = 1024 * 1024

SETUP = """
import gc, json, time
import cxwidgets.apps  # what the participant's notebook imports
from cxwidgets.store import Editor, Store
from cxwidgets.widgets.session import LiveWorkshop
from cxwidgets.widgets.room import Room
store = Store({db!r})
editor = Editor.resume(store, {code!r}, {seat!r}, {secret!r})
live = LiveWorkshop(editor)
room = Room(live)
screen = room
if {with_map!r}:
    from cxwidgets.widgets.live_map import participant_map
    screen = participant_map(live, room)
    assert screen.live_map.shown and screen.live_map.chart.spec
gc.collect()
"""
TIMED = """
_t = time.perf_counter(); _c = time.process_time()
live.refresh()
print(json.dumps([time.perf_counter() - _t, time.process_time() - _c]))
"""


class Kernel:
    """One participant kernel, started as Voila starts one."""

    def __init__(self, name: str) -> None:
        self.name = name
        self.manager = KernelManager(transport="ipc", kernel_name="python3")
        self.manager.start_kernel()
        self.client = self.manager.client()
        self.client.start_channels()
        self.client.wait_for_ready(timeout=60)

    def run(self, code: str) -> str:
        out: list[str] = []

        def hook(msg: dict) -> None:
            if msg["msg_type"] == "stream":
                out.append(msg["content"]["text"])
            elif msg["msg_type"] == "error":
                raise RuntimeError("\n".join(msg["content"]["traceback"]))

        reply = self.client.execute_interactive(code, timeout=300, output_hook=hook)
        if reply["content"]["status"] != "ok":
            raise RuntimeError(f"{self.name}: {reply['content'].get('evalue')}")
        return "".join(out)

    def uss(self) -> float:
        self.run("gc.collect()")
        pid = self.manager.provisioner.pid  # type: ignore[union-attr]
        return psutil.Process(pid).memory_full_info().uss / MB

    def stop(self) -> None:
        self.client.stop_channels()
        self.manager.shutdown_kernel(now=True)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rounds", type=int, default=5, help="edits of each kind")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        db = Path(tmp) / "room.sqlite"
        store = Store(db)
        boss, people = fill_the_room(store)
        boss.open_step("pains")
        code = store.info(boss.workshop_id).join_code
        state = store.state(boss.workshop_id)
        print(f"The sample with {len(state.participants)} participants, "
              f"{len(state.emotions)} ratings, {len(state.pain_points)} pain points; "
              "the room is on step 7 (pain points).")
        kernels = {"floor": Kernel("floor"), "map": Kernel("map")}
        try:
            for label, kernel in kernels.items():
                # seated here, where the room's burst is allowed (`fill_the_room`)
                seat = Editor.join(store, code, f"Bench {label}", "support")
                kernel.run(SETUP.format(db=str(db), code=code, seat=seat.author,
                                        secret=seat.secret, with_map=label == "map"))
            memory = {label: kernel.uss() for label, kernel in kernels.items()}
            ben = people[1]
            tp = next(t.id for t in state.touchpoints if t.stage_id)
            kinds = {
                "a pain point is added (on the map)": lambda i: ben.add(
                    "pain_points", {"touchpoint_id": tp, "text": f"Box left out {i}"}),
                "a self-assessment answer (not on the map)": lambda i: ben.add(
                    "diagnosis", {"statement_id": f"b{i}", "participant": "Ben",
                                  "score": 3}),
            }
            results: dict[str, dict[str, list[float]]] = {}
            for what, edit in kinds.items():
                for i in range(args.rounds):
                    edit(i)
                    for label, kernel in kernels.items():
                        wall, cpu = json.loads(kernel.run(TIMED).strip().splitlines()[-1])
                        results.setdefault(what, {}).setdefault(label, []).append(wall)
                        results[what].setdefault(label + " cpu", []).append(cpu)
                    time.sleep(0.2)
            print("Time for one participant kernel to take in one edit (median of "
                  f"{args.rounds}; the floor is the same screen without the map):")
            for what, by in results.items():
                floor = statistics.median(by["floor"])
                shown = statistics.median(by["map"])
                cpu_floor = statistics.median(by["floor cpu"])
                cpu_map = statistics.median(by["map cpu"])
                print(f"  {what:<44} floor {floor * 1000:7.1f} ms | with the map "
                      f"{shown * 1000:7.1f} ms ({shown / floor:4.1f}x floor; CPU "
                      f"{cpu_map * 1000:.0f} ms vs {cpu_floor * 1000:.0f} ms) | the map's "
                      f"own cost per edit {max(0.0, shown - floor) * 1000:6.1f} ms")
            print("Memory unique to one participant kernel (USS):")
            print(f"  without the map (floor) {memory['floor']:6.1f} MB")
            print(f"  with the map            {memory['map']:6.1f} MB "
                  f"({memory['map'] / memory['floor']:4.2f}x floor, "
                  f"+{memory['map'] - memory['floor']:.1f} MB)")
        finally:
            for kernel in kernels.values():
                kernel.stop()
            gc.collect()
            store.close()


if __name__ == "__main__":
    main()
