"""Plain accessible HTML: one self-contained HTML5 file per draft (WCAG 2.2 AA).

The page itself is built by the shared web engine (`accessconv.web.page`); this plug-in names the
profile's settings and checks and the file endings it writes.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from ...checks.html import HtmlLimits
from ...web.page import PageSettings, render
from .. import Profile, Written, output_name

if TYPE_CHECKING:
    from ... import model as m
    from ...checks import CheckResult
    from .. import WritingFormat
    from .. import html as _this

LABEL = "accessible web page"
# The files it writes, by how their names end after the profile's output_suffix.
OUTPUTS = (".html",)
# Files of these types with no ending above are checked with this format's default profile.
CLAIMS = (".html", ".htm")
FILE_TYPES = (".html", ".htm")

Settings = PageSettings
Checks = HtmlLimits


def write(doc: m.Document, profile: Profile[Settings, Checks], out_dir: Path, stem: str) -> Written:
    path = out_dir / output_name(stem, profile.output_suffix, ".html")
    page, notes = render(doc, profile.settings)
    path.write_text(page, encoding="utf-8", newline="\n")
    return Written([path], notes)


def preload() -> None:
    """Import what check() needs (the pipeline calls this while pandoc reads the draft)."""
    import lxml.html  # noqa: F401

    from ...checks import html  # noqa: F401


def check(path: Path, profile: Profile[Settings, Checks], doc: m.Document | None = None) -> list[CheckResult]:
    from ...checks.html import check_html_file

    return check_html_file(path, profile.checks)


if TYPE_CHECKING:
    # mypy checks that this package fits the plug-in interface, with its own Settings and Checks.
    _plugin: WritingFormat[Settings, Checks] = _this
