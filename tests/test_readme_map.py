"""The README's map of the package ("Where things are") matches the package."""

from __future__ import annotations

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = ROOT / "cxwidgets"


def _map_block() -> str:
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    section = text.split("## Where things are", 1)[1]
    return section.split("```", 2)[1]


def named_paths() -> set[str]:
    """Every path the map names: `cxwidgets/x.py`, `cxwidgets/x/` and a package's
    modules indented under it."""
    names: set[str] = set()
    parent = ""
    for line in _map_block().splitlines():
        if m := re.match(r"^(\S+)", line):
            names.add(m.group(1))
            parent = m.group(1) if m.group(1).endswith("/") else ""
        elif parent and (m := re.match(r"^  ((?:\w+\.py(?:, )?)+)", line)):
            names.update(parent + n for n in m.group(1).split(", "))
    return names


def _covered(path: str, names: set[str]) -> bool:
    return path in names or any("*" in n and Path(path).match(n) for n in names)


def test_every_path_the_map_names_exists():
    missing = [n for n in named_paths() if "*" not in n and not (ROOT / n).exists()]
    assert missing == []


def test_every_module_and_subpackage_of_the_kit_is_on_the_map():
    names = named_paths()
    found = [f"cxwidgets/{p.name}" + ("/" if p.is_dir() else "") for p in PACKAGE.iterdir()
             if (p.suffix == ".py" or (p / "__init__.py").exists() or p.name == "_data")
             and p.name not in ("__init__.py", "__main__.py")]
    assert len(found) > 20
    assert [f for f in found if not _covered(f, names)] == []


def test_every_module_of_the_methods_core_is_on_the_map():
    names = named_paths()
    modules = [f"cxwidgets/method/{p.name}" for p in (PACKAGE / "method").glob("*.py")
               if p.name != "__init__.py"]
    assert [m for m in modules if m not in names] == []


def test_each_subpackages_public_modules_are_on_the_map():
    """The face `__all__` gives each subpackage, as the map shows it: its modules there."""
    from tests.test_import_rules import SUBPACKAGES, public_face

    names = named_paths()
    public = [f"cxwidgets/{p}/{n}.py" for p in SUBPACKAGES for n in sorted(public_face(p))
              if (PACKAGE / p / f"{n}.py").exists()]
    assert len(public) > 40
    assert [m for m in public if m not in names] == []
