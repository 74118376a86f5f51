"""The kit as a user installs it: built into an sdist, then a wheel from that sdist,
installed (not editable) into a fresh virtual environment and run from an empty folder.

The fresh environment reuses the dependencies already installed for the tests (a `.pth`
file points at their site-packages, and `JUPYTER_PATH` at their Jupyter data, where Voila's
and nbconvert's own templates are), so nothing is downloaded; the kit itself comes only
from the wheel. Each command runs with no PYTHONPATH, from a folder of its own, with a home
folder of its own, as on a new user's machine.
"""

from __future__ import annotations

import hashlib
import os
import re
import subprocess
import sys
import sysconfig
import tarfile
import zipfile
from dataclasses import dataclass
from pathlib import Path

import pytest

from cxwidgets.starters import names as starter_names
from cxwidgets.testing import (
    free_port,
    look_at,
    wait_for_http,
)

ROOT = Path(__file__).resolve().parent.parent
#: Files the kit cannot run without, as they sit in the wheel.
NEEDED = (
    "cxwidgets/_data/notebooks/facilitator.ipynb",
    "cxwidgets/_data/notebooks/participant.ipynb",
    "cxwidgets/_data/notebooks/segment_report.ipynb",
    "cxwidgets/_data/templates/apps/facilitator.ipynb",
    "cxwidgets/_data/templates/apps/participant.ipynb",
    "cxwidgets/_data/templates/voila/templates/cxwidgets/index.html.j2",
    "cxwidgets/_data/templates/journeys/online_retail.yaml",
    "cxwidgets/_data/templates/pages/poster.html.j2",
    "cxwidgets/_data/templates/pages/bank_index.html.j2",
    "cxwidgets/_data/sample_data/sample_workshop.json",
    "cxwidgets/_data/sample_data/sample_workshop.as_is.json",
    "cxwidgets/_data/sample_data/feedback/tagging.yaml",
    "cxwidgets/_data/sample_data/feedback/support_tickets.csv",
    "cxwidgets/store/migrations/env.py",
    "cxwidgets/widgets/static/Sortable.min.js",
    "cxwidgets/widgets/static/Sortable.LICENSE",
    "cxwidgets/widgets/static/lane_board.js",
    "cxwidgets/widgets/static/emotion_curve.js",
    "cxwidgets/store/migrations/versions/0001_baseline.py",
    "cxwidgets/store/migrations/versions/0002_event_versions.py",
    "cxwidgets/store/migrations/versions/0003_personal_words.py",
    "cxwidgets/export/cjml.xsd",
    "cxwidgets/locale/cxwidgets.pot",
    "cxwidgets/locale/de/LC_MESSAGES/cxwidgets.po",
    "cxwidgets/locale/de/LC_MESSAGES/cxwidgets.mo",
    "cxwidgets/locale/fr/LC_MESSAGES/cxwidgets.po",
    "cxwidgets/locale/fr/LC_MESSAGES/cxwidgets.mo",
)


@dataclass
class Installed:
    wheel: Path
    sdist: Path
    python: Path
    cxwidgets: Path
    home: Path
    env: dict[str, str]

    def run(self, *args: str, cwd: Path, timeout: float = 300) -> subprocess.CompletedProcess:
        done = subprocess.run([str(self.cxwidgets), *args], cwd=cwd, env=self.env,
                              capture_output=True, text=True, timeout=timeout)
        assert done.returncode == 0, f"cxwidgets {' '.join(args)}:\n{done.stdout}\n{done.stderr}"
        return done


def _check(cmd: list[str], **kwargs) -> subprocess.CompletedProcess:
    """Run `cmd`; on failure, say what it printed."""
    done = subprocess.run(cmd, capture_output=True, text=True, **kwargs)
    assert done.returncode == 0, f"{' '.join(cmd)}:\n{done.stdout}\n{done.stderr}"
    return done


