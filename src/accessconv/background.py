"""Run work on the machine's other cores: each job in a forked child process.

A conversion's checks read the files it wrote and need nothing but those files and what is already
in memory (the profile, the draft), so a forked child can run them while this process writes the
next format. A child starts from a copy of this process's memory (nothing to pickle on the way
in), writes its result, pickled, to a private file and ends with `os._exit` (no `finally` or
`atexit` of ours runs twice). The result is read back in the order the jobs were started, so the
report is the same as when everything runs in one process.

Forking is used only where it is safe and helps: on a computer with fork and more than one core,
from the main thread of a process running no other Python threads (the web service's threads, a
watcher thread), and not inside a worker process of a pool (a batch run's `--jobs` already uses the
cores). Anywhere else, and for any job a child could not finish (killed, out of memory, a result
that cannot be pickled), the job runs here instead, so forking changes only when work is done,
never what it gives. An exception raised by a job is raised again where its result is asked for.
Children are started only on cores nobody else is using (the load average), since on a busy machine
they would only share the same cores; `ACCESSCONV_JOBS=1` turns forking off, `ACCESSCONV_JOBS=N`
allows N-1 children besides this process whatever the load.
"""

from __future__ import annotations

import contextlib
import gc
import multiprocessing
import os
import pickle
import signal
import tempfile
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Generic, TypeVar

from . import scratch

T = TypeVar("T")

JOBS_VARIABLE = "ACCESSCONV_JOBS"
# The children of every pool of this process still running, so a pool opened while another's
# children work (pictures rendered ahead while the other profiles are written) takes only the
# cores they leave.
_RUNNING: set[int] = set()
# Work a child must do before it ends: it ends with os._exit, which runs no atexit handler.
_AT_CHILD_EXIT: list[Callable[[], None]] = []


def cores() -> int:
    """How many processes may work at once: ACCESSCONV_JOBS, else the cores this process may use."""
    wanted = os.environ.get(JOBS_VARIABLE, "").strip()
    if wanted.isdigit() and int(wanted) > 0:
        return int(wanted)
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


def idle_children() -> int:
    """How many children to start: one per core nobody else is using, this process aside.

    On a machine whose cores are already busy, more processes only share the same cores, each
    paying to start and to load what it needs again: measured on a shared 2-core machine at load
    4-6, large print with children took more CPU and longer than without. What other processes
    used since this conversion started (`others_busy`) says how busy the cores are now; when that
    is not known, the 1-minute load average, which counts this process (about 1) and whatever else
    runs, but lags: conversions run one after another (a benchmark, a folder of drafts) keep it
    above 1.5 on 2 cores long after each has ended. ACCESSCONV_JOBS, when set, is taken as it is."""
    wanted = os.environ.get(JOBS_VARIABLE, "").strip()
    busy = _busy_children()  # started already by this process (a pool opened inside a job)
    if wanted.isdigit() and int(wanted) > 0:
        return max(0, int(wanted) - 1 - busy)
    others = others_busy()
    if others is not None:
        return max(0, min(cores() - 1 - busy, int(cores() - 1 - others + 0.5)))
    try:
        load = os.getloadavg()[0]
    except (AttributeError, OSError):  # no load average here: use every core
        return max(0, cores() - 1 - busy)
    # The load average lags by seconds, so a child started just now is not in it yet.
    return max(0, min(cores() - 1 - busy, int(cores() - load + 0.5)))


@dataclass(frozen=True)
class CpuMark:
    at: float  # time.monotonic()
    machine: float  # CPU seconds all cores have been busy (Linux /proc/stat)
    own: float  # CPU seconds of this process and of the children it has waited for


# Shorter than this, a window says little; longer, it is not "now" (a long-running service).
_WINDOW = (0.3, 30.0)
_mark: CpuMark | None = None


