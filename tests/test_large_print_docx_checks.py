"""The reusable .docx typography checker: a good file passes; each broken file fails."""

from __future__ import annotations

from pathlib import Path

import pytest

from accessconv.checks.docx_typography import check_docx
from large_print_builders import (
    LIMITS,
    compliant_document,
    hide_small_run_in_table,
    italic_word,
    justify,
    save,
)


def _failed(results, severity: str = "error") -> dict[str, list[str]]:
    out: dict[str, list[str]] = {}
    for r in results:
        if r.status == severity:
            out.setdefault(r.id, []).append(f"{r.message} @ {r.where}")
    return out


def test_compliant_file_passes(tmp_path: Path) -> None:
    results = check_docx(save(compliant_document(), tmp_path / "good.docx"), LIMITS)
    assert _failed(results) == {}
    assert _failed(results, "warning") == {}
    assert len({r.id for r in results}) >= 12


def test_small_run_hidden_in_table_cell_fails(tmp_path: Path) -> None:
    d = compliant_document()
    hide_small_run_in_table(d)
    errors = _failed(check_docx(save(d, tmp_path / "small.docx"), LIMITS))
    assert list(errors) == ["docx.text-size"]
    assert "12 pt" in errors["docx.text-size"][0] and "table 1, row 2, cell 2" in errors["docx.text-size"][0]


def test_size_between_error_and_warning_is_a_warning(tmp_path: Path) -> None:
    d = compliant_document()
    hide_small_run_in_table(d, 17)
    results = check_docx(save(d, tmp_path / "17.docx"), LIMITS)
    assert _failed(results) == {}
    assert list(_failed(results, "warning")) == ["docx.text-size"]


def test_inherited_size_from_style_is_resolved(tmp_path: Path) -> None:
    """No run has a size of its own: the small size comes from Normal via the style chain."""
    from docx.shared import Pt

    d = compliant_document()
    d.styles["Normal"].font.size = Pt(12)
    errors = _failed(check_docx(save(d, tmp_path / "normal12.docx"), LIMITS))
    assert "docx.text-size" in errors
    assert any("footer" in e for e in errors["docx.text-size"])  # the page number inherits it too


def test_document_default_size_is_resolved(tmp_path: Path) -> None:
    """Remove every size from the styles: the document default (11 pt) applies."""
    from docx.oxml.ns import qn

    d = compliant_document()
    for sz in list(d.styles.element.iter(qn("w:sz"))):
        if sz.getparent().getparent().tag == qn("w:style"):
            sz.getparent().remove(sz)
    errors = _failed(check_docx(save(d, tmp_path / "defaults.docx"), LIMITS))
    assert any("11 pt" in e for e in errors["docx.text-size"])


def test_italic_word_fails(tmp_path: Path) -> None:
    d = compliant_document()
    italic_word(d)
    errors = _failed(check_docx(save(d, tmp_path / "italic.docx"), LIMITS))
    assert list(errors) == ["docx.italic"]
    assert "urgently" in errors["docx.italic"][0]


def test_italic_from_character_style_fails(tmp_path: Path) -> None:
    d = compliant_document()
    d.paragraphs[1].add_run(" now", style="Emphasis")
    assert "docx.italic" in _failed(check_docx(save(d, tmp_path / "emph.docx"), LIMITS))


def test_justified_text_fails(tmp_path: Path) -> None:
    d = compliant_document()
    justify(d)
    assert list(_failed(check_docx(save(d, tmp_path / "justified.docx"), LIMITS))) == ["docx.alignment"]


@pytest.mark.parametrize(
    ("breakage", "check_id"),
    [
        (lambda d: setattr(d.paragraphs[1].add_run(" see"), "underline", True), "docx.underline"),
        (lambda d: setattr(d.paragraphs[1].add_run(" see").font, "all_caps", True), "docx.capitals"),
        (lambda d: setattr(d.paragraphs[1].add_run(" x").font, "name", "Times New Roman"), "docx.font"),
        (lambda d: setattr(d.sections[0], "left_margin", 360000), "docx.page"),
        (lambda d: setattr(d.sections[0], "page_width", 7772400), "docx.page"),
        (lambda d: d.sections[0].footer.paragraphs[0]._p.clear(), "docx.page-numbers"),
        (lambda d: d.tables[0].rows[0]._tr.trPr.clear(), "docx.table-headers"),
        (lambda d: setattr(d.core_properties, "title", ""), "docx.properties"),
        (lambda d: setattr(d.styles["Heading 2"].font, "bold", False), "docx.headings"),
    ],
)
def test_each_rule_fails_when_broken(tmp_path: Path, breakage, check_id: str) -> None:
    d = compliant_document()
    breakage(d)
    path = tmp_path / "broken.docx"
    if check_id == "docx.properties":
        d.save(str(path))  # not through save_deterministic, which would set the title again
    else:
        save(d, path)
    results = check_docx(path, LIMITS)
    assert check_id in _failed(results) or check_id in _failed(results, "warning")


def test_blocks_of_capitals_and_empty_paragraphs_warn(tmp_path: Path) -> None:
    d = compliant_document()
    d.paragraphs[1].add_run(" PLEASE READ THIS NOW")
    d.paragraphs[1].insert_paragraph_before("")
    warnings = _failed(check_docx(save(d, tmp_path / "caps.docx"), LIMITS), "warning")
    assert {"docx.capitals", "docx.empty-paragraphs"} <= set(warnings)


def test_low_contrast_text_fails(tmp_path: Path) -> None:
    from docx.shared import RGBColor

    d = compliant_document()
    d.paragraphs[1].add_run(" pale").font.color.rgb = RGBColor(0xBB, 0xBB, 0xBB)
    assert "docx.contrast" in _failed(check_docx(save(d, tmp_path / "pale.docx"), LIMITS))


def test_floating_and_undescribed_picture_fails(tmp_path: Path) -> None:
    import io

    from docx.oxml.ns import qn
    from docx.shared import Cm
    from PIL import Image

    buf = io.BytesIO()
    Image.new("RGB", (40, 20), "navy").save(buf, "PNG")
    d = compliant_document()
    d.add_paragraph().add_run().add_picture(io.BytesIO(buf.getvalue()), width=Cm(30))
    inline = next(d.element.body.iter(qn("wp:inline")))
    inline.tag = qn("wp:anchor")
    messages = _failed(check_docx(save(d, tmp_path / "pic.docx"), LIMITS))["docx.images"]
    assert len(messages) == 3  # floats, no alt text, wider than the text


def test_not_a_docx_is_reported(tmp_path: Path) -> None:
    path = tmp_path / "fake.docx"
    path.write_text("not a zip")
    results = check_docx(path, LIMITS)
    assert [r.status for r in results] == ["error"]
