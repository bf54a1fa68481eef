"""The per-user cache of derived data (datacache.py): kept and reused, rebuilt when its data changes
or its file is damaged, never runs code from a planted file, and the tool works without it."""

from __future__ import annotations

import os
import pickle
from pathlib import Path

import pytest

from accessconv import datacache


@pytest.fixture
def cache_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    monkeypatch.delenv(datacache.CACHE_VARIABLE, raising=False)
    return tmp_path / "cache" / "accessconv"


class Builder:
    """A table builder that counts its calls."""

    def __init__(self, value: object) -> None:
        self.value = value
        self.calls = 0

    def __call__(self) -> object:
        self.calls += 1
        return self.value


def test_a_table_is_built_once_then_read_from_the_cache(cache_home: Path) -> None:
    table = {"carer": 2, "vacancy": 3, "nested": {"NOUN": ("carer",)}, "list": [1.5, b"x"]}
    build = Builder(table)
    first = datacache.load("words", "1", [b"raw data"], build)
    second = datacache.load("words", "1", [b"raw data"], build)
    assert first == second == table
    assert isinstance(second["nested"]["NOUN"], tuple)  # type: ignore[index]
    assert build.calls == 1
    files = list(cache_home.glob("words-*.pickle"))
    assert len(files) == 1
    assert cache_home.stat().st_mode & 0o077 == 0  # private to the user


def test_new_data_or_a_new_builder_version_builds_again_and_replaces_the_old_file(cache_home: Path) -> None:
    build = Builder({"a": 1})
    datacache.load("words", "1", [b"old data"], build)
    datacache.load("words", "1", [b"new data"], build)
    datacache.load("words", "2", [b"new data"], build)
    assert build.calls == 3
    assert len(list(cache_home.glob("words-*.pickle"))) == 1  # the stale tables are gone
    datacache.load("other", "1", [b"new data"], Builder([1]))
    assert len(list(cache_home.glob("*.pickle"))) == 2  # another table's file is left alone


def test_a_damaged_file_is_rebuilt(cache_home: Path) -> None:
    datacache.load("words", "1", [b"data"], Builder({"a": 1}))
    (path,) = cache_home.glob("words-*.pickle")
    for damage in (b"", b"not a pickle at all", path.read_bytes()[:20]):
        path.write_bytes(damage)
        build = Builder({"a": 1})
        assert datacache.load("words", "1", [b"data"], build) == {"a": 1}
        assert build.calls == 1
    assert datacache.load("words", "1", [b"data"], Builder(None)) == {"a": 1}  # rewritten whole


class Planted:
    def __reduce__(self) -> tuple[object, tuple[str]]:
        return (os.system, ("touch planted-marker",))


def test_a_planted_file_cannot_run_code(
    cache_home: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    cache_home.mkdir(parents=True)
    path = cache_home / datacache.key("words", "1", [b"data"])
    path.write_bytes(pickle.dumps(Planted()))
    build = Builder({"a": 1})
    assert datacache.load("words", "1", [b"data"], build) == {"a": 1}
    assert build.calls == 1
    assert not (tmp_path / "planted-marker").exists()


def test_only_plain_data_is_stored(cache_home: Path) -> None:
    build = Builder(Path("/x"))  # a class instance: could not be read back
    assert datacache.load("paths", "1", [b"data"], build) == Path("/x")
    assert datacache.load("paths", "1", [b"data"], build) == Path("/x")
    assert build.calls == 2
    assert not list(cache_home.glob("paths-*"))


def test_an_unwritable_cache_folder_still_gives_the_table(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder", encoding="utf-8")
    monkeypatch.setenv("XDG_CACHE_HOME", str(blocker))  # the folder cannot be made under a file
    build = Builder({"a": 1})
    assert datacache.load("words", "1", [b"data"], build) == {"a": 1}
    assert datacache.load("words", "1", [b"data"], build) == {"a": 1}
    assert build.calls == 2
    assert blocker.read_text(encoding="utf-8") == "not a folder"
    assert not [p for p in tmp_path.iterdir() if p != blocker]  # no temporary file left behind


def test_the_cache_can_be_turned_off(cache_home: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(datacache.CACHE_VARIABLE, "off")
    build = Builder({"a": 1})
    datacache.load("words", "1", [b"data"], build)
    datacache.load("words", "1", [b"data"], build)
    assert build.calls == 2
    assert not cache_home.exists()


def test_a_relative_xdg_cache_home_is_ignored(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(datacache.CACHE_VARIABLE, raising=False)
    monkeypatch.setenv("XDG_CACHE_HOME", "relative/cache")
    assert datacache.folder() == Path.home() / ".cache" / "accessconv"


def test_no_home_folder_means_no_cache(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(datacache.CACHE_VARIABLE, raising=False)
    monkeypatch.delenv("XDG_CACHE_HOME", raising=False)

    def no_home() -> Path:
        raise RuntimeError("Could not determine home directory.")

    monkeypatch.setattr(Path, "home", staticmethod(no_home))
    assert datacache.folder() is None
    build = Builder({"a": 1})
    assert datacache.load("words", "1", [b"data"], build) == {"a": 1}


def test_peek_reads_what_load_stored_and_never_builds(cache_home: Path) -> None:
    assert datacache.peek("words", "1", [b"data"]) is None
    datacache.load("words", "1", [b"data"], Builder({"a": 1}))
    assert datacache.peek("words", "1", [b"data"]) == {"a": 1}
    assert datacache.peek("words", "1", [b"other data"]) is None
    (path,) = cache_home.glob("words-*.pickle")
    path.write_bytes(b"damaged")
    assert datacache.peek("words", "1", [b"data"]) is None
