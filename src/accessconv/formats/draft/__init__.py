"""The draft itself: a checks-only "format" (there is nothing to write).

`accessconv check draft.docx` and every conversion run these checks on the source, so an author
can fix a problem once in Word instead of in every output. `checking.py` checks.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .. import Format
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


if TYPE_CHECKING:
    # mypy checks that this package fits the plug-in interface, with its own Settings and Checks.
    _format: Format[Settings, Checks] = _this
