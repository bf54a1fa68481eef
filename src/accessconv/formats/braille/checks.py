"""Checks on written braille files (BRF, PEF, Unicode preview), reading each file back.

Every check works from the file's own cells: the BRF's braille ASCII, the PEF's rows, the
preview's Unicode braille. The round trip back-translates those cells with liblouis and compares
the words with the draft's, so lost or garbled text shows up whatever produced the file.
"""

from __future__ import annotations

import bisect
import difflib
import re
import unicodedata
import weakref
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from functools import cache, cached_property, lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, TypeVar, cast

from lxml import etree

from ... import model as m
from ...checks import Check, CheckFn, CheckResult, Finding, run_check
from .cells import BLANK, FROM_ASCII, to_ascii
from .files import DC_NS, PEF_MIME, PEF_NS, BrailleFile, read_brf, read_pef, read_preview
from .layout import outline, reference_cells
from .translate import Translator, _char_ok, back_translate
from .translate import clear_caches as clear_translations

if TYPE_CHECKING:
    from lxml.etree import RelaxNG

    from .. import Profile
    from .settings import Checks, Settings

V = TypeVar("V")

_DIGIT = "⠁⠃⠉⠙⠑⠋⠛⠓⠊⠚"  # braille 1-9, 0
_NUMBER_ROW = re.compile(rf"(?P<gap>{BLANK}*)⠼(?P<digits>[{_DIGIT}]+)$")
# Emphasis indicators (italic, bold, underline, script: word, symbol, passage, terminator) and
# transcriber's note brackets. Removed before back-translation: liblouis 3.24 cannot read them back.
# Written as "⠈⠨[⠣⠜]|[⠈⠘⠸⠨][⠂⠆⠶⠄]" starting with the one class, which the regex engine scans
# for far faster than it tries an alternation at every cell.
_INDICATORS = re.compile("[⠈⠘⠸⠨](?:(?<=⠈)⠨[⠣⠜]|[⠂⠆⠶⠄])")
# liblouis escapes, as braille ASCII: "'\x65e5'" from a table's undefined rule, "\x1234/" otherwise.
_ESCAPES = re.compile(r"'\\[XY][A-J0-9]+'?|\\X[0-9A-F]{2,}/")
_BACK_ESCAPE = re.compile(r"\\\d+/")
_WORD = re.compile(r"[^\W_]+")
# The same for ASCII text (most back-translation), where NFKC changes nothing and casefold is lower.
_ASCII_WORD = re.compile(r"[A-Za-z0-9]+")
_NOT_SIX_DOT = re.compile("[^\u2800-\u283f]")


def _cells_of(chars: str) -> str:
    """A regular-expression class of the cells for some braille ASCII characters."""
    return "[" + "".join(FROM_ASCII[c] for c in chars) + "]"


# _ESCAPES as cells, to search a whole file without first turning it into braille ASCII.
_Q, _BS = _cells_of("'"), _cells_of("\\")
_ESCAPE_CELLS = re.compile(
    f"{_Q}{_BS}{_cells_of('XY')}{_cells_of('ABCDEFGHIJ0123456789')}+{_Q}?"
    f"|{_BS}{_cells_of('X')}{_cells_of('0123456789ABCDEF')}{{2,}}{_cells_of('/')}"
)
_BLANKS = re.compile(f"{BLANK}{{2,}}")
# Table guide dots: dot 5 cells standing alone between blanks (never text in UEB).
_GUIDE_DOTS = re.compile(f"(?<={BLANK})⠐+(?={BLANK})")


@dataclass
class BrailleTarget:
    file: BrailleFile
    profile: Profile[Settings, Checks]
    doc: m.Document | None

    @property
    def s(self) -> Settings:
        return self.profile.settings

    @property
    def limits(self) -> Checks:
        return self.profile.checks

    def __post_init__(self) -> None:
        # Name pages as a reader sees them: the title page, then braille page 1, 2...
        number = volume = 0
        for i, page in enumerate(self.file.pages):
            if i in self.title_indexes:
                volume += 1
                page.label = "the title page" if volume == 1 else f"the title page of volume {volume}"
            else:
                number += 1
                page.label = f"braille page {number}"

    @cached_property
    def title_index(self) -> int | None:
        """Index of the (first) title page, which carries no page number."""
        return min(self.title_indexes, default=None)

    @cached_property
    def title_indexes(self) -> frozenset[int]:
        """Indexes of the title pages: the document's, and each later volume's. They carry no
        page number (every other page's top line holds one), and start with a blank line."""
        if self.file.kind == "preview":
            return frozenset(
                i for i, page in enumerate(self.file.pages) if page.label == self.s.preview_title_page_line
            )
        found = {0} if self.s.title_page and self.file.pages else set()
        found.update(
            i for i, page in enumerate(self.file.pages)
            if i and page.rows and not page.rows[0].strip(BLANK) and any(r.strip(BLANK) for r in page.rows)
        )  # fmt: skip
        return frozenset(found)

    @cached_property
    def reading(self) -> _Reading:
        """What this file's cells say. Worked out once for all files holding the same cells: the
        BRF, PEF and preview of one conversion hold the same braille, so they share one."""
        pages: list[tuple[str, ...]] = []
        for page in self.file.pages:
            rows = [row.rstrip(BLANK) for row in page.rows]
            while rows and not rows[-1]:
                rows.pop()  # blank rows at the foot of a page (BRF padding) add nothing
            pages.append(tuple(rows))
        titles = tuple(sorted(self.title_indexes))
        key: _ReadingKey = (tuple(pages), titles, tuple(self.s.tables), self.s.cells_per_line,
               self.s.long_word_continuation)  # fmt: skip
        found = _READINGS.get(key)
        if found is None:
            if len(_READINGS) >= 8:
                _READINGS.clear()
            found = _READINGS[key] = _Reading(*key)
        return found

    @property
    def text_pages(self) -> list[str]:
        return self.reading.text_pages

    @property
    def back_pages(self) -> list[str]:
        return self.reading.back_pages

    @property
    def stream(self) -> str:
        return self.reading.stream

    @property
    def words(self) -> tuple[list[str], list[int]]:
        return self.reading.words


