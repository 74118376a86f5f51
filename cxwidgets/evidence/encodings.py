"""encodings: which codec a text export is written in, judged on the whole file.

Exports saved by Windows tools are often not UTF-8, and some mix code pages (Latin-1
with a few bytes of an old DOS page). Judging from the first bytes picks a codec that
then fails deep in the file, so the choice is made on all of it: a byte-order mark
decides first; then the whole file is checked as UTF-8 (fast, in blocks); otherwise
charset-normalizer ranks the likely codecs from samples spread over the whole file, and
each candidate, best first, must decode every byte. When none does, the file is read as
Latin-1, which maps every byte to a character, and the note says so and where the first
byte that would not decode is. A codec the caller names is checked the same way, and a
file that does not fit it is refused with the byte and line where it fails.

No file is refused for its encoding unless the caller forced one it does not fit. Pure:
reads the bytes it is given, never writes.
"""

from __future__ import annotations

import codecs
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from cxwidgets.exceptions import UnreadableFile

#: Blocks the whole-file checks read at a time: a big file is never decoded whole.
BLOCK = 16 * 1024**2
#: The codec that decodes every byte, used when nothing better fits.
EVERY_BYTE = "latin_1"
#: Single-byte Western codecs preferred when charset detection finds several about as
#: likely: samples of mostly-ASCII text make the detector hesitate between them.
PREFERRED = ("cp1252", "latin_1", "iso8859_15")
CHAOS_TOLERANCE = 0.02
#: Names the report uses for common codecs.
LABELS = {"utf-8": "UTF-8", "utf-8-sig": "UTF-8 with BOM", "utf-16": "UTF-16",
          "utf-16-le": "UTF-16", "utf-16-be": "UTF-16", "utf-32": "UTF-32",
          "cp1252": "Windows-1252", "latin_1": "Latin-1", "iso8859_15": "Latin-9",
          "cp850": "DOS Latin-1 (code page 850)", "cp437": "DOS (code page 437)",
          "mac_roman": "Mac Roman", "cp1251": "Windows-1251 (Cyrillic)",
          "cp1250": "Windows-1250 (Central European)", "shift_jis": "Shift JIS",
          "cp932": "Shift JIS (Windows)", "gb18030": "GB18030", "big5": "Big5",
          "euc_kr": "EUC-KR", "koi8_r": "KOI8-R"}
_BOMS = ((codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF32_LE, "utf-32"),
         (codecs.BOM_UTF32_BE, "utf-32"), (codecs.BOM_UTF16_LE, "utf-16"),
         (codecs.BOM_UTF16_BE, "utf-16"))


def label(codec: str | None) -> str | None:
    """'cp1252' -> 'Windows-1252': an encoding as the report names it."""
    if codec is None:
        return None
    try:
        name = codecs.lookup(codec).name
    except LookupError:
        return codec
    return LABELS.get(codec, LABELS.get(name.replace("-", "_"), LABELS.get(name,
                                                                          codec.upper())))


def known(codec: str) -> str:
    """The canonical name of a codec a person typed ('Latin-1' -> 'latin_1'), or a clear
    refusal naming what would work."""
    text = codec.strip()
    if text.casefold() in ("", "auto"):
        raise UnreadableFile("no encoding given: leave it out (or say 'auto') to detect it")
    try:
        name = codecs.lookup(text).name
    except LookupError:
        raise UnreadableFile(f"unknown encoding {codec!r}: use a name Python knows, such "
                             "as utf-8, cp1252 (Windows), latin-1, cp850 (DOS), utf-16 or "
                             "shift_jis, or 'auto' to detect it") from None
    return {"iso8859-1": "latin_1", "utf-8": "utf-8"}.get(name, name.replace("-", "_"))


@dataclass(frozen=True)
class Decision:
    """The codec to read a file with, and what the reader must be told about it."""

    codec: str
    notes: list[str] = field(default_factory=list)

    @property
    def label(self) -> str:
        return label(self.codec) or self.codec


def by_bom(head: bytes) -> str | None:
    """The codec a byte-order mark names, if the file starts with one."""
    return next((codec for bom, codec in _BOMS if head.startswith(bom)), None)


def utf16_without_bom(head: bytes) -> str | None:
    """UTF-16 without a byte-order mark: every other byte of ASCII text is a NUL."""
    even, odd = head[0::2], head[1::2]
    if len(head) < 4:
        return None
    if odd.count(0) > 0.3 * len(odd) and even.count(0) < 0.05 * len(even):
        return "utf-16-le"
    if even.count(0) > 0.3 * len(even) and odd.count(0) < 0.05 * len(odd):
        return "utf-16-be"
    return None


def _blocks(path: Path | None, data: bytes | None) -> Iterator[bytes]:
    if data is not None:
        for start in range(0, len(data), BLOCK):
            yield data[start:start + BLOCK]
        return
    assert path is not None
    with path.open("rb") as stream:
        while block := stream.read(BLOCK):
            yield block


@dataclass(frozen=True)
class Failure:
    """Where a codec first fails on a file: the byte offset, its line and the byte."""

    offset: int
    line: int
    byte: int

    def describe(self) -> str:
        return f"byte {self.offset:,} (line {self.line:,}, byte 0x{self.byte:02X})"


