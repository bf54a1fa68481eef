"""Every piece of text a PDF prints, with the size it is drawn at and its font, read from the pages'
content streams through the PDF's own text-showing operators.

Only the operators that decide where text goes and how big it is are interpreted (q/Q/cm for the
graphics state, BT/Tm/Tf for the text state, Tj/TJ/'/" to show text, Do for form XObjects), so a
56-page document is read in a fraction of a second; a general layout engine (pdfminer.six) spends
most of its time on paths, images and grouping characters into lines, which the checks never use.
Objects, streams and filters are read with pypdf: the same PdfReader the other PDF checks use.

The size of a run of text is its font size scaled by the text matrix and every enclosing
transformation (cm, form XObject matrices): the height an em is actually printed at, in points.
For upright text this is what pdfminer.six reports; for rotated text it is still the true size.
"""

from __future__ import annotations

import codecs
import math
import re
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, TypeAlias

if TYPE_CHECKING:
    from pypdf import PdfReader

# Fonts, resources and content-stream operands are pypdf objects (DictionaryObject is
# dict[Any, Any], ArrayObject list[Any]) whose items pypdf leaves untyped: hence the Anys below.

Matrix = tuple[float, float, float, float, float, float]
# A content-stream operand as read here: a number, a name (without its slash), a string's bytes,
# or an array (a dictionary is read as a flat array of its keys and values).
Operand: TypeAlias = float | str | bytes | list["Operand"]
Operands: TypeAlias = list[Operand]
IDENTITY: Matrix = (1.0, 0.0, 0.0, 1.0, 0.0, 0.0)
MAX_FORM_DEPTH = 8
UNKNOWN = "\ufffd"  # a glyph the PDF gives no Unicode for: counted as printed text

# One token of a content stream, after any white space. A literal string may hold one level of
# nested brackets here; deeper nesting (rare) is matched as `lparen` and read by hand. Numbers in a
# row (a matrix, a path's points) are one token, split at C speed: the loop below runs once per
# token, so fewer tokens is what makes reading fast.
_TOKEN = re.compile(
    rb"""
    [\x00\t\n\x0c\r ]*
    (?:
      (?P<num>(?:[+-]?(?:\d+\.?\d*|\.\d+)(?:[\t\n\x0c\r ]+|(?=[\x00/\[\]()<>{}%])|\Z))+)
    | (?P<name>/[^\s/\[\]()<>{}%]*)
    | (?P<str>\((?:[^()\\]|\\.|\((?:[^()\\]|\\.)*\))*\))
    | (?P<hex><[0-9A-Fa-f\s]*>)
    | (?P<open>\[|<<)
    | (?P<close>\]|>>)
    | (?P<lparen>\()
    | (?P<op>[^\s/\[\]()<>{}%]+)
    | %[^\r\n]*
    | .
    )
    """,
    re.VERBOSE | re.DOTALL,
)
_ESCAPES = {b"n": b"\n", b"r": b"\r", b"t": b"\t", b"b": b"\b", b"f": b"\f"}
_ESCAPE = re.compile(rb"\\([0-7]{1,3}|\r\n|[\r\n]|.)", re.DOTALL)
_INLINE_IMAGE_END = re.compile(rb"\sEI(?=\s|$)")


@dataclass(frozen=True)
class TextRun:
    """Text shown by one text-showing operator: all of it has the same size and font."""

    page: int  # 1-based
    size: float  # points, as printed
    font: str  # the font's BaseFont name, e.g. "/ABCDEF+LiberationSans"
    text: str
    # Where the run starts on the page, in points from the page's lower-left corner (the text
    # matrix after Tm, Td and TD; T* and the advance of earlier runs on the line are not followed).
    x: float
    y: float
    # The marked-content id the text is inside (BDC with /MCID): a tagged PDF's structure tree
    # points at it, which is how a structure element finds its text. None outside marked content.
    mcid: int | None = None


def text_runs(reader: PdfReader, first: int = 0, end: int | None = None) -> Iterator[TextRun]:
    """Every text run on every page of a pypdf PdfReader (or on pages `first` to `end`, counted
    from 0, end excluded), in content-stream order."""
    fonts = _FontCache()
    pages = reader.pages
    for index in range(first, len(pages) if end is None else min(end, len(pages))):
        number, page = index + 1, pages[index]
        contents = page.get_contents()
        if contents is None:
            continue
        yield from _run(contents.get_data(), page.get("/Resources"), IDENTITY, number, fonts, 0)


