"""Writes and checks large print (loaded by `formats.load_plugin` only when needed)."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from ...checks import CheckResult
from ...checks.docx_typography import check_docx
from ...checks.pdf import check_pdf
from ...model import Document
from .. import Profile, Written, output_name
from .docx_writer import DocxWriter
from .prepare import prepare
from .settings import Checks, Settings
from .typst_writer import start_pdf

if TYPE_CHECKING:
    from .. import WritingPlugin
    from . import plugin as _this


def write(doc: Document, profile: Profile[Settings, Checks], out_dir: Path, stem: str) -> Written:
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
    pdf_notes = finish_pdf() if finish_pdf is not None else []
    paths = [docx_path, pdf_path] if finish_pdf is not None else [docx_path]
    return Written(paths, prepared.notes + writer.notes + pdf_notes)


def check(path: Path, profile: Profile[Settings, Checks], doc: Document | None = None) -> list[CheckResult]:
    if path.suffix.lower() == ".pdf":
        return check_pdf(path, profile.checks)
    return check_docx(path, profile.checks)


if TYPE_CHECKING:
    # mypy checks that this module fits the plug-in interface, with the format's Settings and Checks.
    _plugin: WritingPlugin[Settings, Checks] = _this
