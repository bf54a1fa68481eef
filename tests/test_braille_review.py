"""Regressions found in review: braille checks that must fail on a broken written file."""

from __future__ import annotations

import re
from pathlib import Path

from accessconv.pipeline import check_file, convert
from braille_builders import write_draft

DRAFT = """---
title: Care Plan
lang: en-GB
---

# Care Plan

We will help you at home. We will visit you each week.
"""


def _page_number_status(path: Path) -> set[str]:
    return {r.status for r in check_file(path, "braille").checks if r.id == "braille.page_numbers"}


def test_a_page_number_at_the_left_margin_is_not_top_right(tmp_path: Path) -> None:
    draft = write_draft(tmp_path, "plan.md", DRAFT)
    brf = next(p for p in convert(draft, ["braille"], tmp_path / "out").written if p.suffix == ".brf")
    assert _page_number_status(brf) == {"pass"}
    pages = brf.read_bytes().split(b"\f")
    # Braille page 1 (after the title page): move "#A" from the right-hand end to the margin.
    pages[1], n = re.subn(rb"^ +#A\r\n", b"#A\r\n", pages[1], count=1)
    assert n == 1
    brf.write_bytes(b"\f".join(pages))
    assert _page_number_status(brf) == {"error"}
