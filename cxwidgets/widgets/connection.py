"""The notice every screen shows while the store does not answer.

When the database server restarts, or the machine holding the store file stops answering,
nobody should wonder whether their work is gone. While `LiveWorkshop.connected` is False
this small notice says so calmly: what is saved stays saved, the page keeps trying by
itself, and an entry made meanwhile was either saved or refused with a message.
"""

from __future__ import annotations

import ipywidgets as w

from cxwidgets.language import N_, _
from cxwidgets.widgets.session import LiveWorkshop

NOTICE = ("<div class='cx-reconnecting' role='status' style='background:#FFF4D6; "
          "border-left:4px solid #B8860B; padding:0.5em 0.8em; margin:0.4em 0'>"
          "{}</div>")
WORDS = N_("Reconnecting to the workshop… Everything saved so far is safe, and this page "
           "keeps trying by itself. An entry you make meanwhile is either saved or refused "
           "with a message; nothing is lost silently.")


def connection_notice(live: LiveWorkshop) -> w.HTML:
    """An HTML line that appears while `live` cannot reach the store."""
    notice = w.HTML("").add_class("cx-connection")

    def show(_change: object = None) -> None:
        notice.value = "" if live.connected else NOTICE.format(_(WORDS))

    live.observe(show, "connected")
    show()
    return notice
