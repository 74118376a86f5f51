"""The layers of the package, checked on its source (AST), so a wrong import fails here.

- `cxwidgets.method` (the method's core) imports nothing else of the kit but
  `cxwidgets.exceptions` and `cxwidgets.language` (which imports nothing of the kit: the
  method's words are read in the language spoken);
- charts and exports never import widgets; the store never imports widgets;
- no cycle among the kit's imports, those inside functions included (a late import
  hides a cycle; it does not remove it). Imports under `if TYPE_CHECKING:` are for the
  type checker only and never run, so they are left out. The imports made at the module
  level alone (what importing a module runs) are checked for a cycle too;
- an import inside a function says why it is there, on its line or the line above (a
  heavy dependency, or a module a light start-up does not load); anything else sits at
  the top of its module.
"""

from __future__ import annotations

import ast
import io
import tokenize
from functools import cache
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parent.parent / "cxwidgets"


def module_name(path: Path) -> str:
    parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


@cache
def modules() -> dict[str, Path]:
    return {module_name(p): p for p in PACKAGE.rglob("*.py") if "_data" not in p.parts}


def _resolve(name: str) -> str:
    """The kit's module an import names (`from cxwidgets.method import words` names
    `cxwidgets.method.words`; `from cxwidgets.method.model import Workshop`, the model)."""
    while name and name not in modules():
        name = name.rpartition(".")[0]
    return name


def _for_the_type_checker(node: ast.AST) -> bool:
    return isinstance(node, ast.If) and isinstance(node.test, ast.Name) \
        and node.test.id == "TYPE_CHECKING"


def _nodes(tree: ast.AST) -> list[ast.AST]:
    """Every node of `tree` that runs: all of it but `if TYPE_CHECKING:` blocks."""
    found: list[ast.AST] = []
    todo = [tree]
    while todo:
        node = todo.pop()
        found.append(node)
        todo.extend(c for c in ast.iter_child_nodes(node) if not _for_the_type_checker(c))
    return found


def imports(module: str, top_level_only: bool = False) -> set[str]:
    tree = ast.parse(modules()[module].read_text(encoding="utf-8"))
    nodes = tree.body if top_level_only else _nodes(tree)
    found: set[str] = set()
    for node in nodes:
        if isinstance(node, ast.Import):
            found |= {_resolve(a.name) for a in node.names if a.name.startswith("cxwidgets")}
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0 \
                and node.module.startswith("cxwidgets"):
            found |= {_resolve(f"{node.module}.{a.name}") for a in node.names}
    return found - {"", module}


def in_package(module: str, package: str) -> bool:
    return module == package or module.startswith(package + ".")


def test_the_package_is_found():
    assert "cxwidgets.method.model" in modules() and len(modules()) > 60


@pytest.mark.parametrize(("layer", "forbidden"), [
    ("cxwidgets.charts", ("cxwidgets.widgets", "cxwidgets.store", "cxwidgets.apps")),
    ("cxwidgets.export", ("cxwidgets.widgets", "cxwidgets.store", "cxwidgets.apps")),
    ("cxwidgets.store", ("cxwidgets.widgets", "cxwidgets.charts", "cxwidgets.export",
                         "cxwidgets.apps")),
    ("cxwidgets.evidence", ("cxwidgets.widgets", "cxwidgets.apps")),
    ("cxwidgets.widgets", ("cxwidgets.apps", "cxwidgets.cli")),
    ("cxwidgets.rooms", ("cxwidgets.widgets", "cxwidgets.apps")),
])
def test_layers_do_not_import_what_sits_above_them(layer, forbidden):
    wrong = {(m, i) for m in modules() if in_package(m, layer)
             for i in imports(m) if any(in_package(i, f) for f in forbidden)}
    assert not wrong, f"{layer} imports from above: {sorted(wrong)}"


def test_the_language_imports_nothing_of_the_kit():
    assert imports("cxwidgets.language") == set()


def test_the_method_imports_only_itself_the_exceptions_and_the_language():
    allowed = ("cxwidgets.method", "cxwidgets.exceptions", "cxwidgets.language")
    wrong = {(m, i) for m in modules() if in_package(m, "cxwidgets.method")
             for i in imports(m) if not any(in_package(i, a) for a in allowed)}
    assert not wrong, f"the method's core imports the rest of the kit: {sorted(wrong)}"


def find_cycle(graph: dict[str, set[str]]) -> list[str]:
    """One cycle of `graph`, or [] (depth-first search, three colours)."""
    state: dict[str, int] = {}
    path: list[str] = []

    def visit(node: str) -> list[str]:
        state[node] = 1
        path.append(node)
        for nxt in sorted(graph.get(node, ())):
            if state.get(nxt) == 1:
                return [*path[path.index(nxt):], nxt]
            if not state.get(nxt) and (found := visit(nxt)):
                return found
        path.pop()
        state[node] = 2
        return []

    for node in sorted(graph):
        if not state.get(node) and (found := visit(node)):
            return found
    return []


