"""Writes large print, and checks it with `checking.check` (loaded by `formats.load_plugin` only
when a file is written)."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from ...model import Document
from .. import Profile, Ready, Written, output_name
from .checking import check
from .docx_writer import DocxWriter
from .prepare import prepare
from .settings import Checks, Settings
from .typst_writer import start_pdf

__all__ = ["check", "write"]

if TYPE_CHECKING:
    from .. import WritingPlugin
    from . import plugin as _this


def write(
    doc: Document, profile: Profile[Settings, Checks], out_dir: Path, stem: str, ready: Ready | None = None
) -> Written:
    settings = profile.settings
    prepared = prepare(doc, settings.table_max_columns)
    docx_path = out_dir / output_name(stem, profile.output_suffix, ".docx")
    pdf_path = out_dir / output_name(stem, profile.output_suffix, ".pdf")
    finish_pdf = None
    if settings.write_pdf:
        # Typst lays out the PDF on another core while the Word file is written here.
        finish_pdf = start_pdf(doc, prepared.blocks, settings, pdf_path)
    writer = DocxWriter(settings, doc)
    writer.write(prepared.blocks, docx_path)
    if ready is not None:
        ready(docx_path)  # checked while Typst still lays out the PDF
    pdf_notes = finish_pdf() if finish_pdf is not None else []
    if ready is not None and finish_pdf is not None:
        ready(pdf_path)
    paths = [docx_path, pdf_path] if finish_pdf is not None else [docx_path]
    return Written(paths, prepared.notes + writer.notes + pdf_notes)


if TYPE_CHECKING:
    # mypy checks that this module fits the plug-in interface, with the format's Settings and Checks.
    _plugin: WritingPlugin[Settings, Checks] = _this
