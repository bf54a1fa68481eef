"""Cases the PDF readers and the large print Word writer meet rarely, each asserted on what is read
back or what a reader of the Word file gets: text shown before a font is chosen, marked content
nested without its own MCID, forms that are not forms, inline images; deeply nested strings and
arrays in plain objects; structure elements that point at marked content on another page, or at
nothing; figures with captions, empty tables, rows whose cells spans from above leave no room for,
cells the draft left empty."""

from __future__ import annotations

from pathlib import Path

import docx
import pytest
from pypdf import PdfReader, PdfWriter
from pypdf.generic import (
    ArrayObject,
    DecodedStreamObject,
    DictionaryObject,
    NameObject,
    NumberObject,
    TextStringObject,
)

from accessconv import model as m
from accessconv.checks import pdf as pdf_checks
from accessconv.checks import pdf_objects
from accessconv.checks.pdf import structure
from accessconv.checks.pdf_objects import parse_value
from accessconv.checks.pdf_text import text_runs
from accessconv.formats.large_print.docx_writer import DocxWriter
from accessconv.profiles import load
from large_print_builders import helvetica, png_bytes


def _one_page(content: bytes) -> tuple[PdfWriter, DictionaryObject]:
    """A writer with one page showing `content`, with Helvetica as /F1 and a form /Fm1 that shows
    "Form" and a picture /Im1 (not a form)."""
    writer = PdfWriter()
    page = writer.add_blank_page(595, 842)
    fonts = DictionaryObject({NameObject("/F1"): helvetica()})
    form = DecodedStreamObject()
    form.set_data(b"BT /F1 10 Tf (Form) Tj ET")
    form.update(
        {
            NameObject("/Type"): NameObject("/XObject"),
            NameObject("/Subtype"): NameObject("/Form"),
            NameObject("/BBox"): ArrayObject(
                [NumberObject(0), NumberObject(0), NumberObject(100), NumberObject(100)]
            ),
            NameObject("/Resources"): DictionaryObject({NameObject("/Font"): fonts}),
        }
    )
    image = DecodedStreamObject()
    image.set_data(b"\x00")
    image.update({NameObject("/Type"): NameObject("/XObject"), NameObject("/Subtype"): NameObject("/Image")})
    page[NameObject("/Resources")] = DictionaryObject(
        {
            NameObject("/Font"): fonts,
            NameObject("/XObject"): DictionaryObject(
                {NameObject("/Fm1"): writer._add_object(form), NameObject("/Im1"): writer._add_object(image)}
            ),
        }
    )
    stream = DecodedStreamObject()
    stream.set_data(content)
    page.replace_contents(stream)
    return writer, page


def _save(writer: PdfWriter, path: Path) -> PdfReader:
    with path.open("wb") as fh:
        writer.write(fh)
    return PdfReader(str(path))


def test_text_runs_in_rare_content(tmp_path: Path) -> None:
    content = (
        b"BT (No font yet) Tj ET\n"  # shown before any Tf: not text a reader sees at a size
        b"/P <</MCID 3>> BDC BT /F1 12 Tf 72 700 Td () Tj (Outer) Tj ET\n"  # an empty string: no run
        b"/Span BMC BT /F1 12 Tf 72 680 Td (Inner) Tj ET EMC\n"  # no MCID of its own: inherits 3
        b"EMC\n"
        b"/Artifact BMC BT /F1 12 Tf 72 660 Td (Outside) Tj ET EMC\n"
        b"q 2 0 0 2 0 0 cm BT /F1 9 Tf 72 300 Td (Scaled) Tj ET Q\n"
        b"BI /W 1 /H 1 /CS /G /BPC 8 ID \xff\x00 BT (hidden) Tj ET EI\n"  # inline image data skipped
        b"/Im1 Do /Nothing Do Do /Fm1 Do\n"  # a picture, a missing name, no name, a form
        b"BT /F1 12 Tf 72 640 Td (After) Tj ET\n"
    )
    writer, _ = _one_page(content)
    runs = list(text_runs(_save(writer, tmp_path / "rare.pdf")))
    assert [(r.text, r.mcid, round(r.size, 1)) for r in runs] == [
        ("Outer", 3, 12.0),
        ("Inner", 3, 12.0),
        ("Outside", None, 12.0),
        ("Scaled", None, 18.0),
        ("Form", None, 10.0),
        ("After", None, 12.0),
    ]


def test_plain_values_nested_deeply() -> None:
    # Brackets nested deeper than the tokenizer's one level are read by hand.
    value, _ = parse_value(b"<</Alt (a (b (c) d) e)/K 1>> endobj", 0)
    assert value == {"/Alt": "a (b (c) d) e", "/K": 1}
    deep = pdf_objects.MAX_NESTING
    assert parse_value(b"[" * deep + b"]" * deep + b" endobj", 0)[0] is not None
    with pytest.raises(pdf_objects._NotPlain):
        parse_value(b"[" * (deep + 1) + b"]" * (deep + 1), 0)
    with pytest.raises(pdf_objects._NotPlain):
        parse_value(b"<</S % a comment\n/P>>", 0)
    with pytest.raises(pdf_objects._NotPlain):
        parse_value(b"   ", 0)


