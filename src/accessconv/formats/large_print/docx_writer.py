"""The large print Word file, written with python-docx.

All formatting is set in STYLES (Normal, Heading 1-9, List Bullet/Number/Continue, Table Text,
Table Heading, Caption, Quote, Endnote Text, Footer, Hyperlink, Strong), never run by run, so an
officer who edits the file in Word keeps it large: new text picks up the style's size and font.
Every built-in style in the template is made safe too (no small sizes, italics, capitals or theme
fonts), in case someone applies one later.

Footnotes become endnotes: a "Notes" section at the end, at body size, with a plain mark such as
"[1]" in the text (superscript marks are printed small, which large print must avoid).
"""

from __future__ import annotations

import copy
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, cast

import docx
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.image.exceptions import UnrecognizedImageError
from docx.image.image import Image as DocxImage
from docx.oxml import OxmlElement
from docx.shared import Cm, Emu, Pt

from ... import model as m
from ... import ooxml
from ...images import raster_as_png
from ...ooxml import get_or_add, q, set_fonts, set_val
from .prepare import column_shares, with_next

if TYPE_CHECKING:
    from docx.document import Document as DocxDocument
    from docx.enum.style import WD_STYLE_TYPE
    from docx.oxml.table import CT_Tc
    from docx.styles.style import CharacterStyle
    from docx.table import Table, _Cell
    from docx.text.paragraph import Paragraph
    from lxml.etree import _Element

    from .settings import Settings

SAFE_SCHEMES = ("http://", "https://", "mailto:", "tel:")
LIST_LEVELS = 3  # Word's template has List Bullet, List Bullet 2 and List Bullet 3
NUMBER_FORMATS = {
    "lower-alpha": "lowerLetter",
    "upper-alpha": "upperLetter",
    "lower-roman": "lowerRoman",
    "upper-roman": "upperRoman",
}


@dataclass
class _Context:
    style: str = "Normal"  # paragraph style for plain paragraphs here
    list_depth: int = 0
    heading_cells: bool = False
    lead_in: bool = False  # a paragraph that introduces the block after it: kept with it


class _Grid:
    """A table's cells as python-docx made them, and the positions model cells already cover
    (a cell may span rows and columns)."""

    def __init__(self, table: Table, rows: int, columns: int) -> None:
        self.table = table
        self.rows = rows
        self.columns = columns
        # python-docx works out the whole grid again on every table.cell(): once per table here
        # (and again after a merge, which changes it).
        self.cells = table._cells
        self.taken: set[tuple[int, int]] = set()

    def next_free(self, r: int, c: int) -> int:
        """The first column from c in row r that no cell from an earlier row or column covers."""
        while (r, c) in self.taken:
            c += 1
        return c

    def place(self, r: int, c: int, cell: m.Cell) -> tuple[_Cell, int]:
        """The table cell for a model cell at row r, column c, merged over its span (cut at the
        table's edges), and how many columns it spans."""
        rowspan = max(1, min(cell.rowspan, self.rows - r))
        colspan = max(1, min(cell.colspan, self.columns - c))
        for dr in range(rowspan):
            for dc in range(colspan):
                self.taken.add((r + dr, c + dc))
        target = self.cells[r * self.columns + c]
        if rowspan > 1 or colspan > 1:
            target = target.merge(self.cells[(r + rowspan - 1) * self.columns + c + colspan - 1])
            self.cells = self.table._cells
        return target, colspan


