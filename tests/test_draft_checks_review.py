"""Draft checks: what the reader dropped is reported with a fix that fits it."""

from __future__ import annotations

from pathlib import Path

import accessconv


def _reader_findings(tmp_path: Path, text: str) -> list[accessconv.checks.CheckResult]:
    src = tmp_path / "draft.md"
    src.write_text(text, encoding="utf-8")
    result = accessconv.check_file(src, "draft")
    return [c for c in result.checks if c.id == "draft.reader-notes" and c.status == "warning"]


def test_each_dropped_thing_has_its_own_fix(tmp_path: Path) -> None:
    (tmp_path / "notes.txt").write_text("not a picture", encoding="utf-8")
    found = _reader_findings(
        tmp_path,
        "# Plan\n\nSee [the form](javascript:alert(1)) and <b>bold</b>.\n\n"
        "![A chart](notes.txt)\n\n![A map](https://maps.example/m.png)\n",
    )
    by_topic = {
        "link": next(c for c in found if "javascript:" in c.message),
        "code": next(c for c in found if "HTML" in c.message),
        "unusable": next(c for c in found if "notes.txt" in c.message),
        "remote": next(c for c in found if "maps.example" in c.message),
    }
    assert "Removed 1 link whose" in by_topic["link"].message
    assert "https://" in by_topic["link"].fix
    assert "2 pieces" in by_topic["code"].message  # <b> and </b>
    assert "PNG or JPEG" in by_topic["unusable"].fix
    assert "Insert the picture" in by_topic["remote"].fix
    # No programmer's plurals, and no fix that does not fit its problem.
    assert not any("(s)" in c.message for c in found)
    assert len({c.fix for c in found}) == 4


def test_a_picture_carried_inside_the_draft_is_named_without_its_code(tmp_path: Path) -> None:
    svg = "PHN2ZyB4bWxucz0naHR0cDovL3d3dy53My5vcmcvMjAwMC9zdmcnLz4="
    found = _reader_findings(
        tmp_path,
        f"# Plan\n\n![A logo](data:image/svg+xml;base64,{svg})\n\n![A chart](data:image/png,notbase64)\n",
    )
    messages = [c.message for c in found]
    assert any(
        msg.startswith("A picture carried inside the draft (type SVG) is not a picture") for msg in messages
    )
    assert any(
        msg.startswith("A picture carried inside the draft (type PNG) is not a picture") for msg in messages
    )
    assert not any(svg[:20] in msg or "not fetched" in msg for msg in messages), messages
