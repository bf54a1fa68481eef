"""Converting the same draft twice gives byte-identical files, for every profile that writes files.

Parametrised over whatever profiles exist, so formats merged later are covered automatically."""

from __future__ import annotations

from pathlib import Path

import pytest

from accessconv import profiles as registry
from accessconv.formats import load_format, writes_files
from accessconv.pipeline import convert
from batch_builders import copy_sample, md, run_batch, write

WRITING_PROFILES = [p.name for p in registry.load_all() if writes_files(load_format(p.format))]


def _files(folder: Path) -> dict[str, bytes]:
    return {
        p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()
    }


def test_there_is_at_least_one_profile_to_check() -> None:
    assert "html" in WRITING_PROFILES


@pytest.mark.parametrize("profile", WRITING_PROFILES)
@pytest.mark.parametrize("sample", ["draft-strategy.docx", "draft-strategy.md"])
def test_same_draft_twice_gives_identical_files(profile: str, sample: str, tmp_path: Path) -> None:
    draft = copy_sample(sample, tmp_path / "in")
    first = convert(draft, [profile], tmp_path / "first")
    second = convert(draft, [profile], tmp_path / "second")
    assert first.error is None and second.error is None and first.written
    a, b = _files(tmp_path / "first"), _files(tmp_path / "second")
    assert list(a) == list(b)
    for name in a:
        assert a[name] == b[name], f"{profile}: {name} differs between two conversions of {sample}"


def test_batch_outputs_are_identical_across_runs_and_folders(tmp_path: Path) -> None:
    src = tmp_path / "Drafts"  # small drafts: the samples are covered above, profile by profile
    write(src / "Bins.md", md("Bins"))
    write(src / "Team" / "Rota.md", md("Rota", "The rota:\n\n- Monday: Sam\n- Tuesday: Ali"))
    one, two = tmp_path / "One", tmp_path / "Two"
    run_batch(src, one, *[arg for name in WRITING_PROFILES for arg in ("-p", name)])
    run_batch(src, two, "--jobs", "2", *[arg for name in WRITING_PROFILES for arg in ("-p", name)])
    skip = {"index.html", "report.json", ".accessconv-manifest.json"}
    a = {k: v for k, v in _files(one).items() if k not in skip}
    b = {k: v for k, v in _files(two).items() if k not in skip}
    assert a and a == b
