"""Reading the draft while other work runs (reader.start_read, pipeline.convert) behaves exactly like
reading it first: same document, same draft check results, clean-up when the result is never used."""

from __future__ import annotations

import os
import re
import zipfile
from pathlib import Path

import pytest

from accessconv import reader
from accessconv.errors import InputError, ProfileError
from accessconv.formats.draft import checking as draft_format
from accessconv.pipeline import convert
from accessconv.profiles import load

SAMPLE = Path(__file__).resolve().parents[1] / "samples" / "draft-strategy.docx"


def test_start_read_gives_the_same_document_as_read() -> None:
    with reader.start_read(SAMPLE) as pending:
        early = pending.result()
    # Pictures name the temporary folder pandoc extracted them to, which differs on every read.
    assert _without_tmp(early) == _without_tmp(reader.read(SAMPLE))


def _without_tmp(doc: object) -> str:
    return re.sub(r"accessconv-read-[^/]+", "accessconv-read-X", repr(doc))


def test_an_unused_read_stops_pandoc_and_removes_its_folder() -> None:
    pending = reader.start_read(SAMPLE)
    folder = Path(pending._tmp.name)
    assert folder.is_dir()
    with pending:
        pass
    assert pending._proc.poll() is not None
    assert not folder.exists()


def _unreadable_docx(folder: Path) -> Path:
    """Passes the file checks (a zip with a main part) but pandoc cannot read it."""
    path = folder / "broken.docx"
    with zipfile.ZipFile(path, "w") as zf:
        zf.writestr("[Content_Types].xml", "<Types/>")
        zf.writestr("word/document.xml", "<w:document><unclosed>")
    return path


def _broken_draft_profile(folder: Path) -> Path:
    profiles = folder / "profiles"
    profiles.mkdir()
    (profiles / "draft.toml").write_text(
        'format = "draft"\n[checks]\nmax_alt_length = 250\n', encoding="utf-8"
    )
    return profiles


def test_a_draft_pandoc_cannot_read_is_reported(tmp_path: Path) -> None:
    with reader.start_read(_unreadable_docx(tmp_path)) as pending:
        with pytest.raises(InputError, match="could not be read"):
            pending.result()


def test_an_unreadable_draft_is_reported_before_a_broken_draft_profile(tmp_path: Path) -> None:
    profiles = _broken_draft_profile(tmp_path)
    with pytest.raises(InputError, match="could not be read"):
        convert(_unreadable_docx(tmp_path), ["html"], tmp_path / "out", profiles_dirs=[profiles])
    # With a readable draft, the broken profile is reported (after pandoc has finished).
    with pytest.raises(ProfileError):
        convert(SAMPLE, ["html"], tmp_path / "out", profiles_dirs=[profiles])
    assert not (tmp_path / "out").exists()


def test_two_step_draft_checks_match_the_one_step_ones() -> None:
    profile = load("draft")
    doc = reader.read(SAMPLE)
    assert draft_format.start_check(SAMPLE, profile)(doc) == draft_format.check(SAMPLE, profile)


def test_pandoc_is_found_without_asking_pypandoc(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("PYPANDOC_PANDOC", raising=False)
    found = reader.pandoc_path()
    assert os.access(found, os.X_OK) and Path(found).parent.name == "files"
    # An explicit choice still goes through pypandoc, which checks it.
    monkeypatch.setenv("PYPANDOC_PANDOC", found)
    assert reader.pandoc_path() == found


def test_conversion_reports_are_unchanged(tmp_path: Path) -> None:
    result = convert(SAMPLE, ["html"], tmp_path / "out")
    ids = [r.id for r in result.draft_checks]
    assert ids[0] == "draft.alt-text" and "draft.layout" in ids
    assert result.written == [tmp_path / "out" / "draft-strategy.html"]
    assert result.outputs[0].checks[-1].id.startswith("browser")
