"""The large print PDF: Typst markup written from our model, compiled to a tagged PDF/UA-1 file.

Every number comes from the profile, the same numbers the Word file uses: paper, margins, body and
heading sizes, line spacing (Word's multiple of the font's single line, so both print the same
baseline distance), space after paragraphs and before headings, list indent. Headings, paragraphs,
lists, tables (header row repeated on each page, rows never split), figures with alt text and the
title and language are tagged by Typst; the page number is in the footer at body size.
All draft text goes through `typeset.text` (string literals), never into markup.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from ... import model as m
from ...typeset import InlineWriter, PendingPdf, Pictures, length_pt, string, text
from .prepare import column_shares, with_next

if TYPE_CHECKING:
    from .settings import Settings

NUMBERING = {
    "decimal": "1.",
    "lower-alpha": "a.",
    "upper-alpha": "A.",
    "lower-roman": "i.",
    "upper-roman": "I.",
}
PX_TO_PT = 0.75


def leading_em(s: Settings) -> float:
    """The gap between lines that gives Word's line spacing: the profile's multiple of the font's
    single line, less the font's own ascender-to-descender height."""
    return s.line_spacing * s.font_single_line_em - s.font_ascent_em - s.font_descent_em


def preamble(doc: m.Document, s: Settings) -> str:
    lang, _, region = doc.language.partition("-")
    region_arg = f", region: {string(region.lower())}" if region else ""
    body = s.body_size_pt
    lines = [
        f"#set document(title: {string(doc.title)})",
        f"#set text(font: {string(s.pdf_font)}, size: {length_pt(body)}, lang: {string(lang.lower())}"
        f"{region_arg}, hyphenate: false, fill: rgb({string(s.text_colour)}),"
        f" top-edge: {s.font_ascent_em}em, bottom-edge: -{s.font_descent_em}em)",
        f"#set par(justify: false, leading: {leading_em(s):.4f}em, spacing: {length_pt(s.space_after_pt)})",
        f"#set page(width: {s.paper_width_mm}mm, height: {s.paper_height_mm}mm, margin: {s.margin_cm}cm,"
        f" fill: rgb({string(s.background_colour)}), footer-descent: 0pt,"
        f" footer: context align(left + horizon)[{text(s.page_label + ' ')}#counter(page).display()])",
        f"#set block(spacing: {length_pt(s.space_after_pt)})",
        # Word adds a heading's space before to the space after the paragraph above it; heading 1
        # has no space before of its own (as in the Word file's styles).
        f"#show heading: set block(above: {length_pt(s.space_after_pt + s.heading_space_before_pt)},"
        f" below: {length_pt(s.space_after_pt)})",
        f"#show heading.where(level: 1): set block(above: {length_pt(s.space_after_pt)})",
        "#show heading: set text(weight: \"bold\")",
    ]
    for level in range(1, 7):
        size = s.heading_sizes_pt[min(level, len(s.heading_sizes_pt)) - 1]
        lines.append(f"#show heading.where(level: {level}): set text(size: {length_pt(size)})")
    indent = f"{s.list_indent_cm}cm"
    gap = length_pt(s.space_after_pt / 2)
    lines += [
        # Bullets the font has at every depth (Typst's default second bullet is not in Arial).
        f"#set list(marker: ([•], [–]), indent: 0pt, body-indent: {indent}, spacing: {gap}, tight: false)",
        f"#set enum(indent: 0pt, body-indent: {indent}, spacing: {gap}, tight: false)",
        f"#set table(stroke: 1pt + rgb({string(s.text_colour)}), inset: (x: 6pt, y: 4pt), align: left)",
        "#set table.cell(breakable: false)",
        "#show table.cell.where(y: 0): set text(weight: \"bold\")",
        f"#set figure(numbering: none, supplement: none, gap: {gap})",
        "#show figure: set block(breakable: true)",
        "#show figure.caption: set text(weight: \"bold\")",
        "#show figure.where(kind: table): set figure.caption(position: top)",
        "#show figure: set align(left)",
        "#show figure.caption: set align(left)",
        f"#show link: it => underline(text(fill: rgb({string(s.link_colour)}), it))",
        "#show strike: it => it",
        "",
    ]
    return "\n".join(lines)


