"""Office Open XML helpers shared by the Word writers (large print, giant print, Easy Read).

Everything here is built on python-docx's own element API: `qn`, `OxmlElement`, the element
classes' `get_or_add_*` methods and `insert_element_before`, so a new child goes where the schema
(and Word) expects it, not simply at the end. Where the writers differ on purpose (the kind of page
number field, how a link run looks) the difference is a parameter, so each keeps its output.

It also saves .docx files so the same input gives byte-identical output: python-docx stamps the
current time into the zip entries and the core properties; councils keep outputs under version
control, so every writer saves through `save_deterministic`.

An engine: it never imports from `accessconv.formats`. It imports python-docx, so code that only
reads Word files back with lxml takes the namespaces from `ooxml_names` instead.
"""

from __future__ import annotations

import copy
import datetime
import functools
import io
import zipfile
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar, cast

from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.opc.constants import RELATIONSHIP_TYPE
from docx.oxml import OxmlElement
from docx.oxml.ns import NamespacePrefixedTag, qn
from docx.oxml.shape import CT_Inline
from docx.oxml.text.run import CT_R
from docx.shared import Cm, Mm, RGBColor
from docx.table import _Row
from docx.text.run import Run
from lxml import etree

from .ooxml_names import A16_DECORATIVE, DECORATIVE_URI, A

if TYPE_CHECKING:
    from docx.document import Document as DocxDocument
    from docx.oxml.shape import CT_NonVisualDrawingProps
    from docx.oxml.table import CT_Row
    from docx.oxml.text.font import CT_RPr
    from docx.oxml.xmlchemy import BaseOxmlElement
    from docx.section import Section
    from docx.shared import Length
    from docx.styles.style import CharacterStyle
    from docx.table import Table, _Cell
    from docx.text.paragraph import Paragraph
    from lxml.etree import _Element

E = TypeVar("E", bound="_Element")

FIXED_TIME = datetime.datetime(2000, 1, 1, 0, 0, 0, tzinfo=datetime.UTC)
ZIP_TIME = (2000, 1, 1, 0, 0, 0)
MAX_PROPERTY_CHARS = 255  # python-docx's limit on a core property such as the title

THEME_FONTS = ("w:asciiTheme", "w:hAnsiTheme", "w:eastAsiaTheme", "w:cstheme")
SCRIPT_FONTS = ("w:ascii", "w:hAnsi", "w:cs", "w:eastAsia")
# Children of a table row's and a table's properties, in schema order (ECMA-376 17.4.79, 17.4.60);
# python-docx knows only some of them.
TR_PR_ORDER = (
    "w:cnfStyle",
    "w:divId",
    "w:gridBefore",
    "w:gridAfter",
    "w:wBefore",
    "w:wAfter",
    "w:cantSplit",
    "w:trHeight",
    "w:tblHeader",
    "w:tblCellSpacing",
    "w:jc",
    "w:hidden",
    "w:ins",
    "w:del",
    "w:trPrChange",
)
# What comes just before w:displayBackgroundShape in w:settings, nearest first (ECMA-376 17.15.1).
BEFORE_BACKGROUND_SHAPE = (
    "w:doNotDisplayPageBoundaries",
    "w:removeDateAndTime",
    "w:removePersonalInformation",
    "w:zoom",
    "w:view",
    "w:writeProtection",
)
_W_PPR = qn("w:pPr")
_W_PSTYLE = qn("w:pStyle")
_W_VAL = qn("w:val")
_XML_SPACE = qn("xml:space")
TBL_PR_TAIL = ("w:tblLook", "w:tblCaption", "w:tblDescription", "w:tblPrChange")


def save_deterministic(document: DocxDocument, path: Path, title: str, language: str) -> None:
    """Save a python-docx Document with fixed dates, title and language, and a zip whose
    entries are sorted (content types first, as Office expects) with fixed timestamps."""
    props = document.core_properties
    props.title = short_title(title)
    props.language = language
    props.author = "accessconv"
    props.last_modified_by = "accessconv"
    props.created = FIXED_TIME
    props.modified = FIXED_TIME
    props.last_printed = FIXED_TIME
    props.revision = 1
    # python-docx's template carries a thumbnail of a blank page; a reader's file manager would
    # show it as the document's preview, so drop it.
    package = document.part.package
    for rel_id, rel in list(package.rels.items()):
        if rel.reltype.endswith("/metadata/thumbnail"):
            del package.rels[rel_id]
    buffer = io.BytesIO()
    document.save(buffer)
    normalise_zip(buffer.getvalue(), path)


