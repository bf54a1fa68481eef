"""A PDF's plain objects (dictionaries, arrays, numbers, names, strings, references), read
straight from the file's bytes at the places its cross-reference table gives.

pypdf reads an object one token at a time in Python objects of its own, about 0.1 ms for a
structure element; a tagged 140-page large print PDF has about 4,000 of them, so reading the
structure tree took longer than reading every character on every page. Here an object is cut into
tokens by one regular expression (the tokenizer the text reading uses) and built from plain Python
values, several times faster. pypdf still reads the file's structure (the cross-reference table,
the pages), and reads any object this module does not: one inside a compressed object stream, a
stream, an object of an encrypted file, or one whose bytes are not what the table says.

Values: a dictionary is a dict keyed by names with their slash ("/S"), an array a list, a name
a str with its slash ("/P"), a string what pypdf makes of the same bytes (so text decodes the
same way), a reference a `Ref`; `resolve` turns a Ref (or a pypdf reference) into its object.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from pypdf.generic import create_string_object

from .pdf_text import _TOKEN, _hex, _literal, _literal_end

if TYPE_CHECKING:
    from pypdf import PdfReader

# Deeper nesting than this is not a structure element: left to pypdf.
MAX_NESTING = 64
_OBJ_HEADER = re.compile(rb"[\x00\t\n\x0c\r ]*(\d+)[\x00\t\n\x0c\r ]+(\d+)[\x00\t\n\x0c\r ]+obj\b")
_NAME_ESCAPE = re.compile(rb"#([0-9A-Fa-f]{2})")
# Looked for within the next few bytes only (`endpos`): a stream keyword after an object's value,
# and the R that makes two numbers a reference.
_STREAM = re.compile(rb"[\x00\t\n\x0c\r ]*stream\b")
_REFERENCE_END = re.compile(rb"[\x00\t\n\x0c\r ]*R\b")
_KEYWORDS: dict[bytes, Any] = {b"true": True, b"false": False, b"null": None}


@dataclass(frozen=True)
class Ref:
    """A reference to object `idnum` ("12 0 R")."""

    idnum: int
    generation: int = 0


class _NotPlain(Exception):
    """The object is not one this module reads (a stream, bad bytes): pypdf reads it."""


class Objects:
    """The objects of one PdfReader's file, each read once, by object number."""

    def __init__(self, reader: PdfReader) -> None:
        self.reader = reader
        self.read: dict[int, Any] = {}
        self.offsets: dict[int, int] = {}
        self.data = b""
        try:
            if not reader.is_encrypted:  # encrypted strings need pypdf's decryption
                self.data = reader.stream.getvalue() if hasattr(reader.stream, "getvalue") else b""
                for table in reader.xref.values():
                    self.offsets.update(table)
        except Exception:  # an unusual reader: everything goes through pypdf
            self.offsets = {}

    def resolve(self, value: Any) -> Any:
        """The object a reference points to (a value that is not a reference is itself)."""
        if isinstance(value, Ref):
            return self.get(value.idnum)
        if type(value).__name__ == "IndirectObject":  # one of pypdf's, inside an object it read
            return self.get(int(value.idnum))
        return value

    def get(self, idnum: int) -> Any:
        if idnum in self.read:
            return self.read[idnum]
        value: Any
        try:
            value = self._parse(idnum)
        except _NotPlain:
            value = self.reader.get_object(idnum)
        self.read[idnum] = value
        return value

    def _parse(self, idnum: int) -> Any:
        offset = self.offsets.get(idnum)
        if offset is None or idnum in getattr(self.reader, "xref_objStm", {}):
            raise _NotPlain
        header = _OBJ_HEADER.match(self.data, offset)
        if header is None or int(header.group(1)) != idnum:
            raise _NotPlain
        value, end = parse_value(self.data, header.end())
        if _STREAM.match(self.data, end, end + 32):
            raise _NotPlain
        return value


def parse_value(data: bytes, pos: int) -> tuple[Any, int]:
    """The one PDF value that starts at `pos` (after white space), and where it ends."""
    flat = _FLAT_DICTIONARY.match(data, pos)
    if flat is not None:
        value = _flat_dictionary(data, flat.start("body"), flat.end("body"))
        if value is not None:
            return value, flat.end()
    return _ValueParser(data).parse(pos)


# Most objects of a tagged PDF are structure elements: dictionaries of names, numbers, references,
# plain strings, arrays of the first three, and attribute dictionaries of the same, alone or in an
# array (<</S/TH/P 12 0 R/A[<</O/Table/Scope/Column>>]/K[3 4]/Pg 5 0 R>>). One match finds such a
# dictionary whole and one pass over its entries builds it, the same values the token-by-token
# reader gives; anything else (deeper nesting, a name with an escape, a hex string, an unusual
# delimiter) does not match and is read token by token.
_WS = rb"[\t\n\x0c\r ]"
_END = rb"(?=[\t\n\x0c\r /\[\]<>(]|\Z)"  # what may follow a number or R here (\Z: an entry read alone)
_NAME_CHARS = rb"[^\s/\[\]()<>{}%#]*+"  # possessive: a name is never cut short to fit


