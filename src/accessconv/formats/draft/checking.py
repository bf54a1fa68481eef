"""Checks the draft (loaded by `formats.load_checker` only when a file is checked). The draft
format only checks, so this is its whole plug-in: it has no `plugin.py`."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from ...checks import CheckResult
from ...model import Document
from ...reader import read
from .. import Profile
from . import Checks, Settings
from .checks import start_draft_check

if TYPE_CHECKING:
    from .. import Plugin
    from . import checking as _this


def check(path: Path, profile: Profile[Settings, Checks], doc: Document | None = None) -> list[CheckResult]:
    return start_check(path, profile)(doc if doc is not None else read(path))


def start_check(path: Path, profile: Profile[Settings, Checks]) -> Callable[[Document], list[CheckResult]]:
    """Read what the checks need from the file itself now; run them when given the document.
    The pipeline calls this while pandoc is still reading the draft."""
    return start_draft_check(path, profile.checks)


if TYPE_CHECKING:
    # mypy checks that this module fits the plug-in interface, with the format's Settings and Checks.
    _plugin: Plugin[Settings, Checks] = _this
