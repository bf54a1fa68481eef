"""Checks large print: the Word typography checks and the PDF checks, none of the writers
(python-docx's writing side, Typst) (loaded by `formats.load_checker` for `accessconv check`, and
by `plugin.py` for a conversion)."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from ...checks import CheckResult
from ...checks.docx_typography import check_docx
from ...checks.pdf import check_pdf
from ...model import Document
from .. import Profile
from .settings import Checks, Settings

if TYPE_CHECKING:
    from .. import Plugin
    from . import checking as _this


def check(path: Path, profile: Profile[Settings, Checks], doc: Document | None = None) -> list[CheckResult]:
    if path.suffix.lower() == ".pdf":
        return check_pdf(path, profile.checks)
    return check_docx(path, profile.checks)


if TYPE_CHECKING:
    # mypy checks that this module fits the checking interface, with the format's Settings and Checks.
    _checking: Plugin[Settings, Checks] = _this
