"""Odd drafts: each converts, or stops with one plain line (exit 2) and leaves nothing behind."""

from __future__ import annotations

import io
from pathlib import Path

import pytest

from builders import png_bytes


def _text(name: str, text: str):
    def make(folder: Path) -> Path:
        path = folder / name
        path.write_text(text, encoding="utf-8")
        return path

    return make


TOO_DEEP = {
    "quotes": _text("quotes.md", "# Deep\n\n" + "> " * 3000 + "text\n"),
    "lists": _text("lists.md", "# Deep\n\n" + "".join("  " * i + "- x\n" for i in range(400))),
    "styles": _text(
        "styles.html",
        "<html><head><title>Deep</title></head><body><h1>Deep</h1><p>"
        + "<em><strong>" * 300
        + "x"
        + "</strong></em>" * 300
        + "</p></body></html>",
    ),
    "just past the limit": _text("past.md", "# Deep\n\n" + "> " * 45 + "text\n"),
}


@pytest.mark.parametrize("case", sorted(TOO_DEEP))
def test_nesting_too_deep_is_one_plain_line(tmp_path: Path, run_cli, case: str) -> None:
    drafts = tmp_path / "drafts"
    drafts.mkdir()
    draft = TOO_DEEP[case](drafts)
    result = run_cli("convert", draft, "-p", "html", "-o", tmp_path / "out")
    assert result.exit_code == 2
    lines = result.output.strip().splitlines()
    assert len(lines) == 1, result.output
    assert "more than 40 levels deep" in lines[0] and draft.name in lines[0]
    assert "unexpected" not in lines[0] and "Error" not in lines[0]
    assert not (tmp_path / "out").exists()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["drafts"]


def test_ordinary_deep_nesting_still_converts(tmp_path: Path, run_cli) -> None:
    draft = _text(
        "nested.md", "# Plan\n\n" + "> " * 20 + "quoted\n\n" + "".join("    " * i + "- x\n" for i in range(9))
    )(tmp_path)
    result = run_cli("convert", draft, "-p", "html", "-o", tmp_path / "out")
    assert result.exit_code == 0, result.output
    page = (tmp_path / "out" / "nested.html").read_text(encoding="utf-8")
    assert page.count("<blockquote>") == 20 and page.count("<ul>") == 9


def _only_table(folder: Path) -> Path:
    import docx

    document = docx.Document()
    document.core_properties.title = "Fees"
    table = document.add_table(rows=2, cols=2)
    for r, row in enumerate([("Service", "Fee"), ("Day centre", "£20")]):
        for c, words in enumerate(row):
            table.cell(r, c).text = words
    path = folder / "only-table.docx"
    document.save(str(path))
    return path


def _only_picture(folder: Path) -> Path:
    import docx

    document = docx.Document()
    document.add_picture(io.BytesIO(png_bytes()))
    path = folder / "only-picture.docx"
    document.save(str(path))
    return path


@pytest.mark.parametrize(
    ("make", "expected"),
    [
        (_only_table, "Day centre"),
        (_only_picture, 'src="data:image/png;base64,'),
    ],
)
def test_a_draft_with_no_paragraphs_still_converts(tmp_path: Path, run_cli, make, expected: str) -> None:
    draft = make(tmp_path)
    result = run_cli("convert", draft, "-p", "html", "-o", tmp_path / "out")
    assert result.exit_code == 1, result.output  # converted, with problems for a person (no headings)
    assert "no headings" in result.output and "Traceback" not in result.output
    assert expected in (tmp_path / "out" / f"{draft.stem}.html").read_text(encoding="utf-8")


def test_front_matter_alone_is_a_draft_with_no_text(tmp_path: Path, run_cli) -> None:
    draft = _text("front.md", "---\ntitle: Only a title\nlang: en-GB\n---\n")(tmp_path)
    result = run_cli("convert", draft, "-p", "html", "-o", tmp_path / "out")
    assert result.exit_code == 2
    assert result.output.strip().splitlines() == [
        f'accessconv: "{draft}": the document has no text. Check it is the right file, then retry.'
    ]
    assert not (tmp_path / "out").exists()


@pytest.mark.parametrize("what", ["word file", "zero bytes inside"])
def test_checking_a_renamed_file_as_a_web_page_is_one_plain_line(tmp_path: Path, run_cli, what: str) -> None:
    from builders import docx_draft

    target = tmp_path / "page.html"
    if what == "word file":
        docx_draft(tmp_path / "d.docx").rename(target)
    else:
        target.write_bytes(b"<html>\x00\x00\x01binary")
    result = run_cli("check", target)
    assert result.exit_code == 2
    lines = result.output.strip().splitlines()
    assert len(lines) == 1 and "is not a web page" in lines[0] and "page.html" in lines[0]


def test_a_latin1_web_page_is_still_checked(tmp_path: Path, run_cli) -> None:
    target = tmp_path / "old.html"
    target.write_bytes(
        '<html lang="en-GB"><head><title>Caf\u00e9</title></head><body></body></html>'.encode("latin-1")
    )
    result = run_cli("check", target)
    assert result.exit_code == 1 and "checks passed" in result.output