def _build(out: Path) -> tuple[Path, Path]:
    """An sdist of the checkout, then a wheel built from that sdist alone."""
    env = {k: v for k, v in os.environ.items() if k != "PYTHONPATH"}
    _check([sys.executable, "-c", "import sys; from setuptools import build_meta as b; "
            "b.build_sdist(sys.argv[1])", str(out)], cwd=ROOT, env=env)
    sdist = next(out.glob("cxwidgets-*.tar.gz"))
    with tarfile.open(sdist) as tar:
        tar.extractall(out / "unpacked", filter="data")
    source = next((out / "unpacked").iterdir())
    _check([sys.executable, "-m", "pip", "wheel", "--quiet", "--no-deps",
            "--no-build-isolation", "--disable-pip-version-check", "-w", str(out),
            str(source)], env=env)
    return sdist, next(out.glob("cxwidgets-*.whl"))


@pytest.fixture(scope="module")
def installed(tmp_path_factory) -> Installed:
    base = tmp_path_factory.mktemp("wheel")
    sdist, wheel = _build(base / "dist")
    venv = base / "venv"
    subprocess.run([sys.executable, "-m", "venv", "--without-pip", str(venv)], check=True)
    python = venv / "bin" / "python"
    site = _check([str(python), "-c", "import sysconfig; "
                   "print(sysconfig.get_paths()['purelib'])"]).stdout.strip()
    _check([sys.executable, "-m", "pip", "--python", str(python), "install", "--quiet",
            "--no-deps", "--no-index", "--ignore-installed", "--disable-pip-version-check",
            str(wheel)])
    # then the tests' own environment, after the fresh one: dependencies only (its editable
    # install of the checkout is a .pth file there, which Python does not read this way)
    Path(site, "zz_reuse_dependencies.pth").write_text(sysconfig.get_paths()["purelib"] + "\n")
    home = base / "home"
    home.mkdir()
    env = {k: v for k, v in os.environ.items()
           if k not in {"PYTHONPATH", "CXWIDGETS_DB", "VIRTUAL_ENV"}
           and not k.startswith("XDG_")}
    env.update(HOME=str(home), PATH=f"{venv / 'bin'}{os.pathsep}{env.get('PATH', '')}",
               JUPYTER_PATH=str(Path(sys.prefix) / "share" / "jupyter"))
    return Installed(wheel, sdist, python, venv / "bin" / "cxwidgets", home, env)


