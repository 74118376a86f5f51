"""The Vega bundle is made by the first kernel on a machine and read by every later one."""

from __future__ import annotations

import altair as alt
import pytest

from cxwidgets.widgets import vega_bundle


@pytest.fixture
def fresh_chart_class(monkeypatch, tmp_path):
    """JupyterChart as a kernel that has drawn nothing yet has it (restored after), on a
    machine where no kernel has kept the bundle yet."""
    monkeypatch.setattr(alt.JupyterChart, "_esm", "online script", raising=False)
    monkeypatch.setattr(alt.JupyterChart, "_is_offline", False, raising=False)
    monkeypatch.setattr(vega_bundle, "user_data_dir", lambda: tmp_path)


def test_the_first_kernel_bundles_and_keeps_it_for_the_next(fresh_chart_class, monkeypatch):
    made = []

    def bundle_in_this_kernel(cls=alt.JupyterChart) -> None:
        made.append(1)
        cls._esm, cls._is_offline = "// vega " + "x" * vega_bundle.MIN_SIZE, True

    monkeypatch.setattr(alt.JupyterChart, "enable_offline", bundle_in_this_kernel)
    path = vega_bundle.bundle_path()
    assert not path.exists()
    vega_bundle.enable_offline()
    assert made == [1] and path.read_text() == alt.JupyterChart._esm
    # a later kernel: the file, not the engine
    monkeypatch.setattr(alt.JupyterChart, "_esm", "online script")
    monkeypatch.setattr(alt.JupyterChart, "_is_offline", False)
    vega_bundle.enable_offline()
    assert made == [1] and alt.JupyterChart._is_offline
    assert alt.JupyterChart._esm.startswith("// vega ")
    assert not list(path.parent.glob("*.part"))


def test_a_file_cut_short_is_made_again(fresh_chart_class, monkeypatch):
    path = vega_bundle.bundle_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("// cut")
    made = []

    def bundle_in_this_kernel(cls=alt.JupyterChart) -> None:
        made.append(1)
        cls._esm, cls._is_offline = "// whole " + "x" * vega_bundle.MIN_SIZE, True

    monkeypatch.setattr(alt.JupyterChart, "enable_offline", bundle_in_this_kernel)
    vega_bundle.enable_offline()
    assert made == [1] and path.read_text().startswith("// whole ")
