"""Plain accessible HTML: one self-contained HTML5 file per draft (WCAG 2.2 AA).

The page itself is built by the shared web engine (`accessconv.web.page`); this plug-in names the
profile's settings and checks and the file endings it writes. `plugin.py` writes, `checking.py` checks.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from ...checks.limits import HtmlLimits
from ...web.settings import PageSettings

if TYPE_CHECKING:
    from .. import Format
    from .. import html as _this

LABEL = "accessible web page"
# The files it writes, by how their names end after the profile's output_suffix.
OUTPUTS = (".html",)
# Files of these types with no ending above are checked with this format's default profile.
CLAIMS = (".html", ".htm")
FILE_TYPES = (".html", ".htm")

Settings = PageSettings
Checks = HtmlLimits


if TYPE_CHECKING:
    # mypy checks that this package fits the plug-in interface, with its own Settings and Checks.
    _format: Format[Settings, Checks] = _this
