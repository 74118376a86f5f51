"""worker: read a file in a separate process with a time limit, so a runaway read (a
workbook that unpacks forever, a pathological CSV) cannot freeze the page that asked.

The facilitator's page runs in a kernel that also serves every widget; a read that never
ends there stops the page answering. Here the read runs in a child process (started by a
fork server, so a child starts fast and shares no threads or locks with the kernel) and
is stopped when it takes longer than the limit; the caller gets the table, or a refusal
that says what happened. Only reading happens in the child: nothing is written.
"""

from __future__ import annotations

import multiprocessing
from multiprocessing.connection import Connection
from multiprocessing.context import ForkServerContext, SpawnContext
from typing import Any, Literal

from cxwidgets.evidence.readers import RawTable, Source, read_table
from cxwidgets.exceptions import CxError, UnreadableFile

#: How long a read may take by default, in seconds.
READ_SECONDS = 60.0
_context: ForkServerContext | SpawnContext | None = None
#: What the child sends back: (True, the table) or (False, why it could not be read).
Reply = tuple[Literal[True], RawTable] | tuple[Literal[False], str]


def _ctx() -> ForkServerContext | SpawnContext:
    global _context
    if _context is None:
        if "forkserver" in multiprocessing.get_all_start_methods():
            _context = multiprocessing.get_context("forkserver")
            _context.set_forkserver_preload(["cxwidgets.evidence.readers"])
        else:
            _context = multiprocessing.get_context("spawn")
    return _context


def _read(out: Connection, source: Source, options: dict[str, Any]) -> None:
    try:
        out.send((True, read_table(source, **options)))
    except CxError as exc:
        out.send((False, str(exc)))
    except Exception as exc:
        out.send((False, f"reading stopped with an error: {exc!r}"))
    finally:
        out.close()


def _name(source: Source) -> str:
    return source[0] if isinstance(source, tuple) else str(source)


def read_in_worker(source: Source, *, seconds: float = READ_SECONDS,
                   **options: Any) -> RawTable:
    """`read_table(source, **options)` in a child process, stopped after `seconds`."""
    ctx = _ctx()
    receive, send = ctx.Pipe(duplex=False)
    child = ctx.Process(target=_read, args=(send, source, options), daemon=True)
    child.start()
    send.close()
    try:
        if not receive.poll(seconds):
            raise UnreadableFile(f"reading {_name(source)} took longer than {seconds:g} s "
                                 "and was stopped: the file is too big or too complex to "
                                 "read here; save it as CSV, or check it with `cxwidgets "
                                 "evidence` on the command line")
        try:
            reply: Reply = receive.recv()
        except EOFError:
            raise UnreadableFile(f"reading {_name(source)} stopped: the reader ran out of "
                                 "memory or was ended; save the file as CSV") from None
    finally:
        if child.is_alive():
            child.terminate()
        child.join(5)
        receive.close()
    if not reply[0]:
        raise UnreadableFile(reply[1])
    return reply[1]