# Readings of recent files, keyed by their cells (see BrailleTarget.reading): the arguments of
# _Reading (pages of rows, title page index, tables, cells per line, continuation indicator).
_ReadingKey = tuple[tuple[tuple[str, ...], ...], tuple[int, ...], tuple[str, ...], int, str]
_READINGS: dict[_ReadingKey, _Reading] = {}


class _Reading:
    """A braille file's pages read as text: everything here depends only on the cells and the
    profile settings in the key, never on which file (BRF, PEF, preview) the cells came from."""

    def __init__(
        self,
        pages: tuple[tuple[str, ...], ...],
        title_indexes: tuple[int, ...],
        tables: tuple[str, ...],
        width: int,
        continuation: str,
    ) -> None:
        self.pages = pages
        self.title_indexes = title_indexes
        self.tables = tables
        self.width = width
        self.continuation = continuation
        # Results that also depend on the draft (and the [checks] settings), per draft.
        # Keyed by (what, id of the draft, extra settings); the value is kept with a weak reference
        # to its draft, so a new draft that happens to get the same id is not taken for it.
        self.per_draft: dict[tuple[str, int, tuple[object, ...]], tuple[weakref.ref[m.Document], object]] = {}

    def for_draft(self, doc: m.Document, what: str, extra: tuple[object, ...], build: Callable[[], V]) -> V:
        """`build()`, worked out once per draft (the same Document object) and `extra` settings."""
        key = (what, id(doc), extra)
        hit = self.per_draft.get(key)
        if hit is not None and hit[0]() is doc:
            return cast(V, hit[1])  # stored by this method for this `what`, so of build's type
        value = build()
        self.per_draft[key] = (weakref.ref(doc), value)
        return value

    @cached_property
    def text_pages(self) -> list[str]:
        """Each page's text as one string of cells: page number removed, lines joined. A word
        divided at the foot of a page (continuation indicator) is kept whole on the first page."""
        out: list[str] = []
        cont = self.continuation
        joined = False
        for i, page in enumerate(self.pages):
            if i in self.title_indexes:
                out.append("")  # title pages: not the draft's text (the round trip leaves them out)
                joined = False
                continue
            rows = list(page)
            if rows:
                rows[0] = _NUMBER_ROW.sub("", rows[0])
            parts: list[str] = []
            for row in rows:
                if joined and not row:
                    continue  # the page-number row between the two halves of a divided word
                # A line ending in the continuation indicator goes straight on to the next line.
                ends_joined = len(row) > 1 and row.endswith(cont)
                if joined:
                    row = row.lstrip(BLANK)
                    if not parts and out:  # the rest of a word divided at the foot of the last page
                        head, space, rest = row.partition(BLANK)
                        if not space and ends_joined:
                            out[-1] += head[:-1]
                            continue
                        out[-1] += head
                        row = rest
                joined = ends_joined
                parts.append(row[:-1] if joined else row + BLANK)
            out.append(_BLANKS.sub(BLANK, "".join(parts)).strip(BLANK))
        return out

    @cached_property
    def clean(self) -> bool:
        """No cell outside dots 1-6 and no liblouis escape code anywhere. (Rows are joined with a
        blank cell, which no escape contains, so nothing matches across rows; the blank cells
        and rows left off the ends of rows and pages cannot be part of one either.)"""
        everything = BLANK.join(BLANK.join(page) for page in self.pages)
        return not _NOT_SIX_DOT.search(everything) and not _ESCAPE_CELLS.search(everything)

    @cached_property
    def plain_pages(self) -> list[str]:
        """text_pages without the emphasis and transcriber's-note indicators, which liblouis 3.24
        cannot read back."""
        return [_GUIDE_DOTS.sub("", _INDICATORS.sub("", text)) for text in self.text_pages]

    @cached_property
    def back_pages(self) -> list[str]:
        tables = self.tables
        return [back_translate(tables, text) if text else "" for text in self.plain_pages]

    @cached_property
    def stream(self) -> str:
        """All the words read back, space-separated with a space at each end."""
        return " " + " ".join(self.words[0]) + " "

    @cached_property
    def words(self) -> tuple[list[str], list[int]]:
        """Back-translated words and the page index of each."""
        words: list[str] = []
        pages: list[int] = []
        for i, text in enumerate(self.back_pages):
            found = _tokens(text)
            words.extend(found)
            pages.extend([i] * len(found))
        return words, pages


def clear_caches() -> None:
    """Forget all files read and all translations (for benchmarks that must start cold)."""
    _READINGS.clear()
    _tokens.cache_clear()
    clear_translations()


def tokens(text: str) -> list[str]:
    return list(_tokens(text))


@lru_cache(maxsize=4096)
def _tokens(text: str) -> tuple[str, ...]:
    # Cached: the draft's text and each page are split once for the files of one conversion.
    if text.isascii():
        return tuple(_ASCII_WORD.findall(text.lower()))
    return tuple(_WORD.findall(unicodedata.normalize("NFKC", text).casefold()))


# ---------------------------------------------------------------- entry point

_COMMON: list[Check[BrailleTarget]] = []
_BY_KIND: dict[str, list[Check[BrailleTarget]]] = {"brf": [], "pef": [], "preview": []}


def _register(
    check_id: str, title: str, kinds: tuple[str, ...] = ()
) -> Callable[[CheckFn[BrailleTarget]], CheckFn[BrailleTarget]]:
    def decorator(fn: CheckFn[BrailleTarget]) -> CheckFn[BrailleTarget]:
        check = Check(check_id, title, fn)
        if kinds:
            for kind in kinds:
                _BY_KIND[kind].append(check)
        else:
            _COMMON.append(check)
        return fn

    return decorator


