"""Unicode braille cells and North American braille ASCII (the BRF character set)."""

from __future__ import annotations

import codecs

BLANK = "\u2800"
# Braille ASCII for the 64 six-dot cells, in dot-pattern order (U+2800 + n).
_ASCII = " A1B'K2L@CIF/MSP\"E3H9O6R^DJG>NTQ,*5<-U8V.%[$+X!&;:4\\0Z7(_?W]#Y)="
TO_ASCII = {chr(0x2800 + n): c for n, c in enumerate(_ASCII)}
FROM_ASCII = {c: chr(0x2800 + n) for n, c in enumerate(_ASCII)}
# Lower-case letters are read as their capitals, as embossers and most braille software do.
FROM_ASCII.update({c.lower(): cell for c, cell in FROM_ASCII.items() if c.isalpha()})


def is_six_dot(ch: str) -> bool:
    """A cell using dots 1-6 only (dots 7 and 8 mark liblouis escapes and computer braille)."""
    return "\u2800" <= ch <= "\u283f"


_TO_ASCII_TABLE = str.maketrans(TO_ASCII)
_FROM_ASCII_TABLE = str.maketrans(FROM_ASCII)
# The same mappings as charmap codecs, which run in C: str.translate looks every character up in a
# Python dict, which for a whole book costs more than everything else in writing a BRF. Byte b
# decodes to the cell for braille ASCII b (lower-case letters too) and to itself otherwise.
_DECODE_MAP = "".join(FROM_ASCII.get(chr(b), chr(b)) for b in range(256))
# Encoding is the reverse: cells to braille ASCII, other ASCII characters (line ends, form feeds)
# to themselves. Anything else (a letter, a dot-7 cell) makes the fast path fail, and the dict
# mapping decides, so both give the same answer.
_ENCODE_MAP = codecs.charmap_build(
    "".join(chr(0x2800 + _ASCII.index(chr(b))) if 0x20 <= b < 0x60 else chr(b) for b in range(128))
    + "\ufffe" * 128
)


def to_ascii(cells: str) -> str:
    """Braille ASCII for six-dot cells (other characters are left as they are)."""
    try:
        return codecs.charmap_encode(cells, "strict", _ENCODE_MAP)[0].decode("ascii")
    except UnicodeEncodeError:
        return cells.translate(_TO_ASCII_TABLE)


def from_ascii(text: str) -> str:
    try:
        return codecs.charmap_decode(text.encode("latin-1"), "strict", _DECODE_MAP)[0]
    except UnicodeEncodeError:
        return text.translate(_FROM_ASCII_TABLE)
