"""Writes and checks the plain web page (loaded by `formats.load_plugin` only when needed)."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from ... import model as m
from ...checks import CheckResult
from ...checks.html import check_html_file
from ...web.page import render
from .. import Profile, Written, output_name
from . import Checks, Settings

if TYPE_CHECKING:
    from .. import WritingPlugin
    from . import plugin as _this


def write(doc: m.Document, profile: Profile[Settings, Checks], out_dir: Path, stem: str) -> Written:
    path = out_dir / output_name(stem, profile.output_suffix, ".html")
    page, notes = render(doc, profile.settings)
    path.write_text(page, encoding="utf-8", newline="\n")
    return Written([path], notes)


def check(path: Path, profile: Profile[Settings, Checks], doc: m.Document | None = None) -> list[CheckResult]:
    return check_html_file(path, profile.checks)


if TYPE_CHECKING:
    # mypy checks that this module fits the plug-in interface, with the format's Settings and Checks.
    _plugin: WritingPlugin[Settings, Checks] = _this
