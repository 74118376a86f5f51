"""The links of a workshop, for the server that really serves its store.

A link is true only if it names the address a running `cxwidgets serve` listens on. That
server leaves a note of its address (`cxwidgets.lab.announce`, checked by asking the
server itself in `running_server`), and every command that prints a link asks for it
here: `serve` and `new`, `link` for any workshop, and `validate new` for a round's
customers. When no server runs for the store, the links name the address the caller
gives (or the default one) and say that no server answers there yet.

Nothing here prints; `cli._print_links` lays the links out for the terminal.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

from cxwidgets import keys
from cxwidgets.lab import running_server, store_name
from cxwidgets.method.validation import is_open
from cxwidgets.serve import customer_url, link_host, urls
from cxwidgets.store import Store

DEFAULT_HOST = "127.0.0.1"
DEFAULT_PORT = 8866


@dataclass(frozen=True)
class Address:
    """Where the links point: host and port, and whether a server answers there."""

    host: str
    port: int
    running: bool

    @property
    def url(self) -> str:
        return f"http://{self.host}:{self.port}"

    def waiting(self, db: str | Path) -> str | None:
        """What to say of links printed for a server that does not run (yet)."""
        if self.running:
            return None
        return (f"none answers at {self.url} yet: the links work once `cxwidgets serve "
                f"--db {db} --port {self.port}` runs")


def server_address(db: str | Path, host: str | None = None,
                   port: int | None = None) -> Address:
    """The address of the `cxwidgets serve` running for the store `db`; without one, the
    host and port given (default: the defaults of `cxwidgets serve`). An address given
    explicitly wins over the running server's."""
    found = running_server(store_name(db))
    if found is not None and host is None and port is None:
        return Address(found[0], found[1], True)
    chosen = link_host(host or DEFAULT_HOST), port or DEFAULT_PORT
    return Address(*chosen, running=found is not None and found == chosen)


@dataclass(frozen=True)
class CustomerLink:
    code: str
    title: str
    closes: dt.date
    url: str


@dataclass(frozen=True)
class WorkshopLinks:
    """Every link of one workshop at one address."""

    title: str
    join_code: str
    address: Address
    participant: str
    #: None when the facilitator's token is not saved on this machine
    facilitator: str | None
    #: the customers' links of the rounds still open
    customers: tuple[CustomerLink, ...] = ()


def workshop_links(db: str | Path, workshop_id: str, address: Address,
                   token: str | None = None, today: dt.date | None = None) -> WorkshopLinks:
    """The facilitator's, participants' and open rounds' customers' links of a workshop.

    The facilitator's link carries the token: `token` when given, else the one saved on
    this machine for the store (`cxwidgets.keys`)."""
    with Store(db) as store:
        info = store.info(workshop_id)
        workshop = store.state(workshop_id)
        rounds = workshop.rounds
    token = token or keys.recall(db, workshop_id)
    both = urls(address.host, address.port, info.join_code, workshop_id, token or "",
                language=workshop.language)
    today = today or dt.date.today()
    return WorkshopLinks(
        info.title, info.join_code, address, both.participant,
        both.facilitator if token else None,
        tuple(CustomerLink(r.code, r.title, r.closes,
                           customer_url(address.host, address.port, workshop_id, r.code))
              for r in rounds if is_open(r, today)))
