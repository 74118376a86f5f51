"""`Canvas`: a widget drawn by its own page code (an anywidget) that asks the kernel to
change the workshop, as the lane board and the hand-drawn emotion curve do.

The page only asks: it sends a message, and the kernel checks it, saves it through the
seat's `Editor` (or refuses it) and answers with what the store now holds. What they
share lives here: the page code read from `widgets/static`, the answer (`message`, and
`refused` so a refusal is shown as one) and `revision`, which goes up after every request
handled so the page draws itself again from the store's view even when nothing changed
(a refused drag puts the card back).
"""

from __future__ import annotations

from collections.abc import Callable
from functools import cache
from importlib.resources import files
from typing import Any

import anywidget
import traitlets

from cxwidgets.method.model import Workshop
from cxwidgets.widgets.base import said
from cxwidgets.widgets.session import LiveWorkshop


@cache
def page_code(*names: str) -> str:
    """The files `names` of `widgets/static`, one after the other, as one module."""
    static = files("cxwidgets.widgets") / "static"
    return "\n".join((static / name).read_text(encoding="utf-8") for name in names)


class Canvas(anywidget.AnyWidget):
    """A page-drawn view of one seat's workshop (see the module's docstring)."""

    _esm = traitlets.Unicode().tag(sync=True)
    _css = traitlets.Unicode().tag(sync=True)
    message = traitlets.Unicode("").tag(sync=True)
    refused = traitlets.Bool(False).tag(sync=True)
    revision = traitlets.Int(0).tag(sync=True)

    def __init__(self, live: LiveWorkshop, esm: str, css: str, **traits: Any) -> None:
        super().__init__(_esm=esm, _css=css, **traits)
        self.live = live
        self.on_msg(self._on_msg)

    def show(self, workshop: Workshop) -> None:
        """Take the workshop in (send the page only what changed)."""
        raise NotImplementedError

    def asked(self, content: dict[str, Any]) -> None:
        """One request of the page, already known to be a dict."""
        raise NotImplementedError

    def _on_msg(self, _widget: Any, content: Any, _buffers: Any) -> None:
        if isinstance(content, dict):  # the page is not to be trusted with what it sends
            self.asked(content)

    def edit(self, action: Callable[..., Any], *args: Any, **kwargs: Any) -> bool:
        """Run one edit through the seat (`LiveWorkshop.edit`); when it is refused, say
        why to the page. True when it was saved."""
        if self.live.edit(action, *args, **kwargs) is not None:
            return True
        self.answer(said(self.live.message), refused=True)
        return False

    def answer(self, message: str, refused: bool = False) -> None:
        """Say how a request went (a refusal marked by a sign as well as its colour), and
        have the page draw itself again as the store has it."""
        self.show(self.live.workshop)
        if message:
            message = ("⚠ " if refused else "✓ ") + message[:1].upper() + message[1:]
        self.message, self.refused = message, refused
        self.revision += 1
