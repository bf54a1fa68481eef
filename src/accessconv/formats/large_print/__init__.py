"""Large print and giant print: an editable Word file and a tagged PDF (UKAAF, RNIB clear print).

One module serves both profiles (`large-print`, `giant-print`): sizes, font, spacing, margins,
paper and colours all come from the profile. The Word file is formatted through its styles; the
PDF is typeset by Typst from our own model (typst_writer.py). Both are checked by reading them back
(`plugin.py` writes, `checking.py` checks).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .. import Format
    from .. import large_print as _this

from .settings import Checks, Settings

__all__ = ["CLAIMS", "FILE_TYPES", "LABEL", "OUTPUTS", "Checks", "Settings"]

LABEL = "large print"
# The files it writes, by how their names end after the profile's output_suffix.
OUTPUTS = (".docx", ".pdf")
# Files of these types with no ending above are checked with this format's default profile.
CLAIMS = (".pdf",)
FILE_TYPES = (".docx", ".pdf")
# Next to the other formats (1): a Word file and a typeset PDF, both read back.
COST = 3


if TYPE_CHECKING:
    # mypy checks that this package fits the plug-in interface, with its own Settings and Checks.
    _format: Format[Settings, Checks] = _this
