"""Links are always true: every command that prints a link (`serve`, `new`, `link`,
`validate new`) names the address the workshop server really listens on, and `serve`
refuses a port it cannot have instead of letting Voila move elsewhere."""

from __future__ import annotations

import http.server
import re
import socket
import sys
import threading
from collections.abc import Iterator
from contextlib import contextmanager

import pytest

from cxwidgets import lab
from cxwidgets.cli import main
from cxwidgets.links import server_address, workshop_links
from cxwidgets.sample import create_sample
from cxwidgets.serve import check_port, port_taken, voila_command
from cxwidgets.store import Store
from cxwidgets.testing import free_port, qr_codes, run_in_terminal


def fields(out: str) -> dict[str, str]:
    return dict(line.split(": ", 1) for line in out.splitlines() if ": " in line)


@contextmanager
def served(db) -> Iterator[int]:
    """A server answering on a free port, announced for the store `db` as `cxwidgets
    serve` announces itself (this process is its process)."""

    class Quiet(http.server.BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            self.send_response(200)
            self.end_headers()
            self.wfile.write(b"lobby")

        def log_message(self, *args: object) -> None:
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Quiet)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    port = server.server_address[1]
    lab.announce(lab.store_name(db), "127.0.0.1", port)
    try:
        yield port
    finally:
        server.shutdown()
        server.server_close()


@contextmanager
def taken_port() -> Iterator[int]:
    """A port another program listens on."""
    with socket.socket() as other:
        other.bind(("127.0.0.1", 0))
        other.listen()
        yield other.getsockname()[1]


@pytest.fixture
def sample(db):
    with Store(db) as store:
        return create_sample(store, db)


# -- serve -------------------------------------------------------------------------------

def test_serve_refuses_a_port_in_use_before_printing_any_link(tmp_path, capsys, monkeypatch):
    """Voila used to move to the next port while the links and QR code named this one."""
    started = []
    monkeypatch.setattr("os.execve", lambda *a: started.append(a))
    db = tmp_path / "w.sqlite"
    with taken_port() as port:
        assert port_taken("127.0.0.1", port)
        assert main(["serve", "--db", str(db), "--sample", "--port", str(port)]) == 2
    out, err = capsys.readouterr()
    assert f"port {port} on 127.0.0.1 is already in use" in err and "Traceback" not in err
    free = int(re.search(r"--port (\d+)\)", err).group(1))
    assert free != port and not port_taken("127.0.0.1", free)
    assert "link" not in out and not started and not db.exists()  # nothing started


def test_voila_never_moves_to_another_port():
    assert "--Voila.port_retries=0" in voila_command(9999)


def test_a_free_port_passes_and_a_bad_one_or_a_foreign_host_is_named():
    from cxwidgets.exceptions import CxError

    check_port("127.0.0.1", free_port())
    with pytest.raises(CxError, match="not a port"):
        check_port("127.0.0.1", 70000)
    for host in ("nosuchhost.invalid", "192.0.2.1"):  # unknown; not this computer's
        with pytest.raises(CxError, match=f"--host {host}: this computer has no such"):
            check_port(host, free_port())


def test_a_real_serve_on_a_taken_port_stops_with_one_line(tmp_path):
    db = tmp_path / "w.sqlite"
    with taken_port() as port:
        out = run_in_terminal([sys.executable, "-m", "cxwidgets.cli", "serve", "--db", str(db),
                               "--sample", "--port", str(port)], timeout=60)
    assert f"port {port} on 127.0.0.1 is already in use" in out, out
    assert "Voil" not in out and "participant link" not in out


# -- link --------------------------------------------------------------------------------

def test_link_prints_every_link_of_any_workshop_for_the_running_server(db, sample, capsys):
    with Store(db) as store:  # an older workshop than the newest: serve shows only that one
        from cxwidgets import keys

        newer = store.create_workshop("Claims")
        keys.remember(db, newer)
    assert main(["validate", "new", sample.join_code, "--db", str(db),
                 "--closes", "2099-01-31"]) == 0
    round_code = capsys.readouterr().out.split()[1]
    with served(db) as port:
        assert main(["link", sample.join_code, "--db", str(db)]) == 0
    out = fields(capsys.readouterr().out)
    base = f"http://127.0.0.1:{port}/voila/render"
    assert out["server"] == f"http://127.0.0.1:{port}"
    assert out["facilitator link"] == (f"{base}/facilitator.ipynb?workshop={sample.id}"
                                       f"&token={sample.token}")
    assert out["participant link"] == f"{base}/participant.ipynb?code={sample.join_code}"
    assert out[f"customers' link, round {round_code} (open until 2099-01-31)"] == (
        f"{base}/validate.ipynb?w={sample.id}&round={round_code}")


