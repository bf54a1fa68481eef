"""Converting the planned drafts: each on its own (in a worker process with --jobs > 1), within
its time limit; a draft that fails, or whose worker dies, is an Outcome with the message, and the
others go on. Workers end when the run that started them ends, however it ends."""

from __future__ import annotations

import ctypes
import errno
import os
import signal
import sys
import threading
import time
from collections.abc import Iterator
from concurrent.futures import ProcessPoolExecutor, as_completed
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass
from pathlib import Path

from ..errors import AccessconvError, OutputError, TimeLimitError, disk_full
from ..formats import AnyProfile
from ..limits import DEFAULT, Limits
from ..pipeline import convert
from ..results import ConversionResult
from .scan import check_still_inside

PARENT_CHECK_SECONDS = 1.0  # a worker whose run has gone notices within this time (not on Linux)


@dataclass
class Task:
    relative: str
    source: Path
    out_dir: Path
    profiles: list[AnyProfile]
    profiles_dirs: list[Path]
    browser: bool = False  # also audit each .html output with axe-core in Chromium
    root: Path | None = None  # the drafts folder, which the draft must still be inside
    limits: Limits = DEFAULT


@dataclass
class Outcome:
    relative: str
    result: ConversionResult | None
    error: str | None
    repeatable: bool  # the same draft and profiles would fail the same way (so remember it)


def convert_task(task: Task) -> Outcome:
    """Convert one draft (in a worker process when --jobs > 1); never raises."""

    try:
        if task.root is not None:
            check_still_inside(task.source, task.root)
        result = convert(
            task.source,
            task.profiles,
            task.out_dir,
            task.profiles_dirs,
            browser=task.browser,
            limits=task.limits,
        )
        return Outcome(task.relative, result, None, True)
    except (OutputError, TimeLimitError) as err:
        # About the output folder or this computer's load, not the draft: try again next run.
        return Outcome(task.relative, None, str(err), False)
    except AccessconvError as err:
        return Outcome(task.relative, None, str(err), True)
    except OSError as err:
        if err.errno != errno.ENOSPC:
            return _unexpected(task, err)
        # Outside the draft's output folder (pandoc's working files): try again next run.
        return Outcome(task.relative, None, disk_full(task.source), False)
    except Exception as err:  # a bug must not stop the other drafts
        return _unexpected(task, err)


def _unexpected(task: Task, err: Exception) -> Outcome:
    return Outcome(
        task.relative,
        None,
        f"accessconv hit an unexpected problem with this draft ({type(err).__name__}). "
        "The other drafts were not affected; please send this draft to the accessconv team.",
        False,
    )


def _init_worker(parent: int) -> None:
    """In each worker process: leave Ctrl-C to the main process (which stops the run cleanly), and
    end when the run ends, however it ends (even kill -9), instead of lingering with its memory."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    if _die_with_parent() and os.getppid() == parent:
        return
    if os.getppid() != parent:  # the run died before we got here
        os._exit(1)

    def watch_parent() -> None:  # where the kernel cannot do it for us
        while os.getppid() == parent:
            time.sleep(PARENT_CHECK_SECONDS)
        os._exit(1)

    threading.Thread(target=watch_parent, daemon=True, name="accessconv-parent-watch").start()


def _die_with_parent() -> bool:
    """Ask Linux to kill this process when its parent ends (prctl PR_SET_PDEATHSIG)."""
    if not sys.platform.startswith("linux"):
        return False
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        pr_set_pdeathsig = 1
        return bool(libc.prctl(pr_set_pdeathsig, int(signal.SIGKILL), 0, 0, 0) == 0)
    except (OSError, AttributeError):
        return False


def default_jobs() -> int:
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


DIED = (
    "accessconv stopped unexpectedly while converting this draft (it may be too large "
    "for this computer's memory). It will be tried again on the next run."
)


def execute(tasks: list[Task], jobs: int) -> Iterator[Outcome]:
    """Convert each task's draft, in this process (one job or one draft) or in a pool of worker
    processes; yields each outcome as its draft finishes."""
    if jobs == 1 or len(tasks) <= 1:
        for task in tasks:
            yield convert_task(task)
        return

    pool = ProcessPoolExecutor(
        max_workers=min(jobs, len(tasks)), initializer=_init_worker, initargs=(os.getpid(),)
    )
    try:
        futures = {pool.submit(convert_task, task): task for task in tasks}
        for future in as_completed(futures):
            try:
                yield future.result()
            except BrokenProcessPool:
                # A worker died (out of memory, a crash in a library): report that draft, not a traceback.
                yield Outcome(futures[future].relative, None, DIED, False)
    finally:
        pool.shutdown(wait=True, cancel_futures=True)
