"""The braille files as a user gets them: names, determinism, PEF metadata, the sample draft."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from accessconv.formats.braille.files import PEF_NS
from accessconv.pipeline import convert
from braille_builders import write_draft

SAMPLE = Path(__file__).resolve().parents[1] / "samples" / "draft-strategy.docx"


def test_sample_draft_gives_three_checked_files_with_no_problems(tmp_path: Path) -> None:
    result = convert(SAMPLE, ["braille", "braille-uncontracted"], tmp_path)
    names = sorted(p.name for p in result.written)
    assert names == [
        "draft-strategy-braille.txt",
        "draft-strategy-uncontracted-braille.txt",
        "draft-strategy-uncontracted.brf",
        "draft-strategy-uncontracted.pef",
        "draft-strategy.brf",
        "draft-strategy.pef",
    ]
    problems = [
        (o.path.name, c) for o in result.outputs for c in o.checks if c.status in ("error", "warning")
    ]
    assert not problems, problems
    brf = (tmp_path / "draft-strategy.brf").read_bytes()
    assert set(brf) <= set(range(0x20, 0x60)) | {0x0D, 0x0A, 0x0C}
    assert brf.count(b"\f") == len(brf.split(b"\f")) - 1
    # Uncontracted braille is longer than contracted.
    assert len((tmp_path / "draft-strategy-uncontracted.brf").read_bytes()) > len(brf)


def test_same_draft_and_profile_give_identical_bytes(tmp_path: Path) -> None:
    first = convert(SAMPLE, ["braille"], tmp_path / "one")
    second = convert(SAMPLE, ["braille"], tmp_path / "two")
    for a, b in zip(sorted(first.written), sorted(second.written), strict=True):
        assert a.name == b.name
        assert a.read_bytes() == b.read_bytes(), a.name


def test_pef_metadata_and_date(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from lxml import etree

    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    convert(SAMPLE, ["braille"], tmp_path / "docx")
    root = etree.parse(str(tmp_path / "docx" / "draft-strategy.pef")).getroot()
    ns = {"p": PEF_NS, "dc": "http://purl.org/dc/elements/1.1/"}
    assert root.get("version") == "2008-1"
    meta = {el.tag.split("}")[1]: el.text for el in root.find("p:head/p:meta", ns)}
    assert meta["format"] == "application/x-pef+xml"
    assert meta["title"] == "Draft Adult Social Care Workforce Strategy 2027 to 2030"
    assert meta["language"] == "en-GB"
    assert meta["identifier"].startswith("urn:accessconv:")
    # A Word draft's own "last modified" date; a Markdown draft's file date (issue 14: never a
    # date in the future); SOURCE_DATE_EPOCH before the file date.
    import zipfile

    core = zipfile.ZipFile(SAMPLE).read("docProps/core.xml").decode()
    assert meta["date"] in core
    md = write_draft(tmp_path, "note.md", "# Note\n\nA short note.\n")
    os.utime(md, (1700000000, 1700000000))
    convert(md, ["braille"], tmp_path / "md")
    text = (tmp_path / "md" / "note.pef").read_text(encoding="utf-8")
    assert "<dc:date>2023-11-14</dc:date>" in text
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1750000000")
    convert(md, ["braille"], tmp_path / "epoch")
    assert "<dc:date>2025-06-15</dc:date>" in (tmp_path / "epoch" / "note.pef").read_text(encoding="utf-8")
    volume = root.find("p:body/p:volume", ns)
    assert (volume.get("cols"), volume.get("rows"), volume.get("duplex")) == ("40", "25", "false")


def test_book_size_profile_and_bad_settings(tmp_path: Path) -> None:
    folder = tmp_path / "profiles"
    folder.mkdir()
    (folder / "rnib-book.toml").write_text(
        'extends = "braille"\ndescription = "RNIB book size"\nformat = "braille"\ndefault = false\n'
        'output_suffix = "-book"\n[settings]\ncells_per_line = 38\nlines_per_page = 27\n',
        encoding="utf-8",
    )
    result = convert(SAMPLE, ["rnib-book"], tmp_path / "out", profiles_dirs=[folder])
    assert not [c for o in result.outputs for c in o.checks if c.status == "error"]
    rows = (tmp_path / "out" / "draft-strategy-book.brf").read_bytes().split(b"\f")[1].split(b"\r\n")
    assert len([r for r in rows if r is not None]) - 1 == 27
    assert max(len(r) for r in rows) == 38  # the page number row is right-aligned to 38 cells
    (folder / "old-code.toml").write_text(
        'extends = "braille"\ndescription = "x"\nformat = "braille"\ndefault = false\n'
        '[settings]\ntables = ["en-GB-g2.ctb"]\n',
        encoding="utf-8",
    )
    from accessconv.errors import ProfileError

    with pytest.raises(ProfileError, match="retired pre-UEB"):
        convert(SAMPLE, ["old-code"], tmp_path / "old", profiles_dirs=[folder])


def test_line_endings_are_a_profile_setting(tmp_path: Path) -> None:
    import dataclasses

    from accessconv.formats.braille.plugin import write
    from braille_builders import doc, para, profile

    for ending, expected in (("crlf", b"\r\n"), ("lf", b"\n")):
        p = profile()
        p = dataclasses.replace(p, settings=dataclasses.replace(p.settings, brf_line_ending=ending))
        out = tmp_path / ending
        out.mkdir()
        written = write(doc(para("Hello.")), p, out, "note")
        brf = next(path for path in written.paths if path.suffix == ".brf").read_bytes()
        assert brf.count(expected) == 2 * 25  # title page and one page, each 25 lines
        if ending == "lf":
            assert b"\r" not in brf
