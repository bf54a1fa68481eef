"""Regressions found in review: awkward drafts the large print and Easy Read Word files must survive."""

from __future__ import annotations

from pathlib import Path

import pytest

from accessconv.pipeline import convert


@pytest.mark.parametrize("profile", ["large-print", "easy-read"])
def test_a_main_heading_over_255_characters_still_gives_a_titled_word_file(
    profile: str, tmp_path: Path
) -> None:
    import docx

    heading = " ".join(["council"] * 50)  # 399 characters: python-docx refuses titles over 255
    draft = tmp_path / "long.md"
    draft.write_text(f"# {heading}\n\nThe council helps people at home.\n", encoding="utf-8")
    result = convert(draft, [profile], tmp_path / "out")
    word = next(p for p in result.written if p.suffix == ".docx")
    title = docx.Document(str(word)).core_properties.title
    assert 0 < len(title) <= 255
    assert title.endswith("\u2026") and heading.startswith(title[:-1].rstrip())
    props = [c for o in result.outputs if o.path == word for c in o.checks if c.id == "docx.properties"]
    assert props and props[0].status == "pass"
