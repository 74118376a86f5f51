"""A real, throwaway PostgreSQL server for the kit's own tests and benchmarks.

Not used by the apps. `postgres_server()` runs Debian's PostgreSQL binaries into a
temporary folder: initdb, then pg_ctl start on a free port that listens on 127.0.0.1
only, with its Unix socket in the same temporary folder (so nothing under /var/run is
needed and no system cluster is touched). It yields a SQLAlchemy URL and stops the server
and deletes everything afterwards. PostgreSQL refuses to run as root, so as root every
server command runs as the `postgres` user (which the Debian package creates) on a data
folder owned by it; as any other user the commands run directly.

`fresh_database(url)` gives each test its own empty database on that server, so tests
never see each other's workshops, and dropping it is all the cleaning there is.
"""

from __future__ import annotations

import os
import pwd
import re
import secrets
import shutil
import subprocess
import tempfile
import time
from collections.abc import Iterator, Sequence
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

import sqlalchemy as sa

from cxwidgets.testing import free_port

if TYPE_CHECKING:
    import psycopg
    from psycopg.rows import TupleRow

#: Where Debian's postgresql-NN packages put the server programs.
DEBIAN_BIN_GLOB = "/usr/lib/postgresql/*/bin"
SERVER_USER = "postgres"
DB_USER = "cx"
DB_NAME = "cxwidgets"
INSTALL_HINT = ("PostgreSQL is not installed: `apt-get install -y postgresql` "
                "(make test does this when run as root)")


class PostgresMissing(RuntimeError):
    """Raised when no PostgreSQL server programs are installed on this machine."""


def bin_dir() -> Path:
    """The newest installed PostgreSQL's bin folder (Debian layout first, then $PATH)."""
    def version(path: Path) -> tuple[int, ...]:
        return tuple(int(n) for n in re.findall(r"\d+", path.parent.name)) or (0,)

    found = [p for p in Path("/").glob(DEBIAN_BIN_GLOB.lstrip("/")) if (p / "initdb").exists()]
    if found:
        return max(found, key=version)
    on_path = shutil.which("initdb")
    if on_path and shutil.which("pg_ctl"):
        return Path(on_path).resolve().parent
    raise PostgresMissing(INSTALL_HINT)


def missing() -> str | None:
    """Why a PostgreSQL server cannot be started here, or None when it can."""
    try:
        bin_dir()
    except PostgresMissing as exc:
        return str(exc)
    if os.geteuid() == 0 and not _user_exists(SERVER_USER):
        return f"running as root needs the {SERVER_USER!r} user, which the postgresql " \
               "package creates: `apt-get install -y postgresql`"
    return None


def _user_exists(name: str) -> bool:
    try:
        pwd.getpwnam(name)
    except KeyError:
        return False
    return True


class _Cluster:
    """One data folder and how to run the server programs on it."""

    def __init__(self, folder: Path, fsync: bool) -> None:
        self.bin = bin_dir()
        self.folder = folder
        self.data = folder / "data"
        self.socket = folder / "socket"
        self.log = folder / "server.log"
        self.fsync = fsync
        self.as_root = os.geteuid() == 0

    def run(self, program: str, *args: str, timeout: float = 120) -> None:
        cmd = [str(self.bin / program), *args]
        if self.as_root:  # initdb and postgres refuse to run as root
            cmd = ["runuser", "-u", SERVER_USER, "--", *cmd]
        done = subprocess.run(cmd, cwd=self.folder, capture_output=True, text=True,
                              timeout=timeout, check=False)
        if done.returncode != 0:
            log = self.log.read_text(errors="replace")[-2000:] if self.log.exists() else ""
            raise RuntimeError(f"{program} {' '.join(args[:3])} failed ({done.returncode}):\n"
                               f"{done.stdout[-2000:]}{done.stderr[-2000:]}\n{log}")

    def init(self, password: str) -> None:
        self.socket.mkdir()
        pwfile = self.folder / "pw"
        pwfile.write_text(password + "\n")
        if self.as_root:
            shutil.chown(self.folder, SERVER_USER)
            for path in (self.socket, pwfile):
                shutil.chown(path, SERVER_USER)
        self.folder.chmod(0o700)
        self.run("initdb", "-D", str(self.data), "-U", DB_USER, f"--pwfile={pwfile}",
                 "--auth-local=trust", "--auth-host=scram-sha-256", "-E", "UTF8",
                 "--no-locale", "--no-sync", "--no-instructions")
        pwfile.unlink()

    def start(self, port: int) -> None:
        options = [
            "-c listen_addresses=127.0.0.1", f"-c port={port}",
            f"-c unix_socket_directories={self.socket}", "-c max_connections=200",
            "-c shared_buffers=32MB", f"-c fsync={'on' if self.fsync else 'off'}",
        ]
        if not self.fsync:  # a throwaway test server need not survive a power cut
            options += ["-c synchronous_commit=off", "-c full_page_writes=off"]
        self.run("pg_ctl", "-D", str(self.data), "-l", str(self.log), "-w", "-t", "60",
                 "-o", " ".join(options), "start")

    def stop(self) -> None:
        if (self.data / "postmaster.pid").exists():
            self.run("pg_ctl", "-D", str(self.data), "-m", "fast", "-w", "-t", "60", "stop")


