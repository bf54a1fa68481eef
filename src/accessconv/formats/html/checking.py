"""Checks the plain web page: only the HTML checks, none of the page writer's libraries
(loaded by `formats.load_checker` for `accessconv check`, and by `plugin.py` for a conversion)."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from ... import model as m
from ...checks import CheckResult
from ...checks.html import check_html_file
from .. import Profile
from . import Checks, Settings

if TYPE_CHECKING:
    from .. import Plugin
    from . import checking as _this


def check(path: Path, profile: Profile[Settings, Checks], doc: m.Document | None = None) -> list[CheckResult]:
    return check_html_file(path, profile.checks)


if TYPE_CHECKING:
    # mypy checks that this module fits the checking interface, with the format's Settings and Checks.
    _checking: Plugin[Settings, Checks] = _this
