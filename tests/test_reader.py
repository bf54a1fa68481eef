"""The reader: real drafts in, our document model out."""

from __future__ import annotations

import zipfile
from pathlib import Path

from accessconv import model as m
from accessconv.reader import read
from builders import MARKDOWN_ALL_BLOCKS, docx_draft, pandoc, png_bytes


def kinds(doc: m.Document) -> set[str]:
    return {type(b).__name__ for b in m.walk_blocks(doc.blocks)}


def test_markdown_every_block(tmp_path: Path) -> None:
    src = tmp_path / "all.md"
    src.write_text(MARKDOWN_ALL_BLOCKS, encoding="utf-8")
    doc = read(src)
    assert doc.title == "Every block" and doc.language == "en-GB"
    assert {
        "Heading",
        "Paragraph",
        "ListBlock",
        "Table",
        "BlockQuote",
        "DefinitionList",
        "CodeBlock",
        "Rule",
    } <= kinds(doc)
    ordered = next(b for b in doc.blocks if isinstance(b, m.ListBlock))
    assert ordered.ordered and ordered.start == 3
    nested = [b for b in m.walk_blocks(ordered.items[1]) if isinstance(b, m.ListBlock)]
    assert nested and not nested[0].ordered
    table = next(b for b in doc.blocks if isinstance(b, m.Table))
    assert m.plain_text(table.caption) == "A small table"
    assert [m.plain_text(c.blocks[0].inlines) for c in table.head[0].cells] == ["Name", "Value"]
    assert len(doc.notes) == 1 and "footnote" in m.plain_text(doc.notes[0][0].inlines)
    para = next(b for b in doc.blocks if isinstance(b, m.Paragraph))
    styles = {n.style for n in m.walk_inlines(para.inlines) if isinstance(n, m.Styled)}
    assert styles == {"emph", "strong"}
    assert any(isinstance(n, m.Link) and n.url == "https://example.org" for n in para.inlines)
    assert any(isinstance(n, m.NoteRef) for n in para.inlines)


def test_docx_structure_title_language_and_picture(tmp_path: Path) -> None:
    doc = read(docx_draft(tmp_path / "draft.docx"))
    assert doc.title == "Test strategy" and doc.title_from_draft
    assert doc.language == "en-GB" and doc.language_from_draft
    levels = [b.level for b in m.walk_blocks(doc.blocks) if isinstance(b, m.Heading)]
    assert levels == [1, 2]
    (image,) = list(m.images(doc))
    assert image.alt == "A chart of staff numbers"
    assert image.data == png_bytes() and image.mime == "image/png"
    assert (image.width_px, image.height_px) == (60, 40)
    table = next(b for b in m.walk_blocks(doc.blocks) if isinstance(b, m.Table))
    assert table.columns == 2 and len(table.body) == 2


def test_docx_without_language_defaults_to_en_gb(tmp_path: Path) -> None:
    path = docx_draft(tmp_path / "draft.docx", language=None)
    # python-docx's template declares en-US in styles; remove it to see our default.
    data = {}
    with zipfile.ZipFile(path) as zf:
        for name in zf.namelist():
            data[name] = zf.read(name)
    data["word/styles.xml"] = data["word/styles.xml"].replace(b'w:val="en-US"', b"")
    with zipfile.ZipFile(path, "w") as zf:
        for name, content in data.items():
            zf.writestr(name, content)
    doc = read(path)
    assert doc.language == "en-GB" and not doc.language_from_draft


def test_odt_and_html_drafts(tmp_path: Path) -> None:
    md = tmp_path / "all.md"
    md.write_text(MARKDOWN_ALL_BLOCKS, encoding="utf-8")
    odt = read(pandoc(md, tmp_path / "all.odt"))
    assert {"Heading", "Table", "ListBlock"} <= kinds(odt)
    page = tmp_path / "page.html"
    page.write_text(
        '<html lang="cy-GB"><head><title>Tudalen</title><script>alert(1)</script></head>'
        '<body><h1>Pennawd</h1><p onclick="x()">Testun</p></body></html>',
        encoding="utf-8",
    )
    doc = read(page)
    assert doc.language == "cy-GB" and doc.title == "Tudalen"
    assert "alert" not in m.document_text(doc)


