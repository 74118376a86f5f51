"""What reports read: checked up front, shipped to workers as one bundle, written once."""

from __future__ import annotations

import threading

import pytest

from cxwidgets.batch import Inputs, Job, run_batch
from cxwidgets.batch.inputs import Bundle
from cxwidgets.cli import main
from cxwidgets.exceptions import ParameterError
from cxwidgets.resources import SAMPLE_WORKSHOP


def test_the_bundle_carries_every_input_and_its_digest_follows_the_bytes(evidence):
    inputs = Inputs(evidence, SAMPLE_WORKSHOP)
    bundle = inputs.bundle()
    assert sorted(bundle.evidence) == sorted(p.name for p in evidence.iterdir())
    assert bundle.evidence["support_tickets.csv"] == (evidence / "support_tickets.csv").read_bytes()
    assert bundle.workshop == SAMPLE_WORKSHOP.read_bytes()
    assert bundle.notebook == inputs.notebook.read_bytes()
    assert bundle.size > len(bundle.workshop)
    assert inputs.bundle().digest == bundle.digest
    changed = dict(bundle.evidence, **{"tagging.yaml": bundle.evidence["tagging.yaml"] + b"#"})
    assert Bundle.of(changed, bundle.workshop_name, bundle.workshop,
                     bundle.notebook).digest != bundle.digest
    renamed = {"sub/" + k: v for k, v in bundle.evidence.items()}
    assert Bundle.of(renamed, bundle.workshop_name, bundle.workshop,
                     bundle.notebook).digest != bundle.digest


def test_a_worker_writes_the_bundle_once_however_many_reports_start_together(evidence,
                                                                            tmp_path):
    bundle = Inputs(evidence, SAMPLE_WORKSHOP).bundle()
    found: list[tuple] = []
    threads = [threading.Thread(target=lambda: found.append(bundle.materialise(tmp_path)))
               for _ in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert len(set(found)) == 1 and [p.name for p in tmp_path.iterdir()] == [bundle.digest]
    notebook, folder, workshop = found[0]
    assert notebook.read_bytes() == bundle.notebook
    assert workshop.name == SAMPLE_WORKSHOP.name and workshop.read_bytes() == bundle.workshop
    assert {p.name: p.read_bytes() for p in folder.iterdir()} == bundle.evidence


def test_missing_inputs_are_refused_before_any_report_runs(tmp_path, evidence, capsys):
    with pytest.raises(ParameterError, match=r"the evidence folder .*nowhere does not exist"):
        run_batch([Job("Students")], Inputs(tmp_path / "nowhere", SAMPLE_WORKSHOP), tmp_path)
    assert main(["run", "--segment", "Students", "--evidence", str(evidence),
                 "--workshop", str(tmp_path / "gone.json"), "-o", str(tmp_path / "out")]) == 2
    assert "the workshop file" in capsys.readouterr().err
    assert not (tmp_path / "out").exists()


def test_a_bank_folder_that_cannot_be_made_is_a_clear_error(tmp_path, evidence, capsys):
    (tmp_path / "taken").write_text("a file, not a folder")
    assert main(["run", "--segment", "Students", "--evidence", str(evidence),
                 "-o", str(tmp_path / "taken" / "bank")]) == 2
    assert "cannot make the bank's folder" in capsys.readouterr().err