def cpu_mark() -> CpuMark | None:
    """How much CPU the machine and this process have used so far; None where /proc is missing."""
    try:
        with open("/proc/stat", "rb") as fh:
            ticks = [int(f) for f in fh.readline().split()[1:]]
        per_second = os.sysconf("SC_CLK_TCK")
    except (OSError, ValueError):
        return None
    # user nice system idle iowait irq softirq steal [guest guest_nice, already in user and nice]
    busy = sum(ticks[:8]) - sum(ticks[3:5])
    return CpuMark(time.monotonic(), busy / per_second, _own_cpu())


def _own_cpu() -> float:
    """CPU seconds of this process (every thread) and of the children it has waited for."""
    t = os.times()
    return t.user + t.system + t.children_user + t.children_system


def _forked(parent_spent: float) -> None:
    """In a new child: its CPU clock starts again at 0, so the conversion's mark is moved back by
    what the parent had used at the fork. `others_busy` then counts the conversion's own work up
    to the fork (and the child's since) as its own, not as another process's: only the parent's
    work since the fork still counts as other (a pool opened in a child then starts fewer children,
    never more)."""
    global _mark
    if _mark is not None:
        _mark = CpuMark(_mark.at, _mark.machine, _mark.own - parent_spent)


def mark_start() -> None:
    """A conversion starts: `others_busy` measures from here."""
    global _mark
    _mark = cpu_mark()


def others_busy() -> float | None:
    """How many cores other processes kept busy since `mark_start` (this process, its threads and
    the children it waited for, such as pandoc, aside), or None when that is not known."""
    now = cpu_mark()
    if _mark is None or now is None or not _WINDOW[0] <= now.at - _mark.at <= _WINDOW[1]:
        return None
    return max(0.0, (now.machine - _mark.machine - (now.own - _mark.own)) / (now.at - _mark.at))


def measured() -> bool:
    """Whether `others_busy` can say how busy the cores are yet (its window is long enough), or
    never will (no mark): a pool opened before then goes by the lagging load average."""
    return _mark is None or time.monotonic() - _mark.at >= _WINDOW[0]


def _busy_children() -> int:
    """How many children of this process's pools are still working: one that has ended but is not
    yet collected by its pool leaves its core free already (looked at without collecting it)."""
    if not hasattr(os, "waitid"):
        return len(_RUNNING)
    working = 0
    for pid in list(_RUNNING):
        try:
            ended = os.waitid(os.P_PID, pid, os.WEXITED | os.WNOHANG | os.WNOWAIT)
        except ChildProcessError:  # collected already (SIGCHLD ignored): its core is free
            continue
        if ended is None:
            working += 1
    return working


def can_fork() -> bool:
    """Whether a job may run in a forked child here (see the module's docstring)."""
    return (
        hasattr(os, "fork")
        and cores() > 1
        and threading.current_thread() is threading.main_thread()
        and threading.active_count() == 1
        and multiprocessing.parent_process() is None
    )


@dataclass
class Job(Generic[T]):
    """One piece of work: run here, or in a child whose result waits in `result_file`."""

    work: Callable[[], T]
    pid: int = 0  # the child's process id; 0 while not started or when run here
    result_file: Path | None = None
    done: bool = False  # its value or error is here (from a child, or run here)
    value: T | None = None
    error: BaseException | None = None


