"""HTML checks must pass a good page and fail each kind of broken page."""

from __future__ import annotations

from pathlib import Path

import pytest

import accessconv
from accessconv.checks.html import contrast_ratio


def findings(tmp_path: Path, html: str) -> dict[str, list[tuple[str, str]]]:
    """Check id -> (status, message) of every error and warning on the page `html`."""
    page = tmp_path / "page.html"
    page.write_text(html, encoding="utf-8")
    out: dict[str, list[tuple[str, str]]] = {}
    for c in accessconv.check_file(page, "html").checks:
        if c.status in ("error", "warning"):
            out.setdefault(c.id, []).append((c.status, c.message))
    return out


def failing(tmp_path: Path, html: str) -> dict[str, list[str]]:
    return {check: [status for status, _ in found] for check, found in findings(tmp_path, html).items()}


def test_good_page_passes_every_check(tmp_path: Path, good_page: str) -> None:
    assert failing(tmp_path, good_page) == {}
    result = accessconv.check_file(_write(tmp_path, good_page), "html")
    assert len({c.id for c in result.checks}) >= 12


def _write(tmp_path: Path, html: str) -> Path:
    page = tmp_path / "p.html"
    page.write_text(html, encoding="utf-8")
    return page


BREAKAGES = [
    ("html.lang", '<html lang="en-GB">', "<html>", "error"),
    ("html.title", "<title>Every block</title>", "<title></title>", "error"),
    ("html.h1", "<h1", "<h1>Second main heading</h1>\n<h1", "error"),
    ("html.heading-order", '<h2 id="notes-heading">Notes</h2>', '<h4 id="notes-heading">Notes</h4>', "error"),
    ("html.img-alt", 'alt="A bar chart of vacancies"', "", "error"),
    ("html.img-alt", 'alt="A bar chart of vacancies"', 'alt="IMG_0042.jpg"', "error"),
    ("html.tables", ">A small table</caption>", "></caption>", "error"),
    (
        "html.tables",
        '<th scope="col">Name</th><th scope="col">Value</th>',
        "<td>Name</td><td>Value</td>",
        "error",
    ),
    ("html.tables", '<th scope="col">Name</th>', "<th>Name</th>", "error"),
    ("html.link-text", ">a useful link</a>", ">click here</a>", "warning"),
    ("html.link-text", ">a useful link</a>", ">https://example.org</a>", "warning"),
    ("html.contrast", "--text: #1b1b1b;", "--text: #999999;", "error"),
    ("html.contrast", "--text: #1b1b1b;", "--text: #666666;", "warning"),
    ("html.safe", "</main>", "<script>alert(1)</script></main>", "error"),
    ("html.safe", "<p>", '<p onclick="steal()">', "error"),
    ("html.safe", "</main>", '<img src="https://tracker.example/p.png" alt="x"></main>', "error"),
    ("html.readable-css", "font-size: 1.125rem;", "font-size: 14px;", "error"),
    ("html.readable-css", "line-height: 1.5;", "line-height: 1.2;", "error"),
    ("html.readable-css", "font-size: 1.125rem;", "font-size: 0.75rem;", "error"),
    (
        "html.landmarks",
        '<a class="skip-link" href="#main-content">',
        '<a class="skip-link" href="#top">',
        "error",
    ),
    ("html.links-resolve", 'href="#note-1"', 'href="#note-99"', "error"),
    # Outside content without a script, code-running or empty links, structure, reading comfort.
    # Things that fetch from elsewhere without a <script>, <img src> or <style> url().
    ("html.safe", "<p>", '<p style="background: url(https://tracker.example/p.gif)">', "error"),
    ("html.safe", "<p>", "<p style=\"background: URL( 'https://tracker.example/p.gif')\">", "error"),
    (
        "html.safe",
        "<head>",
        '<head>\n<meta http-equiv="refresh" content="0; url=https://elsewhere">',
        "error",
    ),
    (
        "html.safe",
        'alt="A bar chart',
        'srcset="data:image/png;base64,AAAA 1x, https://tracker.example/p.png 2x" alt="A bar chart',
        "error",
    ),
    (
        "html.safe",
        "</main>",
        '<svg><image href="https://tracker.example/p.png"/><use xlink:href="https://x.example/s.svg#a"/>'
        "</svg></main>",
        "error",
    ),
    ("html.safe", "</main>", '<iframe title="x" src="data:text/html,hi"></iframe></main>', "error"),
    ("html.safe", "</main>", '<object data="https://x.example/a.swf"></object></main>', "error"),
    ("html.safe", "</style>", "@import 'https://x.example/a.css';\n</style>", "error"),
    # Links that run code, or have no words.
    ("html.link-text", 'href="https://example.org"', 'href="javascript:alert(1)"', "error"),
    ("html.link-text", 'href="https://example.org"', 'href=" JavaScript:alert(1)"', "error"),
    ("html.link-text", ">a useful link</a>", "></a>", "error"),
    # Page structure.
    ("html.lang", '<html lang="en-GB">', '<html lang="English (UK)">', "error"),
    ("html.title", "<title>Every block</title>", "<title>draft-final-v2.docx</title>", "warning"),
    ("html.heading-order", '<h2 id="notes-heading">Notes</h2>', '<h2 id="notes-heading"> </h2>', "error"),
    ("html.landmarks", "</main>", "</main>\n<main></main>", "error"),
    ("html.img-alt", 'alt="A bar chart of vacancies"', 'alt=""', "warning"),
    # A picture drawn by <svg role="img"> (stored once, shown by <use>) is named by aria-label or <title>.
    ("html.img-alt", "</main>", '<svg role="img" viewBox="0 0 1 1"><use href="#pic"/></svg></main>', "error"),
    ("html.img-alt", "</main>", '<svg role="img" aria-label="IMG_7.png"></svg></main>', "error"),
    ("html.img-alt", "</main>", '<svg role="img"><title> </title></svg></main>', "warning"),
    ("html.img-alt", 'alt="A bar chart of vacancies"', 'alt="' + "a" * 400 + '"', "warning"),
    ("html.links-resolve", 'id="note-1"', 'id="main-content"', "error"),
    # Reading comfort.
    ("html.readable-css", "initial-scale=1", "initial-scale=1, maximum-scale=1", "error"),
    ("html.readable-css", "max-width: 70ch;", "max-width: 120ch;", "warning"),
    ("html.readable-css", "main { max-width: 70ch;", "main {", "warning"),
]


