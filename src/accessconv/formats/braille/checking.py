"""Checks braille files: the checks and the back-translation they need, not the layout writer's
file makers (loaded by `formats.load_checker` for `accessconv check`, and by `plugin.py` for a
conversion)."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from ... import model as m
from ...checks import CheckResult
from .. import Profile
from .checks import check_braille_file
from .settings import Checks, Settings

if TYPE_CHECKING:
    from .. import Plugin
    from . import checking as _this


def check(path: Path, profile: Profile[Settings, Checks], doc: m.Document | None = None) -> list[CheckResult]:
    return check_braille_file(path, profile, doc)


if TYPE_CHECKING:
    # mypy checks that this module fits the checking interface, with the format's Settings and Checks.
    _checking: Plugin[Settings, Checks] = _this