def _tagged(tmp_path: Path) -> PdfReader:
    """A page with two marked texts, and a structure tree whose elements reach them in the ways a
    tagged PDF may: by MCID with the element's page, by a marked-content reference naming its own
    page, and (wrongly) by MCID with no page anywhere, or by a value that is not an element."""
    writer, page = _one_page(
        b"/P <</MCID 0>> BDC BT /F1 12 Tf 72 700 Td (Hello) Tj ET EMC\n"
        b"/P <</MCID 1>> BDC BT /F1 12 Tf 72 680 Td (World) Tj ET EMC\n"
    )
    page_ref = page.indirect_reference

    def element(kind: str, kids: object, **extra: object) -> object:
        fields = {
            NameObject("/Type"): NameObject("/StructElem"),
            NameObject("/S"): NameObject(kind),
            NameObject("/K"): kids,
        }
        fields.update({NameObject(f"/{k}"): v for k, v in extra.items()})
        return writer._add_object(DictionaryObject(fields))

    reference = DictionaryObject(
        {
            NameObject("/Type"): NameObject("/MCR"),
            NameObject("/Pg"): page_ref,
            NameObject("/MCID"): NumberObject(1),
        }
    )
    kids = ArrayObject(
        [
            element("/P", NumberObject(0), Pg=page_ref),
            element("/P", ArrayObject([reference, TextStringObject("not an element")])),
            element("/Note", NumberObject(1)),  # an MCID, but no page to find it on
        ]
    )
    root = DictionaryObject(
        {NameObject("/Type"): NameObject("/StructTreeRoot"), NameObject("/K"): element("/Document", kids)}
    )
    writer._root_object[NameObject("/StructTreeRoot")] = writer._add_object(root)
    return _save(writer, tmp_path / "tagged.pdf")


def test_structure_finds_marked_content_every_way(tmp_path: Path) -> None:
    reader = _tagged(tmp_path)
    tree = structure(reader, list(text_runs(reader)))
    assert tree is not None  # the tree's root, whose one kid is the document
    document = tree.children[0]
    assert document.kind == "Document"
    assert [(n.kind, n.text()) for n in document.children] == [("P", "Hello"), ("P", "World"), ("Note", "")]


def test_structure_stops_at_its_element_limit(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(pdf_checks, "MAX_STRUCT_ELEMENTS", 3)
    reader = _tagged(tmp_path)
    tree = structure(reader, list(text_runs(reader)))
    assert tree is not None
    # The root, the document and its first paragraph are read whole; after them, elements
    # without their kids.
    assert [(n.kind, n.text()) for n in tree.children[0].children] == [
        ("P", "Hello"),
        ("P", ""),
        ("Note", ""),
    ]


def _cell(text: str, rowspan: int = 1) -> m.Cell:
    return m.Cell([m.Paragraph([m.Text(text)])], rowspan=rowspan)


def test_word_writer_rare_blocks(tmp_path: Path) -> None:
    blocks: list[m.Block] = [
        m.Heading(1, [m.Text("Rare blocks")]),
        m.Figure(m.Image("A map of the parks", png_bytes(), "image/png"), [m.Text("The parks")]),
        m.Table([], [], caption=[m.Text("An empty table")]),
        m.Table(
            [m.Row([_cell("Area", rowspan=2), _cell("Visits")])],
            [
                # The first column is still "Area" (it spans two rows): one cell has room, so the
                # second is left out rather than pushing the table wider.
                m.Row([_cell("12"), _cell("no room")]),
                m.Row([_cell("North")]),  # the draft leaves the last cell empty
            ],
        ),
        m.DefinitionList([m.DefinitionItem([m.Text("Park")], [[m.Paragraph([m.Text("Green space.")])]])]),
    ]
    doc = m.Document("Rare blocks", "en-GB", blocks)
    path = tmp_path / "rare-large-print.docx"
    DocxWriter(load("large-print").settings, doc).write(blocks, path)
    word = docx.Document(str(path))
    paragraphs = [(p.style.name, p.text) for p in word.paragraphs]
    assert ("Caption", "The parks") in paragraphs
    assert ("Caption", "An empty table") in paragraphs
    assert ("Definition Term", "Park") in paragraphs and ("Definition", "Green space.") in paragraphs
    # The picture's paragraph stays with its caption.
    picture = next(i for i, p in enumerate(word.paragraphs) if p._p.xpath(".//pic:pic"))
    assert word.paragraphs[picture].paragraph_format.keep_with_next
    assert word.paragraphs[picture + 1].text == "The parks"
    assert len(word.tables) == 1  # the empty table is only its caption
    table = word.tables[0]
    assert [[c.text for c in row.cells] for row in table.rows] == [
        ["Area", "Visits"],
        ["Area", "12"],
        ["North", ""],
    ]
    empty = table.rows[2].cells[1].paragraphs[0]
    assert empty.style.name == "Table Text"
    assert "no room" not in "\n".join(c.text for row in table.rows for c in row.cells)