@dataclass
class Pool:
    """Jobs started in order, at most `children` running in child processes at a time; the rest
    wait until a child is free, or run here when their result is asked for."""

    children: int
    folder: Path
    jobs: list[Job[Any]] = field(default_factory=list)

    def submit(self, work: Callable[[], T], start: bool = False) -> Job[T]:
        """Add a job. It waits until another is added (or `start`): a child then takes it while
        this process goes on; the last job, asked for with nothing else to do, runs here, since
        a child for it would only cost starting one."""
        job: Job[T] = Job(work)
        self.jobs.append(job)
        self._start_waiting(but=None if start else job)
        return job

    def submit_ready(self, work: Callable[[], T]) -> Job[T]:
        """Add a job whose input is complete now (a file just written) and start it at once: in a
        child when one is free and forking is safe; here, now, when another thread of this process
        runs (a writer's Typst compile, which leaves Python's lock free: no process may fork then,
        and this thread would only wait for it); else it waits, as `submit`."""
        job: Job[T] = Job(work)
        self.jobs.append(job)
        self._reap()
        if threading.active_count() > 1:
            _run_here(job)
        elif self._running() < self.children:
            self._fork(job)
        return job

    def result(self, job: Job[T]) -> T:
        """The job's value, or its exception raised again.

        A job runs here when forking is off, or when it is the last one left to start (a child
        would only cost starting one). Otherwise, while this process has nothing to do but wait,
        its own core takes a child too (one more than `children`): a job run here instead would
        keep a core that a child leaves free idle until this process finished it (measured: the
        Easy Read checks' last half second, a child done and the next check waiting)."""
        while not job.done:
            self._reap()
            waiting = [j for j in self.jobs if not j.pid and not j.done]
            if job.done:
                break
            if not self.children or waiting == [job]:
                self._start_waiting(but=job)  # others keep the children busy while this one runs here
                _run_here(job)
                break
            if len(waiting) == 1 and self._running() >= self.children:
                _run_here(waiting[0])  # the last one to start: no job is left waiting behind it
                continue
            self._start_waiting(extra=1)
            if job.pid and self._running() == 1 and not any(not j.pid and not j.done for j in self.jobs):
                self._wait(job)  # nothing else to start: wait for this child alone
            else:
                self._wait_any()
        self._start_waiting()
        if job.error is not None:
            raise job.error
        return job.value  # type: ignore[return-value]  # set by the work, which returns T

    def _running(self) -> int:
        return sum(1 for j in self.jobs if j.pid)

    def _start_waiting(self, but: Job[Any] | None = None, extra: int = 0) -> None:
        """Fork the jobs not yet started, in order, while fewer than `children` (+ `extra`, this
        process's own core while it only waits) run."""
        limit = self.children + extra
        for job in self.jobs:
            if self._running() >= limit:
                self._reap()
                if self._running() >= limit:
                    return
            if job is not but and not job.pid and not job.done:
                self._fork(job)

    def _wait_any(self) -> None:
        """Until one of this pool's children ends (looked at every 2 ms; another pool's children
        are left alone)."""
        running = self._running()
        while running and self._running() >= running:
            time.sleep(0.002)
            self._reap()

    def _reap(self) -> None:
        """Collect the children that have finished, without waiting."""
        for job in self.jobs:
            if job.pid:
                try:
                    pid, status = os.waitpid(job.pid, os.WNOHANG)
                except ChildProcessError:  # reaped already (SIGCHLD ignored): see what it left
                    pid, status = job.pid, None
                if pid != 0:
                    self._collect(job, status)

    def _fork(self, job: Job[Any]) -> None:
        fd, name = tempfile.mkstemp(dir=self.folder, suffix=".result")
        os.close(fd)
        job.result_file = Path(name)
        spent = _own_cpu()
        try:
            pid = os.fork()
        except OSError:  # no memory or process slots for a child: run it here, later
            _run_here(job)
            return
        if pid == 0:  # the child
            _RUNNING.clear()  # the parent's children are not this one's
            _forked(spent)
            _collect_in_child()
            _child(job.work, job.result_file)
        job.pid = pid
        _RUNNING.add(pid)

    def _wait(self, job: Job[Any]) -> None:
        status: int | None
        try:
            _pid, status = os.waitpid(job.pid, 0)
        except ChildProcessError:  # reaped already (SIGCHLD ignored): see what it left
            status = None
        self._collect(job, status)

    def _collect(self, job: Job[Any], status: int | None) -> None:
        """Take a finished child's result; `status` None when its exit status is unknown."""
        _RUNNING.discard(job.pid)
        job.pid = 0
        payload = b""
        ended_well = status is None or os.waitstatus_to_exitcode(status) == 0
        if ended_well and job.result_file is not None:
            with contextlib.suppress(OSError):
                payload = job.result_file.read_bytes()
        try:
            ok, value = pickle.loads(payload)
        except Exception:  # the child died or could not send its result: do the work here
            _run_here(job)
            return
        job.done = True
        if ok:
            job.value = value
        else:
            job.error = value

    def stop(self) -> None:
        """End every child still running (a failed or interrupted conversion) and wait for it."""
        for job in self.jobs:
            if job.pid:
                with contextlib.suppress(OSError):
                    os.kill(job.pid, signal.SIGKILL)
                with contextlib.suppress(ChildProcessError):
                    os.waitpid(job.pid, 0)
                _RUNNING.discard(job.pid)
                job.pid = 0


