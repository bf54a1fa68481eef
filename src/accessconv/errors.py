"""Errors a user can hit. Each message is written for an officer, not a programmer.

They are raised deep in the pipeline and caught once, at the CLI boundary (or returned in a
result by the Python API), where they become a one-line message and exit code 2.
"""

from __future__ import annotations

import errno
from pathlib import Path


class AccessconvError(Exception):
    """Base class: something the user can fix. `str(err)` is the whole message."""

    exit_code = 2


class InputError(AccessconvError):
    """The draft cannot be read: missing, empty, corrupt, encrypted or unsupported."""

    def __init__(self, path: Path | str, problem: str, fix: str) -> None:
        self.path = Path(path)
        self.problem = problem
        self.fix = fix
        super().__init__(f'"{path}": {problem}. {fix}')


class ProfileError(AccessconvError):
    """A profile file is missing, unknown or has a wrong setting."""


class OutputError(AccessconvError):
    """An output cannot be written (folder not writable, disk full...)."""


class UsageError(AccessconvError):
    """The command was asked for something that does not make sense."""


class FolderLockedError(AccessconvError):
    """Another batch run is working on the same output folder."""


class TimeLimitError(InputError):
    """A draft took longer than Limits.draft_seconds and was stopped."""

    def __init__(self, path: Path | str, seconds: float) -> None:
        super().__init__(
            path,
            f"the draft took longer than {seconds:g} seconds to convert, so it was stopped",
            "Split it into smaller drafts, or raise draft_seconds under [limits] in accessconv.toml.",
        )


def output_problem(err: OSError, folder: Path | str) -> str:
    """The officer's message for an output that cannot be written, by cause (never errno text,
    which means nothing to them; `folder` must be the real output folder, not a temporary one)."""
    code = err.errno
    if code == errno.ENOSPC or code == getattr(errno, "EDQUOT", errno.ENOSPC):
        return (
            f'The disk holding "{folder}" is full (or your space on it is used up): free some space '
            "and try again."
        )
    if code == errno.EROFS:
        return f'The folder "{folder}" is on a read-only disk. Choose another output folder with -o/--out.'
    if code in (errno.EACCES, errno.EPERM):
        return (
            f'You are not allowed to write to the folder "{folder}". Choose another output folder with '
            "-o/--out, or ask for permission to write there."
        )
    return (
        f'Cannot write to the folder "{folder}". Check that it is still there and reachable, or choose '
        "another output folder with -o/--out."
    )


def disk_full(path: Path | str) -> str:
    """The message for a disk that filled up outside the output folder (pandoc's working files)."""
    return (
        f'"{path}": the disk is full (accessconv needs room for its working files): free some space '
        "and try again."
    )


def shown(value: object) -> str:
    """A wrong TOML value as its author wrote it, not as Python prints it."""
    if isinstance(value, dict):
        return "a table of settings"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, str):
        return f'"{value}"'
    return str(value)