def first_failure(codec: str, path: Path | None, data: bytes | None) -> Failure | None:
    """None when `codec` decodes every byte of the file, else where it first fails."""
    decoder = codecs.getincrementaldecoder(codec)()
    done, lines = 0, 1
    blocks = _blocks(path, data)
    for block in blocks:
        try:
            decoder.decode(block, final=False)
        except UnicodeDecodeError as exc:
            at = max(0, exc.start)
            return Failure(done + at, lines + block.count(b"\n", 0, at), block[at]
                           if at < len(block) else 0)
        done += len(block)
        lines += block.count(b"\n")
    try:
        decoder.decode(b"", final=True)
    except UnicodeDecodeError:
        return Failure(done, lines, 0)
    return None


def _ranked(sample: bytes) -> list[str]:
    """Codecs charset-normalizer finds likely for the sample, best first (Windows and
    Latin codecs first among those about as likely)."""
    # lazy: charset-normalizer, only for a file that is not UTF-8
    from charset_normalizer import from_bytes

    matches = list(from_bytes(sample))
    if not matches:
        return []
    best = matches[0]
    tied = [m for m in matches if m.chaos <= best.chaos + CHAOS_TOLERANCE]
    close = {c for m in tied for c in m.could_be_from_charset}
    # one Western codec among the likely ones stands for all three: a file that fails in
    # Windows-1252 is most often Latin-1 with a few bytes of another page mixed in
    first = list(PREFERRED) if close & set(PREFERRED) else []
    rest = [m.encoding for m in matches]
    return list(dict.fromkeys([*first, *rest]))


def _sample(path: Path | None, data: bytes | None, size: int) -> bytes:
    """Bytes from across the whole file (start, middle parts, end), for the detector."""
    if data is not None and len(data) <= 4 * 1024**2:
        return data
    parts, want = [], 8
    piece = 256 * 1024
    if data is not None:
        total = len(data)
        return b"\n".join(data[k * total // want: k * total // want + piece]
                          for k in range(want))
    assert path is not None
    with path.open("rb") as stream:
        for k in range(want):
            stream.seek(k * size // want)
            parts.append(stream.read(piece))
    return b"\n".join(parts)


def _wanted(name: str, codec: str, bom: str | None, path: Path | None,
            data: bytes | None) -> Decision:
    """The codec the caller named, checked on every byte (a byte-order mark wins)."""
    if bom and not codec.startswith("utf"):
        return Decision(bom, [f"{name} starts with a byte-order mark that says "
                              f"{label(bom)}, so it was read as that, not as "
                              f"{label(codec)}"])
    failure = first_failure(codec, path, data)
    if failure is not None:
        raise UnreadableFile(f"{name} is not {label(codec)} text: it fails at "
                             f"{failure.describe()}; leave the encoding out to detect "
                             "it, or name another one")
    return Decision(codec)


def decide(name: str, head: bytes, size: int, *, path: Path | None = None,
           data: bytes | None = None, wanted: str | None = None,
           reader_checks_utf8: bool = False) -> Decision:
    """The codec to read the whole file with, checked on every byte.

    `head` is the start of the file (for byte-order marks and UTF-16), `size` its length;
    the bytes are read from `path` or given as `data`. `wanted` is a codec the caller
    named: it is used if every byte fits it, and refused with where it fails otherwise.
    `reader_checks_utf8`: the caller's reader checks every byte of UTF-8 itself (pyarrow
    does) and asks again on failure, so a file whose start is UTF-8 is not read twice.
    """
    bom = by_bom(head)
    if wanted and wanted.strip().casefold() not in ("", "auto"):
        return _wanted(name, known(wanted), bom, path, data)
    if bom:
        return Decision(bom)
    wide = utf16_without_bom(head) if b"\x00" in head else None
    if wide:
        return Decision(wide)
    if reader_checks_utf8 and first_failure("utf-8", None, head[:len(head) - 4]) is None:
        return Decision("utf-8")
    utf8 = first_failure("utf-8", path, data)
    if utf8 is None:
        return Decision("utf-8")
    tried: list[str] = []
    for codec in [*_ranked(_sample(path, data, size)), EVERY_BYTE]:
        if codec.startswith("utf"):
            continue
        failure = first_failure(codec, path, data) if codec != EVERY_BYTE else None
        if failure is None:
            return Decision(codec, [_note(name, codec, utf8, tried)])
        tried.append(f"{label(codec)} fails at {failure.describe()}")
    raise AssertionError("Latin-1 decodes every byte")  # pragma: no cover


def _note(name: str, codec: str, utf8: Failure, tried: list[str]) -> str:
    said = f"{name} is not UTF-8 (the first byte that is not is at {utf8.describe()})"
    if tried:
        said += "; " + "; ".join(tried)
    if codec == EVERY_BYTE:
        return (f"{said}: it was read as Latin-1, which reads every byte; a few letters "
                "may look wrong. Give the encoding (--encoding, or encoding: in the "
                "mapping) if you know it")
    return (f"{said}: it was read as {label(codec)}; check that accented letters look "
            "right, or give the encoding")
