"""WCAG 2 contrast, once for every check (web pages and Word files).

Relative luminance as WCAG 2.x defines it (sRGB, linear below the 0.04045 cut-off of IEC
61966-2-1). Older WCAG text gives 0.03928; no 8-bit channel value (n/255) lies between the two,
so for colour codes both give the same ratios.
"""

from __future__ import annotations

import re

_NAMED = {"black": "#000000", "white": "#ffffff"}


def rgb(colour: str) -> tuple[float, float, float]:
    """A colour written as #rrggbb, #rgb, rgb(r, g, b), black or white, as three channels from
    0 to 1. (Word writes colours without the #: add it.)"""
    c = colour.strip().lower()
    c = _NAMED.get(c, c)
    if re.fullmatch(r"#[0-9a-f]{3}", c):
        c = "#" + "".join(ch * 2 for ch in c[1:])
    found = re.fullmatch(r"#([0-9a-f]{2})([0-9a-f]{2})([0-9a-f]{2})", c)
    if found:
        return tuple(int(g, 16) / 255 for g in found.groups())  # type: ignore[return-value]
    found = re.fullmatch(r"rgb\(\s*(\d+)\s*,\s*(\d+)\s*,\s*(\d+)\s*\)", c)
    if found:
        return tuple(int(g) / 255 for g in found.groups())  # type: ignore[return-value]
    raise ValueError(f"colour '{colour}' is not #rrggbb, #rgb or rgb()")


def luminance(colour: str) -> float:
    """WCAG 2 relative luminance, from 0 (black) to 1 (white)."""
    r, g, b = (v / 12.92 if v <= 0.04045 else ((v + 0.055) / 1.055) ** 2.4 for v in rgb(colour))
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast_ratio(foreground: str, background: str) -> float:
    """WCAG 2 contrast ratio between two colours, from 1 to 21."""
    a, b = sorted((luminance(foreground), luminance(background)), reverse=True)
    return (a + 0.05) / (b + 0.05)
