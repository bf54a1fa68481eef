"""Errors a user can hit. Each message is written for an officer, not a programmer.

They are raised deep in the pipeline and caught once, at the CLI boundary (or returned in a
result by the Python API), where they become a one-line message and exit code 2.
"""

from __future__ import annotations

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
