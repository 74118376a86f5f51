"""Where the kit's own files are, and where a user's files go by default.

The notebooks, the Voila template and apps, the starter journeys and the sample live once,
at the top of the repository (`notebooks/`, `templates/`, `sample_data/`). The package
reaches them through `cxwidgets/_data/`, whose entries link to those folders in a checkout
and are real copies in a built wheel or sdist, so the same code finds them in a checkout,
an editable install and a normal install. They are looked up with `importlib.resources`,
never by walking up from this file, which only works in a checkout.

A user's own files (the default store, the facilitator keys of database servers) go where
the platform keeps an application's data and configuration (`platformdirs`), so the kit
behaves the same from whichever folder it is started.
"""

from __future__ import annotations

import os
import tempfile
from importlib.resources import files
from pathlib import Path

import platformdirs

from cxwidgets.exceptions import CxError

APP_NAME = "cxwidgets"


def _data_root() -> Path:
    root = files("cxwidgets").joinpath("_data")
    path = Path(str(root))
    if not path.is_dir():  # a zipped install: Voila and Papermill need real folders
        raise CxError(f"the kit's files are not in a folder ({root}); install cxwidgets "
                      "with pip into a virtual environment, not as a zip")
    return path


DATA = _data_root()
#: The three notebooks: the facilitator's, the participant's and the segment report.
NOTEBOOKS = DATA / "notebooks"
#: A Jupyter data folder: the kit's Voila template (voila/templates/cxwidgets), the two
#: apps Voila serves (apps/) and the starter journeys (journeys/).
TEMPLATES = DATA / "templates"
#: The only notebooks a browser can open: the participant's and the facilitator's apps.
APPS = TEMPLATES / "apps"
JOURNEYS = TEMPLATES / "journeys"
SAMPLE_DATA = DATA / "sample_data"
SAMPLE_FEEDBACK = SAMPLE_DATA / "feedback"
SAMPLE_WORKSHOP = SAMPLE_DATA / "sample_workshop.json"
SAMPLE_AS_IS = SAMPLE_DATA / "sample_workshop.as_is.json"
SEGMENT_REPORT = NOTEBOOKS / "segment_report.ipynb"


def user_data_dir() -> Path:
    """Where the default store lives (e.g. ~/.local/share/cxwidgets on Linux)."""
    return platformdirs.user_data_path(APP_NAME)


def user_config_dir() -> Path:
    """Where facilitator keys for database servers are kept (e.g. ~/.config/cxwidgets)."""
    return platformdirs.user_config_path(APP_NAME)


def default_store() -> Path:
    """The store used when none is given: one file per user, whatever the working folder."""
    return user_data_dir() / "workshops.sqlite"


#: The longest path a Unix socket may have (`sockaddr_un.sun_path`, less its final NUL).
SOCKET_PATH_MAX = 107
#: What a kernel adds to the runtime folder for its sockets: "/kernel-<uuid>-ipc-<n>".
_KERNEL_SOCKET = len("/kernel-00000000-0000-0000-0000-000000000000-ipc-99")


def with_short_runtime_dir(env: dict[str, str]) -> dict[str, str]:
    """`env`, with a runtime folder short enough for kernels' sockets.

    The servers start kernels over Unix sockets (no port to collide on), which live in
    Jupyter's runtime folder. A socket's path may not pass 107 characters: under a long
    home or data folder, every kernel would fail to start. Such a runtime folder is
    replaced by a private one in the system's temporary folder.
    """
    # lazy: jupyter_core; `--help` and the participant's kernel import this module
    from jupyter_core.paths import jupyter_runtime_dir

    if len(jupyter_runtime_dir()) + _KERNEL_SOCKET <= SOCKET_PATH_MAX:
        return env

    short = Path(tempfile.gettempdir()) / f"cxwidgets-{os.getuid()}"
    if len(str(short)) + _KERNEL_SOCKET > SOCKET_PATH_MAX:
        short = Path("/tmp") / f"cxwidgets-{os.getuid()}"
    short.mkdir(mode=0o700, exist_ok=True)
    if short.stat().st_uid != os.getuid():  # someone else's: a folder of our own instead
        short = Path(tempfile.mkdtemp(prefix="cxwidgets-"))
    return {**env, "JUPYTER_RUNTIME_DIR": str(short)}
