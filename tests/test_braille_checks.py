"""Every braille check passes on our own files and fails on a broken one."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from accessconv.errors import UsageError
from accessconv.pipeline import check_file, convert
from accessconv.reader import read
from braille_builders import profile, write_draft

DRAFT = """---
title: Care Workforce Plan
lang: en-GB
---

# Care Workforce Plan

## About this plan

Northbrook Borough Council wants every person who draws on care to be helped by skilled staff.
We will spend £1.2 million and 25% of new starters leave in their first year.

## What people told us

- they want to see the same care workers;
- care workers should have time to talk.

## Contact

Email <workforce@northbrook.example.gov.uk> or phone 01632 960 123.
"""


@pytest.fixture(scope="module")
def made(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    folder = tmp_path_factory.mktemp("braille-checks")
    draft = write_draft(folder, "plan.md", DRAFT)
    result = convert(draft, ["braille"], folder / "out")
    paths = {p.suffix: p for p in result.written}
    paths[".md"] = draft
    return paths


def _copy(made: dict[str, Path], suffix: str, tmp_path: Path) -> Path:
    target = tmp_path / made[suffix].name
    shutil.copy(made[suffix], target)
    return target


def _run(path: Path, with_draft: Path | None = None):
    p = profile()
    if with_draft is not None:
        from accessconv.formats.braille.plugin import check

        return check(path, p, doc=read(with_draft))
    return check_file(path, "braille").checks


def _status(results, check_id: str) -> set[str]:
    return {r.status for r in results if r.id == check_id}


def test_our_files_pass_every_check(made: dict[str, Path]) -> None:
    for suffix in (".brf", ".pef", ".txt"):
        results = _run(made[suffix], made[".md"])
        bad = [r for r in results if r.status in ("error", "warning")]
        assert not bad, bad
        ids = {r.id for r in results}
        assert {"braille.round_trip", "braille.headings", "braille.page_count", "braille.untranslated"} <= ids
        trip = next(r for r in results if r.id == "braille.round_trip")
        assert "cell for cell" in trip.message
        assert "braille pages" in next(r for r in results if r.id == "braille.page_count").message


def test_check_on_its_own_picks_the_braille_profile(made: dict[str, Path], tmp_path: Path) -> None:
    assert made[".txt"].name.endswith("-braille.txt")
    for suffix in (".brf", ".pef", ".txt"):
        result = check_file(made[suffix])
        assert result.profile == "braille"
        assert not [r for r in result.checks if r.status == "error"]
    # The preview is checked as the Unicode preview; any other .txt needs a profile named.
    preview = check_file(made[".txt"])
    assert "preview.charset" in {r.id for r in preview.checks}
    other = tmp_path / "notes.txt"
    shutil.copy(made[".txt"], other)
    with pytest.raises(UsageError, match="Name a profile with -p"):
        check_file(other)
    assert "preview.charset" in {r.id for r in check_file(other, "braille").checks}


# ---------------------------------------------------------------- BRF


def _brf_lines(path: Path) -> list[str]:
    return path.read_bytes().decode("latin-1").split("\r\n")


def _write_brf(path: Path, lines: list[str]) -> None:
    path.write_bytes("\r\n".join(lines).encode("latin-1"))


def test_brf_line_too_long_fails(made: dict[str, Path], tmp_path: Path) -> None:
    path = _copy(made, ".brf", tmp_path)
    lines = _brf_lines(path)
    lines[30] = "A" * 45
    _write_brf(path, lines)
    assert _status(_run(path), "braille.line_length") == {"error"}


def test_brf_illegal_characters_fail(made: dict[str, Path], tmp_path: Path) -> None:
    path = _copy(made, ".brf", tmp_path)
    lines = _brf_lines(path)
    lines[30] = "abc{|}~" + "\x80"
    _write_brf(path, lines)
    results = _run(path)
    assert _status(results, "brf.charset") == {"error"}
    assert "'{'" in next(r.message for r in results if r.id == "brf.charset")


def test_brf_line_endings_and_form_feeds(made: dict[str, Path], tmp_path: Path) -> None:
    path = _copy(made, ".brf", tmp_path)
    path.write_bytes(path.read_bytes().replace(b"\r\n", b"\n"))
    assert _status(_run(path), "brf.charset") == {"warning"}
    path = _copy(made, ".brf", tmp_path)
    path.write_bytes(path.read_bytes().rstrip(b"\f"))
    assert _status(_run(path), "brf.pages") == {"error"}
    path = _copy(made, ".brf", tmp_path)
    page = path.read_bytes().split(b"\f")
    page[1] = b"\r\n".join(page[1].split(b"\r\n")[:10]) + b"\r\n"  # a short page
    path.write_bytes(b"\f".join(page))
    assert _status(_run(path), "brf.pages") == {"error"}


def test_brf_page_too_tall_fails(made: dict[str, Path], tmp_path: Path) -> None:
    path = _copy(made, ".brf", tmp_path)
    pages = path.read_bytes().split(b"\f")
    pages[1] = pages[1] + b"ABC\r\n" * 3
    path.write_bytes(b"\f".join(pages))
    assert _status(_run(path), "braille.page_length") == {"error"}


@pytest.mark.parametrize("escape", ["\\X65E5/", "'\\XFEEE'", "'\\YAFFJJ'"])
def test_liblouis_escape_sequences_are_caught(made: dict[str, Path], tmp_path: Path, escape: str) -> None:
    path = _copy(made, ".brf", tmp_path)
    lines = _brf_lines(path)
    lines[30] = "HELLO " + escape + " TEXT"
    _write_brf(path, lines)
    results = _run(path)
    assert _status(results, "braille.untranslated") == {"error"}


def test_page_numbers_wrong_fails(made: dict[str, Path], tmp_path: Path) -> None:
    path = _copy(made, ".brf", tmp_path)
    pages = path.read_bytes().split(b"\f")
    pages[1] = re.sub(rb"#A\r\n", b"#C\r\n", pages[1], count=1)
    path.write_bytes(b"\f".join(pages))
    assert _status(_run(path), "braille.page_numbers") == {"error"}


def test_round_trip_catches_lost_and_garbled_text(made: dict[str, Path], tmp_path: Path) -> None:
    path = _copy(made, ".brf", tmp_path)
    text = path.read_bytes().decode("latin-1")
    # Blank out the first lines of the body: the main heading and the first section's words.
    lines = text.split("\r\n")
    body = [i for i, line in enumerate(lines) if line.strip() and "\f" not in line][6:14]
    for i in body:
        lines[i] = ""
    path.write_bytes("\r\n".join(lines).encode("latin-1"))
    results = _run(path, made[".md"])
    trip = [r for r in results if r.id == "braille.round_trip"]
    assert {r.status for r in trip} & {"error", "warning"}
    assert "differs from the draft" in trip[0].message
    # Without the draft there is nothing to compare with: it says so, and does not fail.
    alone = _run(path)
    assert _status(alone, "braille.round_trip") == {"info"}


def test_missing_heading_fails(made: dict[str, Path], tmp_path: Path) -> None:
    path = _copy(made, ".txt", tmp_path)
    from accessconv.formats.braille.translate import Translator

    p = profile()
    heading = Translator(p.settings.tables, p.settings.typeform, "").translate("What people told us")
    text = path.read_text(encoding="utf-8")
    assert heading in text
    path.write_text(text.replace(heading, "⠀"), encoding="utf-8")
    assert _status(_run(path, made[".md"]), "braille.headings") == {"error"}


# ---------------------------------------------------------------- PEF


def test_pef_missing_metadata_fails(made: dict[str, Path], tmp_path: Path) -> None:
    path = _copy(made, ".pef", tmp_path)
    text = path.read_text(encoding="utf-8")
    text = re.sub(r"<dc:title>.*?</dc:title>", "", text)
    text = re.sub(r"<dc:date>.*?</dc:date>", "", text)
    path.write_text(text, encoding="utf-8")
    results = _run(path)
    assert _status(results, "pef.structure") == {"error"}
    message = next(r.message for r in results if r.id == "pef.structure")
    assert "dc:title" in message and "dc:date" in message


@pytest.mark.deliberately_broken_pef
def test_pef_wrong_namespace_or_version_fails(made: dict[str, Path], tmp_path: Path) -> None:
    path = _copy(made, ".pef", tmp_path)
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace('version="2008-1"', 'version="2005"'), encoding="utf-8")
    assert _status(_run(path), "pef.structure") == {"error"}
    path.write_text(text.replace("http://www.daisy.org/ns/2008/pef", "urn:not-pef"), encoding="utf-8")
    assert _status(_run(path), "pef.structure") == {"error"}


def test_pef_row_too_long_and_illegal_characters_fail(made: dict[str, Path], tmp_path: Path) -> None:
    path = _copy(made, ".pef", tmp_path)
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("<row>", "<row>" + "⠿" * 41, 1), encoding="utf-8")
    results = _run(path)
    assert _status(results, "pef.limits") == {"error"}
    assert _status(results, "braille.line_length") == {"error"}
    path.write_text(text.replace("<row>", "<row>ABC", 1), encoding="utf-8")
    results = _run(path)
    assert _status(results, "pef.limits") == {"error"}
    assert _status(results, "pef.structure") == {"error"}  # the schema allows only braille in rows
    path.write_text(text.replace("<row>", "<row>⡳⠭", 1), encoding="utf-8")  # a dot-7 escape cell
    assert _status(_run(path), "braille.untranslated") == {"error"}


@pytest.mark.deliberately_broken_pef
def test_pef_too_many_rows_on_a_page_fails(made: dict[str, Path], tmp_path: Path) -> None:
    path = _copy(made, ".pef", tmp_path)
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("<page>", "<page>" + "<row>⠁</row>" * 26, 1), encoding="utf-8")
    results = _run(path)
    assert _status(results, "pef.limits") == {"error"}
    assert _status(results, "braille.page_length") == {"error"}


@pytest.mark.deliberately_broken_pef
def test_pef_that_is_not_xml_fails(tmp_path: Path) -> None:
    path = tmp_path / "broken.pef"
    path.write_text("<pef><head>", encoding="utf-8")
    results = _run(path)
    assert [r.status for r in results] == ["error"]
    assert "not well-formed" in results[0].message


# ---------------------------------------------------------------- preview


def test_preview_without_page_breaks_or_with_print_letters_fails(
    made: dict[str, Path], tmp_path: Path
) -> None:
    path = _copy(made, ".txt", tmp_path)
    text = path.read_text(encoding="utf-8")
    path.write_text("\n".join(line for line in text.splitlines() if "page" not in line), encoding="utf-8")
    assert _status(_run(path), "preview.charset") == {"error"}
    path.write_text(text.replace("⠠", "C", 3), encoding="utf-8")
    assert _status(_run(path), "preview.charset") == {"error"}


def test_pef_of_another_page_size_is_a_warning(made: dict[str, Path], tmp_path: Path) -> None:
    path = _copy(made, ".pef", tmp_path)
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace('cols="40" rows="25"', 'cols="42" rows="27"'), encoding="utf-8")
    assert _status(_run(path), "pef.limits") == {"warning"}


def test_characters_with_no_braille_are_reported(tmp_path: Path) -> None:
    draft = write_draft(tmp_path, "greeting.md", "# Greeting\n\nWe say 你好 to our visitors from Beijing.\n")
    result = convert(draft, ["braille"], tmp_path / "out")
    brf = next(o for o in result.outputs if o.path.suffix == ".brf")
    untranslated = [c for c in brf.checks if c.id == "braille.untranslated"]
    assert [c.status for c in untranslated] == ["warning"]
    assert "你 (U+4F60)" in untranslated[0].message
    trip = next(c for c in brf.checks if c.id == "braille.round_trip")
    # The transcriber's note stands in for the characters in the draft's braille too (issue 14:
    # the report names them, above); the cells are as liblouis gives for the draft.
    assert trip.status == "info" and "cell for cell" in trip.message
    brf_text = (tmp_path / "out" / "greeting.brf").read_text(encoding="ascii")
    assert "'\\X" not in brf_text and "\\X4F60/" not in brf_text  # no liblouis escape codes
    assert any("你" in change for change in brf.changes)


def test_long_addresses_divided_across_lines_never_across_pages_read_back_whole(tmp_path: Path) -> None:
    from accessconv.formats.braille.plugin import check, write
    from braille_builders import doc, para

    url = "https://www.northbrook.example.gov.uk/adult-social-care/workforce-strategy-consultation-2027"
    document = doc(*[para("word " * (n % 7) + "See " + url + " now.") for n in range(60)])
    p = profile()
    written = write(document, p, tmp_path, "links")
    pages = (tmp_path / "links.brf").read_bytes().split(b"\f")
    # An address is divided across lines, but never at the foot of a page (UEB 10.13, issue 14).
    assert not any(page.rstrip(b"\r\n").endswith(b'"') for page in pages)
    assert any(b'"\r\n' in page for page in pages)
    for path in written.paths:
        results = check(path, p, doc=document)
        trip = next(r for r in results if r.id == "braille.round_trip")
        assert trip.status == "info" and "cell for cell" in trip.message, trip.message
        assert "does not read back" not in " ".join(r.message for r in results)
