"""HTML checks must pass a good page and fail each kind of broken page."""

from __future__ import annotations

from pathlib import Path

import pytest

import accessconv
from accessconv.checks.html import contrast_ratio


def failing(tmp_path: Path, html: str) -> dict[str, list[str]]:
    page = tmp_path / "page.html"
    page.write_text(html, encoding="utf-8")
    result = accessconv.check_file(page, "html")
    out: dict[str, list[str]] = {}
    for c in result.checks:
        if c.status in ("error", "warning"):
            out.setdefault(c.id, []).append(c.status)
    return out


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
