"""The HTML writer, judged on the page a reader gets."""

from __future__ import annotations

from pathlib import Path

import lxml.html

import accessconv
from builders import MARKDOWN_ALL_BLOCKS, docx_draft


def convert_md(
    tmp_path: Path, text: str, name: str = "draft.md"
) -> tuple[Path, accessconv.pipeline.ConversionResult]:
    src = tmp_path / name
    src.write_text(text, encoding="utf-8")
    result = accessconv.convert(src, profiles=["html"], out_dir=tmp_path / "out")
    return result.written[0], result


def test_every_block_written_accessibly(tmp_path: Path) -> None:
    page, result = convert_md(tmp_path, MARKDOWN_ALL_BLOCKS)
    tree = lxml.html.parse(str(page)).getroot()
    assert tree.get("lang") == "en-GB"
    assert tree.findtext(".//title") == "Every block"
    first_link = tree.find(".//a")
    assert first_link.get("href") == "#main-content" and tree.find(".//main").get("id") == "main-content"
    assert [h.text_content() for h in tree.iter("h1")] == ["Every block"]
    assert tree.find(".//ol").get("start") == "3"
    items = tree.find(".//ol").findall("li")
    assert [li.text_content().split() for li in items] == [["Third"], ["Fourth", "nested", "bullet"]]
    assert [li.text_content() for li in items[1].findall("ul/li")] == ["nested bullet"]
    table = tree.find(".//table")
    assert table.find("caption").text_content() == "A small table"
    assert [th.get("scope") for th in table.iter("th")] == ["col", "col"]
    assert tree.find(".//blockquote") is not None and tree.find(".//dl/dt").text_content() == "Term"
    assert tree.find(".//pre/code").text_content() == "code block"
    ref = tree.find(".//a[@class='note-ref']")
    note = tree.get_element_by_id(ref.get("href")[1:])
    assert "A footnote." in note.text_content()
    assert note.find(".//a").get("href") == "#" + ref.get("id")
    assert tree.find(".//script") is None
    assert result.errors == 0


def test_picture_embedded_with_alt_text(tmp_path: Path) -> None:
    result = accessconv.convert(docx_draft(tmp_path / "d.docx"), profiles=["html"], out_dir=tmp_path / "o")
    img = lxml.html.parse(str(result.written[0])).getroot().find(".//img")
    assert img.get("src").startswith("data:image/png;base64,")
    assert img.get("alt") == "A chart of staff numbers"


def test_headings_fixed_and_reported(tmp_path: Path) -> None:
    text = "---\ntitle: Plan\n---\n# One\n\n## Two\n\n#### Four\n\n# Another one\n\nText.\n"
    page, result = convert_md(tmp_path, text)
    tree = lxml.html.parse(str(page)).getroot()
    levels = [int(h.tag[1]) for h in tree.iter("h1", "h2", "h3", "h4", "h5", "h6")]
    assert levels.count(1) == 1 and tree.find(".//h1").text_content() == "Plan"
    assert all(b <= a + 1 for a, b in zip(levels, levels[1:], strict=False))
    changes = result.outputs[0].changes
    assert any("top-level headings" in c for c in changes)
    assert any("skipped" in c for c in changes)


def test_contents_list_only_with_more_than_three_headings(tmp_path: Path) -> None:
    few, _ = convert_md(tmp_path, "# A\n\n## B\n\n## C\n\ntext\n", "few.md")
    assert lxml.html.parse(str(few)).getroot().find(".//nav") is None
    many, _ = convert_md(tmp_path, "# A\n\n## B\n\n## C\n\n### D\n\ntext\n", "many.md")
    nav = lxml.html.parse(str(many)).getroot().find(".//nav")
    assert [a.get("href") for a in nav.iter("a")] == ["#b", "#c", "#d"]


def test_source_text_is_escaped(tmp_path: Path) -> None:
    page, _ = convert_md(
        tmp_path, '# Esc\n\nUse `<script>alert("x")</script>` and 5 < 6 & "quotes".\n\n    <b>code</b>\n'
    )
    raw = page.read_text(encoding="utf-8")
    assert "<script>" not in raw and "<b>code</b>" not in raw
    assert "&lt;script&gt;" in raw and "5 &lt; 6 &amp;" in raw


def test_output_is_deterministic(tmp_path: Path) -> None:
    src = docx_draft(tmp_path / "d.docx")
    first = accessconv.convert(src, profiles=["html"], out_dir=tmp_path / "a").written[0].read_bytes()
    second = accessconv.convert(src, profiles=["html"], out_dir=tmp_path / "b").written[0].read_bytes()
    assert first == second
