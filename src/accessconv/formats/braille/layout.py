"""Lay the document model out as braille pages (UK transcription conventions).

Every block becomes one or more `Piece`s: translated cells plus where its lines start. Pieces are
wrapped at blank cells (words are never split, unless one word is longer than a whole line) and
then paginated: the top row of each body page holds the braille page number at the right, and a
heading is never left as the last line of a page.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from ... import model as m
from ...headings import normalise
from .cells import BLANK
from .translate import SUBSCRIPT, SUPERSCRIPT, Run, Translator

if TYPE_CHECKING:
    from .settings import Settings

# Web and email addresses in running text get the URL typeform (spelled out, not contracted).
_ADDRESS = re.compile(
    r"(?:https?://|www\.)[^\s<>()\"]*[^\s<>()\".,;:!?'’”]|[\w.+-]+@[\w-]+(?:\.[\w-]+)*\.[A-Za-z]{2,}"
)


SEPARATOR = "⠒"  # the separation line under table column headings (dots 2-5)
GUIDE_DOT = "⠐"  # guide dots between table columns (dot 5)
HYPHEN = "⠤"  # UEB hyphen, which ends the first part of a word divided between syllables
# Punctuation that takes on the emphasis of the word just before it (see emphasis_to_punctuation).
_TRAILING = frozenset(".,;:!?)]’”'\"")


@dataclass
class Piece:
    """One laid-out block: either text to wrap (`segments`, each starting a new line) or
    ready-made `lines` (aligned table rows)."""

    segments: list[str] = field(default_factory=list)
    first: int = 0  # cells before the first line
    runover: int = 0  # cells before every other line
    centred: bool = False
    blank_before: bool = False
    keep_with_next: bool = False
    lines: list[str] | None = None
    blank_after: bool = False  # a blank line after it (the end of a list), unless the page ends
    # Allowed division points (cell offsets) per segment, for words longer than a line.
    breaks: list[frozenset[int]] | None = None
    repeat: list[str] | None = None  # lines repeated at the top of a new page (table headings)


@dataclass
class Layout:
    """The laid-out braille: the title page (if any) and the numbered body pages."""

    title_page: list[str] | None
    pages: list[list[str]]
    notes: list[str]
    # Volumes after the first: the index in `pages` where each starts, and its title page.
    volume_titles: dict[int, list[str]] = field(default_factory=dict)

    @property
    def all_pages(self) -> list[list[str]]:
        out = [self.title_page] if self.title_page is not None else []
        for i, page in enumerate(self.pages):
            if i in self.volume_titles:
                out.append(self.volume_titles[i])
            out.append(page)
        return out

    @property
    def volume_sizes(self) -> list[int]:
        """How many pages (title pages included) each volume of all_pages holds."""
        starts = sorted(self.volume_titles)
        bounds = [0, *starts, len(self.pages)]
        sizes = [bounds[k + 1] - bounds[k] + 1 for k in range(len(bounds) - 1)]
        if self.title_page is None:
            sizes[0] -= 1
        return sizes


@dataclass
class Outline:
    """The draft's blocks with the main heading settled (headings.normalise's rules), without
    copying the whole document: `levels` gives each top-level heading its corrected level."""

    blocks: list[m.Block]
    title: m.Heading
    levels: dict[int, int]
    notes: list[str]


def outline(doc: m.Document) -> Outline:
    heads = [b for b in doc.blocks if isinstance(b, m.Heading)]
    fixed = normalise(m.Document(doc.title, doc.language, list(heads)))
    inserted = len(fixed.blocks) == len(heads) + 1
    new = fixed.blocks[1:] if inserted else fixed.blocks
    levels = {id(old): h.level for old, h in zip(heads, new, strict=True) if isinstance(h, m.Heading)}
    if inserted:
        return Outline([fixed.title_heading, *doc.blocks], fixed.title_heading, levels, fixed.notes)
    return Outline(list(doc.blocks), heads[0], levels, fixed.notes)


def lay_out(doc: m.Document, settings: Settings, translator: Translator) -> Layout:
    builder = _Builder(doc, settings, translator)
    outline_ = outline(doc)
    builder.levels = outline_.levels
    builder.blocks(outline_.blocks, 0, outline_.title)
    builder.flush_notes(final=True)
    pages = _paginate(builder.pieces, settings, translator, builder.points)
    per = settings.pages_per_volume
    count = (len(pages) + per - 1) // per if per > 0 else 1
    volume_titles: dict[int, list[str]] = {}
    if count > 1:
        # UKAAF/BANA §1: a long transcription in volumes, each with a title page naming the
        # volume and the braille pages it holds; page numbers run on from volume to volume.
        for k in range(1, count):
            first, last = k * per + 1, min(len(pages), (k + 1) * per)
            volume_titles[k * per] = _title_page(
                doc, settings, translator, _volume_line(k + 1, count, first, last)
            )
    first_volume = _volume_line(1, count, 1, min(len(pages), per)) if count > 1 else None
    title_page = _title_page(doc, settings, translator, first_volume) if settings.title_page else None
    notes = list(outline_.notes)
    if translator.left_out:
        chars = ", ".join(f"{c} (U+{ord(c):04X})" for c in sorted(translator.left_out))
        notes.append(
            f"Some characters have no braille in {', '.join(settings.tables)} and were replaced by a "
            f"transcriber's note: {chars}."
        )
    if translator.simplified:
        chars = ", ".join(f"{c} (U+{ord(c):04X}) as {_base(c)}" for c in sorted(translator.simplified))
        notes.append(
            f"Some letters have an accent {', '.join(settings.tables)} has no sign for, and are written "
            f"without it: {chars}. Ask a braille transcriber whether the reader needs them."
        )
    return Layout(title_page, pages, notes, volume_titles)


def _volume_line(number: int, count: int, first: int, last: int) -> str:
    return f"Volume {number} of {count}: braille pages {first} to {last}"


def _base(ch: str) -> str:
    return "".join(c for c in unicodedata.normalize("NFKD", ch) if not unicodedata.combining(c)).strip()


def reference_cells(doc: m.Document, settings: Settings) -> tuple[str, list[str]]:
    """The draft's braille as liblouis gives it for the draft's own text, with no layout: what
    the round trip compares a written file with (its title pages aside). Also the
    lines the layout may repeat (table column headings on a new page), each as one string."""
    translator = Translator(settings.tables, settings.typeform, settings.untranslatable_note)
    builder = _Builder(doc, settings, translator)
    outline_ = outline(doc)
    builder.levels = outline_.levels
    builder.blocks(outline_.blocks, 0, outline_.title)
    builder.flush_notes(final=True)
    parts: list[str] = []  # title pages are not compared (see checks._Reading.text_pages)
    repeats: list[str] = []
    for piece in builder.pieces:
        parts.extend(piece.lines if piece.lines is not None else piece.segments)
        if piece.repeat:
            repeats.append(BLANK.join(piece.repeat))
    return BLANK.join(parts), repeats


# ---------------------------------------------------------------- wrapping and pages


def wrap(
    cells: str,
    width: int,
    first: int,
    runover: int,
    continuation: str,
    points: dict[int, tuple[int, str]] | None = None,
) -> list[str]:
    """Lines of at most `width` cells, breaking only at blank cells.

    A word longer than a whole line (a long web address) is the only thing ever divided (UEB
    §10.13): at one of `points` (cell offset -> the sign ending the line, from
    Translator.division_points: after a hyphen, after "/", "." or "@" in an address, between
    syllables), as late on the line as fits. Without points, at any cell, with `continuation`."""
    lines: list[str] = []
    line = BLANK * first
    empty = True
    offset = 0  # where the current word starts in `cells`
    for word in cells.split(BLANK):
        start, offset = offset, offset + len(word) + 1
        if not word:
            continue
        if not empty and len(line) + 1 + len(word) <= width:
            line += BLANK + word
            continue
        if not empty:
            if runover + len(word) > width and width - len(line) > 4:
                line += BLANK
            else:
                lines.append(line)
                line = BLANK * runover
        done = 0  # cells of the word already on earlier lines
        while len(line) + len(word) - done > width:
            fresh = not line.strip(BLANK)
            cut, sign = _division(word, done, width - len(line), start, points, continuation, fresh)
            if cut <= done:  # no good place to divide on this line: start the word on the next
                lines.append(line.rstrip(BLANK))
                line = BLANK * runover
                continue
            lines.append(line + word[done:cut] + sign)
            done = cut
            line = BLANK * runover
        line += word[done:]
        empty = False
    if not empty:
        lines.append(line)
    return lines


def _division(
    word: str,
    done: int,
    room: int,
    start: int,
    points: dict[int, tuple[int, str]] | None,
    continuation: str,
    fresh: bool,
) -> tuple[int, str]:
    """Where to divide `word` (from cell `done`) to fit `room` cells, and the sign ending the line:
    the latest preferred point that fits; on a line of its own, else the latest boundary between
    two signs. A cut at `done` means: not on this line."""
    if points is not None:
        for rank in (0, 1) if fresh else (0,):
            best: tuple[int, str] | None = None
            for j in range(done + 1, len(word)):
                hit = points.get(start + j)
                if hit is not None and hit[0] == rank and j - done + len(hit[1]) <= room:
                    best = (j, hit[1])
            if best is not None and (best[0] - done >= 3 or rank == 1):
                return best
        if not fresh:
            return done, ""
    elif not fresh:
        return done, ""
    return done + room - len(continuation), continuation


def _piece_lines(
    piece: Piece, width: int, continuation: str, points: dict[str, dict[int, tuple[int, str]]] | None = None
) -> list[str]:
    if piece.lines is not None:
        return piece.lines
    out: list[str] = []
    for i, segment in enumerate(piece.segments):
        first = piece.first if i == 0 else piece.runover
        where = points.get(segment) if points else None
        lines = wrap(segment, width, 0 if piece.centred else first, piece.runover, continuation, where)
        if piece.centred:
            lines = [BLANK * ((width - len(line)) // 2) + line for line in lines]
        out.extend(lines)
    return out


def page_number_row(number: int, width: int, translator: Translator) -> str:
    cells = translator.translate(str(number))
    return BLANK * (width - len(cells)) + cells


def _paginate(
    pieces: list[Piece],
    s: Settings,
    translator: Translator,
    points: dict[str, dict[int, tuple[int, str]]] | None = None,
) -> list[list[str]]:
    width, height = s.cells_per_line, s.lines_per_page
    pages: list[list[str]] = []
    page: list[str] = []

    def new_page() -> None:
        nonlocal page
        page = [page_number_row(len(pages) + 1, width, translator)]
        pages.append(page)

    new_page()
    blocks = [(p, _piece_lines(p, width, s.long_word_continuation, points)) for p in pieces]
    blank_pending = False
    for i, (piece, lines) in enumerate(blocks):
        if not lines:
            continue
        at_top = len(page) == 1
        blank = (piece.blank_before or blank_pending) and not at_top and page[-1].strip(BLANK) != ""
        blank_pending = piece.blank_after
        need = _lines_needed(blocks, i, blank)
        if len(page) + need > height and not at_top and (piece.keep_with_next or len(lines) <= 2):
            new_page()
            blank = False
        if blank and len(page) < height:  # past the foot of a page the page break serves
            page.append("")
        for line in lines:
            # A divided word never runs across a page (UEB §10.13): its first part goes over too.
            signs = (s.long_word_continuation, HYPHEN)
            if line.endswith(signs) and len(page) == height - 1 and len(page) > 2:
                carry: list[str] = []  # earlier lines of the same divided word go over with it
                while len(page) > 2 and page[-1].endswith(signs) and len(carry) < height // 2:
                    carry.insert(0, page.pop())
                new_page()
                page.extend(carry)
            elif len(page) >= height:
                new_page()
                if piece.repeat and line not in piece.repeat and len(piece.repeat) < height // 2:
                    page.extend(piece.repeat)  # a table's column headings again (BANA §11)
            if line or len(page) > 1:  # a page never starts with a blank line
                page.append(line)
    return [[row.rstrip(BLANK) for row in p] for p in pages]


def _lines_needed(blocks: list[tuple[Piece, list[str]]], i: int, blank: bool) -> int:
    """The lines piece `i` needs on its page: its own, a blank line before it, and the lines it
    keeps with it."""
    piece, lines = blocks[i]
    need = len(lines) + (1 if blank else 0)
    if piece.keep_with_next and i + 1 < len(blocks):
        # UKAAF/BANA: a heading keeps at least two lines of what follows on its page (all of
        # it when it is that short, since a piece of one or two lines is never split).
        need += _lines_to_keep(blocks, i)
    return need


def _lines_to_keep(blocks: list[tuple[Piece, list[str]]], i: int, wanted: int = 2) -> int:
    """How many lines after piece `i` hold its first `wanted` lines of text (blank lines
    between pieces included; a piece of one or two lines counts whole, as it is never split)."""
    need = text = 0
    blank_after = blocks[i][0].blank_after
    for piece, lines in blocks[i + 1 :]:
        if not lines:
            continue
        if piece.blank_before or blank_after:
            need += 1
        take = len(lines) if len(lines) <= 2 else max(1, wanted - text)
        need += take
        text += take
        blank_after = piece.blank_after
        if text >= wanted:
            break
    return need


def _title_page(doc: m.Document, s: Settings, translator: Translator, volume: str | None = None) -> list[str]:
    width = s.cells_per_line
    rows: list[str] = ["", ""]
    title = Piece(segments=[translator.translate(doc.title)], centred=True)
    rows.extend(_piece_lines(title, width, s.long_word_continuation))
    for text in [*s.title_page_lines, *([volume] if volume else [])]:
        rows.append("")
        line = Piece(segments=[translator.translate(text)], centred=True)
        rows.extend(_piece_lines(line, width, s.long_word_continuation))
    return [r.rstrip(BLANK) for r in rows[: s.lines_per_page]]


# ---------------------------------------------------------------- from the model


def _upper(nodes: list[m.Inline]) -> list[m.Inline]:
    """The same inlines with their text in capitals (Word's all caps and small caps)."""
    out: list[m.Inline] = []
    for node in nodes:
        if isinstance(node, m.Text):
            out.append(m.Text(node.text.upper()))
        elif isinstance(node, m.Styled):
            out.append(m.Styled(node.style, _upper(node.children)))
        else:
            out.append(node)
    return out


def _number(n: int, numbering: str) -> str:
    if numbering in ("lower-alpha", "upper-alpha"):
        s = ""
        while n > 0:
            n, r = divmod(n - 1, 26)
            s = chr(ord("a") + r) + s
        return s.upper() if numbering == "upper-alpha" else s
    if numbering in ("lower-roman", "upper-roman"):
        numerals = [(1000, "m"), (900, "cm"), (500, "d"), (400, "cd"), (100, "c"), (90, "xc"),
                    (50, "l"), (40, "xl"), (10, "x"), (9, "ix"), (5, "v"), (4, "iv"), (1, "i")]  # fmt: skip
        s = ""
        for value, numeral in numerals:
            while n >= value:
                s, n = s + numeral, n - value
        return s.upper() if numbering == "upper-roman" else s
    return str(n)


class _Builder:
    def __init__(self, doc: m.Document, settings: Settings, translator: Translator) -> None:
        self.doc = doc
        self.s = settings
        self.t = translator
        self.tf = settings.typeform
        self.pieces: list[Piece] = []
        self.notes_seen: list[int] = []
        self.notes_done: set[int] = set()
        self.blocked = settings.paragraph_style == "blocked"
        self.levels: dict[int, int] = {}
        # Where long words may be divided, by the cells of the line they are in (see wrap).
        self.points: dict[str, dict[int, tuple[int, str]]] = {}
        # A word that might not fit on a line of its own (run-overs can start up to cell 9).
        self.long_word = re.compile(f"[^{BLANK}]{{{max(1, settings.cells_per_line - 8)},}}")

    # -- inlines to runs (one Run per forced line)

    def runs(self, nodes: list[m.Inline], tf: int = 0) -> list[Run]:
        runs = [Run()]
        self._inlines(nodes, tf, runs)
        return runs

    def _inlines(self, nodes: list[m.Inline], tf: int, runs: list[Run]) -> None:
        for node in nodes:
            if isinstance(node, m.Text):
                self._text(node.text, tf, runs[-1])
            elif isinstance(node, m.Styled):
                self._styled(node, tf, runs)
            elif isinstance(node, m.Code):
                runs[-1].add(node.text, tf | self.tf.url)
            elif isinstance(node, m.Link):
                self._link(node, tf, runs)
            elif isinstance(node, m.NoteRef):
                if node.number not in self.notes_seen:
                    self.notes_seen.append(node.number)
                runs[-1].add(self.s.note_ref.format(number=node.number), tf)
            elif isinstance(node, m.LineBreak):
                runs.append(Run())
            elif isinstance(node, m.InlineImage):
                if not node.image.decorative:
                    runs[-1].add(" " + self._picture_text(node.image) + " ", self.tf.transcriber_note)

    def _styled(self, node: m.Styled, tf: int, runs: list[Run]) -> None:
        extra = {
            "emph": self.tf.italic,
            "strong": self.tf.bold,
            "underline": self.tf.underline,
            "superscript": SUPERSCRIPT,
            "subscript": SUBSCRIPT,
        }
        if node.style == "smallcaps":  # Word's small capitals: capitals in braille
            self._inlines(_upper(node.children), tf, runs)
        else:
            self._inlines(node.children, tf | extra.get(node.style, 0), runs)

    def _link(self, node: m.Link, tf: int, runs: list[Run]) -> None:
        self._inlines(node.children, tf, runs)
        shown = node.url.removeprefix("mailto:")
        text = m.plain_text(node.children).strip()
        internal = node.url.startswith("#")
        if self.s.show_link_urls and shown and not internal and text not in (shown, node.url):
            runs[-1].add(" (", tf)
            runs[-1].add(shown, tf | self.tf.url)
            runs[-1].add(")", tf)

    def _text(self, text: str, tf: int, run: Run) -> None:
        if "@" not in text and "://" not in text and "www." not in text:
            run.add(text, tf)  # no address can match (and the search is slow on long text)
            return
        pos = 0
        for match in _ADDRESS.finditer(text):
            run.add(text[pos : match.start()], tf)
            run.add(match.group(), tf | self.tf.url)
            pos = match.end()
        run.add(text[pos:], tf)

    def _picture_text(self, image: m.Image) -> str:
        alt = " ".join(image.alt.split()) or self.s.picture_no_description
        return f"{self.s.picture_label}: {alt}"

    def cells(self, runs: list[Run]) -> list[str]:
        out: list[str] = []
        for run in runs:
            run = self.emphasis_to_punctuation(run)
            cells = self.t.translate_run(run)
            if cells and cells not in self.points and self.long_word.search(cells):
                again, points = self.t.division_points(run, HYPHEN, self.s.long_word_continuation)
                if again == cells:
                    self.points[cells] = points
            if cells:
                out.append(cells)
        return out

    def emphasis_to_punctuation(self, run: Run) -> Run:
        """Give emphasis ending just before punctuation to that punctuation too.

        liblouis 3.24 closes a bold word before a following full stop with a terminator and
        opens a symbol indicator for the next word (`^7... ,M>*^' ^1#BJBG^'4`); with the full
        stop inside the emphasis it writes the passage the UEB way (`... #BJBG4^'`, UEB §9.3)."""
        bits = self.tf.italic | self.tf.bold | self.tf.underline
        forms = run.typeform
        if not any(f & bits for f in forms):
            return run
        text = "".join(run.text)
        forms = list(forms)
        for i in range(1, len(text)):
            emph = forms[i - 1] & bits
            if emph and text[i] in _TRAILING and not forms[i] & bits and not text[i - 1].isspace():
                forms[i] |= emph
        return Run([text], forms)

    # -- blocks

    def add(self, piece: Piece) -> None:
        if piece.segments or piece.lines:
            self.pieces.append(piece)

    def paragraph(self, runs: list[Run], indent: int, *, hanging: bool = False, prefix: str = "") -> None:
        if prefix:
            runs[0].text.insert(0, prefix)
            runs[0].typeform[:0] = [0] * len(prefix)
        if hanging:
            first, runover, blank = self.s.list_item_cell - 1, self.s.list_runover_cell - 1, False
        elif self.blocked:
            first, runover, blank = 0, 0, True
        else:
            first, runover, blank = self.s.paragraph_first_cell - 1, self.s.paragraph_runover_cell - 1, False
        self.add(Piece(self.cells(runs), indent + first, indent + runover, blank_before=blank))

    def blocks(self, blocks: list[m.Block], indent: int, title: m.Heading | None = None) -> None:
        for block in blocks:
            self.block(block, indent, title)

    def block(self, b: m.Block, indent: int, title: m.Heading | None = None) -> None:
        if isinstance(b, m.Heading):
            self.heading(b, b is title)
        elif isinstance(b, m.Paragraph):
            self.paragraph(self.runs(b.inlines), indent)
        elif isinstance(b, m.ListBlock):
            self.list_block(b, indent)
        elif isinstance(b, m.Table):
            self.table(b, indent)
        elif isinstance(b, m.Figure):
            self.figure(b, indent)
        elif isinstance(b, m.BlockQuote):
            self.blocks(b.blocks, indent + self.s.blockquote_indent)
        elif isinstance(b, m.CodeBlock):
            self.code_block(b, indent)
        elif isinstance(b, m.DefinitionList):
            self.definition_list(b, indent)
        elif isinstance(b, m.Rule):
            self.add(Piece(lines=[""]))

    def code_block(self, b: m.CodeBlock, indent: int) -> None:
        # Code keeps its own line breaks and indentation, uncontracted.
        for n, line in enumerate(b.text.expandtabs(4).splitlines()):
            run = Run()
            run.add(line.strip(), self.tf.url)
            start = indent + min(len(line) - len(line.lstrip(" ")), self.s.cells_per_line // 2)
            cells = self.cells([run])
            if cells:
                self.add(Piece(cells, start, start + 2, blank_before=n == 0))
            else:
                self.add(Piece(lines=[""]))

    def definition_list(self, b: m.DefinitionList, indent: int) -> None:
        for item in b.items:
            self.add(Piece(self.cells(self.runs(item.term)), indent, indent + 2, blank_before=self.blocked))
            for definition in item.definitions:
                self.blocks_hanging(definition, indent + 2)

    def blocks_hanging(self, blocks: list[m.Block], indent: int) -> None:
        for block in blocks:
            if isinstance(block, m.Paragraph):
                self.add(Piece(self.cells(self.runs(block.inlines)), indent, indent))
            else:
                self.block(block, indent)

    def heading(self, h: m.Heading, is_title: bool) -> None:
        level = self.levels.get(id(h), h.level)
        if level <= 2 and not is_title and self.s.notes_placement == "section":
            self.flush_notes()
        segments = self.cells(self.runs(h.inlines))
        if is_title:
            self.add(Piece(segments, centred=True, blank_before=True, keep_with_next=True))
            return
        cells = self.s.heading_cells
        first = cells[max(0, min(level - 2, len(cells) - 1))] - 1
        self.add(Piece(segments, first, first, blank_before=True, keep_with_next=True))

    def list_block(self, b: m.ListBlock, indent: int, nested: bool = False) -> None:
        # BANA Braille Formats §8 (UKAAF is silent): a blank line before and after a list (not
        # around a list nested in an item), items at cell 1 and run-overs at cell 3, each level
        # of nesting two cells further in (3-5, 5-7); bullets kept as the UEB bullet.
        start = len(self.pieces)
        for number, item in enumerate(b.items, start=b.start):
            prefix = f"{_number(number, b.numbering)}. " if b.ordered else f"{self.s.list_bullet} "
            first = True
            for block in item:
                if isinstance(block, m.Paragraph) and first:
                    self.paragraph(self.runs(block.inlines), indent, hanging=True, prefix=prefix)
                elif isinstance(block, m.Paragraph):
                    runover = indent + self.s.list_runover_cell - 1
                    self.add(Piece(self.cells(self.runs(block.inlines)), runover, runover))
                elif isinstance(block, m.ListBlock):
                    self.list_block(block, indent + self.s.list_nesting_step, nested=True)
                else:
                    self.block(block, indent + self.s.list_runover_cell - 1)
                first = False
            if first and prefix:  # an empty item keeps its number
                self.paragraph([Run()], indent, hanging=True, prefix=prefix)
        if not nested and len(self.pieces) > start:
            self.pieces[start].blank_before = True
            self.pieces[-1].blank_after = True

    def cell_run(self, cell: m.Cell, plain: bool = False) -> Run:
        run = Run()
        emphasis = self.tf.italic | self.tf.bold | self.tf.underline
        for block in cell.blocks:
            for part in self.runs(m.block_inlines(block)) if not isinstance(block, m.CodeBlock) else []:
                if run.text:
                    run.add(" ")
                run.text.extend(part.text)
                run.typeform.extend(f & ~emphasis if plain else f for f in part.typeform)
        return run

    def table(self, t: m.Table, indent: int) -> None:
        if t.caption:
            self.paragraph(self.runs(t.caption), indent)
        # Column headings are marked by the separation line (column format) or are labels on
        # every row (linear format): either way, without their print emphasis, which would
        # otherwise repeat its indicators on every row, word by word.
        head = [[self.cell_run(c, plain=True) for c in r.cells] for r in t.head]
        body = [[self.cell_run(c) for c in r.cells] for r in t.body + t.foot]
        rows = head + body
        if not rows:
            return
        translated = [[self.t.translate_run(self.emphasis_to_punctuation(r)) for r in row] for row in rows]
        columns = max(len(r) for r in translated)
        widths = [max((len(r[i]) for r in translated if i < len(r)), default=0) for i in range(columns)]
        gap = self.s.table_column_gap
        if indent + sum(widths) + gap * (columns - 1) <= self.s.cells_per_line:
            # BANA Braille Formats §11 (UKAAF is silent): column format, a separation line of
            # dots 2-5 under the column headings, guide dots (dot 5) leading the eye across a
            # wide gap, and the headings repeated at the top of a new page.
            def line(row: list[str], guide: bool) -> str:
                out = BLANK * indent
                for i, cell in enumerate(row):
                    room = widths[i] - len(cell) + (gap if i < len(row) - 1 else 0)
                    if i < len(row) - 1 and guide and cell and room >= self.s.table_guide_dots_from:
                        out += cell + BLANK + GUIDE_DOT * (room - 2) + BLANK
                    else:
                        out += cell + BLANK * room
                return out.rstrip(BLANK)

            heading_lines = [line(row, False) for row in translated[: len(head)]]
            if heading_lines:
                heading_lines.append(
                    BLANK * indent + (BLANK * gap).join(SEPARATOR * w for w in widths).rstrip(BLANK)
                )
            lines = heading_lines + [line(row, True) for row in translated[len(head) :]]
            self.add(Piece(lines=lines, blank_before=True, blank_after=True, repeat=heading_lines or None))
            return
        self.table_linear(head, body, indent)

    def table_linear(self, head: list[list[Run]], body: list[list[Run]], indent: int) -> None:
        """A table too wide for the page: one row a paragraph, "heading: value; heading: value"
        (standards.md)."""
        headers = head[-1] if head else []
        start = len(self.pieces)
        for runs in body:
            run = Run()
            for i, value in enumerate(runs):
                if i:
                    run.add("; ")
                if i < len(headers) and "".join(headers[i].text).strip():
                    run.text.extend(headers[i].text)
                    run.typeform.extend(headers[i].typeform)
                    run.add(": ")
                run.text.extend(value.text)
                run.typeform.extend(value.typeform)
            self.paragraph([run], indent, hanging=True)
        if len(self.pieces) > start:
            self.pieces[start].blank_before = True
            self.pieces[-1].blank_after = True

    def figure(self, f: m.Figure, indent: int) -> None:
        if not f.image.decorative:
            run = Run()
            run.add(self._picture_text(f.image), self.tf.transcriber_note)
            self.paragraph([run], indent)
        if f.caption:
            self.paragraph(self.runs(f.caption), indent)

    def flush_notes(self, final: bool = False) -> None:
        numbers = [n for n in self.notes_seen if n not in self.notes_done]
        if final:
            numbers += [
                n for n in range(1, len(self.doc.notes) + 1) if n not in self.notes_done and n not in numbers
            ]
        if not numbers:
            return
        label = self.t.translate(self.s.notes_label)
        first = self.s.heading_cells[0] - 1
        self.add(Piece([label], first, first, blank_before=True, keep_with_next=True))
        for n in numbers:
            self.notes_done.add(n)
            if n - 1 >= len(self.doc.notes):
                continue
            blocks = self.doc.notes[n - 1]
            prefix = f"{n}. "
            first_para = True
            for block in blocks:
                if isinstance(block, m.Paragraph) and first_para:
                    self.paragraph(self.runs(block.inlines), 0, hanging=True, prefix=prefix)
                    first_para = False
                else:
                    self.block(block, self.s.list_runover_cell - 1)