def short_title(title: str) -> str:
    """The title as python-docx can store it: it refuses core properties over 255 characters
    (a draft whose main heading is a long paragraph), so cut at a word and end with an ellipsis."""
    if len(title) <= MAX_PROPERTY_CHARS:
        return title
    cut = title[: MAX_PROPERTY_CHARS - 1]
    if " " in cut.strip():
        cut = cut.rstrip().rsplit(" ", 1)[0]
    return cut.rstrip() + "\u2026"


def normalise_zip(data: bytes, path: Path) -> None:
    """Rewrite zip `data` to `path` with sorted entries and fixed timestamps."""
    with zipfile.ZipFile(io.BytesIO(data)) as src:
        entries = {info.filename: src.read(info) for info in src.infolist()}
    first = "[Content_Types].xml"
    order = sorted(entries, key=lambda name: (name != first, name))
    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED) as out:
        for name in order:
            info = zipfile.ZipInfo(name, date_time=ZIP_TIME)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            out.writestr(info, entries[name])


# ---------------------------------------------------------------- elements in schema order


def q(path: str) -> str:
    """`qn` for a path such as "w:pPr/w:spacing", for find and findall."""
    return "/".join(qn(part) for part in path.split("/"))


def insert_in_order(parent: BaseOxmlElement, child: E, order: tuple[str, ...]) -> E:
    """Insert `child` where the schema puts it among `parent`'s children: before the first
    present child that comes after it in `order` (the parent's children in schema order), as
    python-docx's own `get_or_add_*` methods do (the same place, found in one pass over the
    children rather than one search per later tag: a long table adds two of these a row)."""
    later = _later_tags(child.tag, order)
    found: dict[str, _Element] = {}
    for el in parent:
        if el.tag in later and el.tag not in found:
            found[el.tag] = el
    for tag in later:
        if tag in found:
            found[tag].addprevious(child)
            return child
    parent.append(child)
    return child


@functools.cache
def _later_tags(clark: str, order: tuple[str, ...]) -> tuple[str, ...]:
    """The tags (as lxml names them) that `order` puts after the tag `clark`, in order."""
    tag = NamespacePrefixedTag.from_clark_name(clark)
    return tuple(qn(t) for t in order[order.index(tag) + 1 :])


def insert_after(parent: _Element, child: E, *predecessors: str) -> E:
    """Insert `child` right after the first of `predecessors` (the elements the schema puts just
    before it, nearest first) that `parent` has, or as its first child."""
    for tag in predecessors:
        found = parent.find(qn(tag))
        if found is not None:
            found.addnext(child)
            return child
    parent.insert(0, child)
    return child


def get_or_add(parent: _Element, tag: str) -> _Element:
    """`parent`'s `tag` child ("w:sz"), made if it has none: with python-docx's own
    `get_or_add_*` method where it has one (which keeps schema order), else at the end."""
    method = getattr(parent, "get_or_add_" + tag.split(":")[-1], None)
    if method is not None:
        made: _Element = method()
        return made
    found = parent.find(q(tag))
    if found is None:
        found = OxmlElement(tag)
        parent.append(found)
    return found


def set_val(element: E, value: str) -> E:
    element.set(qn("w:val"), value)
    return element


# ---------------------------------------------------------------- fonts and page


def rgb(colour: str) -> RGBColor:
    """A python-docx colour from "#0B3D91" or "0b3d91"."""
    return RGBColor.from_string(colour.lstrip("#").upper())


def add_text_run(paragraph: Paragraph, text: str) -> Run:
    """`paragraph.add_run(text)`, the same XML, made in one step: python-docx reads the text one
    character at a time (for tabs and line breaks), which is most of a long document's writing."""
    if "\t" in text or "\n" in text or "\r" in text:
        return paragraph.add_run(text)
    # What python-docx's add_r and add_t make (a w:r appended to the paragraph, holding a w:t
    # that keeps its spaces when the text starts or ends with one), without its search for
    # the elements each may have to go before: neither has any.
    r = cast("CT_R", OxmlElement("w:r"))
    paragraph._p.append(r)
    if text:
        t = OxmlElement("w:t")
        t.text = text
        if len(text.strip()) < len(text):
            t.set(_XML_SPACE, "preserve")
        r.append(t)
    return Run(r, paragraph)


def set_style_id(paragraph: Paragraph, style_id: str) -> None:
    """Give a paragraph a style by its id ("Heading1"). python-docx's `paragraph.style = name`
    searches every style by name on each call, and its `_p.style = id` looks for each of the
    thirty-odd elements that may follow w:pStyle before adding it; w:pPr is a paragraph's first
    child and w:pStyle the first of w:pPr (ECMA-376 17.3.1.26), so they go first here: the same
    XML, made directly."""
    p = paragraph._p
    ppr = p.find(_W_PPR)
    if ppr is None:
        ppr = OxmlElement("w:pPr")
        p.insert(0, ppr)
    pstyle = ppr.find(_W_PSTYLE)
    if pstyle is None:
        pstyle = OxmlElement("w:pStyle")
        ppr.insert(0, pstyle)
    pstyle.set(_W_VAL, style_id)


