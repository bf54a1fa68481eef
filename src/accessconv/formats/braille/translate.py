"""liblouis, through Debian's `louis` module: text with typeform in, Unicode braille cells out.

liblouis writes characters it has no rule for as escape sequences (a backslash cell with dot 7
and the character's hex code). We never let those reach a file: a character liblouis cannot
translate is replaced by its unaccented letter when that works (ǻ -> a), otherwise by a
transcriber's note, and the replacement is recorded so the report can name it.
"""

from __future__ import annotations

import ctypes
import re
import unicodedata
from collections import Counter
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

import louis
import pyphen

from ...errors import ProfileError
from .cells import is_six_dot
from .settings import Typeforms

# Characters that carry no text but would become a blank cell (a false word break).
_INVISIBLE = dict.fromkeys(map(ord, "\u00ad\u200b\u200c\u200d\u2060\ufeff"))
_INVISIBLE_RE = re.compile("[\u00ad\u200b\u200c\u200d\u2060\ufeff]")
# Runs of whitespace other than a single plain space.
_SPACES = re.compile(r"\s{2,}|[^\S ]|^ | $")


def _plain_spaces(text: str) -> bool:
    """True when _SPACES cannot match, found much faster than by the search itself: every
    whitespace character but the plain space is unprintable (tests/test_braille_speed.py checks it)."""
    return text.isprintable() and "  " not in text and text[:1] != " " and text[-1:] != " "


# Typeform bits of our own, never passed to liblouis (its UEB tables have no level indicators):
# text with one of them is translated apart and given the UEB level indicator (UEB §3.24).
SUPERSCRIPT = 0x10000
SUBSCRIPT = 0x20000
_SCRIPT = SUPERSCRIPT | SUBSCRIPT
_LEVEL = {SUPERSCRIPT: "⠔", SUBSCRIPT: "⠢"}


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
    mode: int = louis.dotsIO | louis.ucBrl
    return mode


@lru_cache(maxsize=256)
def _forward(tables: tuple[str, ...], text: str, typeform: tuple[int, ...] | None) -> str:
    if typeform is None:
        cells: str = louis.translateString(list(tables), text, mode=_mode())
        return cells
    return _translate_with_typeform(tables, text, typeform, _mode())


def _translate_with_typeform(tables: tuple[str, ...], text: str, typeform: tuple[int, ...], mode: int) -> str:
    """louis.translateString(tables, text, typeform, mode), calling liblouis the same way but
    filling the typeform buffer in one step. The bindings fill that buffer (12 times the text's
    length) a value at a time, and given a list they also copy it all back out: on the benchmark
    draft that took 7% as long as all of liblouis's translating; filled in one step, about 1%."""
    inbuf = louis.createEncodedByteString(text)
    length = len(inbuf) // louis.wideCharBytes
    if length != len(typeform):  # cannot happen with UTF-32 liblouis; let the bindings handle it
        cells: str = louis.translateString(list(tables), text, typeform=typeform, mode=mode)
        return cells
    inlen = ctypes.c_int(length)
    outlen = ctypes.c_int(length * louis.outlenMultiplier)
    outbuf = ctypes.create_string_buffer(outlen.value * louis.wideCharBytes)
    forms = (ctypes.c_ushort * outlen.value)()
    forms[:length] = typeform  # type: ignore[call-overload]  # ctypes takes any sequence, typeshed a list
    names = ",".join(tables).encode(louis.fileSystemEncoding)
    if not louis.liblouis.lou_translateString(
        names, inbuf, ctypes.byref(inlen), outbuf, ctypes.byref(outlen), forms, None, mode
    ):
        raise RuntimeError(f"Can't translate: tables {list(tables)}, text {text!r}, mode {mode}")
    out: str = outbuf.raw[: outlen.value * louis.wideCharBytes].decode(
        louis.conversionEncoding, errors=louis.ENCODING_ERROR_HANDLER
    )
    return out