def _group(name: str, pattern: bytes, named: bool) -> bytes:
    return (b"(?P<" + name.encode() + b">" if named else b"(?:") + pattern + b")"


def _item(named: bool) -> bytes:
    """A reference, a number or a name (in the groups ref/id/gen, num, name when `named`)."""
    ref = _group(
        "ref",
        _group("id", rb"\d+", named) + _WS + b"+" + _group("gen", rb"\d+", named) + _WS + b"+R" + _END,
        named,
    )
    num = _group("num", rb"[+-]?(?:\d+\.?\d*|\.\d+)" + _END, named)
    name = _group("name", b"/" + _NAME_CHARS, named)
    # Atomic: once read, an item is never read again another way (a number's digits split
    # differently), so a dictionary that does not fit fails at once instead of after trying
    # every split.
    return b"(?>" + ref + b"|" + num + b"|" + name + b")"


def _entry(named: bool, outer: bool = False) -> bytes:
    """/Key and its value: an item, a plain string (no brackets inside) or an array of items; in
    an `outer` dictionary also a dictionary of such entries, or an array of them."""
    string = _group("str", rb"\((?:[^()\\]|\\.)*\)", named)
    array = _group("array", rb"\[(?:" + _WS + b"*(?:" + _item(False) + b"))*" + _WS + rb"*\]", named)
    key = _group("key", _NAME_CHARS, named)
    values = [_item(named), string, array]
    if outer:
        inner = rb"<<(?:" + _entry(False) + rb")*" + _WS + rb"*>>"
        values.append(_group("dict", inner, named))
        values.append(_group("dicts", rb"\[(?:" + _WS + b"*" + inner + rb")*" + _WS + rb"*\]", named))
    return b"(?>" + _WS + b"*/" + key + _WS + b"*(?:" + b"|".join(values) + b"))"  # atomic, as an item


_ITEM = re.compile(_WS + b"*(?:" + _item(True) + b")")
_ENTRY = re.compile(_entry(True), re.DOTALL)
_OUTER_ENTRY = re.compile(_entry(True, outer=True), re.DOTALL)
_INNER_DICTIONARY = re.compile(_WS + rb"*<<(?P<body>(?:" + _entry(False) + rb")*)" + _WS + rb"*>>", re.DOTALL)
_FLAT_DICTIONARY = re.compile(
    rb"[\x00\t\n\x0c\r ]*<<(?P<body>(?:" + _entry(False, outer=True) + rb")*)" + _WS + rb"*>>", re.DOTALL
)


def _tiles(pattern: re.Pattern[bytes], data: bytes, start: int, end: int) -> list[re.Match[bytes]] | None:
    """The matches of `pattern` one after another from `start`, if they fill the bytes up to `end`
    (white space aside); None if they do not."""
    found = []
    pos = start
    for match in pattern.finditer(data, start, end):
        if match.start() != pos:
            return None
        found.append(match)
        pos = match.end()
    return found if data[pos:end].strip(b"\t\n\x0c\r ") == b"" else None


def _flat_dictionary(
    data: bytes, start: int, end: int, entries: re.Pattern[bytes] = _OUTER_ENTRY
) -> dict[str, Any] | None:
    """The dictionary whose entries _FLAT_DICTIONARY found between `start` and `end` (a later
    key wins, as in dict()); None if the entries read one after another do not fill it."""
    matches = _tiles(entries, data, start, end)
    if matches is None:
        return None
    out: dict[str, Any] = {}
    for entry in matches:
        key = "/" + entry.group("key").decode("latin-1")
        kind = entry.lastgroup
        value: Any
        if kind == "array":
            value = [_flat_item(item) for item in _ITEM.finditer(entry.group("array"), 1)]
        elif kind == "str":
            value = create_string_object(_literal(entry.group("str")[1:-1]))
        elif kind == "dict":
            value = _flat_dictionary(data, entry.start("dict") + 2, entry.end("dict") - 2, _ENTRY)
        elif kind == "dicts":
            inner = _tiles(_INNER_DICTIONARY, data, entry.start("dicts") + 1, entry.end("dicts") - 1)
            if inner is None:
                return None
            value = [_flat_dictionary(data, d.start("body"), d.end("body"), _ENTRY) for d in inner]
            if None in value:
                return None
        else:
            value = _flat_item(entry)
        if value is None:
            return None
        out[key] = value
    return out


