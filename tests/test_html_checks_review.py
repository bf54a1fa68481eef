"""HTML checks: the kinds of broken page the first set of breakages did not cover.

Each case edits a real page written by accessconv and checks the written file again."""

from __future__ import annotations

from pathlib import Path

import pytest

import accessconv


def findings(tmp_path: Path, html: str) -> dict[str, list[tuple[str, str]]]:
    page = tmp_path / "page.html"
    page.write_text(html, encoding="utf-8")
    out: dict[str, list[tuple[str, str]]] = {}
    for c in accessconv.check_file(page, "html").checks:
        if c.status in ("error", "warning"):
            out.setdefault(c.id, []).append((c.status, c.message))
    return out


BREAKAGES = [
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
    found = findings(tmp_path, good_page.replace(old, new, 1))
    assert severity in [status for status, _ in found.get(check_id, [])], found


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
