"""A named point where a test may stop a backup, a restore or an upgrade half-way.

Tests prove that `kill -9` at the worst moment leaves a store as it was; to kill a real
process there, they start it with $CXWIDGETS_TEST_PAUSE naming the point ("migration
0002", "backup cx_events"): `pause` then says so on stderr and waits a minute. Unset
(always, outside those tests) it costs one look at the environment.
"""

from __future__ import annotations

import os
import sys
import time

ENV = "CXWIDGETS_TEST_PAUSE"


def pause(point: str) -> None:
    if os.environ.get(ENV) == point:
        print(f"paused at {point}", file=sys.stderr, flush=True)
        time.sleep(60)