# Python's cycle collector looks again and again at every object the process holds: with the
# libraries and data a conversion loads (spaCy and its model, the word lists: about a million
# objects) its rounds took about 0.9 s of a 25,000-word Easy Read conversion. While they load it
# is paused (`collector_paused`), and what they loaded is then kept out of its rounds for the rest
# of the process's life (`loaded`, gc.freeze, once: a long-running service freezes its first
# conversion's libraries, never a later conversion's leftovers). A writer that makes many objects
# and few cycles (Easy Read's language steps) may pause it too; a forked child collects as usual.
# A threshold of 0 stops the rounds where gc.disable would not hold: spaCy's model loading calls
# gc.enable (srsly) whatever the caller wanted.
_PAUSED: tuple[int, ...] | None = None  # the thresholds to go back to; None: not paused
_FROZEN = False


@contextlib.contextmanager
def collector_paused() -> Iterator[None]:
    """Run this block without rounds of the cycle collector (nothing is lost: objects still go
    when nothing refers to them, and the collector takes the rest when it runs again)."""
    global _PAUSED
    thresholds = gc.get_threshold()
    if _PAUSED is not None or not thresholds[0]:  # paused already (another conversion, the caller)
        yield
        return
    gc.set_threshold(0)
    _PAUSED = thresholds
    try:
        yield
    finally:
        _PAUSED = None
        gc.set_threshold(*thresholds)


def loaded() -> None:
    """The libraries and data are loaded: the collector leaves them out of its rounds from now on
    (the first time in this process only)."""
    global _FROZEN
    if not _FROZEN:
        _FROZEN = True
        gc.freeze()


def _collect_in_child() -> None:
    """A child forked during a paused conversion collects as usual, leaving out what it shares
    with its parent (so the collector neither walks nor copies those pages)."""
    global _PAUSED
    if _PAUSED is not None:
        gc.freeze()
        gc.set_threshold(*_PAUSED)
        _PAUSED = None


def at_child_exit(tidy: Callable[[], None]) -> None:
    """Run `tidy` as each child ends (e.g. to remove temporary folders the child made), since a
    child ends without running the atexit handlers it inherited."""
    _AT_CHILD_EXIT.append(tidy)


def _run_here(job: Job[T]) -> None:
    job.done = True
    try:
        job.value = job.work()
    except Exception as err:
        job.error = err


def _child(work: Callable[[], object], result_file: Path) -> None:
    """In the child: do the work, leave the result (or the exception) in `result_file`, and end
    without running anything the parent set up to run at exit."""
    code = 0
    try:
        signal.signal(signal.SIGINT, signal.SIG_DFL)  # Ctrl-C ends the child; the parent cleans up
        try:
            outcome: tuple[bool, object] = (True, work())
        except Exception as err:
            outcome = (False, err)
        try:
            payload = pickle.dumps(outcome)
        except Exception:
            payload = b""  # the parent does the job itself
        part = result_file.with_suffix(".part")
        part.write_bytes(payload)
        os.replace(part, result_file)  # whole or not there: the parent never reads half of it
    except BaseException:
        code = 1
    finally:
        for tidy in _AT_CHILD_EXIT:
            with contextlib.suppress(BaseException):
                tidy()
        os._exit(code)


@contextlib.contextmanager
def pool(children: int | None = None) -> Iterator[Pool]:
    """A Pool using the other cores (none where forking is not safe, see can_fork); every child
    is ended and every result file removed when the block ends, however it ends."""
    n = (idle_children() if children is None else children) if can_fork() else 0
    with scratch.folder("jobs") as folder:
        jobs = Pool(max(0, n), Path(folder))
        try:
            yield jobs
        finally:
            jobs.stop()