def check_braille_file(
    path: Path, profile: Profile[Settings, Checks], doc: m.Document | None = None
) -> list[CheckResult]:
    suffix = path.suffix.lower()
    s = profile.settings
    try:
        if suffix == ".brf":
            file = read_brf(path)
        elif suffix == ".pef":
            file = read_pef(path)
        else:
            file = read_preview(path, s.preview_title_page_line, s.preview_page_line)
    except (ValueError, OSError) as err:
        return [
            CheckResult(
                "braille.read",
                "The braille file can be read",
                "error",
                str(err) if isinstance(err, ValueError) else f"The file cannot be read ({err}).",
                str(path),
                "Convert the draft again with accessconv.",
            )
        ]
    target = BrailleTarget(file, profile, doc)
    results: list[CheckResult] = []
    for check in _BY_KIND[file.kind] + _COMMON:
        results.extend(run_check(check, target))
    return results


def _ex(t: BrailleTarget, items: list[str]) -> str:
    return _examples(items, t.limits.max_examples)


def _examples(items: list[str], limit: int) -> str:
    shown = "; ".join(items[:limit])
    return shown + (f" (and {len(items) - limit} more)" if len(items) > limit else "")


# ---------------------------------------------------------------- BRF


@_register("brf.charset", "The BRF uses only braille ASCII (characters 0x20 to 0x5F)", ("brf",))
def _brf_charset(t: BrailleTarget) -> Iterator[Finding]:
    bad = [f"{where}: {ch!r}" for where, ch in t.file.bad_chars]
    if bad:
        yield Finding(
            "error",
            f"The BRF file has {len(bad)} characters an embosser cannot read as braille: {_ex(t, bad)}.",
            str(t.file.path.name),
            "Convert the draft again; if the file was edited by hand, use braille ASCII capitals only.",
        )
    eol = "\r\n" if t.s.brf_line_ending == "crlf" else "\n"
    text = t.file.raw.decode("latin-1")
    other = text.replace(eol, "")
    if "\r" in other or "\n" in other:
        yield Finding(
            "warning",
            f"The BRF's line endings are not all {t.s.brf_line_ending.upper()}, as the profile asks.",
            t.file.path.name,
            "Some embossers print such files badly. Convert the draft again.",
        )


@_register("brf.pages", "Every BRF page is full height and ends with a form feed", ("brf",))
def _brf_pages(t: BrailleTarget) -> Iterator[Finding]:
    if not t.file.raw.rstrip(b"\r\n").endswith(b"\f"):
        yield Finding(
            "error",
            "The BRF does not end its last page with a form feed, so an embosser may not eject the page.",
            t.file.path.name,
            "Convert the draft again.",
        )
    short = [f"{p.label} has {len(p.rows)} lines" for p in t.file.pages if len(p.rows) < t.s.lines_per_page]
    if short:
        # standards.md: every BRF page padded to full height (a rule, not "ideally": an error).
        yield Finding(
            "error",
            f"Some pages are not padded to {t.s.lines_per_page} lines: {_ex(t, short)}.",
            t.file.path.name,
            "Convert the draft again so every page is full height.",
        )


# ---------------------------------------------------------------- PEF


@cache
def _pef_schema() -> RelaxNG:
    return etree.RelaxNG(etree.parse(str(Path(__file__).resolve().parent / "data" / "pef-2008-1.rng")))


@_register("pef.structure", "The PEF file is valid PEF 2008-1 with the required metadata", ("pef",))
def _pef_structure(t: BrailleTarget) -> Iterator[Finding]:
    root = t.file.tree
    assert root is not None  # read_pef always keeps the tree
    where = t.file.path.name
    fix = "Convert the draft again with accessconv."
    if root.tag != f"{{{PEF_NS}}}pef":
        yield Finding(
            "error",
            f"The file is not PEF: its root element is {root.tag}, not <pef> in the namespace {PEF_NS}.",
            where,
            fix,
        )
        return
    schema = _pef_schema()
    if not schema.validate(root):
        errors = [f"line {e.line}: {e.message}" for e in schema.error_log][: t.limits.max_examples]
        yield Finding("error", f"The PEF structure is not valid PEF 2008-1: {'; '.join(errors)}.", where, fix)
    meta = root.find(f"{{{PEF_NS}}}head/{{{PEF_NS}}}meta")
    values: dict[str, str] = {}
    if meta is not None:
        for name in ("identifier", "format", "title", "language", "date"):
            el = meta.find(f"{{{DC_NS}}}{name}")
            values[name] = (el.text or "").strip() if el is not None else ""
    missing = [
        f"dc:{name}" for name in ("identifier", "format", "title", "language", "date") if not values.get(name)
    ]
    if missing:
        yield Finding("error", f"The PEF metadata is missing {', '.join(missing)}.", where + " <meta>", fix)
    if values.get("format") and values["format"] != PEF_MIME:
        yield Finding(
            "error", f"dc:format is '{values['format']}', not '{PEF_MIME}'.", where + " <meta>", fix
        )
    if values.get("date") and not re.fullmatch(r"\d{4}(-\d{2}(-\d{2})?)?", values["date"]):
        yield Finding("warning", f"dc:date '{values['date']}' is not a date like 2027-01-31.", where, fix)


