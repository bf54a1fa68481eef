"""Batch conversion of a shared folder of drafts into a mirrored folder of accessible versions.

    Drafts/Finance/Budget 2026.docx  ->  Accessible/Finance/Budget 2026/Budget 2026.html (and the
                                          other profiles' files), plus Accessible/index.html and
                                          Accessible/report.json for the whole folder.

- Incremental: a manifest in the output folder records, for each draft, its content hash, the
  digest of each profile it was converted with and the tool version. A rerun converts only the
  drafts whose content changed and rebuilds only the outputs whose profile changed.
- Isolated: each draft is converted on its own (in a worker process with --jobs > 1); one that
  cannot be converted is recorded as failed with its message and the others go on.
- Safe on a shared drive: Office lock files, temporary and hidden files are skipped; a draft whose
  size or time is still changing is left until it settles; pipeline.convert writes each draft's
  outputs to a temporary folder and moves them into place; a lock file stops two runs working on
  the same output folder, and a lock left by a crashed run is cleared, as are the temporary
  folders a killed run left.
- Confined: only regular files inside the drafts folder are read. Links (to files or folders) are
  never followed, wherever they point: a link could publish a file from elsewhere on the computer
  (/etc/passwd) in the accessible versions. Links are listed in the report as not converted; a
  link to a draft inside the folder needs nothing, as that draft is converted under its own name.
  Just before a draft is read it is checked again, in case it was swapped for a link meanwhile.
- Bounded: each draft gets Limits.draft_seconds (see limits.py); one that takes longer is stopped
  and reported, and the others go on. Workers end when the run that started them ends, however it
  ends. The manifest is saved as each draft finishes, so a killed run's finished drafts are kept.
"""

from __future__ import annotations

import errno
import hashlib
import json
import os
import re
import shutil
import socket
import stat
import time
import uuid
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path, PurePosixPath
from typing import Any, Literal

from .checks import CheckResult, counts
from .config import DEFAULT_INTERVAL_SECONDS, DEFAULT_SETTLE_SECONDS, DEFAULT_STALE_LOCK_MINUTES
from .errors import (
    AccessconvError,
    FolderLockedError,
    InputError,
    OutputError,
    UsageError,
    disk_full,
    output_problem,
)
from .limits import DEFAULT, Limits
from .pipeline import ConversionResult, OutputResult, is_leftover_temp, pid_alive
from .profiles import Profile
from .version import __version__

MANIFEST_NAME = ".accessconv-manifest.json"
LOCK_NAME = ".accessconv.lock"
INDEX_NAME = "index.html"
REPORT_NAME = "report.json"
MANIFEST_VERSION = 1

# More of how batch runs behave on a shared drive (the defaults the CLI and accessconv.toml can
# change are in config.py).
SETTLE_ROUNDS = 5  # after this many settle periods still changing, leave it for the next run
LOCK_WRITE_GRACE_SECONDS = 5.0  # an unreadable lock this new may still be being written
PARENT_CHECK_SECONDS = 1.0  # a worker whose run has gone notices within this time (not on Linux)

# Folders `accessconv convert` makes beside a draft; their .html files are outputs, not drafts.
CONVERT_FOLDER_SUFFIX = "-accessible"
TEMP_SUFFIXES = (".tmp", ".temp", ".part", ".partial", ".crdownload", ".download", ".bak", ".swp")

REMEMBERED_FAILURE = "Not tried again: the draft has not changed since it could not be converted."
WAITING = (
    "This draft is still being saved or copied (its size or time keeps changing). "
    "accessconv will convert it on the next run."
)
LINK_OUTSIDE = (
    "Not converted: this is a link to {what} outside the drafts folder, and accessconv only "
    "publishes files that are in the drafts folder. Copy {it} into the folder instead."
)
LINK_INSIDE = (
    "Not converted: this is a link to {what} in the drafts folder; links are not followed, and the "
    "draft it points to is converted under its own name."
)
# The temporary files _write_atomic makes: '.<name>.<pid>.tmp'.
ATOMIC_TEMP = re.compile(r"^\..+\.(?P<pid>\d+)\.tmp$")

DraftStatus = Literal["converted", "unchanged", "failed", "skipped"]
BatchProgress = Callable[[int, int, str], None]


@dataclass
class DraftResult:
    """One draft in a batch run. `result` holds its outputs and checks: fresh when converted in
    this run, from the manifest when unchanged."""

    relative: str  # the draft's path inside the source folder, with / between folders
    source: Path
    status: DraftStatus
    result: ConversionResult
    rebuilt: list[str] = field(default_factory=list)  # profiles whose outputs were written this run
    note: str | None = None  # why a draft was skipped, or that a failure is remembered from a past run

    @property
    def error(self) -> str | None:
        return self.result.error


@dataclass
class Orphan:
    """Outputs with no current draft behind them: the draft was deleted, or it changed and these
    came from a profile not chosen this time."""

    relative: str
    outputs: list[Path]
    reason: str
    removed: bool


