"""`cxwidgets lab`: the facilitator notebook in a real JupyterLab, run and stepped through.

JupyterLab is started the way `cxwidgets lab` starts it (`lab.prepare`, `lab.lab_command`,
`lab.lab_env`) on the browser tests' kit store, while the kit's own `cxwidgets serve` for
that store is running: the facilitator's page in JupyterLab must then show the
participants' link to that server with its QR code. Chromium opens the notebook, runs it
from the Run menu as a person would, walks to the map with Next and sees it drawn; the
news pop-up never appears and the packaged notebooks are not touched.
"""

from __future__ import annotations

import hashlib
import os
import subprocess
from pathlib import Path

import pytest
from playwright.sync_api import expect

from cxwidgets import lab
from cxwidgets.method.steps import step
from cxwidgets.resources import NOTEBOOKS
from cxwidgets.store import Editor, Store
from cxwidgets.testing import free_port, wait_for_http

pytestmark = [pytest.mark.browser, pytest.mark.timeout(400)]

TOKEN = "cx-lab-test"


def digest(folder: Path) -> dict[str, str]:
    return {p.name: hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.glob("*.ipynb"))}


@pytest.fixture
def jupyterlab(kit, tmp_path):
    """JupyterLab as `cxwidgets lab` starts it, on copies of the notebooks in tmp_path."""
    folder = lab.prepare(tmp_path / "notebooks").folder
    port = free_port()
    env = {**lab.lab_env(folder, kit.db), "JUPYTER_TOKEN": TOKEN}
    log = tmp_path / "lab.log"
    with log.open("wb") as out:
        proc = subprocess.Popen(lab.lab_command(folder, port, open_browser=False), env=env,
                                stdout=out, stderr=subprocess.STDOUT, start_new_session=True)
    try:
        wait_for_http(f"http://127.0.0.1:{port}/api/status?token={TOKEN}", process=proc,
                      log=log)
        yield folder, f"http://127.0.0.1:{port}"
    finally:
        os.killpg(proc.pid, 15)
        proc.wait(timeout=30)


def test_prepare_copies_the_notebooks_and_keeps_a_changed_copy(tmp_path):
    before = digest(NOTEBOOKS)
    ready = lab.prepare(tmp_path / "work")
    assert set(ready.copied) == set(lab.LAB_NOTEBOOKS) and ready.kept == ()
    mine = ready.folder / "facilitator.ipynb"
    mine.write_text(mine.read_text() + "\n")  # the facilitator changed their copy
    again = lab.prepare(tmp_path / "work")
    assert again.copied == () and "facilitator.ipynb" in again.kept
    assert mine.read_text().endswith("\n\n")  # kept as they left it
    assert digest(NOTEBOOKS) == before  # the kit's own never change
    config = (ready.folder / lab.CONFIG_DIR / "labconfig" / "page_config.json").read_text()
    assert lab.NEWS_PLUGIN in config


def test_lab_command_runs_as_root_and_opens_the_facilitator_notebook(tmp_path):
    cmd = lab.lab_command(tmp_path, 8899, open_browser=False)
    assert "--LabApp.default_url=/lab/tree/facilitator.ipynb" in cmd and "--no-browser" in cmd
    assert ("--allow-root" in cmd) == (os.geteuid() == 0)
    env = lab.lab_env(tmp_path, "claims.sqlite")
    assert env["CXWIDGETS_DB"] == "claims.sqlite"
    assert env["JUPYTER_CONFIG_PATH"].split(os.pathsep)[0] == str(tmp_path / lab.CONFIG_DIR)


def test_no_link_when_no_server_runs_for_the_store(tmp_path):
    assert lab.served_link(lab.store_name(tmp_path / "nobody.sqlite"), "K7Q2MZ") is None
    lab.announce(lab.store_name(tmp_path / "gone.sqlite"), "127.0.0.1", free_port())
    assert lab.served_link(lab.store_name(tmp_path / "gone.sqlite"), "K7Q2MZ") is None


