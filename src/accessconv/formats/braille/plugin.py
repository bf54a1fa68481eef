"""Writes braille, and checks it with `checking.check` (loaded by `formats.load_plugin` only when
a file is written)."""

from __future__ import annotations

import hashlib
import os
import re
import zipfile
from datetime import UTC, date, datetime
from pathlib import Path
from typing import TYPE_CHECKING

from ... import model as m
from ...errors import ProfileError
from .. import Profile, Ready, Written, output_name
from .checking import check
from .files import brf_bytes, pef_bytes, preview_text
from .layout import lay_out
from .settings import Checks, Settings
from .translate import Translator

if TYPE_CHECKING:
    from .. import WritingPlugin
    from . import plugin as _this

__all__ = ["check", "make_translator", "publication_date", "source_identity", "validate", "write"]

# The Unicode preview's name ends "-braille.txt".
PREVIEW_EXTRA = "-braille"


def output_paths(out_dir: Path, stem: str, suffix: str) -> tuple[Path, Path, Path]:
    return (
        out_dir / output_name(stem, suffix, ".brf"),
        out_dir / output_name(stem, suffix, ".pef"),
        out_dir / output_name(stem, suffix, ".txt", PREVIEW_EXTRA),
    )


def write(
    doc: m.Document, profile: Profile[Settings, Checks], out_dir: Path, stem: str, ready: Ready | None = None
) -> Written:
    s = profile.settings
    validate(s, profile.path)
    translator = make_translator(s)
    layout = lay_out(doc, s, translator)
    pages = layout.all_pages
    brf, pef, txt = output_paths(out_dir, stem, profile.output_suffix)
    brf.write_bytes(brf_bytes(pages, s.lines_per_page, s.brf_line_ending))
    pef.write_bytes(
        pef_bytes(
            pages,
            cols=s.cells_per_line,
            rows=s.lines_per_page,
            rowgap=s.pef_rowgap,
            duplex=s.pef_duplex,
            title=doc.title,
            language=doc.language,
            date=publication_date(doc, s),
            description=s.pef_description,
            source_id=source_identity(doc, profile.name),
            volume_sizes=layout.volume_sizes,
        )
    )
    txt.write_text(
        preview_text(
            layout.title_page,
            layout.pages,
            s.preview_title_page_line,
            s.preview_page_line,
            layout.volume_titles,
        ),
        encoding="utf-8",
        newline="\n",
    )
    return Written([brf, pef, txt], layout.notes)


def make_translator(s: Settings) -> Translator:
    translator = Translator(s.tables, s.typeform, s.untranslatable_note)
    translator.check_tables()
    return translator


def validate(s: Settings, path: Path) -> None:
    """Settings that TOML types alone cannot check, explained in plain words."""
    where = f'Profile "{path}": '
    if s.brf_line_ending not in ("crlf", "lf"):
        raise ProfileError(f'{where}"settings.brf_line_ending" must be "crlf" or "lf".')
    if s.paragraph_style not in ("indented", "blocked"):
        raise ProfileError(f'{where}"settings.paragraph_style" must be "indented" or "blocked".')
    if s.notes_placement not in ("document", "section"):
        raise ProfileError(f'{where}"settings.notes_placement" must be "document" or "section".')
    if not (10 <= s.cells_per_line <= 100 and 5 <= s.lines_per_page <= 100):
        raise ProfileError(
            f"{where}the braille page size {s.cells_per_line} x {s.lines_per_page} is not usable."
        )
    if not s.tables or any(t.startswith("en-GB-g2") or t == "en_GB.tbl" for t in s.tables):
        raise ProfileError(
            f"{where}choose UEB tables such as en-ueb-g2.ctb; en-GB-g2.ctb is the retired pre-UEB code."
        )
    if len(s.long_word_continuation) != 1 or not "\u2800" < s.long_word_continuation <= "\u283f":
        raise ProfileError(f'{where}"settings.long_word_continuation" must be one braille cell, such as "⠐".')
    if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", s.pef_date):
        raise ProfileError(f'{where}"settings.pef_date" must be a date written like 2027-01-31.')
    if "{page}" not in s.preview_page_line:
        raise ProfileError(f'{where}"settings.preview_page_line" must contain {{page}}.')
    if not s.heading_cells or min(s.heading_cells) < 1:
        raise ProfileError(f'{where}"settings.heading_cells" must list cell numbers from 1, like [5, 1].')


def source_identity(doc: m.Document, profile_name: str) -> str:
    """What makes this draft (and profile) itself, for the PEF's dc:identifier: a hash of the
    draft file's bytes, or of its title and text when it has no file."""
    hashed = hashlib.sha256(profile_name.encode() + b"\0")
    hashed.update(doc.title.encode() + b"\0")
    try:
        hashed.update(doc.source.read_bytes() if doc.source is not None else repr(doc.blocks).encode())
    except OSError:
        hashed.update(repr(doc.blocks).encode())
    return hashed.hexdigest()


def publication_date(doc: m.Document, s: Settings, today: date | None = None) -> str:
    """The PEF's dc:date, the same every time for the same draft and profile, never in the future.

    The draft's own date: "last modified" inside a Word file, else the draft file's modification
    time; else SOURCE_DATE_EPOCH (the reproducible-builds convention) when set; else the
    profile's pef_date. A date after today (a clock set wrong, a profile date not yet reached)
    becomes today."""
    limit = (today or datetime.now(UTC).date()).isoformat()
    return min(_own_date(doc, s), limit)


def _own_date(doc: m.Document, s: Settings) -> str:
    source = doc.source
    if source is not None and source.suffix.lower() == ".docx":
        try:
            with zipfile.ZipFile(source) as z:
                core = z.read("docProps/core.xml").decode("utf-8", "replace")
            found = re.search(r"<dcterms:modified[^>]*>(\d{4}-\d{2}-\d{2})", core) or re.search(
                r"<dcterms:created[^>]*>(\d{4}-\d{2}-\d{2})", core
            )
            if found:
                return found.group(1)
        except (OSError, KeyError, zipfile.BadZipFile):
            pass
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "")
    if epoch.isdigit():
        return datetime.fromtimestamp(int(epoch), UTC).strftime("%Y-%m-%d")
    if source is not None:
        try:
            return datetime.fromtimestamp(source.stat().st_mtime, UTC).strftime("%Y-%m-%d")
        except OSError:
            pass
    return s.pef_date


if TYPE_CHECKING:
    # mypy checks that this module fits the plug-in interface, with the format's Settings and Checks.
    _plugin: WritingPlugin[Settings, Checks] = _this
