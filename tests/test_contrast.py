"""The one WCAG contrast function used by the web page and Word file checks."""

from __future__ import annotations

import pytest

from accessconv.checks.contrast import contrast_ratio, luminance, rgb


@pytest.mark.parametrize(
    ("foreground", "background", "ratio"),
    [
        ("#000000", "#ffffff", 21.0),  # the largest possible
        ("#777777", "#ffffff", 4.48),  # just under AA for body text
        ("#767676", "#ffffff", 4.54),  # the lightest grey that passes AA on white
        ("#595959", "#ffffff", 7.0),  # AAA
        ("#ff0000", "#ffffff", 4.0),
        ("#0000ff", "#ffffff", 8.59),
        ("#808080", "#000000", 5.32),
        ("#ffffff", "#ffffff", 1.0),
    ],
)
def test_known_wcag_ratios(foreground: str, background: str, ratio: float) -> None:
    assert contrast_ratio(foreground, background) == pytest.approx(ratio, abs=0.01)


def test_order_does_not_matter() -> None:
    assert contrast_ratio("#0B3D91", "#FFFFE0") == contrast_ratio("#FFFFE0", "#0B3D91")


def test_colour_forms() -> None:
    assert rgb("#777") == rgb("#777777") == rgb("rgb(119, 119, 119)")
    assert rgb("Black") == (0.0, 0.0, 0.0)
    assert rgb(" WHITE ") == (1.0, 1.0, 1.0)
    assert luminance("#000") == 0.0
    assert luminance("#fff") == pytest.approx(1.0)
    for bad in ("ffffff", "#ffff", "red", "rgb(1,2)"):
        with pytest.raises(ValueError):
            rgb(bad)


def test_old_and_new_srgb_cut_off_agree_on_every_8_bit_value() -> None:
    """WCAG 2.0 printed 0.03928 as the sRGB cut-off, IEC 61966-2-1 (and WCAG 2.2) 0.04045. No
    channel value n/255 lies between them (10/255 = 0.0392, 11/255 = 0.0431), so the Word check
    (which used 0.03928) and the web page check (0.04045) give the same ratio for every colour."""

    def linear(v: float, cut: float) -> float:
        return v / 12.92 if v <= cut else ((v + 0.055) / 1.055) ** 2.4

    for n in range(256):
        assert linear(n / 255, 0.03928) == linear(n / 255, 0.04045)
