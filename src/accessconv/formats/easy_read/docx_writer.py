"""The Easy Read Word file: a cover, then per section a heading and a two-column table
(picture left, text right), a "Hard words" section and the pictures' credit.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import TYPE_CHECKING

import docx
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK
from docx.oxml.ns import qn
from docx.shared import Cm, Pt
from lxml import etree

from ... import ooxml
from .language.model import EasyReadDocument, Picture, Point
from .segments import Segment, point_text
from .settings import LayoutSettings, Settings

if TYPE_CHECKING:
    from docx.document import Document as DocxDocument
    from docx.oxml.table import CT_Row
    from docx.shared import Length
    from docx.styles.style import CharacterStyle
    from docx.table import Table, _Cell, _Row
    from docx.text.paragraph import Paragraph


# Word's own bulleted list paragraph style (in python-docx's template, with its numbering).
LIST_STYLE = "ListBullet"


def write_docx(easy: EasyReadDocument, settings: Settings, cover: Picture, path: Path) -> None:
    lay = settings.layout
    document = docx.Document()
    for page in document.sections:
        ooxml.set_page(page, lay.page_width_mm, lay.page_height_mm, lay.margin_cm)
    _set_up_styles(document, lay)
    ooxml.page_number_footer(document, "Page ", simple_field=True, label_size=_pt(lay.body_pt))

    # Cover: the title, what this is, and a picture.
    _heading(document, easy.title, 1)
    document.add_paragraph(lay.cover_subtitle)
    _picture_paragraph(document.add_paragraph(), cover, lay.cover_picture_cm, lay)
    if easy.hard_words:
        document.add_paragraph(lay.bold_words_line)
    document.paragraphs[-1].add_run().add_break(WD_BREAK.PAGE)

    bookmarks: list[str] = []
    for section in easy.sections:
        if section.printed_heading:
            _heading(document, section.printed_heading, 2)
        if not section.points:
            continue
        table = document.add_table(rows=0, cols=2)
        _layout_table(table, lay)
        blank_row = None
        for point in section.points:
            row, blank_row = _new_row(table, blank_row, lay)
            picture_cell, text_cell = row.cells
            _picture_paragraph(picture_cell.paragraphs[0], point.picture, lay.picture_cm, lay)
            if point.id:
                # The point's anchor: a bookmark the review sheet and decisions file can name.
                ooxml_bookmark(text_cell.paragraphs[0], point.id, len(bookmarks))
                bookmarks.append(point.id)
            _point_text(document, text_cell, point, lay)
            if point.leads_into_next:
                _keep_with_next(row)

    if easy.hard_words:
        _heading(document, lay.hard_words_label, 2)
        document.add_paragraph(lay.hard_words_intro)
        for word in easy.hard_words:
            para = document.add_paragraph()
            run = ooxml.add_text_run(para, word.word)
            run.bold = True
            para.paragraph_format.keep_with_next = True
            para.paragraph_format.space_after = _pt(0)
            document.add_paragraph(word.explanation or "")

    credits = sorted(
        {p.picture.credit for s in easy.sections for p in s.points if p.picture and p.picture.credit}
    )
    if credits or cover.credit:
        document.add_paragraph(f"{lay.credit_label} {' '.join(credits or [cover.credit])}")
    ooxml.save_deterministic(document, path, easy.title, easy.language)


def _point_text(document: DocxDocument, cell: _Cell, point: Point, lay: LayoutSettings) -> None:
    """The point's sentences a paragraph each; the items of its list in Word's bulleted list style."""
    text = point_text(point)
    lines = [(line, "") for line in text.lead] + [(line, LIST_STYLE) for line in text.items]
    for number, (segments, style) in enumerate(lines + [(line, "") for line in text.after]):
        para = cell.paragraphs[0] if number == 0 else cell.add_paragraph()
        if style:
            ooxml.set_style_id(para, style)
        _add_segments(document, para, segments, lay)
    cell.paragraphs[-1].paragraph_format.space_after = _pt(lay.space_after_pt + lay.row_gap_pt)


def _keep_with_next(row: _Row) -> None:
    """A point that leads into the next ("You will need:"): Word keeps a row on the page of the
    next when every paragraph of it keeps with the next."""
    for cell in row.cells:
        for para in cell.paragraphs:
            para.paragraph_format.keep_with_next = True


def _heading(document: DocxDocument, text: str, level: int) -> None:
    """Like document.add_heading, without python-docx's search of every style by name for each
    heading (slow in long documents): the style id is set directly."""
    para = document.add_paragraph(text)
    ooxml.set_style_id(para, f"Heading{level}")


def _pt(value: float) -> Length:
    return Pt(value)


def _text_width_cm(lay: LayoutSettings) -> float:
    return lay.page_width_mm / 10 - 2 * lay.margin_cm


def _set_fonts(style: CharacterStyle, lay: LayoutSettings, size: float, bold: bool) -> None:
    ooxml.set_style_font(style, lay.font_name)
    font = style.font
    font.size = _pt(size)
    font.bold = bold
    font.italic = False
    font.underline = False
    font.all_caps = False
    font.small_caps = False
    font.color.rgb = ooxml.rgb(lay.text_colour)


def _set_up_styles(document: DocxDocument, lay: LayoutSettings) -> None:
    normal = document.styles["Normal"]
    _set_fonts(normal, lay, lay.body_pt, bold=False)
    fmt = normal.paragraph_format
    fmt.line_spacing = lay.line_spacing
    fmt.space_after = _pt(lay.space_after_pt)
    fmt.alignment = WD_ALIGN_PARAGRAPH.LEFT
    for name, size in (
        ("Heading 1", lay.heading1_pt),
        ("Heading 2", lay.heading2_pt),
        ("Footer", lay.body_pt),
    ):
        style = document.styles[name]
        _set_fonts(style, lay, size, bold=name != "Footer")
        style.paragraph_format.alignment = WD_ALIGN_PARAGRAPH.LEFT
        style.paragraph_format.line_spacing = lay.line_spacing
        if name != "Footer":
            style.paragraph_format.space_before = _pt(lay.body_pt)
            style.paragraph_format.space_after = _pt(lay.space_after_pt)


def _layout_table(table: Table, lay: LayoutSettings) -> None:
    table.autofit = False  # a fixed layout: the picture column keeps its width
    widths = (lay.picture_cm + 0.5, _text_width_cm(lay) - lay.picture_cm - 0.5)
    for column, width in zip(table.columns, widths, strict=True):
        column.width = Cm(width)
    # A description tells screen-reader users this table only lines pictures up with text.
    ooxml.describe_table(table, "Pictures on the left, words on the right.")


def _new_row(table: Table, blank: CT_Row | None, lay: LayoutSettings) -> tuple[_Row, CT_Row]:
    """A picture-and-text row that stays on one page, with fixed cell widths, and a blank copy of
    it: python-docx's add_row and cell widths are slow for long documents, so the first row of a
    table is made with them and the others are copies of it."""
    if blank is None:
        row: _Row = table.add_row()  # type: ignore[no-untyped-call]  # unannotated in python-docx
        ooxml.keep_row_together(row)
        picture_cell, text_cell = row.cells
        ooxml.set_cell_width(picture_cell, lay.picture_cm + 0.5)
        ooxml.set_cell_width(text_cell, _text_width_cm(lay) - lay.picture_cm - 0.5)
        return row, ooxml.row_copy(row)
    return ooxml.add_row_copy(table, blank), blank


def _picture_paragraph(
    para: Paragraph, picture: Picture | None, width_cm: float, lay: LayoutSettings
) -> None:

    if picture is None or picture.png is None:
        # A clear gap for a person to fill: never a wrong picture, and no placeholder text that
        # could be printed.
        return
    ooxml.add_picture(
        para, picture.png, Cm(width_cm), picture.concept, title=picture.concept, numbered_name=False
    )


def _add_segments(
    document: DocxDocument, para: Paragraph, segments: list[Segment], lay: LayoutSettings
) -> None:
    for seg in segments:
        if seg.kind == "link" and re.match(r"(https?://|mailto:)", seg.url):
            _add_hyperlink(para, seg.text, seg.url, lay)
        else:
            run = ooxml.add_text_run(para, seg.text)
            if seg.kind == "strong":
                run.bold = True


def _add_hyperlink(para: Paragraph, text: str, url: str, lay: LayoutSettings) -> None:
    link = ooxml.add_hyperlink(para, url)
    ooxml.add_link_run(para, link, text, colour=lay.link_colour, underline=True, keep_spaces=True)


def ooxml_bookmark(para: Paragraph, point_id: str, number: int) -> None:
    """A Word bookmark named after the point ("p_1a2b3c4d": Word names allow no hyphen)."""
    start = etree.SubElement(para._p, qn("w:bookmarkStart"))
    start.set(qn("w:id"), str(number))
    start.set(qn("w:name"), point_id.replace("-", "_"))
    end = etree.SubElement(para._p, qn("w:bookmarkEnd"))
    end.set(qn("w:id"), str(number))
