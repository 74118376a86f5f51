"""How `pybabel extract` finds every word of the kit (babel.cfg names these extractors).

Most words are marked where they are written (`_`, `N_`, `ngettext`) and Babel's own
Python extractor finds them; this module adds two things it cannot see:

- `python`: also the kit's plurals, `words.count(n, "draft")` and
  `count(n, "person", "people")`, as the plural pair they are read as ("drafts" for the
  regular ones), and the calls written inside f-strings, which Babel's tokenizer reads as
  one string on this Python;
- `records`: the words held in the method's records of data (the 16 steps' titles and
  instructions, the self-assessment's statements and scale, the nouns of every kind of
  entry), which are written as data, not as calls.

Used by Babel only, never at run time.
"""

from __future__ import annotations

import io
import re
import tokenize
from collections.abc import Iterable, Iterator
from typing import IO, Any

from babel.messages.extract import extract_python

from cxwidgets.method import diagnosis, kinds, steps

Found = tuple[int, str, Any, list[str]]


#: `count(n, 'one'[, 'many'])` and `_('text')` as written inside an f-string.
_IN_F_STRING = re.compile(
    r"""\bcount\([^,()]+(?:\([^()]*\))?,\s*'([^']+)'(?:,\s*'([^']+)')?\)"""
    r"""|\b_\('((?:[^'\\]|\\.)+)'\)""")


def _in_f_strings(raw: bytes) -> Iterator[Found]:
    for token in tokenize.tokenize(io.BytesIO(raw).readline):
        if token.type != tokenize.STRING or not token.string[:2].lower().lstrip("rb") \
                .startswith("f"):
            continue
        for found in _IN_F_STRING.finditer(token.string):
            one, many, plain = found.groups()
            if plain:
                yield token.start[0], "_", plain, []
            elif one:
                yield token.start[0], "ngettext", (one, many or one + "s"), []


def python(fileobj: IO[bytes], keywords: Iterable[str], comment_tags: Any,
           options: Any) -> Iterator[Found]:
    """Babel's Python extractor, with the kit's `count(n, one[, many])` read as a plural,
    and what f-strings hold."""
    raw = fileobj.read()
    yield from _in_f_strings(raw)
    wanted = [*keywords, "count", "NC_"]
    # Babel hands its extractors the keywords' names and reads back (line, function,
    # messages, comments); its type hints say otherwise
    babel_python: Any = extract_python
    for lineno, funcname, messages, comments in babel_python(io.BytesIO(raw), wanted,
                                                             comment_tags, options):
        if funcname == "NC_":  # a word in a context, read with pgettext
            yield lineno, "pgettext", messages, comments
            continue
        if funcname != "count":
            yield lineno, funcname, messages, comments
            continue
        # count(n, "draft") or count(n, "person", "people"); str.count("x") is not ours
        if not isinstance(messages, tuple) or messages[0] is not None:
            continue
        forms = [m for m in messages[1:] if isinstance(m, str)]
        if len(forms) == 1:
            yield lineno, "ngettext", (forms[0], forms[0] + "s"), comments
        elif len(forms) == 2:
            yield lineno, "ngettext", (forms[0], forms[1]), comments


def _line_of(source: str, text: str) -> int:
    """The line where `text` (or its first words) is written, for the catalogue's notes."""
    probe = text[:30]
    at = source.find(probe)
    return source.count("\n", 0, at) + 1 if at >= 0 else 1


def records(fileobj: IO[bytes], keywords: Iterable[str], comment_tags: Any,
            options: Any) -> Iterator[Found]:
    """The words of the method's data records, by the module the file is."""
    raw = fileobj.read()
    source = raw.decode("utf-8")
    name = getattr(fileobj, "name", "")
    yield from python(io.BytesIO(raw), keywords, comment_tags, options)
    if name.endswith("steps.py"):
        for s in steps.STEPS:
            for text in (s.title, s.captures, s.what, s.why, s.tip, s.what_for_participants):
                if text:
                    yield _line_of(source, text), "_", text, [f"step {s.number} ({s.key})"]
    elif name.endswith("diagnosis.py"):
        for st in diagnosis.STATEMENTS:
            yield _line_of(source, st.text), "_", st.text, ["self-assessment statement"]
            yield _line_of(source, st.area), "_", st.area, ["self-assessment area"]
        for text in diagnosis.SCALE.values():
            yield _line_of(source, text), "_", text, ["self-assessment scale"]
    elif name.endswith("kinds.py"):
        for one, many in kinds.NOUNS.values():
            yield _line_of(source, one), "ngettext", (one, many), ["a kind of entry"]
            yield _line_of(source, one), "_", one[0].upper() + one[1:], ["a kind, as heading"]