class TypstLargePrint:
    def __init__(self, doc: m.Document, settings: Settings) -> None:
        self.doc = doc
        self.s = settings
        self.pictures = Pictures()
        self.inl = InlineWriter(self.pictures, settings.note_mark, settings.missing_picture_label)
        self.text_width_pt = (settings.paper_width_mm / 10 - 2 * settings.margin_cm) / 2.54 * 72

    def markup(self, blocks: list[m.Block]) -> str:
        parts = [preamble(self.doc, self.s)]
        parts.extend(self.block(b, lead_in=lead_in) for b, lead_in in with_next(blocks))
        parts.append(self.notes())
        return "\n".join(p for p in parts if p)

    def blocks(self, blocks: list[m.Block]) -> str:
        return "\n\n".join(x for x in (self.block(b, lead_in=k) for b, k in with_next(blocks)) if x)

    def block(self, b: m.Block, header: bool = False, lead_in: bool = False) -> str:
        if isinstance(b, m.Heading):
            return f"#heading(level: {min(max(b.level, 1), 6)})[{self.inl.inlines(b.inlines)}]\n"
        if isinstance(b, m.Paragraph):
            inner = self.inl.inlines(b.inlines)
            if lead_in:  # on the same page as the list or table it introduces
                return f"#block(sticky: true)[{inner}]\n"
            return (f"#strong[{inner}];" if header and inner else inner) + "\n"
        if isinstance(b, m.ListBlock):
            return self.list(b)
        if isinstance(b, m.Table):
            return self.table(b)
        if isinstance(b, m.Figure):
            return self.figure(b)
        if isinstance(b, m.BlockQuote):
            return f"#quote(block: true)[\n{self.blocks(b.blocks)}\n]\n"
        if isinstance(b, m.CodeBlock):
            lines = "#linebreak();".join(text(line) for line in b.text.split("\n"))
            return f"#pad(left: {self.s.list_indent_cm}cm)[{lines}]\n"
        if isinstance(b, m.DefinitionList):
            out = []
            for item in b.items:
                out.append(f"#strong[{self.inl.inlines(item.term)}];\n")
                for definition in item.definitions:
                    out.append(f"#pad(left: {self.s.list_indent_cm}cm)[\n{self.blocks(definition)}\n]\n")
            return "\n".join(out)
        return ""  # a horizontal rule: the headings mark the sections

    def list(self, b: m.ListBlock) -> str:
        items = ", ".join(f"[\n{self.blocks(item)}\n]" for item in b.items)
        if b.ordered:
            numbering = string(NUMBERING.get(b.numbering, "1."))
            return f"#enum(start: {b.start}, numbering: {numbering}, {items})\n"
        return f"#list({items})\n"

    def table(self, t: m.Table) -> str:
        columns = t.columns
        if not columns:
            return ""
        cells_out: list[str] = []

        def cell(c: m.Cell, heading: bool) -> str:
            span = ""
            if c.colspan > 1:
                span += f"colspan: {c.colspan}, "
            if c.rowspan > 1:
                span += f"rowspan: {c.rowspan}, "
            inner = "\n\n".join(x for x in (self.block(b, heading) for b in c.blocks) if x)
            return f"table.cell({span})[{inner}]"

        if t.head:
            head = ", ".join(cell(c, True) for row in t.head for c in row.cells)
            cells_out.append(f"table.header(repeat: true, {head})")
        for row in t.body + t.foot:
            for n, c in enumerate(row.cells):
                cells_out.append(cell(c, n < t.row_header_columns))
        line_chars = self.text_width_pt / (self.s.body_size_pt * self.s.font_average_char_em)
        widths = ", ".join(f"{share * 100:.1f}fr" for share in column_shares(t, line_chars))
        table = f"table(columns: ({widths},), " + ", ".join(cells_out) + ")"
        if t.caption:
            return f"#figure(kind: table, caption: [{self.inl.inlines(t.caption)}], {table})\n"
        return f"#{table}\n"

    def figure(self, f: m.Figure) -> str:
        image = f.image
        width = ""
        if image.width_cm:
            natural = image.width_cm / 2.54 * 72
        elif image.width_px:
            natural = image.width_px * PX_TO_PT
        else:
            natural = 0
        if natural:
            width = length_pt(min(natural * self.s.image_scale, self.text_width_pt))
        picture = self.inl.picture(image, width)
        if not f.caption or not picture.startswith("#image("):
            caption = f"\n\n#strong[{self.inl.inlines(f.caption)}];" if f.caption else ""
            return picture + caption + "\n"
        return f"#figure({picture[1:-1]}, caption: [{self.inl.inlines(f.caption)}])\n"

    def notes(self) -> str:
        if not self.doc.notes:
            return ""
        out = [f"#heading(level: 2)[{text(self.s.notes_label)}]\n"]
        for number, blocks in enumerate(self.doc.notes, start=1):
            mark = f"#strong[{text(self.s.note_mark.format(n=number).strip())}];"
            first, rest = (blocks[0], blocks[1:]) if blocks else (None, [])
            if isinstance(first, m.Paragraph):
                out.append(f"{mark} {self.inl.inlines(first.inlines)}\n")
            else:
                out.append(mark + "\n")
                rest = blocks
            out.extend(self.block(b) for b in rest)
        return "\n".join(out)


def write_pdf(doc: m.Document, blocks: list[m.Block], settings: Settings, path: Path) -> list[str]:
    """Write the PDF; return notes for the report."""
    return start_pdf(doc, blocks, settings, path)()


def start_pdf(
    doc: m.Document, blocks: list[m.Block], settings: Settings, path: Path
) -> Callable[[], list[str]]:
    """Start typesetting the PDF in the background; the function returned waits for it, writes
    it to `path` and returns notes for the report."""
    writer = TypstLargePrint(doc, settings)
    source = writer.markup(blocks)
    notes = []
    standard: str | None = settings.pdf_standard or None
    if writer.inl.missing_alt and standard:
        standard = None  # PDF/UA needs alt text on every picture: tagged, but not claiming PDF/UA
        notes.append(
            "A picture has no alt text, so the PDF is tagged but cannot claim PDF/UA; "
            "add alt text in the draft (or mark the picture decorative) and convert again."
        )
    pending = PendingPdf(source, writer.pictures, settings.pdf_font_files, standard)

    def finish() -> list[str]:
        pdf, compile_notes = pending.result()
        path.write_bytes(pdf)
        return notes + compile_notes

    return finish
