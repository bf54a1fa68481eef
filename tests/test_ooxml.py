"""The Word XML helpers both Word writers use (accessconv.ooxml)."""

from __future__ import annotations

import io
from typing import Any

import docx
import pytest
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt
from PIL import Image

from accessconv import ooxml, ooxml_names


def _png(colour: str = "#336699") -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (40, 20), colour).save(out, "PNG")
    return out.getvalue()


def _children(element: Any) -> list[str]:
    return [child.tag.split("}")[1] for child in element]


def test_set_style_font_names_every_script_and_drops_theme_fonts() -> None:
    document = docx.Document()
    heading = document.styles["Heading 1"]  # the template gives it theme fonts
    assert heading.element.rPr.rFonts.get(qn("w:asciiTheme"))
    ooxml.set_style_font(heading, "Arial")
    fonts = heading.element.rPr.rFonts
    for attr in ooxml.SCRIPT_FONTS:
        assert fonts.get(qn(attr)) == "Arial"
    for attr in ooxml.THEME_FONTS:
        assert fonts.get(qn(attr)) is None


def test_set_fonts_puts_a_new_rfonts_in_schema_order() -> None:
    rpr = OxmlElement("w:rPr")
    rpr.append(OxmlElement("w:b"))
    rpr.insert(0, OxmlElement("w:rStyle"))
    ooxml.set_fonts(rpr, "Verdana")
    assert _children(rpr) == ["rStyle", "rFonts", "b"]


def test_get_or_add_keeps_schema_order_and_finds_existing() -> None:
    rpr = OxmlElement("w:rPr")
    rpr.append(OxmlElement("w:u"))
    size = ooxml.get_or_add(rpr, "w:sz")
    assert _children(rpr) == ["sz", "u"]  # w:sz comes before w:u, although added later
    assert ooxml.get_or_add(rpr, "w:sz") is size


def test_page_setup_is_a4_with_even_margins() -> None:
    section = docx.Document().sections[0]
    ooxml.set_page(section, 210, 297, 2.5)
    assert section.page_width is not None and section.page_height is not None
    assert (round(section.page_width.mm), round(section.page_height.mm)) == (210, 297)
    margins = [section.left_margin, section.right_margin, section.top_margin, section.bottom_margin]
    assert {round(m.cm, 2) for m in margins if m is not None} == {2.5}  # stored in twips


def test_page_number_complex_field() -> None:
    document = docx.Document()
    para = ooxml.page_number_footer(document, "Page ", align_left=True)
    p = para._p
    assert para.text.startswith("Page ")
    kinds = [el.get(qn("w:fldCharType")) for el in p.iter(qn("w:fldChar"))]
    assert kinds == ["begin", "separate", "end"]
    (instr,) = p.iter(qn("w:instrText"))
    assert instr.text == " PAGE " and instr.get(qn("xml:space")) == "preserve"
    assert para.style.name == "Footer"
    assert p.pPr.jc_val is not None


def test_page_number_simple_field() -> None:
    document = docx.Document()
    para = ooxml.page_number_footer(document, "Page ", simple_field=True, label_size=Pt(20))
    (field,) = para._p.iter(qn("w:fldSimple"))
    assert field.get(qn("w:instr")) == " PAGE "
    assert para.runs[0].font.size == Pt(20)
    assert not list(para._p.iter(qn("w:fldChar")))


def test_row_properties_in_schema_order() -> None:
    table = docx.Document().add_table(rows=1, cols=2)
    row = table.rows[0]
    ooxml.repeat_header_row(row)
    ooxml.keep_row_together(row)  # added second, but w:cantSplit comes before w:tblHeader
    assert _children(row._tr.trPr) == ["cantSplit", "tblHeader"]
    ooxml.set_cell_width(row.cells[0], 3)
    assert round(row.cells[0].width.cm, 2) == 3  # stored in twips
    ooxml.describe_table(table, "Pictures on the left.")
    assert _children(table._tbl.tblPr)[-1] == "tblDescription"


