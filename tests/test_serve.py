"""`cxwidgets serve`: the Voila command line, the kit's template, the apps it serves, and
the QR codes of the participant link. The template is checked through Voila's own
lookup and a real server; the QR codes through a real decoder (zxing-cpp)."""

from __future__ import annotations

import contextlib
import json
import os
import re
import signal
import subprocess
import sys
import time
import urllib.error
import urllib.request
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from cxwidgets.cli import main
from cxwidgets.qr import qr_svg, qr_text
from cxwidgets.resources import APPS, NOTEBOOKS, TEMPLATES
from cxwidgets.sample import create_sample
from cxwidgets.serve import (
    APP_NAMES,
    DEFAULTS,
    TEMPLATE,
    link_host,
    serve_env,
    voila_command,
    voila_env,
)
from cxwidgets.settings import Settings
from cxwidgets.store import Store
from cxwidgets.testing import (
    HOSTILE_URL,
    Visitor,
    decode,
    free_port,
    hears_ctrl_c,
    kit_server_command,
    qr_in,
    run_in_terminal,
    text_to_pixels,
    voila_server,
)

URL = "http://192.168.1.20:8866/voila/render/participant.ipynb?code=K7Q2MZ"
TEMPLATE_DIR = TEMPLATES / "voila" / "templates" / TEMPLATE


def flag(cmd: list[str], name: str) -> str | None:
    values = [a.split("=", 1)[1] for a in cmd if a.startswith(f"--{name}=")]
    return values[-1] if values else None


def in_voila_env(code: str, env: dict[str, str]) -> str:
    """Run Python in a fresh process with `env`, as Voila would be started."""
    return subprocess.run([sys.executable, "-c", code], env=env, capture_output=True,
                          text=True, check=True).stdout.strip()


# -- the command line --------------------------------------------------------------------

def test_command_serves_only_the_apps_with_the_kits_template():
    cmd = voila_command(9999)
    assert cmd[3] == str(APPS)
    assert flag(cmd, "template") == "cxwidgets"
    assert flag(cmd, "Voila.ip") == "127.0.0.1" and flag(cmd, "port") == "9999"
    assert flag(cmd, "strip_sources") == "True" and flag(cmd, "show_tracebacks") == "False"
    # a visitor cannot swap in another template (the lab one loads fonts from a CDN)
    assert flag(cmd, "VoilaConfiguration.allow_template_override") == "NO"
    assert flag(cmd, "VoilaConfiguration.allow_theme_override") == "NO"
    assert "--show_tracebacks" not in flag(cmd, "VoilaExecutor.cell_error_instruction")


def test_kernels_follow_their_pages_and_idle_ones_are_reclaimed():
    cmd = voila_command(9999)
    assert flag(cmd, "VoilaConfiguration.multi_kernel_manager_class") == \
        "cxwidgets.server.kernels.RoomKernelManager"
    assert float(flag(cmd, "RoomKernelManager.page_gone_timeout")) == DEFAULTS.page_gone == 120
    # culling rounds come often enough for the page-gone limit to hold
    assert 0 < int(flag(cmd, "MappingKernelManager.cull_interval")) <= DEFAULTS.page_gone / 10
    # a kernel that never had a page: the long idle rule, never one that is connected
    assert int(flag(cmd, "MappingKernelManager.cull_idle_timeout")) >= 600
    assert flag(cmd, "MappingKernelManager.cull_connected") == "False"
    assert flag(cmd, "preheat_kernel") is None
    quick = voila_command(9999, page_gone_s=20)
    assert float(flag(quick, "RoomKernelManager.page_gone_timeout")) == 20
    assert int(flag(quick, "MappingKernelManager.cull_interval")) == 1


def test_preheating_pools_kernels_for_the_room_and_the_facilitator():
    cmd = voila_command(9999, preheat=3, room_size=40)
    assert flag(cmd, "preheat_kernel") == "True" and flag(cmd, "pool_size") == "3"
    assert flag(cmd, "RoomKernelManager.room_size") == "40"
    # the facilitator's notebook is pre-heated too (a pool of one, see cxwidgets.server.kernels);
    # the customers' app gets no pool (see cxwidgets.server.kernels)
    assert flag(cmd, "VoilaKernelManager.preheat_denylist") is None
    # kept long: a pooled kernel handed out must not be culled before its page connects
    assert int(flag(cmd, "MappingKernelManager.cull_idle_timeout")) >= 600


@pytest.mark.parametrize("argv, says", [
    (["--room-size", "30", "--preheat", "0"], "needs --preheat"),
    (["--room-size", "-3"], "0 or more"),
])
def test_serve_refuses_a_room_it_cannot_keep_warm(tmp_path, capsys, argv, says):
    assert main(["serve", "--db", str(tmp_path / "w.sqlite"), *argv]) == 2
    err = capsys.readouterr().err
    assert says in err and "Traceback" not in err
    assert not (tmp_path / "w.sqlite").exists()  # refused before anything was opened


