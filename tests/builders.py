"""Build real draft files for tests: Word documents with python-docx, Markdown, ODT via pandoc."""

from __future__ import annotations

import io
import subprocess
from pathlib import Path

import docx
from docx.enum.text import WD_BREAK
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm
from PIL import Image


def png_bytes(colour: str = "#1565c0", size: tuple[int, int] = (60, 40)) -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", size, colour).save(buffer, format="PNG")
    return buffer.getvalue()


def set_alt_text(document: docx.document.Document, alt: str) -> None:
    """Set the alt text (wp:docPr descr) of the last picture added."""
    doc_prs = document.element.body.findall(".//" + qn("wp:docPr"))
    doc_prs[-1].set("descr", alt)


def mark_header_row(table) -> None:
    tr_pr = table.rows[0]._tr.get_or_add_trPr()
    header = OxmlElement("w:tblHeader")
    tr_pr.append(header)


def docx_draft(
    path: Path,
    *,
    title: str | None = "Test strategy",
    language: str | None = "en-GB",
    alt: str | None = "A chart of staff numbers",
    header_row: bool = True,
    headings: bool = True,
    empty_paragraphs: int = 0,
    fake_heading: bool = False,
    merged: bool = False,
) -> Path:
    """A Word draft with a heading, a paragraph, a nested list, a table and a picture."""
    document = docx.Document()
    if title:
        document.core_properties.title = title
    if language:
        document.core_properties.language = language
    if headings:
        document.add_heading("Test strategy", level=1)
    document.add_paragraph("We will help staff to stay in their jobs.")
    for _ in range(empty_paragraphs):
        document.add_paragraph("")
    if fake_heading:
        document.add_paragraph().add_run("Our priorities").bold = True
    if headings:
        document.add_heading("Our priorities", level=2)
    document.add_paragraph("Recruitment", style="List Number")
    document.add_paragraph("Retention", style="List Number")
    document.add_paragraph("Paid training", style="List Bullet 2")
    table = document.add_table(rows=3, cols=2)
    for r, row in enumerate([("Measure", "Target"), ("Vacancies", "1 in 16"), ("Leavers", "15%")]):
        for c, text in enumerate(row):
            table.cell(r, c).text = text
    if header_row:
        mark_header_row(table)
    if merged:
        table.cell(1, 0).merge(table.cell(1, 1))
    document.add_picture(io.BytesIO(png_bytes()), width=Cm(3))
    if alt is not None:
        set_alt_text(document, alt)
    else:
        for pr in document.element.body.findall(".//" + qn("wp:docPr")):
            pr.attrib.pop("descr", None)
    document.add_paragraph("Line one").add_run().add_break(WD_BREAK.LINE)
    document.save(str(path))
    return path


def pandoc(src: Path, dest: Path) -> Path:
    from pypandoc import get_pandoc_path

    subprocess.run([get_pandoc_path(), str(src), "-o", str(dest)], check=True)
    return dest


MARKDOWN_ALL_BLOCKS = """\
---
title: Every block
lang: en-GB
---

# Every block

A paragraph with *emphasis*, **strong**, `code` and [a useful link](https://example.org).[^n]

3. Third
4. Fourth
    - nested bullet

| Name | Value |
|------|-------|
| A    | 1     |

: A small table

> A block quote.

Term
: Its definition.

```
code block
```

---

[^n]: A footnote.
"""
