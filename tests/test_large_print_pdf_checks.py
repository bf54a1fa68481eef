"""The PDF checks: a good tagged large print PDF passes; each deliberately broken PDF fails."""

from __future__ import annotations

from pathlib import Path

import pytest

from accessconv.checks.pdf import check_pdf
from accessconv.profiles import load

PAGE_NUMBER = (
    "@bottom-left { content: 'Page ' counter(page); font-family: 'Liberation Sans'; font-size: 18pt }"
)
GOOD_CSS = (
    f"@page {{ size: A4; margin: 2.5cm; {PAGE_NUMBER} }} "
    "body { font-family: 'Liberation Sans'; font-size: 18pt }"
)


def _pdf(
    path: Path, body: str, css: str = GOOD_CSS, title: str = "Parks plan", variant: str | None = "pdf/ua-1"
):
    from weasyprint import HTML

    page = (
        f'<!DOCTYPE html><html lang="en-GB"><head><meta charset="utf-8"><title>{title}</title>'
        f"<style>{css}</style></head><body>{body}</body></html>"
    )
    HTML(string=page).write_pdf(path, pdf_variant=variant, pdf_identifier=b"test")
    return path


GOOD_BODY = (
    "<h1>Parks plan</h1><p>Our parks are <strong>busy</strong>.</p>"
    "<table><thead><tr><th>Season</th><th>Visits</th></tr></thead>"
    "<tbody><tr><td>Spring</td><td>12,000</td></tr></tbody></table>"
)


@pytest.fixture(scope="module")
def limits():
    return load("large-print").checks


def _bad(results) -> dict[str, str]:
    return {r.id: r.status for r in results if r.status in ("error", "warning")}


def test_good_pdf_passes(tmp_path: Path, limits) -> None:
    results = check_pdf(_pdf(tmp_path / "good.pdf", GOOD_BODY), limits)
    assert _bad(results) == {}
    assert {r.id for r in results} == {
        "pdf.text-size",
        "pdf.fonts",
        "pdf.tagged",
        "pdf.properties",
        "pdf.page-numbers",
        "pdf.margins",
        "pdf.page-size",
    }


def test_small_text_fails(tmp_path: Path, limits) -> None:
    body = GOOD_BODY + '<p>Small print: <span style="font-size: 12pt">terms apply</span>.</p>'
    results = check_pdf(_pdf(tmp_path / "small.pdf", body), limits)
    assert _bad(results) == {"pdf.text-size": "error"}
    message = next(r for r in results if r.id == "pdf.text-size")
    assert "12 pt" in message.message and "page 1" in message.where


def test_17_pt_text_is_a_warning(tmp_path: Path, limits) -> None:
    body = GOOD_BODY + '<p style="font-size: 17pt">Nearly big enough.</p>'
    assert _bad(check_pdf(_pdf(tmp_path / "17.pdf", body), limits)) == {"pdf.text-size": "warning"}


def test_untagged_pdf_fails(tmp_path: Path, limits) -> None:
    results = check_pdf(_pdf(tmp_path / "untagged.pdf", GOOD_BODY, variant=None), limits)
    assert _bad(results).get("pdf.tagged") == "error"


def test_serif_font_fails(tmp_path: Path, limits) -> None:
    css = GOOD_CSS + " p { font-family: 'DejaVu Serif' }"
    results = check_pdf(_pdf(tmp_path / "serif.pdf", GOOD_BODY, css), limits)
    messages = [r.message for r in results if r.id == "pdf.fonts" and r.status == "error"]
    assert any("DejaVu" in m and "not one of the clear fonts" in m for m in messages)


def test_italic_text_fails(tmp_path: Path, limits) -> None:
    body = GOOD_BODY + "<p>This is <em>important</em>.</p>"
    results = check_pdf(_pdf(tmp_path / "italic.pdf", body), limits)
    assert any("italics" in r.message for r in results if r.id == "pdf.fonts")


def test_letter_paper_fails(tmp_path: Path, limits) -> None:
    css = GOOD_CSS.replace("size: A4", "size: letter")
    assert _bad(check_pdf(_pdf(tmp_path / "letter.pdf", GOOD_BODY, css), limits)) == {
        "pdf.page-size": "error"
    }


