"""Web pages come from templates: one base skeleton, values escaped by the template, CSS as data."""

from __future__ import annotations

import dataclasses
import re
from pathlib import Path

import pytest

from accessconv import model as m
from accessconv.batch import BatchResult
from accessconv.folder_report import render_index
from accessconv.formats.easy_read import plugin as er
from accessconv.profiles import load
from accessconv.web import templates
from accessconv.web.page import render
from easy_read_builders import good_document

SRC = Path(__file__).resolve().parents[1] / "src" / "accessconv"
NASTY = "Fish & <Chips> \"quoted\" isn't <script>alert('x')</script>"
ESCAPED = (
    "Fish &amp; &lt;Chips&gt; &quot;quoted&quot; isn&#x27;t &lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt;"
)


def _doc(title: str = NASTY) -> m.Document:
    return m.Document(
        title=title,
        language="en-GB",
        blocks=[
            m.Heading(1, [m.Text(title)], id="title"),
            m.Paragraph([m.Text("Text with "), m.Link([m.Text("a link")], "https://example.org/?a=1&b=2")]),
        ],
    )


def _pages(tmp_path: Path) -> dict[str, str]:
    """Every kind of page we write, each from a draft whose title has HTML-special characters."""
    doc = _doc()
    html_page, _ = render(doc, load("html").settings)
    easy = dataclasses.replace(good_document(), title=NASTY)
    settings = load("easy-read").settings
    cover = er.Picture("cover", None)
    source = tmp_path / NASTY.replace("/", "_")
    batch = BatchResult(source, tmp_path, ["html"], [], [], 1, 0.0, "2026-01-01T00:00:00")
    return {
        "plain page": html_page,
        "Easy Read page": er.render_html(easy, settings, cover),
        "review sheet": er.render_review(easy, settings),
        "folder index": render_index(batch),
    }


def test_values_from_the_draft_are_escaped_on_every_page(tmp_path: Path) -> None:
    for name, page in _pages(tmp_path).items():
        assert "<script>" not in page, name
        assert "&lt;script&gt;" in page, name
        title = re.search(r"<title>(.*)</title>", page)
        assert title and title.group(1).endswith(
            ESCAPED.replace("/", "_") if name == "folder index" else ESCAPED
        ), name


def test_every_page_has_the_one_skeleton(tmp_path: Path) -> None:
    for name, page in _pages(tmp_path).items():
        assert page.startswith('<!DOCTYPE html>\n<html lang="en-GB">\n<head>\n<meta charset="utf-8">\n'), name
        assert page.endswith("</main>\n</body>\n</html>\n"), name
        assert page.count("<!DOCTYPE html>") == page.count("<html") == page.count("<main") == 1, name


def _template_files() -> list[Path]:
    return sorted(p for p in SRC.rglob("templates/**/*") if p.is_file() and p.suffix == ".html")


def _extends_base(path: Path, seen: int = 0) -> bool:
    text = path.read_text(encoding="utf-8")
    if path.name == "base.html" and path.parent == SRC / "web" / "templates":
        return True
    found = re.search(r'\{%-?\s*extends\s+"([^"]+)"', text)
    if not found or seen > 5:
        return False
    parent = [p for p in _template_files() if p.name == found.group(1)]
    return any(_extends_base(p, seen + 1) for p in parent)


def test_every_page_template_extends_the_base() -> None:
    pages = _template_files()
    assert {p.name for p in pages} >= {
        "base.html",
        "page.html",
        "easy-read.html",
        "folder-index.html",
    }
    # A fragment another template includes (the review sheet's pictures section) is part of
    # that page, not a page of its own.
    included = {
        name
        for p in pages
        for name in re.findall(r'\{%-?\s*include\s+"([^"]+\.html)"', p.read_text(encoding="utf-8"))
    }
    for path in pages:
        if path.name in included:
            assert not re.search(r"\{%-?\s*extends", path.read_text(encoding="utf-8"))
            continue
        assert _extends_base(path), f"{path.relative_to(SRC)} does not extend base.html"
    skeletons = [p for p in pages if "<!DOCTYPE html>" in p.read_text(encoding="utf-8")]
    assert [p.relative_to(SRC).as_posix() for p in skeletons] == ["web/templates/base.html"]


def test_no_python_module_holds_an_html_skeleton() -> None:
    for path in SRC.rglob("*.py"):
        text = path.read_text(encoding="utf-8")
        assert "<!DOCTYPE" not in text.upper(), f"{path.relative_to(SRC)} builds an HTML page itself"
        assert "<meta charset" not in text, f"{path.relative_to(SRC)} builds an HTML page itself"


def test_no_module_edits_html_it_wrote() -> None:
    """Output is built right the first time: no str.replace on HTML tags."""
    edit = re.compile(r"""\.replace\(\s*(f?["'])<""")
    for path in SRC.rglob("*.py"):
        assert not edit.search(path.read_text(encoding="utf-8")), (
            f"{path.relative_to(SRC)} edits HTML with replace"
        )


def test_stylesheets_are_filled_from_the_profile() -> None:
    html = load("html").settings
    css = templates.render("css/page.css", s=dataclasses.replace(html, text_colour="#123456"))
    assert "--text: #123456;" in css and "{{" not in css


def test_css_is_not_html_escaped() -> None:
    html = load("html").settings
    css = templates.render(
        "css/page.css", s=dataclasses.replace(html, font_family='"Atkinson Hyperlegible", Arial')
    )
    assert 'font-family: "Atkinson Hyperlegible", Arial;' in css


def test_a_missing_value_is_an_error_not_an_empty_string() -> None:
    import jinja2

    with pytest.raises(jinja2.UndefinedError):
        templates.render("page.html", language="en", title="t", version="1")