@dataclass
class DocxWriter:
    settings: Settings
    doc: m.Document
    notes: list[str] = field(default_factory=list)

    def write(self, blocks: list[m.Block], path: Path) -> None:
        self.document = docx.Document()
        # Cells (their w:tc elements, held so they stay the same objects) whose first, empty
        # paragraph is still unused.
        self._fresh: dict[CT_Tc, bool] = {}
        self._setup_styles()
        self._setup_page()
        body = self.document
        for block, lead_in in with_next(blocks):
            self._block(body, block, _Context(lead_in=lead_in))
        self._endnotes()
        ooxml.save_deterministic(self.document, path, self.doc.title, self.doc.language)

    # ------------------------------------------------------------ styles and page

    def _setup_styles(self) -> None:
        s = self.settings
        styles = self.document.styles
        self._defaults()
        for style_el in styles.element.findall(q("w:style")):
            self._make_safe(style_el)

        normal = styles["Normal"]
        self._font(normal, s.body_size_pt)
        pf = normal.paragraph_format
        pf.alignment = WD_ALIGN_PARAGRAPH.LEFT
        pf.line_spacing = s.line_spacing
        pf.space_before = Pt(0)
        pf.space_after = Pt(s.space_after_pt)
        pf.widow_control = True

        for level in range(1, 10):
            style = styles[f"Heading {level}"]
            size = s.heading_sizes_pt[min(level, len(s.heading_sizes_pt)) - 1]
            self._font(style, size, bold=True)
            hf = style.paragraph_format
            hf.alignment = WD_ALIGN_PARAGRAPH.LEFT
            hf.space_before = Pt(s.heading_space_before_pt if level > 1 else 0)
            hf.space_after = Pt(s.space_after_pt)
            hf.keep_with_next = True
            hf.line_spacing = s.line_spacing

        caption = styles["Caption"]
        self._font(caption, s.body_size_pt, bold=True)
        caption.paragraph_format.keep_with_next = True
        caption.paragraph_format.space_after = Pt(s.space_after_pt / 2)

        quote = styles["Quote"]
        self._font(quote, s.body_size_pt)
        quote.paragraph_format.left_indent = Cm(s.list_indent_cm)
        quote.paragraph_format.right_indent = Cm(0)
        quote.paragraph_format.alignment = WD_ALIGN_PARAGRAPH.LEFT

        self._font(styles["Footer"], s.body_size_pt)
        self._font(styles["Header"], s.body_size_pt)
        self._font(styles["Strong"], None, bold=True)

        # A ParagraphStyle, or a CharacterStyle for kind CHARACTER (python-docx's styles[...] is untyped).
        def add(name: str, kind: WD_STYLE_TYPE, base: str) -> Any:
            try:
                style = styles[name]
            except KeyError:
                style = styles.add_style(name, kind)
            style.base_style = styles[base]
            return style

        table_text = add("Table Text", WD_STYLE_TYPE.PARAGRAPH, "Normal")
        table_text.paragraph_format.space_after = Pt(0)
        table_text.paragraph_format.alignment = WD_ALIGN_PARAGRAPH.LEFT
        self._font(table_text, s.body_size_pt)
        table_heading = add("Table Heading", WD_STYLE_TYPE.PARAGRAPH, "Table Text")
        self._font(table_heading, s.body_size_pt, bold=True)
        notes = add("Endnote Text", WD_STYLE_TYPE.PARAGRAPH, "Normal")
        self._font(notes, s.body_size_pt)
        term = add("Definition Term", WD_STYLE_TYPE.PARAGRAPH, "Normal")
        self._font(term, s.body_size_pt, bold=True)
        term.paragraph_format.keep_with_next = True
        term.paragraph_format.space_after = Pt(0)
        definition = add("Definition", WD_STYLE_TYPE.PARAGRAPH, "Normal")
        definition.paragraph_format.left_indent = Cm(s.list_indent_cm)
        pre = add("Preformatted Text", WD_STYLE_TYPE.PARAGRAPH, "Normal")
        pre.paragraph_format.left_indent = Cm(s.list_indent_cm)
        link = add("Hyperlink", WD_STYLE_TYPE.CHARACTER, "Default Paragraph Font")
        link.font.underline = True
        link.font.color.rgb = ooxml.rgb(s.link_colour)
        for depth in range(1, LIST_LEVELS + 1):
            suffix = "" if depth == 1 else f" {depth}"
            for name in ("List Bullet", "List Number", "List Continue"):
                style = styles[name + suffix]
                self._font(style, s.body_size_pt)
                style.paragraph_format.space_after = Pt(s.space_after_pt / 2)
            styles["List Continue" + suffix].paragraph_format.left_indent = Cm(s.list_indent_cm * depth)
        self._list_indents()

    def _defaults(self) -> None:
        """Document defaults: what any text without a style of its own falls back to."""
        s = self.settings
        styles_el = self.document.styles.element
        rpr = styles_el.find(q("w:docDefaults/w:rPrDefault/w:rPr"))
        set_fonts(rpr, s.font_name)
        for tag in ("w:sz", "w:szCs"):
            set_val(get_or_add(rpr, tag), str(round(s.body_size_pt * 2)))
        set_val(get_or_add(rpr, "w:lang"), self.doc.language)
        ppr = styles_el.find(q("w:docDefaults/w:pPrDefault/w:pPr"))
        spacing = get_or_add(ppr, "w:spacing")
        spacing.set(q("w:after"), str(round(s.space_after_pt * 20)))
        spacing.set(q("w:line"), str(round(s.line_spacing * 240)))
        spacing.set(q("w:lineRule"), "auto")

    def _make_safe(self, style_el: _Element) -> None:
        """Any template style: theme fonts -> our font, no size below body, no italics or caps."""
        s = self.settings
        self._safe_spacing(style_el)
        rpr = style_el.find(q("w:rPr"))
        if rpr is None:
            return
        if rpr.find(q("w:rFonts")) is not None:
            set_fonts(rpr, s.font_name)
        el: _Element | None
        for tag in ("w:i", "w:iCs", "w:caps", "w:smallCaps"):
            for el in rpr.findall(q(tag)):
                rpr.remove(el)
        for tag in ("w:sz", "w:szCs"):
            el = rpr.find(q(tag))
            if el is not None and int(el.get(q("w:val"), "0")) < s.body_size_pt * 2:
                el.set(q("w:val"), str(round(s.body_size_pt * 2)))
        colour = rpr.find(q("w:color"))
        if colour is not None:
            for attr in ("w:themeColor", "w:themeShade", "w:themeTint"):
                colour.attrib.pop(q(attr), None)  # type: ignore[call-overload]  # lxml-stubs: no None default
            colour.set(q("w:val"), s.text_colour.lstrip("#").upper())
        underline = rpr.find(q("w:u"))
        if underline is not None and style_el.get(q("w:styleId")) != "Hyperlink":
            rpr.remove(underline)

    def _safe_spacing(self, style_el: _Element) -> None:
        """Line spacing set tighter than ours in a template style (Caption, Footer...) is raised."""
        spacing = style_el.find(q("w:pPr/w:spacing"))
        if spacing is None or spacing.get(q("w:line")) is None:
            return
        if spacing.get(q("w:lineRule"), "auto") != "auto" or int(
            cast("str", spacing.get(q("w:line")))
        ) < round(self.settings.line_spacing * 240):
            spacing.set(q("w:line"), str(round(self.settings.line_spacing * 240)))
            spacing.set(q("w:lineRule"), "auto")

    def _font(self, style: CharacterStyle, size: float | None, bold: bool | None = None) -> None:
        ooxml.set_style_font(style, self.settings.font_name)
        font = style.font
        if size is not None:
            font.size = Pt(size)
        font.italic = False
        font.all_caps = False
        font.small_caps = False
        font.color.rgb = ooxml.rgb(self.settings.text_colour)
        if bold is not None:
            font.bold = bold

    def _list_indents(self) -> None:
        """Wider hanging indents for list numbers and bullets, which are large too."""
        indent = int(Cm(self.settings.list_indent_cm).twips)
        for depth in range(1, LIST_LEVELS + 1):
            suffix = "" if depth == 1 else f" {depth}"
            for name in ("List Bullet", "List Number"):
                abstract = self._abstract_for(name + suffix)
                if abstract is None:
                    continue
                lvl = abstract.find(q("w:lvl"))
                assert lvl is not None  # every list definition has its levels
                ppr = get_or_add(lvl, "w:pPr")
                for tabs in ppr.findall(q("w:tabs")):
                    ppr.remove(tabs)
                ind = get_or_add(ppr, "w:ind")
                ind.attrib.clear()
                ind.set(q("w:left"), str(indent * depth))
                ind.set(q("w:hanging"), str(indent))
                rpr = lvl.find(q("w:rPr"))
                if rpr is not None and name == "List Number":
                    set_fonts(rpr, self.settings.font_name)

    def _abstract_for(self, style_name: str) -> _Element | None:
        num_id = self._style_num_id(style_name)
        numbering = self.document.part.numbering_part.element
        for num in numbering.findall(q("w:num")):
            if num.get(q("w:numId")) == num_id:
                abstract_id = num.find(q("w:abstractNumId")).get(q("w:val"))
                abstract: _Element  # numbering_part.element is untyped in python-docx
                for abstract in numbering.findall(q("w:abstractNum")):
                    if abstract.get(q("w:abstractNumId")) == abstract_id:
                        return abstract
        return None

    def _style_num_id(self, style_name: str) -> str | None:
        el = self.document.styles[style_name].element.find(q("w:pPr/w:numPr/w:numId"))
        return el.get(q("w:val")) if el is not None else None

    def _restart_numbering(self, style_name: str, start: int, kind: str) -> str | None:
        """A new list instance that starts at `start`, so each numbered list counts from its own
        start instead of carrying on from the previous list; letters or roman numerals get their
        own copy of the style's list definition."""
        num_id = self._style_num_id(style_name)
        if num_id is None:
            return None
        numbering = self.document.part.numbering_part.element
        source = next(n for n in numbering.findall(q("w:num")) if n.get(q("w:numId")) == num_id)
        abstract_id = source.find(q("w:abstractNumId")).get(q("w:val"))
        fmt = NUMBER_FORMATS.get(kind)
        if fmt:
            abstracts = numbering.findall(q("w:abstractNum"))
            original = next(a for a in abstracts if a.get(q("w:abstractNumId")) == abstract_id)
            lettered = copy.deepcopy(original)
            abstract_id = str(max(int(a.get(q("w:abstractNumId"))) for a in abstracts) + 1)
            lettered.set(q("w:abstractNumId"), abstract_id)
            # Word tells list definitions apart by nsid; a fixed one per id keeps output deterministic.
            get_or_add(lettered, "w:nsid").set(q("w:val"), f"{0x1A000000 + int(abstract_id):08X}")
            lettered.find(q("w:lvl/w:numFmt")).set(q("w:val"), fmt)
            abstracts[-1].addnext(lettered)
        num = numbering.add_num(int(abstract_id))
        num.add_lvlOverride(ilvl=0).add_startOverride(start)
        return str(num.numId)

    def _setup_page(self) -> None:
        s = self.settings
        section = self.document.sections[0]
        ooxml.set_page(section, s.paper_width_mm, s.paper_height_mm, s.margin_cm)
        section.footer_distance = Cm(s.margin_cm / 2)
        section.header_distance = Cm(s.margin_cm / 2)
        # All three were just set by set_page.
        assert section.page_width is not None and section.left_margin is not None
        assert section.right_margin is not None
        self.text_width = section.page_width - section.left_margin - section.right_margin
        # Page number in the footer, in the Footer style (body size): "Page 3".
        ooxml.page_number_footer(self.document, f"{s.page_label} ", align_left=True)
        ooxml.no_auto_hyphenation(self.document)
        ooxml.page_colour(self.document, s.background_colour)

    # ------------------------------------------------------------ blocks

    def _paragraph(self, container: DocxDocument | _Cell, style: str) -> Paragraph:
        """A new paragraph; a table cell's own first (empty) paragraph is used first."""
        tc = getattr(container, "_tc", None)
        if tc is not None and self._fresh.pop(tc, False):
            paragraph = container.paragraphs[0]
        else:
            paragraph = container.add_paragraph()
        ooxml.set_style_id(paragraph, self._id(style))
        previous = paragraph._p.getprevious()
        if previous is not None and previous.tag == q("w:tbl"):
            # Word puts no space under a table: the paragraph after it starts a body-size gap
            # lower (added to a heading's own space before, as the PDF does).

            before = self.settings.space_after_pt
            if style.startswith("Heading ") and style != "Heading 1":
                before += self.settings.heading_space_before_pt
            paragraph.paragraph_format.space_before = Pt(before)
        return paragraph

    def _id(self, name: str) -> str:
        """Style name -> id, looked up once: python-docx's own lookup scans every style each time."""
        if not hasattr(self, "_ids"):
            self._ids: dict[str | None, str] = {s.name: s.style_id for s in self.document.styles}
        return self._ids[name]

    def _block(self, container: DocxDocument | _Cell, b: m.Block, ctx: _Context) -> None:
        if isinstance(b, m.Heading):
            p = self._paragraph(container, f"Heading {min(max(b.level, 1), 9)}")
            self._inlines(p, b.inlines)
        elif isinstance(b, m.Paragraph):
            style = "Table Heading" if ctx.heading_cells else ctx.style
            p = self._paragraph(container, style)
            self._inlines(p, b.inlines)
            if ctx.lead_in:
                p.paragraph_format.keep_with_next = True
        elif isinstance(b, m.ListBlock):
            self._list(container, b, ctx)
        elif isinstance(b, m.Table):
            self._table(container, b)
        elif isinstance(b, m.Figure):
            self._figure(container, b, ctx)
        elif isinstance(b, m.BlockQuote):
            for child, lead_in in with_next(b.blocks):
                self._block(container, child, _Context("Quote", ctx.list_depth, ctx.heading_cells, lead_in))
        elif isinstance(b, m.CodeBlock):
            # python-docx writes each newline as a line break inside the run.
            self._paragraph(container, "Preformatted Text").add_run(b.text)
        elif isinstance(b, m.DefinitionList):
            self._definitions(container, b, ctx)
        # A horizontal rule has no meaning to keep in print: the headings mark the sections.

    def _figure(self, container: DocxDocument | _Cell, b: m.Figure, ctx: _Context) -> None:
        p = self._paragraph(container, ctx.style)
        p.paragraph_format.keep_with_next = bool(b.caption)
        self._picture(p, b.image)
        if b.caption:
            self._inlines(self._paragraph(container, "Caption"), b.caption)

    def _definitions(self, container: DocxDocument | _Cell, b: m.DefinitionList, ctx: _Context) -> None:
        for item in b.items:
            self._inlines(self._paragraph(container, "Definition Term"), item.term)
            for definition in item.definitions:
                for child in definition:
                    self._block(container, child, _Context("Definition", ctx.list_depth))

    def _list(self, container: DocxDocument | _Cell, b: m.ListBlock, ctx: _Context) -> None:
        depth = min(ctx.list_depth + 1, LIST_LEVELS)
        suffix = "" if depth == 1 else f" {depth}"
        style = ("List Number" if b.ordered else "List Bullet") + suffix
        num_id = self._restart_numbering(style, b.start, b.numbering) if b.ordered else None
        inner = _Context("List Continue" + suffix, depth)
        for item in b.items:
            first = True
            for child in item:
                if first and isinstance(child, m.Paragraph):
                    p = self._paragraph(container, style)
                    if num_id:
                        ooxml.set_numbering(p, num_id)
                    self._inlines(p, child.inlines)
                else:
                    self._block(container, child, inner)
                first = False

    def _table(self, container: DocxDocument | _Cell, t: m.Table) -> None:
        if t.caption:
            self._inlines(self._paragraph(container, "Caption"), t.caption)
        rows = t.head + t.body + t.foot
        if not rows or not t.columns:
            return
        table = container.add_table(rows=len(rows), cols=t.columns)
        table._tbl.tblPr.style = self._id("Table Grid")
        if container is self.document:
            self._column_widths(table, t)
        if t.caption:
            # The caption is also the table's title in Word (Table Properties > Alt Text), so a
            # screen reader announces it with the table.
            title = OxmlElement("w:tblCaption")
            title.set(q("w:val"), m.plain_text(t.caption).strip()[:255])
            table._tbl.tblPr.append(title)
        grid = _Grid(table, len(rows), t.columns)
        for r, row in enumerate(rows):
            header_row = r < len(t.head)
            if header_row:
                ooxml.repeat_header_row(table.rows[r])
            _cant_split(table.rows[r])
            self._table_row(grid, r, row, header_row, t.row_header_columns)
        # Cells python-docx made that the draft left empty keep their one empty paragraph (Word
        # needs it); give it the table style so it is the right size.
        for made in grid.cells:
            for p in made.paragraphs:
                if ooxml.style_id(p) is None:
                    ooxml.set_style_id(p, self._id("Table Text"))

    def _column_widths(self, table: Table, t: m.Table) -> None:
        """Columns as wide as what they hold, in the PDF's shares (python-docx makes them equal).
        Set before any merge: a merged cell's width is then the sum of the columns it spans."""
        s = self.settings
        line_chars = self.text_width / Pt(s.body_size_pt) / s.font_average_char_em
        widths = [Emu(int(self.text_width * share)) for share in column_shares(t, line_chars)]
        table.autofit = False
        for column, width in zip(table.columns, widths, strict=True):
            column.width = width
        for row in table.rows:
            for cell, width in zip(row.cells, widths, strict=True):
                cell.width = width

    def _table_row(self, grid: _Grid, r: int, row: m.Row, header_row: bool, header_columns: int) -> None:
        """Write one row's cells into the table, each where the cells spanning from above leave
        room, merged over the rows and columns it spans."""
        c = 0
        for col_index, cell in enumerate(row.cells):
            c = grid.next_free(r, c)
            if c >= grid.columns:
                break
            target, colspan = grid.place(r, c, cell)
            heading = header_row or col_index < header_columns
            cell_style = self._id("Table Heading" if heading else "Table Text")
            ooxml.set_style_id(target.paragraphs[0], cell_style)
            self._fresh[target._tc] = True
            for block in cell.blocks:
                self._block(target, block, _Context("Table Text", heading_cells=heading))
            c += colspan

    def _picture(self, paragraph: Paragraph, image: m.Image) -> None:
        data = image.data
        if data is None:
            paragraph.add_run(f"{self.settings.missing_picture_label} {image.alt or 'no description'}")
            return
        try:
            info = DocxImage.from_blob(data)
        except (UnrecognizedImageError, ValueError, KeyError):
            data = raster_as_png(data)
            if data is None:
                self.notes.append(
                    f"A picture ('{image.alt or image.source}') is in a format Word cannot show; "
                    "its description was written instead."
                )
                paragraph.add_run(f"{self.settings.missing_picture_label} {image.alt or 'no description'}")
                return
            info = DocxImage.from_blob(data)
        natural = Emu(int(image.width_cm * 360000)) if image.width_cm else info.width
        width = min(int(natural * self.settings.image_scale), int(self.text_width))
        # A picture with no alt text that the draft did not mark decorative is left without
        # one, so the check reports it instead of us guessing it carries no meaning.
        doc_pr = ooxml.add_picture(paragraph, data, Emu(width), "" if image.decorative else image.alt.strip())
        if image.decorative:
            ooxml.mark_decorative(doc_pr)

    # ------------------------------------------------------------ inlines

    def _inlines(
        self, paragraph: Paragraph, nodes: list[m.Inline], bold: bool = False, strike: bool = False
    ) -> None:
        for node in nodes:
            self._inline(paragraph, node, bold, strike)

    def _inline(
        self, p: Paragraph, node: m.Inline, bold: bool, strike: bool, link: _Element | None = None
    ) -> None:
        if isinstance(node, m.Text | m.Code):
            self._run(p, node.text, bold, strike, link)
        elif isinstance(node, m.Styled):
            # Large print has one kind of emphasis: bold. Italic, underline and small capitals
            # become bold; raised and lowered text stays on the line at full size.
            emphasis = node.style in ("emph", "strong", "underline", "smallcaps")
            for child in node.children:
                self._inline(p, child, bold or emphasis, strike or node.style == "strike", link)
        elif isinstance(node, m.Link):
            url = node.url.strip()
            if not url.lower().startswith(SAFE_SCHEMES):
                for child in node.children:
                    self._inline(p, child, bold, strike, link)
                return
            hyperlink = ooxml.add_hyperlink(p, url)
            for child in node.children:
                self._inline(p, child, bold, strike, hyperlink)
        elif isinstance(node, m.NoteRef):
            self._run(p, self.settings.note_mark.format(n=node.number), bold, strike, link)
        elif isinstance(node, m.LineBreak):
            p.add_run().add_break()
        elif isinstance(node, m.InlineImage):
            self._picture(p, node.image)

    def _run(self, p: Paragraph, text: str, bold: bool, strike: bool, link: _Element | None) -> None:
        if not text:
            return
        if link is None:
            run = ooxml.add_text_run(p, text)
        else:
            run = ooxml.add_link_run(p, link, text, style_id=self._id("Hyperlink"))
        if bold:
            if link is None:
                run.element.style = self._id("Strong")
            else:
                run.bold = True
        if strike:
            run.font.strike = True

    # ------------------------------------------------------------ notes

    def _endnotes(self) -> None:
        if not self.doc.notes:
            return
        self._paragraph(self.document, "Heading 2").add_run(self.settings.notes_label)
        for number, blocks in enumerate(self.doc.notes, start=1):
            mark = self.settings.note_mark.format(n=number).strip()
            first = True
            for block in blocks:
                if first and isinstance(block, m.Paragraph):
                    p = self._paragraph(self.document, "Endnote Text")
                    p.add_run(f"{mark} ")
                    self._inlines(p, block.inlines)
                else:
                    if first:
                        self._paragraph(self.document, "Endnote Text").add_run(mark)
                    self._block(self.document, block, _Context("Endnote Text"))
                first = False


# ---------------------------------------------------------------- XML helpers


def _cant_split(row: Any) -> None:
    """w:cantSplit: a row never breaks across pages (it moves whole to the next page)."""
    ooxml.insert_in_order(row._tr.get_or_add_trPr(), OxmlElement("w:cantSplit"), ooxml.TR_PR_ORDER)