def _run(
    data: bytes, resources: Any, ctm: Matrix, page: int, fonts: _FontCache, depth: int
) -> Iterator[TextRun]:
    """The text runs of one content stream (a page's, or a form XObject's inside it)."""
    state = _TextState(resources, ctm, page, fonts, depth)
    for op, operands in _operations(data):
        if op in _SHOWS_TEXT:
            run = state.show(operands)
            if run is not None:
                yield run
        elif op == b"Do":
            yield from state.draw_form(operands)
        else:
            _CHANGES_STATE[op](state, operands)


def _operations(data: bytes) -> Iterator[tuple[bytes, Operands]]:
    """The operators of a content stream that `_run` follows, each with its operands, in order.

    An operator's operand tokens are only kept until it comes; they are read into values only
    for the operators followed here (a third of a page's operators, colours and paths, are not)."""
    pending: list[re.Match[bytes] | bytes] = []  # operand tokens, or a string read by hand
    pos, end = 0, len(data)
    while pos < end:
        restart = None
        for match in _TOKEN.finditer(data, pos):
            kind = match.lastgroup
            if kind == "op":
                op = match.group(kind)
                if op == b"ID":  # inline image data: binary, skipped whole
                    found = _INLINE_IMAGE_END.search(data, match.end())
                    restart = found.end() if found else end
                    pending = []
                    break
                if op in _USED_OPERATORS:  # any other (colours, paths, clipping...): nothing to follow
                    yield op, _operands(pending)
                pending = []
            elif kind == "lparen":  # a literal string nested deeper than the token matches
                close = _literal_end(data, match.start(kind))
                pending.append(_literal(data[match.start(kind) + 1 : close - 1]))
                restart = close
                break
            elif kind is not None:
                pending.append(match)
        pos = restart if restart is not None else end


def _operands(tokens: list[re.Match[bytes] | bytes]) -> Operands:
    """The operand tokens before an operator, as values: a number, a name (without its slash), a
    string's bytes, an array (a dictionary as a flat list of its keys and values)."""
    operands: Operands = []
    nested: list[Operands] = []  # the open arrays and dictionaries
    for token in tokens:
        into = nested[-1] if nested else operands
        if isinstance(token, bytes):  # a string read by hand
            into.append(token)
            continue
        kind = token.lastgroup
        if kind == "num":  # numbers in a row: one token
            into.extend(map(float, token.group(kind).split()))
        elif kind == "name":
            into.append(token.group(kind)[1:].decode("latin-1"))
        elif kind == "str":
            into.append(_literal(token.group(kind)[1:-1]))
        elif kind == "hex":
            into.append(_hex(token.group(kind)[1:-1]))
        elif kind == "open":
            nested.append([])
        elif nested:  # "close": the innermost array or dictionary ends
            done = nested.pop()
            (nested[-1] if nested else operands).append(done)
    return operands


