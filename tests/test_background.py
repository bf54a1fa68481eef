"""Work on the other cores (background.py): a job forked into a child gives the same value, or the
same exception, as run here; a child that dies or cannot send its result has its job run here; and
a conversion's report is the same whether its checks ran in children or not."""

from __future__ import annotations

import os
import pickle
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from accessconv import background
from accessconv.pipeline import convert
from large_print_builders import every_block_draft

needs_fork = pytest.mark.skipif(not hasattr(os, "fork"), reason="forking needs a POSIX system")


@pytest.fixture
def two_jobs(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(background.JOBS_VARIABLE, "2")


@needs_fork
def test_jobs_run_in_children_and_come_back_in_order(two_jobs: None) -> None:
    with background.pool() as jobs:
        started = [jobs.submit(lambda n=n: (n * n, os.getpid())) for n in range(5)]
        values = [jobs.result(job) for job in started]
    assert [v for v, _pid in values] == [0, 1, 4, 9, 16]
    assert any(pid != os.getpid() for _v, pid in values)


@needs_fork
def test_an_exception_in_a_child_is_raised_here(two_jobs: None) -> None:
    def fails() -> int:
        raise ValueError("no such page")

    with background.pool() as jobs:
        job = jobs.submit(fails, start=True)
        with pytest.raises(ValueError, match="no such page"):
            jobs.result(job)


@needs_fork
def test_a_job_whose_child_dies_runs_here(two_jobs: None) -> None:
    here = os.getpid()

    def dies_in_a_child() -> str:
        if os.getpid() != here:
            os.kill(os.getpid(), signal.SIGKILL)  # as the kernel does when memory runs out
        return "done here"

    with background.pool() as jobs:
        assert jobs.result(jobs.submit(dies_in_a_child, start=True)) == "done here"


@needs_fork
def test_a_result_that_cannot_be_pickled_is_made_here(two_jobs: None) -> None:
    here = os.getpid()

    def unpicklable() -> object:
        return (lambda: None) if os.getpid() != here else "made here"

    with pytest.raises(Exception):  # noqa: B017 - whatever pickle raises for a lambda
        pickle.dumps(lambda: None)
    with background.pool() as jobs:
        assert jobs.result(jobs.submit(unpicklable, start=True)) == "made here"


@needs_fork
def test_results_come_back_where_children_are_reaped_by_the_system(two_jobs: None) -> None:
    previous = signal.signal(signal.SIGCHLD, signal.SIG_IGN)  # as some services set it
    try:
        with background.pool() as jobs:
            started = [jobs.submit(lambda n=n: n + 1) for n in range(4)]
            assert [jobs.result(job) for job in started] == [1, 2, 3, 4]
    finally:
        signal.signal(signal.SIGCHLD, previous)


@pytest.mark.parametrize(("load", "children"), [(0.2, 1), (1.0, 1), (1.7, 0), (5.0, 0)])
def test_children_only_on_cores_nobody_is_using(
    load: float, children: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv(background.JOBS_VARIABLE, raising=False)
    monkeypatch.setattr(background, "cores", lambda: 2)
    monkeypatch.setattr(os, "getloadavg", lambda: (load, load, load))
    monkeypatch.setattr(background, "others_busy", lambda: None)  # not known: the load average decides
    assert background.idle_children() == children


@pytest.mark.parametrize(("others", "children"), [(0.0, 1), (0.3, 1), (0.7, 0), (3.0, 0)])
def test_children_on_cores_other_processes_left_free_since_the_start(
    others: float, children: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    """What other processes used since the conversion started decides, not the lagging load
    average (conversions run one after another kept it over 1.5, so no child ever started)."""
    monkeypatch.delenv(background.JOBS_VARIABLE, raising=False)
    monkeypatch.setattr(background, "cores", lambda: 2)
    monkeypatch.setattr(os, "getloadavg", lambda: (1.8, 1.8, 1.8))
    monkeypatch.setattr(background, "others_busy", lambda: others)
    assert background.idle_children() == children


def test_others_busy_leaves_out_this_process_and_its_children(monkeypatch: pytest.MonkeyPatch) -> None:
    """Over 2 s the machine's cores were busy 3.0 CPU seconds, 2.2 of them this process's own
    (its threads and the children it waited for): others kept 0.4 of a core busy."""
    marks = iter([background.CpuMark(10.0, 100.0, 5.0), background.CpuMark(12.0, 103.0, 7.2)])
    monkeypatch.setattr(background, "cpu_mark", lambda: next(marks))
    monkeypatch.setattr(background, "_mark", None)  # put back after the test
    background.mark_start()
    assert background.others_busy() == pytest.approx(0.4)
    # Too short a window says nothing; where /proc/stat is missing, nothing is known either.
    monkeypatch.setattr(background, "cpu_mark", lambda: background.CpuMark(10.1, 100.1, 5.0))
    assert background.others_busy() is None
    monkeypatch.setattr(background, "cpu_mark", lambda: None)
    assert background.others_busy() is None


def test_a_real_cpu_mark_reads_this_machine() -> None:
    mark = background.cpu_mark()
    if mark is None:
        pytest.skip("no /proc/stat here")
    assert mark.machine > 0 and mark.own >= 0
    subprocess.run([sys.executable, "-c", "sum(range(3_000_000))"], check=True)
    assert background.cpu_mark().own > mark.own  # a child waited for counts as this process's own


@needs_fork
def test_the_last_job_asked_for_with_nothing_else_to_do_runs_here(two_jobs: None) -> None:
    with background.pool() as jobs:
        assert jobs.result(jobs.submit(os.getpid)) == os.getpid()


@needs_fork
def test_while_this_process_waits_its_core_takes_a_child_too(two_jobs: None) -> None:
    """One child allowed besides this process: asked for the first job (in a child), this process
    starts the second in a second child rather than running it here, so the core the first child
    leaves free is never kept waiting; the last job, with nothing else to start, runs here."""
    here = os.getpid()

    def slow(seconds: float) -> int:
        time.sleep(seconds)
        return os.getpid()

    with background.pool() as jobs:
        assert jobs.children == 1
        # The second runs longer than the first: were both done at once, nothing would be left
        # running when the last is asked for, and it would rightly start in a child.
        first, second = jobs.submit(lambda: slow(0.3)), jobs.submit(lambda: slow(1.0))
        last = jobs.submit(os.getpid)
        assert first.pid and not second.pid  # one child while this process goes on working
        ran_in = [jobs.result(first), jobs.result(second), jobs.result(last)]
    assert ran_in[0] != here and ran_in[1] not in (here, ran_in[0]) and ran_in[2] == here


def test_one_job_at_a_time_runs_everything_here(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(background.JOBS_VARIABLE, "1")
    assert not background.can_fork()
    with background.pool() as jobs:
        assert jobs.result(jobs.submit(os.getpid)) == os.getpid()


@needs_fork
def test_a_child_still_running_is_ended_with_the_pool(two_jobs: None, tmp_path: Path) -> None:
    marker = tmp_path / "pid"

    def sleeps() -> None:
        marker.write_text(str(os.getpid()))
        time.sleep(600)

    with background.pool() as jobs:
        jobs.submit(sleeps, start=True)
        while not marker.exists() or not marker.read_text():
            time.sleep(0.01)
    child = int(marker.read_text())
    with pytest.raises(ProcessLookupError):
        os.kill(child, 0)  # ended and reaped: no such process any more


@needs_fork
def test_a_conversion_reports_the_same_with_and_without_children(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    draft = every_block_draft(tmp_path / "draft")
    reports, written, drafts = [], [], []
    for jobs in ("1", "2"):
        monkeypatch.setenv(background.JOBS_VARIABLE, jobs)
        result = convert(draft, ["large-print", "html", "braille"], tmp_path / f"out-{jobs}")
        reports.append([(o.profile, o.path.name, o.checks, o.changes) for o in result.outputs])
        written.append({o.path.name: o.path.read_bytes() for o in result.outputs})
        drafts.append(result.draft_checks)  # run in a child too, when one is free
    assert reports[0] == reports[1]
    assert drafts[0] == drafts[1] and drafts[0]
    assert written[0] == written[1]
    assert {name for _p, name, _c, _n in reports[0]} >= {"parks-plan-large-print.pdf", "parks-plan.html"}
    assert any(c.status == "pass" for _p, _name, checks, _n in reports[0] for c in checks)


def _collects() -> bool:
    import gc

    return gc.get_threshold()[0] > 0


@needs_fork
def test_a_conversion_pauses_the_cycle_collector_and_children_collect(two_jobs: None) -> None:
    import gc

    before = gc.get_threshold()
    with background.collector_paused():
        assert not _collects()
        gc.disable()
        gc.enable()  # as spaCy's model loading does (srsly): the pause holds
        assert not _collects()
        with background.collector_paused():  # a conversion inside another: nothing changes
            assert not _collects()
        assert not _collects()
        with background.pool() as jobs:
            job = jobs.submit(_collects, start=True)
            assert jobs.children and jobs.result(job)  # a forked child collects as usual
        assert not _collects()
    assert gc.get_threshold() == before


def test_a_paused_collector_comes_back_when_the_conversion_fails() -> None:
    import gc

    before = gc.get_threshold()
    with pytest.raises(ValueError), background.collector_paused():
        raise ValueError("a bad draft")
    assert gc.get_threshold() == before


def test_what_the_libraries_loaded_is_frozen_once_per_process() -> None:
    """A long-running service freezes its first conversion's libraries, never a later one's leftovers."""
    import gc

    background.loaded()
    frozen = gc.get_freeze_count()
    assert frozen > 0
    leftovers = [[n] for n in range(1000)]  # made after the libraries loaded
    background.loaded()
    assert gc.get_freeze_count() == frozen and leftovers


def test_the_collector_comes_back_when_an_easy_read_step_fails(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A step that fails after the Easy Read writer paused the collector (here the pictures) must
    not leave it paused for the rest of a service's or batch's life."""
    import gc

    from accessconv.formats.easy_read import plugin

    def broken(*_args: object, **_kwargs: object) -> None:
        raise RuntimeError("the pictures failed")

    monkeypatch.setattr(plugin, "add_pictures", broken)
    monkeypatch.setenv("XDG_STATE_HOME", str(tmp_path / "state"))
    draft = tmp_path / "notice.md"
    draft.write_text("# Library hours\n\nThe library will open at 9am from 1 May.\n", encoding="utf-8")
    before = gc.get_threshold()
    with pytest.raises(RuntimeError) as failure:
        convert(draft, ["easy-read"], tmp_path / "out")
    # While the error is still held (a caller logs it, a service keeps it for the job's report).
    assert failure.value.__traceback__ is not None
    assert gc.get_threshold() == before