@_register("pef.limits", "No PEF row is wider, and no page taller, than its volume allows", ("pef",))
def _pef_limits(t: BrailleTarget) -> Iterator[Finding]:
    root = t.file.tree
    assert root is not None  # read_pef always keeps the tree
    if root.tag != f"{{{PEF_NS}}}pef":
        return
    problems: list[str] = []
    other_size: list[str] = []
    page_no = 0
    for volume in root.iter(f"{{{PEF_NS}}}volume"):
        for section in volume.iter(f"{{{PEF_NS}}}section"):
            cols = _int(section.get("cols") or volume.get("cols"))
            rows = _int(section.get("rows") or volume.get("rows"))
            for page in section.iter(f"{{{PEF_NS}}}page"):
                page_no += 1
                page_rows = list(page.iter(f"{{{PEF_NS}}}row"))
                if rows and len(page_rows) > rows:
                    problems.append(f"page {page_no} has {len(page_rows)} rows, more than {rows}")
                for n, row in enumerate(page_rows, start=1):
                    cells = len(row.text or "")
                    if cols and cells > cols:
                        problems.append(f"page {page_no} row {n} has {cells} cells, more than {cols}")
            wanted = (t.s.cells_per_line, t.s.lines_per_page)
            if cols and rows and (cols, rows) != wanted and not other_size:
                other_size.append(
                    f"The PEF's pages are {cols} x {rows} cells, not the profile's {wanted[0]} x {wanted[1]}."
                )
    if problems:
        yield Finding(
            "error",
            f"The PEF does not fit its page size: {_ex(t, problems)}.",
            t.file.path.name,
            "Convert the draft again with accessconv.",
        )
    for message in other_size:
        yield Finding(
            "warning", message, t.file.path.name, "Check it with the profile made for that page size (-p)."
        )
    bad = [f"{where}: {ch!r}" for where, ch in t.file.bad_chars]
    if bad:
        yield Finding(
            "error",
            f"PEF rows may hold only braille cells (U+2800 to U+28FF); found {_ex(t, bad)}.",
            t.file.path.name,
            "Convert the draft again with accessconv.",
        )


def _int(value: str | None) -> int:
    return int(value) if value and value.isdigit() else 0


# ---------------------------------------------------------------- preview


@_register("preview.charset", "The preview holds only Unicode braille and page-break lines", ("preview",))
def _preview_charset(t: BrailleTarget) -> Iterator[Finding]:
    bad = [f"{where}: {ch!r}" for where, ch in t.file.bad_chars]
    if bad:
        yield Finding(
            "error",
            f"The preview has {len(bad)} characters that are not braille: {_ex(t, bad)}.",
            t.file.path.name,
            "Convert the draft again; the preview shows braille cells (U+2800 to U+28FF) only.",
        )
    if not t.file.page_breaks:
        yield Finding(
            "error",
            "The preview has no page-break lines, so a reviewer cannot see where braille pages start.",
            t.file.path.name,
            "Convert the draft again with accessconv.",
        )


# ---------------------------------------------------------------- all three


@_register("braille.line_length", "Every line fits the braille page width")
def _line_length(t: BrailleTarget) -> Iterator[Finding]:
    width = t.s.cells_per_line
    # Only a page with a row longer than the width can have one still too long without its
    # trailing blank cells (the usual case: no page, found in C).
    long = [
        f"{p.label} line {n} ({len(row.rstrip(BLANK))} cells)"
        for p in t.file.pages
        if max(map(len, p.rows), default=0) > width
        for n, row in enumerate(p.rows, start=1)
        if len(row.rstrip(BLANK)) > width
    ]
    if long:
        yield Finding(
            "error",
            f"{len(long)} lines are longer than {width} cells, so they will be cut off or wrap badly: "
            f"{_ex(t, long)}.",
            t.file.path.name,
            "Convert the draft again with this profile, or use a profile with the embosser's page width.",
        )


@_register("braille.page_length", "Every page fits the braille page height")
def _page_length(t: BrailleTarget) -> Iterator[Finding]:
    height = t.s.lines_per_page
    tall = [f"{p.label} ({len(p.rows)} lines)" for p in t.file.pages if len(p.rows) > height]
    if tall:
        yield Finding(
            "error",
            f"{len(tall)} pages have more than {height} lines: {_ex(t, tall)}.",
            t.file.path.name,
            "Convert the draft again with this profile, or use a profile with the embosser's page length.",
        )


# Cells that only ever begin a sign (prefixes and indicators): a line never ends with one, nor
# with one just before the continuation indicator or a dividing hyphen.
_PREFIXES = frozenset("⠠⠼⠈⠘⠸⠐⠨⠰")
# The start of a list item: the UEB bullet, or a number and full stop, then a blank cell.
_LIST_ITEM = re.compile(f"^{BLANK}*(?:(?P<bullet>⠸⠲)|⠼(?P<number>[{_DIGIT}]+)⠲){BLANK}")


@dataclass(frozen=True)
class _ItemMarks:
    """How the draft's list items can start a braille line: a bullet, or one of these numbers, at
    one of these indents. A line that starts "2028. We will …" (a sentence run over) or "2. What
    carers told us" (a numbered heading, further in) is no item unless the draft has a list that
    reaches that number at that indent. `indents` is None where any may be (a list in a quotation
    or a table is further in)."""

    bullets: bool
    numbers: frozenset[int]
    indents: frozenset[int] | None

    def marks_item(self, row: str) -> bool:
        found = _LIST_ITEM.match(row)
        if found is None:
            return False
        if self.indents is not None and len(row) - len(row.lstrip(BLANK)) not in self.indents:
            return False
        if found["bullet"]:
            return self.bullets
        number = int("".join(str((_DIGIT.index(c) + 1) % 10) for c in found["number"]))
        return number in self.numbers


