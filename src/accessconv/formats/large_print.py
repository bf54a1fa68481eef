"""Large print and giant print: an editable Word file and a tagged PDF (UKAAF, RNIB clear print).

One module serves both profiles (`large-print`, `giant-print`): sizes, font, spacing, margins,
paper and colours all come from the profile. The Word file is formatted through its styles; the
PDF is laid out by WeasyPrint from our own print HTML. Both are checked by reading them back.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from ..checks.docx_typography import TypographyLimits
from . import Written, output_name

if TYPE_CHECKING:
    from ..checks import CheckResult
    from ..model import Document
    from ..profiles import Profile

FILE_TYPES = (".docx", ".pdf")


@dataclass(frozen=True)
class Settings:
    font_name: str  # the Word font
    pdf_font_family: str  # CSS font list for the PDF (Liberation Sans stands in for Arial)
    body_size_pt: float
    heading_sizes_pt: list[float]  # level 1, 2, 3...; the last one is used for deeper levels
    line_spacing: float
    space_after_pt: float
    heading_space_before_pt: float
    list_indent_cm: float
    paper_width_mm: float
    paper_height_mm: float
    margin_cm: float
    text_colour: str
    background_colour: str
    link_colour: str
    table_max_columns: int
    image_scale: float  # pictures are enlarged this much, never beyond the text width
    notes_label: str
    note_mark: str  # how a note is marked in the text, e.g. "[{n}]"
    page_label: str
    missing_picture_label: str
    write_pdf: bool
    pdf_variant: str


@dataclass(frozen=True)
class Checks(TypographyLimits):
    # Sizes read from a PDF are floats (17.9999...); a size this close to the minimum passes.
    pdf_size_tolerance_pt: float


def write(doc: Document, profile: Profile, out_dir: Path, stem: str) -> Written:
    from ..largeprint.docx_writer import DocxWriter
    from ..largeprint.prepare import prepare

    settings: Settings = profile.settings
    prepared = prepare(doc, settings.table_max_columns)
    docx_path = out_dir / output_name(stem, profile.output_suffix, ".docx")
    writer = DocxWriter(settings, doc)
    writer.write(prepared.blocks, docx_path)
    paths = [docx_path]
    if settings.write_pdf:
        from ..largeprint.pdf_writer import write_pdf

        pdf_path = out_dir / output_name(stem, profile.output_suffix, ".pdf")
        write_pdf(doc, prepared.blocks, settings, pdf_path)
        paths.append(pdf_path)
    return Written(paths, prepared.notes + writer.notes)


def preload() -> None:
    """Import what write() and check() need (the pipeline calls this while pandoc reads the
    draft): WeasyPrint alone takes a good part of a second to import."""
    import docx  # noqa: F401
    import pypdf  # noqa: F401
    import weasyprint  # noqa: F401

    from ..checks import pdf  # noqa: F401
    from ..largeprint import docx_writer, pdf_writer  # noqa: F401


def check(path: Path, profile: Profile, doc: Document | None = None) -> list[CheckResult]:
    if path.suffix.lower() == ".pdf":
        from ..checks.pdf import check_pdf

        return check_pdf(path, profile.checks)
    from ..checks.docx_typography import check_docx

    return check_docx(path, profile.checks)