def test_link_draws_the_qr_codes_of_the_links_it_prints(db, sample):
    from cxwidgets.rounds import open_round
    from cxwidgets.store import Editor

    with Store(db) as store:
        open_round(Editor.facilitator(store, sample.id, sample.token), "How was it?")
    with served(db):
        out = run_in_terminal([sys.executable, "-m", "cxwidgets.cli", "link", sample.id,
                               "--db", str(db)])
    printed = re.findall(r"(?:participant link|customers' link.*?): (\S+)", out)
    assert len(printed) == 2 and qr_codes(out) == printed


def test_link_without_a_running_server_says_how_to_start_one(db, sample, capsys):
    assert main(["link", sample.join_code, "--db", str(db)]) == 2
    err = capsys.readouterr().err
    assert "no workshop server is running for this store" in err
    assert f"cxwidgets serve --db {db}" in err
    # for a server still to be started, with the address it will have
    assert main(["link", sample.join_code, "--db", str(db), "--port", "9001"]) == 0
    out = fields(capsys.readouterr().out)
    assert out["server"] == "http://127.0.0.1:9001 (not running)"
    assert out["participant link"].startswith("http://127.0.0.1:9001/")


def test_link_of_a_workshop_made_elsewhere_has_no_facilitator_link(db, tmp_path, capsys):
    with Store(db) as store:
        made = store.create_workshop("Made on another laptop")  # its token not saved here
    with served(db) as port:
        assert main(["link", made.join_code, "--db", str(db)]) == 0
    out = fields(capsys.readouterr().out)
    assert out["facilitator link"].startswith("not on this machine")
    assert out["participant link"].startswith(f"http://127.0.0.1:{port}/")


# -- new and validate new ----------------------------------------------------------------

def test_new_prints_the_facilitator_link_for_the_running_server(db, capsys):
    with served(db) as port:
        assert main(["new", "--db", str(db), "--title", "Claims"]) == 0
    out = fields(capsys.readouterr().out)
    base = f"http://127.0.0.1:{port}/voila/render"
    assert out["facilitator link"] == (f"{base}/facilitator.ipynb?workshop={out['workshop']}"
                                       f"&token={out['facilitator token']}")
    assert out["participant link"] == f"{base}/participant.ipynb?code={out['join code']}"
    assert "server" not in out  # it runs: nothing to say


def test_new_without_a_server_says_the_links_wait_for_one(db, capsys):
    assert main(["new", "--db", str(db), "--title", "Claims"]) == 0
    out = fields(capsys.readouterr().out)
    assert out["participant link"].startswith("http://127.0.0.1:8866/")
    assert out["server"].startswith("none answers at http://127.0.0.1:8866 yet")


def test_validate_new_asks_the_running_server_for_its_address(db, sample, capsys):
    """The customers' link used to name port 8866 whatever the server ran on."""
    with served(db) as port:
        assert main(["validate", "new", sample.join_code, "--db", str(db)]) == 0
    out = capsys.readouterr().out.splitlines()
    assert out[1].startswith(f"customers' link: http://127.0.0.1:{port}/voila/render/"
                             f"validate.ipynb?w={sample.id}&round=")
    assert not any(line.startswith("server:") for line in out)


def test_the_address_given_wins_and_says_whether_it_answers(db):
    with served(db) as port:
        assert server_address(db) == server_address(db, port=port)
        assert server_address(db).running
        elsewhere = server_address(db, port=port + 1)
        assert (elsewhere.port, elsewhere.running) == (port + 1, False)
    assert not server_address(db).running  # the server stopped


def test_workshop_links_lists_only_open_rounds(db, sample):
    import datetime as dt

    from cxwidgets.rounds import open_round
    from cxwidgets.store import Editor

    with Store(db) as store:
        editor = Editor.facilitator(store, sample.id, sample.token)
        open_round(editor, "Still open", closes=dt.date(2099, 1, 31))
        gone = open_round(editor, "Closed early")
        editor.close_round(gone.id)
    links = workshop_links(db, sample.id, server_address(db, port=9000))
    assert [c.title for c in links.customers] == ["Still open"]