def style_id(paragraph: Paragraph) -> str | None:
    """The id of a paragraph's own style; None when it has none (Normal)."""
    found: str | None = paragraph._p.style
    return found


def set_numbering(paragraph: Paragraph, num_id: str, level: int = 0) -> None:
    """Number a paragraph with list instance `num_id` (w:numPr) at `level`."""
    # python-docx makes get_or_add_numPr at run time but declares no type for it.
    ppr: Any = paragraph._p.get_or_add_pPr()
    num_pr = ppr.get_or_add_numPr()
    num_pr.get_or_add_ilvl().val = level
    num_pr.get_or_add_numId().val = int(num_id)


def set_fonts(rpr: _Element, name: str) -> None:
    """Name the font for every script (ascii, hAnsi, cs, eastAsia) in a w:rPr and drop the theme
    fonts, which would override the name (Calibri Light for headings, for example)."""
    fonts = cast("CT_RPr", rpr).get_or_add_rFonts()  # python-docx parses every w:rPr as a CT_RPr
    for attr in THEME_FONTS:
        fonts.attrib.pop(qn(attr), None)  # type: ignore[call-overload]  # lxml-stubs: no None default
    for attr in SCRIPT_FONTS:
        fonts.set(qn(attr), name)


def set_style_font(style: CharacterStyle, name: str) -> None:
    """A style's font, for every script, theme fonts removed."""
    style.font.name = name
    set_fonts(style.element.get_or_add_rPr(), name)


def set_page(section: Section, width_mm: float, height_mm: float, margin_cm: float) -> None:
    """Paper size (A4 is 210 x 297 mm) and the same margin on every side."""
    section.page_width, section.page_height = Mm(width_mm), Mm(height_mm)
    for side in ("left_margin", "right_margin", "top_margin", "bottom_margin"):
        setattr(section, side, Cm(margin_cm))


def page_number_footer(
    document: DocxDocument,
    label: str,
    *,
    simple_field: bool = False,
    label_size: Length | None = None,
    align_left: bool = False,
) -> Paragraph:
    """The first section's footer in the Footer style: `label` ("Page "), then a PAGE field
    showing "1" until Word updates it. A complex field (begin, instruction, separate, result,
    end) by default; `simple_field` writes one w:fldSimple instead."""
    para: Paragraph = document.sections[0].footer.paragraphs[0]
    para.style = document.styles["Footer"]
    if align_left:
        para.alignment = WD_ALIGN_PARAGRAPH.LEFT
    run = para.add_run(label)
    if label_size is not None:
        run.font.size = label_size
    if simple_field:
        field = OxmlElement("w:fldSimple", {qn("w:instr"): " PAGE "})
        result = OxmlElement("w:r")
        result.append(OxmlElement("w:t"))
        result[-1].text = "1"
        field.append(result)
        para._p.append(field)
        return para
    for kind in ("begin", "instruction", "separate", "result", "end"):
        run = para.add_run()
        if kind == "instruction":
            instr = OxmlElement("w:instrText", {qn("xml:space"): "preserve"})
            instr.text = " PAGE "
            run.element.append(instr)
        elif kind == "result":
            run.text = "1"
        else:
            run.element.append(OxmlElement("w:fldChar", {qn("w:fldCharType"): kind}))
    return para


def no_auto_hyphenation(document: DocxDocument) -> None:
    """Word must not hyphenate words at line ends (hard to read in large print)."""
    hyphenation = OxmlElement("w:autoHyphenation", {qn("w:val"): "0"})
    insert_after(document.settings.element, hyphenation, "w:defaultTabStop")


def page_colour(document: DocxDocument, colour: str) -> None:
    """A coloured page ("#FFFFE0", pale yellow), shown in Word's print layout too; white pages
    are left as they are."""
    colour = colour.lstrip("#").upper()
    if colour == "FFFFFF":
        return
    # w:background is the first child of w:document (python-docx does not know it).
    document.element.insert(0, OxmlElement("w:background", {qn("w:color"): colour}))
    show = OxmlElement("w:displayBackgroundShape")
    insert_after(document.settings.element, show, *BEFORE_BACKGROUND_SHAPE)


# ---------------------------------------------------------------- tables


def keep_row_together(row: _Row) -> None:
    """w:cantSplit: Word keeps the row on one page."""
    insert_in_order(row._tr.get_or_add_trPr(), OxmlElement("w:cantSplit"), TR_PR_ORDER)


def repeat_header_row(row: _Row) -> None:
    """w:tblHeader: the row is a header row, repeated on every page the table runs to."""
    insert_in_order(row._tr.get_or_add_trPr(), OxmlElement("w:tblHeader"), TR_PR_ORDER)


