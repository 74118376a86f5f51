"""The README's command examples run, as written, on the sample.

Every `cxwidgets` line of the README's bash blocks is read from the README itself and run
in order in an empty folder whose store holds the sample (what `make run` makes), with
the README's placeholders filled in: join codes, a room exported elsewhere, a folder of
feedback exports. Only what cannot run here is left out, each for the reason given.
"""

from __future__ import annotations

import re
import shlex
import shutil
from pathlib import Path

import pandas as pd
import pytest

from cxwidgets.cli import main
from cxwidgets.resources import SAMPLE_AS_IS, SAMPLE_FEEDBACK
from cxwidgets.sample import create_sample
from cxwidgets.store import Store

README = Path(__file__).resolve().parent.parent / "README.md"
#: Lines the test leaves out, and why.
NOT_RUN = {
    "--cluster": "needs a Dask cluster",
    "run --all": "thirteen reports, minutes: `tests/batch` runs the same path on less data",
    "run --jobs": "the same as --segment, from a file",
}


def examples() -> list[str]:
    """Each `cxwidgets` command of the README's bash blocks (continued lines joined)."""
    blocks = re.findall(r"```bash\n(.*?)```", README.read_text(encoding="utf-8"), re.S)
    lines = [line for block in blocks for line in block.replace("\\\n", " ").splitlines()]
    return [line for line in lines if line.startswith(".venv/bin/cxwidgets ")]


def test_the_readme_has_examples_to_run():
    assert len(examples()) >= 15
    assert any("--version as-is" in line for line in examples())


@pytest.mark.notebook
def test_every_readme_example_runs_on_the_sample(tmp_path, monkeypatch, capsys):
    monkeypatch.chdir(tmp_path)
    monkeypatch.setattr("os.execve", lambda *a: None)  # serve and lab: checked, not started
    monkeypatch.setattr("cxwidgets.serve.port_taken", lambda host, port: False)
    # `link` asks the running server for its address: the one `serve` would have started
    # (asked through the links module, which holds its own name for the function)
    for where in ("cxwidgets.lab.running_server", "cxwidgets.links.running_server"):
        monkeypatch.setattr(where, lambda store: ("127.0.0.1", 8866))
    db = tmp_path / "var" / "workshops.sqlite"
    db.parent.mkdir()
    with Store(db) as store:  # two rooms of the same journey, as `make run` makes one
        room, other = create_sample(store, db), create_sample(store, db)
    shutil.copytree(SAMPLE_FEEDBACK, tmp_path / "exports")
    pd.read_excel(SAMPLE_FEEDBACK / "app_reviews.xlsx").to_csv(tmp_path / "exports" /
                                                              "reviews.csv", index=False)
    for name in ("tickets.csv", "tickets.mapping.yaml"):
        shutil.copy(SAMPLE_FEEDBACK / name.replace("tickets", "support_tickets"),
                    tmp_path / "exports" / name)
    shutil.copy(SAMPLE_AS_IS, tmp_path / "munich.json")
    placeholders = {"K7Q2MZ": room.join_code, "P4X8RT": other.join_code}
    ran = []
    for line in examples():
        if skip := next((why for words, why in NOT_RUN.items() if words in line), None):
            print(f"not run ({skip}): {line}")
            continue
        for placeholder, value in placeholders.items():
            line = line.replace(placeholder, value)
        argv = shlex.split(line, comments=True)[1:]
        status = main(argv)
        said = capsys.readouterr()
        assert status == 0, f"{line}\n{said.err}{said.out[-2000:]}"
        ran.append(argv[0])
    assert {"new", "evidence", "serve", "link", "lab", "export", "bank", "merge",
            "run"} <= set(ran)
    assert (tmp_path / "poster.html").exists() and (tmp_path / "map.png").exists()