class _TextState:
    """The graphics and text state of one content stream as its operators change it: where text
    goes (the text matrix and the transformation), in which font and size, inside which marked
    content."""

    def __init__(self, resources: Any, ctm: Matrix, page: int, fonts: _FontCache, depth: int) -> None:
        self.resources = resources.get_object() if resources is not None else {}
        self.font_res = _get(self.resources, "/Font")
        self.xobjects = _get(self.resources, "/XObject")
        self.ctm = ctm
        self.page = page
        self.fonts = fonts
        self.depth = depth
        self.saved: list[tuple[Matrix, Any, float]] = []
        self.tm: Matrix = IDENTITY
        self.font: Any = None
        self.font_size = 0.0
        self.marked: list[int | None] = []  # the open marked-content sequences' MCIDs (inherited inward)

    def show(self, operands: Operands) -> TextRun | None:
        """Tj, ', " and TJ: the text shown, at the current size and position."""
        shown = operands[-1] if operands else None
        if self.font is None:
            return None
        text = self.fonts.decode(self.font, shown if isinstance(shown, list) else [shown])
        if not text:
            return None
        _, _, c, d, x, y = _multiply(self.tm, self.ctm)
        mcid = self.marked[-1] if self.marked else None
        # How tall an em of this text is on the page: the text-space vertical unit, transformed.
        size = abs(self.font_size) * math.hypot(c, d)
        return TextRun(self.page, size, self.fonts.name(self.font), text, x, y, mcid)

    def draw_form(self, operands: Operands) -> Iterator[TextRun]:
        """Do: a form XObject's text, drawn through its own matrix (other XObjects hold none)."""
        if not operands or not isinstance(operands[-1], str) or self.depth >= MAX_FORM_DEPTH:
            return
        form = _get(self.xobjects, operands[-1])
        if form is not None and form.get("/Subtype") == "/Form":
            matrix = _matrix(list(form.get("/Matrix", IDENTITY))) or IDENTITY
            resources = form.get("/Resources", self.resources)
            yield from _run(
                form.get_data(), resources, _multiply(matrix, self.ctm), self.page, self.fonts, self.depth + 1
            )

    def set_font(self, operands: Operands) -> None:  # Tf
        if len(operands) >= 2:
            self.font = _get(self.font_res, operands[-2]) if isinstance(operands[-2], str) else None
            self.font_size = operands[-1] if isinstance(operands[-1], float) else 0.0

    def set_text_matrix(self, operands: Operands) -> None:  # Tm
        if len(operands) >= 6:
            self.tm = _matrix(operands[-6:]) or self.tm

    def move_text(self, operands: Operands) -> None:  # Td, TD
        if len(operands) >= 2:
            moved = _matrix([1, 0, 0, 1, *operands[-2:]])
            if moved is not None:
                self.tm = _multiply(moved, self.tm)

    def begin_text(self, operands: Operands) -> None:  # BT
        self.tm = IDENTITY

    def begin_marked(self, operands: Operands) -> None:  # BDC: with a property list
        self.marked.append(_mcid(operands))
        self._inherit_mcid()

    def begin_marked_plain(self, operands: Operands) -> None:  # BMC
        self.marked.append(None)
        self._inherit_mcid()

    def _inherit_mcid(self) -> None:
        if self.marked[-1] is None and len(self.marked) > 1:
            self.marked[-1] = self.marked[-2]

    def end_marked(self, operands: Operands) -> None:  # EMC
        if self.marked:
            self.marked.pop()

    def transform(self, operands: Operands) -> None:  # cm
        if len(operands) >= 6:
            change = _matrix(operands[-6:])
            if change is not None:
                self.ctm = _multiply(change, self.ctm)

    def save(self, operands: Operands) -> None:  # q
        self.saved.append((self.ctm, self.font, self.font_size))

    def restore(self, operands: Operands) -> None:  # Q
        if self.saved:
            self.ctm, self.font, self.font_size = self.saved.pop()


_SHOWS_TEXT = frozenset([b"Tj", b"'", b'"', b"TJ"])
# What each of the other operators read does to the state (ID is skipped by _operations, Do
# draws a form).
_CHANGES_STATE: dict[bytes, Callable[[_TextState, Operands], None]] = {
    b"Tf": _TextState.set_font,
    b"Tm": _TextState.set_text_matrix,
    b"Td": _TextState.move_text,
    b"TD": _TextState.move_text,
    b"BT": _TextState.begin_text,
    b"BDC": _TextState.begin_marked,
    b"BMC": _TextState.begin_marked_plain,
    b"EMC": _TextState.end_marked,
    b"cm": _TextState.transform,
    b"q": _TextState.save,
    b"Q": _TextState.restore,
}
# The operators read here; any other one only ends its operands.
_USED_OPERATORS = frozenset({*_SHOWS_TEXT, *_CHANGES_STATE, b"ID", b"Do"})


def _mcid(operands: Operands) -> int | None:
    """The /MCID of a BDC's property list (parsed as a flat [name, value, ...] list)."""
    props = operands[-1] if operands else None
    if isinstance(props, list):
        for key, value in zip(props, props[1:], strict=False):
            if key == "MCID" and isinstance(value, float):
                return int(value)
    return None


