"""The easy read profile's [settings] and [checks] tables, as types.

The writers and checks of this format import them from here (never from the package's
__init__), so the package has no import cycle.
"""

from __future__ import annotations

from dataclasses import dataclass

from ...checks.limits import HtmlLimits, TypographyLimits
from ...web.settings import PageSettings
from .language.settings import LanguageSettings
from .pictures.config import PictureSettings

LABEL = "Easy Read"
# The review sheet: "<draft>-easy-read-review.html".
REVIEW_ENDING = "-review.html"


@dataclass(frozen=True)
class LayoutSettings:
    font_name: str  # sans serif, also the check's first allowed font
    body_pt: float
    heading1_pt: float
    heading2_pt: float
    line_spacing: float  # multiple of single spacing
    space_after_pt: float  # gap after each paragraph
    row_gap_pt: float  # extra gap between points
    picture_cm: float  # picture width in the left column
    cover_picture_cm: float
    page_width_mm: float
    page_height_mm: float
    margin_cm: float
    text_colour: str  # hex without #, for Word
    link_colour: str
    html_picture_rem: float  # picture column width on the web
    cover_subtitle: str
    hard_words_label: str
    hard_words_intro: str
    bold_words_line: str  # near the start: words in bold are explained
    missing_explanation: str
    placeholder_text: str
    credit_label: str
    review_title: str
    list_marker: str = "•"  # the bullet of a list inside a point (the PDF; Word and the web use their own)


@dataclass(frozen=True)
class PdfSettings:
    """The Easy Read PDF ([settings.pdf]); sizes and spacing come from [settings.layout]."""

    write_pdf: bool
    font: str  # the PDF's font family (Liberation Sans has Arial's metrics)
    font_files: list[str]  # the only font files the PDF compiler may use (regular, bold)
    font_single_line_em: float  # the font's single line: line_spacing is a multiple of it
    font_ascent_em: float
    font_descent_em: float
    standard: str  # "ua-1" (tagged PDF/UA-1); "" for a tagged PDF claiming no standard
    page_label: str


@dataclass(frozen=True)
class Settings:
    language: LanguageSettings
    pictures: PictureSettings
    layout: LayoutSettings
    html: PageSettings
    pdf: PdfSettings


@dataclass(frozen=True)
class Checks:
    # Sentence length, point length and whole-document readability use the [settings.language]
    # thresholds, so each number lives in one place.
    section_reading_ease_min: float  # Flesch Reading Ease for each section
    section_reading_ease_min_words: int  # sections with fewer words are too short to score
    max_words: int
    max_pages: int
    max_pictures_per_point: int
    allowed_acronyms: list[str]
    max_listed: int  # findings listed per check before "and N more"
    typography: TypographyLimits
    html: HtmlLimits
