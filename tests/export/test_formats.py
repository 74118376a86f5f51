"""One registry of export formats: every list of formats the kit shows or writes is read
from `cxwidgets.export.formats`, and a list written anywhere else in the package fails."""

from __future__ import annotations

import ast
import re
import subprocess
import sys
from pathlib import Path

import pytest

from cxwidgets import bank, segment_report
from cxwidgets.batch import OUTPUTS
from cxwidgets.cli import _parser
from cxwidgets.export import formats
from cxwidgets.export.formats import FORMATS, Format
from cxwidgets.export.workshop import export_set
from cxwidgets.sample import load_sample_workshop
from cxwidgets.widgets.share import FormatTicks

PACKAGE = Path(__file__).resolve().parents[2] / "cxwidgets"
#: Where a list of format names is allowed: the registry itself, and the evidence
#: readers, whose formats are the ones the kit *reads* (`evidence.readers.FORMATS`).
ALLOWED = (PACKAGE / "export" / "formats.py", PACKAGE / "evidence")


def _words() -> dict[str, str]:
    """Every word that names a format (name, suffix, alias, bank file, MIME type)."""
    out = {}
    for f in FORMATS.values():
        for word in (f.name, f.suffix, f.suffix.rpartition(".")[2], *f.aliases, f.bank_file,
                     f.mime):
            if word:
                out[word.lower()] = f.name
    return out


def listed_formats(source: str) -> list[tuple[int, list[str]]]:
    """(line, formats) of every literal in `source` that names two formats or more: a
    tuple, list, set or dict's keys of strings, or a text listing three format names."""
    words = _words()
    prose = re.compile(rf"(?<![\w.-])({'|'.join(FORMATS)})(?![\w-])")
    found = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, (ast.Tuple, ast.List, ast.Set)):
            items = node.elts
        elif isinstance(node, ast.Dict):
            items = [k for k in node.keys if k is not None]
        elif isinstance(node, ast.Constant) and isinstance(node.value, str):
            named = set(prose.findall(node.value))
            if len(named) >= 3:
                found.append((node.lineno, sorted(named)))
            continue
        else:
            continue
        named = {words[i.value.lower()] for i in items if isinstance(i, ast.Constant)
                 and isinstance(i.value, str) and i.value.lower() in words}
        if len(named) >= 2:
            found.append((node.lineno, sorted(named)))
    return found


def test_no_list_of_formats_outside_the_registry():
    wrong = {}
    for path in PACKAGE.rglob("*.py"):
        if "_data" in path.parts or any(path == a or a in path.parents for a in ALLOWED):
            continue
        if hits := listed_formats(path.read_text(encoding="utf-8")):
            wrong[str(path.relative_to(PACKAGE))] = hits
    assert not wrong, f"formats listed outside cxwidgets/export/formats.py: {wrong}"


@pytest.mark.parametrize("source", [
    'FORMATS = ("html", "png", "svg")',
    'MIME = {"png": "image/png", "pptx": "x"}',
    'for kind in ["png", "svg"]: pass',
    'BANK = ("map.png", "deck.pptx")',
    'HELP = "html (a poster), png/svg/pdf (the map)"',
])
def test_the_check_finds_a_list_of_formats(source):
    assert listed_formats(source)


def test_one_name_or_file_is_not_a_list():
    assert not listed_formats('PICTURE = "map.png"\nx = ("png", "touchpoints")')


def test_every_entry_is_complete_and_its_writer_loads():
    suffixes = [f.suffix for f in FORMATS.values()]
    assert len(set(suffixes)) == len(suffixes)
    for f in FORMATS.values():
        assert f.name and f.label and f.short and f.suffix.startswith(".") and "/" in f.mime
        assert callable(f.writer_function()), f.writer
    assert {f.name for f in formats.in_bank()} == {"png", "svg", "pptx"}
    assert {"pptx", "cjml"} <= {f.name for f in formats.in_all()}


def test_the_cli_the_share_step_and_the_bank_read_the_registry():
    export = next(a for a in _parser()._subparsers._group_actions[0].choices["export"]._actions
                  if a.dest == "format")
    assert export.choices == ["json", "schema", *FORMATS]
    ticks = FormatTicks()
    assert ticks.options == tuple((f.label, f.name) for f in FORMATS.values())
    assert ticks.value == tuple(formats.ticked())
    assert {name: label for label, name in ticks.options}["pptx"].startswith("Deck")
    bank_files = [f.bank_file for f in formats.in_bank()]
    assert [name for name, _ in bank.EXPORTS[:len(bank_files)]] == bank_files
    assert set(bank_files) <= set(OUTPUTS)
    assert [segment_report.FILES[f.name] for f in formats.in_bank()] == bank_files


def write_text_format(workshop, path, fmt, options):
    path.write_text(workshop.title, encoding="utf-8")
    return [path]


def test_a_new_entry_reaches_the_cli_the_share_step_and_the_full_set(monkeypatch, tmp_path):
    entry = Format("txt", "The title as plain text", "Title (text)", ".txt", "text/plain",
                   f"{__name__}:write_text_format")
    monkeypatch.setitem(FORMATS, "txt", entry)
    export = next(a for a in _parser()._subparsers._group_actions[0].choices["export"]._actions
                  if a.dest == "format")
    assert "txt" in export.choices
    assert ("The title as plain text", "txt") in FormatTicks().options
    written = export_set(load_sample_workshop(), tmp_path, "w", ["txt", "md"])
    assert [p.name for p in written] == ["w.md", "w.map.png", "w.txt"]


def test_reading_the_registry_loads_no_drawing_or_slide_library():
    code = ("import sys; import cxwidgets.export.formats as f; f.ticked(); "
            "print(sorted(m for m in ('pptx', 'vl_convert', 'pandas', 'altair', 'openpyxl') "
            "if m in sys.modules))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         check=True).stdout
    assert out.strip() == "[]"
