"""The braille profile's [settings] and [checks] tables, as types.

The writers and checks of this format import them from here (never from the package's
__init__), so the package has no import cycle.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Typeforms:
    """liblouis typeform bits (see the [settings.typeform] table of the braille profiles)."""

    italic: int
    underline: int
    bold: int
    transcriber_note: int
    url: int


@dataclass(frozen=True)
class Settings:
    tables: list[str]
    cells_per_line: int
    lines_per_page: int
    brf_line_ending: str  # "crlf" or "lf"
    paragraph_style: str  # "indented" or "blocked"
    paragraph_first_cell: int
    paragraph_runover_cell: int
    heading_cells: list[int]  # first cell of headings at levels 2, 3, 4...; the main heading is centred
    list_item_cell: int
    list_runover_cell: int
    list_nesting_step: int
    list_bullet: str  # print sign for unordered items ("•" gives the UEB bullet ⠸⠲); "" leaves it out
    blockquote_indent: int
    table_column_gap: int
    table_guide_dots_from: int  # guide dots fill a gap between columns this wide or wider
    long_word_continuation: str
    title_page: bool
    title_page_lines: list[str]
    pages_per_volume: int  # braille pages in a volume before a new one starts; 0: never
    picture_label: str
    picture_no_description: str
    untranslatable_note: str
    note_ref: str
    notes_label: str
    notes_placement: str  # "document" or "section"
    show_link_urls: bool
    preview_title_page_line: str
    preview_page_line: str
    pef_duplex: bool
    pef_rowgap: int
    pef_date: str
    pef_description: str
    typeform: Typeforms


@dataclass(frozen=True)
class Checks:
    round_trip_examples: int
    min_spaces_before_page_number: int
    max_examples: int
