"""The Easy Read Word file: a cover, then per section a heading and a two-column table
(picture left, text right), a "Hard words" section and the pictures' credit.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from .language.model import EasyReadDocument, Picture
from .segments import Segment, point_lines
from .settings import LayoutSettings, Settings


def write_docx(easy: EasyReadDocument, settings: Settings, cover: Picture, path: Path) -> None:
    import docx
    from docx.enum.text import WD_BREAK

    from ...ooxml import save_deterministic

    lay = settings.layout
    document = docx.Document()
    _set_up_page(document, lay)
    _set_up_styles(document, lay)
    _page_number_footer(document, lay)

    # Cover: the title, what this is, and a picture.
    _heading(document, easy.title, 1)
    document.add_paragraph(lay.cover_subtitle)
    _picture_paragraph(document.add_paragraph(), cover, lay.cover_picture_cm, lay)
    document.paragraphs[-1].add_run().add_break(WD_BREAK.PAGE)

    for section in easy.sections:
        if section.heading:
            _heading(document, section.heading, 2)
        if not section.points:
            continue
        table = document.add_table(rows=0, cols=2)
        _layout_table(table, lay)
        blank_row = None
        for point in section.points:
            row, blank_row = _new_row(table, blank_row, lay)
            picture_cell, text_cell = row.cells
            _picture_paragraph(picture_cell.paragraphs[0], point.picture, lay.picture_cm, lay)
            first = True
            for segments in point_lines(point):
                para = text_cell.paragraphs[0] if first else text_cell.add_paragraph()
                first = False
                _add_segments(document, para, segments, lay)
            text_cell.paragraphs[-1].paragraph_format.space_after = _pt(lay.space_after_pt + lay.row_gap_pt)

    if easy.hard_words:
        _heading(document, lay.hard_words_label, 2)
        document.add_paragraph(lay.hard_words_intro)
        for word in easy.hard_words:
            para = document.add_paragraph()
            run = para.add_run(word.word)
            run.bold = True
            para.paragraph_format.keep_with_next = True
            para.paragraph_format.space_after = _pt(0)
            document.add_paragraph(word.explanation or lay.missing_explanation)

    credits = sorted(
        {p.picture.credit for s in easy.sections for p in s.points if p.picture and p.picture.credit}
    )
    if credits or cover.credit:
        document.add_paragraph(f"{lay.credit_label} {' '.join(credits or [cover.credit])}")
    save_deterministic(document, path, easy.title, easy.language)


def _heading(document: Any, text: str, level: int) -> None:
    """Like document.add_heading, without python-docx's search of every style by name for each
    heading (slow in long documents): the style id is set directly."""
    para = document.add_paragraph(text)
    para._p.style = f"Heading{level}"


def _pt(value: float) -> Any:
    from docx.shared import Pt

    return Pt(value)


def _text_width_cm(lay: LayoutSettings) -> float:
    return lay.page_width_mm / 10 - 2 * lay.margin_cm


def _set_up_page(document: Any, lay: LayoutSettings) -> None:
    from docx.shared import Cm, Mm

    for section in document.sections:
        section.page_width = Mm(lay.page_width_mm)
        section.page_height = Mm(lay.page_height_mm)
        for side in ("left_margin", "right_margin", "top_margin", "bottom_margin"):
            setattr(section, side, Cm(lay.margin_cm))


def _set_fonts(style: Any, lay: LayoutSettings, size: float, bold: bool) -> None:
    from docx.oxml.ns import qn
    from docx.shared import RGBColor

    font = style.font
    font.name = lay.font_name
    font.size = _pt(size)
    font.bold = bold
    font.italic = False
    font.underline = False
    font.all_caps = False
    font.small_caps = False
    font.color.rgb = RGBColor.from_string(lay.text_colour)
    rpr = style.element.get_or_add_rPr()
    fonts = rpr.find(qn("w:rFonts"))
    if fonts is not None:
        # Theme fonts (Calibri Light for headings) would override the named font.
        for attr in ("w:asciiTheme", "w:hAnsiTheme", "w:eastAsiaTheme", "w:cstheme"):
            fonts.attrib.pop(qn(attr), None)
        for attr in ("w:ascii", "w:hAnsi", "w:cs", "w:eastAsia"):
            fonts.set(qn(attr), lay.font_name)


def _set_up_styles(document: Any, lay: LayoutSettings) -> None:
    from docx.enum.text import WD_ALIGN_PARAGRAPH

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


def _page_number_footer(document: Any, lay: LayoutSettings) -> None:
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    footer = document.sections[0].footer
    para = footer.paragraphs[0]
    para.style = document.styles["Footer"]
    field = OxmlElement("w:fldSimple")
    field.set(qn("w:instr"), " PAGE ")
    run = OxmlElement("w:r")
    text = OxmlElement("w:t")
    text.text = "1"
    run.append(text)
    field.append(run)
    label = para.add_run("Page ")
    label.font.size = _pt(lay.body_pt)
    para._p.append(field)


def _layout_table(table: Any, lay: LayoutSettings) -> None:
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn
    from docx.shared import Cm

    table.autofit = False  # a fixed layout: the picture column keeps its width
    widths = (lay.picture_cm + 0.5, _text_width_cm(lay) - lay.picture_cm - 0.5)
    for column, width in zip(table.columns, widths, strict=True):
        column.width = Cm(width)
    tbl_pr = table._tbl.tblPr
    # A description tells screen-reader users this table only lines pictures up with text.
    desc = OxmlElement("w:tblDescription")
    desc.set(qn("w:val"), "Pictures on the left, words on the right.")
    tbl_pr.append(desc)


def _new_row(table: Any, blank: Any, lay: LayoutSettings) -> tuple[Any, Any]:
    """A picture-and-text row that stays on one page, with fixed cell widths, and a blank copy of
    it: python-docx's add_row and cell widths are slow for long documents, so the first row of a
    table is made with them and the others are copies of it."""
    import copy

    from docx.table import _Row

    if blank is None:
        row = table.add_row()
        _keep_row_together(row)
        picture_cell, text_cell = row.cells
        _cell_width(picture_cell, lay.picture_cm + 0.5)
        _cell_width(text_cell, _text_width_cm(lay) - lay.picture_cm - 0.5)
        return row, copy.deepcopy(row._tr)
    tr = copy.deepcopy(blank)
    table._tbl.append(tr)
    return _Row(tr, table), blank


def _keep_row_together(row: Any) -> None:
    from docx.oxml import OxmlElement

    tr_pr = row._tr.get_or_add_trPr()
    tr_pr.append(OxmlElement("w:cantSplit"))


def _cell_width(cell: Any, cm: float) -> None:
    from docx.shared import Cm

    cell.width = Cm(cm)


def _picture_paragraph(para: Any, picture: Picture | None, width_cm: float, lay: LayoutSettings) -> None:
    import io

    from docx.shared import Cm

    if picture is None or picture.png is None:
        # A clear gap for a person to fill: never a wrong picture.
        run = para.add_run(lay.placeholder_text)
        run.bold = True
        return
    import copy

    from docx.oxml.shape import CT_Inline

    # python-docx's add_picture searches the whole document for a free shape id on every call, and
    # reads and hashes the image again for every use (slow for long documents). Here shape ids
    # come from a counter kept on the part, and each picture's drawing is built once per size
    # and copied.
    part = para.part
    shape_id = getattr(part, "_accessconv_next_shape_id", 1)
    part._accessconv_next_shape_id = shape_id + 1
    made: dict[tuple[bytes, float], Any] = part.__dict__.setdefault("_accessconv_inlines", {})
    key = (picture.png, width_cm)
    if key not in made:
        r_id, image = part.get_or_add_image(io.BytesIO(picture.png))
        cx, cy = image.scaled_dimensions(Cm(width_cm), None)
        made[key] = CT_Inline.new_pic_inline(0, r_id, image.filename, cx, cy)
    inline = copy.deepcopy(made[key])
    inline.docPr.set("id", str(shape_id))
    para.add_run()._r.add_drawing(inline)
    inline.docPr.set("descr", picture.concept)
    inline.docPr.set("title", picture.concept)


def _add_segments(document: Any, para: Any, segments: list[Segment], lay: LayoutSettings) -> None:
    for seg in segments:
        if seg.kind == "link" and re.match(r"(https?://|mailto:)", seg.url):
            _add_hyperlink(para, seg.text, seg.url, lay)
        else:
            run = para.add_run(seg.text)
            if seg.kind == "strong":
                run.bold = True


def _add_hyperlink(para: Any, text: str, url: str, lay: LayoutSettings) -> None:
    from docx.opc.constants import RELATIONSHIP_TYPE
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    r_id = para.part.relate_to(url, RELATIONSHIP_TYPE.HYPERLINK, is_external=True)
    link = OxmlElement("w:hyperlink")
    link.set(qn("r:id"), r_id)
    run = OxmlElement("w:r")
    rpr = OxmlElement("w:rPr")
    colour = OxmlElement("w:color")
    colour.set(qn("w:val"), lay.link_colour)
    underline = OxmlElement("w:u")
    underline.set(qn("w:val"), "single")
    rpr.extend([colour, underline])
    run.append(rpr)
    t = OxmlElement("w:t")
    t.text = text
    t.set(qn("xml:space"), "preserve")
    run.append(t)
    link.append(run)
    para._p.append(link)
