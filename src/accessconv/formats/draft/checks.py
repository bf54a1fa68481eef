"""Checks on the source draft: what Word's accessibility checker would tell its author.

Most read accessconv's document model (so they work for Word, ODT and Markdown alike); the
layout habits pandoc hides (empty paragraphs, floating pictures, spaces for alignment, header rows)
are read straight from the .docx's main part with lxml.
"""

from __future__ import annotations

import re
import zipfile
import zlib
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from lxml import etree

from ... import model as m
from ... import ooxml_names
from ...checks import CheckResult, CheckSet, Finding
from ...checks.text import vague_link_phrases
from ...reader import main_part

if TYPE_CHECKING:
    from lxml.etree import _Element

    from . import Checks

DRAFT: CheckSet[DraftTarget] = CheckSet("draft")


@dataclass
class DraftTarget:
    doc: m.Document
    path: Path
    limits: Checks
    docx: _Element | None  # the <w:body> element of word/document.xml, or None for other formats
    located: list[tuple[str, m.Block]]  # located_blocks(doc.blocks), walked once for all checks


def check_draft(doc: m.Document, path: Path, limits: Checks) -> list[CheckResult]:
    return start_draft_check(path, limits)(doc)


def start_draft_check(path: Path, limits: Checks) -> Callable[[m.Document], list[CheckResult]]:
    """The draft checks in two steps: read the .docx's own XML now (the pipeline does this while
    pandoc is still reading the draft), and run the checks once the document model is ready."""
    body = _docx_body(path) if path.suffix.lower() == ".docx" else None

    def run(doc: m.Document) -> list[CheckResult]:
        return DRAFT.run(DraftTarget(doc, path, limits, body, list(located_blocks(doc.blocks))))

    return run


W = f"{{{ooxml_names.W}}}"
WP = f"{{{ooxml_names.WP}}}"


def _docx_body(path: Path) -> _Element | None:
    # Parsed straight from the zip stream, so the part is never held as bytes and a tree at once;
    # comments (a cheap way to pad a part) are dropped as they are read.
    parser = etree.XMLParser(remove_comments=True, resolve_entities=False, no_network=True)
    try:
        with zipfile.ZipFile(path) as zf:
            name = main_part(zf, "docx")
            if name is None:
                return None
            with zf.open(name) as stream:
                root = etree.parse(stream, parser).getroot()
    except (KeyError, zipfile.BadZipFile, etree.XMLSyntaxError, OSError, ValueError, EOFError, zlib.error):
        return None
    return root.find(f"{W}body")


def located_blocks(blocks: list[m.Block]) -> Iterator[tuple[str, m.Block]]:
    """Every block with a plain-words place ("under 'Our priorities'")."""
    section = "at the start"
    for block in m.walk_blocks(blocks):
        if isinstance(block, m.Heading):
            section = f"under heading '{_short(m.plain_text(block.inlines))}'"
        yield section, block


def _fix(t: DraftTarget, word: str, markdown: str) -> str:
    """The fix in the author's own tool: Word's menus, or Markdown's marks."""
    return markdown if t.path.suffix.lower() in (".md", ".markdown") else word


def _count(number: int, thing: str, things: str = "") -> str:
    return f"{number} {thing if number == 1 else (things or thing + 's')}"


def _short(text: str, limit: int = 50) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 3] + "..."


@DRAFT.register("draft.alt-text", "Every picture has alt text")
def _alt_text(t: DraftTarget) -> Iterator[Finding]:
    number = 0
    for where, block in t.located:
        found = (
            [block.image]
            if isinstance(block, m.Figure)
            else [n.image for n in m.walk_inlines(m.block_inlines(block)) if isinstance(n, m.InlineImage)]
        )
        for image in found:
            number += 1
            alt = image.alt.strip()
            label = f"picture {number}, {where}"
            if image.decorative:
                continue
            if not alt:
                yield Finding(
                    "error",
                    "A picture has no alt text, so screen-reader users miss it.",
                    label,
                    _fix(
                        t,
                        "Right-click the picture in Word, choose 'View Alt Text' and say what it shows.",
                        "Say what the picture shows inside its square brackets: ![A chart of ...](file.png).",
                    ),
                )
            elif re.fullmatch(
                r"\S+\.(png|jpe?g|gif|bmp|svg|emf|wmf|tiff?)", alt, re.IGNORECASE
            ) or re.fullmatch(r"(image|picture|figure|img)\s*\d*", alt, re.IGNORECASE):
                yield Finding(
                    "error",
                    f"A picture's alt text is '{alt}', which says nothing about it.",
                    label,
                    "Replace it with a few words saying what the picture shows.",
                )
            elif len(alt) > t.limits.max_alt_length:
                yield Finding(
                    "warning",
                    f"A picture's alt text is {len(alt)} characters long.",
                    label,
                    f"Keep alt text under {t.limits.max_alt_length} characters.",
                )


