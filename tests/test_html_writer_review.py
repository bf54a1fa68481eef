"""The HTML writer: draft content that once broke the page's structure or got through unescaped."""

from __future__ import annotations

from pathlib import Path

import lxml.html

import accessconv


def _page(tmp_path: Path, text: str, name: str = "draft.md") -> lxml.html.HtmlElement:
    src = tmp_path / name
    src.write_text(text, encoding="utf-8")
    result = accessconv.convert(src, profiles=["html"], out_dir=tmp_path / "out")
    return lxml.html.parse(str(result.written[0])).getroot()


def test_a_picture_left_out_of_a_sentence_keeps_the_sentence_whole(tmp_path: Path) -> None:
    tree = _page(tmp_path, "# Map\n\nSee ![the ward map](https://maps.example/m.png) for the wards.\n")
    paragraphs = [" ".join(p.text_content().split()) for p in tree.find(".//main").iter("p")]
    assert paragraphs == ["See Picture not included: the ward map for the wards."]


def test_draft_content_cannot_break_out_of_attributes_or_run_code(tmp_path: Path) -> None:
    tree = _page(
        tmp_path,
        '# Plan "one" <b>x</b> {#a"onclick=x}\n\n'
        "<script>alert(1)</script>\n\n"
        "[run](javascript:alert(1)) [html](data:text/html,hi) "
        '[site](https://example.org/"onmouseover="alert(1)) <img src=x onerror=alert(1)>\n',
    )
    assert tree.find(".//script") is None
    for el in tree.iter():
        if isinstance(el.tag, str):
            assert not [a for a in el.attrib if a.lower().startswith("on")], lxml.html.tostring(el)
    hrefs = [a.get("href") for a in tree.find(".//main").iter("a")]
    assert hrefs == ["https://example.org/%22onmouseover=%22alert(1)"]
    assert " ".join(tree.find(".//main//p").text_content().split()) == "run html site"


def _hyperlink(paragraph, url: str, text: str) -> None:
    from docx.opc.constants import RELATIONSHIP_TYPE
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    rid = paragraph.part.relate_to(url, RELATIONSHIP_TYPE.HYPERLINK, is_external=True)
    link = OxmlElement("w:hyperlink")
    link.set(qn("r:id"), rid)
    run = OxmlElement("w:r")
    words = OxmlElement("w:t")
    words.text = text
    words.set(qn("xml:space"), "preserve")
    run.append(words)
    link.append(run)
    paragraph._p.append(link)


def test_word_hyperlinks_to_code_are_dropped_and_quotes_stay_inside_the_address(tmp_path: Path) -> None:
    import docx

    document = docx.Document()
    document.core_properties.title = "Links"
    document.add_heading("Links", 1)
    para = document.add_paragraph("Read ")
    _hyperlink(para, "javascript:alert(1)", "the form")
    _hyperlink(para, " JAVASCRIPT:alert(1)", " the other form")
    _hyperlink(para, 'https://example.org/"><script>alert(1)</script>', " the council site")
    src = tmp_path / "links.docx"
    document.save(str(src))
    result = accessconv.convert(src, profiles=["html"], out_dir=tmp_path / "out")
    tree = lxml.html.parse(str(result.written[0])).getroot()
    assert tree.find(".//script") is None
    links = [(a.get("href"), a.text_content()) for a in tree.find(".//main").iter("a")]
    assert links == [('https://example.org/"><script>alert(1)</script>', "the council site")]
    assert " ".join(tree.find(".//main//p").text_content().split()) == (
        "Read the form the other form the council site"
    )
    assert not [c for c in result.outputs[0].checks if c.id == "html.safe" and c.status != "pass"]


def test_a_heading_cannot_take_an_id_the_writer_gives_a_table(tmp_path: Path) -> None:
    tree = _page(
        tmp_path,
        "# Plan\n\n## Table 1 caption\n\n| a | b |\n|---|---|\n| 1 | 2 |\n\n"
        "## Note 1\n\nText.[^1]\n\n[^1]: A note.\n",
    )
    ids = [el.get("id") for el in tree.iter() if isinstance(el.tag, str) and el.get("id")]
    assert len(ids) == len(set(ids)), ids
    caption = tree.find(".//caption")
    assert tree.find(".//div[@role='region']").get("aria-labelledby") == caption.get("id")
    assert [h.get("id") for h in tree.iter("h2")][:2] == ["section-table-1-caption", "section-note-1"]


def test_an_html_draft_with_embedded_and_fetching_elements_gives_a_self_contained_page(
    tmp_path: Path,
) -> None:
    tree = _page(
        tmp_path,
        '<!DOCTYPE html><html lang="en-GB"><head><title>Framed</title><base href="https://evil.example/">'
        '<meta http-equiv="refresh" content="0;url=https://evil.example">'
        "<style>body{background:url(https://t.example/x)}</style></head><body>"
        '<h1 onclick="x()">Framed</h1><iframe src="https://evil.example/f"></iframe>'
        '<object data="https://evil.example/x.swf"><p>Fallback words</p></object><embed src="x.swf">'
        '<p style="background:url(https://t.example/y)">Hello <a href="vbscript:x">there</a></p>'
        '<form action="https://evil.example"><input name="x"></form>'
        '<svg><a href="javascript:alert(1)"><text>t</text></a></svg></body></html>',
        name="framed.html",
    )
    banned = {"script", "iframe", "object", "embed", "form", "input", "base", "svg", "style", "meta"}
    body = tree.find(".//body")
    assert not [el.tag for el in body.iter() if isinstance(el.tag, str) and el.tag in banned]
    assert not [el for el in tree.iter() if isinstance(el.tag, str) and el.get("style")]
    assert [m.get("http-equiv") for m in tree.iter("meta")] == [None, None, None]
    assert "Fallback words" in body.text_content() and "Hello there" in body.text_content()
    assert [a.get("href") for a in tree.find(".//main").iter("a")] == []