def _get(container: Any, key: str) -> Any:
    if container is None:
        return None
    container = container.get_object()
    if not hasattr(container, "get"):
        return None
    value = container.get(key if key.startswith("/") else f"/{key}")
    return value.get_object() if value is not None else None


def _matrix(values: list[Any]) -> Matrix | None:
    try:
        a, b, c, d, e, f = (float(v) for v in values)
    except (TypeError, ValueError):
        return None
    return (a, b, c, d, e, f)


def _multiply(m: Matrix, n: Matrix) -> Matrix:
    """m then n (PDF row-vector order: m x n)."""
    a, b, c, d, e, f = m
    a2, b2, c2, d2, e2, f2 = n
    return (
        a * a2 + b * c2,
        a * b2 + b * d2,
        c * a2 + d * c2,
        c * b2 + d * d2,
        e * a2 + f * c2 + e2,
        e * b2 + f * d2 + f2,
    )


# Escapes Python's C escape decoder reads as PDF does: octal, \n \r \t \b \f, \\ \' \" and
# backslash-newline. Any other escape (\a, \v, \x, a lone backslash before CR, an octal over
# \377...) takes the slow path.
_NOT_LIKE_PYTHON = re.compile(rb"\\(?:[^0-7nrtbf\\()'\"\n]|[4-7][0-7]{2})")
_BACKSLASH_OR_PAREN = re.compile(rb"\\[\\()]")
_AS_OCTAL = {b"\\\\": b"\\\\", b"\\(": b"\\050", b"\\)": b"\\051"}


def _literal(raw: bytes) -> bytes:
    if b"\\" not in raw:
        return raw
    # Typst escapes every byte of its two-byte glyph codes (\000\032...): the C decoder reads
    # them at once, after \( and \) (which it would keep with their backslash) become octal.
    if not _NOT_LIKE_PYTHON.search(raw):
        try:
            fixed = _BACKSLASH_OR_PAREN.sub(lambda m: _AS_OCTAL[m.group()], raw)
            return bytes(codecs.escape_decode(fixed)[0])
        except ValueError:  # a backslash at the very end: read it the slow way
            pass
    return _literal_slow(raw)


def _literal_slow(raw: bytes) -> bytes:

    def unescape(match: re.Match[bytes]) -> bytes:
        s = match.group(1)
        if s[:1] in (b"0", b"1", b"2", b"3", b"4", b"5", b"6", b"7"):
            return bytes([int(s, 8) & 0xFF])
        if s in (b"\r\n", b"\r", b"\n"):
            return b""  # a line continuation
        return _ESCAPES.get(s, s)

    return _ESCAPE.sub(unescape, raw)


def _literal_end(data: bytes, start: int) -> int:
    """The index just after the literal string that opens at `start` (brackets nest)."""
    depth, i = 0, start
    while i < len(data):
        ch = data[i]
        if ch == 0x5C:  # backslash: skip the escaped character
            i += 2
            continue
        if ch == 0x28:
            depth += 1
        elif ch == 0x29:
            depth -= 1
            if depth == 0:
                return i + 1
        i += 1
    return len(data)


def _hex(raw: bytes) -> bytes:
    try:
        return bytes.fromhex(raw.decode("ascii"))  # skips whitespace itself
    except ValueError:
        pass
    digits = re.sub(rb"\s", b"", raw)
    if len(digits) % 2:
        digits += b"0"
    return bytes.fromhex(digits.decode("ascii"))


# ---------------------------------------------------------------- fonts: codes -> Unicode


class _FontCache:
    """One decoder per font object, shared by every page that uses it."""

    def __init__(self) -> None:
        self._decoders: dict[int, _Decoder] = {}

    def _decoder(self, font: Any) -> _Decoder:
        key = id(font)
        decoder = self._decoders.get(key)
        if decoder is None:
            decoder = self._decoders[key] = _Decoder(font)
        return decoder

    def decode(self, font: Any, strings: Sequence[object]) -> str:
        decoder = self._decoder(font)
        return "".join(decoder.decode(s) for s in strings if isinstance(s, bytes))

    def name(self, font: Any) -> str:
        return self._decoder(font).name


