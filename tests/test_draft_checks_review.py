"""Draft checks: what the reader dropped is reported with a fix that fits it."""

from __future__ import annotations

from pathlib import Path

import accessconv


def _reader_findings(tmp_path: Path, text: str) -> list[accessconv.checks.CheckResult]:
    src = tmp_path / "draft.md"
    src.write_text(text, encoding="utf-8")
    result = accessconv.check_file(src, "draft")
    return [c for c in result.checks if c.id == "draft.reader-notes" and c.status == "warning"]


def test_each_dropped_thing_has_its_own_fix(tmp_path: Path) -> None:
    (tmp_path / "notes.txt").write_text("not a picture", encoding="utf-8")
    found = _reader_findings(
        tmp_path,
        "# Plan\n\nSee [the form](javascript:alert(1)) and <b>bold</b>.\n\n"
        "![A chart](notes.txt)\n\n![A map](https://maps.example/m.png)\n",
    )
    by_topic = {
        "link": next(c for c in found if "javascript:" in c.message),
        "code": next(c for c in found if "HTML" in c.message),
        "unusable": next(c for c in found if "notes.txt" in c.message),
        "remote": next(c for c in found if "maps.example" in c.message),
    }
    assert "Removed 1 link whose" in by_topic["link"].message
    assert "https://" in by_topic["link"].fix
    assert "2 pieces" in by_topic["code"].message  # <b> and </b>
    assert "PNG or JPEG" in by_topic["unusable"].fix
    assert "is on the web, so it was not fetched" in by_topic["remote"].message
    assert "draft's folder" in by_topic["remote"].fix
    # No programmer's plurals, and no fix that does not fit its problem.
    assert not any("(s)" in c.message for c in found)
    assert len({c.fix for c in found}) == 4


def test_a_picture_carried_inside_the_draft_is_named_without_its_code(tmp_path: Path) -> None:
    svg = "PHN2ZyB4bWxucz0naHR0cDovL3d3dy53My5vcmcvMjAwMC9zdmcnLz4="
    found = _reader_findings(
        tmp_path,
        f"# Plan\n\n![A logo](data:image/svg+xml;base64,{svg})\n\n![A chart](data:image/png,notbase64)\n",
    )
    messages = [c.message for c in found]
    assert any(
        msg.startswith("A picture carried inside the draft (type SVG) is not a picture") for msg in messages
    )
    assert any(
        msg.startswith("A picture carried inside the draft (type PNG) is not a picture") for msg in messages
    )
    assert not any(svg[:20] in msg or "not fetched" in msg for msg in messages), messages


def test_markdown_authors_get_markdown_fixes(tmp_path: Path) -> None:
    src = tmp_path / "notes.md"
    src.write_text("Some text.\n\n![](chart.png)\n", encoding="utf-8")
    fixes: dict[str, list[str]] = {}
    for c in accessconv.check_file(src, "draft").checks:
        if c.status != "pass":
            fixes.setdefault(c.id, []).append(c.fix)
    assert "##" in fixes["draft.headings"][0]
    assert "![" in fixes["draft.alt-text"][0]
    title_fix, language_fix = fixes["draft.title-language"]
    assert "title:" in title_fix and "lang:" in language_fix
    assert fixes["draft.reader-notes"] == [
        "Put the picture in the same folder as the draft (or a folder inside it) and check its name."
    ]
    assert not [fix for found in fixes.values() for fix in found if "Word" in fix], fixes


def test_layout_counts_read_as_words(tmp_path: Path) -> None:
    from builders import docx_draft

    one = accessconv.check_file(docx_draft(tmp_path / "one.docx", empty_paragraphs=1), "draft").checks
    three = accessconv.check_file(docx_draft(tmp_path / "three.docx", empty_paragraphs=3), "draft").checks
    messages = [c.message for c in one + three if c.id == "draft.layout" and c.status == "warning"]
    assert "The draft has 1 empty paragraph used for spacing." in messages
    assert "The draft has 3 empty paragraphs used for spacing." in messages
    assert not [m for m in messages if "(s)" in m]
    # A Word draft keeps Word's menus in its fixes.
    flat = accessconv.check_file(docx_draft(tmp_path / "flat.docx", headings=False), "draft").checks
    assert [c.fix for c in flat if c.id == "draft.headings"] == [
        "Apply Heading 1, Heading 2... styles from Word's Home tab to the section titles."
    ]


def test_a_language_that_is_not_a_code_is_reported_once_and_not_copied_into_outputs(tmp_path: Path) -> None:
    import lxml.html

    src = tmp_path / "lang.md"
    src.write_text("---\ntitle: T\nlang: English (UK)\n---\n# T\n\nText.\n", encoding="utf-8")
    result = accessconv.convert(src, profiles=["html"], out_dir=tmp_path / "out")
    page = lxml.html.parse(str(result.written[0])).getroot()
    assert page.get("lang") == "en-GB"
    assert [c.status for c in result.outputs[0].checks if c.id == "html.lang"] == ["pass"]
    found = [c for c in result.draft_checks if c.status != "pass"]
    assert [(c.id, c.status) for c in found] == [("draft.reader-notes", "warning")]
    assert "'English (UK)', which is not a language code" in found[0].message
    assert "lang: en-GB" in found[0].fix


def test_a_link_with_no_words_is_found_in_the_draft_not_only_in_the_page(tmp_path: Path) -> None:
    src = tmp_path / "links.md"
    src.write_text(
        "---\ntitle: T\nlang: en-GB\n---\n# T\n\nSee [](https://example.org/a) and [ ](https://example.org/b).\n",
        encoding="utf-8",
    )
    found = [c for c in accessconv.check_file(src, "draft").checks if c.status != "pass"]
    assert [(c.id, c.status) for c in found] == [("draft.links", "error")] * 2
    assert "'https://example.org/a' has no words" in found[0].message


def test_an_empty_line_with_a_heading_style_is_left_out_and_reported_once(tmp_path: Path) -> None:
    import docx
    import lxml.html

    document = docx.Document()
    document.core_properties.title = "Plan"
    document.core_properties.language = "en-GB"
    document.add_heading("Plan", 1)
    document.add_heading("", 2)
    document.add_paragraph("Text.")
    document.add_heading("Real section", 2)
    document.add_paragraph("More text.")
    src = tmp_path / "plan.docx"
    document.save(str(src))
    result = accessconv.convert(src, profiles=["html"], out_dir=tmp_path / "out")
    page = lxml.html.parse(str(result.written[0])).getroot()
    assert [h.text_content() for h in page.iter("h1", "h2")] == ["Plan", "Real section"]
    assert [c.status for c in result.outputs[0].checks if c.id == "html.heading-order"] == ["pass"]
    found = [c for c in result.draft_checks if c.status != "pass"]
    assert [(c.id, c.message) for c in found] == [
        ("draft.reader-notes", "Left out 1 empty line with a heading style but no words.")
    ]
    assert "Normal style" in found[0].fix
