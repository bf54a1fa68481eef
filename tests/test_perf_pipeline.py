"""Reading the draft while other work runs (reader.start_read, pipeline.convert) behaves exactly like
reading it first: same document, same draft check results, clean-up when the result is never used."""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest

from accessconv import reader
from accessconv.errors import InputError
from accessconv.formats import draft as draft_format
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


def test_a_draft_pandoc_cannot_read_is_reported(tmp_path: Path) -> None:
    bad = tmp_path / "bad.md"
    bad.write_text("# Title\n\ntext\n", encoding="utf-8")
    with reader.start_read(bad) as pending:
        bad.unlink()  # gone before pandoc gets to it
        with pytest.raises(InputError):
            pending.result()


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
