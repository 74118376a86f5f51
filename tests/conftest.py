"""Shared fixtures: a real SQLite store in a temporary folder, and clean widget state."""

from __future__ import annotations

from pathlib import Path

import ipywidgets as w
import pytest

from cxwidgets.store import Created, Editor, Store
from cxwidgets.testing import CHROMIUM_ARGS, chromium_path, in_ci

ROOT = Path(__file__).resolve().parent.parent
#: Screenshots and other artefacts a person may want to look at after a run.
ARTEFACTS = ROOT / "test-output"


@pytest.fixture
def db(tmp_path: Path) -> Path:
    return tmp_path / "workshops.sqlite"


@pytest.fixture
def store(db: Path):
    s = Store(db)
    yield s
    s.close()


@pytest.fixture
def created(store: Store) -> Created:
    return store.create_workshop("Claims journey", scope="Home insurance")


@pytest.fixture
def facilitator(store: Store, created: Created) -> Editor:
    return Editor.facilitator(store, created.id, created.token)


@pytest.fixture
def participant(store: Store, created: Created) -> Editor:
    return Editor.join(store, created.join_code, "Ana", "support")


@pytest.fixture(autouse=True, scope="session")
def _own_user_folders(tmp_path_factory):
    """The default store, saved keys and kept room maps go to the platform's user
    folders: during tests, folders of the run's own (inherited by every server and kernel
    a test starts)."""
    mp = pytest.MonkeyPatch()
    for name in ("XDG_DATA_HOME", "XDG_CONFIG_HOME", "XDG_CACHE_HOME"):
        mp.setenv(name, str(tmp_path_factory.mktemp(name.lower())))
    yield
    mp.undo()


@pytest.fixture(autouse=True)
def _close_widgets():
    yield
    w.Widget.close_all()


@pytest.fixture(autouse=True)
def _english_after_each_test():
    """A kernel speaks one language (`cxwidgets.language.use`); a test that made it speak
    another leaves English behind for the next."""
    from cxwidgets import language

    yield
    language.use(language.SOURCE)


@pytest.fixture
def artefacts(request: pytest.FixtureRequest) -> Path:
    folder = ARTEFACTS / request.node.name
    folder.mkdir(parents=True, exist_ok=True)
    return folder


@pytest.fixture(scope="session")
def playwright():
    """One Playwright for the whole session: browser tests and the installed-kit test
    share it (it cannot be started twice in a process)."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        yield p


@pytest.fixture(scope="session")
def people(playwright):
    """A Chromium whose `new_context()` gives each person their own isolated browser
    (own storage, own cookies), as if on their own laptop or phone."""
    chrome = playwright.chromium.launch(executable_path=chromium_path(), headless=True,
                                        args=CHROMIUM_ARGS)
    yield chrome
    chrome.close()


@pytest.fixture(scope="session")
def postgres_url():
    """The URL of a private PostgreSQL server for this session (started once, whichever
    folder's tests ask first). Outside CI a machine without PostgreSQL skips the tests
    that need it, with the reason shown; in CI that is an error, never a skip."""
    from cxwidgets.testing_pg import missing, shared_postgres_server

    why = missing()
    if why:
        if in_ci():
            pytest.fail(f"CI needs PostgreSQL: {why}", pytrace=False)
        pytest.skip(why)
    with shared_postgres_server() as url:
        yield url


@pytest.fixture(scope="session")
def generator():
    """sample_data/make_real_shaped_exports.py, loaded as a module: the public-shaped
    feedback exports that the evidence, draft and report tests read."""
    import importlib.util

    spec = importlib.util.spec_from_file_location(
        "make_real_shaped_exports", ROOT / "sample_data" / "make_real_shaped_exports.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module