@dataclass
class BatchResult:
    source: Path
    out_dir: Path
    profiles: list[str]
    drafts: list[DraftResult]
    orphans: list[Orphan]
    jobs: int
    seconds: float
    finished_at: str  # UTC, ISO 8601
    index: Path | None = None
    report: Path | None = None

    def with_status(self, status: DraftStatus) -> list[DraftResult]:
        return [d for d in self.drafts if d.status == status]

    @property
    def converted(self) -> list[DraftResult]:
        return self.with_status("converted")

    @property
    def unchanged(self) -> list[DraftResult]:
        return self.with_status("unchanged")

    @property
    def failed(self) -> list[DraftResult]:
        return self.with_status("failed")

    @property
    def skipped(self) -> list[DraftResult]:
        return self.with_status("skipped")

    @property
    def waiting(self) -> list[DraftResult]:
        """Skipped drafts that are still being saved (converted on a later run)."""
        return [d for d in self.skipped if d.note == WAITING]

    @property
    def links(self) -> list[DraftResult]:
        """Links in the drafts folder, which are never followed (see the module docstring)."""
        return [d for d in self.skipped if d.note != WAITING]

    @property
    def new_failures(self) -> list[DraftResult]:
        """Drafts that failed in this run (not failures remembered from an earlier run)."""
        return [d for d in self.failed if d.note != REMEMBERED_FAILURE]

    @property
    def results(self) -> list[ConversionResult]:
        return [d.result for d in self.drafts]

    @property
    def errors(self) -> int:
        return counts(c for r in self.results for c in r.all_checks)["errors"]

    @property
    def warnings(self) -> int:
        return counts(c for r in self.results for c in r.all_checks)["warnings"]

    def exit_code(self, fail_on: str = "error") -> int:
        """0 clean, 1 check errors (or warnings with fail_on="warning"), 2 a draft could not be read."""
        from .report import exit_code

        return exit_code(self.results, fail_on)


# ---------------------------------------------------------------- the public API


def convert_folder(
    source: Path | str,
    out_dir: Path | str,
    profiles: Sequence[str | Profile] | None = None,
    profiles_dirs: Sequence[Path | str] | None = None,
    *,
    jobs: int | None = None,
    prune: bool = True,
    force: bool = False,
    settle: float = DEFAULT_SETTLE_SECONDS,
    stale_lock_minutes: float = DEFAULT_STALE_LOCK_MINUTES,
    fail_on: str = "error",
    progress: BatchProgress | None = None,
    browser: bool = False,
    limits: Limits = DEFAULT,
) -> BatchResult:
    """Convert every draft under `source` into a mirrored tree under `out_dir`, incrementally.

    Returns a BatchResult (one DraftResult per draft: converted, unchanged, failed or skipped).
    With `browser`, every .html output is also audited with axe-core in headless Chromium, and
    web pages recorded without that audit are made again.
    A draft that cannot be converted (or takes longer than `limits.draft_seconds`) does not raise;
    it is a DraftResult with status "failed". Links in `source` are "skipped", with the reason.
    Raises InputError when `source` is not a folder, UsageError for folders that overlap,
    ProfileError for a bad profile and FolderLockedError when another run holds the folder."""
    run = _Run(source, out_dir, profiles, profiles_dirs, jobs, prune, settle, fail_on, browser, limits)
    with FolderLock(run.out_dir, stale_lock_minutes * 60) as lock:
        return run.once(force=force, progress=progress, heartbeat=lock.touch)


def watch_folder(
    source: Path | str,
    out_dir: Path | str,
    profiles: Sequence[str | Profile] | None = None,
    profiles_dirs: Sequence[Path | str] | None = None,
    *,
    interval: float = DEFAULT_INTERVAL_SECONDS,
    jobs: int | None = None,
    prune: bool = True,
    settle: float = DEFAULT_SETTLE_SECONDS,
    stale_lock_minutes: float = DEFAULT_STALE_LOCK_MINUTES,
    fail_on: str = "error",
    on_cycle: Callable[[BatchResult], None] | None = None,
    on_error: Callable[[AccessconvError], None] | None = None,
    progress: BatchProgress | None = None,
    should_stop: Callable[[], bool] | None = None,
    browser: bool = False,
    limits: Limits = DEFAULT,
) -> BatchResult | None:
    """Keep converting drafts as they appear or change, looking every `interval` seconds (polling
    works on network shares, where file-system events often do not arrive). Holds the folder's
    lock throughout. Stops when `should_stop()` is true or on KeyboardInterrupt (Ctrl-C), which
    propagates after the lock is released; returns the last cycle's result."""
    run = _Run(source, out_dir, profiles, profiles_dirs, jobs, prune, settle, fail_on, browser, limits)
    last: BatchResult | None = None
    stop = should_stop or (lambda: False)
    with FolderLock(run.out_dir, stale_lock_minutes * 60) as lock:
        while not stop():
            try:
                last = run.once(force=False, progress=progress, heartbeat=lock.touch)
                if on_cycle:
                    on_cycle(last)
            except FolderLockedError:
                raise
            except AccessconvError as err:
                # e.g. a profile file saved half-edited: say so and look again next time.
                if on_error is None:
                    raise
                on_error(err)
            lock.touch()
            deadline = time.monotonic() + interval
            while not stop() and time.monotonic() < deadline:
                time.sleep(min(0.1, interval))
    return last


# ---------------------------------------------------------------- finding drafts


