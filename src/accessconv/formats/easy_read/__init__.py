"""Easy Read: short points, each with a picture on the left, in Word and on the web.

The language half (`language.language.transform`) turns the draft into sections of short points
with hard words marked; `symbols` gives each point a picture. The writers (`docx_writer`,
`html_writer`, `review`) write:

- `<stem>-easy-read.docx`: a cover (title and a picture), then per section a heading and a
  two-column table (picture left, text right), a "Hard words" section and the pictures' credit;
- `<stem>-easy-read.pdf`: the same layout as a tagged PDF to print (`pdf_writer`, Typst);
- `<stem>-easy-read.html`: the same layout as a responsive, self-contained page;
- `<stem>-easy-read-review.html`: the review sheet, everything a person must still check.

Every size, label and threshold comes from the profile (`profiles/easy-read.toml`). This package
names the format; `plugin.py` writes, `checking.py` checks.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from .settings import LABEL, REVIEW_ENDING, Checks, LayoutSettings, Settings

if TYPE_CHECKING:
    from .. import Format
    from .. import easy_read as _this

__all__ = ["FILE_TYPES", "LABEL", "OUTPUTS", "Checks", "LayoutSettings", "Settings"]

# The files it writes, by how their names end after the profile's output_suffix.
OUTPUTS = (".docx", ".pdf", ".html", REVIEW_ENDING)
FILE_TYPES = (".docx", ".pdf", ".html", ".htm")
# Next to the other formats (1): the language steps make Easy Read the longest to write.
COST = 10


if TYPE_CHECKING:
    # mypy checks that this package fits the plug-in interface, with its own Settings and Checks.
    _format: Format[Settings, Checks] = _this