@DRAFT.register("draft.headings", "The draft uses heading styles")
def _headings(t: DraftTarget) -> Iterator[Finding]:
    if not any(isinstance(b, m.Heading) for _, b in t.located):
        yield Finding(
            "error",
            "The draft has no headings, so nobody can jump between its sections.",
            "whole draft",
            _fix(
                t,
                "Apply Heading 1, Heading 2... styles from Word's Home tab to the section titles.",
                "Start each section title with # for the main heading, ## for sections, ### below them.",
            ),
        )


@DRAFT.register("draft.heading-levels", "Heading levels are not skipped")
def _heading_levels(t: DraftTarget) -> Iterator[Finding]:
    previous = 0
    for _, block in t.located:
        if isinstance(block, m.Heading):
            if previous and block.level > previous + 1:
                yield Finding(
                    "warning",
                    f"Heading level {block.level} follows level {previous}.",
                    f"heading '{_short(m.plain_text(block.inlines))}'",
                    f"Use Heading {previous + 1} here.",
                )
            previous = block.level


@DRAFT.register("draft.fake-headings", "Section titles are real headings, not bold text")
def _fake_headings(t: DraftTarget) -> Iterator[Finding]:
    for where, block in t.located:
        if not isinstance(block, m.Paragraph) or len(block.inlines) != 1:
            continue
        only = block.inlines[0]
        if isinstance(only, m.Styled) and only.style in ("strong", "underline"):
            text = m.plain_text(only.children).strip()
            if (
                text
                and len(text.split()) <= t.limits.fake_heading_max_words
                and not text.endswith((".", ",", ";"))
            ):
                yield Finding(
                    "warning",
                    f"'{_short(text)}' looks like a heading but is bold text.",
                    where,
                    "Apply a Heading style to it instead of bold.",
                )


@DRAFT.register("draft.tables", "Tables have a header row and simple cells")
def _tables(t: DraftTarget) -> Iterator[Finding]:
    number = 0
    for where, block in t.located:
        if not isinstance(block, m.Table):
            continue
        number += 1
        label = f"table {number}, {where}"
        if t.docx is None and not block.head:
            yield Finding(
                "error",
                "A table has no header row.",
                label,
                "Select the first row, then Table Properties > Row > 'Repeat as header row'.",
            )
        if any(c.rowspan > 1 or c.colspan > 1 for r in block.head + block.body for c in r.cells):
            yield Finding(
                "warning",
                "A table has merged cells, which screen readers find hard to follow.",
                label,
                "Split merged cells so each row and column has one cell per heading.",
            )
    if t.docx is not None:
        yield from _docx_table_headers(t.docx)


def _docx_table_headers(body: _Element) -> Iterator[Finding]:
    """Word marks header rows with w:tblHeader ('Repeat as header row'); read it directly, as
    pandoc treats any first row as a header."""
    for number, table in enumerate(body.iter(f"{W}tbl"), start=1):
        first = table.find(f"{W}tr")
        if first is None:
            continue
        flag = first.find(f"{W}trPr/{W}tblHeader")
        marked = flag is not None and flag.get(f"{W}val", "true") not in ("0", "false", "off")
        if not marked:
            yield Finding(
                "error",
                "A table has no header row marked.",
                f"table {number}",
                "Select the first row, then Table Properties > Row > 'Repeat as header row'.",
            )


