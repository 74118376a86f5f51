"""The room's live map kept in files for every kernel of the room: built once, read by
the others, private to the user, and never a reason for a map not to be drawn."""

from __future__ import annotations

import json
import os
import stat
import time

from cxwidgets.charts import live_map as charts_live_map
from cxwidgets.charts.live_map import live_map, room_key, table_ids
from cxwidgets.testing import small_workshop
from cxwidgets.widgets.room_maps import FileRoomMaps, clear_old


def test_a_map_kept_by_one_kernel_is_read_by_another_and_only_by_this_user(tmp_path):
    journey = small_workshop()
    where = tmp_path / "maps"
    first, second = FileRoomMaps(where), FileRoomMaps(where)  # two kernels
    charts_live_map._cache.clear()
    ana = live_map(journey, None, "ana", rooms=first).to_dict()
    charts_live_map._cache.clear()  # the second kernel has no map of its own yet
    ben = live_map(journey, None, "ben", rooms=second).to_dict()
    assert (first.written, first.read, second.written, second.read) == (1, 0, 0, 1)
    assert table_ids(ana).keys() == table_ids(ben).keys()
    assert stat.S_IMODE(where.stat().st_mode) == 0o700
    [kept] = list(where.iterdir())
    assert stat.S_IMODE(kept.stat().st_mode) == 0o600
    assert kept.name == f"{room_key(journey, None)}.json"


def test_a_damaged_or_unwritable_cache_only_costs_a_build(tmp_path):
    journey = small_workshop()
    where = tmp_path / "maps"
    kept = FileRoomMaps(where)
    where.mkdir()
    (where / f"{room_key(journey, None)}.json").write_text('{"vconcat": [')  # cut short
    charts_live_map._cache.clear()
    spec = live_map(journey, None, "ana", rooms=kept).to_dict()
    assert "vconcat" in spec and kept.read == 0 and kept.written == 1
    # a cache folder that is a file: nothing kept, the map drawn all the same
    blocked = FileRoomMaps(tmp_path / "a-file")
    (tmp_path / "a-file").write_text("not a folder")
    charts_live_map._cache.clear()
    again = live_map(journey, None, "ana", rooms=blocked).to_dict()
    assert json.dumps(again, sort_keys=True) == json.dumps(spec, sort_keys=True)
    assert blocked.written == 0


def test_old_maps_are_cleared_and_young_ones_kept(tmp_path):
    now = time.time()
    for k in range(10):
        path = tmp_path / f"m{k}.json"
        path.write_text("{}")
        age = 600 - k * 60 if k < 6 else 5  # m0..m5 old, m6..m9 seconds old
        os.utime(path, (now - age, now - age))
    (tmp_path / ".m1.json.ab12.part").write_text("{")  # a writer killed half-way
    os.utime(tmp_path / ".m1.json.ab12.part", (now - 900, now - 900))
    assert clear_old(tmp_path, keep=3, young=60) == 7
    assert sorted(p.name for p in tmp_path.iterdir()) == ["m6.json", "m7.json", "m8.json",
                                                          "m9.json"]


def test_a_map_json_cannot_hold_is_not_kept_and_nothing_breaks(tmp_path):
    kept = FileRoomMaps(tmp_path / "maps")
    kept.put("odd", {"datasets": {1: [{"a": object()}]}})
    assert kept.written == 0 and kept.get("odd") is None
