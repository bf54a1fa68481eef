"""Braille: UEB contracted or uncontracted, as BRF, PEF and a Unicode preview.

Translation is liblouis (tables from the profile); layout follows UK transcription conventions
(layout.py); `plugin.py` writes, `checking.py` checks. Three files come out of one layout, so
they always agree: `<stem><suffix>.brf` for embossers and displays, `<stem><suffix>.pef` (PEF 2008-1) and
`<stem><suffix>-braille.txt`, Unicode braille for a sighted reviewer.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .. import Format
    from .. import braille as _this

from .settings import Checks, Settings

__all__ = ["FILE_TYPES", "LABEL", "OUTPUTS", "Checks", "Settings"]

LABEL = "braille"
# The files it writes, by how their names end after the profile's output_suffix.
OUTPUTS = (".brf", ".pef", "-braille.txt")
FILE_TYPES = (".brf", ".pef", ".txt")


if TYPE_CHECKING:
    # mypy checks that this package fits the plug-in interface, with its own Settings and Checks.
    _format: Format[Settings, Checks] = _this