def _item_marks(doc: m.Document | None, s: Settings) -> _ItemMarks:
    """The item marks the draft's lists give (any mark when the draft is not known)."""
    if doc is None:
        return _ItemMarks(True, frozenset(range(1, 1000)), None)
    found: list[tuple[m.ListBlock, int]] = []
    inside_other = False

    def visit(blocks: list[m.Block], depth: int, within: bool) -> None:
        nonlocal inside_other
        for block in blocks:
            if isinstance(block, m.ListBlock):
                inside_other |= within
                found.append((block, depth))
                for item in block.items:
                    visit(item, depth + 1, within)
            else:
                visit(list(m.child_blocks(block)), depth, True)

    visit(doc.blocks, 0, False)
    numbers = {b.start + k for b, _ in found if b.ordered for k in range(len(b.items))}
    first = s.list_item_cell - 1
    indents = None if inside_other else frozenset(first + s.list_nesting_step * d for _, d in found)
    return _ItemMarks(any(not b.ordered for b, _ in found), frozenset(numbers), indents)


@_register("braille.layout", "Lists, headings and divided words are laid out as UK braille expects")
def _layout(t: BrailleTarget) -> Iterator[Finding]:
    divided = _divided_lines(t)
    lists = _lists_not_set_off(t)
    if divided:
        yield Finding(
            "error",
            f"A braille sign is divided at the end of a line, so it cannot be read: {_ex(t, divided)}.",
            t.file.path.name,
            "Convert the draft again with accessconv; never divide a word inside a sign (UEB 10.13).",
        )
    if lists:
        yield Finding(
            "error",
            "A list cannot be told from the paragraph next to it (lists need a blank line before and "
            f"after, items at cell 1 and run-overs at cell 3): {_ex(t, lists)}.",
            t.file.path.name,
            "Convert the draft again with accessconv.",
        )
    if t.doc is not None:
        widowed = t.reading.for_draft(t.doc, "widowed", (), lambda: _widowed_headings(t))
        if widowed:
            yield Finding(
                "error",
                f"A heading is on the last two lines of a page, away from its text: {_ex(t, widowed)}.",
                t.file.path.name,
                "Convert the draft again with accessconv: a heading keeps two lines of its text with it.",
            )


def _body_pages(t: BrailleTarget) -> Iterator[tuple[str, list[str]]]:
    """Each page but the title pages: its label and its rows, blank cells at the end removed."""
    for i, page in enumerate(t.file.pages):
        if i not in t.title_indexes:
            yield page.label, [row.rstrip(BLANK) for row in page.rows]


def _divided_lines(t: BrailleTarget) -> list[str]:
    """Where a line ends inside a sign (the page number row left out)."""
    cont = t.s.long_word_continuation
    return [
        f"{label} line {n}"
        for label, rows in _body_pages(t)
        for n, row in enumerate(rows, start=1)
        if row and not (n == 1 and _NUMBER_ROW.search(row)) and _divided_sign(row, cont)
    ]


def _lists_not_set_off(t: BrailleTarget) -> list[str]:
    """Where a list starts or ends with no blank line between it and a paragraph."""
    lists: list[str] = []
    paragraph_cell = 0 if t.s.paragraph_style == "blocked" else t.s.paragraph_first_cell - 1
    marks = _item_marks(t.doc, t.s)
    in_list = False
    previous = ""  # the line above (across page breaks; the page number row does not count)
    above = ""  # the line above that
    for label, rows in _body_pages(t):
        # A page break is read as a blank line, except after a page filled to its last line
        # (a blank line at the foot of a page cannot be told from the padding).
        previous = above = ""
        fresh = True  # no text line yet on this page
        for n, row in enumerate(rows, start=1):
            if n == 1 and _NUMBER_ROW.search(row):
                continue
            if not row:
                in_list, previous, above = False, row, previous
                continue
            indent = len(row) - len(row.lstrip(BLANK))
            if marks.marks_item(row):
                # After a heading (a line set off by a blank line, not at the paragraph cell) a
                # list needs no blank line of its own.
                after_heading = not above and _indent(previous) != paragraph_cell
                if not in_list and previous and not after_heading:
                    lists.append(f"{label} line {n} (a list item straight after a paragraph)")
                in_list = True
            elif in_list and indent == 0:
                if not fresh:  # at the top of a page, the page break stands for the blank line
                    lists.append(f"{label} line {n} (a paragraph straight after a list)")
                in_list = False
            # A list carried over from a full page: until an item mark, a line at cell 3 may be the
            # last item's run-over or the next paragraph's first line; the page break stood for the
            # blank line between them, so the paragraph's run-over at cell 1 is no fault.
            fresh = fresh and in_list and not marks.marks_item(row)
            previous, above = row, previous
        if not rows or not rows[-1] or len(rows) < t.s.lines_per_page:
            in_list = False
    return lists


def _divided_sign(row: str, cont: str) -> bool:
    """Whether a line ends inside a sign: with a prefix or indicator cell, alone or just before
    the continuation indicator or a dividing hyphen (the dash, dots 6 then 36, is whole)."""
    last = row[-1]
    if last == cont:
        return len(row) > 1 and row[-2] in _PREFIXES
    if last == "⠤":
        return len(row) > 1 and row[-2] in _PREFIXES - {"⠠", "⠐"}
    return last in _PREFIXES


def _indent(row: str) -> int:
    return len(row) - len(row.lstrip(BLANK))


def _widowed_headings(t: BrailleTarget) -> list[str]:
    """Headings of the draft whose last line has fewer than two lines of text after it on its
    page while the text goes on over the page."""
    assert t.doc is not None
    translator = Translator(t.s.tables, t.s.typeform, t.s.untranslatable_note)
    wanted = set()
    for block in m.walk_blocks(t.doc.blocks):
        if isinstance(block, m.Heading):
            cells = translator.translate(m.plain_text(block.inlines))
            if cells:
                wanted.add(cells)
    found: list[str] = []
    pages = [p for i, p in enumerate(t.file.pages) if i not in t.title_indexes]
    for k, page in enumerate(pages):
        rows = [row.strip(BLANK) for row in page.rows]
        filled = [n for n, row in enumerate(rows) if row]
        if not filled or k == len(pages) - 1:
            continue
        last = filled[-1]
        for n in range(1, len(rows)):
            if not rows[n] or (rows[n - 1] and n > 1):
                continue  # a heading starts after a blank line or at the top
            text = rows[n]
            end = n
            while text not in wanted and end + 1 <= last and rows[end + 1] and len(text) < 200:
                end += 1
                text += BLANK + rows[end]
            if text in wanted and sum(1 for r in rows[end + 1 :] if r) < 2:
                found.append(f"{page.label} line {n + 1}")
    return found