def _flat_item(match: re.Match[bytes]) -> Any:
    """A reference, number or name, as the token-by-token reader makes it."""
    if match.group("ref") is not None:
        return Ref(int(match.group("id")), int(match.group("gen")))
    number = match.group("num")
    if number is not None:
        return float(number) if b"." in number else int(number)
    return match.group("name").decode("latin-1")


class _ValueParser:
    """Reads one value token by token: each kind of token (see _TOKEN) has its reader below,
    which adds to the innermost open array or dictionary and returns where reading goes on."""

    def __init__(self, data: bytes) -> None:
        self.data = data
        self.stack: list[tuple[bool, list[Any]]] = []  # open arrays (False) and dictionaries (True)
        self.items: list[Any] = []

    def parse(self, pos: int) -> tuple[Any, int]:
        data = self.data
        while pos < len(data):
            match = _TOKEN.match(data, pos)
            if match is None:
                raise _NotPlain
            pos = match.end()
            kind = match.lastgroup
            if kind is None:
                if match.group().strip():  # a comment or a stray byte
                    raise _NotPlain
                continue
            pos = _READ_TOKEN[kind](self, match, pos)
            if not self.stack and self._complete(kind, pos):  # inside an array it cannot be
                return self.items[-1], pos
        raise _NotPlain

    def _complete(self, kind: str, pos: int) -> bool:
        """Whether the value is whole: outside every array and dictionary, and not a number that
        may be the start of a reference ("12 0 R")."""
        if self.stack or not self.items or (kind == "num" and _reference_may_follow(self.data, pos)):
            return False
        return len(self.items) == 1 or kind != "num"

    def numbers(self, match: re.Match[bytes], pos: int) -> int:
        self.items.extend(float(n) if b"." in n else int(n) for n in match.group("num").split())
        return pos

    def name(self, match: re.Match[bytes], pos: int) -> int:
        name = match.group("name")[1:]
        if b"#" in name:  # only then can it hold an escaped byte
            name = _NAME_ESCAPE.sub(lambda m: bytes([int(m[1], 16)]), name)
        self.items.append("/" + name.decode("latin-1"))
        return pos

    def string(self, match: re.Match[bytes], pos: int) -> int:
        self.items.append(create_string_object(_literal(match.group("str")[1:-1])))
        return pos

    def nested_string(self, match: re.Match[bytes], pos: int) -> int:
        """A literal string with brackets nested deeper than the token matches: read by hand."""
        start = match.start("lparen")
        close = _literal_end(self.data, start)
        self.items.append(create_string_object(_literal(self.data[start + 1 : close - 1])))
        return close

    def hex_string(self, match: re.Match[bytes], pos: int) -> int:
        self.items.append(create_string_object(_hex(match.group("hex")[1:-1])))
        return pos

    def open(self, match: re.Match[bytes], pos: int) -> int:
        if len(self.stack) >= MAX_NESTING:
            raise _NotPlain
        self.stack.append((match.group("open") == b"<<", self.items))
        self.items = []
        return pos

    def close(self, match: re.Match[bytes], pos: int) -> int:
        if not self.stack or self.stack[-1][0] != (match.group("close") == b">>"):
            raise _NotPlain
        is_dict, outer = self.stack.pop()
        items = self.items
        if is_dict:
            if len(items) % 2 or not all(isinstance(k, str) for k in items[::2]):
                raise _NotPlain
            outer.append(dict(zip(items[::2], items[1::2], strict=True)))
        else:
            outer.append(items)
        self.items = outer
        return pos

    def keyword(self, match: re.Match[bytes], pos: int) -> int:
        """R (the two numbers before it are a reference), true, false or null."""
        token, items = match.group("op"), self.items
        if token == b"R":
            if len(items) < 2 or not isinstance(items[-1], int) or not isinstance(items[-2], int):
                raise _NotPlain
            generation, idnum = items.pop(), items.pop()
            items.append(Ref(idnum, generation))
        elif token in _KEYWORDS:
            items.append(_KEYWORDS[token])
        else:
            raise _NotPlain  # "endobj" before a value, or an operator: not a plain object
        return pos


_READ_TOKEN: dict[str, Callable[[_ValueParser, re.Match[bytes], int], int]] = {
    "num": _ValueParser.numbers,
    "name": _ValueParser.name,
    "str": _ValueParser.string,
    "lparen": _ValueParser.nested_string,
    "hex": _ValueParser.hex_string,
    "open": _ValueParser.open,
    "close": _ValueParser.close,
    "op": _ValueParser.keyword,
}


def _reference_may_follow(data: bytes, pos: int) -> bool:
    """After a bare top-level number: whether "R" (it was a reference) comes next."""
    return _REFERENCE_END.match(data, pos, pos + 16) is not None