def ignore_reason(name: str) -> str | None:
    """Why a file is not a draft to convert, or None if it may be one."""
    if name.startswith("~$"):
        return "an Office lock file"
    if name.startswith("."):
        return "a hidden file"
    if name.startswith(("~", "#")) or name.endswith(("~", "#")) or name.lower().endswith(TEMP_SUFFIXES):
        return "a temporary file"
    return None


def find_drafts(source: Path, exclude: Path | None = None) -> list[str]:
    """Relative paths (with /) of every draft accessconv can read under `source`, sorted.

    Skips hidden folders, the output folder when it sits inside the source, the
    '<name>-accessible' folders `accessconv convert` makes, and links (see find_links)."""
    return scan_folder(source, exclude)[0]


def find_links(source: Path, exclude: Path | None = None) -> dict[str, str]:
    """Links in `source` that look like drafts or folders of drafts, with why each is not followed
    (broken links are left out: they hold nothing)."""
    return scan_folder(source, exclude)[1]


def scan_folder(source: Path, exclude: Path | None = None) -> tuple[list[str], dict[str, str]]:
    """(drafts, links): see find_drafts and find_links. os.walk does not go into linked folders."""
    from .reader import READERS

    excluded = exclude.resolve() if exclude else None
    root = source.resolve()
    found: list[str] = []
    links: dict[str, str] = {}
    for dirpath, dirnames, filenames in os.walk(source):
        here = Path(dirpath)
        dirnames[:] = sorted(
            d
            for d in dirnames
            if not d.startswith((".", "~$"))
            and not d.endswith(CONVERT_FOLDER_SUFFIX)
            and (excluded is None or (here / d).resolve() != excluded)
        )
        for d in dirnames:
            if (here / d).is_symlink():
                note = _link_note(here / d, root, "a folder")
                if note:
                    links[(here / d).relative_to(source).as_posix() + "/"] = note
        for name in filenames:
            if (
                Path(name).suffix.lower() not in READERS
                or ignore_reason(name)
                or _hidden_on_windows(here / name)
            ):
                continue
            rel = (here / name).relative_to(source).as_posix()
            if (here / name).is_symlink():
                note = _link_note(here / name, root, "a file")
                if note:
                    links[rel] = note
                continue
            found.append(rel)
    return sorted(found, key=lambda rel: (rel.casefold(), rel)), links


def _link_note(link: Path, root: Path, what: str) -> str | None:
    """Why a link is not followed, or None for a broken link (nothing to publish, nothing to say)."""
    try:
        target = link.resolve(strict=True)
    except (OSError, RuntimeError):  # broken, or a loop of links
        return None
    inside = target == root or root in target.parents
    it = "the file" if what == "a file" else "the drafts"
    return (LINK_INSIDE if inside else LINK_OUTSIDE).format(what=what, it=it)


def check_still_inside(path: Path, root: Path) -> None:
    """Just before a draft is read: it must still be a regular file, reached through no link, in
    the drafts folder. A draft swapped for a link after the folder was listed is refused."""
    try:
        info = os.lstat(path)
        real = path.resolve(strict=True)
        expected = root.resolve() / path.relative_to(root)
    except (OSError, RuntimeError, ValueError):
        return  # gone or unreadable: the reader says so in its own words
    if not stat.S_ISREG(info.st_mode) or real != expected:
        raise InputError(
            path,
            "this draft was replaced by a link (to a file elsewhere) while accessconv was running",
            "accessconv only publishes files that are in the drafts folder; put the real file there",
        )


def _hidden_on_windows(path: Path) -> bool:
    attributes = getattr(os.stat(path, follow_symlinks=False), "st_file_attributes", 0)
    return bool(attributes & 0x2)  # FILE_ATTRIBUTE_HIDDEN


def output_folders(drafts: Sequence[str]) -> dict[str, str]:
    """Each draft's output folder inside the output tree: its own name without the extension,
    beside where it sits in the source ('Finance/Budget.docx' -> 'Finance/Budget'). Two drafts
    that differ only by extension get 'Budget (docx)' and 'Budget (md)'."""
    by_folder: dict[str, list[str]] = {}
    for rel in drafts:
        p = PurePosixPath(rel)
        by_folder.setdefault(str(p.parent / p.stem).lower(), []).append(rel)
    folders: dict[str, str] = {}
    for same in by_folder.values():
        for rel in same:
            p = PurePosixPath(rel)
            name = p.stem if len(same) == 1 else f"{p.stem} ({p.suffix.lstrip('.').lower()})"
            folders[rel] = str(p.parent / name)
    return folders


