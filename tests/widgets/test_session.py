"""A screen's live link: it takes in only what is new, and wakes when others write."""

import asyncio
import time

from cxwidgets.store import Editor, Store
from cxwidgets.testing import run_async
from cxwidgets.testing_pg import running_postgres
from cxwidgets.widgets import LiveWorkshop


def test_refresh_moves_on_by_new_events_and_equals_a_full_fold(store, created, facilitator):
    live = LiveWorkshop(Editor.join(store, created.join_code, "Ana", "sales"))
    assert not live.refresh()  # nothing new: nothing changes
    stage = facilitator.add("stages", {"name": "Buy"})
    tp = facilitator.add("touchpoints", {"name": "Till", "stage_id": stage})
    facilitator.update("touchpoints", tp, name="Checkout")
    facilitator.undo()
    facilitator.add("touchpoints", {"name": "Bag", "stage_id": stage})
    assert live.refresh()
    assert live.full == store.state(created.id) and live.seq == store.last_seq(created.id)
    assert [t.name for t in live.workshop.touchpoints] == ["Till", "Bag"]


def test_the_poller_is_woken_by_the_database_not_by_its_clock():
    """On PostgreSQL an edit reaches other screens within moments, although each screen
    only looks by itself every ten seconds here."""
    with running_postgres(fsync=False) as server:
        store = Store(server.url)
        created = store.create_workshop("Woken", current_step="touchpoints")
        assert run_async(_room(store, created)) < 3.0
        store.close()


async def _room(store, created) -> float:
    live = LiveWorkshop(Editor.join(store, created.join_code, "Ana", "sales"))
    live.start_polling(interval=10.0)
    await asyncio.sleep(1.0)  # listening
    writer = Editor.join(store, created.join_code, "Ben", "support")
    started = time.monotonic()
    await asyncio.to_thread(writer.add, "touchpoints", {"name": "Parcel locker"})
    while not live.workshop.touchpoints and time.monotonic() - started < 8:
        await asyncio.sleep(0.02)
    live.stop_polling()
    assert [t.name for t in live.workshop.touchpoints] == ["Parcel locker"]
    return time.monotonic() - started
