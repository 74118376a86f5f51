"""Log lines the facilitator cannot act on, left out of the servers' logs.

Shared by `cxwidgets serve` (Voila) and `cxwidgets lab` (JupyterLab): whatever a
facilitator reads in the terminal should be something they can understand or do
something about. What is left out, and why it is harmless, is written here once.
"""

from __future__ import annotations

import logging


class NothingToActOn(logging.Filter):
    """Drops two warnings printed on every start or page that a facilitator cannot act on:

    * Tornado reads Jupyter's ping settings (milliseconds, see cxwidgets.server.kernels)
      as its own (seconds) and warns that the timeout exceeds the interval: true for its
      reading, harmless for Jupyter's;
    * "Notebook ... is not trusted": trust signatures decide whether JupyterLab shows a
      notebook's saved HTML outputs; the server runs only the kit's own three apps, whose
      saved outputs are empty, and Voila runs them either way.
    """

    QUIET = ("cannot be longer than the websocket_ping_interval", "is not trusted")

    def filter(self, record: logging.LogRecord) -> bool:
        message = record.getMessage()
        return not any(words in message for words in self.QUIET)


def quieten(*loggers: logging.Logger) -> None:
    """Leave the lines above out of `loggers` (Tornado's general logger by default)."""
    for log in loggers or (logging.getLogger("tornado.general"),):
        log.addFilter(NothingToActOn())
