"""liblouis, through Debian's `louis` module: text with typeform in, Unicode braille cells out.

liblouis writes characters it has no rule for as escape sequences (a backslash cell with dot 7
and the character's hex code). We never let those reach a file: a character liblouis cannot
translate is replaced by its unaccented letter when that works (ǻ -> a), otherwise by a
transcriber's note, and the replacement is recorded so the report can name it.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from dataclasses import dataclass, field
from functools import lru_cache

from .cells import is_six_dot

# Characters that carry no text but would become a blank cell (a false word break).
_INVISIBLE = dict.fromkeys(map(ord, "\u00ad\u200b\u200c\u200d\u2060\ufeff"))
_SPACES = re.compile(r"\s+")


@dataclass(frozen=True)
class Typeforms:
    """liblouis typeform bits (see the [settings.typeform] table of the braille profiles)."""

    italic: int
    underline: int
    bold: int
    transcriber_note: int
    url: int


@dataclass
class Run:
    """Text and its per-character typeform, built up piece by piece."""

    text: list[str] = field(default_factory=list)
    typeform: list[int] = field(default_factory=list)

    def add(self, text: str, typeform: int = 0) -> None:
        self.text.append(text)
        self.typeform.extend([typeform] * len(text))

    def value(self) -> tuple[str, list[int]]:
        return "".join(self.text), self.typeform


def _mode() -> int:
    import louis

    return louis.dotsIO | louis.ucBrl


@lru_cache(maxsize=256)
def _forward(tables: tuple[str, ...], text: str, typeform: tuple[int, ...] | None) -> str:
    import louis

    return louis.translateString(
        list(tables), text, typeform=list(typeform) if typeform else None, mode=_mode()
    )


@lru_cache(maxsize=65536)
def back_translate(tables: tuple[str, ...], cells: str) -> str:
    """Print text for a string of Unicode braille cells (cached: BRF, PEF and preview share it)."""
    import louis

    # ucBrl alone: Unicode braille in (dotsIO here would misread the cells as dot numbers).
    return louis.backTranslateString(list(tables), cells, mode=louis.ucBrl)


@lru_cache(maxsize=8192)
def _char_ok(tables: tuple[str, ...], ch: str) -> bool:
    out = _forward(tables, ch, None)
    return bool(out) and all(is_six_dot(c) for c in out)


class Translator:
    def __init__(self, tables: list[str], typeforms: Typeforms, untranslatable_note: str) -> None:
        self.tables = tuple(tables)
        self.typeforms = typeforms
        self.untranslatable_note = untranslatable_note
        # Characters left out of the braille (no rule in the tables), with how often.
        self.left_out: Counter[str] = Counter()

    def check_tables(self) -> None:
        """Raise ProfileError, in plain words, when a table cannot be loaded."""
        import louis

        from ..errors import ProfileError

        try:
            louis.checkTable(list(self.tables))
        except RuntimeError as err:
            raise ProfileError(
                f"The braille tables {', '.join(self.tables)} cannot be loaded by liblouis. "
                "Check the table names in the profile (for example en-ueb-g2.ctb) and that the "
                "liblouis-data package is installed."
            ) from err

    def translate(self, text: str, typeform: list[int] | None = None) -> str:
        """Unicode braille for `text`; whitespace runs become one blank cell."""
        text, typeform = self._clean(text, typeform)
        if not text:
            return ""
        text, typeform = self._make_safe(text, typeform)
        tf = tuple(typeform) if any(typeform) else None
        return _forward(self.tables, text, tf) if len(text) < 200 else _uncached(self.tables, text, tf)

    def translate_run(self, run: Run) -> str:
        return self.translate(*run.value())

    def _clean(self, text: str, typeform: list[int] | None) -> tuple[str, list[int]]:
        typeform = list(typeform) if typeform else [0] * len(text)
        chars: list[str] = []
        forms: list[int] = []
        for ch, tf in zip(text, typeform, strict=True):
            if ord(ch) in _INVISIBLE:
                continue
            if ch.isspace():
                if not chars or chars[-1] == " ":
                    continue
                ch, tf = " ", 0
            chars.append(ch)
            forms.append(tf)
        while chars and chars[-1] == " ":
            chars.pop()
            forms.pop()
        return "".join(chars), forms

    def _make_safe(self, text: str, typeform: list[int]) -> tuple[str, list[int]]:
        if all(_char_ok(self.tables, ch) for ch in set(text)):
            return text, typeform
        out = Run()
        bad: list[str] = []

        def flush() -> None:
            if bad:
                note = self.untranslatable_note.format(count=len(bad))
                out.add(note, self.typeforms.transcriber_note)
                bad.clear()

        for ch, tf in zip(text, typeform, strict=True):
            if _char_ok(self.tables, ch):
                flush()
                out.add(ch, tf)
                continue
            base = "".join(
                c for c in unicodedata.normalize("NFKD", ch) if not unicodedata.combining(c)
            ).strip()
            if base and all(_char_ok(self.tables, c) for c in base):
                flush()
                out.add(base, tf)
            else:
                self.left_out[ch] += 1
                bad.append(ch)
        flush()
        return out.value()


def _uncached(tables: tuple[str, ...], text: str, typeform: tuple[int, ...] | None) -> str:
    return _forward.__wrapped__(tables, text, typeform)
