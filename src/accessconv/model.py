"""accessconv's own typed document model.

Every reader produces it and every writer consumes it, so a writer never has to know about
pandoc's AST or Word's XML. Blocks and inlines are small frozen-free dataclasses; a transform
(for example Easy Read) builds new ones rather than patching a writer.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

# ---------------------------------------------------------------- inlines

Style = Literal["emph", "strong", "underline", "strike", "superscript", "subscript", "smallcaps"]


@dataclass
class Text:
    text: str


@dataclass
class Styled:
    style: Style
    children: list[Inline]


@dataclass
class Code:
    text: str


@dataclass
class Link:
    children: list[Inline]
    url: str


@dataclass
class NoteRef:
    """A footnote or endnote mark; `number` indexes Document.notes (1-based)."""

    number: int


@dataclass
class LineBreak:
    pass


@dataclass
class Image:
    """A picture carried inside the draft. `data` is None when the draft only linked to it
    (we never fetch a URL), in which case writers show the alt text instead."""

    alt: str
    data: bytes | None
    mime: str | None = None
    source: str = ""
    width_px: int | None = None
    height_px: int | None = None
    # Size asked for by the draft, in centimetres, when it gave one.
    width_cm: float | None = None
    height_cm: float | None = None
    decorative: bool = False


@dataclass
class InlineImage:
    image: Image


Inline = Text | Styled | Code | Link | NoteRef | LineBreak | InlineImage

# ---------------------------------------------------------------- blocks


@dataclass
class Heading:
    level: int
    inlines: list[Inline]
    id: str = ""


@dataclass
class Paragraph:
    inlines: list[Inline]


@dataclass
class ListBlock:
    ordered: bool
    items: list[list[Block]]
    start: int = 1
    numbering: str = "decimal"  # decimal, lower-alpha, upper-alpha, lower-roman, upper-roman


@dataclass
class Cell:
    blocks: list[Block]
    rowspan: int = 1
    colspan: int = 1
    align: str = ""


@dataclass
class Row:
    cells: list[Cell]


@dataclass
class Table:
    head: list[Row]
    body: list[Row]
    caption: list[Inline] = field(default_factory=list)
    foot: list[Row] = field(default_factory=list)
    # Whether the first column holds row headers (pandoc's row-head columns).
    row_header_columns: int = 0

    @property
    def columns(self) -> int:
        rows = self.head + self.body + self.foot
        return max((sum(c.colspan for c in r.cells) for r in rows), default=0)


@dataclass
class Figure:
    image: Image
    caption: list[Inline] = field(default_factory=list)


@dataclass
class BlockQuote:
    blocks: list[Block]


@dataclass
class CodeBlock:
    text: str


@dataclass
class DefinitionItem:
    term: list[Inline]
    definitions: list[list[Block]]


@dataclass
class DefinitionList:
    items: list[DefinitionItem]


@dataclass
class Rule:
    pass


Block = Heading | Paragraph | ListBlock | Table | Figure | BlockQuote | CodeBlock | DefinitionList | Rule

# ---------------------------------------------------------------- document


@dataclass(frozen=True)
class ReaderNote:
    """Something the reader changed or dropped, and what the author can do about it."""

    message: str
    fix: str


@dataclass
class Document:
    title: str
    language: str
    blocks: list[Block]
    # Footnotes and endnotes, in reading order; NoteRef.number n refers to notes[n - 1].
    notes: list[list[Block]] = field(default_factory=list)
    source: Path | None = None
    # Whether title and language came from the draft itself (False: we defaulted them).
    title_from_draft: bool = True
    language_from_draft: bool = True
    # Things the reader changed or dropped, in plain words (raw HTML removed, image not fetched).
    reader_notes: list[ReaderNote] = field(default_factory=list)


# ---------------------------------------------------------------- walking helpers


def plain_text(inlines: list[Inline]) -> str:
    """The text a reader hears, without marks; images give their alt text."""
    parts: list[str] = []
    for node in inlines:
        if isinstance(node, Text | Code):
            parts.append(node.text)
        elif isinstance(node, Styled | Link):
            parts.append(plain_text(node.children))
        elif isinstance(node, LineBreak):
            parts.append(" ")
        elif isinstance(node, InlineImage):
            parts.append(node.image.alt)
    return "".join(parts)


def child_blocks(block: Block) -> Iterator[Block]:
    """Blocks directly nested inside `block`."""
    if isinstance(block, ListBlock):
        for item in block.items:
            yield from item
    elif isinstance(block, BlockQuote):
        yield from block.blocks
    elif isinstance(block, Table):
        for row in block.head + block.body + block.foot:
            for cell in row.cells:
                yield from cell.blocks
    elif isinstance(block, DefinitionList):
        for entry in block.items:
            for definition in entry.definitions:
                yield from definition


def walk_blocks(blocks: list[Block]) -> Iterator[Block]:
    """Every block, depth first, in reading order."""
    for block in blocks:
        yield block
        yield from walk_blocks(list(child_blocks(block)))


def block_inlines(block: Block) -> list[Inline]:
    """The inlines a block holds directly (not those of nested blocks)."""
    if isinstance(block, Heading | Paragraph):
        return block.inlines
    if isinstance(block, Table):
        return block.caption
    if isinstance(block, Figure):
        return block.caption
    if isinstance(block, DefinitionList):
        return [node for item in block.items for node in item.term]
    return []


def walk_inlines(inlines: list[Inline]) -> Iterator[Inline]:
    for node in inlines:
        yield node
        if isinstance(node, Styled | Link):
            yield from walk_inlines(node.children)


def images(doc: Document) -> Iterator[Image]:
    """Every image in the document body, in reading order."""
    for block in walk_blocks(doc.blocks):
        if isinstance(block, Figure):
            yield block.image
        for node in walk_inlines(block_inlines(block)):
            if isinstance(node, InlineImage):
                yield node.image


def document_text(doc: Document) -> str:
    """All body text, a block a line (used for counts and round-trip checks)."""
    lines = []
    for block in walk_blocks(doc.blocks):
        text = plain_text(block_inlines(block))
        if isinstance(block, CodeBlock):
            text = block.text
        if text.strip():
            lines.append(text)
    return "\n".join(lines)