def test_raw_html_and_unsafe_links_are_dropped(tmp_path: Path) -> None:
    src = tmp_path / "raw.md"
    src.write_text(
        "# Raw\n\n<script>alert('x')</script>\n\nText <img src=x onerror=alert(1)> here "
        "and [a bad link](javascript:alert(1)).\n",
        encoding="utf-8",
    )
    doc = read(src)
    text = m.document_text(doc)
    assert "alert" not in text and "onerror" not in text
    assert "a bad link" in text
    assert not any(
        isinstance(n, m.Link) for b in m.walk_blocks(doc.blocks) for n in m.walk_inlines(m.block_inlines(b))
    )
    assert any("web code (HTML)" in note.message for note in doc.reader_notes)


def test_images_are_never_fetched_or_read_from_outside_the_folder(tmp_path: Path) -> None:
    secret = tmp_path / "secret.png"
    secret.write_bytes(png_bytes("#ff0000"))
    drafts = tmp_path / "drafts"
    drafts.mkdir()
    (drafts / "ok.png").write_bytes(png_bytes())
    src = drafts / "pics.md"
    src.write_text(
        "# Pictures\n\n![Remote](http://127.0.0.1:9/remote.png)\n\n![Outside](../secret.png)\n\n"
        "![Beside the draft](ok.png)\n",
        encoding="utf-8",
    )
    import base64

    inline = base64.b64encode(png_bytes("#00ff00")).decode()
    src.write_text(src.read_text() + f"\n![Inline](data:image/png;base64,{inline})\n", encoding="utf-8")
    images = {i.alt: i for i in m.images(read(src))}
    assert images["Inline"].data == png_bytes("#00ff00")
    assert images["Remote"].data is None
    assert images["Outside"].data is None
    assert images["Beside the draft"].data == png_bytes()


def _tracked_changes_docx(path: Path) -> Path:
    """A Word file with an insertion, a deletion and a comment, written as Word does."""
    docx_draft(path)
    with zipfile.ZipFile(path) as zf:
        parts = {n: zf.read(n) for n in zf.namelist()}
    body = parts["word/document.xml"].decode()
    change = (
        '<w:p><w:r><w:t xml:space="preserve">Kept text </w:t></w:r>'
        '<w:ins w:id="1" w:author="A" w:date="2026-01-01T00:00:00Z">'
        "<w:r><w:t>inserted words</w:t></w:r></w:ins>"
        '<w:del w:id="2" w:author="A" w:date="2026-01-01T00:00:00Z"><w:r><w:delText>deleted words</w:delText>'
        "</w:r></w:del>"
        '<w:commentRangeStart w:id="0"/><w:r><w:t xml:space="preserve"> end.</w:t></w:r>'
        '<w:commentRangeEnd w:id="0"/><w:r><w:commentReference w:id="0"/></w:r></w:p>'
    )
    body = body.replace("<w:sectPr", change + "<w:sectPr", 1)
    parts["word/document.xml"] = body.encode()
    parts["word/comments.xml"] = (
        b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
        b'<w:comments xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
        b'<w:comment w:id="0" w:author="B"><w:p><w:r><w:t>secret comment</w:t></w:r></w:p></w:comment>'
        b"</w:comments>"
    )
    rels = (
        parts["word/_rels/document.xml.rels"]
        .decode()
        .replace(
            "</Relationships>",
            '<Relationship Id="rIdC1" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
            'relationships/comments" Target="comments.xml"/></Relationships>',
        )
    )
    parts["word/_rels/document.xml.rels"] = rels.encode()
    types = (
        parts["[Content_Types].xml"]
        .decode()
        .replace(
            "</Types>",
            '<Override PartName="/word/comments.xml" ContentType="application/'
            'vnd.openxmlformats-officedocument.wordprocessingml.comments+xml"/></Types>',
        )
    )
    parts["[Content_Types].xml"] = types.encode()
    with zipfile.ZipFile(path, "w") as zf:
        for name, content in parts.items():
            zf.writestr(name, content)
    return path


def test_tracked_changes_accepted_and_comments_dropped(tmp_path: Path) -> None:
    text = m.document_text(read(_tracked_changes_docx(tmp_path / "changes.docx")))
    assert "Kept text inserted words end." in text
    assert "deleted words" not in text
    assert "secret comment" not in text
