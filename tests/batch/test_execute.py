"""One report made here: the executed notebook names the analyst's paths; a stop kills it."""

from __future__ import annotations

import nbformat
import psutil
import pytest

from cxwidgets.batch import CANCELLED, LOG, NOTEBOOK, Job
from cxwidgets.batch.execute import _localise, make_report
from cxwidgets.batch.inputs import REPORT, Sources
from cxwidgets.resources import SAMPLE_WORKSHOP

JOB = Job("Students", "Classic box")


def test_the_notebook_and_log_name_the_bank_not_the_scratch_folder(tmp_path):
    scratch, bank = tmp_path / "worker" / "scratch", tmp_path / "bank" / JOB.name
    here = Sources(scratch / "in.ipynb", scratch / "evidence", scratch / "w.json", scratch / "out")
    published = Sources(REPORT, tmp_path / "feedback", SAMPLE_WORKSHOP, bank)
    here.output_dir.mkdir(parents=True)
    nb = nbformat.v4.new_notebook(metadata={"papermill": {"parameters": here.parameters(JOB)}})
    injected = nbformat.v4.new_code_cell(f'output_dir = "{here.output_dir}"')
    injected.metadata["tags"] = ["injected-parameters"]
    shown = nbformat.v4.new_code_cell("summary", outputs=[nbformat.v4.new_output(
        "display_data", {"text/markdown": f"Exports in `{here.output_dir}`, read from "
                                          f"`{here.evidence_dir}/tickets.csv`"})])
    nb.cells = [injected, shown]
    nbformat.write(nb, here.output_dir / NOTEBOOK)
    (here.output_dir / LOG).write_text(f"Output Notebook: {here.output_dir}/{NOTEBOOK}\n")

    _localise(JOB, here, published)
    done = nbformat.read(here.output_dir / NOTEBOOK, as_version=4)
    assert done.metadata.papermill.parameters == published.parameters(JOB)
    assert done.metadata.papermill.input_path == str(REPORT)
    assert f'output_dir = "{bank}"' in done.cells[0].source
    assert done.cells[0].source.startswith("# Parameters")
    assert done.cells[1].outputs[0].data["text/markdown"] == (
        f"Exports in `{bank}`, read from `{tmp_path / 'feedback'}/tickets.csv`")
    assert (here.output_dir / LOG).read_text() == f"Output Notebook: {bank}/{NOTEBOOK}\n"


class StopAtOnce:
    def wait(self, timeout: float) -> bool:
        return True


@pytest.mark.notebook
def test_a_stop_kills_the_report_kernel_and_nothing_comes_back(tmp_path, evidence):
    here = Sources(REPORT, evidence, SAMPLE_WORKSHOP, tmp_path / "scratch" / "out")
    before = {p.pid for p in psutil.Process().children(recursive=True)}
    outcome = make_report(JOB, here, here, StopAtOnce())
    assert outcome.status == CANCELLED and outcome.files == {}
    left = [p for p in psutil.Process().children(recursive=True) if p.pid not in before]
    assert psutil.wait_procs(left, timeout=10)[1] == []


@pytest.mark.notebook
def test_a_report_kernel_prints_nothing_the_analyst_cannot_act_on(tmp_path, evidence, capfd):
    """Every report's kernel used to warn on the terminal that it ran "over TCP without
    encryption": it talks over IPC sockets now, in a folder that goes with the report."""
    import tempfile
    from pathlib import Path

    from cxwidgets.batch import OK

    before = set(Path(tempfile.gettempdir()).glob("cxk-*"))
    here = Sources(REPORT, evidence, SAMPLE_WORKSHOP, tmp_path / "scratch" / "out")
    outcome = make_report(JOB, here, here)
    assert outcome.status == OK, outcome.error
    printed = capfd.readouterr()
    assert "without encryption" not in printed.out + printed.err
    assert "IPKernelApp" not in printed.out + printed.err  # the kernel speaks to its log
    assert set(Path(tempfile.gettempdir()).glob("cxk-*")) <= before