def _digest(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def test_wheel_and_sdist_carry_the_kits_files_as_they_are_in_the_checkout(installed):
    with zipfile.ZipFile(installed.wheel) as whl:
        names = set(whl.namelist())
        missing = [n for n in NEEDED if n not in names]
        assert not missing, f"missing from the wheel: {missing}"
        data = [n for n in names if n.startswith("cxwidgets/_data/")]
        assert len(data) >= 30
        for name in data:  # one source: every copy is byte for byte the checkout's file
            original = ROOT / "cxwidgets" / Path(name).relative_to("cxwidgets")
            assert _digest(whl.read(name)) == _digest(original.resolve().read_bytes()), name
    with tarfile.open(installed.sdist) as tar:
        carried = {re.sub(r"^cxwidgets-[^/]+/", "", m.name) for m in tar.getmembers()}
    assert {n for n in NEEDED} <= carried


def test_the_installed_kit_speaks_german_and_french(installed, tmp_path):
    done = _check([str(installed.python), "-c", "from cxwidgets import language as l\n"
                   "for code in ('de', 'fr'):\n"
                   "    with l.speaking(code):\n"
                   "        print(l._('Join the workshop'), l.ngettext('touchpoint', "
                   "'touchpoints', 3), sep=' | ')"], cwd=tmp_path, env=installed.env)
    assert done.stdout.splitlines() == ["Dem Workshop beitreten | Kontaktpunkte",
                                        "Rejoindre l'atelier | points de contact"]


def test_the_installed_package_is_the_wheel_not_the_checkout(installed, tmp_path):
    done = _check([str(installed.python), "-c", "import cxwidgets, cxwidgets.resources as r; "
                   "print(cxwidgets.__file__); print(r.default_store())"],
                  cwd=tmp_path, env=installed.env)
    module, store = done.stdout.splitlines()
    assert Path(module).is_relative_to(installed.python.parent.parent), module
    assert not Path(module).is_relative_to(ROOT)
    assert Path(store).is_relative_to(installed.home)  # the platform's data folder
    help_text = _check([str(installed.python), "-m", "cxwidgets", "--help"], cwd=tmp_path,
                       env=installed.env).stdout
    assert "serve" in help_text and "export" in help_text


def test_the_installed_kit_upgrades_a_store_of_the_first_release(installed, tmp_path):
    import shutil

    store = tmp_path / "old.sqlite"
    shutil.copyfile(ROOT / "tests" / "store" / "golden" / "0.1.0" / "workshops.sqlite", store)
    out = installed.run("db", "upgrade", "--db", str(store), cwd=tmp_path).stdout
    assert "from version 1 to" in out
    listed = installed.run("list", "--db", str(store), cwd=tmp_path).stdout.splitlines()
    assert len(listed) == 5


def test_every_starter_journey_starts_a_workshop(installed, tmp_path):
    starters = starter_names()
    assert len(starters) >= 4
    for name in starters:
        out = installed.run("new", "--template", name, cwd=tmp_path).stdout
        assert f"started from the {name} journey" in out
        assert re.search(r"join code: [A-Z0-9]{6}", out)
    listed = installed.run("list", cwd=tmp_path).stdout.splitlines()
    assert len(listed) == len(starters)
    assert not list(tmp_path.iterdir()), "nothing is written into the working folder"


def test_sample_exports_and_a_bank_of_journeys_from_an_empty_folder(installed, tmp_path):
    out = installed.run("new", "--sample", cwd=tmp_path).stdout
    code = re.search(r"join code: (\S+)", out).group(1)
    installed.run("export", code, "-o", "report.md", cwd=tmp_path)
    installed.run("export", code, "-o", "map.png", cwd=tmp_path)
    installed.run("export", code, "-o", "poster.html", cwd=tmp_path)
    assert "# " in (tmp_path / "report.md").read_text(encoding="utf-8")
    assert "<h2>Action plan</h2>" in (tmp_path / "poster.html").read_text(encoding="utf-8")
    assert look_at(tmp_path / "map.png").inked > 0.05
    installed.run("run", "--segment", "all", "-o", "bank", cwd=tmp_path, timeout=600)
    index = (tmp_path / "bank" / "index.html").read_text(encoding="utf-8")
    maps = list((tmp_path / "bank").rglob("map.png"))
    assert maps and look_at(maps[0]).inked > 0.05
    assert maps[0].parent.name in index


@pytest.mark.browser
def test_serve_sample_answers_both_links_and_a_participant_joins(installed, tmp_path, people):
    port = free_port()
    log = tmp_path / "serve.log"
    with log.open("wb") as sink:
        server = subprocess.Popen([str(installed.cxwidgets), "serve", "--sample", "--port",
                                   str(port)], cwd=tmp_path, env=installed.env, stdout=sink,
                                  stderr=subprocess.STDOUT, start_new_session=True)
    try:
        wait_for_http(f"http://127.0.0.1:{port}/", process=server, log=log)
        printed = log.read_text()
        links = dict(re.findall(r"^(facilitator|participant) link: (\S+)$", printed, re.M))
        assert set(links) == {"facilitator", "participant"}, printed
        for url in links.values():
            wait_for_http(url, timeout=60)  # answers 200 (urlopen raises on an error)
        phone = people.new_context(viewport={"width": 375, "height": 812})
        page = phone.new_page()
        page.set_default_timeout(90_000)
        page.goto(links["participant"])
        page.locator(".cx-join-name input").fill("Noor")
        page.click("button.cx-join")
        heading = page.locator(".cx-room-step")
        heading.wait_for()
        assert re.match(r"Step \d+ of 16", heading.inner_text())
        phone.close()
    finally:
        os.killpg(server.pid, 15)
        server.wait(timeout=30)
