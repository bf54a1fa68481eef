"""The draft itself: a checks-only "format" (there is nothing to write).

`accessconv check draft.docx` and every conversion run these checks on the source, so an author
can fix a problem once in Word instead of in every output.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from ...checks import CheckResult
    from ...model import Document
    from .. import Format, Profile
    from .. import draft as _this

LABEL = "the draft"
# The files it writes, by how their names end after the profile's output_suffix.
OUTPUTS = ()
# Files of these types with no ending above are checked with this format's default profile.
CLAIMS = (".docx", ".odt", ".md", ".markdown")
FILE_TYPES = (".docx", ".odt", ".md", ".markdown")


@dataclass(frozen=True)
class Settings:
    pass


@dataclass(frozen=True)
class Checks:
    fake_heading_max_words: int
    max_alt_length: int
    repeated_spaces: int


def check(path: Path, profile: Profile[Settings, Checks], doc: Document | None = None) -> list[CheckResult]:
    from ...reader import read

    return start_check(path, profile)(doc if doc is not None else read(path))


def start_check(path: Path, profile: Profile[Settings, Checks]) -> Callable[[Document], list[CheckResult]]:
    """Read what the checks need from the file itself now; run them when given the document.
    The pipeline calls this while pandoc is still reading the draft."""
    from .checks import start_draft_check

    return start_draft_check(path, profile.checks)


if TYPE_CHECKING:
    # mypy checks that this package fits the plug-in interface, with its own Settings and Checks.
    _plugin: Format[Settings, Checks] = _this