def _translate_with_positions(
    tables: tuple[str, ...], text: str, typeform: list[int], mode: int
) -> tuple[str, list[int]]:
    """Cells and, for each cell, the index of the character it came from (lou_translate's
    inputPos; the Python binding of liblouis 3.24 returns wrong positions, so it is called here)."""
    inbuf = louis.createEncodedByteString(text)
    length = len(inbuf) // louis.wideCharBytes
    inlen = ctypes.c_int(length)
    outlen = ctypes.c_int(length * louis.outlenMultiplier)
    outbuf = ctypes.create_string_buffer(outlen.value * louis.wideCharBytes)
    forms = (ctypes.c_ushort * outlen.value)()
    forms[:length] = tuple(typeform)  # type: ignore[call-overload]  # ctypes takes any sequence
    inpos = (ctypes.c_int * outlen.value)()
    outpos = (ctypes.c_int * max(1, length))()
    names = ",".join(tables).encode(louis.fileSystemEncoding)
    if length != len(typeform) or not louis.liblouis.lou_translate(
        names,
        inbuf,
        ctypes.byref(inlen),
        outbuf,
        ctypes.byref(outlen),
        forms,
        None,
        outpos,
        inpos,
        None,
        mode,
    ):
        return _forward(tables, text, tuple(typeform) if any(typeform) else None), []
    out: str = outbuf.raw[: outlen.value * louis.wideCharBytes].decode(
        louis.conversionEncoding, errors=louis.ENCODING_ERROR_HANDLER
    )
    return out, list(inpos[: outlen.value])


_LETTERS = re.compile(r"[A-Za-z]{6,}")


def _syllable_starts(text: str) -> set[int]:
    """Indexes in `text` where a syllable starts, inside words of six letters or more (pyphen's
    British English patterns, at least three letters either side)."""
    found: set[int] = set()
    matches = list(_LETTERS.finditer(text))
    if not matches:
        return found

    dic = _pyphen(pyphen)
    for match in matches:
        found.update(match.start() + p for p in dic.positions(match.group()))
    return found


@lru_cache(maxsize=1)
def _pyphen(module: Any) -> Any:
    return module.Pyphen(lang="en_GB", left=3, right=3)