def test_no_import_cycle_even_through_imports_inside_functions():
    graph = {m: {i for i in imports(m)
                 if not (m.startswith(i + ".") and modules()[m].name != "__init__.py")}
             for m in modules()}
    assert find_cycle(graph) == []


def test_imports_for_the_type_checker_only_are_not_counted():
    assert "cxwidgets.store.sql" not in imports("cxwidgets.store.feed")
    assert "cxwidgets.store.feed" in imports("cxwidgets.store.sql")


def test_imports_inside_functions_are_counted():
    # `batch` reaches the bank's index only when a run ends, from inside a function
    assert "cxwidgets.bank" in imports("cxwidgets.batch")
    assert "cxwidgets.bank" not in imports("cxwidgets.batch", top_level_only=True)


def test_the_cycle_finder_finds_cycles():
    assert find_cycle({"a": {"b"}, "b": {"c"}, "c": {"a"}}) == ["a", "b", "c", "a"]
    assert find_cycle({"a": {"b"}, "b": set()}) == []


# -- public faces ----------------------------------------------------------------------

SUBPACKAGES = sorted(p.parent.name for p in PACKAGE.glob("*/__init__.py"))


@cache
def public_face(package: str) -> frozenset[str]:
    """The names in a subpackage's `__all__` (read from its source: `*_MODULES` spread into
    it counts too), which other parts of the kit may import: names and modules."""
    tree = ast.parse((PACKAGE / package / "__init__.py").read_text(encoding="utf-8"))
    tuples: dict[str, list[str]] = {}
    for node in tree.body:
        if isinstance(node, ast.Assign) and isinstance(node.targets[0], ast.Name):
            name, value = node.targets[0].id, node.value
            if isinstance(value, ast.Tuple | ast.List):
                items = [e.value for e in value.elts if isinstance(e, ast.Constant)]
                items += [x for e in value.elts if isinstance(e, ast.Starred)
                          and isinstance(e.value, ast.Name) for x in tuples[e.value.id]]
                tuples[name] = items
    return frozenset(tuples.get("__all__", []))


