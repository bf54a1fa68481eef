"""The numbers each family of checks reads from a profile's [checks] table, as types.

Apart from the checks themselves, so that loading a profile (which names these types) imports
no document library: python-docx and lxml load only when a file is checked.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class TypographyLimits:
    """The numbers a .docx is checked against; every format takes them from its profile."""

    min_size_error_pt: float  # text smaller than this is an error
    min_size_warning_pt: float  # text smaller than this is a warning
    allowed_fonts: list[str]  # sans serif fonts from the standard's allow-list
    paper_width_mm: float
    paper_height_mm: float
    paper_tolerance_mm: float
    min_margin_cm: float
    min_line_spacing: float  # as a multiple of single spacing
    max_capital_words: int  # more capital-letter words than this in a row is a "block of capitals"
    min_contrast: float  # text colour against the page colour
    require_page_numbers: bool


@dataclass(frozen=True)
class HtmlLimits:
    """The numbers a web page is checked against; each format fills them from its profile."""

    min_contrast: float
    min_contrast_error: float
    min_line_height: float
    max_measure_ch: int
    max_alt_length: int
    # Body text size in rem (1 rem is 12 pt at the browser's default 16 px).
    min_body_font_rem: float
