"""A real Voila server (the kit's own `cxwidgets serve`) and a real Chromium, per session."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pytest

from cxwidgets.sample import create_sample
from cxwidgets.store import Created, Store
from cxwidgets.testing import (
    CHROMIUM_ARGS,
    chromium_path,
    free_port,
    kit_server_command,
    voila_server,
)


@dataclass
class Kit:
    url: str
    db: Path
    created: Created
    log: Path

    def participant_url(self, code: str | None = None) -> str:
        return f"{self.url}/voila/render/participant.ipynb?code={code or self.created.join_code}"

    def facilitator_url(self) -> str:
        return (f"{self.url}/voila/render/facilitator.ipynb?workshop={self.created.id}"
                f"&token={self.created.token}")


@pytest.fixture(scope="session")
def kit(tmp_path_factory) -> Kit:
    folder = tmp_path_factory.mktemp("kit")
    db = folder / "workshops.sqlite"
    store = Store(db)
    created = create_sample(store, db)
    store.close()
    port = free_port()
    log = folder / "voila.log"
    with voila_server(kit_server_command(db, port), port, log) as server:
        yield Kit(server.url, db, created, log)


@pytest.fixture(scope="session")
def browser(playwright, tmp_path_factory):
    """One Chromium window with a fresh profile, for tests that act as one person."""
    context = playwright.chromium.launch_persistent_context(
        tmp_path_factory.mktemp("profile"), executable_path=chromium_path(), headless=True,
        args=CHROMIUM_ARGS, viewport={"width": 1280, "height": 900})
    yield context
    context.close()


@pytest.fixture
def page(browser):
    page = browser.new_page()
    page.set_default_timeout(60_000)
    yield page
    page.close()

