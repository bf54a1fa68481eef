"""Saving .docx files so the same input gives byte-identical output.

python-docx stamps the current time into the zip entries and the core properties; councils keep
outputs under version control, so every writer saves through `save_deterministic`.
"""

from __future__ import annotations

import datetime
import io
import zipfile
from pathlib import Path
from typing import Any

FIXED_TIME = datetime.datetime(2000, 1, 1, 0, 0, 0, tzinfo=datetime.UTC)
ZIP_TIME = (2000, 1, 1, 0, 0, 0)
MAX_PROPERTY_CHARS = 255  # python-docx's limit on a core property such as the title


def save_deterministic(document: Any, path: Path, title: str, language: str) -> None:
    """Save a python-docx Document with fixed dates, title and language, and a zip whose
    entries are sorted (content types first, as Office expects) with fixed timestamps."""
    props = document.core_properties
    props.title = short_title(title)
    props.language = language
    props.author = "accessconv"
    props.last_modified_by = "accessconv"
    props.created = FIXED_TIME
    props.modified = FIXED_TIME
    props.last_printed = FIXED_TIME
    props.revision = 1
    # python-docx's template carries a thumbnail of a blank page; a reader's file manager would
    # show it as the document's preview, so drop it.
    package = document.part.package
    for rel_id, rel in list(package.rels.items()):
        if rel.reltype.endswith("/metadata/thumbnail"):
            del package.rels[rel_id]
    buffer = io.BytesIO()
    document.save(buffer)
    normalise_zip(buffer.getvalue(), path)


def short_title(title: str) -> str:
    """The title as python-docx can store it: it refuses core properties over 255 characters
    (a draft whose main heading is a long paragraph), so cut at a word and end with an ellipsis."""
    if len(title) <= MAX_PROPERTY_CHARS:
        return title
    cut = title[: MAX_PROPERTY_CHARS - 1]
    if " " in cut.strip():
        cut = cut.rstrip().rsplit(" ", 1)[0]
    return cut.rstrip() + "\u2026"


def normalise_zip(data: bytes, path: Path) -> None:
    """Rewrite zip `data` to `path` with sorted entries and fixed timestamps."""
    with zipfile.ZipFile(io.BytesIO(data)) as src:
        entries = {info.filename: src.read(info) for info in src.infolist()}
    first = "[Content_Types].xml"
    order = sorted(entries, key=lambda name: (name != first, name))
    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED) as out:
        for name in order:
            info = zipfile.ZipInfo(name, date_time=ZIP_TIME)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            out.writestr(info, entries[name])
