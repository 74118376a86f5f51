"""Vega-Lite specs written as plain dicts, and `Spec`, the chart object that carries one.

Building a big chart as Altair objects costs far more than the spec it produces: every
sub-chart is an object tree, deep-copied when layered and checked against the Vega-Lite
schema on `to_dict()`. The journey map is redrawn on every edit in every kernel that
shows it, so it is written here as the dicts themselves, in the very form Altair gives
(the map's tests hold it to specs recorded from its Altair version): inline tables
become top-level `datasets` named by a hash of their rows, an encoding without a type
gets the type Altair would infer from its table, and the default theme's view size is
in the config. The schema check moved to the tests. No other module of the kit needs to
know any of this: they receive a `Spec` and show or export it like an Altair chart.
"""

from __future__ import annotations

import hashlib
import json
import string
from collections.abc import Sequence
from operator import itemgetter, methodcaller
from typing import Any

#: The Vega-Lite version of the Altair the kit depends on (a test holds them equal).
SCHEMA_URL = "https://vega.github.io/schema/vega-lite/v6.4.1.json"
#: What Altair's default theme adds to every chart's config.
THEME_VIEW = {"continuousWidth": 300, "continuousHeight": 300}

Json = dict[str, Any]


class Datasets:
    """The top-level `datasets` of one spec: each table stored once, named by its rows."""

    def __init__(self) -> None:
        self.tables: dict[str, list[Json]] = {}
        self._named: dict[int, tuple[Sequence[Json], Json]] = {}

    def ref(self, rows: Sequence[Json]) -> Json:
        """`{"name": ...}` for a table of rows (registering it), as a mark's `data`.

        The same list object asked for twice is hashed once.
        """
        known = self._named.get(id(rows))
        if known is not None and known[0] is rows:
            return dict(known[1])
        values = records(rows)
        name = dataset_name(values)
        self.tables.setdefault(name, values)
        ref = {"name": name}
        self._named[id(rows)] = (rows, ref)
        return dict(ref)


def records(rows: Sequence[Json]) -> list[Json]:
    """Rows as a table would hold them: every row has every column (missing ones are
    None), and a numeric column with a float or a gap holds floats only.

    Rows that are already so are taken as they are, not copied (a grown map's tables are
    hundreds of rows, redrawn in every kernel of the room): a chart hands over rows it
    built for the spec and no longer changes."""
    columns: dict[str, None] = {}
    for row in rows:
        columns.update(dict.fromkeys(row))
    complete = all(len(row) == len(columns) for row in rows)
    to_float = []
    for c in columns:
        read = itemgetter(c) if complete else methodcaller("get", c)
        kinds = set(map(type, map(read, rows)))
        numbers = kinds - {type(None)}
        if numbers and numbers <= {int, float} and kinds - {int} and kinds != {float}:
            to_float.append(c)
    if complete and not to_float:
        return list(rows)
    full = [{c: row.get(c) for c in columns} for row in rows]
    for c in to_float:
        for row in full:
            if row[c] is not None:
                row[c] = float(row[c])
    return full


def dataset_name(values: list[Json]) -> str:
    """A table's name: the hash of its rows, as Altair names them."""
    if values == [{}]:
        return "empty"
    text = json.dumps(values, sort_keys=True, default=str)
    return "data-" + hashlib.sha256(text.encode()).hexdigest()[:32]


def field_type(rows: Sequence[Json], field: str) -> str:
    """The type Altair infers for a field of a table (pandas' view of the column):
    numbers are quantitative, and so are whole numbers mixed with words; anything
    else is nominal."""
    kinds = {type(row.get(field)) for row in rows}
    numbers = kinds - {type(None)}
    if numbers and numbers <= {int, float}:
        return "quantitative"  # a gap in a numeric column is NaN to pandas
    if int in kinds and not kinds & {float, bool, type(None)}:
        return "quantitative"  # whole numbers beside words: pandas' "mixed-integer"
    return "nominal"