@DRAFT.register("draft.title-language", "The draft has a title and language set")
def _title_language(t: DraftTarget) -> Iterator[Finding]:
    if not t.doc.title_from_draft:
        yield Finding(
            "warning",
            f"The draft has no title in its properties; accessconv used '{_short(t.doc.title)}'.",
            "document properties",
            _fix(
                t,
                "In Word: File > Info > Properties > Title.",
                "Add the title at the very top of the file: a line ---, then title: Your title, then ---.",
            ),
        )
    if not t.doc.language_from_draft:
        yield Finding(
            "warning",
            f"The draft does not say its language; accessconv assumed {t.doc.language}.",
            "document properties",
            _fix(
                t,
                "In Word: Review > Language > Set Proofing Language.",
                "Add lang: en-GB between the --- lines at the top of the file.",
            ),
        )


@DRAFT.register("draft.links", "Link text makes sense on its own")
def _links(t: DraftTarget) -> Iterator[Finding]:
    vague = vague_link_phrases()
    for where, block in t.located:
        for node in m.walk_inlines(m.block_inlines(block)):
            if isinstance(node, m.Link):
                text = m.plain_text(node.children).strip()
                if not text:
                    yield Finding(
                        "error",
                        f"A link to '{_short(node.url)}' has no words, so screen readers just say 'link'.",
                        where,
                        "Give the link words that say where it goes, or remove it.",
                    )
                elif text.lower().strip(" .:!") in vague:
                    yield Finding(
                        "warning",
                        f"The link text '{text}' does not say where it goes.",
                        where,
                        "Use words that describe the destination.",
                    )
                elif text == node.url or re.fullmatch(r"(https?://|www\.)\S+", text):
                    yield Finding(
                        "warning",
                        "A link shows a bare web address.",
                        where,
                        "Use words that describe the destination as the link text.",
                    )


@DRAFT.register("draft.layout", "Spacing is done with styles, not empty lines or spaces")
def _layout(t: DraftTarget) -> Iterator[Finding]:
    if t.docx is None:
        return
    body = t.docx
    # Only top-level paragraphs count as spacing; Word always keeps one empty last paragraph.
    top_level = list(body.iterchildren(f"{W}p"))[:-1]
    empty_runs = sum(1 for p in top_level if _is_empty_paragraph(p))
    reported = 0
    for p in body.iter(f"{W}p"):
        text = "".join(node.text or "" for node in p.iter(f"{W}t"))
        if reported < 5 and re.search(rf" {{{t.limits.repeated_spaces},}}|\t{{2,}}", text.strip()):
            reported += 1
            yield Finding(
                "warning",
                "Spaces or tabs are used to line text up.",
                f"paragraph '{_short(text)}'",
                "Use a table, a list or paragraph indents instead.",
            )
    if empty_runs:
        yield Finding(
            "warning",
            f"The draft has {_count(empty_runs, 'empty paragraph')} used for spacing.",
            "whole draft",
            "Delete the empty lines and use 'Spacing After' in Paragraph settings.",
        )
    floating = len(list(body.iter(f"{WP}anchor")))
    if floating:
        yield Finding(
            "warning",
            f"{_count(floating, 'picture or shape', 'pictures or shapes')} "
            f"{'floats' if floating == 1 else 'float'} over the text.",
            "whole draft",
            "Right-click each one, Wrap Text > In Line with Text.",
        )


def _is_empty_paragraph(p: _Element) -> bool:
    text = "".join(node.text or "" for node in p.iter(f"{W}t"))
    has_object = any(True for _ in p.iter(f"{W}drawing", f"{W}pict", f"{W}br"))
    section_break = p.find(f"{W}pPr/{W}sectPr") is not None
    # An empty line with a heading style is reported once, by the reader (draft.reader-notes).
    style = p.find(f"{W}pPr/{W}pStyle")
    heading = style is not None and re.fullmatch(r"(?i)heading\s?\d|title", style.get(f"{W}val", ""))
    return not text.strip() and not has_object and not section_break and not heading


@DRAFT.register("draft.reader-notes", "Everything in the draft could be used")
def _reader_notes(t: DraftTarget) -> Iterator[Finding]:
    for note in t.doc.reader_notes:
        yield Finding("warning", note.message, "whole draft", note.fix)