def uses_from_outside(importer: str, source: str | None = None) -> list[tuple[str, str]]:
    """(subpackage, name) for each name `importer` takes from another subpackage: a module
    of it (`cxwidgets.store.door`) or a name of its face (`from cxwidgets.store import X`)."""
    tree = ast.parse(source or modules()[importer].read_text(encoding="utf-8"))
    found = []
    for node in _nodes(tree):
        targets: list[list[str]] = []
        if isinstance(node, ast.Import):
            targets = [a.name.split(".") for a in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            parts = node.module.split(".")
            targets = [[*parts, a.name] for a in node.names] if len(parts) == 2 else [parts]
        for parts in targets:
            if len(parts) >= 3 and parts[0] == "cxwidgets" and parts[1] in SUBPACKAGES \
                    and not in_package(importer, f"cxwidgets.{parts[1]}"):
                found.append((parts[1], parts[2]))
    return found


def test_every_subpackage_names_its_public_face():
    assert len(SUBPACKAGES) >= 9
    assert [p for p in SUBPACKAGES if not public_face(p)] == []


def test_the_kit_uses_a_subpackage_only_through_its_public_face():
    """What is not in a subpackage's `__all__` is how it does its work: another part of
    the kit reaching for it would tie itself to what may change."""
    behind = sorted({f"{m} uses cxwidgets.{p}.{name}" for m in modules()
                     for p, name in uses_from_outside(m) if name not in public_face(p)})
    assert behind == []


def test_a_name_behind_the_face_is_found():
    source = ("import cxwidgets.evidence.vader\n"
              "def f():\n    from cxwidgets.store.sql_tables import metadata\n"
              "from cxwidgets.store import Store, door\n"
              "from cxwidgets.widgets.board import Board\n")
    found = uses_from_outside("cxwidgets.widgets.room", source)
    # the widgets' own board is no use from outside; the rest is
    assert sorted(found) == [("evidence", "vader"), ("store", "Store"), ("store", "door"),
                             ("store", "sql_tables")]
    assert sorted(n for p, n in found if n not in public_face(p)) == ["sql_tables", "vader"]


# -- imports inside functions ----------------------------------------------------------
#
# An import inside a function is kept only for a reason written beside it (on its line or
# the line just above): a heavy dependency a common path should not pay for
# (`# heavy: pandas, ...`), or a module a light start-up (`cxwidgets --help`,
# `cxwidgets evidence`, the participant's kernel) does not load (`# lazy: ...`). Anything
# else belongs at the top of its module.

# Files whose inner imports are not checked yet (none: a file may be put here only while
# it is being reworked, and the test below fails once it no longer needs the place).
INNER_IMPORTS_NOT_CHECKED_YET: frozenset[str] = frozenset()

PRAGMA = ("noqa", "type:", "pragma", "fmt:")


def _comments(source: str) -> dict[int, str]:
    """The comment on each line of `source` (pragmas such as `# noqa` do not count)."""
    found: dict[int, str] = {}
    for token in tokenize.generate_tokens(io.StringIO(source).readline):
        if token.type == tokenize.COMMENT:
            text = token.string.lstrip("#").strip()
            if text and not text.startswith(PRAGMA):
                found[token.start[0]] = text
    return found


def _inner_imports(tree: ast.AST) -> list[ast.Import | ast.ImportFrom]:
    """The imports that run inside a function (not those under `if TYPE_CHECKING:`)."""
    found: list[ast.Import | ast.ImportFrom] = []

    def walk(node: ast.AST, in_function: bool) -> None:
        for child in ast.iter_child_nodes(node):
            if _for_the_type_checker(child):
                continue
            if in_function and isinstance(child, ast.Import | ast.ImportFrom):
                found.append(child)
            walk(child, in_function
                 or isinstance(child, ast.FunctionDef | ast.AsyncFunctionDef | ast.Lambda))

    walk(tree, False)
    return found


def inner_imports_without_reason(source: str) -> list[int]:
    """The lines of imports inside functions with no comment on any of their lines or on
    the line just above."""
    comments = _comments(source)
    return [node.lineno for node in _inner_imports(ast.parse(source))
            if not any(line in comments
                       for line in range(node.lineno - 1, (node.end_lineno or node.lineno) + 1))]


def test_every_import_inside_a_function_says_why():
    missing = [f"{path.relative_to(PACKAGE.parent).as_posix()}:{line}"
               for path in modules().values()
               if path.relative_to(PACKAGE.parent).as_posix() not in INNER_IMPORTS_NOT_CHECKED_YET
               for line in inner_imports_without_reason(path.read_text(encoding="utf-8"))]
    assert missing == [], "imports inside functions with no reason beside them: " \
        + ", ".join(missing)


def test_the_files_not_checked_yet_still_need_to_be_left_out():
    # a file whose imports inside functions all say why makes this fail: take it off
    for name in INNER_IMPORTS_NOT_CHECKED_YET:
        path = PACKAGE.parent / name
        assert path.exists(), name
        assert inner_imports_without_reason(path.read_text(encoding="utf-8")), name


def test_an_import_inside_a_function_without_reason_is_found():
    source = (
        "import json\n"
        "from typing import TYPE_CHECKING\n"
        "if TYPE_CHECKING:\n    from pandas import DataFrame\n"
        "def f():\n"
        "    import pandas  # heavy: pandas, only when a file is read\n"
        "    # heavy: altair, only when a chart is drawn\n"
        "    import altair\n"
        "    from cxwidgets import (  # lazy: the store, only for this command\n"
        "        keys,\n    )\n"
        "    import csv  # noqa: F401\n"
        "    class A:\n        def g(self):\n            import re\n"
        "    return lambda: __import__('os')\n"
        "async def h():\n"
        "    import os\n"
    )
    assert inner_imports_without_reason(source) == [12, 15, 18]


# -- the module level alone ----------------------------------------------------------


def module_level_imports(module: str, source: str | None = None) -> set[str]:
    """The kit's modules `module` imports when it is itself imported: everything outside
    functions (a `try:` or `if` at the top included), `if TYPE_CHECKING:` left out."""
    tree = ast.parse(source or modules()[module].read_text(encoding="utf-8"))
    found: set[str] = set()
    todo: list[ast.AST] = [tree]
    while todo:
        node = todo.pop()
        if isinstance(node, ast.Import):
            found |= {_resolve(a.name) for a in node.names if a.name.startswith("cxwidgets")}
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0 \
                and node.module.startswith("cxwidgets"):
            found |= {_resolve(f"{node.module}.{a.name}") for a in node.names}
        todo.extend(c for c in ast.iter_child_nodes(node)
                    if not _for_the_type_checker(c)
                    and not isinstance(c, ast.FunctionDef | ast.AsyncFunctionDef | ast.Lambda))
    return found - {"", module}


def test_no_import_cycle_at_the_module_level():
    graph = {m: {i for i in module_level_imports(m)
                 if not (m.startswith(i + ".") and modules()[m].name != "__init__.py")}
             for m in modules()}
    assert find_cycle(graph) == []


def test_module_level_imports_leave_functions_out_and_take_blocks_in():
    source = ("try:\n    from cxwidgets.store import sql\nexcept ImportError:\n    pass\n"
              "class A:\n    from cxwidgets import keys\n"
              "def f():\n    from cxwidgets import bank\n")
    assert module_level_imports("cxwidgets.batch", source) == {
        "cxwidgets.store.sql", "cxwidgets.keys"}
    # and a cycle among them is found
    graph = {"cxwidgets.batch": module_level_imports("cxwidgets.batch", source),
             "cxwidgets.keys": {"cxwidgets.batch"}}
    assert find_cycle(graph)
