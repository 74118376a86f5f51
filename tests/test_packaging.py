"""pyproject.toml and environment.yml must list the same dependencies."""

import re
import sys
import tomllib
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
DESIGN_PACKAGES = {"jupyterlab", "ipywidgets", "voila", "pandas", "altair", "nbval", "papermill"}


def _name(requirement: str) -> str:
    return re.split(r"[<>=!~ \[;]", requirement.strip(), maxsplit=1)[0].lower().replace("_", "-")


def _pyproject() -> dict[str, str]:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    reqs = project["dependencies"] + project["optional-dependencies"]["test"]
    return {_name(r): r.replace(" ", "") for r in reqs}


def _conda() -> dict[str, str]:
    env = yaml.safe_load((ROOT / "environment.yml").read_text())
    reqs = [d for d in env["dependencies"] if isinstance(d, str)]
    return {_name(r): r.replace(" ", "") for r in reqs if _name(r) not in {"python", "pip"}}


def test_environment_yml_matches_pyproject():
    assert _conda() == _pyproject()


def test_design_packages_are_real_dependencies():
    assert set(_pyproject()) >= DESIGN_PACKAGES


def test_python_floor_is_the_one_tested():
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    assert project["requires-python"] == f">={sys.version_info.major}.{sys.version_info.minor}"
    assert project["scripts"]["cxwidgets"] == "cxwidgets.cli:main"