@_register("braille.page_numbers", "Each page has its braille page number at the top right")
def _page_numbers(t: BrailleTarget) -> Iterator[Finding]:
    wrong: list[str] = []
    expected = 1
    for i, page in enumerate(t.file.pages):
        if i in t.title_indexes:
            continue
        top = page.rows[0].rstrip(BLANK) if page.rows else ""
        found = _NUMBER_ROW.search(top)
        want = "".join(_DIGIT[(int(d) - 1) % 10] for d in str(expected))
        if not found or found.group("digits") != want:
            wrong.append(f"{page.label} should show {expected}")
        elif len(top) != t.s.cells_per_line:
            # Top right means ending in the last cell of the line, not at the margin or mid-line.
            wrong.append(f"{page.label}: the number is not at the right-hand end of the top line")
        elif found.start("gap") > 0 and len(found.group("gap")) < t.limits.min_spaces_before_page_number:
            wrong.append(
                f"{page.label}: fewer than {t.limits.min_spaces_before_page_number} spaces before the number"
            )
        expected += 1
    if wrong:
        # standards.md: the braille page number at the top right (a rule, so an error).
        yield Finding(
            "error",
            f"Page numbers are missing, out of order or not at the top right: {_ex(t, wrong)}.",
            t.file.path.name,
            "Convert the draft again; braille page numbers go at the top right of every page.",
        )


@_register("braille.untranslated", "Nothing is left untranslated")
def _untranslated(t: BrailleTarget) -> Iterator[Finding]:
    found: list[str] = []
    for page in [] if t.reading.clean else t.file.pages:  # the usual case: the whole file at once
        for n, row in enumerate(page.rows, start=1):
            if _NOT_SIX_DOT.search(row):
                found.append(f"{page.label} line {n}")
                continue
            match = _ESCAPES.search(to_ascii(row))
            if match:
                found.append(f"{page.label} line {n} ('{match.group()}')")
    if found:
        yield Finding(
            "error",
            f"The braille contains liblouis escape codes instead of braille, at "
            f"{_ex(t, found)}. A reader would get nonsense there.",
            t.file.path.name,
            "Replace the character in the draft with words, or convert again with accessconv (it writes a "
            "transcriber's note instead of a code).",
        )
    if t.doc is not None:
        accents = t.reading.for_draft(t.doc, "accents", (), lambda: _accent_dropped(t))
        if accents:
            yield Finding(
                "warning",
                f"The draft has letters whose accent this braille code has no sign for: {_ex(t, accents)}. "
                "They are written without the accent.",
                "the draft",
                "Check these words with a braille transcriber (a name may need a transcriber's note).",
            )
        missing = t.reading.for_draft(t.doc, "untranslatable", (), lambda: _not_in_code(t))
        if missing:
            yield Finding(
                "warning",
                f"The draft has characters this braille code cannot show: {_ex(t, missing)}. "
                "They were replaced by a transcriber's note.",
                "the draft",
                "Check these places with a braille transcriber, or write the text in English words.",
            )


def _not_in_code(t: BrailleTarget) -> list[str]:
    """The draft's characters that the braille tables have no sign for, even without accents."""
    tables = tuple(t.s.tables)
    chars = set(_source_text(t))
    return [
        f"{ch} (U+{ord(ch):04X})"
        for ch in sorted(chars)
        if ord(ch) > 0x7F and not ch.isspace() and not _char_ok(tables, ch) and not _base_ok(tables, ch)
    ]


def _accent_dropped(t: BrailleTarget) -> list[str]:
    """The draft's letters the tables have no sign for but write without their accent."""
    tables = tuple(t.s.tables)
    return [
        f"{ch} (U+{ord(ch):04X})"
        for ch in sorted(set(_source_text(t)))
        if ord(ch) > 0x7F and ch.isalpha() and not _char_ok(tables, ch) and _base_ok(tables, ch)
    ]


def _base_ok(tables: tuple[str, ...], ch: str) -> bool:
    base = "".join(c for c in unicodedata.normalize("NFKD", ch) if not unicodedata.combining(c)).strip()
    return bool(base) and all(_char_ok(tables, c) for c in base)


@dataclass(frozen=True)
class _Comparison:
    """The draft's braille (liblouis on the draft's own text) against the file's, as words of cells
    (see _compare)."""

    source_words: int
    # (index of the page, the draft's words, what the braille says, both read back as print)
    # for each difference; the page index is -1 when the braille has no words at all.
    diffs: list[tuple[int, str, str]]