def test_missing_title_fails(tmp_path: Path, limits) -> None:
    pdf = _pdf(tmp_path / "untitled.pdf", GOOD_BODY, title="", variant=None)
    assert _bad(check_pdf(pdf, limits)).get("pdf.properties") == "error"


def test_table_without_header_cells_fails(tmp_path: Path, limits) -> None:
    body = "<h1>Parks plan</h1><table><tr><td>Spring</td><td>12,000</td></tr></table>"
    results = check_pdf(_pdf(tmp_path / "noth.pdf", body), limits)
    assert any("no header cells" in r.message for r in results if r.id == "pdf.tagged")


def test_not_a_pdf_is_reported(tmp_path: Path, limits) -> None:
    path = tmp_path / "fake.pdf"
    path.write_bytes(b"%PDF-1.7 but not really")
    assert [r.id for r in check_pdf(path, limits)] == ["pdf.open"]


def test_cli_check_picks_large_print_for_pdf_and_accepts_docx_with_profile(tmp_path: Path) -> None:
    from click.testing import CliRunner

    from accessconv.cli import cli
    from large_print_builders import compliant_document, save

    runner = CliRunner()
    pdf = _pdf(tmp_path / "good.pdf", GOOD_BODY)
    result = runner.invoke(cli, ["check", str(pdf), "--report", "json"])
    assert result.exit_code == 0, result.output
    assert '"profile": "large-print"' in result.output
    small = _pdf(tmp_path / "small.pdf", '<p style="font-size: 10pt">Tiny</p>')
    assert runner.invoke(cli, ["check", str(small)]).exit_code == 1
    docx_path = save(compliant_document(), tmp_path / "good.docx")
    result = runner.invoke(cli, ["check", str(docx_path), "-p", "large-print"])
    assert result.exit_code == 0, result.output
    assert runner.invoke(cli, ["check", str(docx_path), "-p", "giant-print"]).exit_code == 1


def test_missing_page_numbers_fail(tmp_path: Path, limits) -> None:
    # Two pages; a number in the body text ("page 1 of our plan") is not a page number.
    css = "@page { size: A4; margin: 2.5cm } body { font-family: 'Liberation Sans'; font-size: 18pt }"
    body = GOOD_BODY + "<p>See page 1 of our plan.</p>" + '<p style="break-before: page">More.</p>'
    results = check_pdf(_pdf(tmp_path / "unnumbered.pdf", body, css), limits)
    assert _bad(results) == {"pdf.page-numbers": "error"}
    found = next(r for r in results if r.id == "pdf.page-numbers")
    assert "2 of 2 pages" in found.message and found.where == "page 1"


def test_page_number_on_the_second_page_only_fails(tmp_path: Path, limits) -> None:
    css = GOOD_CSS + " @page :first { @bottom-left { content: none } }"
    body = GOOD_BODY + '<p style="break-before: page">More.</p>'
    found = next(
        r for r in check_pdf(_pdf(tmp_path / "first.pdf", body, css), limits) if r.id == "pdf.page-numbers"
    )
    assert found.status == "error" and "1 of 2 pages" in found.message and "pages 1)" in found.message


def test_page_number_that_moves_is_a_warning(tmp_path: Path, limits) -> None:
    top = PAGE_NUMBER.replace("bottom-left", "top-left")
    css = GOOD_CSS + f" @page :first {{ @bottom-left {{ content: none }} {top} }}"
    body = GOOD_BODY + '<p style="break-before: page">More.</p>'
    assert _bad(check_pdf(_pdf(tmp_path / "moved.pdf", body, css), limits)) == {"pdf.page-numbers": "warning"}


def test_narrow_left_margin_fails(tmp_path: Path, limits) -> None:
    css = GOOD_CSS.replace("margin: 2.5cm;", "margin: 2.5cm 2.5cm 2.5cm 1cm;")
    results = check_pdf(_pdf(tmp_path / "narrow.pdf", GOOD_BODY, css), limits)
    assert _bad(results) == {"pdf.margins": "error"}
    found = next(r for r in results if r.id == "pdf.margins")
    assert "1.0 cm from the left edge" in found.message and found.where.startswith("page 1")