def test_apps_folder_links_the_two_apps_and_nothing_else():
    assert sorted(p.name for p in APPS.iterdir()) == sorted(APP_NAMES)
    for name in APP_NAMES:
        assert (APPS / name).resolve() == (NOTEBOOKS / name).resolve()
        assert json.loads((APPS / name).read_text())["cells"]
    assert (NOTEBOOKS / "segment_report.ipynb").exists()  # there, but not served


def test_link_host_gives_phones_an_address_they_can_open():
    assert link_host("127.0.0.1") == "127.0.0.1"
    assert link_host("192.168.1.20") == "192.168.1.20"
    assert link_host("0.0.0.0") not in {"0.0.0.0", ""}


# -- the template, as Voila finds it -----------------------------------------------------

def test_voila_finds_the_template_in_the_checkout():
    paths = json.loads(in_voila_env(
        "import json; from voila.paths import collect_template_paths as c; "
        f"print(json.dumps(c(['voila', 'nbconvert'], {TEMPLATE!r}, prune=True)))",
        voila_env()))
    assert paths[0] == str(TEMPLATE_DIR)
    # built on Voila's lab template, which comes from the environment as usual
    assert any(p.endswith(os.path.join("voila", "templates", "lab")) for p in paths)


def test_voila_keeps_its_own_data_folder():
    """Themes and schemas still come from the environment, not from templates/."""
    code = "from voila.utils import get_data_dir; print(get_data_dir())"
    plain = in_voila_env(code, {k: v for k, v in os.environ.items() if k != "JUPYTER_PATH"})
    assert in_voila_env(code, voila_env()) == plain
    assert not plain.startswith(str(TEMPLATES))


def test_serve_env_points_kernels_at_the_store(tmp_path):
    env = serve_env(tmp_path / "w.sqlite", host="0.0.0.0")
    assert env["CXWIDGETS_DB"] == str(tmp_path / "w.sqlite")
    assert env["VOILA_APP_IP"] == "127.0.0.1"
    assert str(TEMPLATES) in env["JUPYTER_PATH"].split(os.pathsep)
    assert serve_env(tmp_path / "w.sqlite", host="10.1.2.3")["VOILA_APP_IP"] == "10.1.2.3"
    # the QR code on the facilitator's page carries an address a phone can reach
    assert env["CXWIDGETS_LINK_HOST"] not in ("0.0.0.0", "")
    assert serve_env(tmp_path / "w.sqlite", host="10.1.2.3")["CXWIDGETS_LINK_HOST"] == "10.1.2.3"


def test_template_loads_nothing_from_the_internet():
    for path in TEMPLATE_DIR.rglob("*"):
        if path.is_file():
            text = path.read_text()
            assert not re.search(r"(https?:)?//[a-z0-9.-]+\.[a-z]{2,}/", text, re.I), path


# -- a real server -----------------------------------------------------------------------

@pytest.fixture(scope="module")
def server(tmp_path_factory):
    folder = tmp_path_factory.mktemp("serve")
    db = folder / "w.sqlite"
    with Store(db) as store:
        create_sample(store, db)
    port = free_port()
    with voila_server(kit_server_command(db, port), port, folder / "voila.log") as s:
        yield s


def get(url: str) -> tuple[int, str]:
    try:
        with urllib.request.urlopen(url, timeout=60) as response:
            return response.status, response.read().decode()
    except urllib.error.HTTPError as error:
        return error.code, error.read().decode()


def test_home_page_lists_no_notebooks(server):
    status, page = get(server.url + "/")
    assert status == 200
    assert "Journey-mapping workshop" in page and "QR code" in page
    assert ".ipynb" not in page and "Voil" not in page


def test_only_the_apps_can_be_opened(server):
    status, page = get(server.url + "/voila/render/segment_report.ipynb")
    assert status == 404 and "This page does not exist" in page
    assert "Voil" not in page and "cdn" not in page.lower()
    assert get(server.url + "/voila/files/facilitator.ipynb")[0] in {403, 404}


def test_a_page_that_does_not_exist_says_so_in_the_language_of_its_link(server):
    status, page = get(server.url + "/voila/render/nothing.ipynb?code=ABC&lang=de")
    assert status == 404 and "This page does not exist" in page  # without JavaScript
    tables = json.loads(re.search(r"var tables = (\{.*?\});\n", page).group(1))
    assert tables["de"]["This page does not exist"] == "Diese Seite gibt es nicht"
    assert tables["fr"]["Something went wrong"] == "Un problème est survenu"


