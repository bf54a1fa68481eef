"""Unicode braille cells and North American braille ASCII (the BRF character set)."""

from __future__ import annotations

BLANK = "\u2800"
# Braille ASCII for the 64 six-dot cells, in dot-pattern order (U+2800 + n).
_ASCII = " A1B'K2L@CIF/MSP\"E3H9O6R^DJG>NTQ,*5<-U8V.%[$+X!&;:4\\0Z7(_?W]#Y)="
TO_ASCII = {chr(0x2800 + n): c for n, c in enumerate(_ASCII)}
FROM_ASCII = {c: chr(0x2800 + n) for n, c in enumerate(_ASCII)}
# Lower-case letters are read as their capitals, as embossers and most braille software do.
FROM_ASCII.update({c.lower(): cell for c, cell in FROM_ASCII.items() if c.isalpha()})


def is_cell(ch: str) -> bool:
    return "\u2800" <= ch <= "\u28ff"


def is_six_dot(ch: str) -> bool:
    """A cell using dots 1-6 only (dots 7 and 8 mark liblouis escapes and computer braille)."""
    return "\u2800" <= ch <= "\u283f"


_TO_ASCII_TABLE = str.maketrans(TO_ASCII)
_FROM_ASCII_TABLE = str.maketrans(FROM_ASCII)


def to_ascii(cells: str) -> str:
    """Braille ASCII for six-dot cells (other characters are left as they are)."""
    return cells.translate(_TO_ASCII_TABLE)


def from_ascii(text: str) -> str:
    return text.translate(_FROM_ASCII_TABLE)