def test_the_facilitator_notebook_runs_in_jupyterlab_and_shows_the_map(kit, jupyterlab,
                                                                       browser, artefacts,
                                                                       tmp_path):
    folder, url = jupyterlab
    packaged = digest(NOTEBOOKS)
    with Store(kit.db) as store:  # the room is on step 1
        Editor.facilitator(store, kit.created.id, kit.created.token).open_step("frame")
    page = browser.new_page()
    page.set_viewport_size({"width": 1440, "height": 900})
    page.set_default_timeout(90_000)
    try:
        page.goto(f"{url}/lab/tree/facilitator.ipynb?token={TOKEN}")
        page.locator(".jp-Notebook .jp-Cell").first.wait_for()
        # the kernel is connected once the status bar names it and says it is idle
        # (a kernel's first start on a busy machine can take minutes: the wait is long)
        page.locator(".jp-StatusBar-Widget", has_text="| Idle").first.wait_for(
            timeout=240_000)
        page.locator("li.lm-MenuBar-item", has_text="Run").click()
        page.locator("li.lm-Menu-item[data-command='runmenu:run-all']").click()
        shown = page.locator(".cx-stepper, .cx-app-error, .jp-OutputArea-output[data-mime-type"
                             "='application/vnd.jupyter.stderr']").first
        try:
            shown.wait_for()
        finally:
            page.screenshot(path=str(artefacts / "jupyterlab-step-1.png"))
        assert page.locator(".cx-stepper").count() == 1, shown.inner_text()
        banner = page.locator(".cx-banner")
        expect(banner.locator(".cx-join-code-shown")).to_have_text(kit.created.join_code)
        expect(banner.locator(".cx-link")).to_have_text(kit.participant_url())  # serve runs
        expect(banner.locator("svg.cx-qr")).to_be_visible()
        for n in range(2, step("map").number + 1):
            page.locator("button.cx-next").click()
            expect(page.locator(".cx-heading")).to_contain_text(f"Step {n} of 16",
                                                                timeout=30_000)
        chart = page.locator(".cx-step-map .cx-journey-map svg.marks")
        chart.wait_for()
        for stage in ("Awareness", "Delivery", "Renewal"):
            expect(chart.locator("text").filter(has_text=stage).first).to_be_attached()
        page.locator(".cx-step-map").scroll_into_view_if_needed()
        page.screenshot(path=str(artefacts / "jupyterlab-map.png"))
        assert page.get_by_text("official Jupyter news").count() == 0  # no news pop-up
        assert "Traceback" not in page.locator(".jp-Notebook").inner_text()
    finally:
        page.close()
    assert digest(NOTEBOOKS) == packaged
    assert (folder / "facilitator.ipynb").exists()
    # nothing in JupyterLab's log that the facilitator could not act on (each of these
    # was printed on every start or opening before)
    log = (tmp_path / "lab.log").read_text()
    for noise in ("is not trusted", "without encryption", "DeprecationWarning",
                  "cannot be longer than the websocket_ping_interval"):
        assert noise not in log, log[-3000:]


def test_lab_trusts_its_copies_and_keeps_voila_out(tmp_path):
    """The copies the kit makes are signed (JupyterLab warned "not trusted" on every
    opening); kernels talk over IPC; Voila's server extension is not loaded."""
    import json

    import nbformat
    from nbformat.sign import NotebookNotary

    ready = lab.prepare(tmp_path / "work")
    for name in ready.copied:
        nb = nbformat.read(ready.folder / name, as_version=4)
        assert NotebookNotary().check_signature(nb), name
    server = json.loads((ready.folder / lab.CONFIG_DIR / "jupyter_server_config.json")
                        .read_text())
    assert server["ServerApp"]["jpserver_extensions"] == {"voila.server_extension": False}
    assert "--KernelManager.transport=ipc" in lab.lab_command(ready.folder, 8899)