class _Decoder:
    def __init__(self, font: Any) -> None:
        # Keep the font object alive: the cache is keyed by its id().
        self.font = font
        self.name = str(font.get("/BaseFont", "unnamed"))
        self.width = 2 if font.get("/Subtype") == "/Type0" else 1
        self.ranges: list[tuple[int, int, Any]] = []
        self.codes: dict[int, str] = {}
        self.strings: dict[bytes, str] = {}
        self.fallback = "cp1252"
        to_unicode = font.get("/ToUnicode")
        to_unicode = to_unicode.get_object() if to_unicode is not None else None
        if to_unicode is not None and hasattr(to_unicode, "get_data"):
            self._read_cmap(to_unicode.get_data())
            self.has_map = True
        else:
            self.has_map = False
            encoding: Any = font.get("/Encoding")  # a name, a dictionary or None
            encoding = encoding.get_object() if encoding is not None else None
            base = encoding.get("/BaseEncoding") if hasattr(encoding, "get") else encoding
            if str(base) == "/MacRomanEncoding":
                self.fallback = "mac_roman"
            if hasattr(encoding, "get"):
                code = 0
                for item in encoding.get("/Differences", []):
                    item = item.get_object() if hasattr(item, "get_object") else item
                    if isinstance(item, int | float) and not isinstance(item, bool):
                        code = int(item)
                    else:
                        self.codes[code] = _glyph_text(str(item))
                        code += 1

    def _read_cmap(self, data: bytes) -> None:
        for section in re.findall(rb"beginbfchar(.*?)endbfchar", data, re.S):
            for src, dst in re.findall(rb"<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]*)>", section):
                self.codes[int(src, 16)] = _utf16(dst)
        for section in re.findall(rb"beginbfrange(.*?)endbfrange", data, re.S):
            for lo, hi, dst in re.findall(
                rb"<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>\s*(<[0-9A-Fa-f]*>|\[[^\]]*\])", section
            ):
                if dst.startswith(b"["):
                    self.ranges.append((int(lo, 16), int(hi, 16), re.findall(rb"<([0-9A-Fa-f]*)>", dst)))
                else:
                    self.ranges.append((int(lo, 16), int(hi, 16), dst[1:-1]))

    def _lookup(self, code: int) -> str:
        found = self.codes.get(code)
        if found is not None:
            return found
        text = UNKNOWN
        for lo, hi, dst in self.ranges:
            if lo <= code <= hi:
                if isinstance(dst, list):
                    text = _utf16(dst[code - lo]) if code - lo < len(dst) else UNKNOWN
                else:
                    start = bytes.fromhex(dst.decode("ascii")) if len(dst) % 2 == 0 else b""
                    if start:
                        # The last byte counts up through the range.
                        value = int.from_bytes(start, "big") + (code - lo)
                        text = _utf16_bytes(value.to_bytes(len(start), "big"))
                break
        if not self.has_map and self.width == 1:
            text = bytes([code]).decode(self.fallback, errors="replace")
        self.codes[code] = text
        return text

    def decode(self, raw: bytes) -> str:
        # Each glyph is often its own string (<0037>74<0044>...): remember whole strings.
        text = self.strings.get(raw)
        if text is None:
            w = self.width
            if w == 1:
                text = "".join(self._lookup(b) for b in raw)
            else:
                text = "".join(
                    self._lookup(int.from_bytes(raw[i : i + w], "big")) for i in range(0, len(raw), w)
                )
            if len(self.strings) < 100_000:
                self.strings[raw] = text
        return text


def _utf16(hex_digits: bytes) -> str:
    if not hex_digits or len(hex_digits) % 2:
        return UNKNOWN
    return _utf16_bytes(bytes.fromhex(hex_digits.decode("ascii")))


def _utf16_bytes(raw: bytes) -> str:
    return raw.decode("utf-16-be", errors="replace") if len(raw) % 2 == 0 else raw.decode("latin-1")


def _glyph_text(name: str) -> str:
    """Unicode for a glyph name in an /Encoding /Differences array (the common cases)."""
    name = name.lstrip("/")
    if name == "space" or name == "nbspace":
        return " "
    if re.fullmatch(r"uni[0-9A-Fa-f]{4}", name):
        return chr(int(name[3:], 16))
    if len(name) == 1:
        return name
    return UNKNOWN