@_register("braille.round_trip", "The braille says exactly what the draft says")
def _round_trip(t: BrailleTarget) -> Iterator[Finding]:
    garbled = [
        f"{t.file.pages[i].label}: '{match.group()}'"
        for i, text in enumerate(t.back_pages)
        for match in _BACK_ESCAPE.finditer(text)
    ]
    if t.doc is None:
        yield Finding(
            "info",
            "The round trip was not run: there is no draft to compare the braille with. "
            "Give the draft (accessconv check FILE --draft DRAFT) to compare them.",
            t.file.path.name,
        )
    else:
        result = t.reading.for_draft(t.doc, "round_trip", (), lambda: _compare(t))
        where = t.file.path.name
        if result.diffs:
            diffs = [
                f"{t.file.pages[i].label if i >= 0 else 'the start'}: "
                + (
                    f"the braille leaves out '{draft}'"
                    if not braille
                    else f"the braille adds '{braille}'"
                    if not draft
                    else f"the draft says '{draft}', the braille says '{braille}'"
                )
                for i, draft, braille in result.diffs
            ]
            yield Finding(
                "error",
                f"The braille differs from the draft's own text in {len(diffs)} "
                f"{'place' if len(diffs) == 1 else 'places'} (words or numbers "
                f"changed, lost or added): {_examples(diffs, t.limits.round_trip_examples)}.",
                where,
                "Convert the draft again with accessconv; never edit a braille file by hand.",
            )
        else:
            yield Finding(
                "info",
                f"The braille matches liblouis's braille for the draft's {result.source_words} words, "
                "cell for cell (line breaks, page numbers and indents aside).",
                where,
            )
    if garbled:
        yield Finding(
            "warning",
            f"Some braille does not read back as print: {_ex(t, garbled)}.",
            t.file.path.name,
            "Ask a braille transcriber to look at these places.",
        )


def _cell_words(text: str) -> list[str]:
    """Words of cells, with line-end hyphens joined: a word divided after a hyphen or between
    syllables reads as one word, and so does the same word in the draft."""
    return [w for w in text.replace("⠤" + BLANK, "⠤").split(BLANK) if w]


def _key(word: str) -> str:
    return word.replace("⠤", "")


def _compare(t: BrailleTarget) -> _Comparison:
    """Align the draft's braille (liblouis on the draft's text, laid out by nothing) with the
    file's braille (page numbers removed, lines joined), word by word of cells; every stretch
    that differs is a finding, described in print by back-translating both sides."""
    assert t.doc is not None
    reference, repeats = reference_cells(t.doc, t.s)
    source = _cell_words(reference)
    repeated = {tuple(_cell_words(r)) for r in repeats}
    words: list[str] = []
    pages: list[int] = []
    for i, text in enumerate(t.text_pages):
        found = _cell_words(text)
        if repeated and i and _ends_in_table(t.file.pages[i - 1].rows):
            for heads in repeated:
                if heads and tuple(found[: len(heads)]) == heads:
                    found = found[len(heads) :]  # a table's column headings repeated on a new page
                    break
        words.extend(found)
        pages.extend([i] * len(found))
    if not source:
        return _Comparison(0, [])
    matched = align([_key(w) for w in source], [_key(w) for w in words])
    tables = tuple(t.s.tables)
    diffs: list[tuple[int, str, str]] = []
    for i1, i2, j1, j2 in _gaps(matched, len(source), len(words)):
        page = pages[min(j1, len(pages) - 1)] if pages else -1
        diffs.append((page, _say(tables, source[i1:i2]), _say(tables, words[j1:j2])))
    return _Comparison(len(source), diffs)


def _ends_in_table(rows: list[str]) -> bool:
    """Whether a page ends with a table row (columns apart by two or more blank cells, which
    running text never has), so the next page goes on with the table."""
    filled = [row.strip(BLANK) for row in rows if row.strip(BLANK)]
    return bool(filled) and BLANK * 2 in filled[-1]


def _say(tables: tuple[str, ...], cells: list[str]) -> str:
    if not cells:
        return ""
    shown = BLANK.join(cells[:8])
    text = " ".join(back_translate(tables, _INDICATORS.sub("", shown)).split())
    return text + (" ..." if len(cells) > 8 else "")


@_register("braille.headings", "Every heading of the draft is in the braille")
def _headings(t: BrailleTarget) -> Iterator[Finding]:
    if t.doc is None:
        return
    s = t.s
    missing = t.reading.for_draft(
        t.doc, "headings", (s.typeform, s.untranslatable_note), lambda: _missing_headings(t)
    )
    if missing:
        yield Finding(
            "error",
            f"These headings from the draft are not in the braille: {_ex(t, missing)}.",
            t.file.path.name,
            "Convert the draft again; if it still happens, report it with the draft.",
        )


def _missing_headings(t: BrailleTarget) -> list[str]:
    assert t.doc is not None
    stream = t.stream
    translator = Translator(t.s.tables, t.s.typeform, t.s.untranslatable_note)
    cells = BLANK.join(t.reading.plain_pages)
    missing = []
    for block in m.walk_blocks(t.doc.blocks):
        if isinstance(block, m.Heading):
            text = m.plain_text(block.inlines)
            wanted = tokens(text)
            if not wanted or f" {' '.join(wanted)} " in stream:
                continue
            # Read back it is not there; liblouis may just read a contraction back wrongly, so
            # look for the heading's own braille too.
            if translator.translate(text) not in cells:
                missing.append(f"'{text.strip()}'")
    return missing


@_register("braille.page_count", "Page count")
def _page_count(t: BrailleTarget) -> Iterator[Finding]:
    total = len(t.file.pages)
    titles = len(t.title_indexes)
    title = (
        " (including the title page)"
        if titles == 1
        else f" (including {titles} title pages, one for each volume)"
        if titles
        else ""
    )
    yield Finding("info", f"{total} braille pages{title}.", t.file.path.name)


# ---------------------------------------------------------------- the draft's words, in braille order


def _source_text(t: BrailleTarget) -> str:
    """The draft's text in braille order (worked out once for the files of one conversion)."""
    assert t.doc is not None
    doc, stream = t.doc, t.stream
    return t.reading.for_draft(doc, "source", (), lambda: _build_source_text(doc, stream))


def _build_source_text(doc: m.Document, stream: str = "") -> str:
    """What the braille should say, in the order it says it: body, then the notes. `stream` is
    the braille's words read back, space-separated, used to see how each table was laid out."""
    parts: list[str] = []
    _add_source_blocks(parts, outline(doc).blocks, stream)
    for note in doc.notes:
        _add_source_blocks(parts, note, stream)
    return "\n".join(parts)