@lru_cache(maxsize=2048)
def back_translate(tables: tuple[str, ...], cells: str) -> str:
    """Print text for a string of Unicode braille cells (cached: checking a file again, or reading
    a page again with the round trip's fallback tables, costs nothing)."""
    # ucBrl alone: Unicode braille in (dotsIO here would misread the cells as dot numbers).
    text: str = louis.backTranslateString(list(tables), cells, mode=louis.ucBrl)
    return text


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
        # Letters written without their accent (the tables have no sign for it), with how often.
        self.simplified: Counter[str] = Counter()
        self._good: set[str] = set()  # characters known to translate
        # Finds a character not (yet) known to translate; remade whenever _good grows. Faster on
        # a paragraph than making a set of its characters.
        self._unknown = re.compile(r"[\s\S]")  # nothing is known yet: any character

    def check_tables(self) -> None:
        """Raise ProfileError, in plain words, when a table cannot be loaded."""
        # liblouis would also print its own compiler errors on stderr; our message says it all.
        louis.setLogLevel(louis.LOG_OFF)
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
        # Short strings (headings, cells, page numbers) repeat: cache them; paragraphs do not.
        # Paragraphs are kept too (in their own cache): the round trip asks liblouis for the
        # draft's braille again right after writing it, and gets the same answer at no cost.
        return _forward(self.tables, text, tf) if len(text) < 200 else _long(self.tables, text, tf)

    def translate_run(self, run: Run) -> str:
        text, typeform = run.value()
        if not any(f & _SCRIPT for f in typeform):
            return self.translate(text, typeform)
        # Superscript and subscript: the whole run is translated (so contractions and capitals
        # are as in the sentence) and the UEB level indicator goes before the cells of each
        # stretch, grouped when it is more than one character (UEB §3.24: "H2O" as ,H5#B,O,
        # "10^12" as #AJ9<#AB>).
        text, typeform = self._clean(text, typeform)
        if not text:
            return ""
        text, typeform = self._make_safe(text, typeform)
        plain = [f & ~_SCRIPT for f in typeform]
        cells, inpos = _translate_with_positions(self.tables, text, plain, _mode())
        if len(inpos) != len(cells):
            return cells
        out: list[str] = []
        level_before = 0
        grouped = False
        for j, cell in enumerate(cells):
            p = min(inpos[j], len(text) - 1)
            level = typeform[p] & _SCRIPT if cell != "\u2800" else 0
            if level != level_before:
                if level_before and grouped:
                    out.append("⠜")
                if level:
                    end = p
                    while end < len(text) and typeform[end] & _SCRIPT == level:
                        end += 1
                    grouped = end - p > 1
                    out.append(_LEVEL[level] + ("⠣" if grouped else ""))
                    if text[p].isdigit() and cell != "⠼":
                        out.append("⠼")
            out.append(cell)
            level_before = level
        if level_before and grouped:
            out.append("⠜")
        return "".join(out)

    def division_points(
        self, run: Run, hyphen: str, continuation: str
    ) -> tuple[str, dict[int, tuple[int, str]]]:
        """The run's cells and where a word in them may be divided at the end of a line (UEB
        §10.13): cell offset -> the sign that ends the divided line ("" after a hyphen, which
        stays; `continuation` after "/", "." or "@" in an address; `hyphen` between syllables),
        ranked 0; any other boundary between two signs is ranked 1 (with `continuation`).

        Only boundaries between whole signs count: liblouis's input positions show which cells
        a character or contraction gave, so a multi-cell sign or indicator is never divided."""
        text, typeform = self._clean(*run.value())
        if not text:
            return "", {}
        text, typeform = self._make_safe(text, typeform)
        cells, inpos = _translate_with_positions(self.tables, text, typeform, _mode())
        syllables = _syllable_starts(text)
        points: dict[int, tuple[int, str]] = {}
        for j in range(1, len(cells) if len(inpos) == len(cells) else 0):
            p, before = inpos[j], inpos[j - 1]
            if p <= before or cells[j] == "\u2800" or cells[j - 1] == "\u2800" or p >= len(text):
                continue
            prev, char = text[p - 1], text[p]
            if prev.isspace() or char.isspace():
                continue
            if typeform[p - 1] & self.typeforms.url:
                points[j] = (0 if prev in "/.@" and char not in "/.@" else 1, continuation)
            elif prev == "-" and char.isalnum():
                points[j] = (0, "")
            elif p in syllables:
                points[j] = (0, hyphen)
            else:
                points[j] = (1, continuation)
        return cells, points

    def _clean(self, text: str, typeform: list[int] | None) -> tuple[str, list[int]]:
        """Drop invisible characters and make each run of whitespace one plain space."""
        forms = list(typeform) if typeform else [0] * len(text)
        if _INVISIBLE_RE.search(text):
            keep = [i for i, c in enumerate(text) if ord(c) not in _INVISIBLE]
            text, forms = "".join(text[i] for i in keep), [forms[i] for i in keep]
        if _plain_spaces(text) or not _SPACES.search(text):
            return text, forms
        out: list[str] = []
        out_forms: list[int] = []
        pos = 0
        for match in _SPACES.finditer(text):
            out.append(text[pos : match.start()])
            out_forms.extend(forms[pos : match.start()])
            if out_forms and match.end() < len(text):  # no space at either end
                out.append(" ")
                out_forms.append(0)
            pos = match.end()
        out.append(text[pos:])
        out_forms.extend(forms[pos:])
        return "".join(out), out_forms

    def _make_safe(self, text: str, typeform: list[int]) -> tuple[str, list[int]]:
        if not self._unknown.search(text):
            return text, typeform
        chars = set(text)
        new = {ch for ch in chars - self._good if _char_ok(self.tables, ch)}
        if new:
            self._good |= new
            self._unknown = re.compile("[^" + "".join(map(re.escape, sorted(self._good))) + "]")
        if chars <= self._good:
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
                self.simplified[ch] += 1
            else:
                self.left_out[ch] += 1
                bad.append(ch)
        flush()
        return out.value()


@lru_cache(maxsize=8192)
def _long(tables: tuple[str, ...], text: str, typeform: tuple[int, ...] | None) -> str:
    return _forward.__wrapped__(tables, text, typeform)


def _uncached(tables: tuple[str, ...], text: str, typeform: tuple[int, ...] | None) -> str:
    return _forward.__wrapped__(tables, text, typeform)


def clear_caches() -> None:
    """Forget every translation made so far (for benchmarks that must start cold)."""
    _forward.cache_clear()
    _long.cache_clear()
    back_translate.cache_clear()
    _char_ok.cache_clear()
