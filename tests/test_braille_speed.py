"""The shortcuts that make the braille profile fast give exactly the answers of the plain way, and
sharing work between the BRF, PEF and preview checks never hides a difference between the files."""

from __future__ import annotations

import random
import re
import unicodedata
from pathlib import Path

import pytest

from accessconv.formats.braille import cells, checks
from accessconv.formats.braille.translate import _SPACES, _forward, _plain_spaces
from accessconv.pipeline import convert
from accessconv.reader import read
from braille_builders import louis_cells, profile, write_draft

# Cells, braille ASCII, other ASCII (line ends, lower case), Latin-1, dot-7 cells, CJK, emoji.
ALPHABET = (
    [chr(0x2800 + n) for n in range(256)] + [chr(n) for n in range(256)] + ["日", "😀", "\ufffe", "\u2028"]
)


def _random_strings(seed: int, count: int, alphabet: list[str], longest: int = 12):
    rng = random.Random(seed)
    for _ in range(count):
        yield "".join(rng.choice(alphabet) for _ in range(rng.randint(0, longest)))


def test_braille_ascii_conversions_match_the_character_tables() -> None:
    for text in _random_strings(1, 20_000, ALPHABET):
        assert cells.to_ascii(text) == text.translate(cells._TO_ASCII_TABLE), repr(text)
        assert cells.from_ascii(text) == text.translate(cells._FROM_ASCII_TABLE), repr(text)
    every_cell = "".join(chr(0x2800 + n) for n in range(64))
    assert cells.from_ascii(cells.to_ascii(every_cell + "\r\n\f")) == every_cell + "\r\n\f"


def test_escape_search_on_cells_matches_the_braille_ascii_search() -> None:
    # Six-dot cells only (the search on cells runs once a file has nothing else), built from the
    # pieces liblouis escapes are made of, and any other cell.
    pieces = ["'\\X", "'\\Y", "\\X", "'", "/", *"0123456789ABCDEFGHIJKZ"]
    parts = [cells.from_ascii(p) for p in pieces] + [chr(0x2800 + n) for n in range(64)]
    found = 0
    for text in _random_strings(2, 20_000, parts, longest=10):
        want = checks._ESCAPES.search(cells.to_ascii(text))
        got = checks._ESCAPE_CELLS.search(text)
        assert (got is None) == (want is None), cells.to_ascii(text)
        if got:
            assert cells.to_ascii(got.group()) == want.group()
            found += 1
    assert found > 100  # the test really met escapes


def test_indicator_pattern_removes_what_the_plain_alternation_removes() -> None:
    plain = re.compile("⠈⠨[⠣⠜]|[⠈⠘⠸⠨][⠂⠆⠶⠄]")
    for text in _random_strings(3, 50_000, list("⠈⠨⠣⠜⠘⠸⠂⠆⠶⠄⠁⠀")):
        assert checks._INDICATORS.sub("", text) == plain.sub("", text), text


def test_ascii_words_are_found_as_the_unicode_rule_finds_them() -> None:
    ascii_chars = [chr(n) for n in range(128)]
    for text in _random_strings(5, 20_000, ascii_chars, longest=20):
        want = re.findall(r"[^\W_]+", unicodedata.normalize("NFKC", text).casefold())
        assert list(checks._tokens(text)) == want, repr(text)


def test_the_quick_whitespace_test_never_hides_a_run_to_clean() -> None:
    spaces = [chr(c) for c in range(0x110000) if chr(c).isspace() or re.match(r"\s", chr(c))]
    assert not [c for c in spaces if c != " " and c.isprintable()]
    for text in _random_strings(4, 50_000, [*spaces[:12], "\u3000", "\u00a0", "a", "b", " ", " "]):
        if _plain_spaces(text):
            assert not _SPACES.search(text), repr(text)


@pytest.mark.parametrize(
    "text",
    [
        "Please read this before 31 January 2027.",
        "Café naïve Zoë paid £1,250.50 — 12.5% more.",
        "Visit www.example.org/a-b now, or email jo.bloggs@example.org.",
        "Emoji 😀 and 日本 in the middle.",
    ],
)
def test_translation_with_typeform_equals_the_bindings(text: str) -> None:
    rng = random.Random(text)
    for bits in (1, 2, 4, 16, 4096, 5):
        forms = [bits if rng.random() < 0.4 else 0 for _ in text]
        for table in ("en-ueb-g2.ctb", "en-ueb-g1.ctb"):
            want = louis_cells(text, table, list(forms))
            assert _forward.__wrapped__((table,), text, tuple(forms)) == want


@pytest.mark.parametrize(
    "pages",
    [
        [["", "", "⠀⠀⠠⠞⠊⠞⠇⠑"], ["⠀⠀⠀⠼⠁", "⠁⠃⠉", "", "⠙⠀⠑"]],
        [["⠼⠁"]],
        [],
        [["⠁"], []],  # an empty page
    ],
)
def test_pef_is_written_as_lxml_writes_it(pages: list[list[str]]) -> None:
    from lxml import etree

    from accessconv.formats.braille.files import pef_bytes

    written = pef_bytes(
        pages, cols=40, rows=25, rowgap=0, duplex=True, title="A & B <c>", language="en-GB",
        date="2027-01-31", description="Made by accessconv",
    )  # fmt: skip
    parser = etree.XMLParser(remove_blank_text=True)
    again = etree.tostring(
        etree.fromstring(written, parser), xml_declaration=True, encoding="UTF-8", pretty_print=True
    )
    assert written == again
    assert written.count(b"<page") == len(pages)


DRAFT = """---
title: Shared Reading
lang: en-GB
---

# Shared Reading

## What people told us

Northbrook Borough Council wants every person who draws on care to be helped by skilled staff.
They want to see the same care workers each week, and to have time to talk.
"""


@pytest.fixture
def made(tmp_path: Path) -> dict[str, Path]:
    draft = write_draft(tmp_path, "shared.md", DRAFT)
    result = convert(draft, ["braille"], tmp_path / "out")
    return {p.suffix: p for p in result.written} | {".md": draft}


def test_the_three_files_share_one_reading_of_their_braille(made: dict[str, Path]) -> None:
    checks.clear_caches()
    doc = read(made[".md"])
    for suffix in (".brf", ".pef", ".txt"):
        results = checks.check_braille_file(made[suffix], profile(), doc)
        assert not [r for r in results if r.status in ("error", "warning")], results
    assert len(checks._READINGS) == 1


def test_a_file_that_differs_is_read_on_its_own(made: dict[str, Path]) -> None:
    checks.clear_caches()
    doc = read(made[".md"])
    brf = checks.check_braille_file(made[".brf"], profile(), doc)
    # Blank out one word of the paragraph in the PEF only.
    pef = made[".pef"]
    text = pef.read_text(encoding="utf-8")
    word = louis_cells("Northbrook")
    assert text.count(word) == 1
    pef.write_text(text.replace(word, cells.BLANK * len(word)), encoding="utf-8")
    results = checks.check_braille_file(pef, profile(), doc)
    assert len(checks._READINGS) == 2
    trip = {r.id: r for r in results}["braille.round_trip"]
    assert trip.status in ("warning", "error") and "differs from the draft" in trip.message
    assert {r.id: r for r in brf}["braille.round_trip"].status == "info"
    # And the BRF, checked again afterwards, still reads as it is.
    again = checks.check_braille_file(made[".brf"], profile(), doc)
    assert {r.id: r for r in again}["braille.round_trip"].message == (
        {r.id: r for r in brf}["braille.round_trip"].message
    )
