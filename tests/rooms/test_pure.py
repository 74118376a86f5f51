"""The matching, the consensus and the disagreements are the method's pure logic: they must
never pull in the store, widgets, charts or exports (so they can move under the core)."""

from __future__ import annotations

import json
import subprocess
import sys

PURE = ("cxwidgets.rooms.match", "cxwidgets.rooms.consensus", "cxwidgets.rooms.disagreements",
        "cxwidgets.rooms.sample_rooms")
NEVER = ("cxwidgets.store", "cxwidgets.widgets", "cxwidgets.charts", "cxwidgets.export",
         "cxwidgets.apps", "ipywidgets", "altair", "sqlalchemy")


def test_the_rooms_logic_imports_only_the_model_and_pure_modules():
    code = (f"import sys; import {', '.join(PURE)}; import json; "
            "print(json.dumps(sorted(sys.modules)))")
    loaded = json.loads(subprocess.run([sys.executable, "-c", code], capture_output=True,
                                       text=True, check=True).stdout)
    assert "cxwidgets.rooms.match" in loaded
    assert [m for m in loaded if m.startswith(NEVER)] == []