def row_copy(row: _Row) -> CT_Row:
    """A detached copy of a table row's w:tr, to add again with `add_row_copy`."""
    return copy.deepcopy(row._tr)


def add_row_copy(table: Table, tr: CT_Row) -> _Row:
    """A new last row of `table`, a copy of `tr` (from `row_copy`). Much faster than python-docx's
    add_row and cell widths for long tables of rows that start out the same."""
    new = copy.deepcopy(tr)
    table._tbl.append(new)
    return _Row(new, table)


def set_cell_width(cell: _Cell, cm: float) -> None:
    cell.width = Cm(cm)


def describe_table(table: Table, description: str) -> None:
    """w:tblDescription: what the table is for, read by screen readers."""
    desc = OxmlElement("w:tblDescription", {qn("w:val"): description})
    insert_in_order(table._tbl.tblPr, desc, TBL_PR_TAIL)


# ---------------------------------------------------------------- pictures and links


def add_picture(
    paragraph: Paragraph,
    data: bytes,
    width: Length,
    description: str,
    title: str | None = None,
    numbered_name: bool = True,
) -> CT_NonVisualDrawingProps:
    """A run holding an inline picture `width` wide (EMU; height to scale) at the end of
    `paragraph`; returns its wp:docPr (name, description, title). The shape is named "Picture N"
    after its id, as python-docx names it, or "Picture 0" for every picture when not
    `numbered_name` (what the Easy Read file has always had).

    python-docx's add_picture searches the whole document for a free shape id on every call, and
    reads and hashes the image again for every use (slow for long documents). Here shape ids
    come from a counter kept on the part (the same numbers: 1, 2, 3...), and each picture's
    drawing is built once per size and copied."""
    part = paragraph.part
    shape_id = getattr(part, "_accessconv_next_shape_id", 1)
    part._accessconv_next_shape_id = shape_id + 1  # type: ignore[attr-defined]  # our counter, on the part
    made: dict[tuple[bytes, int], CT_Inline] = part.__dict__.setdefault("_accessconv_inlines", {})
    key = (data, int(width))
    if key not in made:
        r_id, image = part.get_or_add_image(io.BytesIO(data))
        cx, cy = image.scaled_dimensions(width, None)
        made[key] = CT_Inline.new_pic_inline(0, r_id, image.filename, cx, cy)
    inline = copy.deepcopy(made[key])
    inline.docPr.set("id", str(shape_id))
    if numbered_name:
        inline.docPr.set("name", f"Picture {shape_id}")
    paragraph.add_run().element.add_drawing(inline)
    inline.docPr.set("descr", description)
    if title is not None:
        inline.docPr.set("title", title)
    return inline.docPr


def mark_decorative(doc_pr: _Element) -> None:
    """Word's 'Mark as decorative': screen readers skip the picture."""
    ext_lst = etree.SubElement(doc_pr, f"{{{A}}}extLst")
    ext = etree.SubElement(ext_lst, f"{{{A}}}ext")
    ext.set("uri", DECORATIVE_URI)
    mark = etree.SubElement(ext, f"{{{A16_DECORATIVE}}}decorative", nsmap={"adec": A16_DECORATIVE})
    mark.set("val", "1")


def add_hyperlink(paragraph: Paragraph, url: str) -> _Element:
    """An empty w:hyperlink to the external `url` at the end of `paragraph`; fill it with
    `add_link_run`."""
    r_id = paragraph.part.relate_to(url, RELATIONSHIP_TYPE.HYPERLINK, is_external=True)
    link = OxmlElement("w:hyperlink", {qn("r:id"): r_id})
    paragraph._p.append(link)
    return link


def add_link_run(
    paragraph: Paragraph,
    link: _Element,
    text: str,
    *,
    style_id: str | None = None,
    colour: str | None = None,
    underline: bool = False,
    keep_spaces: bool = False,
) -> Run:
    """A run of `text` inside `link` (from `add_hyperlink`), in the character style `style_id`,
    or with its own `colour` and single `underline`; returns the python-docx Run.
    `keep_spaces` always writes xml:space="preserve" on the text (python-docx writes it only
    when the text starts or ends with a space)."""
    r = OxmlElement("w:r")
    assert isinstance(r, CT_R)
    link.append(r)
    run = Run(r, paragraph)
    if keep_spaces:
        t = OxmlElement("w:t")
        t.text = text
        t.set(qn("xml:space"), "preserve")
        r.append(t)
    else:
        run.text = text
    if style_id is not None:
        r.style = style_id
    if colour is not None:
        set_val(r.get_or_add_rPr().get_or_add_color(), colour)
    if underline:
        set_val(get_or_add(r.get_or_add_rPr(), "w:u"), "single")
    return run
