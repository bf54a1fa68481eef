"""A web page's settings (a profile's [settings] for the page engine), as a type.

Apart from the page engine, so that loading a profile imports no template engine.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class PageSettings:
    font_family: str
    base_font_size_rem: float
    line_height: float
    measure_ch: int
    text_colour: str
    background_colour: str
    link_colour: str
    visited_colour: str
    focus_colour: str
    focus_text_colour: str
    dark_text_colour: str
    dark_background_colour: str
    dark_link_colour: str
    dark_visited_colour: str
    contents_min_headings: int
    contents_label: str
    notes_label: str
    skip_link_label: str