def test_pictures_numbered_shared_and_described() -> None:
    document = docx.Document()
    data = _png()
    first = ooxml.add_picture(document.add_paragraph(), data, Cm(4), "A square")
    second = ooxml.add_picture(document.add_paragraph(), data, Cm(4), "", title="Same square")
    third = ooxml.add_picture(document.add_paragraph(), _png("#993366"), Cm(2), "x", numbered_name=False)
    assert [d.get("id") for d in (first, second, third)] == ["1", "2", "3"]
    assert [d.get("name") for d in (first, second, third)] == ["Picture 1", "Picture 2", "Picture 0"]
    assert first.get("descr") == "A square" and first.get("title") is None
    assert second.get("title") == "Same square"
    images = [r for r in document.part.rels.values() if r.reltype.endswith("/image")]
    assert len(images) == 2  # the same picture twice is stored once
    width = document.inline_shapes[0].width
    assert width == Cm(4) and document.inline_shapes[0].height == Cm(2)


def test_decorative_mark() -> None:
    document = docx.Document()
    doc_pr = ooxml.add_picture(document.add_paragraph(), _png(), Cm(1), "")
    ooxml.mark_decorative(doc_pr)
    (mark,) = doc_pr.iter(f"{{{ooxml_names.A16_DECORATIVE}}}decorative")
    assert mark.get("val") == "1"
    assert (
        doc_pr.find(f"{{{ooxml_names.A}}}extLst/{{{ooxml_names.A}}}ext").get("uri")
        == ooxml_names.DECORATIVE_URI
    )


def test_hyperlink_runs() -> None:
    document = docx.Document()
    para = document.add_paragraph("See ")
    link = ooxml.add_hyperlink(para, "https://example.org/")
    rel = document.part.rels[link.get(qn("r:id"))]
    assert rel.is_external and rel.target_ref == "https://example.org/"
    styled = ooxml.add_link_run(para, link, "our site", style_id="Hyperlink")
    own = ooxml.add_link_run(para, link, "here", colour="0B3D91", underline=True, keep_spaces=True)
    assert styled.element.style == "Hyperlink"
    assert own.element.rPr.find(qn("w:color")).get(qn("w:val")) == "0B3D91"
    assert own.element.rPr.find(qn("w:u")).get(qn("w:val")) == "single"
    assert own.element.find(qn("w:t")).get(qn("xml:space")) == "preserve"
    assert _children(own.element) == ["rPr", "t"]
    assert [r.text for r in para.iter_inner_content() if hasattr(r, "runs")] == ["our sitehere"]


def test_page_colour_and_hyphenation_settings() -> None:
    document = docx.Document()
    ooxml.page_colour(document, "#ffffff")
    assert document.element.find(qn("w:background")) is None
    ooxml.page_colour(document, "#ffffe0")
    assert document.element[0].tag == qn("w:background")
    assert document.element[0].get(qn("w:color")) == "FFFFE0"
    ooxml.no_auto_hyphenation(document)
    settings = _children(document.settings.element)
    assert settings[settings.index("zoom") + 1] == "displayBackgroundShape"
    assert settings[settings.index("defaultTabStop") + 1] == "autoHyphenation"


def test_style_ids_numbering_and_colours() -> None:
    document = docx.Document()
    para = document.add_paragraph()
    assert ooxml.style_id(para) is None
    ooxml.set_style_id(para, "Heading2")
    assert para.style is not None and para.style.name == "Heading 2"
    ooxml.set_numbering(para, "7")
    num_pr: Any = para._p.get_or_add_pPr().numPr
    assert num_pr.numId.val == 7 and num_pr.ilvl.val == 0
    assert str(ooxml.rgb("#0b3d91")) == "0B3D91" == str(ooxml.rgb("0B3D91"))


def test_namespace_helpers() -> None:
    assert ooxml_names.w("p") == qn("w:p")
    assert ooxml.q("w:pPr/w:spacing") == f"{qn('w:pPr')}/{qn('w:spacing')}"
    assert qn("w:p").startswith("{" + ooxml_names.W)


@pytest.mark.parametrize("text", ["A" * 255, "word " * 80])
def test_short_title_fits_core_properties(text: str) -> None:
    assert len(ooxml.short_title(text)) <= ooxml.MAX_PROPERTY_CHARS


def test_row_copies_keep_the_first_rows_properties() -> None:
    table = docx.Document().add_table(rows=0, cols=2)
    first = table.add_row()
    ooxml.keep_row_together(first)
    blank = ooxml.row_copy(first)
    first.cells[0].text = "filled"
    second = ooxml.add_row_copy(table, blank)
    third = ooxml.add_row_copy(table, blank)
    assert len(table.rows) == 3
    assert [c.text for c in second.cells] == ["", ""]  # a copy of the row as it was, not as filled
    assert _children(third._tr.trPr) == ["cantSplit"]
    assert second._tr is not third._tr
