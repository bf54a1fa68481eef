"""Checks on a written Easy Read file (.docx or .html), read back the way a reader gets it.

The file is read into sections of points (picture + lines of text) and a Hard words list, then
checked against the Easy Read guidance: short sentences, short points, readability, a described
picture beside every point, every bold hard word explained, no short forms, the length, and the
credit for the pictures. Word files also get the clear print typography checks
(`docx_typography`); web pages also get the WCAG checks (`checks.html`). The review sheet is a
plain web page and gets the WCAG checks only.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING

import docx
import lxml.html
from docx.opc.exceptions import PackageNotFoundError
from docx.shared import Emu
from lxml import etree
from pypdf.errors import PdfReadError

from ... import ooxml_names
from ...checks import CheckResult, CheckSet, Finding, Severity
from ...checks.docx_typography import check_docx
from ...checks.html import check_html_file, picture_name, pictures
from ...checks.pdf import check_pdf, open_pdf, pdf_limits
from ...checks.text import split_sentences
from .language.facts import CONTACT, norm
from .language.numbers import number_word_pattern
from .language.readability import measure
from .settings import LABEL, REVIEW_ENDING
from .symbols import lemmas, tokenise

if TYPE_CHECKING:
    from docx.document import Document as DocxDocument
    from lxml.etree import _Element
    from lxml.html import HtmlElement

    from ...checks.pdf import PdfTarget, StructNode
    from .. import Profile
    from .language.settings import LanguageSettings
    from .settings import Checks, LayoutSettings, Settings

_WORD = re.compile(r"[A-Za-z0-9£€$]+(?:[-'’.,][A-Za-z0-9]+)*%?")


@dataclass
class PointBack:
    where: str
    lines: list[str]  # the text as written, a paragraph a line
    bold: list[str]  # words shown in bold
    picture_alt: str | None  # None: no picture at all
    placeholder: bool  # a "picture to be added" gap
    pictures: int = 0  # how many pictures the point has
    pictures_in_text: int = 0  # of those, how many are in or after the text instead of on its left
    # Which of `lines` are the items of a list in the point (Word: a list paragraph style or
    # numbering; web page: <li>; PDF: LI tags inside the point's own LI).
    items: list[bool] = field(default_factory=list)

    @property
    def sentences(self) -> list[str]:
        return [s for line in self.lines for s in split_sentences(line)]


@dataclass
class SectionBack:
    heading: str
    points: list[PointBack] = field(default_factory=list)


@dataclass
class EasyReadBack:
    kind: str  # "docx", "pdf" or "html"
    path: Path
    title: str
    sections: list[SectionBack]
    hard_words: dict[str, str]  # word (lower case) -> explanation as written
    other_text: list[str]  # cover, intro and hard-words text (for acronyms)
    credit: str
    estimated_pages: int | None  # Word (estimated) and PDF (counted) only
    limits: Checks
    layout: LayoutSettings  # labels to find sections by
    # Sentence and readability limits: set by check_easy_read_file before the checks run.
    language: LanguageSettings | None = None
    # Written into the web page by the writer: the facts of the chosen sentences and the draft's
    # word count (the Word file has neither: those checks run on the page).
    facts: list[str] = field(default_factory=list)
    draft_words: int = 0
    front: list[str] = field(default_factory=list)  # the paragraphs before the first section

    @property
    def points(self) -> list[PointBack]:
        return [p for s in self.sections for p in s.points]


EASY_READ: CheckSet[EasyReadBack] = CheckSet("easy-read")


def words(text: str) -> list[str]:
    return _WORD.findall(text)


# ---------------------------------------------------------------- entry point


def check_easy_read_file(path: Path, profile: Profile[Settings, Checks]) -> list[CheckResult]:
    limits, layout, language = profile.checks, profile.settings.layout, profile.settings.language
    suffix = path.suffix.lower()
    if suffix in (".html", ".htm"):
        results = check_html_file(path, limits.html)
        if path.name.lower().endswith(REVIEW_ENDING):
            return results
        back = read_html(path, limits, layout)
        if back is None:
            return results
        back.language = language
        return results + EASY_READ.run(back)
    if suffix == ".docx":
        back = read_docx(path, limits, layout)
        if back is None:
            return check_docx(path, limits.typography)
        back.language = language
        typography = [
            r
            for r in check_docx(path, limits.typography, kind=LABEL)
            # The picture-and-text tables only line things up: they have no header row by design.
            if r.id != "docx.table-headers"
        ]
        return typography + EASY_READ.run(back)
    if suffix == ".pdf":
        # One reading of the file for the PDF checks and the Easy Read checks.
        opened = open_pdf(path, pdf_limits(limits.typography))
        if isinstance(opened, CheckResult):
            return [opened]
        results = check_pdf(opened, opened.limits)
        back = read_pdf(opened, limits, layout)
        if back is None:
            return results
        back.language = language
        return results + EASY_READ.run(back)
    return [
        CheckResult(
            "easyread.file",
            "The file is an Easy Read output",
            "error",
            f"accessconv cannot check '{path.name}' as Easy Read; it checks .docx, .pdf and .html files.",
            str(path),
            "Check the Word or web page version.",
        )
    ]


# ---------------------------------------------------------------- reading back, in order


_START = "the start, before the first heading"


@dataclass
class _Gathered:
    """What a reader gathers walking a file in order: sections of points, the hard words list
    (a bold word, then its explanation), the credit line and every other line of text."""

    hard_label: str  # the hard words section's heading, in lower case
    credit_label: str
    sections: list[SectionBack] = field(default_factory=list)
    # Points before the first heading (a letter's sender and date): "the start" in findings.
    current: SectionBack = field(default_factory=lambda: SectionBack(_START))
    hard_words: dict[str, str] = field(default_factory=dict)
    other: list[str] = field(default_factory=list)
    front: list[str] = field(default_factory=list)  # paragraphs before the first section
    credit: str = ""
    in_hard_words: bool = False
    pending_word: str | None = None

    def section(self, heading: str) -> None:
        if self.current.points or self.current.heading != _START:
            self.sections.append(self.current)
        self.current = SectionBack(heading)
        self.in_hard_words = heading.lower() == self.hard_label

    def paragraph(self, text: str, all_bold: Callable[[], bool]) -> None:
        """A paragraph outside the points; in the hard words section a bold one is a word and
        the next one its explanation."""
        if not text:
            return
        if text.startswith(self.credit_label):
            self.credit = text
            return
        self.other.append(text)
        if not self.sections and self.current.heading == _START:
            self.front.append(text)
        if not self.in_hard_words:
            return
        if all_bold():
            self.pending_word = text
            self.hard_words.setdefault(text.lower(), "")
        elif self.pending_word is not None:
            self.hard_words[self.pending_word.lower()] = text
            self.pending_word = None

    def all_sections(self) -> list[SectionBack]:
        if self.current.points or self.current.heading != _START:
            self.sections.append(self.current)
        # The hard words list is a section of its own with no points.
        return [s for s in self.sections if s.heading.lower() != self.hard_label or s.points]


# ---------------------------------------------------------------- reading Word


W = f"{{{ooxml_names.W}}}"
WP = f"{{{ooxml_names.WP}}}"


def read_docx(path: Path, limits: Checks, layout: LayoutSettings) -> EasyReadBack | None:
    """Read the Word file's body with lxml (python-docx's objects are slow on long documents)."""
    try:
        document = docx.Document(str(path))
    except (PackageNotFoundError, KeyError, ValueError, OSError):
        return None
    style_names = {
        s.get(f"{W}styleId"): (s.find(f"{W}name").get(f"{W}val") if s.find(f"{W}name") is not None else "")
        for s in document.styles.element.iter(f"{W}style")
    }
    title = document.core_properties.title or ""
    got = _Gathered(layout.hard_words_label.lower(), layout.credit_label)
    # Paragraph styles that number or bullet their paragraphs ("List Bullet"): a list's items.
    list_styles = frozenset(
        s.get(f"{W}styleId", "")
        for s in document.styles.element.iter(f"{W}style")
        if s.find(f"{W}pPr/{W}numPr") is not None
    )
    for child in document.element.body.iterchildren():
        if child.tag == f"{W}p":
            text = _p_text(child).strip()
            style_el = child.find(f"{W}pPr/{W}pStyle")
            style = style_names.get(style_el.get(f"{W}val"), "") if style_el is not None else ""
            if style.lower() in ("heading 1", "title"):
                title = title or text
                got.other.append(text)
            elif style.lower().startswith("heading"):
                got.section(text)
            else:
                got.paragraph(text, partial(_all_bold, child))
        elif child.tag == f"{W}tbl":
            for tr in child.iter(f"{W}tr"):
                cells = tr.findall(f"{W}tc")
                if len(cells) >= 2:
                    number = len(got.current.points) + 1
                    got.current.points.append(
                        _docx_point(cells[0], cells[-1], got.current, number, list_styles)
                    )
    sections = got.all_sections()
    pages = _estimate_pages(document, layout)
    back = EasyReadBack(
        "docx", path, title, sections, got.hard_words, got.other, got.credit, pages, limits, layout
    )
    back.front = got.front
    return back


def _all_bold(p: _Element) -> bool:
    runs = [r for r in p.iter(f"{W}r") if _r_text(r).strip()]
    return bool(runs) and all(_bold(r) for r in runs)


def _p_text(p: _Element) -> str:
    return "".join(t.text or "" for t in p.iter(f"{W}t"))


def _r_text(r: _Element) -> str:
    return "".join(t.text or "" for t in r.iter(f"{W}t"))


def _bold(r: _Element) -> bool:
    b = r.find(f"{W}rPr/{W}b")
    return b is not None and b.get(f"{W}val", "true").lower() not in ("0", "false", "off")


def _docx_point(
    pic_tc: _Element, text_tc: _Element, section: SectionBack, number: int, list_styles: frozenset[str]
) -> PointBack:
    alts = [el.get("descr", "") for el in pic_tc.iter(f"{WP}docPr")]
    in_text = [el.get("descr", "") for el in text_tc.iter(f"{WP}docPr")]
    lines: list[str] = []
    items: list[bool] = []
    bold: list[str] = []
    for p in text_tc.iter(f"{W}p"):
        text = _p_text(p).strip()
        if text:
            lines.append(text)
            style = p.find(f"{W}pPr/{W}pStyle")
            items.append(
                p.find(f"{W}pPr/{W}numPr") is not None
                or (style is not None and style.get(f"{W}val", "") in list_styles)
            )
        bold.extend(_r_text(r).strip() for r in p.iter(f"{W}r") if _bold(r) and _r_text(r).strip())
    return PointBack(
        where=f"section '{section.heading}', point {number}",
        lines=lines,
        bold=bold,
        picture_alt=(alts + in_text)[0] if alts or in_text else None,
        placeholder=not alts and not in_text,  # an empty picture cell is the gap a person fills
        pictures=len(alts) + len(in_text),
        pictures_in_text=len(in_text),
        items=items,
    )


def _estimate_pages(document: DocxDocument, layout: LayoutSettings) -> int:
    """About how many pages Word will show: the cover, then each point's row takes the taller of
    its picture and its lines of text. An estimate (no layout engine), good for length warnings."""
    section = document.sections[0]
    # python-docx gives None for a size the file leaves out; ours give them all (else TypeError).
    usable_pt: float = Emu(section.page_height - section.top_margin - section.bottom_margin).pt  # type: ignore[operator]
    width_pt: float = Emu(section.page_width - section.left_margin - section.right_margin).pt  # type: ignore[operator]
    line_pt = layout.body_pt * layout.line_spacing
    chars_per_line = max(20, (width_pt - layout.picture_cm * 28.35) / (layout.body_pt * 0.5))
    body = document.element.body
    used = 0.0
    for tr in body.iter(f"{W}tr"):
        cells = tr.findall(f"{W}tc")
        extents = [int(e.get("cy", "0")) for e in tr.iter(f"{WP}extent")]
        picture_pt = Emu(max(extents)).pt if extents else line_pt
        texts = [_p_text(p) for p in cells[-1].iter(f"{W}p")] if cells else []
        text_pt = sum(
            math.ceil(len(t) / chars_per_line) * line_pt + layout.space_after_pt for t in texts if t.strip()
        )
        used += max(picture_pt, text_pt) + layout.row_gap_pt
    for p in body.iterchildren(f"{W}p"):
        if _p_text(p).strip():
            heading = p.find(f"{W}pPr/{W}pStyle") is not None
            used += layout.heading2_pt * 2 if heading else line_pt
    return 1 + math.ceil(used / usable_pt)


# ---------------------------------------------------------------- reading a tagged PDF


def read_pdf(pdf: Path | PdfTarget, limits: Checks, layout: LayoutSettings) -> EasyReadBack | None:
    """Read the PDF's structure tree (the text each tag marks): H1 the title, H2 a section, each
    list item (LI) a point with its Figure (alt text) and sentences (P, hard words in Strong).
    `pdf` is the file, or the file as the PDF checks opened it (then it is not read again)."""
    opened = open_pdf(pdf, pdf_limits(limits.typography)) if isinstance(pdf, Path) else pdf
    if isinstance(opened, CheckResult):
        return None
    path = opened.path
    try:
        root = opened.tree
        pages = len(opened.reader.pages)
        meta = opened.reader.metadata
        title = (meta.title if meta is not None else "") or ""
    except (PdfReadError, OSError, ValueError, KeyError):
        return None
    if root is None:
        return None
    got = _Gathered(layout.hard_words_label.lower(), layout.credit_label)

    def clean(node: StructNode) -> str:
        return " ".join(node.text().split())

    def visit(node: StructNode) -> None:
        nonlocal title
        if node.kind == "H1":
            title = title or clean(node)
            got.other.append(clean(node))
        elif node.kind in ("H2", "H3", "H"):
            got.section(clean(node))
        elif node.kind == "LI":
            got.current.points.append(_pdf_point(node, got.current, len(got.current.points) + 1, layout))
        elif node.kind == "P":
            text = clean(node)
            got.paragraph(text, lambda: " ".join(clean(n) for n in node.walk() if n.kind == "Strong") == text)
        else:
            for child in node.children:
                visit(child)

    visit(root)
    sections = got.all_sections()
    back = EasyReadBack(
        "pdf", path, title, sections, got.hard_words, got.other, got.credit, pages, limits, layout
    )
    back.front = got.front
    return back


def _pdf_point(item: StructNode, section: SectionBack, number: int, layout: LayoutSettings) -> PointBack:
    lines: list[str] = []
    items: list[bool] = []
    bold: list[str] = []
    alts: list[str] = []
    in_text = 0
    # The paragraphs of a list inside the point: the LI elements within the point's own LI.
    in_list = {id(p) for li in item.walk() if li.kind == "LI" and li is not item for p in li.walk()}
    for node in item.walk():
        if node.kind == "Figure":
            alts.append(node.alt)
            in_text += 1 if lines else 0
        elif node.kind == "P":
            text = " ".join(node.text().split())
            if text:
                lines.append(text)
                items.append(id(node) in in_list)
                bold.extend(" ".join(n.text().split()) for n in node.walk() if n.kind == "Strong")
    placeholder = not alts  # an empty picture cell is the gap a person fills
    return PointBack(
        where=f"section '{section.heading}', point {number}",
        lines=lines,
        bold=[b for b in bold if b],
        picture_alt=alts[0] if alts else None,
        placeholder=placeholder,
        pictures=len(alts),
        pictures_in_text=in_text,
        items=items,
    )


# ---------------------------------------------------------------- reading HTML


def read_html(path: Path, limits: Checks, layout: LayoutSettings) -> EasyReadBack | None:
    try:
        tree = lxml.html.document_fromstring(path.read_bytes())
    except (etree.ParserError, ValueError):
        return None
    main = tree.find(".//main")
    if main is None:
        return None
    meta = {el.get("name", ""): el.get("content", "") for el in tree.iter("meta")}
    facts_written = [f.strip() for f in meta.get("accessconv-facts", "").split(" | ") if f.strip()]
    draft_words = int(meta.get("accessconv-draft-words", "0") or 0)
    got = _Gathered(layout.hard_words_label.lower(), layout.credit_label)
    title = ""
    for el in main.iter("h1", "h2", "li"):
        if el.tag == "h1":
            title = _text(el)
            got.other.append(title)
        elif el.tag == "h2":
            got.section(_text(el))
        elif "point" in el.get("class", "").split():
            got.current.points.append(_html_point(el, got.current, len(got.current.points) + 1))
    sections = got.all_sections()
    other = got.other
    hard_words = _html_hard_words(main, other)
    for p in main.iter("p"):
        parent = p.getparent()  # never None: the <p> is inside <main>
        if "point-text" not in ((parent.get("class") if parent is not None else None) or ""):
            other.append(_text(p))
    credit = next((_text(p) for p in main.iter("p") if "credit" in p.get("class", "").split()), "")
    other = [t for t in other if t and t != credit]
    back = EasyReadBack("html", path, title, sections, hard_words, other, credit, None, limits, layout)
    back.facts, back.draft_words = facts_written, draft_words
    for el in main.iter("h2", "p"):
        if el.tag == "h2":
            break
        back.front.append(_text(el))
    return back


def _html_hard_words(main: HtmlElement, other: list[str]) -> dict[str, str]:
    """The hard words list (<dl>): each word, in lower case, with its explanation; every term and
    explanation also goes to `other`."""
    hard_words: dict[str, str] = {}
    for dl in main.iter("dl"):
        term = None
        for child in dl:
            if child.tag == "dt":
                term = _text(child).lower()
                hard_words.setdefault(term, "")
            elif child.tag == "dd" and term is not None:
                hard_words[term] = _text(child)
            other.append(_text(child))
    return hard_words


def _text(el: HtmlElement) -> str:
    return " ".join(el.text_content().split())


def _html_point(li: HtmlElement, section: SectionBack, number: int) -> PointBack:
    imgs = pictures(li)
    gap = [p for p in li.iter("p", "div") if "picture-needed" in p.get("class", "").split()]
    # Its sentences (<p>) and the items of a list in it (<li> inside the point's own <li>).
    shown = [el for el in li.iter("p", "li") if el is not li and el not in gap and _text(el)]
    lines = [_text(el) for el in shown]
    items = [el.tag == "li" for el in shown]
    bold = [_text(b) for b in li.iter("strong", "b") if _text(b)]
    alt = picture_name(imgs[0]) if imgs else None
    # The picture column comes first: a picture inside the text, or after its first line, is not on the left.
    first_text = next((p for p in li.iter("p") if p not in gap and _text(p)), None)
    order = {el: i for i, el in enumerate(li.iter())}
    in_text = [
        img
        for img in imgs
        if any("point-text" in (a.get("class") or "").split() for a in img.iterancestors())
        or (first_text is not None and order[img] > order[first_text])
    ]
    return PointBack(
        f"section '{section.heading}', point {number}",
        lines,
        bold,
        alt,
        bool(gap),
        len(imgs),
        len(in_text),
        items=items,
    )


# ---------------------------------------------------------------- the checks


def _listed(findings: list[Finding], limit: int) -> Iterator[Finding]:
    for severity in ("error", "warning", "info"):
        group = [f for f in findings if f.severity == severity]
        yield from group[:limit]
        if len(group) > limit:
            yield Finding(severity, f"... and {len(group) - limit} more like these.", "", group[0].fix)


def _language(t: EasyReadBack) -> LanguageSettings:
    assert t.language is not None, "check_easy_read_file sets it before the checks run"
    return t.language


def _short(text: str, limit: int = 60) -> str:
    return text if len(text) <= limit else text[: limit - 3] + "..."


@EASY_READ.register("easyread.sentence-length", "Sentences are short")
def _sentence_length(t: EasyReadBack) -> Iterator[Finding]:
    lim = _language(t)
    found = []
    severity: Severity
    for point in t.points:
        for sentence in point.sentences:
            n = len(words(sentence))
            if n > lim.max_words_error:
                severity = "error"
            elif n > lim.max_words_warn:
                severity = "warning"
            else:
                continue
            found.append(
                Finding(
                    severity,
                    f"This sentence has {n} words: '{_short(sentence)}'. Easy Read sentences should have "
                    f"{lim.max_words_warn} words or fewer.",
                    point.where,
                    "Split it into two short sentences, one idea in each.",
                )
            )
    yield from _listed(found, t.limits.max_listed)


def _is_explanation(line: str, bold: list[str]) -> bool:
    """ "Co-production means working together." after the sentence where "co-production" is bold."""
    low = _norm(line)
    low = re.sub(r"^(a|an|the) ", "", low)
    return any(
        low.startswith(_norm(w) + " ")
        and re.match(r"(means|is|are)\b", low[len(_norm(w)) + 1 :])
        or any(_same_word(" ".join(low.split()[:n]), w) for n in (1, 2, 3))
        and re.search(r"^\S+(?: \S+){0,2} (means|is|are)\b", low)
        for w in bold
    )


def _idea_sentences(point: PointBack) -> int:
    """Sentences in a point as ideas: a list (the sentence that leads into it and its items, as
    the written file marks them) is one idea, and the explanation of a word in bold is none."""
    count = 0
    for number, line in enumerate(point.lines):
        if number < len(point.items) and point.items[number]:
            continue  # an item of a list: one idea with its lead
        if _is_explanation(line, point.bold):
            continue
        count += len(split_sentences(line))
    return count


@EASY_READ.register("easyread.point-length", "Each point is one idea of a few sentences")
def _point_length(t: EasyReadBack) -> Iterator[Finding]:
    lim = _language(t)
    found = []
    for point in t.points:
        n = _idea_sentences(point)
        if n > lim.max_sentences_per_point:
            found.append(
                Finding(
                    "warning",
                    f"This point has {n} sentences; a point should have at most "
                    f"{lim.max_sentences_per_point}.",
                    point.where,
                    "Split it into two points, each with its own picture.",
                )
            )
        if not point.lines:
            found.append(Finding("error", "This point has no words.", point.where, "Remove the empty row."))
    yield from _listed(found, t.limits.max_listed)


def _readability(sentences: list[str]) -> tuple[float, float]:
    figures = measure(sentences)
    return figures.reading_ease, figures.grade


def _section_sentences(section: SectionBack) -> list[str]:
    return [s for p in section.points for s in p.sentences]


@EASY_READ.register("easyread.readability", "The text is easy to read")
def _readability_check(t: EasyReadBack) -> Iterator[Finding]:
    lim, targets = t.limits, _language(t)
    all_sentences = [s for section in t.sections for s in _section_sentences(section)]
    if not any(words(s) for s in all_sentences):
        yield Finding(
            "error",
            "The Easy Read version has no points to read: the draft has no sentences to make them from "
            "(only headings or pictures).",
            "the whole document",
            "Add the text to the draft (under its headings, or with its pictures), then convert it again.",
        )
        return
    ease, grade = _readability(all_sentences)
    if ease < targets.target_reading_ease:
        yield Finding(
            "warning",
            f"Reading ease (Flesch) is {ease:.0f}; "
            f"Easy Read should score {targets.target_reading_ease:g} or more.",
            "the whole document",
            "Use shorter sentences and shorter, everyday words.",
        )
    if grade > targets.target_grade:
        yield Finding(
            "warning",
            f"The school grade (Flesch-Kincaid) is {grade:.1f}; "
            f"Easy Read should be {targets.target_grade:g} or lower.",
            "the whole document",
            "Use shorter sentences and shorter, everyday words.",
        )
    mean = sum(len(words(s)) for s in all_sentences) / max(1, len(all_sentences))
    if mean > targets.target_mean_sentence_words:
        yield Finding(
            "warning",
            f"Sentences have {mean:.1f} words on average; "
            f"aim for {targets.target_mean_sentence_words:g} or fewer.",
            "the whole document",
            "Split the longest sentences.",
        )
    for section in t.sections:
        sentences = _section_sentences(section)
        if sum(len(words(s)) for s in sentences) < lim.section_reading_ease_min_words:
            continue  # too little text for a meaningful score
        s_ease, _ = _readability(sentences)
        if s_ease < lim.section_reading_ease_min:
            yield Finding(
                "warning",
                f"This section's reading ease is {s_ease:.0f}; "
                f"aim for {lim.section_reading_ease_min:g} or more.",
                f"section '{section.heading}'",
                "Rewrite its hardest sentences with shorter words.",
            )


@EASY_READ.register("easyread.pictures", "Every point has a picture with a description")
def _pictures(t: EasyReadBack) -> Iterator[Finding]:
    found = []
    for point in t.points:
        if point.placeholder:
            found.append(
                Finding(
                    "warning",
                    "This point has no picture yet (a gap was left for a person to choose one).",
                    point.where,
                    "Choose a picture and add it to the override file, then convert again.",
                )
            )
        elif point.picture_alt is None:
            found.append(
                Finding(
                    "error",
                    "This point has no picture beside it.",
                    point.where,
                    "Add a picture on the left that shows what the point is about.",
                )
            )
        elif not point.picture_alt.strip():
            found.append(
                Finding(
                    "error",
                    "This point's picture has no description (alt text).",
                    point.where,
                    "Describe the picture in a few words, e.g. 'money'.",
                )
            )
        if point.pictures_in_text:
            found.append(
                Finding(
                    "error",
                    "This point has a picture in or after its text. In Easy Read the picture goes on the "
                    "left and the text on the right, never over or among the words.",
                    point.where,
                    "Move the picture into the left-hand column beside the text.",
                )
            )
        if point.pictures > t.limits.max_pictures_per_point:
            found.append(
                Finding(
                    "warning",
                    f"This point has {point.pictures} pictures; Easy Read uses one picture a point "
                    f"(at most {t.limits.max_pictures_per_point}).",
                    point.where,
                    "Keep the picture that best shows the point and remove the others.",
                )
            )
    yield from _listed(found, t.limits.max_listed)


def _norm(text: str) -> str:
    """Lower case, punctuation gone, and the possessive too: "tenant’s" is the word "tenant"."""
    text = re.sub(r"(?<=\w)'s\b|(?<=s)'(?!\w)", "", text.lower().replace("\u2019", "'"))
    return " ".join(re.sub(r"[^\w\s'-]", " ", text).split())


def _same_word(shown: str, listed: str) -> bool:
    """'unpaid carers' in the text is explained by 'unpaid carer' in the list (base forms)."""
    a, b = tokenise(shown), tokenise(listed)
    return len(a) == len(b) > 0 and all(lemmas(x) & lemmas(y) for x, y in zip(a, b, strict=True))


def _explained(word: str, explained: dict[str, str]) -> str | None:
    key = _norm(word)
    if key in explained:
        return key
    return next((k for k in explained if _same_word(key, k)), None)


def _first_bold(points: list[PointBack]) -> Iterator[tuple[PointBack, str]]:
    """Each bold word at its first use (compared without case or punctuation), with its point."""
    seen: set[str] = set()
    for point in points:
        for word in point.bold:
            key = _norm(word)
            if key and key not in seen:
                seen.add(key)
                yield point, word


@EASY_READ.register("easyread.hard-words", "Every hard word in bold is explained")
def _hard_words(t: EasyReadBack) -> Iterator[Finding]:
    found = []
    explained = {_norm(k): v for k, v in t.hard_words.items()}
    missing_text = _norm(t.layout.missing_explanation)
    first_uses = list(_first_bold(t.points))
    for point, word in first_uses:
        listed = _explained(word, explained)
        if listed is None:
            found.append(
                Finding(
                    "error",
                    f"The hard word '{word}' is in bold but is not in the {t.layout.hard_words_label} list.",
                    point.where,
                    f"Add '{word}' and a short explanation to the {t.layout.hard_words_label} list.",
                )
            )
        elif not _norm(explained[listed]) or _norm(explained[listed]) == missing_text:
            found.append(
                Finding(
                    "error",
                    f"The hard word '{word}' has no explanation yet.",
                    f"{t.layout.hard_words_label} list",
                    "Write a short, plain explanation (see the review sheet).",
                )
            )
    reported = {_explained(_norm(word), explained) for _, word in first_uses}
    for key, explanation in explained.items():
        if key not in reported and (not _norm(explanation) or _norm(explanation) == missing_text):
            found.append(
                Finding(
                    "error",
                    f"The hard word '{key}' has no explanation yet.",
                    f"{t.layout.hard_words_label} list",
                    "Write a short, plain explanation (see the review sheet).",
                )
            )
    if first_uses and not any(_norm(t.layout.bold_words_line) in _norm(line) for line in t.front):
        found.append(
            Finding(
                "error",
                "Words are in bold, but nothing near the start tells the reader that words in bold are "
                "explained.",
                "the cover",
                f'Add the line "{t.layout.bold_words_line}" before the first section.',
            )
        )
    yield from _listed(found, t.limits.max_listed)


_ACRONYM = re.compile(r"\b[A-Z][A-Z0-9&]*[A-Z](?:s)?\b")


@EASY_READ.register("easyread.acronyms", "Short forms are written out")
def _acronyms(t: EasyReadBack) -> Iterator[Finding]:
    allowed = set(t.limits.allowed_acronyms)
    found = []
    seen: set[str] = set()
    places = [(p.where, line) for p in t.points for line in p.lines] + [
        ("outside the points", x) for x in t.other_text
    ]
    for where, text in places:
        # A FREEPOST address or a reference to quote ("ASC/44812") is written as the reader must give it.
        contacts = [m.span() for m in CONTACT.finditer(text)]
        for match in _ACRONYM.finditer(text):
            if any(a <= match.start() < b for a, b in contacts):
                continue
            word = match.group(0)
            base = word[:-1] if word.endswith("s") and word[:-1].isupper() else word
            if base in allowed or base in seen or len(base) < 2:
                continue
            seen.add(base)
            found.append(
                Finding(
                    "error",
                    f"'{word}' is a short form; many readers will not know what it stands for.",
                    where,
                    f"Write out the words '{base}' stands for.",
                )
            )
    yield from _listed(found, t.limits.max_listed)


@EASY_READ.register("easyread.numbers", "Numbers are easy to understand")
def _numbers(t: EasyReadBack) -> Iterator[Finding]:
    found = []
    for point in t.points:
        for line in point.lines:
            for match in re.finditer(r"\b\d+(?:\.\d+)?\s?(?:%|per ?cent\b)", line, re.IGNORECASE):
                found.append(
                    Finding(
                        "warning",
                        f"'{match.group(0)}' is a percentage, which many readers find hard.",
                        point.where,
                        "Say it another way, for example '1 in 4' or '3 out of 10'.",
                    )
                )
            # The same number words (data/easy-read/number-words.tsv) the writer turns into digits.
            for match in number_word_pattern().finditer(line):
                found.append(
                    Finding(
                        "warning",
                        f"'{match.group(0)}' is a number written as a word; Easy Read uses digits.",
                        point.where,
                        "Write the number in digits, for example '3' instead of 'three'.",
                    )
                )
    yield from _listed(found, t.limits.max_listed)


@EASY_READ.register("easyread.length", "The document is not too long")
def _length(t: EasyReadBack) -> Iterator[Finding]:
    lim = t.limits
    count = sum(len(words(line)) for p in t.points for line in p.lines)
    if count > lim.max_words:
        yield Finding(
            "warning",
            f"The Easy Read text has {count:,} words; aim for under {lim.max_words:,}.",
            "the whole document",
            "Keep only what readers need, or split it into shorter documents.",
        )
    if t.estimated_pages is not None and t.estimated_pages > lim.max_pages:
        yield Finding(
            "warning",
            f"The {'PDF has' if t.kind == 'pdf' else 'Word version will be about'} "
            f"{t.estimated_pages} pages; "
            f"split documents over {lim.max_pages}.",
            "the whole document",
            "Split it into parts, each with its own cover.",
        )


@EASY_READ.register("easyread.credit", "The pictures' licence is credited")
def _credit(t: EasyReadBack) -> Iterator[Finding]:
    has_pictures = any(p.picture_alt for p in t.points)
    if has_pictures and not t.credit.strip():
        yield Finding(
            "error",
            "The document uses symbol pictures but does not credit them; their licence requires it.",
            "the end of the document",
            "Add the credit line for the picture set (set 'credit' in the profile's pictures settings).",
        )


# ---------------------------------------------------------------- publishable, explained, complete


@EASY_READ.register("easyread.placeholders", "No placeholder text is printed")
def _placeholders(t: EasyReadBack) -> Iterator[Finding]:
    marks = [t.layout.placeholder_text, t.layout.missing_explanation, "to be added", "lorem ipsum", "TODO"]
    pattern = re.compile("|".join(re.escape(m.strip(" .")) for m in marks if m.strip()), re.I)
    texts = [(line, p.where) for p in t.points for line in p.lines]
    texts += [(line, "the cover or the end") for line in t.other_text]
    texts += [(f"{w}: {e}", f"{t.layout.hard_words_label} list") for w, e in t.hard_words.items()]
    found = [
        Finding(
            "error",
            f"Placeholder text is printed: '{_short(line)}'.",
            where,
            "Write the missing words, or leave the place empty (see the review sheet).",
        )
        for line, where in texts
        if pattern.search(line)
    ]
    yield from _listed(found, t.limits.max_listed)


@EASY_READ.register("easyread.explained-in-text", "Each hard word is explained where it is first used")
def _explained_in_text(t: EasyReadBack) -> Iterator[Finding]:
    found = []
    lim = _language(t)
    listed = {_norm(k): v for k, v in t.hard_words.items()}
    for point, word in _first_bold(t.points):
        given = sum(1 for line in point.lines if _is_explanation(line, point.bold))
        key = _explained(_norm(word), listed)
        need = len(split_sentences(listed[key])) if key else 1
        # A point full of explanations (the profile's budget) leaves the rest to the list.
        full = given >= lim.max_explanations_per_point or (
            given and len(point.sentences) + need > lim.max_sentences_with_explanations
        )
        if not full and not any(_is_explanation(line, [word]) for line in point.lines):
            found.append(
                Finding(
                    "warning",
                    f"The hard word '{word}' is in bold but not explained in the point where it is first "
                    "used.",
                    point.where,
                    f'Add a sentence after it: "{word} means ...".',
                )
            )
    yield from _listed(found, t.limits.max_listed)


@EASY_READ.register("easyread.facts", "Every fact of the chosen sentences is kept")
def _facts(t: EasyReadBack) -> Iterator[Finding]:
    if not t.facts:
        return
    text = norm(" ".join(line for p in t.points for line in p.lines))
    found = [
        Finding(
            "error",
            f"The fact '{fact}' from the draft is missing from the Easy Read text.",
            "the whole document",
            "Put it back in the point it belongs to (a number, date, amount, contact or name).",
        )
        for fact in t.facts
        if norm(fact) not in text
    ]
    yield from _listed(found, t.limits.max_listed)


@EASY_READ.register("easyread.length-target", "The Easy Read version is about half the draft or shorter")
def _length_target(t: EasyReadBack) -> Iterator[Finding]:
    """The words of the points on the written page against the draft's: a long draft's Easy Read
    text at most its target share and the allowance for explanations, a short draft's at most
    `short_words_share` of it not counting the explanations of hard words (the lines that say
    what a word of the "Hard words" list means: words the draft did not have), each with the
    profile's `explanation_share` to spare."""
    lim = _language(t)
    if not t.draft_words:
        return
    if t.draft_words > lim.shorten_over_words:
        count = sum(len(words(line)) for p in t.points for line in p.lines)
        target = int(t.draft_words * lim.target_words_share)
        most = int(target * (1 + lim.explanation_share))
    else:
        explanations = {norm(e) for e in t.hard_words.values() if e}
        count = sum(len(words(line)) for p in t.points for line in p.lines if norm(line) not in explanations)
        # What the reader must know is never left out of a short draft for length, and splitting
        # adds a few words ("This is because …"): the same allowance as a long draft's.
        target = int(t.draft_words * lim.short_words_share)
        most = int(target * (1 + lim.explanation_share))
    if count > most:
        yield Finding(
            "warning",
            f"The Easy Read text has {count:,} words for a draft of {t.draft_words:,}; aim for about "
            f"{target:,} or fewer.",
            "the whole document",
            "Leave out more background (the review sheet lists what was kept and left out).",
        )