def test_app_page_is_the_kits_even_when_asked_for_another_template(server):
    status, page = Visitor().open(
        server.url + "/voila/render/participant.ipynb?template=lab&theme=dark")
    assert status == 200
    assert "Opening the workshop…" in page
    assert '<meta name="viewport" content="width=device-width, initial-scale=1">' in page
    assert not re.search(r"(src|href)=[\"']?(https?:)?//", page)
    assert "cdn." not in page and "fontawesome" not in page.lower()
    assert "mermaid" not in page.lower() and "/mathjax" not in page.lower()
    assert "participant_app(" not in page  # sources stripped
    assert "theme-light" in page


def participant_kernels(server) -> set[int]:
    import psutil

    found = set()
    for proc in psutil.Process(server.process.pid).children(recursive=True):
        with contextlib.suppress(psutil.NoSuchProcess, psutil.ZombieProcess):
            if "ipykernel" in " ".join(proc.cmdline()):
                found.add(proc.pid)
    return found


def settle(count, expected, timeout: float = 120.0):
    """Wait until `count()` is `expected` (kernels start and stop asynchronously)."""
    deadline = time.monotonic() + timeout
    while (value := count()) != expected and time.monotonic() < deadline:
        time.sleep(0.5)
    return value


def test_the_warm_pool_follows_the_room(tmp_path):
    """With --room-size 3, the whole room is warm before it arrives, every arrival gets a
    kernel that was ready, and once the room is in only the usual pool is kept."""
    db = tmp_path / "w.sqlite"
    with Store(db) as store:
        code = create_sample(store, db).join_code
    port = free_port()
    cmd = [*kit_server_command(db, port), "--preheat", "1", "--room-size", "3"]
    with voila_server(cmd, port, tmp_path / "voila.log") as server:
        count = lambda: len(participant_kernels(server))  # noqa: E731
        assert settle(count, 3 + 1) == 3 + 1  # the room, and the facilitator's kernel
        pages = [Visitor().open(f"{server.url}/voila/render/participant.ipynb?code={code}")
                 for _ in range(3)]
        assert [status for status, _ in pages] == [200] * 3
        assert all("widget-view+json" in page for _, page in pages)  # the app, not blank
        kernel_ids = {re.search(r'"kernelId": "([0-9a-f-]+)"', page).group(1)
                      for _, page in pages}
        assert len(kernel_ids) == 3
        # three seated, the usual one warm for a latecomer, the facilitator's
        assert settle(count, 3 + 1 + 1) == 3 + 1 + 1
        log = server.log.read_text()
    assert log.count("Using pre-heated kernel") == 3  # nobody waited for a kernel to start


# -- QR codes ----------------------------------------------------------------------------

@pytest.mark.parametrize("color", [False, True])
def test_terminal_qr_decodes_to_the_link(color):
    drawn = qr_text(URL, color=color)
    assert decode(text_to_pixels(drawn)) == [URL]
    lines = drawn.splitlines()
    assert len({len(re.sub(r"\x1b\[[0-9;]*m", "", line)) for line in lines}) == 1
    assert len(lines) <= 30  # fits a laptop terminal
    assert all(line.startswith("\x1b[") for line in lines) == color


def test_svg_qr_is_well_formed_and_titles_the_url_as_text():
    svg = qr_svg(HOSTILE_URL)
    root = ET.fromstring(svg)  # well-formed, hostile characters escaped
    assert root.tag == "svg" and root.get("class") == "cx-qr" and root.get("viewBox")
    assert root.find("title").text == HOSTILE_URL
    assert "<script" not in svg and "<b>" not in svg
    assert int(root.get("width")) == int(root.get("viewBox").split()[2]) * 6


@pytest.mark.parametrize("bad", ["", "   "])
def test_qr_needs_a_url(bad):
    with pytest.raises(ValueError):
        qr_text(bad)
    with pytest.raises(ValueError):
        qr_svg(bad)


# -- the CLI prints the link and, on a terminal, the QR code ------------------------------

def test_new_prints_the_participant_link(db, capsys):
    assert main(["new", "--db", str(db), "--title", "Claims", "--host", "10.0.0.7",
                 "--port", "9000"]) == 0
    out = dict(line.split(": ", 1) for line in capsys.readouterr().out.splitlines())
    assert out["participant link"] == (
        f"http://10.0.0.7:9000/voila/render/participant.ipynb?code={out['join code']}")


def test_new_draws_the_qr_code_on_a_terminal(db):
    out = run_in_terminal([sys.executable, "-m", "cxwidgets.cli", "new", "--db", str(db),
                           "--title", "Claims"])
    link = re.search(r"participant link: (\S+)", out).group(1)
    assert decode(text_to_pixels(qr_in(out))) == [link]


