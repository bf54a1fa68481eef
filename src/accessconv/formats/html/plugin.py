"""Writes the plain web page, and checks it with `checking.check` (loaded by `formats.load_plugin`
only when a file is written)."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from ... import model as m
from ...web.page import render
from .. import Profile, Ready, Written, output_name
from . import Checks, Settings
from .checking import check

__all__ = ["check", "write"]

if TYPE_CHECKING:
    from .. import WritingPlugin
    from . import plugin as _this


def write(
    doc: m.Document, profile: Profile[Settings, Checks], out_dir: Path, stem: str, ready: Ready | None = None
) -> Written:
    path = out_dir / output_name(stem, profile.output_suffix, ".html")
    page, notes = render(doc, profile.settings)
    path.write_text(page, encoding="utf-8", newline="\n")
    return Written([path], notes)


if TYPE_CHECKING:
    # mypy checks that this module fits the plug-in interface, with the format's Settings and Checks.
    _plugin: WritingPlugin[Settings, Checks] = _this
