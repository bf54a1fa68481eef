"""The Office Open XML namespaces, once for the whole program.

python-docx's `qn("w:...")` knows most of them; these are for code that reads Word files back with
plain lxml (the checks, without loading python-docx) and for Word's "decorative" extension, which
python-docx has no prefix for.
"""

from __future__ import annotations

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
WP = "http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing"
A = "http://schemas.openxmlformats.org/drawingml/2006/main"
A16_DECORATIVE = "http://schemas.microsoft.com/office/drawing/2017/decorative"
DECORATIVE_URI = "{C183D7F6-B498-43B3-948B-1728B52AA6E4}"  # Word's extension id for "decorative"


def w(tag: str) -> str:
    """`{namespace}tag` for a WordprocessingML tag, for lxml's find and iter."""
    return f"{{{W}}}{tag}"
