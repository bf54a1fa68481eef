"""The large print profile's [settings] and [checks] tables, as types.

The writers and checks of this format import them from here (never from the package's
__init__), so the package has no import cycle.
"""

from __future__ import annotations

from dataclasses import dataclass

from ...checks.limits import TypographyLimits


@dataclass(frozen=True)
class Settings:
    font_name: str  # the Word font
    pdf_font: str  # the PDF's font family (Liberation Sans has Arial's metrics)
    pdf_font_files: list[str]  # the only font files the PDF compiler may use (regular, bold)
    # The font's single line, ascender and descender, in em: Word spaces lines as a multiple of
    # the single line, and the PDF is given the same line box and baseline distance.
    font_single_line_em: float
    font_ascent_em: float
    font_descent_em: float
    font_average_char_em: float  # an average letter or space: how many characters a table column holds
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
    pdf_standard: str  # "ua-1" (tagged PDF/UA-1); "" for a tagged PDF claiming no standard


@dataclass(frozen=True)
class Checks(TypographyLimits):
    # Sizes read from a PDF are floats (17.9999...); a size this close to the minimum passes.
    pdf_size_tolerance_pt: float
