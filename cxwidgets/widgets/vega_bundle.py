"""The Vega scripts `JupyterChart` draws with, bundled once per machine, not per kernel.

Altair's `JupyterChart.enable_offline()` bundles the chart's script with Vega through
vl-convert, which starts a JavaScript engine inside the kernel for it: about 80 MB that
stay in every kernel that ever draws a chart, for a bundle that is the same each time.
Here the first kernel on a machine bundles it as Altair does and keeps it in the kit's
data folder under the versions it was made with; every later kernel reads the file
(under a megabyte) and never starts the engine. A file that cannot be read or written
falls back to Altair's own way.
Never fetches anything: vl-convert carries Vega itself.
"""

from __future__ import annotations

import logging
from importlib.metadata import version
from pathlib import Path

from cxwidgets.atomic import write_atomic
from cxwidgets.resources import user_data_dir

log = logging.getLogger(__name__)
#: A bundle shorter than this is not one (a file cut short by a full disk).
MIN_SIZE = 100_000


def bundle_path() -> Path:
    """Where this machine keeps the bundle made with the installed Altair and vl-convert."""
    made_with = f"altair-{version('altair')}-vlc-{version('vl-convert-python')}"
    return user_data_dir() / "vega" / f"jupyterchart-{made_with}.js"


def enable_offline() -> None:
    """`JupyterChart.enable_offline()`, from the kept bundle when there is one; the first
    kernel on a machine bundles it as Altair does (no slower than before) and keeps it
    for every kernel after it."""
    import altair as alt  # heavy: altair, only when `enable_offline` runs

    if alt.JupyterChart._is_offline:
        return
    path = bundle_path()
    try:
        script = path.read_text(encoding="utf-8") if path.exists() else ""
    except OSError:
        script = ""
    if len(script) > MIN_SIZE:
        alt.JupyterChart._esm = script
        alt.JupyterChart._is_offline = True
        return
    alt.JupyterChart.enable_offline()
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        # whole or not at all: kernels starting together agree on what they read
        write_atomic(path, alt.JupyterChart._esm)
    except OSError:
        log.warning("could not keep the Vega bundle for the next kernels", exc_info=True)