@dataclass
class PostgresServer:
    """A running private server: its URL, and stop/start for tests of an outage."""

    url: str
    port: int
    cluster: _Cluster

    def stop(self) -> None:
        self.cluster.stop()

    def start(self) -> None:
        self.cluster.start(self.port)


@contextmanager
def running_postgres(fsync: bool = True) -> Iterator[PostgresServer]:
    """Start a private PostgreSQL server with an empty `cxwidgets` database; remove it all
    afterwards.

    `fsync=False` trades crash safety for speed, which is right for a server whose data
    is deleted at the end anyway (tests); benchmarks keep the default.
    """
    folder = Path(tempfile.mkdtemp(prefix="cx-postgres-"))
    cluster = _Cluster(folder, fsync)
    password = secrets.token_hex(16)
    try:
        cluster.init(password)
        port = _start_on_a_free_port(cluster)
        url = f"postgresql+psycopg://{DB_USER}:{password}@127.0.0.1:{port}/{DB_NAME}"
        _create_database(url.rsplit("/", 1)[0] + "/postgres", DB_NAME)
        yield PostgresServer(url, port, cluster)
    finally:
        try:
            cluster.stop()
        finally:
            shutil.rmtree(folder, ignore_errors=True)


@contextmanager
def postgres_server(fsync: bool = True) -> Iterator[str]:
    """`running_postgres()`, when only the URL is needed."""
    with running_postgres(fsync) as server:
        yield server.url


def _start_on_a_free_port(cluster: _Cluster, tries: int = 3) -> int:
    """Start on a free port; another program can take the port in between, so retry."""
    for attempt in range(tries):
        port = free_port()
        try:
            cluster.start(port)
            return port
        except RuntimeError:
            if attempt == tries - 1:
                raise
            time.sleep(0.5)
    raise AssertionError("unreachable")


@dataclass
class _Shared:
    """The server `shared_postgres_server` hands out, and how many hold it now."""

    users: int = 0
    url: str = ""
    stack: ExitStack | None = None


_shared = _Shared()


@contextmanager
def shared_postgres_server() -> Iterator[str]:
    """`postgres_server(fsync=False)`, started once however many users ask for it at once
    (session fixtures in several test folders), and stopped when the last one is done."""
    if not _shared.users:
        stack = ExitStack()
        _shared.url = stack.enter_context(postgres_server(fsync=False))
        _shared.stack = stack
    _shared.users += 1
    try:
        yield _shared.url
    finally:
        _shared.users -= 1
        if not _shared.users and _shared.stack is not None:
            stack, _shared.stack = _shared.stack, None
            stack.close()


def _connect(url: str) -> psycopg.Connection[TupleRow]:
    import psycopg  # heavy: psycopg, only when `_connect` runs

    u = sa.engine.make_url(url)
    return psycopg.connect(host=u.host, port=u.port, user=u.username, password=u.password,
                           dbname=u.database, autocommit=True, connect_timeout=10)


def _create_database(maintenance_url: str, name: str) -> None:
    from psycopg import sql  # heavy: psycopg, only when `_create_database` runs

    with _connect(maintenance_url) as conn:
        conn.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))


def _drop_databases(maintenance_url: str, names: Sequence[str]) -> None:
    from psycopg import sql  # heavy: psycopg, only when `_drop_databases` runs

    with _connect(maintenance_url) as conn:
        for name in names:
            conn.execute(sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)")
                         .format(sql.Identifier(name)))


@contextmanager
def fresh_database(server_url: str, prefix: str = "cx_test") -> Iterator[str]:
    """A new empty database on the server of `server_url`, dropped (with any connection
    still open to it) afterwards; yields its URL."""
    base = sa.engine.make_url(server_url)
    maintenance = base.set(database="postgres").render_as_string(hide_password=False)
    name = f"{prefix}_{secrets.token_hex(6)}"
    _create_database(maintenance, name)
    try:
        yield base.set(database=name).render_as_string(hide_password=False)
    finally:
        _drop_databases(maintenance, [name])
