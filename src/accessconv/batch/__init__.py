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

import time
from collections.abc import Callable, Sequence
from pathlib import Path

from ..config import DEFAULT_INTERVAL_SECONDS, DEFAULT_SETTLE_SECONDS, DEFAULT_STALE_LOCK_MINUTES
from ..errors import AccessconvError, FolderLockedError
from ..formats import AnyProfile
from ..limits import DEFAULT, Limits
from ..results import REMEMBERED_FAILURE, WAITING, BatchResult, DraftResult, DraftStatus, Orphan
from .lock import LOCK_NAME, FolderLock, _boot_id
from .manifest import MANIFEST_NAME, DraftEntry, Manifest, OutputFile, ProfileOutputs
from .run import INDEX_NAME, REPORT_NAME, BatchProgress, Run, default_jobs
from .scan import (
    check_still_inside,
    file_hash,
    find_drafts,
    find_links,
    ignore_reason,
    output_folders,
    scan_folder,
    wait_until_stable,
)

__all__ = [
    "INDEX_NAME",
    "LOCK_NAME",
    "MANIFEST_NAME",
    "REMEMBERED_FAILURE",
    "REPORT_NAME",
    "WAITING",
    "BatchProgress",
    "BatchResult",
    "DraftEntry",
    "DraftResult",
    "DraftStatus",
    "FolderLock",
    "Manifest",
    "Orphan",
    "OutputFile",
    "ProfileOutputs",
    "_boot_id",
    "check_still_inside",
    "convert_folder",
    "default_jobs",
    "file_hash",
    "find_drafts",
    "find_links",
    "ignore_reason",
    "output_folders",
    "scan_folder",
    "wait_until_stable",
    "watch_folder",
]


# ---------------------------------------------------------------- the public API


def convert_folder(
    source: Path | str,
    out_dir: Path | str,
    profiles: Sequence[str | AnyProfile] | None = None,
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
    run = Run(source, out_dir, profiles, profiles_dirs, jobs, prune, settle, fail_on, browser, limits)
    with FolderLock(run.out_dir, stale_lock_minutes * 60) as lock:
        return run.once(force=force, progress=progress, heartbeat=lock.touch)


def watch_folder(
    source: Path | str,
    out_dir: Path | str,
    profiles: Sequence[str | AnyProfile] | None = None,
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
    run = Run(source, out_dir, profiles, profiles_dirs, jobs, prune, settle, fail_on, browser, limits)
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