def file_hash(path: Path) -> str:
    # Not through a link: a draft swapped for one is refused before reading anyway.
    fd = os.open(path, os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_BINARY", 0))
    with os.fdopen(fd, "rb") as fh:
        return hashlib.file_digest(fh, "sha256").hexdigest()


def _stat_key(path: Path) -> tuple[int, int] | None:
    try:
        st = path.stat()
    except OSError:
        return None
    return (st.st_size, st.st_mtime_ns)


def wait_until_stable(paths: dict[str, Path], settle: float) -> tuple[set[str], set[str]]:
    """Split drafts into (stable, still changing): a draft is stable when its size and time stay
    the same for `settle` seconds. Waits at most SETTLE_ROUNDS periods, for all drafts at once."""
    if settle <= 0 or not paths:
        return set(paths), set()
    # A path that cannot be read (a broken link, a draft deleted meanwhile) will not settle by
    # waiting; the caller skips it, so it is left out here instead of holding up the run.
    pending = {rel: key for rel, p in paths.items() if (key := _stat_key(p)) is not None}
    stable: set[str] = set()
    for _round in range(SETTLE_ROUNDS):
        if not pending:
            break
        time.sleep(settle)
        changing = {}
        for rel, before in pending.items():
            now = _stat_key(paths[rel])
            if now == before:
                stable.add(rel)
            elif now is not None:
                changing[rel] = now
        pending = changing
    return stable, set(pending)


# ---------------------------------------------------------------- one run


@dataclass
class _Task:
    relative: str
    source: Path
    out_dir: Path
    profiles: list[Profile]
    profiles_dirs: list[Path]
    browser: bool = False  # also audit each .html output with axe-core in Chromium
    root: Path | None = None  # the drafts folder, which the draft must still be inside
    limits: Limits = DEFAULT


@dataclass
class _Outcome:
    relative: str
    result: ConversionResult | None
    error: str | None
    repeatable: bool  # the same draft and profiles would fail the same way (so remember it)


def _convert_task(task: _Task) -> _Outcome:
    """Convert one draft (in a worker process when --jobs > 1); never raises."""
    from .errors import TimeLimitError
    from .pipeline import convert

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
        return _Outcome(task.relative, result, None, True)
    except (OutputError, TimeLimitError) as err:
        # About the output folder or this computer's load, not the draft: try again next run.
        return _Outcome(task.relative, None, str(err), False)
    except AccessconvError as err:
        return _Outcome(task.relative, None, str(err), True)
    except OSError as err:
        if err.errno != errno.ENOSPC:
            return _unexpected(task, err)
        # Outside the draft's output folder (pandoc's working files): try again next run.
        return _Outcome(task.relative, None, disk_full(task.source), False)
    except Exception as err:  # a bug must not stop the other drafts
        return _unexpected(task, err)


def _unexpected(task: _Task, err: Exception) -> _Outcome:
    return _Outcome(
        task.relative,
        None,
        f"accessconv hit an unexpected problem with this draft ({type(err).__name__}). "
        "The other drafts were not affected; please send this draft to the accessconv team.",
        False,
    )


def _init_worker(parent: int) -> None:
    """In each worker process: leave Ctrl-C to the main process (which stops the run cleanly), and
    end when the run ends, however it ends (even kill -9), instead of lingering with its memory."""
    import signal
    import threading

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
    import sys

    if not sys.platform.startswith("linux"):
        return False
    try:
        import ctypes
        import signal

        libc = ctypes.CDLL(None, use_errno=True)
        pr_set_pdeathsig = 1
        return libc.prctl(pr_set_pdeathsig, int(signal.SIGKILL), 0, 0, 0) == 0
    except (OSError, AttributeError):
        return False


def default_jobs() -> int:
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


class _Run:
    def __init__(
        self,
        source: Path | str,
        out_dir: Path | str,
        profiles: Sequence[str | Profile] | None,
        profiles_dirs: Sequence[Path | str] | None,
        jobs: int | None,
        prune: bool,
        settle: float,
        fail_on: str,
        browser: bool = False,
        limits: Limits = DEFAULT,
    ) -> None:
        self.source = Path(source)
        self.browser = browser
        self.limits = limits
        self.swept = False  # leftovers of killed runs are removed once, on the first look
        self.out_dir = Path(out_dir)
        self.profile_names = list(profiles or [])
        self.profiles_dirs = [Path(p) for p in profiles_dirs or []]
        self.jobs = jobs if jobs is not None else default_jobs()
        if self.jobs < 1:
            raise UsageError("--jobs must be 1 or more.")
        self.prune = prune
        self.settle = settle
        # What the last reports written said, so --watch rewrites them only when something changed
        # (every rewrite on a shared drive wakes up sync clients and open browsers).
        self.reported: tuple[object, ...] | None = None
        self.fail_on = fail_on
        _check_folders(self.source, self.out_dir)
        from .pipeline import resolve_profiles

        resolve_profiles(self.profile_names, self.profiles_dirs)  # a wrong name stops us before the lock

    def once(self, force: bool, progress: BatchProgress | None, heartbeat: Callable[[], None]) -> BatchResult:
        from . import profiles as registry
        from .pipeline import resolve_profiles

        started = time.monotonic()
        chosen = resolve_profiles(self.profile_names, self.profiles_dirs)
        draft_digest = ""
        if "draft" in registry.available(self.profiles_dirs):
            draft_digest = registry.load("draft", self.profiles_dirs).digest
        failed_key = _failed_key(chosen, draft_digest)
        if not self.swept:
            _sweep_leftovers(self.out_dir)
            self.swept = True
        manifest = _Manifest.load(self.out_dir)
        drafts, links = scan_folder(self.source, exclude=self.out_dir)
        folders = output_folders(drafts)

        # 1. Which drafts look changed (size or time differ from the manifest)?
        touched: dict[str, Path] = {}
        for rel in drafts:
            entry = manifest.drafts.get(rel)
            key = _stat_key(self.source / rel)
            if force or entry is None or key != (entry.get("size"), entry.get("mtime_ns")):
                touched[rel] = self.source / rel
        # 2. Leave drafts that are still being written until they settle.
        _stable, changing = wait_until_stable(touched, self.settle)

        outcomes: dict[str, DraftResult] = {}
        tasks: list[_Task] = []
        full_rels: set[str] = set()
        for rel in drafts:
            path = self.source / rel
            entry = manifest.drafts.get(rel)
            stat = _stat_key(path)
            if stat is None:  # deleted while we looked
                continue
            if rel in changing:
                outcomes[rel] = self._skipped(rel)
                continue
            content = entry.get("sha256") if entry and rel not in touched else None
            try:
                content = content or file_hash(path)
            except OSError:
                outcomes[rel] = self._skipped(rel)
                continue
            full = (
                force
                or not manifest.current
                or entry is None
                or entry.get("sha256") != content
                or entry.get("out_dir") != folders[rel]
                or entry.get("draft_digest") != draft_digest
            )
            if entry is not None and not full:
                entry["size"], entry["mtime_ns"] = stat  # touched but the same content
            if not full and entry is not None and entry.get("status") == "failed":
                if entry.get("failed_key") == failed_key:
                    outcomes[rel] = DraftResult(
                        rel, path, "failed", self._rehydrate(rel, entry, chosen), note=REMEMBERED_FAILURE
                    )
                    continue
                full = True
            todo = (
                chosen
                if full or entry is None
                else _stale_profiles(entry, chosen, self.out_dir, self.browser)
            )
            if not todo:
                outcomes[rel] = DraftResult(rel, path, "unchanged", self._rehydrate(rel, entry, chosen))
                continue
            new_entry = dict(entry or {}) if not full else {"outputs": dict((entry or {}).get("outputs", {}))}
            new_entry.update(
                size=stat[0],
                mtime_ns=stat[1],
                sha256=content,
                out_dir=folders[rel],
                draft_digest=draft_digest,
                full=full,
            )
            manifest.pending[rel] = new_entry
            if full:
                full_rels.add(rel)
            tasks.append(
                _Task(
                    rel,
                    path,
                    self.out_dir / folders[rel],
                    list(todo),
                    self.profiles_dirs,
                    self.browser,
                    root=self.source,
                    limits=self.limits,
                )
            )
        for rel, note in links.items():
            outcomes[rel] = DraftResult(
                rel, self.source / rel, "skipped", ConversionResult(self.source / rel, None), note=note
            )

        # 3. Convert.
        total = len(tasks)
        if progress:
            progress(0, total, "")
        done = 0
        try:
            for outcome in self._execute(tasks):
                outcomes[outcome.relative] = self._record(manifest, outcome, chosen, failed_key)
                done += 1
                # Saved as each draft finishes, so even a killed run's finished drafts are not redone.
                manifest.save()
                heartbeat()
                if progress:
                    progress(done, total, outcome.relative)
        finally:
            # On Ctrl-C too: keep what was finished, so the next run does not redo it.
            manifest.save()

        # 4. Outputs whose draft has gone (or went stale under a profile not chosen now).
        orphans = self._orphans(manifest, set(drafts), full_rels, chosen)
        manifest.save()

        ordered = [outcomes[rel] for rel in sorted(outcomes, key=lambda rel: (rel.casefold(), rel))]
        result = BatchResult(
            source=self.source,
            out_dir=self.out_dir,
            profiles=[p.name for p in chosen],
            drafts=ordered,
            orphans=orphans,
            jobs=self.jobs,
            seconds=round(time.monotonic() - started, 3),
            finished_at=datetime.now(UTC).replace(microsecond=0).isoformat(),
        )
        said = (
            tuple((d.relative, d.status if d.status in ("failed", "skipped") else "ok") for d in ordered),
            tuple(result.profiles),
            tuple(o.relative for o in orphans),
        )
        if (
            tasks
            or any(o.removed for o in orphans)
            or said != self.reported
            or not (self.out_dir / INDEX_NAME).exists()
        ):
            _write_reports(result, self.fail_on)
            self.reported = said
        else:
            result.index, result.report = self.out_dir / INDEX_NAME, self.out_dir / REPORT_NAME
        return result

    def _execute(self, tasks: list[_Task]) -> Iterator[_Outcome]:
        if self.jobs == 1 or len(tasks) <= 1:
            for task in tasks:
                yield _convert_task(task)
            return
        from concurrent.futures import ProcessPoolExecutor, as_completed
        from concurrent.futures.process import BrokenProcessPool

        pool = ProcessPoolExecutor(
            max_workers=min(self.jobs, len(tasks)), initializer=_init_worker, initargs=(os.getpid(),)
        )
        try:
            futures = {pool.submit(_convert_task, task): task for task in tasks}
            for future in as_completed(futures):
                try:
                    yield future.result()
                except BrokenProcessPool:
                    # A worker died (out of memory, a crash in a library): report that draft, not a traceback.
                    yield _Outcome(
                        futures[future].relative,
                        None,
                        "accessconv stopped unexpectedly while converting this draft (it may be too large "
                        "for this computer's memory). It will be tried again on the next run.",
                        False,
                    )
        finally:
            pool.shutdown(wait=True, cancel_futures=True)

    def _record(
        self, manifest: _Manifest, outcome: _Outcome, chosen: list[Profile], failed_key: str
    ) -> DraftResult:
        rel = outcome.relative
        entry = manifest.pending.pop(rel)
        full = entry.pop("full")
        path = self.source / rel
        outputs: dict[str, Any] = entry.setdefault("outputs", {})
        if outcome.result is None:
            entry.update(status="failed", error=outcome.error, failed_key=failed_key, draft_checks=[])
            if not outcome.repeatable:
                entry["sha256"] = None  # try again next run
            manifest.drafts[rel] = entry
            failed = ConversionResult(source=path, out_dir=None, error=outcome.error)
            return DraftResult(rel, path, "failed", failed, rebuilt=[])
        result = outcome.result
        rebuilt = sorted({o.profile for o in result.outputs})
        if full:
            # The draft has changed: no old output of a chosen profile is kept.
            for name in sorted({p.name for p in chosen} & set(outputs) - set(rebuilt)):
                _remove_files([self.out_dir / f["path"] for f in outputs.pop(name)["files"]], self.out_dir)
        for name in rebuilt:
            new_files = [o for o in result.outputs if o.profile == name]
            old = outputs.get(name, {}).get("files", [])
            keep = {self._rel_out(o.path) for o in new_files}
            _remove_files([self.out_dir / f["path"] for f in old if f["path"] not in keep], self.out_dir)
            outputs[name] = {
                "digest": next(p.digest for p in chosen if p.name == name),
                "browser": self.browser,
                "format": new_files[0].format if new_files else "",
                "files": [
                    {
                        "path": self._rel_out(o.path),
                        "changes": o.changes,
                        "checks": [c.to_json() for c in o.checks],
                    }
                    for o in new_files
                ],
            }
        entry.update(
            status="converted",
            error=None,
            failed_key=None,
            draft_checks=[c.to_json() for c in result.draft_checks],
        )
        manifest.drafts[rel] = entry
        return DraftResult(rel, path, "converted", self._rehydrate(rel, entry, chosen), rebuilt=rebuilt)

    def _rel_out(self, path: Path) -> str:
        return path.relative_to(self.out_dir).as_posix()

    def _rehydrate(self, rel: str, entry: dict[str, Any], chosen: list[Profile]) -> ConversionResult:
        """The draft's results as recorded in the manifest, for the chosen profiles."""
        path = self.source / rel
        if entry.get("status") == "failed":
            return ConversionResult(source=path, out_dir=None, error=entry.get("error"))
        outputs = []
        for profile in chosen:
            record = entry.get("outputs", {}).get(profile.name)
            for f in record["files"] if record else []:
                outputs.append(
                    OutputResult(
                        profile.name,
                        record["format"],
                        self.out_dir / f["path"],
                        [CheckResult(**c) for c in f["checks"]],
                        list(f["changes"]),
                    )
                )
        return ConversionResult(
            source=path,
            out_dir=self.out_dir / entry["out_dir"],
            outputs=outputs,
            draft_checks=[CheckResult(**c) for c in entry.get("draft_checks", [])],
        )

    def _skipped(self, rel: str) -> DraftResult:
        path = self.source / rel
        result = ConversionResult(source=path, out_dir=None)
        return DraftResult(rel, path, "skipped", result, note=WAITING)

    def _orphans(
        self, manifest: _Manifest, present: set[str], rebuilt_full: set[str], chosen: list[Profile]
    ) -> list[Orphan]:
        chosen_names = {p.name for p in chosen}
        orphans: list[Orphan] = []
        for rel in sorted(manifest.drafts):
            entry = manifest.drafts[rel]
            outputs = entry.get("outputs", {})
            if rel not in present:
                files = [self.out_dir / f["path"] for o in outputs.values() for f in o["files"]]
                reason = "Its draft has been deleted or moved."
                if self.prune:
                    _remove_files(files, self.out_dir)
                    del manifest.drafts[rel]
                orphans.append(Orphan(rel, files, reason, self.prune))
            elif entry.get("status") == "converted":
                # Made from an old version of the draft with a profile not chosen this time.
                stale = sorted(
                    name
                    for name, record in outputs.items()
                    if name not in chosen_names and (rel in rebuilt_full or record.get("stale"))
                )
                files = [self.out_dir / f["path"] for name in stale for f in outputs[name]["files"]]
                if not files:
                    continue
                reason = (
                    f"Its draft has changed, and these were made with {', '.join(stale)}, "
                    "which was not chosen this time."
                )
                for name in stale:
                    if self.prune:
                        outputs.pop(name)
                    else:
                        outputs[name]["stale"] = True
                if self.prune:
                    _remove_files(files, self.out_dir)
                orphans.append(Orphan(rel, files, reason, self.prune))
        return orphans


def _failed_key(chosen: list[Profile], draft_digest: str) -> str:
    parts = [f"{p.name}={p.digest}" for p in sorted(chosen, key=lambda p: p.name)]
    return hashlib.sha256("|".join([draft_digest, *parts]).encode()).hexdigest()[:16]


def _stale_profiles(
    entry: dict[str, Any], chosen: list[Profile], out_dir: Path, browser: bool = False
) -> list[Profile]:
    """Chosen profiles whose outputs are missing, were made with another version of the profile,
    were deleted from the output folder by someone, or (with `browser`) have web pages that were
    never audited in the browser."""
    stale = []
    for profile in chosen:
        record = entry.get("outputs", {}).get(profile.name)
        if (
            record is None
            or record.get("stale")
            or record.get("digest") != profile.digest
            or not record.get("files")
            or any(not (out_dir / f["path"]).is_file() for f in record["files"])
            or (
                browser
                and not record.get("browser")
                and any(f["path"].endswith(".html") for f in record["files"])
            )
        ):
            stale.append(profile)
    return stale


def _remove_files(files: list[Path], out_dir: Path) -> None:
    """Delete output files (only inside the output folder), then any folders left empty."""
    root = out_dir.resolve()
    for file in files:
        target = file.resolve()
        if root not in target.parents:
            continue
        try:
            target.unlink(missing_ok=True)
        except OSError:
            continue
        parent = target.parent
        while parent != root and root in parent.parents:
            try:
                parent.rmdir()
            except OSError:
                break
            parent = parent.parent


def _sweep_leftovers(out_dir: Path) -> list[Path]:
    """Remove what a killed run left in the output folder: the temporary folders a draft's outputs
    were being written to, and half-written manifest or report files. Called holding the lock, so
    no other run is writing here; pipeline.is_leftover_temp spares those of live processes."""
    removed: list[Path] = []
    for dirpath, dirnames, filenames in os.walk(out_dir):
        here = Path(dirpath)
        for d in list(dirnames):
            if d.startswith(".") and d.endswith(".tmp") and is_leftover_temp(here / d):
                shutil.rmtree(here / d, ignore_errors=True)
                removed.append(here / d)
                dirnames.remove(d)
        if here == out_dir:
            for name in filenames:
                match = ATOMIC_TEMP.match(name)
                if match and not pid_alive(int(match["pid"])):
                    (here / name).unlink(missing_ok=True)
                    removed.append(here / name)
    return removed


def _check_folders(source: Path, out_dir: Path) -> None:
    if not source.exists():
        raise InputError(source, "there is no folder with this name", "Check the name of the drafts folder.")
    if not source.is_dir():
        raise InputError(
            source,
            "this is a file, not a folder",
            "Give 'accessconv batch' a folder of drafts, or use 'accessconv convert' for one draft.",
        )
    if out_dir.exists() and not out_dir.is_dir():
        raise OutputError(f'Cannot write outputs to "{out_dir}": it is a file, not a folder. Choose another.')
    src, out = source.resolve(), out_dir.resolve()
    if src == out or out in src.parents:
        raise UsageError(
            f'The output folder "{out_dir}" must not be the drafts folder "{source}" or contain it. '
            "Choose an output folder beside the drafts folder (or inside it)."
        )


# ---------------------------------------------------------------- the manifest


class _Manifest:
    """What the output folder holds: one entry per draft (see module docstring)."""

    def __init__(self, out_dir: Path, drafts: dict[str, dict[str, Any]], current: bool) -> None:
        self.path = out_dir / MANIFEST_NAME
        self.drafts = drafts
        # False when written by another accessconv version: every draft is converted again.
        self.current = current
        self.pending: dict[str, dict[str, Any]] = {}

    @classmethod
    def load(cls, out_dir: Path) -> _Manifest:
        path = out_dir / MANIFEST_NAME
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
        except FileNotFoundError:
            return cls(out_dir, {}, True)
        except (OSError, ValueError):
            return cls(out_dir, {}, False)  # damaged: convert everything again
        if not isinstance(data, dict) or data.get("manifest_version") != MANIFEST_VERSION:
            return cls(out_dir, {}, False)
        drafts = data.get("drafts", {})
        return cls(
            out_dir, drafts if isinstance(drafts, dict) else {}, data.get("tool_version") == __version__
        )

    def save(self) -> None:
        data = {"manifest_version": MANIFEST_VERSION, "tool_version": __version__, "drafts": self.drafts}
        _write_atomic(self.path, json.dumps(data, indent=1, sort_keys=True, ensure_ascii=False) + "\n")


def _write_atomic(path: Path, text: str) -> None:
    """Write to a temporary name in the same folder, then rename: readers see old or new, never half."""
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    try:
        tmp.write_text(text, encoding="utf-8", newline="\n")
        os.replace(tmp, path)
    except OSError as err:
        tmp.unlink(missing_ok=True)
        raise OutputError(output_problem(err, path.parent)) from err


def _write_reports(result: BatchResult, fail_on: str) -> None:
    from .folder_report import render_index
    from .report import batch_to_json

    result.report = result.out_dir / REPORT_NAME
    result.index = result.out_dir / INDEX_NAME
    report = batch_to_json(result, fail_on)
    _write_atomic(result.report, json.dumps(report, indent=2, ensure_ascii=False) + "\n")
    _write_atomic(result.index, render_index(result, fail_on))


# ---------------------------------------------------------------- the lock


class FolderLock:
    """A lock file in the output folder, so two runs never work on it at once.

    It records the process id, when that process started (Linux: /proc/<pid>/stat's start time and
    the boot id, so a process id reused after a crash or a restart is not taken for the run), the
    computer's name and a random token. It counts as left behind by a crash (and is cleared) when
    that process no longer runs on this computer, or when it has not been touched for
    `stale_after` seconds (a run touches it as it goes). A lock from another computer is honoured
    until then: it may be a live run on a shared drive."""

    def __init__(self, out_dir: Path, stale_after: float) -> None:
        self.path = out_dir / LOCK_NAME
        self.stale_after = stale_after
        self.token = uuid.uuid4().hex
        self.held = False

    def __enter__(self) -> FolderLock:
        self.acquire()
        return self

    def __exit__(self, *_exc: object) -> None:
        self.release()

    def acquire(self) -> None:
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
        except OSError as err:
            raise OutputError(output_problem(err, self.path.parent)) from err
        body = json.dumps(
            {
                "pid": os.getpid(),
                "host": socket.gethostname(),
                "started": datetime.now(UTC).replace(microsecond=0).isoformat(),
                "token": self.token,
                "process_start": _process_start(os.getpid()),
                "boot_id": _boot_id(),
            }
        )
        for _attempt in range(3):
            try:
                _create_exclusive(self.path, body)
            except FileExistsError:
                info = _read_lock(self.path)
                if info is not None and self._is_stale(info):
                    self._clear(info)
                    continue
                raise FolderLockedError(self._busy_message(info)) from None
            except OSError as err:
                raise OutputError(output_problem(err, self.path.parent)) from err
            self.held = True
            return
        raise FolderLockedError(self._busy_message(_read_lock(self.path)))

    def touch(self) -> None:
        if self.held:
            try:
                os.utime(self.path)
            except OSError:
                pass

    def release(self) -> None:
        if not self.held:
            return
        self.held = False
        info = _read_lock(self.path)
        if info is not None and info.get("token") == self.token:
            self.path.unlink(missing_ok=True)

    def _is_stale(self, info: dict[str, Any]) -> bool:
        age = time.time() - info.get("_mtime", time.time())
        if not info.get("token"):  # unreadable: a run that died while writing it, unless very new
            return age > LOCK_WRITE_GRACE_SECONDS
        if age > self.stale_after:
            return True
        if info.get("host") != socket.gethostname():
            return False  # maybe a live run on another computer sharing the drive
        pid = info.get("pid")
        if not isinstance(pid, int) or not pid_alive(pid):
            return True
        boot = info.get("boot_id")
        if boot and _boot_id() and boot != _boot_id():
            return True  # written before the computer restarted
        started = info.get("process_start")
        now = _process_start(pid)
        return started is not None and now is not None and started != now  # the id was reused

    def _clear(self, info: dict[str, Any]) -> None:
        # Move it aside first, so two runs clearing the same stale lock cannot both win.
        aside = self.path.with_name(f"{LOCK_NAME}.{self.token}.stale")
        try:
            os.replace(self.path, aside)
        except FileNotFoundError:
            return
        if (_read_lock(aside) or {}).get("token") != info.get("token"):
            # Another run put a fresh lock here between our look and our move: put it back.
            os.replace(aside, self.path)
            return
        aside.unlink(missing_ok=True)

    def _busy_message(self, info: dict[str, Any] | None) -> str:
        who = ""
        if info and info.get("token"):
            who = f" (process {info.get('pid')} on {info.get('host')}, started {info.get('started')} UTC)"
        return (
            f'Another accessconv run{who} is already working on "{self.path.parent}". Wait for it to '
            f'finish and try again. If you are sure no run is active, delete "{self.path}".'
        )


def _create_exclusive(path: Path, text: str) -> None:
    """Create `path` holding `text`, or raise FileExistsError if it exists.

    The text is written to a private file first and hard-linked into place, so the lock never
    exists half-written. Where hard links are not supported (some network shares), the file is
    created exclusively and then written."""
    tmp = path.with_name(f"{path.name}.{uuid.uuid4().hex}.tmp")
    try:
        tmp.write_text(text, encoding="utf-8")
        try:
            os.link(tmp, path)
            return
        except FileExistsError:
            raise
        except OSError:
            pass  # no hard links here
    finally:
        tmp.unlink(missing_ok=True)
    fd = os.open(path, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o644)
    with os.fdopen(fd, "w", encoding="utf-8") as fh:
        fh.write(text)


def _read_lock(path: Path) -> dict[str, Any] | None:
    """The lock's contents plus its time (_mtime); {} if unreadable; None if it has gone."""
    try:
        mtime = path.stat().st_mtime
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        return None
    except OSError:
        return {"_mtime": time.time()}
    try:
        info = json.loads(text)
    except ValueError:
        info = {}
    if not isinstance(info, dict):
        info = {}
    info["_mtime"] = mtime
    return info


def _process_start(pid: int) -> int | None:
    """When process `pid` started, in clock ticks since boot (Linux), or None where unknown."""
    try:
        stat_line = Path(f"/proc/{pid}/stat").read_text(encoding="ascii", errors="replace")
        # The name (field 2) may hold spaces and brackets: count fields after its last ')'.
        return int(stat_line.rsplit(")", 1)[1].split()[19])  # field 22, starttime
    except (OSError, IndexError, ValueError):
        return None


def _boot_id() -> str | None:
    try:
        return Path("/proc/sys/kernel/random/boot_id").read_text(encoding="ascii").strip() or None
    except OSError:
        return None