def test_serve_prints_both_links_and_the_qr_code(tmp_path):
    db = tmp_path / "w.sqlite"
    with Store(db) as store:
        created = create_sample(store, db)
    out = run_in_terminal(kit_server_command(db, free_port()), until="Only this computer")
    assert f"workshop={created.id}" in out and f"token={created.token}" in out
    link = re.search(r"participant link: (\S+)", out).group(1)
    assert link.endswith(f"participant.ipynb?code={created.join_code}")
    assert decode(text_to_pixels(qr_in(out))) == [link]


def test_serve_hands_its_settings_to_voila_and_its_kernels(tmp_path, monkeypatch):
    """Options and the config file reach the Voila command and, whole, every kernel."""
    seen = {}
    monkeypatch.setattr("os.execve", lambda path, cmd, env: seen.update(cmd=cmd, env=env))
    config = tmp_path / "cx.toml"
    config.write_text("poll_interval = 2.5\npage_gone = 60\n")
    assert main(["serve", "--db", str(tmp_path / "w.sqlite"), "--config", str(config),
                 "--preheat", "5", "--edit-rate", "5/10second"]) == 0
    assert flag(seen["cmd"], "pool_size") == "5"
    assert float(flag(seen["cmd"], "RoomKernelManager.page_gone_timeout")) == 60
    kernel = Settings.load(environ=seen["env"])
    assert (kernel.poll_interval, kernel.preheat, kernel.page_gone, kernel.edit_rate) == (
        2.5, 5, 60, "5/10second")


@pytest.mark.parametrize("argv, says", [
    (["--poll-interval", "0"], "poll_interval: Input should be greater than 0"),
    (["--preheat", "-1"], "preheat: Input should be greater than or equal to 0"),
    (["--config", "nope.toml"], "no config file"),
])
def test_serve_refuses_bad_settings_with_their_names(tmp_path, capsys, argv, says):
    assert main(["serve", "--db", str(tmp_path / "w.sqlite"), *argv]) == 2
    err = capsys.readouterr().err
    assert says in err and "Traceback" not in err


def test_stopping_the_server_prints_no_traceback(tmp_path):
    """Ctrl-C while pre-heated kernels wait for visitors and one page is open: the server
    and its kernels stop without a traceback (a pre-heated kernel used to print ZMQ's)."""
    db = tmp_path / "w.sqlite"
    with Store(db) as store:
        created = create_sample(store, db)
    port = free_port()
    log = tmp_path / "serve.log"
    with log.open("wb") as out:
        proc = subprocess.Popen(kit_server_command(db, port), stdout=out,
                                stderr=subprocess.STDOUT, start_new_session=True,
                                preexec_fn=hears_ctrl_c)
    try:
        deadline = time.monotonic() + 120
        while "is filled" not in log.read_text() and time.monotonic() < deadline:
            assert proc.poll() is None, log.read_text()
            time.sleep(0.5)
        status, page = Visitor().open(f"http://127.0.0.1:{port}/voila/render/"
                                      f"participant.ipynb?code={created.join_code}")
        assert status == 200 and "Traceback" not in page
        time.sleep(2)  # the pool makes a new kernel for the next visitor
    finally:
        os.killpg(proc.pid, signal.SIGINT)  # what Ctrl-C in the terminal sends
        proc.wait(timeout=60)
    text = log.read_text()
    assert "Kernel shutdown" in text and "Stopping" in text
    assert "Traceback" not in text and "ZMQError" not in text, text[-3000:]


def test_a_runtime_folder_too_long_for_kernel_sockets_is_replaced(tmp_path, monkeypatch):
    """Kernels talk over Unix sockets in Jupyter's runtime folder, whose paths may not pass
    107 characters: under a long data folder the servers are given a short one."""
    from cxwidgets.lab import lab_env
    from cxwidgets.resources import SOCKET_PATH_MAX, with_short_runtime_dir
    from cxwidgets.serve import voila_env

    deep = tmp_path / ("a-long-home-folder-" * 4) / "jupyter" / "runtime"
    monkeypatch.setenv("JUPYTER_RUNTIME_DIR", str(deep))
    for env in (voila_env(), lab_env(tmp_path, tmp_path / "w.sqlite")):
        short = env["JUPYTER_RUNTIME_DIR"]
        assert short != str(deep)
        socket = f"{short}/kernel-2fb29959-bb4c-4572-8217-a1bd2eb7278b-ipc-4"
        assert len(socket) <= SOCKET_PATH_MAX and Path(short).is_dir()
    monkeypatch.setenv("JUPYTER_RUNTIME_DIR", "/tmp/rt")  # short enough: kept
    assert with_short_runtime_dir({"X": "1"}) == {"X": "1"}
