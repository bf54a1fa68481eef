"""Regressions found in review: awkward drafts the large print and Easy Read Word files must survive."""

from __future__ import annotations

from pathlib import Path

import pytest

from accessconv.pipeline import convert


@pytest.mark.parametrize("profile", ["large-print", "easy-read"])
def test_a_main_heading_over_255_characters_still_gives_a_titled_word_file(
    profile: str, tmp_path: Path
) -> None:
    import docx

    heading = " ".join(["council"] * 50)  # 399 characters: python-docx refuses titles over 255
    draft = tmp_path / "long.md"
    draft.write_text(f"# {heading}\n\nThe council helps people at home.\n", encoding="utf-8")
    result = convert(draft, [profile], tmp_path / "out")
    word = next(p for p in result.written if p.suffix == ".docx")
    title = docx.Document(str(word)).core_properties.title
    assert 0 < len(title) <= 255
    assert title.endswith("\u2026") and heading.startswith(title[:-1].rstrip())
    props = [c for o in result.outputs if o.path == word for c in o.checks if c.id == "docx.properties"]
    assert props and props[0].status == "pass"


@pytest.mark.parametrize("spacing", ["single", "exact"])
def test_tight_line_spacing_is_flagged(spacing: str, tmp_path: Path) -> None:
    # docx.line-spacing had no test that fed it a broken file.
    from docx.enum.text import WD_LINE_SPACING
    from docx.shared import Pt

    from accessconv.checks.docx_typography import check_docx
    from large_print_builders import LIMITS, compliant_document, save

    d = compliant_document()
    normal = d.styles["Normal"].paragraph_format
    if spacing == "single":
        normal.line_spacing = 1.0
    else:
        normal.line_spacing_rule = WD_LINE_SPACING.EXACTLY
        normal.line_spacing = Pt(18)  # 18 pt lines for 18 pt text: no space between the lines
    found = [r for r in check_docx(save(d, tmp_path / "tight.docx"), LIMITS) if r.id == "docx.line-spacing"]
    assert {r.status for r in found} == {"warning"}
    assert "1.00" in found[0].message


def test_text_turned_on_its_side_in_a_table_cell_fails(tmp_path: Path) -> None:
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    from accessconv.checks.docx_typography import check_docx
    from large_print_builders import LIMITS, compliant_document, save

    d = compliant_document()
    assert {r.status for r in check_docx(save(d, tmp_path / "ok.docx"), LIMITS) if r.id == "docx.page"} == {
        "pass"
    }
    direction = OxmlElement("w:textDirection")
    direction.set(qn("w:val"), "btLr")  # Word's "rotate text 270 degrees" for a column heading
    d.tables[0].rows[0].cells[0]._tc.get_or_add_tcPr().append(direction)
    found = [r for r in check_docx(save(d, tmp_path / "turned.docx"), LIMITS) if r.id == "docx.page"]
    assert {r.status for r in found} == {"error"} and "btLr" in found[0].message
