"""Large print and giant print: an editable Word file and a tagged PDF (UKAAF, RNIB clear print).

One module serves both profiles (`large-print`, `giant-print`): sizes, font, spacing, margins,
paper and colours all come from the profile. The Word file is formatted through its styles; the
PDF is typeset by Typst from our own model (typst_writer.py). Both are checked by reading them back.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from .. import Profile, Written, output_name

if TYPE_CHECKING:
    from ...checks import CheckResult
    from ...model import Document
    from .. import WritingFormat
    from .. import large_print as _this

from .settings import Checks, Settings

__all__ = ['Checks', 'FILE_TYPES', 'LABEL', 'OUTPUTS', 'Settings', 'check', 'write']

LABEL = "large print"
# The files it writes, by how their names end after the profile's output_suffix.
OUTPUTS = (".docx", ".pdf")
# Files of these types with no ending above are checked with this format's default profile.
CLAIMS = (".pdf",)
FILE_TYPES = (".docx", ".pdf")
# Next to the other formats (1): a Word file and a typeset PDF, both read back.
COST = 3


def write(doc: Document, profile: Profile[Settings, Checks], out_dir: Path, stem: str) -> Written:
    from .docx_writer import DocxWriter
    from .prepare import prepare

    settings = profile.settings
    prepared = prepare(doc, settings.table_max_columns)
    docx_path = out_dir / output_name(stem, profile.output_suffix, ".docx")
    pdf_path = out_dir / output_name(stem, profile.output_suffix, ".pdf")
    finish_pdf = None
    if settings.write_pdf:
        from .typst_writer import start_pdf

        # Typst lays out the PDF on another core while the Word file is written here.
        finish_pdf = start_pdf(doc, prepared.blocks, settings, pdf_path)
    writer = DocxWriter(settings, doc)
    writer.write(prepared.blocks, docx_path)
    pdf_notes = finish_pdf() if finish_pdf is not None else []
    paths = [docx_path, pdf_path] if finish_pdf is not None else [docx_path]
    return Written(paths, prepared.notes + writer.notes + pdf_notes)


def preload() -> None:
    """Import what write() and check() need (the pipeline calls this while pandoc reads the
    draft)."""
    import docx  # noqa: F401
    import pypdf  # noqa: F401
    import typst  # noqa: F401

    from ...checks import pdf  # noqa: F401
    from . import docx_writer, typst_writer  # noqa: F401


def check(path: Path, profile: Profile[Settings, Checks], doc: Document | None = None) -> list[CheckResult]:
    if path.suffix.lower() == ".pdf":
        from ...checks.pdf import check_pdf

        return check_pdf(path, profile.checks)
    from ...checks.docx_typography import check_docx

    return check_docx(path, profile.checks)


if TYPE_CHECKING:
    # mypy checks that this package fits the plug-in interface, with its own Settings and Checks.
    _plugin: WritingFormat[Settings, Checks] = _this
