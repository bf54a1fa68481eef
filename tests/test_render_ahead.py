"""Pictures rendered ahead on another core (pictures.sets.render_ahead) are the very bytes rendered
here, a picture that cannot be rendered is left to fail where it is used, and a pool opened while
another pool's child works takes only the cores left."""

from __future__ import annotations

import os
import time

import pytest

from accessconv import background, datacache
from accessconv.formats.easy_read import symbols as sym
from accessconv.formats.easy_read.pictures import sets
from easy_read_builders import profile

needs_fork = pytest.mark.skipif(not hasattr(os, "fork"), reason="forking needs a POSIX system")
SETTINGS = profile().settings.pictures


@pytest.fixture(autouse=True)
def _no_cache(monkeypatch: pytest.MonkeyPatch) -> None:
    """These tests are about drawing: no picture comes from the per-user cache (test_speed_caches)."""
    monkeypatch.setenv(datacache.CACHE_VARIABLE, "off")


def _files(symbol_set: sets.SymbolSet, n: int) -> list[str]:
    return [s.file for s in symbol_set.symbols if symbol_set.has_file(s.file)][:n]


@needs_fork
def test_pictures_rendered_in_a_child_are_the_bytes_rendered_here(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(background.JOBS_VARIABLE, "2")
    ahead = sym.load_sets(SETTINGS)[0]
    files = _files(ahead, 12)
    sets.render_ahead([(ahead, f) for f in files] + [(ahead, files[0])])  # asked twice: once
    assert all(ahead.rendered(f) for f in files)
    here = sym.load_sets(SETTINGS)[0]
    assert not here.rendered(files[0])  # a new set renders from scratch
    assert [ahead.render(f) for f in files] == [here.render(f) for f in files]


@needs_fork
def test_a_picture_that_fails_is_left_for_later(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(background.JOBS_VARIABLE, "2")
    symbol_set = sym.load_sets(SETTINGS)[0]
    files = _files(symbol_set, 10) + ["no-such-picture.svg"]
    sets.render_ahead([(symbol_set, f) for f in files])
    assert all(symbol_set.rendered(f) for f in files[:-1]) and not symbol_set.rendered(files[-1])
    with pytest.raises(KeyError):  # the same error as without rendering ahead
        symbol_set.render(files[-1])


def test_a_few_pictures_or_no_free_core_render_nothing_ahead(monkeypatch: pytest.MonkeyPatch) -> None:
    symbol_set = sym.load_sets(SETTINGS)[0]
    monkeypatch.setenv(background.JOBS_VARIABLE, "2")
    few = _files(symbol_set, sets.RENDER_AHEAD_MIN - 1)
    sets.render_ahead([(symbol_set, f) for f in few])
    monkeypatch.setenv(background.JOBS_VARIABLE, "1")
    more = _files(symbol_set, 20)[10:]
    sets.render_ahead([(symbol_set, f) for f in more])
    assert not any(symbol_set.rendered(f) for f in few + more)


@needs_fork
def test_a_pool_inside_a_job_takes_only_the_cores_left(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(background.JOBS_VARIABLE, "2")
    with background.pool() as outer:
        job = outer.submit(lambda: time.sleep(0.5), start=True)
        assert background.idle_children() == 0
        with background.pool() as inner:
            assert inner.children == 0
        outer.result(job)
    assert background.idle_children() == 1


@needs_fork
def test_a_child_that_has_ended_leaves_its_core_free_before_it_is_collected(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv(background.JOBS_VARIABLE, "2")
    with background.pool() as outer:
        job = outer.submit(lambda: 7, start=True)
        deadline = time.monotonic() + 30
        while background.idle_children() == 0 and time.monotonic() < deadline:
            time.sleep(0.05)  # the child ends on its own; nobody has asked for its result yet
        assert background.idle_children() == 1
        assert outer.result(job) == 7  # and its pool still collects it