def _add_source_blocks(parts: list[str], blocks: list[m.Block], stream: str) -> None:
    for block in blocks:
        if isinstance(block, m.Figure):
            if not block.image.decorative:
                parts.append(block.image.alt)
            parts.append(m.plain_text(block.caption))
        elif isinstance(block, m.Table):
            parts.append(m.plain_text(block.caption))
            _add_source_table(parts, block, stream)
        elif isinstance(block, m.CodeBlock):
            parts.append(block.text)
        elif isinstance(block, m.DefinitionList):
            for item in block.items:
                parts.append(m.plain_text(item.term))
                for definition in item.definitions:
                    _add_source_blocks(parts, definition, stream)
        else:
            parts.append(m.plain_text(m.block_inlines(block)))
            _add_source_blocks(parts, list(m.child_blocks(block)), stream)


def _cell_text(cell: m.Cell) -> str:
    return " ".join(m.plain_text(m.block_inlines(b)) for b in m.walk_blocks(cell.blocks))


def _add_source_table(parts: list[str], table: m.Table, stream: str) -> None:
    headers = [_cell_text(c) for c in table.head[-1].cells] if table.head else []
    header_words = " ".join(tokens(" ".join(headers)))
    # A table too wide for the page is written a row a paragraph, "heading: value; ...";
    # follow whichever layout the braille used, so the words line up.
    if not headers or not header_words or f" {header_words} " in stream:
        for row in table.head + table.body + table.foot:
            parts.extend(_cell_text(c) for c in row.cells)
        return
    for row in table.body + table.foot:
        for i, cell in enumerate(row.cells):
            parts.append((headers[i] if i < len(headers) else "") + " " + _cell_text(cell))


# ---------------------------------------------------------------- word alignment (patience diff)


def align(a: list[str], b: list[str]) -> list[tuple[int, int]]:
    """Matched (i, j) index pairs, in order. Words unique to both sides anchor the alignment, so
    25,000-word documents align in well under a second; gaps between anchors use difflib."""
    matches: list[tuple[int, int]] = []
    _align(a, 0, len(a), b, 0, len(b), matches)
    return matches


def _align(
    a: list[str], alo: int, ahi: int, b: list[str], blo: int, bhi: int, out: list[tuple[int, int]]
) -> None:
    while alo < ahi and blo < bhi and a[alo] == b[blo]:
        out.append((alo, blo))
        alo, blo = alo + 1, blo + 1
    tail: list[tuple[int, int]] = []
    while alo < ahi and blo < bhi and a[ahi - 1] == b[bhi - 1]:
        ahi, bhi = ahi - 1, bhi - 1
        tail.append((ahi, bhi))
    if alo < ahi and blo < bhi:
        count_a = Counter(a[alo:ahi])
        count_b = Counter(b[blo:bhi])
        where_b = {b[j]: j for j in range(blo, bhi) if count_b[b[j]] == 1}
        anchors = [(i, where_b[a[i]]) for i in range(alo, ahi) if count_a[a[i]] == 1 and a[i] in where_b]
        anchors = _longest_increasing(anchors)
        if anchors:
            i0, j0 = alo, blo
            for i, j in anchors:
                _align(a, i0, i, b, j0, j, out)
                out.append((i, j))
                i0, j0 = i + 1, j + 1
            _align(a, i0, ahi, b, j0, bhi, out)
        elif (ahi - alo) * (bhi - blo) <= 250_000:
            matcher = difflib.SequenceMatcher(None, a[alo:ahi], b[blo:bhi], autojunk=False)
            for block in matcher.get_matching_blocks():
                out.extend((alo + block.a + k, blo + block.b + k) for k in range(block.size))
        else:
            _greedy(a, alo, ahi, b, blo, bhi, out)
    out.extend(reversed(tail))


def _greedy(
    a: list[str], alo: int, ahi: int, b: list[str], blo: int, bhi: int, out: list[tuple[int, int]]
) -> None:
    """Walk both sides together; after a difference, pick up again at the nearest place where
    two words in a row agree. For long stretches with no word used only once (boilerplate)."""
    window = 40
    i, j = alo, blo
    while i < ahi and j < bhi:
        if a[i] == b[j]:
            out.append((i, j))
            i, j = i + 1, j + 1
            continue
        step = None
        for distance in range(1, window):
            for x in range(distance + 1):
                y = distance - x
                if (
                    i + x + 1 < ahi
                    and j + y + 1 < bhi
                    and a[i + x] == b[j + y]
                    and a[i + x + 1] == b[j + y + 1]
                ):
                    step = (x, y)
                    break
            if step:
                break
        if step is None:
            i, j = i + 1, j + 1
        else:
            i, j = i + step[0], j + step[1]


def _longest_increasing(pairs: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """The longest run of pairs whose j values increase (pairs come sorted by i)."""
    tails: list[int] = []
    tail_index: list[int] = []
    previous = [-1] * len(pairs)
    for k, (_i, j) in enumerate(pairs):
        pos = bisect.bisect_left(tails, j)
        if pos == len(tails):
            tails.append(j)
            tail_index.append(k)
        else:
            tails[pos] = j
            tail_index[pos] = k
        previous[k] = tail_index[pos - 1] if pos else -1
    result = []
    k = tail_index[-1] if tail_index else -1
    while k >= 0:
        result.append(pairs[k])
        k = previous[k]
    return result[::-1]


def _gaps(matched: list[tuple[int, int]], na: int, nb: int) -> Iterator[tuple[int, int, int, int]]:
    """(i1, i2, j1, j2) for each stretch between matched words."""
    i0 = j0 = 0
    for i, j in [*matched, (na, nb)]:
        if i > i0 or j > j0:
            yield i0, i, j0, j
        i0, j0 = i + 1, j + 1
