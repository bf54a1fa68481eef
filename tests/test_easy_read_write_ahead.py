"""The Easy Read Word file written by a forked child while this process writes the web page and
review sheet (plugin.write) is the very file written here, and a Word file that cannot be written
fails the conversion as before."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from accessconv import background
from accessconv.errors import AccessconvError
from accessconv.formats.easy_read import plugin
from accessconv.pipeline import convert

needs_fork = pytest.mark.skipif(not hasattr(os, "fork"), reason="forking needs a POSIX system")
DRAFT = Path(__file__).resolve().parent / "data" / "easy-read" / "drafts" / "blue-badge-leaflet.md"


def _written(out: Path) -> dict[str, bytes]:
    return {
        p.name: p.read_bytes() for p in sorted(out.iterdir()) if p.is_file() and not p.name.startswith(".")
    }


@needs_fork
def test_the_word_file_written_in_a_child_is_the_file_written_here(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    forks: list[int] = []
    real_fork = background.Pool._fork

    def counting_fork(self: background.Pool, job: background.Job[object]) -> None:
        forks.append(1)
        real_fork(self, job)

    monkeypatch.setattr(background.Pool, "_fork", counting_fork)
    monkeypatch.setenv(background.JOBS_VARIABLE, "2")
    convert(DRAFT, profiles=["easy-read"], out_dir=tmp_path / "ahead")
    assert forks  # the Word file (and the checks) went to children
    forks.clear()
    monkeypatch.setenv(background.JOBS_VARIABLE, "1")
    convert(DRAFT, profiles=["easy-read"], out_dir=tmp_path / "here")
    assert not forks
    ahead, here = _written(tmp_path / "ahead"), _written(tmp_path / "here")
    assert any(name.endswith(".docx") for name in here)
    assert ahead == here


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_a_word_file_that_cannot_be_written_fails_the_conversion(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, jobs: str
) -> None:
    def broken(*_args: object) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(plugin, "write_docx", broken)
    monkeypatch.setenv(background.JOBS_VARIABLE, jobs)
    with pytest.raises((OSError, AccessconvError)):
        convert(DRAFT, profiles=["easy-read"], out_dir=tmp_path / "out")
    assert not (tmp_path / "out").exists() or not any((tmp_path / "out").iterdir())
