"""The Voila server `cxwidgets serve` runs: Voila, with the lobby in front of its apps.

Voila's own application, with three changes: the lobby's routes come first, the apps'
page handler is the gated one (`cxwidgets.server.handlers`), and every two seconds the
lobby is tended: forgotten places dropped, kernels nobody came back for given back, the
next in line admitted. Run as `python -m cxwidgets.server.app` with Voila's options.
"""

from __future__ import annotations

import contextlib
import logging
from typing import Any

from jupyter_core.utils import ensure_async
from jupyter_server.utils import url_path_join
from tornado.ioloop import PeriodicCallback
from traitlets import Float, Int
from voila.app import Voila
from voila.tornado.handler import TornadoVoilaHandler

from cxwidgets.server.handlers import Changes, GatedAppHandler, handlers
from cxwidgets.server.lobby import Lobby
from cxwidgets.server.quiet import quieten
from cxwidgets.server.words import error_words

#: Milliseconds between two tendings of the lobby.
TEND_MS = 2000


class RoomVoila(Voila):
    """Voila with the lobby (see the module docstring)."""

    admit_at_once = Int(2, config=True, help=(
        "App pages opened at the same time (each may need a kernel started); the others "
        "wait in the lobby, in order of arrival, and see their place."))
    return_within = Float(30.0, config=True, help=(
        "Seconds a page that said goodbye (closed or reloaded) keeps its kernel, so a "
        "reload gets it back."))
    first_connect_within = Float(60.0, config=True, help=(
        "Seconds a kernel rendered for a page waits for the page to connect or show a "
        "sign of life before it is given back."))

    lobby: Lobby | None = None

    def init_settings(self) -> dict[str, Any]:
        settings: dict[str, Any] = super().init_settings()
        changes = Changes()
        self.lobby = Lobby(capacity=max(1, self.admit_at_once), return_within=self.return_within,
                           first_connect_within=self.first_connect_within,
                           on_change=changes.changed)
        settings.update(cx_lobby=self.lobby, cx_changes=changes,
                        cx_render_path=url_path_join(self.server_url, "voila/render/"))
        # the error pages are rendered with no link at hand: they carry every language
        settings.setdefault("jinja_template_vars", {})["cx_error_words"] = error_words()
        if hasattr(self.kernel_manager, "lobby"):
            self.kernel_manager.lobby = self.lobby
            self.lobby.warm = self.kernel_manager.warm
        return settings

    def init_handlers(self) -> list[Any]:
        ours = handlers(url_path_join(self.server_url, "/"))
        gated = [(route[0], GatedAppHandler, *route[2:])
                 if len(route) > 1 and route[1] is TornadoVoilaHandler else route
                 for route in super().init_handlers()]
        return [*ours, *gated]

    def start(self) -> None:
        quieten(logging.getLogger("tornado.general"), self.log)
        self._tending = PeriodicCallback(self.tend_lobby, TEND_MS)
        self._tending.start()
        super().start()

    async def tend_lobby(self) -> None:
        """Drop forgotten places, give back kernels nobody came back for, admit."""
        lobby = self.lobby
        if lobby is None:
            return
        lobby.expire()
        for kernel_id in lobby.reclaimable():
            if kernel_id in self.kernel_manager:
                self.log.info("Giving back kernel %s: its page did not come back.", kernel_id)
                with contextlib.suppress(KeyError):
                    await ensure_async(self.kernel_manager.shutdown_kernel(kernel_id))
                lobby.count_reclaimed()
            else:
                lobby.kernel_gone(kernel_id)
        lobby.admit()


main = RoomVoila.launch_instance

if __name__ == "__main__":
    main()