@pytest.mark.parametrize(("check_id", "old", "new", "severity"), BREAKAGES)
def test_broken_page_fails_the_right_check(
    tmp_path: Path, good_page: str, check_id: str, old: str, new: str, severity: str
) -> None:
    assert old in good_page
    broken = good_page.replace(old, new, 1)
    found = failing(tmp_path, broken)
    assert severity in found.get(check_id, []), found


def test_dark_mode_colours_are_checked(tmp_path: Path, good_page: str) -> None:
    broken = good_page.replace("--background: #121212;", "--background: #9a9a9a;")
    assert "error" in failing(tmp_path, broken).get("html.contrast", [])


def test_contrast_ratio_matches_wcag() -> None:
    assert contrast_ratio("#000000", "#ffffff") == pytest.approx(21.0)
    assert contrast_ratio("#777777", "#ffffff") == pytest.approx(4.48, abs=0.01)
    assert contrast_ratio("#fff", "#fff") == pytest.approx(1.0)


def test_a_colour_the_check_cannot_read_is_explained_not_a_crash(tmp_path: Path, good_page: str) -> None:
    # A council profile may name a colour ("navy"); the check must say so in plain words, and
    # still check the colours it can read.
    broken = good_page.replace("--text: #1b1b1b;", "--text: navy;", 1).replace(
        "--link: ", "--link: #bbbbbb; --unused: ", 1
    )
    found = findings(tmp_path, broken)
    messages = [msg for _, msg in found["html.contrast"]]
    assert any("'navy'" in msg and "cannot be checked" in msg for msg in messages), messages
    assert not any("could not run" in msg for msg in messages), messages
    assert any(msg.startswith("Contrast of link on background") for msg in messages), messages


def test_self_contained_page_with_pictures_passes_the_safety_check(tmp_path: Path, good_page: str) -> None:
    # A data: URI in srcset contains commas; it must not be read as several addresses.
    page = good_page.replace(
        'alt="A bar chart', 'srcset="data:image/png;base64,AAAA,BBBB 2x" alt="A bar chart'
    )
    assert "html.safe" not in findings(tmp_path, page)


def test_a_picture_drawn_by_svg_with_a_name_passes(tmp_path: Path, good_page: str) -> None:
    named = '<svg role="img" aria-label="A map of the town"></svg><svg role="img"><title>A bus</title></svg>'
    hidden = '<svg width="0" height="0" aria-hidden="true"><symbol id="pic"></symbol></svg>'
    page = good_page.replace("</main>", named + hidden + "</main>", 1)
    assert "html.img-alt" not in failing(tmp_path, page)
