"""The batch manifest as typed dataclasses: the same JSON file as before, read and written alike."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from accessconv.batch import MANIFEST_NAME, BatchResult, DraftEntry, Manifest, convert_folder
from accessconv.folder_report import render_index
from accessconv.profiles import BUILTIN_DIR
from accessconv.results import BatchResult as ResultsBatchResult
from batch_builders import md, write


def test_the_result_types_are_the_ones_in_results() -> None:
    assert BatchResult is ResultsBatchResult


def test_a_manifest_reads_and_writes_back_byte_for_byte(tmp_path: Path) -> None:
    src, out = tmp_path / "Drafts", tmp_path / "Out"
    write(src / "Bins.md", md("Bins"))
    write(src / "Parks" / "Opening times.md", md("Opening times"))
    convert_folder(src, out, ["html"], settle=0, jobs=1)
    before = (out / MANIFEST_NAME).read_bytes()
    manifest = Manifest.load(out)
    assert manifest.current and sorted(manifest.drafts) == ["Bins.md", "Parks/Opening times.md"]
    entry = manifest.drafts["Bins.md"]
    assert entry.status == "converted" and entry.out_dir == "Bins"
    assert [f.path for f in entry.outputs["html"].files] == ["Bins/Bins.html"]
    manifest.save()
    assert (out / MANIFEST_NAME).read_bytes() == before


def test_an_entry_that_cannot_be_read_is_converted_again_and_the_others_are_kept(tmp_path: Path) -> None:
    src, out = tmp_path / "Drafts", tmp_path / "Out"
    write(src / "Bins.md", md("Bins"))
    write(src / "Parks.md", md("Parks"))
    convert_folder(src, out, ["html"], settle=0, jobs=1)
    data = json.loads((out / MANIFEST_NAME).read_text())
    data["drafts"]["Bins.md"]["outputs"] = ["not", "an", "object"]
    (out / MANIFEST_NAME).write_text(json.dumps(data))
    assert sorted(Manifest.load(out).drafts) == ["Parks.md"]
    again = convert_folder(src, out, ["html"], settle=0, jobs=1)
    assert {d.relative: d.status for d in again.drafts} == {"Bins.md": "converted", "Parks.md": "unchanged"}


def test_an_entry_without_the_newer_fields_reads_with_defaults() -> None:
    entry = DraftEntry.from_json({"sha256": "ab", "status": "converted", "out_dir": "Bins"})
    assert entry.draft_digest is None and entry.outputs == {} and entry.draft_checks == []


def test_an_html_profile_of_another_format_leaves_the_folder_report_in_the_built_in_style(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    council = tmp_path / "profiles"
    council.mkdir()
    shutil.copy(BUILTIN_DIR / "braille.toml", council / "html.toml")
    monkeypatch.setenv("ACCESSCONV_PROFILES", str(council))
    result = BatchResult(tmp_path, tmp_path / "Out", [], [], [], 1, 0.0, "2026-01-01T00:00:00+00:00")
    page = render_index(result)
    assert "s own colours and fonts" in page
    assert "profile of the braille format" in page


def test_a_draft_profile_of_another_format_is_a_profile_error(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from accessconv.errors import ProfileError
    from accessconv.pipeline import convert

    council = tmp_path / "profiles"
    council.mkdir()
    shutil.copy(BUILTIN_DIR / "html.toml", council / "draft.toml")
    monkeypatch.setenv("ACCESSCONV_PROFILES", str(council))
    draft = write(tmp_path / "Bins.md", md("Bins"))
    with pytest.raises(ProfileError, match='its "format" must be "draft", not "html"'):
        convert(draft, ["html"], tmp_path / "Out")