def words(template: str, **fields: str) -> str:
    """A Vega expression saying `template` (a sentence of the catalogue, already in the
    language spoken) with each {placeholder} filled by the expression given for it:
    `words("Stage {n}: {name}", n="(datum.s + 1)", name="datum.name")`."""
    parts = []
    for literal, name, _spec, _conv in string.Formatter().parse(template):
        if literal:
            parts.append(quoted(literal))
        if name is not None:
            parts.append(fields[name])
    return " + ".join(parts) or "''"


def quoted(text: str) -> str:
    """`text` as a string of a Vega expression: in single quotes, its own quotes escaped
    (a French label has apostrophes)."""
    return "'" + text.replace("\\", "\\\\").replace("'", "\\'") + "'"


def tooltip(rows: Sequence[Json], *fields: tuple[str, ...]) -> list[Json]:
    """(field, title) or (field, title, number format) for each line of a tooltip; a
    field written "name:N" is shown as written, whatever its table holds."""
    out = []
    for f in fields:
        name, as_written, _ = f[0].partition(":N")
        kind = "nominal" if as_written else field_type(rows, name)
        line = {"field": name, "title": f[1], "type": kind}
        if len(f) > 2:
            line["format"] = f[2]
        out.append(line)
    return out


def scale(domain: Sequence[Any], **kw: Any) -> Json:
    """A scale with exactly the domain given (no rounding out, no zero added)."""
    return {"domain": list(domain), "nice": False, "zero": False, **kw}


def calculate(**fields: str) -> list[Json]:
    return [{"calculate": expr, "as": name} for name, expr in fields.items()]


def top_level(spec: Json, datasets: Datasets | None = None) -> Json:
    """A finished spec: the schema, the theme's view size and the tables added."""
    config = spec.setdefault("config", {})
    config["view"] = {**THEME_VIEW, **config.get("view", {})}
    spec["$schema"] = SCHEMA_URL
    if datasets is not None and datasets.tables:
        spec["datasets"] = datasets.tables
    return spec


def _copy(node: Any) -> Any:
    """A deep copy of JSON-like data; tuples become lists, as in JSON."""
    kind = type(node)
    if kind is dict:
        return {k: _copy(v) for k, v in node.items()}
    if kind is list or kind is tuple:
        return [_copy(v) for v in node]
    return node


class Spec:
    """A finished Vega-Lite spec that widgets show and exports draw, like an Altair chart.

    `key` says what the spec was built from (equal keys, equal specs), so a screen can
    tell an unchanged chart without comparing specs. The spec itself is never handed
    out: `to_dict()` gives a copy, so no caller can change a cached chart.
    """

    def __init__(self, spec: Json, key: str = "") -> None:
        self._spec = spec
        self.key = key

    def to_dict(self, validate: bool = False, **_: Any) -> Json:
        """The spec as a new dict. `validate=True` checks it against the Vega-Lite
        schema first (slow; the tests do it, drawing does not need it)."""
        if validate:
            self.validate()
        spec: Json = _copy(self._spec)
        return spec

    def shared(self) -> Json:
        """The spec itself, not a copy, for a caller that only reads it (drawing it on a
        page): what `to_dict()` would give, without the cost of copying a big map."""
        return self._spec

    def to_json(self, indent: int | None = 2, **kwargs: Any) -> str:
        return json.dumps(self._spec, indent=indent, **kwargs)

    def validate(self) -> None:
        """Raise `jsonschema.ValidationError` if the spec breaks the Vega-Lite schema."""
        from altair.vegalite.v6.schema.core import Root  # heavy: altair, only when `validate` runs

        Root.validate(self._spec)

    def _repr_mimebundle_(self, *args: Any, **kwargs: Any) -> Any:
        """Shown in a notebook by Altair's active renderer, as any chart is."""
        import altair as alt  # heavy: altair, only when `_repr_mimebundle_` runs

        renderer = alt.renderers.get()
        return renderer(self.to_dict()) if renderer else None

    def __repr__(self) -> str:
        return f"Spec({len(self.to_json(indent=None)):,} characters, key={self.key[:12]!r})"
