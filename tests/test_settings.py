"""Tunables declared once: defaults, config file, environment, options, and the README."""

from pathlib import Path

import pytest

from cxwidgets.exceptions import InvalidInput
from cxwidgets.settings import Settings, markdown_table

ROOT = Path(__file__).resolve().parent.parent


def test_defaults_then_file_then_environment_then_options(tmp_path):
    config = tmp_path / "cxwidgets.toml"
    config.write_text("poll_interval = 2.5\npreheat = 10\n")
    s = Settings.load(config, environ={"CXWIDGETS_PREHEAT": "40"}, cull_idle=120)
    assert (s.poll_interval, s.preheat, s.cull_idle, s.edit_rate) == (2.5, 40, 120,
                                                                       "30/10second")
    assert Settings.load(environ={}) == Settings()


def test_a_kernel_gets_its_servers_settings_whole():
    server = Settings.load(environ={}, preheat=12, poll_interval=0.5)
    assert Settings.load(environ=server.to_env()) == server


@pytest.mark.parametrize(("text", "message"), [
    ("preheat = -1", "preheat: Input should be greater than or equal to 0"),
    ("poll = 3", "names unknown settings poll; known: poll_interval"),
    ("preheat = ", "cannot read"),
    ('edit_rate = "lots"', "edit_rate: String should match pattern"),
])
def test_a_bad_config_file_says_what_and_where(tmp_path, text, message):
    config = tmp_path / "cxwidgets.toml"
    config.write_text(text)
    with pytest.raises(InvalidInput, match=message):
        Settings.load(config, environ={})


def test_a_named_config_file_must_exist(tmp_path):
    with pytest.raises(InvalidInput, match="no config file"):
        Settings.load(tmp_path / "nope.toml", environ={})


def test_a_bad_environment_value_is_named():
    with pytest.raises(InvalidInput, match="upload_mb"):
        Settings.load(environ={"CXWIDGETS_UPLOAD_MB": "lots"})


def test_every_setting_has_help_and_the_readme_lists_them_all():
    for name, field in Settings.model_fields.items():
        assert field.description and len(field.description) > 20, name
    table = markdown_table()
    assert table in (ROOT / "README.md").read_text(encoding="utf-8"), (
        "README's settings table is out of date: paste `python -m cxwidgets.settings`")


def test_the_processs_own_environment_is_read_when_none_is_given(tmp_path, monkeypatch):
    monkeypatch.setenv("CXWIDGETS_PREHEAT", "7")
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path))  # no config file of the user's
    assert Settings.load().preheat == 7
    assert Settings.load(preheat=3).preheat == 3
