"""Builders for the large print tests: Word files made with python-docx, good and deliberately broken.

`compliant_docx` hand-builds a file that meets the large print rules without using our writer, so
the typography checker is tested on its own; each `break_*` helper spoils one thing in it.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from accessconv.checks.limits import TypographyLimits

LIMITS = TypographyLimits(
    min_size_error_pt=16,
    min_size_warning_pt=18,
    allowed_fonts=["Arial", "Liberation Sans", "Verdana"],
    paper_width_mm=210,
    paper_height_mm=297,
    paper_tolerance_mm=2,
    min_margin_cm=2,
    min_line_spacing=1.15,
    max_capital_words=3,
    min_contrast=4.5,
    require_page_numbers=True,
)


def helvetica() -> Any:
    """A PDF font dictionary for Helvetica (one of the 14 fonts every reader has), for hand-made
    PDFs."""
    from pypdf.generic import DictionaryObject, NameObject

    return DictionaryObject(
        {
            NameObject("/Type"): NameObject("/Font"),
            NameObject("/Subtype"): NameObject("/Type1"),
            NameObject("/BaseFont"): NameObject("/Helvetica"),
            NameObject("/Encoding"): NameObject("/WinAnsiEncoding"),
        }
    )


def _set_font(style: Any, size: float, bold: bool | None = None) -> None:
    from docx.oxml.ns import qn
    from docx.shared import Pt, RGBColor

    style.font.name = "Arial"
    rfonts = style.element.rPr.find(qn("w:rFonts"))
    for attr in ("w:asciiTheme", "w:hAnsiTheme", "w:eastAsiaTheme", "w:cstheme"):
        rfonts.attrib.pop(qn(attr), None)
    style.font.size = Pt(size)
    style.font.italic = False
    style.font.color.rgb = RGBColor(0, 0, 0)
    if bold is not None:
        style.font.bold = bold


def compliant_document() -> Any:
    """A python-docx Document that passes every typography check."""
    import docx
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn
    from docx.shared import Cm, Mm

    d = docx.Document()
    _set_font(d.styles["Normal"], 18)
    d.styles["Normal"].paragraph_format.line_spacing = 1.3
    for level in (1, 2):
        _set_font(d.styles[f"Heading {level}"], 28 - 4 * level, bold=True)
    section = d.sections[0]
    section.page_width, section.page_height = Mm(210), Mm(297)
    for side in ("left_margin", "right_margin", "top_margin", "bottom_margin"):
        setattr(section, side, Cm(2.5))
    d.add_heading("Our plan", 1)
    d.add_paragraph("We will build more homes near the station.")
    d.add_heading("Money", 2)
    table = d.add_table(rows=2, cols=2)
    table.cell(0, 0).text, table.cell(0, 1).text = "Year", "Amount"
    table.cell(1, 0).text, table.cell(1, 1).text = "2026", "£4 million"
    tr_pr = table.rows[0]._tr.get_or_add_trPr()
    tr_pr.append(OxmlElement("w:tblHeader"))
    d.add_paragraph("Ask us if you need this in another format.")
    footer = section.footer.paragraphs[0]
    footer.alignment = WD_ALIGN_PARAGRAPH.LEFT
    footer.add_run("Page ")
    field = OxmlElement("w:fldSimple")
    field.set(qn("w:instr"), "PAGE")
    run = OxmlElement("w:r")
    text = OxmlElement("w:t")
    text.text = "1"
    run.append(text)
    field.append(run)
    footer._p.append(field)
    d.core_properties.title = "Our plan"
    d.core_properties.language = "en-GB"
    return d


def save(document: Any, path: Path) -> Path:
    from accessconv.ooxml import save_deterministic

    save_deterministic(document, path, document.core_properties.title, "en-GB")
    return path


def hide_small_run_in_table(document: Any, size_pt: float = 12) -> None:
    """One 12 pt run hidden in the last table cell: the kind of slip a person misses."""
    from docx.shared import Pt

    cell = document.tables[0].rows[-1].cells[-1]
    cell.paragraphs[0].add_run(" (estimate)").font.size = Pt(size_pt)


def italic_word(document: Any) -> None:
    document.paragraphs[1].add_run(" urgently").italic = True


def justify(document: Any) -> None:
    from docx.enum.text import WD_ALIGN_PARAGRAPH

    document.paragraphs[1].alignment = WD_ALIGN_PARAGRAPH.JUSTIFY


def png_bytes(width: int = 120, height: int = 80, colour: str = "darkblue") -> bytes:
    import io

    from PIL import Image, ImageDraw

    img = Image.new("RGB", (width, height), "white")
    ImageDraw.Draw(img).ellipse((10, 10, width - 10, height - 10), fill=colour)
    buf = io.BytesIO()
    img.save(buf, "PNG")
    return buf.getvalue()


EVERY_BLOCK_MD = """\
---
title: Parks and open spaces plan
lang: en-GB
---

# Parks and open spaces plan

## Why we need a plan

Our parks are *well loved* and **busy**. Some paths are [worn out]{.underline} and some
signs use [small capitals]{.smallcaps}. Water use is 5 m^3^ a day and CO~2~ is falling.
Read the [full survey results](https://example.org/survey) or run `plan.exe`.[^survey]
A line break follows.\\
And this is the next line.

![A map of the borough with the twelve parks marked in green](map.png)

### What we found

- Most people walk to their park.
  - Some people drive.
- People want more benches.

3. Fix the paths.
4. Plant more trees.

Table: Visits to parks by season

| Season | Visits | Change |
|---|---|---|
| Spring | 12,000 | up |
| Summer | 30,000 | same |

| Park | Area | Trees | Benches | Toilets | Cafe |
|---|---|---|---|---|---|
| Riverside | 4 ha | 120 | 30 | yes | yes |
| Hill Top | 2 ha | 60 | 12 | no | no |

> We love our park, it is the heart of the estate.

```
Opening times:
8am to dusk
```

Play area
:   A fenced space for children under 12.

Green flag
:   An award for well-run parks.

---

Find us at ![the council logo](logo.png) Town Hall.

[^survey]: 1,200 people answered the survey in 2026.
"""


def every_block_draft(folder: Path) -> Path:
    """A Markdown draft with every block and inline type the model has."""
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "map.png").write_bytes(png_bytes(600, 400, "green"))
    (folder / "logo.png").write_bytes(png_bytes(40, 40, "black"))
    path = folder / "parks-plan.md"
    path.write_text(EVERY_BLOCK_MD, encoding="utf-8")
    return path
